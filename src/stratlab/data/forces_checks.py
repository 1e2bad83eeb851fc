"""Checks on the ``forces`` table, run by the catalog build after the generic checks.

Each check raises :class:`~stratlab.data.build.DataError` naming the file, line and column of
the first row that breaks it:

- vocabularies: ``leg``, ``range_class``, ``basing``, ``basis``, ``counting_rule``, ``confidence``;
- ``preferred``: exactly one preferred row per (country, year, system);
- ``basis``: a sourced row has no ``anchor_years``; an interpolated row names two anchor years
  ``a;b`` with ``a < year < b``, both sourced rows of the same country, system and counting
  rule, its ``source_id`` is the later anchor's, and its launchers and warheads lie on the
  straight line between the anchors' values, rounded half up to the nearest integer
  (the interpolation rule of docs/data/forces.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from stratlab.data.build import DataError, Record
from stratlab.data.schema import (
    FORCES_BASES,
    FORCES_BASINGS,
    FORCES_CONFIDENCE,
    FORCES_COUNTING_RULES,
    FORCES_LEGS,
    FORCES_RANGE_CLASSES,
)

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "leg": FORCES_LEGS,
    "range_class": FORCES_RANGE_CLASSES,
    "basing": FORCES_BASINGS,
    "basis": FORCES_BASES,
    "counting_rule": FORCES_COUNTING_RULES,
    "confidence": FORCES_CONFIDENCE,
}
INTERPOLATED_COLUMNS: tuple[str, ...] = ("launchers", "warheads")


def where(rec: Record, col: str) -> str:
    """``FILE, line N, COLUMN`` for an error message."""
    return f"{rec.path}, line {rec.line}, {col}"


def interpolate(year: int, y0: int, v0: int | None, y1: int, v1: int | None) -> int | None:
    """The interpolation rule: linear in the year between two anchors, rounded half up.

    ``None`` where either anchor lacks the value (nothing to interpolate).
    """
    if v0 is None or v1 is None:
        return None
    return math.floor(v0 + (v1 - v0) * (year - y0) / (y1 - y0) + 0.5)


def _check_vocabularies(rows: Sequence[Record]) -> None:
    for rec in rows:
        for col, vocab in VOCABULARIES.items():
            if rec.values[col] not in vocab:
                raise DataError(
                    f"{where(rec, col)}: {rec.values[col]!r} is not in the vocabulary "
                    f"({', '.join(vocab)})"
                )


def _check_preferred(rows: Sequence[Record]) -> None:
    preferred: dict[tuple[Any, ...], Record] = {}
    seen: dict[tuple[Any, ...], Record] = {}
    for rec in rows:
        key = (rec.values["country"], rec.values["year"], rec.values["system"])
        seen.setdefault(key, rec)
        if rec.values["preferred"]:
            if key in preferred:
                raise DataError(
                    f"{where(rec, 'preferred')}: a second preferred row for {key} "
                    f"(first at {preferred[key].path}, line {preferred[key].line})"
                )
            preferred[key] = rec
    for key, rec in seen.items():
        if key not in preferred:
            raise DataError(f"{where(rec, 'preferred')}: no preferred row for {key} (expected one)")


def _anchor(
    sourced: dict[tuple[Any, ...], list[Record]], rec: Record, year: int
) -> Record:
    v = rec.values
    cands = sourced.get((v["country"], v["system"], v["counting_rule"], year), [])
    pref = [c for c in cands if c.values["preferred"]]
    if len(pref) == 1 or len(cands) == 1:
        return (pref or cands)[0]
    problem = "none" if not cands else f"{len(cands)} and none preferred"
    raise DataError(
        f"{where(rec, 'anchor_years')}: anchor year {year} has {problem} sourced rows of "
        f"{v['system']!r} counted by {v['counting_rule']!r} (expected one)"
    )


def _check_interpolation(rows: Sequence[Record]) -> None:
    sourced: dict[tuple[Any, ...], list[Record]] = {}
    for rec in rows:
        v = rec.values
        if v["basis"] == "sourced":
            if v["anchor_years"] is not None:
                raise DataError(
                    f"{where(rec, 'anchor_years')}: {v['anchor_years']!r} on a sourced row "
                    f"(expected empty)"
                )
            sourced.setdefault(
                (v["country"], v["system"], v["counting_rule"], v["year"]), []
            ).append(rec)
    for rec in rows:
        v = rec.values
        if v["basis"] != "interpolated":
            continue
        raw = v["anchor_years"] or ""
        try:
            y0, y1 = (int(p) for p in raw.split(";"))
        except ValueError:
            raise DataError(
                f"{where(rec, 'anchor_years')}: {raw!r} is not two years 'Y0;Y1'"
            ) from None
        if not y0 < v["year"] < y1:
            raise DataError(
                f"{where(rec, 'anchor_years')}: {raw!r} does not bracket the year {v['year']} "
                f"(expected Y0 < year < Y1)"
            )
        a0, a1 = _anchor(sourced, rec, y0), _anchor(sourced, rec, y1)
        if v["source_id"] != a1.values["source_id"]:
            raise DataError(
                f"{where(rec, 'source_id')}: {v['source_id']!r} (expected the later anchor's "
                f"source {a1.values['source_id']!r})"
            )
        for col in INTERPOLATED_COLUMNS:
            want = interpolate(v["year"], y0, a0.values[col], y1, a1.values[col])
            if v[col] != want:
                raise DataError(
                    f"{where(rec, col)}: {v[col]!r} is off the line between {y0} "
                    f"({a0.values[col]}) and {y1} ({a1.values[col]}) (expected {want})"
                )


def check_forces(tables: dict[str, list[Record]]) -> None:
    """Run every check on ``tables['forces']``; raise :class:`DataError` at the first failure."""
    rows = tables.get("forces", [])
    _check_vocabularies(rows)
    _check_preferred(rows)
    _check_interpolation(rows)


__all__ = ["INTERPOLATED_COLUMNS", "VOCABULARIES", "check_forces", "interpolate", "where"]
