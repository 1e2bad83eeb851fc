"""The hostility-belief update, pinned to the shared reference note ``perception.md`` §1 and §3.

Expected numbers come from the reference (with its status label) or from a derivation written
out in the test (textbook Bayes, the Grether/Möbius forms); properties are checked with
Hypothesis.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stratlab.models import perception as pm
from stratlab.models.perception import NO_ACT, REASSURE, SLIGHT, THREAT, PerceptionParams

fast = settings(max_examples=60, deadline=None)
prob = st.floats(0.01, 0.99)
belief = st.floats(0.0, 1.0)


@st.composite
def params(draw: st.DrawFn, /, **fixed: float) -> PerceptionParams:
    qb = draw(st.floats(0.02, 0.9))
    values: dict[str, float] = {
        "q_benign": qb,
        "q_hostile": draw(st.floats(qb + 0.02, 0.98)) if qb < 0.96 else 0.98,
        "responsiveness": draw(st.floats(0.0, 3.0)),
        "negativity": draw(st.floats(0.2, 5.0)),
        "status_sensitivity": draw(st.floats(0.0, 1.0)),
        "memory": draw(prob),
        "memory_weight": draw(st.floats(0.0, 0.95)),
        "inertia": draw(st.floats(0.0, 0.95)),
    }
    values.update(fixed)
    return PerceptionParams(**values)


def acts_of(*codes: int, max_size: int = 25) -> st.SearchStrategy[list[int]]:
    return st.lists(st.sampled_from(codes), min_size=1, max_size=max_size)


# --- exact Bayes: Kydd's trust update (reference §1.3) --------------------------------------


KYDD = PerceptionParams(q_hostile=0.9, q_benign=0.2)  # σ_U(D) = 0.9, σ_T(D) = 0.2


def test_kydd_posterior_after_defection_and_cooperation_matches_reference_1_3() -> None:
    # Reference §1.3 [D]: trust p = 0.6; observe D -> p' = 0.25 exactly; observe C -> 0.48/0.52.
    # Hostility is 1 - trust.
    after_d = pm.run(1 - 0.6, [THREAT], KYDD)[0, -1]
    after_c = pm.run(1 - 0.6, [REASSURE], KYDD)[0, -1]
    assert 1 - after_d == pytest.approx(0.25, abs=1e-15)
    assert 1 - after_c == pytest.approx(0.48 / 0.52, abs=1e-15)
    assert 1 - after_c == pytest.approx(0.923077, abs=5e-7)


def test_kydd_spiral_of_mistrust_three_defections_matches_reference_1_3() -> None:
    # Reference §1.3 [D]: D three times: trust 0.25 -> 0.068966 -> 0.016194.
    trust = 1 - pm.run(0.4, [THREAT, THREAT, THREAT], KYDD)[0, 1:]
    np.testing.assert_allclose(trust, [0.25, 0.068966, 0.016194], atol=5e-7)


@fast
@given(p0=belief, qb=st.floats(0.05, 0.85), gap=st.floats(0.05, 0.9),
       acts=acts_of(THREAT, REASSURE, NO_ACT, max_size=30))
def test_exact_bayes_special_case_equals_textbook_posterior(
        p0: float, qb: float, gap: float, acts: list[int]) -> None:
    qh = min(qb + gap, 0.95)
    # Textbook Bayes over independent acts, in probabilities: P(H | acts) = p L_H / (p L_H + (1-p) L_B).
    L_H = np.prod([qh if a == THREAT else 1 - qh for a in acts if a != NO_ACT])
    L_B = np.prod([qb if a == THREAT else 1 - qb for a in acts if a != NO_ACT])
    expected = p0 * L_H / (p0 * L_H + (1 - p0) * L_B)
    got = pm.run(p0, acts, PerceptionParams(q_hostile=qh, q_benign=qb))[0, -1]
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_defaults_are_exact_bayes_and_every_default_names_a_source() -> None:
    p = PerceptionParams()
    assert (p.responsiveness, p.negativity, p.memory_weight, p.inertia) == (1.0, 1.0, 0.0, 0.0)
    sources = pm.param_sources()
    assert set(sources) == {f.name for f in dataclasses.fields(PerceptionParams)}
    assert all(s["source"] in pm.SOURCE_IDS and s["note"] for s in sources.values())


# --- the biased forms of reference §3.3 ------------------------------------------------------


@fast
@given(p0=st.floats(0.01, 0.99), beta=st.floats(0.0, 3.0), nu=st.floats(0.2, 5.0),
       kappa=st.floats(0.0, 0.95), act=st.sampled_from([THREAT, REASSURE]))
def test_update_is_grether_and_mobius_asymmetric_form_with_even_memory(
        p0: float, beta: float, nu: float, kappa: float, act: int) -> None:
    # Reference §3.3: logit p_t = δ logit p_{t-1} + β_G 1{good} ln LR_G + β_B 1{bad} ln LR_B
    # (Grether: δ = β_2). Here δ = 1 - κ with memory m = 1/2, β_G = β, β_B = ν β.
    qh, qb = 0.7, 0.3
    lr = np.log(qh / qb) if act == THREAT else np.log((1 - qh) / (1 - qb))
    weight = nu * beta if act == THREAT else beta
    x = (1 - kappa) * np.log(p0 / (1 - p0)) + weight * lr
    expected = 1 / (1 + np.exp(-x))
    p = PerceptionParams(q_hostile=qh, q_benign=qb, responsiveness=beta, negativity=nu,
                         memory=0.5, memory_weight=kappa)
    assert pm.update(p0, act, p) == pytest.approx(expected, rel=1e-12)


# --- properties ------------------------------------------------------------------------------


@fast
@given(p0=belief, p=params(), acts=acts_of(THREAT, REASSURE, SLIGHT, NO_ACT, max_size=40))
def test_belief_stays_in_unit_interval(p0: float, p: PerceptionParams, acts: list[int]) -> None:
    h = pm.run(p0, acts, p)
    assert np.all((h >= 0) & (h <= 1))


@fast
@given(h=belief, p=params(memory_weight=0.0))
def test_threatening_act_never_lowers_hostility_belief(h: float, p: PerceptionParams) -> None:
    # Kydd's claim 1 (reference §1.3 [V]): seeing conflict makes one more convinced of hostility.
    assert pm.update(h, THREAT, p) >= h


@fast
@given(h=belief, p=params())
def test_with_memory_pull_a_threat_still_raises_belief_relative_to_no_act(
        h: float, p: PerceptionParams) -> None:
    # With κ > 0 the pull back to the memory prior can outweigh one threat; relative to the same
    # period without it, a threat raises the belief, a reassurance lowers it, a slight lies between.
    threat, none, reassure, slight = (float(pm.update(h, a, p)) for a in (THREAT, NO_ACT, REASSURE, SLIGHT))
    assert reassure <= none <= threat
    assert reassure <= slight <= threat


@fast
@given(p0=belief, p=params(), nu=st.floats(1.0, 5.0), n=st.integers(1, 8), data=st.data())
def test_negativity_bias_raises_beliefs_after_equal_threats_and_reassurances(
        p0: float, p: PerceptionParams, nu: float, n: int, data: st.DataObject) -> None:
    acts = data.draw(st.permutations([THREAT] * n + [REASSURE] * n))
    unbiased = pm.run(p0, acts, dataclasses.replace(p, negativity=1.0))
    biased = pm.run(p0, acts, dataclasses.replace(p, negativity=nu))
    assert np.all(biased >= unbiased - 1e-12)


@fast
@given(p0=belief, p=params(memory_weight=0.0), iota=st.floats(0.0, 0.95),
       act=st.sampled_from([THREAT, REASSURE]), steps=st.integers(1, 30))
def test_inertia_slows_convergence(
        p0: float, p: PerceptionParams, iota: float, act: int, steps: int) -> None:
    acts = [act] * steps
    fast_ = pm.run(p0, acts, dataclasses.replace(p, inertia=0.0))[0]
    slow = pm.run(p0, acts, dataclasses.replace(p, inertia=iota))[0]
    # Under a steady stream each belief moves toward the same limit; inertia leaves it behind.
    if act == THREAT:
        assert np.all(slow <= fast_ + 1e-12) and np.all(np.diff(slow) >= -1e-12)
    else:
        assert np.all(slow >= fast_ - 1e-12) and np.all(np.diff(slow) <= 1e-12)


@fast
@given(p=params(), kappa=st.floats(0.0, 0.9), more=st.floats(0.0, 0.09),
       sign=st.sampled_from([THREAT, REASSURE]), data=st.data())
def test_stronger_memory_weight_departs_more_slowly_from_the_prior(
        p: PerceptionParams, kappa: float, more: float, sign: int, data: st.DataObject) -> None:
    acts = data.draw(acts_of(sign, NO_ACT, max_size=30))
    m = float(np.asarray(p.memory))
    weak = pm.run(m, acts, dataclasses.replace(p, memory_weight=kappa))[0]
    strong = pm.run(m, acts, dataclasses.replace(p, memory_weight=kappa + more))[0]
    assert np.all(np.abs(strong - m) <= np.abs(weak - m) + 1e-12)


@fast
@given(p0=st.floats(1e-9, 1 - 1e-9), p=params(memory_weight=0.3), iota=st.floats(0.0, 0.5))
def test_without_new_acts_belief_returns_to_historical_memory(
        p0: float, p: PerceptionParams, iota: float) -> None:
    # A dogmatic prior (0 or 1) never moves; any other returns to the memory prior.
    h = pm.run(p0, [NO_ACT] * 150, dataclasses.replace(p, inertia=iota))[0, -1]
    assert h == pytest.approx(float(np.asarray(p.memory)), abs=1e-6)


@fast
@given(h=st.floats(0.01, 0.99), p=params(), s=st.floats(0.0, 1.0), more=st.floats(0.0, 1.0))
def test_status_sensitivity_makes_a_slight_count_as_a_threat(
        h: float, p: PerceptionParams, s: float, more: float) -> None:
    def at(s_: float) -> float:
        return float(pm.update(h, SLIGHT, dataclasses.replace(p, status_sensitivity=s_)))

    assert at(0.0) == pytest.approx(float(pm.update(h, REASSURE, p)), rel=1e-12)
    assert at(1.0) == pytest.approx(float(pm.update(h, THREAT, p)), rel=1e-12)
    assert at(s) <= at(min(1.0, s + more)) + 1e-12


def test_run_is_vectorized_over_members_with_per_member_parameters() -> None:
    rng = np.random.default_rng(3)
    acts = rng.integers(-1, 3, size=(6, 20))
    prior = rng.uniform(0.05, 0.95, 6)
    nu = np.linspace(1, 3, 6)
    iota = np.linspace(0, 0.6, 6)
    together = pm.run(prior, acts, PerceptionParams(negativity=nu, inertia=iota, status_sensitivity=0.5))
    for i in range(6):
        alone = pm.run(prior[i], acts[i], PerceptionParams(negativity=nu[i], inertia=iota[i],
                                                           status_sensitivity=0.5))
        np.testing.assert_allclose(together[i], alone[0], rtol=1e-14)
    assert together.shape == (6, 21)


# --- historical memory as a power prior (reference §3.5) -------------------------------------


@fast
@given(base=st.floats(0.05, 0.95), threats=st.integers(0, 6), reassurances=st.integers(0, 6))
def test_memory_prior_with_full_weight_is_bayes_over_the_record(
        base: float, threats: int, reassurances: int) -> None:
    record = [THREAT] * threats + [REASSURE] * reassurances
    full = pm.memory_prior(threats, reassurances, 1.0, KYDD, base=base)
    expected = pm.run(base, record, KYDD)[0, -1] if record else base
    # Sequential updates and one log-odds sum differ only by rounding (a few ulps per step).
    assert full == pytest.approx(expected, rel=1e-9)
    assert pm.memory_prior(threats, reassurances, 0.0, KYDD, base=base) == pytest.approx(base, rel=1e-14)


def test_memory_prior_discount_scales_the_log_odds_of_the_record() -> None:
    # Power prior π ∝ L^a0 π0 (reference §3.5): half the discount, half the log-odds shift.
    full, half = (float(pm.memory_prior(3, 1, a0, KYDD)) for a0 in (1.0, 0.5))
    assert np.log(half / (1 - half)) == pytest.approx(np.log(full / (1 - full)) / 2, rel=1e-12)


# --- thresholds: Jervis (reference §1.2) and Kydd (§1.3) -------------------------------------


def test_kydd_minimum_trust_matches_reference_1_3_rows() -> None:
    assert pm.minimum_trust(0.5, 0.5) == pytest.approx(0.5, abs=1e-15)
    assert pm.minimum_trust(0.25, 1.0) == pytest.approx(1 / 1.75, abs=1e-15)


def test_jervis_stag_hunt_threshold_matches_reference_1_3_row_and_is_nan_for_pd() -> None:
    assert pm.cooperation_threshold(1.0, -0.5, 0.5, 0.0) == pytest.approx(0.5, abs=1e-15)
    # Kydd's game (R = 1, S = -c, T = a, P = 0) gives Kydd's threshold.
    assert pm.cooperation_threshold(1.0, -1.0, 0.25, 0.0) == pytest.approx(pm.minimum_trust(0.25, 1.0))
    assert np.isnan(pm.cooperation_threshold(3.0, 0.0, 5.0, 1.0))  # Prisoner's Dilemma


@fast
@given(p_star=st.floats(0.0, 1.0))
def test_hostility_threshold_is_where_expected_cooperation_equals_p_star(p_star: float) -> None:
    h = float(pm.hostility_threshold(p_star, KYDD))
    coop = 1 - (h * 0.9 + (1 - h) * 0.2)  # the other's cooperation probability at belief h
    if 0.0 < h < 1.0:
        assert coop == pytest.approx(p_star, abs=1e-12)
    else:  # clipped: p* outside [1 - q_H, 1 - q_B]
        assert p_star >= 0.8 - 1e-12 or p_star <= 0.1 + 1e-12


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), [
    ("q_hostile", 0.1), ("q_benign", 0.0), ("negativity", 0.0), ("status_sensitivity", 1.5),
    ("memory", 1.0), ("memory_weight", 1.0), ("inertia", -0.1), ("responsiveness", -1.0),
])
def test_out_of_range_parameter_is_a_one_line_error_naming_it(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        pm.update(0.5, THREAT, dataclasses.replace(PerceptionParams(), **{field: value}))


def test_bad_acts_and_beliefs_are_rejected() -> None:
    with pytest.raises(ValueError, match="acts"):
        pm.update(0.5, 3)
    with pytest.raises(ValueError, match="acts"):
        pm.update(0.5, 0.5)
    with pytest.raises(ValueError, match="beliefs"):
        pm.update(1.2, THREAT)
