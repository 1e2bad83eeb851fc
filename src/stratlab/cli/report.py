"""``stratlab report``: the main job."""

from __future__ import annotations

from pathlib import Path

import typer

from stratlab.cli.common import UserError, console
from stratlab.data import DataError


def report(
    out: Path = typer.Option(Path("report"), "--out", help="directory to write report.html into"),
) -> None:
    """Write the INF and strategic-stability report (self-contained HTML)."""
    from stratlab.report import write_overview

    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out}: exists and is not a directory")
    try:
        with console.status("building the catalog and the report…"):
            path = write_overview(out)
    except DataError as exc:
        raise UserError(str(exc)) from exc
    console.print(f"report written: {path.resolve()}")
