"""`stratlab flight-time RANGE_KM...` on good and bad input.

In-process through typer's CliRunner (user mistakes surface there as a raised ``UserError``, which
``stratlab.cli.main`` turns into one stderr line), and as a user runs it: a subprocess calling
``main()`` and the installed ``stratlab`` console script.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli_helpers import assert_one_line_error
from stratlab.cli import app
from stratlab.cli.common import UserError
from stratlab.models.flight_time import min_energy_flight_time

runner = CliRunner()


def stratlab(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from stratlab.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_json_output_is_the_model_value() -> None:
    res = runner.invoke(app, ["flight-time", "1800", "10000", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["range_km"] for r in rows] == [1800.0, 10000.0]
    assert rows[0]["ballistic_min_energy_min"] == float(min_energy_flight_time(1800.0)) / 60
    # reference note §4.2/§4.3 [D]: 11.0 min at 1,800 km, 32.2 min at 10,000 km
    assert rows[0]["ballistic_min_energy_min"] == pytest.approx(11.0, abs=0.05)
    assert rows[1]["ballistic_min_energy_min"] == pytest.approx(32.2, abs=0.05)
    assert "cruise_min" not in rows[0]


def test_table_with_cruise_speed() -> None:
    res = runner.invoke(app, ["flight-time", "1800", "--cruise-speed-kmh", "900"])
    assert res.exit_code == 0, res.output
    assert "11.00" in res.stdout  # reference note §4.2 table: 1,800 km → 11.00 min
    assert "120.0" in res.stdout  # 1,800 km at 900 km/h = 2 h


def test_json_with_cruise_speed() -> None:
    res = runner.invoke(app, ["flight-time", "450", "--cruise-speed-kmh", "900", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["cruise_min"] == pytest.approx(30.0)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["abc"], "range 'abc': expected a number"),
        (["0"], "range '0': expected a distance in km greater than 0"),
        (["--", "-500"], "range '-500'"),
        (["1000", "30000"], "range '30000'"),
        (["20015.2"], "half the Earth's circumference"),
        (["nan"], "range 'nan'"),
        (["1000", "--cruise-speed-kmh", "fast"], "--cruise-speed-kmh 'fast': expected a number"),
        (["1000", "--cruise-speed-kmh", "0"], "--cruise-speed-kmh '0'"),
    ],
)
def test_bad_input_raises_user_error(args: list[str], needle: str) -> None:
    res = runner.invoke(app, ["flight-time", *args])
    assert res.exit_code != 0
    assert isinstance(res.exception, UserError), res.exception
    assert needle in str(res.exception)
    assert "\n" not in str(res.exception)


def test_direct_call_checks_values_too() -> None:
    from stratlab.cli.flight_time import flight_time

    with pytest.raises(UserError, match=r"range -5\.0"):
        flight_time([-5.0])


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        # a bare "-500" is read as an option by the parser; negative values go after "--"
        (("flight-time", "--", "-500"), ("range '-500'",)),
        (("flight-time", "0"), ("range '0'", "greater than 0")),
        (("flight-time", "ten"), ("range 'ten'", "expected a number")),
    ],
)
def test_bad_input_one_line_on_stderr(args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    assert_one_line_error(stratlab(*args), *needles)


def test_good_input_subprocess() -> None:
    res = stratlab("flight-time", "500", "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)[0]["ballistic_min_energy_min"] == pytest.approx(5.46, abs=0.005)


def test_installed_console_script() -> None:
    exe = shutil.which("stratlab") or str(Path(sys.executable).parent / "stratlab")
    assert Path(exe).exists(), "the stratlab console script is not installed"
    ok = subprocess.run([exe, "flight-time", "1000", "--json"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)[0]["ballistic_min_energy_min"] == pytest.approx(7.91, abs=0.005)
    bad = subprocess.run([exe, "flight-time", "zero"], capture_output=True, text=True, timeout=120)
    assert_one_line_error(bad, "range 'zero'")
