"""Event data: readers for GDELT 1.0/2.0 event files and the ICEWS layout; dyadic series.

Layouts (shared reference note ``perception.md`` §5.2–5.3; ``data/event_data_fixtures``):

* GDELT 1.0 historical backfile, 1979-01-01 … 2013-03-31: 57 tab-separated fields, no header.
* GDELT 1.0 daily files from 2013-04-01: 58 fields (``SOURCEURL`` appended).
* GDELT 2.0 event files from 2015-02-19: 61 fields (``Actor*Geo_ADM2Code`` added to each geo
  block; ``DATEADDED`` is YYYYMMDDHHMMSS). Column 1 is called ``Day`` in the 2.0 codebook; it is
  named ``SQLDATE`` here, as in the 1.0 codebook, the BigQuery tables and the gdeltPyR schema
  files, so that one name serves both versions.
* ICEWS coded event data: tab-separated with a header row of 20 columns (``ICEWS_COLUMNS``),
  missing values written as the literal ``NA``, country *names* ("Russian Federation").

GDELT files are detected by their field count (they have no header); ICEWS by its header.
Every line is checked, and a malformed one stops the read with the file, the line and what was
expected. CAMEO and other codes are read as strings (leading zeros matter: "010", "0211"). In
GDELT only an empty field is missing — ``NA`` is a real FIPS code (Netherlands Antilles).
Files may be plain, ``.gz`` or single-member ``.zip`` (as GDELT distributes them); undecodable
bytes become U+FFFD. With ``chunksize`` the readers yield DataFrames of at most that many
events, so a multi-GB file is never held in memory at once; ``dyad_series`` streams this way.

QuadClass is GDELT's own coarsening of the CAMEO root code (reference §5.2 [V]): 1 verbal
cooperation (roots 01–05), 2 material cooperation (06–09), 3 verbal conflict (10–14),
4 material conflict (15–20) — not the 01–05/06–08/09–13/14–20 split some clients hard-code.
GDELT rows keep the file's QuadClass; ICEWS rows, which have none, get it from the root code.

Sources: GDELT 1.0 codebook v1.03 and GDELT 2.0 Event codebook [V, reference §5.2];
Leetaru & Schrodt (2013), "GDELT: Global Data on Events, Location and Tone"; ICEWS:
Boschee et al., Harvard Dataverse doi:10.7910/DVN/28075 [V, reference §5.3].
"""

from __future__ import annotations

import csv
import gzip
import io
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import IO, Literal, overload

import pandas as pd

from stratlab.measure import event_checks as checks

PathArg = str | PathLike[str]

SOURCE_IDS = ("gdelt", "icews-dataverse")
"""Source ids this module cites (rows the ``sources`` table should hold)."""

QUAD_CLASSES: dict[int, str] = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}
"""GDELT QuadClass codes (codebook: 1=Verbal Cooperation … 4=Material Conflict)."""

QUAD_CLASS_OF_ROOT: dict[str, int] = {
    f"{root:02d}": 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4 for root in range(1, 21)
}
"""CAMEO root code ("01" … "20") → QuadClass, the mapping found in GDELT's data (reference §5.2)."""

_HEAD = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_EVENT = (
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
)
_GEO1 = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_GEO2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_GEO_BLOCKS = ("Actor1", "Actor2", "Action")


def _gdelt_columns(geo: tuple[str, ...]) -> tuple[str, ...]:
    return (
        *_HEAD,
        *(f"Actor1{f}" for f in _ACTOR),
        *(f"Actor2{f}" for f in _ACTOR),
        *_EVENT,
        *(f"{b}Geo_{f}" for b in _GEO_BLOCKS for f in geo),
        "DATEADDED",
    )


