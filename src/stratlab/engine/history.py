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

INF-band systems named in a scenario's ``inf_systems`` follow dated evidence instead
(:func:`inf_by_evidence`): per INF category, 0 outside the systems' existence windows (first
deployment from ``missile_systems.first_deployed`` or the earliest listed deployment event, to
the earlier of ``missile_systems.retired`` and the ``ended`` event), and inside a window the
snapshot counts held stepwise (linear only between two non-zero counts; before the window's
first count, that count).

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

from stratlab.engine.arsenal import (
    FAMILIES,
    INF_CATEGORIES,
    QUANTITIES,
    Arsenal,
    aggregate,
    default_share,
    family_values,
)
from stratlab.scenario.posture import Posture
from stratlab.scenario.spec import InfSystem

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


def counted_categories(con: duckdb.DuckDBPyConnection, actor: str, year: int) -> set[str]:
    """Categories with a counted row (``total`` or ``type``) in this snapshot; every category if
    the data give an all-forces total of 0."""
    rows = con.execute(
        "SELECT category, max(coalesce(launchers, missiles)) "
        "FROM postures WHERE actor = ? AND year = ? AND scope IN ('total', 'type') "
        "AND coalesce(launchers, missiles) IS NOT NULL GROUP BY category",
        [actor, year],
    ).fetchall()
    counted = {r[0]: r[1] for r in rows}
    if counted.get("total_strategic") == 0:
        return {c for cats in FAMILIES.values() for c in cats}
    return set(counted)


def explicit_zeros(con: duckdb.DuckDBPyConnection, actor: str, year: int) -> set[str]:
    """Families that the data give as zero in this snapshot (counted rows, no component)."""
    counted = counted_categories(con, actor, year)
    return {fam for fam, cats in FAMILIES.items() if any(c in counted for c in cats)}


def _postures(con: duckdb.DuckDBPyConnection, actor: str) -> list[tuple[int, Posture, set[str]]]:
    """``(year, catalog posture, categories with counted rows)`` for every snapshot of ``actor``."""
    out = []
    for year in snapshot_years(con, actor):
        posture = Posture.from_catalog(actor, year, con=con, include_conventional=True)
        out.append((year, posture, counted_categories(con, actor, year)))
    return out


def _families(counted: set[str]) -> set[str]:
    return {fam for fam, cats in FAMILIES.items() if any(c in counted for c in cats)}


def _posture_sources(posture: Posture) -> set[str]:
    used = {s for c in posture.components for s in c.sources}
    return used | {s for d in posture.defenses for s in d.sources}


def catalog_snapshots(con: duckdb.DuckDBPyConnection, actor: str) -> tuple[dict[int, Snapshot], set[str]]:
    """``{year: family values}`` for every snapshot of ``actor``, and the source ids used."""
    out: dict[int, Snapshot] = {}
    sources: set[str] = set()
    for year, posture, counted in _postures(con, actor):
        out[year] = family_values(posture, _families(counted))
        sources |= _posture_sources(posture)
    return out, sources


def category_values(posture: Posture, counted: set[str]) -> Snapshot:
    """``{INF category: quantities}`` of one posture, as :func:`family_values` gives the ``inf``
    family but per category: a category without a component is 0 if it has a counted row
    (``counted``, see :func:`counted_categories`), else unknown (NaN)."""
    out: Snapshot = {}
    for cat in INF_CATEGORIES:
        part = posture.model_copy(update={"components": [c for c in posture.components if c.category == cat]})
        out[cat] = family_values(part, {"inf"} if cat in counted else set())["inf"]
    return out


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


Window = tuple[float, float]
"""First and last year a system exists (``-inf`` / ``inf`` where the catalog gives no date)."""


