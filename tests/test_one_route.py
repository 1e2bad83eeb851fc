"""One route from a ``forces`` row to a stability number (issue 8, items 3–5).

Most tests run on a small synthetic ``forces`` table in the agreed layout
(``tests/fixtures/forces_fixture.csv``: round, made-up numbers, every row marked "synthetic")
beside copies of the real catalog's other tables, so that the rules are pinned to arithmetic on
rows whose values the test can see. Reach is pinned to geometry: an independent spherical
(haversine) distance must agree with each reach decision.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pytest

from cli_helpers import assert_one_line_error
from stratlab.data import catalog_path, geography
from stratlab.data.forces import ForceRow, ForcesLookupError, force_coverage, force_rows
from stratlab.engine import run
from stratlab.models.first_strike import first_strike_stability
from stratlab.models.flight_time import haversine_km, min_energy_flight_time
from stratlab.scenario import Posture, force_arrays
from stratlab.scenario.assumptions import DEFAULT
from stratlab.scenario.load import parse_scenario
from stratlab.scenario.posture_catalog import counts

FIXTURE = Path(__file__).parent / "fixtures" / "forces_fixture.csv"
YEARS = (1983, 1984, 1985)


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalog file: the real catalog's tables, with ``forces`` replaced by the fixture."""
    path = tmp_path_factory.mktemp("one-route") / "catalog.duckdb"
    con = duckdb.connect(str(path))
    con.execute(f"ATTACH '{catalog_path()}' AS real (READ_ONLY)")
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'real'").fetchall()]
    for t in tables:
        con.execute(f'CREATE TABLE "{t}" AS SELECT * FROM real."{t}"' + (" LIMIT 0" if t == "forces" else ""))
    con.execute(f"INSERT INTO forces SELECT * FROM read_csv('{FIXTURE}', header = true, all_varchar = true)")
    con.execute("DETACH real")
    con.close()
    from stratlab.data.store import checksum_path, sha256_of

    checksum_path(path).write_text(sha256_of(path) + "\n", encoding="ascii")  # as `data build` records it
    return path


@pytest.fixture()
def con(fixture_db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(fixture_db), read_only=True)


def _cli(db: Path, *args: str, command: str = "stability") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STRATLAB_CATALOG": str(db)}
    return subprocess.run([sys.executable, "-m", "stratlab", command, *args], capture_output=True,
                          text=True, timeout=300, env=env)


# --- the data layer -----------------------------------------------------------------------------


def test_force_rows_are_typed_and_preferred_only(con: duckdb.DuckDBPyConnection) -> None:
    rows = force_rows("USA", 1984, con=con)
    assert all(isinstance(r, ForceRow) and r.preferred for r in rows)
    mm3 = [r for r in rows if r.system == "Minuteman III"]
    assert [(r.launchers, r.warheads) for r in mm3] == [(500, 1500)]  # not the conflicting 450
    every = force_rows("USA", 1984, preferred=False, con=con)
    assert len(every) == len(rows) + 1
    assert force_coverage(con) == {"CHN": (1983, 1985), "RUS": (1983, 1985), "USA": (1983, 1985)}


def test_outside_the_table_is_a_one_line_lookup_error(con: duckdb.DuckDBPyConnection) -> None:
    outside = r"^forces: USA 1850 is outside the table \(USA: 1983–1985\)$"
    with pytest.raises(ForcesLookupError, match=outside):
        force_rows("USA", 1850, con=con)
    with pytest.raises(ForcesLookupError, match="no rows for country 'FRA'"):
        Posture.from_catalog("FRA", 1984, con=con)


# --- postures from rows -------------------------------------------------------------------------


def test_every_leg_of_the_year_becomes_a_component(con: duckdb.DuckDBPyConnection) -> None:
    us = Posture.from_catalog("USA", 1984, con=con)
    by = {c.name: c for c in us.components}
    assert set(by) == {"Minuteman III", "Trident I", "B-52", "B-47", "Pershing II in DEU",
                       "BGM-109G GLCM in GBR"}
    assert by["Trident I"].warheads == 110 * 8  # launchers × loading (warheads left empty)
    assert by["B-52"].warheads_per_launcher == 10.0  # warheads ÷ launchers (loading left empty)
    # the leg's warheads-only row (400) spread over the airframes that have no warheads (100 B-47)
    assert by["B-47"].warheads_per_launcher == 4.0
    assert any("leg's published" in a for a in by["B-47"].assumed)
    assert by["BGM-109G GLCM in GBR"].category == "glcm_intermediate"
    assert by["Pershing II in DEU"].category == "glbm_intermediate" and by["Pershing II in DEU"].survivable
    assert by["Minuteman III"].category == "icbm_silo" and by["Minuteman III"].alert_fraction == 0.0
    assert by["Trident I"].alert_fraction == DEFAULT.alert["slbm"]
    assert "alert_fraction" in by["Trident I"].assumed
    ru = Posture.from_catalog("RUS", 1984, con=con)
    assert [(d.name, d.interceptors) for d in ru.defenses] == [("Moscow ABM", 100)]


