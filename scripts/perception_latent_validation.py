"""Numbers for docs/theory/perception_latent.md: the latent index's validation for four pairs and
the perception dynamics calibrated to it. Needs the record files (STRATLAB_RECORDS).

    PYTHONPATH=src python scripts/perception_latent_validation.py > validation.txt
"""

from __future__ import annotations

import numpy as np

from stratlab.engine.calibrate import bound_share, calibrated_context, dyad_records, fit_dynamics
from stratlab.measure.latent import latent_fit
from stratlab.measure.validate import context_check, drop_decade, latent_penalty, leave_one_out, stage_test
from stratlab.models.perception import PerceptionParams

PAIRS = [("RUS", "USA"), ("USA", "RUS"), ("CHN", "USA"), ("USA", "CHN")]


def main() -> None:
    for s, t in PAIRS:
        fit = latent_fit(s, t)
        idx = fit.index
        print(f"\n## {s} -> {t}: {idx.index[0]}-{idx.index[-1]}, anchor {fit.anchor}")
        print(fit.loadings.round(3).to_string())
        w = (idx["high"] - idx["low"]).groupby(idx["n_indicators"]).mean()
        print("mean 95% width by indicator count:", w.round(3).to_dict(),
              "NaN years:", int(idx["low"].isna().sum()))
        print(leave_one_out(fit).round(3).to_string())
        print(drop_decade(fit).round(3).to_string())
        print("context:", {k: round(v, 3) for k, v in context_check(fit).items()})
        post = idx.loc[1991:2024]
        pen = latent_penalty(post["sd"].to_numpy())
        for k in (None, 3):
            st = stage_test(post["score"].to_numpy(), list(post.index), n_stages=k, n_perm=999, penalty=pen)
            seg = st.segmentation
            spans = [f"{a}-{b} ({m:+.2f})" for a, b, m in zip(seg.starts, seg.ends, seg.means,  # type: ignore[attr-defined]
                                                               strict=True)]
            print(f"stages {'default' if k is None else k}: {st.n_stages}: {'; '.join(spans)}; "
                  f"R2 {st.r2:.3f}; p_shuffle {st.p_shuffle:.3f}; p_ar1 {st.p_ar1:.3f}; lag1 {st.lag1:.3f}; "
                  f"penalty {pen:.3f}")

    years = list(range(1991, 2025))
    recs = dyad_records([("RUS", "USA"), ("USA", "RUS")], ["USA", "RUS"], years)
    dyn = fit_dynamics(recs, PerceptionParams())
    print("\n## dynamics fit\n", dyn.table().round(3).to_string(), "\nloglike", round(dyn.loglike, 2))
    print("replay RMSE (hostility):", {k: round(v, 3) for k, v in dyn.rmse.items()})

    from stratlab.engine.forward import run_forward
    from stratlab.engine.setup import prepare
    from stratlab.scenario.load import load_scenario

    sc = load_scenario("post-inf-tripolar")
    n, T = len(sc.actors), len(sc.treaties)
    ctx = prepare(sc, 500, 0, n * n + T * n)
    base = run_forward(ctx).hostility
    cal = run_forward(calibrated_context(ctx, dyn)).hostility
    print("forward, 500 members: share of member-years within 0.01 of a bound: default",
          round(bound_share(base), 3), "calibrated", round(bound_share(cal), 3))
    off = ~np.eye(n, dtype=bool)
    print("calibrated 2045 quantiles (5/50/95) per pair", sc.actors,
          np.quantile(cal[:, -1][:, off], [0.05, 0.5, 0.95], axis=0).round(3).tolist())


if __name__ == "__main__":
    main()
