"""Intriligator–Brito deterrence lines and the cone of mutual deterrence — a RECONSTRUCTION.

Status: **reconstruction [U]** — "check against Intriligator 1975 / I–B 1984" (shared reference
note ``stability-models.md`` §2.2). The primary texts were not retrievable; this is a standard
reconstruction of the model's logic, and **the original notation and exact forms may differ.**

Sources (ids for the ``sources`` table; see ``SOURCE_IDS``):

* [intriligator-brito-1984] M. D. Intriligator & D. L. Brito, "Can Arms Races Lead to the
  Outbreak of War?", *J. Conflict Resolution* 28(1): 63–84 (1984), doi:10.1177/0022002784028001004.
  Only the abstract was read [V]: arms races can lead to war or peace, disarming races to peace or
  war, and a qualitative race can promote crisis instability.
* [intriligator-1975] M. D. Intriligator, "Strategic Considerations in the Richardson Model of
  Arms Races", *J. Political Economy* 83 (1975) 339–353: the original missile-war equations.
  Not read.
* [mayer-1986] T. F. Mayer, "Arms Races and War Initiation", *JCR* 30(1): 3–28 (1986): the
  results "depend upon questionable assumptions"; "no situation of mutual deterrence may be
  possible".

Reconstructed lines (reference §2.2). The aggressor strikes first, all-out, at the victim's
missiles; the victim retaliates against cities with every survivor. Then

* A deters B  iff  ``M_A >= C_bar_B / v  + a' M_B``,
* B deters A  iff  ``M_B >= C_bar_A / v' + a  M_A``,

with ``v, v'`` casualties per countervalue missile of A, B and ``a, a'`` missiles of the other
side destroyed per counterforce missile of A, B. Both conditions hold in the **cone of mutual
deterrence**, which is unbounded when ``a a' < 1``. The geometric consequences (reference §2.3)
are derived [D] from these lines. I–B's further regions (jeopardy, preemption) need the primary
text and are not implemented.

Every assumption is a field of :class:`ConeParameters`. The two allocation shares generalise the
§2.2 strike pattern with the model's own counterforce shares ``f, f'``. The numeric defaults are
the illustrative values of the reference §2.3 numeric test [D] (``C_bar/v = 100``,
``a = a' = 0.5``). They are **not** a calibration; no published numeric example exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

SOURCE_IDS = ("intriligator-brito-1984", "intriligator-1975", "mayer-1986")
"""Source ids this module cites (rows the ``sources`` table should hold)."""


@dataclass(frozen=True)
class ConeParameters:
    """Assumptions of the reconstructed deterrence lines; each may be an array (one per member).

    Attributes:
        C_bar_A: casualties unacceptable to A. Default 100, illustrative (reference §2.3 [D]).
        C_bar_B: casualties unacceptable to B. Default 100, illustrative (reference §2.3 [D]).
        v: casualties per countervalue missile of A. Default 1, so that ``C_bar_B / v = 100``
            as in reference §2.3 [D].
        v_prime: casualties per countervalue missile of B. Default 1, as ``v``.
        a: B's missiles destroyed per counterforce missile of A. Default 0.5 (reference §2.3 [D]).
        a_prime: A's missiles destroyed per counterforce missile of B. Default 0.5 (as ``a``).
        f_strike: share of a first strike aimed at the victim's missiles. Default 1, the
            "all-out counterforce first strike" of reference §2.2 [U].
        f_retaliation: share of the retaliation aimed at missiles rather than cities. Default 0,
            the "countervalue retaliation with all survivors" of reference §2.2 [U].
    """

    C_bar_A: ArrayLike = 100.0
    C_bar_B: ArrayLike = 100.0
    v: ArrayLike = 1.0
    v_prime: ArrayLike = 1.0
    a: ArrayLike = 0.5
    a_prime: ArrayLike = 0.5
    f_strike: ArrayLike = 1.0
    f_retaliation: ArrayLike = 0.0


DEFAULT = ConeParameters()


class Region(IntEnum):
    """Who deters whom at a pair of missile stocks; the value is ``A_deters + 2 * B_deters``."""

    NONE = 0
    A_DETERS_B = 1  # A deters B; B does not deter A
    B_DETERS_A = 2  # B deters A; A does not deter B
    MUTUAL = 3  # the cone of mutual deterrence


class DeterrenceLines(NamedTuple):
    """``A deters B iff M_A >= intercept_A + slope_A * M_B``; likewise B with the roles swapped."""

    intercept_A: FloatArray
    slope_A: FloatArray
    intercept_B: FloatArray
    slope_B: FloatArray


def _f(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def lines(p: ConeParameters = DEFAULT) -> DeterrenceLines:
    """Intercepts and slopes of the two deterrence lines (reference §2.2 [U]).

    Intercept: unacceptable damage divided by the damage one retaliating missile does to cities;
    slope: the opponent's counterforce exchange ratio times its counterforce share.
    """
    shares = (_f(p.f_strike), _f(p.f_retaliation))
    if any(np.any((s < 0) | (s > 1)) for s in shares):
        raise ValueError("f_strike and f_retaliation must lie in [0, 1]")
    if np.any(_f(p.a) < 0) or np.any(_f(p.a_prime) < 0):
        raise ValueError("counterforce exchange ratios a, a_prime must be non-negative")
    countervalue = 1.0 - shares[1]
    with np.errstate(divide="ignore"):  # no countervalue retaliation: an infinite intercept
        intercept_A = _f(p.C_bar_B) / (_f(p.v) * countervalue)
        intercept_B = _f(p.C_bar_A) / (_f(p.v_prime) * countervalue)
    return DeterrenceLines(
        intercept_A=intercept_A,
        slope_A=_f(p.a_prime) * shares[0],
        intercept_B=intercept_B,
        slope_B=_f(p.a) * shares[0],
    )


def min_deterrent_A(M_B: ArrayLike, p: ConeParameters = DEFAULT) -> FloatArray:
    """The "A deters B" line: the least ``M_A`` that deters B when B holds ``M_B`` missiles."""
    ln = lines(p)
    return ln.intercept_A + ln.slope_A * _f(M_B)


def min_deterrent_B(M_A: ArrayLike, p: ConeParameters = DEFAULT) -> FloatArray:
    """The "B deters A" line: the least ``M_B`` that deters A when A holds ``M_A`` missiles."""
    ln = lines(p)
    return ln.intercept_B + ln.slope_B * _f(M_A)


def a_deters_b(M_A: ArrayLike, M_B: ArrayLike, p: ConeParameters = DEFAULT) -> BoolArray:
    """A's survivors of B's first strike can still inflict B's unacceptable casualties."""
    return np.asarray(_f(M_A) >= min_deterrent_A(M_B, p), dtype=np.bool_)


