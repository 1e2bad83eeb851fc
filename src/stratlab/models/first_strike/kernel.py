"""Fused compiled kernel for the Kent–Thaler exchange (optional extra ``fast``: numba).

The same arithmetic as :class:`.drawdown.Exchange` (the NumPy reference), written as one loop
over the rows of a block so that no temporaries are stored: per row, the draw-down pieces, the
grid of candidate stopping points, the stopping rule with its ties, the bracket halvings, the
parabolic step and the result fields. Every operation keeps the reference's order of floating
point operations; the only differences are the last-bit rounding of ``exp``/``log``/``pow``
(NumPy's SIMD loops vs the C library that LLVM calls), so results agree to ~1e-15 and the
stopping rule decides the same way except where two candidate points tie within that rounding
(tested: ``tests/models/test_first_strike_kernel.py``). Block-level switches (any reserve, any
defense in the block) are computed by the caller exactly as the reference does.

:func:`available` says whether numba is installed; :func:`solve_block` needs it.

Speed (docs/benchmarks.md): on the 2-core AVX-512 development VM the kernel runs at about
0.4e6 pair evaluations per second per core against 0.7-0.85e6 for the NumPy reference. The
row loop is scalar: with pip's llvmlite (no SVML) LLVM cannot vectorize loops that call
``exp``/``log``, and ~280 such calls per pair at ~5-15 ns each bound it, while NumPy's SIMD
loops take ~1 ns per element. So it is opt-in (``backend="numba"``), not the default; a
vectorizable exp/log of the needed accuracy is the open step to the 1e6 target.
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
    "a_interceptors",
    "a_pk",
    "v_n_fixed",
    "v_m_fixed",
    "v_n_surv",
    "v_m_surv",
    "v_alert",
    "v_lua",
    "v_w80",
    "v_interceptors",
    "v_pk",
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
_BIG = 1e30
_MAX_PIECES = 64

try:  # pragma: no cover - exercised where the extra is installed
    import numba

    _NUMBA = True
except ImportError:  # pragma: no cover
    _NUMBA = False


def available() -> bool:
    """Whether the compiled kernel can be used (numba importable)."""
    return _NUMBA


def _leak(n: float, interceptors: float, p: float, sls: bool) -> float:
    """Scalar :func:`.defense.leakers` (same operations)."""
    n = max(n, 0.0)
    if sls:
        return max(n - p * interceptors, 0.0)
    if n > 0.0:
        x = min(interceptors / n, 1e15)
        k = float(math.floor(x))
        out: float = n * (1.0 - p) ** k * (1.0 - (x - k) * p)
        return out
    return 0.0


def _dpow(w: float, negc: float, e: float) -> float:
    """``D(w)^e`` as in :meth:`.drawdown.Exchange._dpow` (``exp(e log D)``)."""
    return math.exp(math.log(1.0 - math.exp(abs(w) * negc)) * e)


def _kills_at(s: float, eff: Any, icpt: Any, npieces: int) -> float:
    best: float = s * eff[0] + icpt[0]
    for p in range(1, npieces):
        v = s * eff[p] + icpt[p]
        if v < best:
            best = v
    return best


def _arrive(
    V: float, L: float, res_vic: float, i_att: float, pk_att: float, i_vic: float,
    pk_vic: float, flags: Any, sls: bool,
) -> tuple[float, float]:
    if flags[0]:
        V = max(V - res_vic, 0.0)
    if flags[1]:
        V = _leak(V, i_att, pk_att, sls)
    if flags[2]:
        L = _leak(L, i_vic, pk_vic, sls)
    return V, L


def _starts(per: Any, f_first: Any, shots: int, out: Any) -> None:
    """``starts`` of :class:`.drawdown.Exchange`: spend (or kills) before each piece."""
    for cls in range(2):
        own = cls * shots
        other = (1 - cls) * shots
        out[own] = 0.0
        for a in range(1, shots):
            out[own + a] = out[own + a - 1] + per[own + a - 1]
        for b in range(shots):
            for a in range(shots):
                # fixed piece a is preceded by survivable piece b when not f_first[a, b];
                # survivable piece a is preceded by fixed piece b when f_first[b, a].
                before = (1.0 - f_first[a, b]) if cls == 0 else f_first[b, a]
                out[own + a] += before * per[other + b]


def _solve_block(
    X: FloatArray, out: FloatArray, flags: NDArray[np.bool_], shots: int, grid: int,
    refine: int, tie_tol: float, sls: bool,
) -> None:
    rows = X.shape[1]
    npieces = 2 * shots
    eff = np.empty(npieces)
    length = np.empty(npieces)
    start = np.empty(npieces)
    used = np.empty(npieces)
    kills = np.empty(npieces)
    k0 = np.empty(npieces)
    icpt = np.empty(npieces)
    f_first = np.empty((shots, shots))
    npts = 1 + npieces * grid + 2
    S = np.empty(npts)
    ca = np.empty(npts)
    cv = np.empty(npts)
    for r in range(rows):
        a_nf, a_mf, a_ns, a_ms = X[0, r], X[1, r], X[2, r], X[3, r]
        a_de_f, a_de_s, a_w80, i_att, pk_att = X[4, r], X[5, r], X[6, r], X[7, r], X[8, r]
        v_nf, v_mf, v_ns, v_ms = X[9, r], X[10, r], X[11, r], X[12, r]
        v_alert, v_lua, v_w80, i_vic, pk_vic = X[13, r], X[14, r], X[15, r], X[16, r], X[17, r]
        e, sur, c_f, c_s, lua_saved = X[18, r], X[19, r], X[20, r], X[21, r], X[22, r]
        res_att, res_vic = X[23, r], X[24, r]

        f_att = a_nf * a_mf
        s_att = a_ns * a_ms
        pool = c_f * f_att + c_s * s_att
        W = max(min(pool, f_att + s_att - res_att), 0.0)
        T = v_nf * v_mf + v_ns * v_ms
        per_kill_f = v_mf * (1.0 - lua_saved * v_lua)
        n_tgt_s = v_ns * (1.0 - v_alert)
        for k in range(2):
            de = a_de_f if k == 0 else a_de_s
            per_kill = per_kill_f if k == 0 else v_ms
            n_tgt = v_nf if k == 0 else n_tgt_s
            first = per_kill * de
            eff[k * shots] = first
            miss = 1.0 - de
            for j in range(1, shots):
                eff[k * shots + j] = first * miss**j
            for j in range(shots):
                length[k * shots + j] = (1.0 if eff[k * shots + j] > 0.0 else 0.0) * n_tgt
        for a in range(shots):
            for b in range(shots):
                f_first[a, b] = 1.0 if eff[a] >= eff[shots + b] else 0.0
        _starts(length, f_first, shots, start)
        for p in range(npieces):
            u = W - start[p]
            u = max(u, 0.0)
            used[p] = min(u, length[p])
            kills[p] = eff[p] * used[p]
        _starts(kills, f_first, shots, k0)
        for p in range(npieces):
            start[p] = min(start[p], W)
            icpt[p] = k0[p] - eff[p] * start[p]
        negc_att = -(_LN5 / a_w80)
        negc_vic = -(_LN5 / v_w80)

        # Candidate stopping points: s = 0, the grid on every piece, two near the budget's end.
        s_end = used[0]
        for p in range(1, npieces):
            s_end += used[p]
        for i in range(npts):
            if i == 0:
                s, V = 0.0, T
            elif i <= npieces * grid:
                p, k = (i - 1) // grid, (i - 1) % grid + 1
                tau = k / grid
                s = tau * used[p] + start[p]
                V = (-tau) * kills[p] + (T - k0[p])
            else:
                frac = 1.0 / 16.0 if i == npts - 2 else 1.0 / 64.0
                s = min(W * (1.0 - frac), s_end)
                V = T - _kills_at(s, eff, icpt, npieces)
            S[i] = s
            Va, La = _arrive(V, W - s, res_vic, i_att, pk_att, i_vic, pk_vic, flags, sls)
            xa = _dpow(Va, negc_att, e)
            xv = _dpow(La, negc_vic, e)
            cv[i] = xv - xa * sur
            ca[i] = xa - xv * sur
        # Stopping rule: lowest own cost; ties (within tie_tol) to the highest enemy cost;
        # then the least counterforce.
        mn = ca[0]
        for i in range(1, npts):
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
            c = S[i] + (_BIG if cv[i] < mx else 0.0)
            if c < s_star:
                s_star = c
        if refine >= 0:
            lo, hi = -math.inf, math.inf
            for i in range(npts):
                if S[i] < s_star and S[i] > lo:
                    lo = S[i]
                if S[i] > s_star and S[i] < hi:
                    hi = S[i]
            lo = lo if lo > -math.inf else s_star
            hi = hi if hi < math.inf else s_star
            s_star = _refine(lo, s_star, hi, W, T, eff, icpt, npieces, res_vic, i_att, pk_att,
                             i_vic, pk_vic, flags, sls, negc_att, negc_vic, e, sur, refine,
                             tie_tol)
        # Result fields at the stopping point.
        K = _kills_at(s_star, eff, icpt, npieces)
        V = max(T - K, 0.0)
        L = max(W - s_star, 0.0)
        Va, La = _arrive(V, L, res_vic, i_att, pk_att, i_vic, pk_vic, flags, sls)
        d_att = -math.expm1(negc_att * Va)
        d_vic = -math.expm1(negc_vic * La)
        xa, xv = d_att**e, d_vic**e
        out[0, r] = xa + sur * (1.0 - xv)
        out[1, r] = xv + sur * (1.0 - xa)
        out[2, r] = W
        out[3, r] = s_star
        out[4, r] = L
        out[5, r] = K
        out[6, r] = max(V - res_vic, 0.0) if flags[0] else V
        out[7, r] = d_att
        out[8, r] = d_vic


def _striker_cost(
    s: float, W: float, T: float, eff: Any, icpt: Any, npieces: int, res_vic: float,
    i_att: float, pk_att: float, i_vic: float, pk_vic: float, flags: Any, sls: bool,
    negc_att: float, negc_vic: float, e: float, sur: float,
) -> float:
    V = T - _kills_at(s, eff, icpt, npieces)
    Va, La = _arrive(V, W - s, res_vic, i_att, pk_att, i_vic, pk_vic, flags, sls)
    xa = _dpow(Va, negc_att, e)
    xv = _dpow(La, negc_vic, e)
    return xa - xv * sur


def _refine(
    lo: float, s_star: float, hi: float, W: float, T: float, eff: Any, icpt: Any,
    npieces: int, res_vic: float, i_att: float, pk_att: float, i_vic: float, pk_vic: float,
    flags: Any, sls: bool, negc_att: float, negc_vic: float, e: float, sur: float,
    refine: int, tie_tol: float,
) -> float:
    """:meth:`.drawdown.Exchange._refine` for one row."""
    args = (W, T, eff, icpt, npieces, res_vic, i_att, pk_att, i_vic, pk_vic, flags, sls,
            negc_att, negc_vic, e, sur)
    f_lo = _striker_cost(lo, *args)
    f_mid = _striker_cost(s_star, *args)
    f_hi = _striker_cost(hi, *args)
    f_star = f_mid
    mid = s_star
    for _ in range(refine):
        q0 = (lo + mid) * 0.5
        q1 = (mid + hi) * 0.5
        f0 = _striker_cost(q0, *args)
        f1 = _striker_cost(q1, *args)
        go_lo = (f0 < f_mid) and (f0 <= f1)
        go_hi = (f1 < f_mid) and not go_lo
        if go_lo:
            hi, f_hi = mid, f_mid
            mid, f_mid = q0, f0
        elif go_hi:
            lo, f_lo = mid, f_mid
            mid, f_mid = q1, f1
        else:
            lo, f_lo = q0, f0
            hi, f_hi = q1, f1
    d_lo, d_hi = mid - lo, mid - hi
    p = d_lo * d_lo * (f_mid - f_hi) - d_hi * d_hi * (f_mid - f_lo)
    den = 2.0 * (d_lo * (f_mid - f_hi) - d_hi * (f_mid - f_lo))
    x = mid - p / den
    if not ((den < 0.0) and (x > lo) and (x < hi)):
        x = mid
    f_x = _striker_cost(x, *args)
    if f_x < f_mid:
        mid = x
    f_mid = min(f_x, f_mid)
    return mid if f_mid < f_star - tie_tol else s_star


if _NUMBA:  # pragma: no branch
    _jit = numba.njit(cache=True, error_model="numpy", nogil=True)
    _leak = _jit(_leak)
    _dpow = _jit(_dpow)
    _kills_at = _jit(_kills_at)
    _arrive = _jit(_arrive)
    _starts = _jit(_starts)
    _striker_cost = _jit(_striker_cost)
    _refine = _jit(_refine)
    _solve_block = _jit(_solve_block)


def solve_block(
    block: dict[str, Any], rows: int, out: FloatArray, shots: int, grid: int, refine: int,
    tie_tol: float, shoot_look_shoot: bool,
) -> None:
    """Evaluate one block (the columns of :mod:`.drawdown`) into ``out`` (``FIELDS x rows``).

    ``block`` values are 1-D arrays of ``rows`` or scalars; the block-level switches are
    computed here as :class:`.drawdown.Exchange` does.
    """
    if not _NUMBA:
        raise RuntimeError("the compiled kernel needs numba (pip install 'stratlab[fast]')")
    X = np.empty((len(COLUMNS), rows))
    for i, key in enumerate(COLUMNS):
        X[i] = block[key]
    flags = np.array(
        [
            bool(np.any(X[24] > 0.0)),
            bool(np.any((X[7] > 0) & (X[8] > 0))),
            bool(np.any((X[16] > 0) & (X[17] > 0))),
        ]
    )
    _solve_block(X, out, flags, int(shots), int(grid), int(refine), float(tie_tol),
                 bool(shoot_look_shoot))
