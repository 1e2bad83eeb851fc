"""The command line answers --help and --version without loading the scientific stack, and
`stratlab cases show` prints a built-in case that loads back unchanged."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from tests.cli_helpers import assert_one_line_error, stratlab

# (typer itself loads pydantic for its parameter adapters: not ours to avoid.)
HEAVY = ("pandas", "numpy", "duckdb", "matplotlib", "xarray", "scipy")


def _imported(*args: str) -> set[str]:
    res = subprocess.run([sys.executable, "-X", "importtime", "-m", "stratlab", *args],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr[-2000:]
    names = set()
    for line in res.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_help_and_version_import_no_heavy_library(args: tuple[str, ...]) -> None:
    loaded = _imported(*args)
    assert "stratlab" in loaded  # the parse worked: the importtime listing is real
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_lists_every_command() -> None:
    res = stratlab("--help")
    assert res.returncode == 0
    for name in ("report", "perceive", "stability", "run", "cases", "flight-time", "data"):
        assert f" {name} " in res.stdout


def test_cases_show_prints_the_case_yaml() -> None:
    from stratlab.scenario.load import list_cases

    res = stratlab("cases", "show", "inf-history")
    assert res.returncode == 0, res.stderr
    shipped = next(c for c in list_cases() if c.name == "inf-history").path.read_text(encoding="utf-8")
    assert res.stdout == shipped
    assert yaml.safe_load(res.stdout)["name"] == "inf-history"


def test_cases_show_unknown_is_one_line() -> None:
    assert_one_line_error(stratlab("cases", "show", "nope"), "no built-in case 'nope'", "inf-history")
