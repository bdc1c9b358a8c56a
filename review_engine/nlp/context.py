"""ConText: a variant's status (detected, not detected, VUS, indeterminate) and origin from nearby words.

Rules are data (``knowledge/nlp/context_rules.json``), medspaCy style: a trigger literal, a
category, a direction, a scope in characters on the same line, the strings that end the
scope, and whether the scope may pass over another gene (list negations may; "KRAS 野生型"
may not). One table maps categories to attributes; a section default ("未检测到突变的基因")
applies when no rule fires. The nearest applicable trigger wins; every decision is recorded
on the mention (``attrs['context']``) so the finding can say why. A table cell OCR garbled one edit from
a status literal ('Negatve') is read as it, the repair in the evidence; a kit row's status cell no rule
can read leaves its change indeterminate, never the default 'detected' (``table_cells`` in the rules).
A change's status slot (the words right after it on its row, or right before it) that OCR garbled in
running text too ('EGFR T790M 未检侧到', 'Neguatve', 'not  detected') is read by ``status_slots``: as
the literal where that is safe, otherwise as unreadable, which leaves the change indeterminate.
The words that decided a change's status (its trigger, cell, slot or section header; for a change left
'detected' by default, the words after and before it) are recorded on the mention (``status_span``), so
the finding's evidence can show them with their OCR confidence (``status_evidence``).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from review_engine.errors import KnowledgeError
from review_engine.nlp import knowledge_path, load_knowledge, require_keys
from review_engine.nlp.assay import immunostain
from review_engine.nlp.mentions import Mention, replace_mention
from review_engine.nlp.named_changes import NamedChanges
from review_engine.nlp.normalize.ocr_repair import one_edit_from
from review_engine.nlp.recognizers import variant_config
from review_engine.nlp.recognizers.scan import WORD_END, WORD_START, literal_words
from review_engine.nlp.sections import Section, SectionIndex, governs_bare_list
from review_engine.nlp.status_slots import SlotReading, StatusSlots
from review_engine.nlp.status_time import Dated, StatusTime
from review_engine.nlp.table_status import RowChange, TableStatus

_FILE = "context_rules.json"
# The category of a status word that speaks of a group of patients ('RAS野生型患者'): ``population_statements``.
_POPULATION = "POPULATION"
_ALLOWED_KEYS = {"literal", "category", "direction", "max_scope", "terminated_by", "crosses_targets", "applies_to_lists"}
# A plain gene list: symbols, digits, separators and brackets, the exons they share ('KRAS/NRAS exons 2, 3 and
# 4:', 'KRAS/NRAS 第2、3、4号外显子'), and words that say the result is all of theirs ('KRAS、NRAS、BRAF 均未检测到
# 突变', '基因均为野生型': KRAS and NRAS were read as nothing), and the kind words of listed results ('MET、ERBB2扩增：
# 阴性', 'ALK、ROS1融合及MET扩增：阴性': MET was read as nothing, ALK and ROS1 as detected by default). Each
# alternative starts with its own characters: linear time.
_GENE_LIST = re.compile(r"(?:[A-Z0-9\-\s,，、/()（）:：第号均都皆为及和或]|exons?|and|or|all|both|genes?|外显子|基因|扩增|融合|突变|"
                        r"amplifications?|fusions?|mutations?)*")
_BRACKETED = re.compile(r"[(（][^()（）]{0,40}[)）]")
_SPACES_AFTER = re.compile(r"\s*")
# A target inside brackets ("（20-ins，3种） 野生型"): the rest of its bracket ends nothing either.
_OPENS_BEFORE = re.compile(r"[(（][^()（）]{0,40}$")
_CLOSES_AFTER = re.compile(r"^[^()（）]{0,40}[)）]")
_REQUIRED_KEYS = {"literal", "category", "direction", "max_scope"}
_DIRECTIONS = {"forward", "backward", "bidirectional"}
_SLOT_KEYS = ("max_chars", "max_phrases", "stop", "positive_status", "unreadable_category", "min_literal_length",
              "one_edit_min_length", "near", "plain_words", "affirming_words", "exact_only")
TARGET_FIELDS = ("variant", "gene")
_NUMBER_SEPARATORS = {".", ","}  # inside a number they end nothing (``_terminators``)
_OTHER_WORD_REACH = 12  # 'EGFR 其他突变', 'EGFR other': an 'other' word this close after a gene qualifies it
_CUE_CACHE = 4096  # distinct table cells whose reading is remembered (a bound for hostile text)


@dataclass(frozen=True)
class ContextRule:
    literal: str
    category: str
    direction: str
    max_scope: int
    terminated_by: tuple[str, ...] = ()
    crosses_targets: bool = False
    applies_to_lists: bool = False


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    rule: ContextRule
    repair: str | None = None
    """how a garbled table cell was read as the rule's literal ("status cue 'Negatve' read as 'negative'")"""
    cell: bool = False
    """the trigger fills a table cell: it answers for its row"""


@dataclass(frozen=True)
class _LineLayout:
    """A line's end and, sorted, where its changes and genes start (``edges``), where they end, and the
    spans of its status literals."""

    end: int
    edges: list[int]
    ends: list[int]
    status: list[tuple[int, int]]

    @staticmethod
    def next(positions: list[int], at: int, default: int) -> int:
        """The first position at or after ``at``, else ``default``."""
        index = bisect_left(positions, at)
        return positions[index] if index < len(positions) else default

    @staticmethod
    def last(positions: list[int], at: int, default: int) -> int:
        """The last position at or before ``at``, else ``default``."""
        index = bisect_right(positions, at)
        return positions[index - 1] if index else default


@dataclass(frozen=True)
class _StatusWords:
    """The words that decided a change's status (offsets into the text) and what read them as it; ``lead``:
    the letters right before a change left 'detected' by default, where a dropped '未' would have stood."""

    start: int
    end: int
    how: str
    lead: tuple[int, int] | None = None

    def attrs(self) -> dict[str, Any]:
        """The mention attributes the assembler reads (``mentions.OFFSET_ATTRS`` lists the offsets)."""
        out: dict[str, Any] = {"status_span": (self.start, self.end), "status_how": self.how}
        if self.lead is not None:
            out["status_lead"] = self.lead
        return out


@dataclass(frozen=True)
class _ValuePairs:
    """``value_pairs`` rules: what makes a change a key with its own value (a colon or bracket, or its own result
    word after it), what stands between a change and its value, and what may follow a change with no value."""

    own: re.Pattern[str]
    value_gap: re.Pattern[str]
    no_value: re.Pattern[str]


@dataclass(frozen=True)
class _LineValues:
    """A line's triggers that are a change's own value, by span, with the end of the change they belong to; and
    the first of them that is a status (for the change after it that has none: 'EGFR L858R：阴性，T790M')."""

    owners: dict[tuple[int, int], int]
    first: Trigger | None


@dataclass(frozen=True)
class _Around:
    """What the rest of a change's line and of the text say of it: notes on words of an earlier result and the
    words that disagree (``_in_time``, ``_disagreeing``), and where the next change or gene starts."""

    time_notes: list[str]
    disagreeing: list[tuple[Trigger, str]]
    following: int
    others_value: Trigger | None = None
    """a status before the change that is another change's own value ('EGFR L858R：阴性，T790M': '阴性' is L858R's)"""


@dataclass(frozen=True)
class _Target:
    index: int
    start: int
    end: int
    gene: str | None
    gene_start: int
    gene_end: int
    whole_gene: bool = False
    """a gene-level reading ('EGFR 突变', 'EGFR L858R突变' read whole): it names no change of its own"""

    def distance(self, trig: Trigger) -> int:
        """Characters between trigger and change, not counting the target's own gene name
        ("检测到EGFR L858R": the trigger is next to the variant)."""
        if trig.end <= self.start:
            own = self.gene_end - self.gene_start if trig.end <= self.gene_start < self.start else 0
            return self.start - trig.end - own
        return trig.start - self.end


