"""The roles of INF-band (ground-launched 500–5,500 km) systems, as metrics (docs/engine.md).

For actor ``i`` and rival ``j`` in one member-year (``reach[i, j]`` = 1 if ``i``'s INF-band systems
reach ``j``'s homeland; ``theatre[i, j]`` = 1 if their INF-band forces face each other):

* **central deterrence** — ``inf_central_share[i, j]``: share of ``i``'s warheads deliverable on
  ``j``'s homeland that INF-band systems carry, ``reach·W_inf_i / (W_central_i + reach·W_inf_i)``
  (central warheads assumed to reach every rival); and ``inf_fsi_effect[i, j]``: the pair's FSI
  with INF-band forces minus without them.
* **extended deterrence** — ``inf_theatre_share[i, j]``: ``i``'s share of the two sides' nuclear
  INF-band warheads in their shared theatre, ``W_inf_i / (W_inf_i + W_inf_j)`` (the balance the
  1979 dual-track decision was about: theatre systems that threaten allies rather than the
  homeland); NaN outside a theatre or when neither side has any.
* **counter-missile-defence** — ``inf_defense_saturation[i, j]``: ``min(1, reach·W_inf_i / I_j)``,
  the share of ``j``'s interceptors that ``i``'s INF-band warheads reaching ``j`` could absorb at
  one interceptor each; NaN if ``j`` has no interceptors.
* **cross-domain** — ``inf_conventional_share[i]``: conventional launchers among ``i``'s INF-band
  launchers (conventional long-range strike that holds strategic targets at risk); NaN if none.
* **warning time** — ``inf_warning_time[i, j]``: minimum-energy free-flight time, minutes, at the
  launcher-weighted stated range of ``i``'s INF-band systems (an upper bound: targets lie within
  range); NaN if they do not reach ``j`` or the range is unknown.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from stratlab.engine.arsenal import Arsenal
from stratlab.models.flight_time import min_energy_flight_time

FloatArray = NDArray[np.float64]


def _div(num: FloatArray, den: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _rows(x: FloatArray) -> FloatArray:
    """``x[..., i]`` as ``(..., i, 1)``."""
    return x[..., :, None]


def _cols(x: FloatArray) -> FloatArray:
    """``x[..., j]`` as ``(..., 1, j)``."""
    return x[..., None, :]


def _off_diagonal(x: FloatArray) -> FloatArray:
    n = x.shape[-1]
    out = np.array(x, dtype=np.float64)
    out[..., np.arange(n), np.arange(n)] = np.nan
    return out


def flight_minutes(range_km: FloatArray) -> FloatArray:
    """Minimum-energy free-flight time in minutes; NaN where the range is unknown."""
    r = np.asarray(range_km, dtype=np.float64)
    ok = np.isfinite(r)
    out = np.full(r.shape, np.nan)
    out[ok] = min_energy_flight_time(r[ok]) / 60.0
    return out


def inf_roles(ars: Arsenal, reach: FloatArray, theatre: FloatArray) -> dict[str, FloatArray]:
    """Every INF-role metric except the FSI effect (which needs two stability runs)."""
    w_inf = ars.inf_warheads
    reaching = _rows(w_inf) * reach
    central = _div(reaching, _rows(ars.central_warheads) + reaching)
    theatre_share = np.where(theatre > 0, _div(_rows(w_inf), _rows(w_inf) + _cols(w_inf)), np.nan)
    saturation = np.minimum(1.0, _div(reaching, _cols(ars.interceptors) * np.ones_like(reaching)))
    minutes = flight_minutes(ars.band_range)
    warning = np.where((reach > 0) & (_rows(ars.inf_launchers) > 0), _rows(minutes), np.nan)
    return {
        "inf_central_share": _off_diagonal(central),
        "inf_theatre_share": _off_diagonal(theatre_share),
        "inf_defense_saturation": _off_diagonal(saturation),
        "inf_warning_time": _off_diagonal(warning),
        "inf_conventional_share": _div(ars.conv_n, ars.inf_launchers),
    }


__all__ = ["flight_minutes", "inf_roles"]
