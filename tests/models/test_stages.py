"""Tests for ``stratlab.models.stages``.

Sources the expectations come from:
- shared reference note ``perception.md`` §5.1: the deterministic three-regime fixture
  (100×0, 100×5, 100×(−3) → [100, 200, 300] for Pelt pen=1, Binseg n_bkps=2, Dynp n_bkps=2;
  CostL2 error 3266.6667 / 0.0), the seeded noisy version (Pelt pen=10) and the ruptures
  documentation's metric example with its [R] outputs;
- ruptures 1.1.x run in the same test (the docs' Pelt/Binseg usage examples, Dynp as the exact
  fixed-count optimum that the PELT penalty search must reproduce);
- scipy (t intervals via ``ttest_1samp``, the normal-consistent MAD) as independent arithmetic;
- simulation with known stage means (interval coverage), and label invariants (Hypothesis).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import ruptures as rpt
from hypothesis import given, settings
from hypothesis import strategies as st
from ruptures.metrics import hausdorff, precision_recall, randindex
from scipy import stats

from stratlab.models import stages
from stratlab.models.stages import segment, stage_labels

# Reference §5.1 "Deterministic segmentation fixtures".
STEP = np.concatenate([np.zeros(100), np.full(100, 5.0), np.full(100, -3.0)])
STEP_BKPS = [100, 200, 300]


def _noisy_step() -> np.ndarray:
    """Reference §5.1: the step signal plus N(0, 1) noise from ``np.random.default_rng(0)``."""
    return STEP + np.random.default_rng(0).normal(size=STEP.size)


# --------------------------------------------------------------------------------------------
# Reference fixtures (perception.md §5.1)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "ruptures_call"),
    [
        (
            {"method": "pelt", "penalty": 1.0},
            lambda s: rpt.Pelt(model="l2", min_size=2, jump=1).fit(s).predict(pen=1),
        ),
        (
            {"method": "binseg", "n_stages": 3},
            lambda s: rpt.Binseg(model="l2", jump=1).fit(s).predict(n_bkps=2),
        ),
        (
            {"method": "dynp", "n_stages": 3},
            lambda s: rpt.Dynp(model="l2", min_size=2, jump=1).fit(s).predict(n_bkps=2),
        ),
    ],
    ids=["pelt-pen1", "binseg-2bkps", "dynp-2bkps"],
)
def test_reference_5_1_deterministic_three_regimes(kwargs, ruptures_call):
    res = segment(STEP, **kwargs)
    assert list(res.breakpoints) == STEP_BKPS  # reference [R]
    assert list(res.breakpoints) == ruptures_call(STEP)  # same call, same library
    assert res.means == (0.0, 5.0, -3.0)  # exact: each stage is constant
    assert res.lower == res.means and res.upper == res.means  # zero spread, zero width
    assert res.labels == ("competition", "cooperation", "confrontation")
    assert res.sizes == (100, 100, 100)


def test_reference_5_1_costl2_values_of_the_step_signal():
    """The L2 cost the module relies on, as the reference ran it [R]."""
    cost = rpt.costs.CostL2().fit(STEP)
    assert cost.error(0, 300) == pytest.approx(3266.6667, abs=1e-4)
    assert cost.sum_of_costs(STEP_BKPS) == 0.0


def test_reference_5_1_noisy_fixture_pelt_pen10():
    y = _noisy_step()
    res = segment(y, penalty=10.0)
    assert list(res.breakpoints) == STEP_BKPS  # reference [R]
    assert list(res.breakpoints) == rpt.Pelt(model="l2", jump=1).fit(y).predict(pen=10)
    expected = [float(np.mean(y[a:b])) for a, b in ((0, 100), (100, 200), (200, 300))]
    assert res.means == pytest.approx(expected, rel=1e-12)
    assert res.labels == ("competition", "cooperation", "confrontation")
    assert hausdorff(list(res.breakpoints), STEP_BKPS) == 0


def test_ruptures_docs_metric_example_matches_reference_and_reads_our_breakpoints():
    """ruptures docs' metric example (inputs [V]); outputs as the reference ran them [R]."""
    bkps1, bkps2 = [100, 200, 500], [105, 115, 350, 400, 500]
    assert hausdorff(bkps1, bkps2) == 200.0
    assert precision_recall(bkps1, bkps2) == (0.25, 0.5)
    assert randindex(bkps1, bkps2) == pytest.approx(0.6627254509018037, rel=1e-12)
    # Our breakpoints follow the same convention, so the metrics read them directly.
    res = segment(_noisy_step(), n_stages=3, method="binseg")
    assert precision_recall(STEP_BKPS, list(res.breakpoints)) == (1.0, 1.0)


