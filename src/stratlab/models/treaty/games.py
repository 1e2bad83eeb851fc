"""Closed forms behind the life cycle: bargaining, commitment, compliance, inspection, ratification.

Every formula is the one stated in the shared reference note ``perception.md`` §4, with its label:

* Fearon (1995) bargaining range ``x ∈ [p - c_A, p + c_B]`` [U page; standard] and the
  first-strike variant ``[p_f - c_A, p_s + c_B]``, possibly empty [S] (§4.1).
* Commitment problem under a power shift from ``p_0`` to ``p_1`` (§4.2) [D; the reference's
  derivation in the standard setup, *not* Powell's own statement, which was not retrieved]:
  war iff ``δ (p_0 - p_1) > (1 - δ)(1 - p_0 + c_A)``, i.e. ``δ (p_0 - p_1)/(1 - δ) > 1 - p_0 + c_A``.
* Self-enforcing compliance in a repeated PD (§4.3): grim trigger ``δ >= (T - R)/(T - P)`` [D];
  TFT ``δ >= max{(T - R)/(T - P), (T - R)/(R - S)}`` (Axelrod's Proposition 2 [U]).
* Coe & Vaynman (2020) reduced form: feasible iff ``m_comply <= m_safe`` [D design; not their
  model] (§4.4).
* Inspection game (Wittman 1989; Avenhaus et al.) mixed equilibrium ``i* = g/(β(g + b))``,
  ``v* = e/(β L)`` [D; consistent with the V abstracts] (§4.4).
* Putnam (1988) two-level game, the reference's one-dimensional spatial fixture [D] (§4.5).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def _f(v: ArrayLike) -> FloatArray:
    return np.asarray(v, dtype=np.float64)


def bargaining_range(p: ArrayLike, c_a: ArrayLike, c_b: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Fearon (1995): A's shares ``x`` both prefer to war, ``[p - c_A, p + c_B]`` (§4.1).

    ``p``: A's probability of winning; ``c_A, c_B > 0``: costs of war. Never empty.
    """
    p_ = _f(p)
    return np.asarray(p_ - _f(c_a), dtype=np.float64), np.asarray(p_ + _f(c_b), dtype=np.float64)


def preemptive_range(p_first: ArrayLike, p_struck: ArrayLike, c_a: ArrayLike,
                     c_b: ArrayLike) -> tuple[FloatArray, FloatArray, BoolArray]:
    """First-strike variant ``[p_f - c_A, p_s + c_B]`` and whether it is non-empty [S] (§4.1).

    ``p_f``: A's chance when A strikes first; ``p_s``: when A is struck first.
    """
    lo, hi = _f(p_first) - _f(c_a), _f(p_struck) + _f(c_b)
    return (np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64),
            np.asarray(lo <= hi, dtype=np.bool_))


