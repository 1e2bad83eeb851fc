#!/usr/bin/env python3
"""Regenerate ``tables/forces/USA.csv``: US nuclear forces by system and year, 1960–2025.

    python scripts/forces_usa.py PATH/TO/StrategicForces/data/nuclearForces.csv

A maintainer tool (the output is committed). Where each number comes from:

- **Delivery vehicles, year by year** (ICBMs, SLBMs, bombers, Pershing IA/II, GLCM, Lance): the
  compilation ``ghsf`` (M. Kielar, *StrategicForces*, built from the NRDC Archive of Nuclear Data,
  IISS *Military Balance* and SIPRI yearbooks), column ``Number`` of its ``Delivery Vehicle``
  rows; range as its ``Info_1`` states it.
- **Warheads** of ICBMs and SLBMs: the compilation's own warhead-type rows (``Type ==
  Warhead``), assigned to systems as stated in :data:`WARHEADS`; single-warhead systems carry
  one warhead per launcher (the loading the compilation gives in ``Info_4``).
- **Bomber weapons**: the compilation gives gravity bombs only from 1998, so a leg aggregate
  row ``bomber weapons (all)`` carries W80-1 + B61/B83 for 1998–2023; 1962 and 2025 come
  from ``fp-1962`` and ``nn-us-2025``; other years have no sourced bomber-weapon figure.
- Hand-entered rows (:data:`EXTRA`): START MOU 1990, New START by-type data, Nuclear Notebook
  2025, Thor, Jupiter, Safeguard, GMD and Typhon, each with its source.
- 2024 (and other gaps) are interpolated by the rule of ``stratlab.data.forces_checks``.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from stratlab.data.forces_checks import interpolate  # noqa: E402
from stratlab.data.schema import TABLE_BY_NAME  # noqa: E402

OUT = ROOT / "src" / "stratlab" / "data" / "tables" / "forces" / "USA.csv"
FIRST, LAST = 1960, 2025

# ghsf system name -> (our system name, leg, range_class, basing, deployed_in, loading)
# loading: warheads per launcher for single-loading systems, or None (from WARHEADS).
SYSTEMS: dict[str, tuple[str, str, str, str, str, float | None]] = {
    "Atlas": ("Atlas", "icbm", "intercontinental", "fixed", "USA", 1),
    "Titan I": ("Titan I", "icbm", "intercontinental", "fixed", "USA", 1),
    "Titan II": ("Titan II", "icbm", "intercontinental", "fixed", "USA", 1),
    "Minuteman I": ("Minuteman I", "icbm", "intercontinental", "fixed", "USA", 1),
    "Minuteman II": ("Minuteman II", "icbm", "intercontinental", "fixed", "USA", 1),
    "Minuteman III": ("Minuteman III", "icbm", "intercontinental", "fixed", "USA", None),
    "Peacekeeper": ("Peacekeeper", "icbm", "intercontinental", "fixed", "USA", 10),
    "Polaris A-1": ("Polaris A-1", "slbm", "intermediate", "at_sea", "sea", 1),
    "Polaris A-2": ("Polaris A-2", "slbm", "intermediate", "at_sea", "sea", 1),
    "Polaris A-3": ("Polaris A-3", "slbm", "intermediate", "at_sea", "sea", 3),
    "Poseidon C-3": ("Poseidon C-3", "slbm", "intercontinental", "at_sea", "sea", 10),
    "Trident C-4": ("Trident I C-4", "slbm", "intercontinental", "at_sea", "sea", 8),
    "Trident D-5": ("Trident II D-5", "slbm", "intercontinental", "at_sea", "sea", None),
    "B-47 Stratojet": ("B-47", "bomber", "intercontinental", "air", "USA", None),
    "B-52 Stratofortress": ("B-52", "bomber", "intercontinental", "air", "USA", None),
    "B-58 Hustler": ("B-58", "bomber", "intercontinental", "air", "USA", None),
    "B-1B Lancer": ("B-1B", "bomber", "intercontinental", "air", "USA", None),
    "B-2 Spirit": ("B-2", "bomber", "intercontinental", "air", "USA", None),
    "Pershing IA": ("Pershing IA", "inf_ground", "shorter", "mobile", "DEU", 1),
    "Pershing II": ("Pershing II", "inf_ground", "intermediate", "mobile", "DEU", 1),
    "GLCM": ("BGM-109G GLCM", "inf_ground", "intermediate", "mobile", "EUR", 1),
    "Lance": ("Lance", "sub_strategic", "short", "mobile", "EUR", 1),
}

NOTES = {
    "Minuteman II": "one warhead (W56), as in the START MOU 1990; the compilation's Info_4 "
    "'3 Warheads (MIRV)' is not used",
    "Polaris A-3": "3 MRV warheads (not independently targeted), the compilation's loading",
    "Peacekeeper": "10 warheads (W87), as the START MOU 1990 attributes and the compilation's "
    "W87 row gives",
    "BGM-109G GLCM": "host countries not itemised by the compilation (EUR = several NATO "
    "hosts: GBR, ITA, DEU, BEL, NLD); unit (missiles or launchers) not stated",
    "Lance": "theatre forces in Western Europe (EUR: host countries not itemised)",
    "Pershing IA": "includes the West German Luftwaffe's launchers with US-held warheads",
}

# Warheads of multi-loading systems: the compilation's warhead-type rows, minus the share of a
# type that another system carries (W87 is on Peacekeeper until 2005, then on Minuteman III;
# W76 on Trident I until 2005 and on Trident II from 1990).
WARHEADS = {
    "Minuteman III": (("W62", "W78", "W87"), ("Peacekeeper", 10)),
    "Trident II D-5": (("W88", "W76-0", "W76-1"), ("Trident I C-4", 8)),
}
BOMBER_WEAPONS = ("W80-1", "B61-7/-11, B83-1")
BOMBER_FROM = 1998  # the compilation's gravity-bomb series starts here

SUPERSEDED_D5 = range(2016, 2024)  # see the note written on these rows
MAX_GAP = 10  # longer gaps stay empty (bomber weapons 1963-1997: no source gives them)
GHSF_NOTE = "compilation's year value (date in the year not stated)"

Row = dict[str, object]


def row(year: int, system: str, leg: str, range_class: str, basing: str, deployed_in: str,
        launchers: int | None, warheads: int | None, source: str, *, wpl: float | None = None,
        range_km: float | None = None, rule: str = "estimate", preferred: bool = True,
        confidence: str = "Low", as_of: str = "", note: str = "", basis: str = "sourced",
        anchors: str = "") -> Row:
    if wpl is None and launchers and warheads is not None:
        wpl = round(warheads / launchers, 2)
    return {
        "country": "USA", "year": year, "system": system, "leg": leg,
        "range_class": range_class, "basing": basing, "deployed_in": deployed_in,
        "range_km": range_km, "launchers": launchers, "warheads_per_launcher": wpl,
        "warheads": warheads, "basis": basis, "anchor_years": anchors, "counting_rule": rule,
        "preferred": "true" if preferred else "false", "confidence": confidence,
        "as_of": as_of, "note": note, "source_id": source,
    }


def from_ghsf(path: Path) -> list[Row]:
    vehicles: dict[str, dict[int, int]] = defaultdict(dict)
    heads: dict[str, dict[int, int]] = defaultdict(dict)
    ranges: dict[str, float] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["Number"] == "NA":
                continue
            year, n = int(r["Year"]), int(r["Number"])
            if r["Type"] == "Delivery Vehicle":
                vehicles[r["System"]][year] = n
                ranges[r["System"]] = float(r["Info_1"].replace(",", "").removesuffix("km"))
            else:
                heads[r["System"]][year] = n
    rows: list[Row] = []
    ours = {v[0]: k for k, v in SYSTEMS.items()}
    for ghsf, (name, leg, rc, basing, where, loading) in SYSTEMS.items():
        for year, n in sorted(vehicles[ghsf].items()):
            if not FIRST <= year <= LAST:
                continue
            note = "; ".join(x for x in (GHSF_NOTE, NOTES.get(name, "")) if x)
            wh: int | None
            if leg == "bomber":
                wh, note = None, note + "; bomber weapons are on the `bomber weapons (all)` row"
                if year < BOMBER_FROM:
                    extra = [f"{heads[w][year]} {w}" for w in ("W69", "W80-1")
                             if year in heads[w] and name == "B-52"]
                    if extra:
                        note += "; the compilation lists " + " and ".join(extra) + \
                            " missiles for the bomber force (gravity bombs not given)"
            elif loading is not None:
                wh = round(n * loading)
            else:
                types, (other, per) = WARHEADS[name]
                total = sum(heads[t].get(year, 0) for t in types)
                other_n = vehicles[ours[other]].get(year, 0)
                wh = total - per * other_n
                note += (f"; warheads = compilation's {' + '.join(types)} rows minus {per} per "
                         f"{other} missile ({other_n})")
            preferred = not (name == "Trident II D-5" and year in SUPERSEDED_D5)
            if not preferred:
                note += ("; not preferred: the W76-1 row (768) looks like a stockpile count; "
                         "New START data and the Nuclear Notebook put deployed SLBM warheads "
                         "near 900-1,000 (the preferred rows interpolate between 2015 and the "
                         "Notebook's 2019, 2022 and 2025 figures)")
            rows.append(row(year, name, leg, rc, basing, where, n, wh, "ghsf",
                            wpl=loading if loading is not None and leg != "bomber" else None,
                            range_km=ranges[ghsf], note=note, preferred=preferred))
    for year in range(BOMBER_FROM, LAST + 1):
        if year in heads[BOMBER_WEAPONS[0]]:
            wh = sum(heads[t].get(year, 0) for t in BOMBER_WEAPONS)
            rows.append(row(year, "bomber weapons (all)", "bomber", "intercontinental", "air",
                            "USA", None, wh, "ghsf",
                            note=f"{GHSF_NOTE}; W80-1 ALCM + B61/B83 bombs at bomber bases; "
                            "launchers are on the per-type bomber rows"))
    return rows


def extra_rows() -> list[Row]:
    mou = dict(rule="start_mou", preferred=False, confidence="High", as_of="1990-09-01")
    ic = ("icbm", "intercontinental", "fixed", "USA")
    sl = ("slbm", "intercontinental", "at_sea", "sea")
    bo = ("bomber", "intercontinental", "air", "USA")
    mou_note = "START I MOU data base of 1 September 1990 (treaty-accountable warheads)"
    out = [
        row(1990, "Minuteman II", *ic, 450, 450, "start1-mou-1990", note=mou_note, **mou),
        row(1990, "Minuteman III", *ic, 500, 1500, "start1-mou-1990", note=mou_note, **mou),
        row(1990, "Peacekeeper", *ic, 50, 500, "start1-mou-1990", note=mou_note, **mou),
        row(1990, "Poseidon C-3", *sl, 192, 1920, "start1-mou-1990", note=mou_note, **mou),
        row(1990, "Trident I C-4", *sl, 384, 3072, "start1-mou-1990", note=mou_note, **mou),
        row(1990, "Trident II D-5", *sl, 96, 768, "start1-mou-1990", note=mou_note, **mou),
        row(1990, "B-52", *bo, 479, 2258, "start1-mou-1990", **mou,
            note=mou_note + ": 189 ALCM-carrying B-52 (1,968 attributed) + 290 other B-52 "
            "(one each); all accountable airframes, not only nuclear-assigned aircraft"),
        row(1990, "B-1B", *bo, 95, 95, "start1-mou-1990", **mou,
            note=mou_note + ": a non-ALCM bomber counts one warhead"),
        # New START by-type data (treaty counting: a deployed bomber counts one warhead).
        row(2017, "Trident II D-5", *sl, 220, None, "nst-2017", rule="new_start",
            preferred=False, confidence="High", as_of="2017-03-01",
            note="deployed SLBMs under New START; warheads by type not released"),
        row(2020, "Trident II D-5", *sl, 230, None, "nst-2020", rule="new_start",
            preferred=False, confidence="High", as_of="2020-09-01",
            note="deployed SLBMs under New START; warheads by type not released"),
        row(2020, "B-52", *bo, 36, 36, "nst-2020", rule="new_start", preferred=False,
            confidence="High", as_of="2020-09-01",
            note="deployed B-52H under New START, one warhead each by treaty rule"),
        row(2020, "B-2", *bo, 12, 12, "nst-2020", rule="new_start", preferred=False,
            confidence="High", as_of="2020-09-01",
            note="deployed B-2A under New START, one warhead each by treaty rule"),
        # Nuclear Notebook 2025 (January 2025).
        row(2025, "Minuteman III", *ic, 400, 400, "nn-us-2025", wpl=1, confidence="High",
            as_of="2025-01", note="400 missiles in 450 silos, one warhead each"),
        row(2025, "Trident II D-5", *sl, 280, 970, "nn-us-2025", confidence="Medium",
            as_of="2025-01", note="launch tubes (14 SSBNs x 20); ~970 warheads, approximate"),
        row(2019, "Trident II D-5", *sl, 280, 900, "nn-us-2019", confidence="Low",
            as_of="2019-01", note="warheads: ~1,300 on ballistic missiles minus 400 on "
            "Minuteman III (derived); launchers: 14 SSBNs x 20 active tubes [aca-nst-2018]"),
        row(2022, "Trident II D-5", *sl, 280, 944, "nn-us-2022", confidence="Low",
            note="~944 warheads on SLBMs (of ~1,744 deployed: 400 ICBM, ~944 SLBM, 300 at "
            "bomber bases, 100 in Europe); launchers: 14 SSBNs x 20 tubes as in 2019 and 2025 "
            "[aca-nst-2018], [nn-us-2025]"),
        row(2019, "bomber weapons (all)", *bo, None, 300, "nn-us-2019", confidence="Medium",
            preferred=False, as_of="2019-01", note="~300 weapons at bomber bases (same as "
            "the compilation's 2019 figure)"),
        row(2025, "bomber weapons (all)", *bo, None, 300, "nn-us-2025", confidence="Medium",
            as_of="2025-01", note="~300 weapons at bomber bases; aircraft numbers for 2025 "
            "not found in a source read (B-52 and B-2 rows end in 2023)"),
        row(1962, "bomber weapons (all)", *bo, None, 2962, "fp-1962", confidence="High",
            as_of="1962-10", note="deliverable weapons of 555 B-52, 675 B-47 and 76 B-58 at "
            "the end of October 1962; 2,952 SAC-alerted weapons at DEFCON 2 [rhodes-ny]"),
    ]
    # Conflicting figures from the postures reference, kept beside the preferred estimates.
    out += [
        row(1962, "Atlas", *ic, 102, 102, "pent-62", wpl=1, rule="official", preferred=False,
            confidence="Medium", as_of="1962-11-29", note="in operational status on 29 Nov "
            "1962 (102 Atlas + 54 Titan I = 156); the compilation's year value is 129"),
        row(1962, "Titan I", *ic, 54, 54, "pent-62", wpl=1, rule="official", preferred=False,
            confidence="Medium", as_of="1962-11-29", note="in operational status on 29 Nov 1962"),
        row(1987, "Pershing II", "inf_ground", "intermediate", "mobile", "DEU", 108, 108,
            "wilson-pershing2", wpl=1, preferred=False, confidence="High",
            note="all 108 launchers in place by December 1985; W85"),
        row(2001, "Peacekeeper", *ic, 50, 500, "aca-2001", wpl=10, rule="start_mou",
            preferred=False, confidence="Medium", as_of="2001-01",
            note="START MOU data of January 2001 (accountable: deployed and in overhaul)"),
        row(2010, "Minuteman III", *ic, 450, 1200, "crs-2010", rule="official",
            preferred=False, confidence="Medium", as_of="2010-01",
            note="probably loading capacity or treaty attribution; the compilation gives 500"),
        row(2010, "Trident II D-5", *sl, 336, 2000, "crs-2010", rule="official",
            preferred=False, confidence="Medium", as_of="2010-01",
            note="launch tubes of 14 SSBNs x 24; 'around 2,000' warheads, approximate"),
        row(2018, "Minuteman III", *ic, 400, 400, "crs-2018", wpl=1, rule="official",
            preferred=False, confidence="High", as_of="2018-11",
            note="400 deployed in 450 silos, one warhead each"),
    ]
    # B61 bombs at European bases (NATO nuclear sharing): warheads only, aircraft not given.
    eur = ("sub_strategic", "short", "air", "EUR")
    eur_note = ("tactical B61 bombs at European air bases; aircraft not given; host countries "
                "not itemised (EUR); range_class 'short' is a placeholder (aircraft radius, "
                "not a source figure)")
    for y, n, src, text, as_of in (
            (2011, 200, "nn-us-2011", "'up to 200' (upper bound)", "2011-01"),
            (2015, 180, "nn-us-2015", "'Another 180 warheads are deployed in Europe'", "2015-01"),
            (2017, 150, "nn-us-2017", "'another 150 tactical bombs deployed at European bases'",
             "2017-01"),
            (2019, 150, "nn-us-2019", "'~150 tactical bombs in Europe'", "2019-01"),
            (2022, 100, "nn-us-2022", "100 tactical bombs at European bases (Italian summary)",
             "2022-01"),
            (2025, 100, "nn-us-2025", "'~100 in Europe'", "2025-01")):
        out.append(row(y, "B61 bombs in Europe", *eur, None, n, src, confidence="Medium",
                       as_of=as_of, note=f"{text}; {eur_note}"))
    thor = ("inf_ground", "intermediate", "fixed", "GBR")
    for y, n, conf in ((1960, 60, "Low"), (1961, 60, "Low"), (1962, 60, "Medium"),
                       (1963, 0, "Medium")):
        out.append(row(y, "Thor", *thor, n, n, "thor", wpl=1, confidence=conf,
                       note="RAF-operated, US-held W49 warheads; 60 on 20 British bases "
                       "'since 1958', removed November 1962 – August 1963"
                       + ("" if n else "; 0 = all removed by August 1963")))
    jup_it = ("inf_ground", "intermediate", "fixed", "ITA")
    jup_tr = ("inf_ground", "intermediate", "fixed", "TUR")
    for y, n in ((1961, 30), (1962, 30), (1963, 0)):
        out.append(row(y, "Jupiter (Italy)", *jup_it, n, n, "gs-jup" if n else "thor", wpl=1,
                       range_km=2400, confidence="Medium",
                       note="two squadrons at Gioia del Colle, operational 1961" if n else
                       "0 = dismantled or removed from Italy in 1963"))
    for y, n in ((1962, 15), (1963, 0)):
        out.append(row(y, "Jupiter (Turkey)", *jup_tr, n, n, "gs-jup" if n else "thor", wpl=1,
                       range_km=2400, confidence="Medium",
                       note="one squadron at Cigli, installed July–August 1962" if n else
                       "0 = removed in April 1963"))
    abm = ("abm", "short", "fixed", "USA")  # range_class: no source gives an interceptor's
    abm_note = "; range_class 'short' is a placeholder (interceptor reach, not a source figure)"
    out += [
        row(1975, "Safeguard (Spartan and Sprint)", *abm, 100, 100, "army-smdc-safeguard",
            wpl=1, confidence="High", as_of="1975-10",
            note="30 Spartan + 70 Sprint nuclear-armed interceptors at Nekoma, North Dakota; "
            "full operational capability in October 1975 [smdc-sg]" + abm_note),
        row(1976, "Safeguard (Spartan and Sprint)", *abm, 0, 0, "smdc-sg", wpl=None,
            confidence="High", as_of="1976-02-10",
            note="0 = inactivated on 10 February 1976" + abm_note),
        row(2010, "GMD (Ground-Based Interceptor)", *abm, 30, None, "ds-2009",
            confidence="Medium", note="non-nuclear hit-to-kill interceptors; 26 at Fort Greely "
            "and 4 at Vandenberg" + abm_note),
        row(2017, "GMD (Ground-Based Interceptor)", *abm, 44, None, "asf-2017",
            confidence="High", as_of="2017-12", note="44 since the end of 2017 (40 Fort "
            "Greely + 4 Vandenberg); non-nuclear" + abm_note),
        row(2025, "GMD (Ground-Based Interceptor)", *abm, 44, None, "bm-2024",
            confidence="High", note="non-nuclear; Next Generation Interceptor from about 2028"
            + abm_note),
        row(2024, "Typhon (Mid-Range Capability)", "inf_ground", "intermediate", "mobile",
            "PHL", 4, 0, "navalnews-2024-04", wpl=0, range_km=2000, confidence="Low",
            as_of="2024-04", note="one battery of 4 launchers (Tomahawk, SM-6), conventional: "
            "0 nuclear warheads; first deployed in northern Luzon in April 2024"),
        row(2025, "Typhon (Mid-Range Capability)", "inf_ground", "intermediate", "mobile",
            "PHL", 4, 0, "platform-2025-02", wpl=0, range_km=1600, confidence="Low",
            as_of="2025-02-14", note="the system deployed in April 2024 'has remained in "
            "northern Luzon'; launcher count as in April 2024 (one battery of 4 "
            "[navalnews-2024-04]); conventional; Tomahawk range up to 1,600 km per this source"),
    ]
    return out


def fill_gaps(rows: list[Row]) -> list[Row]:
    """Interpolate every missing year between two sourced preferred years of a system."""
    by_sys: dict[str, dict[int, Row]] = defaultdict(dict)
    for r in rows:
        if r["preferred"] == "true":
            by_sys[str(r["system"])][int(str(r["year"]))] = r
    out = list(rows)
    for system, years in by_sys.items():
        ys = sorted(years)
        for y0, y1 in pairwise(ys):
            a0, a1 = years[y0], years[y1]
            if a0["counting_rule"] != a1["counting_rule"] or y1 - y0 > MAX_GAP:
                continue
            for y in range(y0 + 1, y1):
                vals = {c: interpolate(y, y0, a0[c], y1, a1[c])  # type: ignore[arg-type]
                        for c in ("launchers", "warheads")}
                out.append(row(
                    y, system, *(str(a1[k]) for k in ("leg", "range_class", "basing",
                                                       "deployed_in")),
                    vals["launchers"], vals["warheads"], str(a1["source_id"]),
                    range_km=a1["range_km"], confidence="Low", basis="interpolated",  # type: ignore[arg-type]
                    anchors=f"{y0};{y1}",
                    note=f"interpolated linearly between {y0} [{a0['source_id']}] and {y1} "
                    f"[{a1['source_id']}], rounded half up"))
    return out


def main() -> None:
    rows = fill_gaps(from_ghsf(Path(sys.argv[1])) + extra_rows())
    rows.sort(key=lambda r: (str(r["leg"]), str(r["system"]), int(str(r["year"])),
                             r["preferred"] != "true", str(r["source_id"])))
    cols = TABLE_BY_NAME["forces"].column_names
    with OUT.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow(["" if r[c] is None else r[c] for c in cols])
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
