"""Report sections from engine runs: INF-range roles by era and stability (historical replay),
Russia's perception measured beside the fitted model, and the forward tripolar ensemble."""

from __future__ import annotations

import numpy as np
import xarray as xr

from stratlab.engine import era_table, run
from stratlab.report.figures import fan_chart_figure, lines_figure, png
from stratlab.report.html import Section

ROLE_METRICS = ("inf_central_share", "inf_theatre_share", "inf_defense_saturation",
                "inf_conventional_share", "inf_warning_time", "inf_fsi_effect")
ENGINE_DOC = "docs/engine.md"


def _sources(ds: xr.Dataset) -> tuple[str, ...]:
    return tuple(sorted(s for s in str(ds.attrs.get("sources", "")).split("; ") if s))


def _years(ds: xr.Dataset) -> np.ndarray:
    return np.asarray(ds["year"].values, dtype=float)


def _median(da: xr.DataArray) -> np.ndarray:
    return np.asarray(da.median("member", skipna=True).values, dtype=float)


def historical_sections(seed: int) -> list[Section]:
    ds = run("inf-history", members=1, seed=seed)
    years = _years(ds)
    us, ru = {"actor": "USA", "target": "RUS"}, {"actor": "RUS", "target": "USA"}
    fig = lines_figure(years, {
        "USA: INF-band share of warheads on the rival homeland (central)":
            _median(ds["inf_central_share"].sel(us)),
        "USA: share of the theatre's INF-band warheads (extended)":
            _median(ds["inf_theatre_share"].sel(us)),
        "USSR/Russia: share of the theatre's INF-band warheads":
            _median(ds["inf_theatre_share"].sel(ru)),
    }, "share", "Roles of INF-range systems, 1977–2019 (replay)", shade=(1988.4, 2019.6))
    table = era_table(ds, ROLE_METRICS).round(3)
    roles = Section(
        "inf-roles", "INF-range systems: roles by era",
        "Historical replay (`stratlab run inf-history`): every year's forces from the "
        "catalog's annual `forces` table, treaty status from `treaty_events`. Central deterrence: the "
        "INF-band share of a side's warheads deliverable on the rival's homeland; extended "
        "deterrence: the side's share of both sides' INF-band warheads in their shared "
        "theatre; counter-missile-defense: INF warheads reaching the rival over its "
        "interceptors (capped at 1); cross-domain: the conventional share of INF-band "
        "launchers; warning time: minimum-energy flight time at the stated range (minutes). "
        f"Definitions and caveats in {ENGINE_DOC}. The table "
        "averages each metric over the scenario's eras, each opened by a catalog event.",
        _sources(ds), figure=png(fig), table=table,
    )
    fsi = _median(ds["fsi"].sel(us))
    effect = _median(ds["inf_fsi_effect"].sel(us))
    fig = lines_figure(years, {"FSI, USA–USSR/Russia": fsi,
                               "FSI without INF-band systems": fsi - effect},
                       "first-strike stability index", "First-strike stability, 1977–2019 "
                       "(replay)", shade=(1988.4, 2019.6))
    stability = Section(
        "stability", "Stability over time",
        "Kent–Thaler first-strike stability index of the US–USSR/Russia pair each year of the "
        "replay, with and without the INF-band systems, each side counting only the forces that "
        "reach the other's homeland. Damage expectancy, alert, w80 and interceptor kill "
        "probability are the one illustrative set (`stratlab-illustrative`, no sourced values; "
        f"{ENGINE_DOC}) that `stratlab stability --year` also uses; with arsenals of thousands of "
        "warheads the index saturates near 1, so read the curve as a consistency check of the "
        "machinery, not as a finding.",
        _sources(ds), figure=png(fig),
    )
    return [roles, stability]


def perception_model_section(seed: int) -> Section:
    ds = run("russia-us-perception", members=1, seed=seed)
    years = _years(ds)
    fig = lines_figure(years, {
        "measured (UN speeches, mapped to a hostility scale)":
            np.asarray(ds["measured_hostility"].values, dtype=float),
        "perception model fitted to it": np.asarray(ds["fitted_hostility"].values, dtype=float),
    }, "belief that the US is hostile", "Russia's perception of the US: measured and modelled")
    fitted = ", ".join(f"{p} {float(v):.3f}" for p, v in
                       zip(ds["fit_param"].values, ds["fit_value"].values, strict=True))
    return Section(
        "perception-model", "Perception: measured and modelled",
        "The measured series (the lexicon score of Russia's statements, mapped to a 0–1 "
        "hostility scale) beside the perception model — a biased Bayesian belief updated by "
        "acts coded from the `events` table — with parameters fitted by least squares "
        f"({fitted}; RMSE {float(ds.attrs.get('fit_rmse', float('nan'))):.3f} over "
        f"{ds.attrs.get('fit_years', '?')} years). `stratlab run russia-us-perception`.",
        _sources(ds), figure=png(fig),
    )


def forward_sections(members: int, seed: int) -> list[Section]:
    ds = run("post-inf-tripolar", members=members, seed=seed)
    years = _years(ds)
    actors = [str(a) for a in ds["actor"].values]
    forces = fan_chart_figure(
        years, {a: np.asarray(ds["central_warheads"].sel(actor=a).values) for a in actors},
        "central warheads", f"Post-INF tripolar competition, 2025–2045 ({members} members)")
    inf = fan_chart_figure(
        years, {a: np.asarray(ds["inf_launchers"].sel(actor=a).values) for a in actors},
        "INF-band launchers", "INF-band (500–5,500 km) ground-launched launchers")
    fsi = fan_chart_figure(years, {"weakest pair": np.asarray(ds["fsi_system_min"].values)},
                           "first-strike stability index", "System stability: the weakest pair")
    outcomes = [str(v) for v in ds.data_vars if str(v).startswith("outcome_")]
    table = {
        "outcome": [o.removeprefix("outcome_") for o in outcomes],
        "median": [float(ds[o].median()) for o in outcomes],
        "5 %": [float(ds[o].quantile(0.05)) for o in outcomes],
        "95 %": [float(ds[o].quantile(0.95)) for o in outcomes],
    }
    import pandas as pd

    caption = (f"Forward ensemble (`stratlab run post-inf-tripolar --members {members} --seed "
               f"{seed}`): each member draws the scenario's uncertainties; bands show the "
               "5–95 % and 25–75 % ranges over members, lines the median. Each year actors "
               "update perceptions, choose force changes (Richardson-type reaction capped by "
               "power share), INF-band deployments and treaty stances; the model's coefficients "
               f"are stated assumptions ({ENGINE_DOC}), so read the fans as the consequences of "
               "those assumptions, not as forecasts.")
    return [
        Section("forward-forces", "Forward: forces in a tripolar competition", caption,
                _sources(ds), figure=png(forces)),
        Section("forward-inf", "Forward: INF-band deployments", caption, _sources(ds),
                figure=png(inf)),
        Section("forward-stability", "Forward: stability", caption, _sources(ds),
                figure=png(fsi), table=pd.DataFrame(table).round(4)),
    ]
