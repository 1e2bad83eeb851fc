"""The main report: the INF Treaty and strategic stability, end to end, as one HTML file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from stratlab import __version__
from stratlab.atomic import atomic_write, check_target
from stratlab.data import citations, data_version_in_use
from stratlab.report.data_sections import data_sections
from stratlab.report.engine_sections import (
    forward_sections,
    historical_sections,
    perception_model_section,
)
from stratlab.report.html import GENERATOR, Section, render, stamp
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


def report_path(out_dir: Path) -> Path:
    """Where :func:`write_report` writes: ``out_dir/report.html``."""
    return out_dir / "report.html"


def is_report_file(path: Path) -> bool:
    """Whether ``path`` is a report stratlab wrote (``--force`` may replace only such a file)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16).decode("utf-8", errors="replace")
    except OSError:
        return False
    return GENERATOR in head or ("<!doctype html>" in head and "<p>stratlab: " in head)


def write_report(
    out_dir: Path, *, seed: int = 20261125, members: int = 1000,
    progress: Callable[[str], None] | None = None, replace: bool = False,
) -> Path:
    """Run every step and write ``out_dir/report.html`` (self-contained); return its path.

    The target is checked before any step runs (an existing report is replaced only with
    ``replace=True``, another file never) and written atomically.
    """
    path = report_path(out_dir)
    check_target(path, force=replace, is_ours=is_report_file, folder=True)
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
    return atomic_write(path, text)
