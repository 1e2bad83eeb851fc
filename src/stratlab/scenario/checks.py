"""Checks of a parsed scenario against itself and against the catalog.

Each finding is an :class:`Issue` (where, what was given, what was expected); the loader turns
the first one into the same one-line message as a schema error (file, line, field).
Checked here: unknown actors (the known ones listed), actors named in postures, treaties,
drivers, parameters, outcomes and calibration that are not scenario actors, posture
years the ``forces`` table lacks, years outside the data a mode needs, treaty ids, treaties
the forward mode cannot apply, parameter names and values of the model blocks, and the
parameter paths of uncertainties and levers, era events and the INF-band systems' evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stratlab.data.forces import force_coverage
from stratlab.scenario.parameters import MODEL_BLOCKS, model_block_error, parameter_error, parameter_paths
from stratlab.scenario.spec import Scenario, Uncertainty
from stratlab.scenario.terms import treaty_terms

if TYPE_CHECKING:
    import duckdb

Loc = tuple[str | int, ...]
LEAD_ACTORS = ("USA", "RUS", "CHN", "GBR", "FRA")


@dataclass(frozen=True)
class Issue:
    """One problem: where (a field path), the value given and what was expected."""

    loc: Loc
    value: Any
    expected: str


def _span(years: Iterable[int]) -> str:
    ys = sorted(set(years))
    return f"{ys[0]}–{ys[-1]}" if ys else "no years"


class _Catalog:
    """The few catalog facts the checks need, read once."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.actors = [r[0] for r in con.execute("SELECT actor FROM actors ORDER BY actor").fetchall()]
        self.forces = force_coverage(con)
        rows = con.execute("SELECT treaty_id, parties FROM treaties").fetchall()
        self.treaties = {r[0]: list(r[1]) for r in rows}
        self.cinc_years = self._spans("capabilities")
        self.speech_years = self._spans("speeches")

    def _spans(self, table: str) -> dict[str, tuple[int, int]]:
        query = f"SELECT country, min(year), max(year) FROM {table} GROUP BY country"
        rows = self.con.execute(query).fetchall()
        return {r[0]: (int(r[1]), int(r[2])) for r in rows}

    def known_text(self) -> str:
        lead = [a for a in LEAD_ACTORS if a in self.actors]
        n = len(self.actors)
        return f"a known actor ({', '.join(lead)}, … {n} in all; see `stratlab data show actors`)"


def _members(names: Sequence[str], allowed: Sequence[str], loc: Loc, what: str) -> list[Issue]:
    return [
        Issue((*loc, i), name, f"{what} ({', '.join(allowed)})")
        for i, name in enumerate(names)
        if name not in allowed
    ]


def _keys(mapping: dict[str, Any], allowed: Sequence[str], loc: Loc) -> list[Issue]:
    return [
        Issue((*loc, key), key, f"one of the scenario's actors ({', '.join(allowed)})")
        for key in mapping
        if key not in allowed
    ]


def _one_of_actors(sc: Scenario) -> str:
    return f"one of the scenario's actors ({', '.join(sc.actors)})"


def _actor_checks(sc: Scenario, cat: _Catalog) -> list[Issue]:
    out = [Issue(("actors", i), a, cat.known_text()) for i, a in enumerate(sc.actors) if a not in cat.actors]
    seen: set[str] = set()
    for i, a in enumerate(sc.actors):
        if a in seen:
            out.append(Issue(("actors", i), a, "each actor once"))
        seen.add(a)
    return out


def _year_checks(sc: Scenario, cat: _Catalog) -> list[Issue]:
    start, end = sc.years
    out: list[Issue] = []
    if sc.mode == "historical":
        for a in sc.actors:
            if a not in cat.forces:
                out.append(Issue(("actors", sc.actors.index(a)), a, "an actor with forces data"))
            elif start < cat.forces[a][0] or end > cat.forces[a][1]:
                lo, hi = cat.forces[a]
                bad = 0 if start < lo else 1
                out.append(Issue(("years", bad), sc.years[bad],
                                 f"a year within the forces data for {a} ({lo}–{hi})"))
        if sc.calibration is not None:
            lo, hi = cat.speech_years.get(sc.calibration.observer, (0, -1))
            if start < lo or end > hi:
                bad = 0 if start < lo else 1
                out.append(Issue(("years", bad), sc.years[bad],
                                 f"a year within the speeches of {sc.calibration.observer} ({lo}–{hi})"))
    if sc.drivers.power.shares is not None:
        return out
    for i, a in enumerate(sc.actors):
        if a not in cat.cinc_years:
            out.append(Issue(("actors", i), a, "an actor with CINC data, or drivers.power.shares"))
        elif start < cat.cinc_years[a][0]:
            out.append(Issue(("years", 0), start, f"a year from {cat.cinc_years[a][0]} on "
                             f"(first capabilities data for {a})"))
    return out


