"""What both modes share: actors, years, per-member parameters and streams, geography, beliefs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from stratlab.engine.arsenal import Arsenal
from stratlab.engine.arsenal import posture_arsenal as arsenal_of
from stratlab.engine.history import posture_sources
from stratlab.engine.params import ParamSet, build_params, member_uniforms
from stratlab.scenario.spec import PostureSpec, Scenario

if TYPE_CHECKING:
    import duckdb

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class RunContext:
    """A scenario prepared for one run: parameters per member and the decision streams."""

    scenario: Scenario
    con: duckdb.DuckDBPyConnection
    actors: list[str]
    years: list[int]
    params: ParamSet
    streams: FloatArray
    """``(member, k)`` uniforms left after the uncertainties (the yearly decision blocks)."""
    reach: FloatArray
    """``(actor, target)``: 1 if the actor's INF-band systems reach the target's homeland."""
    theatre: FloatArray
    """``(actor, target)``: 1 if their INF-band forces face each other in a theatre."""
    seed: int

    @property
    def members(self) -> int:
        """Ensemble size."""
        return self.params.members


def reach_matrix(scenario: Scenario) -> FloatArray:
    """``inf_reach`` as a 0/1 matrix (default: every rival)."""
    actors = scenario.actors
    n = len(actors)
    given = scenario.parameters.inf_reach
    out = np.ones((n, n)) if given is None else np.zeros((n, n))
    for a, targets in (given or {}).items():
        for t in targets:
            out[actors.index(a), actors.index(t)] = 1.0
    np.fill_diagonal(out, 0.0)
    return out


def theatre_matrix(scenario: Scenario) -> FloatArray:
    """``inf_theatre`` as a symmetric 0/1 matrix (default: every dyad)."""
    actors = scenario.actors
    n = len(actors)
    given = scenario.parameters.inf_theatre
    out = np.ones((n, n)) if given is None else np.zeros((n, n))
    for a, b in given or []:
        out[actors.index(a), actors.index(b)] = out[actors.index(b), actors.index(a)] = 1.0
    np.fill_diagonal(out, 0.0)
    return out


def initial_beliefs(scenario: Scenario, params: ParamSet) -> FloatArray:
    """``(member, actor, target)`` hostility at the start: ``initial_hostility`` or ``memory``."""
    actors = scenario.actors
    n = len(actors)
    h = np.broadcast_to(params.col("perception.memory", 3), (params.members, n, n)).copy()
    for obs, row in scenario.parameters.initial_hostility.items():
        for tgt, value in row.items():
            h[:, actors.index(obs), actors.index(tgt)] = value
    idx = np.arange(n)
    h[:, idx, idx] = 0.0
    return h


def posture_arsenal(con: duckdb.DuckDBPyConnection, spec: PostureSpec) -> tuple[Arsenal, set[str]]:
    """One actor's start forces: its catalog posture of the year (the annual ``forces`` table, as
    the historical replay has it), or an inline posture taken as complete (families it omits are
    zero)."""
    if spec.catalog is not None:
        from stratlab.scenario.posture_catalog import posture_from_catalog

        posture = posture_from_catalog(spec.catalog.actor, spec.catalog.year, con=con)
    else:
        assert spec.posture is not None
        posture = spec.posture
    return arsenal_of(posture), posture_sources(posture)


def start_arsenal(ctx: RunContext) -> tuple[Arsenal, set[str]]:
    """Every actor's start forces, fields ``(actor,)``, in scenario actor order."""
    by_actor = {spec.actor: spec for spec in ctx.scenario.postures}
    parts, sources = [], set()
    for actor in ctx.actors:
        ars, used = posture_arsenal(ctx.con, by_actor[actor])
        parts.append(ars.map(lambda x: np.asarray(x, dtype=np.float64).reshape(())))
        sources |= used
    return Arsenal.stack(parts, axis=-1), sources


def prepare(scenario: Scenario, members: int, seed: int, block: int,
            con: duckdb.DuckDBPyConnection | None = None) -> RunContext:
    """Draw every member's stream and sample its parameters; ``block`` = uniforms per year."""
    if con is None:
        from stratlab.data import catalog

        con = catalog()
    years = scenario.year_list
    head = len(scenario.uncertainties)
    uniforms = member_uniforms(seed, members, head + block * max(len(years) - 1, 0))
    params = build_params(scenario, uniforms[:, :head])
    return RunContext(scenario, con, list(scenario.actors), years, params, uniforms[:, head:],
                      reach_matrix(scenario), theatre_matrix(scenario), seed)


__all__ = ["RunContext", "initial_beliefs", "posture_arsenal", "prepare", "reach_matrix", "start_arsenal",
           "theatre_matrix"]
