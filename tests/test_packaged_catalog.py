"""The wheel ships a built catalog (hatch_build.py), and an installed stratlab opens it."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

from stratlab.data import build as build_mod
from stratlab.data import store

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_hook_builds_the_current_catalog(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from hatch_build import build_catalog_file
    finally:
        sys.path.remove(str(ROOT))
    out = build_catalog_file(ROOT, tmp_path / "catalog.duckdb")
    con = duckdb.connect(str(out), read_only=True)
    meta = dict(con.execute("SELECT key, value FROM _meta").fetchall())
    assert meta["data_version"] == build_mod.data_version()
    assert con.execute("SELECT ended FROM treaties WHERE short_name = 'INF'").fetchone() is not None
    con.close()
    # The hook's isolated import leaves the real package modules in place.
    assert sys.modules["stratlab.data.build"] is build_mod
    assert sys.modules["stratlab.data.store"] is store


def test_store_prefers_a_packaged_catalog_of_the_current_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = build_mod.build_catalog(tmp_path / "catalog.duckdb")
    monkeypatch.setattr(store, "PACKAGED", packaged)
    monkeypatch.setenv("STRATLAB_CACHE_DIR", str(tmp_path / "cache"))
    store.catalog_path.cache_clear()
    store._current_version.cache_clear()  # the tables' version now, not at session start
    try:
        assert store.catalog_path() == packaged
        assert not (tmp_path / "cache").exists()  # nothing built into the cache
    finally:
        store.catalog_path.cache_clear()


def test_store_ignores_a_stale_packaged_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "catalog.duckdb"
    con = duckdb.connect(str(stale))
    con.execute("CREATE TABLE _meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO _meta VALUES ('data_version', 'not-this-one')")
    con.close()
    monkeypatch.setattr(store, "PACKAGED", stale)
    monkeypatch.setenv("STRATLAB_CACHE_DIR", str(tmp_path / "cache"))
    store.catalog_path.cache_clear()
    try:
        path = store.catalog_path()
        assert path != stale and path.parent == tmp_path / "cache"
    finally:
        store.catalog_path.cache_clear()
