"""``stratlab cases`` (list the built-in cases) and ``stratlab cases show NAME`` (print one's YAML)."""

from __future__ import annotations

import sys

import typer

from stratlab.cli.common import UserError

cases_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                        help="List the built-in scenario cases, or print one to edit.")


@cases_app.callback(invoke_without_command=True)
def _list(ctx: typer.Context) -> None:
    """List the built-in scenario cases (`stratlab cases show NAME` prints one's YAML)."""
    if ctx.invoked_subcommand is None:
        from stratlab.cli.run import cases

        cases()


@cases_app.command("show")
def show(name: str = typer.Argument(..., help="a built-in case, as `stratlab cases` lists it")) -> None:
    """Print a built-in case's scenario YAML, to save and edit: `stratlab cases show NAME > my.yaml`."""
    from stratlab.scenario.load import list_cases

    known = {c.name: c for c in list_cases()}
    if name not in known:
        raise UserError(f"no built-in case {name!r}; the cases are: {', '.join(known)}")
    sys.stdout.write(known[name].path.read_text(encoding="utf-8"))


__all__ = ["cases_app"]
