"""Block solver behind :mod:`.exchange`: draw-down curve, stopping rule and its refinement.

The mechanics and the numerics are described in the docstring of :mod:`.exchange`; this module
only evaluates them fast. Rows are (attacker, victim) first strikes; the two directions of a
pair are stacked as separate rows of one block, so one pass serves both. Work arrays are
``(point, row)`` or ``(piece, row)`` and are reused between blocks and calls (one
:class:`Workspace` per thread); results never depend on the block size or on the workspace.

Speed notes (pure NumPy; every change here left the results bitwise identical):

* every operation writes into a reused buffer, and all result fields share one output block
  (fresh large arrays pay page faults on first touch; one large block is reused by the
  allocator from call to call once freed, many smaller ones are not);
* per-piece quantities are stacked ``(piece, row)`` arrays, so one call covers all pieces;
* input columns that are one constant over the batch (parameters, absent defenses) enter as
  scalars instead of being copied into every block, except those that reach ``np.power``,
  whose SIMD loop rounds differently for broadcast operands;
* boolean masks are applied as ``0``/``BIG`` penalties built from a ``uint8`` view (mixed
  bool-float, masked and ``np.where`` calls on ``(point, row)`` arrays are several times slower);
* per-block Python work (sides flattened once for both directions, cached workspace views,
  equal blocks) is kept small, since a block is only a few ms of array work.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from stratlab.models.first_strike.cost import LN5
from stratlab.models.first_strike.defense import leakers

FloatArray = NDArray[np.float64]

_BIG = 1e30
END_POINTS: tuple[float, ...] = (1.0 / 16.0, 1.0 / 64.0)
"""Extra stopping-point candidates at ``L = W * frac`` near the end of the budget."""
CHUNK = 6144
"""Most batch rows per block (times the number of directions; a batch is cut into blocks of
equal size): large enough that the fixed cost of the ~300 NumPy calls per block is small
against their work, small enough for the ``(point, row)`` work arrays to stay in cache."""
_MAX_VIEWS = 1024


@dataclass(frozen=True)
class Options:
    """Numerics and doctrine of one solve (validated by the caller)."""

    shots: int
    shoot_look_shoot: bool
    grid: int
    refine: int
    tie_tol: float
    backend: str = "numpy"
    """``"numpy"`` (the reference, :class:`Exchange`), ``"numba"`` (:mod:`.kernel`) or
    ``"auto"`` (:func:`backend_used`)."""


class Workspace:
    """Work arrays reused from block to block and call to call.

    Fresh large arrays cost page faults on first touch, which dominated small batches. Buffers
    only grow; a request returns a view of the first ``prod(shape)`` elements, cached by name
    and shape (building views costs more than using them on small blocks). One workspace per
    thread (:func:`workspace`); results never depend on it.
    """

    def __init__(self) -> None:
        self._arrays: dict[tuple[str, str], NDArray[Any]] = {}
        self._views: dict[tuple[str, tuple[int, ...], type], NDArray[Any]] = {}

    def get(self, name: str, shape: tuple[int, ...], dtype: type = np.float64) -> NDArray[Any]:
        view = self._views.get((name, shape, dtype))
        if view is not None:
            return view
        key = (name, np.dtype(dtype).str)
        size = math.prod(shape)
        buf = self._arrays.get(key)
        if buf is None or buf.size < size:
            buf = np.empty(max(size, 1), dtype=dtype)
            self._arrays[key] = buf
            # Views of the old buffer must not be handed out again.
            self._views = {k: v for k, v in self._views.items() if k[0] != name}
        view = buf[:size].reshape(shape)
        if len(self._views) > _MAX_VIEWS:  # many batch sizes seen: start afresh
            self._views.clear()
        self._views[(name, shape, dtype)] = view
        return view


_WORKSPACES = threading.local()


def workspace() -> Workspace:
    """This thread's :class:`Workspace`."""
    ws = getattr(_WORKSPACES, "ws", None)
    if ws is None:
        ws = _WORKSPACES.ws = Workspace()
    return ws


