"""Which adversaries' homelands a force component reaches, and how fast (a reconstruction).

Rule (docs/theory/first_strike.md, "Reach"): a component based in area ``A`` (its ``forces``
row's ``deployed_in``) reaches country ``C`` iff its range covers the shortest geodesic distance
(WGS 84, :func:`stratlab.models.flight_time.great_circle_km`) from a point of ``A`` to a point of
``C``'s homeland (:mod:`stratlab.data.geography`). The range is the row's ``range_km``, else the
upper bound of its range class; an intercontinental system without a stated range reaches every
homeland; so does a bomber of the intercontinental class (heavy bombers fly intercontinental
missions with aerial refuelling or forward staging; the range a source states for them is
unrefuelled, often a combat radius). A component at sea (``deployed_in`` ``sea``: SLBMs,
SLCMs) reaches every homeland — its patrol areas are assumed chosen within range. For a
ballistic component the minimum-energy flight time over that shortest distance
(:func:`~stratlab.models.flight_time.min_energy_flight_time`, Bate, Mueller & White 1971) is
recorded as the shortest warning the target can have from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from stratlab.data import geography
from stratlab.data.vocabulary import BALLISTIC_CATEGORIES, RANGE_CLASS_KM


@dataclass(frozen=True)
class Reach:
    """Reach of one component to one homeland."""

    target: str
    reaches: bool
    distance_km: float | None
    """Shortest basing-to-homeland distance (``None`` at sea)."""
    flight_min: float | None
    """Minimum-energy flight time over that distance, minutes (ballistic components that reach)."""


def shortest_km(area: str, target: str) -> float:
    """Shortest geodesic distance, km, between the points of a basing area and a homeland."""
    from stratlab.models.flight_time import great_circle_km

    return min(float(great_circle_km(p.lat, p.lon, q.lat, q.lon))
               for p in geography.area(area) for q in geography.homeland(target))


def effective_range(range_km: float | None, range_class: str) -> float:
    """The stated range, else the upper bound of the range class (``inf`` if intercontinental)."""
    return range_km if range_km is not None else RANGE_CLASS_KM[range_class][1]


def reach(category: str, deployed_in: str, range_km: float | None, range_class: str,
          target: str) -> Reach:
    """Reach of a component (category, basing area, range) to ``target``'s homeland."""
    if deployed_in == geography.SEA:
        return Reach(target, True, None, None)
    if category == "bomber" and range_class == "intercontinental":
        return Reach(target, True, shortest_km(deployed_in, target), None)
    km = shortest_km(deployed_in, target)
    ok = km <= effective_range(range_km, range_class)
    minutes = None
    if ok and category in BALLISTIC_CATEGORIES:
        from stratlab.models.flight_time import min_energy_flight_time

        minutes = float(min_energy_flight_time(km)) / 60.0
    return Reach(target, ok, km, minutes)


__all__ = ["Reach", "effective_range", "reach", "shortest_km"]
