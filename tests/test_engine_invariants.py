"""Engine invariants: a binding ban holds, forces stay non-negative, seeds reproduce, members
do not depend on the ensemble size; plus the replay, the event coding and the perception fit."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stratlab.data import catalog
from stratlab.engine import run
from stratlab.engine.acts import code_event
from stratlab.engine.arsenal import INF_CATEGORIES
from stratlab.engine.history import BINDING
from stratlab.engine.params import member_uniforms
from stratlab.engine.perceive import believe, fit_dyad
from stratlab.models.perception import NO_ACT, REASSURE, SLIGHT, THREAT, PerceptionParams
from stratlab.scenario import Posture
from stratlab.scenario.load import parse_scenario
from stratlab.scenario.spec import Scenario

BAN = """\
name: ban-test
mode: forward
years: [2013, 2021]
actors: [USA, RUS, CHN]
postures:
  - catalog: {actor: USA, year: 2013}
  - catalog: {actor: RUS, year: 2013}
  - catalog: {actor: CHN, year: 2013}
treaties:
  - id: inf
    can_form: true
uncertainties:
  - {parameter: treaty.rationality, dist: uniform, low: 0.0, high: 3.0}
  - {parameter: treaty.exit_cost_base, dist: uniform, low: 0.0, high: 3.0}
  - {parameter: inf.reaction, dist: uniform, low: 0.0, high: 0.5}
  - {parameter: arms.reaction, dist: uniform, low: 0.0, high: 0.5}
  - {parameter: inf.nuclear_share, dist: uniform, low: 0.0, high: 1.0}
"""


@pytest.fixture(scope="module")
def ban() -> Scenario:
    return parse_scenario(BAN)


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**31 - 1))
def test_inf_ban_holds_while_binding_and_forces_never_negative(ban: Scenario, seed: int) -> None:
    ds = run(ban, members=12, seed=seed)
    status = ds["treaty_status"].sel(treaty="inf").values
    parties = ds["inf_launchers"].sel(actor=["USA", "RUS"]).values
    assert np.all(parties[status == BINDING] == 0.0)
    for name in ("central_warheads", "inf_launchers", "inf_warheads", "interceptors"):
        assert np.all(ds[name].values >= 0.0), name


def test_ban_scenario_has_binding_and_free_years(ban: Scenario) -> None:
    ds = run(ban, members=20, seed=5)
    status = ds["treaty_status"].sel(treaty="inf").values
    assert (status == BINDING).any() and (status != BINDING).any()
    free = ds["inf_launchers"].sel(actor=["USA", "RUS"]).values[status != BINDING]
    assert free.max() > 0.0  # the invariant above is not vacuous


def test_same_seed_same_results_and_another_seed_differs(ban: Scenario) -> None:
    a, b = run(ban, members=6, seed=11), run(ban, members=6, seed=11)
    assert a.identical(b)
    c = run(ban, members=6, seed=12)
    assert not np.array_equal(a["inf_launchers"].values, c["inf_launchers"].values)


def test_one_member_equals_member_zero_of_an_ensemble(ban: Scenario) -> None:
    one, many = run(ban, members=1, seed=3), run(ban, members=9, seed=3)
    for name, var in one.data_vars.items():
        other = many[name].isel(member=[0]) if "member" in var.dims else many[name]
        np.testing.assert_array_equal(var.values, other.values, err_msg=str(name))


def test_member_streams_do_not_depend_on_the_ensemble_size() -> None:
    small, large = member_uniforms(42, 2, 50), member_uniforms(42, 300, 50)
    np.testing.assert_array_equal(small, large[:2])


def test_historical_replay_matches_catalog_postures_and_treaty_record() -> None:
    ds = run("inf-history")
    con = catalog()
    years = [int(y) for y in ds.year.values]
    for year in years[::7]:
        posture = Posture.from_catalog("USA", year, con=con)
        inf = sum(c.launchers for c in posture.components if c.category in INF_CATEGORIES)
        assert ds["inf_launchers"].sel(actor="USA", year=year).item() == pytest.approx(inf)
    start, end = con.execute("SELECT entry_into_force, ended FROM treaties WHERE treaty_id='inf'").fetchone()
    status = ds["treaty_status"].sel(treaty="inf").isel(member=0)
    for y in years:
        in_force = start <= dt.date(y, 7, 1) < end
        assert (status.sel(year=y).item() != 0) == in_force, y
    for name in ("central_warheads", "inf_launchers"):
        values = ds[name].values
        assert np.all(values[np.isfinite(values)] >= 0)


def test_event_coding_rules() -> None:
    actors = ["USA", "RUS"]
    assert set(code_event(["USA", "RUS"], ["cooperation"], actors)) == {
        ("USA", "RUS", REASSURE), ("RUS", "USA", REASSURE)}
    assert set(code_event(["USA", "RUS"], ["inf", "compliance"], actors)) == {
        ("USA", "RUS", THREAT), ("RUS", "USA", SLIGHT)}
    assert code_event(["NATO", "POL"], ["nato", "nato-enlargement"], actors) == [("RUS", "USA", SLIGHT)]
    assert code_event(["RUS", "UKR"], ["us-russia", "confrontation"], actors) == [("USA", "RUS", THREAT)]
    assert code_event(["USA"], ["treaty"], actors) == []


def test_perception_fit_recovers_the_parameters_that_made_the_series() -> None:
    rng = np.random.default_rng(0)
    acts = rng.choice([NO_ACT, REASSURE, THREAT], size=(40, 2)).astype(np.int64)
    truth = PerceptionParams(responsiveness=0.4, negativity=1.5, memory_weight=0.2)
    series = believe(np.asarray(0.3), acts, truth)
    score = 1.0 - 2.0 * series  # the measured index this hostility maps from
    fit = fit_dyad(acts, score, ["prior", "responsiveness", "negativity", "memory_weight"],
                   PerceptionParams(), prior=0.5)
    np.testing.assert_allclose(fit.values, [0.3, 0.4, 1.5, 0.2], atol=1e-4)
    assert fit.rmse < 1e-6


def test_a_ban_binding_at_the_start_zeroes_the_parties_inf_forces() -> None:
    sc = parse_scenario(BAN.replace("years: [2013, 2021]", "years: [2013, 2013]"))
    ds = run(sc, members=3, seed=0)
    assert ds["treaty_status"].sel(treaty="inf").values.tolist() == [[BINDING]] * 3
    assert np.all(ds["inf_launchers"].sel(actor=["USA", "RUS"]).values == 0.0)
