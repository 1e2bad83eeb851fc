"""The repeated security-dilemma game, side by side with the ``axelrod`` library (4.14).

Expected numbers come from the shared reference note ``perception.md`` §2 (with its status
labels), from Markov-chain derivations written out in the test, or from ``axelrod`` run in the
test. Monte-Carlo comparisons use a tolerance of ``Z`` standard errors computed from the samples.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray
from tests import axelrod_peer

from stratlab.models import interaction as ia
from stratlab.models import perception as pm
from stratlab.models.interaction import C, D, Payoffs, Player, Strategy, play

axl = axelrod_peer.load()  # axelrod's own classes, without its 20-second package import

Z = 4.0  # two-sided tail probability 6e-5 per comparison: a failure is a real discrepancy
PD = Payoffs()

AXELROD: dict[Strategy, Callable[[], axl.Player]] = {
    Strategy.COOPERATOR: axl.Cooperator,
    Strategy.DEFECTOR: axl.Defector,
    Strategy.TIT_FOR_TAT: axl.TitForTat,
    Strategy.GRIM_TRIGGER: axl.Grudger,
    Strategy.WIN_STAY_LOSE_SHIFT: axl.WinStayLoseShift,
    Strategy.ALTERNATOR: axl.Alternator,
}
DETERMINISTIC = list(AXELROD)
PAIRS = list(itertools.product(DETERMINISTIC, DETERMINISTIC))


def axelrod_moves(match: axl.Match) -> NDArray[np.int8]:
    """(turns, 2) array of a played match's moves, coded C = 0, D = 1."""
    return np.array([[a == axl.Action.D, b == axl.Action.D] for a, b in match.play()], dtype=np.int8)


class AxelrodNoiseStream:
    """The uniforms ``axl.Match(seed=s)`` draws for noise: ``RandomState(s)``, two per turn."""

    def __init__(self, seed: int) -> None:
        self._random = np.random.RandomState(seed)

    def random(self, size: tuple[int, ...]) -> NDArray[np.float64]:
        return np.asarray(self._random.random_sample(size), dtype=np.float64)


def two_sample_ok(x: NDArray[np.float64], y: NDArray[np.float64]) -> tuple[bool, float, float]:
    """Whether two sample means agree within Z combined standard errors; (ok, diff, tolerance)."""
    se = np.sqrt(x.var(ddof=1) / x.size + y.var(ddof=1) / y.size)
    diff = float(abs(x.mean() - y.mean()))
    return diff <= Z * se, diff, float(Z * se)


# --- deterministic play: move for move ---------------------------------------------------------


def test_noise_free_matches_equal_axelrod_move_for_move_for_every_classic_pair() -> None:
    turns = 40
    result = play(Player([p[0] for p in PAIRS]), Player([p[1] for p in PAIRS]), turns=turns)
    for k, (x, y) in enumerate(PAIRS):
        match = axl.Match((AXELROD[x](), AXELROD[y]()), turns=turns)
        moves = axelrod_moves(match)
        np.testing.assert_array_equal(result.moves_a[k], moves[:, 0], err_msg=f"{x.name} vs {y.name}")
        np.testing.assert_array_equal(result.moves_b[k], moves[:, 1], err_msg=f"{x.name} vs {y.name}")
        assert (result.scores_a[k].sum(), result.scores_b[k].sum()) == match.final_score()


def test_gtft_against_partners_that_never_defect_equals_axelrod() -> None:
    # GTFT only draws when it has seen a defection, so against these it is deterministic.
    partners = [Strategy.COOPERATOR, Strategy.TIT_FOR_TAT, Strategy.GRIM_TRIGGER, Strategy.GENEROUS_TFT]
    ax = {**AXELROD, Strategy.GENEROUS_TFT: axl.GTFT}
    result = play(Player(Strategy.GENEROUS_TFT), Player(partners), turns=30, rng=0)
    for k, y in enumerate(partners):
        moves = axelrod_moves(axl.Match((axl.GTFT(), ax[y]()), turns=30, seed=0))
        np.testing.assert_array_equal(np.stack([result.moves_a[k], result.moves_b[k]], 1), moves)


