"""Fast, hostile-text-safe scanning shared by the clinical recognizers.

Literal trigger words are scanned as one trie regex over an ASCII-lower-cased twin of the text
(same offsets); each recognizer's patterns are then tried only in a window around a hit, so a
1 MB line costs one pass instead of one case-insensitive scan per pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

from review_engine.errors import KnowledgeError


def trie_pattern(forms: list[str]) -> str:
    """One regex alternation of literal forms, factored as a trie ('lung|lungs|lobe' -> 'l(?:ung(?:s|)|obe)').

    Python's regex engine tries every branch of a flat alternation at every position; a trie makes
    a 1 MB text cost one branch per character, and keeps longest-first at each branch point.
    """
    return _word_trie(forms, "")


WORD_START, WORD_END = "(?<![A-Za-z0-9])", "(?![A-Za-z0-9])"


def literal_words(literals: list[str]) -> re.Pattern[str]:
    """Every literal, leftmost-longest, case-insensitive; Latin ones as whole words ("WT" is not inside
    "WT1", "no" is not inside "No2" or "Nox"). Built as a trie: a flat alternation of 58 literals cost
    1.1 us a character, trying each at every position. Shared by ConText's triggers and its cue lists."""
    forms = sorted({w.lower() for w in literals})
    latin = _word_trie([w for w in forms if w[0].isascii()], WORD_END)
    other = _word_trie([w for w in forms if not w[0].isascii()], "")
    branches = ([rf"{WORD_START}(?:{latin})"] if latin else []) + ([other] if other else [])
    return re.compile("|".join(branches), re.IGNORECASE)


def _word_trie(literals: list[str], end: str) -> str:
    """Lower-case ``literals`` as one regex: at each node the longer literals are tried first, and a
    literal ending there matches only where ``end`` holds (else the regex backtracks to a shorter one)."""
    root: dict[str, Any] = {}
    for literal in literals:
        node = root
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _word_node(root, end) if root else ""


def _word_node(node: dict[str, Any], end: str) -> str:
    branches = [re.escape(ch) + _word_node(child, end) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append(end)
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


_ASCII_CAPITALS = re.compile(r"[A-Z]+")


def lowered_same_offsets(text: str) -> str:
    """Lower-cased text with every character at its original offset.

    ``str.lower`` is fast but turns a few characters into two ('İ'); then only the ASCII capitals
    are lowered (``str.translate`` would keep offsets too, but is slow on non-ASCII text).
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return _ASCII_CAPITALS.sub(lambda m: m.group(0).lower(), text)


class TriggerScan:
    """Case-insensitive patterns tried only where one of their trigger words occurs.

    Python's regex engine scans a case-insensitive pattern (or one opening with a look-behind)
    position by position, which costs seconds on a 1 MB text once a recognizer has a dozen of
    them. A trie of lower-case literal trigger words is scanned fast on an ASCII-lower-cased twin
    of the text (same offsets); each pattern is then searched only in a window around a hit.
    Shared by the clinical recognizers (biomarkers, patient, report info).
    """

    # A trigger's first hits only: the most any of the 5,998 TCGA reports gives is 471 (a staging size trigger;
    # reports run to 36,000 characters); a hostile megabyte of one repeated trigger cost 5,000 anchored matches
    # per pattern and put the cervix inference at 0.9-1.1 CPU s, over the 1 s a 1 MB line may take (0.35-0.57 s
    # now).
    def __init__(self, text: str, max_hits: int = 2000) -> None:
        self.text = text
        self.lowered = lowered_same_offsets(text)
        self.max_hits = max_hits
        self._hits: dict[tuple[re.Pattern[str], bool], list[int]] = {}

    def hits(self, trigger: re.Pattern[str], original: bool = False) -> list[int]:
        """Where the trigger occurs: in the lower-cased twin, or in the text itself if ``original``."""
        key = (trigger, original)
        if key not in self._hits:
            text = self.text if original else self.lowered
            self._hits[key] = [m.start() for m in islice(trigger.finditer(text), self.max_hits)]
        return self._hits[key]

    def has(self, trigger: re.Pattern[str]) -> bool:
        """Whether the trigger occurs in the lower-cased twin (the first occurrence is enough)."""
        key = (trigger, False)
        return bool(self._hits[key]) if key in self._hits else trigger.search(self.lowered) is not None

    def matches(
        self,
        regex: re.Pattern[str],
        trigger: re.Pattern[str],
        back: int = 0,
        ahead: int = 400,
        limit: int = 500,
        original: bool = False,
    ) -> list[re.Match[str]]:
        """Non-overlapping matches of ``regex`` that start at most ``back`` characters before a hit."""
        found: list[re.Match[str]] = []
        for hit in self.hits(trigger, original):
            floor = found[-1].end() if found else 0
            match = self._match_before(
                regex, max(floor, hit - back), hit, min(len(self.text), hit + ahead)
            )
            if match:
                found.append(match)
                if len(found) >= limit:
                    break
        return found

    def _match_before(
        self, regex: re.Pattern[str], first: int, hit: int, end: int
    ) -> re.Match[str] | None:
        # At most back + 1 anchored attempts per hit: never a scan of the whole window.
        for start in range(first, hit + 1):
            match = regex.match(self.text, start, end)
            if match:
                return match
        return None


def trigger_regex(words: list[str]) -> re.Pattern[str]:
    """The fast scanner for a list of lower-case literal trigger words (one compiled object per
    word set, so patterns sharing triggers share one scan of the text)."""
    return _trigger_regex(tuple(sorted({str(w).lower() for w in words})))


@lru_cache(maxsize=256)
def _trigger_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(trie_pattern(list(words)))


def compile_pattern(source: str, where: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern read from a knowledge file; a bad one names that file."""
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise KnowledgeError(where, f"bad regex {source!r}: {exc}") from exc


@dataclass(frozen=True)
class TriggeredPattern:
    """A named, scored pattern from a knowledge file, tried only where one of its trigger words
    starts (``back``: how far before the trigger a match may begin)."""

    name: str
    score: float
    regex: re.Pattern[str]
    trigger: re.Pattern[str]
    back: int = 0

    @classmethod
    def from_spec(
        cls,
        spec: dict[str, Any],
        regex: re.Pattern[str],
        triggers: list[str] | None = None,
        default_score: float | None = None,
        **extra: Any,
    ) -> Any:
        """From a knowledge-file entry (name, score, triggers, back); ``regex`` compiled by the caller."""
        score = spec["score"] if default_score is None else spec.get("score", default_score)
        return cls(
            spec["name"],
            float(score),
            regex,
            trigger_regex(list(triggers or spec["triggers"])),
            int(spec.get("back", 0)),
            **extra,
        )

    def matches(self, scan: TriggerScan, limit: int) -> list[re.Match[str]]:
        return scan.matches(self.regex, self.trigger, back=self.back, limit=limit)
