"""Section detection: which part of the report (results, genes covered, VUS, ...) a span is in.

Headers and categories are data (``knowledge/nlp/sections.json``). A header is a short
line, or the start of a line before a colon, that begins with a known term after an
optional numbering prefix ("一、", "2.", "（三）"). A section runs to the next header, or
for list-like categories at most ``max_lines`` lines. A header OCR garbled ("Genes Wthut
Reportate Ateratons:") is matched word by word within a small edit distance, only as a whole
header line, never in body text; the section then carries the repair.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from review_engine.errors import KnowledgeError
from review_engine.nlp import knowledge_path, load_knowledge, require_keys
from review_engine.nlp.normalize.ocr_repair import edit_distance, fold_width

_FILE = "sections.json"
_GLOSS = re.compile(r"[(（][^)）]{0,40}[)）]")  # "检测结果（Results）": a translated header
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Section:
    category: str
    header: str
    start: int
    """Offset of the header's first character."""
    body_start: int
    """Offset just after the header (where the section's content starts)."""
    end: int
    repair: str | None = None
    """How the header was read where OCR garbled it, for the evidence of what its section decides."""


@dataclass(frozen=True)
class _FuzzyTerm:
    words: tuple[str, ...]
    category: str


@dataclass(frozen=True)
class _SectionRules:
    header: re.Pattern[str]
    categories_by_term: dict[str, str]
    max_header_chars: int
    max_lines: dict[str, int]
    rank: dict[str, int]
    suffixes: frozenset[str]
    inline_continues: frozenset[str]
    list_categories: frozenset[str]
    list_line: re.Pattern[str]
    list_forbid: re.Pattern[str]
    inline_lists: frozenset[str]
    fuzzy_head: re.Pattern[str]
    fuzzy_terms: dict[str, tuple[_FuzzyTerm, ...]]
    """Terms by their words' first letters ('gwra'): a garbled header keeps each word's first letter."""
    fuzzy_edits_per_char: float


@lru_cache(maxsize=1)
def _rules() -> _SectionRules:
    data = load_knowledge(_FILE)
    require_keys(_FILE, data, ("categories", "headers", "numbering_prefix", "max_header_chars", "max_lines", "rank"))
    allowed = set(data["categories"])
    by_term: dict[str, str] = {}
    for entry in data["headers"]:
        if entry["category"] not in allowed:
            raise KnowledgeError(str(knowledge_path(_FILE)), f"unknown category {entry['category']!r}")
        for term in entry["terms"]:
            by_term.setdefault(term.lower(), entry["category"])
    terms = sorted(by_term, key=len, reverse=True)  # longest first: "检测结果" before "结果"
    alternation = "|".join(_tolerant(t) for t in terms)
    header = re.compile(
        rf"{data['numbering_prefix']}(?P<term>{alternation})(?![A-Za-z])\s*(?P<colon>[:：])?", re.IGNORECASE
    )
    suffixes = frozenset(x.lower() for x in data.get("header_suffixes", []))
    fuzzy_spec = data.get("fuzzy_headers", {"head": "(?!)", "edits_per_char": 0.0, "min_words": 99, "min_chars": 0})
    fuzzy_terms: dict[str, tuple[_FuzzyTerm, ...]] = {}
    for term, category in by_term.items():
        if term.isascii() and len(term.split()) >= fuzzy_spec["min_words"] and len(term) >= fuzzy_spec["min_chars"]:
            fuzzy = _FuzzyTerm(tuple(term.split()), category)
            fuzzy_terms[_initials(fuzzy.words)] = (*fuzzy_terms.get(_initials(fuzzy.words), ()), fuzzy)
    return _SectionRules(header, by_term, data["max_header_chars"], data["max_lines"], data["rank"], suffixes,
                         frozenset(data.get("inline_continues", [])), frozenset(data.get("list_categories", [])),
                         re.compile(data.get("list_line", ".*")), re.compile(data.get("list_line_forbid", "(?!)")),
                         frozenset(data.get("inline_list_categories", [])),
                         re.compile(data["numbering_prefix"] + fuzzy_spec["head"]), fuzzy_terms, fuzzy_spec["edits_per_char"])