def test_noisy_matches_reproduce_axelrod_draw_for_draw() -> None:
    # Implementation noise is axelrod's: with the same uniform stream the same moves are flipped.
    for (x, y), seed in itertools.product(PAIRS, range(2)):
        moves = axelrod_moves(axl.Match((AXELROD[x](), AXELROD[y]()), turns=60, noise=0.1, seed=seed))
        r = play(Player(x, noise=0.1), Player(y, noise=0.1), turns=60, rng=AxelrodNoiseStream(seed))
        np.testing.assert_array_equal(np.stack([r.moves_a[0], r.moves_b[0]], 1), moves,
                                      err_msg=f"{x.name} vs {y.name}, seed {seed}")


# --- reference §2.3: exact fixtures from the library's docs and tests --------------------------


def test_cooperator_vs_alternator_doc_example_matches_reference_2_3() -> None:
    five = play(Player(Strategy.COOPERATOR), Player(Strategy.ALTERNATOR), turns=5)
    np.testing.assert_array_equal(five.moves_a[0], [C, C, C, C, C])
    np.testing.assert_array_equal(five.moves_b[0], [C, D, C, D, C])
    assert (five.scores_a.sum(), five.scores_b.sum()) == (9, 19)
    assert (five.score_per_turn()[0][0], five.score_per_turn()[1][0]) == pytest.approx((1.8, 3.8))
    long = play(Player(Strategy.COOPERATOR), Player(Strategy.ALTERNATOR), turns=25)
    assert (long.scores_a.sum(), long.scores_b.sum()) == (39, 99)
    assert (long.score_per_turn()[0][0], long.score_per_turn()[1][0]) == pytest.approx((1.56, 3.96))
    assert (long.cooperation()[0][0], long.cooperation()[1][0]) == (25, 13)


@pytest.mark.parametrize(("players", "totals"), [
    # Reference §2.3, axelrod/tests/integration/test_sample_tournaments.py (turns = 10; totals
    # over all opponents, self-play excluded).
    ((Strategy.COOPERATOR, Strategy.DEFECTOR), (0, 50)),
    ((Strategy.TIT_FOR_TAT, Strategy.DEFECTOR), (9, 14)),
    ((Strategy.COOPERATOR, Strategy.TIT_FOR_TAT, Strategy.DEFECTOR), (30, 39, 64)),
    ((Strategy.COOPERATOR, Strategy.TIT_FOR_TAT, Strategy.GRIM_TRIGGER, Strategy.DEFECTOR), (60, 69, 69, 78)),
])
def test_round_robin_totals_match_axelrod_sample_tournaments(
        players: tuple[Strategy, ...], totals: tuple[int, ...]) -> None:
    pairs = list(itertools.combinations(range(len(players)), 2))
    r = play(Player([players[i] for i, _ in pairs]), Player([players[j] for _, j in pairs]), turns=10)
    score = np.zeros(len(players))
    for k, (i, j) in enumerate(pairs):
        score[i] += r.scores_a[k].sum()
        score[j] += r.scores_b[k].sum()
    assert tuple(score) == totals


# --- reference §2.1–2.2: closed forms ----------------------------------------------------------


def test_gtft_generosity_is_one_third_and_equals_axelrods() -> None:
    match = axl.Match((axl.GTFT(), axl.GTFT()), turns=1)  # sets the game on the players
    assert ia.gtft_generosity(PD) == pytest.approx(1 / 3, abs=1e-15)  # reference §2.2 [V]
    assert ia.gtft_generosity(PD) == match.players[0].p


def test_critical_discount_factors_match_reference_2_1() -> None:
    assert ia.tft_critical_discount(PD) == pytest.approx(2 / 3, abs=1e-15)  # Prop. 2, [D]
    assert ia.grim_critical_discount(PD) == pytest.approx(1 / 2, abs=1e-15)


