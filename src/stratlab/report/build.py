"""The main report: the INF Treaty and strategic stability, end to end, as one HTML file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from stratlab import __version__
from stratlab.data import citations, data_version_in_use
from stratlab.report.data_sections import data_sections
from stratlab.report.engine_sections import (
    forward_sections,
    historical_sections,
    perception_model_section,
)
from stratlab.report.html import Section, render, stamp
from stratlab.report.perception_section import perception_section

TITLE = "The INF Treaty and strategic stability"

Step = tuple[str, Callable[[], list[Section]]]


def report_steps(seed: int, members: int = 1000) -> list[Step]:
    """The report's steps in order: a description and a function producing its sections."""
    return [
        ("data: INF life cycle, treaties, stockpiles, power", data_sections),
        ("replay 1977–2019: INF roles and stability", lambda: historical_sections(seed)),
        ("perception: Russia → US from UN speeches", lambda: [perception_section(seed=seed)]),
        ("perception model fitted to the measured series",
         lambda: [perception_model_section(seed)]),
        (f"forward ensemble 2025–2045 ({members} members)",
         lambda: forward_sections(members, seed)),
    ]


def write_report(
    out_dir: Path, *, seed: int = 20261125, members: int = 1000,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Run every step and write ``out_dir/report.html`` (self-contained); return its path."""
    sections: list[Section] = []
    for label, step in report_steps(seed, members):
        if progress is not None:
            progress(label)
        sections += step()
    used = sorted({s for sec in sections for s in sec.sources})
    meta = {
        "stratlab": __version__,
        "data version": data_version_in_use(),
        "seed": str(seed),
        "ensemble members": str(members),
        "generated": stamp(),
    }
    text = render(TITLE, meta, sections, citations(used))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.html"
    path.write_text(text, encoding="utf-8")
    return path
