"""The record, year by year: postures between snapshots, and treaty status on 1 July.

Postures (docs/engine.md, "Historical mode"): the ``postures`` table has snapshots (1962, 1979,
1987, 1991, 2002, 2010, 2019, 2025). Each snapshot becomes a posture by the catalog rule
(:meth:`~stratlab.scenario.Posture.from_catalog`, conventional strike included) and then family
quantities (:func:`~stratlab.engine.arsenal.family_values`). A family is *known* in a snapshot if
it has a component or the data state a zero (a row with a count of 0, or an all-forces total of
0); otherwise it is unknown there. Between known snapshots each quantity is **interpolated
linearly**; before the first and after the last known snapshot it is **held**; a family never
known is 0. Survivable shares and alert fractions are interpolated over the snapshots that give
them (an ICBM force of unknown silo/mobile split takes the split of its neighbours). A family's
range is that of the latest snapshot at or before the year in which it had launchers.

Treaty status in year ``y`` is read on 1 July of ``y``: *in force* from entry into force until
the treaty ended; *suspended* while in force once any party has a ``suspended`` step.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from stratlab.engine.arsenal import FAMILIES, QUANTITIES, Arsenal, aggregate, default_share, family_values
from stratlab.scenario.posture import Posture

if TYPE_CHECKING:
    import duckdb

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

NOT_IN_FORCE, BINDING, SUSPENDED = 0, 1, 2
STATUS_NAMES = ("not in force", "binding", "suspended")

Snapshot = dict[str, dict[str, float]]


def snapshot_years(con: duckdb.DuckDBPyConnection, actor: str) -> list[int]:
    """Years with posture rows for ``actor``."""
    rows = con.execute("SELECT DISTINCT year FROM postures WHERE actor = ? ORDER BY year", [actor]).fetchall()
    return [int(r[0]) for r in rows]


def explicit_zeros(con: duckdb.DuckDBPyConnection, actor: str, year: int) -> set[str]:
    """Families that the data give as zero in this snapshot (counted rows, no component)."""
    rows = con.execute(
        "SELECT category, min(coalesce(launchers, missiles)), max(coalesce(launchers, missiles)) "
        "FROM postures WHERE actor = ? AND year = ? AND scope IN ('total', 'type') "
        "AND coalesce(launchers, missiles) IS NOT NULL GROUP BY category",
        [actor, year],
    ).fetchall()
    counted = {r[0]: (r[1], r[2]) for r in rows}
    if counted.get("total_strategic", (None, None))[1] == 0:
        return set(FAMILIES)
    return {fam for fam, cats in FAMILIES.items() if any(c in counted for c in cats)}


def catalog_snapshots(con: duckdb.DuckDBPyConnection, actor: str) -> tuple[dict[int, Snapshot], set[str]]:
    """``{year: family values}`` for every snapshot of ``actor``, and the source ids used."""
    out: dict[int, Snapshot] = {}
    sources: set[str] = set()
    for year in snapshot_years(con, actor):
        posture = Posture.from_catalog(actor, year, con=con, include_conventional=True)
        zeros = explicit_zeros(con, actor, year)
        out[year] = family_values(posture, zeros)
        sources |= {s for c in posture.components for s in c.sources}
        sources |= {s for d in posture.defenses for s in d.sources}
    return out, sources


def _interp(xs: list[int], ys: list[float], years: Sequence[int], default: float) -> FloatArray:
    pts = [(x, y) for x, y in zip(xs, ys, strict=True) if not math.isnan(y)]
    if not pts:
        return np.full(len(years), default)
    xs_known, ys_known = [p[0] for p in pts], [p[1] for p in pts]
    return np.asarray(np.interp(np.asarray(years, float), xs_known, ys_known), dtype=np.float64)


def _range(xs: list[int], snaps: list[Snapshot], fam: str, years: Sequence[int]) -> FloatArray:
    active = [(x, s[fam]["r"]) for x, s in zip(xs, snaps, strict=True) if s[fam]["L"] > 0]
    out = np.full(len(years), np.nan)
    for k, y in enumerate(years):
        before = [r for x, r in active if x <= y]
        pick = before[-1] if before else (active[0][1] if active else math.nan)
        out[k] = pick
    return out


def interpolate(snapshots: dict[int, Snapshot], years: Sequence[int]) -> dict[str, dict[str, FloatArray]]:
    """Family quantities for every year (see the module docstring for the rule)."""
    xs = sorted(snapshots)
    snaps = [snapshots[x] for x in xs]
    out: dict[str, dict[str, FloatArray]] = {}
    for fam in FAMILIES:
        q = {name: [s[fam][name] for s in snaps] for name in QUANTITIES}
        L = _interp(xs, q["L"], years, 0.0)
        share = default_share(fam)
        out[fam] = {
            "L": L,
            "w": _interp(xs, q["w"], years, 1.0),
            "sL": _interp(xs, q["sL"], years, share),
            "sW": _interp(xs, q["sW"], years, share),
            "a": _interp(xs, q["a"], years, 0.0),
            "r": _range(xs, snaps, fam, years),
        }
    return out


def history_arsenal(
    con: duckdb.DuckDBPyConnection, actors: Sequence[str], years: Sequence[int]
) -> tuple[Arsenal, set[str]]:
    """Every actor's forces in every year, shape ``(year, actor)``, and the source ids used."""
    per_actor = []
    sources: set[str] = set()
    for actor in actors:
        snaps, used = catalog_snapshots(con, actor)
        sources |= used
        per_actor.append(aggregate(interpolate(snaps, years)))
    return Arsenal.stack(per_actor, axis=-1), sources


