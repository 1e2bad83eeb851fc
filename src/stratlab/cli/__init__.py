"""The ``stratlab`` command line: parses, calls the library, prints. Holds no science."""

from __future__ import annotations

import sys

import typer

from stratlab import __version__
from stratlab.atomic import OutputError
from stratlab.cli.common import UserError, fail
from stratlab.cli.lazy import LazyCommand, LazyGroup
from stratlab.errors import DataError

# The top-level listing, in this order; each command's module is imported only when it runs.
LazyGroup.lazy = {
    "report": LazyCommand("stratlab.cli.report:report",
                          "Write the INF and strategic-stability report (self-contained HTML)."),
    "perceive": LazyCommand("stratlab.cli.perceive:perceive",
                            "How SOURCE speaks of TARGET in the UN General Debate, year by year."),
    "stability": LazyCommand("stratlab.cli.stability:stability",
                             "First-strike stability (Kent & Thaler 1989) of two postures."),
    "run": LazyCommand("stratlab.cli.run:run_case",
                       "Run a scenario and write its results (NetCDF) into --out."),
    "cases": LazyCommand("stratlab.cli.cases:cases_app", "List the built-in cases, or show one's YAML."),
    # Negative numbers are values here, not options: let them reach the command's own checks.
    "flight-time": LazyCommand("stratlab.cli.flight_time:flight_time",
                               "Minimum-energy ballistic flight time per range, in minutes.",
                               {"ignore_unknown_options": True}),
    "data": LazyCommand("stratlab.cli.data:app", "Look things up in the cited data catalog."),
    "serve": LazyCommand("stratlab.cli.serve:serve",
                         "Start the dashboard, a local web app (http://127.0.0.1:8000/)."),
}

app = typer.Typer(
    name="stratlab",
    help="stratlab: an open laboratory for strategic stability.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        typer.echo(f"stratlab {__version__}")
        raise typer.Exit()


def main() -> None:
    """Entry point: user mistakes become one line on stderr and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except (UserError, DataError, OutputError) as exc:
        fail(str(exc))
    except (KeyboardInterrupt, typer.Abort):
        fail("interrupted", code=130)
    except typer.TyperException as exc:  # usage errors: unknown command, missing argument …
        ctx = getattr(exc, "ctx", None)
        where = f"{ctx.command_path}: " if ctx is not None else ""
        fmt = getattr(exc, "format_message", None)
        fail(f"{where}{fmt() if callable(fmt) else exc} (see --help)")
    if code == 130:  # click turned a Ctrl-C into Exit(130) and printed only a blank line
        fail("interrupted", code=130)
    sys.exit(code if isinstance(code, int) else 0)


__all__ = ["app", "main"]
