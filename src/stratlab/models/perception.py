"""Perception of a rival: the belief that the other side is hostile, updated act by act.

The observer holds ``h = P(other is hostile)``. Each period the other side does one act, coded
:data:`REASSURE` (a cooperative act), :data:`THREAT` (a threatening act), :data:`SLIGHT` (an act that
is not a material threat but ignores the observer's status) or :data:`NO_ACT` (nothing observed).
A hostile type threatens with probability ``q_H``, a benign one with ``q_B < q_H``. In log-odds
``x = logit h`` one period is

    e   = β [ ν τ ln(q_H/q_B) + (1 - τ) ln((1-q_H)/(1-q_B)) ]    (0 for NO_ACT)
    x̂  = (1 - κ) x + κ logit(m) + e
    h'  = ι h + (1 - ι) expit(x̂)

with ``τ = 1`` for a threat, ``0`` for a reassurance and ``s`` (status sensitivity) for a slight.
Parameters: responsiveness ``β`` (Grether's weight on the likelihood ratio), negativity bias
``ν`` (weight of bad news relative to good news), historical-memory prior ``m`` and its weight
``κ``, inertia ``ι``. With ``β = ν = 1``, ``κ = ι = 0`` this is exactly Bayes' rule.
See ``docs/theory/perception.md``.

Sources (ids for the ``sources`` table; see ``SOURCE_IDS``) and status, as in the shared reference
note ``perception.md`` (§ numbers below):

* [kydd-2005] A. Kydd, *Trust and Mistrust in International Relations* (Princeton UP, 2005).
  Verified [V]: trust as a belief about the other's type, updated by Bayes' rule ("when we see
  conflict we should become more convinced that the states involved are untrustworthy"). The
  two-type likelihood and posterior ``p' = p σ_T(D) / (p σ_T(D) + (1-p) σ_U(D))`` and the
  minimum-trust threshold ``p* = c / (1 - a + c)`` are the reference's reconstruction [U notation,
  D algebra] (§1.3).
* [jervis-1976], [jervis-1978] spiral vs deterrence models; cooperation threshold
  ``p* = (DD-CD) / ((CC-DC) + (DD-CD))`` [U source, D algebra] (§1.1–1.2).
* [grether-1980] weighted log-likelihood-ratio updating; [mobius-2022] separate weights for
  good and bad news; [kertzer-2020] asymmetric updating in IR [V abstract] (§3.3). The functional
  forms are [U]; weights here are ``β_G = β``, ``β_B = ν β``.
* [ibrahim-chen-2000] the power prior (historical data discounted by ``a0``), §3.5 [U]; the
  two-type version in :func:`memory_prior` is derived here [D].
* [renshon-2016] status deficits raise conflict [V abstract]; [song-yu-2020] the perception
  study: "insulting" and "threatening" acts and historical memory drive a hostility spiral
  [V abstract].
* [ward-rajmaira-1992] memory (inertia) in U.S.–Soviet reciprocity [V abstract], §3.5.

Reconstruction (this project's, not published): the status rule (a slight read as a threat with
weight ``s``), the pull toward the memory prior (a geometric pooling that generalises the
reference's discounted Bayes ``p_t ∝ p_{t-1}^λ L_t``, §3.5, from the uniform point to ``m``) and
inertia as partial adjustment in probability.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit, logit

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

NO_ACT = -1
"""Act code: nothing observed this period (no evidence; memory and inertia still act)."""
REASSURE = 0
"""Act code: a cooperative, reassuring act (``C`` in a game)."""
THREAT = 1
"""Act code: a threatening act (``D`` in a game)."""
SLIGHT = 2
"""Act code: an act that is not a material threat but ignores the observer's status."""

SOURCE_IDS = (
    "kydd-2005",
    "jervis-1976",
    "jervis-1978",
    "grether-1980",
    "mobius-2022",
    "kertzer-2020",
    "ibrahim-chen-2000",
    "renshon-2016",
    "song-yu-2020",
    "ward-rajmaira-1992",
)
"""Source ids this module cites (rows the ``sources`` table should hold)."""


