# ruff: noqa: E501  (the notes quote the source; one quotation per line reads best)
"""Soviet/Russian strategic legs 1960-2002 and SS-3/SS-4/SS-5 1960-1990 from Suh's dataset (2022).

Used by ``forces_rus_chn.py``. Source ``suh-2022``: K. Suh, Strategic Nuclear Forces Dataset
v1.0 (dyadic file ``snforce1_ndy.xlsx``, the United States-USSR dyad, columns ``land2``,
``sea2``, ``air2`` (launchers) and ``dnukel2``, ``dnukes2``, ``dnukea2`` (warheads)) and its Data
Note of 31 May 2022: section IV gives the deployed platforms by type and year (USSR/Russia:
NRDC's Archive of Nuclear Data tables of USSR/Russian ICBM, ballistic-missile-submarine and
strategic-bomber forces, 2002, and Podvig 2001), section VIII (table 6) the warheads each
platform carries (SS-17 4; SS-18 Mod 1/2/3 8, Mod 4/5 10; SS-19 Mod 1/3 6, Mod 2 1; SS-24 10;
SS-N-18 3; SS-N-20 10; SS-N-23 4; Tu-95 A 2, B/C 1, G 6, H6 6, H16 16; Tu-160 12; other types
one; multiple re-entry vehicles that cannot be aimed apart count as one). The dyad's Soviet
side holds only what reaches the United States (inter-capital distance 7,826 km): every ICBM
but the SS-3, SS-4, SS-5 and SS-20, every SLBM, the Tu-95, the 3M from 1958 and the Tu-160.
The figures below were read from the dataset file (owid/notebooks commit d630acf); they are
not computed here.

The rows are leg aggregates (one ``(all)`` row per leg and year, rule ``estimate``): the build
requires exactly one preferred row per (country, year, system), so system rows could only
replace the ``(all)`` rows by deleting the conflicting figures of other sources, which the
table keeps. The per-system make-up of the years the report quotes is in the notes.
"""
from __future__ import annotations

SRC = "suh-2022"
# year: (ICBM launchers, ICBM warheads, SLBM launchers, SLBM warheads, bombers, bomber weapons)
SUH: dict[int, tuple[int, int, int, int, int, int]] = {
    1960: (2, 2, 42, 42, 121, 242), 1961: (10, 10, 69, 69, 133, 266),
    1962: (36, 36, 84, 84, 138, 276), 1963: (99, 99, 84, 84, 150, 288),
    1964: (191, 191, 84, 84, 173, 316), 1965: (281, 281, 87, 87, 163, 281),
    1966: (416, 416, 90, 90, 159, 258), 1967: (818, 818, 99, 99, 159, 243),
    1968: (1017, 1017, 148, 148, 159, 243), 1969: (1274, 1274, 227, 227, 157, 239),
    1970: (1472, 1472, 323, 323, 157, 239), 1971: (1519, 1519, 409, 409, 157, 239),
    1972: (1504, 1504, 503, 503, 157, 239), 1973: (1462, 1462, 595, 595, 157, 239),
    1974: (1367, 1367, 679, 679, 157, 239), 1975: (1469, 1869, 771, 771, 157, 239),
    1976: (1483, 2295, 849, 849, 157, 239), 1977: (1333, 2515, 972, 1100, 157, 239),
    1978: (1251, 3383, 1002, 1267, 157, 239), 1979: (1395, 4495, 993, 1290, 157, 239),
    1980: (1338, 5184, 990, 1319, 157, 239), 1981: (1368, 5514, 1038, 1643, 157, 239),
    1982: (1398, 6004, 990, 1627, 157, 239), 1983: (1368, 6240, 978, 1615, 167, 399),
    1984: (1353, 6375, 982, 1799, 160, 435), 1985: (1371, 6393, 980, 2025, 160, 695),
    1986: (1370, 6392, 948, 2041, 160, 955), 1987: (1418, 6452, 962, 2283, 155, 1160),
    1988: (1393, 6563, 963, 2512, 170, 1350), 1989: (1379, 6671, 949, 2774, 160, 1500),
    1990: (1297, 6547, 908, 2724, 127, 1402), 1991: (934, 6034, 832, 2696, 102, 1262),
    1992: (905, 5680, 628, 2492, 104, 1286), 1993: (859, 5117, 520, 2384, 107, 1326),
    1994: (782, 4278, 456, 2320, 110, 1352), 1995: (753, 3691, 440, 2272, 113, 1398),
    1996: (746, 3580, 440, 2272, 113, 1398), 1997: (746, 3580, 384, 1824, 113, 1388),
    1998: (756, 3590, 348, 1576, 113, 1388), 1999: (756, 3540, 348, 1576, 112, 1362),
    2000: (756, 3540, 348, 1576, 112, 1362), 2001: (706, 3011, 284, 1384, 78, 868),
    2002: (706, 3011, 232, 1072, 78, 868),
}
# Preferred for 1960-1989; from 1990 the START data (MOU of 1990, data of 2008) stay preferred
# and these rows are kept beside them, not preferred.
PREFERRED = range(1960, 1990)

