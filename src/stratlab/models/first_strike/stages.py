"""Compiled (numba) stages of the first-strike kernel (:mod:`.kernel`).

Each function is one pass over the rows of a sub-block: the draw-down pieces and the ``exp``
arguments at the candidate stopping points (:func:`setup`), the stopping rule and the bracket
(:func:`stop`), the bracket halvings and the parabolic step (:func:`refine_start`,
:func:`refine_step`, :func:`refine_end`) and the result fields (:func:`result_args`), with the
operations of :class:`.drawdown.Exchange` in its order. Work arrays are row-major ``(row, ...)``;
``X`` holds the input columns of :data:`.kernel.COLUMNS` as rows. Imported only where numba is.
"""

from __future__ import annotations

import math
from typing import Any

import numba
import numpy as np

_LN5 = math.log(5.0)
_BIG = 1e30
# Columns of the per-row scalars kept between stages (matrix ``P``).
_W, _T, _NA, _NV, _RES = 0, 1, 2, 3, 4
# Columns of the refinement state (matrix ``R``).
_LO, _MID, _HI, _FLO, _FMID, _FHI, _FSTAR, _SSTAR = range(8)


def _kills_at(s: float, eff: Any, icpt: Any, r: int) -> float:
    """Victim warheads killed after spending ``s`` (row ``r``): the lowest line of the curve."""
    best: float = s * eff[r, 0] + icpt[r, 0]
    for p in range(1, eff.shape[1]):
        v = s * eff[r, p] + icpt[r, p]
        if v < best:
            best = v
    return best


def _args(s: float, P: Any, eff: Any, icpt: Any, r: int, reserve: bool, A: Any, i: int) -> None:
    """Arguments of ``exp`` for the striker's and the victim's value damage at spend ``s``:
    ``|V| negc_att`` and ``|L| negc_vic`` (``V`` net of a third-party reserve)."""
    V = P[r, _T] - _kills_at(s, eff, icpt, r)
    if reserve:
        V = max(V - P[r, _RES], 0.0)
    L = P[r, _W] - s
    A[r, 0, i] = abs(V) * P[r, _NA]
    A[r, 1, i] = abs(L) * P[r, _NV]


def _starts(per: Any, ff: Any, shots: int, r: int, out: Any) -> None:
    """``Exchange.starts``: sum of ``per`` over the pieces used before each piece."""
    for cls in range(2):
        own = cls * shots
        other = (1 - cls) * shots
        out[own, r] = 0.0
        for a in range(1, shots):
            out[own + a, r] = out[own + a - 1, r] + per[own + a - 1, r]
        for b in range(shots):
            for a in range(shots):
                before = (1.0 - ff[a, b]) if cls == 0 else ff[b, a]
                out[own + a, r] += before * per[other + b, r]


def setup(X: Any, shots: int, grid: int, reserve: bool, miss_j: Any, P: Any, eff: Any,
           icpt: Any, S: Any, A: Any) -> None:
    """Pieces of the draw-down curve and the ``exp`` arguments at every candidate point."""
    rows = X.shape[1]
    npieces = 2 * shots
    length = np.empty((npieces, 1))
    used = np.empty((npieces, 1))
    kills = np.empty((npieces, 1))
    start = np.empty((npieces, 1))
    k0 = np.empty((npieces, 1))
    ff = np.empty((shots, shots))
    # tau = k / grid of the grid points on a piece (divisions hoisted out of the row loop).
    taus = np.empty(grid)
    for g in range(grid):
        taus[g] = (g + 1) / grid
    for r in range(rows):
        f_att = X[0, r] * X[1, r]
        s_att = X[2, r] * X[3, r]
        pool = X[16, r] * f_att + X[17, r] * s_att
        W = max(min(pool, f_att + s_att - X[19, r]), 0.0)
        T = X[7, r] * X[8, r] + X[9, r] * X[10, r]
        P[r, _W], P[r, _T], P[r, _RES] = W, T, X[20, r]
        P[r, _NA] = -(_LN5 / X[6, r])
        P[r, _NV] = -(_LN5 / X[13, r])
        per_kill_f = X[8, r] * (1.0 - X[18, r] * X[12, r])
        n_tgt_s = X[9, r] * (1.0 - X[11, r])
        for k in range(2):
            de = X[4, r] if k == 0 else X[5, r]
            first = (per_kill_f if k == 0 else X[10, r]) * de
            n_tgt = X[7, r] if k == 0 else n_tgt_s
            eff[r, k * shots] = first
            for j in range(1, shots):
                eff[r, k * shots + j] = first * miss_j[k, j, r]
            for j in range(shots):
                length[k * shots + j, 0] = (1.0 if eff[r, k * shots + j] > 0.0 else 0.0) * n_tgt
        for a in range(shots):
            for b in range(shots):
                ff[a, b] = 1.0 if eff[r, a] >= eff[r, shots + b] else 0.0
        # ``_starts`` works on column ``r`` of its arrays; the scratch arrays have one column.
        _starts_col(length, ff, shots, start)
        for p in range(npieces):
            u = max(W - start[p, 0], 0.0)
            used[p, 0] = min(u, length[p, 0])
            kills[p, 0] = eff[r, p] * used[p, 0]
        _starts_col(kills, ff, shots, k0)
        for p in range(npieces):
            s0 = min(start[p, 0], W)
            start[p, 0] = s0
            icpt[r, p] = k0[p, 0] - eff[r, p] * s0
        s_end = used[0, 0]
        for p in range(1, npieces):
            s_end += used[p, 0]
        na, nv, res = P[r, _NA], P[r, _NV], X[20, r]
        _put(S, A, r, 0, 0.0, T, W, na, nv, reserve, res)  # s = 0: no counterforce
        i = 1
        for p in range(npieces):  # grid points along every piece
            u, s0, kp, rest = used[p, 0], start[p, 0], kills[p, 0], T - k0[p, 0]
            for g in range(grid):
                tau = taus[g]
                s = tau * u + s0
                _put(S, A, r, i, s, (-tau) * kp + rest, W, na, nv, reserve, res)
                i += 1
        for j in range(2):  # two points near the end of the budget
            frac = 1.0 / 16.0 if j == 0 else 1.0 / 64.0
            s = min(W * (1.0 - frac), s_end)
            _put(S, A, r, i, s, T - _kills_at(s, eff, icpt, r), W, na, nv, reserve, res)
            i += 1


