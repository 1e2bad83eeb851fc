"""``stratlab report``: the main job."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from stratlab.cli.common import UserError, console
from stratlab.data import DataError


def report(
    out: Path = typer.Option(Path("report"), "--out", help="directory to write report.html into"),
    seed: int = typer.Option(20261125, "--seed", help="seed for every random step"),
    members: int = typer.Option(1000, "--members", help="forward-ensemble members"),
) -> None:
    """Write the INF and strategic-stability report (self-contained HTML)."""
    from stratlab.report import report_steps, write_report

    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: exists and is not a directory")
    if members < 1:
        raise UserError(f"--members {members}: expected a whole number ≥ 1")
    steps = len(report_steps(seed, members))
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("report", total=steps)

        def advance(label: str) -> None:
            if bar.tasks[0].description != "report":
                bar.advance(task)
            bar.update(task, description=label)

        try:
            path = write_report(out, seed=seed, members=members, progress=advance)
        except DataError as exc:
            raise UserError(str(exc)) from exc
        bar.update(task, completed=steps)
    console.print(f"report written: {path.resolve()}")
