"""The Kent–Thaler exchange: counterforce draw-down, stopping rule, C1/C2 per side and the FSI.

Mechanics (reference §1.3; status [S] unless marked; R-3765 pages as quoted by the open-source
tool [tsm-crisis-stability-js]):

* The striker commits all of its fixed and 90 % of its survivable weapons (p. 34), ``W``, and
  spends ``s`` of them on counterforce and the rest, ``L = W - s``, on the victim's value.
* Targets are the victim's fixed launchers and its survivable launchers *not* on alert. One
  warhead kills a launcher with probability ``DE``; the ``j``-th warhead on the same launcher
  adds ``DE (1-DE)^(j-1)`` (so ``k`` warheads kill with ``1 - (1-DE)^k``). A killed launcher
  removes its ``m`` warheads (MIRVed silos lose ``m`` per kill). With launch under attack the
  victim saves ``lua_saved`` (90 %, p. 35 n. 4) of its fixed warheads, so a kill removes only
  the rest.
* The striker spends warheads on the most efficient option first (kills per warhead spent), so
  the kills ``K(s)`` are concave and piecewise linear (the draw-down curve); the victim
  retaliates on the striker's value with all its surviving weapons ``V = T - K(s)``.
* Stopping rule (p. 22): the striker stops where its own cost is lowest; among ties, where the
  victim's cost is highest. The striker's ``C1`` and the victim's ``C2`` are read there.

Numerics (ours): the cost is evaluated at ``grid`` points along every linear piece, at ``s = 0``
and at two points close to the end of the budget (``L = W/16, W/64``, where the striker's value
damage ``D(L)^0.75`` falls with infinite slope and a narrow minimum can hide), so every breakpoint
is a candidate. The stopping rule is applied on those points, a tie meaning "within ``tie_tol``"
and remaining ties going to the least counterforce. The point found is then refined between
its neighbours by ``refine`` bracket halvings and one parabolic step (``refine=-1``: no
refinement); a refined point replaces the grid point only if it lowers the striker's cost by
more than ``tie_tol``. Against a 3000-point grid, the defaults (``grid=3, refine=2``) give FSI
errors of a few 1e-5 on average and below 1e-3 in 99 % of random postures; larger errors occur
where the striker's cost is flat at its minimum or two stopping points nearly tie, so that the
index itself jumps. Everything is array arithmetic over blocks of batch rows.

Reconstructions (ours, not Kent & Thaler): missile defense (:mod:`.defense`) thins the victim's
retaliation reaching the striker's value and the striker's value strike reaching the victim's
value; interceptors defend value only, survive the counterforce strike and are not suppressed.
Reserves against third parties (``reserve_*``) serve the N-actor extension (:mod:`.nactor`).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from stratlab.models.first_strike.cost import (
    COMMIT_FIXED,
    COMMIT_SURVIVABLE,
    EXPONENT,
    LN5,
    LUA_SAVED,
    SURCHARGE,
    index_from_costs,
)
from stratlab.models.first_strike.cost import SOURCE_IDS as _COST_SOURCES
from stratlab.models.first_strike.defense import SOURCE_IDS as _DEFENSE_SOURCES
from stratlab.models.first_strike.defense import leakers
from stratlab.models.first_strike.forces import ForceArrays

FloatArray = NDArray[np.float64]

SOURCE_IDS = _COST_SOURCES + _DEFENSE_SOURCES
"""Source ids this module cites (rows the ``sources`` table should hold)."""

GRID = 3
"""Default grid points per linear piece of the draw-down curve."""
REFINE = 2
"""Default bracket halvings after the grid search (then one parabolic step; -1: none)."""
TIE_TOL = 1e-9
"""Default cost difference below which two stopping points tie."""

_BIG = 1e30
_END_POINTS: tuple[float, ...] = (1.0 / 16.0, 1.0 / 64.0)
_CHUNK = 4096
"""Rows per block: (points x rows) work arrays stay a few MB and are reused between blocks."""


@dataclass(frozen=True, eq=False)
class StrikeResult:
    """One first strike, read at the striker's stopping point (arrays in the batch shape)."""

    cost_attacker: FloatArray
    """The striker's cost ``C1``."""
    cost_victim: FloatArray
    """The victim's cost ``C2``."""
    committed: FloatArray
    """Weapons the striker commits (fixed + 90 % survivable, less any third-party reserve)."""
    counterforce: FloatArray
    """Weapons the striker spends on counterforce (the stopping point ``s``)."""
    value_strike: FloatArray
    """Striker weapons launched at the victim's value, ``committed - counterforce``."""
    kills: FloatArray
    """Victim warheads destroyed by the counterforce strike."""
    retaliation: FloatArray
    """Victim weapons launched back at the striker's value (survivors less any reserve)."""
    damage_attacker: FloatArray
    """Fraction of the striker's value destroyed (after the striker's defenses)."""
    damage_victim: FloatArray
    """Fraction of the victim's value destroyed (after the victim's defenses)."""


