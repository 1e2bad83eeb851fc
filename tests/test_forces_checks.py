"""Cross-table checks of the `forces` table, and the US totals pinned to published figures.

Broken-row tests corrupt a private copy of the tables (``tables_copy``) and expect the build to
stop with a message naming the row. Pinned figures are typed from the source documents (START
MOU 1990 page, New START fact sheets, SIPRI Yearbook 2012, Nuclear Notebook), not from the table.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from data_helpers import expect_build_error
from stratlab.data import forces_crosschecks as xc
from stratlab.data import load_tables
from stratlab.data.build import Record


def _set(path: Path, match: dict[str, str], **changes: str) -> int:
    """Change fields of the one row of ``path`` matching ``match``; return its line number."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    hits = [i for i, r in enumerate(rows[1:], start=1)
            if all(r[header.index(k)] == v for k, v in match.items())]
    assert len(hits) == 1, (match, hits)
    for k, v in changes.items():
        rows[hits[0]][header.index(k)] = v
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return hits[0] + 1  # header is line 1; no row spans lines in these files


def _drop(path: Path, match: dict[str, str]) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    kept = [r for r in rows[1:] if not all(r[header.index(k)] == v for k, v in match.items())]
    assert len(kept) < len(rows) - 1
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *kept])
    path.write_text(out.getvalue(), encoding="utf-8")



USA = ("forces", "USA.csv")


def _usa(tables: Path) -> Path:
    return tables.joinpath(*USA)


# --- every check passes on the real data --------------------------------------------------


@pytest.fixture(scope="module")
def real() -> dict[str, list[Record]]:
    return load_tables()


def test_each_cross_check_passes_on_the_real_tables(real: dict[str, list[Record]]) -> None:
    rows = real["forces"]
    xc.check_completeness(rows)
    xc.check_stockpiles(rows, real["stockpiles"])
    xc.check_start_mou(rows, real["start_mou_1990"])
    xc.check_new_start(rows, real["new_start_aggregates"])
    xc.check_inf(rows, real["inf_eliminations"])
    # US missile defence is fielded in two spans (Safeguard, GMD), not required in between.
    spans = xc.fielded(rows)
    assert (1975, 1975) in spans[("USA", "abm")] and (2010, 2025) in spans[("USA", "abm")]


def _deployed(real: dict[str, list[Record]], year: int, rule: str | None = None,
              preferred: bool = True) -> dict[str, int]:
    """Sum of launchers and warheads per strategic leg of the US rows of one year."""
    out = {"icbm": 0, "slbm": 0, "bomber": 0, "bomber_launchers": 0}
    for r in real["forces"]:
        v = r.values
        if v["country"] != "USA" or v["year"] != year or v["leg"] not in ("icbm", "slbm", "bomber"):
            continue
        if (rule is not None and v["counting_rule"] != rule) or (rule is None and
                                                                  v["preferred"] != preferred):
            continue
        out[v["leg"]] += v["warheads"] or 0
        if v["leg"] == "bomber":
            out["bomber_launchers"] += v["launchers"] or 0
    return out


def test_start_mou_1990_total_is_the_memorandum_figure(real: dict[str, list[Record]]) -> None:
    # START I MOU, 1 September 1990 (FAS 'START Treaty MOU data'): 10,563 accountable warheads,
    # 8,210 on ICBMs and SLBMs, 2,353 for heavy bombers.
    d = _deployed(real, 1990, rule="start_mou")
    assert d["icbm"] + d["slbm"] == 8210
    assert d["bomber"] == 2353
    assert d["icbm"] + d["slbm"] + d["bomber"] == 10563


def test_2011_ballistic_missile_warheads_match_new_start(real: dict[str, list[Record]]) -> None:
    # SIPRI Yearbook 2012: on 1 September 2011 US deployed ballistic missiles carried 1,665
    # warheads (1,790 attributed minus 125 bombers at one each). Year estimate vs a 1 Sept
    # treaty count: 2 % allowed.
    d = _deployed(real, 2011)
    assert d["icbm"] + d["slbm"] == pytest.approx(1665, rel=0.02)


def test_2011_deployed_strategic_warheads_match_the_nuclear_notebook(
        real: dict[str, list[Record]]) -> None:
    # Nuclear Notebook 'US nuclear forces, 2011': approximately 1,950 deployed strategic warheads.
    d = _deployed(real, 2011)
    assert d["icbm"] + d["slbm"] + d["bomber"] == pytest.approx(1950, rel=0.01)


