"""Richardson's arms race, pinned to the shared reference note ``stability-models.md`` §3.

Every expected number comes from the reference (with its status label) or from an analytic
result derived in the test; a few tests run a peer (SciPy) side by side.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray
from scipy import optimize, stats
from scipy.integrate import solve_ivp

from stratlab.models import richardson as rd

Arrays = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]
coef = st.floats(-5.0, 5.0, allow_nan=False)
positive = st.floats(0.05, 5.0)
fast = settings(max_examples=60, deadline=None)


def two_actor(k: float, l: float, a: float, b: float, g: float, h: float) -> Arrays:  # noqa: E741
    """Richardson's two-actor coefficients as (K, a, g)."""
    return np.array([[0.0, k], [l, 0.0]]), np.array([a, b]), np.array([g, h])


# Reference §3.1 [V]: Trinity College "Case I", dx/dt = 2y - 5x + 5, dy/dt = 2x - 3y + 5.
CASE_I = two_actor(k=2.0, l=2.0, a=5.0, b=3.0, g=5.0, h=5.0)


# --- equilibrium ---------------------------------------------------------------------------


def test_richardson_case_I_equilibrium_matches_textbook() -> None:
    # Reference §3.1 / case R-1: (x*, y*) = (25/11, 35/11), stable ("all trajectories approach
    # a stable point").
    np.testing.assert_allclose(rd.equilibrium(*CASE_I), [25 / 11, 35 / 11], rtol=1e-14)
    assert rd.is_stable(CASE_I[0], CASE_I[1]) is True


@fast
@given(k=coef, l=coef, a=coef, b=coef, g=coef, h=coef)
def test_richardson_equilibrium_matches_closed_form_reference_3_1(
    k: float, l: float, a: float, b: float, g: float, h: float  # noqa: E741
) -> None:
    det = a * b - k * l
    assume(abs(det) > 0.1)
    expected = [(b * g + k * h) / det, (a * h + l * g) / det]  # reference §3.1 [D]
    np.testing.assert_allclose(rd.equilibrium(*two_actor(k, l, a, b, g, h)), expected, atol=1e-9)


@pytest.mark.parametrize(("k", "l", "a", "b"), [(2.0, 2.0, 2.0, 2.0), (1.0, 6.0, 2.0, 3.0)])
def test_richardson_R2_ab_equals_kl_has_no_isolated_equilibrium(
    k: float, l: float, a: float, b: float  # noqa: E741
) -> None:
    # Reference case R-2 [D]: ab = kl gives det = 0, no isolated equilibrium -> NaN.
    assert np.isnan(rd.equilibrium(*two_actor(k, l, a, b, 1.0, 1.0))).all()


