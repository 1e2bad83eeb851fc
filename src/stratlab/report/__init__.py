"""Reports built from the catalog and model results (HTML that opens from disk)."""

from __future__ import annotations

from stratlab.report.overview import build_overview, write_overview

__all__ = ["build_overview", "write_overview"]
