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


# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Series take colours in this order.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
LINESTYLES = ("-", "--", "-.", ":")
SPAN_COLOR = "#999999"


def _year_axis(ax: Any, label: str = "year") -> None:
    """Whole-number year ticks (never "2027.5") and a labelled axis."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(label)


def _isolated(values: np.ndarray) -> np.ndarray:
    """Finite points whose neighbours on both sides are missing: a line would not show them."""
    finite = np.isfinite(values)
    before = np.concatenate([[False], finite[:-1]])
    after = np.concatenate([finite[1:], [False]])
    return np.asarray(finite & ~before & ~after)


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
    color = PALETTE[0]
    fig, ax = plt.subplots(figsize=(9, 4.4))
    if seg is not None:
        for k in range(seg.n_stages):
            if k % 2:
                ax.axvspan(seg.starts[k] - 0.5, seg.ends[k] + 0.5, color=SPAN_COLOR, alpha=0.12,
                           lw=0, label="_nolegend_")
    low, high = series["low"].to_numpy(float), series["high"].to_numpy(float)
    # A band where neighbouring years both have an interval; every year also gets its own bar,
    # so a year whose neighbours lack an interval still shows one.
    ax.fill_between(years, low, high, color=color, alpha=0.15, lw=0)
    ax.vlines(years, low, high, color=color, alpha=0.55, lw=1.0, label="95 % bootstrap interval")
    score = series["score"].to_numpy(float)
    ax.plot(years, score, "o-", color=color, ms=3.5, lw=1.2, label="yearly score")
    ax.axhline(0.0, color="0.5", lw=0.6)
    if seg is not None:
        from matplotlib.transforms import blended_transform_factory

        top = blended_transform_factory(ax.transData, ax.transAxes)
        for k in range(seg.n_stages):
            ax.hlines(seg.means[k], seg.starts[k] - 0.5, seg.ends[k] + 0.5, colors=PALETTE[1],
                      lw=2.2, label="stage mean (change-point segmentation)" if k == 0 else "_nolegend_")
            ax.text((seg.starts[k] + seg.ends[k]) / 2, 0.97, seg.labels[k], transform=top,
                    ha="center", va="top", color=PALETTE[1], fontsize=8,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
    _year_axis(ax, "year of General Debate")
    ax.set_ylabel("score (higher = friendlier)")
    ax.set_title(title)
    ax.legend(loc="lower left", fontsize=8, frameon=True, framealpha=0.9, edgecolor="none")
    fig.tight_layout()
    return cast("Figure", fig)


_TAG_STYLE = (
    ("elimination", PALETTE[2], "elimination"),
    ("compliance", PALETTE[4], "compliance dispute"),
    ("deployment", PALETTE[1], "deployment"),
    ("post-inf", PALETTE[3], "after the treaty"),
    ("treaty", PALETTE[0], "treaty step"),
    ("arms-control", PALETTE[5], "negotiation"),
    ("verification", PALETTE[6], "verification"),
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
        ax.axvspan(pd.Timestamp(in_force[0]), pd.Timestamp(in_force[1]), color=SPAN_COLOR,
                   alpha=0.15, lw=0, label="INF Treaty in force")
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
    ax.set_xlabel("date")
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
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(9, 4.2))
    handles: list[Any] = []
    for i, (name, values) in enumerate(series.items()):
        color = PALETTE[i % len(PALETTE)]
        q = np.nanquantile(values, [quantiles[0], quantiles[1], 0.5, quantiles[2], quantiles[3]],
                           axis=0)
        # Inner band filled, outer band as dotted edges: overlapping fans stay distinguishable.
        ax.fill_between(years, q[1], q[3], color=color, alpha=0.22, lw=0)
        ax.plot(years, q[0], color=color, lw=0.9, ls=":")
        ax.plot(years, q[4], color=color, lw=0.9, ls=":")
        ax.plot(years, q[2], color=color, lw=1.8)
        handles.append(Line2D([], [], color=color, lw=1.8, label=f"{name}: median"))
    lo, mid_lo, mid_hi, hi = (round(100 * x) for x in quantiles)
    handles += [Patch(color="0.5", alpha=0.3, lw=0, label=f"{mid_lo}–{mid_hi} % of members"),
                Line2D([], [], color="0.4", lw=0.9, ls=":", label=f"{lo} % and {hi} % of members")]
    _year_axis(ax)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(color="0.92")
    ax.legend(handles=handles, fontsize=8, frameon=True, framealpha=0.9, edgecolor="none")
    fig.tight_layout()
    return cast("Figure", fig)


def lines_figure(
    years: np.ndarray, series: dict[str, np.ndarray], ylabel: str, title: str,
    shade: tuple[float, float] | None = None, shade_label: str = "INF Treaty in force",
) -> Figure:
    """Lines per named series over years, with an optional shaded span (e.g. a treaty).

    Each series has its own colour and dash pattern, so a line drawn over an identical one
    stays visible; a value whose neighbouring years are missing is drawn as a marker.
    """
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 3.9))
    if shade is not None:
        ax.axvspan(*shade, color=SPAN_COLOR, alpha=0.15, lw=0, label=shade_label)
    for i, (name, values) in enumerate(series.items()):
        color, style = PALETTE[i % len(PALETTE)], LINESTYLES[i % len(LINESTYLES)]
        values = np.asarray(values, dtype=float)
        ax.plot(years, values, lw=1.6 if i == 0 else 1.4, ls=style, color=color, label=name)
        lone = _isolated(values)
        if lone.any():
            ax.plot(np.asarray(years)[lone], values[lone], "o", color=color, ms=5,
                    label="_nolegend_")
    _year_axis(ax)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(color="0.92")
    ax.legend(fontsize=8, frameon=True, framealpha=0.9, edgecolor="none")
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
        # Years with no row at all (a gap in the table) stay empty instead of being bridged.
        years = np.arange(int(wide.index.min()), int(wide.index.max()) + 1)
        wide = wide.reindex(years)
        base = np.zeros(len(years))
        for i, leg in enumerate(wide.columns):
            top = base + wide[leg].to_numpy()
            ax.fill_between(years, base, top, color=PALETTE[i % len(PALETTE)], alpha=0.85, lw=0,
                            label=str(leg))
            base = top
        missing = years[np.isnan(base)]
        for k, y in enumerate(missing):
            ax.axvspan(y - 0.5, y + 0.5, color=SPAN_COLOR, alpha=0.25, lw=0,
                       label="no rows in the table" if k == 0 else "_nolegend_")
        ax.legend(fontsize=8, frameon=True, framealpha=0.9, edgecolor="none", loc="upper left")
    _year_axis(ax)
    ax.set_ylabel("deployed warheads")
    ax.set_title(title)
    ax.grid(color="0.92")
    fig.tight_layout()
    return cast("Figure", fig)
