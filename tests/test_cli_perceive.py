"""`stratlab perceive …` on good and bad input, run as a user runs it (a subprocess)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cli_helpers import assert_one_line_error, stratlab


def test_series_with_stages_evidence_csv_and_plot(tmp_path: Path) -> None:
    out_csv, out_png = tmp_path / "rus_usa.csv", tmp_path / "rus_usa.png"
    res = stratlab("perceive", "RUS", "USA", "--from", "1991", "--to", "2024", "--stages", "3",
                   "--csv", str(out_csv), "--plot", str(out_png))
    assert res.returncode == 0, res.stderr
    assert "RUS → USA" in res.stdout and "n_refs" in res.stdout
    assert "3 stages" in res.stdout and "confrontation" in res.stdout
    assert f"wrote {out_png.resolve()}" in res.stdout.replace("\n", "")  # says where the plot went
    assert f"wrote {out_csv.resolve()}" in res.stdout.replace("\n", "")
    rows = list(csv.DictReader(out_csv.open()))
    assert [int(r["year"]) for r in rows] == list(range(1991, 2025))
    assert {"score", "low", "high", "n_refs", "stage", "stage_label"} <= set(rows[0])
    assert {r["stage_label"] for r in rows if r["score"]} == {"cooperation", "competition", "confrontation"}
    assert out_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evidence_shows_only_that_year_and_how_many_sentences() -> None:
    from stratlab.measure.speeches import perception_index

    year = perception_index("RUS", "USA", 2014, 2014).loc[2014]
    res = stratlab("perceive", "RUS", "USA", "--evidence", "2014", "--top", "3")
    assert res.returncode == 0, res.stderr
    assert "n_refs" not in res.stdout and "1946" not in res.stdout  # no yearly series
    assert f"from {int(year['n_refs'])} reference(s) in {int(year['n_contexts'])} context(s)" in res.stdout
    assert f"evidence: 3 of {int(year['n_contexts'])} contexts" in res.stdout
    everything = stratlab("perceive", "RUS", "USA", "--evidence", "2014", "--top", "0")
    assert f"evidence: {int(year['n_contexts'])} of {int(year['n_contexts'])} contexts" in everything.stdout


def test_years_resting_on_few_references_are_named() -> None:
    from stratlab.cli.perceive import MIN_REFS
    from stratlab.measure.speeches import perception_index

    series = perception_index("RUS", "USA", 1991, 2024)
    thin = [str(y) for y, n in series["n_refs"].items() if 0 < n < MIN_REFS]
    assert thin  # the corpus has such years, so the warning is exercised
    res = stratlab("perceive", "RUS", "USA", "--from", "1991", "--to", "2024")
    line = next(x for x in res.stdout.splitlines() if x.startswith("note:"))
    assert f"fewer than {MIN_REFS} references" in line and all(y in line for y in thin)


def test_lower_case_codes_and_a_short_range() -> None:
    res = stratlab("perceive", "chn", "usa", "--from", "2020", "--to", "2022")
    assert res.returncode == 0, res.stderr
    assert "CHN → USA" in res.stdout and "2021" in res.stdout


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("XXX", "USA"), ("unknown source 'XXX'", "known: USA, RUS")),
        (("RUS", "RUS"), ("never scores its own country",)),
        (("RUS", "USA", "--from", "2000", "--to", "1990"), ("empty year range",)),
        (("RUS", "USA", "--from", "1900", "--to", "1910"), ("no RUS speeches",)),
        (("RUS", "USA", "--method", "vibes"), ("unknown method 'vibes'", "lexicon, embedding")),
        (("RUS", "USA", "--evidence", "1900"), ("no RUS speeches",)),
        (("RUS", "USA", "--stages", "0"), ("--stages 0",)),
        (("RUS", "USA", "--plot", "figure.pdf"), ("expected a .png",)),
    ],
)
def test_bad_input_is_one_line_error(args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    assert_one_line_error(stratlab("perceive", *args), *needles)


def test_latent_method_prints_contributions_loadings_and_stage_test(tmp_path: Path) -> None:
    out_csv, out_png = tmp_path / "latent.csv", tmp_path / "latent.png"
    res = stratlab("perceive", "RUS", "USA", "--method", "latent", "--indicators", "votes,events",
                   "--from", "1991", "--to", "2024", "--stages", "3", "--csv", str(out_csv),
                   "--plot", str(out_png))
    assert res.returncode == 0, res.stderr
    assert "latent perception" in res.stdout and "fitted loadings" in res.stdout
    assert "3 stages (given)" in res.stdout and "permutation p" in res.stdout
    rows = list(csv.DictReader(out_csv.open()))
    assert [int(r["year"]) for r in rows] == list(range(1991, 2025))
    assert {"score", "low", "high", "n_indicators", "votes", "gdelt", "other", "stage"} <= set(rows[0])
    assert "speech" not in rows[0]
    for r in rows:  # the contributions add up to the score
        total = sum(float(r[k]) for k in ("votes", "weis", "copdab", "gdelt", "other"))
        assert abs(total - float(r["score"])) < 1e-6
    assert out_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("args", "needles"), [
    (("--indicators", "tea"), ("unknown indicator group(s) tea", "known: speeches, votes, events")),
    (("--evidence", "2014"), ("--evidence: give --method lexicon or embedding",)),
])
def test_latent_bad_input(args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    assert_one_line_error(stratlab("perceive", "RUS", "USA", "--method", "latent", *args), *needles)


def test_latent_malformed_record_file_is_one_line(records: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (records / "event_data_dyadic/exCopdab.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("4803", "48x3", 1)
    bad = tmp_path / "copdab.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("STRATLAB_COPDAB", str(bad))
    res = stratlab("perceive", "RUS", "USA", "--method", "latent", "--indicators", "events")
    assert res.returncode == 2
    assert_one_line_error(res, str(bad), "line 4, ym: '48x3': expected YYMM")
