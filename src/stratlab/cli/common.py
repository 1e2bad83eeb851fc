"""Shared CLI helpers: one-line errors and table output in three formats."""

from __future__ import annotations

import json
import sys
from typing import NoReturn

import pandas as pd
from rich.console import Console
from rich.table import Table

console = Console()


class UserError(Exception):
    """A mistake in the user's input: printed as one line, no traceback."""


def fail(message: str, code: int = 2) -> NoReturn:
    first = " ".join(message.strip().split("\n")[0].split())
    print(f"error: {first}", file=sys.stderr)
    sys.exit(code)


FORMATS = ("table", "csv", "json")


def emit(df: pd.DataFrame, fmt: str, title: str | None = None, width: int = 80) -> None:
    """Print a DataFrame as a rich table, CSV or JSON records."""
    if fmt not in FORMATS:
        raise UserError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False))
        return
    if fmt == "json":
        records = json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False))
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=title, show_lines=False)
    for col in df.columns:
        table.add_column(str(col), overflow="fold")
    for row in df.itertuples(index=False):
        table.add_row(*(_cell(v, width) for v in row))
    console.print(table)


def _cell(value: object, width: int) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"
