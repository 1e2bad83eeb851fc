"""Read a scenario (a YAML file or a built-in case), check it, hash it; list the built-in cases.

Loading is safe: files come through one front door
(:func:`~stratlab.scenario.yaml_errors.read_user_file`: size limit, UTF-8 only) and are parsed by
:func:`~stratlab.scenario.yaml_errors.load_yaml` (a ``yaml.SafeLoader`` with bounded depth and
alias expansion, duplicate keys refused). A scenario names no other file. Every error is one
line naming the file, the line and the field, e.g.::

    my.yaml, line 4, actors[2]: 'XXX': expected a known actor (USA, RUS, CHN, GBR, FRA, … 217 in all; …)

Schema errors come from pydantic; catalog checks (:mod:`stratlab.scenario.checks`) are put in
the same form by :func:`~stratlab.scenario.yaml_errors.format_validation_error`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from stratlab.scenario.checks import Issue, check_scenario
from stratlab.scenario.spec import Scenario
from stratlab.scenario.yaml_errors import UserFileError, format_validation_error, load_yaml, read_user_file

if TYPE_CHECKING:
    import duckdb

CASES_PACKAGE = "stratlab.scenario"
CASES_DIR = "cases"


class ScenarioError(ValueError):
    """A scenario that cannot be read or does not check: the message is one line."""


@dataclass(frozen=True)
class CaseInfo:
    """A built-in case: its name, mode, years and one-line description."""

    name: str
    mode: str
    years: tuple[int, int]
    description: str
    path: Path


def _case_files() -> dict[str, Path]:
    root = resources.files(CASES_PACKAGE).joinpath(CASES_DIR)
    return {Path(str(p)).stem: Path(str(p)) for p in root.iterdir() if str(p).endswith(".yaml")}


def list_cases() -> list[CaseInfo]:
    """The built-in cases shipped in ``stratlab/scenario/cases/``, by name."""
    out = []
    for name, path in sorted(_case_files().items()):
        data, _ = load_yaml(path.read_text(encoding="utf-8"))
        years = tuple(data.get("years", (0, 0)))
        out.append(CaseInfo(name, str(data.get("mode", "")), (int(years[0]), int(years[1])),
                            " ".join(str(data.get("description", "")).split()), path))
    return out


def resolve(source: str | Path) -> Path:
    """The file behind ``source``: an existing path, else a built-in case name."""
    path = Path(source)
    if path.exists():
        return path
    cases = _case_files()
    if str(source) in cases:
        return cases[str(source)]
    names = ", ".join(sorted(cases))
    raise ScenarioError(f"{source}: no such scenario file or built-in case (cases: {names})")


def _as_validation_error(issues: list[Issue]) -> ValidationError:
    details = [
        InitErrorDetails(
            type=PydanticCustomError("scenario", "{value}", {"value": i.value, "expected": i.expected}),
            loc=i.loc,
            input=i.value,
        )
        for i in issues
    ]
    return ValidationError.from_exception_data("Scenario", details)


def parse_scenario(text: str, file: str | Path | None = None,
                   con: duckdb.DuckDBPyConnection | None = None) -> Scenario:
    """Validate YAML ``text`` (``file`` is only named in errors and read for line numbers)."""
    try:
        data, _ = load_yaml(text)
    except yaml.YAMLError as exc:
        raise ScenarioError(format_validation_error(exc, file)) from None
    if not isinstance(data, dict):
        where = f"{file}, " if file is not None else ""
        raise ScenarioError(f"{where}line 1, (top level): expected a mapping of scenario fields")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(format_validation_error(exc, file)) from None
    issues = check_scenario(scenario, con)
    if issues:
        raise ScenarioError(format_validation_error(_as_validation_error(issues), file))
    return scenario


def load_scenario(source: str | Path, con: duckdb.DuckDBPyConnection | None = None) -> Scenario:
    """Read and check a scenario file or built-in case (see :func:`list_cases`).

    Raises :class:`ScenarioError` with one line naming the file, the line and the field.
    """
    path = resolve(source)
    try:
        text = read_user_file(path)
    except UserFileError as exc:
        raise ScenarioError(str(exc)) from None
    shown = path if Path(source).exists() else Path(f"{source}.yaml")
    try:
        return parse_scenario(text, path, con)
    except ScenarioError as exc:
        raise ScenarioError(str(exc).replace(str(path), str(shown), 1)) from None


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 (first 16 hex digits) of the validated scenario, defaults filled, keys sorted."""
    text = json.dumps(scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


__all__ = [
    "CaseInfo",
    "ScenarioError",
    "list_cases",
    "load_scenario",
    "parse_scenario",
    "resolve",
    "scenario_hash",
]
