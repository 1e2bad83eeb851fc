"""Kent & Thaler first-strike stability (shared reference note ``stability-models.md`` §1).

Pinned to the reference's test cases KT-1…KT-7 (the cost function and index arithmetic, [D] from
the [S] formula), to analytic draw-down results, and to a brute-force evaluation of the same
model written independently below. The qualitative findings KT-10…KT-12 are checked on
illustrative postures, next to the counterexamples that show they are not theorems of the model
(docs/theory/first_strike.md, "Known deviations"). Property tests: test_first_strike_properties.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from stratlab.models.first_strike import (
    COMMIT_FIXED,
    COMMIT_SURVIVABLE,
    GRID,
    LUA_SAVED,
    REFINE,
    SOURCE_IDS,
    ForceArrays,
    cost,
    damage,
    deterrent_reserve,
    first_strike_stability,
    index_from_costs,
    kill_probability,
    leakers,
    multipolar_stability,
    rvs_for_leakers,
    sspk,
    stability_ratio,
    strike,
    weapons_for_damage,
)

# --- KT-1 … KT-6: the cost function, reference §1.6 (values [D] from the [S] formula) --------


@pytest.mark.parametrize(
    ("case", "d_own", "d_enemy", "expected"),
    [
        ("KT-1", 0.0, 1.0, 0.0),
        ("KT-2", 1.0, 1.0, 1.0),
        ("KT-3", 1.0, 0.0, 1.3),
        ("KT-4", 0.0, 0.0, 0.3),
    ],
)
def test_kent_thaler_cost_corner_values_kt1_to_kt4(
    case: str, d_own: float, d_enemy: float, expected: float
) -> None:
    assert float(cost(d_own, d_enemy)) == pytest.approx(expected, abs=1e-15), case


def test_kent_thaler_cost_kt5_half_damage_each() -> None:
    # Reference value 0.7162 (4 decimals); analytically 0.5^0.75 + 0.3 (1 - 0.5^0.75).
    c = float(cost(0.5, 0.5))
    assert c == pytest.approx(0.5**0.75 + 0.3 * (1 - 0.5**0.75), abs=1e-15)
    assert c == pytest.approx(0.7162, abs=5e-5)


def test_kent_thaler_cost_kt6_asymmetric_damage() -> None:
    c = cost([0.2, 0.8], [0.8, 0.2])
    np.testing.assert_allclose(c, [0.3453, 1.0562], atol=5e-5)
    np.testing.assert_allclose(c[0], 0.2**0.75 + 0.3 * (1 - 0.8**0.75), rtol=1e-15)


def test_cost_exponent_and_surcharge_are_parameters() -> None:
    assert float(cost(0.25, 0.5, exponent=1.0, surcharge=0.5)) == pytest.approx(0.25 + 0.25)


# --- KT-7: the index arithmetic -----------------------------------------------------------------


def test_kent_thaler_index_kt7_arithmetic() -> None:
    r_a, r_b, fsi = index_from_costs(0.60, 0.80, 0.70, 0.85)
    assert float(r_a) == pytest.approx(0.60 / 0.80, rel=1e-15)
    assert float(r_b) == pytest.approx(0.70 / 0.85, rel=1e-15)
    assert float(fsi) == pytest.approx((0.60 / 0.80) * (0.70 / 0.85), rel=1e-15)
    # The reference's rounded values.
    assert (float(r_a), float(r_b), float(fsi)) == pytest.approx((0.75, 0.8235, 0.6176), abs=5e-5)


def test_stability_ratio_is_capped_at_one_and_safe_at_zero_cost_of_waiting() -> None:
    np.testing.assert_array_equal(stability_ratio([0.9, 0.5, 0.0, 0.0], [0.3, 0.5, 0.0, 0.4]),
                                  [1.0, 1.0, 1.0, 0.0])


# --- Building blocks ------------------------------------------------------------------------


def test_damage_curve_destroys_80_percent_at_w80_and_inverts() -> None:
    w80 = np.array([50.0, 300.0, 1000.0])
    np.testing.assert_allclose(damage(w80, w80), 0.8, rtol=1e-14)
    np.testing.assert_allclose(damage(2 * w80, w80), 1 - 0.2**2, rtol=1e-14)
    assert float(damage(0.0, 100.0)) == 0.0
    d = np.array([0.1, 0.5, 0.9])
    np.testing.assert_allclose(damage(weapons_for_damage(d, 300.0), 300.0), d, rtol=1e-13)


def test_kill_probability_second_shot_adds_one_minus_de_times_de() -> None:
    de = np.array([0.0, 0.3, 0.8, 1.0])
    np.testing.assert_allclose(kill_probability(de, 1), de)
    np.testing.assert_allclose(kill_probability(de, 2), de + (1 - de) * de)
    np.testing.assert_allclose(kill_probability(de, 3), 1 - (1 - de) ** 3)


def test_sspk_is_one_half_when_lethal_radius_equals_cep() -> None:
    assert float(sspk(1.0, 1.0)) == pytest.approx(0.5)
    assert float(sspk(2.0, 1.0)) == pytest.approx(1 - 0.5**4)


def test_leakers_even_barrage_and_shoot_look_shoot() -> None:
    # 100 RVs, 150 interceptors of Pk 0.5: half the RVs meet 2 shots, half 1 (even spread).
    assert float(leakers(100, 150, 0.5)) == pytest.approx(50 * 0.25 + 50 * 0.5)
    # Integer shots per RV: n (1 - p)^k.
    assert float(leakers(100, 300, 0.5)) == pytest.approx(100 * 0.5**3)
    assert float(leakers(100, 0, 0.9)) == 100.0
    assert float(leakers(0, 50, 0.9)) == 0.0
    assert float(leakers(100, 60, 1.0)) == pytest.approx(40.0)
    assert float(leakers(100, 150, 0.5, shoot_look_shoot=True)) == pytest.approx(25.0)
    n = rvs_for_leakers([10.0, 40.0], 150, 0.5)
    np.testing.assert_allclose(leakers(n, 150, 0.5), [10.0, 40.0], rtol=1e-9)


def test_defaults_are_the_reports_values_as_quoted_by_the_reference() -> None:
    # Reference §1.2/§1.5 [S]: striker commits 100 % fixed and 90 % survivable (p. 34);
    # launch under attack saves 90 % of the fixed force (p. 35 n. 4).
    assert (COMMIT_FIXED, COMMIT_SURVIVABLE, LUA_SAVED) == (1.0, 0.9, 0.9)
    assert "kent-thaler-1989" in SOURCE_IDS


# --- The draw-down: analytic cases -------------------------------------------------------------


def _side(**kw: float) -> ForceArrays:
    base: dict[str, float] = dict(
        n_fixed=0.0, m_fixed=1.0, n_surv=0.0, m_surv=1.0, de_fixed=0.8, de_surv=0.8, w80=300.0
    )
    base.update(kw)
    return ForceArrays(**base)


def test_no_counterforce_targets_means_pure_countervalue_exchange() -> None:
    # Both sides all-survivable and on full alert: the striker can only hit value, so it stops
    # at s = 0 and every weapon it commits (90 % of its survivable force) hits value; the victim
    # retaliates with everything.
    a = _side(n_surv=20, m_surv=16, alert=1.0, w80=200)
    b = _side(n_surv=10, m_surv=10, alert=1.0, w80=400)
    res = first_strike_stability(a, b)
    wa, wb = 0.9 * 320, 0.9 * 100
    np.testing.assert_allclose(res.stop_a, 0.0)
    np.testing.assert_allclose(res.c1_a, cost(damage(100, 200), damage(wa, 400)), rtol=1e-12)
    np.testing.assert_allclose(res.c2_b, cost(damage(wa, 400), damage(100, 200)), rtol=1e-12)
    np.testing.assert_allclose(res.c1_b, cost(damage(320, 400), damage(wb, 200)), rtol=1e-12)
    assert float(res.fsi) == 1.0


def test_disarming_strike_on_single_rv_silos_stops_when_all_are_killed() -> None:
    # Victim: 1000 single-RV silos, nothing else. Striker: 1000 silos + 1110 survivable
    # warheads, DE = 1, one shot per silo: K(s) = s up to 1000. The victim's value is fragile
    # (w80 = 50), so the striker's 999 remaining weapons saturate it either way, and killing
    # every silo (no retaliation at all) is optimal: C1 = 0.3 (1 - D_B^0.75), C2 = D_B^0.75 + 0.3.
    a = _side(n_fixed=1000, n_surv=111, m_surv=10, de_fixed=1.0, w80=50)
    b = _side(n_fixed=1000, w80=50)
    res = strike(a, b, shots=1)
    w = 1000 + 0.9 * 1110
    assert float(res.counterforce) == pytest.approx(1000.0)
    assert float(res.kills) == pytest.approx(1000.0)
    assert float(res.retaliation) == pytest.approx(0.0, abs=1e-9)
    d_b = damage(w - 1000, 50)
    assert float(res.cost_attacker) == pytest.approx(float(cost(0.0, d_b)), abs=1e-12)
    assert float(res.cost_victim) == pytest.approx(float(cost(d_b, 0.0)), abs=1e-12)


def _single_stop_kills(attacker: ForceArrays, victim: ForceArrays, shots: int) -> float:
    return float(strike(attacker, victim, shots=shots).kills)


def test_mirved_silos_lose_m_warheads_per_kill_and_lua_saves_90_percent() -> None:
    # Striker with overwhelming, fragile-value-hitting force (victim w80 tiny) kills every silo.
    a = _side(n_fixed=3000, de_fixed=1.0, w80=1e6)
    mirv = _side(n_fixed=100, m_fixed=10, w80=1.0)
    assert _single_stop_kills(a, mirv, shots=1) == pytest.approx(1000.0)
    lua = mirv.replace(lua=True)
    kills = _single_stop_kills(a, lua, shots=1)
    assert kills == pytest.approx(1000.0 * (1 - LUA_SAVED))


def test_second_warhead_adds_one_minus_de_times_de() -> None:
    a = _side(n_fixed=3000, de_fixed=0.7, w80=1e6)
    b = _side(n_fixed=100, m_fixed=10, w80=1.0)
    assert _single_stop_kills(a, b, shots=1) == pytest.approx(1000 * 0.7)
    assert _single_stop_kills(a, b, shots=2) == pytest.approx(1000 * (0.7 + 0.3 * 0.7))


def test_alert_survivable_launchers_cannot_be_targeted() -> None:
    a = _side(n_fixed=3000, de_surv=1.0, w80=1e6)
    b = _side(n_surv=40, m_surv=16, alert=0.75, w80=1.0)
    assert _single_stop_kills(a, b, shots=1) == pytest.approx(10 * 16)


# --- The exchange against an independent brute-force evaluation -------------------------------


def _brute_curve(
    att: dict[str, float], vic: dict[str, float], shots: int, lua: bool
) -> list[tuple[float, float]]:
    """Draw-down pieces (kills per warhead, launchers) sorted best first, written plainly."""
    pieces = []
    share = 1 - LUA_SAVED if lua else 1.0
    for j in range(shots):
        pieces.append((vic["m_fixed"] * share * att["de_fixed"] * (1 - att["de_fixed"]) ** j,
                       vic["n_fixed"]))
        pieces.append((vic["m_surv"] * att["de_surv"] * (1 - att["de_surv"]) ** j,
                       vic["n_surv"] * (1 - vic["alert"])))
    pieces = [p for p in pieces if p[0] > 0]
    pieces.sort(key=lambda p: -p[0])
    return pieces


def _brute_costs(att: dict[str, float], vic: dict[str, float], s: np.ndarray, *,
                 shots: int = 2, lua: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(C_attacker, C_victim) after the striker spends ``s`` on counterforce."""
    w = att["n_fixed"] * att["m_fixed"] + 0.9 * att["n_surv"] * att["m_surv"]
    t = vic["n_fixed"] * vic["m_fixed"] + vic["n_surv"] * vic["m_surv"]
    k = np.zeros_like(s)
    spent = 0.0
    for eff, n in _brute_curve(att, vic, shots, lua):
        k += eff * np.clip(s - spent, 0.0, n)
        spent += n
    v = leakers(t - k, att.get("interceptors", 0.0), att.get("pk", 0.0))
    left = leakers(w - s, vic.get("interceptors", 0.0), vic.get("pk", 0.0))
    d_att, d_vic = damage(v, att["w80"]), damage(left, vic["w80"])
    return cost(d_att, d_vic), cost(d_vic, d_att)


