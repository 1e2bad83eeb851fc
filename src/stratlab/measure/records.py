"""Finding and parsing the record files behind the perception indicators, with one-line errors.

The UN voting, event-data and conflict-context files are not shipped with stratlab: their
licences do not allow it (see each data set's README). A reader takes the file from, in order,

1. the ``path`` argument;
2. the environment variable named for that file (e.g. ``STRATLAB_UNGA_VOTES``);
3. ``$STRATLAB_RECORDS/<relative path>``, a folder laid out like the project's shared data
   folder (``unga_voting/…``, ``event_data_dyadic/…``, ``conflict_context/…``).

Text files are parsed line by line; the first malformed line stops the read with
``FILE, line N, FIELD: VALUE: expected …`` (:class:`RecordFileError`).
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from stratlab.measure.references import PerceptionError, check_country

PathArg = str | PathLike[str]

RECORDS_ENV = "STRATLAB_RECORDS"
"""Environment variable: a folder laid out like the shared data folder (``unga_voting/``, …)."""

COW_CODES: dict[str, int] = {"USA": 2, "GBR": 200, "FRA": 220, "RUS": 365, "CHN": 710}
"""Correlates of War codes of the P5 (365 is the USSR to 1991 and Russia from 1992)."""


class RecordFileError(PerceptionError):
    """A record file that is missing or malformed; the message names the file and the line."""


@dataclass(frozen=True)
class RecordFile:
    """One record file a reader needs: its environment variable and place in a records folder."""

    env: str
    relative: str
    what: str

    def resolve(self, path: PathArg | None = None) -> Path:
        """The file to read (argument, then ``env``, then ``$STRATLAB_RECORDS/relative``)."""
        if path is not None:
            chosen = Path(path)
        elif os.environ.get(self.env):
            chosen = Path(os.environ[self.env])
        elif os.environ.get(RECORDS_ENV):
            chosen = Path(os.environ[RECORDS_ENV]) / self.relative
        else:
            raise RecordFileError(
                f"no {self.what} file: pass its path, or set {self.env} to it, or {RECORDS_ENV} to a "
                f"folder holding {self.relative} (its licence does not let stratlab ship it)"
            )
        if not chosen.is_file():
            raise RecordFileError(f"{chosen}: no such file ({self.what})")
        return chosen


Parser = Callable[[str], object]


def number(text: str) -> float:
    """A float; ``NA`` and the empty string are NaN."""
    if text in ("", "NA"):
        return math.nan
    value = float(text)
    if math.isinf(value):
        raise ValueError(text)
    return value


def integer(text: str) -> int:
    """An integer written without a fraction (``2``, not ``2.5``)."""
    return int(text)


def rows(
    path: Path,
    fields: Mapping[str, tuple[Parser, str]],
    check: Callable[[dict[str, object]], tuple[str, str] | None] | None = None,
) -> Iterator[tuple[int, dict[str, object]]]:
    """``(line number, {field: parsed value})`` for each data line of a comma-separated file.

    ``fields`` maps each needed column to its parser and what it expects (for the error). The
    header must hold them all. ``check`` may return ``(field, expected)`` for a row that parses
    but is out of range. Empty lines are skipped.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise RecordFileError(f"{path}, line 1: empty file: expected a header row")
            missing = [f for f in fields if f not in header]
            if missing:
                raise RecordFileError(f"{path}, line 1, header: lacks column(s) {', '.join(missing)}")
            where = {f: header.index(f) for f in fields}
            for record in reader:
                lineno = reader.line_num
                if not record:
                    continue
                if len(record) != len(header):
                    raise RecordFileError(f"{path}, line {lineno}: {len(record)} fields: "
                                          f"expected {len(header)} as in the header")
                out: dict[str, object] = {}
                for name, (parse, expected) in fields.items():
                    text = record[where[name]].strip()
                    try:
                        out[name] = parse(text)
                    except ValueError:
                        raise RecordFileError(
                            f"{path}, line {lineno}, {name}: {text!r}: expected {expected}") from None
                bad = check(out) if check is not None else None
                if bad is not None:
                    field, expected = bad
                    raise RecordFileError(
                        f"{path}, line {lineno}, {field}: {out[field]!r}: expected {expected}")
                yield lineno, out
    except UnicodeDecodeError as exc:
        raise RecordFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise RecordFileError(f"{path}: not comma-separated text ({exc})") from None


def check_code(code: str, role: str) -> int:
    """The COW code of a P5 ISO code, or a one-line error naming the known codes."""
    return COW_CODES[check_country(code, COW_CODES, role)]


__all__ = ["COW_CODES", "RECORDS_ENV", "RecordFile", "RecordFileError", "check_code", "integer", "number",
           "rows"]
