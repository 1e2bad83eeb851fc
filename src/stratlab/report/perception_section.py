"""Report section: Russia's perception of the US measured from its UN General Debate
statements, with the stages found by change-point detection."""

from __future__ import annotations

import pandas as pd

from stratlab.measure import perception_index
from stratlab.measure.speeches import SOURCE_IDS as SPEECH_SOURCES
from stratlab.models.stages import SOURCE_IDS as STAGE_SOURCES
from stratlab.models.stages import segment
from stratlab.report.figures import perception_figure, png
from stratlab.report.html import Section


def perception_section(start: int = 1991, end: int = 2024, seed: int = 0) -> Section:
    series = perception_index("RUS", "USA", start, end, method="lexicon", seed=seed)
    scored = series.dropna(subset=["score"])
    seg = segment(scored["score"].to_numpy(), n_stages=3, index=[int(y) for y in scored.index])
    table = pd.DataFrame({
        "stage": list(seg.labels),
        "from": [int(s) for s in seg.starts],
        "to": [int(e) for e in seg.ends],
        "mean score": [round(m, 3) for m in seg.means],
        "95 % interval": [f"{lo:+.3f} to {hi:+.3f}" for lo, hi in zip(seg.lower, seg.upper,
                                                                      strict=True)],
        "years": list(seg.sizes),
    })
    fig = perception_figure(series, seg, f"Russia → United States in the UN General Debate, "
                                         f"{start}–{end} (lexicon)")
    gaps = [int(y) for y in series.index if pd.isna(series.loc[y, "score"])]
    return Section(
        "perception", "Russia's perception of the US, measured",
        "Yearly tone of the sentences in which Russia's General Debate statement refers to the "
        "US (by name or implicitly: Washington, NATO, 'the West', hegemony/unipolarity after "
        "1991), scored with a transparent lexicon (VADER plus a domain list); band: 95 % "
        "bootstrap interval over sentences; red: the three stages found by change-point "
        f"detection (ruptures), labelled by level. Years without a reference: "
        f"{', '.join(map(str, gaps)) or 'none'}. See docs/perception_russia_us.md for what this "
        "measure can and cannot show.",
        tuple(sorted({*SPEECH_SOURCES, *STAGE_SOURCES})),
        figure=png(fig), table=table,
        intro="The perception study describes three stages: friendship and cooperation, "
        "heightened competition, intensified confrontation. The measured series is one "
        "public, annual text per year; read it as evidence about official rhetoric, not about "
        "beliefs.",
    )
