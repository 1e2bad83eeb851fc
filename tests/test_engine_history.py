"""The historical replay's forces: every year from the annual ``forces`` table, by the catalog
rule ``stratlab stability --year`` uses (docs/engine.md, "Historical mode"), with INF-band facts
pinned to catalog events and treaties read by SQL."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from stratlab.data import catalog
from stratlab.data.vocabulary import CENTRAL, INF_CATEGORIES
from stratlab.engine import era_table, run
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


def test_every_year_is_that_years_catalog_posture(ds: xr.Dataset) -> None:
    central = [c for cats in CENTRAL.values() for c in cats]
    for year in (1977, 1987, 1991, 2019):
        for actor in ("USA", "RUS"):
            p = Posture.from_catalog(actor, year)
            expected = sum(c.warheads for c in p.components if c.category in central)
            inf = sum(c.launchers for c in p.components if c.category in INF_CATEGORIES)
            assert ds["central_warheads"].sel(actor=actor, year=year).item() == pytest.approx(expected)
            assert ds["inf_launchers"].sel(actor=actor, year=year).item() == pytest.approx(inf)


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