@pytest.mark.parametrize("eps", [0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.9])
def test_tft_vs_tft_long_run_payoff_is_mean_of_the_four_payoffs_for_any_noise(eps: float) -> None:
    # Reference §2.2 [D]: TFT = (1, 0, 1, 0); each player copies the other's last delivered move
    # and noise flips it, so from state (x, y) the next state is (y', x') with y' = y flipped
    # w.p. ε. Written out: every column of the chain also sums to 1 (doubly stochastic), so the
    # uniform distribution is stationary and the payoff is (R + S + T + P)/4 = 2.25 for any ε.
    keep, flip = 1 - eps, eps
    states = [(0, 0), (0, 1), (1, 0), (1, 1)]
    M = np.array([[(keep if n1 == y else flip) * (keep if n2 == x else flip) for n1, n2 in states]
                  for x, y in states])
    np.testing.assert_allclose(M, ia.transition_matrix(ia.four_vector(Strategy.TIT_FOR_TAT),
                                                        ia.four_vector(Strategy.TIT_FOR_TAT), eps))
    np.testing.assert_allclose(M.sum(axis=0), 1.0)
    mean_payoff = (PD.R + PD.S + PD.T + PD.P) / 4
    assert mean_payoff == 2.25
    tft = ia.four_vector(Strategy.TIT_FOR_TAT)
    np.testing.assert_allclose(ia.stationary_payoffs(tft, tft, eps), (2.25, 2.25), rtol=1e-12)


# Reference §2.2 table [D, from the exact Markov chain; simulation agrees R].
TABLE_2_2 = {
    0.001: (2.997003, 2.995011, (2.996994, 2.992044)),
    0.01: (2.970322, 2.951092, (2.969672, 2.924268)),
    0.05: (2.859375, 2.776500, (2.855388, 2.692344)),
    0.10: (2.739796, 2.602000, (2.741617, 2.509059)),
}


@pytest.mark.parametrize("eps", list(TABLE_2_2))
def test_stationary_payoffs_match_reference_2_2_table(eps: float) -> None:
    gtft_gtft, wsls_wsls, tft_vs_gtft = TABLE_2_2[eps]
    tft, gtft, wsls = (ia.four_vector(s) for s in
                       (Strategy.TIT_FOR_TAT, Strategy.GENEROUS_TFT, Strategy.WIN_STAY_LOSE_SHIFT))
    assert ia.stationary_payoffs(gtft, gtft, eps)[0] == pytest.approx(gtft_gtft, abs=5e-7)
    assert ia.stationary_payoffs(wsls, wsls, eps)[0] == pytest.approx(wsls_wsls, abs=5e-7)
    np.testing.assert_allclose(ia.stationary_payoffs(tft, gtft, eps), tft_vs_gtft, atol=5e-7)


