"""What a catalog treaty constrains, read from ``treaty_rules``, in the two forms the engine applies.

* **band**: a ban on ground-launched missiles within a range band (``banned_range_min`` and
  ``banned_range_max`` applying to GLBM/GLCM, e.g. the INF Treaty's 500–5,500 km): the limit on
  each party's INF-band launchers is 0.
* **ceiling**: a ceiling on strategic warheads (the lowest ``*warheads_max`` rule whose unit
  counts warheads, e.g. New START's 1,550 deployed warheads; SORT's and START II's upper ends).

Other rules (inspection quotas, launcher sub-limits, ABM interceptors) are not applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True)
class TreatyTerms:
    """The constraint the engine applies for one treaty."""

    treaty_id: str
    kind: Literal["band", "ceiling"]
    limit: float
    """0 for a band ban; the warhead ceiling for a ceiling."""
    band_km: tuple[float, float] | None = None
    source_id: str = ""


def treaty_terms(con: duckdb.DuckDBPyConnection, treaty_id: str) -> TreatyTerms | None:
    """The band ban or warhead ceiling of ``treaty_id``, or None if it has neither."""
    rows = con.execute(
        "SELECT rule, value, unit, source_id FROM treaty_rules WHERE treaty_id = ?", [treaty_id]
    ).fetchall()
    by_rule = {r[0]: r for r in rows}
    if "banned_range_min" in by_rule and "banned_range_max" in by_rule:
        lo, hi = by_rule["banned_range_min"], by_rule["banned_range_max"]
        return TreatyTerms(treaty_id, "band", 0.0, (float(lo[1]), float(hi[1])), str(lo[3]))
    ceilings = [
        r for r in rows
        if r[0].endswith("warheads_max") and "warheads" in str(r[2]) and not r[0].startswith("slbm")
        and not r[0].startswith("interim")
    ]
    if ceilings:
        best = min(ceilings, key=lambda r: float(r[1]))
        return TreatyTerms(treaty_id, "ceiling", float(best[1]), None, str(best[3]))
    return None


__all__ = ["TreatyTerms", "treaty_terms"]
