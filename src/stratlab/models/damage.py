"""Value damage: the fraction of a country's urban–industrial value destroyed by arriving weapons.

Kent & Thaler's cost function (R-3765 App. C) needs ``D``, the fraction of a side's value
destroyed, as a function of the weapons that arrive on it. The report draws its own hand-drawn
curves (Fig. 7, p. 18, per the open-source tool [tsm-crisis-stability-js]); they could not be read
for this project, nor could any other published curve of value destroyed versus arriving warheads
or equivalent megatons (OTA, *The Effects of Nuclear War*, 1979, was searched: the readable pages
give attack cases, e.g. 73 % of Soviet refining capacity destroyed in Case 2, but no
damage-versus-attack-size curve; the Enthoven & Smith / McNamara assured-destruction tables were
not found in a readable source). What this module provides instead, each form stated with its
status (``docs/theory/damage.md``):

* ``exponential`` in arriving weapons [S, the open-source tool's stand-in]:
  ``D(w) = 1 - exp(-w ln5 / w80)``, ``w80`` the weapons that destroy 80 % of the value.
* ``exponential`` in equivalent megatons [D]: the same law with ``w`` replaced by the arriving
  EMT, ``E = w * emt_per_weapon``; it is the weapon-count curve with
  ``w80 = E80 / emt_per_weapon`` (:func:`w80_from_emt`), so the exchange model is unchanged. The
  EMT per warhead ``Y^(2/3)`` is the cube-root area scaling (:mod:`stratlab.models.counterforce`).
* Any curve given as **published points** (:func:`tabulated`): piecewise-linear interpolation of
  ``D`` against arriving weapons or EMT through ``(0, 0)`` and the points, flat beyond the last;
  :func:`w80_of_curve` reads the ``w80`` such a curve implies, for the exchange model.

Every parameter is a :class:`Parameter` with a central value, a low–high range and a source
id; :meth:`Parameter.sample` draws ensemble members (log-uniform between low and high).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

LN5 = math.log(5.0)

SOURCE_IDS = ("tsm-crisis-stability-js", "kent-thaler-1989", "start1-mou-1990")
"""Source ids this module cites."""


@dataclass(frozen=True)
class Parameter:
    """A model parameter with its uncertainty range and the source that states it."""

    name: str
    value: float
    low: float
    high: float
    source_id: str
    status: str
    """``"S"`` secondary, ``"D"`` derived, ``"R"`` reconstruction, ``"notional"``: no source."""

    def __post_init__(self) -> None:
        if not (0.0 < self.low <= self.value <= self.high):
            raise ValueError(f"{self.name}: expected 0 < low <= value <= high")

    def sample(self, rng: np.random.Generator, size: int) -> FloatArray:
        """``size`` ensemble draws, log-uniform on ``[low, high]``."""
        lo, hi = math.log(self.low), math.log(self.high)
        return np.exp(rng.uniform(lo, hi, size))


def exponential(arriving: ArrayLike, w80: ArrayLike) -> FloatArray:
    """``D = 1 - exp(-w ln5 / w80)``; ``arriving`` and ``w80`` in the same unit (weapons or EMT).

    Negative arrivals count as zero. Equal to :func:`stratlab.models.first_strike.damage`.
    """
    w = np.maximum(np.asarray(arriving, dtype=np.float64), 0.0)
    return np.asarray(-np.expm1(-w * LN5 / np.asarray(w80, dtype=np.float64)), dtype=np.float64)


def w80_from_emt(e80: ArrayLike, emt_per_weapon: ArrayLike) -> FloatArray:
    """Weapons that destroy 80 % when ``e80`` EMT do and each weapon carries ``emt_per_weapon``."""
    per = np.asarray(emt_per_weapon, dtype=np.float64)
    if np.any(per <= 0):
        raise ValueError("emt_per_weapon: expected > 0")
    return np.asarray(np.asarray(e80, dtype=np.float64) / per, dtype=np.float64)


def _points(x: ArrayLike, d: ArrayLike) -> tuple[FloatArray, FloatArray]:
    xs = np.concatenate([[0.0], np.asarray(x, dtype=np.float64)])
    ds = np.concatenate([[0.0], np.asarray(d, dtype=np.float64)])
    if np.any(np.diff(xs) <= 0) or np.any(np.diff(ds) < 0) or ds[-1] > 1.0:
        raise ValueError(
            "curve points: expected increasing attack sizes > 0 and nondecreasing fractions <= 1"
        )
    return xs, ds


def tabulated(arriving: ArrayLike, x: ArrayLike, d: ArrayLike) -> FloatArray:
    """``D`` by piecewise-linear interpolation through ``(0, 0)`` and the points ``(x, d)``.

    ``x``: attack sizes (weapons or EMT) in increasing order; ``d``: the fractions destroyed a
    source gives there. Flat beyond the last point (no extrapolation).
    """
    xs, ds = _points(x, d)
    w = np.maximum(np.asarray(arriving, dtype=np.float64), 0.0)
    return np.asarray(np.interp(w, xs, ds), dtype=np.float64)


def w80_of_curve(x: ArrayLike, d: ArrayLike) -> float:
    """The ``w80`` of the exponential law through the curve's point nearest to ``D = 0.8``.

    Matching one point (``w80 = x ln5 / -ln(1 - d)``) is the simplest reading; a curve that
    reaches 80 % is matched there exactly (by interpolation).
    """
    xs, ds = _points(x, d)
    if ds[-1] >= 0.8:
        return float(np.interp(0.8, ds, xs))
    i = int(np.argmax(ds))
    return float(xs[i] * LN5 / -math.log1p(-ds[i]))


W80_TOOL = Parameter(
    name="w80",
    value=900.0,
    low=900.0,
    high=900.0,
    source_id="tsm-crisis-stability-js",
    status="notional",
)
"""The open-source tool's preset ``w80`` (900 arriving weapons; its presets file calls every
value notional). Kept as a record of the tool, not as a default of this project: the project's
``stability.w80`` scenario parameter and its range are set by the scenario layer."""


W80_KT1988 = Parameter(
    name="w80",
    value=4000.0,
    low=1500.0,
    high=12000.0,
    source_id="kent-thaler-1989",
    status="D",
)
"""Calibrated [D]: the ``w80`` (arriving weapons) for which the Kent–Thaler exchange, fed the
START I MOU forces of 1 September 1990 [start1-mou-1990] with DE 0.5–0.9 and alert 0.3–0.7,
gives the report's 1988 index 0.76 ± 0.02 (R-3765 pp. 36–37 as quoted [kent-thaler-1989]):
46 of 1,125 scanned sets, w80 from 1,500 to 12,000 (the end of the scan), median 4,000
(``scripts/kt1988_calibration.py``; docs/theory/first_strike.md, "Calibration"). An inverse
result that carries the scan's other assumptions."""


__all__ = [
    "LN5",
    "SOURCE_IDS",
    "W80_KT1988",
    "W80_TOOL",
    "Parameter",
    "exponential",
    "tabulated",
    "w80_from_emt",
    "w80_of_curve",
]
