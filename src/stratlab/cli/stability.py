"""``stratlab stability``: Kent–Thaler first-strike stability of two postures."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.table import Table

from stratlab.cli.common import UserError, console
from stratlab.data.vocabulary import BALLISTIC_CATEGORIES, TRIAD_LEGS, leg_of


def _load_file(path: Path) -> Any:
    import yaml

    from stratlab.scenario.posture import Posture
    from stratlab.scenario.yaml_errors import format_validation_error

    try:
        return Posture.from_yaml(path)
    except (ValidationError, yaml.YAMLError) as exc:
        raise UserError(format_validation_error(exc, path)) from exc


def _warning(victim: Any, attacker: Any) -> tuple[float | None, str]:
    """Shortest minimum-energy flight time (minutes) of the attacker's ballistic components
    to the victim: from the component's reach where the catalog computed it (basing area to
    homeland), else basing to basing where both have coordinates, else at the system's range."""
    from stratlab.models.flight_time import great_circle_km, min_energy_flight_time

    targets = [c.basing for c in victim.components if c.basing and c.basing.lat is not None]
    best: tuple[float | None, str] = (None, "no ballistic component with a range or basing point")
    for comp in attacker.facing(victim.actor):
        if comp.category not in BALLISTIC_CATEGORIES or not comp.launchers:
            continue
        b = comp.basing
        if victim.actor in comp.flight_min:
            minutes = comp.flight_min[victim.actor]
            if best[0] is None or minutes < best[0]:
                best = (minutes, f"{comp.name}: {comp.deployed_in} to the {victim.actor} homeland")
            continue
        if b is not None and b.lat is not None and b.lon is not None and targets:
            km = min(float(great_circle_km(b.lat, b.lon, t.lat, t.lon)) for t in targets)
            how = f"{comp.name}: {km:,.0f} km basing to basing"
        elif comp.range_km:
            km, how = comp.range_km, f"{comp.name} at its full range ({comp.range_km:,.0f} km)"
        else:
            continue
        minutes = float(min_energy_flight_time(km)) / 60.0
        if best[0] is None or minutes < best[0]:
            best = (minutes, how)
    return best


def _missing(p: Any) -> list[str]:
    have = {leg_of(c.category) for c in p.components}
    return [leg for leg in TRIAD_LEGS if leg not in have]


def _left_out(p: Any, enemy: str) -> list[str]:
    return [c.name for c in p.components if not c.reaches_actor(enemy)]


def _counted(p: Any, enemy: str) -> dict[str, float]:
    """Warheads counted against ``enemy`` by leg (central = the triad legs)."""
    out: dict[str, float] = {}
    for c in p.facing(enemy):
        leg = leg_of(c.category)
        out[leg] = out.get(leg, 0.0) + c.warheads
    return out


def stability(
    postures: Annotated[list[str], typer.Argument(help="POSTURE.yaml (with --vs), or two actor "
                                                  "codes with --year")],
    vs: Annotated[Path | None, typer.Option("--vs", help="the other side's POSTURE.yaml")] = None,
    year: Annotated[int | None, typer.Option("--year", help="use the catalog's forces of this "
                                             "year for two actors")] = None,
    assume: Annotated[Path | None, typer.Option("--assume", help="assumptions YAML for catalog "
                                                "forces (DE, alert, pk, w80)")] = None,
    lua: Annotated[bool, typer.Option("--lua", help="both sides launch fixed forces under "
                                      "attack")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """First-strike stability (Kent & Thaler 1989) of two postures: C1, C2, r per side, FSI."""
    from stratlab.models.first_strike import first_strike_stability
    from stratlab.scenario.assumptions import load_assumptions
    from stratlab.scenario.posture import Posture, force_arrays
    from stratlab.scenario.posture_catalog import UNCOUNTED

    notes: list[str] = []
    hyp = None
    if year is not None:
        if vs is not None or len(postures) != 2:
            raise UserError("--year takes two actor codes (e.g. --year 1987 USA RUS) and no --vs")
        if postures[0].upper() == postures[1].upper():
            raise UserError(f"--year {year} {postures[0]} {postures[1]}: expected two different "
                            "actors (a side against itself has no stability)")
        try:
            hyp = load_assumptions(assume)
            a, b = (Posture.from_catalog(actor.upper(), year, assumptions=hyp) for actor in postures)
        except (ValueError, LookupError) as exc:
            raise UserError(str(exc)) from exc
        notes.append(f"assumptions: {hyp.describe()}")
        if assume is None:
            notes.append("these are illustrative values, not a calibration: pass --assume FILE")
        for p, other in ((a, b), (b, a)):
            if gaps := _missing(p):
                notes.append(f"{p.actor} {year}: the forces table has no {', '.join(gaps)} forces")
            if out_of_reach := _left_out(p, other.actor):
                notes.append(f"{p.actor} {year}: not counted against {other.actor} (out of reach): "
                             f"{', '.join(out_of_reach)}")
            guessed = [f"{c.name}: {g}" for c in p.components for g in c.assumed
                       if g.startswith(("launchers", "warheads_per_launcher"))]
            if guessed:
                notes.append(f"{p.actor} {year}: no published figure, assumed: {'; '.join(guessed)}")
            if p.note and UNCOUNTED in p.note:
                notes.append(f"{p.actor} {year}: {p.note.split('; ', 1)[1]}")
    else:
        if vs is None or len(postures) != 1:
            raise UserError("give one POSTURE.yaml and --vs OTHER.yaml, or --year YEAR A B")
        a, b = _load_file(Path(postures[0])), _load_file(vs)
    try:
        fa, fb = force_arrays(a, b, lua=lua, assumptions=hyp)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    res = first_strike_stability(fa, fb)
    out: dict[str, Any] = {"fsi": float(res.fsi), "lua": lua, "notes": notes,
                           "sources": list(res.sources), "sides": {}}
    for label, p, other, c1, c2, r in (("a", a, b, res.c1_a, res.c2_a, res.r_a),
                                       ("b", b, a, res.c1_b, res.c2_b, res.r_b)):
        minutes, how = _warning(p, other)
        out["sides"][p.actor] = {"role": label, "year": p.year, "c1": float(c1), "c2": float(c2),
                                 "r": float(r), "warning_min": minutes, "warning_basis": how,
                                 "components": [c.name for c in p.components],
                                 "warheads_counted": _counted(p, other.actor)}
    if json_out:
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"First-strike stability: FSI = {res.fsi.item():.3f}")
    for col in ("side", "C1 (strike first)", "C2 (struck first)", "r = min(1, C1/C2)",
                "warning (min)", "warning basis"):
        table.add_column(col)
    for actor, s in out["sides"].items():
        w = "" if s["warning_min"] is None or math.isnan(s["warning_min"]) else f"{s['warning_min']:.1f}"
        table.add_row(actor, f"{s['c1']:.3f}", f"{s['c2']:.3f}", f"{s['r']:.3f}", w, s["warning_basis"])
    console.print(table)
    for note in notes:
        console.print(f"[dim]note: {note}[/dim]")


__all__ = ["stability"]
