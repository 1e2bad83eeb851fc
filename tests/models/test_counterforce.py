"""Counterforce kill physics (``stratlab.models.counterforce``).

Peer values: the test file of the open-source missile-defense calculator built to Scott LaFoy's
specification (github.com/jimjkelly/missile-defense, ``tests/test-calculations.js``), whose yield
argument is in kilotons (divided by 1000 before a megaton constant), lengths in metres.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stratlab.models.counterforce import (
    NMI_M,
    damage_expectancy,
    equivalent_megatons,
    lethal_radius,
    mix_damage_expectancy,
    single_shot_kill,
    terminal_kill,
)


def test_peer_sspk_750kt_700psi_cep900m() -> None:
    # calculations.SSPK(calculations.LR(750, 700), 900) toBeCloseTo(0.19019, 5)
    p = single_shot_kill(lethal_radius(0.75, 700.0), 900.0 / NMI_M)
    assert abs(float(p) - 0.19019) < 5e-6


def test_peer_ground_burst_layer_750kt_200psi() -> None:
    # OffensiveLayer({ground-burst, yield 750, reliability 0.75, cep 900}, 200)
    #   toBeCloseTo(0.2888312680363119, 12)
    p = terminal_kill(0.75, 900.0 / NMI_M, 200.0, 0.75)
    assert abs(float(p) - 0.2888312680363119) < 5e-13


def test_peer_ground_burst_layer_equivalency_value() -> None:
    # NOTE in the peer test: ground-burst (750, 0.8, 900) at 700 psi computes to 0.15215494491130396
    p = terminal_kill(0.75, 900.0 / NMI_M, 700.0, 0.8)
    assert abs(float(p) - 0.15215494491130396) < 1e-15


def test_analytic_points() -> None:
    assert float(lethal_radius(1.0, 1.0)) == pytest.approx(2.62, abs=1e-15)
    # 8x the yield doubles the radius; 8x the hardness halves it (cube-root scaling).
    assert float(lethal_radius(8.0, 1.0)) == pytest.approx(5.24, rel=1e-14)
    assert float(lethal_radius(1.0, 8.0)) == pytest.approx(1.31, rel=1e-14)
    assert float(single_shot_kill(1.0, 1.0)) == pytest.approx(0.5, abs=1e-15)
    assert float(damage_expectancy(0.7, 2)) == pytest.approx(0.91, abs=1e-15)
    assert float(equivalent_megatons(8.0, 3)) == pytest.approx(12.0, rel=1e-14)


def test_mix_is_warhead_weighted_mean() -> None:
    n = np.array([[100.0, 300.0], [0.0, 0.0]])
    y = np.array([0.335, 0.1])
    cep = np.array([0.1, 0.2])
    rel = np.array([0.8, 0.9])
    de = mix_damage_expectancy(n, y, cep, rel, np.array([1000.0, 1000.0]))
    t = terminal_kill(y, cep, 1000.0, rel)
    assert de[0] == pytest.approx((100 * t[0] + 300 * t[1]) / 400, rel=1e-14)
    assert de[1] == 0.0


@given(
    y=st.floats(0.001, 25.0), h=st.floats(1.0, 5000.0), cep=st.floats(0.005, 2.0),
    r=st.floats(0.0, 1.0), k=st.integers(1, 4),
)
def test_monotone_and_bounded(y: float, h: float, cep: float, r: float, k: int) -> None:
    t = float(terminal_kill(y, cep, h, r))
    assert 0.0 <= t <= r
    assert float(terminal_kill(2 * y, cep, h, r)) >= t  # more yield kills more
    assert float(terminal_kill(y, cep / 2, h, r)) >= t  # better accuracy kills more
    assert float(terminal_kill(y, cep, 2 * h, r)) <= t  # harder targets survive more
    assert float(damage_expectancy(t, k + 1)) >= float(damage_expectancy(t, k))


def test_bad_inputs() -> None:
    with pytest.raises(ValueError, match="hardness"):
        lethal_radius(1.0, 0.0)
    with pytest.raises(ValueError, match="reliability"):
        terminal_kill(1.0, 0.1, 1000.0, 1.5)
