#!/usr/bin/env python3
# ruff: noqa: E501  (the notes quote sources verbatim; one quotation per line reads best)
"""Regenerate ``tables/forces/RUS.csv`` and ``CHN.csv``: USSR/Russia 1960-2025, China 1964-2025.

    python scripts/forces_rus_chn.py [OUT_DIR]

A maintainer tool (the output is committed). Every sourced row below is a figure read in the
source its ``src`` names (quoted in its note); rows marked "derived here" multiply or subtract
figures of that source and say so. Interpolated rows follow the rule of
:func:`stratlab.data.forces_checks.interpolate` (linear in the year between two sourced rows of
the same system and counting rule, rounded half up).

Layout choices (see the closing report of the forces-ru branch):

- The strategic legs of the USSR/Russia are leg aggregates (``ICBM (all)``, ``SLBM (all)``,
  ``bombers (all)``): no source read gives every Soviet system year by year, and mixing system
  rows with aggregates in one year would double-count a leg. The START MOU 1990 system figures
  are quoted in the 1990 notes.
- Cold War launcher counts (1960-1990) are recorded under ``salt`` (the schema's launcher-only
  rule) whoever published them, so that one line runs through them; the MOU 1990 launchers
  are repeated under ``salt`` (not preferred) to anchor 1986-1989.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from stratlab.data.forces_checks import interpolate  # noqa: E402

HEADER = ["country", "year", "system", "leg", "range_class", "basing", "deployed_in", "range_km",
          "launchers", "warheads_per_launcher", "warheads", "basis", "anchor_years",
          "counting_rule", "preferred", "confidence", "as_of", "note", "source_id"]


def row(country, year, system, leg, rc, basing, dep, L=None, W=None, wpl=None, rng=None, *,
        rule, src, conf, pref=True, as_of=None, note="", basis="sourced", anchors=None):
    return {"country": country, "year": year, "system": system, "leg": leg, "range_class": rc,
            "basing": basing, "deployed_in": dep, "range_km": rng, "launchers": L,
            "warheads_per_launcher": wpl, "warheads": W, "basis": basis, "anchor_years": anchors,
            "counting_rule": rule, "preferred": pref, "confidence": conf, "as_of": as_of,
            "note": note, "source_id": src}


def fill(anchors, pairs, skip=(), pref=True, conf_drop=True):
    """Interpolated rows between consecutive (y0, y1) anchor pairs; ``anchors`` maps year -> row."""
    out = []
    for y0, y1 in pairs:
        a0, a1 = anchors[y0], anchors[y1]
        assert a0["counting_rule"] == a1["counting_rule"] and a0["system"] == a1["system"]
        for y in range(y0 + 1, y1):
            if y in skip:
                continue
            r = dict(a1)
            r.update(year=y, basis="interpolated", anchor_years=f"{y0};{y1}", as_of=None,
                     launchers=interpolate(y, y0, a0["launchers"], y1, a1["launchers"]),
                     warheads=interpolate(y, y0, a0["warheads"], y1, a1["warheads"]),
                     warheads_per_launcher=None, preferred=pref,
                     confidence="Low",
                     note=(f"interpolated linearly between {y0} [{a0['source_id']}] and {y1} "
                           f"[{a1['source_id']}] ({a0['counting_rule']} counts)"
                           + ("; warheads not interpolated: an anchor has none"
                              if a0["warheads"] is None or a1["warheads"] is None else "")
                           + ("; launchers not interpolated: an anchor has none"
                              if a0["launchers"] is None or a1["launchers"] is None else "")))
            out.append(r)
    return out


R = "RUS"
rows: list[dict] = []

# ---------------------------------------------------------------- USSR/Russia ICBM (all)
ic = dict(leg="icbm", rc="intercontinental", basing="fixed", dep="RUS")
def icbm(year, **kw):
    return row(R, year, "ICBM (all)", ic["leg"], ic["rc"], ic["basing"], ic["dep"], **kw)

icbm_salt = {
    1960: icbm(1960, L=4, rule="salt", src="schlosser-2013", conf="Low", as_of="1961-02",
               note="aerial and satellite photographs early in 1961 confirmed only four missiles able to reach the United States (R-7); launcher count only"),
    1962: icbm(1962, L=48, rule="salt", src="tiv-2001", conf="Low", as_of="1962-10-22",
               note="R-7 (SS-6) and R-16 (SS-7) launchers at the Cuban crisis; conflicting counts kept: 36 [fp-1962], about 20 [sheehan]"),
    1966: icbm(1966, L=400, rule="salt", src="time-1966", conf="Low", as_of="1966-11",
               note="'approximately 400 intercontinental missiles' (Time, on the balance as McNamara described it); launcher count only"),
    1970: icbm(1970, L=1487, rule="salt", src="sipri-1981", conf="Medium",
               note="SIPRI Yearbook 1981 table 2.1 (analysts' launcher count, recorded here under the launcher-only rule); total Soviet warheads 1,800 in 1970, not split by leg"),
    1972: icbm(1972, L=1618, rule="salt", src="salt1-narrative", conf="Medium", as_of="1972-05-26",
               note="'an estimated 1,618 in operation and under construction' at the signing of the SALT I Interim Agreement (overstates deployed launchers by those under construction)"),
    1978: icbm(1978, L=1398, rule="salt", src="salt2-mou", conf="High", as_of="1978-11-01",
               note="SALT II data base; 576 MIRVed per the catalog's postures table"),
    1980: icbm(1980, L=1398, rule="salt", src="sipri-1981", conf="Medium",
               note="SIPRI Yearbook 1981 table 2.1 (launcher count, recorded under the launcher-only rule); total Soviet warheads 6,000 in 1980, not split by leg"),
    1985: icbm(1985, L=1398, rule="salt", src="tass-srf", conf="Medium",
               note="Strategic Rocket Forces peak of 1985: 2,500 missiles of which 1,398 intercontinental (road-mobile SS-25 from 1985)"),
    1990: icbm(1990, L=1398, rule="salt", src="start1-mou-1990", conf="High", pref=False, as_of="1990-09-01",
               note="launcher count of the START MOU read as a launcher-only (salt) count, to anchor the 1986-1989 launcher line; the preferred 1990 row is the start_mou one"),
}
rows += icbm_salt.values()
rows.append(icbm(1962, L=36, rule="salt", src="fp-1962", conf="Low", pref=False, as_of="1962-10",
                 note="conflicting count at the Cuban crisis (see the tiv-2001 row)"))
rows.append(icbm(1962, L=56, rule="salt", src="schlosser-2013-p172", conf="Low", pref=False, as_of="1962-11",
                 note="approximate: 'within a decade of removing strategic weapons from Cuba, the Soviet Union increased the number of its long-range, land-based missiles from about 56 to more than 1,500' (Schlosser)"))
rows.append(icbm(1962, L=20, rule="salt", src="sheehan", conf="Low", pref=False,
                 note="approximate: 'a mere twenty unreliable'"))
rows += fill(icbm_salt, [(1960, 1962), (1962, 1966), (1966, 1970), (1970, 1972), (1972, 1978), (1978, 1980), (1980, 1985)])
# US government estimates of Soviet ICBM warheads (rule 'official'), preferred over the
# launcher-only rows in their years; 1986 lies on their line. 1988-1989 keep the launcher-only
# line (no warhead figure read; the 1990 MOU counts by another rule).
icbm_off = {
    1985: icbm(1985, L=1398, W=6000, rule="official", src="lat-1985-03-10", conf="Low", as_of="1985-03",
               note="lower bound: the US START offer would 'cut Soviet land-based missile warheads to 2,500 (from more than 6,000)'; launchers 1,398 from the Strategic Rocket Forces' 1985 count [tass-srf]"),
    1987: icbm(1987, L=1398, W=6400, rule="official", src="lat-1987-11-29", conf="Medium", as_of="1987-11",
               note="US officials: the USSR's 'estimated 8,400 strategic missile warheads, of which 6,400 are land-based and about 2,000 are submarine-based'; launchers 1,398 as counted in 1985 [tass-srf] and in the MOU of 1990 [start1-mou-1990] (unchanged between them)"),
}
icbm_salt[1985]["preferred"] = False
rows += icbm_off.values()
rows += fill(icbm_off, [(1985, 1987)])
rows += [dict(r, preferred=r["year"] > 1987) for r in fill(icbm_salt, [(1985, 1990)])]

icbm_mou = {
    1990: icbm(1990, L=1398, W=6612, rule="start_mou", src="start1-mou-1990", conf="High", as_of="1990-09-01",
               note="sum of the MOU system rows: SS-11 326/326, SS-13 40/40, SS-17 47/188, SS-18 308/3080, SS-19 300/1800, SS-24 silo 56/560, SS-24 rail-mobile 33/330, SS-25 road-mobile 288/288 (321 launchers mobile)"),
    2008: icbm(2008, L=415, W=1575, rule="start_mou", src="podvig-2008", conf="High", as_of="2008-07-01",
               note="START MOU data of 1 July 2008: 415 missiles able to carry 1,575 warheads"),
}
rows += icbm_mou.values()
rows += fill(icbm_mou, [(1990, 2008)], pref=True, skip=(2003,))
rows += [r for r in fill(icbm_mou, [(1990, 2008)], pref=False) if r["year"] == 2003]
rows.append(icbm(2003, L=621, W=2423, rule="estimate", src="podvig-2003", conf="Medium", as_of="2003-09",
                 note="after the September 2003 cuts (about 640 before); warheads are capacity ('able to carry up to')"))

# ---------------------------------------------------------------- SLBM (all)
def slbm(year, rc="intercontinental", **kw):
    return row(R, year, "SLBM (all)", "slbm", rc, "at_sea", "sea", **kw)

slbm_salt = {
    1962: slbm(1962, L=0, rule="salt", src="cubacrisis-net", conf="Low",
               note="the source's 1962 balance gives the Soviet side 0 SLBMs (against 75 ICBMs and 150 bombers); missiles on diesel Golf/Hotel boats (R-13, surfaced launch) evidently not counted"),
    1966: slbm(1966, L=125, rule="salt", src="time-1966", conf="Low", as_of="1966-11",
               note="'125 submarine-launched missiles' (Time, 1966); launcher count only"),
    1970: slbm(1970, L=248, rule="salt", src="sipri-1981", conf="Medium",
               note="SIPRI Yearbook 1981 table 2.1 (launcher count, recorded under the launcher-only rule)"),
    1972: slbm(1972, L=740, rule="salt", src="frus-1969-76-v32-d335", conf="Medium", as_of="1972-05-26",
               note="the 740 SLBM launchers on nuclear-powered submarines referred to in the SALT I Protocol (operational and under construction); launchers of older missiles on diesel boats excluded"),
    1978: slbm(1978, L=950, rule="salt", src="salt2-mou", conf="High", as_of="1978-11-01",
               note="SALT II data base; 128 MIRVed per the catalog's postures table"),
    1980: slbm(1980, L=950, rule="salt", src="sipri-1981", conf="Medium",
               note="SIPRI Yearbook 1981 table 2.1 (launcher count, recorded under the launcher-only rule)"),
    1990: slbm(1990, L=940, rule="salt", src="start1-mou-1990", conf="High", pref=False, as_of="1990-09-01",
               note="launcher count of the START MOU read as a launcher-only (salt) count, to anchor the 1979-1989 line"),
}
rows += slbm_salt.values()
rows.append(slbm(1962, rc="shorter", L=72, rule="salt", src="schlosser-2013-p172", conf="Low", pref=False, as_of="1962-11",
                 note="conflicting count: 'its arsenal of submarine-based missiles rose from about 72 to almost 500' within a decade after the Cuban crisis (Schlosser); these are short-range missiles on diesel boats (R-13, ~600 km), which the preferred 1962 balance counts as 0 SLBMs"))
rows += fill(slbm_salt, [(1962, 1966), (1966, 1970), (1970, 1972), (1972, 1978), (1978, 1980)])
rows += [dict(r, preferred=r["year"] != 1987) for r in fill(slbm_salt, [(1980, 1990)])]
rows.append(slbm(1987, W=2000, rule="official", src="lat-1987-11-29", conf="Low", as_of="1987-11",
                 note="approximate: 'about 2,000' Soviet submarine-based strategic missile warheads (US officials, Washington Post via LA Times); launchers not given in the source (the launcher-only row of 1987, 943 on the 1980-1990 line, is kept, not preferred)"))
slbm_mou = {
    1990: slbm(1990, L=940, W=2804, rule="start_mou", src="start1-mou-1990", conf="High", as_of="1990-09-01",
               note="sum of the MOU system rows: SS-N-6 192/192, SS-N-8 280/280, SS-N-17 12/12, SS-N-18 224/672 (3 each, downloaded attribution), SS-N-20 120/1200, SS-N-23 112/448"),
    2008: slbm(2008, W=611, rule="start_mou", src="podvig-2008", conf="High", as_of="2008-07-01",
               note="START MOU data of 1 July 2008: 611 warheads associated with strategic submarines; launchers not given in the source read"),
}
rows += slbm_mou.values()
rows += fill(slbm_mou, [(1990, 2008)])

# ---------------------------------------------------------------- bombers (all)
def bomb(year, **kw):
    return row(R, year, "bombers (all)", "bomber", "intercontinental", "air", "RUS", **kw)

bomb_salt = {
    1962: bomb(1962, L=134, rule="salt", src="sheehan", conf="Medium",
               note="58 M-4/3M 'Bison' + 76 Tu-95 'Bear'; conflicting 138 [fp-1962]; weapons not given"),
    1970: bomb(1970, L=156, rule="salt", src="sipri-1981", conf="Medium",
               note="SIPRI Yearbook 1981 table 2.1 long-range bombers (recorded under the launcher-only rule)"),
    1978: bomb(1978, L=156, rule="salt", src="salt2-mou", conf="High", as_of="1978-11-01",
               note="SALT II heavy bombers; Backfire not counted"),
    1980: bomb(1980, L=156, rule="salt", src="sipri-1981", conf="Medium",
               note="SIPRI Yearbook 1981 table 2.1 long-range bombers (recorded under the launcher-only rule)"),
    1990: bomb(1990, L=162, rule="salt", src="start1-mou-1990", conf="High", pref=False, as_of="1990-09-01",
               note="heavy-bomber count of the START MOU read as a launcher-only (salt) count"),
}
rows += bomb_salt.values()
rows.append(bomb(1962, L=150, rule="salt", src="cubacrisis-net", conf="Low", pref=False,
                 note="conflicting count in a 1962 balance (150 bombers, 75 ICBMs, 0 SLBMs)"))
rows.append(icbm(1962, L=75, rule="salt", src="cubacrisis-net", conf="Low", pref=False,
                 note="conflicting count in a 1962 balance (150 bombers, 75 ICBMs, 0 SLBMs)"))
rows.append(bomb(1962, L=138, rule="salt", src="fp-1962", conf="Medium", pref=False,
                 note="conflicting count (see the sheehan row)"))
rows += fill(bomb_salt, [(1962, 1970), (1970, 1978), (1978, 1980), (1980, 1990)])
bomb_mou = {
    1990: bomb(1990, L=162, W=855, rule="start_mou", src="start1-mou-1990", conf="High", as_of="1990-09-01",
               note="MOU: Tu-95 Bear (ALCM) 84/672, Tu-95 Bear (non-ALCM) 63/63, Tu-160 Blackjack 15/120; START attribution (8 per ALCM bomber, 1 otherwise)"),
    2008: bomb(2008, W=884, rule="start_mou", src="podvig-2008", conf="High", as_of="2008-07-01",
               note="START MOU data of 1 July 2008: 884 weapons associated with strategic bombers; aircraft not given in the source read"),
}
rows += bomb_mou.values()
rows += fill(bomb_mou, [(1990, 2008)])


# ---------------------------------------------------------------- New START era: analysts' estimates
def post2008(fn, leg_label, a2013, a2022w, a2024l, a2025):
    """2013 and 2025 carry launchers and warheads; 2022 (warheads) and 2024 (launchers) are partial.

    The preferred rows 2014-2024 lie on the 2013-2025 line (both columns); the partial sourced
    rows of 2022 and 2024 are kept, not preferred, so that every preferred row carries both.
    """
    out = []
    A = {
        2013: fn(2013, L=a2013[0], W=a2013[1], rule="estimate", src="afp-nn-ru-2013", conf="Medium", as_of="2013-03",
                 note=a2013[2]),
        2022: fn(2022, W=a2022w, rule="estimate", src="nn-ru-2022-ticino", conf="Medium", as_of="2022-02", pref=False,
                 note=f"Nuclear Notebook (Kristensen & Korda, 25 Feb 2022): {a2022w} warheads on {leg_label}"
                      + ("" if leg_label != "bombers" else " (approximate: 'circa 200')")
                      + "; launchers not given in the source read, so not preferred (the preferred 2022 row lies on the 2013-2025 line)"),
        2024: fn(2024, L=a2024l, rule="estimate", src="crs-2024-ru", conf="Medium", as_of="2024", pref=False,
                 note="FAS 2024 estimate as reported by CRS (launchers only), so not preferred (the preferred 2024 row lies on the 2013-2025 line)"),
        2025: fn(2025, L=a2025[0], W=a2025[1], rule="estimate", src="fas-ru-2025-ckhq", conf="Medium", as_of="2025-05",
                 note=a2025[2]),
    }
    out += A.values()
    out += fill(A, [(2013, 2025)])
    return out

rows += post2008(icbm, "ICBMs",
                 (326, 1050, "Nuclear Notebook May/June 2013 as reported by AFP: 326 ICBMs with about 1,050 warheads (approximate)"),
                 812, 326, (330, 870, "FAS (Nuclear Notebook) May 2025: 870 warheads deployed on land-based ballistic missiles; launchers (330 ICBMs) from the same non-governmental 2025 estimate as reported by CRS [crs-2025-ru]"))
rows += post2008(slbm, "SLBMs",
                 (160, 624, "Nuclear Notebook May/June 2013 as reported by AFP: 160 missiles on ten submarines with up to 624 warheads"),
                 576, 192, (192, 640, "approximate: 'approximately 640' warheads on SLBMs (FAS, May 2025); launchers (12 SSBNs with 192 SLBMs) from the same 2025 estimate as reported by CRS [crs-2025-ru]"))
rows += post2008(bomb, "bombers",
                 (72, 126, "Nuclear Notebook May/June 2013 as reported by AFP: 72 heavy bombers; warheads derived here as the source's 1,800 strategic warheads 'on missiles and at bomber bases' minus 1,050 (ICBM) and 624 (SLBM); the 810 weapons the bombers 'could carry' are a loading capacity, not weapons at the bases"),
                 200, 58, (58, 200, "lower bound: 'more than 200' warheads at heavy bomber bases (FAS, May 2025); 58 strategic bombers from the same 2025 estimate as reported by CRS [crs-2025-ru]"))

# ---------------------------------------------------------------- INF ground: SS-4/SS-5 and SS-20
mrbm = "MRBM/IRBM (R-5M, R-12/SS-4, R-14/SS-5)"
mr = {
    1962: row(R, 1962, mrbm, "inf_ground", "intermediate", "fixed", "RUS-west", L=543, rule="salt", src="tiv-2001",
              conf="Medium", as_of="1962-10-22",
              note="launchers of all three types in the USSR, mostly in the European USSR (split and warheads not given); launcher-only count"),
    1966: row(R, 1966, mrbm, "inf_ground", "intermediate", "fixed", "RUS-west", L=700, rule="salt", src="time-1966",
              conf="Low", as_of="1966-11",
              note="'700 medium-range missiles targeted on Western Europe' (Time, 1966); launcher-only count"),
}
rows += mr.values()
rows += fill(mr, [(1962, 1966)])
rows.append(row(R, 1962, "R-12 (SS-4)", "inf_ground", "intermediate", "fixed", "CUB", rng=2100,
                rule="estimate", src="motherboard-2012", conf="Medium", as_of="1962-10",
                note="36 missiles delivered to Cuba (launchers not given); 6-8 warheads mated at the height of the crisis; range ~2,100 km"))

ss20 = "SS-20 (RSD-10)"
def ss20row(year, system=ss20, dep="RUS", **kw):
    return row(R, year, system, "inf_ground", "intermediate", "mobile", dep, rng=5000, **kw)

ss20_a = {
    1977: ss20row(1977, L=20, W=60, wpl=3, rule="official", src="csm-1980", conf="Low", as_of="1977-12",
                  note="'at the end of 1977 Western intelligence sources estimated that 20 ... had been deployed'; warheads derived here as 3 per missile [state-inf-narrative]"),
    1980: ss20row(1980, L=120, W=360, wpl=3, rule="official", src="csm-1980", conf="Low", as_of="1980-07",
                  note="approximately 120 (Western intelligence, growing ~50 a year since 1977); warheads derived here as 3 per missile"),
    1982: ss20row(1982, L=315, W=945, wpl=3, rule="official", src="csm-1982", conf="Medium", as_of="1982-07",
                  note="US official to NATO: 945 operational SS-20 warheads; launchers derived here as 945/3"),
    1984: ss20row(1984, L=387, W=1161, wpl=3, rule="official", src="csm-1985", conf="Medium", as_of="1984-12",
                  note="387 operational missiles, 1,161 warheads (US count)"),
}
rows += ss20_a.values()
rows.append(ss20row(1984, L=378, W=1134, wpl=3, rule="official", src="lat-1985-09-26", conf="Medium",
                    pref=False, as_of="1984-06",
                    note="the June 1984 level (378) on which the Dutch government based its decision; warheads derived here as 3 per missile"))
rows += fill(ss20_a, [(1977, 1980), (1980, 1982), (1982, 1984)])
ss20w, ss20e = "SS-20 (RSD-10) west of the Urals", "SS-20 (RSD-10) east of the Urals"
west = {
    1985: ss20row(1985, ss20w, "RUS-west", L=243, W=729, wpl=3, rule="official", src="lat-1985-10-26",
                  conf="Medium", as_of="1985-10",
                  note="Soviet statement: 243 on standby against Western Europe (Pentagon total 441); warheads derived here as 3 per missile"),
    1991: ss20row(1991, ss20w, "RUS-west", L=0, W=0, rule="official", src="osia-inf-factsheet", conf="High",
                  as_of="1991-05-12", note="0: the last SS-20 was destroyed on 12 May 1991 under the INF Treaty (654 eliminated)"),
}
east = {
    1985: ss20row(1985, ss20e, "RUS-east", L=198, W=594, wpl=3, rule="official", src="lat-1985-10-26",
                  conf="Low", as_of="1985-10",
                  note="derived here: Pentagon total 441 minus the 243 the Soviet side placed against Western Europe; warheads 3 per missile"),
    1991: ss20row(1991, ss20e, "RUS-east", L=0, W=0, rule="official", src="osia-inf-factsheet", conf="High",
                  as_of="1991-05-12", note="0: the last SS-20 was destroyed on 12 May 1991 under the INF Treaty"),
}
rows += west.values()
rows += east.values()
rows += fill(west, [(1985, 1991)])
rows += fill(east, [(1985, 1991)])

rows.append(row(R, 2019, "9M729 (SSC-8)", "inf_ground", "intermediate", "mobile", "RUS",
                L=16, rule="official", src="rferl-faz-2019", conf="Low", as_of="2019-02",
                note="4 battalions x 4 launchers (multiplied out here), at least 64 missiles (Western intelligence via FAZ); bases Kapustin Yar, Kamyshlov, Mozdok, Shuya (Kamyshlov is east of the Urals; split not given); nuclear loading not given"))

# ---------------------------------------------------------------- ABM
rows.append(row(R, 1979, "A-35 (Moscow ABM)", "abm", "short", "fixed", "RUS-west", L=64, W=64, wpl=1,
                rule="estimate", src="mt-2002", conf="Medium",
                note="64 nuclear-armed interceptors around Moscow; deployed 1974 per this source (earlier years not sourced)"))
rows.append(row(R, 2002, "A-135 (Moscow ABM)", "abm", "short", "fixed", "RUS-west", L=100,
                rule="official", src="smp-1989", conf="Low",
                note="upper bound: 'up to 100', the ABM Treaty maximum, not a count; nuclear-armed 51T6/53T6"))

# ======================================================================== CHINA
C = "CHN"
crows: list[dict] = []
def cicbm(year, **kw):
    return row(C, year, "ICBM (all)", "icbm", "intercontinental", "fixed", "CHN", **kw)

c_icbm_est = {
    1999: cicbm(1999, L=20, rule="estimate", src="cns-1999-cn", conf="Low", as_of="1999",
                note="approximate: 'only about 20' of China's strategic warheads 'are deployed on missiles capable of traveling intercontinental distances' (Norris 1996; Norris and Arkin, Nuclear Notebook 1999, as quoted by CNS); one warhead each, warheads not interpolated"),
    2005: cicbm(2005, L=18, W=18, wpl=1, rule="estimate", src="lewis-2005", conf="Medium", as_of="2005",
                note="China's 18 ICBMs (DF-5), unfueled in silos with warheads in storage, deployed since 1981; one warhead each"),
    2011: cicbm(2011, L=63, rule="estimate", src="fas-cn-icbm-2013", conf="Low", as_of="2011",
                note="approximate: DoD's range of 50-75 ICBMs (2011), whose 'medium estimate' FAS gives as about 63; DF-31/DF-31A deployment began 2006-2008"),
    2012: cicbm(2012, L=63, rule="estimate", src="fas-cn-icbm-2013", conf="Low", as_of="2012",
                note="approximate: DoD's range of 50-75 ICBMs (2012), medium about 63 per FAS"),
    2013: cicbm(2013, L=63, rule="estimate", src="fas-cn-icbm-2013", conf="Low", as_of="2013-04",
                note="approximate: DIA (April 2013) 'approximately 50-75 ICBMs', medium about 63 per FAS; 'less than 50' can reach the continental US, 20 of them silo-based DF-5A"),
}
c_icbm_est[2016] = cicbm(2016, L=53, W=73, rule="estimate", src="sipri-2016-cn", conf="Medium", as_of="2016-01",
                         note="sum of SIPRI table 16.6 (January 2016), derived here: DF-5A ~10 launchers/~10 warheads, DF-5B ~10/~30 (3 MIRV), DF-31 ~8/~8, DF-31A ~25/~25; DF-41 0. The DF-4 (~10, range 5,500 km) is in the inf_ground rows; DoD's 2011-2013 ICBM ranges included it")
crows += c_icbm_est.values()
crows += fill(c_icbm_est, [(1999, 2005), (2005, 2011), (2013, 2016)])
c_icbm = {
    2019: cicbm(2019, L=90, rule="official", src="fas-cn-2019", conf="Medium", as_of="2019-05",
                note="DoD 2019 report: 90 ICBM launchers (silo DF-5A/B, road-mobile DF-31A/AG, DF-41 entering service); conflicting 100 [twz-2020]"),
    2024: cicbm(2024, L=550, rule="official", src="defcon-2025", conf="Low", as_of="2024",
                note="approximate: ~400 ICBMs on ~550 launchers (DoD 2024 as reported second-hand)"),
}
c_icbm[2018] = cicbm(2018, L=63, rule="official", src="fas-cn-2019", conf="Low", as_of="2018-05",
                     note="approximate: the DoD report of 2018 listed 50-75 ICBM launchers ('90 versus the 50-75 listed in last year's report', FAS on the 2019 report); midpoint 63 taken here as for the 2011-2013 ranges; missiles 75-100")
c_icbm_dod2016 = cicbm(2016, L=63, rule="official", src="fas-nn-cn-2016", conf="Low", pref=False, as_of="2016-07",
                       note="approximate: 'the overall number of ICBM launchers has not increased since 2011 but remained at 50-75 launchers' (FAS, Nuclear Notebook 2016, on the DoD ranges); midpoint 63 taken here; not preferred (the SIPRI 2016 sum is), it anchors the DoD line to 2018")
crows.append(c_icbm_dod2016)
crows += fill({2016: c_icbm_dod2016, 2018: c_icbm[2018]}, [(2016, 2018)])
crows += c_icbm.values()
crows.append(cicbm(2019, L=100, rule="official", src="twz-2020", conf="Medium", pref=False, as_of="2019-12",
                   note="DoD 2020 report, data as of late 2019"))
crows += fill(c_icbm, [(2019, 2024)])

def cinf(year, system, rng, basing="mobile", **kw):
    return row(C, year, system, "inf_ground", "intermediate", basing, "CHN", rng=rng, **kw)

c_df3 = {
    1999: cinf(1999, "DF-3A", 3000, L=40, rule="estimate", src="cns-1999-cn", conf="Low", as_of="1999",
               note="'40 DF-3 missile launchers deployed at Jianshui, Kunming, Yidu, Tonghua, Dengshahe and Lianxiwang', being replaced by the DF-21 at three of those sites (CNS, after NRDC)"),
    2005: cinf(2005, "DF-3A", 3000, L=8, rule="estimate", src="nn-cn-2006", conf="Medium", as_of="2005",
               note="some 16 missiles for half as many launchers (Chinese Military Power 2005); being retired"),
}
c_df3[2016] = cinf(2016, "DF-3A", 3000, L=8, W=8, wpl=1, rule="estimate", src="sipri-2016-cn", conf="Medium", as_of="2016-01",
                   note="~8 launchers, ~8 warheads (SIPRI table 16.6, January 2016); first deployed 1971")
crows += c_df3.values()
crows += fill(c_df3, [(1999, 2005), (2005, 2016)])
c_df4 = {
    2005: cinf(2005, "DF-4", 5500, L=12, rule="estimate", src="nn-cn-2006", conf="Medium", as_of="2005",
               note="about 22 missiles and a dozen launchers"),
    2016: cinf(2016, "DF-4", 5500, L=10, W=10, wpl=1, rule="estimate", src="sipri-2016-cn", conf="Medium", as_of="2016-01",
               note="~10 launchers, ~10 warheads (SIPRI table 16.6, January 2016); first deployed 1980; range 5,500 km, the schema's intermediate class (DoD counts it as an ICBM)"),
}
crows += c_df4.values()
crows += fill(c_df4, [(2005, 2016)])
c_df21 = {
    2008: cinf(2008, "DF-21 (nuclear)", None, L=48, rule="estimate", src="cdi-cn-2008", conf="Low", as_of="2008",
               note="48 medium-range solid-fuel DF-21 missiles (CDI summary; missiles, launchers not distinguished)"),
    2025: cinf(2025, "DF-21 (nuclear)", None, L=0, W=0, rule="estimate", src="nn-cn-2025", conf="Medium", as_of="2025-03",
               note="0: the DF-26 'appears to have completely replaced the medium-range DF-21 in the nuclear role' (Nuclear Notebook 2025)"),
}
c_df21[2016] = cinf(2016, "DF-21 (nuclear)", 2100, L=80, W=80, wpl=1, rule="estimate", src="sipri-2016-cn", conf="Medium", as_of="2016-01",
                     note="DF-21 Mods 1/2: ~80 launchers, ~80 warheads (SIPRI table 16.6, January 2016); first deployed 1991; range 2,100 km")
crows += c_df21.values()
crows += fill(c_df21, [(2008, 2016), (2016, 2025)])
c_df26 = {
    2019: cinf(2019, "DF-26", 4000, L=80, rule="official", src="df26-counts", conf="Low", as_of="2019",
               note="approximate: ~80 launchers (DoD 2019); dual-capable"),
    2020: cinf(2020, "DF-26", 4000, L=200, rule="official", src="df26-counts", conf="Low", as_of="2020",
               note="DoD 2020: 200 launchers; dual-capable"),
}
crows += c_df26.values()

def cslbm(year, **kw):
    return row(C, year, "SLBM (all)", "slbm", "intercontinental", "at_sea", "sea", **kw)
c_slbm_off = {
    2010: cslbm(2010, L=0, W=0, rule="official", src="nj-2014", conf="Medium",
                note="none operational (Pentagon, as reported 2014); Jin-class boats being introduced"),
    2019: cslbm(2019, L=48, rule="official", src="dn-2019", conf="Low", as_of="2019-05", pref=False,
                note="DoD May 2019: 4 operational Jin-class SSBNs x 12 JL-2 (multiplied out here); warheads not given"),
}
c_slbm_est = {
    2015: cslbm(2015, L=0, W=0, rule="estimate", src="nn-cn-2015", conf="Medium", as_of="2015-07",
                note="0 operational: one SLBM type was built for a submarine no longer considered operational (JL-1/Xia), the other (JL-2) in the final stages of development"),
    2018: cslbm(2018, L=48, rule="estimate", src="nn-cn-2018", conf="Medium", as_of="2018-06",
                note="48 sea-based ballistic missiles (Nuclear Notebook 2018); warheads not given in the source read"),
    2019: cslbm(2019, L=48, rule="estimate", src="nn-cn-2019", conf="Medium", as_of="2019-06",
                note="48 sea-based ballistic missiles (Nuclear Notebook 2019); agrees with DoD's 4 Jin-class x 12 [dn-2019]"),
    2023: cslbm(2023, L=72, rule="estimate", src="reuters-2023", conf="Low", as_of="2023-04",
                note="6 Jin-class SSBNs x 12 tubes [dn-2019] (multiplied out here)"),
}
crows += c_slbm_off.values()
crows += c_slbm_est.values()
crows += [r for r in fill(c_slbm_off, [(2010, 2019)]) if r["year"] < 2015]
crows += [dict(r, preferred=False) for r in fill(c_slbm_off, [(2010, 2019)]) if r["year"] >= 2015]
crows += fill(c_slbm_est, [(2015, 2018), (2019, 2023)])
crows.append(cslbm(2016, L=48, W=48, wpl=1, rule="estimate", src="sipri-2016-cn", conf="Low", as_of="2016-01", pref=False,
                   note="JL-2: '(48)' launchers and warheads in parentheses in SIPRI table 16.6 (January 2016; deployment dated 2015), i.e. not yet confirmed operational; not preferred (Nuclear Notebook 2015: none operational)"))
crows.append(cslbm(1979, L=0, W=0, rule="estimate", src="sipri-2016-cn", conf="Medium",
                   note="0: the JL-1 was first deployed in 1986"))

# China, early years (US intelligence estimates)
def cbomb(year, **kw):
    return row(C, year, "bombers (all)", "bomber", "intermediate", "air", "CHN", **kw)
c_bomb = {
    1969: cbomb(1969, L=2, rule="official", src="nie-13-8-69", conf="Low", as_of="1969-02",
                note="NIE 13-8-69: 'a few thermonuclear weapons for delivery by its two operational medium jet bombers'"),
    1973: cbomb(1973, L=60, rule="official", src="nie-13-8-73", conf="Low", as_of="1973",
                note="NIE 13-8-73: 'some 60 Tu-16 Badger bombers, with a radius of action of 1,650 nm, deployed at four airfields' (H-6); range class intermediate from that radius"),
}
crows += c_bomb.values()
crows += fill(c_bomb, [(1969, 1973)])
mrbm_cn = "MRBM/IRBM (DF-2/CSS-1, DF-3/CSS-2)"
c_mr = {
    1973: cinf(1973, mrbm_cn, None, basing="fixed", L=50, rule="official", src="nie-13-8-73", conf="Low", as_of="1973",
               note="approximate, derived here: 'on the order of a hundred strategic delivery vehicles - half missiles and half bombers' (NIE 13-8-73)"),
    1981: cinf(1981, mrbm_cn, None, basing="fixed", L=100, rule="official", src="fas-nrdc-2006-cn", conf="Low", as_of="1981",
               note="lower bound: the Joint Chiefs of Staff reported 'more than 100 DF-2 and DF-3 missile launchers with a possible missile reload capability' (as quoted by Kristensen, Norris and McKinzie 2006)"),
}
crows += c_mr.values()
crows += fill(c_mr, [(1973, 1981)])


def write(path: Path, rs: list[dict]) -> None:
    rs = sorted(rs, key=lambda r: (r["year"], r["leg"], r["system"], not r["preferred"], r["source_id"]))
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, HEADER, lineterminator="\n")
        w.writeheader()
        for r in rs:
            out = {}
            for k in HEADER:
                v = r[k]
                if v is None:
                    v = ""
                elif isinstance(v, bool):
                    v = "true" if v else "false"
                out[k] = v
            w.writerow(out)


if __name__ == "__main__":
    d = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "src" / "stratlab" / "data" / "tables" / "forces"
    d.mkdir(parents=True, exist_ok=True)
    write(d / "RUS.csv", rows)
    write(d / "CHN.csv", crows)
    print(len(rows), len(crows))