def commitment_condition(delta: ArrayLike, p0: ArrayLike, p1: ArrayLike,
                         c_a: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Both sides of the war condition, ``(δ (p_0 - p_1), (1 - δ)(1 - p_0 + c_A))`` [D] (§4.2).

    A's power falls from ``p_0`` to ``p_1`` and stays there; war is absorbing. Peace fails iff
    the first exceeds the second (the present value of the decline exceeds the most that can be
    transferred today, multiplied through by ``1 - δ``).
    """
    d = _f(delta)
    return (np.asarray(d * (_f(p0) - _f(p1)), dtype=np.float64),
            np.asarray((1.0 - d) * (1.0 - _f(p0) + _f(c_a)), dtype=np.float64))


def commitment_war(delta: ArrayLike, p0: ArrayLike, p1: ArrayLike, c_a: ArrayLike) -> BoolArray:
    """True where the power shift makes war (or, for a treaty, exit) the declining side's choice."""
    lhs, rhs = commitment_condition(delta, p0, p1, c_a)
    return np.asarray(lhs > rhs, dtype=np.bool_)


def critical_shift(delta: ArrayLike, p0: ArrayLike, c_a: ArrayLike) -> FloatArray:
    """Largest power shift peace survives: ``Δ* = (1 - δ)(1 - p_0 + c_A)/δ`` [D] (§4.2)."""
    d = _f(delta)
    return np.asarray((1.0 - d) * (1.0 - _f(p0) + _f(c_a)) / d, dtype=np.float64)


def grim_trigger_threshold(T: ArrayLike, R: ArrayLike, P: ArrayLike) -> FloatArray:
    """Least discount factor at which compliance is self-enforcing under grim trigger [D] (§4.3).

    ``δ* = (T - R)/(T - P)`` for one-period payoffs T (cheat on a complier), R (both comply),
    P (both cheat).
    """
    T_ = _f(T)
    return np.asarray((T_ - _f(R)) / (T_ - _f(P)), dtype=np.float64)


def tft_threshold(T: ArrayLike, R: ArrayLike, P: ArrayLike, S: ArrayLike) -> FloatArray:
    """Least discount factor under TFT: ``max{(T-R)/(T-P), (T-R)/(R-S)}`` (Axelrod Prop. 2 [U])."""
    T_, R_ = _f(T), _f(R)
    return np.asarray(np.maximum((T_ - R_) / (T_ - _f(P)), (T_ - R_) / (R_ - _f(S))),
                      dtype=np.float64)


def self_enforcing(delta: ArrayLike, T: ArrayLike, R: ArrayLike, P: ArrayLike,
                   S: ArrayLike | None = None) -> BoolArray:
    """``δ >= δ*``: grim trigger when ``S`` is None, else TFT (§4.3).

    Domestic politics and leader turnover enter as a lower effective ``δ`` (a shorter horizon).
    """
    thr = grim_trigger_threshold(T, R, P) if S is None else tft_threshold(T, R, P, S)
    return np.asarray(_f(delta) >= thr, dtype=np.bool_)


def monitoring_feasible(m_comply: ArrayLike, m_safe: ArrayLike) -> BoolArray:
    """Coe & Vaynman reduced form: the transparency that deters cheating is safe to grant [D]."""
    return np.asarray(_f(m_comply) <= _f(m_safe), dtype=np.bool_)


def inspection_equilibrium(beta: ArrayLike, g: ArrayLike, b: ArrayLike, e: ArrayLike,
                           L: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Mixed equilibrium ``(i*, v*) = (g/(β(g + b)), e/(β L))`` of the inspection game [D] (§4.4).

    Inspectee: gain ``g`` from an undetected violation, penalty ``b`` if caught; detection
    probability ``β``. Inspector: cost ``e`` per inspection, loss ``L`` from an undetected
    violation. It is a mixed equilibrium only where both values are at most 1; they are returned
    as computed. Better detection (higher ``β``) means fewer inspections (Wittman's paradox).
    """
    be = _f(beta)
    g_ = _f(g)
    return (np.asarray(g_ / (be * (g_ + _f(b))), dtype=np.float64),
            np.asarray(_f(e) / (be * _f(L)), dtype=np.float64))


def win_set(ideal: ArrayLike, status_quo: ArrayLike = 0.0) -> tuple[FloatArray, FloatArray]:
    """Interval of agreements a player with ideal ``r`` weakly prefers to the status quo ``q``.

    Symmetric (distance) preferences on one dimension: ``[min(q, 2r - q), max(q, 2r - q)]``;
    for ``q = 0`` the reference's ``W_R = [0, 2r]`` (§4.5).
    """
    q = _f(status_quo)
    mirror = 2.0 * _f(ideal) - q
    return (np.asarray(np.minimum(q, mirror), dtype=np.float64),
            np.asarray(np.maximum(q, mirror), dtype=np.float64))


def two_level_outcome(ratifier: ArrayLike, negotiator: ArrayLike = 0.5, foreign: ArrayLike = 1.0,
                      status_quo: ArrayLike = 0.0) -> FloatArray:
    """Putnam two-level game, the reference's spatial fixture [D] (§4.5).

    The home ratifier (ideal ``r``) and the home negotiator (ideal ``n``) must both prefer the
    agreement to the status quo ``q``; the foreign side (ideal ``f``) makes a take-it-or-leave-it
    offer, the point of ``W_R ∩ W_N`` closest to ``f``. Both win-sets contain ``q``, so the
    intersection is never empty.
    """
    r_lo, r_hi = win_set(ratifier, status_quo)
    n_lo, n_hi = win_set(negotiator, status_quo)
    lo, hi = np.maximum(r_lo, n_lo), np.minimum(r_hi, n_hi)
    return np.asarray(np.clip(_f(foreign), lo, hi), dtype=np.float64)