def _src(source: str, note: str) -> dict[str, str]:
    return {"source": source, "note": note}


@dataclass(frozen=True)
class PerceptionParams:
    """Parameters of the hostility update; each may be a scalar or an array (one per member).

    The defaults are exact Bayes with the reference's illustrative likelihoods; the bias
    parameters default to their neutral values because no published calibration was retrieved.
    ``field.metadata`` holds each default's source id and a note (see :func:`param_sources`).
    """

    q_hostile: ArrayLike = field(default=0.9, metadata=_src(
        "kydd-2005", "P(threat | hostile); illustrative σ_U(D) = 0.9 of reference §1.3 [D]"))
    q_benign: ArrayLike = field(default=0.2, metadata=_src(
        "kydd-2005", "P(threat | benign); illustrative σ_T(D) = 0.2 of reference §1.3 [D]"))
    responsiveness: ArrayLike = field(default=1.0, metadata=_src(
        "grether-1980", "β, weight on the likelihood ratio; 1 = Bayes, < 1 conservatism [U form]"))
    negativity: ArrayLike = field(default=1.0, metadata=_src(
        "mobius-2022", "ν = β_B/β_G, extra weight of threats; 1 = Bayes, > 1 hostile bias [U form]"))
    status_sensitivity: ArrayLike = field(default=0.0, metadata=_src(
        "song-yu-2020", "s in [0, 1]: a slight counts as a threat with weight s (reconstruction)"))
    memory: ArrayLike = field(default=0.5, metadata=_src(
        "ibrahim-chen-2000", "m in (0, 1): historical-memory prior the belief is pulled toward"))
    memory_weight: ArrayLike = field(default=0.0, metadata=_src(
        "grether-1980", "κ in [0, 1): per-period pull toward m; 1 - κ is Grether's β_2 [D]"))
    inertia: ArrayLike = field(default=0.0, metadata=_src(
        "ward-rajmaira-1992", "ι in [0, 1): share of last period's belief kept (reconstruction)"))


def param_sources() -> dict[str, dict[str, str]]:
    """``{field: {"source": id, "note": text}}`` for every :class:`PerceptionParams` default."""
    return {f.name: dict(f.metadata) for f in fields(PerceptionParams)}


def _f(v: ArrayLike) -> FloatArray:
    return np.asarray(v, dtype=np.float64)


def validate(params: PerceptionParams) -> None:
    """Raise ``ValueError`` (one line, naming the field) if a parameter is out of range."""
    qh, qb = _f(params.q_hostile), _f(params.q_benign)
    checks = [
        ("q_benign", bool(np.all((qb > 0) & (qb < 1))), "in (0, 1)"),
        ("q_hostile", bool(np.all((qh > qb) & (qh < 1))), "in (q_benign, 1)"),
        ("responsiveness", bool(np.all(_f(params.responsiveness) >= 0)), ">= 0"),
        ("negativity", bool(np.all(_f(params.negativity) > 0)), "> 0"),
        ("status_sensitivity", bool(np.all((_f(params.status_sensitivity) >= 0)
                                           & (_f(params.status_sensitivity) <= 1))), "in [0, 1]"),
        ("memory", bool(np.all((_f(params.memory) > 0) & (_f(params.memory) < 1))), "in (0, 1)"),
        ("memory_weight", bool(np.all((_f(params.memory_weight) >= 0)
                                      & (_f(params.memory_weight) < 1))), "in [0, 1)"),
        ("inertia", bool(np.all((_f(params.inertia) >= 0) & (_f(params.inertia) < 1))), "in [0, 1)"),
    ]
    for name, ok, expected in checks:
        if not ok:
            raise ValueError(f"perception parameter {name} must be {expected}, got {getattr(params, name)!r}")