def b_deters_a(M_A: ArrayLike, M_B: ArrayLike, p: ConeParameters = DEFAULT) -> BoolArray:
    """B's survivors of A's first strike can still inflict A's unacceptable casualties."""
    return np.asarray(_f(M_B) >= min_deterrent_B(M_A, p), dtype=np.bool_)


def region(M_A: ArrayLike, M_B: ArrayLike, p: ConeParameters = DEFAULT) -> NDArray[np.int8]:
    """:class:`Region` code at each pair of stocks (broadcast over stocks and parameters)."""
    code = a_deters_b(M_A, M_B, p).astype(np.int8) + 2 * b_deters_a(M_A, M_B, p).astype(np.int8)
    return np.asarray(code, dtype=np.int8)


def in_cone(M_A: ArrayLike, M_B: ArrayLike, p: ConeParameters = DEFAULT) -> BoolArray:
    """Inside the cone of mutual deterrence: each side deters the other."""
    return a_deters_b(M_A, M_B, p) & b_deters_a(M_A, M_B, p)


def cone_is_unbounded(p: ConeParameters = DEFAULT) -> BoolArray:
    """``a a' < 1`` (times the strike shares): the lines diverge and the cone opens outward.

    Otherwise the lines do not diverge and, with positive unacceptable damage, no non-negative
    stocks give mutual deterrence (reference §2.3 property 4 [D]; Mayer 1986's remark).
    """
    ln = lines(p)
    return np.asarray(ln.slope_A * ln.slope_B < 1.0, dtype=np.bool_)


def cone_vertex(p: ConeParameters = DEFAULT) -> tuple[FloatArray, FloatArray]:
    """Where the two lines cross, ``(M_A, M_B)`` [D].

    For an unbounded cone this is its apex: the smallest stocks of each side that give mutual
    deterrence (every point of the cone is at least the vertex in both coordinates). Parallel
    lines (``a a' = 1``) give ``inf``; with ``a a' > 1`` the crossing lies outside the positive
    quadrant and the cone there is empty.
    """
    ln = lines(p)
    det = 1.0 - ln.slope_A * ln.slope_B
    with np.errstate(divide="ignore", invalid="ignore"):
        M_A = (ln.intercept_A + ln.slope_A * ln.intercept_B) / det
        M_B = (ln.intercept_B + ln.slope_B * ln.intercept_A) / det
    return M_A, M_B
