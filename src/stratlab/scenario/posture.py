"""Force postures: one actor's forces at a date, validated, read from YAML or the catalog.

A posture follows DESIGN.md ("Core objects → Posture") and the inputs of the Kent–Thaler
exchange (RAND R-3765-AF, 1989, as summarised in the shared reference note on stability
models, §1.3, status [S]): launchers split into fixed (targetable) and survivable ones, warheads
per launcher (MIRV), the day-to-day alert fraction of survivable launchers, damage expectancy
(DE) per warhead against each target class, missile defenses (interceptors and per-shot kill
probability) and value targets (``w80``, the weapons that destroy 80 % of value — the damage
curve ``D(w) = 1 - exp(-w ln 5 / w80)`` is the open-source Kent–Thaler tool's assumption, not
the report's).

Defaults and their standing: range bands are the INF Treaty's (Art. II, source
``inf-treaty-text``: shorter range 500–1,000 km, intermediate 1,000–5,500 km; ICBMs above
5,500 km). Everything else without a value in the input is a *user assumption*: DE, kill
probability and ``w80`` default to "not set" (``{}``/``None``); ``alert_fraction`` defaults to 0
(nothing on alert); ``survivable`` follows the category (SLBMs, bombers, mobile ICBMs, SLCMs and
ALCMs survivable) or a basing that says "mobile". No stability is computed here.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from stratlab.data.vocabulary import (
    CATEGORIES,
    RANGE_BANDS,
    SURVIVABLE_CATEGORIES,
    Category,
    default_survivable,
)
from stratlab.models.flight_time import EARTH_MEAN_RADIUS_KM
from stratlab.scenario.yaml_errors import dump_yaml, load_yaml, read_user_file

if TYPE_CHECKING:
    import duckdb

    from stratlab.models.first_strike import ForceArrays
    from stratlab.scenario.assumptions import StabilityAssumptions

MAX_RANGE_KM = math.pi * EARTH_MEAN_RADIUS_KM
"""Half the Earth's circumference (≈ 20,015 km): no two points on Earth are farther apart."""
MAX_LAUNCHERS = 100_000
"""Sanity bound on launchers (and interceptors) in one component (stratlab's, not a fact: far
above any force ever fielded; it catches typos such as 10³⁰)."""
MAX_WARHEADS_PER_LAUNCHER = 100.0
"""Sanity bound on warheads per launcher (stratlab's; far above any MIRV loading)."""
MAX_W80 = 1e6
"""Sanity bound on ``w80`` (stratlab's; arriving weapons, far above any arsenal)."""

Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Km = Annotated[float, Field(ge=0.0, le=MAX_RANGE_KM, allow_inf_nan=False)]


def _band_text(lo: float, hi: float) -> str:
    return f"of more than {lo:g} km" if math.isinf(hi) else f"within {lo:g}–{hi:g} km"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Basing(_Model):
    """A named basing area, optionally with a representative point (degrees)."""

    name: str = Field(min_length=1)
    lat: float | None = Field(default=None, ge=-90.0, le=90.0)
    lon: float | None = Field(default=None, ge=-180.0, le=180.0)

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _point(self) -> Basing:
        if (self.lat is None) != (self.lon is None):
            raise PydanticCustomError("basing_point", "{value}", {
                "value": {"lat": self.lat, "lon": self.lon},
                "expected": "both lat and lon, or neither"})
        return self


