"""The data overview report: the INF Treaty's life cycle and the strategic context around it.

Everything shown is a query over the cited catalog; the citations section lists every source
behind a table that the report shows. (Figures, stability and perception sections are added
as those layers land.)
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stratlab import __version__
from stratlab.data import catalog, citations, data_version_in_use, power_shares

SNAPSHOT_YEARS = (1962, 1979, 1987, 1991, 2002, 2010, 2019, 2022)


@dataclass(frozen=True)
class Section:
    """One section: a heading, a table, and a caption saying what it shows and its sources."""

    title: str
    table: pd.DataFrame
    caption: str
    sources: tuple[str, ...]


def build_overview() -> list[Section]:
    con = catalog()

    def q(sql: str, *params: object) -> pd.DataFrame:
        return con.execute(sql, list(params)).df()

    sections: list[Section] = []

    df = q("SELECT date, actor, event, note, source_id FROM treaty_events "
           "WHERE treaty_id = 'inf' ORDER BY date, actor")
    sections.append(Section(
        "The INF Treaty's life cycle", df,
        "Every dated step of the INF Treaty by each party, from signature (1987) to the US "
        "withdrawal taking effect (2 August 2019) and after. From the `treaty_events` table.",
        tuple(sorted(set(df["source_id"])))))

    df = q("SELECT short_name, signed, entry_into_force, ended, end_reason, source_id "
           "FROM treaties ORDER BY signed")
    sections.append(Section(
        "Strategic arms-control treaties", df,
        "When each treaty was signed, entered into force and ceased to bind (empty where it "
        "never entered into force or still binds). From the `treaties` table.",
        tuple(sorted(set(df["source_id"])))))

    df = q("SELECT e.country, coalesce(m.name, 'all systems') AS system, e.basis, e.missiles, "
           "e.launchers, e.source_id FROM inf_eliminations e "
           "LEFT JOIN missile_systems m USING (system_id) ORDER BY e.country, e.basis, system")
    sections.append(Section(
        "Missiles eliminated under the INF Treaty", df,
        "Missiles (and launchers where known) eliminated by 1 June 1991, with the Memorandum "
        "of Understanding counts at signature shown beside them where they differ. From "
        "`inf_eliminations`.", tuple(sorted(set(df["source_id"])))))

    df = q("SELECT country, year, warheads, source_id FROM stockpiles "
           "WHERE country IN ('USA','RUS','CHN') AND source_id = 'fas-2023' "
           "AND list_contains(?, year) ORDER BY year, country", list(SNAPSHOT_YEARS))
    wide = df.pivot(index="year", columns="country", values="warheads").reset_index()
    sections.append(Section(
        "Nuclear warhead stockpiles (USA, USSR/Russia, China)", wide,
        "Stockpiled warheads (excluding retired warheads awaiting dismantlement) in snapshot "
        "years, FAS 2023 release. RUS is the USSR before 1992. From `stockpiles`.",
        ("fas-2023",)))

    shares = power_shares(["USA", "RUS", "CHN"], min(SNAPSHOT_YEARS), max(SNAPSHOT_YEARS))
    shares = shares.loc[shares.index.isin(SNAPSHOT_YEARS)].round(3).reset_index()
    sections.append(Section(
        "Power structure: CINC shares among the three", shares,
        "Each state's share of the three states' combined CINC (COW National Material "
        "Capabilities v7.0): the power structure the INF study calls decisive.",
        ("cow-nmc-v7",)))
    return sections


def _table_html(df: pd.DataFrame) -> str:
    return df.to_html(index=False, na_rep="", border=0, classes="data", escape=True)


def write_overview(out_dir: Path) -> Path:
    """Write ``report.html`` (self-contained) into ``out_dir`` and return its path."""
    sections = build_overview()
    used = sorted({s for sec in sections for s in sec.sources})
    cites = citations(used)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>stratlab: INF and strategic stability — data overview</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.45}table.data{border-collapse:collapse;font-size:.85rem}"
        "table.data td,table.data th{padding:.2rem .5rem;border-bottom:1px solid #ddd;"
        "text-align:left;vertical-align:top}p.caption{color:#444;font-size:.9rem}"
        "li{margin:.3rem 0;font-size:.85rem}</style></head><body>",
        "<h1>The INF Treaty and strategic stability: data overview</h1>",
        f"<p>stratlab {html.escape(__version__)}, data version "
        f"{html.escape(data_version_in_use())}, generated "
        f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}.</p>",
    ]
    for sec in sections:
        parts += [f"<h2>{html.escape(sec.title)}</h2>", _table_html(sec.table),
                  f"<p class='caption'>{html.escape(sec.caption)} Sources: "
                  f"{html.escape(', '.join(sec.sources))}.</p>"]
    parts.append("<h2 id='citations'>Citations</h2><ol>")
    parts += [f"<li>{html.escape(c.text())}</li>" for c in cites]
    parts.append("</ol></body></html>")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
