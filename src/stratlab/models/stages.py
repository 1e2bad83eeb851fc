"""Segmenting a series into stages by change-point detection, and labelling the stages.

Model: a piecewise-constant mean. The series ``y_1 … y_n`` is cut at breakpoints
``0 = τ_0 < τ_1 < … < τ_m < τ_{m+1} = n`` into ``m + 1`` stages; the search minimises

    Σ_i C(y_{τ_{i−1}+1 : τ_i}) + β·m,      C_L2(y_I) = Σ_{t∈I} (y_t − ȳ_I)²

with PELT (exact, penalised), binary segmentation (greedy) or dynamic programming (exact, fixed
number of stages), all from ``ruptures``. Breakpoints follow the ruptures convention: the end
index (exclusive) of each stage, the last one equal to ``n``.

Sources (ids for the ``sources`` table; see ``SOURCE_IDS``) and verification status, as in the
shared reference note ``perception.md`` §5.1:

* [killick-2012] R. Killick, P. Fearnhead & I. A. Eckley, "Optimal detection of changepoints
  with a linear computational cost", *JASA* 107(500): 1590–1598 (2012). Citation verified [V]
  through the ruptures docs; the recursion and pruning rule are as stated in the reference [U].
* [truong-2020] C. Truong, L. Oudre & N. Vayatis, "Selective review of offline change point
  detection methods", *Signal Processing* 167: 107299 (2020) — the ruptures library [U citation].
  The segmentations themselves are ruptures 1.1.x runs; the tests pin them to the reference's
  [R] fixtures and to ruptures run in the same test.
* Default penalty ``β = 2 σ̂² ln n`` with ``σ̂ = MAD(Δy)/√2`` (normal-consistent MAD): the
  Schwarz/BIC count of two parameters (a location and a new mean) per change, on the scale of
  the L2 cost. Derived [D]; ``ruptures``' own docs use ``σ² ln n`` (one parameter), which on
  pure noise with ``min_size=2`` finds spurious changes most of the time.
* Fixed ``n_stages`` with PELT: the penalty is found by the CROPS-style search of Haynes,
  Eckley & Fearnhead (2017) [U citation]: the number of changes of the exact penalised optimum
  is a non-increasing step function of β, and the β where two optima tie is where their
  penalised costs cross. A count off the lower convex hull of (changes, optimal cost) is
  reached by no penalty; then the exact fixed-count optimum comes from ``Dynp`` — the same
  segmentation PELT gives whenever a penalty does reach the count. Reconstruction [D]; the
  tests check both paths against ``Dynp``.
* Stage means carry t-based 95 % intervals, ``ȳ_k ± t_{0.975, n_k−1} s_k/√n_k``, conditional
  on the breakpoints and assuming independent errors within a stage [D]. They ignore the
  uncertainty in where the breaks are and any autocorrelation, so read them as optimistic.
* Labels: three stages are ``cooperation`` / ``competition`` / ``confrontation`` by level, as
  in Song & Yu (2020)'s three stages of Russia's perception of the US (reference §0.3 [V
  abstract]); other counts follow ``stage_labels``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import ruptures as rpt
from numpy.typing import ArrayLike, NDArray
from scipy import stats

FloatArray = NDArray[np.float64]
Method = Literal["pelt", "binseg", "dynp"]

SOURCE_IDS = ("killick-2012", "truong-2020")
"""Source ids this module cites (rows the ``sources`` table should hold)."""

METHODS: tuple[str, ...] = ("pelt", "binseg", "dynp")
MODELS: tuple[str, ...] = ("l2", "l1", "normal", "rbf")
"""Cost models accepted (ruptures names). The default penalty is defined for ``l2`` only."""

THREE_STAGE_LABELS = ("cooperation", "competition", "confrontation")


@dataclass(frozen=True)
class Segmentation:
    """Stages found in a series, and how they were found.

    Per-stage tuples are in time order. ``starts``/``ends`` are the index values (e.g. years)
    of each stage's first and last observation, both inclusive; without an index they are
    0-based positions. ``lower``/``upper`` bound the ``confidence`` t-interval of each mean
    (NaN for a one-observation stage).
    """

    breakpoints: tuple[int, ...]
    means: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    sizes: tuple[int, ...]
    labels: tuple[str, ...]
    starts: tuple[Any, ...]
    ends: tuple[Any, ...]
    method: str
    model: str
    penalty: float | None
    """β used; None when a fixed number of stages was found by binseg or dynp."""
    penalty_rule: str
    """'given', 'default: 2·σ̂²·ln n', 'search for n_stages' (PELT), 'no penalty gives n_stages:
    exact fixed-count optimum (dynp)' or 'none (n_stages given)' (binseg, dynp)."""
    n_stages_requested: int | None
    min_size: int
    jump: int
    higher_is_friendlier: bool
    confidence: float = 0.95

    @property
    def n_stages(self) -> int:
        return len(self.breakpoints)

    @property
    def bounds(self) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` positions of each stage, end exclusive."""
        edges = (0, *self.breakpoints)
        return tuple(itertools.pairwise(edges))

    def stage_of(self) -> NDArray[np.int64]:
        """Stage number (0-based, time order) of every observation."""
        return np.repeat(np.arange(self.n_stages, dtype=np.int64), self.sizes)

    def table(self) -> list[dict[str, Any]]:
        """One plain dict per stage: stage, label, start, end, n, mean, lower, upper."""
        return [
            {
                "stage": k,
                "label": self.labels[k],
                "start": self.starts[k],
                "end": self.ends[k],
                "n": self.sizes[k],
                "mean": self.means[k],
                "lower": self.lower[k],
                "upper": self.upper[k],
            }
            for k in range(self.n_stages)
        ]


def stage_labels(means: ArrayLike, higher_is_friendlier: bool = True) -> tuple[str, ...]:
    """Labels for stages with these means (time order in, time order out), ranked by level.

    * 3 stages: ``cooperation`` (friendliest), ``competition``, ``confrontation``.
    * 2 stages: ``cooperation``, ``confrontation``.
    * 1 stage: ``single``.
    * k ≥ 4: ``cooperation``, ``competition 1`` … ``competition k−2`` (friendlier first),
      ``confrontation``.

    "Friendliest" is the highest mean when ``higher_is_friendlier`` (a Goldstein or net
    cooperation series), else the lowest (a hostility score). Ties go to the earlier stage.
    """
    m = np.asarray(means, dtype=np.float64)
    k = m.size
    if m.ndim != 1 or k == 0:
        raise ValueError(f"means must be a non-empty 1-D sequence, got shape {m.shape}")
    if k == 1:
        names: tuple[str, ...] = ("single",)
    elif k == 2:
        names = ("cooperation", "confrontation")
    elif k == 3:
        names = THREE_STAGE_LABELS
    else:
        names = ("cooperation", *(f"competition {i}" for i in range(1, k - 1)), "confrontation")
    key = -m if higher_is_friendlier else m
    order = sorted(range(k), key=lambda i: (float(key[i]), i))  # friendliest first
    labels = [""] * k
    for rank, i in enumerate(order):
        labels[i] = names[rank]
    return tuple(labels)


def default_penalty(values: ArrayLike) -> float:
    """β = 2 σ̂² ln n, σ̂ = 1.4826·MAD(Δy)/√2 (robust to the level shifts themselves).

    If the MAD is zero (a noiseless step series), σ̂ falls back to the standard deviation of
    the differences over √2; if that is zero too (a constant series) β = 1, where any positive
    value gives one stage.
    """
    y = np.asarray(values, dtype=np.float64)
    n = y.size
    if n < 2:
        raise ValueError(f"need at least 2 values for a default penalty, got {n}")
    d = np.diff(y)
    sigma = 1.482602218505602 * float(np.median(np.abs(d - np.median(d)))) / math.sqrt(2.0)
    if sigma == 0.0:
        sigma = float(np.std(d)) / math.sqrt(2.0)
    if sigma == 0.0:
        return 1.0
    return 2.0 * sigma * sigma * math.log(n)


def _check_values(values: ArrayLike) -> FloatArray:
    try:
        y = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"values must be numbers: {exc}") from None
    if y.ndim != 1:
        raise ValueError(f"values must be a 1-D series, got shape {y.shape}")
    bad = np.flatnonzero(~np.isfinite(y))
    if bad.size:
        shown = ", ".join(str(int(i)) for i in bad[:5]) + (", …" if bad.size > 5 else "")
        kind = "NaN" if np.isnan(y[bad]).all() else "NaN or infinite values"
        raise ValueError(
            f"values contain {kind} at position(s) {shown} ({bad.size} of {y.size}); "
            "change-point detection needs a complete series — drop or fill them first"
        )
    return y


def _check_index(index: Iterable[Any] | None, n: int) -> list[Any]:
    if index is None:
        return list(range(n))
    items = list(index)
    if len(items) != n:
        raise ValueError(f"index has {len(items)} entries but values has {n}")
    arr = np.asarray(items)
    if arr.dtype.kind in "iufM" and n > 1:
        steps = np.diff(arr)
        bad = np.flatnonzero(~(steps > np.zeros_like(steps)))
        if bad.size:
            i = int(bad[0]) + 1
            raise ValueError(
                f"index must be strictly increasing: position {i} ({items[i]}) follows {items[i - 1]}"
            )
    return [x.item() if isinstance(x, np.generic) and x.dtype.kind in "iufb" else x for x in items]


def _pelt_for_n_stages(algo: Any, n: int, n_bkps: int, beta0: float) -> tuple[list[int], float] | None:
    """The exact penalised optimum with ``n_bkps`` changes and its β (CROPS-style search), or
    None when no penalty gives that count (the count is not on the lower convex hull of the
    optimal cost against the number of changes)."""
    cost = algo.cost

    def run(beta: float) -> tuple[list[int], int, float, float]:
        bkps = [int(b) for b in algo.predict(pen=beta)]
        return bkps, len(bkps) - 1, float(cost.sum_of_costs(bkps)), beta

    hi = ([n], 0, float(cost.error(0, n)), math.inf)
    lo = run(beta0)
    stalled = 0
    while lo[1] < n_bkps:  # shrink β by decades until the optimum has at least n_bkps changes
        hi, lo = lo, run(lo[3] / 10.0)
        stalled = stalled + 1 if lo[1] == hi[1] else 0
        if stalled >= 3 or lo[3] < beta0 * 1e-15:
            return None  # more changes no longer lower the cost (e.g. a noiseless step series)
    while lo[1] != n_bkps:
        beta = (hi[2] - lo[2]) / (lo[1] - hi[1])  # where the two optima's penalised costs tie
        if not beta > 0:
            return None
        cand = run(beta)
        if cand[1] in (lo[1], hi[1]):
            return None  # nothing between them on the penalty path
        if cand[1] >= n_bkps:
            lo = cand
        else:
            hi = cand
    return lo[0], lo[3]


def segment(
    values: ArrayLike,
    n_stages: int | None = None,
    penalty: float | None = None,
    method: Method = "pelt",
    model: str = "l2",
    min_size: int = 2,
    *,
    index: Iterable[Any] | None = None,
    higher_is_friendlier: bool = True,
    jump: int = 1,
    confidence: float = 0.95,
) -> Segmentation:
    """Split a series into stages and label them by level.

    Give at most one of ``n_stages`` (the number of stages, i.e. breakpoints + 1) and
    ``penalty`` (β per change, on the scale of the cost). With neither, β =
    ``default_penalty(values)`` = 2 σ̂² ln n (``model='l2'`` only). ``method='dynp'`` needs
    ``n_stages``; ``'pelt'`` with ``n_stages`` searches for the β giving that count and, where
    no β does, returns the exact fixed-count optimum from ``Dynp`` (see ``penalty_rule``);
    ``'binseg'`` takes either. ``index`` (e.g. years) names the stage start and end.
    ``jump=1`` considers every position as a breakpoint (ruptures' own default is 5).
    """
    y = _check_values(values)
    n = y.size
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r} (known: {', '.join(METHODS)})")
    if model not in MODELS:
        raise ValueError(f"unknown model {model!r} (known: {', '.join(MODELS)})")
    for name, v in (("min_size", min_size), ("jump", jump)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie in (0, 1), got {confidence}")
    if n_stages is not None and penalty is not None:
        raise ValueError("give n_stages or penalty, not both")
    if n_stages is not None and (
        isinstance(n_stages, bool) or not isinstance(n_stages, (int, np.integer)) or n_stages < 1
    ):
        raise ValueError(f"n_stages must be a positive integer, got {n_stages!r}")
    if penalty is not None and not (math.isfinite(penalty) and penalty > 0):
        raise ValueError(f"penalty must be a positive finite number, got {penalty!r}")
    if method == "dynp" and n_stages is None:
        raise ValueError(
            "method='dynp' finds the best split into a fixed number of stages: give n_stages "
            "(for a penalty use 'pelt' or 'binseg')"
        )
    if n_stages is None and penalty is None and model != "l2":
        raise ValueError(
            f"the default penalty is defined for model='l2' only; give penalty= or n_stages= for {model!r}"
        )
    labels_index = _check_index(index, n)
    min_size_eff = max(int(min_size), int(rpt.costs.cost_factory(model=model).min_size))
    need = 2 * min_size_eff if n_stages is None else int(n_stages) * min_size_eff
    if n < max(need, 2):
        what = "look for a change" if n_stages is None else f"form {n_stages} stages"
        raise ValueError(
            f"series too short: {n} values; need at least {max(need, 2)} to {what} "
            f"with min_size={min_size_eff}"
        )

    used_penalty: float | None
    if n_stages is None:
        if penalty is not None:
            used_penalty, rule = float(penalty), "given"
        else:
            used_penalty, rule = default_penalty(y), "default: 2·σ̂²·ln n"
    else:
        used_penalty, rule = None, "none (n_stages given)"

    kw: dict[str, Any] = {"model": model, "min_size": min_size_eff, "jump": int(jump)}
    try:
        if n_stages == 1:
            bkps = [n]
        elif method == "pelt":
            algo = rpt.Pelt(**kw).fit(y)
            if n_stages is None:
                assert used_penalty is not None
                bkps = algo.predict(pen=used_penalty)
            else:
                found = _pelt_for_n_stages(algo, n, int(n_stages) - 1, default_penalty(y))
                if found is not None:
                    (bkps, used_penalty), rule = found, "search for n_stages"
                else:
                    bkps = rpt.Dynp(**kw).fit(y).predict(n_bkps=int(n_stages) - 1)
                    rule = "no penalty gives n_stages: exact fixed-count optimum (dynp)"
        elif method == "binseg":
            algo = rpt.Binseg(**kw).fit(y)
            if n_stages is None:
                bkps = algo.predict(pen=used_penalty)
            else:
                bkps = algo.predict(n_bkps=int(n_stages) - 1)
        else:
            algo = rpt.Dynp(**kw).fit(y)
            assert n_stages is not None
            bkps = algo.predict(n_bkps=int(n_stages) - 1)
    except rpt.exceptions.BadSegmentationParameters:
        raise ValueError(
            f"cannot split {n} values into {n_stages or 'any'} stages "
            f"with min_size={min_size_eff}, jump={jump}"
        ) from None
    bkps = [int(b) for b in bkps]
    if n_stages is not None and len(bkps) != n_stages:
        raise ValueError(f"{method} found only {len(bkps)} stages where {n_stages} were asked for")

    edges = [0, *bkps]
    means, lower, upper, sizes = [], [], [], []
    q = 0.5 + confidence / 2.0
    for a, b in itertools.pairwise(edges):
        seg = y[a:b]
        m = float(seg.mean())
        if seg.size > 1:
            half = float(stats.t.ppf(q, seg.size - 1)) * float(seg.std(ddof=1)) / math.sqrt(seg.size)
            lo, hi = m - half, m + half
        else:
            lo = hi = math.nan
        means.append(m)
        lower.append(lo)
        upper.append(hi)
        sizes.append(b - a)

    return Segmentation(
        breakpoints=tuple(bkps),
        means=tuple(means),
        lower=tuple(lower),
        upper=tuple(upper),
        sizes=tuple(sizes),
        labels=stage_labels(means, higher_is_friendlier),
        starts=tuple(labels_index[a] for a in edges[:-1]),
        ends=tuple(labels_index[b - 1] for b in edges[1:]),
        method=method,
        model=model,
        penalty=used_penalty,
        penalty_rule=rule,
        n_stages_requested=None if n_stages is None else int(n_stages),
        min_size=min_size_eff,
        jump=int(jump),
        higher_is_friendlier=bool(higher_is_friendlier),
        confidence=float(confidence),
    )
