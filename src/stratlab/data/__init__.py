"""The cited data catalog: CSV tables under version control, built into a read-only DuckDB.

>>> from stratlab.data import catalog, cite, power_shares
>>> con = catalog()                       # read-only, locked DuckDB connection
>>> query("SELECT * FROM actors LIMIT 3")  # one checked query, row and time limits
>>> con.sql("SELECT short_name, signed, ended FROM treaties").df()
>>> power_shares(["USA", "RUS", "CHN"], 1987, 1991)   # CINC shares within the set
>>> print(cite("treaties"))               # citations behind a table
"""

from __future__ import annotations

from stratlab.data.build import DataError, build_catalog, data_version, load_tables
from stratlab.data.cite import Citation, citations, cite
from stratlab.data.power import power_shares
from stratlab.data.schema import TABLE_BY_NAME, TABLES, Column, Table
from stratlab.data.store import QueryError, catalog, catalog_path, data_version_in_use, query, select_where

__all__ = [
    "TABLES",
    "TABLE_BY_NAME",
    "Citation",
    "Column",
    "DataError",
    "QueryError",
    "Table",
    "build_catalog",
    "catalog",
    "catalog_path",
    "citations",
    "cite",
    "data_version",
    "data_version_in_use",
    "load_tables",
    "power_shares",
    "query",
    "select_where",
]
