"""Open the catalog: a read-only DuckDB connection over the built tables.

Where the database lives, first match wins:
1. ``$STRATLAB_CATALOG`` — a catalog file built by ``stratlab data build``;
2. ``stratlab/data/catalog.duckdb`` inside the installed package, if its data version matches
   the CSV tables shipped beside it;
3. the user cache (``$STRATLAB_CACHE_DIR``, else ``$XDG_CACHE_HOME/stratlab``, else
   ``~/.cache/stratlab``), as ``catalog-<data version>.duckdb``; built there on first use.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import duckdb

from stratlab.data.build import TABLES_DIR, build_catalog, data_version

PACKAGED = Path(__file__).resolve().parent / "catalog.duckdb"


def cache_dir() -> Path:
    """Directory for the built catalog when the package holds none."""
    if env := os.environ.get("STRATLAB_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stratlab"


@functools.cache
def _current_version() -> str:
    return data_version(TABLES_DIR)


def _version_of(path: Path) -> str | None:
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute("SELECT value FROM _meta WHERE key = 'data_version'").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return None if row is None else str(row[0])


@functools.cache
def catalog_path() -> Path:
    """Path of the catalog database, building it into the cache if needed."""
    if env := os.environ.get("STRATLAB_CATALOG"):
        path = Path(env)
        if not path.exists():
            raise FileNotFoundError(f"STRATLAB_CATALOG={env}: no such file")
        return path
    version = _current_version()
    if PACKAGED.exists() and _version_of(PACKAGED) == version:
        return PACKAGED
    cached = cache_dir() / f"catalog-{version}.duckdb"
    if not cached.exists():
        build_catalog(cached)
    return cached


def catalog() -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to the catalog.

    Any statement that would change the catalog (INSERT, UPDATE, DELETE, CREATE, DROP, ALTER …)
    raises ``duckdb.InvalidInputException`` and changes nothing.

    >>> from stratlab.data import catalog
    >>> catalog().sql("SELECT ended FROM treaties WHERE short_name = 'INF'").fetchone()
    (datetime.date(2019, 8, 2),)
    """
    return duckdb.connect(str(catalog_path()), read_only=True)


def data_version_in_use() -> str:
    """The data version of the catalog that :func:`catalog` opens."""
    return _version_of(catalog_path()) or _current_version()