def test_one_warhead_per_launcher_only_where_no_loading_is_published() -> None:
    base = dict(country="USA", year=1984, system="X", leg="icbm", range_class="intercontinental",
                basing="fixed", deployed_in="USA", range_km=None, basis="sourced", anchor_years=None,
                counting_rule="estimate", preferred=True, confidence="Low", as_of=None, note=None,
                source_id="s")
    def row(launchers: int | None, wpl: float | None, warheads: int | None) -> ForceRow:
        return ForceRow(**base, launchers=launchers, warheads_per_launcher=wpl, warheads=warheads)

    assert counts(row(10, 3.0, None)) == (10, 30.0, None)
    assert counts(row(10, None, 25)) == (10, 25.0, None)
    assert counts(row(None, 2.0, 40)) == (20, 40.0, None)
    _, heads, guess = counts(row(10, None, None))
    assert heads == 10.0 and guess is not None and "no loading published" in guess
    with pytest.raises(LookupError, match="neither launchers nor warheads"):
        counts(row(None, None, None))


def test_a_leg_missing_inside_its_years_is_an_error_naming_country_year_and_leg(
    con: duckdb.DuckDBPyConnection,
) -> None:
    with pytest.raises(LookupError, match="CHN 1984 has no preferred bomber row"):
        Posture.from_catalog("CHN", 1984, con=con)
    assert any(c.category == "bomber" for c in Posture.from_catalog("CHN", 1985, con=con).components)


@pytest.mark.parametrize(("args", "needle"), [
    (("--year", "1850", "USA", "RUS"), "forces: USA 1850 is outside the table (USA: 1983–1985)"),
    (("--year", "1984", "USA", "CHN"), "CHN 1984 has no preferred bomber row"),
    (("--year", "1984", "USA", "FRA"), "no rows for country 'FRA'"),
])
def test_cli_errors_are_one_line(fixture_db: Path, args: tuple[str, ...], needle: str) -> None:
    assert needle in assert_one_line_error(_cli(fixture_db, *args))