def _brute_strike(att: dict[str, float], vic: dict[str, float], *, shots: int = 2,
                  lua: bool = False, points: int = 20001) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(s, C_attacker(s), C_victim(s)) on a dense grid of counterforce spends."""
    w = att["n_fixed"] * att["m_fixed"] + 0.9 * att["n_surv"] * att["m_surv"]
    s_max = min(w, sum(n for _, n in _brute_curve(att, vic, shots, lua)))
    s = np.linspace(0.0, s_max, points)
    return (s, *_brute_costs(att, vic, s, shots=shots, lua=lua))


_POSTURES = [
    dict(n_fixed=1000, m_fixed=1, n_surv=20, m_surv=16, de_fixed=0.8, de_surv=0.9, w80=300,
         alert=0.5),
    dict(n_fixed=300, m_fixed=10, n_surv=60, m_surv=8, de_fixed=0.7, de_surv=0.6, w80=150,
         alert=0.2),
    dict(n_fixed=200, m_fixed=3, n_surv=10, m_surv=4, de_fixed=0.95, de_surv=0.5, w80=800,
         alert=0.0),
    dict(n_fixed=50, m_fixed=1, n_surv=30, m_surv=12, de_fixed=0.5, de_surv=0.9, w80=100,
         alert=0.9, interceptors=100, pk=0.7),
]


@pytest.mark.parametrize("i", range(len(_POSTURES)))
@pytest.mark.parametrize("j", range(len(_POSTURES)))
def test_stopping_point_matches_brute_force_minimum(i: int, j: int) -> None:
    att, vic = _POSTURES[i], _POSTURES[j]
    s, c_att, _ = _brute_strike(att, vic)
    fa, fv = ForceArrays(**att), ForceArrays(**vic)
    # Default numerics find the lowest striker cost to within 1e-5 of a 20001-point scan (the
    # documented accuracy), fine numerics to within the scan's own resolution.
    for grid, refine, tol in ((GRID, REFINE, 1e-5), (16, 8, 1e-9)):
        res = strike(fa, fv, grid=grid, refine=refine)
        assert float(res.cost_attacker) <= c_att.min() + tol
        # The reported costs are the model's costs at the reported stop.
        stop = np.array([float(res.counterforce)])
        assert 0.0 <= stop[0] <= s[-1] * (1 + 1e-12)
        ca, cv = _brute_costs(att, vic, stop)
        assert float(res.cost_attacker) == pytest.approx(ca[0], abs=1e-12)
        assert float(res.cost_victim) == pytest.approx(cv[0], abs=1e-12)


def test_brute_force_fsi_with_launch_under_attack() -> None:
    a, b = _POSTURES[0], _POSTURES[1]
    fa, fb = ForceArrays(**a, lua=True), ForceArrays(**b, lua=True)
    res = first_strike_stability(fa, fb)
    _, ca_ab, cv_ab = _brute_strike(a, b, lua=True)
    _, ca_ba, cv_ba = _brute_strike(b, a, lua=True)
    assert float(res.c1_a) == pytest.approx(ca_ab.min(), abs=1e-6)
    assert float(res.c1_b) == pytest.approx(ca_ba.min(), abs=1e-6)
    # C2 is read at the stopping point; on the dense grid, at its argmin (a unique minimum here).
    assert float(res.c2_b) == pytest.approx(cv_ab[np.argmin(ca_ab)], abs=1e-3)
    assert float(res.c2_a) == pytest.approx(cv_ba[np.argmin(ca_ba)], abs=1e-3)


def test_ties_go_to_the_highest_enemy_cost() -> None:
    # With a tie tolerance wider than any cost difference every candidate stop ties, so the
    # stopping rule (R-3765 p. 22) picks the one where the victim's cost is highest.
    att, vic = _POSTURES[2], _POSTURES[0]
    fa, fv = ForceArrays(**att), ForceArrays(**vic)
    res = strike(fa, fv, tie_tol=10.0)
    _, c_att, c_vic = _brute_strike(att, vic)
    assert float(res.cost_victim) >= max(c_vic[0], c_vic[-1])
    # Without the wide tolerance the striker stops at its cost minimum, where the victim's
    # cost is clearly lower.
    assert c_vic[np.argmin(c_att)] < float(res.cost_victim) - 0.05
    assert float(strike(fa, fv).cost_victim) == pytest.approx(c_vic[np.argmin(c_att)], abs=0.01)


def test_exact_ties_without_enemy_cost_difference_go_to_least_counterforce() -> None:
    # Striker behind an impenetrable defense (no damage whatever the retaliation) facing a
    # victim whose value is destroyed by any strike: every stop costs the striker 0 and the
    # victim 1.3, so nothing is gained by counterforce and none is done.
    a = _side(n_fixed=100, n_surv=100, m_surv=10, de_fixed=1.0, interceptors=1e6, pk=1.0)
    b = _side(n_fixed=100, n_surv=10, m_surv=10, alert=1.0, w80=1e-3)
    res = strike(a, b, shots=1)
    assert float(res.cost_attacker) == 0.0
    assert float(res.cost_victim) == pytest.approx(1.3)
    assert float(res.counterforce) == 0.0


# --- Batches ----------------------------------------------------------------------------------


def _random_sides(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    return dict(
        n_fixed=rng.uniform(0, 1000, n) * rng.integers(0, 2, n),
        m_fixed=rng.integers(1, 11, n).astype(float),
        n_surv=rng.uniform(0, 100, n),
        m_surv=rng.integers(1, 17, n).astype(float),
        de_fixed=rng.uniform(0, 1, n),
        de_surv=rng.uniform(0, 1, n),
        w80=rng.uniform(20, 2000, n),
        alert=rng.uniform(0, 1, n),
        interceptors=rng.uniform(0, 300, n) * rng.integers(0, 2, n),
        pk=rng.uniform(0, 1, n),
        lua=rng.integers(0, 2, n).astype(bool),
    )


def test_batch_evaluation_equals_per_item_evaluation() -> None:
    rng = np.random.default_rng(20240601)
    n = 40
    a, b = _random_sides(rng, n), _random_sides(rng, n)
    batch = first_strike_stability(ForceArrays(**a), ForceArrays(**b))
    for k in range(n):
        one = first_strike_stability(
            ForceArrays(**{f: v[k] for f, v in a.items()}),
            ForceArrays(**{f: v[k] for f, v in b.items()}),
        )
        for field in ("c1_a", "c2_a", "c1_b", "c2_b", "r_a", "r_b", "fsi", "stop_a", "stop_b"):
            np.testing.assert_allclose(getattr(one, field), getattr(batch, field)[k],
                                       rtol=1e-12, atol=1e-12, err_msg=field)


def test_batch_larger_than_one_block_and_broadcast_shapes() -> None:
    rng = np.random.default_rng(7)
    n = 9000  # more than one internal block of rows
    a = ForceArrays(**_random_sides(rng, n))
    b = _side(n_fixed=500, m_fixed=3, n_surv=20, m_surv=12, alert=0.5)  # scalar side broadcasts
    res = first_strike_stability(a, b)
    assert res.fsi.shape == (n,)
    idx = [0, 4095, 4096, 8191, 8192, n - 1]
    sub = first_strike_stability(a[idx], b)
    np.testing.assert_allclose(sub.fsi, res.fsi[idx], rtol=1e-12, atol=1e-12)
    grid = first_strike_stability(a[: 6].broadcast((6,)), ForceArrays(
        n_fixed=[[100.0], [900.0]], m_fixed=3, n_surv=20, m_surv=12, de_fixed=0.8, de_surv=0.8,
        w80=300))
    assert grid.fsi.shape == (2, 6)
    assert np.all((grid.fsi >= 0) & (grid.fsi <= 1))


def test_parameters_may_vary_over_the_batch() -> None:
    a = _side(n_fixed=500, m_fixed=3, n_surv=20, m_surv=12, alert=0.5)
    exps = np.array([0.5, 0.75, 1.0])
    res = first_strike_stability(a, a, exponent=exps)
    for k, e in enumerate(exps):
        assert float(first_strike_stability(a, a, exponent=e).fsi) == pytest.approx(res.fsi[k])
    assert res.params["grid"] >= 1 and "kent-thaler-1989" in res.sources


def test_invalid_inputs_raise_one_line_errors() -> None:
    with pytest.raises(ValueError, match="alert"):
        _side(alert=1.5)
    with pytest.raises(ValueError, match="n_fixed"):
        _side(n_fixed=-1)
    with pytest.raises(ValueError, match="w80"):
        _side(w80=0)
    with pytest.raises(ValueError, match="do not broadcast"):
        ForceArrays(n_fixed=[1, 2], m_fixed=[1, 2, 3], n_surv=0, m_surv=1, de_fixed=0.5,
                    de_surv=0.5, w80=100)
    with pytest.raises(ValueError, match="commit_surv"):
        first_strike_stability(_side(), _side(), commit_survivable=1.2)
    with pytest.raises(ValueError, match="shots"):
        strike(_side(), _side(), shots=0)


# --- Qualitative findings (reference §1.1, §1.6) on illustrative postures ----------------------
# Illustrative, round-number postures (not the report's force tables): 100 ten-RV silos or
# 1000 single-RV silos, 20 boats of 16 RVs, DE 0.8, w80 300.

_MIRV = dict(n_fixed=100, m_fixed=10, n_surv=20, m_surv=16, de_fixed=0.8, de_surv=0.8, w80=300,
             alert=0.5)


def _fsi(a: ForceArrays, b: ForceArrays | None = None) -> float:
    return float(first_strike_stability(a, a if b is None else b).fsi)


def test_kt8_relabelling_the_sides_leaves_fsi_unchanged() -> None:
    a = ForceArrays(**_MIRV)
    b = _side(n_fixed=700, m_fixed=1, n_surv=10, m_surv=12, alert=0.3, w80=150)
    ab, ba = first_strike_stability(a, b), first_strike_stability(b, a)
    assert float(ab.fsi) == float(ba.fsi)
    assert (float(ab.r_a), float(ab.r_b)) == (float(ba.r_b), float(ba.r_a))


# KT-9 (LUA raises FSI 0.76 -> 0.91 in the report's 1988 case, R-3765 pp. 36-37 [S]) needs the
# report's force tables and damage curves, which we do not have: an open validation item listed
# in docs/theory/first_strike.md, deliberately not a (skipped) test here.


def test_kt10_mirved_silos_lower_fsi_in_the_illustrative_posture() -> None:
    mirv = ForceArrays(**_MIRV)
    single = mirv.replace(n_fixed=1000, m_fixed=1)  # same 1000 warheads, one per silo
    assert _fsi(mirv) < _fsi(single) - 0.1


def test_kt11_generated_alert_raises_fsi_in_the_illustrative_posture() -> None:
    day = ForceArrays(**{**_MIRV, "alert": 0.25})
    generated = day.replace(alert=0.75)
    assert _fsi(generated) > _fsi(day) + 0.1


def test_launch_under_attack_raises_fsi_in_the_illustrative_posture() -> None:
    mirv = ForceArrays(**_MIRV)
    assert _fsi(mirv.replace(lua=True)) > _fsi(mirv) + 0.1


def test_kt12_scaling_both_arsenals_does_not_necessarily_lower_fsi() -> None:
    mirv = ForceArrays(**_MIRV)
    doubled = mirv.replace(n_fixed=200, n_surv=40)
    assert _fsi(doubled) >= _fsi(mirv)


# --- ... and counterexamples: the findings are not theorems of the model ------------------------
# In the model the victim's cost of being struck first, C2, counts only damage to its value. A
# change that makes the victim harder to disarm can turn the striker's best strike from
# counterforce to countervalue; C2 of the victim then rises and so does its own incentive to
# strike first, which can outweigh the striker's reduced incentive (docs/theory/first_strike.md).


def test_counterexample_raising_alert_can_lower_fsi() -> None:
    a = ForceArrays(n_fixed=500, m_fixed=1, n_surv=10, m_surv=16, de_fixed=0.8, de_surv=0.8,
                    w80=100, alert=0.25)
    before = first_strike_stability(a, a)
    after = first_strike_stability(a, a.replace(alert=0.75))  # only B generates
    assert float(after.fsi) < float(before.fsi) - 0.01
    # Mechanism: A's incentive falls (r_A does not), B's cost of waiting rises because A's best
    # strike now puts more weapons on B's value.
    assert float(after.r_a) >= float(before.r_a)
    assert float(after.c2_b) > float(before.c2_b)
    assert float(after.a_strikes.value_strike) > float(before.a_strikes.value_strike)


def test_counterexample_mirving_the_victims_silos_can_raise_fsi() -> None:
    a = ForceArrays(n_fixed=200, m_fixed=1, n_surv=0, m_surv=1, de_fixed=0.95, de_surv=0.95,
                    w80=300)
    b_single = ForceArrays(n_fixed=2000, m_fixed=1, n_surv=20, m_surv=16, de_fixed=0.8,
                           de_surv=0.8, w80=1000, alert=0.25)
    b_mirv = b_single.replace(n_fixed=200, m_fixed=10)  # the same 2000 warheads
    before = first_strike_stability(a, b_single)
    after = first_strike_stability(a, b_mirv)
    assert float(after.fsi) > float(before.fsi) + 0.5
    # A now spends its whole force on B's lucrative silos instead of B's cities.
    assert float(after.r_a) <= float(before.r_a)
    assert float(after.a_strikes.value_strike) < float(before.a_strikes.value_strike)
    assert float(after.stop_a) == pytest.approx(200.0)


def test_counterexample_launch_under_attack_can_lower_fsi() -> None:
    a = ForceArrays(n_fixed=100, m_fixed=1, n_surv=0, m_surv=16, de_fixed=0.8, de_surv=0.8,
                    w80=100, alert=0.25)
    b = ForceArrays(n_fixed=100, m_fixed=1, n_surv=20, m_surv=8, de_fixed=0.95, de_surv=0.95,
                    w80=1000, alert=0.5)
    before = first_strike_stability(a, b)
    after = first_strike_stability(a, b.replace(lua=True))
    assert float(after.fsi) < float(before.fsi) - 0.5
    assert float(after.r_a) >= float(before.r_a)
    assert float(after.c2_b) > float(before.c2_b)


# --- Missile defenses: documented behaviour (reconstruction) -------------------------------------


def test_symmetric_defenses_transition_dips_then_recovers_to_one() -> None:
    s = ForceArrays(**_MIRV)
    interceptors = np.array([0.0, 100.0, 400.0])
    d = s.replace(interceptors=interceptors, pk=0.8)
    fsi = first_strike_stability(d, d).fsi
    # Partial defenses favour the striker: its interceptors face a ragged retaliation, the
    # victim's face a full first strike (the "transition" instability of Wilkening & Watman).
    assert fsi[1] < fsi[0] and fsi[2] < fsi[1]
    # Impenetrable defenses on both sides: no value damage either way, every cost is the
    # surcharge 0.3, so C1 = C2 and FSI = 1.
    wall = s.replace(interceptors=s.total_warheads, pk=1.0)
    res = first_strike_stability(wall, wall)
    assert float(res.fsi) == 1.0
    assert float(res.c1_a) == pytest.approx(0.3)


# --- N actors (this project's design) -------------------------------------------------------------


def _three() -> list[ForceArrays]:
    return [
        ForceArrays(**_MIRV),
        _side(n_fixed=1000, m_fixed=1, n_surv=12, m_surv=16, alert=0.4, w80=300),
        _side(n_fixed=100, m_fixed=1, n_surv=6, m_surv=12, de_fixed=0.6, de_surv=0.6, w80=100,
              alert=0.2),
    ]


def test_multipolar_without_reserves_is_the_bilateral_index_of_each_pair() -> None:
    sides = _three()
    res = multipolar_stability(ForceArrays.stack(sides))
    for i, j in res.pairs:
        bi = first_strike_stability(sides[i], sides[j])
        assert res.fsi[i, j] == pytest.approx(float(bi.fsi), rel=1e-12)
        assert res.r[i, j] == pytest.approx(float(bi.r_a), rel=1e-12)
        assert res.r[j, i] == pytest.approx(float(bi.r_b), rel=1e-12)
    upper = [res.fsi[i, j] for i, j in res.pairs]
    assert float(res.system_min) == pytest.approx(min(upper))
    assert float(res.system_product) == pytest.approx(math.prod(upper))
    assert np.all(np.isnan(np.diag(res.fsi)))


def test_multipolar_reserves_enter_each_pair_against_third_parties_only() -> None:
    sides = _three()
    forces = ForceArrays.stack(sides)
    reserve = np.array([[0.0, 10.0, 30.0], [20.0, 0.0, 40.0], [5.0, 7.0, 0.0]])
    res = multipolar_stability(forces, reserve=reserve)
    # Pair (0, 1): side 0 withholds what it holds against 2 (30), side 1 likewise (40).
    bi = first_strike_stability(sides[0], sides[1], reserve_a=30.0, reserve_b=40.0)
    assert res.fsi[0, 1] == pytest.approx(float(bi.fsi), rel=1e-12)
    # Two actors: no third party, so reserves play no part.
    two = multipolar_stability(ForceArrays.stack(sides[:2]), reserve=reserve[:2, :2])
    assert two.fsi[0, 1] == pytest.approx(float(first_strike_stability(*sides[:2]).fsi))


def test_multipolar_is_equivariant_under_relabelling_the_actors() -> None:
    sides = _three()
    reserve = deterrent_reserve(ForceArrays.stack(sides), 0.3)
    res = multipolar_stability(ForceArrays.stack(sides), reserve=reserve)
    perm = [2, 0, 1]
    res_p = multipolar_stability(ForceArrays.stack([sides[k] for k in perm]),
                                 reserve=reserve[np.ix_(perm, perm)])
    np.testing.assert_allclose(res_p.fsi, res.fsi[np.ix_(perm, perm)], rtol=1e-12)
    assert float(res_p.system_min) == pytest.approx(float(res.system_min))


def test_deterrent_reserve_inverts_damage_through_defenses() -> None:
    sides = _three()
    sides[1] = sides[1].replace(interceptors=50.0, pk=0.5)
    r = deterrent_reserve(ForceArrays.stack(sides), 0.5)
    assert np.all(np.diag(r) == 0)
    # Against side 2 (no defense): the weapons that destroy half of its value.
    assert r[0, 2] == pytest.approx(float(weapons_for_damage(0.5, 100.0)))
    # Against side 1: enough RVs that the leakers destroy half of its value.
    assert float(damage(leakers(r[0, 1], 50.0, 0.5), 300.0)) == pytest.approx(0.5)
