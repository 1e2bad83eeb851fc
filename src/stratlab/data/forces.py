"""Annual nuclear forces from the catalog's ``forces`` table (docs/data/forces.md).

The only place that speaks SQL about forces: typed rows for postures
(:mod:`stratlab.scenario.posture_catalog`), the engine's replay and the CLI
(:func:`force_rows`, :func:`force_rows_span`), and yearly series for tables and figures
(:func:`forces_series`).

>>> from stratlab.data.forces import force_rows, force_coverage, forces_series
>>> rows = force_rows("USA", 1987)                   # preferred rows of one country-year
>>> force_coverage()["RUS"]                          # (first year, last year) in the table
>>> forces_series("USA", 1985, 1990, by="leg")        # one row per year and leg
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from stratlab.data.store import catalog

if TYPE_CHECKING:
    import duckdb
    import pandas as pd


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
    return con if con is not None else catalog()


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


def declared_gaps() -> dict[tuple[str, str], tuple[int, int]]:
    """``{(country, leg): (first, last year)}``: holes in the record that no source fills, as the
    table's completeness check declares them (``forces_crosschecks.UNSOURCED_GAPS``)."""
    from stratlab.data.forces_crosschecks import UNSOURCED_GAPS

    return dict(UNSOURCED_GAPS)


def leg_spans(country: str, con: duckdb.DuckDBPyConnection | None = None) -> dict[str, tuple[int, int]]:
    """``{leg: (first year, last year)}`` with a preferred row of ``country`` — the years the
    table says the country fielded the leg (a year inside without a row is a hole)."""
    rows = _con(con).execute(
        "SELECT leg, min(year), max(year) FROM forces WHERE country = ? AND preferred GROUP BY leg",
        [country]).fetchall()
    return {str(leg): (int(lo), int(hi)) for leg, lo, hi in rows}


GROUPINGS = ("leg", "system")


def forces_years(country: str) -> tuple[int, int]:
    """First and last year of ``country`` in the table; ``ValueError`` for an unknown country."""
    con = catalog()
    row = con.execute(
        "SELECT min(year), max(year) FROM forces WHERE country = ?", [country]
    ).fetchone()
    if row is None or row[0] is None:
        known = [r[0] for r in con.execute(
            "SELECT DISTINCT country FROM forces ORDER BY 1").fetchall()]
        raise ValueError(f"unknown country {country!r} (the forces table has: {', '.join(known)})")
    return int(row[0]), int(row[1])


def forces_series(
    country: str,
    start: int | None = None,
    end: int | None = None,
    by: str = "leg",
    sourced_only: bool = False,
) -> pd.DataFrame:
    """The preferred rows of ``country``'s forces, year by year, by leg or by system.

    ``by="leg"``: one row per year and leg with summed ``launchers`` and ``warheads`` (NULL
    where no row of the leg gives one) and ``interpolated``, the number of interpolated rows
    in the sum. ``by="system"``: one row per year and system with its loading, ``basis`` and
    ``source_id``. ``sourced_only`` drops interpolated rows. Raises ``ValueError`` for an
    unknown country, a year outside the table, or an unknown grouping.
    """
    import pandas as pd

    if by not in GROUPINGS:
        raise ValueError(f"--by {by!r}: expected one of {', '.join(GROUPINGS)}")
    first, last = forces_years(country)
    start = first if start is None else start
    end = last if end is None else end
    for name, year in (("from", start), ("to", end)):
        if not first <= year <= last:
            raise ValueError(f"--{name} {year}: outside the forces table for {country} "
                             f"({first}–{last})")
    if start > end:
        raise ValueError(f"--from {start} is after --to {end}")
    where = "country = ? AND preferred AND year BETWEEN ? AND ?"
    if sourced_only:
        where += " AND basis = 'sourced'"
    if by == "leg":
        sql = ("SELECT year, leg, sum(launchers) AS launchers, sum(warheads) AS warheads, "
               "count(*) FILTER (WHERE basis = 'interpolated') AS interpolated "
               f"FROM forces WHERE {where} GROUP BY year, leg ORDER BY year, leg")
    else:
        sql = ("SELECT year, leg, system, launchers, warheads_per_launcher, warheads, basis, "
               f"source_id FROM forces WHERE {where} ORDER BY year, leg, system")
    df = catalog().execute(sql, [country, start, end]).df()
    for col in ("launchers", "warheads"):  # whole numbers, None where no row gives one
        df[col] = pd.Series([None if pd.isna(v) else int(v) for v in df[col]], dtype=object)
    return df


__all__ = [
    "COLUMNS",
    "GROUPINGS",
    "ForceRow",
    "ForcesLookupError",
    "check_covered",
    "declared_gaps",
    "force_coverage",
    "force_rows",
    "force_rows_span",
    "forces_series",
    "forces_years",
    "leg_spans",
]
