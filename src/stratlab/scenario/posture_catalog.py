"""Build a :class:`~stratlab.scenario.posture.Posture` from the catalog's annual ``forces`` table.

The rule (also in docs/theory/first_strike.md, "One route"), for one country and year:

1. **Rows**: the year's *preferred* rows (:func:`stratlab.data.forces.force_rows`); nothing is
   taken from another year. A country or year outside the table is a ``LookupError``.
2. **Completeness**: a triad leg (ICBM, SLBM, bomber) that the country has preferred rows for in
   an earlier *and* a later year but not in this one is a ``LookupError`` naming country, year
   and leg (a hole, not a zero: a leg that was empty is written as a row with 0 launchers); a
   :class:`ForcesGapError` where the table declares the hole as one no source fills
   (:func:`stratlab.data.forces.declared_gaps`), which the engine's replay reports as missing
   years instead of stopping.
3. **One component per row** (a system, or a leg aggregate, in one basing area), of category
   :func:`stratlab.data.vocabulary.category_of` ``(leg, basing, range_class, system)``; ``abm``
   rows become missile defences, ``sub_strategic`` rows are left out (the exchange is
   strategic); rows with 0 launchers and 0 warheads give no component.
4. **Counts**: launchers and warheads as the row gives them; a missing one follows from the
   other and ``warheads_per_launcher``. Where a leg's warheads are published only on a row of
   their own (``bomber weapons (all)``: warheads, no launchers) beside rows of launchers without
   warheads (the airframes), the leg's warheads are spread over those launchers (loading = the
   leg's warheads ÷ their launchers, listed as assumed). Only where no loading is published at
   all does a row get one warhead per launcher (launchers without warheads), or one launcher per
   warhead (warheads without launchers) — listed in the component's ``assumed`` and in the CLI's notes;
   a row with neither launchers nor warheads gives no component and is named in the posture's
   ``note`` (and the CLI's notes).
5. **Reach** (:mod:`stratlab.scenario.reach`): each component lists the other countries of the
   table whose homeland its range covers from its ``deployed_in`` area, with flight times.
6. **Assumptions** (:class:`~stratlab.scenario.assumptions.StabilityAssumptions`): the alert
   fraction of survivable components (marked assumed); DE, ``w80`` and interceptor ``pk`` are
   not written into the posture — :meth:`~stratlab.scenario.posture.Posture.to_force_arrays`
   takes them from the same set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from stratlab.data import geography
from stratlab.data.forces import ForceRow, declared_gaps, force_coverage, force_rows_span, leg_spans
from stratlab.data.vocabulary import RANGE_BANDS, TRIAD_LEGS, category_of, default_survivable
from stratlab.scenario.assumptions import DEFAULT, StabilityAssumptions
from stratlab.scenario.posture import Basing, Component, MissileDefense, Posture
from stratlab.scenario.reach import reach

if TYPE_CHECKING:
    import duckdb

NOTE = "built from the catalog's forces table by stratlab.scenario.posture_catalog"
UNCOUNTED = "rows without launchers or warheads, left out"


class ForcesGapError(LookupError):
    """A leg missing in a year the ``forces`` table declares as a gap no source fills."""


def _label(row: ForceRow) -> str:
    return f"forces: {row.country} {row.year} {row.system!r} ({row.deployed_in}, {row.source_id})"


def counts(row: ForceRow) -> tuple[int, float, str | None]:
    """``(launchers, warheads, what was assumed)`` of a row (rule 4)."""
    wpl = row.warheads_per_launcher
    launchers, warheads = row.launchers, row.warheads
    if launchers is None and warheads is not None:
        if wpl:
            return round(warheads / wpl), float(warheads), None
        return warheads, float(warheads), "launchers (none published: one per warhead)"
    if launchers is None:
        raise LookupError(f"{_label(row)}: neither launchers nor warheads")
    if warheads is None:
        one = wpl is None and launchers > 0
        return launchers, launchers * (1.0 if wpl is None else wpl), \
            "warheads_per_launcher (no loading published: 1)" if one else None
    return launchers, float(warheads), None


SPREAD = "warheads_per_launcher (the leg's published warheads ÷ its launchers)"


def spread(rows: Sequence[ForceRow]) -> tuple[list[ForceRow], set[ForceRow]]:
    """Rule 4's leg-level loading: per leg and basing area, warheads-only rows are folded into
    the rows that give launchers but no warheads or loading. Returns the rows and the changed ones."""
    out, changed = list(rows), set()
    for key in {(r.leg, r.deployed_in) for r in rows}:
        heads = [r for r in out if (r.leg, r.deployed_in) == key and r.launchers is None and r.warheads]
        frames = [r for r in out if (r.leg, r.deployed_in) == key and r.launchers
                  and r.warheads is None and r.warheads_per_launcher is None]
        if not heads or not frames:
            continue
        wpl = sum(r.warheads or 0 for r in heads) / sum(r.launchers or 0 for r in frames)
        new = [replace(r, warheads_per_launcher=wpl) for r in frames]
        changed |= set(new)
        out = [r for r in out if r not in heads and r not in frames] + new
    return out, changed


def check_legs(country: str, year: int, rows: Sequence[ForceRow], spans: dict[str, tuple[int, int]],
               allow_gaps: bool = False) -> list[str]:
    """Rule 2: raise ``LookupError`` for a triad leg missing inside its span of years; with
    ``allow_gaps``, return the legs missing in a declared gap instead of raising for them."""
    have, missing = {r.leg for r in rows}, []
    for leg in TRIAD_LEGS:
        lo, hi = spans.get(leg, (year + 1, year - 1))
        if lo < year < hi and leg not in have:
            gap = declared_gaps().get((country, leg))
            if gap is not None and gap[0] <= year <= gap[1]:
                if allow_gaps:
                    missing.append(leg)
                    continue
                raise ForcesGapError(f"forces: {country} {year} has no {leg} row: a gap no source fills "
                                     f"({country} {leg} {gap[0]}–{gap[1]}, declared in the table's checks)")
            raise LookupError(f"forces: {country} {year} has no preferred {leg} row (the table has "
                              f"{country} {leg} rows {lo}–{hi}; a leg that was empty needs a row with 0)")
    if not rows and not missing:
        raise LookupError(f"forces: no preferred rows for {country} in {year}")
    return missing


def component(row: ForceRow, adversaries: Sequence[str], hyp: StabilityAssumptions,
              spread_loading: bool = False) -> Component | None:
    """Rules 3–6 for one row (``None``: not a component); ``spread_loading``: its loading is the
    leg's (:func:`spread`)."""
    category = category_of(row.leg, row.basing, row.range_class, row.system)
    if category is None:
        return None
    launchers, warheads, guess = counts(row)
    if not launchers and not warheads:
        return None
    assumed = ["de"] + ([guess] if guess else []) + ([SPREAD] if spread_loading else [])
    survivable = default_survivable(category, row.basing)
    alert = hyp.alert_of(category) if survivable else 0.0
    if survivable:
        assumed.append("alert_fraction")
    range_km = row.range_km
    lo, hi = RANGE_BANDS.get(category, (0.0, float("inf")))
    if range_km is not None and not lo <= range_km <= hi:
        assumed.append(f"range_km {range_km:g} outside the {category} band: left unset")
        range_km = None
    try:
        reached = [reach(category, row.deployed_in, row.range_km, row.range_class, adv)
                   for adv in adversaries]
    except KeyError as exc:
        raise LookupError(f"{_label(row)}: {exc.args[0]}") from exc
    home = row.deployed_in in (row.country, geography.SEA)
    return Component(
        name=row.system if home else f"{row.system} in {row.deployed_in}",
        category=category,
        launchers=launchers,
        warheads_per_launcher=warheads / launchers if launchers else 0.0,
        alert_fraction=alert,
        survivable=survivable,
        range_km=range_km,
        basing=Basing(name=f"{row.basing}: {row.deployed_in}"),
        de_source=hyp.source,
        sources=[row.source_id],
        assumed=assumed,
        deployed_in=row.deployed_in,
        reaches=[r.target for r in reached if r.reaches],
        flight_min={r.target: r.flight_min for r in reached if r.flight_min is not None},
    )


