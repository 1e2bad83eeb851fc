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

SUB = 2048
"""Rows per sub-block of the kernel (its work arrays then fit in L2 cache)."""
AUTO_MIN_ROWS = 20_000
"""Batch rows (pairs) from which ``backend="auto"`` uses the kernel: below, its first-call
compilation (tens of seconds without numba's cache) is not repaid."""

try:  # pragma: no cover - exercised where the extra is installed
    import numba  # noqa: F401

    _NUMBA = True
except ImportError:  # pragma: no cover
    _NUMBA = False


def available() -> bool:
    """Whether the kernel can be used (numba importable)."""
    return _NUMBA


def backend_used(backend: str, n: int) -> str:
    """The backend a solve of ``n`` rows runs on (``"auto"`` resolved)."""
    if backend != "auto":
        return backend
    return "numba" if _NUMBA and n >= AUTO_MIN_ROWS else "numpy"


def run_block(
    block: dict[str, Any], rows: int, opt: Any, ws: Any, out: FloatArray,
    fields: tuple[str, ...],
) -> None:
    """One block of :func:`.drawdown.solve` through the kernel; ``out`` is ``(field, set, row)``.

    Blocks with missile defenses go through the reference :class:`.drawdown.Exchange` (bitwise
    the same either way)."""
    from stratlab.models.first_strike.drawdown import Exchange

    defended = any(
        np.any((np.asarray(block[i]) > 0) & (np.asarray(block[p]) > 0))
        for i, p in (("a_interceptors", "a_pk"), ("v_interceptors", "v_pk"))
    )
    if defended:
        Exchange(block, rows, opt, ws).result({name: out[j] for j, name in enumerate(fields)})
        return
    res = ws.get("kernel_out", (len(FIELDS), rows))
    solve_block(block, rows, res, opt.shots, opt.grid, opt.refine, opt.tie_tol, ws)
    for i, name in enumerate(fields):
        out[i] = res[FIELDS.index(name)].reshape(out.shape[1:])


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
    from stratlab.models.first_strike import stages as st

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
    st.setup(X, shots, grid, reserve, miss_j, P, eff, icpt, S, A)
    st.stop(S, _dpow(A, e3), sur, tie_tol, refine, P, eff, icpt, reserve, R, A3)
    if refine >= 0:
        A2 = ws.get("k_A2", (rows, 2, 2))
        A1 = ws.get("k_A1", (rows, 2, 1))
        st.refine_start(_dpow(A3, e3), sur, P, eff, icpt, reserve, R,
                      A1 if refine == 0 else A2, refine == 0)
        for step in range(refine):
            last = step == refine - 1
            st.refine_step(_dpow(A2, e3), sur, P, eff, icpt, reserve, R, A1 if last else A2, last)
        st.refine_end(_dpow(A1, e3), sur, tie_tol, R)
    B = ws.get("k_B", (2, rows))
    st.result_args(P, eff, icpt, reserve, R, out, B)
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
