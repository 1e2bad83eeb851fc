"""Perception as a latent state measured by several noisy records: a dynamic factor model.

How state S regards state T in year t is a latent ``θ_t`` that moves as a random walk (default)
or an AR(1); each indicator j (speech stance, UN vote agreement, event scores) is a noisy
linear function of it with its own intercept, loading and noise:

    θ_t = φ θ_{t−1} + η_t,            η_t ~ N(0, σ_η²)          (φ = 1: random walk)
    y_{jt} = μ_j + λ_j θ_t + ε_{jt},  ε_{jt} ~ N(0, σ_j²)       (y_{jt} missing: no term)

This is the linear-Gaussian dynamic measurement model of the dynamic ideal-point and latent
human-rights-score literature (Bailey, Strezhnev & Voeten 2017 [unga-idealpoints] for votes;
Fariss 2014, *APSR* 108(2) [fariss-2014] for pooling several indicators with a dynamic prior —
there in a Bayesian IRT form, here linear-Gaussian). It is estimated by maximum likelihood with
the Kalman filter and smoother of ``statsmodels`` (Durbin & Koopman 2012 [durbin-koopman-2012]);
missing years and indicators drop out of the likelihood, so each indicator may cover its own
span.

**Sign and scale (the convention, stated once).** Every indicator is coded so that higher means
a more favourable relation (more cooperative events, more agreement, friendlier speech), and each
is standardised over its own observed years. The *anchor* indicator — UN vote agreement where the
pair has it, else the first indicator present — has loading fixed at ``λ = 1`` and, for the random
walk, intercept ``μ = 0``. So **higher θ = more favourable**, and θ is in standard deviations of
the anchor indicator; θ = 0 is the anchor's mean over its years. Other loadings are free (a
negative fitted loading says that indicator moves against the anchor).

``low``/``high`` are the smoothed state ± 1.96 standard deviations (95 %), conditional on the
estimated parameters: they narrow in years with more indicators.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from stratlab.measure.records import PathArg, check_code
from stratlab.measure.references import PerceptionError

FloatArray = NDArray[np.float64]
Dynamics = Literal["rw", "ar1"]

SOURCE_IDS = ("unga-idealpoints", "fariss-2014", "durbin-koopman-2012")
"""Source ids this module cites (rows of the ``sources`` table)."""

GROUPS: dict[str, tuple[str, ...]] = {
    "speeches": ("speech",),
    "votes": ("votes",),
    "events": ("weis", "copdab", "gdelt"),
}
"""Indicator groups selectable by name, and the indicators each holds."""

Z95 = 1.959963984540054
NOISE_FLOOR = 0.05
"""Least noise variance of a standardised indicator: no record is taken as error-free (without
it a short indicator, such as GDELT's 7 years, is fitted with zero noise and the state collapses
onto it). A regularisation of this project's, stated in ``docs/theory/perception_latent.md``."""
DIFFUSE_VARIANCE = 1e4
"""Variance of the random walk's initial state (approximately diffuse, in anchor SDs squared)."""
PRC_SEAT = 1971
"""First year of the PRC in the UN (session 26): earlier CHN records are the Republic of China's."""


def _safe(frame: pd.DataFrame, col: str) -> pd.Series:
    return frame[col] if col in frame and len(frame) else pd.Series(dtype="float64")


