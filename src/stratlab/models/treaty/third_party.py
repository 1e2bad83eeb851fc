"""Withdrawal from a bilateral cap when a third party is unconstrained (reference §4.6, lab design).

No published formal model of this was found (reference ``perception.md`` §4.6, §7 item 4); the
rule is the reference's lab proposal [D design]: party ``i`` stays under the cap ``x̄`` iff

    U_i(x̄; x_3) >= max_x U_i(x; x_3) - κ_i

with ``x_3`` the uncapped third party's forces in the band and ``κ_i`` the exit cost. The concrete
``U_i`` is this project's lab design: a quadratic loss around a threat-dependent ideal force level,

    U_i(x; x_3) = -a ((x - x̂_i) / s)^2,    x̂_i = max(0, x_0 + k h_3 x_3),

where ``k`` is a Richardson-style reaction to the third party's forces, ``h_3`` i's belief that
the third party is hostile and ``s`` the force unit. Under the cap i picks the best ``x <= x̄``,
i.e. ``min(x̂_i, x̄)`` (equal to the reference's ``U_i(x̄)`` whenever the cap binds), so the
"threat gap" is ``G = a (max(x̂_i - x̄, 0) / s)^2`` and i stays iff ``G <= κ_i``; exit comes at the
first year the gap grows past ``κ_i``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


def _src(source: str, note: str) -> dict[str, str]:
    return {"source": source, "note": note}


def _f(v: ArrayLike) -> FloatArray:
    return np.asarray(v, dtype=np.float64)


@dataclass(frozen=True)
class ThirdPartyParams:
    """The lab design's ``U_i``; each field a scalar or one value per member."""

    base_ideal: ArrayLike = field(default=0.0, metadata=_src(
        "guo-long-2020", "x_0: ideal forces in the band with no third-party threat (lab design)"))
    reaction: ArrayLike = field(default=1.0, metadata=_src(
        "richardson-1960", "k >= 0: rise in the ideal per unit hostile third-party force; 1 = "
        "match it (lab design; a Richardson defence coefficient)"))
    loss_weight: ArrayLike = field(default=1.0, metadata=_src(
        "guo-long-2020", "a > 0: value lost per squared force unit off the ideal (lab design)"))
    force_scale: ArrayLike = field(default=100.0, metadata=_src(
        "guo-long-2020", "s > 0: forces per unit, as TreatyParams.force_scale (assumption)"))


def third_party_param_sources() -> dict[str, dict[str, str]]:
    """``{field: {"source": id, "note": text}}`` for every :class:`ThirdPartyParams` default."""
    return {f.name: dict(f.metadata) for f in fields(ThirdPartyParams)}


def _params(params: ThirdPartyParams | None) -> ThirdPartyParams:
    p = params if params is not None else ThirdPartyParams()
    if np.any(_f(p.reaction) < 0):
        raise ValueError(f"third-party parameter reaction must be >= 0, got {p.reaction!r}")
    for name in ("loss_weight", "force_scale"):
        if not np.all(_f(getattr(p, name)) > 0):
            raise ValueError(f"third-party parameter {name} must be > 0, got {getattr(p, name)!r}")
    return p


def ideal_force(x3: ArrayLike, hostility: ArrayLike = 1.0,
                params: ThirdPartyParams | None = None) -> FloatArray:
    """``x̂_i = max(0, x_0 + k h_3 x_3)``: the forces i would want in the band, uncapped."""
    p = _params(params)
    return np.asarray(np.maximum(0.0, _f(p.base_ideal) + _f(p.reaction) * _f(hostility) * _f(x3)),
                      dtype=np.float64)


def utility(x: ArrayLike, x3: ArrayLike, hostility: ArrayLike = 1.0,
            params: ThirdPartyParams | None = None) -> FloatArray:
    """``U_i(x; x_3) = -a ((x - x̂_i)/s)^2``."""
    p = _params(params)
    d = (_f(x) - ideal_force(x3, hostility, p)) / _f(p.force_scale)
    return np.asarray(-_f(p.loss_weight) * d * d, dtype=np.float64)


def threat_gap(cap: ArrayLike, x3: ArrayLike, hostility: ArrayLike = 1.0,
               params: ThirdPartyParams | None = None) -> FloatArray:
    """``max_x U_i - max_{0 <= x <= x̄} U_i = a (max(x̂_i - x̄, 0)/s)^2`` (>= 0)."""
    p = _params(params)
    x_hat = ideal_force(x3, hostility, p)
    best_capped = np.minimum(x_hat, _f(cap))
    return np.asarray(utility(x_hat, x3, hostility, p) - utility(best_capped, x3, hostility, p),
                      dtype=np.float64)


def stays(cap: ArrayLike, x3: ArrayLike, exit_cost: ArrayLike, hostility: ArrayLike = 1.0,
          params: ThirdPartyParams | None = None) -> BoolArray:
    """Reference §4.6: stay iff ``U_i(x̄; x_3) >= max_x U_i(x; x_3) - κ_i`` (gap ``<= κ_i``)."""
    if np.any(_f(cap) < 0):
        raise ValueError(f"cap must be >= 0, got {cap!r}")
    return np.asarray(threat_gap(cap, x3, hostility, params) <= _f(exit_cost), dtype=np.bool_)


def exit_time(cap: ArrayLike, x3_path: ArrayLike, exit_cost: ArrayLike, hostility: ArrayLike = 1.0,
              params: ThirdPartyParams | None = None) -> IntArray:
    """First time index at which the gap exceeds ``κ_i``, per member; -1 if never.

    ``x3_path`` is ``(member, time)`` (or ``(time,)``); ``cap``, ``exit_cost`` and ``hostility``
    are per member (broadcast along time); give per-member :class:`ThirdPartyParams` fields
    as ``(member, 1)`` arrays.
    """
    path = _f(x3_path)
    if path.ndim == 1:
        path = path[None, :]
    if path.ndim != 2:
        raise ValueError(f"x3_path must be (member, time), got shape {path.shape}")

    def col(v: ArrayLike) -> FloatArray:
        a = _f(v)
        return a[..., None] if a.ndim else a

    leave = ~stays(col(cap), path, col(exit_cost), col(hostility), params)
    first = np.argmax(leave, axis=1)
    return np.asarray(np.where(leave.any(axis=1), first, -1), dtype=np.int64)