def _put(S: Any, A: Any, r: int, i: int, s: float, V: float, W: float, na: float, nv: float,
         reserve: bool, res: float) -> None:
    """Candidate point ``i`` of row ``r``: its spend and the ``exp`` arguments there."""
    if reserve:
        V = max(V - res, 0.0)
    S[r, i] = s
    A[r, 0, i] = abs(V) * na
    A[r, 1, i] = abs(W - s) * nv


def _starts_col(per: Any, ff: Any, shots: int, out: Any) -> None:
    _starts(per, ff, shots, 0, out)


def stop(S: Any, Xd: Any, sur: Any, tie_tol: float, refine: int, P: Any, eff: Any,
          icpt: Any, reserve: bool, R: Any, A3: Any) -> None:
    """Stopping rule on the grid (lowest own cost; ties to the highest enemy cost, then the
    least counterforce), the bracket around it and the ``exp`` arguments at its three points."""
    rows, npts = S.shape
    ca = np.empty(npts)
    cv = np.empty(npts)
    for r in range(rows):
        mn = math.inf
        for i in range(npts):
            xa, xv = Xd[r, 0, i], Xd[r, 1, i]
            ca[i] = xa - xv * sur[r]
            cv[i] = xv - xa * sur[r]
            if ca[i] < mn:
                mn = ca[i]
        mx = -math.inf
        for i in range(npts):
            c = cv[i] - (_BIG if ca[i] > mn + tie_tol else 0.0)
            cv[i] = c
            if c > mx:
                mx = c
        s_star = math.inf
        for i in range(npts):
            c = S[r, i] + (_BIG if cv[i] < mx else 0.0)
            if c < s_star:
                s_star = c
        R[r, _SSTAR] = s_star
        if refine < 0:
            continue
        lo, hi = -math.inf, math.inf
        for i in range(npts):
            s = S[r, i]
            if s < s_star and s > lo:
                lo = s
            if s > s_star and s < hi:
                hi = s
        lo = lo if lo > -math.inf else s_star
        hi = hi if hi < math.inf else s_star
        R[r, _LO], R[r, _MID], R[r, _HI] = lo, s_star, hi
        _args(lo, P, eff, icpt, r, reserve, A3, 0)
        _args(s_star, P, eff, icpt, r, reserve, A3, 1)
        _args(hi, P, eff, icpt, r, reserve, A3, 2)


def refine_start(Xd: Any, sur: Any, P: Any, eff: Any, icpt: Any, reserve: bool, R: Any,
                  A: Any, last: bool) -> None:
    """Costs at the bracket's three points, then the arguments at the two half points (or,
    with no halving to do, at the parabolic point)."""
    for r in range(R.shape[0]):
        R[r, _FLO] = Xd[r, 0, 0] - Xd[r, 1, 0] * sur[r]
        R[r, _FMID] = Xd[r, 0, 1] - Xd[r, 1, 1] * sur[r]
        R[r, _FHI] = Xd[r, 0, 2] - Xd[r, 1, 2] * sur[r]
        R[r, _FSTAR] = R[r, _FMID]
        if last:
            _args(_parabola(R, r), P, eff, icpt, r, reserve, A, 0)
        else:
            _halves(P, eff, icpt, reserve, R, A, r)