def _initials(words: tuple[str, ...]) -> str:
    return "".join(word[0] for word in words)


def _tolerant(term: str) -> str:
    """A header term as OCR prints it: any run of spaces where it has one ("Genes  Tested"),
    and an optional space between CJK characters ("检 测 结 果")."""
    parts = []
    for i, ch in enumerate(term):
        if ch.isspace():
            parts.append(r"\s+")
            continue
        if i and _CJK.match(ch) and _CJK.match(term[i - 1]):
            parts.append(r"[ \t]?")
        parts.append(re.escape(ch))
    return "".join(parts)


def _term_key(matched: str) -> str:
    """The vocabulary key of a matched header ("Genes  Tested" -> "genes tested", "检 测" -> "检测")."""
    key = _SPACES.sub(" ", matched.strip().lower())
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", key)


def section_rank(category: str | None) -> int:
    """How much a field found in this section is trusted relative to others (higher wins)."""
    rank = _rules().rank
    return rank.get(category or "none", rank.get("none", 0))


def detect_sections(text: str) -> list[Section]:
    """Sections of ``text`` in order; text before the first header belongs to none."""
    rules = _rules()
    heads: list[_Head] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        head = _header_in(line, rules)
        if head is not None:
            body, category, term, inline, repair = head
            stops = inline and category not in rules.inline_continues
            heads.append(_Head(pos, pos + body, category, term, pos + len(line) if stops else None, inline, repair))
        pos += len(line)
    return _close_sections(text, heads, rules)


@dataclass(frozen=True)
class _Head:
    start: int
    body: int
    category: str
    term: str
    inline_end: int | None
    inline: bool
    repair: str | None


def _header_in(line: str, rules: _SectionRules) -> tuple[int, str, str, bool, str | None] | None:
    """(body offset, category, term, inline, repair) of a header line; inline = 'term: value' on one
    line; repair says how a header OCR garbled was read (None for an exact header)."""
    # Full-width letters and colons ("ＲＥＳＵＬＴＳ：") fold one for one, so offsets hold.
    line = fold_width(line)
    match = rules.header.match(line)
    if match is None:
        return _fuzzy_header(line, rules)
    stripped = line.strip()
    # A short line is a header; a long line only when the term is followed by a colon
    # ("检测基因：EGFR, ALK, ...", "Diagnosis: adenocarcinoma").
    # A translated gloss does not make a header long ("Variants of uncertain significance (VUS)").
    if len(_GLOSS.sub("", stripped)) > rules.max_header_chars and not match.group("colon"):
        return None
    rest = _GLOSS.sub("", line[match.end():]).strip(" \t\r\n.-—:：")
    if len(rest) > 2 and rest.lower() not in rules.suffixes and not match.group("colon"):
        return None  # a sentence that merely starts with a header word
    term = match.group("term")
    return match.end(), rules.categories_by_term[_term_key(term)], term, bool(match.group("colon") and rest), None


def _fuzzy_header(line: str, rules: _SectionRules) -> tuple[int, str, str, bool, str | None] | None:
    """A header OCR garbled ('Genes Wthut Reportate Ateratons:'), read only where the whole line up
    to a colon (or its end) is the header's words, each within its edit allowance."""
    match = rules.fuzzy_head.match(line)
    if match is None or len(match.group("head")) > rules.max_header_chars:
        return None
    rest = line[match.end():].strip()
    if rest and not match.group("colon"):
        return None  # a sentence that starts with header-like words is body text
    read = _fuzzy_term(tuple(match.group("head").lower().split()))
    if read is None:
        return None
    distance, term = read
    head = match.group("head")
    repair = f"section header '{head}' read as '{' '.join(term.words)}' (OCR, {distance} edits)"
    return match.end(), term.category, head, bool(match.group("colon") and rest), repair