class Component(_Model):
    """One force component: launchers of one category with their loading and vulnerability."""

    name: str = Field(min_length=1)
    category: Category
    launchers: int = Field(ge=0, le=MAX_LAUNCHERS)
    warheads_per_launcher: float = Field(ge=0.0, le=MAX_WARHEADS_PER_LAUNCHER, allow_inf_nan=False)
    alert_fraction: Fraction = 0.0
    survivable: bool
    range_band: tuple[Km, Km] | None = None
    range_km: float | None = Field(default=None, gt=0.0, le=MAX_RANGE_KM, allow_inf_nan=False)
    basing: Basing | None = None
    de: dict[Category, Fraction] = Field(default_factory=dict)
    """DE of one warhead against one launcher of each target category (enemy components)."""
    de_source: str = "user assumption"
    sources: list[str] = Field(default_factory=list)
    assumed: list[str] = Field(default_factory=list)
    """Fields filled by assumption rather than data (``from_catalog`` lists them here)."""
    deployed_in: str | None = None
    """Basing area (a ``forces`` ``deployed_in`` code: ``USA``, ``RUS-west``, ``DEU``, ``sea`` …)."""
    reaches: list[str] | None = None
    """Adversaries whose homeland the component reaches (:mod:`stratlab.scenario.reach`);
    ``None``: not computed — the component counts against every adversary."""
    flight_min: dict[str, float] = Field(default_factory=dict)
    """Minimum-energy flight time (minutes) to each reached homeland (ballistic components)."""

    def reaches_actor(self, actor: str) -> bool:
        """Whether the component counts against ``actor``'s homeland."""
        return self.reaches is None or actor in self.reaches

    @model_validator(mode="before")
    @classmethod
    def _default_survivable(cls, data: Any) -> Any:
        if isinstance(data, dict) and "survivable" not in data and data.get("category") in CATEGORIES:
            basing = data.get("basing")
            text = str(basing.get("name", "") if isinstance(basing, dict) else basing or "")
            return {**data, "survivable": default_survivable(data["category"], text)}
        return data

    @field_validator("range_band")
    @classmethod
    def _ordered(cls, band: tuple[float, float] | None) -> tuple[float, float] | None:
        if band is not None and band[0] > band[1]:
            raise PydanticCustomError(
                "band_order",
                "{value} (expected lower ≤ upper)",
                {"value": list(band), "expected": "lower ≤ upper"},
            )
        return band

    @field_validator("range_km")
    @classmethod
    def _inside_band(cls, km: float | None, info: ValidationInfo) -> float | None:
        if km is None:
            return km
        claims = [(b, "the claimed range_band") for b in [info.data.get("range_band")] if b]
        category = info.data.get("category")
        if category in RANGE_BANDS:
            claims.append((RANGE_BANDS[category], f"the {category} band"))
        for (lo, hi), what in claims:
            if not lo <= km <= hi:
                expected = f"a range {_band_text(lo, hi)} ({what})"
                raise PydanticCustomError(
                    "range_band", "{value} km (expected {expected})", {"value": km, "expected": expected}
                )
        return km

    @property
    def warheads(self) -> float:
        """``launchers × warheads_per_launcher``."""
        return self.launchers * self.warheads_per_launcher


class MissileDefense(_Model):
    """Interceptors defending value targets, with a per-shot kill probability."""

    name: str = Field(min_length=1)
    interceptors: int = Field(ge=0, le=MAX_LAUNCHERS)
    pk: Fraction | None = None
    basing: Basing | None = None
    sources: list[str] = Field(default_factory=list)
    assumed: list[str] = Field(default_factory=list)


class ValueTargets(_Model):
    """Value (urban–industrial) targets, as the Kent–Thaler tool's damage-curve parameter."""

    w80: float = Field(gt=0.0, le=MAX_W80, allow_inf_nan=False)
    """Arriving weapons that destroy 80 % of value (a user assumption unless ``source`` says)."""
    source: str = "user assumption"


