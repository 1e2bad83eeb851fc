"""Missile defense of value targets: expected leakers through interceptors.

**Reconstruction (this project's design, not a published formula).** Kent & Thaler (R-3765)
treat no defenses; Wilkening & Watman (R-3412, 1986) and Wilkening et al. (N-2511, 1989) study
first-strike stability with strategic defenses, but only their findings were read [V, reference
§1.7], not their equations. The allocation below is the textbook one for identical,
independently engaged re-entry vehicles (RVs); cite it as ours.

* ``barrage`` (default): ``I`` interceptors are spread as evenly as possible over ``n`` arriving
  RVs, to exhaustion, with no look between shots: with ``I/n = k + f`` (``k`` integer,
  ``0 <= f < 1``) a fraction ``f`` of the RVs meets ``k + 1`` interceptors and the rest ``k``,
  so the expected leakers are ``n (1-p)^k (1 - f p)``. Because ``(1-p)^k`` is convex in ``k``,
  an even spread minimises expected leakers, so this is the defender's best preferential-free
  allocation. For fractional ``n`` (expected RV counts) the same formula interpolates.
* ``shoot_look_shoot=True``: each interceptor is fired only at an RV still alive (perfect look),
  in the fluid (expected-value) limit: leakers ``max(0, n - p I)``. This is an upper bound on
  what a real shoot-look-shoot defense achieves (``E[min(n, Bin(I, p))] <= min(n, p I)``).

Both are nondecreasing in ``n``, nonincreasing in ``I`` and ``p``, and never exceed ``n``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

SOURCE_IDS = ("wilkening-watman-1986", "wilkening-et-al-1989")
"""Source ids this module cites (findings only; the formulas are ours)."""


def leakers(
    rvs: ArrayLike,
    interceptors: ArrayLike,
    pk: ArrayLike,
    shoot_look_shoot: bool = False,
) -> FloatArray:
    """Expected RVs that get through ``interceptors`` of per-shot kill probability ``pk``."""
    n = np.maximum(np.asarray(rvs, dtype=np.float64), 0.0)
    interceptors_ = np.asarray(interceptors, dtype=np.float64)
    p = np.asarray(pk, dtype=np.float64)
    if shoot_look_shoot:
        return np.asarray(np.maximum(n - p * interceptors_, 0.0), dtype=np.float64)
    # Shots per RV, capped where (1 - p)^k has underflowed anyway (the cap keeps inf out).
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.minimum(np.where(n > 0.0, interceptors_ / n, 0.0), 1e15)
    k = np.floor(x)
    out = n * np.power(1.0 - p, k) * (1.0 - (x - k) * p)
    return np.asarray(np.where(n > 0.0, out, 0.0), dtype=np.float64)


def rvs_for_leakers(
    target: ArrayLike,
    interceptors: ArrayLike,
    pk: ArrayLike,
    shoot_look_shoot: bool = False,
    iterations: int = 60,
) -> FloatArray:
    """Smallest RV count whose expected leakers reach ``target`` (inverse of :func:`leakers`).

    The answer lies in ``[target, target + pk * interceptors]`` (expected kills never exceed
    ``pk * interceptors``); found by bisection, vectorized.
    """
    w = np.maximum(np.asarray(target, dtype=np.float64), 0.0)
    interceptors_ = np.asarray(interceptors, dtype=np.float64)
    p = np.asarray(pk, dtype=np.float64)
    if shoot_look_shoot:
        return np.asarray(w + p * interceptors_, dtype=np.float64)
    lo, hi = np.broadcast_arrays(w, w + p * interceptors_)
    lo, hi = lo.copy(), hi.copy()
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        short = leakers(mid, interceptors_, p) < w
        lo = np.where(short, mid, lo)
        hi = np.where(short, hi, mid)
    return hi
