"""Build hook: ship the built DuckDB catalog inside the wheel.

A wheel gets ``stratlab/data/catalog.duckdb``, built from the CSV tables at build time, so an
installed stratlab opens its catalog without building it. Editable installs skip this: their
catalog is built on first use into the user cache (see ``stratlab.data.store``).
"""

from __future__ import annotations

import importlib
import sys
import tempfile
import types
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def build_catalog_file(root: Path, out: Path) -> Path:
    """Build the catalog from ``root``'s CSV tables into ``out``, importing only the data
    modules that need no more than duckdb and pyarrow (not the package's heavier imports)."""
    src = root / "src" / "stratlab"
    saved = {k: v for k, v in sys.modules.items() if k == "stratlab" or k.startswith("stratlab.")}
    try:
        for name in list(saved):
            del sys.modules[name]
        version = {}
        exec((src / "__init__.py").read_text(encoding="utf-8").split("__all__")[0], version)
        pkg = types.ModuleType("stratlab")
        pkg.__path__ = [str(src)]
        pkg.__version__ = version["__version__"]  # type: ignore[attr-defined]
        data = types.ModuleType("stratlab.data")
        data.__path__ = [str(src / "data")]
        sys.modules.update({"stratlab": pkg, "stratlab.data": data})
        build = importlib.import_module("stratlab.data.build")
        return Path(build.build_catalog(out, src / "data" / "tables"))
    finally:
        for name in [k for k in sys.modules if k == "stratlab" or k.startswith("stratlab.")]:
            del sys.modules[name]
        sys.modules.update(saved)


class CatalogHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        out = Path(tempfile.mkdtemp(prefix="stratlab-catalog-")) / "catalog.duckdb"
        build_catalog_file(Path(self.root), out)
        build_data["force_include"][str(out)] = "stratlab/data/catalog.duckdb"
        # its recorded checksum: the catalog is verified against it when opened
        build_data["force_include"][str(out) + ".sha256"] = "stratlab/data/catalog.duckdb.sha256"
