#!/usr/bin/env python3
"""One-command setup and run for stratlab (needs only Python 3.11+).

    python3 tasks.py report   # set up .venv, build the data catalog, write the main report
    python3 tasks.py test     # set up .venv with the test extras, run ruff, mypy and pytest
    python3 tasks.py bench    # set up .venv, run the benchmarks in benchmarks/

The virtual environment lives in ./.venv and is reused; it is reinstalled only when
pyproject.toml changes. Extra arguments after the task name go to the underlying command.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
EXTRAS = {"report": "", "test": "[test,embed,fast]", "bench": "[test,embed,fast]"}


def run(*cmd: str | os.PathLike[str]) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT)
    if code != 0:
        sys.exit(code)


def ensure_env(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"stratlab needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".stratlab-installed{extras or '[core]'}"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PY, "-m", "pip", "install", "--quiet", "-e", f".{extras}")
    stamp.write_text(wanted)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in EXTRAS:
        sys.exit(__doc__)
    task, rest = argv[0], argv[1:]
    ensure_env(EXTRAS[task])
    if task == "report":
        run(BIN / "stratlab", "report", *rest)
    elif task == "test":
        run(PY, "-m", "ruff", "check", "src", "tests", "benchmarks")
        run(PY, "-m", "mypy")
        run(PY, "-m", "pytest", *(rest or ["-q"]))
    elif task == "bench":
        run(PY, "benchmarks/run.py", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
