"""Tests for ``stratlab.measure.events``.

Sources the expectations come from:
- the GDELT samples and codebook schema CSVs in ``fixtures/`` (copied from the lab's shared
  event-data fixtures; origin and licence in ``fixtures/README.md``), read independently here
  with the ``csv`` module;
- shared reference note ``perception.md`` §5.2: column layouts (57/58/61 fields) and GDELT's
  real QuadClass mapping (roots 01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4), and §5.3 plus the
  fixtures README for the ICEWS layout;
- small files the tests write themselves (a malformed GDELT line; an ICEWS-layout file — no
  ICEWS data is shipped), whose aggregates are computed by hand below.
"""

from __future__ import annotations

import csv
import gzip
import math
import zipfile
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from stratlab.measure import events as ev

FIX = Path(__file__).parent / "fixtures"
GDELT1 = FIX / "gdelt1_events_sample_50.tsv"
GDELT2 = FIX / "gdelt2_events_sample_50.tsv"

# 0-based GDELT indices (reference §5.2; identical in 1.0 and 2.0 up to 34)
I_ID, I_DATE, I_A1CC, I_A2CC, I_CODE, I_ROOT, I_QUAD, I_GOLD = 0, 1, 7, 17, 26, 28, 29, 30


def _raw(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _schema(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# GDELT layouts against the codebook schema files
# --------------------------------------------------------------------------------------------


def test_gdelt_column_names_match_the_codebook_schema_csvs():
    names1 = [r["name"] for r in _schema(FIX / "gdelt1_events_schema.csv")]
    names2 = [r["name"] for r in _schema(FIX / "gdelt2_events_schema.csv")]
    assert len(names1) == 58 and len(names2) == 61  # reference §5.2: 58 (daily) and 61 fields
    assert list(ev.GDELT1_DAILY_COLUMNS) == names1
    assert list(ev.GDELT1_COLUMNS) == names1[:57]  # the backfile lacks only SOURCEURL
    assert list(ev.GDELT2_COLUMNS) == names2
    # reference §5.2: 2.0 adds one ADM2Code to each geo block, nothing else
    added = {f"{block}Geo_ADM2Code" for block in ("Actor1", "Actor2", "Action")}
    assert set(names2) - set(names1) == added and set(names1) <= set(names2)


@pytest.mark.parametrize(
    ("path", "schema", "layout"),
    [(GDELT1, "gdelt1_events_schema.csv", "gdelt1_daily"), (GDELT2, "gdelt2_events_schema.csv", "gdelt2")],
)
def test_gdelt_dtypes_follow_the_schema_types(path, schema, layout):
    df = ev.read_gdelt(path)
    assert df.attrs["layout"] == layout == ev.detect_layout(path)
    kinds = {"INTEGER": "Int64", "FLOAT": "float64"}
    for row in _schema(FIX / schema):
        dtype = df[row["name"]].dtype
        if row["type"] in kinds:
            assert str(dtype) == kinds[row["type"]], row["name"]
        else:
            assert row["type"] == "STRING" and pd.api.types.is_string_dtype(dtype), row["name"]


@pytest.mark.parametrize("path", [GDELT1, GDELT2], ids=["gdelt1", "gdelt2"])
def test_gdelt_sample_values_match_the_raw_file_text(path):
    raw = _raw(path)
    df = ev.read_events(path)
    assert len(df) == len(raw) == 50
    assert df.shape[1] == len(raw[0])
    assert df["GLOBALEVENTID"].tolist() == [int(r[I_ID]) for r in raw]
    assert df["SQLDATE"].tolist() == [int(r[I_DATE]) for r in raw]
    # CAMEO codes stay strings with their leading zeros
    assert df["EventCode"].tolist() == [r[I_CODE] for r in raw]
    assert df["EventRootCode"].tolist() == [r[I_ROOT] for r in raw]
    assert any(c.startswith("0") for c in df["EventCode"])
    assert df["GoldsteinScale"].tolist() == [float(r[I_GOLD]) for r in raw]
    assert df["QuadClass"].tolist() == [int(r[I_QUAD]) for r in raw]
    a1 = df["Actor1CountryCode"]
    assert [None if pd.isna(v) else v for v in a1] == [r[I_A1CC] or None for r in raw]
    assert df["SOURCEURL"].tolist() == [r[-1] for r in raw]
    assert df["DATEADDED"].tolist() == [int(r[-2]) for r in raw]


def test_gdelt_quadclass_is_the_real_root_code_mapping():
    # reference §5.2 table: QuadClass 1 = roots 01–05, 2 = 06–09, 3 = 10–14, 4 = 15–20
    expected = {
        f"{r:02d}": q
        for q, roots in ((1, range(1, 6)), (2, range(6, 10)), (3, range(10, 15)), (4, range(15, 21)))
        for r in roots
    }
    assert expected == ev.QUAD_CLASS_OF_ROOT
    assert ev.QUAD_CLASS_OF_ROOT["09"] == 2 and ev.QUAD_CLASS_OF_ROOT["14"] == 3  # the gotcha
    assert ev.QUAD_CLASSES == {
        1: "verbal_cooperation",
        2: "material_cooperation",
        3: "verbal_conflict",
        4: "material_conflict",
    }
    for path in (GDELT1, GDELT2):
        df = ev.read_gdelt(path)
        assert (df.groupby("EventRootCode")["QuadClass"].nunique() == 1).all()
        assert (ev.quad_class_from_root(df["EventRootCode"]) == df["QuadClass"]).all()
        # and checked against the raw text, not the reader
        for r in _raw(path):
            assert ev.QUAD_CLASS_OF_ROOT[r[I_ROOT]] == int(r[I_QUAD])


# --------------------------------------------------------------------------------------------
# Dyadic series from the GDELT samples, against an independent csv-module computation
# --------------------------------------------------------------------------------------------


def _expected(path: Path, a: str, b: str, key_len: int, directed: bool) -> dict[str, dict[str, float]]:
    """Per period (YYYYMM or YYYY from SQLDATE): counts, Goldstein mean and quad shares."""
    acc: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in _raw(path):
        pair = (r[I_A1CC], r[I_A2CC])
        if pair == (a, b) or (not directed and pair == (b, a)):
            p = acc[r[I_DATE][:key_len]]
            p["n"] += 1
            p["gsum"] += float(r[I_GOLD])
            p[f"q{r[I_QUAD]}"] += 1
    return {k: dict(v) for k, v in acc.items()}


@pytest.mark.parametrize(
    ("path", "a", "b", "freq", "directed"),
    [
        (GDELT1, "NLD", "TUR", "M", True),
        (GDELT1, "NLD", "TUR", "Y", False),
        (GDELT1, "CHN", "SYR", "M", True),
        (GDELT2, "SAU", "EGY", "M", True),
        (GDELT2, "SAU", "EGY", "Y", False),
        (GDELT2, "MLI", "TCD", "Y", True),
    ],
)
def test_dyad_series_on_gdelt_samples_matches_csv_computation(path, a, b, freq, directed):
    exp = _expected(path, a, b, 6 if freq == "M" else 4, directed)
    assert exp, "the sample must hold this dyad"
    out = ev.dyad_series(path, a, b, freq=freq, directed=directed)
    got = {str(p).replace("-", ""): row for p, row in out.iterrows() if row["n_events"] > 0}
    assert set(got) == set(exp)
    assert int(out["n_events"].sum()) == sum(int(e["n"]) for e in exp.values())
    for key, e in exp.items():
        row = got[key]
        assert row["n_events"] == e["n"]
        assert row["goldstein_mean"] == pytest.approx(e["gsum"] / e["n"], rel=1e-12)
        assert row["goldstein_sum"] == pytest.approx(e["gsum"], rel=1e-12)
        for q, name in ev.QUAD_CLASSES.items():
            assert row[f"n_{name}"] == e.get(f"q{q}", 0)
            assert row[f"share_{name}"] == pytest.approx(e.get(f"q{q}", 0) / e["n"])


def test_dyad_series_streams_chunks_and_matches_the_whole_read():
    whole = ev.dyad_series(ev.read_gdelt(GDELT2), "SAU", "EGY", freq="Y", directed=False)
    chunks = list(ev.read_gdelt(GDELT2, chunksize=7))
    assert [len(c) for c in chunks] == [7] * 7 + [1]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), ev.read_gdelt(GDELT2))
    streamed = ev.dyad_series(GDELT2, "SAU", "EGY", freq="Y", directed=False, chunksize=7)
    pd.testing.assert_frame_equal(streamed, whole)
    from_iter = ev.dyad_series(iter(chunks), "SAU", "EGY", freq="Y", directed=False)
    pd.testing.assert_frame_equal(from_iter, whole)


