"""Open the catalog: a read-only, locked DuckDB connection over the built tables.

Where the database lives, first match wins:
1. ``$STRATLAB_CATALOG`` — a catalog file built by ``stratlab data build``;
2. ``stratlab/data/catalog.duckdb`` inside the installed package, if its data version matches
   the CSV tables shipped beside it;
3. the user cache (``$STRATLAB_CACHE_DIR``, else ``$XDG_CACHE_HOME/stratlab``, else
   ``~/.cache/stratlab``), as ``catalog-<data version>.duckdb``; built there on first use.

The catalog cannot change: it is written read-only (mode 0444) with its SHA-256 beside it
(``<file>.sha256``), and the checksum is verified when a process first opens it. A cached
catalog whose checksum does not match (altered, truncated, corrupt) is rebuilt; a
``$STRATLAB_CATALOG`` file that does not match is refused — neither is ever used.
Connections are opened read-only with ``enable_external_access = false`` (no file, extension
or network access: no ``ATTACH``, ``COPY … TO``, ``read_csv``, ``glob``) and
``lock_configuration = true`` (no ``SET`` can undo that). User SQL goes through :func:`query`,
which runs one statement that DuckDB's parser classifies as a query (``SELECT``, ``WITH``,
``DESCRIBE``, ``SHOW``, ``SUMMARIZE``, ``EXPLAIN``) within a row and a time limit.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from stratlab.atomic import OutputError
from stratlab.data.build import TABLES_DIR, DataError, build_catalog, data_version

if TYPE_CHECKING:
    import pandas as pd

PACKAGED = Path(__file__).resolve().parent / "catalog.duckdb"
MAX_ROWS = 1_000_000
"""Most rows :func:`query` returns; a larger result is refused (add a LIMIT)."""
QUERY_TIMEOUT_S = 60.0
"""Longest a :func:`query` may run before it is interrupted."""
MEMORY_LIMIT = "4GB"
"""DuckDB's memory limit on every catalog connection."""
_QUERY_TYPES = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


class QueryError(DataError):
    """User SQL that is refused or fails; the message is one line."""


