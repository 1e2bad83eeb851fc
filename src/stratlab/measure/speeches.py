"""How one P5 state speaks of another in the UN General Debate, year by year.

``perception_index(source, target)`` scores every context (the sentence around a reference to
``target``, see ``references``) in ``source``'s General Debate statements, by the ``lexicon``
method (VADER plus a domain lexicon, ``lexicon``) or the ``embedding`` method (closeness to
friendly vs hostile anchor sentences, ``embedding``). A year's score is the mean of its context
scores — a sentence naming the target three times counts once; ``n_refs`` counts the
references themselves. ``low``/``high`` are a 95 % percentile bootstrap interval of that mean,
resampling the year's contexts with replacement (``n_boot`` draws, generator seeded by
``(seed, year)``, so a year's interval does not depend on the range asked for). A year with no
reference has score NaN and ``n_refs`` 0; a year with a single context has that context's score
and a NaN interval (one sentence shows no spread to resample). Years in which ``source`` gave no
statement are absent from the index.

Data: the ``speeches`` table [ungdc-v13] (Jankin, Baturo & Dasandi, UN General Debate Corpus,
CC0). Method, provenance and limits: ``docs/theory/perception_measure.md``.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from stratlab.measure import embedding as _embedding
from stratlab.measure import lexicon as _lexicon
from stratlab.measure.references import (
    COUNTRIES,
    AliasSet,
    PerceptionError,
    check_country,
    contexts,
    name_spans,
    normalise,
    resolve_aliases,
    sentence_spans,
)

SOURCE_IDS = ("ungdc-v13",)
"""Source ids this module cites (rows of the ``sources`` table)."""

METHODS: tuple[str, ...] = ("lexicon", "embedding")
CONFIDENCE = 0.95


class EmptyRangeError(PerceptionError):
    """An empty year range, or no statement by the source in it."""


class SameCountryError(PerceptionError):
    """``source == target``: a speech never scores its own country."""


class UnknownMethodError(PerceptionError):
    """A scoring method other than those in ``METHODS``."""


@dataclass(frozen=True)
class _Prepared:
    text: str
    spans: list[tuple[int, int]]
    names: list[tuple[int, int]]
    name_starts: list[int]


@lru_cache(maxsize=1024)
def _prepare(raw: str) -> _Prepared:
    text = normalise(raw)
    names = name_spans(text)
    return _Prepared(text, sentence_spans(text), names, [s for s, _ in names])


@lru_cache(maxsize=4)
def _catalog_corpus(path: str) -> pd.DataFrame:
    from stratlab.data import catalog

    con = catalog()
    try:
        return con.execute("SELECT country, year, text FROM speeches ORDER BY country, year").df()
    finally:
        con.close()


def load_corpus() -> pd.DataFrame:
    """The ``speeches`` table's ``country``, ``year`` and ``text`` (read once per catalog)."""
    from stratlab.data import catalog_path

    return _catalog_corpus(str(catalog_path()))


def _check_corpus(corpus: pd.DataFrame | None) -> pd.DataFrame:
    if corpus is None:
        return load_corpus()
    missing = {"country", "year", "text"} - set(corpus.columns)
    if missing:
        raise PerceptionError(f"corpus lacks column(s) {', '.join(sorted(missing))}")
    return corpus


def _check_method(method: str) -> str:
    if method not in METHODS:
        raise UnknownMethodError(f"unknown method {method!r} (known: {', '.join(METHODS)}, latent)")
    return method


def _years(corpus: pd.DataFrame, source: str, start: int | None, end: int | None) -> list[int]:
    if start is not None and end is not None and start > end:
        raise EmptyRangeError(f"empty year range: from {start} to {end}")
    years = sorted({int(y) for y in corpus.loc[corpus["country"] == source, "year"]})
    chosen = [y for y in years if (start is None or y >= start) and (end is None or y <= end)]
    if not chosen:
        have = f"{years[0]}–{years[-1]}" if years else "none"
        raise EmptyRangeError(
            f"no {source} speeches from {start if start is not None else '…'} "
            f"to {end if end is not None else '…'} ({source} speeches: {have})"
        )
    return chosen


def _check_pair(
    source: str, target: str, aliases: Mapping[str, AliasSet] | None, implicit: bool, corpus: pd.DataFrame
) -> AliasSet:
    known = COUNTRIES + tuple(sorted({str(c) for c in corpus["country"]} - set(COUNTRIES)))
    check_country(source, known, "source")
    chosen = resolve_aliases(target, aliases, implicit)
    if source == target:
        raise SameCountryError(
            f"source and target are both {source!r}: a speech never scores its own country"
        )
    return chosen


