"""Reports built from the catalog, measurements and model results (HTML that opens from disk)."""

from __future__ import annotations

from stratlab.report.build import report_steps, write_report
from stratlab.report.html import Section, render

__all__ = ["Section", "render", "report_steps", "write_report"]
