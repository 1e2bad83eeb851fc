"""The four roles the INF study gives ground-launched intermediate-range forces, as metrics,
and warning time per pair.

**Reconstruction** (this project's definitions; the INF study names the roles, not formulas).
Equations and their reading: ``docs/theory/inf_roles.md``. All functions are pure and broadcast
over leading (member, year, ...) axes; pair metrics put the actor ``i`` and the target ``j`` on
the last two axes where they take per-actor arrays.

* **Central deterrence** :func:`central_share` — of the warheads ``i`` can deliver on ``j``'s
  homeland, the share INF-range systems carry: ``S = W_inf→j / (W_central→j + W_inf→j)``.
* **Extended deterrence** :func:`theatre_balance`, :func:`coupling` — ``i``'s share of the two
  sides' INF-range warheads in their shared theatre, ``B = W_i / (W_i + W_j)``; and the coupling
  of the ally's defence to the strategic exchange, the share of ``i``'s theatre INF warheads that
  can strike ``j``'s homeland, ``K = W_theatre→homeland / W_theatre`` (the 1979 argument: a
  theatre force that can reach the Soviet homeland ties a war in Europe to the central balance).
* **Lever against missile defence** :func:`defense_lever` — the exchange with ``j``'s
  interceptors intact, with the share of them destroyed by ``i``'s INF warheads aimed at ``j``'s
  defence sites removed, and with none: ``i``'s retaliation arriving on ``j``'s value and
  both break-even ratios in each case. The share destroyed is ``1 - (1 - TKP)^(w/S)`` for ``w``
  warheads spread evenly over ``S`` sites (interpolated between whole shots per site) [R].
* **Cross-domain** :func:`conventional_strike` — conventional precision INF-range missiles
  strike the victim's launchers before the nuclear exchange with their own damage expectancy
  (they destroy no value): launchers killed per class, greedy by warheads removed per missile,
  ``n (1 - (1 - DE)^(k/n))`` for ``k`` missiles spread evenly over ``n`` launchers (interpolated
  between whole shots per launcher, so ``k < n`` missiles with DE 1 kill ``k``) [R]; the victim's
  :class:`~stratlab.models.first_strike.ForceArrays` after that strike, for the exchange.
* **Warning time** :func:`pair_warning_time` — the shortest time to impact of any of ``i``'s
  systems that can reach the target from where it is based: ballistic systems by the
  minimum-energy free flight plus boost (:func:`~stratlab.models.flight_time.min_energy_flight_time`),
  cruise systems by distance over speed (:func:`~stratlab.models.flight_time.cruise_flight_time`),
  each over its own launch-to-target distance; not weighted by launchers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from stratlab.models.first_strike import ForceArrays, first_strike_stability
from stratlab.models.first_strike.defense import leakers
from stratlab.models.flight_time import cruise_flight_time, min_energy_flight_time

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def _f(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def _share(num: FloatArray, den: FloatArray) -> FloatArray:
    """``num / den`` with NaN where ``den`` is 0 (no warheads: the share is undefined)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan))


def central_share(inf_reaching: ArrayLike, central_reaching: ArrayLike) -> FloatArray:
    """``S = W_inf / (W_central + W_inf)``: INF-range share of warheads able to reach a homeland."""
    w_inf, w_c = _f(inf_reaching), _f(central_reaching)
    return _share(w_inf, w_c + w_inf)


def theatre_balance(inf_own: ArrayLike, inf_other: ArrayLike) -> FloatArray:
    """``B = W_i / (W_i + W_j)``: one side's share of the theatre's INF-range warheads."""
    w_i, w_j = _f(inf_own), _f(inf_other)
    return _share(w_i, w_i + w_j)


def coupling(theatre_reaching_homeland: ArrayLike, theatre: ArrayLike) -> FloatArray:
    """``K = W_theatre→homeland / W_theatre``: share of theatre INF warheads that reach the
    adversary's homeland (1: every theatre warhead couples; 0: none does)."""
    return _share(_f(theatre_reaching_homeland), _f(theatre))


