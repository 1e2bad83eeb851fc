"""Kent & Thaler first-strike stability (RAND R-3765-AF, 1989), with defenses and N actors.

Modules: :mod:`.cost` (cost function, damage curve, kill probabilities, the index),
:mod:`.forces` (:class:`ForceArrays`), :mod:`.defense` (interceptor leakage, ours),
:mod:`.exchange` (draw-down, stopping rule, C1/C2, FSI over a batch; its block solver in
:mod:`.drawdown`) and :mod:`.nactor`
(pairwise indices with third-party reserves, ours). Equations, sources and the verification
status of each item: ``docs/theory/first_strike.md``.
"""

from __future__ import annotations

from stratlab.models.first_strike.cost import (
    COMMIT_FIXED,
    COMMIT_SURVIVABLE,
    EXPONENT,
    LUA_SAVED,
    SURCHARGE,
    cost,
    damage,
    index_from_costs,
    kill_probability,
    sspk,
    stability_ratio,
    weapons_for_damage,
)
from stratlab.models.first_strike.defense import leakers, rvs_for_leakers
from stratlab.models.first_strike.exchange import (
    GRID,
    REFINE,
    TIE_TOL,
    FirstStrikeResult,
    StrikeResult,
    first_strike_stability,
    strike,
)
from stratlab.models.first_strike.forces import ForceArrays
from stratlab.models.first_strike.nactor import (
    SOURCE_IDS,
    MultipolarResult,
    deterrent_reserve,
    multipolar_stability,
)

__all__ = [
    "COMMIT_FIXED",
    "COMMIT_SURVIVABLE",
    "EXPONENT",
    "GRID",
    "LUA_SAVED",
    "REFINE",
    "SOURCE_IDS",
    "SURCHARGE",
    "TIE_TOL",
    "FirstStrikeResult",
    "ForceArrays",
    "MultipolarResult",
    "StrikeResult",
    "cost",
    "damage",
    "deterrent_reserve",
    "first_strike_stability",
    "index_from_costs",
    "kill_probability",
    "leakers",
    "multipolar_stability",
    "rvs_for_leakers",
    "sspk",
    "stability_ratio",
    "strike",
    "weapons_for_damage",
]
