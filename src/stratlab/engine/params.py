"""Parameters per member, and the random streams they and the decisions draw from.

Randomness (docs/engine.md, "Randomness"): one seed per run gives
``numpy.random.SeedSequence(seed)``, which spawns one child per member; member ``i`` draws all its
uniforms from its own child, so its stream does not depend on the ensemble size or on how
members are split over processes. Each member's uniforms are laid out as: one per uncertainty
(in the order of the scenario), then one block per simulated year. Uncertainties are sampled
by the inverse CDF of their distribution at the member's uniform. The streams are drawn before
the simulation (one ``Generator.random`` call per member); the simulation itself is vectorized.

Levers apply their ``default``; uncertainties then replace a parameter per member.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from stratlab.models.perception import PerceptionParams
from stratlab.models.treaty import TreatyParams
from stratlab.scenario.parameters import ASSUMPTION, parameter_table
from stratlab.scenario.spec import Scenario, Uncertainty

FloatArray = NDArray[np.float64]
T = TypeVar("T")


def member_uniforms(seed: int, members: int, n: int) -> FloatArray:
    """``(members, n)`` uniforms in [0, 1): row ``i`` from child ``i`` of ``SeedSequence(seed)``."""
    if members < 1:
        raise ValueError(f"members must be >= 1, got {members}")
    out = np.empty((members, n))
    for i, child in enumerate(np.random.SeedSequence(seed).spawn(members)):
        out[i] = np.random.default_rng(child).random(n)
    return out


def sample(unc: Uncertainty, u: FloatArray) -> FloatArray:
    """Values of ``unc`` at uniforms ``u`` (inverse CDF)."""
    if unc.dist == "uniform":
        lo, hi = float(unc.low), float(unc.high)  # type: ignore[arg-type]
        return lo + u * (hi - lo)
    if unc.dist == "triangular":
        lo, mode, hi = float(unc.low), float(unc.mode), float(unc.high)  # type: ignore[arg-type]
        values = stats.triang.ppf(u, (mode - lo) / (hi - lo), loc=lo, scale=hi - lo)
        return np.asarray(values, dtype=np.float64)
    if unc.dist == "normal":
        x = np.asarray(stats.norm.ppf(u, loc=unc.mean, scale=unc.sd), dtype=np.float64)
        lo = -np.inf if unc.low is None else unc.low
        hi = np.inf if unc.high is None else unc.high
        return np.clip(x, lo, hi)
    values = np.asarray(unc.values, dtype=np.float64)
    return values[np.minimum((u * len(values)).astype(np.int64), len(values) - 1)]


@dataclass(frozen=True)
class ParamSet:
    """Every numeric parameter as an array over members, plus the run's switches."""

    values: dict[str, FloatArray]
    members: int
    lua: bool
    can_form: dict[str, FloatArray]
    """Treaty id -> per-member flag: may the treaty (re)form (forward mode)."""
    sources: frozenset[str]

    def __getitem__(self, path: str) -> FloatArray:
        return self.values[path]

    def col(self, path: str, ndim: int) -> FloatArray:
        """The parameter shaped ``(member, 1, …, 1)`` to broadcast with ``ndim``-axis arrays."""
        return self.values[path].reshape((self.members,) + (1,) * (ndim - 1))

    def _model(self, cls: type[T], block: str, ndim: int) -> T:
        names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
        return cls(**{n: self.col(f"{block}.{n}", ndim) for n in names})

    def perception(self, ndim: int) -> PerceptionParams:
        """:class:`PerceptionParams` with per-member arrays shaped for ``ndim``-axis beliefs."""
        return self._model(PerceptionParams, "perception", ndim)

    def treaty(self, ndim: int) -> TreatyParams:
        """:class:`TreatyParams` with per-member arrays shaped for ``ndim``-axis values."""
        return self._model(TreatyParams, "treaty", ndim)

    def with_values(self, **changes: Any) -> ParamSet:
        """A copy with some paths replaced (``arms__reaction=…`` for ``arms.reaction``)."""
        new = dict(self.values)
        for key, value in changes.items():
            new[key.replace("__", ".")] = np.broadcast_to(np.asarray(value, float), (self.members,)).copy()
        return ParamSet(new, self.members, self.lua, self.can_form, self.sources)


def build_params(scenario: Scenario, uniforms: FloatArray) -> ParamSet:
    """Per-member parameters: scenario values, lever defaults, then uncertainty samples.

    ``uniforms`` is ``(member, k)`` with one column per uncertainty (in order).
    """
    members = uniforms.shape[0]
    rows = parameter_table(scenario.parameters)
    values = {r.path: np.full(members, r.value) for r in rows}
    sources = {r.source for r in rows if r.source and r.source not in (ASSUMPTION, "user assumption")}
    can_form = {t.id: np.full(members, float(t.can_form)) for t in scenario.treaties}
    for lever in scenario.levers:
        target = can_form if lever.parameter.startswith("treaties.") else values
        key = lever.parameter.split(".")[1] if lever.parameter.startswith("treaties.") else lever.parameter
        target[key] = np.full(members, float(lever.default))
    for k, unc in enumerate(scenario.uncertainties):
        values[unc.parameter] = sample(unc, uniforms[:, k])
    return ParamSet(values, members, scenario.parameters.stability.lua, can_form, frozenset(sources))


def uncertainty_count(scenario: Scenario) -> int:
    """Uniform columns the uncertainties take at the head of each member's stream."""
    return len(scenario.uncertainties)


def split_streams(uniforms: FloatArray, head: int, blocks: Sequence[int]) -> list[FloatArray]:
    """``[head columns, block 1, block 2, …]`` of a ``(member, n)`` uniform matrix."""
    out = [uniforms[:, :head]]
    pos = head
    for size in blocks:
        out.append(uniforms[:, pos:pos + size])
        pos += size
    return out


__all__ = ["ParamSet", "build_params", "member_uniforms", "sample", "split_streams", "uncertainty_count"]
