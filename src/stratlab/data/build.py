"""Build the typed DuckDB catalog from the CSV tables, checking every row on the way.

A bad row stops the build with a :class:`DataError` naming the file, the line and the column,
and saying what was expected. The checks: column headers match the schema; required fields
are present; values parse as their type; keys are unique; every ``source_id`` resolves in
``sources``; every actor code resolves in ``actors``; treaty and system ids resolve; the treaty
event vocabulary holds; treaty dates are ordered (signed ≤ in force ≤ ended). A table is either
one file ``<name>.csv`` or a directory ``<name>/`` of CSV files sharing one header (``forces``
has one file per country); the rows of the ``forces`` table pass the checks in
:mod:`stratlab.data.forces_checks` and :mod:`stratlab.data.forces_crosschecks`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from stratlab.data.schema import TABLE_BY_NAME, TABLES, TREATY_EVENTS, Column, Table
from stratlab.errors import DataError  # re-exported: the catalog's error type

TABLES_DIR = Path(__file__).resolve().parent / "tables"
csv.field_size_limit(2**31 - 1)



@dataclass(frozen=True)
class Record:
    """One parsed CSV record: its first line in the file, its typed values and its file."""

    line: int
    values: dict[str, Any]
    path: Path | None = None


def table_files(table: str, tables_dir: Path = TABLES_DIR) -> list[Path]:
    """The CSV files of a table: ``<name>/*.csv`` (sorted) when that directory exists, else
    ``<name>.csv``."""
    folder = tables_dir / table
    if folder.is_dir():
        return sorted(folder.glob("*.csv"))
    return [tables_dir / f"{table}.csv"]


def data_version(tables_dir: Path = TABLES_DIR) -> str:
    """Content hash of the CSV tables (first 12 hex digits of SHA-256): the data version."""
    h = hashlib.sha256()
    for t in TABLES:
        h.update(t.name.encode())
        for path in table_files(t.name, tables_dir):
            if path.parent.name == t.name:
                h.update(path.name.encode())
            h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()[:12]


def _parse(col: Column, raw: str) -> Any:
    if raw == "":
        return None
    base = col.type.removesuffix("[]")
    if col.type.endswith("[]"):
        return [_parse(Column(col.name, base), part.strip()) for part in raw.split(";")]
    if base == "VARCHAR":
        return raw
    if base == "INTEGER":
        return int(raw)
    if base == "DOUBLE":
        return float(raw)
    if base == "DATE":
        return dt.date.fromisoformat(raw)
    if base == "BOOLEAN":
        if raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        raise ValueError("not true/false")
    raise AssertionError(f"unknown type {col.type}")  # schema bug, not user input


_EXPECTED = {
    "INTEGER": "a whole number",
    "DOUBLE": "a number",
    "DATE": "a date YYYY-MM-DD",
    "BOOLEAN": "true or false",
}


def _records(table: Table, path: Path) -> Iterator[Record]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(f"{path}, line 1: empty file (expected a header row)") from None
        if tuple(header) != table.column_names:
            raise DataError(
                f"{path}, line 1: header {','.join(header)} "
                f"(expected {','.join(table.column_names)})"
            )
        start = reader.line_num + 1
        for row in reader:
            if not row:
                start = reader.line_num + 1
                continue
            if len(row) != len(header):
                raise DataError(
                    f"{path}, line {start}: {len(row)} fields (expected {len(header)})"
                )
            values: dict[str, Any] = {}
            for col, raw in zip(table.columns, row, strict=True):
                try:
                    values[col.name] = _parse(col, raw)
                except ValueError:
                    want = _EXPECTED[col.type.removesuffix("[]")]
                    raise DataError(
                        f"{path}, line {start}, {col.name}: {raw!r} is not {want}"
                    ) from None
                if values[col.name] is None and not col.nullable:
                    raise DataError(f"{path}, line {start}, {col.name}: empty (a value is required)")
            yield Record(start, values, path)
            start = reader.line_num + 1


def load_tables(tables_dir: Path = TABLES_DIR) -> dict[str, list[Record]]:
    """Read and check every table; raise :class:`DataError` at the first bad row."""
    out: dict[str, list[Record]] = {}
    from stratlab.data.forces_checks import check_forces
    from stratlab.data.forces_crosschecks import check_cross

    for t in TABLES:
        paths = table_files(t.name, tables_dir)
        if not paths or not paths[0].exists():
            where = paths[0] if paths else tables_dir / t.name
            raise DataError(f"{where}: missing table file (expected columns {','.join(t.column_names)})")
        out[t.name] = [rec for path in paths for rec in _records(t, path)]
    _check(out, tables_dir)
    check_forces(out)
    check_cross(out)
    return out


def _check(tables: dict[str, list[Record]], tables_dir: Path) -> None:
    def where(table: str, rec: Record, col: str) -> str:
        return f"{rec.path or tables_dir / (table + '.csv')}, line {rec.line}, {col}"

    known: dict[str, set[Any]] = {
        "source_id": {r.values["source_id"] for r in tables["sources"]},
        "actor": {r.values["actor"] for r in tables["actors"]},
        "treaty_id": {r.values["treaty_id"] for r in tables["treaties"]},
        "system_id": {r.values["system_id"] for r in tables["missile_systems"]},
    }
    refs: dict[str, Callable[[str], str | None]] = {
        "source_id": lambda t: "sources",
        "treaty_id": lambda t: None if t == "treaties" else "treaties",
        "system_id": lambda t: None if t == "missile_systems" else "missile_systems",
    }
    for t in TABLES:
        seen: dict[tuple[Any, ...], int] = {}
        for rec in tables[t.name]:
            key = tuple(rec.values[k] for k in t.key)
            if key in seen:
                raise DataError(
                    f"{where(t.name, rec, '/'.join(t.key))}: duplicate key {key} "
                    f"(first at line {seen[key]})"
                )
            seen[key] = rec.line
            for col, target in refs.items():
                if col not in rec.values or rec.values[col] is None:
                    continue
                if target(t.name) and rec.values[col] not in known[col]:
                    raise DataError(
                        f"{where(t.name, rec, col)}: {rec.values[col]!r} does not resolve in "
                        f"{target(t.name)}"
                    )
            for col in t.actor_columns:
                value = rec.values[col]
                for code in value if isinstance(value, list) else [value]:
                    if code is not None and code not in known["actor"]:
                        raise DataError(f"{where(t.name, rec, col)}: unknown actor {code!r}")
    for rec in tables["treaty_events"]:
        if rec.values["event"] not in TREATY_EVENTS:
            raise DataError(
                f"{where('treaty_events', rec, 'event')}: {rec.values['event']!r} is not in the "
                f"vocabulary ({', '.join(TREATY_EVENTS)})"
            )
    for rec in tables["treaties"]:
        dates = [rec.values[c] for c in ("signed", "entry_into_force", "ended")]
        present = [d for d in dates if d is not None]
        if present != sorted(present):
            raise DataError(
                f"{where('treaties', rec, 'signed/entry_into_force/ended')}: dates out of order "
                f"(expected signed ≤ entry_into_force ≤ ended)"
            )


def _arrow_type(col: Column) -> pa.DataType:
    base = {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "DOUBLE": pa.float64(),
        "DATE": pa.date32(),
        "BOOLEAN": pa.bool_(),
    }[col.type.removesuffix("[]")]
    return pa.list_(base) if col.type.endswith("[]") else base


def _ddl(t: Table) -> str:
    cols = [f'"{c.name}" {c.type}{"" if c.nullable else " NOT NULL"}' for c in t.columns]
    key_nullable = any(next(c for c in t.columns if c.name == k).nullable for k in t.key)
    if not key_nullable:
        cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in t.key) + ")")
    return f'CREATE TABLE "{t.name}" (' + ", ".join(cols) + ")"


def is_catalog_file(path: Path) -> bool:
    """Whether ``path`` is a catalog stratlab built: a DuckDB file with a ``_meta`` table that
    records the stratlab version (what ``data build --out`` may replace with ``--force``)."""
    try:
        with open(path, "rb") as fh:
            if fh.read(12)[8:12] != b"DUCK":
                return False
        con = duckdb.connect(str(path), read_only=True,
                             config={"enable_external_access": False, "lock_configuration": True})
    except (OSError, duckdb.Error):
        return False
    try:
        row = con.execute("SELECT value FROM _meta WHERE key = 'stratlab_version'").fetchone()
    except duckdb.Error:
        return False
    finally:
        con.close()
    return row is not None


def _is_checksum_file(path: Path) -> bool:
    try:
        words = path.read_bytes()[:400].decode("ascii").split()
    except (OSError, UnicodeError):
        return False
    return len(words) == 2 and len(words[0]) == 64 and all(c in "0123456789abcdef" for c in words[0])


CATALOG_MODE = 0o444
"""The built catalog is read-only on disk."""


def build_catalog(out: Path, tables_dir: Path = TABLES_DIR, *, replace: bool = False) -> Path:
    """Check the CSV tables and write the typed DuckDB catalog to ``out`` (atomically, mode
    0444) with its SHA-256 in ``<out>.sha256``; returns ``out``.

    An existing ``out`` is replaced only if it is a stratlab catalog and ``replace`` is true;
    anything else raises :class:`~stratlab.atomic.OutputError` before any work.
    """
    from stratlab import __version__
    from stratlab.atomic import atomic_write, check_target, temp_beside
    from stratlab.data.store import checksum_path, sha256_of

    check_target(out, force=replace, is_ours=is_catalog_file, what="catalog")
    sidecar = checksum_path(out)
    check_target(sidecar, force=True, is_ours=_is_checksum_file, what="checksum file")
    tables = load_tables(tables_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_beside(out)
    try:
        con = duckdb.connect(str(tmp))
        try:
            for t in TABLES:
                con.execute(_ddl(t))
                arrays = [
                    pa.array([r.values[c.name] for r in tables[t.name]], type=_arrow_type(c))
                    for c in t.columns
                ]
                batch = pa.Table.from_arrays(arrays, names=list(t.column_names))  # noqa: F841
                con.execute(f'INSERT INTO "{t.name}" SELECT * FROM batch')
                con.execute(f"COMMENT ON TABLE \"{t.name}\" IS '{t.doc.replace(chr(39), chr(39) * 2)}'")
            con.execute("CREATE TABLE _meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            meta = {
                "stratlab_version": __version__,
                "data_version": data_version(tables_dir),
                "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
            con.executemany("INSERT INTO _meta VALUES (?, ?)", list(meta.items()))
            con.execute("CHECKPOINT")
        finally:
            con.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, CATALOG_MODE)
        atomic_write(sidecar, f"{sha256_of(tmp)}  {out.name}\n", mode=CATALOG_MODE)
        os.replace(tmp, out)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            if leftover.exists():
                leftover.unlink()
    return out


__all__ = [
    "CATALOG_MODE",
    "TABLES_DIR",
    "TABLE_BY_NAME",
    "DataError",
    "Record",
    "build_catalog",
    "data_version",
    "is_catalog_file",
    "load_tables",
    "table_files",
]
