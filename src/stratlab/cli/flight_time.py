"""``stratlab flight-time RANGE_KM...``: minimum-energy ballistic (and cruise) flight times."""

from __future__ import annotations

import json
import math
import sys
from typing import Annotated

import typer
from rich.table import Table

from stratlab.cli.common import UserError, console
from stratlab.models.flight_time import (
    EARTH_MEAN_RADIUS_KM,
    cruise_flight_time,
    min_energy_flight_time,
)

_HALF_CIRCUMFERENCE_KM = math.pi * EARTH_MEAN_RADIUS_KM


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UserError(f"{what} {text!r}: expected a number") from None
    return value


def _check_range(value: float, shown: str) -> float:
    if not math.isfinite(value) or value <= 0 or value >= _HALF_CIRCUMFERENCE_KM:
        raise UserError(
            f"range {shown}: expected a distance in km greater than 0 and less than "
            f"{_HALF_CIRCUMFERENCE_KM:,.1f} (half the Earth's circumference)"
        )
    return value


def _check_speed(value: float, shown: str) -> float:
    if not math.isfinite(value) or value <= 0:
        raise UserError(f"--cruise-speed-kmh {shown}: expected a speed in km/h greater than 0")
    return value


def _parse_range(text: str) -> float:
    return _check_range(_number(text, "range"), repr(text))


def _parse_speed(text: str) -> float:
    return _check_speed(_number(text, "--cruise-speed-kmh"), repr(text))


def flight_time(
    ranges: Annotated[
        list[float],
        typer.Argument(
            metavar="RANGE_KM",
            help="ground ranges in km (0 < range < half the Earth's circumference)",
            parser=_parse_range,
            show_default=False,
        ),
    ],
    cruise_speed_kmh: Annotated[
        float | None,
        typer.Option(
            "--cruise-speed-kmh",
            help="also show the time at this constant cruise speed (km/h)",
            parser=_parse_speed,
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
) -> None:
    """Minimum-energy ballistic free-flight time per range (no boost phase; see docs/theory).

    Negative numbers are read as options by the command line: put them after `--`.
    """
    # checked again here because a direct Python call bypasses the command-line parsers
    for r in ranges:
        _check_range(float(r), f"{r!r}")
    if cruise_speed_kmh is not None:
        _check_speed(float(cruise_speed_kmh), f"{cruise_speed_kmh!r}")
    ballistic_min = (min_energy_flight_time(ranges) / 60.0).tolist()
    cruise_min = (
        (cruise_flight_time(ranges, cruise_speed_kmh) / 60.0).tolist()
        if cruise_speed_kmh is not None
        else None
    )
    if json_out:
        rows: list[dict[str, float]] = []
        for i, r in enumerate(ranges):
            row = {"range_km": r, "ballistic_min_energy_min": ballistic_min[i]}
            if cruise_min is not None:
                row["cruise_min"] = cruise_min[i]
            rows.append(row)
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title="Flight time (minimum-energy free flight, spherical non-rotating Earth)")
    table.add_column("range (km)", justify="right")
    table.add_column("ballistic (min)", justify="right")
    if cruise_min is not None:
        table.add_column(f"cruise at {cruise_speed_kmh:,.0f} km/h (min)", justify="right")
    for i, r in enumerate(ranges):
        cells = [f"{r:,g}", f"{ballistic_min[i]:.2f}"]
        if cruise_min is not None:
            cells.append(f"{cruise_min[i]:.1f}")
        table.add_row(*cells)
    console.print(table)
