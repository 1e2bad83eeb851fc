"""`stratlab run` and `stratlab cases`, run as a user runs them (a subprocess)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import xarray as xr


def stratlab(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stratlab", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def test_run_on_a_malformed_scenario_is_one_line_naming_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nmode: forward\nyears: [2025, 2030]\nactors: [USA, 7]\n", encoding="utf-8")
    res = stratlab("run", str(bad), "--out", str(tmp_path / "out"))
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith(f"error: {bad}, line 4, actors[1]: 7: expected text")
    assert "Traceback" not in res.stderr + res.stdout
    assert not (tmp_path / "out").exists()


def test_cases_lists_the_builtin_cases_and_run_writes_netcdf(tmp_path: Path) -> None:
    listed = stratlab("cases")
    assert listed.returncode == 0, listed.stderr
    for name in ("inf-history", "russia-us-perception", "post-inf-tripolar"):
        assert name in listed.stdout
    res = stratlab("run", "post-inf-tripolar", "--members", "3", "--seed", "2", "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert "post-inf-tripolar" in res.stdout and "outcomes" in res.stdout
    with xr.open_dataset(tmp_path / "post-inf-tripolar.nc", engine="scipy") as ds:
        assert ds.sizes["member"] == 3 and ds.attrs["seed"] == 2


def test_bad_member_count_is_a_user_error(tmp_path: Path) -> None:
    res = stratlab("run", "inf-history", "--members", "0", "--out", str(tmp_path))
    assert res.returncode != 0
    assert res.stderr.strip() == "error: --members 0: expected a number of members ≥ 1"


def test_cite_lists_every_source_a_result_used(tmp_path: Path) -> None:
    import xarray as xr

    from cli_helpers import assert_one_line_error
    from cli_helpers import stratlab as run_cli

    res = run_cli("run", "post-inf-tripolar", "--members", "3", "--seed", "5", "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    (nc,) = tmp_path.glob("*.nc")
    with xr.open_dataset(nc, engine="scipy") as ds:
        recorded = set(str(ds.attrs["sources"]).split("; "))
    cited = run_cli("data", "cite", "--result", str(nc))
    assert cited.returncode == 0, cited.stderr
    listed = {line[1:line.index("]")] for line in cited.stdout.splitlines() if line.startswith("[")}
    assert listed == recorded and recorded
    assert_one_line_error(run_cli("data", "cite", "--result", str(tmp_path / "no.nc")), "no such file")
    bad = tmp_path / "bad.nc"
    bad.write_text("not netcdf")
    assert_one_line_error(run_cli("data", "cite", "--result", str(bad)), "not a stratlab result file")
