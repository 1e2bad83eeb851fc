"""Scenario parameters: every number the engine uses, with its default and its source.

A parameter is written in YAML as a plain number or as ``{value: 0.8, source: some-source-id}``.
Four blocks belong to the engine (``stability``, ``arms``, ``inf``, ``acts``); their defaults
are **engine assumptions** (no published calibration exists) and say so in their source. Two
blocks pass through to published models: ``perception`` (fields of
:class:`stratlab.models.perception.PerceptionParams`) and ``treaty`` (fields of
:class:`stratlab.models.treaty.TreatyParams`); their defaults and sources are the models' own
(``param_sources()``), so nothing is copied here.

Every numeric parameter has a dotted path (``arms.reaction``, ``perception.negativity``) that
uncertainties and levers name; :func:`parameter_table` lists them all.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from stratlab.models.perception import PerceptionParams
from stratlab.models.perception import param_sources as perception_sources
from stratlab.models.treaty import TreatyParams
from stratlab.models.treaty import param_sources as treaty_sources
from stratlab.scenario.assumptions import DEFAULT as DEFAULT_ASSUMPTIONS

ASSUMPTION = "engine assumption"
"""Source of an engine default that no publication calibrates."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Param(_Model):
    """One number and where it comes from (a ``source_id`` or "engine assumption")."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    value: float = Field(allow_inf_nan=False)
    source: str = "user assumption"

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"value": data}
        if not isinstance(data, dict):
            expected = "a number, or {value: NUMBER, source: ID}"
            raise PydanticCustomError("param_type", "{value}", {"value": data, "expected": expected})
        return data


def _p(value: float, note: str) -> Any:
    """A block field defaulting to ``value`` as an engine assumption; ``note`` says what it is."""
    return Field(default_factory=lambda: Param(value=value, source=ASSUMPTION), description=note)


def _check(value: Param, lo: float, hi: float | None, expected: str, *, open_lo: bool = False) -> Param:
    if value.value < lo or (open_lo and value.value == lo) or (hi is not None and value.value > hi):
        raise PydanticCustomError("param_range", "{value}", {"value": value.value, "expected": expected})
    return value


def _ranged(lo: float, hi: float | None, expected: str, open_lo: bool = False) -> Any:
    return AfterValidator(lambda v: _check(v, lo, hi, expected, open_lo=open_lo))


PARAM_MAX = 1e6
"""Sanity bound on the engine's unbounded parameters (stratlab's: every default is below 100)."""
NonNeg = Annotated[Param, _ranged(0.0, PARAM_MAX, "a number in [0, 1e6]")]
Frac = Annotated[Param, _ranged(0.0, 1.0, "a fraction in [0, 1]")]
Positive = Annotated[Param, _ranged(0.0, PARAM_MAX, "a value in (0, 1e6]", open_lo=True)]
Damage = Annotated[Param, _ranged(0.0, 0.99, "a fraction in [0, 0.99]")]


_ONE = DEFAULT_ASSUMPTIONS


def _a(value: float, note: str) -> Any:
    """A ``stability`` field defaulting to the one set of assumptions (its source id)."""
    source = DEFAULT_ASSUMPTIONS.source
    return Field(default_factory=lambda: Param(value=value, source=source), description=note)


class StabilityParams(_Model):
    """Inputs of the Kent–Thaler exchange that the ``forces`` table does not hold; the defaults are
    the one set of assumptions (:data:`stratlab.scenario.assumptions.DEFAULT`) that
    ``stratlab stability --year`` also uses."""

    de_fixed: Frac = _a(_ONE.de_fixed, "DE of one warhead against one fixed (silo) launcher")
    de_surv: Frac = _a(_ONE.de_surv, "DE of one warhead against one off-alert survivable launcher")
    w80: Positive = _a(_ONE.w80, "arriving weapons that destroy 80 % of a side's value (all actors)")
    pk: Frac = _a(_ONE.pk, "per-shot kill probability of every interceptor")
    reserve_damage: Damage = _p(
        0.0, "value fraction each side holds back to destroy in every third party (0: bilateral)"
    )
    lua: bool = Field(default=False, description="fixed forces launch under attack")



class ArmsParams(_Model):
    """Forward mode: Richardson-type reaction of central (strategic) warheads."""

    reaction: NonNeg = _p(0.1, "k: yearly reaction to a rival's warheads per unit of hostility")
    fatigue: NonNeg = _p(0.1, "a: yearly fatigue (expense) coefficient on own warheads")
    power_elasticity: NonNeg = _p(1.0, "ε: the status-quo grievance scales as (share/share₀)^ε")
    max_change: Frac = _p(0.1, "largest yearly change of central warheads, as a fraction")
    headroom: NonNeg = _p(1.0, "cap = (1 + headroom) × start warheads × share/share₀")



class InfParams(_Model):
    """Forward mode: deployments of ground-launched 500–5,500 km (INF-band) launchers."""

    reaction: NonNeg = _p(0.2, "yearly reaction to a hostile rival's INF-band launchers in the theatre")
    fatigue: NonNeg = _p(0.25, "yearly fatigue coefficient on own desired INF-band launchers")
    max_build: NonNeg = _p(50.0, "most INF-band launchers an actor adds in a year")
    nuclear_share: Frac = _p(1.0, "nuclear share of new INF-band launchers of an actor that has none")
    warheads_per_launcher: NonNeg = _p(1.0, "warheads per nuclear INF-band launcher if the posture has none")



class ActParams(_Model):
    """Forward mode: how moves are read as acts, and treaty-related beliefs."""

    threshold: NonNeg = _p(0.02, "relative change of central warheads read as a build-up or a cut")
    misperception: Frac = _p(0.05, "chance that a threat is read as reassurance or the reverse")
    cheat_weight: Frac = _p(0.5, "belief that a treaty rival cheats = cheat_weight × hostility")


class Parameters(_Model):
    """All parameter blocks of a scenario, plus the actor-keyed assumptions."""

    stability: StabilityParams = Field(default_factory=StabilityParams)
    arms: ArmsParams = Field(default_factory=ArmsParams)
    inf: InfParams = Field(default_factory=InfParams)
    acts: ActParams = Field(default_factory=ActParams)
    perception: dict[str, Param] = Field(default_factory=dict)
    """Overrides of :class:`~stratlab.models.perception.PerceptionParams` fields."""
    treaty: dict[str, Param] = Field(default_factory=dict)
    """Overrides of :class:`~stratlab.models.treaty.TreatyParams` fields."""
    initial_hostility: dict[str, dict[str, float]] = Field(default_factory=dict)
    """``observer → target → h₀`` (default: the perception model's ``memory``)."""
    inf_reach: dict[str, list[str]] | None = None
    """``actor → rivals whose homeland its INF-band systems reach`` (default: every rival)."""
    inf_theatre: list[tuple[str, str]] | None = None
    """Dyads whose INF-band forces face each other in a theatre (default: every dyad)."""
    perception_start: Literal["assumed", "measured"] = "assumed"
    """Forward mode: ``measured`` starts each pair from its last measured latent hostility and
    draws every member's perception parameters from their fit to the measured US–Russia series
    (:func:`stratlab.engine.calibrate.calibrated_context`; needs the record files, see
    docs/theory/perception_latent.md). ``initial_hostility`` entries still win."""


@dataclass(frozen=True)
class ParamRow:
    """One numeric parameter: its path, value, source and what it means."""

    path: str
    value: float
    source: str
    note: str


_ENGINE_BLOCKS: dict[str, type[_Model]] = {
    "stability": StabilityParams,
    "arms": ArmsParams,
    "inf": InfParams,
    "acts": ActParams,
}
MODEL_BLOCKS: dict[str, tuple[type[Any], dict[str, dict[str, str]]]] = {
    "perception": (PerceptionParams, perception_sources()),
    "treaty": (TreatyParams, treaty_sources()),
}
"""Pass-through blocks: the model's parameter dataclass and its ``{field: {source, note}}``."""


def _model_defaults(cls: type[Any]) -> dict[str, float]:
    return {f.name: float(f.default) for f in fields(cls) if f.default is not MISSING}


def parameter_table(params: Parameters | None = None) -> list[ParamRow]:
    """Every numeric parameter with its value in ``params`` (default: all defaults)."""
    p = params if params is not None else Parameters()
    rows: list[ParamRow] = []
    for block, cls in _ENGINE_BLOCKS.items():
        values = getattr(p, block)
        for name, info in cls.model_fields.items():
            param = getattr(values, name)
            if isinstance(param, Param):
                rows.append(ParamRow(f"{block}.{name}", param.value, param.source, info.description or ""))
    for block, (cls, sources) in MODEL_BLOCKS.items():
        given: dict[str, Param] = getattr(p, block)
        for name, default in _model_defaults(cls).items():
            meta = sources.get(name, {})
            if name in given:
                rows.append(ParamRow(f"{block}.{name}", given[name].value, given[name].source,
                                     meta.get("note", "")))
            else:
                source, note = meta.get("source", ""), meta.get("note", "")
                rows.append(ParamRow(f"{block}.{name}", default, source, note))
    return rows


def parameter_paths() -> tuple[str, ...]:
    """The dotted paths of every numeric parameter (what uncertainties and levers may name)."""
    return tuple(r.path for r in parameter_table())


def parameter_error(path: str, value: float) -> str | None:
    """What ``value`` should be for the parameter at ``path``, or None if it is acceptable."""
    block, _, name = path.partition(".")
    if block in MODEL_BLOCKS:
        return model_block_error(block, name, value)
    cls = _ENGINE_BLOCKS.get(block)
    if cls is None or name not in cls.model_fields:
        return "a parameter path (see docs/scenarios.md)"
    try:
        cls.model_validate({name: value})
    except ValidationError as exc:
        ctx = exc.errors()[0].get("ctx") or {}
        return str(ctx.get("expected", exc.errors()[0]["msg"]))
    return None


def model_block_error(block: str, name: str, value: float) -> str | None:
    """Why ``value`` is not acceptable for ``block.name`` (the model's own check), or None."""
    cls, _ = MODEL_BLOCKS[block]
    if name not in _model_defaults(cls):
        return f"one of {', '.join(_model_defaults(cls))}"
    try:
        params = cls(**{name: value})
        if block == "perception":
            from stratlab.models.perception import validate as check_perception

            check_perception(params)
        else:
            from stratlab.models.treaty import validate as check_treaty

            check_treaty(params)
    except ValueError as exc:
        text = str(exc).split(", got")[0]
        return f"a value {text.split(' must be ', 1)[1]}" if " must be " in text else text
    return None


__all__ = [
    "ASSUMPTION",
    "MODEL_BLOCKS",
    "ActParams",
    "ArmsParams",
    "InfParams",
    "Param",
    "ParamRow",
    "Parameters",
    "StabilityParams",
    "model_block_error",
    "parameter_error",
    "parameter_paths",
    "parameter_table",
]
