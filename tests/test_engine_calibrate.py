"""Perception dynamics fitted to a measured latent series: recovery of known parameters from a
series the perception model itself generated, draws within bounds, and the bound share."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from scipy.special import logit

from stratlab.engine.calibrate import DyadRecord, bound_share, fit_dynamics
from stratlab.engine.perceive import FIT_BOUNDS, believe
from stratlab.models.perception import PerceptionParams


def test_recovers_memory_parameters_from_a_generated_series() -> None:
    rng = np.random.default_rng(5)
    true = replace(PerceptionParams(), memory=0.7, memory_weight=0.3, negativity=1.5)
    acts = rng.choice([-1, 0, 1], size=(60, 2), p=[0.5, 0.25, 0.25]).astype(np.int64)
    h = believe(np.asarray(0.2), acts, true)
    sd = np.full(60, 0.05)
    theta = -logit(h) + rng.normal(0, 0.05, 60)
    rec = DyadRecord("A", "B", tuple(range(60)), acts, theta, sd)
    base = replace(true, memory=0.5, memory_weight=0.0)  # the fit starts from other values
    fit = fit_dynamics([rec], base, names=("memory", "memory_weight"))
    got = fit.as_dict()
    assert got["memory"] == pytest.approx(0.7, abs=0.05)
    assert got["memory_weight"] == pytest.approx(0.3, abs=0.06)
    assert got["prior.A.B"] == pytest.approx(0.2, abs=0.05)
    assert fit.rmse[("A", "B")] < 0.05
    assert np.all(fit.se[:2] > 0)
    draws = fit.sample(500, seed=1)
    for name, v in draws.items():
        lo, hi = FIT_BOUNDS[name]
        assert v.shape == (500,) and np.all((v >= lo) & (v <= hi))
    assert np.array_equal(fit.sample(5, seed=1)["memory"], fit.sample(5, seed=1)["memory"])


def test_bound_share_counts_off_diagonal_member_years() -> None:
    h = np.full((2, 3, 2, 2), 0.5)
    h[0, :, 0, 1] = 0.995  # 3 of the 12 off-diagonal member-years at the upper bound
    h[..., 0, 0] = 1.0  # diagonal ignored
    assert bound_share(h) == pytest.approx(3 / 12)


def test_forward_run_with_measured_start_uses_the_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wiring: ``perception_start: measured`` starts pairs from the measured states and draws the
    members' perception parameters from the fit (stand-ins here; the real fit is in the docs)."""
    from stratlab.engine import calibrate
    from stratlab.engine.run import run
    from stratlab.scenario.load import load_scenario

    names = (*calibrate.DYNAMICS_FIT, "prior.A.B", "tau")
    values = np.array([0.5, 1.0, 0.2, 0.5, 0.1, 0.2, 0.3, 0.5])
    fake = calibrate.DynamicsFit(names, values, np.diag(np.full(8, 0.01)), 0.0, {}, {}, {})
    start = {"USA": {"RUS": 0.64, "CHN": 0.37}, "RUS": {"USA": 0.66, "CHN": 0.67},
             "CHN": {"USA": 0.39, "RUS": 0.56}}
    monkeypatch.setattr(calibrate, "default_fit", lambda: fake)
    monkeypatch.setattr(calibrate, "measured_start", lambda actors, year: start)
    sc = load_scenario("post-inf-tripolar")
    measured = sc.parameters.model_copy(update={"perception_start": "measured"})
    sc = sc.model_copy(update={"parameters": measured})
    ds = run(sc, members=20, seed=3)
    h = ds["hostility"].transpose("member", "year", "actor", "target").to_numpy()
    actors = [str(a) for a in ds["actor"].to_numpy()]
    for o, row in start.items():
        for t, v in row.items():
            assert np.allclose(h[:, 0, actors.index(o), actors.index(t)], v)
    assert bound_share(h) < 0.2
    assert "unga-idealpoints" in ds.attrs["sources"]


def test_historical_case_calibrated_to_the_latent_series(records: object) -> None:
    """``calibration.method: latent``: the replay's measured hostility is expit(−θ) of the latent
    index, and the fitted perception follows it (RMSE well under the 0.5 of a coin flip)."""
    from scipy.special import expit

    from stratlab.engine.run import run
    from stratlab.measure.latent import latent_index
    from stratlab.scenario.load import load_scenario

    sc = load_scenario("russia-us-perception")
    assert sc.calibration is not None
    sc = sc.model_copy(update={"calibration": sc.calibration.model_copy(update={"method": "latent"})})
    ds = run(sc, members=1, seed=0)
    theta = latent_index("RUS", "USA")["score"].reindex(range(1991, 2025)).to_numpy()
    assert np.allclose(ds["measured_hostility"].to_numpy().ravel(), expit(-theta))
    assert ds.attrs["fit_rmse"] < 0.2
    assert "unga-idealpoints" in ds.attrs["sources"]
