"""Test configuration: every session builds the catalog afresh into a temporary cache."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from stratlab.data import build as build_mod
from stratlab.data import store as catalog_mod

TABLES_DIR = build_mod.TABLES_DIR


@pytest.fixture(scope="session", autouse=True)
def fresh_catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the catalog cache at a new directory so the real build runs in every session."""
    cache = tmp_path_factory.mktemp("stratlab-cache")
    old = os.environ.get("STRATLAB_CACHE_DIR")
    os.environ["STRATLAB_CACHE_DIR"] = str(cache)
    os.environ.pop("STRATLAB_CATALOG", None)
    catalog_mod.catalog_path.cache_clear()
    yield catalog_mod.catalog_path()
    if old is None:
        os.environ.pop("STRATLAB_CACHE_DIR", None)
    else:
        os.environ["STRATLAB_CACHE_DIR"] = old


@pytest.fixture()
def tables_copy(tmp_path: Path) -> Path:
    """A private copy of the CSV tables that a test may corrupt."""
    dest = tmp_path / "tables"
    shutil.copytree(TABLES_DIR, dest)
    return dest


def _records_folder() -> Path | None:
    """The shared data folder (``<checkout>/../shared/data``; from a git worktree, the main
    checkout's), or ``$STRATLAB_RECORDS`` when set."""
    import subprocess

    if os.environ.get("STRATLAB_RECORDS"):
        return Path(os.environ["STRATLAB_RECORDS"])
    repo = Path(__file__).resolve().parents[1]
    candidates = [repo.parent / "shared" / "data"]
    try:
        common = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--path-format=absolute", "--git-common-dir"],
            capture_output=True, text=True, check=True).stdout.strip()
        candidates.append(Path(common).parent.parent / "shared" / "data")
    except (OSError, subprocess.CalledProcessError):
        pass
    return next((c for c in candidates if (c / "unga_voting").is_dir()), None)


@pytest.fixture(scope="session", autouse=True)
def records_env() -> Iterator[Path | None]:
    """Point ``STRATLAB_RECORDS`` at the shared data folder (UN votes, event data, conflict
    context: licences forbid shipping them, so tests read the shared copy)."""
    found = _records_folder()
    old = os.environ.get("STRATLAB_RECORDS")
    if found is not None:
        os.environ["STRATLAB_RECORDS"] = str(found)
    yield found
    if old is None:
        os.environ.pop("STRATLAB_RECORDS", None)


@pytest.fixture(scope="session")
def records(records_env: Path | None) -> Path:
    """The shared data folder; fails (never skips) when it is absent."""
    if records_env is None:
        pytest.fail("shared data folder not found: expected <checkout>/../shared/data or $STRATLAB_RECORDS")
    return records_env
