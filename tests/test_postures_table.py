"""The `postures` table against the shared reference (postures.md): spot values, conflicts, gaps."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from stratlab.data import catalog
from stratlab.data.schema import POSTURE_CATEGORIES, POSTURE_CONFIDENCE, POSTURE_COUNTING_RULES
from stratlab.scenario.posture import CATEGORIES, RANGE_BANDS

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tests" / "fixtures" / "postures_reference.md"


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return catalog()


def _values(con: duckdb.DuckDBPyConnection, sql: str, *args: object) -> list[tuple[object, ...]]:
    return con.execute(sql, list(args)).fetchall()


def _one(con: duckdb.DuckDBPyConnection, col: str, **where: object) -> object:
    cond = " AND ".join(f"{k} = ?" for k in where)
    rows = _values(con, f"SELECT {col} FROM postures WHERE {cond}", *where.values())
    assert len(rows) == 1, (where, rows)
    return rows[0][0]


@pytest.mark.parametrize(
    ("actor", "category", "launchers"),
    [
        ("USA", "icbm_silo", 1054),
        ("RUS", "icbm_silo", 1398),
        ("USA", "slbm", 656),
        ("RUS", "slbm", 950),
        ("USA", "bomber", 574),
        ("RUS", "bomber", 156),
    ],
)
def test_salt2_data_base_1979_launchers(
    con: duckdb.DuckDBPyConnection, actor: str, category: str, launchers: int
) -> None:
    got = _one(con, "launchers", actor=actor, year=1979, category=category, source_id="salt2-mou")
    assert got == launchers


@pytest.mark.parametrize(("actor", "vehicles", "warheads"), [("USA", 2246, 10563), ("RUS", 2500, 10271)])
def test_start_mou_1990_totals_and_type_rows_add_up(
    con: duckdb.DuckDBPyConnection, actor: str, vehicles: int, warheads: int
) -> None:
    row = _values(
        con,
        "SELECT launchers, warheads FROM postures WHERE actor = ? AND year = 1991 "
        "AND category = 'total_strategic' AND source_id = 'start1-mou-1990'",
        actor,
    )
    assert row == [(vehicles, warheads)]
    # the per-type MOU rows sum to the MOU totals (counting rule: START accountable warheads)
    sums = _values(
        con,
        "SELECT sum(launchers), sum(warheads) FROM postures WHERE actor = ? AND year = 1991 "
        "AND scope = 'type' AND source_id = 'start1-mou-1990' AND category <> 'total_strategic'",
        actor,
    )
    assert sums == [(vehicles, warheads)]


def test_start_mou_1990_soviet_mobile_icbms(con: duckdb.DuckDBPyConnection) -> None:
    assert _one(con, "launchers", actor="RUS", year=1991, component="ICBM – SS-25 road-mobile") == 288
    assert _one(con, "warheads", actor="RUS", year=1991, component="ICBM – mobile subtotal") == 618
    assert _one(con, "warheads_per_launcher", actor="RUS", year=1991, component="SLBM – SS-N-18") == 3


@pytest.mark.parametrize(
    ("actor", "year", "component", "values"),
    [
        ("USA", 1962, "ICBM – total", {"fp-1962": 203, "pent-62": 156, "rhodes-ds": 136}),  # C1
        ("RUS", 1962, "ICBM – R-7 (SS-6) and R-16 (SS-7)", {"tiv-2001": 48, "fp-1962": 36, "sheehan": 20}),
        ("RUS", 1962, "Long-range bombers", {"fp-1962": 138, "sheehan": 134}),  # C3
        ("USA", 1962, "SLBM – Polaris, total", {"ghsf": 144, "rhodes-ny": 112}),  # C4
        ("USA", 1979, "Heavy bombers", {"salt2-mou": 574, "sipri-1981": 348}),  # C6
        ("USA", 2002, "ICBM – Peacekeeper", {"aca-2001": 50, "ghsf": 40}),  # C14
        ("CHN", 2019, "ICBM – total", {"fas-cn-2019": 90, "twz-2020": 100}),  # C22
        ("USA", 1991, "Pershing II", {"osia-inf-factsheet": 0, "ghsf": 27}),  # C13
    ],
)
def test_conflicting_launcher_counts_are_kept(
    con: duckdb.DuckDBPyConnection, actor: str, year: int, component: str, values: dict[str, int]
) -> None:
    rows = _values(
        con,
        "SELECT source_id, launchers FROM postures WHERE actor = ? AND year = ? AND component = ?",
        actor,
        year,
        component,
    )
    assert dict(rows) == values


def test_conflicting_warhead_figures_are_kept(con: duckdb.DuckDBPyConnection) -> None:
    mm3 = _values(
        con,
        "SELECT source_id, warheads FROM postures WHERE actor = 'USA' AND year = 2010 "
        "AND component = 'ICBM – Minuteman III'",
    )
    assert dict(mm3) == {"ghsf": 500, "crs-2010": 1200}  # C15
    ru79 = _values(
        con,
        "SELECT source_id, warheads FROM postures WHERE actor = 'RUS' AND year = 1979 "
        "AND category = 'total_strategic'",
    )
    assert dict(ru79) == {"loc-ussr": 5000, "sipri-1981": 6000}  # C7
    df26 = _values(
        con,
        "SELECT variant, launchers, missiles FROM postures WHERE actor = 'CHN' "
        "AND year = 2025 AND component = 'IRBM – DF-26' ORDER BY variant",
    )
    assert df26 == [("dod-2020", 200, None), ("japan-2025", None, 250)]  # C23


def test_inf_range_components(con: duckdb.DuckDBPyConnection) -> None:
    assert _one(con, "launchers", actor="USA", year=1987, component="Pershing II") == 108
    assert _one(con, "range_km", actor="USA", year=1987, component="Pershing II") == 1800
    assert (
        _one(con, "launchers", actor="RUS", year=1987, component="IRBM – SS-20", source_id="lat-1985-10-26")
        == 441
    )
    assert (
        _one(con, "warheads", actor="RUS", year=1987, component="IRBM – SS-20", source_id="csm-1985") == 1161
    )
    assert _one(con, "launchers", actor="USA", year=1962, component="IRBM – Jupiter") == 45
    for year in (2002, 2010):
        zeros = _values(
            con,
            "SELECT DISTINCT launchers FROM postures WHERE year = ? AND actor IN ('USA', 'RUS') "
            "AND category IN ('glbm_intermediate', 'glcm_intermediate')",
            year,
        )
        assert zeros == [(0,)]


def test_unconfirmed_values_stay_out(con: duckdb.DuckDBPyConnection) -> None:
    # Soviet SLBMs in 1962, Soviet SLBMs and bombers in 1987: UNCONFIRMED in the reference
    assert not _values(
        con,
        "SELECT * FROM postures WHERE actor = 'RUS' AND ((year = 1962 AND "
        "category = 'slbm') OR (year = 1987 AND category IN ('slbm', 'bomber')))",
    )
    # 1987 INF memorandum figures recalled from memory: 405 SS-20, 309 GLCM, 120 Pershing II
    assert not _values(
        con,
        "SELECT * FROM postures WHERE year = 1987 AND "
        "(launchers IN (405, 309) OR (component = 'Pershing II' AND launchers = 120))",
    )
    # Thor range (from memory) and the Moscow ABM 32 + 68 split
    assert _one(con, "range_km", actor="USA", year=1962, component="IRBM – Thor") is None
    assert not _values(con, "SELECT * FROM postures WHERE category = 'interceptor' AND launchers IN (32, 68)")


def test_vocabularies_and_bounds(con: duckdb.DuckDBPyConnection) -> None:
    rows = _values(
        con,
        "SELECT category, counting_rule, confidence, scope, alert_fraction, launchers, "
        "range_km, as_of FROM postures",
    )
    assert len(rows) > 200
    for cat, rule, conf, scope, alert, launchers, range_km, as_of in rows:
        assert cat in POSTURE_CATEGORIES and rule in POSTURE_COUNTING_RULES
        assert conf in POSTURE_CONFIDENCE and scope in ("total", "type", "part")
        assert alert is None or (0.0 <= alert <= 1.0 and launchers is None)
        if range_km is not None and cat in RANGE_BANDS:
            lo, hi = RANGE_BANDS[cat]
            assert lo <= range_km <= hi, (cat, range_km)
        assert as_of is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", as_of)
    assert set(CATEGORIES) <= set(POSTURE_CATEGORIES)


def _numbers(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def test_every_number_appears_in_the_reference_section_of_its_year(
    con: duckdb.DuckDBPyConnection,
) -> None:
    # Each value must occur in the note's section for that snapshot year, or in its Conflicts
    # section (where disagreeing figures are listed), not merely anywhere in the note.
    text = REFERENCE.read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    by_year = {int(m.group(1)): sec for sec in sections if (m := re.match(r"(\d{4})\b", sec))}
    conflicts = next(sec for sec in sections if sec.startswith("Conflicts"))
    cols = ("launchers", "missiles", "warheads_per_launcher", "warheads", "range_km")
    rows = _values(con, f"SELECT year, component, {', '.join(cols)} FROM postures")
    assert {int(str(r[0])) for r in rows} <= set(by_year)
    for row in rows:
        allowed = _numbers(by_year[int(str(row[0]))]) | _numbers(conflicts)
        for col, value in zip(cols, row[2:], strict=True):
            assert value is None or float(str(value)) in allowed, (row[0], row[1], col, value)
