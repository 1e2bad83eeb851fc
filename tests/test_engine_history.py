"""The historical replay's INF-band rule: ground-launched INF-band components follow dated
evidence stepwise (docs/engine.md, "Historical mode"), pinned to catalog facts read by SQL."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from stratlab.data import catalog
from stratlab.engine import era_table, run
from stratlab.engine.arsenal import aggregate
from stratlab.engine.history import (
    catalog_snapshots,
    category_values,
    counted_categories,
    evidence_weights,
    interpolate,
    snapshot_years,
    system_windows,
)
from stratlab.scenario import Posture
from stratlab.scenario.load import ScenarioError, load_scenario

DEADLINE = "1991-06-01-inf-elimination-deadline"


@pytest.fixture(scope="module")
def ds() -> xr.Dataset:
    return run("inf-history")


def _year(sql: str, *args: object) -> int:
    row = catalog().execute(sql, list(args)).fetchone()
    assert row is not None and row[0] is not None, sql
    return int(row[0])


def _launchers(ds: xr.Dataset, actor: str, years: range) -> np.ndarray:
    return ds["inf_launchers"].sel(actor=actor, year=list(years)).isel(member=0).values


def _first_deployment_event_year(name: str) -> int:
    """Earliest dated ``deployment`` event whose title names the system (the documented match)."""
    return _year("SELECT min(year(date)) FROM events WHERE list_contains(tags, 'deployment') "
                 "AND title ILIKE ?", f"%{name}%")


def _category_series(actor: str, category: str, years: list[int]) -> np.ndarray:
    """Launchers of one actor's INF category per year under the case's evidence windows."""
    con = catalog()
    xs = snapshot_years(con, actor)
    counts = [
        category_values(Posture.from_catalog(actor, x, con=con, include_conventional=True),
                        counted_categories(con, actor, x))[category]["L"]
        for x in xs
    ]
    windows, _ = system_windows(con, load_scenario("inf-history").inf_systems)
    weights = evidence_weights(xs, counts, windows[(actor, category)], years)
    return weights @ np.nan_to_num(np.asarray(counts, dtype=np.float64))


def test_us_inf_band_launchers_are_zero_from_the_deadline_to_the_end_of_the_treaty(ds: xr.Dataset) -> None:
    after = _year("SELECT year(date) FROM events WHERE event_id = ?", DEADLINE) + 1
    ended = _year("SELECT year(ended) FROM treaties WHERE treaty_id = 'inf'")
    assert (after, ended) == (1992, 2019)
    assert np.all(_launchers(ds, "USA", range(after, ended)) == 0.0)


def test_soviet_inf_band_launchers_are_zero_until_the_9m729_is_reported_deployed(ds: xr.Dataset) -> None:
    after = _year("SELECT year(date) FROM events WHERE event_id = ?", DEADLINE) + 1
    first = _first_deployment_event_year("9M729")
    named = _year("SELECT year(date) FROM events WHERE event_id = '2017-11-29-us-names-9m729'")
    assert named < first  # named before any dated deployment evidence: no count before that
    assert np.all(_launchers(ds, "RUS", range(after, first)) == 0.0)
    assert np.all(_launchers(ds, "RUS", range(after, 2017)) == 0.0)
    assert _launchers(ds, "RUS", range(first, first + 1))[0] > 0.0


def test_the_9m729_component_is_zero_before_its_first_dated_deployment_evidence() -> None:
    row = catalog().execute("SELECT first_deployed FROM missile_systems WHERE system_id = '9m729'").fetchone()
    assert row is not None and row[0] is None  # so the events decide
    first = _first_deployment_event_year("9M729")
    years = list(range(2002, first + 1))
    series = _category_series("RUS", "glcm_intermediate", years)
    assert np.all(series[:-1] == 0.0) and series[-1] > 0.0


@pytest.mark.parametrize(("system", "actor", "category"), [
    ("pershing-2", "USA", "glbm_intermediate"),
    ("bgm-109g", "USA", "glcm_intermediate"),
])
def test_a_system_exists_from_its_first_deployment_year(system: str, actor: str, category: str) -> None:
    first = _year("SELECT first_deployed FROM missile_systems WHERE system_id = ?", system)
    series = _category_series(actor, category, [first - 1, first])
    assert series[0] == 0.0 and series[1] > 0.0


def test_deployment_year_from_events_where_the_catalog_gives_none() -> None:
    row = catalog().execute("SELECT first_deployed FROM missile_systems WHERE system_id = 'ss-20'").fetchone()
    assert row is not None and row[0] is None
    windows, _ = system_windows(catalog(), load_scenario("inf-history").inf_systems)
    assert windows[("RUS", "glbm_intermediate")][0][0] == _first_deployment_event_year("SS-20")


def test_zero_from_the_year_after_retirement_or_the_deadline() -> None:
    retired = _year("SELECT retired FROM missile_systems WHERE system_id = 'pershing-1a'")
    deadline = _year("SELECT year(date) FROM events WHERE event_id = ?", DEADLINE)
    end = min(retired, deadline)
    series = _category_series("USA", "glbm_shorter", [end, end + 1, deadline + 1])
    assert series[0] > 0.0 and series[1] == 0.0 and series[2] == 0.0


def test_other_families_keep_the_linear_rule(ds: xr.Dataset) -> None:
    years = [int(y) for y in ds.year.values]
    snaps, _ = catalog_snapshots(catalog(), "USA")
    expected = aggregate(interpolate(snaps, years)).central_warheads
    np.testing.assert_allclose(ds["central_warheads"].sel(actor="USA").isel(member=0).values, expected)


def test_evidence_weights_step_hold_and_interpolate() -> None:
    nan = math.nan
    xs, counts = [1979, 1987, 1991, 2002], [0.0, 100.0, 0.0, nan]
    years = [1982, 1983, 1986, 1987, 1990, 1991, 1992, 2002]
    out = evidence_weights(xs, counts, [(1983.0, 1991.0)], years) @ np.nan_to_num(counts)
    np.testing.assert_allclose(out, [0, 100, 100, 100, 100, 0, 0, 0])
    both = evidence_weights([1979, 1987], [100.0, 500.0], [(-math.inf, math.inf)], [1983])
    np.testing.assert_allclose(both @ [100.0, 500.0], [300.0])  # two non-zero counts: linear


def test_era_table_has_no_inf_band_forces_between_the_eliminations_and_the_9m729(ds: xr.Dataset) -> None:
    table = era_table(ds, ["inf_theatre_share"]).set_index(["era", "actor"])
    for era in ("after the Cold War", "missile-defense contest"):
        assert np.isnan(table.loc[(era, "RUS"), "inf_theatre_share"])


def test_inf_systems_events_are_checked_against_the_catalog(tmp_path: Path) -> None:
    import stratlab.scenario

    case = Path(stratlab.scenario.__file__).parent / "cases" / "inf-history.yaml"
    text = case.read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("deployed: [2019-02-faz-9m729-battalions]", "deployed: [no-such-event]"),
                    encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"inf_systems\[4\]\.deployed\[0\]: 'no-such-event'"):
        load_scenario(path)
    path.write_text(text.replace("deployed: [2019-02-faz-9m729-battalions]",
                                 "deployed: [2017-11-29-us-names-9m729]"), encoding="utf-8")
    with pytest.raises(ScenarioError, match="tagged 'deployment'"):
        load_scenario(path)
    path.write_text(text.replace("category: glcm_intermediate\n    deployed: [1983-11-14",
                                 "category: glbm_intermediate\n    deployed: [1983-11-14"), encoding="utf-8")
    with pytest.raises(ScenarioError, match="glcm_intermediate"):
        load_scenario(path)