def defense(row: ForceRow) -> MissileDefense | None:
    """An ``abm`` row as a missile defence (its ``pk`` is left to the assumptions)."""
    if not row.launchers:
        return None
    return MissileDefense(name=row.system, interceptors=row.launchers, basing=Basing(name=row.deployed_in),
                          sources=[row.source_id], assumed=["pk"])


def posture_from_rows(country: str, year: int, rows: Sequence[ForceRow], spans: dict[str, tuple[int, int]],
                      adversaries: Sequence[str], hyp: StabilityAssumptions) -> Posture:
    """The posture of one country-year from its preferred rows (rules 2–6)."""
    check_legs(country, year, rows, spans)
    return _posture(country, year, rows, adversaries, hyp)


def _posture(country: str, year: int, rows: Sequence[ForceRow], adversaries: Sequence[str],
             hyp: StabilityAssumptions) -> Posture:
    counted, spread_rows = spread([r for r in rows if r.launchers is not None or r.warheads is not None])
    comps = [c for r in counted if r.leg != "abm"
             and (c := component(r, adversaries, hyp, r in spread_rows)) is not None]
    defs = [d for r in counted if r.leg == "abm" and (d := defense(r)) is not None]
    blank = [f"{r.system} ({r.deployed_in})" for r in rows if r.launchers is None and r.warheads is None]
    note = NOTE + (f"; {UNCOUNTED}: {', '.join(blank)}" if blank else "")
    return Posture(actor=country, year=year, components=comps, defenses=defs, note=note)


