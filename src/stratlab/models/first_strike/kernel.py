"""Fused kernel for the Kent–Thaler exchange (optional extra ``fast``: numba).

The same operations as :class:`.drawdown.Exchange` (the NumPy reference) in the same order,
organised as a few compiled passes per block instead of ~300 NumPy calls: the draw-down pieces,
the grid of candidate stopping points, the stopping rule with its ties, the bracket halvings,
the parabolic step and the result fields are compiled loops over the rows; the transcendental
functions (``exp``, ``log``, ``expm1``, ``power``) stay NumPy's SIMD ufuncs, called on the
arguments the compiled passes write, because the C-library functions a compiled loop would call
are scalar and several times slower here (pip's llvmlite has no SVML). With the same
ufuncs on the same arguments the results are **bitwise identical** to the reference
(``tests/models/test_first_strike_kernel.py``). Blocks with missile defenses go through the
reference unchanged (their leakage uses ``power`` inside the cost; not worth a stage).

:func:`available` says whether numba is installed; :func:`solve_block` needs it. Speed:
≈ 1.2–1.6× the reference (docs/benchmarks.md).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

COLUMNS = (
    "a_n_fixed",
    "a_m_fixed",
    "a_n_surv",
    "a_m_surv",
    "a_de_fixed",
    "a_de_surv",
    "a_w80",
    "v_n_fixed",
    "v_m_fixed",
    "v_n_surv",
    "v_m_surv",
    "v_alert",
    "v_lua",
    "v_w80",
    "exponent",
    "surcharge",
    "commit_fixed",
    "commit_surv",
    "lua_saved",
    "reserve_att",
    "reserve_vic",
)
"""Input columns, in the order of the rows of the kernel's input matrix."""
FIELDS = (
    "cost_attacker",
    "cost_victim",
    "committed",
    "counterforce",
    "value_strike",
    "kills",
    "retaliation",
    "damage_attacker",
    "damage_victim",
)
"""Output fields, in the order of the rows of the kernel's output matrix."""

_LN5 = math.log(5.0)
SUB = 2048
"""Rows per sub-block of the kernel (its work arrays then fit in L2 cache)."""
_BIG = 1e30
# Row indices of the per-row scalars kept between stages (matrix ``P``).
_W, _T, _NA, _NV, _RES = 0, 1, 2, 3, 4
# Row indices of the refinement state (matrix ``R``).
_LO, _MID, _HI, _FLO, _FMID, _FHI, _FSTAR, _SSTAR = range(8)

try:  # pragma: no cover - exercised where the extra is installed
    import numba

    _NUMBA = True
except ImportError:  # pragma: no cover
    _NUMBA = False


def available() -> bool:
    """Whether the kernel can be used (numba importable)."""
    return _NUMBA


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