class Posture(_Model):
    """An actor's forces at a date: components, missile defenses and value targets."""

    actor: str = Field(pattern=r"^[A-Z][A-Z0-9-]{1,15}$")
    year: int = Field(ge=1900, le=2200)
    date: dt.date | None = None
    components: list[Component] = Field(default_factory=list)
    defenses: list[MissileDefense] = Field(default_factory=list)
    value_targets: ValueTargets | None = None
    note: str | None = None

    @field_validator("date")
    @classmethod
    def _in_year(cls, day: dt.date | None, info: ValidationInfo) -> dt.date | None:
        year = info.data.get("year")
        if day is not None and year is not None and day.year != year:
            raise PydanticCustomError(
                "date_year",
                "{value} (expected {expected})",
                {"value": day.isoformat(), "expected": f"a date in {year}, the posture's year"},
            )
        return day

    @property
    def launchers(self) -> int:
        """All launchers."""
        return sum(c.launchers for c in self.components)

    @property
    def warheads(self) -> float:
        """All warheads (launchers × warheads per launcher, summed)."""
        return sum(c.warheads for c in self.components)

    @classmethod
    def from_yaml(cls, source: str | Path) -> Posture:
        """Read a posture from YAML text (a ``str``) or a file (a ``Path``, read through
        :func:`~stratlab.scenario.yaml_errors.read_user_file`). A string is always YAML text,
        never a file name. Bad input raises ``ValidationError`` (see
        :func:`~stratlab.scenario.yaml_errors.format_validation_error`) or ``yaml.YAMLError``.
        """
        text = read_user_file(source) if isinstance(source, Path) else source
        data, _ = load_yaml(text)
        return cls.model_validate(data)

    def to_yaml(self) -> str:
        """YAML text that :meth:`from_yaml` reads back to an equal posture (defaults omitted)."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        return dump_yaml(data)

    @classmethod
    def from_catalog(
        cls,
        actor: str,
        year: int,
        *,
        con: duckdb.DuckDBPyConnection | None = None,
        assumptions: StabilityAssumptions | None = None,
    ) -> Posture:
        """The posture of ``actor`` in ``year`` from the catalog's annual ``forces`` table.

        One component per preferred row (system and basing area), every leg of that year, with
        its reach; the rule is in :mod:`stratlab.scenario.posture_catalog` and
        docs/theory/first_strike.md. Alert fractions come from ``assumptions`` (default: the one
        set, :data:`stratlab.scenario.assumptions.DEFAULT`).
        """
        from stratlab.scenario.posture_catalog import posture_from_catalog

        return posture_from_catalog(actor, year, con=con, assumptions=assumptions)

    def facing(self, enemy: str) -> list[Component]:
        """Components that count against ``enemy``: nuclear, and reaching its homeland."""
        return [c for c in self.components
                if c.category != "conventional_precision_strike" and c.reaches_actor(enemy)]

    def to_force_arrays(
        self, enemy: Posture, *, lua: bool = False, assumptions: StabilityAssumptions | None = None
    ) -> ForceArrays:
        """This side's inputs to :mod:`stratlab.models.first_strike` when facing ``enemy`` — the
        one conversion from a posture to the exchange (the engine's replay builds the same arrays,
        docs/theory/first_strike.md, "One route").

        Each side fields only its components that reach the other's homeland (:meth:`facing`),
        as weapons and as targets. Fixed = non-survivable components, survivable = the rest.
        ``m`` is warheads per launcher over each group; ``alert`` is the launcher-weighted alert
        fraction of survivable launchers; ``de_fixed``/``de_surv`` average this side's DE over its
        warheads and the enemy's launchers of each target class, a component's own ``de`` first,
        else ``assumptions.de_fixed``/``de_surv``; ``w80`` is ``value_targets.w80``, else
        ``assumptions.w80``; ``interceptors`` sum this side's defenses, ``pk`` is their
        interceptor-weighted mean (a defense without ``pk`` takes ``assumptions.pk``). A value
        found in neither raises ``ValueError``.
        """
        from stratlab.models.first_strike import ForceArrays

        own, foe = self.facing(enemy.actor), enemy.facing(self.actor)
        groups = {s: [c for c in own if c.survivable is s] for s in (False, True)}
        n = {s: float(sum(c.launchers for c in g)) for s, g in groups.items()}
        m = {s: sum(c.warheads for c in g) / n[s] if n[s] else 0.0 for s, g in groups.items()}
        alert = sum(c.alert_fraction * c.launchers for c in groups[True]) / n[True] if n[True] else 0.0
        de = {s: self._mean_de(own, [c for c in foe if c.survivable is s], s, assumptions)
              for s in (False, True)}
        w80 = self.value_targets.w80 if self.value_targets else (assumptions.w80 if assumptions else None)
        if w80 is None:
            raise ValueError(f"{self.actor} {self.year}: value_targets.w80 is not set")
        shots = float(sum(d.interceptors for d in self.defenses))
        pks = [d.pk if d.pk is not None else (assumptions.pk if assumptions else None) for d in self.defenses]
        if any(p is None and d.interceptors for p, d in zip(pks, self.defenses, strict=True)):
            raise ValueError(f"{self.actor} {self.year}: defenses need pk (kill probability) set")
        pk = sum((p or 0.0) * d.interceptors for p, d in zip(pks, self.defenses, strict=True)) / shots \
            if shots else (assumptions.pk if assumptions else 0.0)
        return ForceArrays(
            n_fixed=n[False],
            m_fixed=m[False],
            n_surv=n[True],
            m_surv=m[True],
            de_fixed=de[False],
            de_surv=de[True],
            w80=w80,
            alert=alert,
            interceptors=shots,
            pk=pk,
            lua=lua,
        )

    def _mean_de(self, own: list[Component], targets: list[Component], survivable: bool,
                 hyp: StabilityAssumptions | None) -> float:
        fallback = None if hyp is None else (hyp.de_surv if survivable else hyp.de_fixed)
        weight = sum(c.warheads for c in own) * sum(t.launchers for t in targets)
        if weight == 0:
            return 0.0 if fallback is None else fallback
        missing = sorted(
            {
                f"{c.name}.de.{t.category}"
                for c in own
                for t in targets
                if c.warheads and t.launchers and t.category not in c.de and fallback is None
            }
        )
        if missing:
            raise ValueError(f"{self.actor} {self.year}: DE not set for {', '.join(missing)}")
        total = sum(c.warheads * t.launchers * c.de.get(t.category, fallback or 0.0)
                    for c in own for t in targets)
        return float(total / weight)


def force_arrays(
    a: Posture, b: Posture, *, lua: bool = False, assumptions: StabilityAssumptions | None = None
) -> tuple[ForceArrays, ForceArrays]:
    """Both sides' :class:`~stratlab.models.first_strike.ForceArrays` for the pair ``(a, b)``."""
    return (a.to_force_arrays(b, lua=lua, assumptions=assumptions),
            b.to_force_arrays(a, lua=lua, assumptions=assumptions))


__all__ = [
    "CATEGORIES",
    "RANGE_BANDS",
    "SURVIVABLE_CATEGORIES",
    "Basing",
    "Category",
    "Component",
    "MissileDefense",
    "Posture",
    "ValueTargets",
    "default_survivable",
    "force_arrays",
]
