"""A command group that imports a subcommand's module only when that subcommand runs.

``stratlab --help`` and ``stratlab --version`` must answer at once; the subcommands pull in
pandas, DuckDB, matplotlib and the models. Each entry of :data:`COMMANDS` names the module
and attribute that define a command (a function or a ``typer.Typer`` group) and the one-line
help shown in the top-level listing, so the listing needs no import at all.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, ClassVar

from typer import _click as click
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class LazyCommand:
    """Where a subcommand lives and what the top-level help says of it."""

    target: str  # "module:attribute"
    help: str
    context_settings: dict[str, Any] = field(default_factory=dict)

    def load(self, name: str) -> click.Command:
        import typer

        module_name, attr = self.target.split(":")
        obj = getattr(importlib.import_module(module_name), attr)
        if isinstance(obj, typer.Typer):
            group = typer.main.get_group(obj)
            group.name = name
            return group
        single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
        single.command(name, context_settings=self.context_settings or None)(obj)
        command = typer.main.get_command(single)
        command.name = name
        return command


class LazyGroup(TyperGroup):
    """A typer group whose subcommands are :class:`LazyCommand` entries, loaded on use.

    While the group's own help is drawn, :meth:`get_command` hands out stand-ins that carry
    only the name and one-line help, so listing the commands imports none of them.
    """

    lazy: ClassVar[dict[str, LazyCommand]] = {}
    _listing = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *self.lazy]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = self.lazy.get(cmd_name)
        if entry is None:
            return super().get_command(ctx, cmd_name)
        if self._listing:
            return TyperCommand(cmd_name, help=entry.help, short_help=entry.help)
        return entry.load(cmd_name)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False
