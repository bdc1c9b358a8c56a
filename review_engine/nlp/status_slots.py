"""A change's status slot read where OCR garbled its words, so that no ConText literal matches them.

The slot is the words right after a change or gene on its row (its cell, or the words that follow it)
and the words right before it ('未检测到EGFR ...'). Where OCR broke them ('Neguatve', '未检侧到',
'not  detected', 'Nega' + line break + 'tive', '阴j性') the change kept the default 'detected'. The slot's
candidate words (whole Latin words; any run of Chinese characters) are compared with the status literals:

- the literal's letters with spacing lost, doubled or split over a line break: read as the literal;
- one edit from non-positive literals that agree (both long enough) and from no positive one: read as it;
- words that affirm (a positive literal or an affirming word inside them: '末检测到', 'Nat detected') are
  read as a negative only through one known OCR confusion of a letter ('末' for '未'), never by a
  deletion: '检出突变' is no garbled '未检出突变', nor 'mutation detected' a garbled 'no mutation detected';
- otherwise a few edits from a non-positive literal (a Latin one with the same first letter: 'relative'
  is a word of its own) and no positive literal nearer: the words cannot be read, and the change
  becomes indeterminate (a person looks), never 'detected'.

Every reading names the words and the literal, for the finding's evidence. The scan is bounded (a slot
holds at most ``max_chars`` characters, a candidate at most the longest literal plus two letters), so a
hostile line costs time linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from review_engine.nlp.normalize.ocr_repair import (
    edit_distance,
    edit_distance_at_most_one,
    fold_width,
)

_JUDGED_CACHE = 8192  # distinct candidate words whose reading is remembered (a bound for hostile text)

_LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters, Latin or Chinese (one character class: linear)
_OPENS_BEFORE = re.compile(r"[(（][^()（）\n]{0,40}$")  # the slot starts inside a bracket ...
_CLOSES_AFTER = re.compile(r"[^()（）\n]{0,40}[)）]")  # ... that closes on its line
_SOFT_GAP = re.compile(r" {1,2}|-|'")  # what may stand inside status words ('not  detected', 'wild-type')


def is_cjk(ch: str) -> bool:
    """A Chinese character (words have no spaces there, so any character may end one)."""
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def normal(words: str) -> str:
    """Letters only, folded and lower-cased: what two spellings of one status share."""
    return "".join(ch.lower()[0] for ch in fold_width(words) if ch.isalpha())


@dataclass(frozen=True)
class SlotReading:
    """What a status slot's words were read as."""

    start: int
    end: int
    literal: str
    """the literal the words were read as, or the one they are closest to"""
    readable: bool
    """False: close to a non-positive literal but not readable (the change becomes indeterminate)"""
    repair: str
    """how the words were read, for the evidence"""


@dataclass(frozen=True)
class _Literal:
    text: str
    status: str
    norm: str
    cjk: bool


@dataclass(frozen=True)
class _Candidate:
    distance: int
    literal: _Literal
    readable: bool


@dataclass
class _Stream:
    """The letters of a slot with their offsets, and where a candidate may start and end."""

    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    starts: set[int] = field(default_factory=set)
    ends: set[int] = field(default_factory=set)

    def add_run(self, text: str, start: int, end: int, starts: bool, ends: bool) -> None:
        """Append the letters of ``text[start:end]``; a Chinese run may start (``starts``) or end (``ends``)
        a candidate at any character, a Latin word only at its edges."""
        first = len(self.chars)
        run = "".join(ch.lower()[0] for ch in fold_width(text[start:end]))  # one letter for one: offsets hold
        cjk = any(is_cjk(ch) for ch in run)
        self.chars.extend(run)
        self.offsets.extend(range(start, end))
        if starts:
            self.starts.update(range(first, first + len(run)) if cjk else (first,))
        if ends:
            self.ends.update(range(first + 1, first + len(run) + 1) if cjk else (first + len(run),))

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.offsets[i], self.offsets[j - 1] + 1


