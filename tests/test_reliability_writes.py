"""Issue 15 reproducers, part 2: no file lost or overwritten behind the user's back, arguments
checked before any work, Ctrl-C as one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import xarray as xr

from cli_helpers import assert_one_line_error, stratlab, stratlab_inproc
from stratlab.atomic import OutputError, atomic_write, check_target

ROOT = Path(__file__).resolve().parents[1]
CASE = "post-inf-tripolar"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return stratlab_inproc("run", CASE, "--members", "2", *args)


def test_a_seed_beyond_32_bits_runs_and_is_stored_whole(tmp_path: Path) -> None:
    res = _run("--seed", "4294967296", "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    with xr.open_dataset(tmp_path / f"{CASE}.nc", engine="scipy") as ds:
        assert int(ds.attrs["seed"]) == 4294967296 and ds.sizes["member"] == 2
    top = _run("--seed", str(2**64 - 1), "--out", str(tmp_path / "top"))
    assert top.returncode == 0, top.stderr


@pytest.mark.parametrize("args", [("--seed", "-1"), ("--seed", str(2**64)),
                                  ("--members", "10000000"), ("--members", "1e20"),
                                  ("--members", "0")])
def test_bad_seeds_and_member_counts_are_refused_before_any_work(args: tuple[str, ...],
                                                                   tmp_path: Path) -> None:
    res = stratlab_inproc("run", CASE, *args, "--out", str(tmp_path / "o"))
    assert_one_line_error(res, args[0])
    assert res.returncode == 2 and not (tmp_path / "o").exists()


def test_too_many_members_is_refused_with_the_estimate(tmp_path: Path) -> None:
    line = assert_one_line_error(stratlab_inproc("run", CASE, "--members", "10000000"))
    assert "GiB of memory" in line and " h " in line and "expected at most" in line


def test_run_replaces_a_result_only_with_force_and_never_a_foreign_file(tmp_path: Path) -> None:
    assert _run("--seed", "1", "--out", str(tmp_path)).returncode == 0
    first = (tmp_path / f"{CASE}.nc").read_bytes()
    assert_one_line_error(_run("--seed", "2", "--out", str(tmp_path)), "--force")
    assert (tmp_path / f"{CASE}.nc").read_bytes() == first
    assert _run("--seed", "2", "--out", str(tmp_path), "--force").returncode == 0
    assert (tmp_path / f"{CASE}.nc").read_bytes() != first
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / f"{CASE}.nc").write_text("my notes", encoding="utf-8")
    assert_one_line_error(_run("--out", str(foreign), "--force"), "not written by stratlab")
    assert (foreign / f"{CASE}.nc").read_text(encoding="utf-8") == "my notes"


@pytest.mark.parametrize("where", ["file", "proc"])
def test_unwritable_outputs_are_refused_before_the_run(where: str, tmp_path: Path) -> None:
    target = tmp_path / "a-file" if where == "file" else Path("/proc/stratlab-nope")
    if where == "file":
        target.write_text("x", encoding="utf-8")
    assert_one_line_error(_run("--out", str(target)), "--out")


def test_data_build_never_replaces_a_user_file(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    for extra in ((), ("--force",)):
        assert_one_line_error(stratlab_inproc("data", "build", "--out", str(victim), *extra),
                              "not written by stratlab")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert_one_line_error(stratlab_inproc("data", "build", "--out", str(tmp_path)), "is a directory")
    assert_one_line_error(stratlab_inproc("data", "build", "--out", "/proc/nope/c.duckdb"),
                          "cannot write")
    built = tmp_path / "c.duckdb"
    assert stratlab_inproc("data", "build", "--out", str(built)).returncode == 0
    assert_one_line_error(stratlab_inproc("data", "build", "--out", str(built)), "--force")
    assert stratlab_inproc("data", "build", "--out", str(built), "--force").returncode == 0
    assert oct(built.stat().st_mode & 0o777) == "0o444"


def test_report_arguments_are_checked_before_any_work(tmp_path: Path) -> None:
    assert_one_line_error(stratlab_inproc("report", "--seed", "-1", "--out", str(tmp_path)), "--seed")
    assert_one_line_error(stratlab_inproc("report", "--members", "5000000", "--out", str(tmp_path)),
                          "GiB")
    assert_one_line_error(stratlab_inproc("report", "--out", "/proc/nope"), "cannot write")
    (tmp_path / "dir" / "report.html").mkdir(parents=True)
    assert_one_line_error(stratlab_inproc("report", "--out", str(tmp_path / "dir")), "is a directory")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "report.html").write_text("<p>my own page</p>", encoding="utf-8")
    assert_one_line_error(stratlab_inproc("report", "--out", str(tmp_path / "mine"), "--force"),
                          "not written by stratlab")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "report.html").write_text(
        "<!doctype html><html><head><meta name='generator' content='stratlab'></head>", "utf-8")
    assert_one_line_error(stratlab_inproc("report", "--out", str(tmp_path / "old")), "--force")


def test_atomic_write_leaves_the_old_file_when_the_writer_fails(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    atomic_write(target, "old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, broken)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]  # no temporary file left
    with pytest.raises(OutputError, match="exists; pass --force"):
        check_target(target, force=False, is_ours=lambda p: True)


_KILLED_WRITER = """
import sys, numpy as np, xarray as xr
from stratlab.engine.results import write
ds = xr.Dataset({"x": (("member", "year"), np.ones((int(sys.argv[2]), 2000)))},
                attrs={"scenario": "case", "stratlab_version": "test"})