def system_windows(
    con: duckdb.DuckDBPyConnection, systems: Sequence[InfSystem]
) -> tuple[dict[tuple[str, str], list[Window]], set[str]]:
    """``{(actor, category): [window, ...]}`` of the scenario's INF-band systems, and the sources.

    First year: ``missile_systems.first_deployed``, else the year of the earliest ``deployed``
    event. Last year: the earlier of ``missile_systems.retired`` and the year of the ``ended``
    event (the system is 0 from the year after)."""
    out: dict[tuple[str, str], list[Window]] = {}
    sources: set[str] = set()
    for spec in systems:
        row = con.execute(
            "SELECT country, first_deployed, retired, source_id FROM missile_systems WHERE system_id = ?",
            [spec.system],
        ).fetchone()
        if row is None:
            raise ValueError(f"{spec.system}: not in missile_systems")
        country, first, retired, source = row
        if first is not None or retired is not None:
            sources.add(str(source))
        start = float(first) if first is not None else math.inf
        for event in spec.deployed:
            year, src = _event(con, event)
            sources.add(src)
            if first is None:
                start = min(start, year)
        end = float(retired) if retired is not None else math.inf
        if spec.ended is not None:
            year, src = _event(con, spec.ended)
            sources.add(src)
            end = min(end, year)
        out.setdefault((str(country), spec.category), []).append(
            (-math.inf if math.isinf(start) else start, end))
    return out, sources


def _event(con: duckdb.DuckDBPyConnection, event_id: str) -> tuple[float, str]:
    row = con.execute("SELECT year(date), source_id FROM events WHERE event_id = ?", [event_id]).fetchone()
    if row is None:
        raise ValueError(f"{event_id}: not in events")
    return float(row[0]), str(row[1])


def _intervals(windows: Sequence[Window]) -> list[Window]:
    """Windows merged where they overlap or touch (consecutive years)."""
    merged: list[list[float]] = []
    for lo, hi in sorted(windows):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def evidence_weights(
    xs: Sequence[int], counts: Sequence[float], windows: Sequence[Window], years: Sequence[int]
) -> FloatArray:
    """``(year, snapshot)`` weights of the evidence rule: a component's count in each year is
    ``weights @ counts`` (unknown counts, NaN, never get weight).

    In a snapshot year with a known count, that count. Outside every window (merged where they
    touch), 0. Inside a window, among the snapshots in it with a known count: linear between the
    previous and the next count if both are non-zero; else the previous count (held); else the
    next one (a system deployed before its first count takes that count); 0 if none.
    """
    known = [k for k, c in enumerate(counts) if not math.isnan(c)]
    out = np.zeros((len(years), len(xs)))
    spans = _intervals(windows)
    for row, y in enumerate(years):
        here = [k for k in known if xs[k] == y]
        span = next(((lo, hi) for lo, hi in spans if lo <= y <= hi), None)
        if here:
            out[row, here[0]] = 1.0
            continue
        if span is None:
            continue
        inside = [k for k in known if span[0] <= xs[k] <= span[1]]
        prev = [k for k in inside if xs[k] < y]
        nxt = [k for k in inside if xs[k] > y]
        if prev and nxt and counts[prev[-1]] > 0 and counts[nxt[0]] > 0:
            a, b = prev[-1], nxt[0]
            t = (y - xs[a]) / (xs[b] - xs[a])
            out[row, a], out[row, b] = 1.0 - t, t
        elif prev:
            out[row, prev[-1]] = 1.0
        elif nxt:
            out[row, nxt[0]] = 1.0
    return out


def _weighted(weights: FloatArray, values: Sequence[float], fallback: FloatArray) -> FloatArray:
    """``weights @ values`` over the snapshots where the value is known, renormalised; ``fallback``
    where the weighted snapshots give none (for launchers, a fallback of 0: no weight, no force)."""
    v = np.asarray(values, dtype=np.float64)
    known = np.isfinite(v)
    num = weights @ np.where(known, v, 0.0)
    den = weights @ known.astype(np.float64)
    return np.asarray(np.where(den > 0, num / np.where(den > 0, den, 1.0), fallback), dtype=np.float64)


