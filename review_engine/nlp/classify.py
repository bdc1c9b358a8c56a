"""Document kind for kind='auto': genetic report, pathology report, imaging report or other.

Weighted keywords per kind are data (``knowledge/nlp/classify.json``); each distinct term
counts once, so a long report does not outvote a short one by repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from review_engine.nlp import load_knowledge, require_keys

_FILE = "classify.json"


@dataclass(frozen=True)
class KindVote:
    kind: str
    score: float
    terms: tuple[str, ...]
    """The terms that voted, for the explanation."""


@lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, tuple[re.Pattern[str], dict[str, float]]], float]:
    data = load_knowledge(_FILE)
    require_keys(_FILE, data, ("min_score", "kinds"))
    compiled = {}
    for kind, terms in data["kinds"].items():
        lowered = {t.lower(): float(w) for t, w in terms.items()}
        alternation = "|".join(re.escape(t) for t in sorted(lowered, key=len, reverse=True))
        compiled[kind] = (re.compile(alternation, re.IGNORECASE), lowered)
    return compiled, float(data["min_score"])


def vote(text: str) -> list[KindVote]:
    """Score of every kind, best first."""
    kinds, _ = _kinds()
    votes = []
    for kind, (pattern, weights) in kinds.items():
        terms = tuple(sorted({m.group().lower() for m in pattern.finditer(text)}))
        votes.append(KindVote(kind, sum(weights[t] for t in terms), terms))
    return sorted(votes, key=lambda v: v.score, reverse=True)


def classify_document(text: str) -> str:
    """'genetic_report', 'pathology_report', 'imaging_report' or 'other'."""
    _, min_score = _kinds()
    votes = vote(text)
    return votes[0].kind if votes and votes[0].score >= min_score else "other"
