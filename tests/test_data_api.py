"""The Python API: read-only guarantee, citations, power shares."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from stratlab.data import catalog, catalog_path, citations, cite, power_shares
from stratlab.data.cite import UnknownSourceError

WRITES = [
    "INSERT INTO stockpiles VALUES ('USA', 1900, 1, NULL, 'fas-2023')",
    "UPDATE stockpiles SET warheads = 0",
    "DELETE FROM treaties",
    "CREATE TABLE x (a INTEGER)",
    "DROP TABLE sources",
    "ALTER TABLE actors ADD COLUMN y INTEGER",
    "CREATE VIEW v AS SELECT 1",
]


@pytest.mark.parametrize("sql", WRITES)
def test_catalog_refuses_writes_and_changes_nothing(sql: str) -> None:
    path: Path = catalog_path()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    con = catalog()
    counts = con.execute("SELECT (SELECT count(*) FROM stockpiles), (SELECT count(*) FROM treaties)"
                         ).fetchone()
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute(sql)
    con.close()
    con = catalog()
    assert con.execute("SELECT (SELECT count(*) FROM stockpiles), (SELECT count(*) FROM treaties)"
                       ).fetchone() == counts
    con.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_cite_a_table_lists_its_sources() -> None:
    ids = {c.source_id for c in citations("stockpiles")}
    assert {"fas-2023", "bulletin-nn-2017", "sipri-yb-2025"} <= ids
    text = cite("capabilities")
    assert "Singer" in text and "licence" in text


def test_cite_bibtex_is_well_formed() -> None:
    bib = cite("ungdc-v13", fmt="bibtex")
    assert bib.startswith("@misc{ungdc-v13,")
    assert bib.count("{") == bib.count("}")
    assert "urldate = {2026-11-24}" in bib


def test_cite_unknown_name_raises() -> None:
    with pytest.raises(UnknownSourceError, match="no-such-thing"):
        cite("no-such-thing")


def test_power_shares_sum_to_one_and_match_published_cinc() -> None:
    shares = power_shares(["USA", "RUS", "CHN"], 1987, 1987)
    assert shares.sum(axis=1).to_numpy() == pytest.approx([1.0])
    # COW README check values for 1987: USA 0.134, USSR 0.173, CHN 0.112.
    expected = 0.173 / (0.134 + 0.173 + 0.112)
    assert shares.loc[1987, "RUS"] == pytest.approx(expected, abs=2e-3)


def test_power_shares_rejects_unknown_actor() -> None:
    with pytest.raises(ValueError, match="XXX"):
        power_shares(["USA", "XXX"])