def indicator_panel(
    source: str,
    target: str,
    start: int | None = None,
    end: int | None = None,
    indicators: Sequence[str] = ("speeches", "votes", "events"),
    *,
    event_files: Sequence[PathArg] = (),
    speech_method: str = "lexicon",
) -> pd.DataFrame:
    """Raw yearly indicators of how ``source`` regards ``target`` (higher = more favourable).

    Columns (those available for the pair): ``speech`` (General Debate stance of the sentences
    naming ``target``, :func:`stratlab.measure.speeches.perception_index`), ``votes`` (UN vote
    agreement; ideal-point distance for pairs without an agreement column), ``weis``, ``copdab``
    (mean event scores ``source`` → ``target``), ``gdelt`` (undirected daily mean), and
    ``user1``, ``user2`` … (Goldstein means of ``event_files``). Index: ``year``.
    """
    check_code(source, "source")
    check_code(target, "target")
    if source == target:
        raise PerceptionError(f"source and target are both {source!r}")
    unknown = [g for g in indicators if g not in GROUPS]
    if unknown:
        raise PerceptionError(f"unknown indicator group(s) {', '.join(unknown)} (known: {', '.join(GROUPS)})")
    env = tuple(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("STRATLAB_"))
    files = tuple(f"{f}@{os.path.getmtime(f) if os.path.exists(f) else ''}" for f in event_files)
    panel = _panel(source, target, tuple(indicators), tuple(str(f) for f in event_files), speech_method,
                   env + files)
    lo = start if start is not None else int(panel.index.min())
    hi = end if end is not None else int(panel.index.max())
    if lo > hi:
        raise PerceptionError(f"empty year range: from {lo} to {hi}")
    return panel.reindex(pd.Index(range(lo, hi + 1), name="year"))


@lru_cache(maxsize=32)
def _panel(source: str, target: str, indicators: tuple[str, ...], event_files: tuple[str, ...],
           speech_method: str, env: tuple[str, ...]) -> pd.DataFrame:
    """Every year of every indicator (read once per process and settings; ``env`` keys the cache
    to the record-file settings)."""
    from stratlab.measure import event_scales, votes
    from stratlab.measure.speeches import perception_index

    cols: dict[str, pd.Series] = {}
    if "speeches" in indicators:
        cols["speech"] = perception_index(source, target, method=speech_method)["score"]
    if "votes" in indicators:
        v = votes.vote_indicators(source, target)
        cols["votes"] = v["agreement"] if v["agreement"].notna().any() else v["ideal_distance"]
    if "events" in indicators:
        cols["weis"] = _safe(event_scales.weis_yearly(source, target), "goldstein_mean")
        cols["copdab"] = _safe(event_scales.copdab_yearly(source, target), "copdab_mean")
        cols["gdelt"] = _safe(event_scales.gdelt_pair_yearly(source, target), "gdelt_daily_mean")
    for i, f in enumerate(event_files, start=1):
        cols[f"user{i}"] = event_scales.user_events_yearly(f, source, target)["goldstein_mean"]
    panel = pd.DataFrame({k: v for k, v in cols.items() if v.notna().any()}, dtype="float64")
    panel.index = pd.Index(panel.index.astype("int64"), name="year")
    if "CHN" in (source, target):
        panel = panel[panel.index >= PRC_SEAT]
    return panel


