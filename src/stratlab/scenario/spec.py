"""The scenario schema: what a scenario YAML file may say (pydantic v2, unknown fields refused).

Structure (see docs/scenarios.md for an example and the error format)::

    name, description, mode (historical | forward), years: [start, end], actors: [...]
    postures      initial postures (forward mode): {catalog: {actor, year}} or {posture: {...}}
    treaties      catalog treaty ids, optional parties, whether the treaty may (re)form
    drivers       power shares (CINC from the catalog by default), leader, domestic, democracy
    parameters    see :mod:`stratlab.scenario.parameters`
    uncertainties distributions over parameters, sampled per member   (EMA Workbench "X")
    levers        policy choices over parameters, the default applied  (EMA Workbench "L")
    outcomes      reductions of engine outputs per member               (EMA Workbench "M")
    calibration   historical mode: fit perception parameters to a measured series
    eras          historical mode: named periods, each opened by a catalog event
    inf_systems   historical mode: INF-band systems replayed stepwise from dated evidence

This module checks what can be checked without the catalog; :mod:`stratlab.scenario.load`
checks the rest (actors, years and treaty ids against the data) in the same one-line format.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from stratlab.data.vocabulary import InfCategory
from stratlab.scenario.parameters import Parameters
from stratlab.scenario.posture import Posture

YEAR_MIN, YEAR_MAX = 1816, 2200
"""Scenario years: from the first year of the COW NMC capabilities data (1816, the catalog's
``capabilities`` table) to 2200, the bound postures already use."""

ActorCode = str
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]

OUTCOME_VARIABLES: tuple[str, ...] = (
    "central_warheads",
    "inf_launchers",
    "inf_warheads",
    "hostility",
    "fsi",
    "fsi_system_min",
    "fsi_system_product",
    "inf_central_share",
    "inf_theatre_share",
    "inf_defense_saturation",
    "inf_conventional_share",
    "inf_warning_time",
    "treaty_binding",
)
"""Engine outputs an outcome may reduce (see docs/engine.md, "Outputs")."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


def _custom(value: object, expected: str) -> PydanticCustomError:
    return PydanticCustomError("scenario", "{value}", {"value": value, "expected": expected})


class CatalogRef(_Model):
    """A posture snapshot of the catalog's ``postures`` table."""

    actor: ActorCode
    year: Year


class PostureSpec(_Model):
    """An initial posture: exactly one of a catalog snapshot or an inline posture."""

    catalog: CatalogRef | None = None
    posture: Posture | None = None

    @model_validator(mode="after")
    def _one(self) -> PostureSpec:
        if (self.catalog is None) == (self.posture is None):
            raise _custom("{...}", "exactly one of 'catalog' or 'posture'")
        return self

    @property
    def actor(self) -> str:
        """The actor this posture belongs to."""
        return self.catalog.actor if self.catalog is not None else self.posture.actor  # type: ignore[union-attr]


class TreatySpec(_Model):
    """A treaty of the catalog, its parties in this scenario and whether it may (re)form."""

    id: str
    parties: list[ActorCode] | None = None
    """Default: the catalog's parties (all must be scenario actors)."""
    can_form: bool = True
    """Forward mode: when not in force, the creation rule may bring it (back) into force."""


Series = float | dict[Year, float]
"""A constant, or ``{year: value}`` held until the next given year (first value before)."""


class PowerDriver(_Model):
    """Power shares: COW NMC (CINC or a component) among the actors, extrapolated past the data."""

    component: Literal["cinc", "milex", "milper", "irst", "pec", "tpop", "upop"] = "cinc"
    extrapolate: Literal["hold", "trend"] = "hold"
    """Years after the data: hold the last shares, or extend the linear trend of the last
    ``trend_years`` (clipped at 1 % and renormalised)."""
    trend_years: int = Field(default=10, ge=2, le=100)
    shares: dict[ActorCode, Series] | None = None
    """Explicit shares instead of the catalog (renormalised to sum to 1 each year)."""


class Drivers(_Model):
    """Exogenous yearly series per actor."""

    power: PowerDriver = Field(default_factory=PowerDriver)
    leader: dict[ActorCode, Series] = Field(default_factory=dict)
    """Leader disposition ("new thinking" +1 … "America First" −1); default 0."""
    domestic: dict[ActorCode, Series] = Field(default_factory=dict)
    """Domestic support for treaties (+ for, − against); default 0."""
    democracy: dict[ActorCode, Series] = Field(default_factory=dict)
    """How democratic, in [0, 1]; default 1 (the treaty model's default)."""
    coalition_change: dict[ActorCode, Series] = Field(default_factory=dict)
    """Change in the leader's supporting coalition, in [0, 1]; default 0."""


Distribution = Literal["uniform", "triangular", "normal", "choice"]
_NEEDS: dict[str, tuple[str, ...]] = {
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("mean", "sd"),
    "choice": ("values",),
}


class Uncertainty(_Model):
    """A parameter drawn per member from a distribution (by inverse CDF of the member's stream)."""

    parameter: str
    dist: Distribution
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean: float | None = None
    sd: float | None = Field(default=None, gt=0.0)
    values: list[float] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> Uncertainty:
        missing = [k for k in _NEEDS[self.dist] if getattr(self, k) is None]
        if missing:
            raise _custom(self.dist, f"{', '.join(missing)} for a {self.dist} distribution")
        if self.low is not None and self.high is not None and self.low >= self.high:
            raise _custom([self.low, self.high], "low < high")
        if self.dist == "triangular" and not (self.low or 0) <= (self.mode or 0) <= (self.high or 0):
            raise _custom(self.mode, "low ≤ mode ≤ high")
        return self


