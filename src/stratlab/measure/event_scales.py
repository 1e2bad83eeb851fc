"""Event data as perception indicators: WEIS, COPDAB and GDELT-derived scores, by directed pair and year.

Every indicator is **higher = more cooperative**. None of these files is shipped (their terms
do not allow it, see ``data/event_data_dyadic/README.md``); :class:`RecordFile` entries below
say where each reader looks.

* **WEIS** 1966–1992 (McClelland 1978, ICPSR 5211 [weis-mcclelland-1978]; compilation
  ``weis.fromlai.1966-93.dta``): one row per event with its Goldstein (1992) weight ``gscale``
  [goldstein-1992], −10 (most conflictual) … +8.3. Yearly per directed pair (``srccc`` →
  ``targcc``): ``n_events``, ``goldstein_mean``, ``n_coop`` (``gscale > 0``), ``n_conf``
  (``gscale < 0``) — the recipe of the data README, which these numbers reproduce.
* **COPDAB** 1948–1978 (Azar 1980 [azar-1980]; Lebo & Moore 2003 replication data
  [lebo-moore-2003], ``exCopdab.csv``): monthly weighted scores, US→USSR and USSR→US only; the
  yearly value is the mean of the twelve months. Positive = cooperative (the README's reading of
  the scale: inferred from the values, not documented upstream).
* **GDELT-derived** 2018-01 … 2024-02 (``gdelt_graph_usa_rus_chn_daily_derived.csv``, from
  GDELT 2.0 [gdelt] via ``gzemo/gdelt-graph-data`` [gdelt-graph-data]): an undirected daily
  composite (Goldstein score plus small coverage and tone terms) for US–RUS, US–CHN, RUS–CHN.
  The yearly value is the mean over the days present (96 of 2,245 days are missing), so it is
  comparable across years with missing days; both directions get the same value.
* **A user's GDELT or ICEWS event file** through :func:`stratlab.measure.events.dyad_series`
  (yearly, directed): ``goldstein_mean`` and the quad-class counts.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from stratlab.measure.events import dyad_series
from stratlab.measure.records import (
    PathArg,
    RecordFile,
    RecordFileError,
    check_code,
    integer,
    number,
    rows,
)

SOURCE_IDS = ("weis-mcclelland-1978", "goldstein-1992", "azar-1980", "lebo-moore-2003", "gdelt",
              "gdelt-graph-data")
"""Source ids this module cites (rows of the ``sources`` table)."""

WEIS_FILE = RecordFile("STRATLAB_WEIS", "event_data_dyadic/weis.fromlai.1966-93.dta", "WEIS events (Stata)")
COPDAB_FILE = RecordFile("STRATLAB_COPDAB", "event_data_dyadic/exCopdab.csv", "COPDAB (Lebo & Moore)")
GDELT_PAIRS_FILE = RecordFile("STRATLAB_GDELT_PAIRS",
                              "event_data_dyadic/gdelt_graph_usa_rus_chn_daily_derived.csv",
                              "GDELT-derived daily pair scores")

_WEIS_COLUMNS = ("year", "srccc", "targcc", "gscale")
GOLDSTEIN_RANGE = (-10.0, 10.0)
"""Goldstein (1992) weights lie in [−10, +10] (WEIS's own range is −10 … +8.3)."""

COPDAB_COLUMNS: dict[tuple[str, str], str] = {("USA", "RUS"): "us2ussr", ("RUS", "USA"): "ussr2us"}
GDELT_COLUMNS: dict[frozenset[str], str] = {
    frozenset({"USA", "RUS"}): "usa_rus", frozenset({"USA", "CHN"}): "usa_chn",
    frozenset({"RUS", "CHN"}): "rus_chn"}


@lru_cache(maxsize=2)
def _weis(path: Path, mtime: float) -> pd.DataFrame:
    try:
        raw = pd.read_stata(path, columns=list(_WEIS_COLUMNS))
    except ValueError as exc:  # a column missing from a readable file
        first = str(exc).splitlines()[0]
        raise RecordFileError(f"{path}: {first}: expected columns {', '.join(_WEIS_COLUMNS)}") from None
    except Exception as exc:  # pandas raises several types for a non-Stata file
        raise RecordFileError(f"{path}: not a Stata .dta file ({type(exc).__name__}: "
                              f"{str(exc).splitlines()[0] if str(exc) else 'unreadable'})") from None
    table = raw.astype({"year": "int64", "srccc": "int64", "targcc": "int64", "gscale": "float64"})
    lo, hi = GOLDSTEIN_RANGE
    bad = ~table["gscale"].between(lo, hi) | ~table["year"].between(1900, 2100)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        year_ok = bool(table["year"].between(1900, 2100).to_numpy()[i])
        field = "gscale" if year_ok else "year"
        value = table[field].to_numpy()[i].item()
        expected = "a year in 1900…2100" if field == "year" else f"a Goldstein weight in [{lo}, {hi}]"
        raise RecordFileError(f"{path}, record {i + 1}, {field}: {value!r}: expected {expected}")
    return table


def weis_yearly(source: str, target: str, path: PathArg | None = None) -> pd.DataFrame:
    """WEIS events from ``source`` to ``target`` per year: ``n_events``, ``goldstein_mean``,
    ``n_coop``, ``n_conf`` (years of the file without such an event have 0 events, NaN mean)."""
    s, t = check_code(source, "source"), check_code(target, "target")
    chosen = WEIS_FILE.resolve(path)
    table = _weis(chosen, chosen.stat().st_mtime)
    sel = table[(table["srccc"] == s) & (table["targcc"] == t)]
    g = sel.groupby("year")["gscale"]
    years = pd.Index(range(int(table["year"].min()), int(table["year"].max()) + 1), name="year")
    out = pd.DataFrame({
        "n_events": g.size(), "goldstein_mean": g.mean(),
        "n_coop": g.agg(lambda v: int((v > 0).sum())), "n_conf": g.agg(lambda v: int((v < 0).sum())),
    }).reindex(years)
    for col in ("n_events", "n_coop", "n_conf"):
        out[col] = out[col].fillna(0).astype("int64")
    return out


def _copdab_check(row: dict[str, object]) -> tuple[str, str] | None:
    ym = row["ym"]
    assert isinstance(ym, int)
    if not 1 <= ym % 100 <= 12:
        return "ym", "YYMM with a month 01…12"
    return None


@lru_cache(maxsize=2)
def _copdab(path: Path, mtime: float) -> pd.DataFrame:
    fields = {"ym": (integer, "YYMM (integer)"),
              **{c: (number, "a number") for c in COPDAB_COLUMNS.values()}}
    table = pd.DataFrame([r for _, r in rows(path, fields, _copdab_check)], columns=list(fields))
    table["year"] = 1900 + table["ym"].astype("int64") // 100
    return table


def copdab_yearly(source: str, target: str, path: PathArg | None = None) -> pd.DataFrame:
    """COPDAB score from ``source`` to ``target`` per year: ``copdab_mean`` (mean of the months)
    and ``n_months``. Only US→USSR and USSR→US exist; other pairs give an empty table."""
    check_code(source, "source")
    check_code(target, "target")
    col = COPDAB_COLUMNS.get((source, target))
    empty = pd.DataFrame({"copdab_mean": pd.Series(dtype="float64"), "n_months": pd.Series(dtype="int64")},
                         index=pd.Index([], name="year", dtype="int64"))
    if col is None:
        return empty
    chosen = COPDAB_FILE.resolve(path)
    g = _copdab(chosen, chosen.stat().st_mtime).groupby("year")[col]
    out = pd.DataFrame({"copdab_mean": g.mean(), "n_months": g.size()})
    out.index = out.index.astype("int64").rename("year")
    return out


def _gdelt_check(row: dict[str, object]) -> tuple[str, str] | None:
    d = row["date"]
    assert isinstance(d, int)
    if not (1_000_101 <= d <= 99_991_231 and 1 <= d // 100 % 100 <= 12 and 1 <= d % 100 <= 31):
        return "date", "YYYYMMDD"
    return None


@lru_cache(maxsize=2)
def _gdelt_pairs(path: Path, mtime: float) -> pd.DataFrame:
    fields = {"date": (integer, "YYYYMMDD (integer)"),
              **{c: (number, "a number") for c in GDELT_COLUMNS.values()}}
    table = pd.DataFrame([r for _, r in rows(path, fields, _gdelt_check)], columns=list(fields))
    table["year"] = table["date"].astype("int64") // 10_000
    return table


def gdelt_pair_yearly(source: str, target: str, path: PathArg | None = None) -> pd.DataFrame:
    """GDELT-derived undirected pair score per year: ``gdelt_daily_mean`` (mean over days present)
    and ``n_days``. Pairs other than US–RUS, US–CHN, RUS–CHN give an empty table."""
    check_code(source, "source")
    check_code(target, "target")
    col = GDELT_COLUMNS.get(frozenset({source, target}))
    if col is None or source == target:
        empty = pd.Index([], name="year", dtype="int64")
        return pd.DataFrame({"gdelt_daily_mean": pd.Series(dtype="float64"),
                             "n_days": pd.Series(dtype="int64")}, index=empty)
    chosen = GDELT_PAIRS_FILE.resolve(path)
    g = _gdelt_pairs(chosen, chosen.stat().st_mtime).groupby("year")[col]
    out = pd.DataFrame({"gdelt_daily_mean": g.mean(), "n_days": g.size()})
    out.index = out.index.astype("int64").rename("year")
    return out


def user_events_yearly(path: PathArg, source: str, target: str) -> pd.DataFrame:
    """A user's GDELT or ICEWS file (read by :func:`stratlab.measure.events.dyad_series`), yearly and
    directed: ``goldstein_mean``, ``n_events`` and the quad-class counts, index ``year``."""
    check_code(source, "source")
    check_code(target, "target")
    series = dyad_series(path, source, target, freq="Y")
    series.index = pd.Index([int(p.year) for p in series.index], name="year", dtype="int64")
    return series


def net_cooperation(n_coop: pd.Series, n_conf: pd.Series) -> pd.Series:
    """``(n_coop − n_conf) / (n_coop + n_conf)`` in [−1, 1]; NaN without such events."""
    total = (n_coop + n_conf).astype("float64")
    return (n_coop - n_conf).astype("float64") / total.where(total > 0)


__all__ = ["COPDAB_FILE", "GDELT_PAIRS_FILE", "SOURCE_IDS", "WEIS_FILE", "copdab_yearly", "gdelt_pair_yearly",
           "net_cooperation", "user_events_yearly", "weis_yearly"]
