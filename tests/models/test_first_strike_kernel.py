"""The fused kernel (numba stages + NumPy's ufuncs) against the NumPy reference of the
Kent–Thaler exchange: the same operations on the same arguments, so the results are bitwise
identical for ``first_strike_stability`` (tested with ``assert_array_equal``); ``strike`` on a
single direction may differ in the last bit where the reference's ``power`` sees a broadcast
exponent (``ATOL``).
"""

from __future__ import annotations

import numpy as np
import pytest

from stratlab.models.first_strike import ForceArrays, first_strike_stability, strike
from stratlab.models.first_strike.kernel import available

ATOL = 1e-15


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
    )


def test_numba_extra_is_installed() -> None:
    assert available()


@pytest.mark.slow
@pytest.mark.parametrize("shots", [1, 2, 3, 4])
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
        np.testing.assert_array_equal(getattr(fast, name), getattr(ref, name))
    for strikes in ("a_strikes", "b_strikes"):
        for name in ("committed", "counterforce", "value_strike", "kills", "retaliation",
                     "damage_attacker", "damage_victim", "cost_attacker", "cost_victim"):
            np.testing.assert_array_equal(
                getattr(getattr(fast, strikes), name), getattr(getattr(ref, strikes), name)
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


def test_defended_blocks_take_the_reference_path_and_agree() -> None:
    rng = np.random.default_rng(3)
    a = _sides(800, 1).replace(interceptors=rng.uniform(0, 500, 800), pk=0.6)
    b = _sides(800, 2)
    ref = first_strike_stability(a, b, backend="numpy")
    fast = first_strike_stability(a, b, backend="numba")
    np.testing.assert_array_equal(fast.fsi, ref.fsi)


def test_unknown_backend_is_an_error() -> None:
    a = _sides(2, 1)
    with pytest.raises(ValueError, match="backend"):
        first_strike_stability(a, a, backend="gpu")


def test_auto_backend_uses_the_kernel_for_large_batches_only() -> None:
    from stratlab.models.first_strike.kernel import AUTO_MIN_ROWS

    small = _sides(10, 4)
    assert first_strike_stability(small, small).params["backend"] == "numpy"
    a, b = _sides(AUTO_MIN_ROWS, 5), _sides(AUTO_MIN_ROWS, 6)
    auto = first_strike_stability(a, b)
    assert auto.params["backend"] == "numba"
    np.testing.assert_array_equal(auto.fsi, first_strike_stability(a, b, backend="numpy").fsi)