@lru_cache(maxsize=1024)  # a page repeats its header lines (running heads): each is weighed once
def _fuzzy_term(words: tuple[str, ...]) -> tuple[int, _FuzzyTerm] | None:
    """(edits, term) of the one category whose term these words are a garble of, else None."""
    rules = _rules()
    best: dict[str, tuple[int, _FuzzyTerm]] = {}
    for term in rules.fuzzy_terms.get(_initials(words), ()):  # each word keeps its first letter
        distance = _words_distance(words, term.words, rules.fuzzy_edits_per_char)
        if distance is not None and (term.category not in best or distance < best[term.category][0]):
            best[term.category] = (distance, term)
    if len(best) != 1:
        return None  # no term, or terms of two categories: the line stays unread
    distance, term = next(iter(best.values()))
    # every word exact: the exact header regex already decided it is no header here
    return (distance, term) if distance else None


def _words_distance(words: tuple[str, ...], term: tuple[str, ...], edits_per_char: float) -> int | None:
    """Total edits when each word is within ``edits_per_char`` of its term word's length; None otherwise."""
    if len(words) != len(term):
        return None
    total = 0
    for word, target in zip(words, term):
        limit = int(len(target) * edits_per_char)
        distance = 0 if word == target else edit_distance(word, target, limit)
        if distance > limit:
            return None
        total += distance
    return total


def _close_sections(text: str, heads: list[_Head], rules: _SectionRules) -> list[Section]:
    sections: list[Section] = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start if i + 1 < len(heads) else len(text)
        if head.inline_end is not None:
            end = min(end, head.inline_end)
        limit = rules.max_lines.get(head.category)
        if limit is not None:
            end = min(end, _after_lines(text, head.body, limit))
        # An inline list ("Negative Results: ALK, ROS1 (None detected)") runs on only over a
        # wrapped list: a gene list further down, under a header OCR lost, is not governed by it.
        if head.category in rules.list_categories or (head.inline and head.category in rules.inline_lists):
            end = _list_end(text, head.body, end, rules)
        sections.append(Section(head.category, head.term, head.start, head.body, end, head.repair))
    return sections


def _list_end(text: str, body: int, end: int, rules: _SectionRules) -> int:
    """Where a gene list stops: the first following line that is not a plain list of symbols."""
    line_end = text.find("\n", body)
    pos = end if line_end < 0 else line_end + 1  # the header's own line is part of the list
    while pos < end:
        nl = text.find("\n", pos)
        nl = end if nl < 0 or nl > end else nl
        if not rules.list_line.fullmatch(text, pos, nl) or rules.list_forbid.search(text, pos, nl):
            return pos
        pos = nl + 1
    return end


def governs_bare_list(text: str, section: Section, offset: int) -> bool:
    """Whether ``section``'s header reaches a gene at ``offset`` that sits on a bare list line
    (symbols only, no status word of its own): only when every line from the header down to
    that line is itself a plain list. A long run of symbols further down, after a table or a
    sentence, is a coverage list whose own header OCR lost, not the header's content."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    rules = _rules()
    if not rules.list_line.fullmatch(text, line_start, line_end) or rules.list_forbid.search(text, line_start, line_end):
        return True  # a table row or a sentence: the section default is the ordinary reading
    return _list_end(text, section.body_start, section.end, rules) > offset


def _after_lines(text: str, start: int, lines: int) -> int:
    """Offset after ``lines`` newlines counted from ``start`` (the header's own line counts as one)."""
    pos = start
    for _ in range(lines + 1):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos


class SectionIndex:
    """Finds the section of an offset in O(log n)."""

    def __init__(self, sections: list[Section]) -> None:
        self.sections = sections
        self._starts = [s.start for s in sections]

    def at(self, offset: int) -> Section | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        section = self.sections[i]
        return section if offset < section.end else None

    def category_at(self, offset: int) -> str | None:
        section = self.at(offset)
        return section.category if section else None
