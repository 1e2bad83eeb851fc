"""Indicator readers: UN votes, WEIS, COPDAB, GDELT-derived pairs, user event files, context.

Expected numbers are the check values printed in each data set's README (``shared/data/…``),
which were read from the files by the data's maintainers, not produced by these readers.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from stratlab.measure import context, event_scales, votes
from stratlab.measure.records import RecordFileError

FIXTURES = Path(__file__).parent / "fixtures"


def test_votes_match_the_readme_check_values(records: Path) -> None:
    v = votes.vote_indicators("RUS", "USA")
    assert v.loc[1946, "agreement"] == pytest.approx(0.2142857)
    assert v.loc[1987, "agreement"] == pytest.approx(0.09489051)
    assert v.loc[1992, "agreement"] == pytest.approx(0.3287671)
    assert v.loc[2023, "agreement"] == pytest.approx(0.1744186)
    assert 1964 not in v.index  # session 19 held no recorded votes
    # USSR 1946 ideal point −2.055966 (README); distance is minus |US − USSR|.
    raw = votes.read_votes()
    us46 = float(raw[(raw.ccode == 2) & (raw.year == 1946)]["IdealPointAll"].iloc[0])
    assert v.loc[1946, "ideal_distance"] == pytest.approx(-abs(us46 - -2.055966))
    assert votes.vote_indicators("USA", "RUS").equals(v)  # undirected
    chn = votes.vote_indicators("CHN", "USA")
    assert chn.index[0] == 1971  # the PRC's seat from session 26
    gf = votes.vote_indicators("GBR", "FRA")
    assert gf["agreement"].isna().all() and gf["ideal_distance"].notna().all()


def test_weis_reproduces_the_derived_file(records: Path) -> None:
    derived = pd.read_csv(records / "event_data_dyadic/weis_usa_ussr_dyad_year_derived.csv")
    for direction, (s, t) in {"USA->USSR": ("USA", "RUS"), "USSR->USA": ("RUS", "USA")}.items():
        mine = event_scales.weis_yearly(s, t)
        ref = derived[derived.dir == direction].set_index("year")
        assert (mine.loc[ref.index, "n_events"] == ref["n_events"]).all()
        assert (mine.loc[ref.index, "n_coop"] == ref["n_coop"]).all()
        assert (mine.loc[ref.index, "n_conf"] == ref["n_conf"]).all()
        assert (mine.loc[ref.index, "goldstein_mean"].round(3) - ref["goldstein_mean"]).abs().max() < 1e-9
    weis = event_scales.weis_yearly("USA", "RUS")
    assert weis.loc[1980, "goldstein_mean"] == pytest.approx(-1.762, abs=5e-4)


def test_copdab_and_gdelt_yearly(records: Path) -> None:
    c = event_scales.copdab_yearly("USA", "RUS")
    assert list(c.index) == list(range(1948, 1979)) and (c["n_months"] == 12).all()
    # README column means: us2ussr −2.9055, ussr2us −5.1684 (over 372 months = mean of yearly means).
    assert c["copdab_mean"].mean() == pytest.approx(-2.9055, abs=1e-4)
    assert event_scales.copdab_yearly("RUS", "USA")["copdab_mean"].mean() == pytest.approx(-5.1684, abs=1e-4)
    assert event_scales.copdab_yearly("USA", "CHN").empty
    g = event_scales.gdelt_pair_yearly("RUS", "USA")
    assert int(g["n_days"].sum()) == 2149  # README: 2,149 days present
    daily = pd.read_csv(records / "event_data_dyadic/gdelt_graph_usa_rus_chn_daily_derived.csv")
    assert g.loc[2022, "gdelt_daily_mean"] == pytest.approx(daily[daily.date // 10000 == 2022].usa_rus.mean())
    assert event_scales.gdelt_pair_yearly("USA", "RUS").equals(g)


def test_user_gdelt_file_through_the_existing_reader() -> None:
    f = FIXTURES / "gdelt2_events_sample_50.tsv"
    y = event_scales.user_events_yearly(f, "USA", "RUS")
    assert y.index.dtype == "int64" and "goldstein_mean" in y


def test_context_check_values(records: Path) -> None:
    p = context.peace_scale("RUS", "USA")
    assert p.loc[1946] == 0.5 and p.loc[1947] == pytest.approx(0.2083333333) and p.loc[1991] == 0.185
    assert (p.loc[1992:2020] == 0.25).all()
    assert 1962 in context.crisis_years("USA", "RUS")
    assert context.crisis_years("USA", "CHN")[:2] == [1950, 1951]


def _corrupt(src: Path, dest: Path, line: int, old: str, new: str) -> Path:
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    dest.write_text("".join(lines), encoding="utf-8")
    return dest


@pytest.mark.parametrize(("name", "line", "old", "new", "call", "needle"), [
    ("unga_voting/IdealpointestimatesAll_Jun2024.csv", 5, ",2,4,", ",2,x4,",
     lambda p: votes.vote_indicators("RUS", "USA", p), "line 5, session: 'x4'"),
    ("unga_voting/IdealpointestimatesAll_Jun2024.csv", 3, "1,0.2631579", "1.7,0.2631579",
     lambda p: votes.vote_indicators("RUS", "USA", p), "line 3, USAgree: 1.7"),
    ("event_data_dyadic/exCopdab.csv", 4, "4803", "4813",
     lambda p: event_scales.copdab_yearly("USA", "RUS", p), "line 4, ym: 4813"),
    ("event_data_dyadic/gdelt_graph_usa_rus_chn_daily_derived.csv", 2, "122.1034", "12x.1034",
     lambda p: event_scales.gdelt_pair_yearly("USA", "RUS", p), "line 2, usa_rus: '12x.1034"),
    ("conflict_context/peace_scale_v3_usa_rus_chn.csv", 3, ",0.5", ",5",
     lambda p: context.peace_scale("USA", "RUS", p), "line 3, peace_scale_mean: 5.0"),
])
def test_malformed_text_files_name_file_and_line(records: Path, tmp_path: Path, name: str, line: int,
                                                 old: str, new: str, call: object, needle: str) -> None:
    bad = _corrupt(records / name, tmp_path / Path(name).name, line, old, new)
    with pytest.raises(RecordFileError) as err:
        call(bad)  # type: ignore[operator]
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(str(bad)) and needle in msg, msg


def test_short_line_and_missing_column(records: Path, tmp_path: Path) -> None:
    src = records / "event_data_dyadic/exCopdab.csv"
    text = src.read_text(encoding="utf-8").splitlines()
    short = tmp_path / "short.csv"
    short.write_text("\n".join([*text[:6], "4806,1.0", *text[7:]]) + "\n", encoding="utf-8")
    with pytest.raises(RecordFileError, match=r"short\.csv, line 7: 2 fields: expected 12"):
        event_scales.copdab_yearly("USA", "RUS", short)
    nocol = tmp_path / "nocol.csv"
    nocol.write_text(text[0].replace("ussr2us", "x") + "\n" + "\n".join(text[1:]) + "\n", encoding="utf-8")
    with pytest.raises(RecordFileError, match=r"nocol\.csv, line 1, header: lacks column\(s\) ussr2us"):
        event_scales.copdab_yearly("USA", "RUS", nocol)


def test_weis_bad_files(records: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.dta"
    junk.write_bytes(b"not stata at all")
    with pytest.raises(RecordFileError, match=r"junk\.dta: not a Stata \.dta file"):
        event_scales.weis_yearly("USA", "RUS", junk)
    frame = pd.read_stata(records / "event_data_dyadic/weis.fromlai.1966-93.dta").head(20)
    frame.loc[7, "gscale"] = 42.0
    bad = tmp_path / "bad.dta"
    frame.to_stata(bad, write_index=False)
    with pytest.raises(RecordFileError, match=r"bad\.dta, record 8, gscale: 42\.0: expected a Goldstein"):
        event_scales.weis_yearly("USA", "RUS", bad)


def test_missing_file_says_where_to_put_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("STRATLAB_RECORDS", raising=False)
    monkeypatch.delenv("STRATLAB_UNGA_VOTES", raising=False)
    with pytest.raises(RecordFileError, match="set STRATLAB_UNGA_VOTES"):
        votes.vote_indicators("RUS", "USA")
    with pytest.raises(RecordFileError, match="no such file"):
        votes.vote_indicators("RUS", "USA", tmp_path / "absent.csv")
    monkeypatch.setenv("STRATLAB_COPDAB", str(tmp_path / "nope.csv"))
    with pytest.raises(RecordFileError, match=r"nope\.csv: no such file"):
        event_scales.copdab_yearly("USA", "RUS")


def test_copy_of_a_file_reads_the_same(records: Path, tmp_path: Path) -> None:
    copy = tmp_path / "votes.csv"
    shutil.copy(records / "unga_voting/IdealpointestimatesAll_Jun2024.csv", copy)
    assert votes.vote_indicators("USA", "CHN", copy).equals(votes.vote_indicators("USA", "CHN"))
    assert math.isfinite(float(votes.vote_indicators("USA", "CHN", copy)["agreement"].iloc[-1]))