def _model_class() -> Any:
    from statsmodels.tsa.statespace.mlemodel import MLEModel

    class LatentPerception(MLEModel):  # type: ignore[misc]
        """One latent state, ``k`` indicators; parameters as in the module docstring."""

        def __init__(self, endog: FloatArray, anchor: int, dynamics: Dynamics) -> None:
            super().__init__(endog, k_states=1, k_posdef=1)
            self.anchor, self.dynamics = anchor, dynamics
            k = endog.shape[1]
            self.free = [j for j in range(k) if j != anchor]
            self.mu_idx = self.free if dynamics == "rw" else list(range(k))
            self["transition", 0, 0] = 1.0
            self["selection", 0, 0] = 1.0
            if dynamics == "rw":
                self.ssm.initialize_approximate_diffuse(DIFFUSE_VARIANCE)
            else:
                self.ssm.initialize_stationary()

        @property
        def param_names(self) -> list[str]:
            names = ["sigma2.state"] + (["phi"] if self.dynamics == "ar1" else [])
            names += [f"mu.{j}" for j in self.mu_idx] + [f"lambda.{j}" for j in self.free]
            return names + [f"sigma2.{j}" for j in range(self.k_endog)]

        @property
        def start_params(self) -> FloatArray:
            p = [0.1] + ([0.8] if self.dynamics == "ar1" else [])
            return np.array(p + [0.0] * len(self.mu_idx) + [0.5] * len(self.free) + [0.5] * self.k_endog)

        def _split(self, params: FloatArray) -> tuple[int, int]:
            return 1 + (self.dynamics == "ar1"), len(self.mu_idx)

        def transform_params(self, unconstrained: FloatArray) -> FloatArray:
            p = np.array(unconstrained, dtype=np.float64)
            p[0] = p[0] ** 2
            if self.dynamics == "ar1":
                p[1] = p[1] / np.sqrt(1.0 + p[1] ** 2)
            p[-self.k_endog:] = NOISE_FLOOR + p[-self.k_endog:] ** 2
            return p

        def untransform_params(self, constrained: FloatArray) -> FloatArray:
            p = np.array(constrained, dtype=np.float64)
            p[0] = np.sqrt(p[0])
            if self.dynamics == "ar1":
                p[1] = p[1] / np.sqrt(1.0 - p[1] ** 2)
            p[-self.k_endog:] = np.sqrt(np.maximum(p[-self.k_endog:] - NOISE_FLOOR, 1e-12))
            return p

        def update(self, params: FloatArray, **kwargs: Any) -> None:
            params = super().update(params, **kwargs)
            off, n_mu = self._split(params)
            self["state_cov", 0, 0] = params[0]
            if self.dynamics == "ar1":
                self["transition", 0, 0] = params[1]
            mu = np.zeros(self.k_endog, dtype=params.dtype)
            mu[self.mu_idx] = params[off:off + n_mu]
            lam = np.ones(self.k_endog, dtype=params.dtype)
            lam[self.free] = params[off + n_mu:off + n_mu + len(self.free)]
            self["obs_intercept"] = mu
            self["design", :, 0] = lam
            self["obs_cov"] = np.diag(params[-self.k_endog:])

    return LatentPerception


@dataclass(frozen=True)
class LatentFit:
    """A fitted latent perception series and what it rests on."""

    source: str
    target: str
    panel: pd.DataFrame
    """The raw indicators (index ``year``)."""
    scale: pd.DataFrame
    """Each indicator's mean and SD used to standardise it (rows: indicators)."""
    index: pd.DataFrame
    """``score``, ``low``, ``high``, ``sd``, ``n_indicators`` per year."""
    loadings: pd.DataFrame
    """Per indicator: ``loading``, ``intercept``, ``noise_sd``, ``n_years``, ``anchor``."""
    params: dict[str, float]
    loglike: float
    dynamics: Dynamics
    anchor: str
    results: Any
    """The ``statsmodels`` results object (smoother output, parameter covariance)."""

    def contributions(self) -> pd.DataFrame:
        """Each indicator's additive contribution to each year's smoothed score (years × indicators,
        from the smoother's weights, ``statsmodels`` ``get_smoothed_decomposition``); the column
        ``other`` (intercepts and initial state) makes each row sum to ``score``."""
        data, obsint, stateint, init = self.results.get_smoothed_decomposition(
            decomposition_of="smoothed_state")
        n = len(self.index)
        by_var = data.T.groupby(level=0, sort=False).sum().T  # columns y1 … yk, endog order
        out = pd.DataFrame(by_var.to_numpy(dtype=np.float64), index=self.index.index,
                           columns=list(self.panel.columns))
        out["other"] = (np.nansum(obsint.to_numpy(dtype=np.float64), axis=1)
                        + np.nansum(stateint.to_numpy(dtype=np.float64), axis=1)
                        + np.nansum(init.to_numpy(dtype=np.float64), axis=1))[:n]
        return out