def test_dyad_series_fills_gaps_and_honours_start_end():
    out = ev.dyad_series(GDELT1, "NLD", "TUR", freq="M", start=2016, end="2017-03")
    assert out.index[0] == pd.Period("2016-01", "M") and out.index[-1] == pd.Period("2017-03", "M")
    assert len(out) == 15 and out.index.name == "period"
    assert int(out["n_events"].sum()) == sum(
        int(e["n"]) for e in _expected(GDELT1, "NLD", "TUR", 6, True).values()
    )
    empty = out[out["n_events"] == 0]
    assert empty["goldstein_mean"].isna().all() and empty["share_verbal_cooperation"].isna().all()
    none = ev.dyad_series(GDELT1, "RUS", "USA")  # no such events in the sample
    assert none.empty and "goldstein_mean" in none.columns
    assert none.attrs == {"source": "RUS", "target": "USA", "freq": "M", "directed": True,
                          "undated_skipped": 0}


def test_column_subset_reads_only_those_columns_and_still_checks_lines(tmp_path):
    df = ev.read_gdelt(GDELT2, columns=["GoldsteinScale", "EventCode"])
    assert list(df.columns) == ["GoldsteinScale", "EventCode"]
    assert df["EventCode"].tolist() == [r[I_CODE] for r in _raw(GDELT2)]
    assert df["GoldsteinScale"].tolist() == [float(r[I_GOLD]) for r in _raw(GDELT2)]
    with pytest.raises(ValueError, match=r"'SOURCEURL' not in the GDELT 1\.0 backfile layout"):
        ev.read_gdelt(_write(tmp_path / "b.tsv", [r[:57] for r in _raw(GDELT1)]), columns=["SOURCEURL"])
    rows = _raw(GDELT1)
    rows[30] = rows[30][:10]
    with pytest.raises(ev.EventFileError, match="line 31: 10 tab-separated fields"):
        ev.read_gdelt(_write(tmp_path / "c.tsv", rows), columns=["EventCode"])


