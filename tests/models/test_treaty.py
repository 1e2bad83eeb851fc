"""The treaty life-cycle model, pinned to the shared reference note ``perception.md`` §4.

Fixtures are the reference's tables (with its status labels: mostly [D], derived arithmetic);
other expected values are derived in the test from the formulas. Properties are checked with
Hypothesis. The INF scenario at the end is a qualitative check with illustrative inputs, not a
calibration.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stratlab.models import treaty as tm
from stratlab.models.treaty import STAY, SUSPEND, WITHDRAW, Situation, ThirdPartyParams, TreatyParams

fast = settings(max_examples=60, deadline=None)
unit = st.floats(0.0, 1.0)
force = st.floats(0.0, 5000.0)
indicator = st.floats(-1.0, 1.0)
utility = st.floats(-50.0, 50.0)


@st.composite
def situations(draw: st.DrawFn, /, **fixed: float) -> Situation:
    values: dict[str, float] = {
        "rival_banned": draw(force),
        "own_banned": draw(force),
        "hostility": draw(unit),
        "cheat_belief": draw(unit),
        "third_party_banned": draw(force),
        "third_party_hostility": draw(unit),
        "power_change": draw(st.floats(-0.3, 0.3)),
        "domestic": draw(indicator),
        "coalition_change": draw(unit),
        "democracy": draw(unit),
        "leader": draw(indicator),
    }
    values.update(fixed)
    return Situation(**values)


@st.composite
def treaty_params(draw: st.DrawFn) -> TreatyParams:
    w = st.floats(0.0, 3.0)
    return TreatyParams(
        force_scale=draw(st.floats(1.0, 500.0)), rival_weight=draw(w), violation_weight=draw(unit),
        own_weight=draw(w), third_party_weight=draw(w), power_weight=draw(w),
        domestic_weight=draw(w), coalition_weight=draw(w), leader_weight=draw(w),
        join_threshold=draw(st.floats(-1.0, 1.0)), leader_threshold=draw(st.floats(-1.0, 1.0)),
        rationality=draw(st.floats(0.0, 10.0)), suspend_keep=draw(unit),
        suspend_cost_share=draw(unit))


# --- §4.1 Fearon (1995) bargaining range ------------------------------------------------------


@fast
@given(p=unit, c_a=st.floats(0.001, 1.0), c_b=st.floats(0.001, 1.0))
def test_fearon_1995_bargaining_range_is_p_minus_cA_to_p_plus_cB(p: float, c_a: float, c_b: float) -> None:
    lo, hi = tm.bargaining_range(p, c_a, c_b)
    assert lo == p - c_a and hi == p + c_b
    # Derivation: at x = lo A is indifferent to war (x = p - c_A); at x = hi B is (1 - x = 1 - p - c_B).
    assert lo == pytest.approx(p - c_a) and 1 - hi == pytest.approx(1 - p - c_b)
    assert lo < hi  # "always non-empty" for positive costs


def test_fearon_bargaining_range_vectorized_over_members() -> None:
    p = np.array([0.2, 0.5, 0.9])
    lo, hi = tm.bargaining_range(p, 0.1, np.array([0.05, 0.1, 0.2]))
    np.testing.assert_array_equal(lo, p - 0.1)
    np.testing.assert_array_equal(hi, p + np.array([0.05, 0.1, 0.2]))


def test_first_strike_variant_range_may_be_empty_reference_4_1() -> None:
    # [S] x ∈ [p_f - c_A, p_s + c_B]: empty when the first-strike advantage exceeds both costs.
    lo, hi, ok = tm.preemptive_range(0.9, 0.3, 0.1, 0.1)
    assert (lo, hi) == pytest.approx((0.8, 0.4)) and not ok
    assert tm.preemptive_range(0.55, 0.45, 0.1, 0.1)[2]


# --- §4.2 commitment problem (the reference's derived condition and fixtures) -----------------


def test_commitment_problem_fixture_war_reference_4_2() -> None:
    # δ = 0.9, p0 = 0.8, p1 = 0.4, c_A = 0.05 -> war (0.36 > 0.025).
    lhs, rhs = tm.commitment_condition(0.9, 0.8, 0.4, 0.05)
    assert lhs == pytest.approx(0.36, abs=1e-12) and rhs == pytest.approx(0.025, abs=1e-12)
    assert tm.commitment_war(0.9, 0.8, 0.4, 0.05)


def test_commitment_problem_fixture_peace_and_threshold_reference_4_2() -> None:
    # p1 = 0.78 -> peace; threshold shift Δ* = 0.1·0.25/0.9 = 0.027778.
    assert not tm.commitment_war(0.9, 0.8, 0.78, 0.05)
    d_star = tm.critical_shift(0.9, 0.8, 0.05)
    assert d_star == pytest.approx(0.1 * 0.25 / 0.9, abs=1e-15)
    assert d_star == pytest.approx(0.027778, abs=5e-7)
    assert not tm.commitment_war(0.9, 0.8, 0.8 - 0.99 * d_star, 0.05)
    assert tm.commitment_war(0.9, 0.8, 0.8 - 1.01 * d_star, 0.05)


@fast
@given(delta=st.floats(0.05, 0.99), p0=unit, p1=unit, c_a=st.floats(0.0, 0.5))
def test_commitment_condition_equals_present_value_form(delta: float, p0: float, p1: float,
                                                        c_a: float) -> None:
    # Reference §4.2: (p0 - c_A)/(1-δ) > 1 + δ(p1 - c_A)/(1-δ)  <=>  δ(p0 - p1)/(1-δ) > 1 - p0 + c_A.
    war_value_now = (p0 - c_a) / (1 - delta)
    best_peace = 1 + delta * (p1 - c_a) / (1 - delta)
    if abs(war_value_now - best_peace) > 1e-9 * (1 + abs(best_peace)):
        assert bool(tm.commitment_war(delta, p0, p1, c_a)) == (war_value_now > best_peace)


# --- §4.3 self-enforcing compliance ---------------------------------------------------------


def test_grim_trigger_and_tft_thresholds_for_5_3_1_0_reference_4_3() -> None:
    T, R, P, S = 5.0, 3.0, 1.0, 0.0
    assert tm.grim_trigger_threshold(T, R, P) == pytest.approx(0.5, abs=1e-15)
    assert tm.tft_threshold(T, R, P, S) == pytest.approx(2 / 3, abs=1e-15)
    assert tm.self_enforcing(0.5, T, R, P) and not tm.self_enforcing(0.49, T, R, P)
    assert not tm.self_enforcing(0.6, T, R, P, S) and tm.self_enforcing(2 / 3, T, R, P, S)


@fast
@given(R=st.floats(1.0, 4.0), gain=st.floats(0.1, 3.0), P=st.floats(0.0, 0.9), delta=st.floats(0.01, 0.99))
def test_grim_trigger_bound_equals_one_shot_deviation_comparison(R: float, gain: float, P: float,
                                                                 delta: float) -> None:
    # Derivation: comply forever R/(1-δ) vs cheat once then punished T + δP/(1-δ).
    T = R + gain
    comply, cheat = R / (1 - delta), T + delta * P / (1 - delta)
    if abs(comply - cheat) > 1e-9 * comply:
        assert bool(tm.self_enforcing(delta, T, R, P)) == (comply >= cheat)


def test_coe_vaynman_reduced_form_feasibility() -> None:
    np.testing.assert_array_equal(tm.monitoring_feasible([0.2, 0.5, 0.7], 0.5), [True, True, False])


# --- §4.4 inspection game --------------------------------------------------------------------


@pytest.mark.parametrize(("beta", "i_star", "v_star"), [(0.8, 0.25, 0.0625), (0.4, 0.5, 0.125)])
def test_inspection_game_fixtures_reference_4_4(beta: float, i_star: float, v_star: float) -> None:
    i, v = tm.inspection_equilibrium(beta, g=1.0, b=4.0, e=0.1, L=2.0)
    assert i == pytest.approx(i_star, abs=1e-15) and v == pytest.approx(v_star, abs=1e-15)


@fast
@given(beta=st.floats(0.3, 1.0), g=st.floats(0.1, 2.0), b=st.floats(0.5, 5.0),
       e=st.floats(0.01, 0.2), L=st.floats(1.0, 5.0))
def test_inspection_equilibrium_makes_each_side_indifferent(beta: float, g: float, b: float,
                                                            e: float, L: float) -> None:
    i, v = (float(x) for x in tm.inspection_equilibrium(beta, g, b, e, L))
    # Inspectee: violate gains g unless inspected and detected (prob i·β), then loses b.
    assert (1 - i * beta) * g - i * beta * b == pytest.approx(0.0, abs=1e-12)
    # Inspector: inspecting costs e; not inspecting loses the share β of violations it would catch.
    assert -e - v * (1 - beta) * L == pytest.approx(-v * L, abs=1e-12)


def test_wittman_paradox_better_detection_fewer_inspections_and_violations() -> None:
    i, v = tm.inspection_equilibrium(np.array([0.4, 0.6, 0.8, 1.0]), 1.0, 4.0, 0.1, 2.0)
    assert np.all(np.diff(i) < 0) and np.all(np.diff(v) < 0)


# --- §4.5 two-level game ---------------------------------------------------------------------


@pytest.mark.parametrize(("r", "outcome"), [(0.6, 1.0), (0.3, 0.6), (-0.1, 0.0)])
def test_putnam_two_level_spatial_fixture_reference_4_5(r: float, outcome: float) -> None:
    assert tm.two_level_outcome(r, negotiator=0.5, foreign=1.0, status_quo=0.0) == pytest.approx(
        outcome, abs=1e-15)


def test_two_level_win_set_and_vectorized_outcomes() -> None:
    assert tm.win_set(0.3) == pytest.approx((0.0, 0.6))  # W_R = [0, 2r]
    np.testing.assert_allclose(tm.two_level_outcome(np.array([0.6, 0.3, -0.1])), [1.0, 0.6, 0.0])


# --- value of a treaty -----------------------------------------------------------------------


def test_value_terms_follow_the_documented_formula() -> None:
    p = TreatyParams()
    sit = Situation(rival_banned=200, own_banned=100, hostility=0.5, cheat_belief=0.25,
                    third_party_banned=300, third_party_hostility=0.5, power_change=-0.1,
                    domestic=0.4, coalition_change=1.0, democracy=0.25, leader=-0.5)
    s = 100.0
    rival = 1.0 * 0.5 * 200 / s
    expected = (rival - 1.0 * 0.25 * rival - (0.5 + 0.5 * 0.5 * 300 / s) * 100 / s - 1.0 * 0.1
                + 1.0 * 0.4 - 1.0 * 1.0 * (1 - 0.25) + 1.0 * -0.5)
    assert tm.value(sit, p) == pytest.approx(expected, abs=1e-12)
    terms = tm.value_terms(sit, p)
    assert terms.structure + terms.domestic + terms.leader == pytest.approx(terms.total)


@fast
@given(sit=situations(), params=treaty_params(), more=st.floats(0.0, 5000.0))
def test_more_unconstrained_third_party_forces_never_raise_the_value_of_staying(
        sit: Situation, params: TreatyParams, more: float) -> None:
    bigger = dataclasses.replace(sit, third_party_banned=float(np.asarray(sit.third_party_banned)) + more)
    assert tm.value(bigger, params) <= tm.value(sit, params)
    kappa = tm.exit_cost(sit.democracy, params)
    p0 = tm.stance_probabilities(tm.value(sit, params), kappa, params)[STAY]
    p1 = tm.stance_probabilities(tm.value(bigger, params), kappa, params)[STAY]
    assert p1 <= p0 + 1e-12


@fast
@given(sit=situations(rival_banned=150.0), params=treaty_params(), h=unit, dh=st.floats(0.01, 1.0))
def test_higher_perceived_rival_threat_raises_the_value_of_constraining_the_rival(
        sit: Situation, params: TreatyParams, h: float, dh: float) -> None:
    lo = dataclasses.replace(sit, hostility=h * (1 - dh))
    hi = dataclasses.replace(sit, hostility=h)
    assert tm.value(hi, params) >= tm.value(lo, params)
    strict = dataclasses.replace(params, rival_weight=1.0, violation_weight=0.5)
    if h >= 0.01:
        assert tm.value(hi, strict) > tm.value(lo, strict)


def test_value_vectorized_over_members_equals_loop() -> None:
    rng = np.random.default_rng(3)
    n = 7
    arrays = {"rival_banned": rng.uniform(0, 500, n), "own_banned": rng.uniform(0, 500, n),
              "hostility": rng.uniform(size=n), "cheat_belief": rng.uniform(size=n),
              "third_party_banned": rng.uniform(0, 500, n), "leader": rng.uniform(-1, 1, n)}
    lam = rng.uniform(0.5, 3, n)
    params = TreatyParams(rationality=lam)
    v = tm.value(Situation(**arrays), params)
    pr = tm.stance_probabilities(v, 1.0, params)
    for m in range(n):
        one = Situation(**{k: a[m] for k, a in arrays.items()})
        pm = TreatyParams(rationality=lam[m])
        assert tm.value(one, pm) == pytest.approx(v[m], abs=1e-12)
        np.testing.assert_allclose(tm.stance_probabilities(tm.value(one, pm), 1.0, pm), pr[m], atol=1e-14)


def test_param_sources_cover_every_field_with_a_cited_id_and_a_label() -> None:
    labels = ("reconstruction", "assumption", "lab design", "[V", "[D", "[U")
    for sources in (tm.param_sources(), tm.third_party_param_sources()):
        for name, meta in sources.items():
            assert meta["source"] in tm.SOURCE_IDS, name
            assert any(lab in meta["note"] for lab in labels), name


@pytest.mark.parametrize(("field", "bad"), [("hostility", 1.5), ("own_banned", -1.0), ("cheat_belief", -0.1)])
def test_out_of_range_situation_is_one_line_error(field: str, bad: float) -> None:
    sit = dataclasses.replace(Situation(rival_banned=1.0, own_banned=1.0), **{field: bad})
    with pytest.raises(ValueError, match=field):
        tm.value(sit)


def test_out_of_range_params_are_one_line_errors() -> None:
    sit = Situation(rival_banned=1.0, own_banned=1.0)
    with pytest.raises(ValueError, match="violation_weight"):
        tm.value(sit, TreatyParams(violation_weight=1.5))
    with pytest.raises(ValueError, match="rationality"):
        tm.stance_probabilities(0.0, 1.0, TreatyParams(rationality=-1.0))


# --- creation --------------------------------------------------------------------------------


@fast
@given(a=situations(), b=situations(), params=treaty_params())
def test_creation_rule_is_both_values_above_threshold_and_both_leaders_allow(
        a: Situation, b: Situation, params: TreatyParams) -> None:
    theta, ell = float(np.asarray(params.join_threshold)), float(np.asarray(params.leader_threshold))
    expected = (tm.value(a, params) > theta and tm.value(b, params) > theta
                and tm.leader_term(a.leader, params) >= ell and tm.leader_term(b.leader, params) >= ell)
    assert bool(tm.forms(a, b, params)) == expected


@fast
@given(a=situations(leader=-1.0), b=situations(), v=st.floats(0.0, 100.0), w=st.floats(0.1, 3.0))
def test_a_leader_term_below_threshold_blocks_creation_whatever_the_values(
        a: Situation, b: Situation, v: float, w: float) -> None:
    params = TreatyParams(leader_weight=w, leader_threshold=0.0)
    assert tm.leader_term(a.leader, params) < 0.0
    assert not tm.forms(a, b, params)
    assert not tm.forms_from_values(v + 1, v + 1, tm.leader_term(a.leader, params), 1.0)


def test_creation_vectorized_and_per_party_thresholds() -> None:
    ok = tm.forms_from_values([1.0, 1.0, -1.0, 1.0], [1.0, 1.0, 1.0, 0.5], [0.0, -0.1, 0.0, 0.0], 0.0,
                              join_threshold_b=0.6)
    np.testing.assert_array_equal(ok, [True, False, False, False])


def test_creation_uses_each_partys_own_params() -> None:
    a = Situation(rival_banned=300, own_banned=100, hostility=0.8, leader=0.5)
    b = Situation(rival_banned=100, own_banned=300, hostility=0.8, leader=0.5)
    assert tm.value(b) < 0 < tm.value(a)
    assert not tm.forms(a, b)
    eager = TreatyParams(join_threshold=float(tm.value(b)) - 0.1)  # b joins below zero
    assert tm.forms(a, b, TreatyParams(), eager)
    assert not tm.forms(a, b, TreatyParams(), TreatyParams(leader_threshold=0.6))


# --- logit stance choice ---------------------------------------------------------------------


@fast
@given(u=st.lists(utility, min_size=2, max_size=5), lam=st.floats(0.0, 20.0))
def test_logit_probabilities_sum_to_one_and_lie_in_unit_interval(u: list[float], lam: float) -> None:
    p = tm.choice_probabilities(u, lam)
    assert p.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all((p >= 0) & (p <= 1))


@fast
@given(v=utility, dv=st.floats(0.0, 20.0), kappa=st.floats(0.0, 5.0), params=treaty_params())
def test_higher_value_of_staying_gives_higher_stay_probability(v: float, dv: float, kappa: float,
                                                               params: TreatyParams) -> None:
    lo = tm.stance_probabilities(v, kappa, params)
    hi = tm.stance_probabilities(v + dv, kappa, params)
    assert hi.sum() == pytest.approx(1.0, abs=1e-12)
    assert hi[STAY] >= lo[STAY] - 1e-12
    assert hi[WITHDRAW] <= lo[WITHDRAW] + 1e-12


@fast
@given(u=st.lists(st.integers(-20, 20).map(float), min_size=2, max_size=5))
def test_infinite_rationality_gives_the_argmax_and_large_rationality_approaches_it(u: list[float]) -> None:
    best = np.array(u) == max(u)
    expected = best / best.sum()
    np.testing.assert_array_equal(tm.choice_probabilities(u, np.inf), expected)
    np.testing.assert_allclose(tm.choice_probabilities(u, 1e4), expected, atol=1e-12)


def test_zero_rationality_is_uniform_and_log_odds_are_lambda_times_utility_gaps() -> None:
    np.testing.assert_allclose(tm.choice_probabilities([3.0, -1.0, 0.0], 0.0), [1 / 3] * 3)
    params = TreatyParams(rationality=1.7)
    v, kappa = -0.3, 0.8
    p = tm.stance_probabilities(v, kappa, params)
    u = tm.stance_utilities(v, kappa, params)
    assert np.log(p[STAY] / p[WITHDRAW]) == pytest.approx(1.7 * (v + kappa), abs=1e-12)
    assert u[SUSPEND] == pytest.approx(0.5 * v - 0.4 * kappa)


@fast
@given(v=st.floats(-10.0, 10.0), kappa=st.floats(0.01, 5.0), rho=st.floats(0.0, 0.49))
def test_best_reply_bands_stay_suspend_withdraw(v: float, kappa: float, rho: float) -> None:
    # Derived (η = 1/2): stay iff V > -2ρκ, withdraw iff V < -2(1-ρ)κ, suspend between.
    params = TreatyParams(rationality=np.inf, suspend_keep=0.5, suspend_cost_share=rho)
    p = tm.stance_probabilities(v, kappa, params)
    if v > -2 * rho * kappa + 1e-9:
        assert p[STAY] == 1.0
    elif v < -2 * (1 - rho) * kappa - 1e-9:
        assert p[WITHDRAW] == 1.0
    elif -2 * (1 - rho) * kappa + 1e-9 < v < -2 * rho * kappa - 1e-9:
        assert p[SUSPEND] == 1.0


@fast
@given(v=st.floats(-10.0, 10.0), kappa=st.floats(0.0, 5.0))
def test_stay_versus_withdraw_alone_is_the_reference_4_6_rule(v: float, kappa: float) -> None:
    # Without the suspend option the best reply is "stay iff V >= -κ" (reference §4.6).
    u = tm.stance_utilities(v, kappa)[[STAY, WITHDRAW]]
    p = tm.choice_probabilities(u, np.inf)
    if v != -kappa:
        assert bool(p[0] == 1.0) == (v >= -kappa)


# --- sampler ---------------------------------------------------------------------------------


@fast
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 30))
def test_sampler_with_fixed_uniforms_is_deterministic_and_vectorized_equals_loop(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    probs = tm.choice_probabilities(rng.normal(size=(n, 3)) * 3, rng.uniform(0, 5, n))
    u = rng.random(n)
    draws = tm.sample_choice(probs, u=u)
    np.testing.assert_array_equal(draws, tm.sample_choice(probs, u=u))
    loop = [int(tm.sample_choice(probs[m], u=u[m])) for m in range(n)]
    np.testing.assert_array_equal(draws, loop)
    # Inverse CDF: option k iff F_{k-1} <= u < F_k.
    cdf = np.cumsum(probs, axis=1)
    for m in range(n):
        k = draws[m]
        assert (k == 0 or u[m] >= cdf[m, k - 1] - 1e-12) and u[m] < cdf[m, k] + 1e-12


def test_sampler_with_one_generator_per_member_matches_member_by_member() -> None:
    probs = tm.stance_probabilities(np.linspace(-3, 3, 6)[:, None] * np.ones((6, 4)), 1.0)
    seeds = np.random.SeedSequence(42).spawn(6)
    together = tm.sample_choice(probs, [np.random.default_rng(s) for s in seeds])
    alone = np.stack([tm.sample_choice(probs[m], np.random.default_rng(seeds[m])) for m in range(6)])
    np.testing.assert_array_equal(together, alone)


def test_sampler_frequencies_match_probabilities_and_skip_zero_options() -> None:
    probs = np.array([0.2, 0.0, 0.8])
    draws = tm.sample_choice(np.broadcast_to(probs, (200_000, 3)), np.random.default_rng(0))
    freq = np.bincount(draws, minlength=3) / draws.size
    np.testing.assert_allclose(freq, probs, atol=0.005)
    assert freq[1] == 0.0
    assert tm.sample_choice(probs, u=0.2) == 2 and tm.sample_choice(probs, u=0.1999) == 0


def test_sampler_needs_exactly_one_source_of_randomness() -> None:
    with pytest.raises(ValueError, match="either rng or u"):
        tm.sample_choice([0.5, 0.5], np.random.default_rng(0), u=0.3)
    with pytest.raises(ValueError, match="Generator"):
        tm.sample_choice([0.5, 0.5])


# --- §4.6 third party unconstrained ----------------------------------------------------------


@fast
@given(cap=force, x3=force, h3=unit, kappa=st.floats(0.0, 10.0), x0=st.floats(-100.0, 300.0),
       k=st.floats(0.0, 2.0))
def test_third_party_rule_is_stay_iff_capped_utility_within_kappa_of_the_best(
        cap: float, x3: float, h3: float, kappa: float, x0: float, k: float) -> None:
    p = ThirdPartyParams(base_ideal=x0, reaction=k)
    grid = np.linspace(0.0, 10_000.0, 20_001)  # brute-force max_x U and max_{x <= cap} U
    u = tm.utility(grid, x3, h3, p)
    x_hat = float(tm.ideal_force(x3, h3, p))
    best = float(tm.utility(x_hat, x3, h3, p))
    best_capped = float(tm.utility(min(x_hat, cap), x3, h3, p))
    assert best >= u.max() - 1e-12 and best_capped >= u[grid <= cap].max() - 1e-12
    gap = float(tm.threat_gap(cap, x3, h3, p))
    assert gap == pytest.approx(best - best_capped, abs=1e-12)
    if abs(gap - kappa) > 1e-9:
        assert bool(tm.stays(cap, x3, kappa, h3, p)) == (best_capped >= best - kappa)


@fast
@given(cap=force, x3=force, more=force, kappa=st.floats(0.0, 10.0))
def test_threat_gap_never_falls_as_the_third_party_grows(cap: float, x3: float, more: float,
                                                         kappa: float) -> None:
    assert tm.threat_gap(cap, x3 + more) >= tm.threat_gap(cap, x3)
    if not tm.stays(cap, x3, kappa):
        assert not tm.stays(cap, x3 + more, kappa)


def test_exit_time_is_first_year_the_gap_passes_kappa() -> None:
    path = np.array([[0, 50, 100, 150, 200, 250], [0, 10, 20, 30, 40, 50]], dtype=float)
    caps, kappas = np.array([0.0, 0.0]), np.array([1.0, 1.0])
    t = tm.exit_time(caps, path, kappas)
    loop = []
    for m in range(2):
        leave = [not tm.stays(caps[m], x, kappas[m]) for x in path[m]]
        loop.append(leave.index(True) if any(leave) else -1)
    np.testing.assert_array_equal(t, loop)
    assert t[0] == 3 and t[1] == -1  # gap (x3/100)^2: passes 1 only above 100


# --- INF: a qualitative, illustrative check (not a calibration) ------------------------------
#
# Inputs are illustrative round numbers, in launchers, of the order of the rows in
# data/tables/postures.csv (1987: ~441 SS-20 launchers; 108 Pershing II + 208 GLCM; 2019: 16
# 9M729 launchers; ~80 DF-26 launchers plus other Chinese missiles in the band). Beliefs and
# indicators are guesses; the check is only on directions and orderings.


def test_inf_late_1980s_both_sides_create_and_stay_illustrative() -> None:
    usa = Situation(rival_banned=441, own_banned=316, hostility=0.7, cheat_belief=0.1,
                    domestic=0.5, leader=1.0)
    ussr = Situation(rival_banned=316, own_banned=441, hostility=0.6, cheat_belief=0.1,
                     leader=1.0)  # "new thinking"
    assert tm.forms(usa, ussr)
    for sit, democracy in ((usa, 1.0), (ussr, 0.0)):
        p = tm.stance_probabilities(tm.value(sit), tm.exit_cost(democracy))
        assert p[STAY] > max(p[SUSPEND], p[WITHDRAW])


def test_inf_2019_us_withdraw_probability_exceeds_stay_illustrative() -> None:
    usa = Situation(rival_banned=16, own_banned=100, hostility=0.7, cheat_belief=0.9,
                    third_party_banned=200, third_party_hostility=0.6, leader=-1.0)  # "America First"
    p = tm.stance_probabilities(tm.value(usa), tm.exit_cost(1.0))
    assert p[STAY] < p[WITHDRAW]
    # Each 2019 driver alone moves the US toward exit, relative to the same year without it.
    base = tm.stance_probabilities(tm.value(usa), tm.exit_cost(1.0))[STAY]
    for undo in ({"third_party_banned": 0.0}, {"cheat_belief": 0.0}, {"leader": 0.0}):
        alt = dataclasses.replace(usa, **undo)
        assert tm.stance_probabilities(tm.value(alt), tm.exit_cost(1.0))[STAY] > base
    # Nor would a new treaty form with the US in this position.
    russia = Situation(rival_banned=0, own_banned=16, hostility=0.8, cheat_belief=0.5, leader=0.0)
    assert not tm.forms(usa, russia)
