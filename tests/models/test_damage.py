"""Value-damage curves (``stratlab.models.damage``)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from stratlab.models.damage import (
    W80_TOOL,
    Parameter,
    exponential,
    tabulated,
    w80_from_emt,
    w80_of_curve,
)
from stratlab.models.first_strike import damage as fs_damage


def test_exponential_is_eighty_percent_at_w80_and_matches_first_strike() -> None:
    assert float(exponential(400.0, 400.0)) == pytest.approx(0.8, abs=1e-15)
    w = np.linspace(0, 3000, 31)
    np.testing.assert_array_equal(exponential(w, 900.0), fs_damage(w, 900.0))
    assert float(exponential(-5.0, 100.0)) == 0.0


def test_emt_form_is_the_weapon_form_rescaled() -> None:
    # 1,000 warheads of 0.125 Mt: EMT per warhead 0.25 (cube-root area scaling), 250 EMT.
    w80 = w80_from_emt(100.0, 0.125 ** (2 / 3))
    assert float(w80) == pytest.approx(400.0, rel=1e-12)
    assert float(exponential(1000 * 0.25, 100.0)) == pytest.approx(float(exponential(1000, w80)))


def test_tabulated_interpolates_through_origin_and_is_flat_beyond() -> None:
    x, d = [100.0, 400.0], [0.5, 0.8]
    assert float(tabulated(50.0, x, d)) == pytest.approx(0.25)
    assert float(tabulated(250.0, x, d)) == pytest.approx(0.65)
    assert float(tabulated(5000.0, x, d)) == pytest.approx(0.8)
    with pytest.raises(ValueError, match="curve points"):
        tabulated(1.0, [100.0, 50.0], [0.1, 0.2])


def test_w80_of_curve() -> None:
    assert w80_of_curve([100.0, 400.0], [0.5, 0.9]) == pytest.approx(100 + 300 * 0.3 / 0.4)
    # A curve that stops below 80 %: the exponential through its last point.
    assert w80_of_curve([200.0], [0.5]) == pytest.approx(200 * math.log(5) / math.log(2))


def test_parameter_sampling_stays_in_range_and_is_seeded() -> None:
    p = Parameter("w80", 400.0, 200.0, 1000.0, "x", "notional")
    a = p.sample(np.random.default_rng(1), 1000)
    b = p.sample(np.random.default_rng(1), 1000)
    np.testing.assert_array_equal(a, b)
    assert a.min() >= 200.0 and a.max() <= 1000.0
    with pytest.raises(ValueError, match="low <= value <= high"):
        Parameter("w80", 100.0, 200.0, 1000.0, "x", "notional")
    assert W80_TOOL.status == "notional"


def test_kt1988_calibrated_range_is_recorded_with_its_status() -> None:
    from stratlab.models.damage import W80_KT1988

    assert W80_KT1988.status == "D" and W80_KT1988.low < W80_KT1988.value < W80_KT1988.high
    draws = W80_KT1988.sample(np.random.default_rng(0), 100)
    assert draws.min() >= W80_KT1988.low and draws.max() <= W80_KT1988.high