GDELT1_COLUMNS: tuple[str, ...] = _gdelt_columns(_GEO1)
"""The 57 fields of the GDELT 1.0 historical backfile, in file order."""
GDELT1_DAILY_COLUMNS: tuple[str, ...] = (*GDELT1_COLUMNS, "SOURCEURL")
"""The 58 fields of GDELT 1.0 daily files (from 2013-04-01)."""
GDELT2_COLUMNS: tuple[str, ...] = (*_gdelt_columns(_GEO2), "SOURCEURL")
"""The 61 fields of GDELT 2.0 event files."""

ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)
"""The ICEWS coded-event header, in file order."""

_GDELT_INT = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "IsRootEvent",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    *(f"{b}Geo_Type" for b in _GEO_BLOCKS),
    "DATEADDED",
)
_GDELT_FLOAT = (
    "FractionDate",
    "GoldsteinScale",
    "AvgTone",
    *(f"{b}Geo_{f}" for b in _GEO_BLOCKS for f in ("Lat", "Long")),
)

ICEWS_COUNTRY_CODES: dict[str, str] = {
    "Afghanistan": "AFG",
    "Armenia": "ARM",
    "Australia": "AUS",
    "Azerbaijan": "AZE",
    "Belarus": "BLR",
    "Brazil": "BRA",
    "Canada": "CAN",
    "China": "CHN",
    "Cuba": "CUB",
    "Egypt": "EGY",
    "Estonia": "EST",
    "France": "FRA",
    "Georgia": "GEO",
    "Germany": "DEU",
    "India": "IND",
    "Iran": "IRN",
    "Iraq": "IRQ",
    "Israel": "ISR",
    "Italy": "ITA",
    "Japan": "JPN",
    "Kazakhstan": "KAZ",
    "Latvia": "LVA",
    "Libya": "LBY",
    "Lithuania": "LTU",
    "Moldova": "MDA",
    "North Korea": "PRK",
    "Pakistan": "PAK",
    "Poland": "POL",
    "Romania": "ROU",
    "Russian Federation": "RUS",
    "Saudi Arabia": "SAU",
    "Serbia": "SRB",
    "South Korea": "KOR",
    "Spain": "ESP",
    "Syria": "SYR",
    "Taiwan": "TWN",
    "Turkey": "TUR",
    "Ukraine": "UKR",
    "United Kingdom": "GBR",
    "United States": "USA",
    "Venezuela": "VEN",
    "Vietnam": "VNM",
}
"""ICEWS country names → CAMEO (ISO 3166-1 alpha-3) country codes, as used in GDELT's
``Actor*CountryCode``. A small hand-made list for the states this lab studies: "Russian
Federation", "China", "North Korea" and "South Korea" are ICEWS spellings seen in public ICEWS
work [S: vaynman/ICEWS README]; the other spellings are assumed ISO short names [U]. Names not
listed pass through unchanged; extend with ``country_codes=``."""

STANDARD_COLUMNS = ("date", "source", "target", "event_code", "root_code", "quad_class", "goldstein")
"""Columns of ``standardize``'s output: one row per event, whichever the source data set."""


class EventFileError(ValueError):
    """A malformed event file; the message names the file, the line and what was expected."""


@dataclass(frozen=True)
class _Layout:
    name: str
    title: str
    columns: tuple[str, ...]
    integers: tuple[str, ...]
    floats: tuple[str, ...]
    dates: tuple[str, ...]
    na_values: tuple[str, ...]


GDELT_LAYOUTS: dict[int, _Layout] = {
    57: _Layout("gdelt1", "GDELT 1.0 backfile", GDELT1_COLUMNS, _GDELT_INT, _GDELT_FLOAT, (), ("",)),
    58: _Layout("gdelt1_daily", "GDELT 1.0 daily", GDELT1_DAILY_COLUMNS, _GDELT_INT, _GDELT_FLOAT, (), ("",)),
    61: _Layout("gdelt2", "GDELT 2.0", GDELT2_COLUMNS, _GDELT_INT, _GDELT_FLOAT, (), ("",)),
}
_ICEWS = _Layout(
    "icews",
    "ICEWS",
    ICEWS_COLUMNS,
    ("Event ID", "Story ID", "Sentence Number"),
    ("Intensity", "Latitude", "Longitude"),
    ("Event Date",),
    ("", "NA"),
)

