"""Scenario objects read from YAML or the catalog: postures and scenarios.

>>> from stratlab.scenario import Posture
>>> p = Posture.from_catalog("USA", 1991)          # annual forces table, one component per row
>>> Posture.from_yaml(p.to_yaml()) == p
True
"""

from __future__ import annotations

from stratlab.scenario.assumptions import DEFAULT as DEFAULT_ASSUMPTIONS
from stratlab.scenario.assumptions import StabilityAssumptions
from stratlab.scenario.load import (
    ScenarioError,
    list_cases,
    load_scenario,
    parse_scenario,
    scenario_hash,
)
from stratlab.scenario.posture import (
    CATEGORIES,
    RANGE_BANDS,
    Basing,
    Category,
    Component,
    MissileDefense,
    Posture,
    ValueTargets,
    force_arrays,
)
from stratlab.scenario.spec import Scenario
from stratlab.scenario.yaml_errors import LineLoader, format_validation_error, load_yaml

__all__ = [
    "CATEGORIES",
    "DEFAULT_ASSUMPTIONS",
    "RANGE_BANDS",
    "Basing",
    "Category",
    "Component",
    "LineLoader",
    "MissileDefense",
    "Posture",
    "Scenario",
    "ScenarioError",
    "StabilityAssumptions",
    "ValueTargets",
    "force_arrays",
    "format_validation_error",
    "list_cases",
    "load_scenario",
    "load_yaml",
    "parse_scenario",
    "scenario_hash",
]