def test_ruptures_docs_pelt_usage_example_one_dimension():
    """ruptures docs, Pelt usage: pw_constant signal, model='l1', min_size=3, jump=5, pen=3."""
    signal, _ = rpt.pw_constant(500, 1, 3, noise_std=1, seed=0)
    expected = rpt.Pelt(model="l1", min_size=3, jump=5).fit(signal).predict(pen=3)
    res = segment(signal[:, 0], penalty=3.0, model="l1", min_size=3, jump=5)
    assert list(res.breakpoints) == expected
    assert res.penalty == 3.0 and res.penalty_rule == "given"


def test_ruptures_docs_binseg_usage_example_n_bkps_and_penalty():
    """ruptures docs, Binseg usage: n=500, sigma=5; predict(n_bkps=3) and pen=log(n)·dim·σ²."""
    n, sigma = 500, 5
    signal, _ = rpt.pw_constant(n, 1, 3, noise_std=sigma, seed=0)
    algo = rpt.Binseg(model="l2").fit(signal)  # the docs use ruptures' default jump=5
    by_count = segment(signal[:, 0], n_stages=4, method="binseg", jump=5)
    assert list(by_count.breakpoints) == algo.predict(n_bkps=3)
    pen = np.log(n) * 1 * sigma**2
    by_pen = segment(signal[:, 0], penalty=float(pen), method="binseg", jump=5)
    assert list(by_pen.breakpoints) == algo.predict(pen=pen)


# --------------------------------------------------------------------------------------------
# Fixed number of stages with PELT: the penalty search must find the exact K-stage optimum
# --------------------------------------------------------------------------------------------


def test_pelt_with_n_stages_matches_dynp_optimum():
    rng = np.random.default_rng(7)
    y = np.repeat([0.0, 2.0, -1.0, 1.0], 30) + rng.normal(size=120)
    dynp = rpt.Dynp(model="l2", min_size=2, jump=1).fit(y)
    optimum = {m: dynp.cost.sum_of_costs(dynp.predict(n_bkps=m)) for m in range(9)}  # C_m

    def off_penalty_path(m: int) -> bool:
        """C_m lies above a chord C_i–C_j (i < m < j): no β makes m changes optimal."""
        return any(
            optimum[m] > optimum[i] + (optimum[j] - optimum[i]) * (m - i) / (j - i) + 1e-9
            for i in range(m)
            for j in range(m + 1, 9)
        )

    paths = set()
    for k in (2, 3, 4, 5, 6):
        expected = dynp.predict(n_bkps=k - 1)
        res = segment(y, n_stages=k)
        assert list(res.breakpoints) == expected
        if res.penalty is not None:  # found by the penalty search: PELT with that β agrees
            paths.add("search")
            assert res.penalty_rule == "search for n_stages"
            assert not off_penalty_path(k - 1)
            assert list(segment(y, penalty=res.penalty).breakpoints) == expected
        else:
            paths.add("dynp")
            assert "dynp" in res.penalty_rule
            assert off_penalty_path(k - 1)
    assert paths == {"search", "dynp"}  # this series exercises both
    assert list(segment(y, n_stages=4, method="dynp").breakpoints) == dynp.predict(n_bkps=3)


def test_pelt_n_stages_on_a_noiseless_step_falls_back_to_dynp():
    # No penalty makes PELT split a constant stage, so 4 stages are off the penalty path.
    s = np.repeat([0.0, 5.0, -3.0], 20)
    res = segment(s, n_stages=4)
    assert res.n_stages == 4 and res.penalty is None and "dynp" in res.penalty_rule
    assert list(res.breakpoints) == rpt.Dynp(model="l2", min_size=2, jump=1).fit(s).predict(n_bkps=3)
    assert {20, 40} <= set(res.breakpoints)


