"""`stratlab data …` on good and bad input, run as a user runs it (a subprocess)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cli_helpers import assert_one_line_error, stratlab


def test_tables_lists_every_table_with_rows() -> None:
    res = stratlab("data", "tables", "--format", "json")
    assert res.returncode == 0, res.stderr
    rows = {r["table"]: r for r in json.loads(res.stdout)}
    assert rows["speeches"]["rows"] == 388
    assert "fas-2023" in rows["stockpiles"]["sources"]


def test_show_with_where_as_csv() -> None:
    res = stratlab("data", "show", "stockpiles", "--where", "country='USA' AND year=1967",
                   "--format", "csv")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["country"], r["year"], r["warheads"]) for r in rows] == [("USA", "1967", "31255")]


def test_show_table_format_renders() -> None:
    res = stratlab("data", "show", "treaties", "--limit", "3")
    assert res.returncode == 0, res.stderr
    assert "treaty_id" in res.stdout


def test_query_returns_json() -> None:
    res = stratlab("data", "query", "SELECT ended FROM treaties WHERE short_name = 'INF'",
                   "--format", "json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)[0]["ended"].startswith("2019-08-02")


def test_timeline_shows_both_sides() -> None:
    res = stratlab("data", "timeline", "inf", "--format", "csv")
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {"USA", "RUS"} <= {r["actor"] for r in rows}
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)


def test_cite_bibtex() -> None:
    res = stratlab("data", "cite", "speeches", "--format", "bibtex")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("@misc{ungdc-v13,")


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("data", "show", "nosuch"), ("unknown table 'nosuch'", "stockpiles")),
        (("data", "query", "SELEC * FROM treaties"), ("SQL:",)),
        (("data", "query", "SELECT * FROM nosuch"), ("SQL:", "nosuch")),
        (("data", "query", "DELETE FROM treaties"), ("read-only",)),
        (("data", "query", "INSERT INTO actors VALUES ('X','X',NULL,'ISO3','state',NULL,'x')"),
         ("read-only",)),
        (("data", "query", "DROP TABLE sources"), ("read-only",)),
        (("data", "show", "stockpiles", "--where", "nonsense_col = 1"), ("--where:", "nonsense_col")),
        (("data", "show", "stockpiles", "--format", "xml"), ("--format 'xml'",)),
        (("data", "cite", "nosuch"), ("unknown table or source id: nosuch",)),
        (("data", "timeline", "XYZ"), ("unknown treaty 'XYZ'", "INF")),
    ],
)
def test_bad_input_gives_one_line_error(args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    assert_one_line_error(stratlab(*args), *needles)


def test_write_attempt_changes_nothing() -> None:
    before = stratlab("data", "query", "SELECT count(*) AS n FROM treaties", "--format", "json")
    assert_one_line_error(stratlab("data", "query", "DELETE FROM treaties"), "read-only")
    after = stratlab("data", "query", "SELECT count(*) AS n FROM treaties", "--format", "json")
    assert json.loads(before.stdout) == json.loads(after.stdout)
    assert json.loads(after.stdout)[0]["n"] >= 11


def test_csv_writes_list_columns_as_in_the_catalog_files() -> None:
    res = stratlab("data", "query", "SELECT ['inf', 'treaty'] AS tags", "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["tags", "inf;treaty"]