# Make-up by type (data note section IV, table of deployed platforms), for the years the
# report quotes: count x warheads per platform (table 6).
MAKEUP: dict[tuple[int, str], str] = {
    (1962, "icbm"): "4 SS-6, 32 SS-7, one warhead each",
    (1962, "slbm"): "12 R-11FM, 66 SS-N-4, 6 SS-N-5 on diesel (Golf) and nuclear (Hotel) boats, one warhead each; the dataset adds the boat's range to the missile's",
    (1962, "bomber"): "80 Tu-95A x 2 bombs, 58 M-4/3M x 2",
    (1970, "icbm"): "197 SS-7, 23 SS-8, 50 SS-9 Mod 1, 170 SS-9 Mod 2, 10 SS-9 Mod 3, 982 SS-11 Mod 1, 40 SS-13, one warhead each",
    (1970, "slbm"): "6 R-11FM, 42 SS-N-4, 45 SS-N-5, 224 SS-N-6 Mod 1, 6 SS-N-8, one warhead each",
    (1970, "bomber"): "30 Tu-95A x 2, 75 Tu-95B/C x 1 AS-3, 52 M-4/3M x 2",
    (1979, "icbm"): "55 SS-9 Mod 2, 20 SS-9 Mod 3, 220 SS-11 Mod 1, 420 SS-11 Mod 2/3, 60 SS-13 (one each); 120 SS-17 Mod 1 and 20 Mod 2 x 4; 36 SS-18 Mod 1/3 and 154 Mod 2 x 8; 50 SS-18 Mod 4 x 10; 180 SS-19 Mod 1 x 6; 60 SS-19 Mod 2 x 1",
    (1979, "slbm"): "3 SS-N-4, 57 SS-N-5, 196 SS-N-6 Mod 1, 288 SS-N-6 Mod 3, 292 SS-N-8, 12 SS-N-17 (one each); 144 SS-N-18 x 3; 1 SS-N-20 x 10",
    (1979, "bomber"): "30 Tu-95A x 2, 75 Tu-95B/C x 1, 52 M-4/3M x 2",
    (1985, "icbm"): "28 SS-11 Mod 1, 420 SS-11 Mod 2/3, 60 SS-13, 45 SS-25 (one each); 150 SS-17 Mod 3 x 4; 308 SS-18 Mod 4 x 10; 360 SS-19 Mod 3 x 6",
    (1985, "slbm"): "39 SS-N-5, 48 SS-N-6 Mod 1, 288 SS-N-6 Mod 3, 292 SS-N-8, 12 SS-N-17 (one each); 224 SS-N-18 x 3; 61 SS-N-20 x 10; 16 SS-N-23 x 4",
    (1985, "bomber"): "30 Tu-95A x 2, 55 Tu-95B/C x 1, 20 Tu-95G x 6, 25 Tu-95H16 x 16, 30 M-4/3M x 2",
    (1987, "icbm"): "420 SS-11 Mod 2/3, 60 SS-13, 126 SS-25 (one each); 139 SS-17 Mod 3 x 4; 308 SS-18 Mod 4/5 x 10; 360 SS-19 Mod 3 x 6; 5 SS-24 Mod 1 x 10",
    (1987, "slbm"): "39 SS-N-5, 272 SS-N-6 Mod 3, 286 SS-N-8, 12 SS-N-17 (one each); 224 SS-N-18 x 3; 81 SS-N-20 x 10; 48 SS-N-23 x 4",
    (1987, "bomber"): "30 Tu-95A x 2, 30 Tu-95B/C x 1, 40 Tu-95G x 6, 5 Tu-95H6 x 6, 50 Tu-95H16 x 16",
}
LEGS = (("icbm", "ICBM (all)", "fixed", "RUS"), ("slbm", "SLBM (all)", "at_sea", "sea"),
        ("bomber", "bombers (all)", "air", "RUS"))
STRATEGIC_ALL = {name for _, name, _, _ in LEGS}


