"""The fused compiled kernel (numba) against the NumPy reference of the Kent–Thaler exchange.

Tolerance: costs lie in [0, 1.3] and agree to ~1e-13 almost everywhere; ``ATOL`` = 5e-12 covers
rows where a side's value damage is ~1e-16: ``1 - exp(-c w)`` cancels there in both paths, and
the last-ulp difference between NumPy's SIMD ``exp`` and the C library's is amplified by the
0.75 power (seen: 1.9e-12 in one row of 9,000).
"""

from __future__ import annotations

import numpy as np
import pytest

from stratlab.models.first_strike import ForceArrays, first_strike_stability, strike
from stratlab.models.first_strike.kernel import available

ATOL = 5e-12


def _sides(n: int, seed: int) -> ForceArrays:
    rng = np.random.default_rng(seed)
    return ForceArrays(
        n_fixed=rng.uniform(0, 1500, n),
        m_fixed=rng.integers(1, 11, n).astype(float),
        n_surv=rng.uniform(0, 60, n),
        m_surv=rng.integers(4, 17, n).astype(float),
        de_fixed=rng.uniform(0.3, 0.95, n),
        de_surv=rng.uniform(0.3, 0.95, n),
        w80=rng.uniform(100, 1500, n),
        alert=rng.uniform(0.0, 0.9, n),
        lua=rng.random(n) < 0.3,
        interceptors=np.where(rng.random(n) < 0.3, rng.uniform(0, 500, n), 0.0),
        pk=rng.uniform(0.0, 0.9, n),
    )


def test_numba_extra_is_installed() -> None:
    assert available()


@pytest.mark.slow
@pytest.mark.parametrize("shots", [1, 2, 3])
def test_kernel_agrees_with_numpy_reference(shots: int) -> None:
    n = 3000
    a, b = _sides(n, 10 + shots), _sides(n, 20 + shots)
    rng = np.random.default_rng(shots)
    kw = {
        "shots": shots,
        "reserve_a": np.where(rng.random(n) < 0.2, rng.uniform(0, 300, n), 0.0),
        "exponent": rng.uniform(0.5, 1.0, n),
        "surcharge": rng.uniform(0.1, 0.5, n),
    }
    ref = first_strike_stability(a, b, backend="numpy", **kw)
    fast = first_strike_stability(a, b, backend="numba", **kw)
    for name in ("c1_a", "c2_a", "c1_b", "c2_b", "r_a", "r_b", "fsi"):
        np.testing.assert_allclose(getattr(fast, name), getattr(ref, name), rtol=0, atol=ATOL)
    for name in ("committed", "damage_attacker", "damage_victim"):
        np.testing.assert_allclose(
            getattr(fast.a_strikes, name), getattr(ref.a_strikes, name), rtol=0, atol=ATOL
        )
    assert fast.params["backend"] == "numba" and ref.params["backend"] == "numpy"


@pytest.mark.slow
def test_kernel_shoot_look_shoot_and_coarse_numerics_agree() -> None:
    a, b = _sides(1500, 5), _sides(1500, 6)
    for kw in ({"shoot_look_shoot": True}, {"grid": 1, "refine": -1}, {"grid": 5, "refine": 4}):
        ref = strike(a, b, backend="numpy", **kw)  # type: ignore[arg-type]
        fast = strike(a, b, backend="numba", **kw)  # type: ignore[arg-type]
        np.testing.assert_allclose(fast.cost_attacker, ref.cost_attacker, rtol=0, atol=ATOL)
        np.testing.assert_allclose(fast.cost_victim, ref.cost_victim, rtol=0, atol=ATOL)


def test_unknown_backend_is_an_error() -> None:
    a = _sides(2, 1)
    with pytest.raises(ValueError, match="backend"):
        first_strike_stability(a, a, backend="gpu")
