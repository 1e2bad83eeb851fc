"""Perceptions in historical mode: beliefs driven by coded events, and a least-squares fit.

Yearly step (docs/engine.md): the perception model's memory pull and inertia act once a year,
with the year's first act (or with no act); the year's further acts add their evidence by the
model's weighted Bayes rule (memory weight and inertia 0), which in log-odds is a sum, so their
order does not matter. The belief of year ``y`` is the belief after ``y``'s acts.

Fit (the ``russia-us-perception`` case): the measured index of how ``observer`` speaks of
``target`` in the UN General Debate (:func:`stratlab.measure.speeches.perception_index`, score in
[-1, 1], higher = friendlier) is mapped to a hostility ``(1 - score) / 2`` and a few perception
parameters are fitted to it by least squares (``scipy.optimize.least_squares``, trust-region
reflective within bounds), over the years that have a measured score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import least_squares

from stratlab.models.perception import PerceptionParams, step, validate

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

FIT_BOUNDS: dict[str, tuple[float, float]] = {
    "prior": (0.01, 0.99),
    "responsiveness": (0.0, 5.0),
    "negativity": (0.1, 10.0),
    "status_sensitivity": (0.0, 1.0),
    "memory": (0.01, 0.99),
    "memory_weight": (0.0, 0.95),
    "inertia": (0.0, 0.95),
}
"""Search box of each fitted parameter (inside the model's valid ranges)."""


def believe(prior: FloatArray, acts: IntArray, params: PerceptionParams) -> FloatArray:
    """Beliefs after each year, ``(..., year, A, A)`` from ``prior`` ``(..., A, A)`` and acts.

    ``acts`` is ``(year, slot, A, A)``; parameters broadcast against ``prior``. For one dyad,
    ``prior`` may be a scalar and ``acts`` ``(year, slot)``: the result is ``(year,)``.
    """
    validate(params)
    pure = replace(params, memory_weight=0.0, inertia=0.0)
    h = np.asarray(prior, dtype=np.float64)
    out = []
    for year_acts in acts:
        h = step(h, np.broadcast_to(year_acts[0], h.shape), params)
        for slot in year_acts[1:]:
            h = step(h, np.broadcast_to(slot, h.shape), pure)
        out.append(h)
    return np.stack(out, axis=max(h.ndim - 2, 0))


@dataclass(frozen=True)
class PerceptionFit:
    """Fitted perception parameters for one dyad and how well they fit."""

    names: tuple[str, ...]
    values: tuple[float, ...]
    rmse: float
    n_years: int
    fitted: FloatArray
    """The fitted model's hostility, one value per year."""
    measured: FloatArray
    """The measured hostility ``(1 - score) / 2`` (NaN where no score)."""

    def as_dict(self) -> dict[str, float]:
        """``{name: value}``."""
        return dict(zip(self.names, self.values, strict=True))


def _dyad_model(theta: FloatArray, names: Sequence[str], acts: IntArray, base: PerceptionParams,
                prior: float) -> FloatArray:
    given = dict(zip(names, (float(v) for v in theta), strict=True))
    h0 = given.pop("prior", prior)
    params = replace(base, **given)
    return believe(np.asarray(h0), acts, params)


def fit_dyad(
    acts: IntArray,
    score: FloatArray,
    names: Sequence[str],
    base: PerceptionParams,
    prior: float,
) -> PerceptionFit:
    """Least-squares fit of ``names`` to the measured series of one dyad.

    ``acts`` is ``(year, slot)`` for the dyad; ``score`` the measured index per year (NaN: none).
    """
    measured = (1.0 - np.asarray(score, dtype=np.float64)) / 2.0
    ok = np.isfinite(measured)
    if ok.sum() < len(names) + 1:
        raise ValueError(f"perception fit: {int(ok.sum())} measured years for {len(names)} parameters")
    start = np.array([prior if n == "prior" else float(np.asarray(getattr(base, n))) for n in names])
    lo = np.array([FIT_BOUNDS[n][0] for n in names])
    hi = np.array([FIT_BOUNDS[n][1] for n in names])
    start = np.clip(start, lo + 1e-9, hi - 1e-9)

    def residuals(theta: FloatArray) -> FloatArray:
        return np.asarray(_dyad_model(theta, names, acts, base, prior)[ok] - measured[ok])

    sol = least_squares(residuals, start, bounds=(lo, hi), method="trf")
    fitted = _dyad_model(sol.x, names, acts, base, prior)
    rmse = float(np.sqrt(np.mean((fitted[ok] - measured[ok]) ** 2)))
    return PerceptionFit(tuple(names), tuple(float(v) for v in sol.x), rmse, int(ok.sum()), fitted, measured)


__all__ = ["FIT_BOUNDS", "PerceptionFit", "believe", "fit_dyad"]