def _setup(X: Any, shots: int, grid: int, reserve: bool, miss_j: Any, P: Any, eff: Any,
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
        # s = 0: no counterforce
        V = max(T - res, 0.0) if reserve else T
        S[r, 0] = 0.0
        A[r, 0, 0] = abs(V) * na
        A[r, 1, 0] = abs(W) * nv
        # grid points along every piece
        i = 1
        for p in range(npieces):
            u, s0, kp, rest = used[p, 0], start[p, 0], kills[p, 0], T - k0[p, 0]
            for g in range(grid):
                tau = taus[g]
                s = tau * u + s0
                V = (-tau) * kp + rest
                if reserve:
                    V = max(V - res, 0.0)
                S[r, i] = s
                A[r, 0, i] = abs(V) * na
                A[r, 1, i] = abs(W - s) * nv
                i += 1
        # two points near the end of the budget
        for j in range(2):
            frac = 1.0 / 16.0 if j == 0 else 1.0 / 64.0
            s = min(W * (1.0 - frac), s_end)
            V = T - _kills_at(s, eff, icpt, r)
            if reserve:
                V = max(V - res, 0.0)
            S[r, i] = s
            A[r, 0, i] = abs(V) * na
            A[r, 1, i] = abs(W - s) * nv
            i += 1


def _starts_col(per: Any, ff: Any, shots: int, out: Any) -> None:
    _starts(per, ff, shots, 0, out)


def _stop(S: Any, Xd: Any, sur: Any, tie_tol: float, refine: int, P: Any, eff: Any,
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


def _refine_start(Xd: Any, sur: Any, P: Any, eff: Any, icpt: Any, reserve: bool, R: Any,
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


def _refine_step(Xd: Any, sur: Any, P: Any, eff: Any, icpt: Any, reserve: bool, R: Any,
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


def _refine_end(Xd: Any, sur: Any, tie_tol: float, R: Any) -> None:
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


def _result_args(P: Any, eff: Any, icpt: Any, reserve: bool, R: Any, out: Any, B: Any) -> None:
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


if _NUMBA:  # pragma: no branch
    _jit = numba.njit(cache=True, error_model="numpy", nogil=True)
    _inline = numba.njit(cache=True, error_model="numpy", nogil=True, inline="always")
    _kills_at = _inline(_kills_at)
    _args = _inline(_args)
    _starts = _inline(_starts)
    _starts_col = _inline(_starts_col)
    _setup = _jit(_setup)
    _stop = _jit(_stop)
    _halves = _inline(_halves)
    _parabola = _inline(_parabola)
    _refine_start = _jit(_refine_start)
    _refine_step = _jit(_refine_step)
    _refine_end = _jit(_refine_end)
    _result_args = _jit(_result_args)


def _dpow(A: FloatArray, e: FloatArray) -> FloatArray:
    """``D^e = exp(e log(1 - exp(A)))`` in place, NumPy's ufuncs as in ``Exchange._dpow``."""
    np.exp(A, out=A)
    np.subtract(1.0, A, out=A)
    np.log(A, out=A)
    np.multiply(A, e, out=A)
    np.exp(A, out=A)
    return A


def solve_block(
    block: dict[str, Any], rows: int, out: FloatArray, shots: int, grid: int, refine: int,
    tie_tol: float, ws: Any,
) -> None:
    """Evaluate one block without defenses (columns of :mod:`.drawdown`, 1-D arrays of
    ``rows`` or scalars) into ``out`` (``FIELDS x rows``). ``ws``: the thread's
    :class:`.drawdown.Workspace` (reused buffers: fresh large arrays cost page faults)."""
    if not _NUMBA:
        raise RuntimeError("the kernel needs numba (pip install 'stratlab[fast]')")
    X = ws.get("k_X", (len(COLUMNS), rows))
    for i, key in enumerate(COLUMNS):
        X[i] = block[key]
    reserve = bool(np.any(X[20] > 0.0))
    # Sub-blocks small enough for the work arrays to stay in cache between the NumPy passes.
    for lo in range(0, rows, SUB):
        hi = min(rows, lo + SUB)
        _solve_rows(X[:, lo:hi], reserve, out[:, lo:hi], shots, grid, refine, tie_tol, ws)


def _solve_rows(
    X: FloatArray, reserve: bool, out: FloatArray, shots: int, grid: int, refine: int,
    tie_tol: float, ws: Any,
) -> None:
    rows = X.shape[1]
    e, sur = X[14], X[15]
    e3 = e[:, None, None]
    npieces = 2 * shots
    npts = 1 + npieces * grid + 2
    # Per-row work arrays are row-major: each row's data is contiguous for the compiled loops.
    P = ws.get("k_P", (rows, 5))
    eff = ws.get("k_eff", (rows, npieces))
    icpt = ws.get("k_icpt", (rows, npieces))
    S = ws.get("k_S", (rows, npts))
    A = ws.get("k_A", (rows, 2, npts))
    R = ws.get("k_R", (rows, 8))
    A3 = ws.get("k_A3", (rows, 2, 3))
    # (1 - DE)^j by NumPy's ``**`` as the reference computes it (``miss**j`` on an array).
    miss_j = ws.get("k_miss", (2, shots, rows))
    for k in range(2):
        miss = 1.0 - X[4 + k]
        for j in range(1, shots):
            miss_j[k, j] = miss**j
    _setup(X, shots, grid, reserve, miss_j, P, eff, icpt, S, A)
    _stop(S, _dpow(A, e3), sur, tie_tol, refine, P, eff, icpt, reserve, R, A3)
    if refine >= 0:
        A2 = ws.get("k_A2", (rows, 2, 2))
        A1 = ws.get("k_A1", (rows, 2, 1))
        _refine_start(_dpow(A3, e3), sur, P, eff, icpt, reserve, R,
                      A1 if refine == 0 else A2, refine == 0)
        for step in range(refine):
            last = step == refine - 1
            _refine_step(_dpow(A2, e3), sur, P, eff, icpt, reserve, R, A1 if last else A2, last)
        _refine_end(_dpow(A1, e3), sur, tie_tol, R)
    B = ws.get("k_B", (2, rows))
    _result_args(P, eff, icpt, reserve, R, out, B)
    d = np.negative(np.expm1(B, out=B), out=B)
    out[7], out[8] = d[0], d[1]
    xa = np.power(d[0], e, out=ws.get("k_xa", (rows,)))
    xv = np.power(d[1], e, out=ws.get("k_xv", (rows,)))
    # cost_attacker = xa + sur (1 - xv), cost_victim = xv + sur (1 - xa), as the reference
    t = np.subtract(1.0, xv, out=out[0])
    np.multiply(sur, t, out=t)
    np.add(xa, t, out=t)
    t = np.subtract(1.0, xa, out=out[1])
    np.multiply(sur, t, out=t)
    np.add(xv, t, out=t)