_READ_BLOCK = 200_000  # lines parsed at a time when the caller wants one DataFrame


@contextmanager
def _open_text(path: Path, encoding: str) -> Iterator[IO[str]]:
    suffix = path.suffix.lower()
    if suffix == ".gz":
        with gzip.open(path, "rt", encoding=encoding, errors="replace") as fh:
            yield fh
    elif suffix == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise EventFileError(f"{path}: not a readable zip file ({exc})") from None
        with zf:
            members = [m for m in zf.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise EventFileError(f"{path}: the zip holds {len(members)} files (expected one event file)")
            with zf.open(members[0]) as raw, io.TextIOWrapper(raw, encoding=encoding, errors="replace") as fh:
                yield fh
    else:
        with open(path, encoding=encoding, errors="replace") as fh:
            yield fh


_CORRUPT = (EOFError, OSError, zlib.error, zipfile.BadZipFile)
"""What a truncated or corrupt ``.gz``/``.zip`` raises while it is read."""


def _numbered_lines(fh: IO[str], where: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line without its newline), skipping empty lines. A NUL byte, or a
    truncated or corrupt compressed stream, is an :class:`EventFileError` naming the line."""
    lineno = 0
    it = iter(fh)
    while True:
        try:
            raw = next(it)
        except StopIteration:
            return
        except _CORRUPT as exc:
            raise EventFileError(f"{where}, line {lineno + 1}: truncated or corrupt file "
                                 f"({type(exc).__name__}: {' '.join(str(exc).split())})") from None
        lineno += 1
        line = raw.rstrip("\n")
        if "\x00" in line:
            raise EventFileError(f"{where}, line {lineno}: a NUL byte (expected tab-separated text)")
        if line:
            yield lineno, line


def _split_header(line: str) -> list[str]:
    return [f.strip().strip('"') for f in line.lstrip("\ufeff").split("\t")]


def _bad(where: str, linenos: list[int], i: int, col: str, value: object, what: str) -> EventFileError:
    return EventFileError(f"{where}, line {linenos[i]}, {col}: {value!r} is not {what}")


def _parse(
    lines: list[str], linenos: list[int], layout: _Layout, where: str, columns: list[str] | None
) -> pd.DataFrame:
    df = pd.read_csv(
        io.StringIO("\n".join(lines)),
        sep="\t",
        header=None,
        names=list(layout.columns),
        dtype=str,
        quoting=csv.QUOTE_NONE,
        keep_default_na=False,
        na_values=list(layout.na_values),
        skip_blank_lines=False,
        usecols=columns,
        engine="c",
    )
    if columns is not None:
        df = df.loc[:, columns]
    if len(df) != len(lines):  # pragma: no cover - field counts were checked line by line
        raise EventFileError(f"{where}: read {len(df)} rows from {len(lines)} lines near line {linenos[0]}")
    present = set(df.columns)
    for col in layout.floats + layout.integers:
        if col not in present:
            continue
        raw = df[col]
        if col in layout.integers and (i := checks.too_long_integer(raw)) is not None:
            raise _bad(where, linenos, i, col, raw.iloc[i], "a whole number that fits 64 bits")
        num = pd.to_numeric(raw, errors="coerce")
        bad = (num.isna() & raw.notna()).to_numpy()
        if bad.any():
            i = int(bad.argmax())
            raise _bad(where, linenos, i, col, raw.iloc[i], "a number")
        if (found := checks.out_of_range(col, num)) is not None:
            raise _bad(where, linenos, found[0], col, raw.iloc[found[0]], found[1])
        if col in layout.integers:
            frac = (num.notna() & (num % 1 != 0)).to_numpy()
            if frac.any():
                i = int(frac.argmax())
                raise _bad(where, linenos, i, col, raw.iloc[i], "a whole number")
            df[col] = num.astype("Int64")
        else:
            df[col] = num.astype("float64")
    if "SQLDATE" in present and (i := checks.bad_yyyymmdd(df["SQLDATE"])) is not None:
        raise _bad(where, linenos, i, "SQLDATE", str(df["SQLDATE"].iloc[i]), "a YYYYMMDD date")
    for col in layout.dates:
        if col not in present:
            continue
        raw = df[col]
        when = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
        bad = (when.isna() & raw.notna()).to_numpy()
        if bad.any():
            i = int(bad.argmax())
            raise _bad(where, linenos, i, col, raw.iloc[i], "a YYYY-MM-DD date")
        df[col] = when
    df.attrs["layout"] = layout.name
    df.attrs["path"] = where
    return df


def _check_columns(columns: list[str] | None, layout: _Layout, where: str) -> None:
    if columns is None:
        return
    unknown = [c for c in columns if c not in layout.columns]
    if unknown or not columns:
        raise ValueError(
            f"{where}: column(s) {', '.join(map(repr, unknown)) or '(none asked for)'} not in the "
            f"{layout.title} layout ({', '.join(layout.columns)})"
        )


def _iter_file(
    path: PathArg,
    kind: Literal["gdelt", "icews"],
    chunksize: int,
    encoding: str,
    columns: Sequence[str] | None = None,
) -> Iterator[pd.DataFrame]:
    cols = None if columns is None else list(dict.fromkeys(columns))
    where = str(path)
    with _open_text(Path(path), encoding) as fh:
        lines_in = _numbered_lines(fh, where)
        layout: _Layout | None = None
        if kind == "icews":
            first = next(lines_in, None)
            if first is None:
                raise EventFileError(f"{where}: empty file (expected an ICEWS header line)")
            lineno, header = first
            got = _split_header(header)
            if tuple(got) != ICEWS_COLUMNS:
                diff = next(
                    (k for k, (a, b) in enumerate(zip(got, ICEWS_COLUMNS, strict=False)) if a != b),
                    min(len(got), len(ICEWS_COLUMNS)),
                )
                found = repr(got[diff]) if diff < len(got) else "nothing"
                expect = repr(ICEWS_COLUMNS[diff]) if diff < len(ICEWS_COLUMNS) else "no more columns"
                raise EventFileError(
                    f"{where}, line {lineno}: not the ICEWS header ({len(got)} columns; column {diff + 1} is "
                    f"{found}, expected {expect} — the layout is {', '.join(ICEWS_COLUMNS)})"
                )
            layout = _ICEWS
            _check_columns(cols, layout, where)
        first_line = 0
        yielded = False
        buf: list[str] = []
        nos: list[int] = []
        for lineno, line in lines_in:
            nf = line.count("\t") + 1
            if layout is None:
                found_layout = GDELT_LAYOUTS.get(nf)
                if found_layout is None:
                    raise EventFileError(
                        f"{where}, line {lineno}: {nf} tab-separated fields (expected 57, 58 or 61 for GDELT)"
                    )
                layout, first_line = found_layout, lineno
                _check_columns(cols, layout, where)
            elif nf != len(layout.columns):
                if layout is _ICEWS:
                    expected = f"expected {len(ICEWS_COLUMNS)} for ICEWS"
                else:
                    expected = (
                        f"expected {len(layout.columns)} like line {first_line}, {layout.title}; "
                        "GDELT files have 57, 58 or 61"
                    )
                raise EventFileError(f"{where}, line {lineno}: {nf} tab-separated fields ({expected})")
            buf.append(line)
            nos.append(lineno)
            if len(buf) >= chunksize:
                yield _parse(buf, nos, layout, where, cols)
                yielded = True
                buf, nos = [], []
        if layout is None:
            raise EventFileError(f"{where}: empty file (no GDELT event lines)")
        if buf:
            yield _parse(buf, nos, layout, where, cols)
        elif not yielded:  # an ICEWS file with a header and no events
            yield _typed_empty(layout, where, cols)


def _typed_empty(layout: _Layout, where: str, columns: list[str] | None) -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series([], dtype=str) for c in columns or layout.columns})
    for col in df.columns:
        if col in layout.integers:
            df[col] = df[col].astype("Int64")
        elif col in layout.floats:
            df[col] = df[col].astype("float64")
        elif col in layout.dates:
            df[col] = pd.to_datetime(df[col])
    df.attrs["layout"] = layout.name
    df.attrs["path"] = where
    return df


def _check_chunksize(chunksize: int | None) -> None:
    if chunksize is not None and (
        isinstance(chunksize, bool) or not isinstance(chunksize, int) or chunksize < 1
    ):
        raise ValueError(f"chunksize must be a positive integer or None, got {chunksize!r}")


def _collect(chunks: Iterator[pd.DataFrame]) -> pd.DataFrame:
    parts = list(chunks)
    if len(parts) == 1:
        return parts[0]
    out = pd.concat(parts, ignore_index=True)
    out.attrs = dict(parts[0].attrs)
    return out


@overload
def read_gdelt(
    path: PathArg,
    *,
    chunksize: None = None,
    encoding: str = "utf-8",
    columns: Sequence[str] | None = None,
) -> pd.DataFrame: ...
@overload
def read_gdelt(
    path: PathArg, *, chunksize: int, encoding: str = "utf-8", columns: Sequence[str] | None = None
) -> Iterator[pd.DataFrame]: ...
def read_gdelt(
    path: PathArg,
    *,
    chunksize: int | None = None,
    encoding: str = "utf-8",
    columns: Sequence[str] | None = None,
) -> pd.DataFrame | Iterator[pd.DataFrame]:
    """Read a GDELT 1.0 (57 or 58 fields) or 2.0 (61 fields) event file; the layout is detected.

    Returns one DataFrame (columns ``GDELT1_COLUMNS``, ``GDELT1_DAILY_COLUMNS`` or
    ``GDELT2_COLUMNS``; integers as nullable ``Int64``, codes as strings, ``attrs['layout']``
    the layout's name), or with ``chunksize`` an iterator of DataFrames of at most that many
    events. ``columns`` parses only those columns (in that order); every line's field count is
    still checked. Raises ``EventFileError`` naming the file and line of the first malformed line.
    """
    _check_chunksize(chunksize)
    if chunksize is None:
        return _collect(_iter_file(path, "gdelt", _READ_BLOCK, encoding, columns))
    return _iter_file(path, "gdelt", chunksize, encoding, columns)


@overload
def read_icews(
    path: PathArg,
    *,
    chunksize: None = None,
    encoding: str = "utf-8",
    columns: Sequence[str] | None = None,
) -> pd.DataFrame: ...
@overload
def read_icews(
    path: PathArg, *, chunksize: int, encoding: str = "utf-8", columns: Sequence[str] | None = None
) -> Iterator[pd.DataFrame]: ...
def read_icews(
    path: PathArg,
    *,
    chunksize: int | None = None,
    encoding: str = "utf-8",
    columns: Sequence[str] | None = None,
) -> pd.DataFrame | Iterator[pd.DataFrame]:
    """Read a tab-separated ICEWS event file (header ``ICEWS_COLUMNS``; ``NA`` is missing).

    ``Event Date`` becomes a datetime, ``Event ID``/``Story ID``/``Sentence Number`` ``Int64``,
    ``Intensity``/``Latitude``/``Longitude`` floats, everything else strings (``CAMEO Code``
    keeps its leading zeros). ``chunksize`` and ``columns`` as in ``read_gdelt``.
    """
    _check_chunksize(chunksize)
    if chunksize is None:
        return _collect(_iter_file(path, "icews", _READ_BLOCK, encoding, columns))
    return _iter_file(path, "icews", chunksize, encoding, columns)


def detect_layout(path: PathArg, encoding: str = "utf-8") -> str:
    """'icews' (by its header) or, by the field count of the first line, 'gdelt1' (57 fields),
    'gdelt1_daily' (58) or 'gdelt2' (61)."""
    where = str(path)
    with _open_text(Path(path), encoding) as fh:
        first = next(_numbered_lines(fh, where), None)
    if first is None:
        raise EventFileError(f"{where}: empty file (expected GDELT events or an ICEWS header)")
    lineno, line = first
    if _split_header(line)[:2] == list(ICEWS_COLUMNS[:2]):
        return "icews"
    nf = line.count("\t") + 1
    if nf in GDELT_LAYOUTS:
        return GDELT_LAYOUTS[nf].name
    raise EventFileError(
        f"{where}, line {lineno}: {nf} tab-separated fields (expected 57, 58 or 61 for GDELT, "
        "or an ICEWS header starting 'Event ID', 'Event Date')"
    )


@overload
def read_events(
    path: PathArg,
    *,
    chunksize: None = None,
    encoding: str = "utf-8",
    columns: Sequence[str] | None = None,
) -> pd.DataFrame: ...
@overload
def read_events(
    path: PathArg, *, chunksize: int, encoding: str = "utf-8", columns: Sequence[str] | None = None
) -> Iterator[pd.DataFrame]: ...
def read_events(
    path: PathArg,
    *,
    chunksize: int | None = None,
    encoding: str = "utf-8",
    columns: Sequence[str] | None = None,
) -> pd.DataFrame | Iterator[pd.DataFrame]:
    """``read_icews`` or ``read_gdelt``, whichever ``detect_layout`` finds."""
    if detect_layout(path, encoding) == "icews":
        return read_icews(path, chunksize=chunksize, encoding=encoding, columns=columns)
    return read_gdelt(path, chunksize=chunksize, encoding=encoding, columns=columns)


def quad_class_from_root(root_codes: pd.Series) -> pd.Series:
    """QuadClass (nullable ``Int64``) from CAMEO root codes ("01" … "20"; "4" is read as "04")."""
    codes = root_codes.astype("string").str.strip().str.zfill(2)
    return codes.map(QUAD_CLASS_OF_ROOT).astype("Int64")


def _country_mapping(country_codes: Mapping[str, str] | None) -> dict[str, str]:
    return {**ICEWS_COUNTRY_CODES, **(dict(country_codes) if country_codes else {})}


def standardize(events: pd.DataFrame, country_codes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per event with ``STANDARD_COLUMNS``, from a GDELT, ICEWS or already standard frame.

    GDELT: ``source``/``target`` = ``Actor1CountryCode``/``Actor2CountryCode`` (CAMEO country
    codes such as USA, RUS), date from ``SQLDATE``, the file's ``QuadClass`` (from the root code
    where missing) and ``GoldsteinScale``. ICEWS: country names mapped by
    ``ICEWS_COUNTRY_CODES`` updated with ``country_codes`` (unlisted names pass through),
    ``Intensity`` as the Goldstein score, QuadClass from the CAMEO root code.
    """
    cols = set(events.columns)
    if set(STANDARD_COLUMNS) <= cols:
        return events.loc[:, list(STANDARD_COLUMNS)].copy()
    if {"SQLDATE", "Actor1CountryCode", "Actor2CountryCode", "EventCode", "GoldsteinScale"} <= cols:
        event_code = events["EventCode"].astype("string")
        root = events["EventRootCode"].astype("string") if "EventRootCode" in cols else event_code.str[:2]
        root = root.fillna(event_code.str[:2])
        derived = quad_class_from_root(root)
        quad = events["QuadClass"].astype("Int64").fillna(derived) if "QuadClass" in cols else derived
        out = pd.DataFrame(
            {
                "date": pd.to_datetime(events["SQLDATE"].astype("string"), format="%Y%m%d", errors="coerce"),
                "source": events["Actor1CountryCode"].astype("string"),
                "target": events["Actor2CountryCode"].astype("string"),
                "event_code": event_code,
                "root_code": root,
                "quad_class": quad,
                "goldstein": pd.to_numeric(events["GoldsteinScale"], errors="coerce").astype("float64"),
            }
        )
        return out
    if {"Event Date", "Source Country", "Target Country", "CAMEO Code", "Intensity"} <= cols:
        mapping = _country_mapping(country_codes)
        event_code = events["CAMEO Code"].astype("string")
        root = event_code.str[:2]
        return pd.DataFrame(
            {
                "date": pd.to_datetime(events["Event Date"], errors="coerce"),
                "source": events["Source Country"].astype("string").replace(mapping),
                "target": events["Target Country"].astype("string").replace(mapping),
                "event_code": event_code,
                "root_code": root,
                "quad_class": quad_class_from_root(root),
                "goldstein": pd.to_numeric(events["Intensity"], errors="coerce").astype("float64"),
            }
        )
    raise ValueError(
        "events: not a GDELT frame (needs SQLDATE, Actor1CountryCode, Actor2CountryCode, EventCode, "
        "GoldsteinScale), an ICEWS frame (Event Date, Source Country, Target Country, CAMEO Code, "
        f"Intensity) or a standard one ({', '.join(STANDARD_COLUMNS)})"
    )


_GDELT_NEEDED = (
    "SQLDATE",
    "Actor1CountryCode",
    "Actor2CountryCode",
    "EventCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
)
_ICEWS_NEEDED = ("Event Date", "Source Country", "Target Country", "CAMEO Code", "Intensity")
_COUNT_COLUMNS = (
    "n_events",
    "goldstein_sum",
    "goldstein_n",
    "quad_n",
    *(f"n_{q}" for q in QUAD_CLASSES.values()),
)


def _partial_sums(std: pd.DataFrame, freq: str) -> pd.DataFrame:
    period = std["date"].dt.to_period(freq)
    quad = std["quad_class"]
    parts = pd.DataFrame(
        {
            "n_events": 1,
            "goldstein_sum": std["goldstein"].fillna(0.0),
            "goldstein_n": std["goldstein"].notna().astype("int64"),
            "quad_n": quad.notna().astype("int64"),
            **{f"n_{name}": (quad == q).fillna(False).astype("int64") for q, name in QUAD_CLASSES.items()},
        },
        index=std.index,
    )
    return parts.groupby(period.to_numpy()).sum()


def _bound(value: str | int | pd.Period, freq: str, how: Literal["start", "end"]) -> pd.Period:
    """A period of ``freq`` from a year (2017), a month ("2017-03"), a date or a Period;
    a coarser value is widened: ``end=2017`` with monthly data means 2017-12."""
    try:
        p = value if isinstance(value, pd.Period) else pd.Period(str(value))
        return p.asfreq(freq, how=how)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{how}={value!r}: not a year, month or date ({exc})") from None


def dyad_series(
    events: pd.DataFrame | Iterable[pd.DataFrame] | PathArg,
    source: str,
    target: str,
    freq: Literal["M", "Y"] = "M",
    directed: bool = True,
    *,
    start: str | int | pd.Period | None = None,
    end: str | int | pd.Period | None = None,
    chunksize: int = 100_000,
    country_codes: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
) -> pd.DataFrame:
    """Monthly (``freq='M'``) or yearly (``'Y'``) series of the events from ``source`` to ``target``.

    ``events`` is a DataFrame (GDELT, ICEWS or ``standardize`` output), an iterable of such
    chunks, or a path, which is read ``chunksize`` events at a time. ``source``/``target`` are
    CAMEO country codes (USA, RUS); ICEWS names listed in ``ICEWS_COUNTRY_CODES`` are accepted
    too. ``directed=False`` pools both directions. Rows: every period from ``start`` (default
    the first event's) to ``end`` (default the last event's), index ``period`` (pandas Periods).
    Columns: ``n_events``; ``goldstein_mean`` and ``goldstein_sum`` over events with a score;
    ``n_<quad>`` counts and ``share_<quad>`` shares (over events with a QuadClass) for
    verbal_cooperation, material_cooperation, verbal_conflict, material_conflict. Periods
    without events have ``n_events`` 0 and NaN means and shares. Events of the dyad without a
    valid date (possible only in frames passed in: the readers refuse invalid dates) are not
    counted, but reported: ``attrs['undated_skipped']`` and a warning.
    """
    if freq not in ("M", "Y"):
        raise ValueError(f"freq must be 'M' (monthly) or 'Y' (yearly), got {freq!r}")
    mapping = _country_mapping(country_codes)
    src, tgt = mapping.get(source, source), mapping.get(target, target)
    chunks: Iterable[pd.DataFrame]
    if isinstance(events, (str, PathLike)):
        needed = _ICEWS_NEEDED if detect_layout(events, encoding) == "icews" else _GDELT_NEEDED
        chunks = read_events(events, chunksize=chunksize, encoding=encoding, columns=needed)
    elif isinstance(events, pd.DataFrame):
        chunks = [events]
    else:
        chunks = events
    total: pd.DataFrame | None = None
    undated = 0
    for chunk in chunks:
        std = standardize(chunk, country_codes)
        a, b = std["source"], std["target"]
        mask = (a == src) & (b == tgt)
        if not directed:
            mask = mask | ((a == tgt) & (b == src))
        dated = std["date"].notna().to_numpy()
        undated += int((mask.fillna(False).to_numpy() & ~dated).sum())
        sel = std.loc[mask.fillna(False).to_numpy() & dated]
        if sel.empty:
            continue
        part = _partial_sums(sel, freq)
        total = part if total is None else total.add(part, fill_value=0)

    if total is None:
        total = pd.DataFrame({c: pd.Series([], dtype="int64") for c in _COUNT_COLUMNS})
        total.index = pd.PeriodIndex([], freq=freq)
    seen = [pd.Period(p, freq=freq) for p in total.index]
    lo = _bound(start, freq, "start") if start is not None else min(seen, default=None)
    hi = _bound(end, freq, "end") if end is not None else max(seen, default=None)
    index = (
        pd.period_range(lo, hi, freq=freq)
        if lo is not None and hi is not None
        else pd.PeriodIndex([], freq=freq)
    )
    total = total.reindex(index, fill_value=0)
    out = pd.DataFrame(index=pd.PeriodIndex(index, name="period"))
    out["n_events"] = total["n_events"].astype("int64").to_numpy()
    gn = total["goldstein_n"].astype("float64")
    out["goldstein_mean"] = (total["goldstein_sum"].astype("float64") / gn.where(gn > 0)).to_numpy()
    out["goldstein_sum"] = total["goldstein_sum"].astype("float64").to_numpy()
    qn = total["quad_n"].astype("float64")
    for name in QUAD_CLASSES.values():
        out[f"n_{name}"] = total[f"n_{name}"].astype("int64").to_numpy()
    for name in QUAD_CLASSES.values():
        out[f"share_{name}"] = (total[f"n_{name}"].astype("float64") / qn.where(qn > 0)).to_numpy()
    out.attrs.update({"source": src, "target": tgt, "freq": freq, "directed": bool(directed),
                      "undated_skipped": undated})
    if undated:
        warnings.warn(f"dyad_series: {undated} event(s) of {src}→{tgt} have no valid date and are "
                      "not counted (attrs['undated_skipped'])", stacklevel=2)
    return out
