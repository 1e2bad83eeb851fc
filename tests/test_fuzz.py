"""Fuzzing kept as tests (issue 15): Hypothesis over posture and scenario files, CLI arguments,
SQL and event files.

Properties, for every generated input:
* a refused input exits with code 2 and exactly one ``error: …`` line on stderr — never a
  traceback (in-process, an unexpected exception fails the test outright);
* nothing takes more than a few seconds (each example has a 5 s Hypothesis deadline, about a
  hundred times what a refusal takes: a bound against hangs, not a performance claim);
* the catalog's SHA-256 is unchanged after every query, and no file appears in the work folder;
* what is accepted holds only finite values within the documented ranges.

Bounded for CI (``STRATLAB_FUZZ_EXAMPLES``, default 25 per property: well under two minutes on
two cores); the ``slow`` variants run ten times as many.
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_helpers import stratlab_inproc
from stratlab.data import QueryError, catalog_path, query, select_where
from stratlab.measure import events as ev
from stratlab.scenario.load import ScenarioError, load_scenario
from stratlab.scenario.yaml_errors import dump_yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("STRATLAB_FUZZ_EXAMPLES", "25"))
BLUE = (ROOT / "docs" / "examples" / "blue.yaml").read_text(encoding="utf-8")
RED = ROOT / "docs" / "examples" / "red.yaml"
SCENARIO = (ROOT / "src" / "stratlab" / "scenario" / "cases" / "post-inf-tripolar.yaml").read_text(
    encoding="utf-8")
GDELT = (ROOT / "tests" / "measure" / "fixtures" / "gdelt1_events_sample_50.tsv").read_text(
    encoding="utf-8").splitlines()[:3]


def fuzz(scale: int = 1) -> Callable[[Any], Any]:
    return settings(max_examples=EXAMPLES * scale, deadline=timedelta(seconds=5), derandomize=False,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A work folder as the current directory; the catalog's checksum noted."""
    folder = tmp_path_factory.mktemp("fuzz")
    old = Path.cwd()
    os.chdir(folder)
    yield folder
    os.chdir(old)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_refused_or_ok(res: Any) -> None:
    """Exit 0, or exit 2 with exactly one ``error:`` line on stderr; never a traceback."""
    assert "Traceback" not in res.stdout + res.stderr
    if res.returncode == 0:
        return
    lines = res.stderr.strip().splitlines()
    assert res.returncode in (2, 130) and len(lines) == 1 and lines[0].startswith("error: "), (
        res.returncode, res.stderr)


