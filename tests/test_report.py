"""The main report: every section with its figure and caption, citations for all sources used."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from stratlab.report import report_steps


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report")
    res = subprocess.run([sys.executable, "-m", "stratlab", "report", "--out", str(out),
                          "--members", "200"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert "report written" in res.stdout
    return (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "key",
    ["inf-life-cycle", "treaties", "eliminations", "stockpiles", "forces-usa", "power", "inf-roles",
     "stability",
     "perception", "perception-model", "forward-forces", "forward-inf", "forward-stability"],
)
def test_every_section_is_present(report_html: str, key: str) -> None:
    assert f"<h2 id='{key}'>" in report_html
    assert f"href='#{key}'" in report_html  # in the navigation


def test_figures_are_embedded_pngs_with_captions(report_html: str) -> None:
    figures = re.findall(r"<figure><img alt='[^']+' src='data:image/png;base64,([A-Za-z0-9+/=]+)'>"
                         r"<figcaption>([^<]+)</figcaption>", report_html)
    assert len(figures) >= 10
    for data, caption in figures:
        assert data.startswith("iVBORw0KGgo")  # PNG signature in base64
        assert "Sources:" in caption


def test_every_cited_source_is_listed(report_html: str) -> None:
    used = set()
    for caption in re.findall(r"Sources: ([^<.]+)\.", report_html):
        used |= {s.strip() for s in html.unescape(caption).split(",")}
    listed = set(re.findall(r"<li id='src-([^']+)'>", report_html))
    assert used and used <= listed


def test_report_states_version_data_version_and_seed(report_html: str) -> None:
    head = report_html[: report_html.index("<nav>")]
    assert "data version: " in head and "seed: 20261125" in head
    assert "ensemble members: 200" in head


def test_inf_timeline_shows_2019_withdrawal(report_html: str) -> None:
    assert "2019-08-02" in report_html


def test_report_refuses_a_file_as_out_dir(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    res = subprocess.run([sys.executable, "-m", "stratlab", "report", "--out", str(target)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    assert res.stderr.strip().startswith("error: --out")
    assert "Traceback" not in res.stderr


def test_steps_are_listed_in_order() -> None:
    labels = [label for label, _ in report_steps(0, 10)]
    assert labels[0].startswith("data") and any("perception" in x for x in labels)
    assert labels[-1].startswith("forward ensemble") and "10 members" in labels[-1]


def test_forward_outcomes_table_is_ordered(report_html: str) -> None:
    start = report_html.index("<h2 id='forward-stability'>")
    table = report_html[start:report_html.index("</table>", start)]
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*"
                      r"<td>([^<]+)</td>", table)
    assert rows
    for _, median, lo, hi in rows:
        assert float(lo) <= float(median) <= float(hi)