def _halves(P: Any, eff: Any, icpt: Any, reserve: bool, R: Any, A2: Any, r: int) -> None:
    q0 = (R[r, _LO] + R[r, _MID]) * 0.5
    q1 = (R[r, _MID] + R[r, _HI]) * 0.5
    _args(q0, P, eff, icpt, r, reserve, A2, 0)
    _args(q1, P, eff, icpt, r, reserve, A2, 1)


def refine_step(Xd: Any, sur: Any, P: Any, eff: Any, icpt: Any, reserve: bool, R: Any,
                 A: Any, last: bool) -> None:
    """One bracket halving: keep the best of the three; then the next half points, or (last
    step) the parabolic point through the final three."""
    for r in range(R.shape[0]):
        lo, mid, hi = R[r, _LO], R[r, _MID], R[r, _HI]
        q0 = (lo + mid) * 0.5
        q1 = (mid + hi) * 0.5
        f0 = Xd[r, 0, 0] - Xd[r, 1, 0] * sur[r]
        f1 = Xd[r, 0, 1] - Xd[r, 1, 1] * sur[r]
        f_mid = R[r, _FMID]
        go_lo = (f0 < f_mid) and (f0 <= f1)
        go_hi = (f1 < f_mid) and not go_lo
        if go_lo:
            R[r, _HI], R[r, _FHI] = mid, f_mid
            R[r, _MID], R[r, _FMID] = q0, f0
        elif go_hi:
            R[r, _LO], R[r, _FLO] = mid, f_mid
            R[r, _MID], R[r, _FMID] = q1, f1
        else:
            R[r, _LO], R[r, _FLO] = q0, f0
            R[r, _HI], R[r, _FHI] = q1, f1
        if last:
            _args(_parabola(R, r), P, eff, icpt, r, reserve, A, 0)
        else:
            _halves(P, eff, icpt, reserve, R, A, r)


def _parabola(R: Any, r: int) -> float:
    lo, mid, hi = R[r, _LO], R[r, _MID], R[r, _HI]
    f_lo, f_mid, f_hi = R[r, _FLO], R[r, _FMID], R[r, _FHI]
    d_lo, d_hi = mid - lo, mid - hi
    p = d_lo * d_lo * (f_mid - f_hi) - d_hi * d_hi * (f_mid - f_lo)
    den = 2.0 * (d_lo * (f_mid - f_hi) - d_hi * (f_mid - f_lo))
    x: float = mid - p / den
    if not ((den < 0.0) and (x > lo) and (x < hi)):
        x = mid
    return x


def refine_end(Xd: Any, sur: Any, tie_tol: float, R: Any) -> None:
    """Keep the parabolic point if it lowers the cost; keep the refined point only if it beats
    the grid's by more than ``tie_tol``."""
    for r in range(R.shape[0]):
        x = _parabola(R, r)
        f_x = Xd[r, 0, 0] - Xd[r, 1, 0] * sur[r]
        mid, f_mid = R[r, _MID], R[r, _FMID]
        if f_x < f_mid:
            mid = x
        f_mid = min(f_x, f_mid)
        if f_mid < R[r, _FSTAR] - tie_tol:
            R[r, _SSTAR] = mid


def result_args(P: Any, eff: Any, icpt: Any, reserve: bool, R: Any, out: Any, B: Any) -> None:
    """Result fields that need no transcendental, and ``negc * arriving`` for ``expm1``."""
    for r in range(R.shape[0]):
        s = R[r, _SSTAR]
        K = _kills_at(s, eff, icpt, r)
        V = max(P[r, _T] - K, 0.0)
        L = max(P[r, _W] - s, 0.0)
        Va = max(V - P[r, _RES], 0.0) if reserve else V
        out[2, r] = P[r, _W]
        out[3, r] = s
        out[4, r] = L
        out[5, r] = K
        out[6, r] = Va
        B[0, r] = P[r, _NA] * Va
        B[1, r] = P[r, _NV] * L


_jit = numba.njit(cache=True, error_model="numpy", nogil=True)
_inline = numba.njit(cache=True, error_model="numpy", nogil=True, inline="always")
_kills_at = _inline(_kills_at)
_args = _inline(_args)
_starts = _inline(_starts)
_starts_col = _inline(_starts_col)
_put = _inline(_put)
setup = _jit(setup)
stop = _jit(stop)
_halves = _inline(_halves)
_parabola = _inline(_parabola)
refine_start = _jit(refine_start)
refine_step = _jit(refine_step)
refine_end = _jit(refine_end)
result_args = _jit(result_args)
