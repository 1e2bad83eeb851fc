"""Checks of the ``forces`` table against itself over time and against other catalog tables.

Run by the catalog build after :mod:`stratlab.data.forces_checks`. Each check raises
:class:`~stratlab.data.build.DataError` naming the row (file and line) that breaks it. The
residual each check accepts is a named constant below, with its reason.

- **Completeness**: every year of a country's span (:data:`SPANS`) has a preferred row for
  every leg the country fielded that year. A leg is *fielded* in a year when some system of
  that leg has sourced rows with non-zero launchers in that year or earlier *and* in that year
  or later (so a leg with a gap between two systems, such as US missile defence 1977–2009, is
  not required in the gap); the holes no source fills are listed in :data:`UNSOURCED_GAPS`.
- **Stockpile**: a country-year's deployed strategic warheads (preferred ICBM, SLBM and bomber
  rows) never exceed the smallest total stockpile the ``stockpiles`` table gives that year.
- **START MOU 1990**: the rows counted by ``start_mou`` for 1990 sum, leg by leg, to the MOU's
  leg totals exactly; the preferred (estimate) rows of 1990 lie within
  :data:`MOU_TOLERANCE` of the MOU's ICBM and SLBM launchers and warheads.
- **New START**: for every exchange, the preferred rows of that year counted by the treaty's
  rule (warheads on ICBMs and SLBMs, plus one per bomber) lie within :data:`NEW_START_TOLERANCE`
  (Russia: :data:`NEW_START_TOLERANCE_BY_COUNTRY`) of the declared deployed warheads, and the
  deployed launchers likewise.
- **INF** (the treaty's parties only, :data:`INF_PARTIES`): from the treaty's signature year
  to the end of eliminations, a system's preferred launchers never exceed the missiles of that
  system eliminated under the treaty; after 1991 and until the treaty's end, no nuclear row
  (warheads > 0) of the INF band is deployed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from stratlab.data.build import DataError, Record
from stratlab.data.forces_checks import where

SPANS: dict[str, tuple[int, int]] = {"USA": (1960, 2025), "RUS": (1960, 2025), "CHN": (1964, 2025)}
STRATEGIC_LEGS: tuple[str, ...] = ("icbm", "slbm", "bomber")
INF_BAND: tuple[str, ...] = ("intermediate", "shorter")
# Country-year-legs that completeness does not require, each with its reason. Keep this short:
# every entry is a known hole in the record, listed in docs/data/forces_rus_chn.md.
# RUS 2009-2012: START data ended with the July 2009 memorandum (totals only in the source
# read) and the New START exchanges give only whole-force aggregates; no per-leg figure for
# these years was found, and the 2008 (start_mou) and 2013 (estimate) anchors are counted by
# different rules, so the interpolation rule cannot bridge them.
UNSOURCED_GAPS: dict[tuple[str, str], tuple[int, int]] = {
    ("RUS", "icbm"): (2009, 2012),
    ("RUS", "slbm"): (2009, 2012),
    ("RUS", "bomber"): (2009, 2012),
}
# The INF Treaty bound only the United States and the USSR (Russia as its successor).
INF_PARTIES: tuple[str, ...] = ("USA", "RUS")

# START MOU 1990 vs the year's preferred estimates: 15 %. The MOU is dated 1 September 1990 and
# counts treaty-accountable warheads (agreed attributions, e.g. 8 per Trident II, 3 per SS-N-18
# under the downloading rule); the estimates are year values of deployed forces (US: Poseidon
# boats were leaving service in late 1990, 608 vs 672 SLBMs, -9.5 %). Bombers are not compared:
# the MOU counts every accountable airframe, the estimates only nuclear-assigned aircraft.
MOU_TOLERANCE = 0.15
# New START exchanges vs the year's preferred estimates, in the treaty's counting: 15 %. The
# exchanges are dated 1 March / 1 September, the estimates are year values; until 2017 the
# treaty counted conventional-role B-1B and B-52 as deployed heavy bombers (125 in 2011 against
# 60 nuclear-assigned); the estimates count SLBM launch tubes of active boats (280) where the
# treaty counts missiles in tubes (220-230). Largest US residuals: warheads +13.3 % (Sept 2016),
# launchers +14.6 % (March 2021).
NEW_START_TOLERANCE = 0.15
# Russia: 25 %. Russia's preferred rows 2013-2025 are the Nuclear Notebook's estimates (2013 and
# 2025 anchors, the years between on the straight line), which count the force structure (all
# launch tubes of the SSBN fleet, boats in overhaul included; bombers at their bases) and do not
# follow the half-yearly ups and downs of the treaty count. Measured residuals, ours minus the
# exchange: warheads +4.2 % (Sept 2015) to +24.7 % (Sept 2013), -5.2 % (Sept 2016); deployed
# launchers +7.6 % (Feb 2018) to +18.0 % (Sept 2013).
NEW_START_TOLERANCE_BY_COUNTRY: dict[str, float] = {"RUS": 0.25}
# INF: the treaty was signed in 1987 and eliminations ended on 1 June 1991; year values for
# 1991 may describe the start of the year, so the ban on deployed nuclear INF-band rows is
# checked from 1992 to 2018 (the treaty ended on 2 August 2019).
INF_SIGNED, INF_ELIMINATED, INF_ENDED = 1987, 1991, 2019
# forces system name -> inf_eliminations system_id (extend for other countries' names).
INF_SYSTEMS: dict[str, str] = {
    "Pershing II": "pershing-2",
    "Pershing IA": "pershing-1a",
    "BGM-109G GLCM": "bgm-109g",
    "SS-20 (RSD-10)": "ss-20",
    "SS-20 (RSD-10) east of the Urals": "ss-20",
    "SS-20 (RSD-10) west of the Urals": "ss-20",
    "SS-20": "ss-20",
    "SS-4 (R-12)": "ss-4",
    "R-12 (SS-4)": "ss-4",
    "SS-4": "ss-4",
    "SS-5 (R-14)": "ss-5",
    "SS-5": "ss-5",
    "SS-12": "ss-12",
    "SS-23": "ss-23",
    "SSC-X-4": "ssc-x-4",
}
MOU_LEGS: dict[str, str] = {"ICBM": "icbm", "SLBM": "slbm", "Heavy bomber": "bomber"}


def _preferred(rows: Sequence[Record]) -> list[Record]:
    return [r for r in rows if r.values["preferred"]]


def _sum(rows: Sequence[Record], col: str) -> int:
    return sum(r.values[col] or 0 for r in rows)


def fielded(rows: Sequence[Record]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    """(country, leg) -> the [first, last] year spans of its systems' non-zero sourced rows."""
    years: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for r in rows:
        v = r.values
        if v["basis"] == "sourced" and v["launchers"] != 0:
            years[(v["country"], v["leg"], v["system"])].append(v["year"])
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for (country, leg, _), ys in years.items():
        spans[(country, leg)].append((min(ys), max(ys)))
    return spans


