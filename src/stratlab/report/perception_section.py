"""Report section: Russia's perception of the US as a latent index pooled from UN speeches, UN
votes and event data, with its band, the indicators behind it and the stages with their test."""

from __future__ import annotations

import pandas as pd

from stratlab.measure.latent import SOURCE_IDS as LATENT_SOURCES
from stratlab.measure.latent import LatentFit, latent_fit
from stratlab.measure.records import RecordFileError
from stratlab.measure.speeches import SOURCE_IDS as SPEECH_SOURCES
from stratlab.measure.validate import latent_penalty, stage_test
from stratlab.models.stages import SOURCE_IDS as STAGE_SOURCES
from stratlab.report.figures import perception_figure, png
from stratlab.report.html import Section

INDICATOR_SOURCES = {"speech": ("ungdc-v13",), "votes": ("unga-idealpoints",),
                     "weis": ("weis-mcclelland-1978", "goldstein-1992"),
                     "copdab": ("azar-1980", "lebo-moore-2003"), "gdelt": ("gdelt", "gdelt-graph-data")}


def _fit() -> tuple[LatentFit, str]:
    try:
        return latent_fit("RUS", "USA"), ""
    except RecordFileError as exc:  # the vote and event files are not shipped
        return latent_fit("RUS", "USA", indicators=("speeches",)), (
            f" Only the speeches were available here ({exc}); set STRATLAB_RECORDS to add UN votes "
            "and event data.")


def perception_section(start: int = 1991, end: int = 2024, seed: int = 0,
                       fit: LatentFit | None = None) -> Section:
    """The section; ``fit`` (a RUS → USA latent fit) is made here unless given."""
    fit, missing = (fit, "") if fit is not None else _fit()
    series = fit.index.loc[start:end]
    test = stage_test(series["score"].to_numpy(), [int(y) for y in series.index], n_perm=199, seed=seed,
                      penalty=latent_penalty(series["sd"].to_numpy()))
    seg = test.segmentation
    stages = pd.DataFrame({
        "stage": list(seg.labels),  # type: ignore[attr-defined]
        "from": [int(s) for s in seg.starts],  # type: ignore[attr-defined]
        "to": [int(e) for e in seg.ends],  # type: ignore[attr-defined]
        "mean score": [round(m, 2) for m in seg.means],  # type: ignore[attr-defined]
        "years": list(seg.sizes),  # type: ignore[attr-defined]
    })
    load = fit.loadings
    indicators = pd.DataFrame({
        "indicator": list(load.index),
        "years": [f"{int(fit.panel[n].first_valid_index())}–{int(fit.panel[n].last_valid_index())}"
                  for n in load.index],
        "loading": [round(float(v), 2) for v in load["loading"]],
        "noise sd": [round(float(v), 2) for v in load["noise_sd"]],
    })
    table = pd.concat([indicators.assign(part="indicator"), stages.assign(part="stage")], ignore_index=True)
    fig = perception_figure(series, seg, f"Russia → United States, latent perception {start}–{end}")
    sources = {*SPEECH_SOURCES, *STAGE_SOURCES, *LATENT_SOURCES}
    for name in load.index:
        sources |= set(INDICATOR_SOURCES.get(str(name), ()))
    return Section(
        "perception", "Russia's perception of the US, measured",
        "A dynamic latent index (random walk, Kalman smoother, maximum likelihood; statsmodels) "
        f"pooling {', '.join(map(str, load.index))}; higher = more favourable, in standard deviations "
        f"of the anchor indicator ({fit.anchor}). Band: 95 % interval of the smoothed state. Red: "
        f"{test.n_stages} stages found with the penalty 2·mean(sd²)·ln n; R² {test.r2:.2f}, permutation "
        f"p {test.p_shuffle:.3f}, AR(1)-surrogate p {test.p_ar1:.3f} ({test.n_perm} draws). The "
        "table lists each indicator's span, loading and noise, then the stages. See "
        f"docs/theory/perception_latent.md.{missing}",
        tuple(sorted(sources)),
        figure=png(fig), table=table,
        intro="The perception study describes three stages: friendship and cooperation, "
        "heightened competition, intensified confrontation. The latent index pools every public "
        "record of the relationship; read it as evidence about behaviour and rhetoric, not beliefs.",
    )
