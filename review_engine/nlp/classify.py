"""Document kind for kind='auto': genetic report, pathology report, imaging report or other.

Weighted keywords per kind are data (``knowledge/nlp/classify.json``); each distinct term
counts once, so a long report does not outvote a short one by repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from review_engine.nlp import load_knowledge, require_keys
from review_engine.nlp.recognizers.scan import lowered_same_offsets, trie_pattern

_FILE = "classify.json"


@dataclass(frozen=True)
class KindVote:
    kind: str
    score: float
    terms: tuple[str, ...]
    """The terms that voted, for the explanation."""


# Characters Python's case-insensitive matching equates with an ASCII letter, and that letter
# (tests/nlp/test_classify_language.py derives the set from the regex engine). The lower-case twin
# the terms are found in holds the letter in their place.
_CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
_ASCII_OF = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


@dataclass(frozen=True)
class _KindTerms:
    pattern: re.Pattern[str]
    """the terms, longest first, matched case-insensitively"""
    lowered: re.Pattern[str] | None
    """the same terms as a trie over the lower-case twin, when every term is ASCII or caseless"""
    weights: dict[str, float]


@lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, _KindTerms], float]:
    data = load_knowledge(_FILE)
    require_keys(_FILE, data, ("min_score", "kinds"))
    compiled = {}
    for kind, terms in data["kinds"].items():
        lowered = {t.lower(): float(w) for t, w in terms.items()}
        alternation = "|".join(re.escape(t) for t in sorted(lowered, key=len, reverse=True))
        trie = re.compile(trie_pattern(sorted(lowered))) if all(map(_ascii_or_caseless, "".join(lowered))) else None
        compiled[kind] = _KindTerms(re.compile(alternation, re.IGNORECASE), trie, lowered)
    return compiled, float(data["min_score"])


def _ascii_or_caseless(ch: str) -> bool:
    return ch.isascii() or ch.lower() == ch.upper() == ch


def vote(text: str) -> list[KindVote]:
    """Score of every kind, best first."""
    kinds, _ = _kinds()
    lowered = _lowered_twin(text)
    votes = []
    for kind, terms in kinds.items():
        found = terms.pattern.finditer(text) if terms.lowered is None else terms.lowered.finditer(lowered)
        matched = tuple(sorted({m.group().lower() for m in found}))
        votes.append(KindVote(kind, sum(terms.weights[t] for t in matched), matched))
    return sorted(votes, key=lambda v: v.score, reverse=True)


def _lowered_twin(text: str) -> str:
    """``text`` lower-cased at the same offsets, each character case-insensitive matching equates with an
    ASCII letter read as that letter: the terms' trie finds there, leftmost-longest, what their
    case-insensitive alternation finds in ``text`` (5x faster)."""
    if _CASE_ODD.search(text):
        text = _CASE_ODD.sub(lambda m: _ASCII_OF[m.group()], text)
    return lowered_same_offsets(text)


def classify_document(text: str) -> str:
    """'genetic_report', 'pathology_report', 'imaging_report' or 'other'."""
    _, min_score = _kinds()
    votes = vote(text)
    return votes[0].kind if votes and votes[0].score >= min_score else "other"
