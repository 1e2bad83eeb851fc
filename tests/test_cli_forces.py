"""`stratlab data forces`: the annual series by leg or system, its chart and its errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cli_helpers import assert_one_line_error, stratlab


def _csv(*args: str) -> list[dict[str, str]]:
    res = stratlab("data", "forces", *args, "--format", "csv")
    assert res.returncode == 0, res.stderr
    return list(csv.DictReader(io.StringIO(res.stdout)))


def test_by_leg_gives_each_leg_of_each_year() -> None:
    rows = _csv("USA", "--from", "1990", "--to", "1990", "--by", "leg")
    legs = {r["leg"]: r for r in rows}
    assert {"icbm", "slbm", "bomber"} <= set(legs)
    # The START MOU gives 1,000 US ICBMs on 1 September 1990; the preferred year estimate agrees.
    assert legs["icbm"]["launchers"] == "1000"


def test_by_system_names_sources_and_basis() -> None:
    rows = _csv("USA", "--from", "2024", "--to", "2025", "--by", "system")
    mm3 = {r["year"]: r for r in rows if r["system"] == "Minuteman III"}
    assert mm3["2025"]["basis"] == "sourced" and mm3["2025"]["source_id"] == "nn-us-2025"
    assert mm3["2024"]["basis"] == "interpolated"


def test_sourced_only_drops_interpolated_rows() -> None:
    rows = _csv("USA", "--from", "2024", "--to", "2025", "--by", "system", "--sourced-only")
    assert rows and all(r["basis"] == "sourced" for r in rows)
    assert not any(r["year"] == "2024" and r["system"] == "Minuteman III" for r in rows)


def test_plot_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "usa.png"
    res = stratlab("data", "forces", "USA", "--from", "1960", "--to", "2025", "--plot", str(out))
    assert res.returncode == 0, res.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_country_is_a_one_line_error() -> None:
    assert_one_line_error(stratlab("data", "forces", "XYZ"), "unknown country 'XYZ'", "USA")


def test_year_outside_the_table_is_a_one_line_error() -> None:
    assert_one_line_error(stratlab("data", "forces", "USA", "--from", "1950"),
                          "--from 1950", "1960–2025")
    assert_one_line_error(stratlab("data", "forces", "USA", "--to", "2040"), "--to 2040")


def test_unknown_grouping_is_a_one_line_error() -> None:
    assert_one_line_error(stratlab("data", "forces", "USA", "--by", "base"), "--by", "leg")
