"""The `forces` table: read from a directory of per-country CSVs, with its own checks.

Every test corrupts a private copy of the tables (the ``tables_copy`` fixture) and expects the
build to stop with a message naming the file, the line and the column of the broken row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from data_helpers import expect_build_error
from stratlab.data import data_version, load_tables
from stratlab.data.forces_checks import interpolate

HEADER = (
    "country,year,system,leg,range_class,basing,deployed_in,range_km,launchers,"
    "warheads_per_launcher,warheads,basis,anchor_years,counting_rule,preferred,confidence,as_of,"
    "note,source_id"
)


def _append(path: Path, *rows: str) -> int:
    """Append rows to a CSV; return the line number of the first one."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    first = text.count("\n") + 1
    path.write_text(text + "\n".join(rows) + "\n", encoding="utf-8")
    return first


def _row(year: int, system: str = "Test missile", launchers: str = "10", warheads: str = "10",
         basis: str = "sourced", anchors: str = "", preferred: str = "true",
         leg: str = "icbm", source: str = "start1-mou-1990", rule: str = "estimate") -> str:
    return (f"USA,{year},{system},{leg},intercontinental,fixed,USA,,{launchers},1,{warheads},"
            f"{basis},{anchors},{rule},{preferred},Low,,,{source}")


def _usa(tables: Path) -> Path:
    return tables / "forces" / "USA.csv"



def test_real_forces_table_loads_from_its_directory() -> None:
    rows = load_tables()["forces"]
    assert {r.values["country"] for r in rows} >= {"USA"}
    assert all(r.path is not None and r.path.parent.name == "forces" for r in rows)


def test_interpolation_rule_rounds_half_up() -> None:
    assert interpolate(1986, 1985, 10, 1987, 11) == 11  # 10.5 rounds up, not to even
    assert interpolate(1988, 1985, 100, 1990, 0) == 40
    assert interpolate(1988, 1985, None, 1990, 0) is None


def test_second_country_file_is_concatenated(tables_copy: Path) -> None:
    other = tables_copy / "forces" / "ZZZ.csv"
    other.write_text(HEADER + "\n" + _row(1990) + "\n", encoding="utf-8")
    rows = load_tables(tables_copy)["forces"]
    assert any(r.path == other for r in rows)


def test_header_mismatch_in_one_file_names_that_file(tables_copy: Path) -> None:
    other = tables_copy / "forces" / "ZZZ.csv"
    other.write_text(HEADER.replace("launchers,", "launcher,", 1) + "\n", encoding="utf-8")
    expect_build_error(tables_copy, "ZZZ.csv, line 1", "header")


def test_unknown_leg_is_named(tables_copy: Path) -> None:
    line = _append(_usa(tables_copy), _row(1990, leg="glcm"))
    expect_build_error(tables_copy, f"USA.csv, line {line}, leg", "'glcm'", "vocabulary")


@pytest.mark.parametrize("column,bad", [
    ("range_class", "global"), ("basing", "silo"), ("basis", "guessed"),
    ("counting_rule", "salt2_database"), ("confidence", "Certain"),
])
def test_every_vocabulary_is_checked(tables_copy: Path, column: str, bad: str) -> None:
    row = _row(1990).split(",")
    idx = HEADER.split(",").index(column)
    row[idx] = bad
    line = _append(_usa(tables_copy), ",".join(row))
    expect_build_error(tables_copy, f"USA.csv, line {line}, {column}", repr(bad))


def test_two_preferred_rows_for_one_system_year_fail(tables_copy: Path) -> None:
    path = _usa(tables_copy)
    _append(path, _row(1990))
    line = _append(path, _row(1990, source="nn-us-2025"))
    expect_build_error(tables_copy, f"USA.csv, line {line}, preferred", "second preferred row")


def test_system_year_without_a_preferred_row_fails(tables_copy: Path) -> None:
    line = _append(_usa(tables_copy), _row(1990, preferred="false"))
    expect_build_error(tables_copy, f"USA.csv, line {line}, preferred", "no preferred row")


def test_duplicate_key_fails(tables_copy: Path) -> None:
    path = _usa(tables_copy)
    _append(path, _row(1990))
    line = _append(path, _row(1990, preferred="false"))
    expect_build_error(tables_copy, f"USA.csv, line {line}", "duplicate key")


def _interp_case(tables: Path, mid: str) -> int:
    path = _usa(tables)
    _append(path, _row(1980, launchers="100", warheads="300"),
            _row(1985, launchers="0", warheads="0", source="nn-us-2025"))
    return _append(path, mid)


def test_interpolated_row_on_the_line_passes(tables_copy: Path) -> None:
    _interp_case(tables_copy, _row(1983, launchers="40", warheads="120", basis="interpolated",
                                   anchors="1980;1985", source="nn-us-2025"))
    load_tables(tables_copy)


def test_interpolated_row_off_the_line_fails(tables_copy: Path) -> None:
    line = _interp_case(tables_copy, _row(1983, launchers="41", warheads="120",
                                          basis="interpolated", anchors="1980;1985",
                                          source="nn-us-2025"))
    expect_build_error(tables_copy, f"USA.csv, line {line}, launchers", "expected 40")


@pytest.mark.parametrize("anchors,needle", [
    ("1980", "not two years"), ("1984;1985", "does not bracket"),
    ("1979;1985", "anchor year 1979 has none"),
])
def test_interpolated_row_needs_two_sourced_anchors(tables_copy: Path, anchors: str,
                                                    needle: str) -> None:
    line = _interp_case(tables_copy, _row(1983, launchers="40", warheads="120",
                                          basis="interpolated", anchors=anchors,
                                          source="nn-us-2025"))
    expect_build_error(tables_copy, f"USA.csv, line {line}, anchor_years", needle)


def test_interpolated_row_cites_the_later_anchor(tables_copy: Path) -> None:
    line = _interp_case(tables_copy, _row(1983, launchers="40", warheads="120",
                                          basis="interpolated", anchors="1980;1985"))
    expect_build_error(tables_copy, f"USA.csv, line {line}, source_id", "'nn-us-2025'")


def test_sourced_row_with_anchor_years_fails(tables_copy: Path) -> None:
    line = _append(_usa(tables_copy),
                   _row(1990, anchors="1980;1995"))
    msg = expect_build_error(tables_copy, f"USA.csv, line {line}, anchor_years")
    assert re.search(r"expected empty", msg)


def test_data_version_follows_the_country_files(tables_copy: Path) -> None:
    before = data_version(tables_copy)
    _append(_usa(tables_copy), _row(1990))
    changed = data_version(tables_copy)
    assert changed != before
    (tables_copy / "forces" / "USA.csv").rename(tables_copy / "forces" / "ZZZ.csv")
    assert data_version(tables_copy) != changed  # a renamed country file is another table
