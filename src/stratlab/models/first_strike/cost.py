"""Kent–Thaler cost function, damage curve, kill probabilities and the stability index.

Sources and status (shared reference note ``stability-models.md`` §1; ids in ``SOURCE_IDS``):

* Cost ``C_X = D_X^0.75 + 0.3 (1 - D_Y^0.75)`` [S]: R-3765-AF App. C, p. 61 [kent-thaler-1989],
  as quoted with page numbers by the open-source JavaScript "Crisis Stability Calculator"
  [tsm-crisis-stability-js]. The exponent and surcharge are parameters.
* Index ``r_X = min(1, C1_X / C2_X)``, ``FSI = r_A r_B`` [S] (pp. 26, 29 via the same tool); its
  reading as the area of the "both wait" rectangle in the probability square is derived [D].
* Damage curve ``D(w) = 1 - exp(-w ln 5 / w80)`` is **the tool's assumption, not the report's**:
  Kent & Thaler use hand-drawn damage-versus-weapons curves (Fig. 7, p. 18, per the tool).
* Kill probability with ``k`` independent shots ``1 - (1 - DE)^k`` [D]; Kent–Thaler's second-shot
  increment ``(1 - DE) DE`` is the ``k = 2`` case (reference §1.3, §1.9).
* ``sspk = 1 - 0.5^((LR/CEP)^2)`` for a circular-normal miss distance [V for the structure,
  reference §1.9]; the lethal-radius constant is left to the caller (it is [S] and needs
  calibration against Glasstone & Dolan).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

EXPONENT = 0.75
"""Cost exponent on damage fractions, R-3765 App. C p. 61 [S]."""
SURCHARGE = 0.3
"""Weight of the enemy's *undamaged* value in one's cost, R-3765 App. C p. 61 [S]."""
COMMIT_FIXED = 1.0
"""Share of its fixed force the first striker commits, R-3765 p. 34 [S]."""
COMMIT_SURVIVABLE = 0.9
"""Share of its survivable force the first striker commits, R-3765 p. 34 [S]."""
LUA_SAVED = 0.9
"""Share of the fixed force that launch under attack saves, R-3765 p. 35 n. 4 [S]."""
LN5 = math.log(5.0)

SOURCE_IDS = (
    "kent-thaler-1989",
    "kent-devalk-thaler-1988",
    "tsm-crisis-stability-js",
)
"""Source ids this module cites (rows the ``sources`` table should hold)."""


def _f(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def cost(
    d_own: ArrayLike,
    d_enemy: ArrayLike,
    exponent: ArrayLike = EXPONENT,
    surcharge: ArrayLike = SURCHARGE,
) -> FloatArray:
    """Kent–Thaler cost ``C_X = D_X^e + s (1 - D_Y^e)`` [S, R-3765 App. C p. 61].

    ``d_own`` is the fraction of X's value destroyed, ``d_enemy`` the fraction of the enemy's
    value X destroys; both in ``[0, 1]``. ``C = 0`` for (0, 1), ``1`` for (1, 1), ``1.3`` for
    (1, 0) with the default constants. Broadcasts over any shape.
    """
    e = _f(exponent)
    return np.power(_f(d_own), e) + _f(surcharge) * (1.0 - np.power(_f(d_enemy), e))


def damage(weapons: ArrayLike, w80: ArrayLike) -> FloatArray:
    """Fraction of a side's value destroyed by ``weapons`` arriving: ``1 - exp(-w ln5 / w80)``.

    ``w80`` is the number of arriving weapons that destroys 80 % of that side's value. This
    exponential form is the open-source tool's stand-in [S], **not** Kent & Thaler's hand-drawn
    curves (R-3765 Fig. 7, p. 18). Negative weapon counts are treated as zero.
    """
    w = np.maximum(_f(weapons), 0.0)
    return -np.expm1(-w * LN5 / _f(w80))


def weapons_for_damage(d: ArrayLike, w80: ArrayLike) -> FloatArray:
    """Inverse of :func:`damage`: arriving weapons that destroy the fraction ``d`` (``d < 1``)."""
    return -_f(w80) * np.log1p(-_f(d)) / LN5


def kill_probability(de: ArrayLike, shots: ArrayLike) -> FloatArray:
    """Probability that ``shots`` independent warheads of damage expectancy ``de`` kill a target.

    ``1 - (1 - DE)^k`` [D]; for ``k = 2`` the second warhead adds ``(1 - DE) DE`` (reference §1.3).
    """
    return 1.0 - np.power(1.0 - _f(de), _f(shots))


def sspk(lethal_radius: ArrayLike, cep: ArrayLike) -> FloatArray:
    """Single-shot kill probability ``1 - 0.5^((LR/CEP)^2)`` (circular-normal miss, no bias).

    Structure [V] (reference §1.9). ``lethal_radius`` and ``cep`` in the same unit; the caller
    supplies the lethal radius (the usual ``2.62 nmi (Y/Mt)^(1/3) (H/psi)^(-1/3)`` is [S]).
    Multiply by reliability for a terminal kill probability.
    """
    ratio = _f(lethal_radius) / _f(cep)
    return 1.0 - np.power(0.5, ratio * ratio)


def stability_ratio(c1: ArrayLike, c2: ArrayLike) -> FloatArray:
    """A side's break-even probability ``r = min(1, C1/C2)`` (reference §1.4).

    ``C1``: its cost of striking first; ``C2``: its cost of being struck first. ``r = 1`` whenever
    ``C1 >= C2`` (including ``C2 = 0``), so no division by zero arises.
    """
    c1_, c2_ = np.broadcast_arrays(_f(c1), _f(c2))
    out = np.ones(c1_.shape, dtype=np.float64)
    below = c1_ < c2_
    np.divide(c1_, c2_, out=out, where=below)
    return out


def index_from_costs(
    c1_a: ArrayLike, c2_a: ArrayLike, c1_b: ArrayLike, c2_b: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(r_A, r_B, FSI = r_A r_B)`` from the four costs [S, R-3765 pp. 26, 29]."""
    r_a = stability_ratio(c1_a, c2_a)
    r_b = stability_ratio(c1_b, c2_b)
    return r_a, r_b, r_a * r_b
