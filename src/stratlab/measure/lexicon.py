"""Lexicon scoring of a short text: VADER's word valences plus a small domain lexicon.

Word lists (``lexicons/``, provenance and licences in ``lexicons/README.md``):

* ``vader_lexicon.txt`` — the VADER lexicon of Hutto & Gilbert (2014), 7,520 terms rated −4…+4,
  copied verbatim from the ``vaderSentiment`` 3.3.2 wheel on PyPI (MIT licence,
  ``VADER_LICENSE.txt``).
* ``vader_negate.txt`` — VADER 3.3.2's ``NEGATE`` word list (same licence).
* ``domain.tsv`` — written for stratlab: cooperation and threat vocabulary VADER lacks
  (``cooperation``, ``partnership``, ``imperialist``, ``hegemony``, ``encirclement`` …), and
  ``neutral`` overrides for VADER terms whose sign in UN debate follows the topic or a formula
  (``united`` in "United Nations", ``parties`` in "States parties", ``weapons``). A domain entry
  replaces VADER's value; multi-word entries (≤ 5 words) match before single words.

Scoring (a transparent subset of VADER's rules, Hutto & Gilbert 2014, ``vaderSentiment.py``):
tokens are lower-cased words (hyphen and apostrophe compounds kept whole, as VADER does);
tokens inside ``mask`` spans (state names) are skipped; a term's valence is multiplied by
``N_SCALAR = −0.74`` when one of the three tokens before it is a negator (VADER's window and
constant); negators carry no valence themselves. The sum ``s`` of valences becomes
``s / √(s² + 15)`` in (−1, 1) (VADER's ``normalize``, α = 15); no term → 0. Not used: VADER's
boosters, capitals, punctuation emphasis and "but" rule — UN records are not social media.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

N_SCALAR = -0.74
"""VADER 3.3.2's negation multiplier."""
NEGATION_WINDOW = 3
"""Tokens before a term searched for a negator (VADER 3.3.2)."""
ALPHA = 15.0
"""VADER's normalisation constant: score = s / √(s² + α)."""
MAX_PHRASE = 5

_TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


@dataclass(frozen=True)
class Lexicon:
    """Valences by term: ``words`` single tokens, ``phrases`` tuples of tokens; ``negators``."""

    words: dict[str, float]
    phrases: dict[tuple[str, ...], float]
    negators: frozenset[str]
    name: str


@dataclass(frozen=True)
class Hit:
    """A scored term: its text, its lexicon valence and the valence used (negation applied)."""

    term: str
    valence: float
    used: float
    negated: bool


def _read(name: str) -> str:
    return files("stratlab.measure").joinpath("lexicons", name).read_text(encoding="utf-8")


def read_vader() -> dict[str, float]:
    """VADER term → mean valence (the file's second column)."""
    out = {}
    for line in _read("vader_lexicon.txt").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            out[parts[0]] = float(parts[1])
    return out


def read_domain() -> dict[str, float]:
    """stratlab's domain terms → valence (``domain.tsv``; '#' lines are comments)."""
    out = {}
    lines = [ln for ln in _read("domain.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines[1:]:  # header: term, valence, kind, note
        term, valence = line.split("\t")[:2]
        out[term.lower()] = float(valence)
    return out


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """VADER with the domain lexicon laid over it."""
    negators = frozenset(w.strip() for w in _read("vader_negate.txt").splitlines() if w.strip())
    merged = {**read_vader(), **read_domain()}
    words = {t: v for t, v in merged.items() if " " not in t and t not in negators}
    phrases = {tuple(t.split()): v for t, v in merged.items() if " " in t}
    return Lexicon(words, phrases, negators, "vader-3.3.2+stratlab-domain")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, lower-case word)`` for every word of ``text``."""
    return [(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(text.replace("\u2019", "'"))]


def _negated(words: Sequence[str], i: int, negators: frozenset[str]) -> bool:
    return any(w in negators or w.endswith("n't") for w in words[max(0, i - NEGATION_WINDOW) : i])


def score_hits(
    text: str, mask: Sequence[tuple[int, int]] = (), lexicon: Lexicon | None = None
) -> tuple[float, list[Hit]]:
    """Normalised valence of ``text`` in (−1, 1) and the terms that made it.

    ``mask``: character spans (e.g. state names) whose tokens are not scored.
    """
    lex = default_lexicon() if lexicon is None else lexicon
    toks = tokens(text)
    words = [w for _, _, w in toks]
    live = [not any(a <= s and e <= b for a, b in mask) for s, e, _ in toks]
    hits: list[Hit] = []
    i = 0
    while i < len(toks):
        if not live[i]:
            i += 1
            continue
        size, valence = 1, lex.words.get(words[i])
        for n in range(min(MAX_PHRASE, len(toks) - i), 1, -1):
            phrase = tuple(words[i : i + n])
            if phrase in lex.phrases and all(live[i : i + n]):
                size, valence = n, lex.phrases[phrase]
                break
        if valence:
            neg = _negated(words, i, lex.negators)
            used = valence * N_SCALAR if neg else valence
            hits.append(Hit(" ".join(words[i : i + size]), valence, used, neg))
        i += size
    return normalise_score(sum(h.used for h in hits)), hits


def score(text: str, mask: Sequence[tuple[int, int]] = (), lexicon: Lexicon | None = None) -> float:
    """Normalised valence of ``text`` in (−1, 1): higher is friendlier (see the module doc)."""
    return score_hits(text, mask, lexicon)[0]


def normalise_score(total: float) -> float:
    return 0.0 if total == 0.0 else total / math.sqrt(total * total + ALPHA)
