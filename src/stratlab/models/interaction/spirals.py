"""Spiral detection: runs of mutual defection that an accident started.

Definition (this project's; the literature describes spirals qualitatively — Jervis 1976 ch. 3,
"defection loops" of TFT under noise in the ``axelrod`` docs [V], Wu & Axelrod 1995):

* A **mutual-defection run** is a maximal stretch of turns in which both delivered D.
* Its **episode** begins at the first turn after the last turn of mutual cooperation (CC) before
  the run; before turn 0 the sides count as cooperating (a virtual CC at turn -1).
* The run is a **spiral** iff it lasts at least ``min_length`` turns *and* the episode's first
  turn is a **unilateral** defection (exactly one side played D) that was **accidental**: noise
  flipped an intended C, or the defector misperceived (it would have cooperated had every
  observation been true) — ``MatchResult.accidental_*``.

So a breakdown that starts with a deliberate defection (a defector, or a perception player whose
belief crossed its threshold on true evidence) is not a spiral, nor is one that starts with both
defecting at once; echoes (TFT's alternating DC/CD) between the accident and the run are allowed.
A run still going at the last turn counts if it is long enough (right-censored). Without a causal
record (``accidental_* = None``) every unilateral defection counts as accidental.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from stratlab.models.interaction.game import D
from stratlab.models.interaction.play import MatchResult

BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Spirals:
    """Detected spirals; masks are ``(matches, turns)``.

    ``in_spiral`` marks turns inside a spiral run, ``start`` each run's first turn, ``trigger``
    the accidental unilateral defection that began its episode; ``count`` is the number of spiral
    runs per match and ``first`` the turn the first one starts (-1 if none).
    """

    in_spiral: BoolArray
    start: BoolArray
    trigger: BoolArray
    count: IntArray
    first: IntArray
    min_length: int


def _moves(m: ArrayLike, name: str) -> BoolArray:
    a = np.asarray(m)
    if a.ndim == 1:
        a = a[None, :]
    if a.ndim != 2:
        raise ValueError(f"{name} must be (matches, turns), got shape {a.shape}")
    return np.asarray(a == D)


def detect_spirals(
    moves_a: ArrayLike,
    moves_b: ArrayLike,
    min_length: int = 5,
    accidental_a: ArrayLike | None = None,
    accidental_b: ArrayLike | None = None,
) -> Spirals:
    """Find spirals in delivered moves (C = 0, D = 1), vectorized over matches.

    ``min_length`` (default 5) is a project choice, not a published value.
    """
    if min_length < 1:
        raise ValueError(f"min_length must be at least 1, got {min_length}")
    da, db = _moves(moves_a, "moves_a"), _moves(moves_b, "moves_b")
    if da.shape != db.shape:
        raise ValueError(f"moves_a {da.shape} and moves_b {db.shape} differ in shape")
    n, T = da.shape
    acc_a = da if accidental_a is None else np.broadcast_to(np.asarray(accidental_a, bool), da.shape)
    acc_b = db if accidental_b is None else np.broadcast_to(np.asarray(accidental_b, bool), db.shape)
    idx = np.broadcast_to(np.arange(T), (n, T))
    dd, cc = da & db, ~da & ~db
    before = np.zeros((n, 1), bool)
    start = dd & ~np.hstack([before, dd[:, :-1]])
    end = dd & ~np.hstack([dd[:, 1:], before])
    start_at = np.maximum.accumulate(np.where(start, idx, -1), axis=1)  # run start, valid on dd
    end_at = np.minimum.accumulate(np.where(end, idx, T)[:, ::-1], axis=1)[:, ::-1]
    long_run = start & (end_at - start_at + 1 >= min_length)
    # Episode start: one past the last CC strictly before the run (virtual CC at -1).
    last_cc = np.maximum.accumulate(np.where(cc, idx, -1), axis=1)
    episode = np.hstack([np.full((n, 1), -1), last_cc[:, :-1]]) + 1
    unilateral_accident = (da & ~db & acc_a) | (db & ~da & acc_b)
    spiral_start = long_run & np.take_along_axis(unilateral_accident, episode, axis=1)
    in_spiral = dd & np.take_along_axis(spiral_start, np.maximum(start_at, 0), axis=1)
    trigger = np.zeros((n, T), bool)
    rows, cols = np.nonzero(spiral_start)
    trigger[rows, episode[rows, cols]] = True
    count = spiral_start.sum(axis=1).astype(np.int64)
    first = np.where(count > 0, np.argmax(spiral_start, axis=1), -1).astype(np.int64)
    return Spirals(in_spiral, spiral_start, trigger, count, first, int(min_length))


def spirals_in(result: MatchResult, min_length: int = 5) -> Spirals:
    """:func:`detect_spirals` on a :class:`MatchResult`, with its record of accidents."""
    return detect_spirals(result.moves_a, result.moves_b, min_length,
                          result.accidental_a, result.accidental_b)