def context_table(
    pairs: Iterable[tuple[str, str]],
    start: int | None = None,
    end: int | None = None,
    method: str = "lexicon",
    *,
    window: int = 0,
    implicit: bool = True,
    aliases: Mapping[str, AliasSet] | None = None,
    corpus: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every scored context of each ``(source, target)`` pair: one row per context.

    Columns: ``source``, ``target``, ``year``, ``sentence`` (index in the speech), ``text``,
    ``aliases`` (matched texts, '; '), ``implicit`` (all its references implicit), ``n_refs``,
    ``score``, ``terms`` (lexicon terms with the valence used; empty for ``embedding``).
    All contexts are scored in one batch (the embedding method encodes each text once).
    """
    _check_method(method)
    corpus = _check_corpus(corpus)
    rows: list[dict[str, object]] = []
    masks: list[list[tuple[int, int]]] = []
    for source, target in pairs:
        alias_set = _check_pair(source, target, aliases, implicit, corpus)
        years = set(_years(corpus, source, start, end))
        speeches = corpus[(corpus["country"] == source) & corpus["year"].isin(years)]
        for year, raw in zip(speeches["year"], speeches["text"], strict=True):
            prep = _prepare(str(raw))
            for c in contexts(prep.text, alias_set, int(year), window, prep.spans):
                lo = bisect.bisect_left(prep.name_starts, c.start)
                hi = bisect.bisect_left(prep.name_starts, c.end)
                masks.append([(s - c.start, e - c.start) for s, e in prep.names[lo:hi] if e <= c.end])
                rows.append(
                    {
                        "source": source,
                        "target": target,
                        "year": int(year),
                        "sentence": c.sentence,
                        "text": c.text,
                        "aliases": "; ".join(r.text for r in c.refs),
                        "implicit": all(r.alias.implicit for r in c.refs),
                        "n_refs": len(c.refs),
                    }
                )
    table = pd.DataFrame(rows, columns=["source", "target", "year", "sentence", "text", "aliases", "implicit",
                                        "n_refs"])
    if method == "lexicon":
        cache: dict[tuple[str, tuple[tuple[int, int], ...]], tuple[float, str]] = {}
        scored = []
        for text, mask in zip(table["text"], masks, strict=True):
            key = (text, tuple(mask))
            if key not in cache:
                value, hits = _lexicon.score_hits(text, mask)
                terms = ", ".join(f"{'not ' if h.negated else ''}{h.term} {h.used:+.2f}" for h in hits)
                cache[key] = (value, terms)
            scored.append(cache[key])
        table["score"] = [s for s, _ in scored]
        table["terms"] = [t for _, t in scored]
    else:
        table["score"] = _embedding.scores(list(table["text"]))
        table["terms"] = ""
    return table


def bootstrap_interval(
    values: ArrayLike, n_boot: int = 1000, seed: int | Sequence[int] = 0, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (NaN, NaN for fewer than 2)."""
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        return math.nan, math.nan
    if n_boot < 1:
        raise PerceptionError(f"n_boot must be ≥ 1, got {n_boot}")
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(n_boot, x.size))].mean(axis=1)
    lo, hi = np.quantile(means, [(1 - confidence) / 2, (1 + confidence) / 2])
    return float(lo), float(hi)


def _yearly(table: pd.DataFrame, years: Sequence[int], n_boot: int, seed: int) -> pd.DataFrame:
    rows = []
    groups = {int(str(y)): g for y, g in table.groupby("year")}
    for year in years:
        part = groups.get(year, table.iloc[:0])
        s = part["score"].to_numpy(dtype=np.float64)
        lo, hi = bootstrap_interval(s, n_boot, (seed, year))
        rows.append(
            {
                "year": year,
                "score": float(s.mean()) if s.size else math.nan,
                "low": lo,
                "high": hi,
                "n_refs": int(part["n_refs"].sum()),
                "n_contexts": len(part),
            }
        )
    return pd.DataFrame(rows).set_index("year")


