"""Shared CLI helpers: one-line errors and table output in three formats."""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from typing import TYPE_CHECKING, NoReturn

from rich.console import Console

if TYPE_CHECKING:
    import pandas as pd

# Piped output (files, other programs) is not cut to 80 columns.
console = Console(width=None if sys.stdout.isatty() else 240)


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
        # List columns as in the catalog's own CSV files: values joined by ";".
        flat = df.apply(lambda col: col.map(_joined) if col.dtype == object else col)
        sys.stdout.write(flat.to_csv(index=False))
        return
    if fmt == "json":
        records = [{str(k): _plain(v) for k, v in row.items()} for row in df.to_dict("records")]
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False, default=str) + "\n")
        return
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for col in df.columns:
        table.add_column(str(col), overflow="fold", min_width=min(len(str(col)), 14))
    for row in df.itertuples(index=False):
        table.add_row(*(_cell(v, width) for v in row))
    console.print(table)


def _plain(value: object) -> object:
    """A JSON-ready value: NaN/NaT -> null, numpy scalars and arrays -> Python."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ == "NaTType":  # pandas.NaT, without importing pandas here
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _joined(value: object) -> object:
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    return ";".join(str(v) for v in value) if isinstance(value, list) else value


def _cell(value: object, width: int) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"
