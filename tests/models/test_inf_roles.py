"""INF role metrics and warning time per pair on constructed postures (models.inf_roles)."""

from __future__ import annotations

import numpy as np
import pytest

from stratlab.models.first_strike import ForceArrays, first_strike_stability
from stratlab.models.flight_time import min_energy_flight_time
from stratlab.models.inf_roles import (
    central_share,
    conventional_strike,
    coupling,
    defense_lever,
    pair_warning_time,
    sites_destroyed,
    theatre_balance,
)


def test_shares() -> None:
    assert float(central_share(100.0, 900.0)) == pytest.approx(0.1)
    assert np.isnan(central_share(0.0, 0.0))
    assert float(theatre_balance(300.0, 300.0)) == 0.5
    assert float(theatre_balance(0.0, 300.0)) == 0.0
    assert float(coupling(108.0, 108.0)) == 1.0
    assert float(coupling(0.0, 464.0)) == 0.0
    np.testing.assert_allclose(central_share([[0, 50], [10, 0]], [[0, 50], [90, 0]])[0, 1], 0.5)


def test_sites_destroyed_even_spread() -> None:
    assert float(sites_destroyed(4.0, 2.0, 0.5)) == pytest.approx(0.75)
    assert float(sites_destroyed(0.0, 2.0, 0.9)) == 0.0
    assert float(sites_destroyed(5.0, 0.0, 0.9)) == 0.0


def _side(**kw: float) -> ForceArrays:
    base = {"n_fixed": 400.0, "m_fixed": 1.0, "n_surv": 20.0, "m_surv": 10.0, "de_fixed": 0.8,
            "de_surv": 0.8, "w80": 400.0, "alert": 0.5}
    return ForceArrays(**{**base, **kw})


def test_defense_lever_with_untargetable_retaliation_is_monotone() -> None:
    # Own force cannot be targeted (all survivable, all on alert): its retaliation is the same
    # in every case, so what arrives grows as the other side's defence shrinks.
    own = _side(n_fixed=0.0, alert=1.0, w80=1000.0)
    other = _side(interceptors=150.0, pk=0.8, w80=1000.0)
    lever = defense_lever(own, other, inf_warheads_on_sites=8.0, sites=2.0, tkp=0.5)
    assert float(lever.share_suppressed) == pytest.approx(1 - 0.5**4)
    assert lever.retaliation_defended < lever.retaliation_suppressed < lever.retaliation_undefended
    assert float(lever.retaliation_gain) > 0
    # the other side's first strike does not get cheaper as its defence is suppressed, and the
    # pair's index moves
    assert lever.r_other_defended <= lever.r_other_suppressed <= lever.r_other_undefended
    assert float(lever.fsi_defended) != float(lever.fsi_undefended)
    # no warheads on the sites: suppressed equals defended
    zero = defense_lever(own, other, inf_warheads_on_sites=0.0, sites=2.0, tkp=0.5)
    assert float(zero.retaliation_gain) == 0.0 and float(zero.r_gain) == 0.0


def test_conventional_strike_kills_launchers_with_its_own_de() -> None:
    victim = _side(n_fixed=100.0, m_fixed=3.0, n_surv=40.0, m_surv=1.0, alert=0.5)
    # 50 missiles, DE 1 against silos: silos lose more warheads per missile (3 x 1 > 1 x 1).
    after = conventional_strike(victim, 50.0, de_fixed=1.0, de_surv=1.0)
    assert float(after.n_fixed) == pytest.approx(50.0)
    assert float(after.n_surv) == pytest.approx(40.0)
    # 120 missiles: all 100 silos, then the 20 off-alert survivable launchers; alert share -> 1.
    after = conventional_strike(victim, 120.0, de_fixed=1.0, de_surv=1.0)
    assert float(after.n_fixed) == pytest.approx(0.0, abs=1e-12)
    assert float(after.n_surv) == pytest.approx(20.0)
    assert float(after.alert) == pytest.approx(1.0)
    # k missiles on n launchers with DE p kill n (1 - (1 - p)^(k/n))
    after = conventional_strike(_side(n_fixed=100.0, n_surv=0.0), 50.0, 0.6, 0.0)
    # half a shot per silo: half the silos get one missile, 0.5 x 0.6 of them die
    assert float(after.n_fixed) == pytest.approx(100 - 100 * 0.5 * 0.6)


def test_conventional_counterforce_lowers_the_victims_surviving_force_and_enters_the_exchange() -> None:
    a, b = _side(w80=1500.0, alert=0.2, m_fixed=4.0), _side(w80=1500.0, alert=0.2, m_fixed=4.0)
    base = first_strike_stability(a, b)
    hit = first_strike_stability(a, conventional_strike(b, 200.0, 0.7, 0.7))
    assert float(hit.b_strikes.committed) < float(base.b_strikes.committed)
    assert float(hit.fsi) != float(base.fsi)


def test_pair_warning_time_takes_the_fastest_reaching_system_each_by_its_model() -> None:
    # a ballistic system at 1,800 km and a cruise system at 2,500 km at 800 km/h
    d = np.array([1800.0, 2500.0])
    t = pair_warning_time(d, [True, True], [False, True], cruise_speed_kmh=[np.nan, 800.0])
    assert float(t) == pytest.approx(float(min_energy_flight_time(1800.0)) / 60.0)
    # only the cruise system reaches: 2,500 km / 800 km/h = 187.5 min
    t = pair_warning_time(d, [False, True], [False, True], cruise_speed_kmh=[np.nan, 800.0])
    assert float(t) == pytest.approx(187.5)
    assert np.isnan(pair_warning_time(d, [False, False], [False, True]))
    # boost time adds to ballistic flight
    t = pair_warning_time([1000.0], [True], [False], boost_time_s=60.0)
    assert float(t) == pytest.approx(float(min_energy_flight_time(1000.0)) / 60.0 + 1.0)
    # a closer ballistic system shortens warning (Pershing II-like arrival); removing it
    # lengthens it again (the INF eliminations)
    with_p2 = pair_warning_time([5000.0, 1800.0], [True, True], [False, False])
    without = pair_warning_time([5000.0, 1800.0], [True, False], [False, False])
    assert with_p2 < without
    with pytest.raises(ValueError, match="cruise_speed_kmh"):
        pair_warning_time([100.0], [True], [True])