def check_completeness(rows: Sequence[Record]) -> None:
    have = {(r.values["country"], r.values["year"], r.values["leg"]) for r in _preferred(rows)}
    first: dict[str, Record] = {}
    for r in rows:
        first.setdefault(r.values["country"], r)
    for (country, leg), spans in sorted(fielded(rows).items()):
        lo, hi = SPANS.get(country, (min(s[0] for s in spans), max(s[1] for s in spans)))
        for year in range(lo, hi + 1):
            gap = UNSOURCED_GAPS.get((country, leg))
            if gap is not None and gap[0] <= year <= gap[1]:
                continue
            if any(a <= year <= b for a, b in spans) and (country, year, leg) not in have:
                raise DataError(
                    f"{first[country].path}: {country} {year} has no preferred {leg!r} row, but "
                    f"the leg is fielded that year (sourced systems span "
                    f"{', '.join(f'{a}-{b}' for a, b in sorted(spans))})"
                )


def _by_year(rows: Sequence[Record]) -> dict[tuple[str, int], list[Record]]:
    out: dict[tuple[str, int], list[Record]] = defaultdict(list)
    for r in _preferred(rows):
        out[(r.values["country"], r.values["year"])].append(r)
    return out


def _heaviest(rows: Sequence[Record]) -> Record:
    return max(rows, key=lambda r: r.values["warheads"] or 0)


def check_stockpiles(rows: Sequence[Record], stockpiles: Sequence[Record]) -> None:
    smallest: dict[tuple[str, int], Record] = {}
    for s in stockpiles:
        key = (s.values["country"], s.values["year"])
        if key not in smallest or s.values["warheads"] < smallest[key].values["warheads"]:
            smallest[key] = s
    for key, recs in sorted(_by_year(rows).items()):
        strategic = [r for r in recs if r.values["leg"] in STRATEGIC_LEGS]
        total = _sum(strategic, "warheads")
        stock = smallest.get(key)
        if stock is not None and strategic and total > stock.values["warheads"]:
            raise DataError(
                f"{where(_heaviest(strategic), 'warheads')}: {key[0]} {key[1]} deployed strategic "
                f"warheads {total} exceed the stockpile {stock.values['warheads']} "
                f"({stock.path}, line {stock.line}; expected deployed ≤ stockpile)"
            )


def _off(got: int, want: int, tolerance: float) -> bool:
    return abs(got - want) > tolerance * want