class StatusSlots:
    """The status literals and the ``status_slots`` rules of ``context_rules.json``, compiled once."""

    def __init__(self, literals: dict[str, str], config: dict[str, Any], known_values: re.Pattern[str],
                 confusions: dict[str, str], leading: set[str], cell_gap: re.Pattern[str] | None = None) -> None:
        self.max_chars = int(config["max_chars"])
        self.max_phrases = int(config["max_phrases"])
        self.stops = frozenset(config["stop"])
        self.one_edit_min: dict[str, int] = config["one_edit_min_length"]
        self.near: dict[str, Any] = config["near"]
        self.positive_status: str = config["positive_status"]
        self.known_values = known_values
        self.cell_gap = cell_gap
        """a table's cell gap (``table_cells`` separator): no candidate's letters span one"""
        self.confusions = confusions
        self.leading = frozenset(normal(w) for w in leading)
        """literals (normalised) that reach a change after them: only these are read before a change"""
        minimum = config["min_literal_length"]
        self.by_length: dict[int, list[_Literal]] = {}
        for text, status in literals.items():
            norm = normal(text)
            lit = _Literal(text, status, norm, any(is_cjk(ch) for ch in norm))
            if len(norm) >= minimum["cjk" if lit.cjk else "latin"]:
                self.by_length.setdefault(len(norm), []).append(lit)
        everything = [lit for group in self.by_length.values() for lit in group]
        self.exact = {lit.norm: lit for lit in everything}
        self.positive = [lit for lit in everything if lit.status == self.positive_status]
        self.plain_words = frozenset(w.lower() for w in config["plain_words"])
        self.affirming = tuple(normal(w) for w in config["affirming_words"]) + tuple(lit.norm for lit in self.positive)
        self.longest = max(self.by_length) + 2
        # Reports repeat their status words on every row ('阴性', '突变'): each is judged once.
        self._judged = lru_cache(maxsize=_JUDGED_CACHE)(self._judge)

    def after(self, text: str, start: int, stop: int, filled: tuple[int, int] | None) -> SlotReading | None:
        """The reading of the slot after a change ending at ``start``: up to ``stop`` (the next change, the
        line's end); no candidate starts after ``filled`` (the span of a status literal the rules read)."""
        if filled is not None and filled[0] == self._gap_end(text, start, min(stop, start + self.max_chars), 0, True)[0] \
                and not self._continues(text, filled[1], stop):
            return None  # the slot holds a whole status literal first ('阴性', 'Negative (0%)'): nothing to read
        stream = self._tail_stream(text, start, stop)
        if filled is not None:
            stream.starts = {i for i in stream.starts if stream.offsets[i] <= filled[0]}
        return self._read(text, stream, lead=False)

    def holds_only(self, text: str, start: int, stop: int, span: tuple[int, int]) -> bool:
        """Whether the slot after a change ending at ``start`` (up to ``stop``) holds the words ``span`` first,
        and no other words follow on the row before a stop character ('KRAS G12C no mutation', not
        'L858R negative for T790M')."""
        line_end = _line_end(text, start)
        if span[0] != self._gap_end(text, start, min(stop, start + self.max_chars, line_end), 0)[0]:
            return False
        rest = min(line_end, span[1] + self.max_chars)  # past ``stop`` too: another change after it is a word
        return self._gap_end(text, span[1], rest, 0)[0] == rest

    def before(self, text: str, end: int, floor: int) -> SlotReading | None:
        """The reading of the words right before a change or gene starting at ``end`` (back to ``floor``)."""
        return self._read(text, self._lead_stream(text, end, floor), lead=True)

    def first_phrase(self, text: str, start: int, stop: int) -> tuple[int, int] | None:
        """The span of the first phrase in the slot after a change ending at ``start`` (up to ``stop``, a stop
        character, the line's end or ``max_chars``): the words a status would stand in ('检出', 'mutation')."""
        stop = min(stop, start + self.max_chars, _line_end(text, start))
        depth = 1 if _OPENS_BEFORE.search(text, max(0, start - 40), start) and _CLOSES_AFTER.match(text, start, stop) else 0
        runs, _ = self._phrase(text, self._gap_end(text, start, stop, depth)[0], stop)
        return (runs[0][0], runs[-1][1]) if runs else None

    def run_before(self, text: str, end: int, floor: int) -> tuple[int, int] | None:
        """The span of the letters right before a change or gene starting at ``end`` (spaces or a colon between,
        back to ``floor`` and at most ``max_chars``): '检出' in '检出EGFR L858R突变'."""
        line_start = text.rfind("\n", 0, end) + 1
        inside = [at for at in self._lead_stream(text, end, floor).offsets if at >= line_start]
        return (inside[0], inside[-1] + 1) if inside else None

    # ------------------------------------------------------------------ the slot's letters

    def _tail_stream(self, text: str, start: int, stop: int) -> _Stream:
        line_end = _line_end(text, start)
        stop = min(stop, start + self.max_chars, line_end)
        stream, pos = _Stream(), start
        depth = 1 if _OPENS_BEFORE.search(text, max(0, start - 40), start) and _CLOSES_AFTER.match(text, start, stop) else 0
        for _ in range(self.max_phrases):
            pos, depth = self._gap_end(text, pos, stop, depth, past_codes=True)
            runs, pos = self._phrase(text, pos, stop)
            if not runs:
                break
            head = len(stream.chars)
            for a, b in runs:
                stream.add_run(text, a, b, starts=False, ends=True)
            stream.starts.add(head)
            stream.starts |= self._after_known_values(text, stream, head)
            if pos == line_end:
                self._join_next_line(text, stream, line_end)  # 'Nega' + line break + 'tive'
                break
        return stream

    def _lead_stream(self, text: str, end: int, floor: int) -> _Stream:
        line_start = text.rfind("\n", 0, end) + 1
        floor = max(floor, line_start, end - self.max_chars)
        back = end
        while back > floor and text[back - 1] in " :：\t":
            back -= 1
        runs: list[tuple[int, int]] = []
        pos = back
        while (run := _letters_before(text, floor, pos)) is not None:
            runs.insert(0, run)
            pos = _soft_gap_before(text, floor, run[0])
            if pos == run[0]:
                break
        stream = _Stream()
        if not runs or runs[-1][1] != back:
            return stream
        if runs[0][0] == line_start and line_start > 0:
            previous = _letters_before(text, max(0, line_start - 1 - self.max_chars), line_start - 1)
            if previous is not None and previous[1] == line_start - 1:  # '未检' + line break + '测到EGFR'
                stream.add_run(text, *previous, starts=True, ends=False)
        for a, b in runs:
            stream.add_run(text, a, b, starts=True, ends=False)
        stream.ends = {len(stream.chars)}
        return stream

    def _gap_end(self, text: str, pos: int, stop: int, depth: int, past_codes: bool = False) -> tuple[int, int]:
        """Where the next letters start after ``pos`` (``stop`` where a stop character comes first), and the
        bracket depth there. Between a change and its status words anything else may stand: spaces, cell gaps,
        digits, '23.5%' (a full stop before a digit), and brackets, inside which a stop ends nothing
        ('20号外显子插入突变（20-Ins，3种） 野生型', a change read inside the bracket too). ``past_codes``: the
        letters of a code are no words either, where a status is looked for: a transcript 'NM_006218.4', a depth
        '2000x' ('NM_006218.4 Mutation detected' was read as a garbled 'no mutation detected'). Not where words
        after a literal are looked for: another change after it ('negative for T790M') is a word there."""
        k = pos
        while k < stop:
            ch = text[k]
            if ch.isalpha():
                code_end = _code_letters_end(text, k, stop) if past_codes else None
                if code_end is None:
                    return k, depth
                k = code_end
                continue
            depth = max(0, depth + (ch in "(（[【") - (ch in ")）]】"))
            if depth == 0 and ch in self.stops and not (ch == "." and k + 1 < stop and text[k + 1].isdigit()):
                return stop, depth
            k += 1
        return stop, depth

    def _continues(self, text: str, pos: int, stop: int) -> bool:
        """Whether the words at ``pos`` run on (a letter, or a soft gap and a letter: 'no mutatlon')."""
        if pos >= stop:
            return False
        gap = _SOFT_GAP.match(text, pos, stop)
        return text[pos].isalpha() or (gap is not None and gap.end() < stop and text[gap.end()].isalpha())

    def _phrase(self, text: str, pos: int, stop: int) -> tuple[list[tuple[int, int]], int]:
        """The runs of letters from ``pos`` joined by soft gaps (Latin to Latin, Chinese to Chinese: 'E 阴性'
        is a change's last letter and a status), and where the phrase ends."""
        runs = []
        while (match := _LETTERS.match(text, pos, stop)) is not None:
            runs.append((match.start(), match.end()))
            pos = match.end()
            gap = _SOFT_GAP.match(text, pos, stop)
            if gap is None or gap.end() >= stop or not text[gap.end()].isalpha() \
                    or is_cjk(text[pos - 1]) != is_cjk(text[gap.end()]):
                break
            pos = gap.end()
        return runs, pos

    def _after_known_values(self, text: str, stream: _Stream, head: int) -> set[int]:
        """Start points after a column value a phrase opens with ('突变' in '突变阴往', 'mutation Negatve')."""
        out = set()
        for end in (e for e in stream.ends if head < e < len(stream.chars)):
            a, b = stream.span(head, end)
            if self.known_values.fullmatch(" ".join(text[a:b].lower().split())):
                out.add(end)
        return out

    def _join_next_line(self, text: str, stream: _Stream, line_end: int) -> None:
        """The next line's first words continue the slot's last ones (never start a candidate)."""
        if line_end + 1 < len(text):
            nxt = line_end + 1
            runs, _ = self._phrase(text, nxt, min(nxt + self.max_chars, _line_end(text, nxt)))
            for a, b in runs:
                stream.add_run(text, a, b, starts=False, ends=True)

    # ------------------------------------------------------------------ reading the letters

    def _read(self, text: str, stream: _Stream, lead: bool) -> SlotReading | None:
        """The best reading of the stream's candidates: agreeing readable ones first, then the nearest
        unreadable one; readable ones that disagree on the status are unreadable together."""
        found: list[tuple[int, int, int, int, _Candidate]] = []
        ends = sorted(stream.ends)
        walls = self._walls(text, stream)
        for i in sorted(stream.starts):
            wall = walls[bisect_right(walls, i)] if bisect_right(walls, i) < len(walls) else len(stream.chars)
            for j in ends:
                if i < j <= min(i + self.longest, wall):
                    start, end = stream.span(i, j)
                    judged = self._judged("".join(stream.chars[i:j]), " ".join(text[start:end].lower().split()))
                    if judged is not None and (not lead or judged.literal.norm in self.leading):
                        found.append((judged.distance, i - j, i, j, judged))
        readable = [f for f in found if f[4].readable]
        if readable:
            best = min(readable, key=lambda f: f[:4])
            agree = len({f[4].literal.status for f in readable}) == 1
            return self._reading(text, stream, best, readable=agree)
        if found:
            return self._reading(text, stream, min(found, key=lambda f: f[:4]), readable=False)
        return None

    def _walls(self, text: str, stream: _Stream) -> list[int]:
        """Where a table cell's gap stands between two of the stream's letters (a tab, a '|', a wide gap of
        spaces that is no soft gap): no candidate spans it. 'NM' of a transcript cell and the 'Mutation
        detected' cell were read together as a garbled 'no mutation detected', so the change became
        indeterminate."""
        if self.cell_gap is None:
            return []
        walls = []
        for k in range(1, len(stream.chars)):
            gap = text[stream.offsets[k - 1] + 1 : stream.offsets[k]]
            if gap and "\n" not in gap and self.cell_gap.search(gap) and not _SOFT_GAP.fullmatch(gap):
                walls.append(k)
        return walls

    def _reading(self, text: str, stream: _Stream, found: tuple, readable: bool) -> SlotReading:
        distance, _, i, j, candidate = found
        start, end = stream.span(i, j)
        words, literal = " ".join(text[start:end].split()), candidate.literal.text
        how = _how(text[start:end], distance)
        if readable:
            return SlotReading(start, end, literal, True, f"status words '{words}' read as '{literal}' ({how})")
        return SlotReading(start, end, literal, False,
                           f"status words '{words}' are close to '{literal}' but not readable -> indeterminate")

    def _judge(self, cand: str, words: str) -> _Candidate | None:
        """How one candidate (its letters ``cand``, its ``words`` lower-cased with single spaces) reads, or
        None when it gives no evidence of a non-positive status."""
        exact = self.exact.get(cand)
        if exact is not None:
            return None if exact.status == self.positive_status else _Candidate(0, exact, True)
        if self.known_values.fullmatch(words):
            return None
        cjk = any(is_cjk(ch) for ch in cand)
        if any(word in cand for word in self.affirming):
            # Chinese: '本次检测到' is one edit from '未检测到' too; Latin words one edit off ('Nowt detected')
            # are no positive phrase, unless they open with a plain word ('now detected'): unreadable
            if cjk or words.split()[0] in self.plain_words:
                return self._confused(cand)
            return self._confused(cand) or self._near(cand, cjk, limit=1)
        one = [lit for n in (len(cand) - 1, len(cand), len(cand) + 1) for lit in self.by_length.get(n, ())
               if edit_distance_at_most_one(cand, lit.norm)]
        minimum = self.one_edit_min["cjk" if cjk else "latin"]
        statuses = {lit.status for lit in one}
        if len(statuses) == 1 and self.positive_status not in statuses and len(cand) >= minimum \
                and all(len(lit.norm) >= minimum for lit in one):
            return _Candidate(1, one[0], True)
        return self._near(cand, cjk)

    def _confused(self, cand: str) -> _Candidate | None:
        """An affirming candidate, read as a non-positive literal only by one known OCR confusion."""
        for lit in self.by_length.get(len(cand), ()):
            if lit.status == self.positive_status:
                continue
            diff = [k for k, (a, b) in enumerate(zip(lit.norm, cand)) if a != b]
            if len(diff) == 1 and cand[diff[0]] in self.confusions.get(lit.norm[diff[0]], ""):
                return _Candidate(1, lit, True)
        return None

    def _near(self, cand: str, cjk: bool, limit: int | None = None) -> _Candidate | None:
        """The nearest non-positive literal within the near limit (or ``limit``), no positive one nearer."""
        if len(cand) < self.near["min_candidate"]["cjk" if cjk else "latin"]:
            return None
        best: tuple[int, _Literal] | None = None
        cap = int(self.near["cjk_edits"] if cjk else self.near["latin_max_edits"])
        for n in range(len(cand) - cap, len(cand) + cap + 1):
            for lit in self.by_length.get(n, ()):
                if lit.status == self.positive_status or lit.cjk != cjk:
                    continue
                if not cjk and (n < self.near["latin_min_literal"] or (limit is None and lit.norm[0] != cand[0])):
                    continue  # Latin: a word that starts otherwise is another word ('relative', 'was identified')
                most = limit or min(cap, max(1, int(n * float(self.near["latin_fraction"]))) if not cjk else cap)
                distance = edit_distance(cand, lit.norm, most)
                if distance <= most and (best is None or distance < best[0]):
                    best = (distance, lit)
        if best is None or any(edit_distance(cand, p.norm, best[0]) < best[0] for p in self.positive):
            return None  # nearer a positive literal: no evidence of a negative ('明性' is as near both: unreadable)
        return _Candidate(best[0], best[1], False)