def cache_dir() -> Path:
    """Directory for the built catalog when the package holds none."""
    if env := os.environ.get("STRATLAB_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stratlab"


@functools.cache
def _current_version() -> str:
    return data_version(TABLES_DIR)


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def checksum_path(path: Path) -> Path:
    """Where the recorded checksum of catalog ``path`` lives: ``<path>.sha256``."""
    return path.with_name(path.name + ".sha256")


def verify(path: Path) -> None:
    """Raise :class:`DataError` unless ``path``'s SHA-256 equals the one recorded beside it."""
    try:
        recorded = checksum_path(path).read_text(encoding="ascii").split()[0]
    except (OSError, UnicodeError, IndexError):
        raise DataError(f"catalog {path}: no recorded checksum ({checksum_path(path).name}); "
                        "rebuild it with `stratlab data build`") from None
    try:
        actual = sha256_of(path)
    except OSError as exc:
        raise DataError(f"catalog {path}: cannot read ({exc.strerror or exc})") from None
    if actual != recorded:
        raise DataError(f"catalog {path}: checksum mismatch (recorded {recorded[:12]}…, found "
                        f"{actual[:12]}…): the file changed after it was built; rebuild it with "
                        "`stratlab data build`")


def _version_of(path: Path) -> str | None:
    try:
        con = _connect(path, external_access=False)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT value FROM _meta WHERE key = 'data_version'").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return None if row is None else str(row[0])


def _verified(path: Path) -> bool:
    try:
        verify(path)
    except DataError:
        return False
    return True


def _cached_catalog() -> Path:
    folder = cache_dir()
    if folder.exists() and not folder.is_dir():
        raise DataError(f"catalog cache {folder}: exists and is not a directory (set "
                        "STRATLAB_CACHE_DIR to a writable folder)")
    cached = folder / f"catalog-{_current_version()}.duckdb"
    if cached.exists() and _verified(cached) and _version_of(cached) == _current_version():
        return cached
    try:
        for stale in (cached, checksum_path(cached)):  # altered, truncated or corrupt: rebuilt
            stale.unlink(missing_ok=True)
        build_catalog(cached, replace=True)
    except OutputError as exc:
        raise DataError(f"catalog cache: {exc}; set STRATLAB_CACHE_DIR to a writable folder") from None
    except OSError as exc:
        raise DataError(f"catalog cache {folder}: cannot write ({exc.strerror or exc}); set "
                        "STRATLAB_CACHE_DIR to a writable folder") from None
    return cached


@functools.cache
def catalog_path() -> Path:
    """Path of the verified catalog database, building it into the cache if needed."""
    if env := os.environ.get("STRATLAB_CATALOG"):
        path = Path(env)
        if not path.is_file():
            raise DataError(f"STRATLAB_CATALOG={env}: no such file")
        verify(path)
        if _version_of(path) is None:
            raise DataError(f"STRATLAB_CATALOG={env}: not a stratlab catalog")
        return path
    if PACKAGED.exists() and _verified(PACKAGED) and _version_of(PACKAGED) == _current_version():
        return PACKAGED
    return _cached_catalog()


def _connect(path: Path, *, external_access: bool) -> duckdb.DuckDBPyConnection:
    config: dict[str, Any] = {
        "enable_external_access": external_access,
        "memory_limit": MEMORY_LIMIT,
        "temp_directory": "",  # no spill files beside the catalog: a query beyond the limit fails
    }
    con = duckdb.connect(str(path), read_only=True, config=config)
    row = con.execute("SELECT current_setting('lock_configuration')").fetchone()
    if not (row and row[0]):  # the process's first connection to this file sets it up
        con.execute("SET enable_progress_bar = false")  # nothing on the terminal but results
        if not external_access:
            con.execute("SET lock_configuration = true")  # no SET can undo any of this
    return con


def catalog(*, external_access: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to the catalog, its configuration locked.

    Any statement that would change the catalog (INSERT, UPDATE, DELETE, CREATE, DROP …) raises
    ``duckdb.Error``; files, extensions and the network are out of reach (no ``ATTACH``,
    ``COPY … TO``, ``read_csv``). A trusted local user who wants to join the catalog with their
    own files may pass ``external_access=True`` (still read-only; configuration not locked). DuckDB
    shares one database instance per file within a process, so a process cannot hold a default
    and an ``external_access=True`` connection open at the same time (the second is refused).

    >>> from stratlab.data import catalog
    >>> catalog().sql("SELECT ended FROM treaties WHERE short_name = 'INF'").fetchone()
    (datetime.date(2019, 8, 2),)
    """
    path = catalog_path()
    try:
        return _connect(path, external_access=external_access)
    except duckdb.Error as exc:
        raise DataError(f"catalog {path}: cannot open ({' '.join(str(exc).split())})") from None


def check_query(sql: str) -> str:
    """The one statement in ``sql`` if DuckDB's parser classifies it as a query, else raise
    :class:`QueryError` (statements that write, attach, copy, set or load are refused)."""
    if not sql.strip():
        raise QueryError("SQL: empty query (expected one SELECT statement)")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"SQL: {str(exc).strip().splitlines()[0]}") from None
    if len(statements) != 1:
        raise QueryError(f"SQL: {len(statements)} statements (expected one query at a time)")
    kind = statements[0].type
    if kind not in _QUERY_TYPES:
        name = getattr(kind, "name", str(kind))
        raise QueryError(f"the catalog is read-only; {name} statement refused (expected SELECT, "
                         "WITH, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN)")
    return sql


Rows = tuple[list[str], list[tuple[Any, ...]]]


def _fetch(con: duckdb.DuckDBPyConnection, run: Callable[[], Rows], max_rows: int,
           timeout: float) -> pd.DataFrame:
    """``run()`` (column names, at most ``max_rows + 1`` rows) on ``con``, interrupted after
    ``timeout`` seconds; a DataFrame, or :class:`QueryError`."""
    import pandas as pd

    timer = threading.Timer(timeout, con.interrupt)
    timer.start()
    try:
        names, rows = run()
    except duckdb.InterruptException:
        raise QueryError(f"SQL: interrupted after the {timeout:g} s time limit") from None
    except duckdb.Error as exc:
        raise QueryError(f"SQL: {str(exc).strip().splitlines()[0]}") from None
    finally:
        timer.cancel()
    if len(rows) > max_rows:
        raise QueryError(f"SQL: more than {max_rows:,} rows (add a LIMIT)")
    return pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame(columns=names)


def query(sql: str, params: list[object] | None = None, *, max_rows: int = MAX_ROWS,
          timeout: float = QUERY_TIMEOUT_S, external_access: bool = False) -> pd.DataFrame:
    """Run one read-only query on the catalog; a DataFrame of at most ``max_rows`` rows.

    Refused with :class:`QueryError`: anything but one SELECT/WITH/DESCRIBE/SHOW/SUMMARIZE/EXPLAIN
    statement, a result of more than ``max_rows`` rows, a query running longer than ``timeout``
    seconds. ``external_access=True`` lets a trusted local user read their own files.

    >>> query("SELECT ended FROM treaties WHERE short_name = ?", ["INF"])["ended"][0]
    datetime.date(2019, 8, 2)
    """
    check_query(sql)
    con = catalog(external_access=external_access)

    def run() -> Rows:
        res = con.execute(sql, params or [])
        if res.description is None:
            return [], []
        return [d[0] for d in res.description], res.fetchmany(max_rows + 1)

    try:
        return _fetch(con, run, max_rows, timeout)
    finally:
        con.close()


def select_where(table: str, where: str | None = None, *, order: list[str] | None = None,
                 limit: int | None = None, max_rows: int = MAX_ROWS,
                 timeout: float = QUERY_TIMEOUT_S) -> pd.DataFrame:
    """Rows of ``table`` where the SQL *expression* ``where`` holds (parsed by DuckDB as one
    expression, never spliced into a statement), ordered by ``order``, at most ``limit``."""
    if where is not None and not where.strip():
        raise QueryError("--where: empty condition (expected an expression such as actor = 'USA')")
    con = catalog()

    def run() -> Rows:
        rel = con.table(table)
        if where is not None:
            rel = rel.filter(where)
        if order:
            rel = rel.order(", ".join(f'"{c}"' for c in order))
        rel = rel.limit(min(max_rows + 1 if limit is None else limit, max_rows + 1))
        return [d[0] for d in rel.description], rel.fetchall()

    try:
        return _fetch(con, run, max_rows, timeout)
    except QueryError as exc:
        raise QueryError(str(exc).replace("SQL:", "--where:", 1)) from None
    finally:
        con.close()


def data_version_in_use() -> str:
    """The data version of the catalog that :func:`catalog` opens."""
    return _version_of(catalog_path()) or _current_version()