def treaty_status(
    con: duckdb.DuckDBPyConnection, treaty_id: str, years: Sequence[int]
) -> tuple[IntArray, set[str]]:
    """Status code per year (:data:`NOT_IN_FORCE`, :data:`BINDING`, :data:`SUSPENDED`) on 1 July."""
    row = con.execute(
        "SELECT entry_into_force, ended, source_id FROM treaties WHERE treaty_id = ?", [treaty_id]
    ).fetchone()
    steps = con.execute(
        "SELECT date, source_id FROM treaty_events WHERE treaty_id = ? AND event = 'suspended'", [treaty_id]
    ).fetchall()
    out = np.zeros(len(years), dtype=np.int64)
    if row is None:
        return out, set()
    start, end, source = row
    for k, y in enumerate(years):
        day = dt.date(y, 7, 1)
        in_force = start is not None and start <= day and (end is None or day < end)
        if in_force:
            out[k] = SUSPENDED if any(d <= day for d, _ in steps) else BINDING
    return out, {str(source), *(str(s) for _, s in steps)}


def scheduled_end(con: duckdb.DuckDBPyConnection, treaty_id: str) -> int | None:
    """Year from which a treaty no longer binds because its term expires (catalog ``ended``)."""
    row = con.execute(
        "SELECT ended, end_reason FROM treaties WHERE treaty_id = ?", [treaty_id]
    ).fetchone()
    if row is None or row[0] is None or row[1] != "expired":
        return None
    end: dt.date = row[0]
    return end.year if end < dt.date(end.year, 7, 1) else end.year + 1


def eras(years: Sequence[int], status: IntArray | None, label: str) -> list[str]:
    """Era of each year relative to a treaty: ``before``, ``in force`` or ``after`` (its label)."""
    if status is None or not np.any(status != NOT_IN_FORCE):
        return ["all years"] * len(years)
    active = np.flatnonzero(status != NOT_IN_FORCE)
    first, last = int(active[0]), int(active[-1])
    return [
        f"before {label}" if k < first else (f"{label} in force" if k <= last else f"after {label}")
        for k in range(len(years))
    ]


__all__ = [
    "BINDING",
    "NOT_IN_FORCE",
    "STATUS_NAMES",
    "SUSPENDED",
    "catalog_snapshots",
    "eras",
    "explicit_zeros",
    "history_arsenal",
    "interpolate",
    "scheduled_end",
    "snapshot_years",
    "treaty_status",
]