def perception_panel(
    sources: Iterable[str] = COUNTRIES,
    targets: Iterable[str] = COUNTRIES,
    start: int | None = None,
    end: int | None = None,
    method: str = "lexicon",
    *,
    window: int = 0,
    n_boot: int = 1000,
    seed: int = 0,
    implicit: bool = True,
    aliases: Mapping[str, AliasSet] | None = None,
    corpus: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``perception_index`` for every source → target pair (source ≠ target), in one batch.

    A long table: ``source``, ``target``, ``year``, ``score``, ``low``, ``high``, ``n_refs``,
    ``n_contexts``. Sources with no statement in the range are skipped.
    """
    _check_method(method)
    corpus = _check_corpus(corpus)
    pairs = [(s, t) for s in sources for t in targets if s != t]
    ranges = {}
    for s, _ in pairs:
        try:
            ranges[s] = _years(corpus, s, start, end)
        except EmptyRangeError:
            if start is not None and end is not None and start > end:
                raise
    pairs = [(s, t) for s, t in pairs if s in ranges]
    if not pairs:
        raise EmptyRangeError(f"no speeches by any source from {start} to {end}")
    table = context_table(pairs, start, end, method, window=window, implicit=implicit, aliases=aliases,
                          corpus=corpus)
    frames = []
    for s, t in pairs:
        part = table[(table["source"] == s) & (table["target"] == t)]
        frames.append(_yearly(part, ranges[s], n_boot, seed).reset_index().assign(source=s, target=t))
    cols = ["source", "target", "year", "score", "low", "high", "n_refs", "n_contexts"]
    return pd.concat(frames, ignore_index=True)[cols]


def perception_index(
    source: str,
    target: str,
    start: int | None = None,
    end: int | None = None,
    method: str = "lexicon",
    *,
    window: int = 0,
    n_boot: int = 1000,
    seed: int = 0,
    implicit: bool = True,
    aliases: Mapping[str, AliasSet] | None = None,
    corpus: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How ``source`` speaks of ``target``, one row per year of ``source``'s statements.

    Index ``year``; columns ``score`` (higher = friendlier), ``low``/``high`` (95 % bootstrap
    interval), ``n_refs`` (references to ``target``), ``n_contexts`` (distinct contexts).
    ``window`` widens each sentence by that many sentences each side; ``implicit=False`` keeps
    names only (no NATO, "the West", hegemony …); ``aliases`` overrides alias sets by target;
    ``corpus`` replaces the ``speeches`` table (columns ``country``, ``year``, ``text``).
    ``attrs`` record how the series was made.

    ``method="latent"`` pools the speeches with UN votes and event data in a dynamic latent model
    (:func:`stratlab.measure.latent.latent_index`): columns ``score``, ``low``, ``high``,
    ``n_indicators``, the fitted loadings in ``attrs["loadings"]``; the speech-only options
    (``window``, ``aliases``, …) do not apply to it.
    """
    if method == "latent":
        from stratlab.measure.latent import latent_index

        return latent_index(source, target, start, end)
    _check_method(method)
    corpus = _check_corpus(corpus)
    _check_pair(source, target, aliases, implicit, corpus)
    years = _years(corpus, source, start, end)
    table = context_table([(source, target)], start, end, method, window=window, implicit=implicit,
                          aliases=aliases, corpus=corpus)
    out = _yearly(table, years, n_boot, seed)
    out.attrs = {
        "source": source,
        "target": target,
        "method": method,
        "scorer": _lexicon.default_lexicon().name if method == "lexicon" else _embedding.MODEL_NAME,
        "window": window,
        "implicit": implicit,
        "n_boot": n_boot,
        "seed": seed,
        "confidence": CONFIDENCE,
        "source_ids": SOURCE_IDS,
    }
    return out


def evidence(
    source: str,
    target: str,
    year: int,
    method: str = "lexicon",
    n: int = 10,
    *,
    window: int = 0,
    implicit: bool = True,
    aliases: Mapping[str, AliasSet] | None = None,
    corpus: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``n`` contexts that weigh most in ``year``'s score (largest ``|score|`` first).

    Columns: ``sentence``, ``score``, ``contribution`` (score / contexts that year, so the
    year's score is the sum of all contributions), ``aliases``, ``implicit``, ``terms``, ``text``.
    """
    table = context_table([(source, target)], year, year, method, window=window, implicit=implicit,
                          aliases=aliases, corpus=corpus)
    table["contribution"] = table["score"] / max(len(table), 1)
    order = table["score"].abs().sort_values(ascending=False, kind="stable").index
    cols = ["sentence", "score", "contribution", "aliases", "implicit", "terms", "text"]
    return table.loc[order, cols].head(n).reset_index(drop=True)
