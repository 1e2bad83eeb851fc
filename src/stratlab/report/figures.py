"""Figures for reports and the command line (matplotlib, headless).

Each function takes plain tables or results and returns a matplotlib ``Figure``; no function
computes science. :func:`png` renders a figure to PNG bytes for embedding in HTML.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def png(fig: Figure, dpi: int = 110) -> bytes:
    """The figure as PNG bytes (the figure is closed afterwards)."""
    plt = _pyplot()
    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png", dpi=dpi)
    finally:
        plt.close(fig)
    return buf.getvalue()


def perception_figure(series: pd.DataFrame, seg: Any, title: str) -> Figure:
    """A yearly perception score with its interval band and, if given, stage means.

    ``series``: indexed by year with ``score``, ``low``, ``high``; ``seg``: a
    :class:`stratlab.models.stages.Segmentation` or ``None``.
    """
    plt = _pyplot()
    years = series.index.to_numpy()
    fig, ax = plt.subplots(figsize=(9, 4.2))
    ax.fill_between(years, series["low"], series["high"], color="tab:blue", alpha=0.2, lw=0,
                    label="95 % bootstrap interval")
    ax.plot(years, series["score"], "o-", color="tab:blue", ms=3.5, lw=1.2, label="yearly score")
    ax.axhline(0.0, color="0.5", lw=0.6)
    if seg is not None:
        for k in range(seg.n_stages):
            ax.hlines(seg.means[k], seg.starts[k] - 0.5, seg.ends[k] + 0.5, colors="tab:red", lw=2.2,
                      label="stage mean" if k == 0 else "_nolegend_")
            ax.annotate(seg.labels[k], ((seg.starts[k] + seg.ends[k]) / 2, seg.means[k]),
                        textcoords="offset points", xytext=(0, 6), ha="center", color="tab:red",
                        fontsize=8)
    ax.set_xlabel("year of General Debate")
    ax.set_ylabel("score (higher = friendlier)")
    ax.set_title(title)
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    fig.tight_layout()
    return cast("Figure", fig)


_TAG_STYLE = (
    ("elimination", "tab:green", "elimination"),
    ("compliance", "tab:orange", "compliance dispute"),
    ("deployment", "tab:red", "deployment"),
    ("post-inf", "tab:purple", "after the treaty"),
    ("treaty", "tab:blue", "treaty step"),
    ("arms-control", "tab:cyan", "negotiation"),
    ("verification", "tab:olive", "verification"),
)


def _lane(tags: Sequence[str]) -> int:
    for i, (tag, _, _) in enumerate(_TAG_STYLE):
        if tag in tags:
            return i
    return len(_TAG_STYLE)


def inf_timeline_figure(
    events: pd.DataFrame, in_force: tuple[dt.date, dt.date] | None, title: str
) -> Figure:
    """Dated INF events in lanes by kind, with the treaty's time in force shaded.

    ``events``: columns ``date`` (datetime-like) and ``tags`` (lists of strings).
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(10, 3.8))
    if in_force is not None:
        ax.axvspan(pd.Timestamp(in_force[0]), pd.Timestamp(in_force[1]), color="tab:blue",
                   alpha=0.08, lw=0, label="INF Treaty in force")
    lanes = np.array([_lane(list(t)) for t in events["tags"]])
    dates = pd.to_datetime(events["date"])
    names = [label for _, _, label in _TAG_STYLE] + ["other"]
    colors = [c for _, c, _ in _TAG_STYLE] + ["0.4"]
    for i, color in enumerate(colors):
        sel = lanes == i
        if sel.any():
            ax.scatter(dates[sel], np.full(sel.sum(), i), color=color, s=28, zorder=3,
                       edgecolor="white", lw=0.5)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="x", color="0.9")
    ax.set_title(title)
    if in_force is not None:
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    fig.tight_layout()
    return cast("Figure", fig)


def fan_chart_figure(
    years: np.ndarray,
    series: dict[str, np.ndarray],
    ylabel: str,
    title: str,
    quantiles: tuple[float, float, float, float] = (0.05, 0.25, 0.75, 0.95),
) -> Figure:
    """Fan chart per named series: median line, 25–75 % and 5–95 % bands over members.

    ``series[name]`` has shape (member, year).
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 4.0))
    palette = ["tab:blue", "tab:red", "tab:orange", "tab:green", "tab:purple"]
    for (name, values), color in zip(series.items(), palette, strict=False):
        q = np.nanquantile(values, [quantiles[0], quantiles[1], 0.5, quantiles[2], quantiles[3]],
                           axis=0)
        ax.fill_between(years, q[0], q[4], color=color, alpha=0.12, lw=0)
        ax.fill_between(years, q[1], q[3], color=color, alpha=0.25, lw=0)
        ax.plot(years, q[2], color=color, lw=1.6, label=f"{name} (median)")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(color="0.92")
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return cast("Figure", fig)


def lines_figure(
    years: np.ndarray, series: dict[str, np.ndarray], ylabel: str, title: str,
    shade: tuple[float, float] | None = None,
) -> Figure:
    """Plain lines per named series over years, with an optional shaded span (e.g. a treaty)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 3.8))
    if shade is not None:
        ax.axvspan(*shade, color="tab:blue", alpha=0.08, lw=0)
    for name, values in series.items():
        ax.plot(years, values, lw=1.5, label=name)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(color="0.92")
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return cast("Figure", fig)


def forces_area_figure(series: pd.DataFrame, title: str) -> Figure:
    """Stacked areas of warheads by leg over years.

    ``series``: long table with ``year``, ``leg`` and ``warheads`` (as
    :func:`stratlab.data.forces.forces_series` returns with ``by="leg"``); a leg-year without
    a warhead figure is drawn as zero (the caption should say so).
    """
    plt = _pyplot()
    wide = (series.pivot_table(index="year", columns="leg", values="warheads", aggfunc="sum")
            .astype(float).fillna(0.0))
    wide = wide.loc[:, wide.sum() > 0]
    fig, ax = plt.subplots(figsize=(9, 4.2))
    if not wide.empty:
        ax.stackplot(wide.index.to_numpy(), *(wide[c].to_numpy() for c in wide.columns),
                     labels=list(wide.columns), alpha=0.85)
        ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.set_ylabel("warheads")
    ax.set_title(title)
    ax.grid(color="0.92")
    fig.tight_layout()
    return cast("Figure", fig)