def _posture_checks(sc: Scenario, cat: _Catalog) -> list[Issue]:
    out: list[Issue] = []
    if sc.mode == "historical" and sc.postures:
        return [Issue(("postures",), "[...]", "no postures in historical mode (it replays the catalog)")]
    seen: set[str] = set()
    for i, spec in enumerate(sc.postures):
        field = "catalog" if spec.catalog is not None else "posture"
        if spec.actor not in sc.actors:
            out.append(Issue(("postures", i, field, "actor"), spec.actor,
                             f"one of the scenario's actors ({', '.join(sc.actors)})"))
        elif spec.actor in seen:
            out.append(Issue(("postures", i, field, "actor"), spec.actor, "one posture per actor"))
        seen.add(spec.actor)
        if spec.catalog is not None:
            lo, hi = cat.forces.get(spec.catalog.actor, (0, -1))
            if not lo <= spec.catalog.year <= hi:
                span = f"{lo}–{hi}" if hi >= lo else "none"
                out.append(Issue(("postures", i, "catalog", "year"), spec.catalog.year,
                                 f"a year of the forces table for {spec.catalog.actor} ({span})"))
    if sc.mode == "forward":
        missing = [a for a in sc.actors if a not in seen]
        if missing:
            out.append(Issue(("postures",), f"{len(sc.postures)} postures",
                             f"an initial posture for every actor (missing: {', '.join(missing)})"))
    return out


def _treaty_checks(sc: Scenario, cat: _Catalog) -> list[Issue]:
    out: list[Issue] = []
    for i, t in enumerate(sc.treaties):
        if t.id not in cat.treaties:
            known = ", ".join(sorted(cat.treaties))
            out.append(Issue(("treaties", i, "id"), t.id, f"a catalog treaty ({known})"))
            continue
        parties = t.parties if t.parties is not None else cat.treaties[t.id]
        loc: Loc = ("treaties", i, "parties") if t.parties is not None else ("treaties", i, "id")
        for k, p in enumerate(parties):
            if p not in sc.actors:
                where = (*loc, k) if t.parties is not None else loc
                out.append(Issue(where, p, f"parties among the scenario's actors ({', '.join(sc.actors)})"))
        if len(set(parties)) < 2:
            out.append(Issue(loc, parties, "at least two distinct parties"))
        elif len(set(parties)) < len(parties):
            out.append(Issue(loc, parties, "each party once"))
        if sc.mode == "forward" and treaty_terms(cat.con, t.id) is None:
            out.append(Issue(("treaties", i, "id"), t.id,
                             "a treaty with a range-band ban or a warhead ceiling in treaty_rules"))
    return out


DRIVER_RANGES: dict[str, tuple[float, float]] = {
    "leader": (-1.0, 1.0),
    "domestic": (-1.0, 1.0),
    "democracy": (0.0, 1.0),
    "coalition_change": (0.0, 1.0),
}
"""The documented scale of each driver series (docs/scenarios.md, "drivers")."""


def _series_values(series: Any) -> list[tuple[Loc, float]]:
    """(sub-path, value) of a constant or a ``{year: value}`` series."""
    return [((year,), v) for year, v in series.items()] if isinstance(series, dict) else [((), series)]


