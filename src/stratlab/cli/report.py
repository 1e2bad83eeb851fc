"""``stratlab report``: the main job."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from stratlab.cli.common import UserError, console
from stratlab.cli.limits import check_members, check_seed
from stratlab.data import DataError

FORWARD_YEARS, FORWARD_ACTORS = 21, 3
"""Size of the report's forward ensemble (post-inf-tripolar, 2025–2045, USA/RUS/CHN): what
``--members`` is checked against."""


def report(
    out: Path = typer.Option(Path("report"), "--out", help="directory to write report.html into"),
    seed: int = typer.Option(20261125, "--seed", help="seed for every random step"),
    members: int = typer.Option(1000, "--members", help="forward-ensemble members"),
    force: bool = typer.Option(False, "--force", help="replace an existing OUT/report.html"),
) -> None:
    """Write the INF and strategic-stability report (self-contained HTML) as OUT/report.html.

    An existing report is replaced only with --force; the write is atomic.
    """
    from stratlab.atomic import check_target
    from stratlab.report import report_steps, write_report
    from stratlab.report.build import is_report_file, report_path

    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: exists and is not a directory")
    check_seed(seed)
    check_members(members, FORWARD_YEARS, FORWARD_ACTORS)
    check_target(report_path(out), force=force, is_ours=is_report_file, folder=True)
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
            path = write_report(out, seed=seed, members=members, progress=advance, replace=force)
        except DataError as exc:
            raise UserError(str(exc)) from exc
        bar.update(task, completed=steps)
    console.print(f"report written: {path.resolve()}")
