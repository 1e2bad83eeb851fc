"""A smoke run of every built-in case: dims, attributes, outcomes, and a NetCDF round trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from stratlab.data import data_version_in_use
from stratlab.engine import era_table, run, write
from stratlab.scenario.load import list_cases, load_scenario, scenario_hash

MEMBERS = {"forward": 4, "historical": 1}


@pytest.mark.parametrize("case", [c.name for c in list_cases()])
def test_case_runs_and_round_trips_through_netcdf(case: str, tmp_path: Path) -> None:
    scenario = load_scenario(case)
    members = MEMBERS[scenario.mode]
    ds = run(scenario, members=members, seed=1)
    assert {"member", "year", "actor", "target"} <= set(ds.dims)
    assert ds.sizes["member"] == members
    assert ds.sizes["year"] == scenario.years[1] - scenario.years[0] + 1
    assert ds.attrs["data_version"] == data_version_in_use()
    assert ds.attrs["scenario_hash"] == scenario_hash(scenario)
    assert ds.attrs["seed"] == 1 and ds.attrs["sources"]
    fsi = ds["fsi"].values
    finite = fsi[np.isfinite(fsi)]
    assert finite.size and np.all((finite >= 0) & (finite <= 1))
    for outcome in scenario.outcomes:
        assert ds[f"outcome_{outcome.name}"].dims == ("member",)
    path = write(ds, tmp_path)
    back = xr.open_dataset(path, engine="scipy")
    np.testing.assert_array_equal(back["central_warheads"].values, ds["central_warheads"].values)
    assert back.attrs["scenario_hash"] == ds.attrs["scenario_hash"]
    back.close()


def test_inf_history_reports_roles_by_era() -> None:
    ds = run("inf-history")
    table = era_table(ds, ["inf_central_share", "inf_theatre_share"])
    # One row per ordered pair in each of the case's eras, in the case's order.
    assert list(dict.fromkeys(table["era"])) == [e.name for e in load_scenario("inf-history").eras]
    assert set(table["actor"]) == {"USA", "RUS"}
    # The two sides' theatre shares are shares of one total: they sum to 1 where both are defined.
    euro = table[table["era"] == "SS-20 build-up and the Euromissile crisis"]
    shares = euro.set_index("actor")["inf_theatre_share"]
    assert shares["USA"] + shares["RUS"] == pytest.approx(1.0)
    # facts.md §1.2: all INF-Treaty missiles eliminated by 1 June 1991 and no US INF-band system
    # until after the treaty ended, so the US share of warheads on Russia from the band is 0.
    after = table[(table["era"] == "after the Cold War") & (table["actor"] == "USA")]
    assert float(after["inf_central_share"].iloc[0]) == 0.0


def test_russia_case_puts_the_measured_series_beside_the_fitted_model() -> None:
    ds = run("russia-us-perception")
    measured, fitted = ds["measured_hostility"].values, ds["fitted_hostility"].values
    ok = np.isfinite(measured)
    rmse = float(np.sqrt(np.mean((measured[ok] - fitted[ok]) ** 2)))
    assert rmse == pytest.approx(ds.attrs["fit_rmse"])
    model = ds["hostility"].sel(actor="RUS", target="USA").isel(member=0).values
    np.testing.assert_allclose(model, fitted)
