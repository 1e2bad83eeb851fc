"""Hypothesis properties of the Kent–Thaler first-strike model (reference §1.1, §1.6, KT-8…KT-11).

Three of the report's qualitative findings are *not* theorems of the model: raising the alert
rate, launch under attack and de-MIRVing silos can each lower the index in some postures (see
the counterexamples in test_first_strike.py and docs/theory/first_strike.md, "Known
deviations"). The reason is the structure of Kent & Thaler's costs, not a bug: the victim's cost
of being struck first counts only damage to its value, so a change that makes the victim harder
to disarm can turn the striker's best strike from counterforce to countervalue and raise the
victim's cost of waiting. What the model does guarantee, and what is tested here for those
three changes to side B:

1. the adversary's break-even ratio ``r_A`` moves the way the finding says (A's best first
   strike only gets worse or better, and A's cost of being struck first does not change); and
2. the index moves against the finding *only* through that channel: only if A's best strike puts
   more (alert, LUA) or fewer (MIRV) weapons on B's value. Proof sketch: with
   ``C_A = F - b G + b`` and ``C_B = G - b F + b`` at A's stop (``F``, ``G``: own and enemy damage
   to the power 0.75, ``b`` the surcharge 0.3), ``C1_A`` rising and ``C2_B`` rising together
   force ``dG (1 - b^2) > 0``.

The tests use finer numerics than the defaults (``_FINE``) so that the grid search does not
blur these inequalities; ``_TOL`` covers the remaining refinement error.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from stratlab.models.first_strike import EXPONENT, ForceArrays, first_strike_stability

_FINE: dict[str, Any] = {"grid": 12, "refine": 6}
_TOL = 1e-6
_SETTINGS = settings(max_examples=80, deadline=None)


@st.composite
def sides(draw: st.DrawFn, defended: bool = False) -> dict[str, Any]:
    side: dict[str, Any] = {
        "n_fixed": draw(st.floats(0, 2000)),
        "m_fixed": draw(st.integers(1, 10)),
        "n_surv": draw(st.floats(0, 200)),
        "m_surv": draw(st.integers(1, 16)),
        "de_fixed": draw(st.floats(0, 1)),
        "de_surv": draw(st.floats(0, 1)),
        "w80": draw(st.floats(10, 3000)),
        "alert": draw(st.floats(0, 1)),
        "lua": draw(st.booleans()),
    }
    if defended:
        side["interceptors"] = draw(st.floats(0, 2000))
        side["pk"] = draw(st.floats(0, 1))
    return side


def _fsi(a: dict[str, Any], b: dict[str, Any], **kw: Any) -> Any:
    return first_strike_stability(ForceArrays(**a), ForceArrays(**b), **kw)


@_SETTINGS
@given(sides(defended=True), sides(defended=True))
def test_kt8_relabelling_the_sides_leaves_fsi_unchanged(a: dict[str, Any], b: dict[str, Any]) -> None:
    ab, ba = _fsi(a, b), _fsi(b, a)
    assert float(ab.fsi) == float(ba.fsi)
    assert (float(ab.r_a), float(ab.r_b)) == (float(ba.r_b), float(ba.r_a))
    assert (float(ab.c1_a), float(ab.c2_a)) == (float(ba.c1_b), float(ba.c2_b))


@_SETTINGS
@given(sides(defended=True), sides(defended=True), st.booleans())
def test_no_targetable_forces_gives_fsi_one(
    a: dict[str, Any], b: dict[str, Any], no_capability: bool
) -> None:
    # Either nothing can be targeted (no silos, every survivable launcher on alert) or nothing
    # can be killed (damage expectancy zero): the striker cannot reduce the retaliation, and
    # striking first costs at least as much as being struck (C1 >= C2 on both sides).
    for side in (a, b):
        if no_capability:
            side["de_fixed"] = side["de_surv"] = 0.0
        else:
            side["n_fixed"] = 0.0
            side["alert"] = 1.0
    res = _fsi(a, b)
    assert float(res.fsi) == 1.0
    assert float(res.stop_a) == 0.0 and float(res.stop_b) == 0.0


@_SETTINGS
@given(sides(defended=True), sides(defended=True))
def test_fsi_ratios_and_costs_are_in_range(a: dict[str, Any], b: dict[str, Any]) -> None:
    res = _fsi(a, b)
    for x in (res.fsi, res.r_a, res.r_b):
        assert 0.0 <= float(x) <= 1.0
    for c in (res.c1_a, res.c2_a, res.c1_b, res.c2_b):
        assert -1e-12 <= float(c) <= 1.3 + 1e-12
    assert 0.0 <= float(res.stop_a) <= float(res.a_strikes.committed) * (1 + 1e-12)


def _value_damage_pow(res: Any) -> float:
    """``D_B^0.75`` at A's stopping point: A's value strike on B, as B's cost counts it."""
    return float(float(res.a_strikes.damage_victim) ** EXPONENT)


