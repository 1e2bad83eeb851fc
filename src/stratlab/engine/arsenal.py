"""Forces as the engine carries them: a few quantities per actor, arrays with the actor axis last.

A :class:`~stratlab.scenario.Posture` is reduced to **families** (vocabulary in
:mod:`stratlab.data.vocabulary`; documented in docs/engine.md):

* central: ``icbm`` (``icbm_silo`` + ``icbm_mobile`` + ``icbm``), ``slbm``, ``bomber``, ``slcm``,
  ``alcm``;
* ``inf``: nuclear ground-launched missiles of 500–5,500 km (``glbm_*``, ``glcm_*``);
* ``conv``: conventional precision strike whose stated range lies in that band;
* ``interceptor``: missile-defence interceptors.

Per family: launchers ``L``, warheads per launcher ``w``, survivable shares of launchers ``sL``
and of warheads ``sW`` (``Component.survivable``), alert fraction ``a`` of survivable launchers
and range ``r`` (NaN where no component states one). :func:`family_values` with a ``target``
keeps only the components that reach that actor's homeland (``Component.reaches``): the forces
that count against it in the exchange (docs/theory/first_strike.md, "Reach").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

import numpy as np
from numpy.typing import NDArray

from stratlab.data.vocabulary import CENTRAL, FAMILIES, INF_BAND_KM, INF_CATEGORIES, default_survivable
from stratlab.scenario.posture import Component, Posture

FloatArray = NDArray[np.float64]

QUANTITIES = ("L", "w", "sL", "sW", "a", "r")


def in_band(component: Component) -> bool:
    """A conventional component counts in the INF band iff its stated range lies in it."""
    return component.range_km is not None and INF_BAND_KM[0] <= component.range_km <= INF_BAND_KM[1]


def default_share(family: str) -> float:
    """Survivable share of a family without launchers (``default_survivable``)."""
    return 1.0 if default_survivable(FAMILIES[family][0]) else 0.0


def family_values(posture: Posture, target: str | None = None) -> dict[str, dict[str, float]]:
    """``{family: {quantity: value}}`` of one posture (of the components reaching ``target``'s
    homeland if given). A family without launchers has ``L = 0``, ``w = 1``, the default
    survivable share, ``a = 0`` and ``r = NaN``."""
    out: dict[str, dict[str, float]] = {}
    for fam, cats in FAMILIES.items():
        if fam == "interceptor":
            n = float(sum(d.interceptors for d in posture.defenses))
            out[fam] = _row(n, 1.0, 0.0, 0.0, 0.0, math.nan)
            continue
        comps = [c for c in posture.components if c.category in cats and (fam != "conv" or in_band(c))
                 and (target is None or c.reaches_actor(target))]
        L = float(sum(c.launchers for c in comps))
        W = float(sum(c.warheads for c in comps))
        if not L:
            share = default_share(fam)
            out[fam] = _row(0.0, 1.0, share, share, 0.0, math.nan)
            continue
        surv = [c for c in comps if c.survivable]
        nS = sum(c.launchers for c in surv)
        a = sum(c.alert_fraction * c.launchers for c in surv) / nS if nS else 0.0
        ranged = [(float(c.range_km), c.launchers) for c in comps if c.range_km is not None and c.launchers]
        all_ranged = len(ranged) == len([c for c in comps if c.launchers])
        r = sum(km * n for km, n in ranged) / sum(n for _, n in ranged) if ranged and all_ranged else math.nan
        sW = sum(c.warheads for c in surv) / W if W else default_share(fam)
        out[fam] = _row(L, W / L, nS / L, sW, a, r)
    return out


def _row(L: float, w: float, sL: float, sW: float, a: float, r: float) -> dict[str, float]:
    return dict(zip(QUANTITIES, (L, w, sL, sW, a, r), strict=True))


def posture_arsenal(posture: Posture, target: str | None = None) -> Arsenal:
    """One posture's :class:`Arsenal` (scalar fields), of the components reaching ``target``."""
    values = family_values(posture, target)
    return aggregate({fam: {q: np.asarray(v) for q, v in row.items()} for fam, row in values.items()})


