"""Issue 15 reproducers, part 3: user files (postures, scenarios) and event files. Every bad
input is refused at load with one line naming the file, the line and the field — no traceback,
no hang, no model ever seeing the value."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from cli_helpers import assert_one_line_error, stratlab_inproc
from stratlab.measure import events as ev
from stratlab.scenario import Posture
from stratlab.scenario.load import ScenarioError, load_scenario
from stratlab.scenario.yaml_errors import MAX_FILE_BYTES, load_yaml

ROOT = Path(__file__).resolve().parents[1]
BLUE = (ROOT / "docs" / "examples" / "blue.yaml").read_text(encoding="utf-8")
RED = ROOT / "docs" / "examples" / "red.yaml"
SCENARIO = """\
name: fuzz
mode: forward
years: [2025, 2030]
actors: [USA, RUS]
postures:
  - catalog: {actor: USA, year: 2025}
  - catalog: {actor: RUS, year: 2025}
"""
GDELT_LINE = (ROOT / "tests" / "measure" / "fixtures" / "gdelt1_events_sample_50.tsv").read_text(
    encoding="utf-8").splitlines()[0].split("\t")


def _stability(tmp_path: Path, text: str | bytes) -> str:
    path = tmp_path / "p.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return assert_one_line_error(stratlab_inproc("stability", str(path), "--vs", str(RED)), str(path))


def _scenario_error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(str(path))
    return msg


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))
    assert len(bomb) < 400
    start = time.perf_counter()
    line = _stability(tmp_path, bomb)
    assert time.perf_counter() - start < 2 and "aliases" in line


def test_aliases_within_bounds_still_load_and_the_line_index_walks_each_node_once() -> None:
    data, lines = load_yaml("base: &b {x: 1, y: [1, 2]}\ncopy: *b\nmore: {<<: *b, z: 3}\n")
    assert data["copy"] == {"x": 1, "y": [1, 2]} and data["more"]["z"] == 3
    assert lines[("base", "y", 1)] == 1 and ("copy", "y", 1) not in lines


@pytest.mark.parametrize(("text", "needle"), [
    ("[" * 5000 + "]" * 5000, "nested deeper"),
    ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)) + "  " * 200 + "v: 1\n",
     "nested deeper"),
    ("actor: USA\nyear: 2030\nyear: 2031\n", "duplicate key 'year' (first at line 2)"),
    ("actor: USA\nyear: " + "9" * 5000 + "\n", "a number of 5,000 characters"),
])
def test_deep_duplicate_and_huge_yaml_is_one_line(text: str, needle: str, tmp_path: Path) -> None:
    assert needle in _stability(tmp_path, text)


def test_a_large_file_is_refused_before_parsing(tmp_path: Path) -> None:
    start = time.perf_counter()
    line = _stability(tmp_path, "a: " + "x" * (5 * MAX_FILE_BYTES) + "\n")
    assert time.perf_counter() - start < 2 and "at most 1,000,000 bytes" in line


@pytest.mark.parametrize(("raw", "needle"), [
    ("actor: USA\nnote: café\n".encode("latin-1"), "line 2: byte 0xE9 is not UTF-8"),
    (BLUE.encode("utf-16"), "UTF-16"),
    (BLUE.encode("utf-16-le"), "UTF-16"),
    (b"actor: USA\x00\n", "UTF-16"),
])
def test_other_encodings_are_refused_in_one_line(raw: bytes, needle: str, tmp_path: Path) -> None:
    assert needle in _stability(tmp_path, raw)


def test_utf8_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BLUE.encode("utf-8"))
    assert Posture.from_yaml(path).actor == "USA"


def test_a_string_naming_a_file_is_not_read_as_that_file(tmp_path: Path) -> None:
    path = tmp_path / "blue.yaml"
    path.write_text(BLUE, encoding="utf-8")
    with pytest.raises(Exception) as err:
        Posture.from_yaml(str(path))
    assert not isinstance(err.value, OSError)  # parsed as YAML text (a string), never opened
    assert Posture.from_yaml(path).actor == "USA"


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("launchers: 300", "launchers: 1000000000000000000000000000000", "components[0].launchers"),
    ("w80: 300", "w80: 1e308", "value_targets.w80"),
    ("w80: 300", "w80: .nan", "value_targets.w80: nan: expected a finite number"),
    ("range_km: 10000", "range_km: 25000", "components[0].range_km"),
    ("warheads_per_launcher: 1\n", "warheads_per_launcher: .inf\n", "warheads_per_launcher"),
    ("lat: 47.5, lon: -111.2", "lat: 47.5", "expected both lat and lon, or neither"),
    ("w80: 300", "w80: 5.0e300", "value_targets.w80: 5e+300"),
])
def test_nonsense_postures_are_refused_at_load(old: str, new: str, needle: str,
                                                tmp_path: Path) -> None:
    assert old in BLUE
    assert needle in _stability(tmp_path, BLUE.replace(old, new, 1))


def test_stability_of_an_actor_against_itself_is_refused() -> None:
    assert_one_line_error(stratlab_inproc("stability", "--year", "1987", "USA", "USA"),
                          "two different actors")


@pytest.mark.parametrize(("extra", "needle"), [
    ("drivers: {leader: {USA: .nan}}", "drivers.leader.USA: nan: expected a finite number"),
    ("drivers: {leader: {USA: 1.16e16}}", "drivers.leader.USA: 1.16e+16: expected a value in [-1, 1]"),
    ("drivers: {domestic: {RUS: {2026: .inf}}}", "expected a finite number"),
    ("drivers: {domestic: {RUS: {2026: 3}}}", "drivers.domestic.RUS[2026]: 3.0: expected a value in [-1, 1]"),
    ("drivers: {power: {shares: {USA: -1, RUS: 1}}}", "drivers.power.shares.USA: -1.0: expected a share ≥ 0"),
    ("drivers: {power: {shares: {USA: 0, RUS: 0}}}", "at least one share > 0"),
    ("drivers: {power: {shares: {USA: 1e308, RUS: .inf}}}", "expected a finite number"),
    ("uncertainties: [{parameter: arms.reaction, dist: normal, mean: .nan, sd: 1}]",
     "uncertainties[0].mean"),
    ("uncertainties: [{parameter: arms.reaction, dist: uniform, low: 0, high: .inf}]",
     "uncertainties[0].high"),
    ("parameters: {arms: {reaction: .inf}}", "parameters.arms.reaction"),
    ("parameters: {inf: {warheads_per_launcher: 1e308}}", "parameters.inf.warheads_per_launcher"),
    ("levers: [{name: l, parameter: arms.reaction, default: 0.1, options: [0.1, .nan]}]",
     "levers[0].options[1]"),
    ("levers: [{name: l, parameter: arms.reaction, default: 0.1, options: [0.1, -1]}]",
     "levers[0].options[1]: -1"),
    ("treaties: [{id: inf, parties: [USA, RUS, USA]}]", "each party once"),
    ("years: [2025, 100000]", "line 7, years[1]: 100000: expected a number ≤ 2200"),
    ("years: [2025, 3000]", "years[1]: 3000"),
])
def test_nonsense_scenarios_are_refused_at_load(extra: str, needle: str, tmp_path: Path) -> None:
    text = SCENARIO.replace("years: [2025, 2030]\n", "") if extra.startswith("years") else SCENARIO
    assert needle in _scenario_error(tmp_path, text + extra + "\n")


def test_scenario_yaml_reads_exponent_floats_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(SCENARIO + "parameters: {stability: {w80: 3e2}}\n", encoding="utf-8")
    assert load_scenario(path).parameters.stability.w80.value == 300.0


def test_run_on_a_bad_scenario_via_the_cli_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes((SCENARIO + "description: é\n").encode("utf-16"))
    res = stratlab_inproc("run", str(path), "--out", str(tmp_path / "o"))
    assert_one_line_error(res, "UTF-16")
    assert res.returncode == 2


# --------------------------------------------------------------------------------------------
# event files
# --------------------------------------------------------------------------------------------

def _gdelt(tmp_path: Path, **fields: str) -> Path:
    cols = list(ev.GDELT1_DAILY_COLUMNS)
    row = list(GDELT_LINE)
    for name, value in fields.items():
        row[cols.index(name)] = value
    path = tmp_path / "events.tsv"
    path.write_text("\t".join(GDELT_LINE) + "\n" + "\t".join(row) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("field", "value", "needle"), [
    ("GLOBALEVENTID", "1" * 30, "fits 64 bits"),
    ("SQLDATE", "20171399", "a YYYYMMDD date"),
    ("SQLDATE", "0", "a YYYYMMDD date"),
    ("QuadClass", "9", "QuadClass 1-4"),
    ("GoldsteinScale", "inf", "a finite number"),
    ("GoldsteinScale", "1e400", "a finite number"),
    ("GoldsteinScale", "11", "Goldstein score in [-10, 10]"),
    ("AvgTone", "-101", "tone in [-100, 100]"),
    ("ActionGeo_Lat", "999", "latitude in [-90, 90]"),
    ("Actor1Geo_Long", "-181", "longitude in [-180, 180]"),
    ("Actor1Name", "A\x00B", "NUL byte"),
])
def test_malformed_event_rows_are_one_documented_error_with_the_line(
        field: str, value: str, needle: str, tmp_path: Path) -> None:
    path = _gdelt(tmp_path, **{field: value})
    with pytest.raises(ev.EventFileError) as err:
        ev.read_gdelt(path)
    msg = str(err.value)
    assert msg.startswith(f"{path}, line 2") and needle in msg and "\n" not in msg


def test_truncated_gzip_and_bad_zip_are_event_file_errors(tmp_path: Path) -> None:
    body = ("\t".join(GDELT_LINE) + "\n").encode() * 2000
    gz = tmp_path / "e.tsv.gz"
    gz.write_bytes(gzip.compress(body)[:-200])
    with pytest.raises(ev.EventFileError, match="truncated or corrupt"):
        ev.read_gdelt(gz)
    bad = tmp_path / "e.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    for reader in (ev.read_gdelt, ev.read_events):
        with pytest.raises(ev.EventFileError, match="not a readable zip"):
            reader(bad)


def test_undated_events_in_a_frame_are_counted_and_reported_not_silently_dropped() -> None:
    frame = ev.read_gdelt(ROOT / "tests" / "measure" / "fixtures" / "gdelt1_events_sample_50.tsv")
    both = frame[frame["Actor1CountryCode"].notna() & frame["Actor2CountryCode"].notna()]
    src, tgt = str(both["Actor1CountryCode"].iloc[0]), str(both["Actor2CountryCode"].iloc[0])
    broken = frame.copy()
    broken["SQLDATE"] = broken["SQLDATE"].astype("object")
    broken.loc[both.index[0], "SQLDATE"] = 20171399
    with pytest.warns(UserWarning, match="no valid date"):
        out = ev.dyad_series(broken, src, tgt)
    assert out.attrs["undated_skipped"] == 1
