"""N-actor first-strike stability: every pair's Kent–Thaler exchange, with reserves held back
against third parties.

**This is a design of this project, not a published model.** Published anchors (reference §1.8,
abstracts only [V]): Best & Bracken, "First-Strike Stability in a Multipolar World", *Management
Science* 41(2) 1995 [best-bracken-1995] measure every power's incentive to refrain from
preemption "in all possible coalitions"; the open-source Kent–Thaler tool withholds "a share for a
third country" from the bilateral exchange [tsm-crisis-stability-js]. Their formulas were not
available to us, so the construction below is ours and must be validated against them:

* For every unordered pair ``(i, j)`` the bilateral exchange of :mod:`.exchange` is evaluated, with
  each side withholding its reserve against the *other* actors: ``R_i(j) = sum_{k != i, j}
  reserve[i, k]``. Summing over third parties is the coalition logic in its simplest form: a
  side must still deter all the others if they act together after the war.
* The striker fires ``min(F + 0.9 S, F + S - R)`` (its uncommitted survivable weapons count
  toward the reserve first); the victim retaliates with its survivors less its reserve.
* :func:`deterrent_reserve` sizes ``reserve[i, k]`` as the weapons ``i`` must launch for ``k``
  to lose a chosen fraction of its value through ``k``'s defenses. The fraction is a lever with
  no sourced default.
* Outputs: the pairwise indices (a symmetric matrix), each side's break-even ratio against each
  other side, and two system summaries — the minimum over pairs (the weakest dyad) and the
  product over pairs (the chance that no dyad sees a preemptive strike, if dyads were
  independent). Neither summary is published; both were suggested in reference §1.8.

Not modelled (open items): explicit coalition wars (two against one, Best & Bracken's
"12 possible wars" in the NATO ASI chapter), third parties' forces entering a bilateral war, and
post-war balances.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from stratlab.models.first_strike.cost import weapons_for_damage
from stratlab.models.first_strike.defense import rvs_for_leakers
from stratlab.models.first_strike.exchange import (
    SOURCE_IDS as _EXCHANGE_SOURCES,
)
from stratlab.models.first_strike.exchange import (
    FirstStrikeResult,
    first_strike_stability,
)
from stratlab.models.first_strike.forces import ForceArrays

FloatArray = NDArray[np.float64]

SOURCE_IDS = (*_EXCHANGE_SOURCES, "best-bracken-1995")
"""Source ids this module cites (the construction itself is ours)."""


@dataclass(frozen=True, eq=False)
class MultipolarResult:
    """Pairwise and system first-strike stability of ``N`` actors (actor axes last)."""

    fsi: FloatArray
    """``(..., N, N)`` pairwise index, symmetric, NaN on the diagonal."""
    r: FloatArray
    """``(..., N, N)``: ``r[i, j]`` is ``i``'s break-even ratio in its exchange with ``j``."""
    c1: FloatArray
    """``(..., N, N)``: ``i``'s cost of striking ``j`` first."""
    c2: FloatArray
    """``(..., N, N)``: ``i``'s cost of being struck first by ``j``."""
    reserve: FloatArray
    """``(..., N, N)``: weapons ``i`` withholds against ``k`` (as used)."""
    system_min: FloatArray
    """Minimum pairwise index (the weakest dyad)."""
    system_product: FloatArray
    """Product of the pairwise indices over unordered pairs."""
    pairs: tuple[tuple[int, int], ...]
    """The unordered pairs ``(i, j)``, ``i < j``, in the order of ``pair_results``."""
    pair_results: FirstStrikeResult
    """The bilateral results, with a trailing pair axis."""
    sources: tuple[str, ...] = field(default=SOURCE_IDS)


def _actors(forces: ForceArrays) -> int:
    shape = forces.batch_shape
    if len(shape) < 1 or shape[-1] < 2:
        raise ValueError(f"forces: expected a trailing actor axis of length >= 2, got {shape}")
    return shape[-1]


def _take(forces: ForceArrays, index: NDArray[np.intp]) -> ForceArrays:
    """The sides ``index`` along the actor axis (fields broadcast to the batch first)."""
    shape = forces.batch_shape
    fields = forces.as_dict().items()
    return ForceArrays(**{k: np.take(np.broadcast_to(v, shape), index, axis=-1) for k, v in fields})


