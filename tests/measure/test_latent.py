"""The dynamic latent perception model: a peer-library check, recovery of a known model, and the
issue's done-when criteria on the real records (fitted once per session)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stratlab.measure import perception_index
from stratlab.measure.latent import LatentFit, fit_latent, latent_fit
from stratlab.measure.references import PerceptionError
from stratlab.measure.validate import context_check, latent_penalty, leave_one_out, stage_test


@pytest.fixture(scope="session")
def rus_usa(records: Path) -> LatentFit:
    return latent_fit("RUS", "USA", 1948, 2024)


def test_one_indicator_is_statsmodels_local_level() -> None:
    """With one indicator the model is the local-level model (random-walk level plus noise): its
    likelihood optimum and smoothed level must equal statsmodels' UnobservedComponents."""
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    rng = np.random.default_rng(3)
    level = np.cumsum(rng.normal(0, 0.3, 60))
    y = level + rng.normal(0, 0.8, 60)
    y[[5, 6, 30]] = np.nan
    panel = pd.DataFrame({"a": y}, index=pd.Index(range(1950, 2010), name="year"))
    fit = fit_latent(panel)
    z = (y - np.nanmean(y)) / np.nanstd(y, ddof=1)
    uc = UnobservedComponents(z, level="llevel", initialization="approximate_diffuse",
                              loglikelihood_burn=0)
    uc.ssm.initialize_approximate_diffuse(1e4)
    ures = uc.fit(disp=False)
    assert fit.loglike == pytest.approx(ures.llf, abs=1e-3)
    assert np.allclose(fit.index["score"], ures.smoothed_state[0], atol=2e-3)


def test_recovers_a_known_model_and_narrows_with_more_indicators() -> None:
    rng = np.random.default_rng(11)
    n = 80
    theta = np.cumsum(rng.normal(0, 0.4, n))
    lam = {"a": 1.0, "b": 0.6, "c": -0.8}
    noise = {"a": 0.5, "b": 0.6, "c": 0.5}
    panel = pd.DataFrame({k: 2.0 + lam[k] * theta + rng.normal(0, noise[k], n) for k in lam},
                         index=pd.Index(range(1940, 1940 + n), name="year"))
    years = panel.index.to_numpy()
    panel.loc[years < 1970, "b"] = np.nan  # indicators cover different spans
    panel.loc[years >= 1990, "c"] = np.nan
    fit = fit_latent(panel, anchor="a")
    assert np.corrcoef(fit.index["score"], theta)[0, 1] > 0.95
    # Standardised loadings relative to the anchor: λ_j sd_a / sd_j.
    sd = fit.scale["sd"]
    for k in ("b", "c"):
        expected = lam[k] / lam["a"] * sd["a"] / sd[k]
        assert fit.loadings.loc[k, "loading"] == pytest.approx(expected, rel=0.25)
    assert float(fit.loadings["loading"]["c"]) < 0  # a reversed indicator gets a negative loading
    by_n = fit.index.groupby("n_indicators")["sd"].mean()
    assert float(by_n[3]) < float(by_n[2])


def test_rus_usa_interval_every_year_narrower_with_more_indicators(rus_usa: LatentFit) -> None:
    idx = rus_usa.index
    assert list(idx.index) == list(range(1948, 2025))
    assert idx[["score", "low", "high"]].notna().all().all()
    assert (idx["low"] < idx["score"]).all() and (idx["score"] < idx["high"]).all()
    width = idx["high"] - idx["low"]
    assert width[idx["n_indicators"] >= 3].mean() < width[idx["n_indicators"] <= 2].mean()
    assert set(rus_usa.panel.columns) == {"speech", "votes", "weis", "copdab", "gdelt"}
    # Sign convention: the anchor's loading is +1 and the score rises with the expert Peace Scale.
    assert rus_usa.loadings.loc["votes", "loading"] == 1.0 and rus_usa.anchor == "votes"
    assert context_check(rus_usa)["corr_peace"] > 0


def test_contributions_add_up(rus_usa: LatentFit) -> None:
    c = rus_usa.contributions()
    assert list(c.columns) == [*rus_usa.panel.columns, "other"]
    assert np.allclose(c.sum(axis=1), rus_usa.index["score"], atol=1e-8)


def test_leave_one_out_beats_naive_for_two_indicators(rus_usa: LatentFit) -> None:
    loo = leave_one_out(rus_usa)
    assert int(loo["beats_naive"].sum()) >= 2, loo


def test_stage_test_finds_a_planted_break_and_not_noise() -> None:
    rng = np.random.default_rng(0)
    years = list(range(1991, 2025))
    step = np.r_[np.full(12, 1.0), np.full(11, 0.0), np.full(11, -1.0)] + rng.normal(0, 0.2, 34)
    found = stage_test(step, years, n_perm=99, penalty=latent_penalty(np.full(34, 0.2)))
    assert found.n_stages == 3 and found.p_shuffle < 0.05 and found.p_ar1 < 0.05
    assert [int(e) for e in found.segmentation.ends] == [2002, 2013, 2024]  # type: ignore[attr-defined]
    noise = stage_test(rng.normal(0, 1, 34), years, n_stages=3, n_perm=99)
    assert noise.p_shuffle > 0.05


def test_perception_index_latent_method(rus_usa: LatentFit) -> None:
    out = perception_index("RUS", "USA", 1948, 2024, method="latent")
    assert list(out.columns) == ["score", "low", "high", "n_indicators"]
    assert np.allclose(out["score"], rus_usa.index["score"])
    assert out.attrs["loadings"]["votes"]["anchor"] is True
    assert out.attrs["method"] == "latent"


def test_bad_requests() -> None:
    with pytest.raises(PerceptionError, match="unknown indicator group"):
        latent_fit("RUS", "USA", indicators=("tea-leaves",))
    with pytest.raises(PerceptionError, match="both 'RUS'"):
        latent_fit("RUS", "RUS")
    with pytest.raises(PerceptionError, match="no indicator with at least 3"):
        fit_latent(pd.DataFrame({"a": [1.0, np.nan, 2.0]}))


def test_report_section_shows_band_indicators_and_stage_test(rus_usa: LatentFit) -> None:
    from stratlab.report.perception_section import perception_section

    sec = perception_section(fit=rus_usa)
    assert sec.figure is not None and sec.figure[:8] == b"\x89PNG\r\n\x1a\n"
    assert sec.table is not None
    parts = sec.table["part"].tolist()
    assert parts.count("indicator") == 5 and "stage" in parts
    assert "permutation p" in sec.caption and "AR(1)-surrogate p" in sec.caption
    assert {"unga-idealpoints", "weis-mcclelland-1978", "fariss-2014"} <= set(sec.sources)