def _how(words: str, distance: int) -> str:
    if "\n" in words:
        return "split across a line break"
    if distance:
        return "OCR edit"
    return "full-width letters" if fold_width(words) != words else "spacing"


_LATIN_RUN = re.compile(r"[A-Za-z]+")
_CODE_REACH = 24  # how far a code's characters are looked for around its letters (a bound for hostile text)


def _code_letters_end(text: str, at: int, stop: int) -> int | None:
    """Where the Latin letters at ``at`` end when they are part of a code: letters, digits, '_' and '.' holding an
    underscore or two digits ('NM_006218.4', '2000x', 'rs1234'). None for a word, for one OCR'd digit inside a word ('N0t
    detected', 'Neg4tive': the garbled word is still read) and for Chinese letters ('1523阴性' is a status)."""
    match = _LATIN_RUN.match(text, at, stop)
    if match is None:
        return None
    first = at
    while first > max(0, at - _CODE_REACH) and _in_code(text[first - 1]):
        first -= 1
    last = match.end()
    while last < min(len(text), match.end() + _CODE_REACH) and _in_code(text[last]):
        last += 1
    token = text[first:last]
    code = "_" in token or sum(ch.isdigit() for ch in token) >= 2
    return match.end() if code else None


def _in_code(ch: str) -> bool:
    """A character a code is written with ('NM_006218.4', 'rs1234'); a bracket or a space ends it."""
    return ch.isascii() and (ch.isalnum() or ch in "_.")


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _letters_before(text: str, floor: int, pos: int) -> tuple[int, int] | None:
    """The run of letters ending at ``pos`` (from ``floor`` on), or None."""
    start = pos
    while start > floor and text[start - 1].isalpha():
        start -= 1
    return (start, pos) if start < pos else None


def _soft_gap_before(text: str, floor: int, pos: int) -> int:
    """Where a soft gap (one or two spaces, a hyphen) ending at ``pos`` starts after letters; else ``pos``."""
    for gap in ("  ", " ", "-", "'"):
        start = pos - len(gap)
        if start - 1 >= floor and text[start:pos] == gap and text[start - 1].isalpha():
            return start
    return pos
