"""Counterforce kill physics: lethal radius, single-shot and terminal kill probability, damage
expectancy of several warheads on one target, and a warhead mix's damage expectancy.

The relations (status labels as in ``docs/theory/counterforce.md``):

* **Lethal radius** against a target of overpressure hardness ``H`` [S]::

      LR = 2.62 nmi * (Y / 1 Mt)^(1/3) * (H / 1 psi)^(-1/3)

  the cube-root (Hopkinson–Cranz) scaling of blast with yield as used in the arms-control
  counterforce literature; implemented side by side in the open-source calculator built to
  Scott LaFoy's specification [jimjkelly-missile-defense, ``src/js/calculations.js``: ``LR``].
  That file labels the yield "tons" but divides it by 1000 before the cube root, so its unit is
  kilotons for a megaton constant; its test fixtures are read here with yield in kilotons.
* **Single-shot kill probability** for a circular-normal miss distance with circular error
  probable ``CEP`` (the "cookie-cutter" lethal area) [V structure, reference §1.9]::

      SSPK = 1 - 0.5^((LR / CEP)^2)

* **Terminal kill probability** ``TKP = R * SSPK`` with reliability ``R`` (launch, flight,
  re-entry and detonation) [S, same file: ``TKP``].
* **Damage expectancy** of ``k`` independent warheads on one target
  ``DE_k = 1 - (1 - TKP)^k`` [S, same file; Kent–Thaler's second-shot increment ``(1-DE) DE``
  is ``k = 2``, reference §1.3]. Independence ignores fratricide and correlated failures.
* **Equivalent megatonnage** of a warhead ``EMT = Y^(2/3)`` (Y in Mt) [D]: the area within a
  given overpressure scales as ``LR^2``, i.e. as ``Y^(2/3)`` by the same cube-root law.
* **A mix's damage expectancy** against one target class (:func:`mix_damage_expectancy`): the
  warhead-weighted mean TKP of the attacker's warhead types [R]: Kent & Thaler give each side
  one DE per target class; which warheads a planner puts on which class is not modelled.

All functions are pure, vectorized and broadcast over any leading (ensemble) axes; the sampled
uncertainties of yield, CEP, reliability and hardness enter as arrays.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

LR_CONSTANT_NMI = 2.62
"""Lethal radius in nautical miles of a 1 Mt surface burst against a 1 psi target [S]."""
NMI_M = 1852.0
"""Metres per nautical mile (exact, by definition)."""

SOURCE_IDS = ("jimjkelly-missile-defense",)
"""Source ids this module cites (rows of the ``sources`` table)."""


def _f(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def lethal_radius(yield_mt: ArrayLike, hardness_psi: ArrayLike) -> FloatArray:
    """Lethal radius in nautical miles: ``2.62 (Y/Mt)^(1/3) (H/psi)^(-1/3)`` [S]."""
    y, h = _f(yield_mt), _f(hardness_psi)
    if np.any(y < 0) or np.any(h <= 0):
        raise ValueError("lethal_radius: expected yield >= 0 and hardness > 0")
    return np.asarray(LR_CONSTANT_NMI * np.cbrt(y) / np.cbrt(h), dtype=np.float64)


def single_shot_kill(lethal_radius_nmi: ArrayLike, cep_nmi: ArrayLike) -> FloatArray:
    """``SSPK = 1 - 0.5^((LR/CEP)^2)`` (circular-normal miss, no bias); same length unit."""
    ratio = _f(lethal_radius_nmi) / _f(cep_nmi)
    return np.asarray(-np.expm1(np.log(0.5) * ratio * ratio), dtype=np.float64)


def terminal_kill(
    yield_mt: ArrayLike, cep_nmi: ArrayLike, hardness_psi: ArrayLike, reliability: ArrayLike
) -> FloatArray:
    """``TKP = R * SSPK(LR(Y, H), CEP)``: one warhead's kill probability against one target."""
    r = _f(reliability)
    if np.any((r < 0) | (r > 1)):
        raise ValueError("terminal_kill: expected a reliability in [0, 1]")
    return r * single_shot_kill(lethal_radius(yield_mt, hardness_psi), cep_nmi)


def damage_expectancy(tkp: ArrayLike, warheads: ArrayLike) -> FloatArray:
    """``DE = 1 - (1 - TKP)^k`` for ``k`` independent warheads on one target."""
    return np.asarray(1.0 - np.power(1.0 - _f(tkp), _f(warheads)), dtype=np.float64)


def equivalent_megatons(yield_mt: ArrayLike, warheads: ArrayLike = 1.0) -> FloatArray:
    """``EMT = N Y^(2/3)`` (Y in Mt) [D from the cube-root scaling of :func:`lethal_radius`]."""
    return np.asarray(_f(warheads) * np.power(_f(yield_mt), 2.0 / 3.0), dtype=np.float64)


def mix_damage_expectancy(
    warheads: ArrayLike,
    yield_mt: ArrayLike,
    cep_nmi: ArrayLike,
    reliability: ArrayLike,
    hardness_psi: ArrayLike,
) -> FloatArray:
    """Warhead-weighted mean TKP of a side's warhead types against one target class [R].

    ``warheads``, ``yield_mt``, ``cep_nmi``, ``reliability`` carry the warhead types on their
    **last** axis (leading axes: ensemble members, years, ...); ``hardness_psi`` is the target
    class's hardness, broadcasting against the leading axes. Returns the leading shape; 0 where a
    side has no warheads. This is the ``de_fixed`` / ``de_surv`` input of
    :class:`~stratlab.models.first_strike.ForceArrays` (with the hardness of silos and of
    off-alert survivable launchers respectively).
    """
    n = _f(warheads)
    tkp = terminal_kill(yield_mt, cep_nmi, _f(hardness_psi)[..., None], reliability)
    total = n.sum(axis=-1)
    weighted = (n * tkp).sum(axis=-1)
    return np.asarray(
        np.where(total > 0, weighted / np.where(total > 0, total, 1.0), 0.0), dtype=np.float64
    )


__all__ = [
    "LR_CONSTANT_NMI",
    "NMI_M",
    "SOURCE_IDS",
    "damage_expectancy",
    "equivalent_megatons",
    "lethal_radius",
    "mix_damage_expectancy",
    "single_shot_kill",
    "terminal_kill",
]
