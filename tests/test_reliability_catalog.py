"""Issue 15 reproducers, part 1: a catalog that cannot change and a query surface that touches
no file. Each test is one reproducer from the fuzz campaign; it fails if the hole reopens."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from cli_helpers import assert_one_line_error, stratlab, stratlab_inproc
from stratlab.data import DataError, QueryError, catalog, catalog_path, query, select_where, store


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def unchanged(tmp_path: Path) -> Iterator[Path]:
    """The catalog's checksum and the work folder's files are the same after the test."""
    path = catalog_path()
    before, files = _sha(path), set(tmp_path.iterdir())
    yield tmp_path
    assert _sha(path) == before
    assert set(tmp_path.iterdir()) == files


def test_the_attach_read_write_exploit_is_refused_and_changes_nothing(unchanged: Path) -> None:
    path = catalog_path()
    sql = (f"ATTACH '{unchanged / 'x.duckdb'}' AS s (READ_WRITE); USE s; DETACH \"{path.stem}\"; "
           f"ATTACH '{path}' AS c (READ_WRITE); UPDATE c.treaties SET ended=NULL WHERE short_name='INF'")
    assert_one_line_error(stratlab_inproc("data", "query", sql), "statements")
    for one in (f"ATTACH '{path}' AS c (READ_WRITE)", f"ATTACH '{unchanged / 'x.duckdb'}' AS s"):
        assert_one_line_error(stratlab_inproc("data", "query", one), "read-only", "ATTACH")
    assert str(query("SELECT ended FROM treaties WHERE short_name = 'INF'")["ended"][0]) == "2019-08-02"


def test_the_api_connection_cannot_attach_or_delete(unchanged: Path) -> None:
    path = catalog_path()
    con = catalog()
    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        con.execute(f"ATTACH '{unchanged / 'x.duckdb'}' AS s (READ_WRITE)")
    with pytest.raises(duckdb.Error):  # no in-memory or other database to switch to
        con.execute("ATTACH ':memory:' AS m")
    con.execute(f"ATTACH '{path}' AS c")  # a second read-only handle is all DuckDB allows …
    con.execute("USE c")
    con.execute(f'DETACH "{path.stem}"')
    for spelling in (path, Path(str(path.parent) + "/../" + path.parent.name) / path.name):
        with pytest.raises(duckdb.Error):  # … and the file cannot be attached for writing
            con.execute(f"ATTACH '{spelling}' AS w (READ_WRITE)")
    with pytest.raises(duckdb.Error, match="locked"):
        con.execute("SET enable_external_access = true")
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM speeches")
    assert con.execute("SELECT count(*) FROM speeches").fetchone()[0] > 0  # type: ignore[index]
    con.close()


@pytest.mark.parametrize("sql", [
    "COPY (SELECT * FROM actors) TO '{dir}/out.csv'",
    "EXPORT DATABASE '{dir}/dump'",
    "ATTACH '{dir}/new.duckdb' AS n (READ_WRITE); CREATE TABLE n.t AS SELECT 1",
    "PRAGMA enable_profiling = 'json'; PRAGMA profiling_output = '{dir}/p.json'; SELECT 1",
    "SELECT 1; SELECT 2",
    "SET threads = 1",
    "INSTALL httpfs",
    "LOAD httpfs",
    "CREATE TEMP TABLE t AS SELECT 1",
    "PRAGMA database_list",
    "CALL pragma_database_size()",
])
def test_statements_that_write_or_configure_are_refused(sql: str, unchanged: Path) -> None:
    assert_one_line_error(stratlab_inproc("data", "query", sql.format(dir=unchanged)))


@pytest.mark.parametrize("func", ["read_csv", "read_text", "read_blob", "glob", "read_parquet",
                                  "read_json"])
def test_table_functions_reach_no_file(func: str, unchanged: Path) -> None:
    secret = unchanged / "secret.csv"
    secret.write_text("a\n1\n", encoding="utf-8")
    res = stratlab_inproc("data", "query", f"SELECT * FROM {func}('{secret}')")
    assert_one_line_error(res, "disabled by configuration")
    secret.unlink()


def test_a_trusted_user_may_opt_into_external_access_in_the_api(tmp_path: Path) -> None:
    mine = tmp_path / "mine.csv"
    mine.write_text("actor\nUSA\n", encoding="utf-8")
    df = query("SELECT a.name FROM read_csv(?) m JOIN actors a USING (actor)", [str(mine)],
               external_access=True)
    assert df["name"].tolist() == ["United States of America"]
    with pytest.raises(QueryError, match="disabled by configuration"):
        query("SELECT * FROM read_csv(?)", [str(mine)])


def test_where_is_an_expression_never_spliced(unchanged: Path) -> None:
    target = unchanged / "w.csv"
    where = f"1=1); COPY (SELECT 1) TO '{target}'; SELECT * FROM actors WHERE (actor='USA'"
    assert_one_line_error(stratlab_inproc("data", "show", "actors", "--where", where), "--where")
    for bad in ("actor='USA'; SELECT 1", "actor='USA' ORDER BY 1", "", "   "):
        with pytest.raises(QueryError):
            select_where("actors", bad)
    assert select_where("actors", "actor IN ('USA', 'RUS')", order=["actor"])["actor"].tolist() == [
        "RUS", "USA"]


def test_query_has_a_row_and_a_time_limit() -> None:
    with pytest.raises(QueryError, match="more than 10 rows"):
        query("SELECT * FROM range(100)", max_rows=10)
    with pytest.raises(QueryError, match="time limit"):
        query("SELECT count(*) FROM range(10000000000) a", timeout=0.2)
    assert len(query("SELECT * FROM range(10)", max_rows=10)) == 10


def test_empty_query_is_one_line() -> None:
    assert_one_line_error(stratlab_inproc("data", "query", ""), "empty query")


def _fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STRATLAB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("STRATLAB_CATALOG", raising=False)
    monkeypatch.setattr(store, "PACKAGED", tmp_path / "no-packaged.duckdb")
    store.catalog_path.cache_clear()
    return store.catalog_path()


@pytest.mark.parametrize("damage", ["altered", "truncated", "garbage"])
def test_a_damaged_cached_catalog_is_rebuilt_never_used(
        damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        path = _fresh_cache(tmp_path, monkeypatch)
        assert oct(path.stat().st_mode & 0o777) == "0o444"
        os.chmod(path, 0o644)
        if damage == "altered":  # what the ATTACH exploit did: a valid database, other data
            con = duckdb.connect(str(path))
            con.execute("UPDATE treaties SET ended = NULL WHERE short_name = 'INF'")
            con.close()
        elif damage == "truncated":
            path.write_bytes(path.read_bytes()[: 4096])
        else:
            path.write_bytes(b"not a database")
        damaged = _sha(path)
        store.catalog_path.cache_clear()
        assert store.catalog_path() == path and _sha(path) != damaged
        store.verify(path)  # rebuilt: its checksum is the recorded one again
        assert str(query("SELECT ended FROM treaties WHERE short_name = 'INF'")["ended"][0]) == "2019-08-02"
    finally:
        store.catalog_path.cache_clear()


def test_a_changed_catalog_named_by_the_user_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = tmp_path / "c.duckdb"
    assert stratlab_inproc("data", "build", "--out", str(built)).returncode == 0
    monkeypatch.setenv("STRATLAB_CATALOG", str(built))
    try:
        store.catalog_path.cache_clear()
        assert store.catalog_path() == built
        os.chmod(built, 0o644)
        with open(built, "r+b") as fh:
            fh.seek(5000)
            fh.write(b"\xff\xff")
        store.catalog_path.cache_clear()
        with pytest.raises(DataError, match="checksum mismatch"):
            store.catalog_path()
        store.catalog_path.cache_clear()
        assert_one_line_error(stratlab_inproc("data", "tables"), "checksum mismatch")
    finally:
        store.catalog_path.cache_clear()


@pytest.mark.parametrize(("var", "value", "needle"), [
    ("STRATLAB_CATALOG", "/nonexistent/catalog.duckdb", "no such file"),
    ("STRATLAB_CATALOG", "/etc/hostname", "checksum"),
    ("XDG_CACHE_HOME", "/proc/nope", "cannot write"),
    ("XDG_CACHE_HOME", "/etc/hostname", "Not a directory"),
])
def test_a_bad_catalog_environment_is_one_line(var: str, value: str, needle: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STRATLAB_CACHE_DIR", raising=False)
    monkeypatch.setattr(store, "PACKAGED", Path("/nonexistent/packaged.duckdb"))
    monkeypatch.setenv(var, value)
    try:
        store.catalog_path.cache_clear()
        store._current_version.cache_clear()
        assert_one_line_error(stratlab_inproc("data", "query", "SELECT 1"), needle)
    finally:
        store.catalog_path.cache_clear()


def test_query_cli_as_a_subprocess_refuses_copy_and_writes_nothing(tmp_path: Path) -> None:
    res = stratlab("data", "query", f"COPY actors TO '{tmp_path / 'x.csv'}'")
    assert_one_line_error(res, "read-only", "COPY")
    assert res.returncode == 2 and not (tmp_path / "x.csv").exists()


def test_connections_are_read_only_locked_and_spill_no_files() -> None:
    con = catalog()
    settings = con.execute(
        "SELECT current_setting('access_mode'), current_setting('enable_external_access'), "
        "current_setting('lock_configuration'), current_setting('temp_directory'), "
        "current_setting('enable_progress_bar')").fetchone()
    con.close()
    assert settings == ("read_only", False, True, "", False)
