"""``--set NAME=VALUE``: change a scenario's parameter or lever from the command line.

``NAME`` is a parameter path (``arms.reaction``, ``perception.negativity``; the list is
:func:`stratlab.scenario.parameters.parameter_paths`) or the name of one of the scenario's
levers (``inf_pace``). A parameter set this way is fixed for every member: an uncertainty the
scenario declares over it is dropped, and the note says so. A lever set this way takes the
value as its default, which must be one of its options or inside its range.

Every value is checked by the same rules as a scenario file, and a bad one is a
:class:`SettingError` naming the setting and what was expected.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from stratlab.scenario.parameters import Param, parameter_error, parameter_paths
from stratlab.scenario.spec import Lever, Scenario

SOURCE = "user setting (--set)"


class SettingError(ValueError):
    """A ``--set`` argument that cannot be applied; the message is one line."""


@dataclass(frozen=True)
class Setting:
    """One parsed ``NAME=VALUE``."""

    name: str
    value: float

    @classmethod
    def parse(cls, text: str) -> Setting:
        name, sep, raw = text.partition("=")
        name, raw = name.strip(), raw.strip()
        if not sep or not name or not raw:
            raise SettingError(f"--set {text!r}: expected NAME=VALUE, e.g. arms.reaction=0.15")
        try:
            value = float(raw)
        except ValueError:
            raise SettingError(f"--set {name}={raw}: expected a number") from None
        if not math.isfinite(value):
            raise SettingError(f"--set {name}={raw}: expected a finite number")
        return cls(name, value)


def _lever_error(lever: Lever, value: float) -> str | None:
    if lever.options is not None and value not in lever.options:
        return f"one of the lever's options {', '.join(f'{o:g}' for o in lever.options)}"
    if lever.range is not None and not lever.range[0] <= value <= lever.range[1]:
        return f"a value in the lever's range [{lever.range[0]:g}, {lever.range[1]:g}]"
    return None


def apply_settings(scenario: Scenario, settings: Sequence[str]) -> tuple[Scenario, list[str]]:
    """The scenario with every setting applied, and one note per setting saying what changed."""
    data = scenario.model_dump()
    levers = {lv.name: i for i, lv in enumerate(scenario.levers)}
    paths = set(parameter_paths())
    notes: list[str] = []
    for text in settings:
        s = Setting.parse(text)
        if s.name in levers:
            lever = scenario.levers[levers[s.name]]
            if why := _lever_error(lever, s.value):
                raise SettingError(f"--set {s.name}={s.value:g}: expected {why}")
            data["levers"][levers[s.name]]["default"] = s.value
            notes.append(f"lever {s.name} ({lever.parameter}) = {s.value:g} (was {lever.default:g})")
            continue
        if s.name not in paths:
            known = ", ".join(levers) or "none"
            raise SettingError(f"--set {s.name}: expected a parameter path such as arms.reaction "
                               f"(docs/scenarios.md) or one of this scenario's levers ({known})")
        steering = [lv.name for lv in scenario.levers if lv.parameter == s.name]
        if steering:
            raise SettingError(f"--set {s.name}: this scenario's lever {steering[0]} sets it; "
                               f"expected --set {steering[0]}=VALUE")
        if why := parameter_error(s.name, s.value):
            raise SettingError(f"--set {s.name}={s.value:g}: expected {why}")
        block, _, field = s.name.partition(".")
        data["parameters"][block][field] = Param(value=s.value, source=SOURCE).model_dump()
        dropped = [u for u in data["uncertainties"] if u["parameter"] == s.name]
        data["uncertainties"] = [u for u in data["uncertainties"] if u["parameter"] != s.name]
        note = f"parameter {s.name} = {s.value:g}"
        if dropped:
            note += " for every member (its uncertainty in the scenario is dropped)"
        notes.append(note)
    return Scenario.model_validate(data), notes


__all__ = ["SOURCE", "Setting", "SettingError", "apply_settings"]
