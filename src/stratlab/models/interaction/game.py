"""The stage game, the strategies, and the closed forms for memory-one play under noise.

Sources and status (shared reference note ``perception.md`` §2):

* Payoffs (R, S, T, P) = (3, 0, 5, 1) [V] as in Axelrod's tournaments and the ``axelrod`` library.
* Memory-one four-vectors ``(P(C|CC), P(C|CD), P(C|DC), P(C|DD))`` from one's own perspective,
  and the effective vector under noise ``p(1-ε) + (1-p)ε`` [V, library docs]; the exact 4-state
  Markov chain [D] (§2.2).
* Reactive-strategy stationary cooperation ``s1 = (q1 + r1 q2)/(1 - r1 r2)`` (Nowak & Sigmund
  1990 [U attribution], checked in the reference against the Markov chain [D/R]).
* GTFT generosity ``min(1 - (T-R)/(R-S), (R-P)/(T-P))`` [V, ``axelrod/strategies/memoryone.py``].
* Axelrod (1984) Proposition 2, TFT collectively stable iff ``w >= max((T-R)/(T-P),
  (T-R)/(R-S))`` [U]; grim trigger ``δ >= (T-R)/(T-P)`` [D] (§2.1).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

C = 0
"""Move code: cooperate (the perception module's ``REASSURE``)."""
D = 1
"""Move code: defect (the perception module's ``THREAT``)."""


class Strategy(IntEnum):
    """Strategy codes; the ``axelrod`` class each one matches is named in brackets."""

    COOPERATOR = 0  # always cooperate [axl.Cooperator]
    DEFECTOR = 1  # always defect [axl.Defector]
    TIT_FOR_TAT = 2  # C, then the other's last observed move [axl.TitForTat]
    GENEROUS_TFT = 3  # TFT that forgives an observed D with prob. g [axl.GTFT]
    GRIM_TRIGGER = 4  # C until the other is first seen to defect, then D [axl.Grudger]
    WIN_STAY_LOSE_SHIFT = 5  # C, then C iff last own move == last observed move [axl.WinStayLoseShift]
    ALTERNATOR = 6  # C, D, C, D, ... by own last move [axl.Alternator]
    PERCEPTION = 7  # C while the belief that the other is hostile is below a threshold (stratlab)


@dataclass(frozen=True)
class Payoffs:
    """One-period payoffs to the row player: R (CC), S (CD), T (DC), P (DD).

    Default (3, 0, 5, 1): Axelrod's tournaments and the ``axelrod`` library's ``Game()`` [V]
    (source id ``axelrod-1984``). Any 2x2 symmetric game may be given (e.g. a Stag Hunt).
    """

    R: float = 3.0
    S: float = 0.0
    T: float = 5.0
    P: float = 1.0

    def matrix(self) -> FloatArray:
        """``M[own, other]`` with moves coded C = 0, D = 1."""
        return np.array([[self.R, self.S], [self.T, self.P]], dtype=np.float64)


def gtft_generosity(payoffs: Payoffs = Payoffs()) -> float:
    """GTFT's forgiveness ``min(1 - (T-R)/(R-S), (R-P)/(T-P))`` as in ``axelrod`` [V]; 1/3 by default."""
    R, S, T, P = payoffs.R, payoffs.S, payoffs.T, payoffs.P
    return min(1.0 - (T - R) / (R - S), (R - P) / (T - P))


def tft_critical_discount(payoffs: Payoffs = Payoffs()) -> float:
    """Axelrod (1984) Prop. 2: TFT collectively stable iff ``w >= max((T-R)/(T-P), (T-R)/(R-S))``."""
    R, S, T, P = payoffs.R, payoffs.S, payoffs.T, payoffs.P
    return max((T - R) / (T - P), (T - R) / (R - S))


def grim_critical_discount(payoffs: Payoffs = Payoffs()) -> float:
    """Grim trigger sustains cooperation iff ``δ >= (T-R)/(T-P)`` [D]."""
    return (payoffs.T - payoffs.R) / (payoffs.T - payoffs.P)


def four_vector(strategy: Strategy, generosity: float | None = None,
                payoffs: Payoffs = Payoffs()) -> FloatArray:
    """The memory-one vector ``(P(C|CC), P(C|CD), P(C|DC), P(C|DD))`` of a memory-one strategy.

    Grim trigger is not memory-one once moves can be flipped by noise (it remembers the whole
    history), and the perception strategy carries a belief; both raise ``ValueError``.
    """
    g = gtft_generosity(payoffs) if generosity is None else generosity
    vectors = {
        Strategy.COOPERATOR: (1.0, 1.0, 1.0, 1.0),
        Strategy.DEFECTOR: (0.0, 0.0, 0.0, 0.0),
        Strategy.TIT_FOR_TAT: (1.0, 0.0, 1.0, 0.0),
        Strategy.GENEROUS_TFT: (1.0, g, 1.0, g),
        Strategy.WIN_STAY_LOSE_SHIFT: (1.0, 0.0, 0.0, 1.0),
        Strategy.ALTERNATOR: (0.0, 0.0, 1.0, 1.0),
    }
    if strategy not in vectors:
        raise ValueError(f"{Strategy(strategy).name} is not a memory-one strategy")
    return np.array(vectors[Strategy(strategy)], dtype=np.float64)


def first_move(strategy: Strategy) -> int:
    """Intended opening move of a memory-one strategy: D for the defector, C otherwise."""
    return D if strategy == Strategy.DEFECTOR else C


def _effective(p: ArrayLike, noise: ArrayLike) -> FloatArray:
    p_, e = np.asarray(p, dtype=np.float64), np.asarray(noise, dtype=np.float64)
    return np.asarray(p_ * (1.0 - e)[..., None] + (1.0 - p_) * e[..., None], dtype=np.float64)


# State order (CC, CD, DC, DD) from player 1's side; player 2 sees CD as DC.
_SWAP = np.array([0, 2, 1, 3])


def transition_matrix(p: ArrayLike, q: ArrayLike, noise: ArrayLike = 0.0) -> FloatArray:
    """4x4 chain over (CC, CD, DC, DD) for memory-one vectors ``p`` (player 1), ``q`` (player 2).

    Each vector is from its owner's perspective; ``noise`` flips each intended move with prob.
    ``ε`` (as in ``axelrod``). Leading axes broadcast: ``p``, ``q`` are ``(..., 4)``.
    """
    p1 = _effective(p, noise)
    p2 = _effective(q, noise)[..., _SWAP]
    a = np.stack([p1, 1.0 - p1], axis=-1)  # [..., state, own move]
    b = np.stack([p2, 1.0 - p2], axis=-1)
    return np.asarray((a[..., :, :, None] * b[..., :, None, :]).reshape(*a.shape[:-2], 4, 4),
                      dtype=np.float64)


def stationary_distribution(p: ArrayLike, q: ArrayLike, noise: ArrayLike) -> FloatArray:
    """Stationary distribution over (CC, CD, DC, DD); needs an irreducible chain (e.g. 0 < ε < 1)."""
    M = transition_matrix(p, q, noise)
    A = np.swapaxes(M, -1, -2) - np.eye(4)
    A[..., -1, :] = 1.0
    rhs = np.zeros(A.shape[:-1])
    rhs[..., -1] = 1.0
    try:
        return np.asarray(np.linalg.solve(A, rhs[..., None])[..., 0], dtype=np.float64)
    except np.linalg.LinAlgError:
        raise ValueError("no unique stationary distribution (chain not irreducible; use noise > 0)") from None


def _payoff_vectors(payoffs: Payoffs) -> tuple[FloatArray, FloatArray]:
    R, S, T, P = payoffs.R, payoffs.S, payoffs.T, payoffs.P
    return np.array([R, S, T, P]), np.array([R, T, S, P])


def stationary_payoffs(p: ArrayLike, q: ArrayLike, noise: ArrayLike,
                       payoffs: Payoffs = Payoffs()) -> tuple[FloatArray, FloatArray]:
    """Long-run payoff per move of each player, from :func:`stationary_distribution` [D]."""
    pi = stationary_distribution(p, q, noise)
    u1, u2 = _payoff_vectors(payoffs)
    return np.asarray(pi @ u1, dtype=np.float64), np.asarray(pi @ u2, dtype=np.float64)


def expected_payoffs(p: ArrayLike, q: ArrayLike, noise: ArrayLike, turns: int,
                     first: tuple[int, int] = (C, C),
                     payoffs: Payoffs = Payoffs()) -> tuple[FloatArray, FloatArray]:
    """Exact expected mean payoff per turn over a match of ``turns`` turns [D].

    ``first`` are the intended opening moves (flipped by noise like every other move). This is
    what a finite simulation estimates; it tends to :func:`stationary_payoffs` as turns grow.
    """
    M = transition_matrix(p, q, noise)
    e = np.asarray(noise, dtype=np.float64)
    m1 = np.where(first[0] == C, 1.0 - e, e)  # P(player 1's first delivered move is C)
    m2 = np.where(first[1] == C, 1.0 - e, e)
    v = np.stack([m1 * m2, m1 * (1 - m2), (1 - m1) * m2, (1 - m1) * (1 - m2)], axis=-1)
    v = np.broadcast_to(v, M.shape[:-1]).copy()
    total = np.zeros_like(v)
    for _ in range(turns):
        total += v
        v = np.einsum("...i,...ij->...j", v, M)
    u1, u2 = _payoff_vectors(payoffs)
    return (np.asarray(total @ u1 / turns, dtype=np.float64),
            np.asarray(total @ u2 / turns, dtype=np.float64))


def reactive_cooperation(p1: ArrayLike, q1: ArrayLike, p2: ArrayLike,
                         q2: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Stationary cooperation rates ``(s1, s2)`` of reactive strategies ``(p, q)`` (§2.2).

    ``p = P(C | other's last move C)``, ``q = P(C | other's last move D)``, already effective
    (noise included); ``s1 = (q1 + r1 q2)/(1 - r1 r2)`` with ``r = p - q``. In the long run the
    two players' moves are independent, so ``P(CC) = s1 s2`` and so on.
    """
    p1_, q1_, p2_, q2_ = (np.asarray(v, dtype=np.float64) for v in (p1, q1, p2, q2))
    r1, r2 = p1_ - q1_, p2_ - q2_
    den = 1.0 - r1 * r2
    return (np.asarray((q1_ + r1 * q2_) / den, dtype=np.float64),
            np.asarray((q2_ + r2 * q1_) / den, dtype=np.float64))