def test_gtft_closed_form_at_five_percent_noise_matches_reference_2_2() -> None:
    # Reference §2.2 [D]: p_eff = 0.95, q_eff = 0.35, s = q_eff/(1 - p_eff + q_eff) = 0.875,
    # payoff 3 s² + 5 s(1-s) + (1-s)² = 2.859375 exactly.
    s1, s2 = ia.reactive_cooperation(0.95, 0.35, 0.95, 0.35)
    np.testing.assert_allclose([s1, s2], [0.875, 0.875], atol=1e-15)
    gtft = ia.four_vector(Strategy.GENEROUS_TFT)
    assert ia.stationary_payoffs(gtft, gtft, 0.05)[0] == pytest.approx(2.859375, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(p1=st.floats(0, 1), q1=st.floats(0, 1), p2=st.floats(0, 1), q2=st.floats(0, 1),
       eps=st.floats(0.01, 0.49))
def test_reactive_closed_form_equals_markov_chain(p1: float, q1: float, p2: float, q2: float,
                                                  eps: float) -> None:
    # Reference §2.2 [D/R]: the reactive formula matches the 4-state chain.
    s1, s2 = ia.reactive_cooperation(*(v * (1 - eps) + (1 - v) * eps for v in (p1, q1, p2, q2)))
    pi = ia.stationary_distribution([p1, q1, p1, q1], [p2, q2, p2, q2], eps)
    np.testing.assert_allclose(pi, [s1 * s2, s1 * (1 - s2), (1 - s1) * s2, (1 - s1) * (1 - s2)],
                               atol=1e-9)


# --- noisy simulation, side by side with axelrod -----------------------------------------------


def axelrod_scores(make: Callable[[], axl.Player], noise: float, turns: int,
                   seeds: int) -> NDArray[np.float64]:
    scores = []
    for seed in range(seeds):
        match = axl.Match((make(), make()), turns=turns, noise=noise, seed=seed)
        match.play()
        scores.append(match.final_score_per_turn()[0])
    return np.array(scores)


@pytest.mark.parametrize(("strategy", "make"), [
    (Strategy.TIT_FOR_TAT, axl.TitForTat),
    (Strategy.GENEROUS_TFT, axl.GTFT),
    (Strategy.WIN_STAY_LOSE_SHIFT, axl.WinStayLoseShift),
])
def test_noisy_self_play_mean_score_agrees_with_axelrod_and_exact_expectation(
        strategy: Strategy, make: Callable[[], axl.Player]) -> None:
    eps, turns = 0.05, 200
    theirs = axelrod_scores(make, eps, turns, seeds=300)
    ours = play(Player(strategy, noise=eps), Player(strategy, noise=eps), turns=turns,
                matches=3000, rng=7).score_per_turn()[0]
    ok, diff, tol = two_sample_ok(theirs, ours)
    assert ok, f"stratlab vs axelrod differ by {diff:.4f} > {tol:.4f}"
    # Both estimate the exact finite-match expectation of the Markov chain.
    v = ia.four_vector(strategy)
    exact = float(ia.expected_payoffs(v, v, eps, turns)[0])
    for sample in (theirs, ours):
        se = sample.std(ddof=1) / np.sqrt(sample.size)
        assert abs(sample.mean() - exact) <= Z * se


def test_tft_vs_tft_long_run_simulation_averages_2_25() -> None:
    # Reference §2.2: 2.25 per move in the long run. Mixing takes ~1/ε turns, so drop a burn-in.
    eps, turns, burn = 0.05, 1500, 300
    r = play(Player(Strategy.TIT_FOR_TAT, noise=eps), Player(Strategy.TIT_FOR_TAT, noise=eps),
             turns=turns, matches=600, rng=11)
    per_match = r.scores_a[:, burn:].mean(axis=1)
    se = per_match.std(ddof=1) / np.sqrt(per_match.size)
    assert abs(per_match.mean() - 2.25) <= Z * se


# --- misperception ----------------------------------------------------------------------------


def test_misperception_matches_its_exact_memory_one_chain() -> None:
    # Derivation: with misperception μ and true own moves, a memory-one player cooperates after
    # (own x, other y) with prob. (1-μ) v(x, y) + μ v(x, not y). Compare a noisy, misperceiving
    # WSLS vs GTFT match with the exact finite-match expectation of that chain.
    mu_a, mu_b, eps, turns = 0.1, 0.03, 0.02, 100

    def misperceived(v: NDArray[np.float64], mu: float) -> NDArray[np.float64]:
        return (1 - mu) * v + mu * v[[1, 0, 3, 2]]

    va = misperceived(ia.four_vector(Strategy.WIN_STAY_LOSE_SHIFT), mu_a)
    vb = misperceived(ia.four_vector(Strategy.GENEROUS_TFT), mu_b)
    exact = ia.expected_payoffs(va, vb, eps, turns)
    r = play(Player(Strategy.WIN_STAY_LOSE_SHIFT, noise=eps, misperception=mu_a),
             Player(Strategy.GENEROUS_TFT, noise=eps, misperception=mu_b), turns=turns, matches=4000, rng=5)
    for sample, target in zip(r.score_per_turn(), exact, strict=True):
        se = sample.std(ddof=1) / np.sqrt(sample.size)
        assert abs(sample.mean() - float(target)) <= Z * se


def test_misperception_changes_only_what_the_misperceiver_sees() -> None:
    r = play(Player(Strategy.TIT_FOR_TAT, misperception=0.2), Player(Strategy.COOPERATOR),
             turns=50, matches=200, rng=1)
    assert np.all(r.moves_b == C) and np.all(r.seen_by_b == r.moves_a)
    np.testing.assert_array_equal(r.moves_a[:, 1:], r.seen_by_a[:, :-1])  # TFT copies what it saw
    assert np.all(r.accidental_a == (r.moves_a == D))  # every defection was a misreading
    assert 0.1 < (r.seen_by_a == D).mean() < 0.3


# --- the perception-driven strategy ------------------------------------------------------------


def test_perception_player_defects_once_bayes_posterior_crosses_threshold() -> None:
    # Against a defector: hand-derived Bayes posterior after n threats, odds × (q_H/q_B)^n.
    prior, threshold, qh, qb = 0.1, 0.8, 0.9, 0.2
    params = pm.PerceptionParams(q_hostile=qh, q_benign=qb)
    r = play(Player(Strategy.PERCEPTION, prior=prior, threshold=threshold, perception=params),
             Player(Strategy.DEFECTOR), turns=8)
    odds = prior / (1 - prior) * (qh / qb) ** np.arange(9)
    posterior = odds / (1 + odds)
    np.testing.assert_allclose(r.belief_a[0], posterior, rtol=1e-12)
    first_d = int(np.argmax(posterior >= threshold))
    np.testing.assert_array_equal(r.moves_a[0], (np.arange(8) >= first_d).astype(int))
    assert not r.accidental_a.any()
    assert np.isnan(r.belief_b).all()


def test_perception_player_belief_is_perception_run_on_what_it_saw() -> None:
    params = pm.PerceptionParams(negativity=2.0, memory=0.3, memory_weight=0.1, inertia=0.4)
    r = play(Player(Strategy.PERCEPTION, prior=0.2, threshold=0.6, misperception=0.1, perception=params),
             Player(Strategy.TIT_FOR_TAT, noise=0.05), turns=60, matches=50, rng=3)
    np.testing.assert_allclose(r.belief_a, pm.run(0.2, r.seen_by_a.astype(int), params), rtol=1e-12)


def test_mixed_batch_runs_each_match_as_if_alone() -> None:
    # Per-match strategies and perception parameters in one call; deterministic, so comparable.
    nu = np.array([1.0, 4.0, 1.0])
    side_a = Player([Strategy.PERCEPTION, Strategy.PERCEPTION, Strategy.TIT_FOR_TAT], prior=[0.3, 0.3, 0.5],
                    threshold=0.6, perception=pm.PerceptionParams(negativity=nu))
    side_b = Player([Strategy.ALTERNATOR, Strategy.ALTERNATOR, Strategy.DEFECTOR])
    batch = play(side_a, side_b, turns=12)
    for k in range(3):
        alone = play(Player(side_a.strategy[k], prior=0.3, threshold=0.6,  # type: ignore[index]
                            perception=pm.PerceptionParams(negativity=nu[k])),
                     Player(side_b.strategy[k]), turns=12)  # type: ignore[index]
        np.testing.assert_array_equal(batch.moves_a[k], alone.moves_a[0])
        np.testing.assert_allclose(batch.belief_a[k], alone.belief_a[0], rtol=1e-14)
    assert not np.array_equal(batch.moves_a[0], batch.moves_a[1])  # the bias matters here
    assert np.isnan(batch.belief_a[2]).all()


@pytest.mark.parametrize("lam", [0.0, 2.0, 8.0])
def test_logit_choice_cooperates_with_quantal_response_probability(lam: float) -> None:
    prior, threshold, n = 0.3, 0.5, 20000
    r = play(Player(Strategy.PERCEPTION, prior=prior, threshold=threshold, rationality=lam),
             Player(Strategy.COOPERATOR), turns=1, matches=n, rng=2)
    expected = 1 / (1 + np.exp(-lam * (threshold - prior)))
    se = np.sqrt(expected * (1 - expected) / n)
    assert abs((r.moves_a == C).mean() - expected) <= Z * se


def test_perception_players_fall_into_a_spiral_only_through_misperception() -> None:
    params = pm.PerceptionParams(negativity=3.0)
    player = Player(Strategy.PERCEPTION, prior=0.05, threshold=0.5, perception=params)
    clean = play(player, player, turns=100, matches=100, rng=4)
    assert np.all(clean.moves_a == C) and ia.spirals_in(clean).count.sum() == 0
    misreading = Player(Strategy.PERCEPTION, prior=0.05, threshold=0.5, perception=params, misperception=0.1)
    noisy = play(misreading, misreading, turns=100, matches=100, rng=4)
    s = ia.spirals_in(noisy)
    assert s.count.sum() > 0
    assert np.all(noisy.accidental_a[s.trigger] | noisy.accidental_b[s.trigger])


# --- spiral detector on constructed sequences --------------------------------------------------


def seq(text: str) -> NDArray[np.int8]:
    return np.array([0 if ch == "C" else 1 for ch in text], dtype=np.int8)


def test_spiral_started_by_an_accident_is_found_with_its_trigger() -> None:
    a, b = seq("CCDCDDDDC"), seq("CCCDCDDDC")  # accident at 2, echo, mutual defection 5..7
    acc_a = np.zeros(9, bool)
    acc_a[2] = True
    s = ia.detect_spirals(a, b, min_length=3, accidental_a=acc_a, accidental_b=np.zeros(9, bool))
    np.testing.assert_array_equal(np.flatnonzero(s.in_spiral[0]), [5, 6, 7])
    np.testing.assert_array_equal(np.flatnonzero(s.trigger[0]), [2])
    assert s.count[0] == 1 and s.first[0] == 5
    too_short = ia.detect_spirals(a, b, min_length=4, accidental_a=acc_a, accidental_b=np.zeros(9, bool))
    assert too_short.count[0] == 0
    deliberate = ia.detect_spirals(a, b, min_length=3, accidental_a=np.zeros(9, bool),
                                   accidental_b=np.zeros(9, bool))
    assert deliberate.count[0] == 0


def test_spiral_detector_edge_cases() -> None:
    none = np.zeros(8, bool)
    # Both defect at once: not a unilateral start, even without a causal record.
    assert ia.detect_spirals(seq("CCDDDDDD"), seq("CCDDDDDD"), min_length=3).count[0] == 0
    # Accident on the first turn (virtual CC before it); a run still going at the end counts.
    acc = np.zeros(8, bool)
    acc[0] = True
    s = ia.detect_spirals(seq("DCDDDDDD"), seq("CDDDDDDD"), min_length=3, accidental_a=acc, accidental_b=none)
    assert s.count[0] == 1 and s.first[0] == 2 and s.trigger[0, 0]
    # Two long runs in one episode share the trigger; a CC ends the episode.
    a, b = seq("CDDDCDDDCCDDD"), seq("CCDDDDDDCCDDD")
    acc = np.zeros(13, bool)
    acc[1] = True
    s = ia.detect_spirals(a, b, min_length=2, accidental_a=acc, accidental_b=np.zeros(13, bool))
    assert s.count[0] == 2 and np.flatnonzero(s.trigger[0]).tolist() == [1]
    assert not s.in_spiral[0, 10:].any()  # the last run starts with DD after CC: no trigger
    # Observational mode: without a causal record any unilateral defection counts.
    assert ia.detect_spirals(seq("CDCDDD"), seq("CCDDDD"), min_length=3).count[0] == 1


def test_noise_makes_tft_spiral_but_a_defector_never_does() -> None:
    tft = Player(Strategy.TIT_FOR_TAT, noise=0.02)
    r = play(tft, tft, turns=300, matches=200, rng=9)
    s = ia.spirals_in(r, min_length=5)
    assert (s.count > 0).mean() > 0.5
    assert np.all(r.accidental_a[s.trigger] | r.accidental_b[s.trigger])
    assert np.all((r.moves_a == D)[s.in_spiral] & (r.moves_b == D)[s.in_spiral])
    clean = play(Player(Strategy.TIT_FOR_TAT), Player(Strategy.TIT_FOR_TAT), turns=300)
    bully = play(Player(Strategy.DEFECTOR), Player(Strategy.TIT_FOR_TAT), turns=300)
    assert ia.spirals_in(clean).count[0] == 0 and ia.spirals_in(bully).count[0] == 0


# --- properties and errors ---------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(x=st.sampled_from(DETERMINISTIC), y=st.sampled_from(DETERMINISTIC), turns=st.integers(1, 30))
def test_swapping_sides_swaps_the_result(x: Strategy, y: Strategy, turns: int) -> None:
    ab, ba = play(Player(x), Player(y), turns=turns), play(Player(y), Player(x), turns=turns)
    np.testing.assert_array_equal(ab.moves_a, ba.moves_b)
    np.testing.assert_array_equal(ab.scores_a, ba.scores_b)
    assert not ab.accidental_a.any() and not ab.accidental_b.any()


def test_bad_inputs_are_one_line_errors() -> None:
    with pytest.raises(ValueError, match="unknown strategy"):
        play(Player(99), Player(Strategy.DEFECTOR), turns=3)
    with pytest.raises(ValueError, match="noise"):
        play(Player(Strategy.TIT_FOR_TAT, noise=1.5), Player(Strategy.DEFECTOR), turns=3)
    with pytest.raises(ValueError, match="one value per match"):
        play(Player(Strategy.TIT_FOR_TAT, noise=[0.1, 0.2]), Player(Strategy.DEFECTOR), turns=3, matches=3)
    with pytest.raises(ValueError, match="not a memory-one"):
        ia.four_vector(Strategy.GRIM_TRIGGER)