def _driver_checks(sc: Scenario) -> list[Issue]:
    out: list[Issue] = []
    for name, (lo, hi) in DRIVER_RANGES.items():
        series = getattr(sc.drivers, name)
        out += _keys(series, sc.actors, ("drivers", name))
        for actor, s in series.items():
            out += [Issue(("drivers", name, actor, *sub), v, f"a value in [{lo:g}, {hi:g}]")
                    for sub, v in _series_values(s) if not lo <= v <= hi]
    shares = sc.drivers.power.shares
    if shares is not None:
        loc: Loc = ("drivers", "power", "shares")
        out += _keys(shares, sc.actors, loc)
        out += [Issue(loc, "{...}", f"shares for every actor (missing {a})")
                for a in sc.actors if a not in shares][:1]
        values = [(a, sub, v) for a, s in shares.items() for sub, v in _series_values(s)]
        out += [Issue((*loc, a, *sub), v, "a share ≥ 0") for a, sub, v in values if v < 0]
        if values and all(v == 0 for _, _, v in values):
            out.append(Issue(loc, "{...}", "at least one share > 0 (shares are normalised to sum to 1)"))
    return out


def _reference_checks(sc: Scenario) -> list[Issue]:
    out = _driver_checks(sc)
    p = sc.parameters
    out += _keys(p.initial_hostility, sc.actors, ("parameters", "initial_hostility"))
    for obs, row in p.initial_hostility.items():
        out += _keys(row, sc.actors, ("parameters", "initial_hostility", obs))
        out += [Issue(("parameters", "initial_hostility", obs, t), h, "a probability in [0, 1]")
                for t, h in row.items() if not 0.0 <= h <= 1.0]
    if p.inf_reach is not None:
        out += _keys(p.inf_reach, sc.actors, ("parameters", "inf_reach"))
        for a, targets in p.inf_reach.items():
            out += _members(targets, sc.actors, ("parameters", "inf_reach", a), "scenario actors")
    for i, pair in enumerate(p.inf_theatre or []):
        out += _members(list(pair), sc.actors, ("parameters", "inf_theatre", i), "scenario actors")
    for block in MODEL_BLOCKS:
        for name, param in getattr(p, block).items():
            why = model_block_error(block, name, param.value)
            if why is not None:
                out.append(Issue(("parameters", block, name), param.value, why))
    for i, o in enumerate(sc.outcomes):
        for field in ("actor", "target"):
            value = getattr(o, field)
            if value is not None and value not in sc.actors:
                out.append(Issue(("outcomes", i, field), value, _one_of_actors(sc)))
    return out


def _path_checks(sc: Scenario) -> list[Issue]:
    paths = set(parameter_paths())
    treaty_paths = {f"treaties.{t.id}.can_form" for t in sc.treaties}
    out = [
        Issue(("uncertainties", i, "parameter"), u.parameter, "a parameter path such as arms.reaction or "
              "perception.negativity (see docs/scenarios.md)")
        for i, u in enumerate(sc.uncertainties) if u.parameter not in paths
    ]
    out += [
        Issue(("levers", i, "parameter"), lv.parameter, "a parameter path or treaties.<id>.can_form "
              f"({', '.join(sorted(treaty_paths)) or 'no treaties'})")
        for i, lv in enumerate(sc.levers) if lv.parameter not in paths | treaty_paths
    ]
    for i, u in enumerate(sc.uncertainties):
        for field, value in _support(u) if u.parameter in paths else []:
            why = parameter_error(u.parameter, value)
            if why is not None:
                out.append(Issue(("uncertainties", i, *field), value, f"{why} for {u.parameter}"))
    for i, lv in enumerate(sc.levers):
        if lv.parameter not in paths:
            continue
        values: list[tuple[Loc, float]] = [(("default",), lv.default)]
        values += [(("options", k), v) for k, v in enumerate(lv.options or [])]
        values += [(("range", k), v) for k, v in enumerate(lv.range or ())]
        for where, value in values:
            if (why := parameter_error(lv.parameter, value)) is not None:
                out.append(Issue(("levers", i, *where), value, f"{why} for {lv.parameter}"))
    return out


def _support(u: Uncertainty) -> list[tuple[Loc, float]]:
    """The values a distribution can reach at its ends (a normal's mean if it has no bounds)."""
    if u.values is not None:
        return [(("values", k), v) for k, v in enumerate(u.values)]
    ends: list[tuple[Loc, float]] = [
        ((name,), v) for name in ("low", "high") if (v := getattr(u, name)) is not None
    ]
    return ends or [(("mean",), float(u.mean or 0.0))]


