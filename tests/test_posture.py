"""`Posture`: validation messages, one-line errors with file and line, YAML round trip, catalog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from stratlab.scenario import (
    CATEGORIES,
    RANGE_BANDS,
    Component,
    Posture,
    force_arrays,
    format_validation_error,
)
from stratlab.scenario.posture import MAX_LAUNCHERS, MAX_RANGE_KM

YAML = """\
actor: USA
year: 1991
components:
- name: ICBM – total
  category: icbm_silo
  launchers: 1000
  warheads_per_launcher: 2.45
- name: SLBM – total
  category: slbm
  launchers: 672
  warheads_per_launcher: 8.57
- name: Heavy bombers
  category: bomber
  launchers: -5
  warheads_per_launcher: 4.1
"""


def _component(**kw: Any) -> dict[str, Any]:
    return {"name": "x", "category": "icbm_silo", "launchers": 10, "warheads_per_launcher": 1, **kw}


def _error(data: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        Posture.model_validate(data)
    return err.value


def test_validation_error_names_field_path_and_value() -> None:
    err = _error(
        {"actor": "USA", "year": 1991, "components": [_component()] * 2 + [_component(launchers=-5)]}
    )
    assert "components.2.launchers" in str(err)
    assert "input_value=-5" in str(err)
    assert format_validation_error(err) == "components[2].launchers: -5: expected a number ≥ 0"


def test_one_line_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "us1991.yaml"
    path.write_text(YAML, encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        Posture.from_yaml(path)
    line = YAML.splitlines().index("  launchers: -5") + 1
    assert format_validation_error(err.value, path) == (
        f"{path}, line {line}, components[2].launchers: -5: expected a number ≥ 0"
    )


def test_missing_field_points_at_its_parent_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(YAML.replace("  warheads_per_launcher: 8.57\n", ""), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        Posture.from_yaml(path)
    msg = format_validation_error(err.value, path)
    assert msg.startswith(f"{path}, line 8, components[1].warheads_per_launcher: missing")
    assert "(and 1 more)" in msg  # the bad launchers further down


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"category": "icbm_silos"}, "components[0].category: 'icbm_silos': expected one of"),
        ({"alert_fraction": 1.5}, "components[0].alert_fraction: 1.5: expected a number ≤ 1"),
        ({"de": {"icbm_silo": -0.1}}, "components[0].de.icbm_silo: -0.1: expected a number ≥ 0"),
        ({"launchers": "many"}, "components[0].launchers: 'many': expected a whole number"),
        ({"colour": "red"}, "components[0].colour: 'red': unknown field"),
        (
            {"category": "glcm_intermediate", "range_km": 480},
            "components[0].range_km: 480: expected a range within 1000–5500 km (the glcm_intermediate band)",
        ),
        (
            {"category": "slbm", "range_band": [1000, 5500], "range_km": 7400},
            "components[0].range_km: 7400: expected a range within 1000–5500 km (the claimed range_band)",
        ),
        (
            {"range_km": 2100},
            "components[0].range_km: 2100: expected a range of more than 5500 km (the icbm_silo band)",
        ),
        ({"basing": {"name": "Minot", "lat": 95}}, "components[0].basing.lat: 95: expected a number ≤ 90"),
    ],
)
def test_component_checks_read_as_one_line(change: dict[str, Any], expected: str) -> None:
    err = _error({"actor": "USA", "year": 2019, "components": [_component(**change)]})
    assert format_validation_error(err).startswith(expected)


def test_posture_level_checks() -> None:
    base = {"actor": "USA", "year": 2019}
    err = _error({**base, "date": "2018-05-01"})
    assert format_validation_error(err) == "date: '2018-05-01': expected a date in 2019, the posture's year"
    err = _error({**base, "defenses": [{"name": "GMD", "interceptors": 44, "pk": 1.2}]})
    assert format_validation_error(err) == "defenses[0].pk: 1.2: expected a number ≤ 1"
    err = _error({**base, "value_targets": {"w80": 0}})
    assert format_validation_error(err) == "value_targets.w80: 0: expected a number > 0"
    err = _error({**base, "actor": "usa"})
    assert format_validation_error(err).startswith("actor: 'usa': expected text matching")


def test_yaml_is_loaded_safely_and_syntax_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(yaml.YAMLError):
        Posture.from_yaml("!!python/object/apply:os.system ['echo unsafe']\n")
    path = tmp_path / "bad.yaml"
    path.write_text("actor: USA\nyear: [1991\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError) as err:
        Posture.from_yaml(path)
    msg = format_validation_error(err.value, path)
    assert msg.startswith(f"{path}, line ") and "invalid YAML" in msg and "\n" not in msg


def test_survivable_defaults_follow_category_and_basing() -> None:
    assert Component.model_validate(_component(category="slbm")).survivable
    assert not Component.model_validate(_component(category="icbm")).survivable
    assert Component.model_validate(_component(category="glbm_intermediate", basing="road-mobile")).survivable
    assert not Component.model_validate(_component(category="glbm_intermediate", basing="fixed")).survivable


# --- YAML round trip (Hypothesis) -------------------------------------------------------------

_text = st.text(st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=12)
_frac = st.floats(0.0, 1.0)


@st.composite
def _components(draw: st.DrawFn) -> Component:
    cat = draw(st.sampled_from(CATEGORIES))
    lo, hi = RANGE_BANDS.get(cat, (0.0, 20000.0))
    km = draw(st.none() | st.floats(max(lo, 1.0), min(hi, 20000.0)))
    band = None
    if km is not None and draw(st.booleans()):
        band = (draw(st.floats(0.0, km)), draw(st.floats(km, MAX_RANGE_KM)))
    basing = draw(
        st.none()
        | st.fixed_dictionaries({"name": _text})
        | st.fixed_dictionaries({"name": _text, "lat": st.floats(-90, 90), "lon": st.floats(-180, 180)})
    )
    return Component(
        name=draw(_text),
        category=cat,
        launchers=draw(st.integers(0, MAX_LAUNCHERS)),
        warheads_per_launcher=draw(st.floats(0.0, 20.0)),
        alert_fraction=draw(_frac),
        survivable=draw(st.booleans()),
        range_band=band,
        range_km=km,
        basing=basing,
        de=draw(st.dictionaries(st.sampled_from(CATEGORIES), _frac, max_size=3)),
        sources=draw(st.lists(_text, max_size=2)),
    )


@st.composite
def _postures(draw: st.DrawFn) -> Posture:
    year = draw(st.integers(1945, 2100))
    return Posture(
        actor=draw(st.sampled_from(["USA", "RUS", "CHN", "NATO-EU"])),
        year=year,
        date=draw(st.none() | st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))),
        components=draw(st.lists(_components(), max_size=4)),
        defenses=draw(
            st.lists(
                st.builds(dict, name=_text, interceptors=st.integers(0, 1000), pk=st.none() | _frac),
                max_size=2,
            )
        ),
        value_targets=draw(st.none() | st.builds(dict, w80=st.floats(1e-3, 1e4))),
        note=draw(st.none() | _text),
    )


@settings(max_examples=150, deadline=None)
@given(_postures())
def test_yaml_round_trip_returns_an_equal_posture(posture: Posture) -> None:
    assert Posture.from_yaml(posture.to_yaml()) == posture


# --- from the catalog ---------------------------------------------------------------------------


def test_from_catalog_1990_reproduces_start_mou_totals() -> None:
    # START I MOU data of 1 September 1990 (start1-mou-1990): US ICBMs 1,000 launchers with
    # 2,450 attributed warheads; Soviet ICBMs, SLBMs and heavy bombers 2,500 launchers with 10,271.
    us, su = Posture.from_catalog("USA", 1990), Posture.from_catalog("RUS", 1990)
    us_icbm = [c for c in us.components if c.category == "icbm_silo"]
    assert (sum(c.launchers for c in us_icbm), round(sum(c.warheads for c in us_icbm))) == (1000, 2450)
    central = [c for c in su.components if c.category in ("icbm_silo", "icbm_mobile", "slbm", "bomber")]
    assert (sum(c.launchers for c in central), round(sum(c.warheads for c in central))) == (2500, 10271)
    assert all("start1-mou-1990" in c.sources for c in central)
    assert all("de" in c.assumed and c.de == {} for c in us.components)
    assert us.value_targets is None  # w80 comes with the assumptions, at conversion


def test_from_catalog_marks_alert_as_assumed() -> None:
    from stratlab.scenario.assumptions import StabilityAssumptions

    hyp = StabilityAssumptions(de_fixed=0.3, de_surv=0.2, alert={"slbm": 0.25}, pk=0.6, w80=150)
    su = {c.category: c for c in Posture.from_catalog("RUS", 1990, assumptions=hyp).components}
    assert su["slbm"].alert_fraction == 0.25 and "alert_fraction" in su["slbm"].assumed
    assert su["bomber"].alert_fraction == 0.0 and "alert_fraction" in su["bomber"].assumed
    assert su["icbm_silo"].alert_fraction == 0.0 and "alert_fraction" not in su["icbm_silo"].assumed


def test_from_catalog_rejects_a_year_outside_the_table() -> None:
    with pytest.raises(LookupError, match="USA 1850 is outside the table"):
        Posture.from_catalog("USA", 1850)


def test_catalog_postures_round_trip_through_yaml() -> None:
    for actor in ("USA", "RUS"):
        p = Posture.from_catalog(actor, 1990)
        assert Posture.from_yaml(p.to_yaml()) == p


def test_force_arrays_for_the_1990_pair_feed_kent_thaler() -> None:
    from stratlab.models.first_strike import first_strike_stability
    from stratlab.scenario.assumptions import StabilityAssumptions

    hyp = StabilityAssumptions(de_fixed=0.5, de_surv=0.5, pk=0.5, w80=200.0)
    us, su = (Posture.from_catalog(a, 1990, assumptions=hyp) for a in ("USA", "RUS"))
    a, b = force_arrays(us, su, assumptions=hyp)
    assert (float(a.n_fixed), float(a.m_fixed)) == (1000.0, 2.45)  # START MOU: 1,000 silos, 2,450 RVs
    assert float(b.n_surv) == 940 + 162  # SLBM launchers and heavy bombers reach the US; SS-20s do not
    assert float(a.de_fixed) == pytest.approx(0.5, abs=1e-12) and float(a.w80) == 200.0
    result = first_strike_stability(a, b)
    assert np.all((result.fsi >= 0.0) & (result.fsi <= 1.0))
    with pytest.raises(ValueError, match="DE not set"):
        force_arrays(us, su)  # no assumptions: the catalog posture has no DE of its own
