"""Many repeated matches at once, with implementation noise, misperception and logit choice.

Arrays are ``(matches, turns)``; the loop runs over turns only. Each turn, per player:

1. The strategy gives ``P(C)`` from what the player knows: its own delivered moves and its
   *observations* of the other's moves (and, for :attr:`Strategy.PERCEPTION`, its hostility
   belief). The intended move is C with that probability (``u < P(C)``, as in ``axelrod``).
2. Implementation noise flips the intended move with probability ``ε`` (``noise``). The flipped
   move is the one delivered, scored and seen by both sides: ``axelrod``'s ``noise`` [V].
3. Misperception flips what the player *observes* of the other's delivered move with probability
   ``μ`` (``misperception``); the other's own record is untouched (stratlab's extension).

The perception strategy updates its belief from each observation with
:func:`stratlab.models.perception.update` (observed C = REASSURE, D = THREAT) and chooses by a
logit (quantal) response ``P(C) = expit(λ (h* - h))`` to its belief ``h``, with threshold ``h*``
and rationality ``λ``; ``λ = inf`` is the deterministic rule "cooperate while ``h < h*``".

Random draws come from one generator per call, in this order each turn: choice draws of player
A and of B (only where a strategy is stochastic), then noise ``(2, matches)``, then misperception
``(2, matches)`` (only where non-zero). With deterministic strategies and one match the noise
draws are exactly ``axelrod.Match``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit

from stratlab.models import perception as pm
from stratlab.models.interaction.game import C, D, Payoffs, Strategy, gtft_generosity

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
MoveArray = NDArray[np.int8]


class UniformSource(Protocol):
    """Anything with ``random(size)`` returning uniforms on [0, 1), like ``np.random.Generator``."""

    def random(self, size: tuple[int, ...]) -> FloatArray: ...


@dataclass(frozen=True)
class Player:
    """One side of every match; each field is a scalar or an array with one value per match.

    Attributes:
        strategy: :class:`Strategy` code(s).
        noise: ``ε``, probability that an intended move is flipped (implementation noise).
        misperception: ``μ``, probability that this player misreads the other's move.
        generosity: GTFT's forgiveness; ``None`` = the library's value :func:`gtft_generosity`.
        threshold: perception strategy: cooperate while the hostility belief is below this.
        rationality: perception strategy's logit ``λ``; ``inf`` = deterministic threshold rule.
        prior: perception strategy's initial hostility belief.
        perception: perception strategy's update parameters.
    """

    strategy: ArrayLike
    noise: ArrayLike = 0.0
    misperception: ArrayLike = 0.0
    generosity: ArrayLike | None = None
    threshold: ArrayLike = 0.5
    rationality: ArrayLike = np.inf
    prior: ArrayLike = 0.5
    perception: pm.PerceptionParams = field(default_factory=pm.PerceptionParams)


@dataclass(frozen=True)
class MatchResult:
    """Everything that happened, each array ``(matches, turns)`` unless said otherwise.

    ``moves_*`` are delivered moves (C = 0, D = 1), ``intended_*`` the moves before noise,
    ``seen_by_a`` what A observed of B's move (and vice versa), ``scores_*`` per-turn payoffs,
    ``belief_*`` the perception strategy's hostility belief ``(matches, turns + 1)`` (NaN for
    other strategies). ``accidental_*`` marks delivered defections that were noise-induced
    (intended C) or misperception-induced (intended D, but C had every observation been true).
    """

    moves_a: MoveArray
    moves_b: MoveArray
    intended_a: MoveArray
    intended_b: MoveArray
    seen_by_a: MoveArray
    seen_by_b: MoveArray
    scores_a: FloatArray
    scores_b: FloatArray
    belief_a: FloatArray
    belief_b: FloatArray
    accidental_a: BoolArray
    accidental_b: BoolArray

    def score_per_turn(self) -> tuple[FloatArray, FloatArray]:
        """Mean payoff per turn of each match, as ``axelrod``'s ``final_score_per_turn``."""
        return self.scores_a.mean(axis=1), self.scores_b.mean(axis=1)

    def cooperation(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Number of delivered cooperations of each side in each match."""
        return (np.asarray((self.moves_a == C).sum(axis=1), dtype=np.int64),
                np.asarray((self.moves_b == C).sum(axis=1), dtype=np.int64))


@dataclass
class _Side:
    code: NDArray[np.int64]
    noise: FloatArray
    mis: FloatArray
    g: FloatArray
    threshold: FloatArray
    lam: FloatArray
    params: pm.PerceptionParams
    perceives: bool
    stochastic: bool


@dataclass
class _State:
    own: MoveArray  # own last delivered move
    seen: MoveArray  # last observation of the other's move
    triggered: BoolArray  # grim trigger fired
    belief: FloatArray

    def copy(self) -> _State:
        return _State(self.own.copy(), self.seen.copy(), self.triggered.copy(), self.belief.copy())

    def observe(self, own: MoveArray, seen: MoveArray, side: _Side) -> None:
        self.own, self.seen = own, seen
        self.triggered = self.triggered | (seen == D)
        if side.perceives:
            self.belief = pm.step(self.belief, seen.astype(np.int64), side.params)


def _arr(v: ArrayLike, n: int, name: str) -> FloatArray:
    a = np.asarray(v, dtype=np.float64)
    try:
        return np.broadcast_to(a, (n,)).astype(np.float64)
    except ValueError:
        raise ValueError(f"{name} must be a scalar or have one value per match ({n}), "
                         f"got shape {a.shape}") from None


def _prob(v: FloatArray, name: str) -> FloatArray:
    if np.any(~((v >= 0) & (v <= 1))):
        raise ValueError(f"{name} must be a probability in [0, 1]")
    return v


def _side(p: Player, n: int, payoffs: Payoffs) -> _Side:
    code = _arr(p.strategy, n, "strategy").astype(np.int64)
    if np.any((code < 0) | (code > max(Strategy))):
        raise ValueError(f"unknown strategy code in {np.unique(code)} (known: {[s.name for s in Strategy]})")
    g = _arr(gtft_generosity(payoffs) if p.generosity is None else p.generosity, n, "generosity")
    lam = _arr(p.rationality, n, "rationality")
    perceives = bool(np.any(code == Strategy.PERCEPTION))
    if perceives:
        pm.validate(p.perception)
    stochastic = bool(np.any((code == Strategy.GENEROUS_TFT) & (g > 0) & (g < 1))
                      or np.any((code == Strategy.PERCEPTION) & np.isfinite(lam)))
    return _Side(code, _prob(_arr(p.noise, n, "noise"), "noise"),
                 _prob(_arr(p.misperception, n, "misperception"), "misperception"),
                 _prob(g, "generosity"), _arr(p.threshold, n, "threshold"), lam,
                 p.perception, perceives, stochastic)


def _p_cooperate(side: _Side, st: _State, first: bool) -> FloatArray:
    code = side.code
    with np.errstate(invalid="ignore"):
        logit_p = expit(side.lam * (side.threshold - st.belief))
    step = (st.belief < side.threshold).astype(np.float64)
    perceive = np.where(np.isinf(side.lam), step, logit_p)
    if first:
        return np.asarray(np.select([code == Strategy.DEFECTOR, code == Strategy.PERCEPTION],
                                    [0.0, perceive], 1.0), dtype=np.float64)
    seen_c = st.seen == C
    return np.asarray(np.select(
        [code == Strategy.COOPERATOR, code == Strategy.DEFECTOR, code == Strategy.TIT_FOR_TAT,
         code == Strategy.GENEROUS_TFT, code == Strategy.GRIM_TRIGGER,
         code == Strategy.WIN_STAY_LOSE_SHIFT, code == Strategy.ALTERNATOR, code == Strategy.PERCEPTION],
        [1.0, 0.0, seen_c, np.where(seen_c, 1.0, side.g), ~st.triggered,
         st.own == st.seen, st.own == D, perceive]), dtype=np.float64)


def _choose(pc: FloatArray, u: FloatArray | None) -> MoveArray:
    if u is None:
        return np.where(pc >= 1.0, C, D).astype(np.int8)
    return np.where(u < pc, C, D).astype(np.int8)


def play(
    a: Player,
    b: Player,
    turns: int,
    matches: int | None = None,
    payoffs: Payoffs = Payoffs(),
    rng: np.random.Generator | UniformSource | int | None = None,
) -> MatchResult:
    """Play ``matches`` independent matches of ``turns`` turns between ``a`` and ``b``.

    ``matches`` defaults to the length of any per-match field (else 1). ``rng`` is a NumPy
    generator, a seed, or any :class:`UniformSource`.
    """
    if turns < 1:
        raise ValueError(f"turns must be at least 1, got {turns}")
    if matches is None:
        sizes = {np.size(v) for p in (a, b) for v in (p.strategy, p.noise, p.misperception, p.generosity,
                                                       p.threshold, p.rationality, p.prior)
                 if v is not None}
        matches = max(sizes)
    n = int(matches)
    gen: np.random.Generator | UniformSource = (
        np.random.default_rng(rng) if rng is None or isinstance(rng, int | np.integer) else rng)
    sa, sb = _side(a, n, payoffs), _side(b, n, payoffs)
    states = []
    for p, s in ((a, sa), (b, sb)):
        prior = np.where(s.code == Strategy.PERCEPTION, _arr(p.prior, n, "prior"), np.nan)
        if np.any((s.code == Strategy.PERCEPTION) & ~((prior >= 0) & (prior <= 1))):
            raise ValueError("prior must be a probability in [0, 1]")
        zero = np.zeros(n, dtype=np.int8)
        states.append(_State(zero, zero.copy(), np.zeros(n, dtype=bool), prior))
    sides = (sa, sb)
    # With misperception, a shadow state fed the true moves tells misperceived defections apart.
    shadows = [st.copy() for st in states]
    track_shadow = any(bool(np.any(s.mis > 0)) for s in sides)
    any_noise = any(bool(np.any(s.noise > 0)) for s in sides)

    shape = (n, turns)
    moves = [np.empty(shape, np.int8) for _ in range(2)]
    intended = [np.empty(shape, np.int8) for _ in range(2)]
    seen = [np.empty(shape, np.int8) for _ in range(2)]
    accidental = [np.zeros(shape, bool) for _ in range(2)]
    beliefs = [np.empty((n, turns + 1)) for _ in range(2)]
    for i in range(2):
        beliefs[i][:, 0] = states[i].belief

    for t in range(turns):
        first = t == 0
        u = [gen.random((n,)) if s.stochastic else None for s in sides]
        pcs = [_p_cooperate(s, st, first) for s, st in zip(sides, states, strict=True)]
        want = [_choose(pc, ui) for pc, ui in zip(pcs, u, strict=True)]
        delivered = [w.copy() for w in want]
        if any_noise:
            flip = gen.random((2, n))
            for i in range(2):
                delivered[i] = np.where(flip[i] < sides[i].noise, 1 - want[i], want[i]).astype(np.int8)
        observed = [delivered[1].copy(), delivered[0].copy()]
        if track_shadow:
            mis = gen.random((2, n))
            for i in range(2):
                observed[i] = np.where(mis[i] < sides[i].mis, 1 - observed[i], observed[i]).astype(np.int8)
        for i in range(2):
            moves[i][:, t], intended[i][:, t], seen[i][:, t] = delivered[i], want[i], observed[i]
            noise_induced = (want[i] == C) & (delivered[i] == D)
            if track_shadow:
                true_want = _choose(_p_cooperate(sides[i], shadows[i], first), u[i])
                misled = (want[i] == D) & (true_want == C) & (delivered[i] == D)
                accidental[i][:, t] = noise_induced | misled
                shadows[i].observe(delivered[i], delivered[1 - i], sides[i])
            else:
                accidental[i][:, t] = noise_induced
            states[i].observe(delivered[i], observed[i], sides[i])
            beliefs[i][:, t + 1] = states[i].belief

    table = payoffs.matrix()
    return MatchResult(
        moves_a=moves[0], moves_b=moves[1], intended_a=intended[0], intended_b=intended[1],
        seen_by_a=seen[0], seen_by_b=seen[1],
        scores_a=table[moves[0], moves[1]], scores_b=table[moves[1], moves[0]],
        belief_a=beliefs[0], belief_b=beliefs[1],
        accidental_a=accidental[0], accidental_b=accidental[1])
