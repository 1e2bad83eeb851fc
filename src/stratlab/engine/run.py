"""``run(scenario, members, seed)``: one call, a whole ensemble, an xarray Dataset back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import xarray as xr
from numpy.typing import NDArray

from stratlab.engine.arsenal import Arsenal
from stratlab.engine.forward import binding_share, run_forward
from stratlab.engine.historical import HistoryTrace, run_historical
from stratlab.engine.history import Missing, Postures, gap_text, inf_reach_share
from stratlab.engine.results import DYADIC, PER_ACTOR, add_outcomes, dataset
from stratlab.engine.roles import inf_roles
from stratlab.engine.setup import RunContext, prepare
from stratlab.engine.stability import Stability, pair_stability, posture_stability
from stratlab.models.first_strike import SOURCE_IDS as FIRST_STRIKE_SOURCES
from stratlab.models.perception import NO_ACT, REASSURE, SLIGHT, THREAT
from stratlab.models.richardson import SOURCE_IDS as RICHARDSON_SOURCES
from stratlab.models.treaty import SOURCE_IDS as TREATY_SOURCES
from stratlab.scenario.load import load_scenario, scenario_hash
from stratlab.scenario.spec import Scenario

if TYPE_CHECKING:
    import duckdb

FloatArray = NDArray[np.float64]
Progress = Callable[[str, int, int], None]


def _broadcast(x: NDArray[Any], members: int) -> NDArray[Any]:
    return np.broadcast_to(x, (members, *x.shape[1:])).copy()


def _force_vars(ars: Arsenal, members: int) -> dict[str, tuple[tuple[str, ...], NDArray[Any]]]:
    return {
        "central_warheads": (PER_ACTOR, _broadcast(ars.central_warheads, members)),
        "inf_launchers": (PER_ACTOR, _broadcast(ars.inf_launchers, members)),
        "inf_warheads": (PER_ACTOR, _broadcast(ars.inf_warheads, members)),
        "interceptors": (PER_ACTOR, _broadcast(ars.interceptors, members)),
    }


Vars = dict[str, tuple[tuple[str, ...], NDArray[Any]]]


def _stability_vars(ctx: RunContext, ars: Arsenal, effect: bool, postures: Postures | None = None,
                    missing: Missing | None = None) -> Vars:
    """Stability variables; from the catalog postures (the route of ``stratlab stability --year``)
    when the run replays history, else from the arsenal."""
    full = ars.map(lambda v: np.broadcast_to(v, (ctx.members, *v.shape[1:])))

    def stability(with_inf: bool = True) -> Stability:
        if postures is not None:
            return posture_stability(postures, ctx.actors, ctx.years, ctx.reach, ctx.params, full, with_inf,
                                     missing or set())
        return pair_stability(full, ctx.reach, ctx.params, with_inf=with_inf)

    st = stability()
    out: Vars = {
        "fsi": (DYADIC, st.fsi),
        "fsi_system_min": (("member", "year"), st.system_min),
        "fsi_system_product": (("member", "year"), st.system_product),
    }
    if effect:
        without = stability(with_inf=False)
        out["inf_fsi_effect"] = (DYADIC, st.fsi - without.fsi)
    reach = ctx.reach
    if postures is not None:  # the replay: only the INF-band warheads that reach count against a homeland
        reach = ctx.reach * inf_reach_share(postures, ctx.actors, ctx.years)[None]
    for name, values in inf_roles(full, reach, ctx.theatre).items():
        out[name] = (PER_ACTOR if values.ndim == 3 else DYADIC, values)
    return out


def _history_vars(trace: HistoryTrace) -> dict[str, tuple[tuple[str, ...], NDArray[Any]]]:
    acts = trace.acts
    out: dict[str, tuple[tuple[str, ...], NDArray[Any]]] = {
        f"{name}_acts": (("year", "actor", "target"), (acts == code).sum(axis=1))
        for name, code in (("threat", THREAT), ("slight", SLIGHT), ("reassure", REASSURE))
    }
    if trace.measured is not None and trace.fit is not None:
        for col in ("score", "low", "high"):
            out[f"measured_{col}"] = (("year",), trace.measured[col].to_numpy(dtype=np.float64))
        out["measured_hostility"] = (("year",), trace.fit.measured)
        out["fitted_hostility"] = (("year",), trace.fit.fitted)
        out["fit_value"] = (("fit_param",), np.asarray(trace.fit.values))
    return out


def _attrs(scenario: Scenario, members: int, seed: int, sources: set[str]) -> dict[str, Any]:
    from stratlab import __version__
    from stratlab.data import data_version_in_use

    return {
        "stratlab_version": __version__,
        "data_version": data_version_in_use(),
        "scenario": scenario.name,
        "scenario_hash": scenario_hash(scenario),
        "run_mode": scenario.mode,  # not "mode": scipy's NetCDF writer keeps attrs as its own attributes
        "seed": seed,
        "members": members,
        "sources": "; ".join(sorted(s for s in sources if s)),
    }


def run(
    scenario: Scenario | str | Path,
    members: int = 1,
    seed: int = 0,
    *,
    progress: Progress | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> xr.Dataset:
    """Run a scenario (object, file or built-in case name) for ``members`` members.

    Same ``seed`` ⇒ identical results; member ``i`` of any ensemble equals member ``i`` of any
    other run with the same seed. ``progress(stage, done, total)`` is called as work advances.
    """
    sc = scenario if isinstance(scenario, Scenario) else load_scenario(scenario, con)
    n, T = len(sc.actors), len(sc.treaties)
    block = n * n + T * n if sc.mode == "forward" else 0
    ctx = prepare(sc, members, seed, block, con)
    measured: set[str] = set()
    if sc.mode == "forward" and sc.parameters.perception_start == "measured":
        from stratlab.engine.calibrate import SOURCE_IDS as MEASURED
        from stratlab.engine.calibrate import calibrated_context, default_fit

        ctx, measured = calibrated_context(ctx, default_fit()), set(MEASURED)
    report = progress or (lambda stage, done, total: None)
    sources = set(ctx.params.sources) | set(FIRST_STRIKE_SOURCES) | measured
    treaty_ids = [t.id for t in sc.treaties]
    gaps, missing = "", set()
    if sc.mode == "forward":
        trace = run_forward(ctx, lambda done, total: report("simulate", done, total))
        ars = trace.arsenal
        sources |= trace.sources | set(RICHARDSON_SOURCES) | set(TREATY_SOURCES)
        data = {
            **_force_vars(ars, members),
            "power_share": (("year", "actor"), trace.shares),
            "hostility": (DYADIC, _nan_diagonal(trace.hostility)),
            "act": (DYADIC, trace.acts),
            "treaty_status": (("member", "year", "treaty"), trace.status),
            "treaty_stance": (("member", "year", "treaty", "actor"), trace.stance),
            "treaty_binding": (("member", "year"), binding_share(trace.status)),
        }
        effect, postures = False, None
    else:
        hist = run_historical(ctx)
        ars = hist.arsenal
        sources |= hist.sources
        data = {
            **_force_vars(ars, members),
            "hostility": (DYADIC, hist.hostility),
            "treaty_status": (("member", "year", "treaty"), _broadcast(hist.status[None], members)),
            "treaty_binding": (("member", "year"), _broadcast(binding_share(hist.status)[None], members)),
            **_history_vars(hist),
        }
        effect, postures = True, hist.postures
        missing = hist.missing
        gaps = gap_text(missing)
    report("stability", 0, 1)
    data.update(_stability_vars(ctx, ars, effect, postures, missing))
    report("stability", 1, 1)
    ds = dataset(data, sc, members, treaty_ids, _attrs(sc, members, seed, sources))
    if sc.mode == "historical":
        ds.attrs["forces_gaps"] = gaps  # actor-years the forces table declares unsourced (NaN)
        ds = ds.assign_coords(era=("year", hist.eras))
        if hist.fit is not None:
            ds = ds.assign_coords(fit_param=list(hist.fit.names))
            ds.attrs["fit_rmse"] = hist.fit.rmse
            ds.attrs["fit_years"] = hist.fit.n_years
    if "act" in ds:
        ds["act"].attrs["codes"] = f"{NO_ACT} none, {REASSURE} reassure, {THREAT} threat, {SLIGHT} slight"
    return add_outcomes(ds, sc.outcomes)


def _nan_diagonal(h: FloatArray) -> FloatArray:
    out = np.array(h, dtype=np.float64)
    idx = np.arange(out.shape[-1])
    out[..., idx, idx] = np.nan
    return out


__all__ = ["Progress", "run"]