def fit_latent(
    panel: pd.DataFrame,
    source: str = "",
    target: str = "",
    dynamics: Dynamics = "rw",
    anchor: str | None = None,
    *,
    maxiter: int = 500,
) -> LatentFit:
    """Fit the latent model to a panel of indicators (columns; NaN = missing) by maximum likelihood."""
    if dynamics not in ("rw", "ar1"):
        raise PerceptionError(f"unknown dynamics {dynamics!r} (known: rw, ar1)")
    panel = panel.loc[:, panel.notna().sum() >= 3]
    if panel.shape[1] == 0:
        raise PerceptionError(f"{source}→{target}: no indicator with at least 3 observed years")
    names = list(panel.columns)
    chosen = anchor if anchor is not None else ("votes" if "votes" in names else names[0])
    if chosen not in names:
        raise PerceptionError(f"anchor {chosen!r} is not among the indicators ({', '.join(names)})")
    mean, sd = panel.mean(), panel.std(ddof=1).replace(0.0, 1.0)
    z = ((panel - mean) / sd).to_numpy(dtype=np.float64)
    model = _model_class()(z, names.index(chosen), dynamics)
    res = model.fit(disp=False, maxiter=maxiter)
    state = np.asarray(res.smoothed_state[0], dtype=np.float64)
    var = np.asarray(res.smoothed_state_cov[0, 0], dtype=np.float64)
    s = np.sqrt(np.maximum(var, 0.0))
    idx = panel.index
    index = pd.DataFrame({"score": state, "low": state - Z95 * s, "high": state + Z95 * s, "sd": s,
                          "n_indicators": panel.notna().sum(axis=1).to_numpy(dtype=np.int64)}, index=idx)
    params = dict(zip(model.param_names, (float(v) for v in res.params), strict=True))
    lam = np.asarray(model["design", :, 0], dtype=np.float64)
    mu = np.asarray(model["obs_intercept"], dtype=np.float64).reshape(-1)
    noise = np.sqrt(np.diag(np.asarray(model["obs_cov"], dtype=np.float64)))
    loadings = pd.DataFrame({"loading": lam, "intercept": mu, "noise_sd": noise,
                             "n_years": panel.notna().sum().to_numpy(dtype=np.int64),
                             "anchor": [n == chosen for n in names]}, index=pd.Index(names, name="indicator"))
    scale = pd.DataFrame({"mean": mean, "sd": sd})
    return LatentFit(source, target, panel, scale, index, loadings, params, float(res.llf), dynamics, chosen,
                     res)


def latent_fit(
    source: str,
    target: str,
    start: int | None = None,
    end: int | None = None,
    indicators: Sequence[str] = ("speeches", "votes", "events"),
    dynamics: Dynamics = "rw",
    *,
    event_files: Sequence[PathArg] = (),
) -> LatentFit:
    """:func:`fit_latent` on :func:`indicator_panel` of one directed pair."""
    panel = indicator_panel(source, target, start, end, indicators, event_files=event_files)
    return fit_latent(panel, source, target, dynamics)


def latent_index(
    source: str,
    target: str,
    start: int | None = None,
    end: int | None = None,
    indicators: Sequence[str] = ("speeches", "votes", "events"),
    dynamics: Dynamics = "rw",
    *,
    event_files: Sequence[PathArg] = (),
) -> pd.DataFrame:
    """The latent perception index of ``target`` by ``source``: ``score``, ``low``, ``high``,
    ``n_indicators`` per year (higher = more favourable; see the module docstring); ``attrs``
    hold the fitted ``loadings`` (a dict per indicator) and how the series was made."""
    fit = latent_fit(source, target, start, end, indicators, dynamics, event_files=event_files)
    out = fit.index[["score", "low", "high", "n_indicators"]].copy()
    out.attrs = {
        "source": source, "target": target, "method": "latent", "dynamics": dynamics, "anchor": fit.anchor,
        "indicators": list(fit.panel.columns),
        "loadings": {k: {c: (bool(v) if c == "anchor" else float(v)) for c, v in row.items()}
                     for k, row in fit.loadings.to_dict(orient="index").items()},
        "loglike": fit.loglike, "confidence": 0.95, "source_ids": SOURCE_IDS,
    }
    return out


__all__ = ["GROUPS", "SOURCE_IDS", "LatentFit", "fit_latent", "indicator_panel", "latent_fit", "latent_index"]