class Lever(_Model):
    """A policy choice over a parameter (or ``treaties.<id>.can_form``); runs use ``default``."""

    name: str = Field(min_length=1)
    parameter: str
    default: float
    options: list[float] | None = Field(default=None, min_length=1)
    range: tuple[float, float] | None = None

    @model_validator(mode="after")
    def _default_allowed(self) -> Lever:
        if self.options is not None and self.default not in self.options:
            raise _custom(self.default, f"one of the options {self.options}")
        if self.range is not None and not self.range[0] <= self.default <= self.range[1]:
            raise _custom(self.default, f"a default within the range {list(self.range)}")
        return self


class Outcome(_Model):
    """A reduction of one engine output over years, per member."""

    name: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    variable: str
    stat: Literal["min", "max", "mean", "first", "last"] = "mean"
    kind: Literal["maximize", "minimize", "info"] = "info"
    actor: ActorCode | None = None
    target: ActorCode | None = None

    @field_validator("variable")
    @classmethod
    def _known(cls, v: str) -> str:
        if v not in OUTCOME_VARIABLES:
            raise _custom(v, f"one of {', '.join(OUTCOME_VARIABLES)}")
        return v


FitParameter = Literal[
    "prior", "responsiveness", "negativity", "status_sensitivity", "memory", "memory_weight", "inertia"
]
FIT_PARAMETERS: tuple[str, ...] = get_args(FitParameter)
DEFAULT_FIT: tuple[FitParameter, ...] = ("prior", "responsiveness", "negativity", "memory_weight")


class Calibration(_Model):
    """Historical mode: fit perception parameters to the measured series: the UN-speech index
    (``lexicon``, ``embedding``) or the latent index over speeches, votes and events (``latent``,
    read as hostility ``expit(−θ)``; needs the record files)."""

    observer: ActorCode
    target: ActorCode
    method: Literal["lexicon", "embedding", "latent"] = "lexicon"
    fit: list[FitParameter] = Field(default_factory=lambda: list(DEFAULT_FIT), min_length=1)


class Era(_Model):
    """A named period from ``start`` (a year) to the next era's start; ``event`` names the
    catalog event (``events.event_id``) that opens it, for provenance."""

    name: str = Field(min_length=1)
    start: Year
    event: str | None = None




class InfSystem(_Model):
    """Historical mode: a ground-launched INF-band system whose posture category the replay follows
    stepwise from dated evidence rather than by interpolation (docs/engine.md, "Historical mode").

    ``system`` is a ``missile_systems.system_id`` (its ``country`` is the actor), ``category`` the
    posture category that counts it. ``deployed`` lists ``events`` rows tagged ``deployment``
    that name the system; the earliest one's year is its first deployment when
    ``missile_systems.first_deployed`` is NULL. ``ended`` names the event of the deadline by which
    the system was eliminated (``events``, tagged ``elimination``); with
    ``missile_systems.retired`` the earlier of the two ends it."""

    system: str = Field(min_length=1)
    category: InfCategory
    deployed: list[str] = Field(default_factory=list)
    ended: str | None = None


class Scenario(_Model):
    """A scenario: years, actors, postures, treaties, drivers, parameters and XLRM."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = ""
    mode: Literal["historical", "forward"]
    years: tuple[Year, Year]
    actors: list[ActorCode] = Field(min_length=2)
    postures: list[PostureSpec] = Field(default_factory=list)
    treaties: list[TreatySpec] = Field(default_factory=list)
    drivers: Drivers = Field(default_factory=Drivers)
    parameters: Parameters = Field(default_factory=Parameters)
    uncertainties: list[Uncertainty] = Field(default_factory=list)
    levers: list[Lever] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    calibration: Calibration | None = None
    eras: list[Era] = Field(default_factory=list)
    """Named periods for era-by-era results; empty: eras relative to the banded treaty."""
    inf_systems: list[InfSystem] = Field(default_factory=list)
    """INF-band systems replayed from dated evidence; empty: every component interpolated."""

    @field_validator("inf_systems")
    @classmethod
    def _systems_once(cls, systems: list[InfSystem]) -> list[InfSystem]:
        ids = [s.system for s in systems]
        if len(ids) != len(set(ids)):
            raise _custom(ids, "each system once")
        return systems

    @field_validator("eras")
    @classmethod
    def _eras_ordered(cls, eras: list[Era]) -> list[Era]:
        starts = [e.start for e in eras]
        if starts != sorted(set(starts)):
            raise _custom(starts, "eras in increasing order of start year, no two alike")
        return eras

    @field_validator("years")
    @classmethod
    def _ordered(cls, years: tuple[int, int]) -> tuple[int, int]:
        if years[0] > years[1]:
            raise _custom(list(years), "[start, end] with start ≤ end")
        return years

    @property
    def year_list(self) -> list[int]:
        """Every year from start to end."""
        return list(range(self.years[0], self.years[1] + 1))


__all__ = [
    "FIT_PARAMETERS",
    "OUTCOME_VARIABLES",
    "Calibration",
    "CatalogRef",
    "Drivers",
    "Era",
    "InfSystem",
    "Lever",
    "Outcome",
    "PostureSpec",
    "PowerDriver",
    "Scenario",
    "Series",
    "TreatySpec",
    "Uncertainty",
]