# --------------------------------------------------------------------------------------------
# Means and intervals
# --------------------------------------------------------------------------------------------


def test_t_interval_equals_scipy_ttest_interval_per_stage():
    y = _noisy_step()
    res = segment(y, n_stages=3, method="binseg")
    for (a, b), lo, hi in zip(res.bounds, res.lower, res.upper, strict=True):
        ci = stats.ttest_1samp(y[a:b], 0.0).confidence_interval(0.95)
        assert lo == pytest.approx(ci.low, rel=1e-12)
        assert hi == pytest.approx(ci.high, rel=1e-12)
    narrower = segment(y, n_stages=3, method="binseg", confidence=0.5)
    assert all(
        lw < ln and un < uw
        for lw, ln, un, uw in zip(res.lower, narrower.lower, narrower.upper, res.upper, strict=True)
    )


def test_interval_coverage_of_known_stage_means_is_near_95_percent():
    """Synthetic step series with known means: the 95 % intervals cover about 95 % of the time."""
    rng = np.random.default_rng(2024)
    true = np.array([1.0, 4.0, -2.0])
    hits = total = 0
    for _ in range(250):
        y = np.repeat(true, 20) + rng.normal(scale=1.0, size=60)
        res = segment(y, n_stages=3, method="binseg")
        for k, mu in enumerate(true):
            hits += res.lower[k] <= mu <= res.upper[k]
            total += 1
    coverage = hits / total
    # binomial sd at 750 trials is 0.008; the band allows for a rare misplaced break
    assert 0.92 <= coverage <= 0.98, coverage


# --------------------------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------------------------


def test_three_stage_labels_follow_level_and_direction():
    assert stage_labels([0.2, 3.0, -1.0]) == ("competition", "cooperation", "confrontation")
    assert stage_labels([3.0, 0.2, -1.0]) == ("cooperation", "competition", "confrontation")
    # a hostility score: higher is worse
    assert stage_labels([3.0, 0.2, -1.0], higher_is_friendlier=False) == (
        "confrontation",
        "competition",
        "cooperation",
    )
    res = segment(STEP, penalty=1.0, higher_is_friendlier=False)
    assert res.labels == ("competition", "confrontation", "cooperation")


def test_label_scheme_for_other_stage_counts():
    assert stage_labels([1.0]) == ("single",)
    assert stage_labels([1.0, 2.0]) == ("confrontation", "cooperation")
    assert stage_labels([5.0, 1.0, 3.0, 4.0, 2.0]) == (
        "cooperation",
        "confrontation",
        "competition 2",
        "competition 1",
        "competition 3",
    )
    # ties go to the earlier stage
    assert stage_labels([1.0, 1.0, 0.0]) == ("cooperation", "competition", "confrontation")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=8, unique=True))
def test_labels_invariants(means):
    labels = stage_labels(means)
    assert len(set(labels)) == len(labels)
    # flipping the sign and the direction together changes nothing
    assert stage_labels([-m for m in means], higher_is_friendlier=False) == labels
    if len(means) >= 2:
        assert labels[int(np.argmax(means))] == "cooperation"
        assert labels[int(np.argmin(means))] == "confrontation"


# --------------------------------------------------------------------------------------------
# Default penalty, index (years), result object
# --------------------------------------------------------------------------------------------


def test_default_penalty_is_two_sigma_squared_log_n_from_the_mad_of_differences():
    y = _noisy_step()
    sigma = stats.median_abs_deviation(np.diff(y), scale="normal") / math.sqrt(2)
    res = segment(y)
    assert res.penalty == pytest.approx(2 * sigma**2 * math.log(y.size), rel=1e-12)
    assert res.penalty_rule.startswith("default")
    assert list(res.breakpoints) == STEP_BKPS