class Exchange:
    """One block of flat rows, each an (attacker, victim) first strike.

    The draw-down curve's linear pieces are indexed ``(class, j)`` (class: fixed, then off-alert
    survivable; ``j``: the ``j``-th warhead on a launcher), stacked as the rows of ``(piece,
    row)`` arrays in that order. A piece is used up before another when it kills more warheads
    per warhead spent (ties: lower index): the striker's most-efficient-first order.
    ``c`` holds the input columns (1-D over the block's rows, or scalars when constant).
    """

    def __init__(self, c: dict[str, Any], rows: int, opt: Options, ws: Workspace) -> None:
        self.opt, self.ws, self.rows = opt, ws, rows
        shots = opt.shots
        npieces = 2 * shots
        f_att = c["a_n_fixed"] * c["a_m_fixed"]
        s_att = c["a_n_surv"] * c["a_m_surv"]
        pool = c["commit_fixed"] * f_att + c["commit_surv"] * s_att
        # Third-party reserve: withheld from the whole force; the uncommitted 10 % counts first.
        W = np.maximum(np.minimum(pool, f_att + s_att - c["reserve_att"]), 0.0)
        self.W: FloatArray = np.broadcast_to(W, (rows,))
        self.T: FloatArray = c["v_n_fixed"] * c["v_m_fixed"] + c["v_n_surv"] * c["v_m_surv"]
        self.reserve_vic = c["reserve_vic"]
        self.has_reserve = bool(np.any(self.reserve_vic > 0.0))

        # Kills per warhead spent (eff) and launchers to shoot at (length), per piece.
        per_kill_f = c["v_m_fixed"] * (1.0 - c["lua_saved"] * c["v_lua"])
        n_tgt_s = c["v_n_surv"] * (1.0 - c["v_alert"])
        eff = self.eff = ws.get("eff", (npieces, rows))
        length = ws.get("len", (npieces, rows))
        for k, (de, per_kill, n_tgt) in enumerate(
            (
                (c["a_de_fixed"], per_kill_f, c["v_n_fixed"]),
                (c["a_de_surv"], c["v_m_surv"], n_tgt_s),
            )
        ):
            first = np.multiply(per_kill, de, out=eff[k * shots])  # j = 0
            miss = 1.0 - de
            for j in range(1, shots):
                np.multiply(first, miss**j, out=eff[k * shots + j])
            cls = slice(k * shots, (k + 1) * shots)
            np.multiply(eff[cls] > 0.0, n_tgt, out=length[cls])
        # Within a class, eff falls with j, so j orders the pieces; across classes compare.
        # f_first[a, b] = 1.0 where fixed piece a comes before survivable piece b, else 0.0
        # (float masks: x * 1.0 and x * 0.0 are exact, and float products are fast).
        mask = ws.get("mask", (shots, shots, rows), np.bool_)
        np.greater_equal(eff[:shots, None, :], eff[None, shots:, :], out=mask)
        f_first = ws.get("f_first", (shots, shots, rows))
        np.copyto(f_first, mask)
        s_first = np.subtract(1.0, f_first, out=ws.get("s_first", (shots, shots, rows)))
        tmp = ws.get("tmp", (shots, rows))

        def starts(per_piece: FloatArray, out: FloatArray) -> FloatArray:
            """Sum of ``per_piece`` over the pieces used before each piece: the earlier pieces
            of its class (in order), then the other class's pieces that come first."""
            lf, ls = per_piece[:shots], per_piece[shots:]
            for cls, own, other, before in (
                (out[:shots], lf, ls, s_first),
                (out[shots:], ls, lf, f_first.transpose(1, 0, 2)),
            ):
                cls[0] = 0.0
                for a in range(1, shots):
                    np.add(cls[a - 1], own[a - 1], out=cls[a])
                for b in range(shots):  # cls[a] += before[a, b] * other[b]
                    np.multiply(before[:, b], other[b], out=tmp)
                    cls += tmp
            return out

        start = starts(length, ws.get("start", (npieces, rows)))
        # used = clip(W - start, 0, length): the spend on each piece when the budget is spent.
        used = self.used = np.subtract(self.W, start, out=ws.get("used", (npieces, rows)))
        np.maximum(used, 0.0, out=used)
        np.minimum(used, length, out=used)
        kills = self.kills = np.multiply(eff, used, out=ws.get("kills", (npieces, rows)))
        self.k0 = starts(kills, ws.get("k0", (npieces, rows)))
        # Spend before each piece; K(s) on the concave curve is the minimum of the pieces'
        # lines k0 + eff (s - s0) = intercept + eff s.
        self.s0 = np.minimum(start, self.W, out=start)
        self.intercept = np.multiply(eff, self.s0, out=ws.get("icpt", (npieces, rows)))
        np.subtract(self.k0, self.intercept, out=self.intercept)

        # Value strikes: damage scales (negated, as used) and defenses.
        self.negc_att = -(LN5 / c["a_w80"])  # D(w) = 1 - exp(negc w)
        self.negc_vic = -(LN5 / c["v_w80"])
        self.e = c["exponent"]
        self.sur = c["surcharge"]
        self.i_att, self.pk_att = c["a_interceptors"], c["a_pk"]
        self.i_vic, self.pk_vic = c["v_interceptors"], c["v_pk"]
        self.def_att = bool(np.any((self.i_att > 0) & (self.pk_att > 0)))
        self.def_vic = bool(np.any((self.i_vic > 0) & (self.pk_vic > 0)))

    def kills_at(self, s: FloatArray, out: FloatArray | None = None) -> FloatArray:
        """Victim warheads killed when the striker has spent ``s`` (``(..., rows)``)."""
        lines = self.ws.get("lines", (self.eff.shape[0], *s.shape))
        shape = (self.eff.shape[0],) + (1,) * (s.ndim - 1) + (self.rows,)
        np.multiply(s, self.eff.reshape(shape), out=lines)
        lines += self.intercept.reshape(shape)
        return np.minimum.reduce(lines, axis=0, out=out)

    def arriving(self, V: FloatArray, L: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Weapons reaching the striker's (``V``) and the victim's (``L``) value.

        Returns the inputs themselves when there is neither reserve nor defense.
        """
        if self.has_reserve:
            V = np.maximum(V - self.reserve_vic, 0.0)
        if self.def_att:
            V = leakers(V, self.i_att, self.pk_att, self.opt.shoot_look_shoot)
        if self.def_vic:
            L = leakers(L, self.i_vic, self.pk_vic, self.opt.shoot_look_shoot)
        return V, L

    def _dpow(self, w: FloatArray, negc: FloatArray, out: FloatArray) -> FloatArray:
        """``D(w)^e = exp(e log(1 - exp(-c |w|)))`` into ``out``.

        ``|w|`` only absorbs rounding (``w`` is never meaningfully negative here).
        """
        np.abs(w, out=out)
        np.multiply(out, negc, out=out)
        np.exp(out, out=out)
        np.subtract(1.0, out, out=out)
        np.log(out, out=out)
        np.multiply(out, self.e, out=out)
        np.exp(out, out=out)
        return out

    def _costs(self, V: FloatArray, L: FloatArray, buf: FloatArray, victim: FloatArray | None
               ) -> FloatArray:
        """Striker's relative cost ``D_own^e - s D_enemy^e`` (returned, in ``V``'s buffer).

        With ``victim``, the victim's relative cost ``D_enemy^e - s D_own^e`` goes there.
        ``buf`` is a work buffer shaped like ``L`` (it may be ``L`` itself).
        """
        Va, La = self.arriving(V, L)
        xa = self._dpow(Va, self.negc_att, out=V)
        xv = self._dpow(La, self.negc_vic, out=buf)
        if victim is not None:
            np.multiply(xa, self.sur, out=victim)
            np.subtract(xv, victim, out=victim)
        np.multiply(xv, self.sur, out=xv)
        return np.subtract(xa, xv, out=xa)

    def _striker_cost(self, s: FloatArray, tag: str) -> FloatArray:
        """Striker's relative cost at spends ``s`` (``(k, rows)``), in workspace buffers ``tag``.

        The result lives in a buffer that the next call with the same ``tag`` overwrites.
        """
        ws, shape = self.ws, s.shape
        V = self.kills_at(s, out=ws.get(tag + "V", shape))
        np.subtract(self.T, V, out=V)
        L = np.subtract(self.W, s, out=ws.get(tag + "L", shape))  # D(L)^e goes in place
        return self._costs(V, L, L, None)

    def stop(self) -> FloatArray:
        """Counterforce spend ``s`` at the stopping point, per row."""
        opt, ws, rows = self.opt, self.ws, self.rows
        npieces, g, ends = self.eff.shape[0], opt.grid, END_POINTS
        npts = 1 + npieces * g + len(ends)
        S = ws.get("S", (npts, rows))  # counterforce spend at each point
        V = ws.get("V", (npts, rows))  # victim weapons surviving there
        S[0] = 0.0
        V[0] = self.T
        # Grid points tau = k/g along every piece: s0 + tau used, surviving T - k0 - tau kills.
        taus = ws.get("tau", (1, g, 1))
        taus[0, :, 0] = [k / g for k in range(1, g + 1)]
        S_grid = S[1 : 1 + npieces * g].reshape(npieces, g, rows)
        V_grid = V[1 : 1 + npieces * g].reshape(npieces, g, rows)
        np.multiply(taus, self.used[:, None, :], out=S_grid)
        S_grid += self.s0[:, None, :]
        np.negative(taus, out=taus)
        np.multiply(taus, self.kills[:, None, :], out=V_grid)
        rest_v = np.subtract(self.T, self.k0, out=ws.get("rest", (npieces, rows)))
        V_grid += rest_v[:, None, :]
        # Extra points close to the end of the budget, where the striker's value damage
        # D(L)^e falls steeply (infinite slope at L = 0) and a narrow cost minimum can hide
        # between grid points. Where the curve ends before the budget they repeat its end.
        s_end = ws.get("s_end", (rows,))
        s_end[...] = self.used[0]
        for u in self.used[1:]:
            s_end += u
        for j, frac in enumerate(ends):
            np.minimum(self.W * (1.0 - frac), s_end, out=S[npts - len(ends) + j])
        S_ends, V_ends = S[npts - len(ends) :], V[npts - len(ends) :]
        np.subtract(self.T, self.kills_at(S_ends, out=V_ends), out=V_ends)
        pen = ws.get("pen", (npts, rows))
        L = np.subtract(self.W, S, out=pen)  # D(L)^e is computed in place
        cv = ws.get("cv", (npts, rows))
        ca = self._costs(V, L, pen, cv)
        # Stopping rule: lowest own cost; among ties (within tie_tol) the highest enemy cost;
        # among those the least counterforce. Masks enter as 0/BIG penalties (much faster than
        # np.where on these (point x row) arrays); a uint8 view of the mask multiplies faster.
        flag = ws.get("flag", (npts, rows), np.bool_)
        flag8 = flag.view(np.uint8)
        np.greater(ca, ca.min(axis=0) + opt.tie_tol, out=flag)
        np.multiply(flag8, _BIG, out=pen)
        np.subtract(cv, pen, out=cv)
        np.less(cv, cv.max(axis=0), out=flag)
        np.multiply(flag8, _BIG, out=pen)
        s_star: FloatArray = np.add(S, pen, out=pen).min(axis=0)
        if opt.refine < 0:
            return s_star
        # Bracket between the nearest distinct grid points on either side (pieces meet there).
        np.greater_equal(S, s_star, out=flag)
        np.multiply(flag8, _BIG, out=pen)
        s_lo = np.subtract(S, pen, out=pen).max(axis=0)
        three = ws.get("s3", (3, rows))
        np.copyto(three[0], np.where(s_lo > -0.5 * _BIG, s_lo, s_star))
        np.less_equal(S, s_star, out=flag)
        np.multiply(flag8, _BIG, out=pen)
        s_hi = np.add(S, pen, out=pen).min(axis=0)
        np.copyto(three[2], np.where(s_hi < 0.5 * _BIG, s_hi, s_star))
        three[1] = s_star
        return self._refine(three)

    def _refine(self, three: FloatArray) -> FloatArray:
        """Refine the grid's stopping point ``three[1]`` within ``[three[0], three[2]]``."""
        opt, ws, rows = self.opt, self.ws, self.rows
        lo, s_star, hi = three
        f_lo, f_mid, f_hi = self._striker_cost(three, "r3")
        f_star = f_mid
        mid = s_star
        q = ws.get("s2", (2, rows))
        for _ in range(opt.refine):
            # Halve the bracket: evaluate halfway to each end and keep the best of the three.
            np.add(lo, mid, out=q[0])
            np.add(mid, hi, out=q[1])
            q *= 0.5
            f_q = self._striker_cost(q, "r2")
            go_lo = (f_q[0] < f_mid) & (f_q[0] <= f_q[1])
            go_hi = (f_q[1] < f_mid) & ~go_lo
            lo, f_lo, mid, f_mid, hi, f_hi = (
                np.where(go_lo, lo, np.where(go_hi, mid, q[0])),
                np.where(go_lo, f_lo, np.where(go_hi, f_mid, f_q[0])),
                np.where(go_lo, q[0], np.where(go_hi, q[1], mid)),
                np.where(go_lo, f_q[0], np.where(go_hi, f_q[1], f_mid)),
                np.where(go_lo, mid, np.where(go_hi, hi, q[1])),
                np.where(go_lo, f_mid, np.where(go_hi, f_hi, f_q[1])),
            )
        # One parabolic step through the final three points (kept only if it is better).
        d_lo, d_hi = mid - lo, mid - hi
        p = d_lo * d_lo * (f_mid - f_hi) - d_hi * d_hi * (f_mid - f_lo)
        den = 2.0 * (d_lo * (f_mid - f_hi) - d_hi * (f_mid - f_lo))
        x = mid - p / den
        x = np.where((den < 0.0) & (x > lo) & (x < hi), x, mid)
        f_x = self._striker_cost(x, "r1")
        mid = np.where(f_x < f_mid, x, mid)
        f_mid = np.minimum(f_x, f_mid)
        out: FloatArray = np.where(f_mid < f_star - opt.tie_tol, mid, s_star)
        return out

    def result(self, out: dict[str, FloatArray]) -> None:
        """Evaluate the stopping point and write every result field to ``out`` (``out``'s arrays
        may be any shape holding ``rows`` elements in order)."""
        s = self.stop()
        K = self.kills_at(s)
        V = np.maximum(self.T - K, 0.0)
        L = np.maximum(self.W - s, 0.0)
        Va, La = self.arriving(V, L)
        d_att = -np.expm1(self.negc_att * Va)
        d_vic = -np.expm1(self.negc_vic * La)
        xa, xv = np.power(d_att, self.e), np.power(d_vic, self.e)
        values = {
            "cost_attacker": xa + self.sur * (1.0 - xv),
            "cost_victim": xv + self.sur * (1.0 - xa),
            "committed": self.W,
            "counterforce": s,
            "value_strike": L,
            "kills": K,
            "retaliation": np.maximum(V - self.reserve_vic, 0.0) if self.has_reserve else V,
            "damage_attacker": d_att,
            "damage_victim": d_vic,
        }
        for name, arr in out.items():
            arr[...] = values[name].reshape(arr.shape)


