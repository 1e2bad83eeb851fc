"""The record, year by year: forces from the annual ``forces`` table, treaty status on 1 July.

Forces (docs/engine.md, "Historical mode"): every actor's posture in every year is built from
that year's rows of the catalog's ``forces`` table by the one catalog rule
(:func:`stratlab.scenario.posture_catalog.postures_from_catalog`, which ``stratlab stability
--year`` also uses): no interpolation between snapshots, no gap-filling; a year or leg the
table lacks is an error — except a leg missing in a gap that the table itself declares as one no
source fills (RUS 2009–2012): those actor-years are *missing*, their forces NaN and every index
of a pair with that actor NaN, listed in the result's ``forces_gaps`` attribute. The postures
give the engine's :class:`~stratlab.engine.arsenal.Arsenal`
(:func:`~stratlab.engine.arsenal.posture_arsenal`) and, pair by pair, the stability inputs
(:func:`stratlab.engine.stability.posture_stability`). A scenario's ``inf_systems`` (dated
evidence for INF-band systems) is checked against the catalog when the scenario loads; the
replay's counts come from ``forces``, which is annual.

Treaty status in year ``y`` is read on 1 July of ``y``: *in force* from entry into force until
the treaty ended; *suspended* while in force once any party has a ``suspended`` step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from stratlab.data.vocabulary import INF_CATEGORIES
from stratlab.engine.arsenal import Arsenal, posture_arsenal
from stratlab.scenario.posture import Posture
from stratlab.scenario.posture_catalog import postures_with_gaps

if TYPE_CHECKING:
    import duckdb

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

NOT_IN_FORCE, BINDING, SUSPENDED = 0, 1, 2
STATUS_NAMES = ("not in force", "binding", "suspended")

Postures = dict[str, dict[int, Posture]]
"""``{actor: {year: posture}}``."""
Missing = set[tuple[str, int]]
"""Actor-years with a triad leg in a gap the table declares unsourced."""

CENTRAL_FIELDS = ("n_fixed", "w_fixed", "n_surv", "w_surv", "alert")


def history_postures(
    con: duckdb.DuckDBPyConnection, actors: Sequence[str], years: Sequence[int]
) -> tuple[Postures, Missing]:
    """Every actor's catalog posture in every year, and the actor-years with a leg missing in a
    declared gap (``LookupError``, one line, for any other hole or a year outside the table)."""
    postures: Postures = {}
    missing: Missing = set()
    for a in actors:
        postures[a], gaps = postures_with_gaps(a, min(years), max(years), con=con)
        missing |= {(a, y) for y in gaps}
    return postures, missing


def gap_text(missing: Missing) -> str:
    """The missing actor-years, e.g. ``RUS 2009, RUS 2010`` (empty if none)."""
    return ", ".join(f"{a} {y}" for a, y in sorted(missing))


def inf_reach_share(postures: Postures, actors: Sequence[str], years: Sequence[int]) -> FloatArray:
    """``(year, actor, target)``: share of the actor's INF-band warheads that reach the target's
    homeland (by range and basing area); 1 where the actor has none (nothing to scale)."""
    out = np.ones((len(years), len(actors), len(actors)))
    for k, y in enumerate(years):
        for i, a in enumerate(actors):
            inf = [c for c in postures[a][y].components if c.category in INF_CATEGORIES]
            total = sum(c.warheads for c in inf)
            for j, t in enumerate(actors):
                if total and i != j:
                    out[k, i, j] = sum(c.warheads for c in inf if c.reaches_actor(t)) / total
    return out


def posture_sources(posture: Posture) -> set[str]:
    """Source ids behind a posture's components and defences."""
    used = {s for c in posture.components for s in c.sources}
    return used | {s for d in posture.defenses for s in d.sources}


def history_arsenal(
    con: duckdb.DuckDBPyConnection, actors: Sequence[str], years: Sequence[int]
) -> tuple[Arsenal, Postures, Missing, set[str]]:
    """Every actor's forces in every year, fields ``(year, actor)`` (central fields NaN in a
    missing actor-year), the postures they come from, the missing actor-years and the source
    ids used."""
    postures, missing = history_postures(con, actors, years)
    ars = Arsenal.stack([Arsenal.stack([posture_arsenal(postures[a][y]) for a in actors], axis=-1)
                         for y in years], axis=0)
    if missing:
        mask = np.array([[(a, y) in missing for a in actors] for y in years])
        ars = ars.with_fields(**{f: np.where(mask, np.nan, getattr(ars, f)) for f in CENTRAL_FIELDS})
    sources = {s for by_year in postures.values() for p in by_year.values() for s in posture_sources(p)}
    return ars, postures, missing, sources


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
    "Missing",
    "Postures",
    "eras",
    "gap_text",
    "history_arsenal",
    "history_postures",
    "inf_reach_share",
    "posture_sources",
    "scheduled_end",
    "treaty_status",
]