def _killed_share(shots: FloatArray, n: FloatArray, p: FloatArray) -> FloatArray:
    """Expected share of ``n`` targets killed by ``shots`` spread as evenly as possible, each
    with kill probability ``p``: with ``shots/n = q + f``, ``(1-f)(1-(1-p)^q) + f(1-(1-p)^(q+1))``
    (``1 - (1-p)^q`` when every target gets ``q``)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.where(n > 0, shots / np.where(n > 0, n, 1.0), 0.0)
    q = np.floor(x)
    f = x - q
    miss = np.power(1.0 - p, q)
    return np.asarray(np.where(n > 0, 1.0 - miss * (1.0 - f * p), 0.0), dtype=np.float64)


def sites_destroyed(warheads: ArrayLike, sites: ArrayLike, tkp: ArrayLike) -> FloatArray:
    """Expected share of ``sites`` destroyed by ``warheads`` spread evenly over them
    (``1 - (1-TKP)^(w/S)`` when ``w/S`` is whole; interpolated between whole numbers)."""
    return _killed_share(np.maximum(_f(warheads), 0.0), _f(sites), _f(tkp))


@dataclass(frozen=True)
class DefenseLever:
    """``i``'s retaliation arriving on ``j``'s value, both ratios and the index, three ways:
    ``j``'s defence intact (``_defended``), reduced by ``i``'s strike on its sites
    (``_suppressed``) and absent (``_undefended``)."""

    retaliation_defended: FloatArray
    retaliation_suppressed: FloatArray
    retaliation_undefended: FloatArray
    r_defended: FloatArray
    """``i``'s break-even ratio (``r_i``)."""
    r_suppressed: FloatArray
    r_undefended: FloatArray
    r_other_defended: FloatArray
    """``j``'s break-even ratio (``r_j``): ``j``'s cost of striking first counts ``i``'s
    retaliation through ``j``'s defence, so the lever acts on it."""
    r_other_suppressed: FloatArray
    r_other_undefended: FloatArray
    fsi_defended: FloatArray
    fsi_suppressed: FloatArray
    fsi_undefended: FloatArray
    share_suppressed: FloatArray

    @property
    def retaliation_gain(self) -> FloatArray:
        """Arriving retaliation gained by striking the defence sites."""
        return self.retaliation_suppressed - self.retaliation_defended

    @property
    def r_gain(self) -> FloatArray:
        """Change in ``i``'s break-even ratio from striking the defence sites."""
        return self.r_suppressed - self.r_defended


def defense_lever(
    own: ForceArrays, other: ForceArrays, inf_warheads_on_sites: ArrayLike, sites: ArrayLike,
    tkp: ArrayLike, **exchange: Any,
) -> DefenseLever:
    """The missile-defence lever of ``own``'s INF-range forces against ``other``'s defence.

    ``other`` strikes first (``own`` is the victim); ``own`` retaliates through ``other``'s
    interceptors. Three exchanges: ``other``'s defence intact; reduced by the share
    :func:`sites_destroyed` (``inf_warheads_on_sites`` of ``own``'s INF warheads on ``sites``
    defence sites with kill probability ``tkp``, fired before retaliation); and absent.
    Keywords go to :func:`~stratlab.models.first_strike.first_strike_stability`.
    """
    share = sites_destroyed(inf_warheads_on_sites, sites, tkp)
    cases = {
        "defended": other,
        "suppressed": other.replace(interceptors=other.interceptors * (1.0 - share)),
        "undefended": other.replace(interceptors=0.0),
    }
    out: dict[str, FloatArray] = {}
    for name, o in cases.items():
        res = first_strike_stability(own, o, **exchange)
        out["retaliation_" + name] = leakers(res.b_strikes.retaliation, o.interceptors, o.pk)
        out["r_" + name] = res.r_a
        out["r_other_" + name] = res.r_b
        out["fsi_" + name] = res.fsi
    return DefenseLever(share_suppressed=share, **out)