@_SETTINGS
@given(sides(defended=True), sides(defended=True), st.integers(2, 10))
def test_kt10_mirving_silos_never_raises_the_adversarys_ratio_and_fsi_only_via_value_strike(
    a: dict[str, Any], b: dict[str, Any], m: int
) -> None:
    # The same warheads on B's silos: n single-RV silos, or n/m silos of m RVs.
    warheads = b["n_fixed"] * b["m_fixed"]
    single = {**b, "n_fixed": warheads, "m_fixed": 1}
    mirv = {**b, "n_fixed": warheads / m, "m_fixed": m}
    before, after = _fsi(a, single, **_FINE), _fsi(a, mirv, **_FINE)
    assert float(after.r_a) <= float(before.r_a) + _TOL
    if float(after.fsi) > float(before.fsi) + _TOL:
        # Documented caveat: FSI rises only if A's best strike now puts less on B's value.
        assert _value_damage_pow(after) < _value_damage_pow(before) + _TOL


@_SETTINGS
@given(sides(defended=True), sides(defended=True), st.floats(0, 1))
def test_kt11_raising_alert_never_lowers_the_adversarys_ratio_and_fsi_only_via_value_strike(
    a: dict[str, Any], b: dict[str, Any], raise_by: float
) -> None:
    higher = {**b, "alert": b["alert"] + raise_by * (1 - b["alert"])}
    before, after = _fsi(a, b, **_FINE), _fsi(a, higher, **_FINE)
    assert float(after.r_a) >= float(before.r_a) - _TOL
    if float(after.fsi) < float(before.fsi) - _TOL:
        # Documented caveat: FSI falls only if A's best strike now puts more on B's value.
        assert _value_damage_pow(after) > _value_damage_pow(before) - _TOL


@_SETTINGS
@given(sides(defended=True), sides(defended=True))
def test_launch_under_attack_never_lowers_the_adversarys_ratio_and_fsi_only_via_value_strike(
    a: dict[str, Any], b: dict[str, Any]
) -> None:
    without, with_lua = {**b, "lua": False}, {**b, "lua": True}
    before, after = _fsi(a, without, **_FINE), _fsi(a, with_lua, **_FINE)
    assert float(after.r_a) >= float(before.r_a) - _TOL
    if float(after.fsi) < float(before.fsi) - _TOL:
        assert _value_damage_pow(after) > _value_damage_pow(before) - _TOL


@_SETTINGS
@given(sides(), st.floats(0, 5000), st.floats(0, 1))
def test_symmetric_defenses_keep_the_index_symmetric(
    a: dict[str, Any], interceptors: float, pk: float
) -> None:
    # Documented behaviour (docs/theory/first_strike.md): with equal forces and equal defenses
    # both sides have the same break-even ratio; the index is not monotone in the defense level
    # (it usually dips during the "transition", then recovers).
    d = {**a, "interceptors": interceptors, "pk": pk}
    res = _fsi(d, d)
    assert float(res.r_a) == float(res.r_b)
    assert float(res.fsi) == float(res.r_a * res.r_b)


@_SETTINGS
@given(sides(), sides())
def test_impenetrable_defenses_on_both_sides_give_fsi_one(
    a: dict[str, Any], b: dict[str, Any]
) -> None:
    # No value damage either way: every cost is the surcharge, C1 = C2, FSI = 1.
    total = max(
        a["n_fixed"] * a["m_fixed"] + a["n_surv"] * a["m_surv"],
        b["n_fixed"] * b["m_fixed"] + b["n_surv"] * b["m_surv"],
    )
    for side in (a, b):
        side["interceptors"], side["pk"] = total, 1.0
    assert float(_fsi(a, b).fsi) == 1.0


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(sides(defended=True), sides(defended=True)), min_size=1, max_size=6))
def test_batch_evaluation_equals_per_item_evaluation(
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    keys = list(pairs[0][0])
    a = ForceArrays(**{k: np.array([p[0][k] for p in pairs]) for k in keys})
    b = ForceArrays(**{k: np.array([p[1][k] for p in pairs]) for k in keys})
    batch = first_strike_stability(a, b)
    for i, (pa, pb) in enumerate(pairs):
        one = _fsi(pa, pb)
        np.testing.assert_allclose(one.fsi, batch.fsi[i], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(one.stop_a, batch.stop_a[i], rtol=1e-12, atol=1e-12)