def log_likelihood_ratios(params: PerceptionParams) -> tuple[FloatArray, FloatArray]:
    """``(ℓ_threat, ℓ_reassure) = (ln(q_H/q_B), ln((1-q_H)/(1-q_B)))``, log-odds hostile:benign."""
    qh, qb = _f(params.q_hostile), _f(params.q_benign)
    return np.log(qh) - np.log(qb), np.log1p(-qh) - np.log1p(-qb)


def _acts(act: ArrayLike) -> IntArray:
    a = np.asarray(act)
    if a.dtype.kind not in "iub":
        raise ValueError(f"acts must be integer codes (-1, 0, 1, 2), got dtype {a.dtype}")
    a = a.astype(np.int64)
    if np.any((a < NO_ACT) | (a > SLIGHT)):
        raise ValueError("acts must be NO_ACT=-1, REASSURE=0, THREAT=1 or SLIGHT=2")
    return a


def evidence(act: ArrayLike, params: PerceptionParams) -> FloatArray:
    """Weighted log-likelihood ratio an act adds to the log-odds of hostility (0 for NO_ACT).

    ``β [ν τ ℓ_threat + (1 - τ) ℓ_reassure]`` with ``τ`` = 1 (threat), 0 (reassurance) or ``s``
    (slight). Unbiased (``β = ν = 1``) this is the textbook log-likelihood ratio.
    """
    a = _acts(act)
    l_threat, l_reassure = log_likelihood_ratios(params)
    tau = np.where(a == THREAT, 1.0, np.where(a == SLIGHT, _f(params.status_sensitivity), 0.0))
    beta = _f(params.responsiveness)
    e = beta * (_f(params.negativity) * tau * l_threat + (1.0 - tau) * l_reassure)
    return np.asarray(np.where(a == NO_ACT, 0.0, e), dtype=np.float64)


def step(h: FloatArray, a: IntArray, params: PerceptionParams) -> FloatArray:
    """:func:`update` without the checks, for inner loops: call :func:`validate` once first."""
    kappa, iota = _f(params.memory_weight), _f(params.inertia)
    e = evidence(a, params)
    x = logit(h)  # ±inf for a dogmatic belief; (1 - κ)·inf stays inf since κ < 1
    with np.errstate(invalid="ignore"):
        shift = np.where(kappa > 0, kappa * (logit(_f(params.memory)) - x) + e, e)  # x̂ - x, no 0·inf
    target = expit((1.0 - kappa) * x + kappa * logit(_f(params.memory)) + e)
    # Guard against logit/expit round-off: the step never goes against the sign of x̂ - x, and no
    # evidence with no pull leaves the belief exactly where it was.
    target = np.where(shift > 0, np.maximum(target, h), np.where(shift < 0, np.minimum(target, h), h))
    return np.asarray(np.clip(h + (1.0 - iota) * (target - h), 0.0, 1.0), dtype=np.float64)


def _beliefs(belief: ArrayLike) -> FloatArray:
    h = _f(belief)
    if np.any(~((h >= 0) & (h <= 1))):
        raise ValueError("beliefs must lie in [0, 1]")
    return h


def update(belief: ArrayLike, act: ArrayLike, params: PerceptionParams | None = None) -> FloatArray:
    """One period's update of the hostility belief, elementwise (member axis first).

    ``belief`` in [0, 1] and ``act`` (integer codes) broadcast with the parameter arrays.
    """
    p = params if params is not None else PerceptionParams()
    validate(p)
    return step(_beliefs(belief), _acts(act), p)


def run(prior: ArrayLike, acts: ArrayLike, params: PerceptionParams | None = None) -> FloatArray:
    """Beliefs over time, shape ``(member, time + 1)``; column 0 is the prior.

    ``acts`` is ``(member, time)`` (or ``(time,)`` for one member); ``prior`` and the parameter
    arrays broadcast with the member axis.
    """
    p = params if params is not None else PerceptionParams()
    validate(p)
    a = _acts(acts)
    if a.ndim == 1:
        a = a[None, :]
    if a.ndim != 2:
        raise ValueError(f"acts must be (member, time), got shape {a.shape}")
    h = np.broadcast_to(_beliefs(prior), a.shape[:1]).astype(np.float64)
    out = np.empty((a.shape[0], a.shape[1] + 1))
    out[:, 0] = h
    for t in range(a.shape[1]):
        h = np.broadcast_to(step(h, a[:, t], p), h.shape)
        out[:, t + 1] = h
    return out


