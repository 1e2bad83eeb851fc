"""Build a :class:`~stratlab.scenario.posture.Posture` from the catalog's ``postures`` rows.

The rule (also in docs/data/postures.md), for one actor and snapshot year:

1. **One component per category.** Rows of category ``total_strategic`` are context, never
   components; ``interceptor`` rows become missile defenses (one per named system);
   ``conventional_precision_strike`` is left out unless asked for. ``part`` rows (a base, a
   region, a subset) are never summed into a component.
2. **Candidates** for a category are each ``total`` row with a count, and the ``type`` rows
   taken together (for each named type its best row, ranked as below). A count is
   ``launchers``, else ``missiles`` (then "launchers" is marked assumed).
3. **Ranking**: non-derived before derived, then higher confidence (High > Medium > Low), then a
   total before a sum of types, then the counting rule (treaty data > official > analytic
   estimates > compilations > press), then the data date nearest the snapshot year, then
   the ``main`` variant, then ``source_id`` alphabetically. The best candidate wins; a
   count of 0 gives no component.
4. **Warheads per launcher**: the winner's warheads ÷ launchers (or its stated warheads per
   launcher); if it has neither, the ratio of the best-ranked candidate that has warheads (a
   warheads-only total row is divided by the winner's launchers); else 1 — marked assumed.
5. **Alert**: the best alert row of the category, else of ``icbm`` for silo/mobile ICBMs, else
   of ``total_strategic`` (all forces); else ``CatalogAssumptions.alert_fraction`` (default 0,
   a user assumption). Survivability: :func:`~stratlab.scenario.posture.default_survivable`.
6. DE, kill probability and ``w80`` are not in the table: they come from
   :class:`CatalogAssumptions` (default: not set) and are marked as user assumptions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from stratlab.scenario.posture import (
    CATEGORIES,
    Basing,
    Category,
    Component,
    Fraction,
    MissileDefense,
    Posture,
    ValueTargets,
    default_survivable,
)

if TYPE_CHECKING:
    import duckdb

CONFIDENCE = {"High": 3, "Medium": 2, "Low": 1}
RULE_ORDER = (
    "start_mou",
    "new_start_data",
    "salt2_database",
    "treaty_ban",
    "official",
    "nuclear_notebook",
    "analytic_estimate",
    "compilation",
    "reported",
    "derived",
)


class CatalogAssumptions(BaseModel):
    """Values the ``postures`` table lacks; user assumptions unless ``source`` names a source."""

    model_config = ConfigDict(extra="forbid")
    alert_fraction: dict[Category, Fraction] = Field(default_factory=dict)
    default_alert_fraction: Fraction = 0.0
    de: dict[Category, dict[Category, Fraction]] = Field(default_factory=dict)
    """DE by attacking category, then target category."""
    pk: Fraction | None = None
    w80: float | None = Field(default=None, gt=0.0, allow_inf_nan=False)
    source: str = "user assumption"


@dataclass(frozen=True)
class _Candidate:
    rows: tuple[dict[str, Any], ...]
    total: bool

    def count(self) -> int | None:
        counts = [r["launchers"] if r["launchers"] is not None else r["missiles"] for r in self.rows]
        return None if None in counts else sum(counts)

    def warheads(self) -> int | None:
        heads = [r["warheads"] for r in self.rows]
        return None if None in heads else sum(heads)

    def rank(self, year: int) -> tuple[Any, ...]:
        worst = min(self.rows, key=lambda r: CONFIDENCE[r["confidence"]])
        rule = max(RULE_ORDER.index(r["counting_rule"]) for r in self.rows)
        dist = max(abs(_year_of(r, year) - year) for r in self.rows)
        derived = any(r["counting_rule"] == "derived" for r in self.rows)
        variant = any(r["variant"] != "main" for r in self.rows)
        first = min(r["source_id"] for r in self.rows)
        return (derived, -CONFIDENCE[worst["confidence"]], not self.total, rule, dist, variant, first)


def _year_of(row: dict[str, Any], year: int) -> int:
    as_of = row["as_of"] or ""
    return int(as_of[:4]) if as_of[:4].isdigit() else year


def _best(cands: Iterable[_Candidate], year: int) -> _Candidate | None:
    return min(cands, key=lambda c: c.rank(year), default=None)


def _candidates(rows: list[dict[str, Any]], year: int) -> list[_Candidate]:
    out = [_Candidate((r,), True) for r in rows if r["scope"] == "total"]
    by_type: dict[str, list[_Candidate]] = {}
    for r in rows:
        if r["scope"] == "type":
            by_type.setdefault(r["component"], []).append(_Candidate((r,), False))
    if by_type:
        picks = [_best([c for c in cs if c.count() is not None] or cs, year) for cs in by_type.values()]
        out.append(_Candidate(tuple(r for p in picks if p for r in p.rows), False))
    return out


def _component(
    cat: str,
    rows: list[dict[str, Any]],
    alerts: dict[str, dict[str, Any]],
    year: int,
    hyp: CatalogAssumptions,
) -> Component | None:
    cands = _candidates(rows, year)
    win = _best([c for c in cands if c.count() is not None], year)
    if win is None or not win.count():
        return None
    launchers, assumed = int(win.count() or 0), []
    if any(r["launchers"] is None for r in win.rows):
        assumed.append("launchers (missiles counted as launchers)")
    heads, wpl_from = win.warheads(), win
    if heads is None and len(win.rows) == 1 and win.rows[0]["warheads_per_launcher"] is not None:
        wpl = float(win.rows[0]["warheads_per_launcher"])
    else:
        if heads is None:
            wpl_from = _best([c for c in cands if c.warheads() is not None], year) or win
            heads = wpl_from.warheads()
        base = wpl_from.count() or launchers
        wpl = heads / base if heads is not None else 1.0
        if heads is None:
            assumed.append("warheads_per_launcher")
    alert_row = alerts.get(cat) or (alerts.get("icbm") if cat.startswith("icbm_") else None)
    alert_row = alert_row or alerts.get("total_strategic")
    if alert_row is None:
        alert = hyp.alert_fraction.get(cat, hyp.default_alert_fraction)  # type: ignore[call-overload]
        assumed.append("alert_fraction")
    else:
        alert = alert_row["alert_fraction"]
    bases = {r["basing"] for r in win.rows}
    basing = bases.pop() if len(bases) == 1 else None
    ranges = {r["range_km"] for r in win.rows}
    de = hyp.de.get(cat, {})  # type: ignore[call-overload]
    if not de:
        assumed.append("de")
    sources = {r["source_id"] for r in (*win.rows, *wpl_from.rows)}
    if alert_row is not None:
        sources.add(alert_row["source_id"])
    return Component(
        name=" + ".join(r["component"] for r in win.rows),
        category=cat,
        launchers=launchers,
        warheads_per_launcher=wpl,
        alert_fraction=alert,
        survivable=default_survivable(cat, basing),
        range_km=ranges.pop() if len(ranges) == 1 else None,
        basing=Basing(name=basing) if basing else None,
        de=de,
        de_source=hyp.source,
        sources=sorted(sources),
        assumed=assumed,
    )


def _defenses(rows: list[dict[str, Any]], year: int, hyp: CatalogAssumptions) -> list[MissileDefense]:
    by_name: dict[str, list[_Candidate]] = {}
    for r in rows:
        if r["launchers"] is not None:
            by_name.setdefault(r["component"], []).append(_Candidate((r,), True))
    out = []
    for name, cands in by_name.items():
        row = _best(cands, year).rows[0]  # type: ignore[union-attr]
        if row["launchers"]:
            out.append(
                MissileDefense(
                    name=name,
                    interceptors=row["launchers"],
                    pk=hyp.pk,
                    basing=Basing(name=row["basing"]) if row["basing"] else None,
                    sources=[row["source_id"]],
                    assumed=[] if hyp.pk is not None else ["pk"],
                )
            )
    return out


def posture_from_catalog(
    actor: str,
    year: int,
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    assumptions: CatalogAssumptions | None = None,
    include_conventional: bool = False,
) -> Posture:
    """See the module docstring for the rule; raises ``LookupError`` if the table has no row."""
    if con is None:
        from stratlab.data import catalog

        con = catalog()
    hyp = assumptions or CatalogAssumptions()
    cur = con.execute("SELECT * FROM postures WHERE actor = ? AND year = ?", [actor, year])
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    if not rows:
        raise LookupError(f"postures: no rows for actor {actor!r} in year {year}")
    alert_rows = [r for r in rows if r["alert_fraction"] is not None and r["scope"] == "total"]
    alerts: dict[str, dict[str, Any]] = {}
    for cat in {r["category"] for r in alert_rows}:
        best = _best([_Candidate((r,), True) for r in alert_rows if r["category"] == cat], year)
        alerts[cat] = best.rows[0]  # type: ignore[union-attr]
    components = []
    for cat in CATEGORIES:
        if cat == "conventional_precision_strike" and not include_conventional:
            continue
        comp = _component(cat, [r for r in rows if r["category"] == cat], alerts, year, hyp)
        if comp is not None:
            components.append(comp)
    return Posture(
        actor=actor,
        year=year,
        components=components,
        defenses=_defenses([r for r in rows if r["category"] == "interceptor"], year, hyp),
        value_targets=None if hyp.w80 is None else ValueTargets(w80=hyp.w80, source=hyp.source),
        note="built from the catalog's postures table by stratlab.scenario.posture_catalog",
    )


__all__ = ["CatalogAssumptions", "posture_from_catalog"]