def inf_by_evidence(
    categories: dict[int, Snapshot],
    windows: dict[str, list[Window]],
    years: Sequence[int],
) -> dict[str, FloatArray]:
    """The ``inf`` family's quantities per year from per-category snapshots (``{year: {category:
    quantities}}``): launchers of a category with windows by :func:`evidence_weights`, of one
    without by linear interpolation; warheads per launcher, survivable shares and alert per
    category interpolated as for any family; a category's range that of the snapshot weighing
    most in the year. Categories are then summed (per-launcher quantities weighted)."""
    xs = sorted(categories)
    share = default_share("inf")
    n = len(years)
    L_tot, W_tot, nS, wS, alert, r_num, r_den = (np.zeros(n) for _ in range(7))
    r_missing = np.zeros(n, dtype=bool)
    for cat in INF_CATEGORIES:
        q = {name: [categories[x][cat][name] for x in xs] for name in QUANTITIES}
        w = _interp(xs, q["w"], years, 1.0)
        sL, sW = _interp(xs, q["sL"], years, share), _interp(xs, q["sW"], years, share)
        a = _interp(xs, q["a"], years, 0.0)
        if cat in windows:
            weights = evidence_weights(xs, q["L"], windows[cat], years)
            L = _weighted(weights, q["L"], np.zeros(n))
            w, sL = _weighted(weights, q["w"], w), _weighted(weights, q["sL"], sL)
            sW, a = _weighted(weights, q["sW"], sW), _weighted(weights, q["a"], a)
            ranges = np.asarray(q["r"], dtype=np.float64)
            pick = len(xs) - 1 - np.argmax(weights[:, ::-1], axis=1)  # the heaviest, the later on a tie
            r = np.where(weights.max(axis=1) > 0, ranges[pick], np.nan)
        else:
            L = _interp(xs, q["L"], years, 0.0)
            r = _range(xs, [categories[x] for x in xs], cat, years)
        L_tot += L
        W_tot += L * w
        nS += L * sL
        wS += L * w * sW
        alert += a * L * sL
        has = L > 0
        r_missing |= has & ~np.isfinite(r)
        r_num += np.where(has, np.nan_to_num(r) * L, 0.0)
        r_den += np.where(has, L, 0.0)
    pos = L_tot > 0

    def ratio(num: FloatArray, den: FloatArray, default: float) -> FloatArray:
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), default)

    return {
        "L": L_tot,
        "w": ratio(W_tot, L_tot, 1.0),
        "sL": ratio(nS, L_tot, share),
        "sW": ratio(wS, W_tot, share),
        "a": ratio(alert, nS, 0.0),
        "r": np.where(pos & ~r_missing, ratio(r_num, r_den, np.nan), np.nan),
    }


def history_arsenal(
    con: duckdb.DuckDBPyConnection,
    actors: Sequence[str],
    years: Sequence[int],
    inf_systems: Sequence[InfSystem] = (),
) -> tuple[Arsenal, set[str]]:
    """Every actor's forces in every year, shape ``(year, actor)``, and the source ids used.

    The ``inf`` family of an actor with systems in ``inf_systems`` follows the evidence rule
    (:func:`inf_by_evidence`); every other family is interpolated (:func:`interpolate`)."""
    windows, sources = system_windows(con, inf_systems)
    per_actor = []
    for actor in actors:
        postures = _postures(con, actor)
        snaps = {year: family_values(p, _families(counted)) for year, p, counted in postures}
        for _, p, _ in postures:
            sources |= _posture_sources(p)
        values = interpolate(snaps, years)
        mine = {cat: w for (owner, cat), w in windows.items() if owner == actor}
        if mine:
            cats = {year: category_values(p, counted) for year, p, counted in postures}
            values["inf"] = inf_by_evidence(cats, mine, years)
        per_actor.append(aggregate(values))
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
    "Window",
    "catalog_snapshots",
    "category_values",
    "eras",
    "evidence_weights",
    "explicit_zeros",
    "history_arsenal",
    "inf_by_evidence",
    "interpolate",
    "scheduled_end",
    "snapshot_years",
    "system_windows",
    "treaty_status",
]
