"""Perception dynamics calibrated to the measured latent perception: a likelihood fit, its
uncertainty, and the start states and parameter draws a forward run uses.

**Measured hostility.** The latent index θ_t of how S regards T (``stratlab.measure.latent``,
higher = more favourable, in anchor standard deviations) is read as the log-odds of
*non*-hostility: ``logit h_t = −θ_t``, so ``h = 1/2`` at the pair's long-run mean of the anchor
indicator and the latent's posterior standard deviation ``s_t`` is the measurement error of
``logit h_t`` (a reconstruction of this project's: the latent scale has no natural zero).

**Likelihood.** With hostility ``ĥ_t(ψ)`` from the perception model (``stratlab.models.perception``
via :func:`stratlab.engine.perceive.believe`, driven by the catalog's events coded into acts), and
``ψ`` the fitted parameters,

    −θ_t ~ N( logit ĥ_t(ψ), s_t² + τ² )     independently over years and dyads,

``τ`` being the model's own error. ``ψ`` and ``τ`` are found by maximum likelihood
(``scipy.optimize.minimize``, L-BFGS-B within :data:`FIT_BOUNDS`); their covariance is the
inverse of the numerical Hessian of the negative log-likelihood (``statsmodels.tools.numdiff``),
so draws are normal, clipped to the bounds. One parameter set is fitted to all dyads given
(the engine's perception parameters are per member, not per dyad).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import minimize
from scipy.special import expit, logit

from stratlab.engine.perceive import FIT_BOUNDS, believe
from stratlab.engine.setup import RunContext
from stratlab.models.perception import PerceptionParams

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

SOURCE_IDS = ("ungdc-v13", "unga-idealpoints", "weis-mcclelland-1978", "goldstein-1992", "azar-1980",
              "lebo-moore-2003", "gdelt", "gdelt-graph-data", "fariss-2014", "durbin-koopman-2012")
"""Source ids behind the measured series the fit and the start states use."""

DYNAMICS_FIT: tuple[str, ...] = ("responsiveness", "negativity", "status_sensitivity", "memory",
                                 "memory_weight", "inertia")
"""Perception parameters fitted by default (the prior of each dyad is fitted too)."""
TAU_BOUNDS = (0.01, 5.0)


@dataclass(frozen=True)
class DyadRecord:
    """One observer → target series: coded acts ``(year, slot)``, measured ``θ`` and its sd."""

    observer: str
    target: str
    years: tuple[int, ...]
    acts: IntArray
    theta: FloatArray
    sd: FloatArray


@dataclass(frozen=True)
class DynamicsFit:
    """Fitted perception parameters, their covariance and the replay they give."""

    names: tuple[str, ...]
    """Shared parameters, then ``prior.<observer>.<target>`` per dyad, then ``tau``."""
    values: FloatArray
    cov: FloatArray
    loglike: float
    fitted: dict[tuple[str, str], FloatArray]
    """Model hostility per dyad and year."""
    measured: dict[tuple[str, str], FloatArray]
    """Measured hostility ``expit(−θ)`` per dyad and year."""
    rmse: dict[tuple[str, str], float]
    """Root-mean-square gap between fitted and measured hostility, per dyad."""

    @property
    def se(self) -> FloatArray:
        """Standard errors: 0 for a parameter held at a bound, NaN for one not identified."""
        return np.sqrt(np.maximum(np.diag(self.cov), 0.0))

    def as_dict(self) -> dict[str, float]:
        return dict(zip(self.names, (float(v) for v in self.values), strict=True))

    def table(self) -> pd.DataFrame:
        """``value``, ``se`` per parameter."""
        names = pd.Index(self.names, name="parameter")
        return pd.DataFrame({"value": self.values, "se": self.se}, index=names)

    def sample(self, members: int, seed: int) -> dict[str, FloatArray]:
        """``members`` draws of the shared perception parameters (normal approximation, clipped
        to :data:`FIT_BOUNDS`), from a generator seeded by ``seed``."""
        rng = np.random.default_rng(seed)
        k = len([n for n in self.names if n in FIT_BOUNDS])
        mean, cov = self.values[:k], np.nan_to_num(self.cov[:k, :k])
        draws = rng.multivariate_normal(mean, cov, size=members, method="eigh")
        out = {}
        for j, name in enumerate(self.names[:k]):
            lo, hi = FIT_BOUNDS[name]
            out[name] = np.clip(draws[:, j], lo, hi)
        return out


def _bounds(names: Sequence[str]) -> list[tuple[float, float]]:
    return [FIT_BOUNDS["prior"] if n.startswith("prior.") else TAU_BOUNDS if n == "tau" else FIT_BOUNDS[n]
            for n in names]


def fit_dynamics(records: Sequence[DyadRecord], base: PerceptionParams,
                 names: Sequence[str] = DYNAMICS_FIT) -> DynamicsFit:
    """Maximum-likelihood fit of ``names`` (plus one prior per dyad and ``tau``) to the records."""
    from statsmodels.tools.numdiff import approx_hess

    all_names = (*names, *(f"prior.{r.observer}.{r.target}" for r in records), "tau")
    bounds = _bounds(all_names)
    start = np.array([float(np.asarray(getattr(base, n))) for n in names]
                     + [float(expit(-r.theta[0])) for r in records] + [0.5])
    start = np.clip(start, [b[0] + 1e-6 for b in bounds], [b[1] - 1e-6 for b in bounds])

    def hostility(theta: FloatArray) -> list[FloatArray]:
        params = replace(base, **{n: float(v) for n, v in zip(names, theta, strict=False)})
        out = []
        for i, r in enumerate(records):
            h = believe(np.asarray(theta[len(names) + i]), r.acts, params)
            out.append(np.clip(np.asarray(h, dtype=np.float64), 1e-9, 1 - 1e-9))
        return out

    def nll(theta: FloatArray) -> float:
        tau = theta[-1]
        total = 0.0
        for r, h in zip(records, hostility(theta), strict=True):
            var = r.sd ** 2 + tau ** 2
            resid = -r.theta - logit(h)
            total += 0.5 * float(np.sum(np.log(2 * np.pi * var) + resid ** 2 / var))
        return total

    sol = minimize(nll, start, method="L-BFGS-B", bounds=bounds)
    lo, hi = np.array([b[0] for b in bounds]), np.array([b[1] for b in bounds])
    free = np.flatnonzero((sol.x - lo > 1e-3 * (hi - lo)) & (hi - sol.x > 1e-3 * (hi - lo)))
    cov = np.zeros((len(all_names),) * 2)  # a parameter at a bound is held there (variance 0)

    def nll_free(sub: FloatArray) -> float:
        theta = sol.x.copy()
        theta[free] = sub
        return nll(np.clip(theta, lo, hi))

    if free.size:
        hess = approx_hess(sol.x[free], nll_free)
        curv = np.abs(np.diag(hess))
        ident = curv > 1e-6 * max(float(curv.max()), 1e-12)
        # A parameter the likelihood does not move (e.g. negativity once responsiveness is 0) is
        # not identified: its standard error is NaN and draws hold it at the estimate.
        cov[free[~ident], free[~ident]] = np.nan
        keep = free[ident]
        if keep.size:
            h = hess[np.ix_(ident, ident)]
            w, v = np.linalg.eigh((h + h.T) / 2)
            inv_w = np.where(w > 1e-8 * max(float(np.abs(w).max()), 1e-12), 1.0 / np.maximum(w, 1e-300), 0.0)
            cov[np.ix_(keep, keep)] = (v * inv_w) @ v.T
    fitted_h = hostility(sol.x)
    fitted, measured, rmse = {}, {}, {}
    for r, h in zip(records, fitted_h, strict=True):
        key = (r.observer, r.target)
        fitted[key], measured[key] = h, expit(-r.theta)
        rmse[key] = float(np.sqrt(np.mean((h - measured[key]) ** 2)))
    return DynamicsFit(tuple(all_names), np.asarray(sol.x, dtype=np.float64), cov, -float(sol.fun), fitted,
                       measured, rmse)


def dyad_records(pairs: Sequence[tuple[str, str]], actors: Sequence[str], years: Sequence[int],
                 con: object | None = None) -> list[DyadRecord]:
    """Acts from the catalog's events and the measured latent series for each observer → target."""
    from stratlab.data import catalog
    from stratlab.engine.acts import act_array, coded_events
    from stratlab.measure.latent import latent_fit

    own = con is None
    db = catalog() if con is None else con
    try:
        acts = act_array(coded_events(db, list(actors), years[0], years[-1]), list(actors), list(years))  # type: ignore[arg-type]
    finally:
        if own:
            db.close()  # type: ignore[attr-defined]
    out = []
    for o, t in pairs:
        idx = latent_fit(o, t).index.reindex(list(years))
        out.append(DyadRecord(o, t, tuple(years), acts[:, :, actors.index(o), actors.index(t)],
                              idx["score"].to_numpy(dtype=np.float64), idx["sd"].to_numpy(dtype=np.float64)))
    return out


