"""Value checks of event-file rows: what :mod:`stratlab.measure.events` refuses, line by line.

Every refusal is an ``EventFileError`` naming the file, the line, the column and what was
expected. Checked: integers fit 64 bits (a 30-digit id is refused, not overflowed); floats are
finite; GDELT ``SQLDATE`` is a real YYYYMMDD date (20171399 and 0 are refused); QuadClass is
1–4; and these documented ranges:

* ``GoldsteinScale``: −10 … +10 (GDELT 1.0 codebook: "a numeric score from −10 to +10" —
  shared reference note ``perception.md`` §5.2 [V]); ICEWS ``Intensity`` on the same scale
  (§5.3 lists "Intensity (−10…+10)" as [U]: unverified there, assumed here);
* ``AvgTone``: −100 … +100 (GDELT codebook: "from −100 (extremely negative) to +100", §5.2 [V]);
* latitudes −90 … 90 and longitudes −180 … 180 (degrees).

A NUL byte in a line is refused (``events`` checks it before splitting fields).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

INT64_DIGITS = 18
"""Digits an integer field may have (every 18-digit number fits a signed 64-bit integer)."""

RANGES: dict[str, tuple[float, float, str]] = {
    "GoldsteinScale": (-10.0, 10.0, "a Goldstein score in [-10, 10]"),
    "Intensity": (-10.0, 10.0, "an intensity in [-10, 10]"),
    "AvgTone": (-100.0, 100.0, "a tone in [-100, 100]"),
    "QuadClass": (1, 4, "a QuadClass 1-4"),
    "Latitude": (-90.0, 90.0, "a latitude in [-90, 90]"),
    "Longitude": (-180.0, 180.0, "a longitude in [-180, 180]"),
    **{f"{b}Geo_Lat": (-90.0, 90.0, "a latitude in [-90, 90]") for b in ("Actor1", "Actor2", "Action")},
    **{f"{b}Geo_Long": (-180.0, 180.0, "a longitude in [-180, 180]")
       for b in ("Actor1", "Actor2", "Action")},
}
"""Column → (lowest, highest, what is expected)."""


def first_bad(mask: pd.Series | np.ndarray) -> int | None:
    """Index (position) of the first True in ``mask``, or None."""
    arr = np.asarray(mask, dtype=bool)
    return int(arr.argmax()) if arr.any() else None


def too_long_integer(raw: pd.Series) -> int | None:
    """Position of the first integer text with more than :data:`INT64_DIGITS` digits."""
    digits = raw.str.lstrip("+-").str.len()
    return first_bad((digits > INT64_DIGITS).fillna(False))


def out_of_range(col: str, values: pd.Series) -> tuple[int, str] | None:
    """(position, expectation) of the first value of ``col`` outside its range or not finite."""
    num = values.astype("float64")
    if (i := first_bad(np.isinf(num.to_numpy(na_value=np.nan)))) is not None:
        return i, "a finite number"
    if col not in RANGES:
        return None
    lo, hi, what = RANGES[col]
    bad = num.notna() & ((num < lo) | (num > hi))
    i = first_bad(bad)
    return None if i is None else (i, what)


def bad_yyyymmdd(raw: pd.Series) -> int | None:
    """Position of the first non-missing value that is not a real YYYYMMDD date."""
    text = raw.astype("string")
    when = pd.to_datetime(text, format="%Y%m%d", errors="coerce")
    return first_bad((when.isna() & text.notna()).fillna(False))


__all__ = ["INT64_DIGITS", "RANGES", "bad_yyyymmdd", "first_bad", "out_of_range", "too_long_integer"]