def test_2013_deployed_strategic_warheads_match_sipri(real: dict[str, list[Record]]) -> None:
    # SIPRI Yearbook 2014 (Kristensen): in January 2014 roughly 1,920 deployed strategic
    # warheads. The table's end-2013 rows come from other sources; 2 % allowed ('roughly').
    d = _deployed(real, 2013)
    assert d["icbm"] + d["slbm"] + d["bomber"] == pytest.approx(1920, rel=0.02)


def test_2015_deployed_strategic_warheads_match_the_nuclear_notebook(
        real: dict[str, list[Record]]) -> None:
    # Nuclear Notebook 'US nuclear forces, 2015' (nn-us-2015): at the beginning of 2015 roughly
    # 1,900 strategic warheads on ballistic missiles and at bomber bases. No 2015 row of the
    # table comes from that source, so this is an independent check; 2 % allowed ('roughly').
    d = _deployed(real, 2015)
    assert d["icbm"] + d["slbm"] + d["bomber"] == pytest.approx(1900, rel=0.02)


def test_2019_new_start_count_matches_the_exchange(real: dict[str, list[Record]]) -> None:
    # New START exchange of 1 September 2019 (State Dept via the Exchange Monitor): 1,376
    # deployed warheads, a bomber counting one. 2 % allowed (year estimate vs a dated count).
    d = _deployed(real, 2019)
    assert d["icbm"] + d["slbm"] + d["bomber_launchers"] == pytest.approx(1376, rel=0.02)


def test_2025_deployed_strategic_warheads_match_the_nuclear_notebook(
        real: dict[str, list[Record]]) -> None:
    # Nuclear Notebook 'United States nuclear weapons, 2025': 400 on ICBMs, ~970 on SLBMs and
    # ~300 at bomber bases (1,770 deployed in all, of which ~100 bombs in Europe).
    d = _deployed(real, 2025)
    assert (d["icbm"], d["slbm"], d["bomber"]) == (400, 970, 300)
    assert d["icbm"] + d["slbm"] + d["bomber"] == 1770 - 100


# --- a broken row stops the build, naming it -----------------------------------------------


def test_missing_leg_year_fails_completeness(tables_copy: Path) -> None:
    for system in ("Minuteman II", "Minuteman III", "Titan II"):
        _drop(_usa(tables_copy), {"year": "1975", "system": system})
    expect_build_error(tables_copy, "USA.csv", "USA 1975 has no preferred 'icbm' row")


def test_deployed_above_stockpileexpect_build_error(tables_copy: Path) -> None:
    line = _set(tables_copy / "stockpiles.csv", {"country": "USA", "year": "1987"},
                warheads="5000")
    expect_build_error(tables_copy, "USA.csv, line", "USA 1987 deployed strategic warheads",
           "exceed the stockpile 5000", f"stockpiles.csv, line {line}")


def test_start_mou_row_off_the_memorandumexpect_build_error(tables_copy: Path) -> None:
    line = _set(_usa(tables_copy), {"year": "1990", "system": "Peacekeeper",
                                    "counting_rule": "start_mou"}, warheads="600")
    expect_build_error(tables_copy, f"USA.csv, line {line}, warheads", "expected the MOU's 2450")


def test_estimate_far_from_the_memorandumexpect_build_error(tables_copy: Path) -> None:
    line = _set(_usa(tables_copy), {"year": "1990", "system": "Minuteman III",
                                    "counting_rule": "estimate"}, launchers="900")
    expect_build_error(tables_copy, f"USA.csv, line {line}, launchers", "START MOU's 1000")


def test_estimate_far_from_new_startexpect_build_error(tables_copy: Path) -> None:
    _set(_usa(tables_copy), {"year": "2019", "system": "Minuteman III",
                             "counting_rule": "estimate"}, warheads="800")
    # A sum has no single culprit: the message names the year's largest row and the exchange.
    expect_build_error(tables_copy, "USA.csv, line", "USA 2019 in New START counting", "is 1760",
           "2019-03-01 (1365")


def test_more_inf_missiles_than_eliminatedexpect_build_error(tables_copy: Path) -> None:
    line = _set(_usa(tables_copy), {"year": "1988", "system": "Pershing II"}, launchers="300")
    expect_build_error(tables_copy, f"USA.csv, line {line}, launchers", "234 missiles eliminated")


def test_nuclear_inf_row_while_the_treaty_heldexpect_build_error(tables_copy: Path) -> None:
    line = _set(_usa(tables_copy), {"year": "1991", "system": "Pershing II"}, year="1992")
    expect_build_error(tables_copy, f"USA.csv, line {line}, warheads", "INF")
