"""Typed reads of the ``forces`` table (annual forces by country, year and system; issue 8).

The only place that speaks SQL about forces: postures (:mod:`stratlab.scenario.posture_catalog`),
the engine's replay and the CLI read rows through these functions.

>>> from stratlab.data.forces import force_rows, force_coverage
>>> rows = force_rows("USA", 1987)             # preferred rows of one country-year
>>> force_coverage()["RUS"]                    # (first year, last year) in the table
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb


class ForcesLookupError(LookupError):
    """A country or year the ``forces`` table does not cover (message: one line)."""


@dataclass(frozen=True)
class ForceRow:
    """One row of ``forces`` (columns as in docs/data/forces.md)."""

    country: str
    year: int
    system: str
    leg: str
    range_class: str
    basing: str
    deployed_in: str
    range_km: float | None
    launchers: int | None
    warheads_per_launcher: float | None
    warheads: int | None
    basis: str
    anchor_years: str | None
    counting_rule: str
    preferred: bool
    confidence: str
    as_of: str | None
    note: str | None
    source_id: str


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ForceRow))


def _con(con: duckdb.DuckDBPyConnection | None) -> duckdb.DuckDBPyConnection:
    if con is not None:
        return con
    from stratlab.data.store import catalog

    return catalog()


def _rows(con: duckdb.DuckDBPyConnection | None, where: str, params: list[Any]) -> list[ForceRow]:
    sql = (f"SELECT {', '.join(COLUMNS)} FROM forces WHERE {where} "
           "ORDER BY year, leg, system, deployed_in, source_id")
    return [ForceRow(*r) for r in _con(con).execute(sql, params).fetchall()]


def force_coverage(con: duckdb.DuckDBPyConnection | None = None) -> dict[str, tuple[int, int]]:
    """``{country: (first year, last year)}`` of the rows in ``forces``."""
    rows = _con(con).execute(
        "SELECT country, min(year), max(year) FROM forces GROUP BY country ORDER BY country").fetchall()
    return {str(c): (int(lo), int(hi)) for c, lo, hi in rows}


def check_covered(country: str, first: int, last: int,
                  con: duckdb.DuckDBPyConnection | None = None) -> None:
    """Raise :class:`ForcesLookupError` (one line) unless ``forces`` covers ``country`` in every
    year ``first``–``last``."""
    cover = force_coverage(con)
    if country not in cover:
        raise ForcesLookupError(
            f"forces: no rows for country {country!r} (the table has {', '.join(cover) or 'no countries'})")
    lo, hi = cover[country]
    if first < lo or last > hi:
        span = str(first) if first == last else f"{first}–{last}"
        raise ForcesLookupError(f"forces: {country} {span} is outside the table ({country}: {lo}–{hi})")


def force_rows(country: str, year: int, preferred: bool = True,
               con: duckdb.DuckDBPyConnection | None = None) -> list[ForceRow]:
    """Rows of one country-year (only the preferred ones unless ``preferred=False``); raises
    :class:`ForcesLookupError` for a country or year the table does not cover."""
    return force_rows_span(country, year, year, preferred, con).get(year, [])


def force_rows_span(country: str, first: int, last: int, preferred: bool = True,
                    con: duckdb.DuckDBPyConnection | None = None) -> dict[int, list[ForceRow]]:
    """``{year: rows}`` for every year ``first``–``last`` of one country, in one query (years
    without rows map to ``[]``); raises :class:`ForcesLookupError` outside the table."""
    check_covered(country, first, last, con)
    where = "country = ? AND year BETWEEN ? AND ?" + (" AND preferred" if preferred else "")
    out: dict[int, list[ForceRow]] = {y: [] for y in range(first, last + 1)}
    for row in _rows(con, where, [country, first, last]):
        out[row.year].append(row)
    return out


def leg_spans(country: str, con: duckdb.DuckDBPyConnection | None = None) -> dict[str, tuple[int, int]]:
    """``{leg: (first year, last year)}`` with a preferred row of ``country`` — the years the
    table says the country fielded the leg (a year inside without a row is a hole)."""
    rows = _con(con).execute(
        "SELECT leg, min(year), max(year) FROM forces WHERE country = ? AND preferred GROUP BY leg",
        [country]).fetchall()
    return {str(leg): (int(lo), int(hi)) for leg, lo, hi in rows}


__all__ = [
    "COLUMNS",
    "ForceRow",
    "ForcesLookupError",
    "check_covered",
    "force_coverage",
    "force_rows",
    "force_rows_span",
    "leg_spans",
]
