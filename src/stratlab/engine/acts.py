"""Coding the catalog's ``events`` into acts that one actor observes of another (historical mode).

The perception model (:mod:`stratlab.models.perception`) reads acts coded ``REASSURE``,
``THREAT``, ``SLIGHT`` or ``NO_ACT``. An event's *doer* is its first listed actor (``NATO`` is
read as ``USA``, its leading member); the event *concerns* its other listed actors, plus ``USA``
and ``RUS`` when it carries the ``us-russia`` tag. For an observer ``i`` and a target ``j`` the
first rule that applies gives the act (docs/engine.md, "Event coding"):

1. ``compliance`` or ``election-interference`` (an accusation by the doer against the other
   listed actor): the accused committed a THREAT in the accuser's eyes; the accusation is a
   SLIGHT in the accused's eyes.
2. ``cooperation``: REASSURE, both ways between the doer and each actor the event concerns.
3. ``nato-enlargement``: a SLIGHT by ``USA`` toward ``RUS`` (the perception study's
   "insulting" acts; an assumption of this coding).
4. ``colour-revolution``: a SLIGHT by ``USA`` toward ``RUS`` (the Russian reading; assumption).
5. ``confrontation`` or ``war``: a THREAT by the doer toward each actor the event concerns.
6. ``deployment`` or ``missile-defense``: a THREAT by the doer toward each rival (every other
   scenario actor) — deployments of INF-range missiles and missile defences are read as threats
   by all rivals (assumption).

Every other event is no act. Several acts in a year are all kept (in date order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from stratlab.models.perception import NO_ACT, REASSURE, SLIGHT, THREAT

if TYPE_CHECKING:
    import duckdb

IntArray = NDArray[np.int64]

ALIASES = {"NATO": "USA"}
"""Alliance acts read as acts of a member state (assumption)."""


@dataclass(frozen=True)
class CodedAct:
    """One act: ``observer`` saw ``target`` do ``act`` in ``year`` (event ``event_id``)."""

    year: int
    observer: str
    target: str
    act: int
    event_id: str
    source_id: str


def _doer(actors: Sequence[str]) -> str:
    return ALIASES.get(actors[0], actors[0]) if actors else ""


def code_event(
    actors: Sequence[str], tags: Sequence[str], scenario_actors: Sequence[str]
) -> list[tuple[str, str, int]]:
    """``(observer, target, act)`` triples one event yields among ``scenario_actors``."""
    doer = _doer(actors)
    listed = [ALIASES.get(a, a) for a in actors]
    concerned = set(listed[1:]) | ({"USA", "RUS"} if "us-russia" in tags else set())
    concerned.discard(doer)
    tagset = set(tags)
    inside = set(scenario_actors)
    out: list[tuple[str, str, int]] = []
    if tagset & {"compliance", "election-interference"}:
        accused = next((a for a in listed[1:] if a != doer), "")
        out = [(doer, accused, THREAT), (accused, doer, SLIGHT)]
    elif "cooperation" in tagset:
        out = [(o, t, REASSURE) for a in concerned for o, t in ((doer, a), (a, doer))]
    elif "nato-enlargement" in tagset or "colour-revolution" in tagset:
        out = [("RUS", "USA", SLIGHT)]
    elif tagset & {"confrontation", "war"}:
        out = [(a, doer, THREAT) for a in concerned]
    elif tagset & {"deployment", "missile-defense"}:
        out = [(a, doer, THREAT) for a in scenario_actors if a != doer]
    return [(o, t, act) for o, t, act in out if o in inside and t in inside and o != t]


def coded_events(
    con: duckdb.DuckDBPyConnection, actors: Sequence[str], start: int, end: int
) -> list[CodedAct]:
    """Every act the ``events`` table yields among ``actors`` in ``start``–``end``, by date."""
    rows = con.execute(
        "SELECT event_id, date, actors, tags, source_id FROM events "
        "WHERE year(date) BETWEEN ? AND ? ORDER BY date, event_id",
        [start, end],
    ).fetchall()
    out = []
    for event_id, day, ev_actors, tags, source in rows:
        for observer, target, act in code_event(list(ev_actors), list(tags or []), actors):
            out.append(CodedAct(day.year, observer, target, act, str(event_id), str(source)))
    return out


def act_array(acts: Sequence[CodedAct], actors: Sequence[str], years: Sequence[int]) -> IntArray:
    """``(year, slot, observer, target)`` act codes, ``NO_ACT`` where nothing happened.

    ``slot`` runs over the acts of one dyad in one year (at least 1 slot).
    """
    idx = {a: k for k, a in enumerate(actors)}
    yidx = {y: k for k, y in enumerate(years)}
    counts: dict[tuple[int, int, int], int] = {}
    placed = []
    for a in acts:
        key = (yidx[a.year], idx[a.observer], idx[a.target])
        slot = counts.get(key, 0)
        counts[key] = slot + 1
        placed.append((*key, slot, a.act))
    slots = max(counts.values(), default=1)
    out = np.full((len(years), slots, len(actors), len(actors)), NO_ACT, dtype=np.int64)
    for y, o, t, s, act in placed:
        out[y, s, o, t] = act
    return out


__all__ = ["ALIASES", "CodedAct", "act_array", "code_event", "coded_events"]
