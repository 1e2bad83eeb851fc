"""Crisis and rivalry context for a pair of states: covariates and validation, never indicators.

* **Peace Scale** v3.0 (Diehl, Goertz & Gallegos 2021 [peace-scale-v3]): the yearly level of the
  relationship, 0 = severe rivalry, 0.25 lesser rivalry, 0.5 negative peace, 0.75 warm peace,
  1 security community (fractional in years of change).
* **ICB** dyadic crises v15 [icb-v15]: the years in which the pair was in an international crisis.

Both are undirected and cover US–RUS, US–CHN and RUS–CHN only (``data/conflict_context``). They
are expert codings of the relationship, not of one side's view of the other, so the latent
perception index is checked against them (``stratlab.measure.validate``) but does not use them.
Not shipped (terms unconfirmed); the readers look where :class:`RecordFile` says.
"""

from __future__ import annotations

import pandas as pd

from stratlab.measure.records import PathArg, RecordFile, check_code, integer, number, rows

SOURCE_IDS = ("peace-scale-v3", "icb-v15")
"""Source ids this module cites (rows of the ``sources`` table)."""

PEACE_FILE = RecordFile("STRATLAB_PEACE_SCALE", "conflict_context/peace_scale_v3_usa_rus_chn.csv",
                        "Peace Scale v3 dyad-year")
ICB_FILE = RecordFile("STRATLAB_ICB", "conflict_context/icb_v15_dyadic_usa_rus_chn.csv", "ICB dyadic crises")


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _peace_check(row: dict[str, object]) -> tuple[str, str] | None:
    v = row["peace_scale_mean"]
    assert isinstance(v, float)
    return None if 0.0 <= v <= 1.0 else ("peace_scale_mean", "a level in [0, 1]")


def peace_scale(source: str, target: str, path: PathArg | None = None) -> pd.Series:
    """The pair's yearly Peace Scale mean (index ``year``; empty for a pair the file lacks)."""
    want = _pair(check_code(source, "source"), check_code(target, "target"))
    fields = {"ccode1": (integer, "a COW code"), "ccode2": (integer, "a COW code"),
              "year": (integer, "a year"), "peace_scale_mean": (number, "a number")}
    values = {int(str(r["year"])): float(str(r["peace_scale_mean"]))
              for _, r in rows(PEACE_FILE.resolve(path), fields, _peace_check)
              if _pair(int(str(r["ccode1"])), int(str(r["ccode2"]))) == want}
    out = pd.Series(values, dtype="float64", name="peace_scale")
    out.index = pd.Index(out.index, name="year", dtype="int64")
    return out.sort_index()


def crisis_years(source: str, target: str, path: PathArg | None = None) -> list[int]:
    """Years with an ICB crisis between the two (onset or ongoing), sorted."""
    want = _pair(check_code(source, "source"), check_code(target, "target"))
    fields = {"statea": (integer, "a state code"), "stateb": (integer, "a state code"),
              "year": (integer, "a year")}
    return sorted({int(str(r["year"])) for _, r in rows(ICB_FILE.resolve(path), fields)
                   if _pair(int(str(r["statea"])), int(str(r["stateb"]))) == want})


__all__ = ["ICB_FILE", "PEACE_FILE", "SOURCE_IDS", "crisis_years", "peace_scale"]
