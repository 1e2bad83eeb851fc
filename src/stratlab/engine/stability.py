"""First-strike stability of every pair of actors, with INF-band forces where they reach.

For each unordered pair ``(i, j)`` and every member and year, one Kent–Thaler exchange
(:func:`stratlab.models.first_strike.first_strike_stability`, all pairs in one batched call):
side ``i`` fields its central forces plus, if its INF-band systems reach ``j``'s homeland
(``inf_reach``), its nuclear INF-band forces (fixed and survivable kept apart, alert pooled).
DE, ``w80`` and the interceptors' kill probability are scenario parameters (``stability.*``).
With three or more actors each side withholds a deterrent reserve against every third party
(:func:`~stratlab.models.first_strike.deterrent_reserve` at ``stability.reserve_damage``), summed
over third parties as in :func:`~stratlab.models.first_strike.multipolar_stability`.
The system index is the minimum over pairs (the weakest dyad) and the product over pairs.

The historical replay takes the route of ``stratlab stability --year`` instead
(:func:`posture_stability`): each pair's inputs are
:meth:`stratlab.scenario.Posture.to_force_arrays` of that year's catalog postures — each side's
components that reach the other's homeland (docs/theory/first_strike.md, "Reach") — with DE,
``w80`` and ``pk`` replaced by the members' ``stability.*`` parameters, whose defaults are the
same one set of assumptions (:data:`stratlab.scenario.assumptions.DEFAULT`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from stratlab.data.vocabulary import INF_CATEGORIES
from stratlab.engine.arsenal import Arsenal
from stratlab.engine.params import ParamSet
from stratlab.models.first_strike import ForceArrays, deterrent_reserve, first_strike_stability
from stratlab.scenario.assumptions import DEFAULT
from stratlab.scenario.posture import Posture, force_arrays

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


def pairs(n: int) -> tuple[IntArray, IntArray]:
    """Indices ``(i, j)``, ``i < j``, of the unordered pairs of ``n`` actors."""
    ii, jj = np.triu_indices(n, k=1)
    return ii.astype(np.intp), jj.astype(np.intp)


@dataclass(frozen=True)
class Stability:
    """Pairwise and system first-strike stability, arrays ``(member, year, …)``."""

    fsi: FloatArray
    """``(…, actor, target)``: symmetric, NaN on the diagonal."""
    system_min: FloatArray
    system_product: FloatArray


def _ratio(num: FloatArray, den: FloatArray) -> FloatArray:
    return np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)


def _side(ars: Arsenal, own: IntArray, reach: FloatArray, params: ParamSet, ndim: int) -> ForceArrays:
    def take(x: FloatArray) -> FloatArray:
        return np.take(x, own, axis=-1)

    n_f = take(ars.n_fixed) + reach * take(ars.inf_n_fixed)
    w_f = take(ars.w_fixed) + reach * take(ars.inf_w_fixed)
    inf_ns = reach * take(ars.inf_n_surv)
    n_s = take(ars.n_surv) + inf_ns
    w_s = take(ars.w_surv) + reach * take(ars.inf_w_surv)
    alert = _ratio(take(ars.alert) * take(ars.n_surv) + take(ars.inf_alert) * inf_ns, n_s)
    return ForceArrays(
        n_fixed=n_f, m_fixed=_ratio(w_f, n_f), n_surv=n_s, m_surv=_ratio(w_s, n_s),
        de_fixed=params.col("stability.de_fixed", ndim), de_surv=params.col("stability.de_surv", ndim),
        w80=params.col("stability.w80", ndim), alert=np.clip(alert, 0.0, 1.0),
        interceptors=take(ars.interceptors), pk=params.col("stability.pk", ndim), lua=params.lua,
    )


def _reserves(ars: Arsenal, params: ParamSet, ndim: int) -> FloatArray | None:
    n = ars.n_fixed.shape[-1]
    if n < 3 or not np.any(params["stability.reserve_damage"] > 0):
        return None
    central = ForceArrays(
        n_fixed=ars.n_fixed, m_fixed=0.0, n_surv=ars.n_surv, m_surv=0.0, de_fixed=0.0, de_surv=0.0,
        w80=params.col("stability.w80", ndim), interceptors=ars.interceptors,
        pk=params.col("stability.pk", ndim),
    )
    return deterrent_reserve(central, params.col("stability.reserve_damage", ndim))


def _assemble(a: ForceArrays, b: ForceArrays, ars: Arsenal, params: ParamSet, ndim: int) -> Stability:
    n = ars.n_fixed.shape[-1]
    ii, jj = pairs(n)
    res = _reserves(ars.map(np.nan_to_num), params, ndim)
    r_a: FloatArray | float = 0.0
    r_b: FloatArray | float = 0.0
    if res is not None:
        total = res.sum(axis=-1)
        r_a = np.take(total, ii, axis=-1) - res[..., ii, jj]
        r_b = np.take(total, jj, axis=-1) - res[..., jj, ii]
    result = first_strike_stability(a, b, reserve_a=r_a, reserve_b=r_b)
    fsi = np.full((*result.fsi.shape[:-1], n, n), np.nan)
    fsi[..., ii, jj] = result.fsi
    fsi[..., jj, ii] = result.fsi
    return Stability(fsi=fsi, system_min=result.fsi.min(axis=-1), system_product=result.fsi.prod(axis=-1))


def pair_stability(ars: Arsenal, reach: FloatArray, params: ParamSet, with_inf: bool = True) -> Stability:
    """FSI of every pair; ``ars`` fields are ``(member, year, actor)``, ``reach`` ``(actor, target)``."""
    ndim = ars.n_fixed.ndim
    ii, jj = pairs(ars.n_fixed.shape[-1])
    scale = reach if with_inf else np.zeros_like(reach)
    a = _side(ars, ii, scale[ii, jj], params, ndim)
    b = _side(ars, jj, scale[jj, ii], params, ndim)
    return _assemble(a, b, ars, params, ndim)


def _counted(posture: Posture, inf: bool) -> Posture:
    """The posture without its INF-band components unless ``inf``."""
    keep = [c for c in posture.components if inf or c.category not in INF_CATEGORIES]
    return posture.model_copy(update={"components": keep})


def posture_stability(postures: dict[str, dict[int, Posture]], actors: list[str], years: list[int],
                      reach: FloatArray, params: ParamSet, ars: Arsenal, with_inf: bool = True,
                      missing: set[tuple[str, int]] | None = None) -> Stability:
    """FSI of every pair from catalog postures (``{actor: {year: posture}}``), fields
    ``(member, year, …)``. Side ``i`` facing ``j`` is ``Posture.to_force_arrays`` of its year's
    posture — its INF-band components only if ``with_inf`` and ``reach[i, j]`` — with DE, ``w80``
    and ``pk`` from the members' parameters; ``ars`` (``(member, year, actor)``) gives the
    third-party reserves. A pair-year with a ``missing`` actor-year (a leg in a declared gap of
    the table) is NaN."""
    ii, jj = pairs(len(actors))
    gone = missing or set()
    sides: tuple[list[ForceArrays], list[ForceArrays]] = ([], [])
    for i, j in zip(ii, jj, strict=True):
        pi, pj = postures[actors[i]], postures[actors[j]]
        per_year = [force_arrays(_counted(pi[y], with_inf and bool(reach[i, j])),
                                 _counted(pj[y], with_inf and bool(reach[j, i])),
                                 lua=params.lua, assumptions=DEFAULT) for y in years]
        for side in (0, 1):
            sides[side].append(ForceArrays.stack([fa[side] for fa in per_year], axis=-1))
    ndim = 3
    cols = {name: params.col(f"stability.{name}", ndim) for name in ("de_fixed", "de_surv", "w80", "pk")}
    a, b = (ForceArrays.stack(s, axis=-1).replace(**cols) for s in sides)
    st = _assemble(a, b, ars, params, ndim)
    mask = np.array([[(actors[i], y) in gone or (actors[j], y) in gone for i, j in zip(ii, jj, strict=True)]
                     for y in years], dtype=bool).reshape(len(years), len(ii))
    if not mask.any():
        return st
    pair = np.where(mask, np.nan, st.fsi[..., ii, jj])
    fsi = st.fsi.copy()
    fsi[..., ii, jj] = pair
    fsi[..., jj, ii] = pair
    return Stability(fsi=fsi, system_min=pair.min(axis=-1), system_product=pair.prod(axis=-1))


__all__ = ["Stability", "pair_stability", "pairs", "posture_stability"]
