"""Historical mode: replay postures and treaty events from the catalog; compute perceptions.

Forces come from :func:`stratlab.engine.history.history_arsenal` (every year's catalog posture
from the annual ``forces`` table, by the rule ``stratlab stability --year`` uses),
treaty status from the treaty record (1 July of each year), perceptions from the ``events``
table coded into acts (:mod:`stratlab.engine.acts`) and run through the perception model
(:func:`stratlab.engine.perceive.believe`). With a ``calibration`` block the named perception
parameters are first fitted by least squares to the measured UN-speech series of one dyad
(:func:`stratlab.engine.perceive.fit_dyad`); the fitted values then hold for every member.
Eras are read from the scenario's first range-band treaty (before / in force / after).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from stratlab.engine.acts import act_array, coded_events
from stratlab.engine.arsenal import Arsenal
from stratlab.engine.history import Missing, Postures, eras, history_arsenal, treaty_status
from stratlab.engine.perceive import PerceptionFit, believe, fit_dyad
from stratlab.engine.setup import RunContext, initial_beliefs
from stratlab.models.perception import SOURCE_IDS as PERCEPTION_SOURCES
from stratlab.models.perception import PerceptionParams
from stratlab.scenario.terms import treaty_terms

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class HistoryTrace:
    """What the historical replay records (member axis first where members differ)."""

    arsenal: Arsenal
    """Fields ``(1, year, actor)``: the record is the same for every member."""
    postures: Postures
    """``{actor: {year: catalog posture}}``: what the arsenal and the stability inputs come from."""
    missing: Missing
    """Actor-years with a leg in a gap the forces table declares unsourced (NaN results)."""
    hostility: FloatArray
    """``(member, year, actor, target)``."""
    acts: IntArray
    """``(year, slot, actor, target)`` coded acts."""
    status: IntArray
    """``(year, treaty)`` status codes."""
    eras: list[str]
    fit: PerceptionFit | None
    measured: pd.DataFrame | None
    sources: set[str]


def _era_labels(ctx: RunContext, statuses: list[IntArray]) -> list[str]:
    if ctx.scenario.eras:  # the scenario's own periods: each year takes the last era begun
        named = ctx.scenario.eras
        return [next((e.name for e in reversed(named) if e.start <= y), f"before {named[0].name}")
                for y in ctx.years]
    for t, status in zip(ctx.scenario.treaties, statuses, strict=True):
        terms = treaty_terms(ctx.con, t.id)
        if terms is not None and terms.kind == "band":
            row = ctx.con.execute("SELECT short_name FROM treaties WHERE treaty_id = ?", [t.id]).fetchone()
            return eras(ctx.years, status, str(row[0]) if row else t.id)
    return eras(ctx.years, None, "")


def _measured(ctx: RunContext) -> pd.DataFrame:
    from stratlab.measure.speeches import perception_index

    cal = ctx.scenario.calibration
    assert cal is not None
    if cal.method == "latent":  # fitted on every year; hostility expit(−θ) as a score 1 − 2h
        from scipy.special import expit

        from stratlab.measure.latent import latent_index

        series = latent_index(cal.observer, cal.target)
        for col in ("score", "low", "high"):  # monotone in θ, so the band maps to a band
            series[col] = 1.0 - 2.0 * expit(-series[col])
        return series.reindex(ctx.years)
    series = perception_index(cal.observer, cal.target, ctx.years[0], ctx.years[-1], method=cal.method)
    return series.reindex(ctx.years)


def run_historical(ctx: RunContext) -> HistoryTrace:
    """Replay the record over the scenario's years (see the module docstring)."""
    sc, years, actors = ctx.scenario, ctx.years, ctx.actors
    arsenal, postures, missing, sources = history_arsenal(ctx.con, actors, years)
    statuses = []
    for t in sc.treaties:
        status, used = treaty_status(ctx.con, t.id, years)
        statuses.append(status)
        sources |= used
    coded = coded_events(ctx.con, actors, years[0], years[-1])
    sources |= {c.source_id for c in coded} | set(PERCEPTION_SOURCES)
    acts = act_array(coded, actors, years)
    params = ctx.params
    prior = initial_beliefs(sc, params)
    fit, measured = None, None
    if sc.calibration is not None:
        measured = _measured(ctx)
        o, g = actors.index(sc.calibration.observer), actors.index(sc.calibration.target)
        base = params.perception(1)
        fit = fit_dyad(acts[:, :, o, g], measured["score"].to_numpy(dtype=np.float64), sc.calibration.fit,
                       _first_member(base), float(prior[0, o, g]))
        fitted = fit.as_dict()
        prior[:, o, g] = fitted.pop("prior", prior[0, o, g])
        params = params.with_values(**{f"perception__{k}": v for k, v in fitted.items()})
        sources |= {"ungdc-v13"}
        if sc.calibration.method == "latent":
            from stratlab.engine.calibrate import SOURCE_IDS as MEASURED

            sources |= set(MEASURED)
    hostility = believe(prior, acts, params.perception(3))
    idx = np.arange(len(actors))
    hostility[..., idx, idx] = np.nan
    status_arr = np.stack(statuses, axis=-1) if statuses else np.zeros((len(years), 0), dtype=np.int64)
    return HistoryTrace(arsenal.map(lambda v: v[None]), postures, missing, hostility, acts, status_arr,
                        _era_labels(ctx, statuses), fit, measured, sources)


def _first_member(params: PerceptionParams) -> PerceptionParams:
    """Perception parameters of member 0 as scalars (the fit is one series)."""
    values = {f.name: float(np.asarray(getattr(params, f.name)).reshape(-1)[0]) for f in fields(params)}
    return replace(params, **values)


__all__ = ["HistoryTrace", "run_historical"]