def suh_rows(row) -> list[dict]:
    """One ``estimate`` row per leg and year 1960-2002 (preferred 1960-1989)."""
    out = []
    for year, vals in SUH.items():
        for i, (leg, system, basing, dep) in enumerate(LEGS):
            L, W = vals[2 * i], vals[2 * i + 1]
            pref = year in PREFERRED
            makeup = MAKEUP.get((year, leg))
            note = (f"NRDC's annual counts as compiled in Suh's Strategic Nuclear Forces Dataset (US-USSR dyad: {L} launchers, {W} warheads); "
                    + (f"make-up (data note sec. IV, loadings table 6): {makeup}" if makeup else "make-up by type in the data note, sec. IV; loadings in its table 6")
                    + "; multiple re-entry vehicles that cannot be aimed apart count as one"
                    + ("" if pref else "; not preferred: the START data of 1990 and 2008 and the line between them are"))
            out.append(row("RUS", year, system, leg, "intercontinental", basing, dep, L=L, W=W,
                           wpl=round(W / L, 2) if L else None, rule="estimate", src=SRC,
                           conf="Medium", pref=pref, note=note))
    return out


def apply(rows: list[dict], row) -> list[dict]:
    """Make the dataset's rows preferred for 1960-1989 and keep the other sources' beside them.

    In those years the launcher-only lines of other sources (interpolated ``salt`` rows) are
    dropped: every year now has a sourced row, and their anchors (several conflicting 1962
    counts) could no longer be told apart once none of them is preferred. Sourced rows of
    other sources stay, not preferred, as conflicting figures.
    """
    kept = []
    for r in rows:
        if r["country"] == "RUS" and r["system"] in STRATEGIC_ALL and r["year"] in PREFERRED:
            if r["basis"] == "interpolated" and r["counting_rule"] == "salt":
                continue
            r = dict(r, preferred=False)
        kept.append(r)
    return kept + suh_rows(row)


# Land-based missiles that do not reach the United States (data note sec. IV, land column):
# year: (SS-3 (R-5M), SS-4, SS-5 ); one warhead each (not in table 6). Ranges
# (sec. V): SS-3 1,200 km, SS-4 2,080 km, SS-5 4,500 km. None of the three is listed from 1990
# (the SS-5 from 1983, the SS-3 from 1967).
THEATRE: dict[int, tuple[int, int, int]] = {
    1960: (32, 172, 0), 1961: (36, 373, 17), 1962: (36, 458, 28), 1963: (36, 564, 54),
    1964: (36, 568, 82), 1965: (36, 572, 101), 1966: (4, 572, 101), 1967: (0, 572, 101),
    1968: (0, 556, 100), 1969: (0, 532, 96), 1970: (0, 504, 89), 1971: (0, 480, 87),
    1972: (0, 480, 87), 1973: (0, 480, 87), 1974: (0, 480, 87), 1975: (0, 480, 87),
    1976: (0, 456, 87), 1977: (0, 448, 79), 1978: (0, 404, 73), 1979: (0, 372, 45),
    1980: (0, 316, 35), 1981: (0, 264, 25), 1982: (0, 224, 16), 1983: (0, 112, 0),
    1984: (0, 112, 0), 1985: (0, 112, 0), 1986: (0, 112, 0), 1987: (0, 48, 0),
    1988: (0, 18, 0), 1989: (0, 6, 0), 1990: (0, 0, 0),
}
MRBM = "MRBM/IRBM (R-5M, R-12/SS-4, R-14/SS-5)"
AGGREGATE_YEARS = range(1960, 1967)  # the years other sources give only the three types together


def theatre_rows(row) -> list[dict]:
    """SS-3/SS-4/SS-5: one aggregate row 1960-1966 (beside Tiv's and Time's), systems from 1967."""
    out = []
    base = "NRDC's annual count as compiled in Suh's Strategic Nuclear Forces Dataset (data note sec. IV); one warhead each; region not given (mostly the European USSR per other sources)"
    for year, (ss3, ss4, ss5) in THEATRE.items():
        if year in AGGREGATE_YEARS:
            n = ss3 + ss4 + ss5
            out.append(row("RUS", year, MRBM, "inf_ground", "intermediate", "fixed", "RUS", L=n, W=n, wpl=1,
                           rule="estimate", src=SRC, conf="Medium",
                           note=f"{base}: {ss3} SS-3, {ss4} SS-4, {ss5} SS-5"))
            continue
        for system, n, rng, last in (("SS-4 (R-12)", ss4, 2080, 1990), ("SS-5 (R-14)", ss5, 4500, 1983)):
            if n == 0 and year != last:
                continue
            note = base if n else f"0: no longer listed in the data note from {last}"
            out.append(row("RUS", year, system, "inf_ground", "intermediate", "fixed", "RUS", L=n, W=n,
                           wpl=1 if n else None, rng=rng, rule="estimate", src=SRC, conf="Medium", note=note))
    return out


def apply_theatre(rows: list[dict], row) -> list[dict]:
    """The aggregate's launcher-only line 1962-1966 gives way to the yearly counts."""
    kept = []
    for r in rows:
        if r["country"] == "RUS" and r["system"] == MRBM:
            if r["basis"] == "interpolated":
                continue
            r = dict(r, preferred=False)
        kept.append(r)
    return kept + theatre_rows(row)
