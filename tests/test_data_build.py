"""The build rejects bad rows with an error naming file, line and column."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from stratlab.data import TABLES, DataError, build_catalog, data_version, load_tables


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def test_build_writes_every_table_with_meta(tmp_path: Path) -> None:
    out = build_catalog(tmp_path / "c.duckdb")
    con = duckdb.connect(str(out), read_only=True)
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert {t.name for t in TABLES} <= names
    meta = dict(con.execute("SELECT key, value FROM _meta").fetchall())
    assert meta["data_version"] == data_version()


def test_column_types_follow_schema(fresh_catalog: Path) -> None:
    con = duckdb.connect(str(fresh_catalog), read_only=True)
    for t in TABLES:
        got = dict(
            con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
                [t.name],
            ).fetchall()
        )
        assert got == {c.name: c.type for c in t.columns}, t.name


def test_unknown_source_id_names_file_line_and_column(tables_copy: Path) -> None:
    path = tables_copy / "stockpiles.csv"
    line = _line_of(path, "USA,1967,31255")
    _edit(path, "USA,1967,31255,,fas-2023", "USA,1967,31255,,no-such-source")
    with pytest.raises(DataError) as err:
        load_tables(tables_copy)
    msg = str(err.value)
    assert f"stockpiles.csv, line {line}, source_id" in msg
    assert "'no-such-source' does not resolve in sources" in msg


def test_bad_integer_is_reported_with_expectation(tables_copy: Path) -> None:
    path = tables_copy / "stockpiles.csv"
    line = _line_of(path, "USA,1967,31255")
    _edit(path, "USA,1967,31255", "USA,1967,lots")
    with pytest.raises(DataError, match=rf"line {line}, warheads: 'lots' is not a whole number"):
        load_tables(tables_copy)


def test_bad_date_is_reported(tables_copy: Path) -> None:
    path = tables_copy / "treaties.csv"
    _edit(path, "2019-08-02", "2019-02-30")
    with pytest.raises(DataError, match=r"treaties\.csv, line \d+, ended: '2019-02-30' is not a date"):
        load_tables(tables_copy)


def test_duplicate_key_points_to_both_lines(tables_copy: Path) -> None:
    path = tables_copy / "stockpiles.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"line {len(lines) + 1}.*duplicate key.*first at line 2"):
        load_tables(tables_copy)


def test_unknown_actor_is_rejected(tables_copy: Path) -> None:
    _edit(tables_copy / "stockpiles.csv", "USA,1967,31255", "XXX,1967,31255")
    with pytest.raises(DataError, match=r"country: unknown actor 'XXX'"):
        load_tables(tables_copy)


def test_wrong_header_is_rejected(tables_copy: Path) -> None:
    _edit(tables_copy / "stockpiles.csv", "country,year,warheads", "country,yr,warheads")
    with pytest.raises(DataError, match=r"stockpiles\.csv, line 1: header .*\(expected country,year"):
        load_tables(tables_copy)


def test_missing_required_value_is_rejected(tables_copy: Path) -> None:
    _edit(tables_copy / "stockpiles.csv", "USA,1967,31255", "USA,,31255")
    with pytest.raises(DataError, match=r"year: empty \(a value is required\)"):
        load_tables(tables_copy)


def test_treaty_dates_out_of_order_are_rejected(tables_copy: Path) -> None:
    path = tables_copy / "treaties.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("inf,"))
    bad = row.replace("1988-06-01", "1986-06-01")
    assert bad != row
    path.write_text(text.replace(row, bad), encoding="utf-8")
    with pytest.raises(DataError, match=r"dates out of order"):
        load_tables(tables_copy)


def test_event_outside_vocabulary_is_rejected(tables_copy: Path) -> None:
    path = tables_copy / "treaty_events.csv"
    text = path.read_text(encoding="utf-8")
    assert ",signed," in text
    path.write_text(text.replace(",signed,", ",inked,", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"event: 'inked' is not in the vocabulary"):
        load_tables(tables_copy)


def test_failed_build_leaves_no_file(tables_copy: Path, tmp_path: Path) -> None:
    _edit(tables_copy / "stockpiles.csv", "USA,1967,31255", "USA,1967,x")
    out = tmp_path / "c.duckdb"
    with pytest.raises(DataError):
        build_catalog(out, tables_copy)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if re.match(r"c\.duckdb\..*\.tmp", p.name)]


def test_data_version_changes_with_content(tables_copy: Path) -> None:
    before = data_version(tables_copy)
    _edit(tables_copy / "stockpiles.csv", "USA,1967,31255", "USA,1967,31256")
    assert data_version(tables_copy) != before