def adversaries_of(country: str, con: duckdb.DuckDBPyConnection | None = None) -> list[str]:
    """The other countries of the ``forces`` table that have homeland points."""
    return [c for c in force_coverage(con) if c != country and c in geography.AREAS]


Gaps = dict[int, list[str]]
"""``{year: legs missing in a declared gap}`` (years without such legs left out)."""


def _years(country: str, first: int, last: int, con: duckdb.DuckDBPyConnection | None,
           hyp: StabilityAssumptions, allow_gaps: bool) -> tuple[dict[int, Posture], Gaps]:
    by_year = force_rows_span(country, first, last, con=con)
    spans, adversaries = leg_spans(country, con), adversaries_of(country, con)
    out: dict[int, Posture] = {}
    gaps: Gaps = {}
    for y, rows in by_year.items():
        if missing := check_legs(country, y, rows, spans, allow_gaps):
            gaps[y] = missing
        out[y] = _posture(country, y, rows, adversaries, hyp)
    return out, gaps


def postures_from_catalog(
    country: str,
    first: int,
    last: int,
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    assumptions: StabilityAssumptions | None = None,
) -> dict[int, Posture]:
    """``{year: posture}`` for every year ``first``–``last`` (one query for the rows)."""
    return _years(country, first, last, con, assumptions or DEFAULT, allow_gaps=False)[0]


def postures_with_gaps(
    country: str, first: int, last: int, *, con: duckdb.DuckDBPyConnection | None = None
) -> tuple[dict[int, Posture], Gaps]:
    """As :func:`postures_from_catalog` (default assumptions), but a leg missing in a declared
    gap does not raise: the posture has the legs the table gives, and the missing legs are
    returned by year. Any other hole still raises."""
    return _years(country, first, last, con, DEFAULT, allow_gaps=True)


def posture_from_catalog(
    actor: str,
    year: int,
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    assumptions: StabilityAssumptions | None = None,
) -> Posture:
    """See the module docstring for the rule; ``LookupError`` (one line) where it cannot hold."""
    return postures_from_catalog(actor, year, year, con=con, assumptions=assumptions)[year]


__all__ = [
    "NOTE",
    "UNCOUNTED",
    "ForcesGapError",
    "Gaps",
    "adversaries_of",
    "check_legs",
    "component",
    "counts",
    "defense",
    "posture_from_catalog",
    "posture_from_rows",
    "postures_from_catalog",
    "postures_with_gaps",
]