@fast
@given(n=st.integers(1, 5), members=st.integers(1, 4), seed=st.integers(0, 2**32 - 1))
def test_richardson_equilibrium_solves_linear_system_for_ensembles(
    n: int, members: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    K, a, g = rng.normal(size=(members, n, n)), rng.normal(size=(members, n)), rng.normal(size=n)
    M = K - a[:, :, None] * np.eye(n)
    assume(np.linalg.cond(M).max() < 1e6)
    x = rd.equilibrium(K, a, g)
    assert x.shape == (members, n)
    np.testing.assert_allclose(np.einsum("mij,mj->mi", M, x) + g, 0.0, atol=1e-8)


# --- stability -----------------------------------------------------------------------------


@fast
@given(k=coef, l=coef, a=coef, b=coef)
def test_richardson_stability_matches_trace_determinant_condition_reference_3_1(
    k: float, l: float, a: float, b: float  # noqa: E741
) -> None:
    # Jacobian [[-a, k], [l, -b]]: stable iff trace -(a+b) < 0 and det ab - kl > 0 [D].
    assume(abs(a + b) > 1e-3 and abs(a * b - k * l) > 1e-3)
    K, fatigue, _ = two_actor(k, l, a, b, 0.0, 0.0)
    assert rd.is_stable(K, fatigue) == (a + b > 0 and a * b > k * l)


def test_richardson_stability_is_vectorized_over_members() -> None:
    rng = np.random.default_rng(7)
    k, l, a, b = rng.uniform(0.0, 3.0, size=(4, 500))  # noqa: E741
    K = np.zeros((500, 2, 2))
    K[:, 0, 1], K[:, 1, 0] = k, l
    result = rd.is_stable(K, np.column_stack([a, b]))
    assert isinstance(result, np.ndarray)
    np.testing.assert_array_equal(result, a * b > k * l)  # reference §3.1 with a, b > 0


@fast
@given(n=st.integers(2, 6), k=st.floats(0.0, 3.0), a=st.floats(0.05, 5.0))
def test_richardson_all_against_all_stable_iff_fatigue_exceeds_total_reaction(
    n: int, k: float, a: float
) -> None:
    # N identical actors each reacting k to every other (reference R-5's all-against-all
    # variant): K = k (J - I) has eigenvalues (n-1)k and -k, so K - aI is stable iff
    # (n-1)k < a [D, analytic].
    assume(abs((n - 1) * k - a) > 1e-6)
    K = k * (np.ones((n, n)) - np.eye(n))
    assert rd.is_stable(K, np.full(n, a)) == ((n - 1) * k < a)


@fast
@given(k=st.floats(0, 3), l=st.floats(0, 3), a=positive, b=positive, dt=st.floats(0.05, 1.0))
def test_richardson_discrete_stability_matches_textbook_eigenvalues(
    k: float, l: float, a: float, b: float, dt: float  # noqa: E741
) -> None:
    # Reference §3.1 eigenvalues λ = ½[-(a+b) ± sqrt((a-b)² + 4kl)]; the discrete map
    # I + dt (K - diag a) has eigenvalues 1 + dt λ, stable iff all lie inside the unit circle [D].
    root = np.sqrt((a - b) ** 2 + 4 * k * l)
    rho = max(abs(1 + dt * 0.5 * (-(a + b) + s * root)) for s in (1.0, -1.0))
    assume(abs(rho - 1.0) > 1e-6)
    K, fatigue, _ = two_actor(k, l, a, b, 0.0, 0.0)
    assert rd.is_stable_discrete(K, fatigue, dt) == (rho < 1.0)


def test_richardson_discrete_a1_above_2_oscillates_and_diverges_reference_3_2() -> None:
    # Reference §3.2 [D]: a1 > 2 makes the discrete form diverge in oscillation although the
    # continuous form is stable. With no reaction, X(n) - x* = (1 - a1)^n (X(0) - x*).
    K, fatigue, g = two_actor(0.0, 0.0, 2.5, 0.5, 1.0, 1.0)
    assert rd.is_stable(K, fatigue) is True
    assert rd.is_stable_discrete(K, fatigue) is False
    x_star = rd.equilibrium(K, fatigue, g)
    path = rd.simulate(K, fatigue, g, x_star + 1.0, years=8)[0, :, 0] - x_star[0]
    np.testing.assert_allclose(path, (1 - 2.5) ** np.arange(9), rtol=1e-12)


# --- simulation ----------------------------------------------------------------------------


def test_richardson_case_I_unit_step_unstable_but_small_step_converges_to_textbook() -> None:
    # Case I has a1 = 5 > 2, so the dt = 1 difference form diverges (reference §3.2); with
    # dt = 0.1, I + 0.1 M has eigenvalues 1 + 0.1(-4 ± √5), inside the unit circle [D].
    K, fatigue, g = CASE_I
    assert rd.is_stable_discrete(K, fatigue, dt=1.0) is False
    assert rd.is_stable_discrete(K, fatigue, dt=0.1) is True
    end = rd.simulate(K, fatigue, g, [0.0, 0.0], years=40, dt=0.1)[0, -1]
    np.testing.assert_allclose(end, [25 / 11, 35 / 11], rtol=1e-9)


def test_richardson_exact_method_matches_scipy_solve_ivp() -> None:
    rng = np.random.default_rng(2024)
    members, n = 5, 3
    K = rng.uniform(0.0, 0.6, size=(members, n, n))
    a, g = rng.uniform(0.2, 1.0, size=(members, n)), rng.uniform(-1.0, 2.0, size=(members, n))
    x0 = rng.uniform(0.0, 10.0, size=(members, n))
    years, dt = 6.0, 0.5
    ours = rd.simulate(K, a, g, x0, years, dt=dt, method="exact")
    assert ours.shape == (members, 13, n)
    times = rd.time_grid(years, dt)
    for m in range(members):
        M = K[m] - np.diag(a[m])
        peer = solve_ivp(
            lambda _t, x, M=M, c=g[m]: M @ x + c,
            (0.0, years), x0[m], t_eval=times, rtol=1e-11, atol=1e-12, method="DOP853",
        )
        np.testing.assert_allclose(ours[m], peer.y.T, rtol=1e-8, atol=1e-9)


@fast
@given(k=coef, l=coef, a=coef, b=coef, g=coef, h=coef, dt=st.floats(0.01, 1.0))
def test_richardson_discrete_fixed_point_equals_equilibrium(
    k: float, l: float, a: float, b: float, g: float, h: float, dt: float  # noqa: E741
) -> None:
    # Reference §3.2: "The fixed point is the same as in the continuous model."
    assume(abs(a * b - k * l) > 0.1)
    system = two_actor(k, l, a, b, g, h)
    x_star = rd.equilibrium(*system)
    step = rd.simulate(*system, x0=x_star, years=dt, dt=dt)[0]
    np.testing.assert_allclose(step[1], x_star, rtol=1e-9, atol=1e-9)


@fast
@given(k=st.floats(-3, 3), l=st.floats(-3, 3), a=positive, b=positive, g=coef, h=coef)
def test_richardson_stable_systems_converge_to_equilibrium(
    k: float, l: float, a: float, b: float, g: float, h: float  # noqa: E741
) -> None:
    assume(a * b - k * l > 0.05)  # reference §3.1: stable node or focus iff ab > kl
    system = two_actor(k, l, a, b, g, h)
    slowest = 0.5 * ((a + b) - np.sqrt(max((a - b) ** 2 + 4 * k * l, 0.0)))  # -max Re λ
    horizon = 40.0 / slowest
    end = rd.simulate(*system, x0=[50.0, -20.0], years=horizon, dt=horizon, method="exact")
    x_star = rd.equilibrium(*system)
    np.testing.assert_allclose(end[0, -1], x_star, atol=1e-6 * max(1.0, np.abs(x_star).max()))


def test_richardson_simulate_broadcasts_members_to_member_time_actor() -> None:
    K, fatigue, g = CASE_I
    x0 = np.arange(8.0).reshape(4, 2)
    out = rd.simulate(K, fatigue, g, x0, years=3, dt=0.5)
    assert out.shape == (4, 7, 2)
    np.testing.assert_array_equal(out[:, 0], x0)
    per_member = rd.simulate(np.broadcast_to(K, (4, 2, 2)), fatigue, g, x0, years=3, dt=0.5)
    np.testing.assert_allclose(out, per_member, rtol=1e-14)
    with pytest.raises(ValueError, match="whole number of steps"):
        rd.simulate(K, fatigue, g, x0, years=1.25, dt=0.5)


# --- estimation ----------------------------------------------------------------------------


# Reference §3.3 [V data]: COW NMC v6.0 milex, thousands of current £ (the unit for 1816–1913),
# 1909–1913. The catalog holds NMC v7.0; the test checks both versions agree on these rows.
COW_MILEX_1909_1913 = {
    "FRA": [47_412, 49_539, 55_441, 61_367, 66_706],
    "RUS": [60_029, 62_099, 64_291, 73_512, 85_391],
    "DEU": [58_567, 60_416, 61_652, 63_926, 88_418],
    "AUH": [26_217, 23_208, 22_227, 27_376, 37_513],
}
COW_TOTALS_GBP_M = [192.225, 195.262, 203.611, 226.181, 278.028]  # U + V row, £ million


def test_richardson_sum_form_1909_1913_cow_matches_reference_R3() -> None:
    from stratlab.data import catalog

    df = (
        catalog()
        .execute(
            "SELECT country, year, milex FROM capabilities "
            "WHERE country IN ('FRA','RUS','DEU','AUH') AND year BETWEEN 1909 AND 1913"
        )
        .df()
    )
    wide = df.pivot(index="year", columns="country", values="milex").sort_index()
    assert list(wide.index) == [1909, 1910, 1911, 1912, 1913]
    for country, values in COW_MILEX_1909_1913.items():
        np.testing.assert_array_equal(wide[country].to_numpy(), values)
    # U = France + Russia, V = Germany + Austria-Hungary; £ thousand -> £ million.
    totals = (wide["FRA"] + wide["RUS"] + wide["DEU"] + wide["AUH"]).to_numpy() / 1000.0
    np.testing.assert_allclose(totals, COW_TOTALS_GBP_M, rtol=1e-12)

    # R-3 [D fit]: increments against mid-year means give slope 0.832 /yr, s0 189.3 (£ m);
    # the exponential method k 0.885, s0 189.2. Tolerance: half a unit of the last quoted digit.
    mid = rd.fit_sum_form(wide.index.to_numpy(), totals)
    assert mid.slope == pytest.approx(0.832, abs=5e-4)
    assert mid.s0 == pytest.approx(189.3, abs=0.05)
    assert mid.n == 4
    exp = rd.fit_sum_form(wide.index.to_numpy(), totals, method="exponential")
    assert exp.slope == pytest.approx(0.885, abs=5e-4)
    assert exp.s0 == pytest.approx(189.2, abs=0.05)


def test_richardson_sum_form_recalled_totals_reproduce_reference_arithmetic_R4_unverified() -> None:
    # Reference §3.3: the recalled totals are [U]; this pins only the note's own arithmetic
    # check [D] (mid-year OLS 0.723 / 195.7; exponential 0.752 / 195.5), not Richardson 1960.
    years, totals = np.arange(1909, 1914), [199.2, 206.8, 217.3, 238.7, 289.0]
    mid = rd.fit_sum_form(years, totals)
    assert (mid.slope, mid.s0) == (pytest.approx(0.723, abs=5e-4), pytest.approx(195.7, abs=0.05))
    exp = rd.fit_sum_form(years, totals, method="exponential")
    assert (exp.slope, exp.s0) == (pytest.approx(0.752, abs=5e-4), pytest.approx(195.5, abs=0.05))


def test_richardson_sum_form_errors_match_scipy_linregress() -> None:
    rng = np.random.default_rng(11)
    years = np.arange(1900, 1915)
    totals = 100.0 + np.cumsum(rng.uniform(1.0, 10.0, size=years.size))
    fit = rd.fit_sum_form(years, totals)
    peer = stats.linregress(0.5 * (totals[1:] + totals[:-1]), np.diff(totals))
    assert fit.slope == pytest.approx(peer.slope, rel=1e-10)
    assert fit.s0 == pytest.approx(-peer.intercept / peer.slope, rel=1e-10)
    assert fit.se_slope == pytest.approx(peer.stderr, rel=1e-8)
    assert fit.r2 == pytest.approx(peer.rvalue**2, rel=1e-10)


@pytest.mark.parametrize(("k", "a", "g", "h"), [(0.3, 0.1, 2.0, 1.0), (0.2, 0.5, 3.0, -1.0)])
def test_richardson_sum_form_of_symmetric_model_recovered_exactly_reference_3_1(
    k: float, a: float, g: float, h: float
) -> None:
    # Reference §3.1 [V]: with a = b, k = l, d(x+y)/dt = (k-a)(x+y) + (g+h), so the sum has
    # slope k - a and zero-crossing s0 = -(g+h)/(k-a); yearly samples of the exact solution
    # obey the exponential method's one-step map exactly [D].
    path = rd.simulate(*two_actor(k, k, a, a, g, h), x0=[5.0, 8.0], years=10, method="exact")
    fit = rd.fit_sum_form(np.arange(11), path[0].sum(axis=1), method="exponential")
    assert fit.slope == pytest.approx(k - a, rel=1e-8)
    assert fit.s0 == pytest.approx(-(g + h) / (k - a), rel=1e-8)


PARAMS = {"k": 0.3, "l": 0.2, "a": 0.5, "b": 0.4, "g": 1.0, "h": 2.0}


def test_richardson_two_actor_midpoint_fit_recovers_trapezoid_series_exactly() -> None:
    # A series built by the trapezoid rule satisfies Δx = M (x_t + x_{t+1})/2 + g exactly, so
    # the midpoint regression returns the generating coefficients [D].
    K, fatigue, g = two_actor(**PARAMS)
    M = K - np.diag(fatigue)
    step = np.linalg.solve(np.eye(2) - M / 2, np.eye(2) + M / 2)
    shift = np.linalg.solve(np.eye(2) - M / 2, g)
    xs = [np.array([3.0, 1.0])]
    for _ in range(9):
        xs.append(step @ xs[-1] + shift)
    series = np.array(xs)
    fit = rd.fit_two_actor(np.arange(1950, 1960), series[:, 0], series[:, 1])
    for name, value in PARAMS.items():
        assert getattr(fit, name) == pytest.approx(value, rel=1e-9)
    assert max(fit.se_k, fit.se_a, fit.se_g, fit.se_l, fit.se_b, fit.se_h) < 1e-8


def test_richardson_two_actor_lagged_fit_recovers_discrete_form_reference_3_2() -> None:
    p = PARAMS
    x, y = [3.0], [1.0]
    for _ in range(9):  # ΔX(n) = d1 Y(n-1) - a1 X(n-1) + g, as written in reference §3.2
        x, y = (
            [*x, x[-1] + p["k"] * y[-1] - p["a"] * x[-1] + p["g"]],
            [*y, y[-1] + p["l"] * x[-1] - p["b"] * y[-1] + p["h"]],
        )
    fit = rd.fit_two_actor(np.arange(10), x, y, method="lagged")
    for name, value in p.items():
        assert getattr(fit, name) == pytest.approx(value, rel=1e-9)
    for ours, expected in zip(fit.system(), two_actor(**p), strict=True):
        np.testing.assert_allclose(ours, expected, rtol=1e-9)


def test_richardson_two_actor_errors_match_scipy_curve_fit() -> None:
    rng = np.random.default_rng(5)
    years = np.arange(1960, 1990)
    x, y = 10 + np.cumsum(rng.normal(1, 1, 30)), 8 + np.cumsum(rng.normal(1, 1, 30))
    fit = rd.fit_two_actor(years, x, y)
    mx, my, rate_x = (x[1:] + x[:-1]) / 2, (y[1:] + y[:-1]) / 2, np.diff(x)

    def model(levels: NDArray[np.float64], k: float, a: float, g: float) -> NDArray[np.float64]:
        return k * levels[1] - a * levels[0] + g

    popt, pcov = optimize.curve_fit(model, np.vstack([mx, my]), rate_x, p0=[0.0, 0.0, 0.0])
    np.testing.assert_allclose([fit.k, fit.a, fit.g], popt, rtol=1e-6)
    np.testing.assert_allclose([fit.se_k, fit.se_a, fit.se_g], np.sqrt(np.diag(pcov)), rtol=1e-5)
