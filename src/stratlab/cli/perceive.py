"""``stratlab perceive SOURCE TARGET``: how one P5 state speaks of another at the UN, by year."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import typer

from stratlab.atomic import OutputError, atomic_write
from stratlab.cli.common import UserError, console, emit


def _fmt(value: object, digits: int = 3) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:+.{digits}f}"
    return str(value)


def _segment(series: pd.DataFrame, k: int) -> tuple[pd.DataFrame, Any]:
    from stratlab.models.stages import segment

    scored = series.dropna(subset=["score"])
    try:
        seg = segment(scored["score"].to_numpy(), n_stages=k, index=[int(y) for y in scored.index])
    except ValueError as exc:
        raise UserError(f"--stages {k}: {exc}") from exc
    labels = pd.Series(
        [seg.labels[s] for s in seg.stage_of()], index=scored.index, dtype="object"
    ).reindex(series.index)
    stage_no = pd.Series(list(seg.stage_of()), index=scored.index).reindex(series.index)
    out = series.assign(stage=stage_no.astype("Int64"), stage_label=labels)
    return out, seg


MIN_REFS = 3
"""A measured year resting on fewer references than this gets a warning: with one or two
sentences the score is the score of those sentences, not of the year's statement."""


@contextlib.contextmanager
def _progress(method: str) -> Iterator[None]:
    """A progress bar for the sentence embeddings not yet cached (the embedding method only)."""
    if method != "embedding":
        yield
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from stratlab.measure.embedding import progress_to

    columns = (TextColumn("encoding sentences"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("embed", total=None)
        with progress_to(lambda done, total: bar.update(task, completed=done, total=total)):
            yield


def _show_evidence(series: pd.DataFrame, ev: pd.DataFrame, source: str, target: str, year: int) -> None:
    """Only the asked year: its score, and its sentences with how many of them are shown."""
    rows: dict[int, dict[Any, Any]] = {int(str(y)): r for y, r in series.to_dict("index").items()}
    row = rows.get(year)
    if row is None or row["score"] is None or math.isnan(float(row["score"])):
        console.print(f"no reference to {target} in {source}'s {year} statement")
        return
    total = int(row.get("n_contexts", len(ev)))
    shown = ev.drop(columns=["contribution"]).assign(score=[_fmt(v) for v in ev["score"]])
    console.print(f"{source} on {target}, {year}: score {_fmt(float(row['score']))} "
                  f"[{_fmt(float(row['low']))}, {_fmt(float(row['high']))}] from {int(row['n_refs'])} "
                  f"reference(s) in {total} context(s)")
    more = "" if len(ev) >= total else f" (--top 0 shows all {total})"
    emit(shown, "table", title=f"evidence: {len(ev)} of {total} contexts, largest |score| first{more}",
         width=400)
    if int(row["n_refs"]) < MIN_REFS:
        console.print(f"note: {year} rests on fewer than {MIN_REFS} references; its score is noisy")


def _plot(series: pd.DataFrame, seg: Any, path: Path, title: str) -> None:
    from stratlab.report.figures import perception_figure, png

    data = png(perception_figure(series, seg, title), dpi=120)
    try:
        atomic_write(path, data)
    except OutputError as exc:
        raise UserError(f"--plot {exc}") from exc


def perceive(
    source: str = typer.Argument(..., help="the speaker: USA, RUS (USSR to 1991), CHN, GBR or FRA"),
    target: str = typer.Argument(..., help="the state spoken of (same codes)"),
    from_year: int | None = typer.Option(None, "--from", help="first year (default: first speech)"),
    to_year: int | None = typer.Option(None, "--to", help="last year (default: last speech)"),
    method: str = typer.Option("lexicon", "--method", help="lexicon, embedding or latent (speeches, UN votes "
                               "and event data pooled in a dynamic latent model)"),
    indicators: str = typer.Option("speeches,votes,events", "--indicators",
                                   help="latent only: indicator groups to pool (speeches, votes, events)"),
    stages: int | None = typer.Option(None, "--stages", help="split the series into K stages"),
    evidence: int | None = typer.Option(None, "--evidence", help="YEAR: the sentences behind its score"),
    top: int = typer.Option(10, "--top", help="with --evidence: how many sentences to show (0: all)"),
    csv: Path | None = typer.Option(None, "--csv", help="also write the yearly series to this CSV file"),
    plot: Path | None = typer.Option(None, "--plot", help="draw the series to this PNG file"),
) -> None:
    """How SOURCE speaks of TARGET in the UN General Debate, year by year (higher = friendlier)."""
    from stratlab.measure.references import PerceptionError
    from stratlab.measure.speeches import evidence as find_evidence
    from stratlab.measure.speeches import perception_index

    source, target = source.upper(), target.upper()
    if stages is not None and stages < 1:
        raise UserError(f"--stages {stages}: expected a number of stages ≥ 1")
    if plot is not None and plot.suffix.lower() != ".png":
        raise UserError(f"--plot {plot}: expected a .png file name")
    if method == "latent":
        if evidence is not None:
            raise UserError("--evidence: give --method lexicon or embedding "
                            "(the sentences behind a speech score)")
        _latent(source, target, from_year, to_year, indicators, stages, csv, plot)
        return
    if top < 0:
        raise UserError(f"--top {top}: expected a number of sentences ≥ 0 (0: all)")
    try:
        with _progress(method):
            series = perception_index(source, target, from_year, to_year, method=method)
            ev = None if evidence is None else find_evidence(source, target, evidence, method=method,
                                                            n=top or 1_000_000)
    except PerceptionError as exc:
        raise UserError(str(exc)) from exc
    seg = None
    if stages is not None:
        series, seg = _segment(series, stages)
    title = f"{source} → {target} in the UN General Debate ({method})"
    if ev is not None and evidence is not None:
        _show_evidence(series, ev, source, target, evidence)
    else:
        _show_series(series, seg, target, title)
    if csv is not None:
        try:
            atomic_write(csv, series.reset_index().to_csv(index=False))
        except OutputError as exc:
            raise UserError(f"--csv {exc}") from exc
        console.print(f"wrote {csv.resolve()}")
    if plot is not None:
        _plot(series, seg, plot, title)
        console.print(f"wrote {plot.resolve()}")


def _show_series(series: pd.DataFrame, seg: Any, target: str, title: str) -> None:
    shown = series.reset_index()
    for col in ("score", "low", "high"):
        shown[col] = [_fmt(v) for v in shown[col]]
    if "stage" in shown:
        shown["stage"] = ["" if pd.isna(v) else str(int(v)) for v in shown["stage"]]
        shown["stage_label"] = shown["stage_label"].fillna("")
    emit(shown, "table", title=title)
    if seg is not None:
        stage_rows = pd.DataFrame(seg.table())
        for col in ("mean", "lower", "upper"):
            stage_rows[col] = [_fmt(v) for v in stage_rows[col]]
        emit(stage_rows, "table", title=f"{seg.n_stages} stages ({seg.method}, {seg.penalty_rule})")
    refs = series["n_refs"]
    thin = [str(y) for y in series.index[(refs > 0) & (refs < MIN_REFS)]]
    if thin:
        console.print(f"note: {len(thin)} year(s) rest on fewer than {MIN_REFS} references to {target} "
                      f"and their scores are noisy: {', '.join(thin)}")


def _write(series: pd.DataFrame, seg: Any, csv: Path | None, plot: Path | None, title: str) -> None:
    if csv is not None:
        try:
            series.reset_index().to_csv(csv, index=False)
        except OSError as exc:
            raise UserError(f"--csv {csv}: {exc.strerror or exc}") from exc
    if plot is not None:
        _plot(series, seg, plot, title)


def _latent(source: str, target: str, start: int | None, end: int | None, indicators: str, stages: int | None,
            csv: Path | None, plot: Path | None) -> None:
    """The latent index, each indicator's contribution per year, loadings, stages and their test."""
    from stratlab.measure.latent import latent_fit
    from stratlab.measure.references import PerceptionError
    from stratlab.measure.validate import latent_penalty, stage_test

    groups = tuple(g.strip() for g in indicators.split(",") if g.strip())
    try:
        fit = latent_fit(source, target, indicators=groups)  # fitted on every year, shown for the range
    except PerceptionError as exc:
        raise UserError(str(exc)) from exc
    if start is not None and end is not None and start > end:
        raise UserError(f"empty year range: from {start} to {end}")
    series = fit.index[["score", "low", "high", "n_indicators"]].join(fit.contributions())
    series = series.loc[(start or series.index[0]):(end or series.index[-1])]
    sd = fit.index["sd"].reindex(series.index).to_numpy()
    if series.empty:
        span = f"{fit.index.index[0]}–{fit.index.index[-1]}"
        raise UserError(f"no latent estimate from {start} to {end} (estimates: {span})")
    test = None
    if stages is not None or len(series) >= 4:
        try:
            test = stage_test(series["score"].to_numpy(), list(series.index), n_stages=stages, n_perm=199,
                              penalty=latent_penalty(sd))
        except ValueError as exc:
            raise UserError(f"--stages {stages}: {exc}") from exc
        labels = test.segmentation.stage_of()  # type: ignore[attr-defined]
        series["stage"] = pd.array(labels, dtype="Int64")
        series["stage_label"] = [test.segmentation.labels[k] for k in labels]  # type: ignore[attr-defined]
    shown = series.reset_index()
    for col in shown.columns:
        if col not in ("year", "n_indicators", "stage", "stage_label"):
            shown[col] = [_fmt(v) for v in shown[col]]
    title = f"{source} → {target}: latent perception (anchor {fit.anchor}; higher = more favourable)"
    emit(shown, "table", title=title + " — score, 95 % band, and each indicator's contribution")
    load = fit.loadings.reset_index()
    for col in ("loading", "intercept", "noise_sd"):
        load[col] = [_fmt(float(v)) for v in load[col]]
    emit(load, "table", title="fitted loadings (indicators standardised; anchor loading fixed at +1)")
    if test is not None:
        rows = pd.DataFrame(test.segmentation.table())  # type: ignore[attr-defined]
        for col in ("mean", "lower", "upper"):
            rows[col] = [_fmt(v) for v in rows[col]]
        rule = "given" if stages is not None else "default penalty 2·mean(sd²)·ln n"
        emit(rows, "table", title=f"{test.n_stages} stages ({rule}): R² {test.r2:.2f}, permutation p "
             f"{test.p_shuffle:.3f}, AR(1) surrogate p {test.p_ar1:.3f} ({test.n_perm} draws)")
    _write(series, test.segmentation if test is not None else None, csv, plot, title)