def test_gdelt_compressed_files_read_like_plain(tmp_path):
    gz = tmp_path / "20170312.export.CSV.gz"
    gz.write_bytes(gzip.compress(GDELT1.read_bytes()))
    zp = tmp_path / "20170312.export.CSV.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.write(GDELT2, "20170312.export.CSV")
    pd.testing.assert_frame_equal(ev.read_gdelt(gz), ev.read_gdelt(GDELT1), check_like=False)
    assert ev.read_gdelt(zp)["GLOBALEVENTID"].tolist() == ev.read_gdelt(GDELT2)["GLOBALEVENTID"].tolist()


def test_gdelt1_backfile_layout_has_57_fields_and_na_is_a_code(tmp_path):
    rows = [r[:57] for r in _raw(GDELT1)]
    rows[0][37] = "NA"  # Actor1Geo_CountryCode: FIPS "NA" is a real code, not a missing value
    path = _write(tmp_path / "1979.csv", rows)
    df = ev.read_gdelt(path)
    assert df.attrs["layout"] == "gdelt1" and list(df.columns) == list(ev.GDELT1_COLUMNS)
    assert df.loc[0, "Actor1Geo_CountryCode"] == "NA"


# --------------------------------------------------------------------------------------------
# Malformed GDELT files
# --------------------------------------------------------------------------------------------


def test_malformed_gdelt_line_names_file_line_and_expectation(tmp_path):
    rows = _raw(GDELT1)
    rows[11] = rows[11][:40]  # line 12
    path = _write(tmp_path / "events.tsv", rows)
    msg = r"events\.tsv, line 12: 40 tab-separated fields \(expected 58 like line 1, GDELT 1\.0 daily"
    with pytest.raises(ev.EventFileError, match=msg):
        ev.read_gdelt(path)
    with pytest.raises(ValueError, match=msg):  # EventFileError is a ValueError
        list(ev.read_gdelt(path, chunksize=5))  # two chunks come out before the error
    first = _write(tmp_path / "first.tsv", [rows[11], *rows[:11]])
    with pytest.raises(
        ev.EventFileError,
        match=r"first\.tsv, line 1: 40 tab-separated fields \(expected 57, 58 or 61 for GDELT\)",
    ):
        ev.read_gdelt(first)


