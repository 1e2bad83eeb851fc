"""The parts of the ``axelrod`` peer library the interaction tests use, without its package
``__init__``.

``import axelrod`` instantiates and classifies every one of its ~240 strategies at import time
(``axelrod/strategies/__init__.py``), which costs 20 s of CPU before a test runs. The peer checks
need six classic strategies and ``Match``; this module registers empty package shells for
``axelrod`` and ``axelrod.strategies`` and imports only the submodules those need, setting on
the shell the few package attributes those submodules read (``DEFAULT_TURNS``, ``Action``,
``_module_random``, ``Classifiers``). The classes are axelrod's own, unchanged.

If the full package is already imported, it is used as is.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any


def _shell(name: str, path: Path) -> types.ModuleType:
    spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
    spec.submodule_search_locations = [str(path)]
    module = importlib.util.module_from_spec(spec)
    module.__path__ = [str(path)]
    sys.modules[name] = module
    return module


def load() -> Any:
    """The ``axelrod`` namespace with Action, Player, Match and the classic strategies."""
    full = sys.modules.get("axelrod")
    if full is not None and hasattr(full, "Match"):
        return full
    spec = importlib.util.find_spec("axelrod")
    assert spec is not None and spec.origin is not None, "the axelrod peer library is not installed"
    root = Path(spec.origin).parent
    axl = _shell("axelrod", root)
    axl.DEFAULT_TURNS = 200  # as axelrod/__init__.py sets it
    axl.Action = importlib.import_module("axelrod.action").Action
    axl.RandomGenerator = importlib.import_module("axelrod.random_").RandomGenerator
    axl._module_random = axl.RandomGenerator()
    axl.Player = importlib.import_module("axelrod.player").Player
    axl.Classifiers = importlib.import_module("axelrod.classifier").Classifiers
    axl.strategies = _shell("axelrod.strategies", root / "strategies")
    axl.Match = importlib.import_module("axelrod.match").Match
    for module, names in {
        "cooperator": ("Cooperator",),
        "defector": ("Defector",),
        "titfortat": ("TitForTat",),
        "grudger": ("Grudger",),
        "memoryone": ("WinStayLoseShift", "GTFT"),
        "alternator": ("Alternator",),
    }.items():
        loaded = importlib.import_module(f"axelrod.strategies.{module}")
        for name in names:
            setattr(axl, name, getattr(loaded, name))
    return axl
