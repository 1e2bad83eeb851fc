"""The ``stratlab`` command line: parses, calls the library, prints. Holds no science."""

from __future__ import annotations

import sys

import typer

from stratlab import __version__
from stratlab.atomic import OutputError
from stratlab.cli.common import UserError, fail
from stratlab.cli.data import app as data_app
from stratlab.cli.flight_time import flight_time
from stratlab.cli.perceive import perceive
from stratlab.cli.report import report
from stratlab.cli.run import cases, run_case
from stratlab.cli.stability import stability
from stratlab.data import DataError

app = typer.Typer(
    name="stratlab",
    help="stratlab: an open laboratory for strategic stability.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(data_app, name="data")
app.command("report")(report)
app.command("perceive")(perceive)
app.command("stability")(stability)
app.command("run")(run_case)
app.command("cases")(cases)
# Negative numbers are values here, not options: let them reach the command's own checks.
app.command("flight-time", context_settings={"ignore_unknown_options": True})(flight_time)


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
    sys.exit(code if isinstance(code, int) else 0)


__all__ = ["app", "main"]
