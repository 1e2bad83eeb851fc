"""One vocabulary of force categories: the ``forces`` table's legs, basings and range classes,
and the posture model's component categories, which are derived from them.

Every other module imports its words from here (the schema's controlled vocabularies, the
posture model's ``Category``, the engine's families, the CLI's triad); none spells them out.

Range bands are the INF Treaty's (Art. II, source ``inf-treaty-text``): *shorter range*
500–1,000 km, *intermediate range* 1,000–5,500 km; an *intercontinental* system flies more than
5,500 km (the treaty's lower bound of ICBM range, SALT I/II's "in excess of 5,500 km").

A ``forces`` row becomes a posture component of category :func:`category_of` ``(leg, basing,
range_class, cruise)``: ``icbm`` + ``fixed`` → ``icbm_silo``, ``icbm`` + ``mobile`` →
``icbm_mobile``, ``slbm``, ``bomber`` and ``slcm`` keep their name, ``inf_ground`` →
``glbm_*``/``glcm_*`` by range class and by whether the system is a cruise missile, ``abm`` →
a missile defence (not a component), ``sub_strategic`` → no component (the Kent–Thaler exchange
is a strategic exchange; docs/theory/first_strike.md says so).
"""

from __future__ import annotations

import math
from typing import Literal, get_args

# --- the forces table's vocabularies (FORCES_SCHEMA, issue 8) -----------------------------------

Leg = Literal["icbm", "slbm", "bomber", "inf_ground", "sub_strategic", "slcm", "abm"]
LEGS: tuple[str, ...] = get_args(Leg)
RangeClass = Literal["intercontinental", "intermediate", "shorter", "short"]
RANGE_CLASSES: tuple[str, ...] = get_args(RangeClass)
ForceBasing = Literal["fixed", "mobile", "at_sea", "air"]
BASINGS: tuple[str, ...] = get_args(ForceBasing)
FORCE_BASES: tuple[str, ...] = ("sourced", "interpolated")
FORCE_COUNTING_RULES: tuple[str, ...] = ("estimate", "start_mou", "new_start", "salt", "official")
CONFIDENCE: tuple[str, ...] = ("High", "Medium", "Low")

TRIAD_LEGS: tuple[str, ...] = ("icbm", "slbm", "bomber")
"""The central (strategic) legs every nuclear triad is judged by."""

RANGE_CLASS_KM: dict[str, tuple[float, float]] = {
    "short": (0.0, 500.0),
    "shorter": (500.0, 1000.0),
    "intermediate": (1000.0, 5500.0),
    "intercontinental": (5500.0, math.inf),
}
"""Range class → band in km (closed), from the INF Treaty's definitions (Art. II)."""

# --- the posture model's component categories ---------------------------------------------------

Category = Literal[
    "icbm_silo",
    "icbm_mobile",
    "icbm",
    "slbm",
    "bomber",
    "glbm_intermediate",
    "glbm_shorter",
    "glcm_intermediate",
    "glcm_shorter",
    "slcm",
    "alcm",
    "conventional_precision_strike",
]
"""Component categories; ``icbm`` is an ICBM force whose silo/mobile split is unknown."""
CATEGORIES: tuple[str, ...] = get_args(Category)

InfCategory = Literal["glbm_intermediate", "glbm_shorter", "glcm_intermediate", "glcm_shorter"]
INF_CATEGORIES: tuple[str, ...] = get_args(InfCategory)
"""Ground-launched ballistic (GLBM) and cruise (GLCM) missiles of the INF band."""

RANGE_BANDS: dict[str, tuple[float, float]] = {
    **{c: RANGE_CLASS_KM[c.split("_")[1]] for c in INF_CATEGORIES},
    "icbm_silo": RANGE_CLASS_KM["intercontinental"],
    "icbm_mobile": RANGE_CLASS_KM["intercontinental"],
    "icbm": RANGE_CLASS_KM["intercontinental"],
}
"""Range band each category claims (km, closed)."""

INF_BAND_KM: tuple[float, float] = (
    min(RANGE_BANDS[c][0] for c in INF_CATEGORIES),
    max(RANGE_BANDS[c][1] for c in INF_CATEGORIES),
)
"""500–5,500 km: the union of the INF categories' bands (INF Treaty Art. II)."""

SURVIVABLE_CATEGORIES = frozenset({"icbm_mobile", "slbm", "bomber", "slcm", "alcm"})
"""Categories survivable by default (Kent–Thaler's SSBNs, mobiles and bombers)."""