def test_malformed_gdelt_value_names_line_and_column(tmp_path):
    rows = _raw(GDELT2)
    rows[6][I_GOLD] = "high"
    path = _write(tmp_path / "g2.tsv", rows)
    with pytest.raises(ev.EventFileError, match=r"g2\.tsv, line 7, GoldsteinScale: 'high' is not a number"):
        ev.read_gdelt(path)
    rows[6][I_GOLD] = "1.0"
    rows[2][I_QUAD] = "2.5"
    _write(path, rows)
    with pytest.raises(ev.EventFileError, match=r"line 3, QuadClass: '2\.5' is not a whole number"):
        ev.read_gdelt(path)
    (tmp_path / "empty.tsv").write_text("\n")
    with pytest.raises(ev.EventFileError, match="empty file"):
        ev.read_gdelt(tmp_path / "empty.tsv")


# --------------------------------------------------------------------------------------------
# ICEWS layout (files written here; no ICEWS data is shipped)
# --------------------------------------------------------------------------------------------

ICEWS_ROWS = [
    # id, date, source country, CAMEO, intensity, target country
    ("1", "2014-01-05", "Russian Federation", "010", "0.0", "United States"),
    ("2", "2014-01-20", "Russian Federation", "1384", "-7.0", "United States"),
    ("3", "2014-02-10", "Russian Federation", "043", "2.8", "NA"),
    ("4", "2014-03-02", "Russian Federation", "190", "-10.0", "United States"),
    ("5", "2014-03-03", "United States", "042", "1.9", "Russian Federation"),
    ("6", "2015-06-01", "Russian Federation", "057", "NA", "United States"),
    ("7", "2015-06-02", "China", "0874", "10.0", "United States"),
    ("8", "2015-07-01", "Freedonia", "036", "4.0", "United States"),
]


def _icews_line(r: tuple[str, ...]) -> list[str]:
    eid, date, src, cameo, intensity, tgt = r
    return [
        eid, date, "Some Name", "NA", src, "Event text", cameo, intensity, "Other Name", "Government",
        tgt, "100" + eid, "1", "Publisher", "NA", "NA", "NA", src, "55.75", "NA",
    ]  # fmt: skip


@pytest.fixture()
def icews_file(tmp_path: Path) -> Path:
    return _write(tmp_path / "icews.tab", [list(ev.ICEWS_COLUMNS), *(_icews_line(r) for r in ICEWS_ROWS)])


def test_icews_reader_keeps_codes_and_na(icews_file):
    assert ev.detect_layout(icews_file) == "icews"
    df = ev.read_events(icews_file)
    assert df.attrs["layout"] == "icews" and list(df.columns) == list(ev.ICEWS_COLUMNS)
    assert df["CAMEO Code"].tolist() == [r[3] for r in ICEWS_ROWS]  # "010", "0874" intact
    assert pd.isna(df.loc[2, "Target Country"]) and pd.isna(df.loc[0, "Source Sectors"])
    assert pd.isna(df.loc[5, "Intensity"]) and df.loc[1, "Intensity"] == -7.0
    assert df["Event Date"].dtype.kind == "M" and df.loc[0, "Event Date"] == pd.Timestamp("2014-01-05")
    assert str(df["Event ID"].dtype) == "Int64" and df["Latitude"].tolist() == [55.75] * 8
    assert df["Longitude"].isna().all()


def test_icews_standardize_maps_country_names_and_quadclass(icews_file):
    std = ev.standardize(ev.read_icews(icews_file))
    assert list(std.columns) == list(ev.STANDARD_COLUMNS)
    assert std["source"].tolist()[:2] == ["RUS", "RUS"] and std.loc[4, "source"] == "USA"
    assert std.loc[6, "source"] == "CHN" and std.loc[7, "source"] == "Freedonia"  # unlisted: kept
    # roots 01, 13, 04, 19, 04, 05, 08, 03 under GDELT's mapping
    assert std["quad_class"].tolist() == [1, 3, 1, 4, 1, 1, 2, 1]
    extended = ev.standardize(ev.read_icews(icews_file), country_codes={"Freedonia": "FRD"})
    assert extended.loc[7, "source"] == "FRD"


