"""``stratlab run CASE_OR_FILE`` and ``stratlab cases``: run a scenario, list the built-in ones."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from stratlab.cli.common import UserError, console, emit
from stratlab.cli.limits import check_members, check_seed

ROLE_METRICS = (
    "inf_central_share",
    "inf_fsi_effect",
    "inf_theatre_share",
    "inf_defense_saturation",
    "inf_conventional_share",
    "inf_warning_time",
)


def _fmt(value: Any, digits: int = 3) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.{digits}g}"
    return str(value)


def _shown(df: pd.DataFrame) -> pd.DataFrame:
    return df.apply(lambda col: [_fmt(v) for v in col]) if not df.empty else df


def cases() -> None:
    """List the built-in scenario cases."""
    from stratlab.scenario.load import list_cases

    rows = [
        {"case": c.name, "mode": c.mode, "years": f"{c.years[0]}–{c.years[1]}", "description": c.description}
        for c in list_cases()
    ]
    emit(pd.DataFrame(rows), "table", title="built-in cases (stratlab run CASE)", width=110)


def _outcomes(ds: Any) -> pd.DataFrame:
    rows = []
    for name in ds.data_vars:
        if not str(name).startswith("outcome_"):
            continue
        values = ds[name].values
        rows.append({
            "outcome": str(name).removeprefix("outcome_"),
            "kind": ds[name].attrs.get("kind", ""),
            "median": float(pd.Series(values).median()),
            "p5": float(pd.Series(values).quantile(0.05)),
            "p95": float(pd.Series(values).quantile(0.95)),
        })
    return pd.DataFrame(rows)


def _summary(ds: Any, path: Path) -> None:
    from stratlab.engine import era_table, yearly_summary

    a = ds.attrs
    console.print(
        f"[bold]{a['scenario']}[/bold] ({a['run_mode']}, {a['members']} member(s), seed {a['seed']}) "
        f"scenario {a['scenario_hash']}, data {a['data_version']}, stratlab {a['stratlab_version']}"
    )
    if a["run_mode"] == "historical":
        emit(_shown(era_table(ds, ROLE_METRICS)), "table", title="roles of INF-band systems by era (median)")
        if "fit_value" in ds:
            fit = pd.DataFrame({"parameter": ds["fit_param"].values, "value": ds["fit_value"].values})
            title = f"perception fit (RMSE {a['fit_rmse']:.3f}, {a['fit_years']} years)"
            emit(_shown(fit), "table", title=title)
    emit(_shown(yearly_summary(ds)), "table", title="median over members")
    outcomes = _outcomes(ds)
    if not outcomes.empty:
        emit(_shown(outcomes), "table", title="outcomes over members")
    console.print(f"wrote {path}")


def run_case(
    case: str = typer.Argument(..., help="a built-in case (see `stratlab cases`) or a scenario YAML file"),
    members: int = typer.Option(1, "--members", "-n", help="ensemble members"),
    seed: int = typer.Option(0, "--seed", help="random seed, 0 … 2^64-1 (same seed, same results)"),
    out: Path = typer.Option(Path("runs"), "--out", help="folder for the NetCDF result"),
    force: bool = typer.Option(False, "--force", help="replace an existing result of this scenario"),
    settings: list[str] = typer.Option(
        [], "--set", metavar="NAME=VALUE",
        help="set a parameter (arms.reaction=0.15) or a lever (inf_pace=20); repeatable"),
) -> None:
    """Run a scenario and write its results (an xarray Dataset, NetCDF) into --out.

    An existing result (OUT/NAME.nc) is replaced only with --force; a file stratlab did not
    write is never replaced. The write is atomic: an interrupted run leaves the previous result.
    """
    from stratlab.atomic import check_target
    from stratlab.engine import run, write
    from stratlab.engine.results import is_result_file, result_path
    from stratlab.scenario.load import ScenarioError, load_scenario

    if members < 1:
        raise UserError(f"--members {members}: expected a number of members ≥ 1")
    check_seed(seed)
    from stratlab.scenario.settings import SettingError, apply_settings

    try:
        scenario, notes = apply_settings(load_scenario(case), settings)
    except (ScenarioError, SettingError) as exc:
        raise UserError(str(exc)) from None
    check_members(members, len(scenario.year_list), len(scenario.actors))
    check_target(result_path(out, scenario.name), force=force, is_ours=is_result_file, folder=True)
    for note in notes:
        console.print(f"set {note}")
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        try:
            ds = run(scenario, members=members, seed=seed, progress=progress)
        except LookupError as exc:  # the forces table lacks a year or leg the replay needs
            raise UserError(str(exc)) from None
    try:
        path = write(ds, out, scenario.name, replace=force)
    except OSError as exc:
        raise UserError(f"--out {out}: {exc.strerror or exc}") from None
    _summary(ds, path)


__all__ = ["cases", "run_case"]
