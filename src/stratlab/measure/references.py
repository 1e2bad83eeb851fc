"""Finding references to a state in a speech, and the sentence around each one.

A *reference* is a span of the normalised text matched by one of the target's aliases: its
names (``United States``, ``U.S.``, ``America``), its capital used as metonymy (``Washington``)
and, marked ``implicit``, the alliances and labels that stand for it in debate (``NATO`` and
``the West`` for the US after the Soviet Union's allies had their own bloc; ``hegemony``,
``unilateralism`` and ``unipolar`` from 1992, when there was one superpower left to mean).
Which implicit references count, and why, is written on each ``Alias``; the reasoning is in
``docs/theory/perception_measure.md``. A *context* is the sentence holding one or more
references, optionally widened by ``window`` sentences each side.

Matching runs on ``normalise(text)``: the UN verbatim records are OCR with hard line breaks
("United\\nStates"), numbered paragraphs and line-end hyphens, so whitespace runs become one
space, a hyphen at a line end joins its word, and paragraph numbers at line starts go. Every
match that overlaps an ``exclude`` span is dropped (``Latin American``, ``United States of
Indonesia``, ``the West Bank``, ``US$``); of overlapping matches of one set the earliest, then
the longest, is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

COUNTRIES: tuple[str, ...] = ("USA", "RUS", "CHN", "GBR", "FRA")
"""The P5 codes of the ``speeches`` table (``RUS`` is the USSR to 1991; ``CHN`` the ROC seat to 1971)."""


class PerceptionError(ValueError):
    """A mistake in a perception-measure request; the message is one line."""


class UnknownCountryError(PerceptionError):
    """A country code outside the alias sets in use."""


def check_country(code: str, known: Iterable[str] = COUNTRIES, what: str = "country") -> str:
    names = tuple(known)
    if code not in names:
        raise UnknownCountryError(f"unknown {what} {code!r} (known: {', '.join(names)})")
    return code


@dataclass(frozen=True)
class Alias:
    """One way of referring to a state: a regular expression and why it counts.

    ``implicit``: a reference through an alliance, bloc or label rather than a name.
    ``evaluative``: the matched word is itself a judgement (``hegemony``), so its own valence is
    scored; a name is neutral and masked before scoring. ``years``: first and last year (either
    may be None) in which the alias stands for the target.
    """

    label: str
    pattern: str
    implicit: bool = False
    case_sensitive: bool = False
    evaluative: bool = False
    years: tuple[int | None, int | None] = (None, None)
    why: str = ""

    def applies(self, year: int | None) -> bool:
        lo, hi = self.years
        return year is None or ((lo is None or year >= lo) and (hi is None or year <= hi))

    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern, self.case_sensitive)


@dataclass(frozen=True)
class AliasSet:
    """The aliases of one target and the exclusions that cancel false hits."""

    target: str
    aliases: tuple[Alias, ...]
    exclude: tuple[str, ...] = field(default=())

    def extend(self, *aliases: Alias, exclude: Iterable[str] = ()) -> AliasSet:
        """A copy with more aliases and exclusions (patterns are case-insensitive)."""
        return replace(self, aliases=(*self.aliases, *aliases), exclude=(*self.exclude, *exclude))

    def explicit_only(self) -> AliasSet:
        return replace(self, aliases=tuple(a for a in self.aliases if not a.implicit))


@dataclass(frozen=True)
class Reference:
    """A matched alias: character span in the normalised text, matched text and its alias."""

    start: int
    end: int
    text: str
    alias: Alias


@dataclass(frozen=True)
class Context:
    """The text around one or more references (a sentence, ± ``window`` sentences)."""

    sentence: int
    start: int
    end: int
    text: str
    refs: tuple[Reference, ...]


@lru_cache(maxsize=512)
def _compile(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


@lru_cache(maxsize=32768)
def _matches(text: str, pattern: str, case_sensitive: bool) -> tuple[tuple[int, int, str], ...]:
    """Every match of one pattern in one text; cached, as each speech is searched for every pair."""
    return tuple((m.start(), m.end(), m.group(0)) for m in _compile(pattern, case_sensitive).finditer(text))


_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*")
_PARA_NUMBER = re.compile(r"(?m)^[ \t]*\d{1,3}\.[ \t]+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """One space for every whitespace run, hyphenated line ends joined, paragraph numbers cut."""
    text = text.replace("\ufeff", "").replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    text = _HYPHEN_BREAK.sub("-", text)
    text = _PARA_NUMBER.sub("", text)
    return _SPACE.sub(" ", text).strip()


# A full stop ends a sentence unless it closes a title, an initial or a dotted acronym (U.S.).
_BOUNDARY = re.compile(r"[.!?][\"'”)\]]*\s+(?=[\"'“(\[]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Messrs|No|Nos|Art|Arts|Gen|Sir|Prof|Rev|Jr|Sr|Mt|Vol|para|paras|"
    r"etc|vs|cf|e\.g|i\.e|viz|op|Co|Corp|Inc|Ltd)|\b[A-Z]|(?:\b[A-Z]\.\s?)+[A-Z])\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of a normalised text."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if _ABBREV.search(text, max(0, m.start() - 12), m.start() + 1):
            continue
        spans.append((start, m.start() + 1))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def find_references(text: str, aliases: AliasSet, year: int | None = None) -> list[Reference]:
    """Non-overlapping references to ``aliases.target`` in a normalised ``text``, in order."""
    blocked = [(s, e) for p in aliases.exclude for s, e, _ in _matches(text, p, False)]
    found = [
        Reference(s, e, matched, a)
        for a in aliases.aliases
        if a.applies(year)
        for s, e, matched in _matches(text, a.pattern, a.case_sensitive)
    ]
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    out: list[Reference] = []
    for r in found:
        if any(s < r.end and r.start < e for s, e in blocked):
            continue
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out


def contexts(
    text: str,
    aliases: AliasSet,
    year: int | None = None,
    window: int = 0,
    spans: list[tuple[int, int]] | None = None,
) -> list[Context]:
    """One context per sentence that holds a reference, widened by ``window`` sentences."""
    if window < 0:
        raise PerceptionError(f"window must be ≥ 0 sentences, got {window}")
    refs = find_references(text, aliases, year)
    if not refs:
        return []
    spans = sentence_spans(text) if spans is None else spans
    starts = [s for s, _ in spans]
    by_sentence: dict[int, list[Reference]] = {}
    for r in refs:
        i = _bisect_right(starts, r.start) - 1
        by_sentence.setdefault(max(i, 0), []).append(r)
    out = []
    for i, rs in by_sentence.items():
        a, b = spans[max(0, i - window)][0], spans[min(len(spans) - 1, i + window)][1]
        out.append(Context(i, a, b, text[a:b], tuple(rs)))
    return out


def _bisect_right(xs: list[int], x: int) -> int:
    lo, hi = 0, len(xs)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < xs[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


_HEGEMONY: dict[str, Any] = {
    "implicit": True,
    "evaluative": True,
    "years": (1992, None),
    "why": "after the USSR's end the one power such words can mean in a P5 speech is the US; before "
    "1992 both superpowers (and China's 'hegemonism' of the USSR) are meant, so they do not count",
}

ALIASES: Mapping[str, AliasSet] = MappingProxyType(
    {
        "USA": AliasSet(
            "USA",
            (
                Alias("United States", r"\bUnited States(?: of America)?\b"),
                Alias(
                    "U.S./USA", r"\bU\.\s?S\.(?:\s?A\.)?(?!\s?S\.?\s?R)|\bUSA\b|\bUS\b", case_sensitive=True
                ),
                Alias("America(n)", r"\bAmerica(?:ns?)?\b"),
                Alias("Washington", r"\bWashington\b", why="the capital as metonymy for the government"),
                Alias(
                    "NATO",
                    r"\bNATO\b|\bNorth Atlantic (?:Treaty Organi[sz]ation|Alliance|bloc)\b"
                    r"|\bAtlantic Alliance\b",
                    implicit=True,
                    why="the US leads the alliance and speaks for it in arms-control disputes",
                ),
                Alias(
                    "the West",
                    r"\bthe West\b|\b[Ww]estern (?:Powers?|countries|States|nations|alliance|partners|bloc|"
                    r"democracies|world|Governments?|colleagues|camp|coalition|allies|community|elites?|"
                    r"capitals|leaders|sponsors|establishment)\b",
                    implicit=True,
                    case_sensitive=True,
                    why="the Western bloc is US-led; capital W only ('the west of Africa' is geography)",
                ),
                Alias("hegemony", r"\bhegemon(?:y|ic|ism|ist|istic|s)?\b", **_HEGEMONY),
                Alias("unilateralism", r"\bunilateralism\b", **_HEGEMONY),
                Alias("unipolar", r"\b(?:uni|mono)polar(?:ity)?\b", **_HEGEMONY),
                Alias(
                    "single power centre",
                    r"\b(?:single|one) (?:dominant |dominating )?(?:power )?(?:cent(?:re|er)|pole) of "
                    r"(?:power|domination|decision-making)\b"
                    r"|\bsingle (?:dominant |dominating )?power cent(?:re|er)\b",
                    **{**_HEGEMONY, "evaluative": False},
                ),
                Alias(
                    "exceptionalism",
                    r"\bexceptionalism\b",
                    **{**_HEGEMONY, "why": "'exceptionalism' in UN debate is American exceptionalism"},
                ),
            ),
            (
                r"\bUnited States of (?!America\b)\w+",
                r"\b(?:Latin|Central|South|North|Meso|Ibero|Inter|Pan|Spanish|Hispanic|Indo)[\s-]*America",
                r"\bOrgani[sz]ation of American States\b",
                r"\bAmerican (?:continent|hemisphere)\b",
                r"\$\s?US\b|\bU\.?S\.?\s?\$|\bU\.?S\.? dollars?\b",
                r"\bthe West (?:Bank|Rank|Africa|African|Indies|Indian|Irian|New Guinea|German|Germany|"
                r"Berlin|Pacific|Asia|Asian|Sahara|Saharan|Coast|Europe|European|Balkans|Mediterranean|Point)\b",
            ),
        ),
        "RUS": AliasSet(
            "RUS",
            (
                Alias(
                    "Soviet Union", r"\bSoviet Union\b|\bUnion of Soviet Socialist Republics\b|\bSoviets?\b"
                ),
                Alias("USSR", r"\bU\.?\s?S\.?\s?S\.?\s?R\b\.?", case_sensitive=True),
                Alias("Russia(n Federation)", r"\bRussia(?:ns?)?(?: Federation)?\b"),
                Alias("Moscow/Kremlin", r"\bMoscow\b|\bKremlin\b", why="the capital as metonymy"),
                Alias("Warsaw Pact", r"\bWarsaw (?:Pact|Treaty(?: Organi[sz]ation)?)\b", implicit=True,
                      years=(1955, 1991), why="the USSR led the Warsaw Treaty Organization, 1955–1991"),
            ),
            (r"\b(?:Ukrainian|Byelorussian|Belorussian) Soviet Socialist Republic",),
        ),
        "CHN": AliasSet(
            "CHN",
            (
                Alias("China/Chinese", r"\bChina\b|\bChinese\b"),
                Alias("People's Republic of China", r"\bPeople's Republic of China\b|\bPRC\b"),
                Alias("Beijing/Peking", r"\bBeijing\b|\bPeking\b", why="the capital as metonymy"),
            ),
            (r"\bIndo-?\s?Chin(?:a|ese)\b", r"\b(?:South|East) China Sea\b"),
        ),
        "GBR": AliasSet(
            "GBR",
            (
                Alias("United Kingdom", r"\bUnited Kingdom(?: of Great Britain and Northern Ireland)?\b"),
                Alias("UK", r"\bU\.\s?K\.|\bUK\b", case_sensitive=True),
                Alias("(Great) Britain/British", r"\b(?:Great )?Britain\b|\bBritish\b"),
                Alias("London", r"\bLondon\b", why="the capital as metonymy"),
                Alias("HM Government", r"\b(?:Her|His) Majesty's Government\b"),
            ),
            (r"\bBritish Columbia\b", r"\bLondon (?:Club|Convention|Declaration|Conference)\b"),
        ),
        "FRA": AliasSet(
            "FRA",
            (
                Alias("France/French", r"\bFrance\b|\bFrench\b"),
                Alias("Paris", r"\bParis\b", why="the capital as metonymy"),
            ),
            (
                r"\bFrench[- ]speaking\b",
                r"\bParis (?:Agreement|Accords?|Club|Peace|Principles|Declaration|Convention|Charter|Pact)"
                r"s?\b",
                r"\bCharter of Paris\b",
            ),
        ),
    }
)
"""Default alias sets by target code. Extend with ``ALIASES['USA'].extend(Alias(...))`` and
pass the result in ``aliases={'USA': ...}``."""


def resolve_aliases(
    target: str, aliases: Mapping[str, AliasSet] | None = None, implicit: bool = True
) -> AliasSet:
    """The alias set for ``target`` (user sets override the defaults); implicit ones optional."""
    table = {**ALIASES, **(aliases or {})}
    check_country(target, table, "target")
    chosen = table[target]
    return chosen if implicit else chosen.explicit_only()


def name_spans(text: str, year: int | None = None) -> list[tuple[int, int]]:
    """Spans of every non-evaluative P5 alias in ``text``: masked before lexicon scoring."""
    spans = []
    for s in ALIASES.values():
        spans += [(r.start, r.end) for r in find_references(text, s, year) if not r.alias.evaluative]
    return sorted(spans)