def test_a_declared_gap_is_missing_in_the_replay_and_an_error_for_the_year(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stratlab.scenario.posture_catalog as pc

    monkeypatch.setattr(pc, "declared_gaps", lambda: {("CHN", "bomber"): (1984, 1984)})
    with pytest.raises(pc.ForcesGapError, match="CHN 1984 has no bomber row: a gap no source fills"):
        Posture.from_catalog("CHN", 1984, con=con)
    sc = parse_scenario(SCENARIO.format(first=1983, last=1985).replace("[USA, RUS]", "[USA, CHN]"), con=con)
    ds = run(sc, con=con)
    assert ds.attrs["forces_gaps"] == "CHN 1984"
    fsi = ds["fsi"].sel(actor="USA", target="CHN").isel(member=0).values
    assert np.isnan(fsi[1]) and np.all(np.isfinite(fsi[[0, 2]]))
    assert np.isnan(ds["central_warheads"].sel(actor="CHN", year=1984).item())
    assert ds["central_warheads"].sel(actor="USA", year=1984).item() == 1500 + 110 * 8 + 1000 + 400


def test_a_replay_over_a_missing_leg_stops_with_one_line(fixture_db: Path, tmp_path: Path) -> None:
    case = tmp_path / "s.yaml"
    case.write_text(SCENARIO.format(first=1983, last=1985).replace("[USA, RUS]", "[USA, CHN]"))
    res = _cli(fixture_db, str(case), "--out", str(tmp_path / "out"), command="run")
    assert "CHN 1984 has no preferred bomber row" in assert_one_line_error(res)


# --- reach --------------------------------------------------------------------------------------


def _sphere_km(area: str, target: str) -> float:
    return min(float(haversine_km(p.lat, p.lon, q.lat, q.lon))
               for p in geography.area(area) for q in geography.homeland(target))


@pytest.mark.parametrize(("actor", "name", "reaches"), [
    ("RUS", "SS-20 west of the Urals in RUS-west", ["CHN"]),   # not the United States
    ("RUS", "SS-20 east of the Urals in RUS-east", ["CHN"]),
    ("USA", "Pershing II in DEU", ["RUS"]),                     # the western USSR, not China
    ("USA", "BGM-109G GLCM in GBR", ["RUS"]),
    ("CHN", "H-6", ["RUS"]),                                    # a medium bomber: not the US
    ("RUS", "ICBM (all)", ["CHN", "USA"]),                      # intercontinental, range unstated
    ("RUS", "SLBM (all)", ["CHN", "USA"]),                      # at sea
    ("USA", "B-47", ["CHN", "RUS"]),                            # a heavy bomber, refuelled
])
def test_reach_follows_range_and_basing(con: duckdb.DuckDBPyConnection, actor: str, name: str,
                                        reaches: list[str]) -> None:
    comp = next(c for c in Posture.from_catalog(actor, 1985, con=con).components if c.name == name)
    assert sorted(comp.reaches or []) == reaches
    heavy_bomber = comp.category == "bomber" and comp.name != "H-6"
    if comp.range_km is None or comp.deployed_in == geography.SEA or heavy_bomber:
        return
    for target in ("USA", "RUS", "CHN"):
        if target == actor:
            continue
        km = _sphere_km(comp.deployed_in or "", target)  # independent spherical distance
        assert abs(km - comp.range_km) > 0.01 * km  # the decision is not within the formulas' gap
        assert (km <= comp.range_km) == (target in reaches), (name, target, km)


def test_flight_time_is_minimum_energy_over_the_shortest_distance(con: duckdb.DuckDBPyConnection) -> None:
    from stratlab.models.flight_time import great_circle_km

    us = Posture.from_catalog("USA", 1985, con=con)
    comp = next(c for c in us.components if c.name == "Pershing II in DEU")
    km = float(great_circle_km(geography.BONN.lat, geography.BONN.lon,
                               geography.KALININGRAD.lat, geography.KALININGRAD.lon))
    assert comp.flight_min["RUS"] == pytest.approx(float(min_energy_flight_time(km)) / 60.0)


def test_only_the_warheads_that_reach_a_homeland_count_against_it(con: duckdb.DuckDBPyConnection) -> None:
    us, ru, cn = (Posture.from_catalog(a, 1985, con=con) for a in ("USA", "RUS", "CHN"))
    ru_vs_us, us_vs_ru = force_arrays(ru, us, assumptions=DEFAULT)
    assert float(ru_vs_us.total_warheads) == 4000 + 900 + 500           # no SS-20
    assert float(us_vs_ru.total_warheads) == 1500 + 120 * 8 + 1000 + 400 + 100 + 100  # Pershing II, GLCM
    ru_vs_cn, cn_vs_ru = force_arrays(ru, cn, assumptions=DEFAULT)
    assert float(ru_vs_cn.total_warheads) == 4000 + 900 + 500 + 600 + 300  # every SS-20
    assert float(cn_vs_ru.total_warheads) == 20 + 100
    cn_vs_us, _ = force_arrays(cn, us, assumptions=DEFAULT)
    assert float(cn_vs_us.total_warheads) == 20                           # DF-5 only, not the H-6
    assert float(ru_vs_us.n_fixed) == 1000 and float(us_vs_ru.n_surv) == 120 + 100 + 100 + 100 + 100


# --- one route: the CLI and the engine's replay -------------------------------------------------

SCENARIO = """\
name: one-route
mode: historical
years: [{first}, {last}]
actors: [USA, RUS]
"""


def test_cli_and_engine_replay_give_the_same_fsi(fixture_db: Path, con: duckdb.DuckDBPyConnection) -> None:
    sc = parse_scenario(SCENARIO.format(first=YEARS[0], last=YEARS[-1]), con=con)
    ds = run(sc, con=con)
    for year in YEARS:
        res = _cli(fixture_db, "--year", str(year), "USA", "RUS", "--json")
        assert res.returncode == 0, res.stderr
        out = json.loads(res.stdout)
        engine = float(ds["fsi"].sel(year=year, actor="USA", target="RUS").isel(member=0))
        assert out["fsi"] == pytest.approx(engine, rel=1e-9, abs=1e-12), year
        us, ru = (Posture.from_catalog(a, year, con=con) for a in ("USA", "RUS"))
        direct = first_strike_stability(*force_arrays(us, ru, assumptions=DEFAULT))
        assert out["fsi"] == pytest.approx(float(direct.fsi), rel=1e-12)
        assert out["sides"]["RUS"]["warheads_counted"] == {"icbm": 4000, "slbm": 900, "bomber": 500}
    # the engine's central warheads are every central component's, reaching or not
    np.testing.assert_allclose(ds["central_warheads"].sel(actor="RUS").isel(member=0), [5400.0] * 3)
    # INF roles count only what reaches: no SS-20 against the US; Pershing II and GLCM against the USSR
    share = ds["inf_central_share"].sel(year=1985).isel(member=0)
    assert share.sel(actor="RUS", target="USA").item() == 0.0
    us_central = 1500 + 120 * 8 + 1000 + 400
    assert share.sel(actor="USA", target="RUS").item() == pytest.approx(200 / (us_central + 200))
