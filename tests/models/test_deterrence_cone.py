"""Intriligator–Brito deterrence cone (a reconstruction), pinned to reference §2.2–2.3.

The shared reference note ``stability-models.md`` found no published numeric example; the
expectations are its §2.3 numeric test [D] and geometric properties [D], all of which follow
from the reconstructed lines of §2.2 [U].
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from stratlab.models import deterrence_cone as dc
from stratlab.models.deterrence_cone import ConeParameters, Region

fast = settings(max_examples=80, deadline=None)
damage = st.floats(1.0, 1e4)  # unacceptable casualties, > 0
per_missile = st.floats(0.1, 10.0)
ratio = st.floats(0.0, 0.95, allow_subnormal=False)  # counterforce exchange ratio
stock = st.floats(0.0, 1e6)

# Reference §2.3 numeric test [D]: C_bar_B/v = C_bar_A/v' = 100, a = a' = 0.5.
REFERENCE_2_3 = ConeParameters(C_bar_A=100.0, C_bar_B=100.0, v=1.0, v_prime=1.0, a=0.5, a_prime=0.5)


@st.composite
def params(draw: st.DrawFn, a: st.SearchStrategy[float] = ratio) -> ConeParameters:
    return ConeParameters(
        C_bar_A=draw(damage), C_bar_B=draw(damage), v=draw(per_missile),
        v_prime=draw(per_missile), a=draw(a), a_prime=draw(a),
    )


def test_intriligator_brito_numeric_example_reference_2_3() -> None:
    # (300, 300) is inside the cone (300 >= 100 + 150); (150, 150) is not (150 < 175).
    assert dc.region(300.0, 300.0, REFERENCE_2_3) == Region.MUTUAL
    assert dc.min_deterrent_A(150.0, REFERENCE_2_3) == pytest.approx(175.0)
    assert dc.min_deterrent_B(150.0, REFERENCE_2_3) == pytest.approx(175.0)
    assert dc.region(150.0, 150.0, REFERENCE_2_3) == Region.NONE
    # The documented defaults are exactly these illustrative §2.3 values.
    assert dc.DEFAULT == REFERENCE_2_3


@fast
@given(p=params(), m_a=stock, m_b=stock)
def test_intriligator_brito_regions_partition_plane_by_reference_2_2_inequalities(
    p: ConeParameters, m_a: float, m_b: float
) -> None:
    # §2.2: A deters B iff M_A >= C_bar_B/v + a' M_B; B deters A iff M_B >= C_bar_A/v' + a M_A.
    a_deters = m_a >= p.C_bar_B / p.v + p.a_prime * m_b
    b_deters = m_b >= p.C_bar_A / p.v_prime + p.a * m_a
    expected = {
        (False, False): Region.NONE, (True, False): Region.A_DETERS_B,
        (False, True): Region.B_DETERS_A, (True, True): Region.MUTUAL,
    }[(bool(a_deters), bool(b_deters))]
    assert dc.region(m_a, m_b, p) == expected
    assert bool(dc.in_cone(m_a, m_b, p)) == (expected == Region.MUTUAL)


@fast
@given(p=params(a=st.floats(0.0, 3.0)))
def test_intriligator_brito_origin_outside_cone_property_1(p: ConeParameters) -> None:
    # §2.3 property 1: with C_bar_A, C_bar_B > 0 neither side deters at the origin.
    assert dc.region(0.0, 0.0, p) == Region.NONE


@fast
@given(p=params(), u=st.floats(0.01, 0.99))
def test_intriligator_brito_rays_inside_angle_end_in_cone_property_2(
    p: ConeParameters, u: float
) -> None:
    # §2.3 property 2: if a a' < 1, scaling along a ray M_B = s M_A strictly between the line
    # slopes a and 1/a' ends inside the cone. From the lines, λ(s - a) >= C_bar_A/v' and
    # λ(1 - a' s) >= C_bar_B/v suffice [D].
    a, a_prime = float(p.a), float(p.a_prime)
    upper = min(1.0 / a_prime if a_prime > 0 else np.inf, a + 10.0)  # any s in (a, 1/a')
    assume(a < upper)
    s = a + u * (upper - a)
    need = max(
        float(p.C_bar_A) / float(p.v_prime) / (s - a),
        float(p.C_bar_B) / float(p.v) / (1.0 - a_prime * s),
    )
    lam = (1.0 + 1e-9) * need * np.array([1.0, 2.0, 10.0, 1e3])
    assert dc.in_cone(lam, s * lam, p).all()
    assert bool(dc.cone_is_unbounded(p))


@pytest.mark.parametrize("which", ["a", "a_prime"])
@settings(max_examples=60, deadline=None)
@given(p=params(), raise_by=st.floats(0.01, 2.0), m_a=stock, m_b=stock)
def test_intriligator_brito_raising_counterforce_shrinks_cone_property_3(
    which: str, p: ConeParameters, raise_by: float, m_a: float, m_b: float
) -> None:
    # §2.3 property 3: raising a (or a') strictly shrinks the cone: the new cone lies inside
    # the old one, and the old cone has a point the new one lacks.
    old = float(getattr(p, which))
    q = ConeParameters(**{**p.__dict__, which: old + raise_by})
    if dc.in_cone(m_a, m_b, q):
        assert dc.in_cone(m_a, m_b, p)
    # Witness on the old cone's far boundary, built from the §2.2 lines [D]: a point of the
    # "B deters A" line (for a) or the "A deters B" line (for a') far enough out.
    a, a_prime = float(p.a), float(p.a_prime)
    c_A, c_B = float(p.C_bar_B) / float(p.v), float(p.C_bar_A) / float(p.v_prime)
    if which == "a":
        t = 2.0 * (c_A + a_prime * c_B) / (1.0 - a_prime * a) + 1.0
        witness = (t, (c_B + a * t) * (1 + 1e-12))
    else:
        t = 2.0 * (c_B + a * c_A) / (1.0 - a * a_prime) + 1.0
        witness = ((c_A + a_prime * t) * (1 + 1e-12), t)
    assert dc.in_cone(*witness, p)
    assert not dc.in_cone(*witness, q)


@fast
@given(p=params(a=st.floats(0.2, 5.0)), m_a=stock, m_b=stock)
def test_intriligator_brito_no_mutual_deterrence_when_aa_prime_at_least_1_property_4(
    p: ConeParameters, m_a: float, m_b: float
) -> None:
    # §2.3 property 4 (and Mayer 1986's remark): with a a' >= 1 the lines do not diverge; with
    # positive unacceptable damage no non-negative stocks give mutual deterrence [D].
    assume(float(p.a) * float(p.a_prime) >= 1.0)
    assert not bool(dc.cone_is_unbounded(p))
    assert not dc.in_cone(m_a, m_b, p)


@fast
@given(p=params(), m_a=stock, m_b=stock)
def test_intriligator_brito_vertex_is_apex_of_unbounded_cone(
    p: ConeParameters, m_a: float, m_b: float
) -> None:
    # The lines' crossing lies on both lines, and no point of the cone is below it [D].
    vA, vB = dc.cone_vertex(p)
    assert float(vA) == pytest.approx(float(dc.min_deterrent_A(vB, p)), rel=1e-9)
    assert float(vB) == pytest.approx(float(dc.min_deterrent_B(vA, p)), rel=1e-9)
    if dc.in_cone(m_a, m_b, p):
        assert m_a >= vA * (1 - 1e-9) and m_b >= vB * (1 - 1e-9)


def test_intriligator_brito_arms_race_along_diagonal_leads_into_cone_reference_2_2() -> None:
    # §2.2 consequences: near the origin neither side deters; growth along the diagonal moves
    # into the cone and stays there (a, a' < 1, so the diagonal is inside the angle).
    path = np.linspace(0.0, 1000.0, 2001)
    codes = dc.region(path, path, REFERENCE_2_3)
    assert codes[0] == Region.NONE and codes[-1] == Region.MUTUAL
    first = int(np.argmax(codes == Region.MUTUAL))
    assert (codes[first:] == Region.MUTUAL).all()
    # Entry at the vertex: (100 + 100·0.5) / (1 - 0.25) = 200 on both axes [D].
    assert path[first] == pytest.approx(200.0)
    assert np.allclose(dc.cone_vertex(REFERENCE_2_3), 200.0)


def test_intriligator_brito_vectorized_over_stocks_and_parameters() -> None:
    a = np.array([[0.2], [0.5], [0.9]])
    grid = np.linspace(0.0, 2000.0, 41)
    p = ConeParameters(a=a, a_prime=0.5)
    codes = dc.region(grid, grid[::-1], p)
    assert codes.shape == (3, 41)
    for i, a_i in enumerate(a[:, 0]):
        expected = dc.region(grid, grid[::-1], ConeParameters(a=float(a_i), a_prime=0.5))
        np.testing.assert_array_equal(codes[i], expected)


def test_intriligator_brito_allocation_shares_generalise_reference_lines() -> None:
    # f_strike = 0: no counterforce, so deterrence needs only C_bar/v missiles (slope 0).
    flat = ConeParameters(f_strike=0.0)
    assert dc.region(100.0, 100.0, flat) == Region.MUTUAL
    assert dc.region(99.0, 1e9, flat) == Region.B_DETERS_A
    # f_retaliation = 1: survivors hit only missiles, so nobody can deter.
    assert dc.region(1e12, 1e12, ConeParameters(f_retaliation=1.0)) == Region.NONE
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        dc.lines(ConeParameters(f_strike=1.5))