def _calibration_checks(sc: Scenario) -> list[Issue]:
    cal = sc.calibration
    if cal is None:
        return []
    if sc.mode != "historical":
        return [Issue(("calibration",), "{...}", "calibration only in historical mode")]
    return [
        Issue(("calibration", field), getattr(cal, field), _one_of_actors(sc))
        for field in ("observer", "target") if getattr(cal, field) not in sc.actors
    ]


def _era_checks(sc: Scenario, con: duckdb.DuckDBPyConnection) -> list[Issue]:
    out = []
    for i, era in enumerate(sc.eras):
        if not sc.years[0] <= era.start <= sc.years[1]:
            out.append(Issue(("eras", i, "start"), era.start,
                             f"a year within the scenario's years {sc.years[0]}–{sc.years[1]}"))
        if era.event is not None:
            row = con.execute("SELECT year(date) FROM events WHERE event_id = ?", [era.event]).fetchone()
            if row is None:
                out.append(Issue(("eras", i, "event"), era.event,
                                 "an event_id of the catalog's events table"))
            elif int(row[0]) != era.start:
                out.append(Issue(("eras", i, "event"), era.event,
                                 f"an event in the era's start year {era.start} (it is in {row[0]})"))
    return out


def _inf_system_checks(sc: Scenario, con: duckdb.DuckDBPyConnection) -> list[Issue]:
    """``inf_systems``: catalog systems of scenario actors, filed in a matching category, with
    deployment events (tagged ``deployment``, naming the owner among their actors) and an end
    event tagged ``elimination``."""
    if sc.inf_systems and sc.mode != "historical":
        return [Issue(("inf_systems",), "[...]", "inf_systems only in historical mode")]
    out: list[Issue] = []
    for i, spec in enumerate(sc.inf_systems):
        row = con.execute("SELECT country, lower(category), inf_class FROM missile_systems "
                          "WHERE system_id = ?", [spec.system]).fetchone()
        if row is None:
            out.append(Issue(("inf_systems", i, "system"), spec.system,
                             "a system_id of the catalog's missile_systems table"))
            continue
        country, kind, inf_class = row
        if country not in sc.actors:
            out.append(Issue(("inf_systems", i, "system"), spec.system,
                             f"a system of one of the scenario's actors (it is {country}'s)"))
        prefix, _, band = spec.category.partition("_")
        if prefix != kind or (inf_class is not None and band != inf_class):
            want = f"{kind}_{inf_class}" if inf_class else f"{kind}_intermediate or {kind}_shorter"
            out.append(Issue(("inf_systems", i, "category"), spec.category,
                             f"the category of {spec.system} in missile_systems ({want})"))
        for k, event in enumerate(spec.deployed):
            ev = con.execute("SELECT tags, actors FROM events WHERE event_id = ?", [event]).fetchone()
            if ev is None:
                out.append(Issue(("inf_systems", i, "deployed", k), event,
                                 "an event_id of the catalog's events table"))
            elif "deployment" not in ev[0] or country not in ev[1]:
                out.append(Issue(("inf_systems", i, "deployed", k), event,
                                 f"an event tagged 'deployment' with {country} among its actors"))
        if spec.ended is not None:
            ev = con.execute("SELECT tags FROM events WHERE event_id = ?", [spec.ended]).fetchone()
            if ev is None or "elimination" not in ev[0]:
                out.append(Issue(("inf_systems", i, "ended"), spec.ended,
                                 "an event_id of the catalog's events table tagged 'elimination'"))
    return out


def check_scenario(sc: Scenario, con: duckdb.DuckDBPyConnection | None = None) -> list[Issue]:
    """Every problem found, in document order of importance (actors first)."""
    if con is None:
        from stratlab.data import catalog

        con = catalog()
    cat = _Catalog(con)
    issues = _actor_checks(sc, cat)
    if issues:
        return issues
    return (
        _posture_checks(sc, cat) + _treaty_checks(sc, cat) + _reference_checks(sc)
        + _calibration_checks(sc) + _path_checks(sc) + _year_checks(sc, cat)
        + _era_checks(sc, con) + _inf_system_checks(sc, con)
    )


__all__ = ["Issue", "check_scenario"]
