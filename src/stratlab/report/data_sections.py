"""Report sections drawn straight from the cited catalog: the INF life cycle, the treaties,
the eliminations, warhead stockpiles and the power structure."""

from __future__ import annotations

import pandas as pd

from stratlab.data import catalog, power_shares
from stratlab.data.forces import forces_series
from stratlab.report.figures import forces_area_figure, inf_timeline_figure, lines_figure, png
from stratlab.report.html import Section

SNAPSHOT_YEARS = (1962, 1979, 1987, 1991, 2002, 2010, 2019, 2022)


def _sources(*frames: pd.DataFrame) -> tuple[str, ...]:
    return tuple(sorted({s for f in frames for s in f["source_id"]}))


def _first_year_above(a: pd.Series, b: pd.Series) -> str:
    """First year from which ``a`` stays above ``b`` to the end of the series."""
    above = (a > b).to_numpy()
    if not above[-1]:
        return "no year"
    last_below = [y for y, ok in zip(a.index, above, strict=True) if not ok]
    later = [int(y) for y in a.index if not last_below or y > last_below[-1]]
    return str(later[0])


def data_sections() -> list[Section]:
    con = catalog()

    def q(sql: str, *params: object) -> pd.DataFrame:
        return con.execute(sql, list(params)).df()

    sections: list[Section] = []
    inf = q("SELECT signed, entry_into_force, ended FROM treaties WHERE treaty_id = 'inf'")
    events = q("SELECT date, title, tags, source_id FROM events "
               "WHERE list_contains(tags, 'inf') ORDER BY date")
    steps = q("SELECT date, actor, event, note, source_id FROM treaty_events "
              "WHERE treaty_id = 'inf' ORDER BY date, actor")
    steps["date"] = steps["date"].dt.date
    span = (inf["entry_into_force"].iloc[0].date(), inf["ended"].iloc[0].date())
    fig = inf_timeline_figure(events, span, "The INF Treaty's life cycle, 1976–2025")
    sections.append(Section(
        "inf-life-cycle", "The INF Treaty's life cycle",
        f"Each dot is a dated event from the `events` table tagged 'inf' ({len(events)} events), "
        "placed in a lane by kind; the shaded span is the treaty's time in force (1 June 1988 to "
        "2 August 2019, `treaties`). The table lists every treaty step of each party "
        "(`treaty_events`), both sides' 2019 steps included.",
        _sources(events, steps, q("SELECT source_id FROM treaties WHERE treaty_id = 'inf'")),
        figure=png(fig), table=steps,
    ))

    df = q("SELECT short_name, signed, entry_into_force, ended, end_reason, source_id "
           "FROM treaties ORDER BY signed")
    for col in ("signed", "entry_into_force", "ended"):
        df[col] = [None if pd.isna(v) else v.date() for v in df[col]]
    sections.append(Section(
        "treaties", "Strategic arms-control treaties",
        "When each treaty was signed, entered into force and ceased to bind (empty where it "
        "never entered into force or still binds). From the `treaties` table.",
        _sources(df), table=df,
    ))

    df = q("SELECT e.country, coalesce(m.name, 'all systems') AS system, e.basis, e.missiles, "
           "e.launchers, e.source_id FROM inf_eliminations e "
           "LEFT JOIN missile_systems m USING (system_id) ORDER BY e.country, e.basis, system")
    sections.append(Section(
        "eliminations", "Missiles eliminated under the INF Treaty",
        "Missiles (and launchers where known) eliminated by 1 June 1991, with the Memorandum of "
        "Understanding counts at signature beside them (basis mou_1987): the two do not "
        "reconcile in any source found. From `inf_eliminations`.",
        _sources(df), table=df,
    ))

    df = q("SELECT country, year, warheads FROM stockpiles "
           "WHERE country IN ('USA','RUS','CHN') AND source_id = 'fas-2023' ORDER BY year")
    wide = df.pivot(index="year", columns="country", values="warheads")
    years = wide.index.to_numpy()
    fig = lines_figure(years, {c: wide[c].to_numpy() for c in ("USA", "RUS", "CHN")},
                       "stockpiled warheads", "Nuclear warhead stockpiles, FAS 2023 release",
                       shade=(1988.4, 2019.6))
    table = wide.loc[wide.index.isin(SNAPSHOT_YEARS)].reset_index()
    sections.append(Section(
        "stockpiles", "Nuclear warhead stockpiles (USA, USSR/Russia, China)",
        "Stockpiled warheads (excluding retired warheads awaiting dismantlement), FAS 2023 "
        "release, 1945–2023; RUS is the USSR before 1992; shaded: the INF Treaty in force. "
        "The table gives the snapshot years. From `stockpiles`.",
        ("fas-2023",), figure=png(fig), table=table,
    ))

    sections += forces_sections([r[0] for r in con.execute(
        "SELECT DISTINCT country FROM forces ORDER BY country").fetchall()])

    shares = power_shares(["USA", "RUS", "CHN"], 1946, 2022)
    fig = lines_figure(shares.index.to_numpy(), {c: shares[c].to_numpy() for c in shares.columns},
                       "share of the three's combined CINC",
                       "Power structure: CINC shares among the USA, USSR/Russia and China",
                       shade=(1988.4, 2019.6))
    table = shares.loc[shares.index.isin(SNAPSHOT_YEARS)].round(3).reset_index()
    passes = {
        rival: _first_year_above(shares["CHN"], shares[rival]) for rival in ("RUS", "USA")
    }
    sections.append(Section(
        "power", "Power structure",
        "Each state's share of the three states' combined Composite Index of National "
        "Capability (COW NMC v7.0, 1946–2022): the international power structure the INF "
        f"study calls decisive. On this measure China's CINC stays above the USSR/Russia's "
        f"from {passes['RUS']} and above the US's from {passes['USA']}.",
        ("cow-nmc-v7",), figure=png(fig), table=table,
    ))
    return sections


def forces_sections(countries: list[str]) -> list[Section]:
    """One section per country of the annual ``forces`` series: warheads by leg, year by year."""
    out: list[Section] = []
    for country in countries:
        legs = forces_series(country, by="leg")
        systems = forces_series(country, by="system")
        first, last = int(legs["year"].min()), int(legs["year"].max())
        fig = forces_area_figure(legs, f"{country}: deployed warheads by leg, {first}–{last}")
        gaps = legs[legs["warheads"].isna() & legs["launchers"].notna()]
        gap_text = "; ".join(
            f"{leg} {_ranges(sorted(int(y) for y in g['year']))}"
            for leg, g in gaps.groupby("leg")
        )
        table = legs.pivot_table(index="year", columns="leg", values="warheads", aggfunc="sum")
        table = table.loc[table.index.isin(SNAPSHOT_YEARS)].reset_index()
        n_interp = int((systems["basis"] == "interpolated").sum())
        out.append(Section(
            f"forces-{country.lower()}", f"Annual nuclear forces: {country}",
            f"Warheads attributed to the preferred rows of the `forces` table, summed by leg, "
            f"{first}–{last} ({len(systems)} system-years, {n_interp} interpolated between two "
            "sourced years). A leg-year whose rows give launchers but no warhead figure is drawn "
            f"as zero: {gap_text or 'none'}. `stratlab data forces {country} --by system` lists "
            "every row with its source.",
            _sources(systems), figure=png(fig), table=table,
        ))
    return out


def _ranges(years: list[int]) -> str:
    """``1963–1997, 2024`` from a sorted list of years."""
    spans: list[list[int]] = []
    for y in years:
        if spans and y == spans[-1][1] + 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
