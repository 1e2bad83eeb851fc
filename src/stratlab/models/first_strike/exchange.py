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
index itself jumps. Everything is array arithmetic over blocks of batch rows
(:mod:`.drawdown`).

Reconstructions (ours, not Kent & Thaler): missile defense (:mod:`.defense`) thins the victim's
retaliation reaching the striker's value and the striker's value strike reaching the victim's
value; interceptors defend value only, survive the counterforce strike and are not suppressed.
Reserves against third parties (``reserve_*``) serve the N-actor extension (:mod:`.nactor`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from stratlab.models.first_strike.cost import (
    COMMIT_FIXED,
    COMMIT_SURVIVABLE,
    EXPONENT,
    LUA_SAVED,
    SURCHARGE,
    index_from_costs,
)
from stratlab.models.first_strike.cost import SOURCE_IDS as _COST_SOURCES
from stratlab.models.first_strike.defense import SOURCE_IDS as _DEFENSE_SOURCES
from stratlab.models.first_strike.drawdown import Options, solve
from stratlab.models.first_strike.forces import ForceArrays
from stratlab.models.first_strike.kernel import backend_used

FloatArray = NDArray[np.float64]

SOURCE_IDS = _COST_SOURCES + _DEFENSE_SOURCES
"""Source ids this module cites (rows the ``sources`` table should hold)."""

GRID = 3
"""Default grid points per linear piece of the draw-down curve."""
REFINE = 2
"""Default bracket halvings after the grid search (then one parabolic step; -1: none)."""
TIE_TOL = 1e-9
"""Default cost difference below which two stopping points tie."""

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


_FIELDS = tuple(StrikeResult.__dataclass_fields__)


def _solve(pairs: list[dict[str, NDArray[Any]]], n: int, opt: Options) -> list[StrikeResult]:
    """Every (attacker, victim) input set over its ``n`` flat rows (:func:`.drawdown.solve`)."""
    return [StrikeResult(**res) for res in solve(pairs, n, opt, _FIELDS)]


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


BACKENDS = ("auto", "numpy", "numba")
"""``backend`` values: ``"numpy"`` is the reference; ``"numba"`` the fused kernel (:mod:`.kernel`,
optional extra ``fast``; bitwise the same results); ``"auto"`` takes the kernel where numba is
installed and the batch is large enough to repay its first-call compilation
(``kernel.AUTO_MIN_ROWS`` rows), else NumPy."""


def _options(
    shots: int, shoot_look_shoot: bool, grid: int, refine: int, tie_tol: float,
    backend: str = "numpy",
) -> Options:
    if int(shots) != shots or shots < 1:
        raise ValueError(f"shots: expected an integer >= 1, got {shots!r}")
    if int(grid) != grid or grid < 1:
        raise ValueError(f"grid: expected an integer >= 1, got {grid!r}")
    if int(refine) != refine or refine < -1:
        raise ValueError(f"refine: expected an integer >= -1, got {refine!r}")
    if not tie_tol >= 0.0:
        raise ValueError(f"tie_tol: expected >= 0, got {tie_tol!r}")
    if backend not in BACKENDS:
        raise ValueError(f"backend: expected one of {', '.join(BACKENDS)}, got {backend!r}")
    from stratlab.models.first_strike.kernel import available

    if backend == "numba" and not available():
        raise ValueError("backend: 'numba' needs the optional extra 'fast' (numba)")
    return Options(
        int(shots), bool(shoot_look_shoot), int(grid), int(refine), float(tie_tol), backend
    )


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


def _column(value: NDArray[Any], shape: tuple[int, ...]) -> NDArray[Any]:
    """``value`` broadcast to the batch ``shape`` and flattened (a view where possible)."""
    if value.shape == shape:
        return value.reshape(-1)
    return np.broadcast_to(value, shape).reshape(-1)


def _side(forces: ForceArrays, shape: tuple[int, ...]) -> dict[str, NDArray[Any]]:
    """Flat (1-D) views of one side's fields over the batch."""
    return {name: _column(getattr(forces, name), shape) for name in _SIDE_FIELDS}


def _flat(
    att: dict[str, NDArray[Any]],
    vic: dict[str, NDArray[Any]],
    extra: dict[str, FloatArray],
    shape: tuple[int, ...],
) -> dict[str, NDArray[Any]]:
    """Flat (1-D) input columns of one (attacker, victim) pair (sides from :func:`_side`)."""
    cols: dict[str, NDArray[Any]] = {}
    for name in _SIDE_FIELDS:
        cols["a_" + name] = att[name]
        cols["v_" + name] = vic[name]
    for name, value in extra.items():
        cols[name] = _column(value, shape)
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
    backend: str = "auto",
) -> StrikeResult:
    """``attacker`` strikes ``victim`` first; costs and forces at the striker's stopping point.

    ``shots``: most warheads the striker puts on one launcher (2: the report's second-shot
    increment). ``reserve_*``: weapons each side withholds against third parties (N-actor use).
    ``shoot_look_shoot``: defense doctrine (:func:`~.defense.leakers`). ``grid``, ``refine``,
    ``tie_tol``: numerics of the stopping rule (module docstring). ``backend``: ``"numpy"``
    (reference), ``"numba"`` (fused kernel, bitwise the same) or ``"auto"`` (the kernel for large
    batches where numba is installed).
    """
    opt = _options(shots, shoot_look_shoot, grid, refine, tie_tol, backend)
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
    cols = _flat(_side(attacker, shape), _side(victim, shape), extra, shape)
    (res,) = _solve([cols], math.prod(shape), opt)
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
    backend: str = "auto",
) -> FirstStrikeResult:
    """Kent–Thaler first-strike stability of the pair ``(a, b)`` over the broadcast batch.

    Both directions of attack are evaluated in one vectorized pass. ``C1_X``: X's cost at its
    own stopping point when it strikes first; ``C2_X``: X's cost at the enemy's stopping point
    when struck first; ``r_X = min(1, C1_X / C2_X)``; ``FSI = r_A r_B`` (reference §1.2–1.4).
    Keywords as in :func:`strike`; ``exponent``, ``surcharge``, the commitment shares and
    ``lua_saved`` may be arrays over the batch (e.g. sampled uncertainties).
    """
    opt = _options(shots, shoot_look_shoot, grid, refine, tie_tol, backend)
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
    side_a, side_b = _side(a, shape), _side(b, shape)
    res_ab, res_ba = _solve(
        [_flat(side_a, side_b, ab, shape), _flat(side_b, side_a, ba, shape)],
        math.prod(shape),
        opt,
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
        "backend": backend_used(opt.backend, math.prod(shape)),
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