BALLISTIC_CATEGORIES: tuple[str, ...] = (
    "icbm_silo", "icbm_mobile", "icbm", "slbm", "glbm_intermediate", "glbm_shorter",
)
"""Categories that fly a ballistic trajectory (minimum-energy flight time applies)."""

CENTRAL: dict[str, tuple[str, ...]] = {
    "icbm": ("icbm_silo", "icbm_mobile", "icbm"),
    "slbm": ("slbm",),
    "bomber": ("bomber",),
    "slcm": ("slcm",),
    "alcm": ("alcm",),
}
"""The engine's central families and the categories each sums."""

FAMILIES: dict[str, tuple[str, ...]] = {
    **CENTRAL,
    "inf": INF_CATEGORIES,
    "conv": ("conventional_precision_strike",),
    "interceptor": ("interceptor",),
}
"""Every family the engine carries (``interceptor`` = missile defences)."""

POSTURE_TABLE_CATEGORIES: tuple[str, ...] = (*CATEGORIES, "interceptor", "total_strategic")
"""Vocabulary of the ``postures`` snapshot table's ``category`` column."""

CRUISE_MARKERS: tuple[str, ...] = ("cruise", "glcm", "bgm-109", "tomahawk", "9m729", "ssc-8", "ssc-x-4")
"""An ``inf_ground`` system whose name contains one of these (case-insensitive) is a cruise
missile: the ``forces`` layout has no ballistic/cruise column, and these are the designations of
the ground-launched cruise missiles in the ``missile_systems`` table (BGM-109G, SSC-X-4, 9M729/
SSC-8, Typhon/Tomahawk)."""


def leg_of(category: str) -> str:
    """The ``forces`` leg a component category belongs to."""
    if category.startswith("icbm"):
        return "icbm"
    if category in INF_CATEGORIES:
        return "inf_ground"
    return {"interceptor": "abm"}.get(category, category)


def is_cruise(system: str) -> bool:
    """Whether a ground-launched system is a cruise missile (see :data:`CRUISE_MARKERS`)."""
    name = system.lower()
    return any(m in name for m in CRUISE_MARKERS)


def category_of(leg: str, basing: str, range_class: str, system: str = "") -> str | None:
    """The component category of a ``forces`` row; ``None`` for legs that are not components
    (``abm``: a missile defence; ``sub_strategic``: left out of the strategic exchange).

    Raises ``ValueError`` for a combination outside the vocabulary (an ``inf_ground`` row whose
    range class is not ``shorter``/``intermediate``, an ICBM neither fixed nor mobile)."""
    if leg == "icbm":
        if basing not in ("fixed", "mobile"):
            raise ValueError(f"icbm basing {basing!r} (expected fixed or mobile)")
        return "icbm_silo" if basing == "fixed" else "icbm_mobile"
    if leg in ("slbm", "bomber", "slcm"):
        return leg
    if leg == "inf_ground":
        if range_class not in ("shorter", "intermediate"):
            raise ValueError(f"inf_ground range_class {range_class!r} (expected shorter or intermediate)")
        return f"{'glcm' if is_cruise(system) else 'glbm'}_{range_class}"
    if leg in ("abm", "sub_strategic"):
        return None
    raise ValueError(f"leg {leg!r} (expected one of {', '.join(LEGS)})")


def default_survivable(category: str, basing: str | None = None) -> bool:
    """SLBMs, bombers, mobile ICBMs, SLCMs and ALCMs are survivable; silo or mixed ICBM forces
    are not; other categories are survivable only if their basing says "mobile"."""
    if category in SURVIVABLE_CATEGORIES:
        return True
    if category in ("icbm_silo", "icbm"):
        return False
    return "mobile" in (basing or "").lower()


__all__ = [
    "BALLISTIC_CATEGORIES",
    "BASINGS",
    "CATEGORIES",
    "CENTRAL",
    "CONFIDENCE",
    "CRUISE_MARKERS",
    "FAMILIES",
    "FORCE_BASES",
    "FORCE_COUNTING_RULES",
    "INF_BAND_KM",
    "INF_CATEGORIES",
    "LEGS",
    "POSTURE_TABLE_CATEGORIES",
    "RANGE_BANDS",
    "RANGE_CLASSES",
    "RANGE_CLASS_KM",
    "SURVIVABLE_CATEGORIES",
    "TRIAD_LEGS",
    "Category",
    "ForceBasing",
    "InfCategory",
    "Leg",
    "RangeClass",
    "category_of",
    "default_survivable",
    "is_cruise",
    "leg_of",
]
