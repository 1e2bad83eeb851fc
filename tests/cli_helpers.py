"""Run the command line as a user does (a subprocess) and check its one-line errors."""

from __future__ import annotations

import subprocess
import sys


def stratlab(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m stratlab ARGS`` with the test session's environment."""
    return subprocess.run([sys.executable, "-m", "stratlab", *args], capture_output=True,
                          text=True, timeout=timeout)


def assert_one_line_error(res: subprocess.CompletedProcess[str], *needles: str) -> str:
    """A non-zero exit, exactly one stderr line starting ``error: ``, no traceback, and every
    needle in that line; returns the line."""
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in res.stderr + res.stdout
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


def stratlab_inproc(*args: str) -> subprocess.CompletedProcess[str]:
    """``stratlab ARGS`` run in this process through :func:`stratlab.cli.main` (what the fuzz
    suite loops over: no interpreter start-up), returned like :func:`stratlab`."""
    import contextlib
    import io

    from stratlab.cli import main

    out, err = io.StringIO(), io.StringIO()
    argv, sys.argv = sys.argv, ["stratlab", *args]
    code: int | str | None = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.argv = argv
    rc = code if isinstance(code, int) else (0 if code is None else 1)
    return subprocess.CompletedProcess(["stratlab", *args], rc, out.getvalue(), err.getvalue())
