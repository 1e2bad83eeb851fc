"""UN General Assembly voting as a perception indicator: agreement and ideal-point distance.

Data: Bailey, Strezhnev & Voeten, *United Nations General Assembly Voting Data*, Harvard
Dataverse doi:10.7910/DVN/LEJUQZ, file ``IdealpointestimatesAll_Jun2024.csv`` (sessions 1–78,
1946–2023) [unga-idealpoints]; method: Bailey, Strezhnev & Voeten (2017), "Estimating Dynamic
State Preferences from United Nations Voting Data", *JCR* 61(2): 430–456. The file's terms
are unconfirmed, so it is not shipped: :data:`VOTES_FILE` says where the reader looks.

Two yearly indicators for a pair of P5 states, both **higher = closer**:

* ``agreement``: the share of roll calls on which the two voted alike, as the dataset's authors
  computed it (columns ``USAgree``, ``RUSSAgree``, ``ChinaAgree``). The file has these columns
  for the US, the USSR/Russia and China only, so a pair needs one of them (read from that
  member's column in the other's row, or the other way round; the share is symmetric).
* ``ideal_distance``: minus the absolute difference of the two ideal points (``IdealPointAll``).

Both are undirected: S's votes toward T and T's toward S are the same roll calls. The year is
``session + 1945``; session 19 (1964) held no recorded votes. China's seat is the PRC's (710)
from session 26 (1971); the Republic of China rows (713) are not used.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from stratlab.measure.records import COW_CODES, PathArg, RecordFile, check_code, integer, number, rows
from stratlab.measure.references import PerceptionError

SOURCE_IDS = ("unga-idealpoints",)
"""Source ids this module cites (rows of the ``sources`` table)."""

VOTES_FILE = RecordFile("STRATLAB_UNGA_VOTES", "unga_voting/IdealpointestimatesAll_Jun2024.csv",
                        "UNGA ideal-point (Bailey, Strezhnev & Voeten)")

AGREE_COLUMN: dict[int, str] = {2: "USAgree", 365: "RUSSAgree", 710: "ChinaAgree"}
"""The file's agreement column for each COW code that has one."""

_FIELDS = {
    "ccode": (integer, "a COW country code (integer)"),
    "session": (integer, "a UNGA session number (integer)"),
    "IdealPointAll": (number, "a number or NA"),
    **{c: (number, "a share in [0, 1] or NA") for c in AGREE_COLUMN.values()},
}


def _check(row: dict[str, object]) -> tuple[str, str] | None:
    session = row["session"]
    assert isinstance(session, int)
    if not 1 <= session <= 200:
        return "session", "a session in 1…200"
    for col in AGREE_COLUMN.values():
        v = row[col]
        assert isinstance(v, float)
        if not (math.isnan(v) or 0.0 <= v <= 1.0):
            return col, "a share in [0, 1] or NA"
    return None


@lru_cache(maxsize=4)
def _read(path: Path, mtime: float) -> pd.DataFrame:
    wanted = set(COW_CODES.values())
    kept = [r for _, r in rows(path, _FIELDS, _check) if r["ccode"] in wanted]
    table = pd.DataFrame(kept, columns=list(_FIELDS))
    table["year"] = table["session"].astype("int64") + 1945
    return table


def read_votes(path: PathArg | None = None) -> pd.DataFrame:
    """The P5 rows of the ideal-point file: ``ccode``, ``session``, ``year``, ``IdealPointAll``
    and the three agreement columns (a malformed line stops the read with its number)."""
    chosen = VOTES_FILE.resolve(path)
    return _read(chosen, chosen.stat().st_mtime).copy()


def vote_indicators(source: str, target: str, path: PathArg | None = None) -> pd.DataFrame:
    """Yearly ``agreement`` and ``ideal_distance`` of ``source`` and ``target`` (index ``year``).

    Years in which either state has no row are absent; ``agreement`` is NaN for a pair without
    the US, Russia or China (GBR–FRA).
    """
    s, t = check_code(source, "source"), check_code(target, "target")
    if s == t:
        raise PerceptionError(f"source and target are both {source!r}")
    table = read_votes(path)
    a = table[table["ccode"] == s].set_index("year")
    b = table[table["ccode"] == t].set_index("year")
    years = sorted(set(a.index) & set(b.index))
    a, b = a.loc[years], b.loc[years]
    if t in AGREE_COLUMN:
        agree = a[AGREE_COLUMN[t]]
    elif s in AGREE_COLUMN:
        agree = b[AGREE_COLUMN[s]]
    else:
        agree = pd.Series(np.nan, index=years)
    out = pd.DataFrame({
        "agreement": agree.to_numpy(dtype=np.float64),
        "ideal_distance": -(a["IdealPointAll"] - b["IdealPointAll"]).abs().to_numpy(dtype=np.float64),
    }, index=pd.Index(years, name="year", dtype="int64"))
    out.attrs = {"source": source, "target": target, "source_ids": SOURCE_IDS}
    return out


__all__ = ["AGREE_COLUMN", "SOURCE_IDS", "VOTES_FILE", "read_votes", "vote_indicators"]
