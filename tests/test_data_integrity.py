"""Integrity of the catalog and spot values pinned to the reference facts.

Expected numbers come from shared/reference/facts.md and the bundled data sets' READMEs
(which cite FAS, COW, the UNGDC, OSIA, UPI and the treaty texts); none is this code's output.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from stratlab.data import TABLES, catalog


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return catalog()


def one(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> object:
    row = con.execute(sql, list(params)).fetchone()
    assert row is not None, sql
    return row[0]


@pytest.mark.parametrize("table", [t.name for t in TABLES])
def test_every_table_has_rows(con: duckdb.DuckDBPyConnection, table: str) -> None:
    assert one(con, f'SELECT count(*) FROM "{table}"') > 0


@pytest.mark.parametrize("table", [t.name for t in TABLES])
def test_every_source_id_resolves(con: duckdb.DuckDBPyConnection, table: str) -> None:
    dangling = con.execute(
        f'SELECT DISTINCT t.source_id FROM "{table}" t ANTI JOIN sources s USING (source_id)'
    ).fetchall()
    assert dangling == []


@pytest.mark.parametrize("table", [t for t in TABLES])
def test_keys_are_unique(con: duckdb.DuckDBPyConnection, table: object) -> None:
    t = table  # type: ignore[assignment]
    key = ", ".join(f'"{k}"' for k in t.key)  # type: ignore[attr-defined]
    dup = con.execute(
        f'SELECT {key}, count(*) FROM "{t.name}" GROUP BY ALL HAVING count(*) > 1'  # type: ignore[attr-defined]
    ).fetchall()
    assert dup == []


@pytest.mark.parametrize("table", [t for t in TABLES if t.actor_columns])
def test_country_codes_are_known_actors(con: duckdb.DuckDBPyConnection, table: object) -> None:
    t = table  # type: ignore[assignment]
    for col in t.actor_columns:  # type: ignore[attr-defined]
        is_list = col in t.list_columns  # type: ignore[attr-defined]
        expr = f'unnest("{col}")' if is_list else f'"{col}"'
        unknown = con.execute(
            f'SELECT DISTINCT code FROM (SELECT {expr} AS code FROM "{t.name}") '  # type: ignore[attr-defined]
            "WHERE code IS NOT NULL AND code NOT IN (SELECT actor FROM actors)"
        ).fetchall()
        assert unknown == [], (t.name, col)  # type: ignore[attr-defined]


def test_every_source_has_citation_and_licence(con: duckdb.DuckDBPyConnection) -> None:
    bad = con.execute(
        "SELECT source_id FROM sources WHERE trim(citation) = '' OR trim(licence) = ''"
    ).fetchall()
    assert bad == []


def test_treaty_dates_are_ordered(con: duckdb.DuckDBPyConnection) -> None:
    bad = con.execute(
        "SELECT short_name FROM treaties WHERE signed > entry_into_force "
        "OR entry_into_force > ended OR signed > ended"
    ).fetchall()
    assert bad == []


def test_required_treaties_present(con: duckdb.DuckDBPyConnection) -> None:
    names = " | ".join(
        r[0] + " " + r[1] for r in con.execute("SELECT short_name, name FROM treaties").fetchall()
    ).lower()
    for needle in ("inf", "abm", "salt i", "salt ii", "start i", "start ii", "sort",
                   "new start", "npt", "ctbt", "open skies"):
        assert needle in names, needle


def test_inf_dates_match_reference(con: duckdb.DuckDBPyConnection) -> None:
    # facts.md §1.1 and §1.5: signed 8 Dec 1987, in force 1 Jun 1988, ended 2 Aug 2019.
    row = con.execute(
        "SELECT signed, entry_into_force, ended FROM treaties WHERE short_name = 'INF'"
    ).fetchone()
    assert row == (dt.date(1987, 12, 8), dt.date(1988, 6, 1), dt.date(2019, 8, 2))


def test_start_ii_never_entered_into_force(con: duckdb.DuckDBPyConnection) -> None:
    # facts.md §2: signed 3 Jan 1993, never entered into force.
    row = con.execute(
        "SELECT signed, entry_into_force FROM treaties WHERE short_name = 'START II'"
    ).fetchone()
    assert row == (dt.date(1993, 1, 3), None)


def test_new_start_dates_and_limits(con: duckdb.DuckDBPyConnection) -> None:
    # facts.md §2: signed 8 Apr 2010, in force 5 Feb 2011, expired 5 Feb 2026; 1,550/700/800.
    tid, signed, eif, ended = con.execute(
        "SELECT treaty_id, signed, entry_into_force, ended FROM treaties "
        "WHERE short_name = 'New START'"
    ).fetchone()  # type: ignore[misc]
    assert (signed, eif, ended) == (dt.date(2010, 4, 8), dt.date(2011, 2, 5), dt.date(2026, 2, 5))
    values = {r[0] for r in con.execute(
        "SELECT value FROM treaty_rules WHERE treaty_id = ?", [tid]).fetchall()}
    assert {1550.0, 700.0, 800.0} <= values


def test_inf_band_is_500_to_5500_km_for_ground_launched_missiles(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = con.execute(
        "SELECT value, unit, applies_to FROM treaty_rules r JOIN treaties t USING (treaty_id) "
        "WHERE t.short_name = 'INF' AND unit = 'km'"
    ).fetchall()
    values = {r[0] for r in rows}
    assert {500.0, 5500.0} <= values
    assert all({"GLBM", "GLCM"} <= set(r[2]) for r in rows if r[0] in (500.0, 5500.0))


def test_inf_2019_steps_of_both_sides(con: duckdb.DuckDBPyConnection) -> None:
    # facts.md §1.5: US suspension and notice 2 Feb 2019; Russia's suspension steps in 2019;
    # withdrawal effective 2 Aug 2019.
    rows = set(con.execute(
        "SELECT actor, event, date FROM treaty_events e JOIN treaties t USING (treaty_id) "
        "WHERE t.short_name = 'INF' AND year(date) = 2019"
    ).fetchall())
    assert ("USA", "withdrawal_notice", dt.date(2019, 2, 2)) in rows
    assert ("USA", "suspended", dt.date(2019, 2, 2)) in rows
    assert any(a == "RUS" and e == "suspended" for a, e, _ in rows)
    assert any(e == "withdrawn" and d == dt.date(2019, 8, 2) for _, e, d in rows)


def test_inf_eliminations_match_osia_and_upi(con: duckdb.DuckDBPyConnection) -> None:
    # facts.md §1.2: US 846 missiles, USSR 1,846; per-system counts sum to those; 2,692 in all.
    per_system = dict(con.execute(
        "SELECT country, sum(missiles) FROM inf_eliminations "
        "WHERE basis = 'eliminated' AND system_id IS NOT NULL GROUP BY country"
    ).fetchall())
    assert per_system == {"USA": 846, "RUS": 1846}
    ss20 = one(con, "SELECT missiles FROM inf_eliminations WHERE system_id = 'ss-20' "
                    "AND basis = 'eliminated'")
    assert ss20 == 654


def test_inf_mou_conflict_is_visible(con: duckdb.DuckDBPyConnection) -> None:
    # facts.md §1.2 conflict: MOU at signing counted 859 US and 1,752 Soviet missiles.
    mou = dict(con.execute(
        "SELECT country, missiles FROM inf_eliminations WHERE basis = 'mou_1987' "
        "AND system_id IS NULL").fetchall())
    assert mou == {"USA": 859, "RUS": 1752}


def test_9m729_range_dispute_is_recorded(con: duckdb.DuckDBPyConnection) -> None:
    # facts.md §4.1: Russia says 480 km; German press citing Western intelligence up to 2,350 km.
    assert one(con, "SELECT range_disputed FROM missile_systems WHERE system_id = '9m729'") is True
    maxima = {r[0] for r in con.execute(
        "SELECT range_km_max FROM missile_ranges WHERE system_id = '9m729'").fetchall()}
    assert {480.0, 2350.0} <= maxima


def test_inf_systems_of_both_sides_present(con: duckdb.DuckDBPyConnection) -> None:
    # facts.md §1.1, "Types named in the treaty": US Pershing II, BGM-109G, Pershing IA; USSR
    # SS-20, SS-4, SS-5, SSC-X-4, SS-12, SS-23.
    rows = set(con.execute(
        "SELECT country, system_id FROM missile_systems WHERE inf_accountable").fetchall())
    assert rows == {("USA", "pershing-2"), ("USA", "bgm-109g"), ("USA", "pershing-1a"),
                    ("RUS", "ss-20"), ("RUS", "ss-4"), ("RUS", "ss-5"), ("RUS", "ssc-x-4"),
                    ("RUS", "ss-12"), ("RUS", "ss-23")}


@pytest.mark.parametrize(
    ("country", "year", "warheads"),
    # shared/data/fas_nuclear_warheads/README.md: peaks and 2023 values of the FAS 2023 release.
    [("USA", 1967, 31255), ("RUS", 1986, 40159), ("USA", 2023, 3708), ("RUS", 2023, 4489),
     ("CHN", 2023, 410)],
)
def test_fas_stockpile_values(
    con: duckdb.DuckDBPyConnection, country: str, year: int, warheads: int
) -> None:
    got = one(con, "SELECT warheads FROM stockpiles WHERE country = ? AND year = ? "
                   "AND source_id = 'fas-2023'", country, year)
    assert got == warheads


def test_stockpile_conflicts_are_kept(con: duckdb.DuckDBPyConnection) -> None:
    # facts.md §3.2: US 2017 is 3,822 in FAS 2023 and 4,000 in the Bulletin's series.
    rows = dict(con.execute(
        "SELECT source_id, warheads FROM stockpiles WHERE country = 'USA' AND year = 2017"
    ).fetchall())
    assert rows == {"fas-2023": 3822, "bulletin-nn-2017": 4000}
    assert one(con, "SELECT count(*) FROM stockpiles") == 536  # facts.md §3.1 companion file


@pytest.mark.parametrize(
    ("country", "year", "cinc"),
    # shared/data/cow_nmc/README.md, "Values to check (v7.0 CINC)".
    [("USA", 1946, 0.364), ("USA", 1987, 0.134), ("USA", 2022, 0.124), ("RUS", 1987, 0.173),
     ("RUS", 2000, 0.051), ("RUS", 2022, 0.038), ("CHN", 1987, 0.112), ("CHN", 2022, 0.234)],
)
def test_cinc_values(con: duckdb.DuckDBPyConnection, country: str, year: int, cinc: float) -> None:
    got = one(con, "SELECT cinc FROM capabilities WHERE country = ? AND year = ?", country, year)
    assert got == pytest.approx(cinc, abs=5e-4)


def test_speech_coverage_matches_corpus_readme(con: duckdb.DuckDBPyConnection) -> None:
    # shared/data/ungdc_p5_speeches/README.md: USA 79, GBR 79, RUS 78, CHN 78, FRA 74 (388).
    counts = dict(con.execute("SELECT country, count(*) FROM speeches GROUP BY 1").fetchall())
    assert counts == {"USA": 79, "GBR": 79, "RUS": 78, "CHN": 78, "FRA": 74}
    assert one(con, "SELECT count(*) FROM speeches WHERE session != year - 1945") == 0


def test_events_cover_inf_and_us_russia_milestones(con: duckdb.DuckDBPyConnection) -> None:
    first, last = con.execute(
        "SELECT min(date), max(date) FROM events WHERE list_contains(tags, 'inf')"
    ).fetchone()  # type: ignore[misc]
    assert first.year <= 1977 and last >= dt.date(2019, 8, 2)
    years = {r[0] for r in con.execute(
        "SELECT DISTINCT year(date) FROM events WHERE list_contains(actors, 'USA') "
        "AND list_contains(actors, 'RUS') AND year(date) BETWEEN 1991 AND 2024").fetchall()}
    assert len(years) >= 10