def test_default_penalty_fallbacks_for_noiseless_and_constant_series():
    res = segment(STEP)  # MAD of the differences is 0: fall back to their standard deviation
    d = np.diff(STEP)
    assert res.penalty == pytest.approx(2 * (np.std(d) / math.sqrt(2)) ** 2 * math.log(300), rel=1e-12)
    assert list(res.breakpoints) == STEP_BKPS
    flat = segment(np.full(20, 3.0))
    assert flat.breakpoints == (20,) and flat.labels == ("single",) and flat.penalty == 1.0


def test_default_penalty_seldom_splits_pure_noise():
    rng = np.random.default_rng(11)
    split = sum(segment(rng.normal(size=80)).n_stages > 1 for _ in range(20))
    assert split <= 4


def test_index_gives_stage_start_and_end_years():
    rng = np.random.default_rng(3)
    y = np.repeat([2.0, -1.0, 0.5], 10) + 0.1 * rng.normal(size=30)
    years = range(1991, 2021)
    res = segment(y, n_stages=3, method="dynp", index=years)
    assert res.breakpoints == (10, 20, 30)
    assert res.starts == (1991, 2001, 2011)
    assert res.ends == (2000, 2010, 2020)
    assert res.labels == ("cooperation", "confrontation", "competition")
    assert [row["start"] for row in res.table()] == [1991, 2001, 2011]
    assert res.stage_of().tolist() == [0] * 10 + [1] * 10 + [2] * 10
    plain = segment(y, n_stages=3, method="dynp")
    assert plain.starts == (0, 10, 20) and plain.ends == (9, 19, 29)
    assert isinstance(segment(y, n_stages=3, method="dynp", index=np.arange(1991, 2021)).starts[0], int)


def test_result_is_frozen_and_records_how_it_was_made():
    res = segment(STEP, n_stages=3, method="binseg", min_size=5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.means = (0.0,)  # type: ignore[misc]
    assert (res.method, res.model, res.min_size, res.jump) == ("binseg", "l2", 5, 1)
    assert res.n_stages_requested == 3 and res.penalty is None and res.confidence == 0.95
    assert res.bounds == ((0, 100), (100, 200), (200, 300))
    assert stages.SOURCE_IDS == ("killick-2012", "truong-2020")


# --------------------------------------------------------------------------------------------
# Errors a user sees
# --------------------------------------------------------------------------------------------


def test_nan_is_rejected_with_its_position():
    y = _noisy_step()
    y[[5, 42]] = np.nan
    with pytest.raises(ValueError, match=r"NaN at position\(s\) 5, 42"):
        segment(y, penalty=10.0)
    y[5] = np.inf
    with pytest.raises(ValueError, match="infinite"):
        segment(y, penalty=10.0)


@pytest.mark.parametrize(
    ("values", "kwargs", "match"),
    [
        (np.arange(3.0), {}, "series too short: 3 values; need at least 4"),
        (np.arange(10.0), {"n_stages": 6}, "series too short: 10 values; need at least 12 to form 6 stages"),
        (STEP, {"n_stages": 3, "penalty": 1.0}, "not both"),
        (STEP, {"method": "dynp"}, "give n_stages"),
        (STEP, {"method": "dynp", "penalty": 2.0}, "give n_stages"),
        (STEP, {"method": "window"}, "unknown method 'window'"),
        (STEP, {"model": "ar"}, "unknown model 'ar'"),
        (STEP, {"model": "l1"}, "default penalty is defined for model='l2' only"),
        (STEP, {"n_stages": 0}, "n_stages must be a positive integer"),
        (STEP, {"penalty": -1.0}, "penalty must be a positive finite number"),
        (STEP, {"penalty": float("nan")}, "penalty must be a positive finite number"),
        (STEP, {"min_size": 0}, "min_size must be a positive integer"),
        (STEP, {"confidence": 1.0}, "confidence"),
        (STEP.reshape(100, 3), {}, "1-D"),
        (STEP, {"index": range(10)}, "index has 10 entries but values has 300"),
        (np.arange(4.0), {"index": [2000, 2001, 2001, 2002]}, "strictly increasing: position 2"),
    ],
)
def test_errors(values, kwargs, match):
    with pytest.raises(ValueError, match=match):
        segment(values, **kwargs)
