"""Forward mode: each treaty's status per member, the parties' stances and (re)formation.

Each year, for every treaty of the scenario (docs/engine.md, "Treaties in forward mode"):

1. A catalog treaty whose term expires (``treaties.ended`` with ``end_reason = expired``) stops
   binding from that year unless it has been re-formed in the run.
2. In force (binding or suspended): each party's value ``V_i`` of the treaty
   (:func:`stratlab.models.treaty.value`) and exit cost give the logit probabilities of stay /
   suspend / withdraw (:func:`~stratlab.models.treaty.stance_probabilities`); one pre-drawn
   uniform per party picks its stance (:func:`~stratlab.models.treaty.sample_choice`). Any
   withdrawal ends the treaty; else any suspension suspends it; else it binds.
3. Not in force and allowed to form (``can_form``): it forms, binding from this year, iff every
   pair of parties passes :func:`~stratlab.models.treaty.forms_from_values` (all value it above
   their thresholds and all leaders allow it).

Situation of party ``i`` (``removed`` = what the treaty takes away: desired INF-band launchers for
a band ban, desired warheads above the ceiling for a ceiling): ``rival_banned`` =
``Σ_j h_ij removed_j`` over the other parties (hostility-weighted, so ``hostility`` = 1);
``own_banned`` = ``removed_i``; ``third_party_banned`` = ``Σ_k h_ik excess_k`` over non-parties
(their actual forces above the limit; ``third_party_hostility`` = 1); ``cheat_belief`` =
``acts.cheat_weight`` × mean hostility toward the other parties; ``power_change`` = power share
now minus at formation (for a catalog treaty, at the run's start); drivers give the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from stratlab.engine.drivers import Indicators
from stratlab.engine.history import BINDING, NOT_IN_FORCE, SUSPENDED
from stratlab.engine.params import ParamSet
from stratlab.models.treaty import (
    SUSPEND,
    WITHDRAW,
    Situation,
    exit_cost,
    forms_from_values,
    leader_term,
    sample_choice,
    stance_probabilities,
    value,
)
from stratlab.scenario.terms import TreatyTerms

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class TreatySlot:
    """One treaty of the run: its terms, parties (actor indices) and scheduled end."""

    terms: TreatyTerms
    parties: IntArray
    expires: int | None


@dataclass(frozen=True)
class TreatyState:
    """Per member: status ``(M, T)``, stance ``(M, T, A)`` (-1: none), formation share, re-formed."""

    status: IntArray
    stance: IntArray
    base_share: FloatArray
    reformed: BoolArray


@dataclass(frozen=True)
class YearView:
    """What the treaty decisions see in one year (arrays ``(M, A)`` unless noted)."""

    year: int
    hostility: FloatArray
    """``(M, A, A)``: observer's belief that the target is hostile."""
    x_desired: FloatArray
    x_actual: FloatArray
    q_desired: FloatArray
    q_actual: FloatArray
    share: FloatArray
    """``(A,)`` power shares this year."""
    ind: Indicators
    """Indicators, each ``(A,)`` this year."""


def _removed(slot: TreatySlot, view: YearView, desired: bool) -> FloatArray:
    if slot.terms.kind == "band":
        q = view.q_desired if desired else view.q_actual
    else:
        q = view.x_desired if desired else view.x_actual
    return np.maximum(q - slot.terms.limit, 0.0)


def party_values(slot: TreatySlot, state: TreatyState, k: int, view: YearView,
                 params: ParamSet) -> tuple[FloatArray, FloatArray]:
    """``(V, leader term)`` of every party, each ``(M, P)``."""
    P = slot.parties
    n = view.hostility.shape[-1]
    others = np.setdiff1d(np.arange(n), P)
    h = view.hostility[:, P, :]  # (M, P, A)
    in_p = np.zeros(n, dtype=bool)
    in_p[P] = True
    rival_mask = in_p[None, :] & (P[:, None] != np.arange(n)[None, :])  # (P, A)
    removed = _removed(slot, view, desired=True)
    rival = np.sum(np.where(rival_mask, h * removed[:, None, :], 0.0), axis=-1)
    excess = _removed(slot, view, desired=False)
    third = np.sum(h[:, :, others] * excess[:, None, others], axis=-1) if others.size else 0.0 * rival
    mean_h = np.sum(np.where(rival_mask, h, 0.0), axis=-1) / np.maximum(rival_mask.sum(axis=-1), 1)
    tparams = params.treaty(2)
    sit = Situation(
        rival_banned=rival, own_banned=removed[:, P], hostility=1.0,
        cheat_belief=params.col("acts.cheat_weight", 2) * mean_h,
        third_party_banned=third, third_party_hostility=1.0,
        power_change=view.share[P][None, :] - state.base_share[:, k, :][:, P],
        domestic=view.ind.domestic[P], coalition_change=view.ind.coalition_change[P],
        democracy=view.ind.democracy[P], leader=view.ind.leader[P],
    )
    return value(sit, tparams), leader_term(view.ind.leader[P], tparams) * np.ones_like(rival)