def _finite_everywhere(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite_everywhere(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_finite_everywhere(v) for v in value)
    return True


# --------------------------------------------------------------------------------------------
# strategies
# --------------------------------------------------------------------------------------------

NASTY_NUMBERS = st.sampled_from([
    ".nan", ".inf", "-.inf", "1e308", "1e400", "-1", "0", "5.0e300", "1" * 40, "9" * 5000,
    "0x7fffffffffffffff", "1_000_000", "-0.0", "1e-320", "2.5", "'12'", "~", "[]", "{}", "true"])
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@st.composite
def mutated_yaml(draw: st.DrawFn, base: str) -> bytes:
    """``base`` with some values replaced by nasty ones, lines duplicated or cut, aliases and
    nesting added, re-encoded (UTF-8, with a BOM, UTF-16, Latin-1)."""
    lines = base.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        kind = draw(st.sampled_from(["value", "dup", "cut", "text", "nest", "alias"]))
        if kind == "value" and ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {draw(NASTY_NUMBERS)}"
        elif kind == "dup":
            lines.insert(i, line)
        elif kind == "cut":
            lines[i] = line[: draw(st.integers(0, len(line)))]
        elif kind == "text":
            lines[i] = draw(TEXT)
        elif kind == "nest":
            depth = draw(st.integers(1, 80))
            lines[i] = "x: " + "[" * depth + "]" * depth
        else:
            lines[i:i] = ["a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"] + [
                f"a{k}: &a{k} [{', '.join(['*a' if k == 0 else f'*a{k - 1}'] * 10)}]"
                for k in range(draw(st.integers(0, 6)))]
    text = "\n".join(lines) + "\n"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


@st.composite
def random_yaml(draw: st.DrawFn) -> bytes:
    """Arbitrary YAML data, dumped."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | TEXT
    data = draw(st.recursive(scalars, lambda kids: st.lists(kids, max_size=4)
                             | st.dictionaries(TEXT, kids, max_size=4), max_leaves=20))
    return dump_yaml(data).encode("utf-8")


# --------------------------------------------------------------------------------------------
# posture and scenario files
# --------------------------------------------------------------------------------------------

def _posture_case(work: Path, raw: bytes) -> None:
    path = work / "p.yaml"
    path.write_bytes(raw)
    assert_refused_or_ok(stratlab_inproc("stability", str(path), "--vs", str(RED), "--json"))


@fuzz()
@given(raw=mutated_yaml(BLUE) | random_yaml())
def test_posture_files_are_refused_in_one_line_or_accepted(work: Path, raw: bytes) -> None:
    _posture_case(work, raw)


def _scenario_case(work: Path, raw: bytes) -> None:
    path = work / "s.yaml"
    path.write_bytes(raw)
    try:
        scenario = load_scenario(path)
    except ScenarioError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))
        return
    assert _finite_everywhere(scenario.model_dump(mode="python"))
    assert 1816 <= scenario.years[0] <= scenario.years[1] <= 2200


@fuzz()
@given(raw=mutated_yaml(SCENARIO) | random_yaml())
def test_scenario_files_are_refused_in_one_line_or_hold_only_valid_values(work: Path, raw: bytes) -> None:
    _scenario_case(work, raw)


@pytest.mark.slow
@fuzz(10)
@given(raw=mutated_yaml(BLUE) | mutated_yaml(SCENARIO) | random_yaml())
def test_user_files_many_more_cases(work: Path, raw: bytes) -> None:
    _posture_case(work, raw)
    _scenario_case(work, raw)


# --------------------------------------------------------------------------------------------
# command-line arguments
# --------------------------------------------------------------------------------------------

VALUES = st.sampled_from(["-1", "0", "1", "2", "1987", "2025", "1e20", str(2**64), "4294967296",
                          "nan", "", "USA", "RUS", "usa", "XXX", "inf", "post-inf-tripolar",
                          "inf-history", "/proc/nope", "/etc/hostname", ".", "out", "csv", "json",
                          "table", "bibtex", "INF", "actors", "treaties"]) | TEXT
COMMANDS: list[tuple[str, ...]] = [
    ("data", "tables"), ("data", "show"), ("data", "query"), ("data", "cite"), ("data", "timeline"),
    ("data", "build"), ("stability",), ("flight-time",), ("run",), ("cases",), ("data",), ("nosuch",),
]
OPTIONS = st.sampled_from(["--format", "--where", "--limit", "--out", "--force", "--result", "--year",
                           "--vs", "--assume", "--json", "--lua", "--members", "--seed", "--help",
                           "--cruise-speed-kmh", "--version", "-n"])


@st.composite
def argv(draw: st.DrawFn) -> list[str]:
    args = list(draw(st.sampled_from(COMMANDS)))
    for _ in range(draw(st.integers(0, 5))):
        args += draw(st.sampled_from([[draw(OPTIONS), draw(VALUES)], [draw(VALUES)], [draw(OPTIONS)]]))
    if args[0] == "run":  # keep a valid run small
        args += ["--members", draw(st.sampled_from(["1", "2", "-3", "10000000"]))]
    return args


@fuzz()
@given(args=argv())
def test_cli_arguments_exit_0_or_2_with_one_line(work: Path, args: list[str]) -> None:
    before = _sha(catalog_path())
    assert_refused_or_ok(stratlab_inproc(*args))
    assert _sha(catalog_path()) == before


# --------------------------------------------------------------------------------------------
# SQL
# --------------------------------------------------------------------------------------------

WORDS = st.sampled_from([
    "SELECT", "*", "FROM", "actors", "treaties", "speeches", "WHERE", "1=1", "(", ")", ";", "'", '"',
    "ATTACH", "DETACH", "USE", "COPY", "TO", "EXPORT DATABASE", "IMPORT DATABASE", "PRAGMA",
    "SET", "RESET", "INSTALL", "LOAD", "CREATE", "TABLE", "VIEW", "INSERT INTO", "UPDATE", "DELETE",
    "DROP", "ALTER", "CALL", "CHECKPOINT", "VACUUM", "EXPLAIN", "ANALYZE", "DESCRIBE", "SHOW",
    "SUMMARIZE", "WITH x AS (SELECT 1)", "UNION", "read_csv('x.csv')", "read_text('/etc/hostname')",
    "glob('*')", "read_blob('/etc/hostname')", "'out.csv'", "(READ_WRITE)", "AS", "c",
    "enable_external_access", "=", "true", "range(1000000000)", "LIMIT", "5", "--", "/*", "*/",
    "duckdb_databases()", "getenv('HOME')", "current_setting('threads')", "'{dir}/f.db'"])


@st.composite
def sql(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS | TEXT, min_size=0, max_size=12))
    return " ".join(words)


def _sql_case(work: Path, text: str, where: str) -> None:
    before, files = _sha(catalog_path()), sorted(work.iterdir())
    text = text.replace("{dir}", str(work))
    for call in (lambda: query(text, max_rows=1000, timeout=2),
                 lambda: select_where("actors", where, max_rows=1000, timeout=2)):
        try:
            call()
        except QueryError as exc:
            assert "\n" not in str(exc)
    res = stratlab_inproc("data", "query", text, "--format", "csv")
    assert_refused_or_ok(res)
    assert _sha(catalog_path()) == before
    assert sorted(work.iterdir()) == files


@fuzz(2)
@given(text=sql(), where=sql())
def test_sql_never_changes_the_catalog_or_touches_a_file(work: Path, text: str, where: str) -> None:
    _sql_case(work, text, where)


@pytest.mark.slow
@fuzz(10)
@given(text=sql(), where=sql())
def test_sql_many_more_cases(work: Path, text: str, where: str) -> None:
    _sql_case(work, text, where)


# --------------------------------------------------------------------------------------------
# event files
# --------------------------------------------------------------------------------------------

FIELD_VALUES = st.sampled_from(["", "inf", "-inf", "nan", "1e400", "9" * 30, "20171399", "0", "9",
                                "999", "-181", "\x00", "a\tb", "NA", "１２", "-0", "+5", "1.5e3",
                                "20160229", "19790101"]) | TEXT


@st.composite
def event_file(draw: st.DrawFn) -> bytes:
    rows = [line.split("\t") for line in GDELT]
    for _ in range(draw(st.integers(1, 4))):
        row = draw(st.sampled_from(rows))
        row[draw(st.integers(0, len(row) - 1))] = draw(FIELD_VALUES)
    text = "\n".join("\t".join(r) for r in rows) + "\n"
    raw = text.encode("utf-8", errors="replace")
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


def _event_case(work: Path, raw: bytes, suffix: str) -> None:
    import gzip

    path = work / f"e.tsv{suffix}"
    path.write_bytes(gzip.compress(raw)[: max(10, len(raw) // 3)] if suffix == ".gz" else raw)
    try:
        df = ev.read_gdelt(path)
    except ev.EventFileError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    goldstein = df["GoldsteinScale"].dropna()
    assert goldstein.between(-10, 10).all()
    assert df["QuadClass"].dropna().isin([1, 2, 3, 4]).all()
    for col in ("ActionGeo_Lat", "Actor1Geo_Lat", "Actor2Geo_Lat"):
        assert df[col].dropna().between(-90, 90).all()


@fuzz()
@given(raw=event_file(), suffix=st.sampled_from(["", "", ".gz"]))
def test_event_files_give_one_documented_error_or_valid_rows(work: Path, raw: bytes, suffix: str) -> None:
    _event_case(work, raw, suffix)