@dataclass(frozen=True)
class Arsenal:
    """Every actor's forces; each field an array with the actor axis last (leading: member, year)."""

    n_fixed: FloatArray
    """Central fixed launchers."""
    w_fixed: FloatArray
    """Warheads on central fixed launchers."""
    n_surv: FloatArray
    """Central survivable launchers."""
    w_surv: FloatArray
    """Warheads on central survivable launchers."""
    alert: FloatArray
    """Alert fraction of central survivable launchers."""
    inf_n_fixed: FloatArray
    """Nuclear INF-band launchers, fixed."""
    inf_w_fixed: FloatArray
    inf_n_surv: FloatArray
    """Nuclear INF-band launchers, survivable (mobile)."""
    inf_w_surv: FloatArray
    inf_alert: FloatArray
    inf_range: FloatArray
    """Launcher-weighted stated range of nuclear INF-band systems, km (NaN: unknown)."""
    conv_n: FloatArray
    """Conventional INF-band launchers."""
    conv_range: FloatArray
    interceptors: FloatArray

    @property
    def central_warheads(self) -> FloatArray:
        """Warheads on central (strategic) launchers."""
        return self.w_fixed + self.w_surv

    @property
    def inf_warheads(self) -> FloatArray:
        """Nuclear warheads on INF-band launchers."""
        return self.inf_w_fixed + self.inf_w_surv

    @property
    def inf_nuclear_launchers(self) -> FloatArray:
        """Nuclear INF-band launchers."""
        return self.inf_n_fixed + self.inf_n_surv

    @property
    def inf_launchers(self) -> FloatArray:
        """All INF-band launchers, nuclear and conventional."""
        return self.inf_nuclear_launchers + self.conv_n

    @property
    def band_range(self) -> FloatArray:
        """Launcher-weighted range of all INF-band launchers with a known range (NaN if none)."""
        nn, nc = self.inf_nuclear_launchers, self.conv_n
        wn = np.where(np.isfinite(self.inf_range), nn, 0.0)
        wc = np.where(np.isfinite(self.conv_range), nc, 0.0)
        total = wn + wc
        num = np.nan_to_num(self.inf_range) * wn + np.nan_to_num(self.conv_range) * wc
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, num / np.where(total > 0, total, 1.0), np.nan)

    def map(self, fn: object) -> Arsenal:
        """Apply ``fn`` (array -> array) to every field."""
        return Arsenal(**{f.name: fn(getattr(self, f.name)) for f in fields(self)})  # type: ignore[operator]

    def with_fields(self, **changes: FloatArray) -> Arsenal:
        """A copy with some fields replaced."""
        return replace(self, **changes)

    @classmethod
    def stack(cls, items: list[Arsenal], axis: int) -> Arsenal:
        """Stack arsenals along a new axis (e.g. the year axis)."""
        return cls(**{f.name: np.stack([getattr(a, f.name) for a in items], axis=axis) for f in fields(cls)})


def aggregate(values: dict[str, dict[str, FloatArray]]) -> Arsenal:
    """An :class:`Arsenal` from family quantities (each an array, NaN-free except ranges)."""
    central = [{**values[f], "W": values[f]["L"] * values[f]["w"]} for f in CENTRAL]
    n_fixed = sum(v["L"] * (1.0 - v["sL"]) for v in central)
    n_surv = sum(v["L"] * v["sL"] for v in central)
    alert_num = sum(v["a"] * v["L"] * v["sL"] for v in central)
    inf, conv = {**values["inf"], "W": values["inf"]["L"] * values["inf"]["w"]}, values["conv"]
    inf_ns = inf["L"] * inf["sL"]
    return Arsenal(
        n_fixed=np.asarray(n_fixed, dtype=np.float64),
        w_fixed=np.asarray(sum(v["W"] * (1.0 - v["sW"]) for v in central), dtype=np.float64),
        n_surv=np.asarray(n_surv, dtype=np.float64),
        w_surv=np.asarray(sum(v["W"] * v["sW"] for v in central), dtype=np.float64),
        alert=np.asarray(np.where(n_surv > 0, alert_num / np.where(n_surv > 0, n_surv, 1.0), 0.0)),
        inf_n_fixed=inf["L"] * (1.0 - inf["sL"]),
        inf_w_fixed=inf["W"] * (1.0 - inf["sW"]),
        inf_n_surv=inf_ns,
        inf_w_surv=inf["W"] * inf["sW"],
        inf_alert=inf["a"],
        inf_range=inf["r"],
        conv_n=conv["L"],
        conv_range=conv["r"],
        interceptors=values["interceptor"]["L"],
    )


__all__ = [
    "CENTRAL",
    "FAMILIES",
    "INF_BAND_KM",
    "INF_CATEGORIES",
    "QUANTITIES",
    "Arsenal",
    "aggregate",
    "default_share",
    "family_values",
    "in_band",
    "posture_arsenal",
]
