"""Results as an xarray Dataset: dims ``member``, ``year``, ``actor``, ``target``, ``treaty``.

Attributes record the stratlab version, the data version in use, the scenario's name and hash,
the mode, seed and ensemble size, and the source ids behind the result (``;``-separated, so the
file stays NetCDF-3). :func:`write` saves NetCDF through xarray's ``scipy`` engine (NetCDF-3: no
netCDF4 library needed; integers stored as 32-bit, booleans as bytes; an integer attribute beyond
32 bits, such as a seed ≥ 2³¹, as its decimal text), atomically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr
from numpy.typing import NDArray

from stratlab.scenario.spec import Outcome, Scenario

FloatArray = NDArray[np.float64]

DYADIC = ("member", "year", "actor", "target")
PER_ACTOR = ("member", "year", "actor")


def dataset(
    data_vars: Mapping[str, tuple[Sequence[str], NDArray[Any]]],
    scenario: Scenario,
    members: int,
    treaties: Sequence[str],
    attrs: Mapping[str, Any],
) -> xr.Dataset:
    """Assemble the Dataset with its coordinates (``target`` repeats the actor codes)."""
    coords: dict[str, Any] = {
        "member": np.arange(members, dtype=np.int32),
        "year": np.asarray(scenario.year_list, dtype=np.int32),
        "actor": list(scenario.actors),
        "target": list(scenario.actors),
    }
    if treaties:
        coords["treaty"] = list(treaties)
    ds = xr.Dataset({k: (list(dims), _storable(v)) for k, (dims, v) in data_vars.items()}, coords=coords)
    ds.attrs.update(attrs)
    return ds


def _storable(values: NDArray[Any]) -> NDArray[Any]:
    arr = np.asarray(values)
    if arr.dtype == np.bool_:
        return arr.astype(np.int8)
    if arr.dtype.kind in "iu":
        return arr.astype(np.int32)
    return arr


def outcome(ds: xr.Dataset, spec: Outcome) -> xr.DataArray:
    """One value per member: ``spec.variable`` (at ``actor``/``target``) reduced over the rest."""
    da = ds[spec.variable]
    if spec.actor is not None and "actor" in da.dims:
        da = da.sel(actor=spec.actor)
    if spec.target is not None and "target" in da.dims:
        da = da.sel(target=spec.target)
    if spec.stat in ("first", "last"):
        da = da.isel(year=0 if spec.stat == "first" else -1)
        stat = "mean"
    else:
        stat = spec.stat
    rest = [d for d in da.dims if d != "member"]
    reduced = getattr(da, stat)(dim=rest, skipna=True) if rest else da
    return reduced.assign_attrs(kind=spec.kind, variable=spec.variable, stat=spec.stat)


def add_outcomes(ds: xr.Dataset, outcomes: Sequence[Outcome]) -> xr.Dataset:
    """Add ``outcome_<name>`` (member) for every outcome of the scenario."""
    for spec in outcomes:
        ds[f"outcome_{spec.name}"] = outcome(ds, spec)
    return ds


def result_path(out_dir: str | Path, name: str) -> Path:
    """Where :func:`write` puts the result of scenario ``name``: ``out_dir/<name>.nc``."""
    return Path(out_dir) / f"{name}.nc"


def is_result_file(path: Path) -> bool:
    """Whether ``path`` is a result stratlab wrote: NetCDF-3 with a ``stratlab_version``
    attribute (what ``run --force`` may replace)."""
    try:
        with open(path, "rb") as fh:
            if fh.read(3) != b"CDF":
                return False
        with xr.open_dataset(path, engine="scipy") as ds:
            return "stratlab_version" in ds.attrs
    except Exception:  # unreadable or not NetCDF: not ours
        return False


_INT32 = (-(2**31), 2**31 - 1)


def _netcdf_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """NetCDF-3 attributes hold at most 32-bit integers: larger ones (a seed ≥ 2³¹) are stored
    as their decimal text, so nothing is cast or lost (read them back with ``int(...)``)."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        big = isinstance(value, int | np.integer) and not isinstance(value, bool) and not (
            _INT32[0] <= int(value) <= _INT32[1])
        out[key] = str(int(value)) if big else value
    return out


def write(ds: xr.Dataset, out_dir: str | Path, stem: str | None = None, *,
          replace: bool = False) -> Path:
    """Write ``ds`` as NetCDF-3 (scipy engine) into ``out_dir``; returns the file's path.

    The write is atomic (a temporary file beside the target, fsynced, then renamed): a process
    killed at any moment leaves the previous result or the new one, never a partial file. An
    existing result is replaced only with ``replace=True``; a file stratlab did not write is
    never replaced (:class:`~stratlab.atomic.OutputError`).
    """
    from stratlab.atomic import atomic_write, check_target

    path = result_path(out_dir, stem or str(ds.attrs.get("scenario", "run")))
    check_target(path, force=replace, is_ours=is_result_file, folder=True)
    stored = ds.copy(deep=False)
    stored.attrs = _netcdf_attrs(ds.attrs)
    return atomic_write(path, lambda tmp: stored.to_netcdf(tmp, engine="scipy"))


def era_table(ds: xr.Dataset, variables: Sequence[str]) -> pd.DataFrame:
    """Median over members of each INF-role variable, averaged by era, per ordered pair."""
    if "era" not in ds.coords:
        return pd.DataFrame()
    order = list(dict.fromkeys(str(e) for e in ds["era"].values))
    frames = []
    for name in variables:
        if name not in ds:
            continue
        da = ds[name].median("member", skipna=True).groupby("era").mean("year", skipna=True)
        frame = da.to_dataframe(name="value").reset_index()
        if "target" not in frame:  # a per-actor metric: shown on each of the actor's rows
            frame = frame.merge(pd.DataFrame({"target": ds["target"].values}), how="cross")
        frames.append(frame[["era", "actor", "target", "value"]].assign(metric=name))
    if not frames:
        return pd.DataFrame()
    long = pd.concat(frames, ignore_index=True)
    wide = long.pivot_table(index=["era", "actor", "target"], columns="metric", values="value",
                            aggfunc="first", dropna=False, sort=False)[list(dict.fromkeys(long["metric"]))]
    wide = wide.reset_index()
    wide = wide[wide["actor"] != wide["target"]]
    wide["era"] = pd.Categorical(wide["era"], categories=order, ordered=True)
    wide.columns.name = None
    return wide.sort_values(["era", "actor", "target"]).reset_index(drop=True)


def yearly_summary(ds: xr.Dataset, every: int = 5) -> pd.DataFrame:
    """Median over members, every ``every`` years and the last: system FSI, forces, beliefs."""
    years = [int(y) for y in ds.year.values]
    keep = sorted({y for y in years if (y - years[0]) % every == 0} | {years[-1]})
    sub = ds.sel(year=keep)
    out = pd.DataFrame({"year": keep})
    out["fsi_min"] = sub["fsi_system_min"].median("member").values
    for actor in ds.actor.values:
        out[f"warheads {actor}"] = sub["central_warheads"].sel(actor=actor).median("member").values
        out[f"INF {actor}"] = sub["inf_launchers"].sel(actor=actor).median("member").values
    return out


__all__ = [
    "add_outcomes",
    "dataset",
    "era_table",
    "is_result_file",
    "outcome",
    "result_path",
    "write",
    "yearly_summary",
]
