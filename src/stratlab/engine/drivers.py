"""Exogenous yearly series: power shares among the actors, leader and domestic indicators.

Power shares (default): COW NMC v7.0 CINC among the scenario's actors
(:func:`stratlab.data.power_shares`, ``cow-nmc-v7``), one value per year. Years after the last
data year are extrapolated: ``hold`` keeps the last shares; ``trend`` extends each actor's
least-squares linear trend over the last ``trend_years`` data years, clips shares at 0.01 and
renormalises them to sum to 1. Years before the data are not allowed (the scenario check refuses
them). Explicit ``shares`` replace the catalog (renormalised each year).

Indicators (``leader``, ``domestic``, ``democracy``, ``coalition_change``): a constant, or
``{year: value}`` held from each given year to the next (the first value also before it).
Defaults are the treaty model's :class:`~stratlab.models.treaty.Situation` defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from stratlab.scenario.spec import Drivers, Series

FloatArray = NDArray[np.float64]

INDICATOR_DEFAULTS = {"leader": 0.0, "domestic": 0.0, "democracy": 1.0, "coalition_change": 0.0}
"""Defaults of :class:`stratlab.models.treaty.Situation` for the indicator drivers."""
POWER_SOURCE = "cow-nmc-v7"
MIN_SHARE = 0.01


def series_values(series: Series, years: Sequence[int]) -> FloatArray:
    """One value per year from a constant or a ``{year: value}`` step series."""
    if not isinstance(series, dict):
        return np.full(len(years), float(series))
    points = sorted(series.items())
    out = np.empty(len(years))
    for k, y in enumerate(years):
        before = [v for x, v in points if x <= y]
        out[k] = before[-1] if before else points[0][1]
    return out


def _normalise(shares: FloatArray) -> FloatArray:
    clipped = np.maximum(shares, MIN_SHARE)
    return np.asarray(clipped / clipped.sum(axis=-1, keepdims=True), dtype=np.float64)


def power_series(
    drivers: Drivers, actors: Sequence[str], years: Sequence[int]
) -> tuple[FloatArray, set[str]]:
    """``(year, actor)`` power shares and the source ids behind them."""
    spec = drivers.power
    if spec.shares is not None:
        raw = np.stack([series_values(spec.shares[a], years) for a in actors], axis=-1)
        return _normalise(raw), set()
    from stratlab.data import power_shares

    table = power_shares(list(actors), None, max(years), component=spec.component)
    data_years = table.index.to_numpy(dtype=np.int64)
    data = table[list(actors)].to_numpy(dtype=np.float64)
    last = int(data_years.max())
    out = np.empty((len(years), len(actors)))
    recent = data_years > last - spec.trend_years
    slope = np.zeros(len(actors))
    if spec.extrapolate == "trend":
        x = data_years[recent].astype(float)
        slope = np.polyfit(x - x.mean(), data[recent], 1)[0]
    for k, y in enumerate(years):
        if y in table.index:
            out[k] = table.loc[y, list(actors)].to_numpy(dtype=np.float64)
        elif y > last:
            out[k] = data[-1] + slope * (y - last)
        else:  # a gap inside the data: nearest earlier year
            out[k] = data[data_years < y][-1]
    return _normalise(out), {POWER_SOURCE}


@dataclass(frozen=True)
class Indicators:
    """``(year, actor)`` arrays of the indicator drivers."""

    leader: FloatArray
    domestic: FloatArray
    democracy: FloatArray
    coalition_change: FloatArray


def indicators(drivers: Drivers, actors: Sequence[str], years: Sequence[int]) -> Indicators:
    """Every indicator driver as ``(year, actor)``, defaults where a series is not given."""
    values = {}
    for name, default in INDICATOR_DEFAULTS.items():
        given: dict[str, Series] = getattr(drivers, name)
        values[name] = np.stack(
            [series_values(given.get(a, default), years) for a in actors], axis=-1
        )
    return Indicators(**values)


__all__ = ["INDICATOR_DEFAULTS", "Indicators", "indicators", "power_series", "series_values"]