def check_start_mou(rows: Sequence[Record], mou: Sequence[Record]) -> None:
    legs = {(m.values["country"], MOU_LEGS[m.values["leg"]]): m for m in mou
            if m.values["leg"] in MOU_LEGS and m.values["row_type"] != "system"}
    counted: dict[tuple[str, str], list[Record]] = defaultdict(list)
    estimate: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in rows:
        v = r.values
        if v["year"] == 1990 and v["counting_rule"] == "start_mou":
            counted[(v["country"], v["leg"])].append(r)
        elif v["year"] == 1990 and v["preferred"]:
            estimate[(v["country"], v["leg"])].append(r)
    for key, recs in sorted(counted.items()):
        m = legs.get(key)
        if m is None:
            continue
        for col, mcol in (("launchers", "deployed_launchers"), ("warheads", "warheads_attributed")):
            if _sum(recs, col) != m.values[mcol]:
                raise DataError(
                    f"{where(recs[-1], col)}: {key[0]} 1990 {key[1]} rows counted by start_mou "
                    f"sum to {_sum(recs, col)} (expected the MOU's {m.values[mcol]}, "
                    f"{m.path}, line {m.line})"
                )
    for key, recs in sorted(estimate.items()):
        m = legs.get(key)
        if m is None or key[1] == "bomber":
            continue
        for col, mcol in (("launchers", "deployed_launchers"), ("warheads", "warheads_attributed")):
            got, want = _sum(recs, col), m.values[mcol]
            if _off(got, want, MOU_TOLERANCE):
                raise DataError(
                    f"{where(_heaviest(recs), col)}: {key[0]} 1990 {key[1]} {col} {got} differ from "
                    f"the START MOU's {want} by more than {MOU_TOLERANCE:.0%} "
                    f"({m.path}, line {m.line})"
                )


def check_new_start(rows: Sequence[Record], exchanges: Sequence[Record]) -> None:
    by_year = _by_year(rows)
    for e in exchanges:
        key = (e.values["country"], e.values["date"].year)
        recs = [r for r in by_year.get(key, []) if r.values["leg"] in STRATEGIC_LEGS]
        if not recs:
            continue
        bombers = [r for r in recs if r.values["leg"] == "bomber"]
        missiles = [r for r in recs if r.values["leg"] != "bomber"]
        ours = {
            "warheads_deployed": _sum(missiles, "warheads") + _sum(bombers, "launchers"),
            "deployed_icbm_slbm_hb": _sum(recs, "launchers"),
        }
        tol = NEW_START_TOLERANCE_BY_COUNTRY.get(key[0], NEW_START_TOLERANCE)
        for col, got in ours.items():
            want = e.values[col]
            if want is not None and _off(got, want, tol):
                raise DataError(
                    f"{where(_heaviest(recs), 'warheads')}: {key[0]} {key[1]} in New START "
                    f"counting ({col}, bombers one warhead each) is {got}, off the exchange of "
                    f"{e.values['date']} ({want}; {e.path}, line {e.line}) by more than "
                    f"{tol:.0%}"
                )


def check_inf(rows: Sequence[Record], eliminations: Sequence[Record]) -> None:
    eliminated = {(e.values["country"], e.values["system_id"]): e for e in eliminations
                  if e.values["basis"] == "eliminated" and e.values["system_id"]}
    for r in _preferred(rows):
        v: dict[str, Any] = r.values
        if (v["leg"] != "inf_ground" or v["range_class"] not in INF_BAND
                or v["country"] not in INF_PARTIES):
            continue
        e = eliminated.get((v["country"], INF_SYSTEMS.get(v["system"], "")))
        if e is not None and INF_SIGNED <= v["year"] <= INF_ELIMINATED and (
            e.values["missiles"] is not None and (v["launchers"] or 0) > e.values["missiles"]
        ):
            raise DataError(
                f"{where(r, 'launchers')}: {v['launchers']} {v['system']} in {v['year']} exceed "
                f"the {e.values['missiles']} missiles eliminated under the INF Treaty "
                f"({e.path}, line {e.line})"
            )
        if INF_ELIMINATED < v["year"] < INF_ENDED and (v["warheads"] or 0) > 0:
            raise DataError(
                f"{where(r, 'warheads')}: {v['warheads']} nuclear warheads on a deployed "
                f"{v['range_class']}-range ground-launched system in {v['year']}, while the INF "
                f"Treaty banned them (eliminations complete by 1 June 1991)"
            )


def check_cross(tables: dict[str, list[Record]]) -> None:
    """Run every cross-table check on ``tables['forces']``."""
    rows = tables.get("forces", [])
    check_completeness(rows)
    check_stockpiles(rows, tables.get("stockpiles", []))
    check_start_mou(rows, tables.get("start_mou_1990", []))
    check_new_start(rows, tables.get("new_start_aggregates", []))
    check_inf(rows, tables.get("inf_eliminations", []))


__all__ = [
    "INF_PARTIES",
    "INF_SYSTEMS",
    "MOU_TOLERANCE",
    "NEW_START_TOLERANCE",
    "NEW_START_TOLERANCE_BY_COUNTRY",
    "SPANS",
    "UNSOURCED_GAPS",
    "check_cross",
    "fielded",
]