def deterrent_reserve(
    forces: ForceArrays, damage: ArrayLike, shoot_look_shoot: bool = False
) -> FloatArray:
    """``reserve[..., i, k]``: weapons ``i`` must launch for ``k`` to lose ``damage`` of its value.

    Inverts the damage curve (:func:`~.cost.weapons_for_damage`, with ``k``'s ``w80``) and ``k``'s
    defenses (:func:`~.defense.rvs_for_leakers`). The same for every ``i``; zero on the diagonal.
    ``damage`` (a fraction in ``[0, 1)``, scalar or per target) has no sourced default.
    """
    n = _actors(forces)
    d = np.asarray(damage, dtype=np.float64)
    if np.any(~((d >= 0.0) & (d < 1.0))):
        raise ValueError("damage: expected a fraction in [0, 1)")
    shape = forces.batch_shape
    arriving = weapons_for_damage(d, np.broadcast_to(forces.w80, shape))
    need = rvs_for_leakers(
        arriving,
        np.broadcast_to(forces.interceptors, shape),
        np.broadcast_to(forces.pk, shape),
        shoot_look_shoot,
    )
    out = np.broadcast_to(need[..., None, :], (*shape, n)).copy()
    out[..., np.arange(n), np.arange(n)] = 0.0
    return out


def multipolar_stability(
    forces: ForceArrays, *, reserve: ArrayLike | None = None, **kwargs: Any
) -> MultipolarResult:
    """First-strike stability of every pair among ``N`` actors, with third-party reserves.

    ``forces`` carries the actors on its last batch axis (build it with
    :meth:`ForceArrays.stack`). ``reserve`` is ``(..., N, N)`` weapons ``i`` withholds against
    ``k`` (diagonal ignored; default none, which gives plain bilateral indices). Other keywords go
    to :func:`~.exchange.first_strike_stability`; reserves must not be passed there.
    """
    if "reserve_a" in kwargs or "reserve_b" in kwargs:
        raise ValueError("multipolar_stability: give reserves as the reserve matrix")
    n = _actors(forces)
    shape = forces.batch_shape
    res = np.zeros((*shape, n)) if reserve is None else np.asarray(reserve, dtype=np.float64)
    try:
        res = np.broadcast_to(res, (*shape, n)).copy()
    except ValueError:
        raise ValueError(
            f"reserve: expected shape (..., {n}, {n}) broadcasting to {(*shape, n)}"
        ) from None
    if not np.all(np.isfinite(res) & (res >= 0.0)):
        raise ValueError("reserve: expected finite weapons >= 0")
    res[..., np.arange(n), np.arange(n)] = 0.0
    pairs = tuple((i, j) for i in range(n) for j in range(i + 1, n))
    ii = np.array([p[0] for p in pairs], dtype=np.intp)
    jj = np.array([p[1] for p in pairs], dtype=np.intp)
    total = res.sum(axis=-1)  # (..., N): everything i holds against anyone
    # i's reserve in the (i, j) war: against everyone but j.
    r_i = np.take(total, ii, axis=-1) - res[..., ii, jj]
    r_j = np.take(total, jj, axis=-1) - res[..., jj, ii]
    pr = first_strike_stability(
        _take(forces, ii), _take(forces, jj), reserve_a=r_i, reserve_b=r_j, **kwargs
    )

    def matrix(upper: FloatArray, lower: FloatArray, diag: float) -> FloatArray:
        out = np.full((*pr.fsi.shape[:-1], n, n), diag)
        out[..., ii, jj] = upper
        out[..., jj, ii] = lower
        return out

    return MultipolarResult(
        fsi=matrix(pr.fsi, pr.fsi, np.nan),
        r=matrix(pr.r_a, pr.r_b, np.nan),
        c1=matrix(pr.c1_a, pr.c1_b, np.nan),
        c2=matrix(pr.c2_a, pr.c2_b, np.nan),
        reserve=res,
        system_min=pr.fsi.min(axis=-1),
        system_product=pr.fsi.prod(axis=-1),
        pairs=pairs,
        pair_results=pr,
    )