def test_icews_monthly_dyad_series_by_hand(icews_file):
    out = ev.dyad_series(icews_file, "RUS", "USA", freq="M")
    assert out.index[0] == pd.Period("2014-01", "M") and out.index[-1] == pd.Period("2015-06", "M")
    assert len(out) == 18
    jan, feb, mar, jun15 = (out.loc[pd.Period(p, "M")] for p in ("2014-01", "2014-02", "2014-03", "2015-06"))
    # January 2014: events 1 (010, 0.0) and 2 (1384, −7.0)
    assert jan["n_events"] == 2 and jan["goldstein_mean"] == pytest.approx((0.0 + -7.0) / 2)
    assert (jan["share_verbal_cooperation"], jan["share_verbal_conflict"]) == (0.5, 0.5)
    # February: event 3 has no target country, so nothing
    assert feb["n_events"] == 0 and math.isnan(feb["goldstein_mean"])
    # March: event 4 only (event 5 runs USA → RUS)
    assert mar["n_events"] == 1 and mar["goldstein_mean"] == -10.0 and mar["share_material_conflict"] == 1.0
    # June 2015: event 6 has no Intensity: counted, but no Goldstein mean
    assert jun15["n_events"] == 1 and math.isnan(jun15["goldstein_mean"]) and jun15["goldstein_sum"] == 0.0
    assert jun15["share_verbal_cooperation"] == 1.0
    assert int(out["n_events"].sum()) == 4
    by_name = ev.dyad_series(icews_file, "Russian Federation", "United States", freq="M")
    pd.testing.assert_frame_equal(by_name, out)


def test_icews_yearly_undirected_dyad_series_by_hand(icews_file):
    out = ev.dyad_series(ev.read_icews(icews_file), "USA", "RUS", freq="Y", directed=False)
    assert [str(p) for p in out.index] == ["2014", "2015"]
    y14, y15 = out.iloc[0], out.iloc[1]
    # 2014: events 1, 2, 4 (RUS → USA) and 5 (USA → RUS)
    assert y14["n_events"] == 4
    assert y14["goldstein_mean"] == pytest.approx((0.0 + -7.0 + -10.0 + 1.9) / 4)
    assert (
        y14["n_verbal_cooperation"] == 2 and y14["n_verbal_conflict"] == 1 and y14["n_material_conflict"] == 1
    )
    assert y14["share_verbal_cooperation"] == 0.5 and y14["share_material_cooperation"] == 0.0
    assert y15["n_events"] == 1 and math.isnan(y15["goldstein_mean"])


def test_icews_malformed_files(tmp_path, icews_file):
    lines = icews_file.read_text().splitlines()
    lines[4] = "\t".join(lines[4].split("\t")[:19])
    bad = tmp_path / "bad.tab"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(
        ev.EventFileError, match=r"bad\.tab, line 5: 19 tab-separated fields \(expected 20 for ICEWS\)"
    ):
        ev.read_icews(bad)
    header = list(ev.ICEWS_COLUMNS)
    header[6] = "CAMEO code"
    wrong = _write(tmp_path / "wrong.tab", [header, _icews_line(ICEWS_ROWS[0])])
    with pytest.raises(
        ev.EventFileError,
        match=r"wrong\.tab, line 1: not the ICEWS header .*column 7 is 'CAMEO code', expected 'CAMEO Code'",
    ):
        ev.read_icews(wrong)
    date = _write(
        tmp_path / "date.tab",
        [list(ev.ICEWS_COLUMNS), _icews_line(("1", "05/01/2014", "China", "010", "0", "Japan"))],
    )
    with pytest.raises(ev.EventFileError, match=r"line 2, Event Date: '05/01/2014' is not a YYYY-MM-DD date"):
        ev.read_icews(date)
    only_header = _write(tmp_path / "header.tab", [list(ev.ICEWS_COLUMNS)])
    assert ev.read_icews(only_header).empty


# --------------------------------------------------------------------------------------------
# Argument errors
# --------------------------------------------------------------------------------------------


def test_argument_errors():
    with pytest.raises(ValueError, match="freq must be 'M'"):
        ev.dyad_series(GDELT1, "NLD", "TUR", freq="Q")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="chunksize must be a positive integer"):
        ev.read_gdelt(GDELT1, chunksize=0)
    with pytest.raises(ValueError, match="not a GDELT frame"):
        ev.standardize(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="start='soon'"):
        ev.dyad_series(GDELT1, "NLD", "TUR", start="soon")
