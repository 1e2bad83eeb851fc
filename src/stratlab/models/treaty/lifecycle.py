"""Creation and the yearly stance (stay / suspend / withdraw) by logit choice, and a sampler.

Creation: a treaty forms in a year iff ``V_a > θ_a``, ``V_b > θ_b``, ``w_L ℓ_a >= ℓ*_a`` and
``w_L ℓ_b >= ℓ*_b`` (both value it, both leaders allow it).

Stance: utilities relative to no treaty (lab design [D])::

    U_stay = V,    U_suspend = η V - ρ κ,    U_withdraw = -κ

``κ`` is the exit cost (reputation, domestic). Stay-vs-withdraw alone is the rule of reference
``perception.md`` §4.6, "stay iff V >= -κ". With ``η = 1/2`` the best reply is stay for
``V > -2ρκ``, withdraw for ``V < -2(1-ρ)κ`` and suspend between (a band centred on ``-κ`` when
``ρ < 1/2``). Choice is logit (quantal response, McKelvey & Palfrey 1995 [U]):
``P_k = exp(λ U_k) / Σ exp(λ U_m)``; ``λ = inf`` splits evenly over the best replies.

Sampling: inverse CDF on one uniform per decision, so a member's draw depends only on its own
uniform; pass pre-drawn ``u`` (or one generator per member) to get identical results in one or
many processes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import softmax

from stratlab.models.treaty.value import (
    Situation,
    TreatyParams,
    leader_term,
    validate,
    value,
)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

STAY = 0
"""Stance code: stay in (comply with) the treaty."""
SUSPEND = 1
"""Stance code: suspend implementation, keep the legal framework."""
WITHDRAW = 2
"""Stance code: withdraw."""
STANCES = ("stay", "suspend", "withdraw")
"""Stance names, indexed by code."""


def _f(v: ArrayLike) -> FloatArray:
    return np.asarray(v, dtype=np.float64)


def forms_from_values(
    value_a: ArrayLike,
    value_b: ArrayLike,
    leader_term_a: ArrayLike,
    leader_term_b: ArrayLike,
    *,
    join_threshold_a: ArrayLike = 0.0,
    join_threshold_b: ArrayLike = 0.0,
    leader_threshold_a: ArrayLike = 0.0,
    leader_threshold_b: ArrayLike = 0.0,
) -> BoolArray:
    """Creation rule on precomputed values and leader terms (elementwise).

    ``V_a > θ_a``, ``V_b > θ_b``, ``leader_term_a >= ℓ*_a`` and ``leader_term_b >= ℓ*_b``.
    """
    ok = ((_f(value_a) > _f(join_threshold_a)) & (_f(value_b) > _f(join_threshold_b))
          & (_f(leader_term_a) >= _f(leader_threshold_a))
          & (_f(leader_term_b) >= _f(leader_threshold_b)))
    return np.asarray(ok, dtype=np.bool_)


def forms(
    situation_a: Situation,
    situation_b: Situation,
    params_a: TreatyParams | None = None,
    params_b: TreatyParams | None = None,
) -> BoolArray:
    """Does a treaty form this year? Both value it above their thresholds and both leaders allow.

    ``situation_a`` is party a's view (its rival is b) and vice versa; ``params_b`` defaults to
    ``params_a``.
    """
    pa = params_a if params_a is not None else TreatyParams()
    pb = params_b if params_b is not None else pa
    return forms_from_values(
        value(situation_a, pa), value(situation_b, pb),
        leader_term(situation_a.leader, pa), leader_term(situation_b.leader, pb),
        join_threshold_a=pa.join_threshold, join_threshold_b=pb.join_threshold,
        leader_threshold_a=pa.leader_threshold, leader_threshold_b=pb.leader_threshold)


def stance_utilities(value_i: ArrayLike, exit_cost: ArrayLike,
                     params: TreatyParams | None = None) -> FloatArray:
    """``(..., 3)`` utilities ``[V, η V - ρ κ, -κ]`` of stay, suspend, withdraw."""
    p = params if params is not None else TreatyParams()
    validate(p)
    v, kappa = np.broadcast_arrays(_f(value_i), _f(exit_cost))
    if np.any(kappa < 0) or np.any(np.isnan(kappa)):
        raise ValueError(f"exit_cost must be >= 0, got {exit_cost!r}")
    eta, rho = _f(p.suspend_keep), _f(p.suspend_cost_share)
    return np.stack(np.broadcast_arrays(v, eta * v - rho * kappa, -kappa), axis=-1).astype(np.float64)


def choice_probabilities(utilities: ArrayLike, rationality: ArrayLike) -> FloatArray:
    """Logit probabilities over the last axis: ``softmax(λ U)``; ``λ = inf`` = even best replies.

    ``rationality`` broadcasts with ``utilities[..., 0]`` (one ``λ`` per member, say).
    """
    u = _f(utilities)
    if u.ndim == 0 or np.any(np.isnan(u)):
        raise ValueError("utilities must be an array (..., options) without NaN")
    lam = _f(rationality)
    if np.any(np.isnan(lam)) or np.any(lam < 0):
        raise ValueError(f"rationality must be >= 0, got {rationality!r}")
    lam = lam[..., None]
    finite = np.isfinite(lam)
    with np.errstate(invalid="ignore"):
        logit_p = softmax(np.where(finite, lam, 0.0) * u, axis=-1)
    best = (u == u.max(axis=-1, keepdims=True)).astype(np.float64)
    best /= best.sum(axis=-1, keepdims=True)
    return np.asarray(np.where(finite, logit_p, best), dtype=np.float64)


def stance_probabilities(value_i: ArrayLike, exit_cost: ArrayLike,
                         params: TreatyParams | None = None) -> FloatArray:
    """``(..., 3)`` probabilities of stay, suspend, withdraw given ``V_i`` and ``κ_i``."""
    p = params if params is not None else TreatyParams()
    return choice_probabilities(stance_utilities(value_i, exit_cost, p), p.rationality)


def _uniforms(shape: tuple[int, ...],
              rng: np.random.Generator | Sequence[np.random.Generator] | None,
              u: ArrayLike | None) -> FloatArray:
    if u is not None:
        if rng is not None:
            raise ValueError("give either rng or u, not both")
        uu = np.broadcast_to(_f(u), shape)
        if np.any(~((uu >= 0) & (uu < 1))):
            raise ValueError("uniforms u must lie in [0, 1)")
        return np.asarray(uu, dtype=np.float64)
    if rng is None:
        raise ValueError("give a numpy.random.Generator (or one per member) or uniforms u")
    if isinstance(rng, np.random.Generator):
        return np.asarray(rng.random(shape), dtype=np.float64)
    gens = list(rng)
    if not shape or len(gens) != shape[0]:
        raise ValueError(f"need one generator per member ({shape[0] if shape else 0}), got {len(gens)}")
    return np.stack([g.random(shape[1:]) for g in gens]).astype(np.float64)


def sample_choice(
    probabilities: ArrayLike,
    rng: np.random.Generator | Sequence[np.random.Generator] | None = None,
    *,
    u: ArrayLike | None = None,
) -> IntArray:
    """Draw one option per row of ``probabilities`` ``(..., options)`` by inverse CDF.

    Exactly one of ``rng`` (a generator, or a sequence with one generator per member along the
    leading axis) and ``u`` (uniforms in [0, 1) broadcasting to ``probabilities.shape[:-1]``).
    Option ``k`` is drawn iff ``F_{k-1} <= u < F_k``; the result with given ``u`` is the same
    whether members are drawn together or one at a time.
    """
    pr = _f(probabilities)
    if pr.ndim == 0 or np.any(pr < 0) or np.any(np.isnan(pr)):
        raise ValueError("probabilities must be an array (..., options) of numbers >= 0")
    cdf = np.cumsum(pr, axis=-1)
    total = cdf[..., -1:]
    if np.any(total <= 0):
        raise ValueError("each row of probabilities must have a positive sum")
    cdf = cdf / total
    uu = _uniforms(pr.shape[:-1], rng, u)
    return np.asarray((uu[..., None] >= cdf[..., :-1]).sum(axis=-1), dtype=np.int64)
