"""`--set NAME=VALUE` on parameters and levers: applied, checked by the scenario's own rules,
recorded in the result, and refused in one line when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
import xarray as xr
from tests.cli_helpers import assert_one_line_error, stratlab

from stratlab.scenario.load import load_scenario
from stratlab.scenario.settings import SOURCE, SettingError, apply_settings


@pytest.fixture(scope="module")
def tripolar():  # type: ignore[no-untyped-def]
    return load_scenario("post-inf-tripolar")


def test_no_settings_leave_every_case_unchanged() -> None:
    for name in ("post-inf-tripolar", "inf-history", "russia-us-perception"):
        sc = load_scenario(name)
        assert apply_settings(sc, [])[0] == sc


def test_a_parameter_is_fixed_and_its_uncertainty_dropped(tripolar) -> None:  # type: ignore[no-untyped-def]
    assert "arms.reaction" in [u.parameter for u in tripolar.uncertainties]
    sc, notes = apply_settings(tripolar, ["arms.reaction=0.15"])
    assert sc.parameters.arms.reaction.value == 0.15
    assert sc.parameters.arms.reaction.source == SOURCE
    assert "arms.reaction" not in [u.parameter for u in sc.uncertainties]
    assert len(sc.uncertainties) == len(tripolar.uncertainties) - 1
    assert "uncertainty in the scenario is dropped" in notes[0]


def test_a_lever_takes_the_value_as_its_default(tripolar) -> None:  # type: ignore[no-untyped-def]
    sc, notes = apply_settings(tripolar, ["inf_pace=20", "new_inf_treaty=0"])
    by_name = {lv.name: lv.default for lv in sc.levers}
    assert by_name == {"inf_pace": 20.0, "new_inf_treaty": 0.0}
    assert notes[0].startswith("lever inf_pace (inf.max_build) = 20")


@pytest.mark.parametrize(("arg", "needle"), [
    ("arms.reaction=-1", "expected a number in [0, 1e6]"),
    ("perception.negativity=abc", "expected a number"),
    ("arms.reaction=inf", "expected a finite number"),
    ("inf_pace=500", "lever's range [0, 100]"),
    ("new_inf_treaty=0.5", "lever's options 0, 1"),
    ("inf.max_build=3", "lever inf_pace sets it"),
    ("no.such=1", "expected a parameter path"),
    ("reaction", "expected NAME=VALUE"),
])
def test_bad_settings_are_refused(tripolar, arg: str, needle: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SettingError, match=None) as info:
        apply_settings(tripolar, [arg])
    assert needle in str(info.value) and "\n" not in str(info.value)


def test_cli_set_reaches_the_result(tmp_path: Path) -> None:
    res = stratlab("run", "post-inf-tripolar", "--members", "4", "--seed", "3", "--out", str(tmp_path),
                   "--set", "stability.w80=250", "--set", "inf_pace=10")
    assert res.returncode == 0, res.stderr
    assert "set parameter stability.w80 = 250" in res.stdout
    assert "set lever inf_pace (inf.max_build) = 10 (was 50)" in res.stdout
    (path,) = tmp_path.glob("*.nc")
    with xr.open_dataset(path) as ds:
        added = ds["inf_launchers"].diff("year")
        assert float(ds["inf_launchers"].sum()) > 0
    # inf_pace caps the INF-band launchers an actor adds in a year: 10, not the case's 50.
    assert float(added.max()) <= 10 + 1e-9


def test_cli_bad_setting_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(stratlab("run", "post-inf-tripolar", "--out", str(tmp_path),
                                   "--set", "arms.reaction=-1"), "--set arms.reaction=-1")
