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