def measured_start(actors: Sequence[str], year: int) -> dict[str, dict[str, float]]:
    """Hostility ``expit(−θ)`` at the last measured year ≤ ``year`` for every ordered pair of
    ``actors`` that has a latent series, as a scenario's ``initial_hostility`` mapping."""
    from stratlab.measure.latent import latent_fit
    from stratlab.measure.references import PerceptionError

    out: dict[str, dict[str, float]] = {}
    for o in actors:
        for t in actors:
            if o == t:
                continue
            try:
                idx = latent_fit(o, t).index
            except PerceptionError:
                continue
            last = idx.loc[idx.index <= year, "score"].dropna()
            if len(last):
                out.setdefault(o, {})[t] = float(expit(-last.iloc[-1]))
    return out




HISTORICAL_CASE = (("RUS", "USA"), ("USA", "RUS")), (1991, 2024)
"""The dyads and years :func:`default_fit` fits (the ``russia-us-perception`` case)."""


@lru_cache(maxsize=1)
def default_fit() -> DynamicsFit:
    """:func:`fit_dynamics` of :data:`DYNAMICS_FIT` to the US–Russia case (once per process)."""
    pairs, (y0, y1) = HISTORICAL_CASE
    years = list(range(y0, y1 + 1))
    return fit_dynamics(dyad_records(pairs, ["USA", "RUS"], years), PerceptionParams())