def memory_prior(
    threats: ArrayLike,
    reassurances: ArrayLike,
    discount: ArrayLike,
    params: PerceptionParams | None = None,
    base: ArrayLike = 0.5,
) -> FloatArray:
    """Historical-memory prior as a power prior: remembered acts weighted by ``a0 = discount``.

    ``logit m = logit(base) + a0 (n_threat ℓ_threat + n_reassure ℓ_reassure)``: the two-type form
    of ``π(θ | D0, a0) ∝ L(θ | D0)^a0 π0(θ)`` (reference §3.5) [D]. ``a0 = 1`` is full Bayes over
    the remembered record, ``a0 = 0`` forgets it. Use the result as ``memory`` or as a prior.
    """
    p = params if params is not None else PerceptionParams()
    validate(p)
    a0 = _f(discount)
    if np.any((a0 < 0) | (a0 > 1)):
        raise ValueError(f"discount must be in [0, 1], got {discount!r}")
    l_threat, l_reassure = log_likelihood_ratios(p)
    x = logit(_beliefs(base)) + a0 * (_f(threats) * l_threat + _f(reassurances) * l_reassure)
    return np.asarray(expit(x), dtype=np.float64)


def minimum_trust(a: ArrayLike, c: ArrayLike) -> FloatArray:
    """Kydd's minimum-trust threshold ``p* = c / (1 - a + c)`` (reference §1.3 [U notation, D]).

    For a trustworthy (security-seeking) player with payoffs R = 1, S = -c, T = a < 1, P = 0: it
    cooperates iff its belief that the other is trustworthy is at least ``p*``.
    """
    a_, c_ = _f(a), _f(c)
    return np.asarray(c_ / (1.0 - a_ + c_), dtype=np.float64)


def cooperation_threshold(cc: ArrayLike, cd: ArrayLike, dc: ArrayLike, dd: ArrayLike) -> FloatArray:
    """Jervis's threshold: least probability the other cooperates at which C is a best reply.

    ``p* = (DD - CD) / ((CC - DC) + (DD - CD))`` (reference §1.2 [D]). Defined for Stag-Hunt
    (assurance) preferences ``CC > DC``, ``DD > CD``; NaN otherwise (in a Prisoner's Dilemma no
    belief makes cooperation a best reply).
    """
    cc_, cd_, dc_, dd_ = _f(cc), _f(cd), _f(dc), _f(dd)
    ok = (cc_ > dc_) & (dd_ > cd_)
    den = np.where(ok, (cc_ - dc_) + (dd_ - cd_), 1.0)
    return np.asarray(np.where(ok, (dd_ - cd_) / den, np.nan), dtype=np.float64)


def hostility_threshold(p_star: ArrayLike, params: PerceptionParams | None = None) -> FloatArray:
    """Hostility belief at which the other's expected cooperation equals ``p_star`` [D].

    Under the two-type model the other cooperates with probability ``1 - [h q_H + (1-h) q_B]``,
    so cooperation is a best reply iff ``h <= h* = (1 - q_B - p*) / (q_H - q_B)``. Clipped to
    [0, 1]. Use it as the perception strategy's threshold in ``stratlab.models.interaction``.
    """
    p = params if params is not None else PerceptionParams()
    validate(p)
    qh, qb = _f(p.q_hostile), _f(p.q_benign)
    return np.asarray(np.clip((1.0 - qb - _f(p_star)) / (qh - qb), 0.0, 1.0), dtype=np.float64)