@dataclass(frozen=True, eq=False)
class FirstStrikeResult:
    """Kent–Thaler first-strike stability of a pair A, B, over a batch."""

    c1_a: FloatArray
    """A's cost of striking first."""
    c2_a: FloatArray
    """A's cost of being struck first (by B)."""
    c1_b: FloatArray
    """B's cost of striking first."""
    c2_b: FloatArray
    """B's cost of being struck first (by A)."""
    r_a: FloatArray
    """``min(1, C1_A / C2_A)``: A's break-even probability of a B strike."""
    r_b: FloatArray
    """``min(1, C1_B / C2_B)``."""
    fsi: FloatArray
    """First-strike stability index ``r_A r_B`` in ``[0, 1]``."""
    a_strikes: StrikeResult
    """A strikes B first."""
    b_strikes: StrikeResult
    """B strikes A first."""
    params: Mapping[str, Any] = field(default_factory=dict)
    """Model parameters the result was computed with."""
    sources: tuple[str, ...] = SOURCE_IDS
    """Source ids behind the model."""

    @property
    def stop_a(self) -> FloatArray:
        """Weapons A spends on counterforce when it strikes first."""
        return self.a_strikes.counterforce

    @property
    def stop_b(self) -> FloatArray:
        """Weapons B spends on counterforce when it strikes first."""
        return self.b_strikes.counterforce


@dataclass(frozen=True)
class _Options:
    shots: int
    shoot_look_shoot: bool
    grid: int
    refine: int
    tie_tol: float


class _Workspace:
    """Work arrays reused from block to block and call to call.

    Fresh large arrays cost page faults on first touch, which dominated small batches. Buffers
    only grow; a request returns a view of the first ``prod(shape)`` elements. One workspace per
    thread (:data:`_WORKSPACES`); results never depend on it.
    """

    def __init__(self) -> None:
        self._arrays: dict[tuple[str, str], NDArray[Any]] = {}

    def get(self, name: str, shape: tuple[int, ...], dtype: type = np.float64) -> NDArray[Any]:
        key = (name, np.dtype(dtype).str)
        size = math.prod(shape)
        buf = self._arrays.get(key)
        if buf is None or buf.size < size:
            buf = np.empty(max(size, 1), dtype=dtype)
            self._arrays[key] = buf
        return buf[:size].reshape(shape)


_WORKSPACES = threading.local()


def _workspace() -> _Workspace:
    ws = getattr(_WORKSPACES, "ws", None)
    if ws is None:
        ws = _WORKSPACES.ws = _Workspace()
    return ws