def conventional_strike(
    victim: ForceArrays, missiles: ArrayLike, de_fixed: ArrayLike, de_surv: ArrayLike
) -> ForceArrays:
    """``victim`` after ``missiles`` conventional precision missiles struck its launchers.

    Targets as in the nuclear exchange: fixed launchers and off-alert survivable launchers. The
    missiles go first to the class that loses more warheads per missile (``m DE``), one per
    launcher, then the rest to the other class, then as further shots shared in proportion to
    the launchers; ``k`` missiles spread evenly on ``n`` launchers kill
    ``n (1 - (1 - DE)^(k/n))`` at whole ``k/n`` (interpolated between) [R]. Killed launchers are removed
    (fixed from ``n_fixed``, survivable from the off-alert part of ``n_surv``, keeping the
    on-alert launchers and so raising the alert share of what is left).
    """
    k = np.maximum(_f(missiles), 0.0)
    p_f, p_s = _f(de_fixed), _f(de_surv)
    n_f = np.broadcast_to(victim.n_fixed, np.broadcast_shapes(victim.batch_shape, k.shape))
    n_s_tgt = victim.n_surv * (1.0 - victim.alert)
    fixed_first = victim.m_fixed * p_f >= victim.m_surv * p_s
    first_n = np.where(fixed_first, n_f, n_s_tgt)
    second_n = np.where(fixed_first, n_s_tgt, n_f)
    k1 = np.minimum(k, first_n)
    k2 = np.minimum(k - k1, second_n)
    rest = k - k1 - k2
    # Further shots: the rest shared in proportion to the launchers of each class.
    tot = first_n + second_n
    with np.errstate(invalid="ignore", divide="ignore"):
        extra1 = np.where(tot > 0, rest * first_n / np.where(tot > 0, tot, 1.0), 0.0)
    k1, k2 = k1 + extra1, k2 + (rest - extra1)
    k_f = np.where(fixed_first, k1, k2)
    k_s = np.where(fixed_first, k2, k1)

    dead_f = n_f * _killed_share(k_f, n_f, p_f)
    dead_s = n_s_tgt * _killed_share(k_s, n_s_tgt, p_s)
    n_s_new = victim.n_surv - dead_s
    on_alert = victim.n_surv * victim.alert
    with np.errstate(invalid="ignore", divide="ignore"):
        alert_new = np.where(n_s_new > 0, on_alert / np.where(n_s_new > 0, n_s_new, 1.0), 0.0)
    return victim.replace(
        n_fixed=np.maximum(n_f - dead_f, 0.0),
        n_surv=np.maximum(n_s_new, 0.0),
        alert=np.clip(alert_new, 0.0, 1.0),
    )


def pair_warning_time(
    distance_km: ArrayLike,
    reaches: ArrayLike,
    cruise: ArrayLike,
    *,
    boost_time_s: ArrayLike = 0.0,
    cruise_speed_kmh: ArrayLike = np.nan,
) -> FloatArray:
    """Shortest time to impact, minutes, over the systems on the **last** axis that reach.

    Per system: ``distance_km`` from its basing to the target, ``reaches`` (bool: in range and
    able to strike that target), ``cruise`` (bool: cruise missile, else ballistic),
    ``boost_time_s`` (ballistic only; default 0: the reference note gives no sourced boost
    times) and ``cruise_speed_kmh`` (cruise only; required where a reaching system is cruise).
    NaN where no system reaches.
    """
    d = _f(distance_km)
    ok = np.asarray(reaches, dtype=bool) & np.isfinite(d)
    is_cruise = np.broadcast_to(np.asarray(cruise, dtype=bool), d.shape)
    t = np.full(np.broadcast_shapes(d.shape, ok.shape), np.inf)
    bal = ok & ~is_cruise
    if np.any(bal):
        boost = np.broadcast_to(_f(boost_time_s), t.shape)
        t[bal] = boost[bal] + min_energy_flight_time(np.broadcast_to(d, t.shape)[bal])
    cru = ok & is_cruise
    if np.any(cru):
        v = np.broadcast_to(_f(cruise_speed_kmh), t.shape)[cru]
        if np.any(~np.isfinite(v)):
            raise ValueError("cruise_speed_kmh: needed for every cruise system that reaches")
        t[cru] = cruise_flight_time(np.broadcast_to(d, t.shape)[cru], v)
    best = t.min(axis=-1)
    return np.asarray(np.where(np.isfinite(best), best / 60.0, np.nan), dtype=np.float64)


__all__ = [
    "DefenseLever",
    "central_share",
    "conventional_strike",
    "coupling",
    "defense_lever",
    "pair_warning_time",
    "sites_destroyed",
    "theatre_balance",
]
