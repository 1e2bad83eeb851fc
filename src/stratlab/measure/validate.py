"""Checks of the latent perception index that anyone can rerun: held-out indicators, dropped
decades, stages with a permutation test, and agreement with expert-coded context.

* :func:`leave_one_out` — refit without indicator j; predict j each year from the latent series
  (a line fitted on the *other* years, so year t's own value is never used) and, as the naive
  rival, from j's own value the year before. Both are scored on the same years (j observed in t
  and t − 1): root-mean-square error in j's standardised units.
* :func:`drop_decade` — blank every indicator in one decade, refit, and compare: outside the
  decade, correlation and largest gap with the full fit; inside it, the share of the full fit's
  scores that fall in the refit's 95 % band (the smoother bridging the gap).
* :func:`stage_test` — segment a series (``stratlab.models.stages.segment``: the default
  penalty unless ``n_stages`` is given) and test the k-stage fit's R² = 1 − SSE/SST against
  (a) the same values shuffled (permutation) and (b) AR(1) surrogates with the series' own lag-1
  autocorrelation, each refitted with the same k by the exact fixed-count optimum. The shuffle
  test treats years as exchangeable; a smoothed latent series is autocorrelated, which inflates
  R² under no change at all, so (b) is the honest null for it.
* :func:`context_check` — correlation with the Peace Scale and the mean score in ICB crisis
  years against other years (``stratlab.measure.context``; validation only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from stratlab.measure.latent import LatentFit, fit_latent

FloatArray = NDArray[np.float64]


def _standardised(fit: LatentFit, name: str) -> pd.Series:
    mean, sd = float(fit.scale["mean"][name]), float(fit.scale["sd"][name])
    return (fit.panel[name] - mean) / sd


def leave_one_out(fit: LatentFit, min_years: int = 6) -> pd.DataFrame:
    """One row per indicator with ≥ ``min_years`` consecutive-year pairs: ``n``, ``rmse_latent``,
    ``rmse_naive``, ``ratio`` (latent/naive; < 1: the latent series predicts better)."""
    rows = []
    for name in fit.panel.columns:
        rest = fit.panel.drop(columns=[name])
        if rest.shape[1] == 0:
            continue
        y = _standardised(fit, name)
        both = y.notna() & y.shift(1).notna()
        if int(both.sum()) < min_years:
            continue
        sub = fit_latent(rest, fit.source, fit.target, fit.dynamics)
        s = sub.index["score"]
        obs = y.notna()
        pred = pd.Series(np.nan, index=y.index)
        for t in y.index[both]:
            train = obs & (y.index != t)
            b, a = np.polyfit(s[train].to_numpy(), y[train].to_numpy(), 1)
            pred[t] = a + b * s[t]
        err_l = (pred - y)[both].to_numpy()
        err_n = (y.shift(1) - y)[both].to_numpy()
        rl, rn = float(np.sqrt(np.mean(err_l ** 2))), float(np.sqrt(np.mean(err_n ** 2)))
        rows.append({"indicator": name, "n": int(both.sum()), "rmse_latent": rl, "rmse_naive": rn,
                     "ratio": rl / rn, "beats_naive": rl < rn})
    return pd.DataFrame(rows).set_index("indicator")


def drop_decade(fit: LatentFit, decades: Sequence[int] | None = None) -> pd.DataFrame:
    """One row per decade (its first year): ``corr_outside``, ``max_gap_outside`` (anchor SDs) and
    ``coverage_inside`` (share of the full fit's scores inside the refit's 95 % band)."""
    years = fit.panel.index
    first = int(years[0])
    chosen = decades if decades is not None else sorted({y // 10 * 10 for y in years
                                                         if y // 10 * 10 >= first})
    rows = []
    for d in chosen:
        inside = (years >= d) & (years < d + 10)
        if inside.all() or not inside.any():
            continue
        masked = fit.panel.copy()
        masked.loc[inside, :] = np.nan
        sub = fit_latent(masked, fit.source, fit.target, fit.dynamics, anchor=fit.anchor)
        full, part = fit.index["score"], sub.index["score"]
        out = ~inside
        lo, hi = sub.index["low"][inside], sub.index["high"][inside]
        cover = ((full[inside] >= lo) & (full[inside] <= hi)).mean()
        rows.append({"decade": d, "corr_outside": float(np.corrcoef(full[out], part[out])[0, 1]),
                     "max_gap_outside": float((full[out] - part[out]).abs().max()),
                     "coverage_inside": float(cover)})
    return pd.DataFrame(rows).set_index("decade")


@dataclass(frozen=True)
class StageTest:
    """A segmentation and its significance."""

    segmentation: object
    """The :class:`stratlab.models.stages.Segmentation` of the observed series."""
    n_stages: int
    r2: float
    p_shuffle: float
    p_ar1: float
    n_perm: int
    lag1: float


def _r2(y: FloatArray, k: int) -> float:
    from stratlab.models.stages import segment

    if k == 1:
        return 0.0
    seg = segment(y, n_stages=k, method="dynp")
    fitted = np.repeat(np.asarray(seg.means), seg.sizes)
    sst = float(((y - y.mean()) ** 2).sum())
    return 1.0 - float(((y - fitted) ** 2).sum()) / sst if sst > 0 else 0.0


def latent_penalty(sd: Sequence[float] | FloatArray) -> float:
    """Default change penalty for a latent series: ``β = 2 σ̄² ln n`` with ``σ̄²`` the mean posterior
    variance of the latent state over the years segmented.

    ``stages.default_penalty`` estimates the noise from first differences, which a smoothed
    series hardly has (it then splits the series into many short stages); here the noise around a
    stage mean is the measurement's own uncertainty. The same BIC-type count (two parameters per
    change) as ``stages.default_penalty`` [D]."""
    v = np.asarray(sd, dtype=np.float64) ** 2
    return float(2.0 * v.mean() * np.log(v.size))


def stage_test(values: Sequence[float] | FloatArray, years: Sequence[int], n_stages: int | None = None,
               n_perm: int = 999, seed: int = 0, penalty: float | None = None) -> StageTest:
    """Segment ``values`` (``n_stages`` given, else ``penalty``, else the ``segment`` default) and
    test the fit (see the module docstring); p-values are
    ``(1 + #{surrogate R² ≥ observed}) / (1 + n_perm)``."""
    from stratlab.models.stages import segment

    y = np.asarray(values, dtype=np.float64)
    seg = segment(y, n_stages=n_stages, penalty=None if n_stages is not None else penalty, index=list(years))
    k = seg.n_stages
    r2 = _r2(y, k)
    rng = np.random.default_rng(seed)
    yc = y - y.mean()
    ss = float(np.dot(yc, yc))
    lag1 = float(np.clip(np.dot(yc[1:], yc[:-1]) / ss, -0.99, 0.99)) if ss > 0 else 0.0
    shuffled, ar = 0, 0
    sd = float(y.std())
    for _ in range(n_perm):
        if k > 1 and _r2(rng.permutation(y), k) >= r2:
            shuffled += 1
        e = rng.standard_normal(y.size) * sd * np.sqrt(1.0 - lag1 ** 2)
        z = np.empty_like(y)
        z[0] = rng.standard_normal() * sd
        for t in range(1, y.size):
            z[t] = lag1 * z[t - 1] + e[t]
        if k > 1 and _r2(z, k) >= r2:
            ar += 1
    if k == 1:
        shuffled = ar = n_perm
    return StageTest(seg, k, r2, (1 + shuffled) / (1 + n_perm), (1 + ar) / (1 + n_perm), n_perm, lag1)


def context_check(fit: LatentFit) -> dict[str, float]:
    """``corr_peace`` (with the Peace Scale level), ``crisis_mean`` and ``other_mean`` (score in
    ICB crisis years and in the other years) over the fit's years; NaN where the pair has none."""
    from stratlab.measure.context import crisis_years, peace_scale

    score = fit.index["score"]
    peace = peace_scale(fit.source, fit.target).reindex(score.index)
    ok = peace.notna()
    corr = float(np.corrcoef(score[ok], peace[ok])[0, 1]) if ok.sum() > 2 and peace[ok].std() > 0 else np.nan
    crisis = score.index.isin(crisis_years(fit.source, fit.target))
    return {"corr_peace": corr, "n_peace": int(ok.sum()),
            "crisis_mean": float(score[crisis].mean()) if crisis.any() else np.nan,
            "other_mean": float(score[~crisis].mean()), "n_crisis": int(crisis.sum())}


__all__ = ["StageTest", "context_check", "drop_decade", "latent_penalty", "leave_one_out", "stage_test"]