write(ds, sys.argv[1], replace=True)
"""


@pytest.mark.slow
def test_a_result_write_killed_by_sigkill_leaves_the_previous_result(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-c", textwrap.dedent(_KILLED_WRITER), str(tmp_path)]
    subprocess.run([*cmd, "10"], check=True, env=env, timeout=120)
    target = tmp_path / "case.nc"
    before = target.read_bytes()
    proc = subprocess.Popen([*cmd, "8000"], env=env)  # 128 MB: long enough to be caught mid-write
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        temps = list(tmp_path.glob(".case.nc.*.tmp"))
        if temps and temps[0].stat().st_size > 1_000_000:
            break
        assert proc.poll() is None, "the writer finished before it could be killed"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert target.read_bytes() == before
    with xr.open_dataset(target, engine="scipy") as ds:
        assert ds.sizes["member"] == 10


def test_ctrl_c_during_start_up_is_one_line_and_exit_130() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "stratlab", "data", "tables"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.3)  # still importing the command line's libraries
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip() == "error: interrupted" and "Traceback" not in out + err


def test_benchmarks_help_and_bad_filters_never_touch_the_results(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"results": [{"name": "kept"}]}), encoding="utf-8")
    before = results.read_bytes()
    runner = [sys.executable, str(ROOT / "benchmarks" / "run.py")]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    helped = subprocess.run([*runner, "--help", "--out", str(results)], capture_output=True,
                            text=True, env=env, timeout=60)
    assert helped.returncode == 0 and "usage:" in helped.stdout
    none = subprocess.run([*runner, "no-such-benchmark", "--out", str(results)], capture_output=True,
                          text=True, env=env, timeout=60)
    assert none.returncode == 2 and "no benchmark matches" in none.stderr
    assert results.read_bytes() == before


@pytest.mark.slow
def test_run_as_a_subprocess_refuses_a_second_write_without_force(tmp_path: Path) -> None:
    first = stratlab("run", CASE, "--members", "1", "--out", str(tmp_path))
    assert first.returncode == 0, first.stderr
    again = stratlab("run", CASE, "--members", "1", "--out", str(tmp_path))
    assert again.returncode == 2
    assert_one_line_error(again, "exists; pass --force")
