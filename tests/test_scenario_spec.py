"""Scenario schema and loading: built-in cases, and one-line errors naming file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from stratlab.data import catalog
from stratlab.models.perception import param_sources
from stratlab.scenario.load import ScenarioError, list_cases, load_scenario, parse_scenario, scenario_hash
from stratlab.scenario.parameters import parameter_paths, parameter_table

FORWARD = """\
name: t
mode: forward
years: [2025, 2030]
actors: [USA, RUS]
postures:
  - catalog: {actor: USA, year: 2025}
  - catalog: {actor: RUS, year: 2025}
"""


def _line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle`` (so no line number is typed in)."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}, ")
    return message


def test_builtin_cases_are_listed_load_and_hash_stably() -> None:
    names = {c.name for c in list_cases()}
    assert {"inf-history", "russia-us-perception", "post-inf-tripolar"} <= names
    for name in names:
        first, second = load_scenario(name), load_scenario(name)
        assert scenario_hash(first) == scenario_hash(second)


def test_unknown_actor_names_file_line_field_and_the_known_actors(tmp_path: Path) -> None:
    text = FORWARD.replace("actors: [USA, RUS]", "actors: [USA, RUS, XXX]")
    message = _error(tmp_path, text)
    assert f"line {_line_of(text, 'actors:')}, actors[2]: 'XXX'" in message
    known = [r[0] for r in catalog().execute("SELECT actor FROM actors").fetchall()]
    assert "known actor" in message and str(len(known)) in message
    assert all(code in message for code in ("USA", "RUS", "CHN"))


def test_wrong_type_names_the_field_and_the_expected_type(tmp_path: Path) -> None:
    text = FORWARD + "parameters:\n  arms:\n    reaction: fast\n"
    message = _error(tmp_path, text)
    where = f"line {_line_of(text, 'reaction:')}, parameters.arms.reaction"
    assert f"{where}: 'fast': expected a number" in message


def test_year_outside_the_forces_data_is_refused(tmp_path: Path) -> None:
    con = catalog()
    first = con.execute("SELECT min(year) FROM forces WHERE country = 'USA'").fetchone()[0]
    text = f"name: t\nmode: historical\nyears: [{first - 5}, {first + 5}]\nactors: [USA, RUS]\n"
    message = _error(tmp_path, text)
    where = f"line {_line_of(text, 'years:')}, years[0]"
    assert f"{where}: {first - 5}: expected a year within the forces data for USA" in message


def test_posture_year_must_be_in_the_forces_table(tmp_path: Path) -> None:
    text = FORWARD.replace("{actor: RUS, year: 2025}", "{actor: RUS, year: 2031}")
    message = _error(tmp_path, text)
    where = f"line {_line_of(text, 'year: 2031')}, postures[1].catalog.year"
    assert f"{where}: 2031: expected a year of the forces table for RUS" in message


def test_unknown_parameter_path_and_model_parameter_out_of_range(tmp_path: Path) -> None:
    text = FORWARD + "uncertainties:\n  - {parameter: arms.speed, dist: uniform, low: 0, high: 1}\n"
    assert "uncertainties[0].parameter: 'arms.speed'" in _error(tmp_path, text)
    text = FORWARD + "parameters:\n  perception:\n    q_benign: 1.5\n"
    message = _error(tmp_path, text)
    where = f"line {_line_of(text, 'q_benign')}, parameters.perception.q_benign"
    assert f"{where}: 1.5: expected a value in" in message


def test_uncertainty_that_can_draw_an_invalid_value_is_refused(tmp_path: Path) -> None:
    text = FORWARD + "uncertainties:\n  - {parameter: arms.max_change, dist: uniform, low: 0, high: 2}\n"
    message = _error(tmp_path, text)
    assert "uncertainties[0].high: 2.0: expected a fraction in [0, 1] for arms.max_change" in message


def test_invalid_yaml_and_unknown_field_are_one_line(tmp_path: Path) -> None:
    assert "invalid YAML" in _error(tmp_path, FORWARD + "treaties: [inf\n")
    text = FORWARD + "colour: blue\n"
    assert f"line {_line_of(text, 'colour')}, colour: 'blue': unknown field" in _error(tmp_path, text)


def test_perception_defaults_carry_the_models_sources() -> None:
    rows = {r.path: r for r in parameter_table()}
    for name, meta in param_sources().items():
        assert rows[f"perception.{name}"].source == meta["source"]
    assert "arms.reaction" in parameter_paths()
    assert rows["arms.reaction"].source == "engine assumption"


def test_the_example_in_docs_is_a_valid_scenario() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs" / "scenarios.md"
    text = docs.read_text(encoding="utf-8")
    example = text.split("## Example\n\n```yaml\n", 1)[1].split("```", 1)[0]
    scenario = parse_scenario(example)
    assert scenario.mode == "forward" and len(scenario.uncertainties) == 2


def test_era_event_must_exist_and_open_the_era(tmp_path: Path) -> None:
    import stratlab.scenario

    cases = Path(stratlab.scenario.__file__).parent / "cases"
    text = (cases / "inf-history.yaml").read_text(encoding="utf-8")
    bad = text.replace("event: 2002-06-13-abm-withdrawal-effective", "event: no-such-event", 1)
    path = tmp_path / "s.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    line = bad.splitlines().index(next(x for x in bad.splitlines() if "no-such-event" in x)) + 1
    msg = str(err.value)
    assert msg.startswith(f"{path}, line {line}, eras[3].event: 'no-such-event'")
    assert "\n" not in msg


def test_inf_history_eras_follow_the_scenario() -> None:
    from stratlab.engine import run

    ds = run(load_scenario("inf-history"), members=1, seed=0)
    eras = dict(zip(ds["year"].values.tolist(), ds["era"].values.tolist(), strict=True))
    assert eras[1987] == "SS-20 build-up and the Euromissile crisis"
    assert eras[1988] == "treaty in force: eliminations"
    assert eras[2014] == eras[2019] == "compliance dispute and demise"