@dataclass(frozen=True)
class Decisions:
    """A year's treaty outcome: new state, and who slighted or reassured whom ``(M, A, A)``."""

    state: TreatyState
    slights: BoolArray
    """``[observer, doer]``: the doer suspended or left a treaty with the observer."""
    reassures: BoolArray
    """``[observer, doer]``: the two formed a treaty together."""


def decide(slots: list[TreatySlot], state: TreatyState, view: YearView, params: ParamSet,
           u: FloatArray) -> Decisions:
    """One year of treaty stances and formations; ``u`` is ``(M, T, A)`` uniforms."""
    M, n = view.x_actual.shape
    status, stance = state.status.copy(), np.full_like(state.stance, -1)
    base, reformed = state.base_share.copy(), state.reformed.copy()
    slights = np.zeros((M, n, n), dtype=bool)
    reassures = np.zeros((M, n, n), dtype=bool)
    tparams = params.treaty(2)
    for k, slot in enumerate(slots):
        P = slot.parties
        if slot.expires is not None and view.year >= slot.expires:
            status[:, k] = np.where(reformed[:, k], status[:, k], NOT_IN_FORCE)
        V, lead = party_values(slot, state, k, view, params)
        in_force = status[:, k] != NOT_IN_FORCE
        probs = stance_probabilities(V, exit_cost(view.ind.democracy[P], tparams), tparams)
        choice = sample_choice(probs, u=u[:, k, P])
        withdraw = np.any(choice == WITHDRAW, axis=-1)
        suspend = np.any(choice == SUSPEND, axis=-1)
        new = np.where(withdraw, NOT_IN_FORCE, np.where(suspend, SUSPENDED, BINDING))
        status[:, k] = np.where(in_force, new, status[:, k])
        stance[:, k, P] = np.where(in_force[:, None], choice, -1)
        leaving = in_force[:, None] & (choice != 0)  # (M, P): party p suspended or withdrew
        for a, doer in enumerate(P):
            for obs in P:
                if obs != doer:
                    slights[:, obs, doer] |= leaving[:, a]
        forms = np.ones(M, dtype=bool)
        theta, ell = params.col("treaty.join_threshold", 1), params.col("treaty.leader_threshold", 1)
        for b in range(1, len(P)):
            forms &= forms_from_values(V[:, 0], V[:, b], lead[:, 0], lead[:, b],
                                       join_threshold_a=theta, join_threshold_b=theta,
                                       leader_threshold_a=ell, leader_threshold_b=ell)
        formed = ~in_force & forms & (params.can_form[slot.terms.treaty_id] > 0)
        status[:, k] = np.where(formed, BINDING, status[:, k])
        base[:, k, :] = np.where(formed[:, None], view.share[None, :], base[:, k, :])
        reformed[:, k] |= formed
        for doer in P:
            for obs in P:
                if obs != doer:
                    reassures[:, obs, doer] |= formed
    return Decisions(TreatyState(status, stance, base, reformed), slights, reassures)


def constraints(slots: list[TreatySlot], status: IntArray, n: int) -> tuple[BoolArray, FloatArray]:
    """``(band_banned (M, A), warhead_limit (M, A))`` from the treaties that bind now."""
    M = status.shape[0]
    banned = np.zeros((M, n), dtype=bool)
    limit = np.full((M, n), np.inf)
    for k, slot in enumerate(slots):
        binds = (status[:, k] == BINDING)[:, None]
        party = np.zeros(n, dtype=bool)
        party[slot.parties] = True
        if slot.terms.kind == "band":
            banned |= binds & party[None, :]
        else:
            limit = np.where(binds & party[None, :], np.minimum(limit, slot.terms.limit), limit)
    return banned, limit


__all__ = ["Decisions", "TreatySlot", "TreatyState", "YearView", "constraints", "decide", "party_values"]