def calibrated_context(ctx: RunContext, fit: DynamicsFit) -> RunContext:
    """A forward run's context with the fitted perception: every member draws its perception
    parameters from ``fit`` (seeded by the run's seed) and each pair with a measured latent series
    starts from its last measured hostility (pairs the scenario sets itself keep their value)."""
    draws = fit.sample(ctx.members, ctx.seed)
    params = ctx.params.with_values(**{f"perception__{k}": v for k, v in draws.items()})
    start = measured_start(ctx.actors, ctx.years[0])
    given = ctx.scenario.parameters.initial_hostility
    merged = {o: {**start.get(o, {}), **given.get(o, {})} for o in {*start, *given}}
    scenario = ctx.scenario.model_copy(update={
        "parameters": ctx.scenario.parameters.model_copy(update={"initial_hostility": merged})})
    return replace(ctx, scenario=scenario, params=params)


def bound_share(hostility: FloatArray, tol: float = 0.01) -> float:
    """Share of off-diagonal member-years within ``tol`` of 0 or 1 (``(member, year, A, A)``)."""
    h = np.asarray(hostility, dtype=np.float64)
    off = ~np.eye(h.shape[-1], dtype=bool)
    v = h[..., off]
    v = v[np.isfinite(v)]
    return float(np.mean((v <= tol) | (v >= 1.0 - tol)))


__all__ = ["DYNAMICS_FIT", "SOURCE_IDS", "DyadRecord", "DynamicsFit", "bound_share", "calibrated_context",
           "default_fit", "dyad_records", "fit_dynamics", "measured_start"]