# Columns that enter ``np.power`` (damage expectancies, the cost exponent, the defenses' kill
# probability) stay arrays: NumPy's power loop rounds differently for broadcast operands, and
# results must not depend on how a batch was broadcast. Every other column only enters exact
# IEEE operations (+, -, *, /, min, max) and may be a scalar.
_POWER_COLUMNS = frozenset({"a_de_fixed", "a_de_surv", "exponent", "a_pk", "v_pk"})


def _scalar(key: str, cols: list[NDArray[Any]]) -> bool:
    """Whether the input columns ``key`` of every set are one broadcast value (stride 0) that
    may enter the block as a scalar."""
    value = cols[0][0]
    if not all(c.strides == (0,) and c[0] == value for c in cols):
        return False
    # A constant zero kill probability disables the defense, so power is never reached.
    return key not in _POWER_COLUMNS or (key.endswith("_pk") and value == 0.0)


def solve(
    pairs: list[dict[str, NDArray[Any]]], n: int, opt: Options, fields: tuple[str, ...]
) -> list[dict[str, FloatArray]]:
    """Run every (attacker, victim) input set over its ``n`` flat rows, block by block.

    The sets' blocks are stacked, so one :class:`Exchange` serves all directions at once.
    Returns, per set, the result ``fields`` as 1-D arrays of ``n`` rows.
    """
    k = len(pairs)
    # One block for every output (fields are views): a single large allocation is reused by
    # the allocator from call to call once freed, where many smaller ones are returned to the
    # system and page-fault again on first write.
    block_out = np.empty((len(fields), k, n))
    outputs = dict(zip(fields, block_out, strict=True))
    if n == 0:
        return [{name: outputs[name][j] for name in fields} for j in range(k)]
    ws = workspace()
    from stratlab.models.first_strike import kernel as fused

    kernel = fused.backend_used(opt.backend, n) == "numba"
    # Columns constant over the batch (and across the sets) enter as scalars.
    scalars = {key: pairs[0][key][0] for key in pairs[0] if _scalar(key, [p[key] for p in pairs])}
    varying = [key for key in pairs[0] if key not in scalars]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        # Blocks of equal size, at most CHUNK rows each.
        size = -(-n // -(-n // CHUNK))
        for lo in range(0, n, size):
            hi = min(n, lo + size)
            m = hi - lo
            block: dict[str, Any] = dict(scalars)
            for key in varying:
                cols = [p[key][lo:hi] for p in pairs]
                buf = ws.get("in_" + key, (k * m,), cols[0].dtype.type)
                block[key] = np.concatenate(cols, out=buf) if k > 1 else cols[0]
            if kernel:
                fused.run_block(block, k * m, opt, ws, block_out[:, :, lo:hi], fields)
                continue
            view = {name: arr[:, lo:hi] for name, arr in outputs.items()}
            Exchange(block, k * m, opt, ws).result(view)
    return [{name: outputs[name][j] for name in fields} for j in range(k)]