class _Exchange:
    """One block of flat (1-D batch) rows, each an (attacker, victim) first strike.

    The draw-down curve's linear pieces are indexed ``(class, j)`` (class: fixed, then off-alert
    survivable; ``j``: the ``j``-th warhead on a launcher). A piece is used up before another when
    it kills more warheads per warhead spent (ties: lower index): the striker's
    most-efficient-first order. Work arrays are ``(point, row)``.
    """

    def __init__(self, c: dict[str, NDArray[Any]], opt: _Options, ws: _Workspace) -> None:
        self.opt = opt
        self.ws = ws
        f_att = c["a_n_fixed"] * c["a_m_fixed"]
        s_att = c["a_n_surv"] * c["a_m_surv"]
        pool = c["commit_fixed"] * f_att + c["commit_surv"] * s_att
        # Third-party reserve: withheld from the whole force; the uncommitted 10 % counts first.
        self.W = np.maximum(np.minimum(pool, f_att + s_att - c["reserve_att"]), 0.0)
        self.T = c["v_n_fixed"] * c["v_m_fixed"] + c["v_n_surv"] * c["v_m_surv"]
        self.reserve_vic = c["reserve_vic"]
        self.has_reserve = bool(np.any(self.reserve_vic > 0.0))

        # Kills per warhead spent (eff) and launchers to shoot at (length), per class and j.
        per_kill_f = c["v_m_fixed"] * (1.0 - c["lua_saved"] * c["v_lua"])
        n_tgt_s = c["v_n_surv"] * (1.0 - c["v_alert"])
        classes: list[tuple[list[FloatArray], list[FloatArray]]] = []
        for de, per_kill, n_tgt in (
            (c["a_de_fixed"], per_kill_f, c["v_n_fixed"]),
            (c["a_de_surv"], c["v_m_surv"], n_tgt_s),
        ):
            first = per_kill * de
            effs = [first * (1.0 - de) ** j for j in range(opt.shots)]
            lens = [np.where(e > 0.0, n_tgt, 0.0) for e in effs]
            classes.append((effs, lens))
        (eff_f, len_f), (eff_s, len_s) = classes
        # Within a class, eff falls with j, so j orders the pieces; across classes compare.
        f_first = [[eff_f[a] >= eff_s[b] for b in range(opt.shots)] for a in range(opt.shots)]
        zero = np.zeros_like(self.W)

        def starts(lf: list[FloatArray], ls: list[FloatArray]) -> list[FloatArray]:
            out = []
            for a in range(opt.shots):  # fixed piece a: earlier fixed pieces, stronger surv ones
                acc = sum(lf[:a], zero.copy())
                for b in range(opt.shots):
                    acc = acc + ~f_first[a][b] * ls[b]
                out.append(acc)
            for b in range(opt.shots):
                acc = sum(ls[:b], zero.copy())
                for a in range(opt.shots):
                    acc = acc + f_first[a][b] * lf[a]
                out.append(acc)
            return out

        # Per-piece rows are kept as lists of 1-D arrays: stacking them would allocate blocks
        # above malloc's mmap threshold and pay page faults on every block.
        start = starts(len_f, len_s)
        length = len_f + len_s
        self.eff = eff_f + eff_s
        self.used = [np.clip(self.W - st, 0.0, ln) for st, ln in zip(start, length, strict=True)]
        self.kills = [e * u for e, u in zip(self.eff, self.used, strict=True)]
        self.k0 = starts(self.kills[: opt.shots], self.kills[opt.shots :])
        self.s0 = [np.minimum(st, self.W) for st in start]  # spend before this piece
        # K(s) on the concave curve is the minimum of the pieces' lines k0 + eff (s - s0).
        self.intercept = [
            k - e * s0 for k, e, s0 in zip(self.k0, self.eff, self.s0, strict=True)
        ]

        # Value strikes: damage scales and defenses.
        self.c_att = LN5 / c["a_w80"]
        self.c_vic = LN5 / c["v_w80"]
        self.e = c["exponent"]
        self.sur = c["surcharge"]
        self.i_att, self.pk_att = c["a_interceptors"], c["a_pk"]
        self.i_vic, self.pk_vic = c["v_interceptors"], c["v_pk"]
        self.def_att = bool(np.any((self.i_att > 0) & (self.pk_att > 0)))
        self.def_vic = bool(np.any((self.i_vic > 0) & (self.pk_vic > 0)))

    def kills_at(self, s: FloatArray) -> FloatArray:
        """Victim warheads killed when the striker has spent ``s`` on counterforce."""
        out: FloatArray = self.intercept[0] + self.eff[0] * s
        for b, e in zip(self.intercept[1:], self.eff[1:], strict=True):
            np.minimum(out, b + e * s, out=out)
        return out

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

    def _dpow(self, w: FloatArray, c: FloatArray, out: FloatArray) -> FloatArray:
        """``D(w)^e = exp(e log(1 - exp(-c |w|)))`` into ``out``.

        ``|w|`` only absorbs rounding (``w`` is never meaningfully negative here).
        """
        np.abs(w, out=out)
        np.multiply(out, -c, out=out)
        np.exp(out, out=out)
        np.subtract(1.0, out, out=out)
        np.log(out, out=out)
        np.multiply(out, self.e, out=out)
        np.exp(out, out=out)
        return out

    def _relative_costs(
        self, V: FloatArray, L: FloatArray, work: tuple[FloatArray, FloatArray] | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """Striker's and victim's cost less the constant surcharge: ``D_own^e - s D_enemy^e``.

        Overwrites ``V`` (not ``L``); ``work`` supplies two buffers shaped like ``L``.
        """
        Va, La = self.arriving(V, L)
        buf_v, buf_c = work if work is not None else (np.empty_like(L), np.empty_like(L))
        xa = self._dpow(Va, self.c_att, out=V)
        xv = self._dpow(La, self.c_vic, out=buf_v)
        cv = np.multiply(xa, self.sur, out=buf_c)
        np.subtract(xv, cv, out=cv)
        np.multiply(xv, self.sur, out=xv)
        np.subtract(xa, xv, out=xa)
        return xa, cv

    def _striker_cost(self, s: FloatArray, tag: str) -> FloatArray:
        """Striker's relative cost at spends ``s`` (``(k, rows)``), in workspace buffers ``tag``.

        The result lives in a buffer that the next call with the same ``tag`` overwrites.
        """
        ws, shape = self.ws, s.shape
        K = ws.get(tag + "K", shape)
        tmp = ws.get(tag + "L", shape)
        np.multiply(s, self.eff[0], out=K)
        K += self.intercept[0]
        for b, e in zip(self.intercept[1:], self.eff[1:], strict=True):
            np.multiply(s, e, out=tmp)
            tmp += b
            np.minimum(K, tmp, out=K)
        V = np.subtract(self.T, K, out=K)
        L = np.subtract(self.W, s, out=tmp)
        work = (ws.get(tag + "x", shape), ws.get(tag + "c", shape))
        return self._relative_costs(V, L, work)[0]

    def stop(self) -> FloatArray:
        """Counterforce spend ``s`` at the stopping point, per row."""
        opt = self.opt
        rows = self.W.shape[0]
        npieces = len(self.eff)
        ends = _END_POINTS
        npts = 1 + npieces * opt.grid + len(ends)
        ws = self.ws
        S = ws.get("S", (npts, rows))  # counterforce spend at each point
        V = ws.get("V", (npts, rows))  # victim weapons surviving there
        S[0] = 0.0
        V[0] = self.T
        for i in range(npieces):
            rest_v = self.T - self.k0[i]
            for k in range(1, opt.grid + 1):
                tau = k / opt.grid
                row = 1 + i * opt.grid + k - 1
                np.multiply(self.used[i], tau, out=S[row])
                S[row] += self.s0[i]
                np.multiply(self.kills[i], -tau, out=V[row])
                V[row] += rest_v
        # Extra points close to the end of the budget, where the striker's value damage
        # D(L)^e falls steeply (infinite slope at L = 0) and a narrow cost minimum can hide
        # between grid points. Where the curve ends before the budget they repeat its end.
        s_end = sum(self.used[1:], self.used[0].copy())
        for j, frac in enumerate(ends):
            row = npts - len(ends) + j
            S[row] = np.minimum(self.W * (1.0 - frac), s_end)
            V[row] = self.T - self.kills_at(S[row])
        L = np.subtract(self.W, S, out=ws.get("L", (npts, rows)))
        work = (ws.get("xv", (npts, rows)), ws.get("cv", (npts, rows)))
        ca, cv = self._relative_costs(V, L, work)
        # Stopping rule: lowest own cost; among ties (within tie_tol) the highest enemy cost;
        # among those the least counterforce. Masks enter as BIG penalties, much faster than
        # np.where on these (point x row) arrays.
        flag = ws.get("flag", (npts, rows), np.bool_)
        pen = work[0]
        np.greater(ca, ca.min(axis=0) + opt.tie_tol, out=flag)
        np.multiply(flag, _BIG, out=pen)
        np.subtract(cv, pen, out=cv)
        np.less(cv, cv.max(axis=0), out=flag)
        np.multiply(flag, _BIG, out=pen)
        s_star: FloatArray = np.add(S, pen, out=pen).min(axis=0)
        if opt.refine < 0:
            return s_star
        # Bracket between the nearest distinct grid points on either side (pieces meet there).
        np.greater_equal(S, s_star, out=flag)
        np.multiply(flag, _BIG, out=pen)
        s_lo = np.subtract(S, pen, out=pen).max(axis=0)
        lo = np.where(s_lo > -0.5 * _BIG, s_lo, s_star)
        np.less_equal(S, s_star, out=flag)
        np.multiply(flag, _BIG, out=pen)
        s_hi = np.add(S, pen, out=pen).min(axis=0)
        hi = np.where(s_hi < 0.5 * _BIG, s_hi, s_star)
        three = ws.get("s3", (3, rows))
        three[0], three[1], three[2] = lo, s_star, hi
        f_lo, f_mid, f_hi = self._striker_cost(three, "r3")
        f_star = f_mid
        mid = s_star
        for _ in range(opt.refine):
            # Halve the bracket: evaluate halfway to each end and keep the best of the three.
            q = ws.get("s2", (2, rows))
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
        """Evaluate the stopping point and write every :class:`StrikeResult` field to ``out``."""
        s = self.stop()
        K = self.kills_at(s)
        V = np.maximum(self.T - K, 0.0)
        L = np.maximum(self.W - s, 0.0)
        Va, La = self.arriving(V, L)
        d_att = -np.expm1(-self.c_att * Va)
        d_vic = -np.expm1(-self.c_vic * La)
        xa, xv = np.power(d_att, self.e), np.power(d_vic, self.e)
        out["cost_attacker"][:] = xa + self.sur * (1.0 - xv)
        out["cost_victim"][:] = xv + self.sur * (1.0 - xa)
        out["committed"][:] = self.W
        out["counterforce"][:] = s
        out["value_strike"][:] = L
        out["kills"][:] = K
        out["retaliation"][:] = np.maximum(V - self.reserve_vic, 0.0) if self.has_reserve else V
        out["damage_attacker"][:] = d_att
        out["damage_victim"][:] = d_vic


_FIELDS = tuple(StrikeResult.__dataclass_fields__)


def _solve(pairs: list[dict[str, NDArray[Any]]], n: int, opt: _Options) -> list[StrikeResult]:
    """Run every (attacker, victim) input set over its ``n`` flat rows, block by block.

    The sets' blocks are stacked, so one :class:`_Exchange` serves all directions at once.
    """
    k = len(pairs)
    outputs = {name: np.empty((k, n)) for name in _FIELDS}
    ws = _workspace()
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        for lo in range(0, n, _CHUNK):
            hi = min(n, lo + _CHUNK)
            block = {
                key: (np.concatenate([p[key][lo:hi] for p in pairs]) if k > 1 else col[lo:hi])
                for key, col in pairs[0].items()
            }
            view = {name: arr[:, lo:hi].reshape(-1) if k > 1 else arr[0, lo:hi]
                    for name, arr in outputs.items()}
            if k > 1:
                tmp = {name: np.empty(k * (hi - lo)) for name in _FIELDS}
                _Exchange(block, opt, ws).result(tmp)
                for name in _FIELDS:
                    outputs[name][:, lo:hi] = tmp[name].reshape(k, hi - lo)
            else:
                _Exchange(block, opt, ws).result(view)
    return [StrikeResult(**{name: outputs[name][j] for name in _FIELDS}) for j in range(k)]


_SIDE_FIELDS = (
    "n_fixed",
    "m_fixed",
    "n_surv",
    "m_surv",
    "de_fixed",
    "de_surv",
    "w80",
    "alert",
    "interceptors",
    "pk",
    "lua",
)


def _options(
    shots: int, shoot_look_shoot: bool, grid: int, refine: int, tie_tol: float
) -> _Options:
    if int(shots) != shots or shots < 1:
        raise ValueError(f"shots: expected an integer >= 1, got {shots!r}")
    if int(grid) != grid or grid < 1:
        raise ValueError(f"grid: expected an integer >= 1, got {grid!r}")
    if int(refine) != refine or refine < -1:
        raise ValueError(f"refine: expected an integer >= -1, got {refine!r}")
    if not tie_tol >= 0.0:
        raise ValueError(f"tie_tol: expected >= 0, got {tie_tol!r}")
    return _Options(int(shots), bool(shoot_look_shoot), int(grid), int(refine), float(tie_tol))


def _scalars(**values: ArrayLike) -> dict[str, FloatArray]:
    out = {k: np.asarray(v, dtype=np.float64) for k, v in values.items()}
    for name in ("commit_fixed", "commit_surv", "lua_saved"):
        if not np.all((out[name] >= 0.0) & (out[name] <= 1.0)):
            raise ValueError(f"{name}: expected a fraction in [0, 1]")
    for name in ("surcharge", "reserve_att", "reserve_vic"):
        if not np.all(np.isfinite(out[name]) & (out[name] >= 0.0)):
            raise ValueError(f"{name}: expected finite values >= 0")
    if not np.all(np.isfinite(out["exponent"]) & (out["exponent"] > 0.0)):
        raise ValueError("exponent: expected finite values > 0")
    return out


def _flat(
    att: ForceArrays, vic: ForceArrays, extra: dict[str, FloatArray], shape: tuple[int, ...]
) -> dict[str, NDArray[Any]]:
    """Flat (1-D) views of one (attacker, victim) pair's inputs over the batch."""
    cols: dict[str, NDArray[Any]] = {}
    for name in _SIDE_FIELDS:
        cols["a_" + name] = np.broadcast_to(getattr(att, name), shape).reshape(-1)
        cols["v_" + name] = np.broadcast_to(getattr(vic, name), shape).reshape(-1)
    for name, value in extra.items():
        cols[name] = np.broadcast_to(value, shape).reshape(-1)
    return cols


def _reshape(res: StrikeResult, shape: tuple[int, ...]) -> StrikeResult:
    return StrikeResult(**{k: getattr(res, k).reshape(shape) for k in _FIELDS})


def _batch_shape(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError:
        raise ValueError(f"batch shapes {', '.join(map(str, shapes))} do not broadcast") from None


def strike(
    attacker: ForceArrays,
    victim: ForceArrays,
    *,
    exponent: ArrayLike = EXPONENT,
    surcharge: ArrayLike = SURCHARGE,
    commit_fixed: ArrayLike = COMMIT_FIXED,
    commit_survivable: ArrayLike = COMMIT_SURVIVABLE,
    lua_saved: ArrayLike = LUA_SAVED,
    reserve_attacker: ArrayLike = 0.0,
    reserve_victim: ArrayLike = 0.0,
    shots: int = 2,
    shoot_look_shoot: bool = False,
    grid: int = GRID,
    refine: int = REFINE,
    tie_tol: float = TIE_TOL,
) -> StrikeResult:
    """``attacker`` strikes ``victim`` first; costs and forces at the striker's stopping point.

    ``shots``: most warheads the striker puts on one launcher (2: the report's second-shot
    increment). ``reserve_*``: weapons each side withholds against third parties (N-actor use).
    ``shoot_look_shoot``: defense doctrine (:func:`~.defense.leakers`). ``grid``, ``refine``,
    ``tie_tol``: numerics of the stopping rule (module docstring).
    """
    opt = _options(shots, shoot_look_shoot, grid, refine, tie_tol)
    extra = _scalars(
        exponent=exponent,
        surcharge=surcharge,
        commit_fixed=commit_fixed,
        commit_surv=commit_survivable,
        lua_saved=lua_saved,
        reserve_att=reserve_attacker,
        reserve_vic=reserve_victim,
    )
    shape = _batch_shape(
        attacker.batch_shape, victim.batch_shape, *(v.shape for v in extra.values())
    )
    (res,) = _solve([_flat(attacker, victim, extra, shape)], math.prod(shape), opt)
    return _reshape(res, shape)


def first_strike_stability(
    a: ForceArrays,
    b: ForceArrays,
    *,
    exponent: ArrayLike = EXPONENT,
    surcharge: ArrayLike = SURCHARGE,
    commit_fixed: ArrayLike = COMMIT_FIXED,
    commit_survivable: ArrayLike = COMMIT_SURVIVABLE,
    lua_saved: ArrayLike = LUA_SAVED,
    reserve_a: ArrayLike = 0.0,
    reserve_b: ArrayLike = 0.0,
    shots: int = 2,
    shoot_look_shoot: bool = False,
    grid: int = GRID,
    refine: int = REFINE,
    tie_tol: float = TIE_TOL,
) -> FirstStrikeResult:
    """Kent–Thaler first-strike stability of the pair ``(a, b)`` over the broadcast batch.

    Both directions of attack are evaluated in one vectorized pass. ``C1_X``: X's cost at its
    own stopping point when it strikes first; ``C2_X``: X's cost at the enemy's stopping point
    when struck first; ``r_X = min(1, C1_X / C2_X)``; ``FSI = r_A r_B`` (reference §1.2–1.4).
    Keywords as in :func:`strike`; ``exponent``, ``surcharge``, the commitment shares and
    ``lua_saved`` may be arrays over the batch (e.g. sampled uncertainties).
    """
    opt = _options(shots, shoot_look_shoot, grid, refine, tie_tol)
    common: dict[str, ArrayLike] = {
        "exponent": exponent,
        "surcharge": surcharge,
        "commit_fixed": commit_fixed,
        "commit_surv": commit_survivable,
        "lua_saved": lua_saved,
    }
    ab = _scalars(**common, reserve_att=reserve_a, reserve_vic=reserve_b)
    ba = _scalars(**common, reserve_att=reserve_b, reserve_vic=reserve_a)
    shape = _batch_shape(a.batch_shape, b.batch_shape, *(v.shape for v in ab.values()))
    res_ab, res_ba = _solve(
        [_flat(a, b, ab, shape), _flat(b, a, ba, shape)], math.prod(shape), opt
    )
    a_strikes, b_strikes = _reshape(res_ab, shape), _reshape(res_ba, shape)
    r_a, r_b, fsi = index_from_costs(
        a_strikes.cost_attacker,
        b_strikes.cost_victim,
        b_strikes.cost_attacker,
        a_strikes.cost_victim,
    )
    params: dict[str, Any] = {
        **{k: np.asarray(v) for k, v in common.items()},
        "shots": opt.shots,
        "shoot_look_shoot": opt.shoot_look_shoot,
        "grid": opt.grid,
        "refine": opt.refine,
        "tie_tol": opt.tie_tol,
    }
    return FirstStrikeResult(
        c1_a=a_strikes.cost_attacker,
        c2_a=b_strikes.cost_victim,
        c1_b=b_strikes.cost_attacker,
        c2_b=a_strikes.cost_victim,
        r_a=r_a,
        r_b=r_b,
        fsi=fsi,
        a_strikes=a_strikes,
        b_strikes=b_strikes,
        params=params,
    )
