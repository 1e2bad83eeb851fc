"""Annual nuclear forces from the catalog's ``forces`` table (docs/data/forces.md).

>>> from stratlab.data.forces import forces_series
>>> forces_series("USA", 1985, 1990, by="leg")        # one row per year and leg
"""

from __future__ import annotations

import pandas as pd

from stratlab.data.store import catalog

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


__all__ = ["GROUPINGS", "forces_series", "forces_years"]