class ContextEngine:
    """Compiled ConText rules; ``assess`` returns mentions with status/origin filled in."""

    def __init__(self) -> None:
        data = load_knowledge(_FILE)
        require_keys(_FILE, data, ("category_attributes", "section_attributes", "status_priority", "rules"))
        self.category_attributes: dict[str, dict[str, Any]] = data["category_attributes"]
        self.section_attributes: dict[str, dict[str, Any]] = data["section_attributes"]
        self.default_origin: dict[str, str] = data.get("default_origin", {})
        self.rules = _validated_rules(data["rules"], set(self.category_attributes))
        questioned = data.get("questioned", {})
        self._question_marks = tuple(questioned.get("marks", ()))
        self._questioned_category = questioned.get("category")
        self.status_rank = _status_rank(data["status_priority"], self.category_attributes)
        self._by_literal = {r.literal.lower(): r for r in self.rules}
        self._pattern = literal_words([r.literal for r in self.rules])
        self._longest_literal = max(len(r.literal) for r in self.rules)
        cells = data.get("table_cells", {})
        self._cell_separator = re.compile(cells.get("separator", r"\t| {2,}"))
        self._one_edit_min = int(cells.get("one_edit_min_length", 6))
        self._row_words = frozenset(w.lower() for w in cells.get("row_values", ()))
        self._status_literals = {r.literal.lower(): self.category_attributes[r.category]["status"]
                                 for r in self.rules if "status" in self.category_attributes[r.category]}
        self._known_values = re.compile("|".join(f"(?:{v})" for v in cells.get("known_values", ())), re.IGNORECASE)
        # literals read only as written ('tier iii': 'Tier II' is one letter from it, and no garbled form)
        exact = {w.lower() for w in data.get("status_slots", {}).get("exact_only", ())}
        self._garbled_forms = {k: v for k, v in self._status_literals.items() if k not in exact}
        # A table repeats its cells ('阴性', '23.5%') on every row: each is compared with the literals once.
        self._cue_readings = lru_cache(maxsize=_CUE_CACHE)(self._read_cue)
        self._slots_config = data.get("status_slots")
        self._slots = self._status_slots() if self._slots_config else None
        lead = data.get("list_lead")
        self._list_lead_rules = None if lead is None else {
            "pattern": re.compile(lead["gap"] + lead["colon"]), "separators": frozenset(lead["separators"])}
        table = data.get("table_status")
        self._tables = TableStatus(table, self._cell_separator) if table else None
        names, coverage = data.get("test_names"), data.get("coverage_cues")
        self._named = None if names is None or coverage is None or self._slots is None else NamedChanges(
            names, coverage, self._slots, lambda cell: {status for _, status in self.cue_literals(cell)},
            str(knowledge_path(_FILE)))
        between = data.get("kinds_between")
        self._kinds_between = None if between is None else (
            [(literal_words(k["words"]), dict(k["names"])) for k in between["kinds"]], literal_words(between["unless"]))
        pairs = data.get("value_pairs")
        self._value_pairs = None if pairs is None else _ValuePairs(
            re.compile(f"(?:{pairs['key']})|(?:{pairs['own_words']})", re.IGNORECASE), re.compile(pairs["value_gap"]),
            re.compile(pairs["no_value"]))
        bare = {} if pairs is None else pairs.get("bare_values", {})
        self._bare_categories = {value.lower(): category for category, values in bare.items() for value in values}
        if pairs is not None and pairs.get("forward_literals_as_values"):
            # 'EGFR L858R突变：未发现': a literal that reads forward only, as the key's whole value, reaches nothing
            # after it: it is the key's value
            self._bare_categories.update({r.literal.lower(): r.category for r in self.rules if r.direction == "forward"
                                          and "status" in self.category_attributes[r.category]
                                          and r.literal.lower() not in self._bare_categories})
        unread = None if pairs is None else pairs.get("unread_value")
        self._unread_value_pattern = re.compile(unread, re.IGNORECASE) if unread else None
        self._bare_value = re.compile(pairs["bare_value"].replace("{values}", "|".join(
            re.escape(v) for v in sorted(self._bare_categories, key=len, reverse=True))), re.IGNORECASE) if bare else None
        population = data.get("population_statements")
        # 'RAS野生型患者可考虑...': a status word that speaks of a group of patients, not of this result
        self._population = re.compile(population["after"]) if population else None
        others = data.get("other_changes_words")
        self._other_words = literal_words(others["words"]) if others else None
        self._other_after = None if others is None else re.compile(rf"[ \t]{{0,2}}(?:{self._other_words.pattern})",
                                                                   re.IGNORECASE)
        time = data.get("status_time")
        self._time = StatusTime(time, str(knowledge_path(_FILE))) if time else None

    def _status_slots(self) -> StatusSlots:
        """The slot reader over the literals that set a status and nothing else (not a named stain)."""
        missing = [k for k in _SLOT_KEYS if k not in self._slots_config]
        if missing:
            raise KnowledgeError(str(knowledge_path(_FILE)), f"status_slots: missing keys {missing}")
        exact_only = {w.lower() for w in self._slots_config["exact_only"]}
        status_only = {r.literal.lower(): self.category_attributes[r.category]["status"] for r in self.rules
                       if set(self.category_attributes[r.category]) == {"status"} and r.literal.lower() not in exact_only}
        leading = {r.literal.lower() for r in self.rules if r.direction != "backward"}
        confusions = load_knowledge("ocr_repair.json").get("status_confusions", {})
        return StatusSlots(status_only, self._slots_config, self._known_values, confusions, leading, self._cell_separator)

    def cue_literals(self, cue: str) -> list[tuple[str, str]]:
        """(literal, status) of the status triggers ``cue`` reads as: the exact literal, else every literal
        one edit away (both at least ``one_edit_min_length`` long); empty when they disagree on the status
        (no guess between two readings). Shared by table cells here and the model combination's cues."""
        return list(self._cue_readings(" ".join(cue.lower().split())))

    def status_literals(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, status) of the status trigger literals in ``text`` ('No mutation': not_detected), in order."""
        found = (self._trigger(text, m) for m in self._pattern.finditer(text))
        return [(t.start, t.end, self.category_attributes[t.rule.category]["status"]) for t in found
                if "status" in self.category_attributes[t.rule.category]]

    def _read_cue(self, cue: str) -> tuple[tuple[str, str], ...]:
        if cue in self._status_literals:
            return ((cue, self._status_literals[cue]),)
        near = [(literal, self._status_literals[literal]) for literal in one_edit_from(cue, self._garbled_forms, self._one_edit_min)]
        return tuple(near) if len({status for _, status in near}) == 1 else ()

    def _unread_status_cell(self, text: str, target: _Target) -> tuple[int, int] | None:
        """The second cell of a kit row ('Exon 20 T790M<tab>Neguatve': the change in the first cell, one
        more cell) when it holds words no trigger reads, none one edit from a trigger, none a known column
        value (``known_values``), no digit (a VAF, depth, exon, tier, 'Positive (70%)'). Else None."""
        line_start, line_end = _line_bounds(text, target.start, target.end)
        line_end = line_start + len(text[line_start:line_end].rstrip())
        gaps = list(self._cell_separator.finditer(text, line_start, line_end))
        if len(gaps) != 1 or target.end > gaps[0].start():
            return None
        raw = text[gaps[0].end():line_end]
        cell = raw.strip()
        if not self._no_status_read(cell):
            return None
        start = gaps[0].end() + len(raw) - len(raw.lstrip())
        return start, start + len(cell)

    def _unread_value(self, text: str, target: _Target, slot_end: int) -> tuple[int, int] | None:
        """A change's whole value after its colon, up to its clause's end and before the next change or gene, when it
        holds words no rule reads ('EGFR L858R：质检未达标', 'EGFR L858R: no amplification product'): the span, else
        None (``value_pairs.unread_value``)."""
        found = None if self._unread_value_pattern is None else self._unread_value_pattern.match(text, target.end)
        if found is None or found.end("value") > slot_end or not self._no_status_read(found.group("value")):
            return None
        return found.span("value")

    def _no_status_read(self, words: str) -> bool:
        """Whether ``words`` (a cell, a value) are words and no status the rules read: letters, no digit (a VAF,
        depth, exon, tier, notation, 'Positive (70%)'), no trigger, none one edit from one, no known column value
        (``known_values``)."""
        key = " ".join(words.lower().split()).strip(" .,:;*•·-–—()（）[]")
        if not any(ch.isalpha() for ch in key) or any(ch.isdigit() for ch in key) or self._pattern.search(words):
            return False
        return not (self._known_values.fullmatch(key) or one_edit_from(key, self._by_literal, self._one_edit_min))

    def _within_literal(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies inside a trigger literal ('limit of detection' inside 'below the limit of
        detection'): only the literals that may hold it are searched, around it."""
        around = self._pattern.finditer(text, max(0, start - self._longest_literal), end + self._longest_literal)
        return any(m.start() <= start and end <= m.end() for m in around)

    def triggers(self, text: str) -> list[Trigger]:
        """Every trigger in the text, leftmost-longest ("未检测到" is not read as "检测到")."""
        return [self._trigger(text, m) for m in self._pattern.finditer(text)]

    def _trigger(self, text: str, match: re.Match[str]) -> Trigger:
        """The trigger a literal match is; a status word followed at once by a question mark ('阳性？') gives a
        doubted result, the ``questioned`` category."""
        rule = self._by_literal[match.group().lower()]
        if (self._question_marks and text.startswith(self._question_marks, match.end())
                and "status" in self.category_attributes[rule.category]):
            rule = dataclasses.replace(rule, category=self._questioned_category)
        return Trigger(match.start(), match.end(), rule)

    def _line_triggers(self, text: str, line_start: int, edges: list[tuple[int, int]]) -> list[Trigger]:
        """The line's status triggers; ``edges``: where its changes and genes start (``_slot_layout``)."""
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line_end = line_start + len(text[line_start:line_end].rstrip())  # skip a blanked tail
        found = [self._trigger(text, m) for m in self._pattern.finditer(text, line_start, line_end)]
        for cell in self._repaired_cells(text, line_start, line_end):
            # the whole cell is the cue: a literal inside it ('detected' in 'Nome detected') is not
            found = [t for t in found if not (cell.start <= t.start and t.end <= cell.end)] + [cell]
        cells = set(self._cell_spans(text, line_start, line_end))
        # A status that fills a table cell answers for its row, whatever the literal's direction, scope or
        # terminators in running text: 'KRAS G12C<tab>No mutation' (a forward-only trigger), 'EGFR  p.Leu858Arg
        #  c.2573T>G  NM_005228.5  WT' (the cells between hold a '.' and outrun the scope) stayed 'detected'.
        # The cell gaps bound it; it still passes over no other gene's change (``crosses_targets``).
        row = {"direction": "bidirectional", "max_scope": line_end - line_start, "terminated_by": ()}
        return [dataclasses.replace(t, rule=dataclasses.replace(t.rule, **row), cell=True) if (t.start, t.end) in cells
                else self._list_lead(text, t, line_end, edges) for t in found]

    def _list_lead(self, text: str, trig: Trigger, line_end: int, edges: list[tuple[int, int]]) -> Trigger:
        """A status that leads a list after a colon ('Hotspots not detected: KRAS G12C, G12D; NRAS Q61K; BRAF
        V600E', '未检测到突变的位点：KRAS G12C；BRAF V600E') answers for the whole list to the line's end: the
        ';' between its groups ended the scope, and BRAF V600E was read as detected. ``list_lead`` rules.
        Not where a change or gene stands before the colon: in 'EGFR L858R：阴性 T790M：阳性' the '阴性' is
        L858R's, and the colon is T790M's own (read as a lead, it gave T790M '阴性' and L858R '阳性')."""
        lead = self._list_lead_rules
        if lead is None or "status" not in self.category_attributes[trig.rule.category]:
            return trig
        heading = lead["pattern"].match(text, trig.end, line_end)
        if heading is None or bisect_left(edges, (trig.end, -1)) < bisect_left(edges, (heading.end(), -1)):
            return trig
        terms = tuple(t for t in trig.rule.terminated_by if t not in lead["separators"])
        rule = dataclasses.replace(trig.rule, direction="forward", max_scope=line_end - trig.end, terminated_by=terms,
                                   crosses_targets=True)
        return dataclasses.replace(trig, rule=rule)

    def _cell_spans(self, text: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
        """(start, end) of each table cell after a separator on the line, surrounding spaces left out."""
        separators = list(self._cell_separator.finditer(text, line_start, line_end))
        spans = []
        for i, gap in enumerate(separators):
            cell_end = separators[i + 1].start() if i + 1 < len(separators) else line_end
            raw = text[gap.end():cell_end]
            start = gap.end() + (len(raw) - len(raw.lstrip()))
            spans.append((start, start + len(raw.strip())))
        return spans

    def _with_slots(self, text: str, found: list[Trigger], targets: list[_Target]) -> list[Trigger]:
        """The line's triggers plus what its changes' status slots read where OCR garbled them; a slot
        reading replaces a literal inside its words ('detected' in 'Nat detected')."""
        if self._slots is None:
            return found
        status = [t for t in found if "status" in self.category_attributes[t.rule.category]]
        # where other changes and genes start and end, and where status literals start, sorted once per line
        # (a gene list of hundreds on one line stays linear)
        edges = sorted(p for o in targets for p, q in ((o.start, o.end), (o.gene_start, o.gene_end)) if q > p)
        line = _LineLayout(_line_bounds(text, targets[0].start, targets[0].end)[1], edges,
                           sorted(o.end for o in targets), sorted((t.start, t.end) for t in status))
        readings: dict[tuple[int, int], tuple[SlotReading, set[str]]] = {}
        by_span = {(t.start, t.end): t for t in status}
        closing = []
        for target in targets:
            for reading, side in self._slot_readings(text, target, line):
                key = (reading.start, reading.end)
                readings[key] = (reading, readings.get(key, (reading, set()))[1] | {side})
            closing += self._closing_literal(text, target, line, by_span) + self._row_end_status(text, target, line, status)
            closing += self._row_lead_status(text, target, line, status) + self._row_start_status(text, target, line, status)
        added = [self._slot_trigger(r, sides) for key, (r, sides) in readings.items()
                 if key not in by_span and not _restates_a_literal(r, status) and not _inside_a_longer_literal(r, found)
                 and (r.readable or not (self._only_negative_inside(r, status) or _cuts_a_literal(r, status)))]
        # a reading stands for the literal inside its words ('detected' in 'Nat detected'); words that cannot
        # be read never outweigh a non-positive literal the rules read inside them ('空阴性'), nor one they cut
        # (a slot that ends inside the 'Uncertain significance' cell read its first letters as unreadable)
        return [t for t in found + closing if not any(a.start <= t.start and t.end <= a.end for a in added)] + added

    def _closing_literal(self, text: str, target: _Target, line: _LineLayout,
                         by_span: dict[tuple[int, int], Trigger]) -> list[Trigger]:
        """A forward-reading status literal that alone fills the slot after a change ('KRAS G12C no mutation':
        a table's cell gap that OCR closed to one space) answers for that change too, as it does from a cell;
        it reaches back over no other gene."""
        stop = line.next(line.edges, target.end, line.end)
        index = bisect_left(line.status, (target.end, 0))
        if index == len(line.status) or by_span[line.status[index]].rule.direction != "forward":
            return []
        trig = by_span[line.status[index]]
        if not self._slots.holds_only(text, target.end, stop, (trig.start, trig.end)):
            return []
        return [dataclasses.replace(trig, rule=dataclasses.replace(trig.rule, direction="backward", crosses_targets=False))]

    def _row_end_status(self, text: str, target: _Target, line: _LineLayout, status: list[Trigger]) -> list[Trigger]:
        """The status literals after a change, where only column values (``row_values``: a token with a digit,
        'N/A', 'Tier', ...) stand between them and after them to the line's end, answer for the change as cells
        do: a table row whose cell gaps a text layer or OCR closed to single spaces ('NRAS p.Gln61Lys c.181C>A
        1523 0.0% WT', 'KRAS p.Gly12Cys No mutation 2000x') was read as detected, beyond the literal's scope.
        All are as near as cells of the row are ('ATM p.R337C 45% Detected VUS' is a VUS: the nearer 'Detected'
        made it detected)."""
        after = sorted((t for t in status if t.start >= target.end), key=lambda t: t.start)
        if not after or line.next(line.edges, target.end, line.end) < line.end:
            return []  # no literal, or another change or gene on the row after this one ('L858R negative for T790M')
        if not self._values_around(text, target.end, after, line.end):
            return []
        return [_as_cell(t, "backward", t.start - target.end) for t in after]

    def _row_lead_status(self, text: str, target: _Target, line: _LineLayout, status: list[Trigger]) -> list[Trigger]:
        """A status literal after a change's gene and before the change's end, where only column values stand
        between the three, answers for the change as a cell does: a row whose status cell comes before the change
        ('NRAS 阴性 - p.Gln61Lys') or between the cells it was read from ('KRAS NM_004985.5 c.34G>T 无突变 G12C'),
        cell gaps closed to single spaces. A literal that reads backward only (to a gene before it), or one inside
        the change's span, left the change detected. Not where another change or gene stands between them."""
        if target.gene_end <= target.gene_start or line.next(line.edges, target.gene_end, line.end) < target.start:
            return []
        lead = sorted((t for t in status if target.gene_end <= t.start and t.end <= target.end), key=lambda t: t.start)
        if not lead:
            return []
        if not self._values_around(text, target.gene_end, lead, target.end):
            return []
        return [_as_cell(t, "forward", max(0, target.start - t.end)) for t in lead]

    def _row_start_status(self, text: str, target: _Target, line: _LineLayout, status: list[Trigger]) -> list[Trigger]:
        """A status literal that opens the row of a change, where only column values stand before it and between it
        and the change's gene, answers for the change as a cell does: a table whose status column comes first,
        cell gaps closed to single spaces ('- 阴性 EGFR 21 c.2573T>G L858R' was read as detected: '阴性' reads
        backward only; 'NM_006218.4 No mutation Exon 20 c.3140A>G - PIK3CA p.His1047Arg' too: the cells between
        outran the literal's scope). Not where another change or gene stands before this one on the row."""
        first = min(target.start, target.gene_start)
        row_start = text.rfind("\n", 0, first) + 1
        if line.last(line.ends, first, row_start) > row_start:
            return []
        lead = [t for t in status if row_start <= t.start and t.end <= first]
        if len(lead) != 1:
            return []
        (trig,) = lead
        if not (self._row_values(text[row_start:trig.start]) and self._row_values(text[trig.end:first])):
            return []
        return [_as_cell(trig, "forward", max(0, target.start - trig.end))]

    def _values_around(self, text: str, start: int, literals: list[Trigger], end: int) -> bool:
        """Whether only column values stand from ``start`` to ``end`` outside the ``literals`` (in text order)."""
        bounds = [start] + [p for t in literals for p in (t.start, t.end)] + [end]
        return all(self._row_values(text[a:b]) for a, b in zip(bounds[::2], bounds[1::2]))

    def _row_values(self, words: str) -> bool:
        """Whether every word is a column's value: a digit in it (a VAF, depth, cDNA, transcript) or a row value."""
        return all(any(ch.isdigit() for ch in w) or w.lower() in self._row_words for w in words.split())

    def _only_negative_inside(self, reading: SlotReading, status: list[Trigger]) -> bool:
        """Whether the reading's words hold status literals and none of them positive ('空阴性' but not
        'No detected', where 'no' and 'detected' disagree)."""
        inside = {self.category_attributes[t.rule.category]["status"] for t in status
                  if reading.start <= t.start and t.end <= reading.end}
        return bool(inside) and self._slots_config["positive_status"] not in inside

    def _slot_readings(self, text: str, target: _Target, line: _LineLayout) -> list[tuple[SlotReading, str]]:
        """The readings of the words after ``target`` and of those right before it ('after', 'before')."""
        first = min(target.start, target.gene_start)
        # the next change or gene on the line ends the slot (a gene-level reading's change is empty: 'RET Wildtype')
        stop = line.next(line.edges, target.end, line.end)
        index = bisect_left(line.status, (target.end, 0))
        filled = line.status[index] if index < len(line.status) else None
        floor = line.last(line.ends, first, 0)
        out = [(self._slots.after(text, target.end, stop, filled), "after"), (self._slots.before(text, first, floor), "before")]
        if target.gene_end <= target.start and target.gene_end > target.gene_start:
            out.append((self._slots.before(text, target.start, target.gene_end), "before"))  # 'EGFR基因未检侧到T790M'
        return [(reading, side) for reading, side in out if reading is not None]

    def _slot_trigger(self, reading: SlotReading, sides: set[str]) -> Trigger:
        """A trigger for a slot reading: the literal's rule, or for words no rule can read the literal's
        scope with the unreadable category; it reaches the change(s) on the side(s) it was read for."""
        rule = self._by_literal[reading.literal.lower()]
        direction = "bidirectional" if len(sides) == 2 else ("backward" if "after" in sides else "forward")
        if reading.readable:
            return Trigger(reading.start, reading.end, dataclasses.replace(rule, direction=direction), reading.repair)
        unread = dataclasses.replace(rule, literal=reading.literal, category=self._slots_config["unreadable_category"],
                                     direction=direction, crosses_targets=False)
        return Trigger(reading.start, reading.end, unread, reading.repair)

    def _repaired_cells(self, text: str, line_start: int, line_end: int) -> list[Trigger]:
        """The line's table cells OCR garbled one edit from status trigger literals, read as them."""
        out = []
        for start, end in self._cell_spans(text, line_start, line_end):
            cell = text[start:end]
            near = self.cue_literals(cell) if cell else []
            if not near or near[0][0] == " ".join(cell.lower().split()):
                continue  # nothing to read, or the literal itself (the pattern finds it)
            literal = near[0][0]
            out.append(Trigger(start, end, self._by_literal[literal], f"status cue '{cell}' read as '{literal}'"))
        return out

    def assess(self, text: str, mentions: list[Mention], sections: SectionIndex) -> list[Mention]:
        """Mentions with ConText applied to the variant and gene ones (others unchanged)."""
        targets = [_target(i, m) for i, m in enumerate(mentions) if m.field in TARGET_FIELDS]
        by_line = _group_by_line(text, targets)
        # Triggers are searched only on lines that hold a target: scopes never leave the line.
        layouts = {start: _slot_layout(line) for start, line in by_line.items()}
        triggers_by_line = {start: self._of_this_patient(text, self._with_slots(
            text, self._line_triggers(text, start, layouts[start][0]), by_line[start])) for start in by_line}
        # Every mention learns its section (the assembler ranks fields by it); targets also get ConText.
        out = [m if m.field in TARGET_FIELDS or "section" in m.attrs
               else replace_mention(m, attrs={**m.attrs, "section": sections.category_at(m.start)}) for m in mentions]
        dated = {start: self._dated(text, start, triggers_by_line[start], by_line[start]) for start in by_line}
        values_by_line = {start: self._values(text, triggers_by_line[start], layouts[start][1]) for start in by_line}
        starts = sorted(min(t.start, t.gene_start) for t in targets)
        for target in targets:
            line_start, line_end = _line_bounds(text, target.start, target.end)
            fired = [t for t in triggers_by_line[line_start]
                     if _applies(t, target, text, by_line[line_start]) or _shares_words(t, target)]
            edges, ends = layouts[line_start]
            fired = self._without_others_values(text, target, fired, values_by_line[line_start])
            fired, time_notes = self._in_time(fired, self._dated_here(dated[line_start], fired, sections.at(target.start)))
            # the status slot: from the change to the next change or gene, from the last change's end to it
            slot = (_LineLayout.last(ends, min(target.start, target.gene_start), line_start),
                    _next_reading(edges, target.end, line_end))
            disagreeing = self._disagreeing(target, fired, ends, slot[1])
            # where the next change or gene starts: a test's result line below this change must come before it
            following = _LineLayout.next(starts, target.end, len(text))
            first_value = values_by_line[line_start].first
            others_value = first_value if first_value is not None and first_value.start < target.start else None
            out[target.index] = self._apply(mentions[target.index], target, fired, sections, text, slot,
                                            _Around(time_notes, disagreeing, following, others_value))
        return out

    def _of_this_patient(self, text: str, triggers: list[Trigger]) -> list[Trigger]:
        """``triggers``, those that speak of a group of patients ('RAS野生型患者可考虑西妥昔单抗', 'patients with
        KRAS wild-type tumours may benefit') read as POPULATION (``population_statements``): no status of this
        report, and what they speak of no finding."""
        if self._population is None:
            return triggers
        return [dataclasses.replace(t, rule=dataclasses.replace(t.rule, category=_POPULATION))
                if self._population.match(text, t.end) else t for t in triggers]

    def _kind_between(self, text: str, target: _Target, decided: Trigger) -> tuple[str, dict[str, str]] | None:
        """(word, names) where a word naming a kind of alteration stands between a gene and the status words after
        it ('FGFR1/2/3 扩增：阴性'), and no mutation word does. ``kinds_between`` rules."""
        if self._kinds_between is None or decided.start < target.end:
            return None
        kinds, unless = self._kinds_between
        between = text[target.end:decided.start]
        if unless.search(between):
            return None
        found = [(m.group(), names) for words, names in kinds for m in [words.search(between)] if m]
        return found[0] if len(found) == 1 else None

    def _values(self, text: str, triggers: list[Trigger], ends: list[int]) -> _LineValues:
        """The line's triggers that are a change's own value (right after the change, ``value_gap``: 'EGFR
        L858R：阴性'), with where that change ends, read once per line. ``value_pairs`` rules."""
        if self._value_pairs is None:
            return _LineValues({}, None)
        owners: dict[tuple[int, int], int] = {}
        for trig in triggers:
            index = bisect_right(ends, trig.start) - 1
            if index >= 0 and self._value_pairs.value_gap.fullmatch(text, ends[index], trig.start):
                owners[(trig.start, trig.end)] = ends[index]
        statuses = [t for t in triggers if (t.start, t.end) in owners
                    and "status" in self.category_attributes.get(t.rule.category, {})]
        return _LineValues(owners, min(statuses, key=lambda t: t.start, default=None))

    def _without_others_values(self, text: str, target: _Target, fired: list[Trigger], values: _LineValues) -> list[Trigger]:
        """``fired`` less the statuses that are another change's value, where the change is a key of its own, is
        followed by its own result word or has its own status right after it ('KRAS G12C：未检出，BRAF V600E：检出':
        V600E's value is '检出'; 'EGFR L858R（突变型）  T790M（野生型）': '野生型' is T790M's; 'EGFR 19del 检出，T790M
        未检出': '未检出' is T790M's). ``value_pairs`` rules."""
        if self._value_pairs is None:
            return fired
        own_end = _SPACES_AFTER.match(text, target.end).end()
        if not (self._value_pairs.own.match(text, target.end) or any(target.end <= t.start <= own_end for t in fired)):
            return fired
        return [t for t in fired if values.owners.get((t.start, t.end), target.end) == target.end]

    def _without_own_value(self, text: str, target: _Target, slot: tuple[int, int], around: _Around) -> str | None:
        """Why a change left without status words has no result of its own, where its line gives the other changes
        theirs as values and nothing follows this one ('EGFR L858R：阴性，T790M', 'T790M：' at a cut line or a lost
        cell): never the default 'detected'. None where it has words after it or no change beside it has a value."""
        if around.others_value is None or self._value_pairs is None:
            return None
        if not self._value_pairs.no_value.fullmatch(text, target.end, slot[1]):
            return None
        value = around.others_value
        return (f"'{text[value.start:value.end]}' is another change's own result on this line and this change has "
                "none (a cut line or a lost cell) -> status=indeterminate (a person must look)")

    def _dated(self, text: str, line_start: int, triggers: list[Trigger],
               targets: list[_Target]) -> dict[tuple[int, int], Dated]:
        """The line's status triggers that report an earlier result, with what dates them (``status_time``)."""
        if self._time is None:
            return {}
        status = [t for t in triggers if "status" in self.category_attributes[t.rule.category]]
        markers = [t for t in triggers if t.rule.category in self._time.marker_categories]
        changes = sorted((min(o.start, o.gene_start), max(o.end, o.gene_end)) for o in targets)
        line = (line_start, _line_bounds(text, line_start, line_start)[1])
        return self._time.dated(text, line, status, markers, changes) if status else {}

    def _dated_here(self, dated: dict[tuple[int, int], Dated], fired: list[Trigger],
                    section: Section | None) -> dict[tuple[int, int], Dated]:
        """The line's dated status words, and in a section of the clinical information a report quotes
        (``dated_sections``) every status word that applies: the header dates them."""
        if self._time is None or section is None or section.category not in self._time.dated_sections:
            return dated
        header = Dated(section.header, section.start, section.body_start)
        return {**dated, **{(t.start, t.end): header for t in fired
                            if "status" in self.category_attributes[t.rule.category]}}

    def _in_time(self, fired: list[Trigger], dated: dict[tuple[int, int], Dated]) -> tuple[list[Trigger], list[str]]:
        """``fired`` without the status words of an earlier result while words of this report's result apply;
        where none do, the earlier result's words read as ``earlier_result_category`` (no result of its own)."""
        past = [t for t in fired if (t.start, t.end) in dated]
        if not past or self._time is None:
            return fired, []
        now = [t for t in fired if (t.start, t.end) not in dated]
        if any("status" in self.category_attributes[t.rule.category] for t in now):
            notes = [f"'{t.rule.literal}' at {t.start} reports an earlier result ('{dated[t.start, t.end].marker}'): "
                     "this report's words decide" for t in past]
            return now, notes
        earlier = self._time.earlier_result_category
        notes = [f"'{t.rule.literal}' at {t.start} reports an earlier result ('{dated[t.start, t.end].marker}') and "
                 "no words give this report's own" for t in past]
        return now + [dataclasses.replace(t, rule=dataclasses.replace(t.rule, category=earlier)) for t in past], notes

    def _disagreeing(self, target: _Target, fired: list[Trigger], ends: list[int], after: int) -> list[tuple[Trigger, str]]:
        """The status words on one side of the change that disagree (``status_time``), or empty; ``ends``: where
        the line's changes end, ``after``: where the next change or gene starts (a word past another change
        speaks of that one)."""
        if self._time is None:
            return []
        first = min(target.start, target.gene_start)
        readings = [(t, t.rule.category, self.category_attributes[t.rule.category]["status"]) for t in fired
                    if "status" in self.category_attributes[t.rule.category]]
        if len({status for _, _, status in readings}) < 2:
            return []

        def between(trig: Trigger) -> bool:
            if trig.start >= target.end:
                return after <= trig.start
            index = bisect_right(ends, trig.end)
            return index < len(ends) and ends[index] <= first

        for side in ([r for r in readings if r[0].end <= first], [r for r in readings if r[0].start >= target.end]):
            disagreeing = self._time.disagreement(side, between)
            if disagreeing:
                return disagreeing
        return []

    def _apply(self, mention: Mention, target: _Target, fired: list[Trigger], sections: SectionIndex, text: str,
               slot: tuple[int, int], around: _Around) -> Mention:
        """The mention with its status, origin and the notes that say why; ``slot``: where the words that may
        hold its status start (before it) and end (after it); ``around``: what the rest of its line and of the
        text say of it."""
        category = sections.category_at(mention.start)
        attributes, notes, read_as, decided = self._attributes(target, fired, slot[1])
        notes = around.time_notes + notes
        if around.disagreeing:
            attributes["status"], decided = self._disagreement(around.disagreeing, notes)
        words = None if decided is None else _StatusWords(decided.start, decided.end, _trigger_how(decided))
        if "status" not in attributes and mention.attrs.get("cue_status"):
            # a cue whose words OCR broke, read by the model combination: no trigger finds it on the line
            attributes["status"] = mention.attrs["cue_status"]
            notes.append(f"status cue read by the model combination -> status={attributes['status']}")
            words = _StatusWords(target.start, target.end, "status cue read by the model combination")
        section = sections.at(mention.start)
        defaults = self.section_attributes.get(category or "", {})
        if defaults and section is not None and not governs_bare_list(text, section, mention.start):
            notes.append(f"section {category} does not govern this bare gene list")
            defaults = {}
        repairs = mention.repairs + tuple(r for r in read_as if r not in mention.repairs)
        for key, val in defaults.items():
            if key not in attributes:
                attributes[key] = val
                notes.append(f"section {category} -> {key}={val}")
                if key == "status" and section is not None:
                    words = _StatusWords(*_header_span(text, section), f"section header '{section.header}'")
                if section is not None and section.repair and section.repair not in repairs:
                    repairs += (section.repair,)  # a garbled header decided it: the reviewer sees how it was read
        if mention.field == "variant" and "status" not in attributes:
            unread = self._unread_status_cell(text, target)
            if unread is not None:
                # the row has a status the rules cannot read (OCR broke it): never the default 'detected'
                attributes["status"] = "indeterminate"
                notes.append(f"status cell '{text[slice(*unread)]}' is no status the rules read -> status=indeterminate "
                             "(a person must look)")
                words = _StatusWords(*unread, "status cell no rule reads")
        if "status" not in attributes and self._bare_value is not None \
                and (bare := self._bare_value.match(text, target.end)) is not None:
            # 'EGFR L858R：无': a value that is a status only as the key's whole value (``bare_values``)
            category = self._bare_categories[bare.group("value").lower()]
            attributes.update(self.category_attributes[category])
            how = f"'{bare.group('value')}' is the whole value after the colon -> {category}"
            notes.append(how)
            words = _StatusWords(bare.start("value"), bare.end("value"), how)
        if mention.field == "variant" and "status" not in attributes and self._tables is not None:
            # the row's cell under the table's status column: a mark ('-', 'ND', '+'), or lost
            row_change = RowChange(target.start, target.end, *slot, self._row_values, mention.attrs.get("parts", ()),
                                   target.gene_end if target.gene_start < target.gene_end <= target.start else None)
            column = self._tables.read(text, *_line_bounds(text, target.start, target.end),
                                       lambda cell: bool(self.cue_literals(cell)), row_change)
            if column is not None:
                attributes["status"] = column.status
                notes.append(column.note)
                words = _StatusWords(column.start, column.end, column.note)
        if mention.field == "variant" and attributes.get("status", "detected") == "detected" and self._tables is not None:
            # the row's cell under its table's tier column ('Tier' over 'III'): no words said otherwise
            tier = self._tables.tier(text, *_line_bounds(text, target.start, target.end))
            if tier is not None:
                attributes.update(self.category_attributes[tier.category])
                notes.append(tier.note)
                words = _StatusWords(tier.start, tier.end, tier.note)
        if mention.field == "variant" and "status" not in attributes \
                and (unread := self._unread_value(text, target, slot[1])) is not None:
            # 'EGFR L858R：质检未达标': the change's value is words no rule reads, never the default 'detected'
            attributes["status"] = "indeterminate"
            notes.append(f"the value '{text[slice(*unread)]}' after the change's colon is no status the rules read "
                         "-> status=indeterminate (a person must look)")
            words = _StatusWords(*unread, "value no rule reads")
        if mention.field == "variant" and "status" not in attributes:
            below = self._status_line_below(text, target, section)
            if below is not None:
                attributes["status"] = "indeterminate"
                notes.append(f"the line below is a lone status '{text[slice(*below)]}' (the row's wrapped status cell, or "
                             "the heading of a list below) -> status=indeterminate (a person must look)")
                words = _StatusWords(*below, "a lone status line below the row")
        if mention.field == "gene" and decided is not None and "names" not in attributes:
            named = self._kind_between(text, target, decided)
            if named is not None:
                attributes["names"] = named[1]
                notes.append(f"'{named[0]}' before the status words -> a {named[1]['alteration']} result")
        attrs = {**mention.attrs, "section": category, "context": notes, **{k: v for k, v in attributes.items() if k in ("historical", "stain", "names", "benign", "population")}}
        if (stain := immunostain(text, mention, section)) is not None:
            attrs["immunostain"] = stain  # 'BRAF V600E（VE1）（+）': a protein read, not the gene (assay.py)
            notes.append(f"'{stain}' -> read by immunostain (method IHC)")
        if (mention.field == "gene" or target.whole_gene) and decided is not None \
                and self._others_between(text, target, decided):
            attrs["other_changes"] = True  # 'EGFR 其他位点 未检测到突变': a result for the gene's other changes only
        if mention.field == "variant" and "status" not in attributes:
            words = self._default_words(text, target, slot)
            no_result = self._named_without_result(text, mention, target, slot, around.following)
            if no_result is not None:
                attributes["status"] = no_result[0]
                notes.append(no_result[1].how)
                words = no_result[1]
            elif (no_value := self._without_own_value(text, target, slot, around)) is not None:
                attributes["status"] = "indeterminate"
                notes.append(no_value)
                words = _StatusWords(target.start, target.end, no_value)
            elif self._named is not None:
                cue = self._named.coverage_cue(text, _line_bounds(text, target.start, target.end),
                                               (min(target.start, target.gene_start), target.end),
                                               measured=mention.value.get("vaf") is not None,
                                               within_words=lambda start, end: self._within_literal(text, start, end))
                if cue is not None:
                    # 'This assay covers EGFR L858R, T790M ...': what the test can find, as a genes-covered list
                    attrs["coverage"] = cue
                    notes.append(f"'{cue}' says what the test covers: coverage, not a finding")
        if words is not None:
            attrs.update(words.attrs())
        if mention.field == "variant" and attributes.get("status", "detected") == "detected" and "kit_group" in mention.attrs:
            # one positive result for a kit's group ('Q61K/Q61R  +') does not say which change is present
            attributes["status"] = "indeterminate"
            attrs.update(_kit_group_words(text, mention.attrs["kit_group"], words, notes).attrs())
        doubt = _measured_short(mention) if mention.field == "variant" else None
        if doubt is not None and attributes.get("status", "detected") == "detected":
            attributes["status"] = "indeterminate"
            notes.append(f"{doubt} -> status=indeterminate (a person must look)")
        if mention.field == "variant":
            if "status" not in attributes:
                attrs["status_default"] = True  # no words gave it: the assembler weighs it against the gene's results
            status = attributes.get("status", "detected")
            # 'BRCA2 ... （胚系来源待验证）': an origin the report leaves unsettled is none, not the default
            origin = None if attributes.get("origin_unsettled") else (
                attributes.get("origin") or self.default_origin.get(status))
            if origin is not None and not attributes.get("origin"):
                attrs["origin_default"] = True  # no words gave it: a germline test's title may (germline_report.py)
            value = {**mention.value, "status": status, "origin": origin}
            return replace_mention(mention, value=value, attrs=attrs, repairs=repairs)
        attrs.update({k: v for k, v in attributes.items() if k in ("status", "origin")})
        return replace_mention(mention, attrs=attrs, repairs=repairs)

    def _disagreement(self, disagreeing: list[tuple[Trigger, str]], notes: list[str]) -> tuple[str, Trigger]:
        """The status of a change whose words disagree, and a trigger over all of them for the evidence box."""
        category = self._time.disagreement_category
        said = ", ".join(f"'{t.rule.literal}' ({status})" for t, status in disagreeing)
        notes.append(f"status words disagree: {said} -> {category} (a person must look)")
        rule = ContextRule(" vs ".join(t.rule.literal for t, _ in disagreeing), category, "bidirectional", 0)
        return self.category_attributes[category]["status"], Trigger(disagreeing[0][0].start, disagreeing[-1][0].end, rule)

    def _status_line_below(self, text: str, target: _Target, section: Section | None) -> tuple[int, int] | None:
        """The span of the next line when it holds only a status that is not 'detected' ('KRAS  p.G12C' then
        'Not detected': a row wrapped onto two lines was read as detected). Not under a section that a lone
        positive status line heads ('Detected', then 'EGFR L858R', then 'Not detected' heading the next list)."""
        line_end = _line_bounds(text, target.start, target.end)[1]
        if line_end >= len(text):
            return None
        nxt_end = text.find("\n", line_end + 1)
        nxt_end = len(text) if nxt_end < 0 else nxt_end
        raw = text[line_end + 1:nxt_end]
        words = raw.strip().rstrip(":：")
        statuses = {status for _, status in self.cue_literals(words)} if words else set()
        if not statuses or "detected" in statuses:
            return None
        if section is not None and self._says_detected(section.header):
            return None
        start = line_end + 1 + len(raw) - len(raw.lstrip())
        return start, start + len(words)

    def _says_detected(self, words: str) -> bool:
        """Whether the words are a positive status: a literal the rules read, or a kit's word ('检出')."""
        kit_word = self._tables is not None and self._tables.is_status_word(words)
        return kit_word or "detected" in {status for _, status in self.cue_literals(words)}

    def _named_without_result(self, text: str, mention: Mention, target: _Target, slot: tuple[int, int],
                              following: int) -> tuple[str, _StatusWords] | None:
        """Where no words beside a change give its status, whether it is only named, never the default 'detected':
        a stain with no result ('免疫组化：ALK(D5F3)、ROS1、PD-L1' lists the stains done), or the test's name ('BRAF
        V600E突变检测报告', '检测项目：EGFR T790M'), whose result is the gene-less result line below it and before
        the next change ('检测结果：阴性'), else indeterminate (``named_changes``). The status and the words that
        say why, else None."""
        if "ihc_clone" in mention.attrs:
            why = f"the {target.gene} ({mention.attrs['ihc_clone']}) stain is named, no result read"
            return "indeterminate", _StatusWords(target.start, target.end, f"{why} -> status=indeterminate (a person must look)")
        if self._named is None:
            return None
        named = self._named.test_name(text, (target.start, target.end), min(target.start, target.gene_start), slot)
        if named is None:
            return None
        why = f"'{text[slice(*named)]}' names the test of the change, not its result"
        result = self._named.result_line_below(text, target.end, following)
        if result is None:
            return "indeterminate", _StatusWords(*named, f"{why} -> status=indeterminate (a person must look)")
        status, start, end = result
        return status, _StatusWords(start, end, f"{why}; the result line below reads '{text[start:end]}' -> "
                                    f"status={status}")

    def _others_between(self, text: str, target: _Target, trig: Trigger) -> bool:
        """Whether the words between a gene and its status word, or right after the gene, say 'other' ('EGFR
        其他位点 未检测到突变', 'No other EGFR mutations detected', '未检测到EGFR其他突变': ``other_changes_words``)."""
        if self._other_words is None:
            return False
        gap = (trig.end, target.start) if trig.end <= target.start else (target.end, trig.start)
        right_after = self._other_after.match(text, target.end, min(len(text), target.end + _OTHER_WORD_REACH))
        return right_after is not None or (gap[0] < gap[1] and self._other_words.search(text, *gap) is not None)

    def _default_words(self, text: str, target: _Target, slot: tuple[int, int]) -> _StatusWords | None:
        """Where no words set a change's status ('detected' by default), the words a status would stand in:
        the first phrase after it on its row, and the letters right before it ('检出EGFR L858R突变')."""
        if self._slots is None:
            return None
        after = self._slots.first_phrase(text, target.end, slot[1])
        lead = self._slots.run_before(text, min(target.start, target.gene_start), slot[0])
        if after is not None:
            return _StatusWords(*after, "the words after a change no status words read ('detected' by default)", lead)
        if lead is not None:
            return _StatusWords(*lead, "the words before a change no status words read ('detected' by default)")
        return None

    def _attributes(self, target: _Target, fired: list[Trigger],
                    row_end: int | None = None) -> tuple[dict[str, Any], list[str], list[str], Trigger | None]:
        """Nearest trigger per attribute wins; on a tie the earlier category of ``status_priority`` (a
        category it does not list ranks last; among equals the first trigger found stays). The cells after a
        change up to ``row_end`` (the next change or gene, else the line's end) are its record's, all as near:
        'ATM  p.R337C  45%  Detected  VUS' is a VUS, as 'ATM  p.R337C  45%  VUS  Detected' was (the nearer
        'Detected' cell made it detected); so are the cells among those it is read from ('NRAS c.181C>A Detected
        Tier III p.Gln61Lys' was detected). Also the repairs of the garbled cells that decided something,
        and the trigger that set the status."""
        chosen: dict[str, tuple[tuple[int, int], Trigger]] = {}
        for trig in fired:
            # a cell among the cells the change is read from ('NRAS c.181C>A Detected Tier III p.Gln61Lys') is as near
            own_cell = trig.cell and ((row_end is not None and target.end <= trig.start and trig.end <= row_end)
                                      or target.start <= trig.start and trig.end <= target.end)
            distance = 0 if own_cell else target.distance(trig)
            rank = (distance, self.status_rank.get(trig.rule.category, len(self.status_rank)))
            for key in self.category_attributes[trig.rule.category]:
                if key not in chosen or rank < chosen[key][0]:
                    chosen[key] = (rank, trig)
        attributes = {k: self.category_attributes[t.rule.category][k] for k, (_, t) in chosen.items()}
        notes = [f"{t.rule.category} '{t.rule.literal}' at {t.start} -> {k}={attributes[k]}" for k, (_, t) in chosen.items()]
        read_as = list(dict.fromkeys(t.repair for _, t in chosen.values() if t.repair))
        return attributes, notes, read_as, chosen["status"][1] if "status" in chosen else None


def _kit_group_words(text: str, group: tuple[int, int], words: _StatusWords | None,
                     notes: list[str]) -> _StatusWords:
    """The status words of a change one result answers for with its kit group, their reading saying why it
    is indeterminate (the group itself where no words were read); the reason is added to ``notes``."""
    notes.append(f"one result answers for the kit group '{text[slice(*group)]}': it does not say which change "
                 "is present -> status=indeterminate (a person must look)")
    read = words or _StatusWords(*group, "")
    return _StatusWords(read.start, read.end, "; ".join(filter(None, (read.how, notes[-1]))))


def _status_rank(priority: list[str], category_attributes: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Each status category's place in ``status_priority``; every category that sets a status must be listed
    (a tie between two unlisted ones would fall back to the order the triggers were found in)."""
    setting = {c for c, attributes in category_attributes.items() if "status" in attributes}
    unknown, missing = set(priority) - set(category_attributes), setting - set(priority)
    if unknown or missing or len(set(priority)) != len(priority):
        raise KnowledgeError(str(knowledge_path(_FILE)), f"status_priority: unknown {sorted(unknown)}, "
                             f"missing {sorted(missing)}, or a category listed twice")
    return {category: rank for rank, category in enumerate(priority)}


def _validated_rules(rules_by_lang: dict[str, list[dict[str, Any]]], categories: set[str]) -> tuple[ContextRule, ...]:
    path = str(knowledge_path(_FILE))
    out = []
    seen: set[str] = set()
    for lang, rules in rules_by_lang.items():
        for i, raw in enumerate(rules):
            where = f"rules.{lang}[{i}]"
            # A trigger is found by its words: a second rule with the same words would silently replace the first.
            if str(raw.get("literal", "")).lower() in seen:
                raise KnowledgeError(path, f"{where}: literal {raw['literal']!r} already has a rule")
            seen.add(str(raw.get("literal", "")).lower())
            if set(raw) - _ALLOWED_KEYS:
                raise KnowledgeError(path, f"{where}: unknown keys {sorted(set(raw) - _ALLOWED_KEYS)}")
            if _REQUIRED_KEYS - set(raw):
                raise KnowledgeError(path, f"{where}: missing keys {sorted(_REQUIRED_KEYS - set(raw))}")
            if raw["category"] not in categories or raw["direction"] not in _DIRECTIONS:
                raise KnowledgeError(path, f"{where}: bad category or direction")
            out.append(ContextRule(raw["literal"], raw["category"], raw["direction"], int(raw["max_scope"]),
                                   tuple(raw.get("terminated_by", ())), bool(raw.get("crosses_targets", False)),
                                   bool(raw.get("applies_to_lists", False))))
    return tuple(out)


def _alternation(rules: tuple[ContextRule, ...]) -> re.Pattern[str]:
    """The trigger pattern as a flat alternation, longest literal first (tests check the trie against it)."""
    literals = sorted({r.literal for r in rules}, key=len, reverse=True)
    parts = [rf"{WORD_START}{re.escape(lit)}{WORD_END}" if lit[0].isascii() else re.escape(lit) for lit in literals]
    return re.compile("|".join(parts), re.IGNORECASE)


def _as_cell(trig: Trigger, direction: str, max_scope: int) -> Trigger:
    """A status literal read as a cell of its row: toward the row's change only, as far as ``max_scope``, over no
    other change and past no terminator (a table row's cells answer for its change)."""
    return dataclasses.replace(trig, cell=True, rule=dataclasses.replace(
        trig.rule, direction=direction, max_scope=max_scope, terminated_by=(), crosses_targets=False))


def _target(index: int, mention: Mention) -> _Target:
    start, end = mention.attrs.get("anchor", (mention.start, mention.end))
    gene = mention.value.get("gene") if isinstance(mention.value, dict) else mention.value
    gene_start, gene_end = mention.attrs.get("gene_span", (start, start))
    whole_gene = mention.field == "variant" and mention.value.get("kind") == "mutation"
    return _Target(index, start, end, gene, gene_start, gene_end, whole_gene)


def _trigger_how(trig: Trigger) -> str:
    """What read a trigger's words as a status, for the evidence ('NEGATED_EXISTENCE '未检出'' and any repair)."""
    return f"{trig.rule.category} '{trig.rule.literal}'" + (f" ({trig.repair})" if trig.repair else "")


def _header_span(text: str, section: Section) -> tuple[int, int]:
    """The header's own words (without the line break or colon after it), else the whole header span."""
    at = text.find(section.header, section.start, section.body_start)
    return (at, at + len(section.header)) if at >= 0 else (section.start, section.body_start)


def _slot_layout(line: list[_Target]) -> tuple[list[tuple[int, int]], list[int]]:
    """Where a line's changes and genes start, each with where a gene-level reading of it starts (else the
    position itself), and where its changes end, each sorted."""
    def begins(o: _Target, p: int) -> int:
        return min(o.start, o.gene_start) if o.whole_gene else p

    return sorted((p, begins(o, p)) for o in line for p in (o.start, o.gene_start)), sorted(o.end for o in line)


def _next_reading(edges: list[tuple[int, int]], at: int, default: int) -> int:
    """Where the next change or gene starts at or after ``at``, else ``default``; not a gene-level reading that
    began before ``at``: it reads the same words whole ('EGFR L858R突变', its anchor on '突变'), and it ended
    the slot of 'L858R' before its '（-）', which was read as detected."""
    index = bisect_left(edges, (at, -1))
    while index < len(edges) and edges[index][1] < at:
        index += 1
    return edges[index][0] if index < len(edges) else default


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _group_by_line(text: str, targets: list[_Target]) -> dict[int, list[_Target]]:
    groups: dict[int, list[_Target]] = {}
    for target in targets:
        groups.setdefault(_line_bounds(text, target.start, target.end)[0], []).append(target)
    return groups


def _applies(trig: Trigger, target: _Target, text: str, line_targets: list[_Target]) -> bool:
    rule = trig.rule
    if trig.end <= target.start:
        if rule.direction == "backward":
            return False
        gap = (trig.end, target.start)
    elif trig.start >= target.end:
        if rule.direction == "forward":
            return False
        gap = (target.end, trig.start)
    else:
        return False  # a trigger inside the target's own words
    between = text[gap[0]:gap[1]]
    if rule.applies_to_lists and trig.start >= target.end and _GENE_LIST.fullmatch(between):
        return True  # "EGFR, ALK, ROS1 (Negative)": the trigger covers the whole list
    if target.distance(trig) > rule.max_scope:
        return False
    between = _BRACKETED.sub("", _outside_own_bracket(text, target, between, trig.start >= target.end))
    if rule.terminated_by and _terminators(rule.terminated_by).search(between):
        return False
    if not rule.crosses_targets:
        return not any(o.gene != target.gene and gap[0] <= o.start and o.end <= gap[1] for o in line_targets)
    return True


@lru_cache(maxsize=64)
def _terminators(terms: tuple[str, ...]) -> re.Pattern[str]:
    """What ends a rule's scope. A '.' or ',' between two digits is a number's decimal point or thousands
    separator, not a sentence's or clause's end: a VAF, depth or transcript cell between a change and its
    status cell ('KRAS  p.G12C  0.0%  1,523  Not detected') must not cut the row (it left the change
    'detected'). Latin words end a scope as whole words ('but', not the 'but' inside 'attribute')."""
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        escaped = re.escape(term)
        if term in _NUMBER_SEPARATORS:
            parts.append(rf"(?<!\d){escaped}|{escaped}(?!\d)")
        elif term.isascii() and term.isalpha():
            parts.append(rf"\b{escaped}\b")
        else:
            parts.append(escaped)
    return re.compile("|".join(parts), re.IGNORECASE)


def _measured_short(mention: Mention) -> str | None:
    """Why a change's own measure says it was not found, if it does: an amplification whose copy number is below
    the least an amplification has ('ERBB2 amplification (copy number 2.1)'; ``variant_patterns.json``
    amplification_min_copy_number), or an allele fraction of 0% or only below the assay's floor ('EGFR L858R
    0.00%', 'T790M 突变丰度 <0.1%'). Such a change is never 'detected' by default."""
    value = mention.value
    copies, least = value.get("copy_number"), variant_config()["amplification_min_copy_number"]
    if value.get("alteration") == "amplification" and copies is not None and copies < least:
        return f"copy number {copies} is below an amplification's {least}"
    if value.get("vaf") == 0 or mention.attrs.get("vaf_below"):
        return f"allele fraction {mention.attrs.get('vaf_below') or '0%'}"
    return None


def _restates_a_literal(reading: SlotReading, status: list[Trigger]) -> bool:
    """Whether the reading is of the very literal the rules read inside its words, spacing and hyphens aside
    ('2000x NEGATIVE': the depth's unit and 'NEGATIVE' read as one garbled 'negative'; 'N/A  Wild type': the 'A'
    and 'Wild type' read as a garbled 'wild-type'): the literal says it already, and as a cell of the row it
    answers for a change the slot reading cannot reach (the reading took its place and the change kept the
    default 'detected')."""
    said = _letters_of(reading.literal)
    return any(reading.start <= t.start and t.end <= reading.end and _letters_of(t.rule.literal) == said for t in status)


def _letters_of(literal: str) -> str:
    """A literal's letters and digits, lower case: 'Wild-type' and 'wild type' are one literal."""
    return "".join(ch for ch in literal.lower() if ch.isalnum())


def _inside_a_longer_literal(reading: SlotReading, found: list[Trigger]) -> bool:
    """Whether the reading's words lie inside a longer literal the rules read, of any category: the rules read
    leftmost-longest, and '疑似' at the head of '疑似胚系' (suspected germline: the origin unsettled, the change
    found) is no status of its own (it made such a change indeterminate)."""
    return any(t.start <= reading.start and reading.end <= t.end and t.end - t.start > reading.end - reading.start
               for t in found)


def _cuts_a_literal(reading: SlotReading, status: list[Trigger]) -> bool:
    """Whether the reading's words overlap a status literal the rules read without holding all of it."""
    return any(t.start < reading.end and reading.start < t.end and not (reading.start <= t.start and t.end <= reading.end)
               for t in status)


def _shares_words(trig: Trigger, target: _Target) -> bool:
    """Whether the trigger and the change share their words, so that no scope rule lets the one reach the other:
    the trigger's words hold the change's (the model located a change at 'mutation' in 'PIK3CA<tab>p.His1047Arg
    <tab>No mutation', read as 'PIK3CA mutation'), or a status cell stands inside the change's span, between
    the cells it was read from ('EGFR  p.L858R  Negative  c.2573T>G'). Both were left 'detected'."""
    if target.start >= target.end:
        return False
    holds = trig.start <= target.start and target.end <= trig.end
    return holds or (trig.cell and target.start < trig.start and trig.end < target.end)


def _outside_own_bracket(text: str, target: _Target, between: str, trigger_after: bool) -> str:
    """``between`` without the rest of the bracket the target sits in ("（20-ins，3种）")."""
    inside = _OPENS_BEFORE.search(text, max(0, target.start - 40), target.start) and _CLOSES_AFTER.match(
        text[target.end : target.end + 41]
    )
    if not inside:
        return between
    return _CLOSES_AFTER.sub("", between, count=1) if trigger_after else _OPENS_BEFORE.sub("", between, count=1)


@lru_cache(maxsize=1)
def context_engine() -> ContextEngine:
    """The process-wide engine (rules compiled once)."""
    return ContextEngine()
