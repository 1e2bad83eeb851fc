"""The security dilemma as a repeated Prisoner's Dilemma under misperception.

Strategies (:class:`Strategy`): always cooperate, always defect, tit for tat, generous tit for
tat, grim trigger, win-stay-lose-shift, alternator, and a perception-driven strategy built on
:mod:`stratlab.models.perception` (cooperate while the belief that the other is hostile is below
a threshold, or a logit response to it). Implementation noise as in the ``axelrod`` library,
misperception of the other's move, payoffs (R, S, T, P) default (3, 0, 5, 1). :func:`play` runs
many matches in one call (arrays ``(matches, turns)``); :func:`detect_spirals` finds runs of
mutual defection started by an accident. Closed forms for memory-one play under noise are in
:mod:`~stratlab.models.interaction.game`.

Sources (ids for the ``sources`` table; see ``SOURCE_IDS``), as in the shared reference note
``perception.md`` §2: [axelrod-1984] R. Axelrod, *The Evolution of Cooperation*; [axelrod-1980a]
first tournament; [bendor-1993] noise in the IPD; [nowak-sigmund-1990] reactive strategies;
[nowak-sigmund-1993] GTFT/WSLS; [wu-axelrod-1995] coping with noise; [knight-2016] the
``axelrod`` library (checked side by side in the tests); [jervis-1976] the spiral model;
[mckelvey-palfrey-1995] logit quantal response (not in the reference note; [U]).
See ``docs/theory/interaction.md`` for equations, verification status and deviations.
"""

from __future__ import annotations

from stratlab.models.interaction.game import (
    C,
    D,
    Payoffs,
    Strategy,
    expected_payoffs,
    first_move,
    four_vector,
    grim_critical_discount,
    gtft_generosity,
    reactive_cooperation,
    stationary_distribution,
    stationary_payoffs,
    tft_critical_discount,
    transition_matrix,
)
from stratlab.models.interaction.play import MatchResult, Player, UniformSource, play
from stratlab.models.interaction.spirals import Spirals, detect_spirals, spirals_in

SOURCE_IDS = (
    "axelrod-1984",
    "axelrod-1980a",
    "bendor-1993",
    "nowak-sigmund-1990",
    "nowak-sigmund-1993",
    "wu-axelrod-1995",
    "knight-2016",
    "jervis-1976",
    "mckelvey-palfrey-1995",
)
"""Source ids this module cites (rows the ``sources`` table should hold)."""

__all__ = [
    "SOURCE_IDS",
    "C",
    "D",
    "MatchResult",
    "Payoffs",
    "Player",
    "Spirals",
    "Strategy",
    "UniformSource",
    "detect_spirals",
    "expected_payoffs",
    "first_move",
    "four_vector",
    "grim_critical_discount",
    "gtft_generosity",
    "play",
    "reactive_cooperation",
    "spirals_in",
    "stationary_distribution",
    "stationary_payoffs",
    "tft_critical_discount",
    "transition_matrix",
]
