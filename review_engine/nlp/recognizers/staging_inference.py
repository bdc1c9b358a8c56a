"""T and N categories inferred from what a pathology report measures, where it states none.

Tumour size, invaded structures and positive/examined node counts are read with the patterns in
``knowledge/nlp/staging/inference_patterns.yaml`` and mapped to a category per organ with the AJCC
tables in ``knowledge/staging/inference.yaml`` (via ``normalize.tnm``). Each derived category is a
pair of mentions (``staging.t`` + ``staging.t_derived``) whose span is the words it rests on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import Any

from review_engine.nlp import read_data_file
from review_engine.nlp.mentions import Mention
from review_engine.nlp.normalize import tnm
from review_engine.nlp.recognizers.scan import (
    TriggeredPattern,
    TriggerScan,
    compile_pattern,
    trigger_regex,
)
from review_engine.settings import knowledge_dir
from review_engine.stage_tables import staging_edition

# A report states its measurements a few times; past this many regex matches the text is hostile.
MAX_MATCHES = 200
CATEGORY_FIELDS = {"T": "staging.t", "N": "staging.n", "M": "staging.m"}
UNASSESSED = frozenset({"TX", "NX"})  # categories that say the tumour or nodes cannot be assessed
_WHERE = "knowledge/nlp/staging/inference_patterns.yaml"
# How far after a finding its negation is read: room for a short list whose verb is negated ("renal
# sinus invasion or angiolymphatic invasion are not identified"); each pattern bounds its own reach.
_AFTER_CHARS = 70
# How far before a finding its negation is read: room for an "or" list that a negation opens ("do
# not show any evidence of invading into the fat or through the capsule"); each pattern of
# negation_before bounds its own reach (most read 35 characters back); room too for a negated verb
# whose infinitive names the finding further on, and for an in-situ lesion or an infiltrate as the
# finding's subject.
_BEFORE_CHARS = 80
# Whitespace runs read as one separator: line ends with spaces before them ("renal \n capsule", in
# half of the scanned reports), and runs of spaces that align a checklist's columns.
_WHITESPACE_RUN = re.compile(r"[^\S\n]*\n\s*|[^\S\n]{2,}")
_TWO_SPACES = re.compile(r"\s\s")  # a fast test that a text holds no run to collapse
# How far before a size whose subject is 'it' its antecedent is looked for (three sentences), and
# how far after it the rest of its sentence is read.
_ANTECEDENT_CHARS = 400
# Characters past a size that are read for a node station or a node ('... in the level 3 and 4
# areas of the right neck dissection which appears to represent a mass of matted lymph nodes').
_NODE_AFTER_CHARS = 140
# How far before a size the label of the specimen that holds it is looked for: a gross paragraph's
# label and the few sentences of its description before the size.
_SPECIMEN_CHARS = 500
# How far around a denial its side is looked for, on its line: "left parametrium: negative",
# "no parametrial involvement on the right".
_SIDE_BEFORE, _SIDE_AFTER = 25, 20
# Characters past a finding's start that the legend test reads: room for "Solitary tumor".
_LEGEND_WORDS_AFTER = 20


class _Collapsed:
    """A report's text with each whitespace run read as one newline (if it holds one) or one space,
    so that a pattern's single separator spans an OCR line end; offsets map back to the report."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        self._ends: list[int] = []  # where each collapsed run ends in the collapsed text
        self._shifts: list[int] = []  # characters removed up to and including that run
        self._starts: list[tuple[int, int]] = []  # (collapsed, original) start of each run
        last, removed = 0, 0
        runs = _WHITESPACE_RUN.finditer(text) if _TWO_SPACES.search(text) else iter(())
        for run in runs:
            if run.end() - run.start() == 1:
                continue
            separator = "\n" if "\n" in run.group() else " "
            parts += [text[last : run.start()], separator]
            at = run.start() - removed
            self._starts.append((at, run.start()))
            removed += run.end() - run.start() - 1
            self._ends.append(at + 1)
            self._shifts.append(removed)
            last = run.end()
        self.changed = bool(self._ends)
        self.text = "".join(parts) + text[last:] if self.changed else text

    def origin(self, at: int) -> int:
        """The report offset of a collapsed-text offset (a collapsed run maps to its start)."""
        runs = bisect_right(self._ends, at)
        if runs and at < self._ends[runs - 1]:
            return self._starts[runs - 1][1]
        return at + (self._shifts[runs - 1] if runs else 0)


@dataclass(frozen=True)
class _Evidence:
    """What a derived category rests on: the category, the span of the words, and how it was read."""

    category: str
    start: int
    end: int
    name: str
    score: float
    attrs: dict[str, Any]
    repairs: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Rule(TriggeredPattern):
    """A measurement pattern: its trigger words (kept for the one-pass pre-scan), whether a negation
    around it is checked, whether its size context spans a sentence across OCR line breaks, and
    whether it reads any object's size (a specimen named before it then owns the size), and whether
    its subject is a pronoun whose antecedent must be the tumour ('It measures 55 mm')."""

    words: tuple[str, ...] = ()
    negation_checked: bool = True
    sentence_context: bool = False
    any_object: bool = False
    antecedent: bool = False


@dataclass(frozen=True)
class _Category:
    """A T category, per AJCC edition where editions differ (None: the finding decides nothing in
    that edition, e.g. peripancreatic fat under AJCC 8th)."""

    t: str | None
    by_edition: dict[str, str | None]

    def at(self, edition: str | None) -> str | None:
        if edition and edition != staging_edition() and edition in self.by_edition:
            return self.by_edition[edition]
        return self.t

    @classmethod
    def read(cls, spec: dict[str, Any]) -> _Category:
        return cls(spec.get("t"), dict(spec.get("by_edition", {})))


@dataclass(frozen=True)
class _InvasionRule:
    """An invaded structure (or tumour count) and the T it means; ``above`` is the T it means when
    the tumour is larger than ``above_cm`` (liver: multiple tumours, one over 5 cm, is T3), and
    ``up_to`` the T when a size read is at most ``up_to_cm`` (liver, AJCC 8th: a solitary tumour of
    2 cm or less is T1a with or without vascular invasion); ``denies``, the name of the rule whose
    findings this rule's words, where they name no side, deny (cervix: parametria free)."""

    category: _Category
    rule: _Rule
    above_cm: float | None = None
    above: _Category | None = None
    up_to_cm: float | None = None
    up_to: _Category | None = None
    denies: str | None = None

    def at(self, edition: str | None, size_cm: float | None) -> str | None:
        if self.above and self.above_cm is not None and size_cm and size_cm > self.above_cm:
            return self.above.at(edition)
        if self.up_to and self.up_to_cm is not None and size_cm and size_cm <= self.up_to_cm:
            return self.up_to.at(edition)
        return self.category.at(edition)


@dataclass(frozen=True)
class _SeparateSpecimens:
    """Specimen labels that open a diagnosis of the organ ('Liver, left lobe, excision: ...'), and per
    organ the carcinoma whose diagnosis in two or more of them is multiple tumours, with the T."""

    label: _Rule
    location: re.Pattern[str]
    by_site: dict[str, _InvasionRule]

    def parts(self, label: str) -> frozenset[str]:
        """The parts of the organ a label names, a Roman segment number read as its digits."""
        return frozenset(_arabic(m.group()) for m in self.location.finditer(label.lower()))


@dataclass(frozen=True)
class _SizeNotDecisive:
    """The words of an organ's subsites whose T size does not decide, those of the subsites where it
    does (decisive when not fewer), and the words that place the tumour itself in such a subsite."""

    words: re.Pattern[str]
    unless_more: re.Pattern[str] | None
    unless_primary: re.Pattern[str] | None


@dataclass(frozen=True)
class _Inference:
    sizes: tuple[_Rule, ...]
    depths: tuple[_Rule, ...]
    units_cm: dict[str, float]
    dimension_digit_ocr: dict[str, str]
    node_counts: tuple[_Rule, ...]
    negation_before: re.Pattern[str]
    negation_after: re.Pattern[str]
    non_invasive_subject: re.Pattern[str]
    checklist_answer_end: re.Pattern[str]
    checklist_item_start: re.Pattern[str]
    item_answer_after: re.Pattern[str]
    invasion: dict[str, tuple[_InvasionRule, ...]]
    denial_side: re.Pattern[str]
    size_not_decisive: dict[str, _SizeNotDecisive]
    max_tumour_cm: float
    legend_line: re.Pattern[str]
    size_not_after: re.Pattern[str]
    size_not_after_sentence: re.Pattern[str]
    size_not_after_specimen: re.Pattern[str]
    size_not_after_specimen_sentence: re.Pattern[str]
    weight_line: re.Pattern[str]
    distance_before: re.Pattern[str]
    distance_before_sentence: re.Pattern[str]
    measured_words: re.Pattern[str]
    size_in_other_organ: dict[str, re.Pattern[str]]
    tumour_antecedent: re.Pattern[str]
    antecedent_not_after: re.Pattern[str]
    node_after: re.Pattern[str]
    neck_specimen_before: re.Pattern[str]
    stated_min_score: float
    figo_stage: _Rule
    figo_to_t: dict[str, dict[str, str]]
    separate_specimens: _SeparateSpecimens


@lru_cache(maxsize=1)
def _inference() -> _Inference:
    data = read_data_file(knowledge_dir() / "nlp/staging/inference_patterns.yaml")
    where, flags = _WHERE, re.IGNORECASE

    def named(spec: dict[str, Any], triggers: list[str] | None = None) -> _Rule:
        source = spec["regex"].replace("{dimensions}", data["dimensions"])
        for fragment, text in data["fragments"].items():
            source = source.replace(f"{{{fragment}}}", text)
        words = tuple(triggers or spec["triggers"])
        return _Rule.from_spec(
            spec,
            compile_pattern(source, where, flags),
            list(words),
            default_score=0.8,
            words=words,
            negation_checked=bool(spec.get("negation_checked", True)),
            sentence_context=bool(spec.get("sentence_context", False)),
            any_object=bool(spec.get("any_object", False)),
            antecedent=bool(spec.get("antecedent", False)),
        )

    def invasion_rule(spec: dict[str, Any], site: str) -> _InvasionRule:
        above, up_to = spec.get("above"), spec.get("up_to")
        return _InvasionRule(
            _Category.read(spec),
            named(spec, data["invasion_triggers"][site]),
            float(above["cm"]) if above else None,
            _Category.read(above) if above else None,
            float(up_to["cm"]) if up_to else None,
            _Category.read(up_to) if up_to else None,
            spec.get("denies"),
        )

    invasion = {
        site: tuple(invasion_rule(spec, site) for spec in rules)
        for site, rules in data["invasion"].items()
    }
    specimens = data["separate_specimens"]
    label = named({"name": "specimen_label", "regex": specimens["label"], **specimens})
    return _Inference(
        tuple(named(s) for s in data["size_contexts"]),
        tuple(named(s) for s in data["depth_contexts"]),
        {k: float(v) for k, v in data["units_cm"].items()},
        {str(k): str(v) for k, v in data["dimension_digit_ocr"].items()},
        tuple(named(s) for s in data["node_counts"]),
        compile_pattern(data["negation_before"], where, flags),
        compile_pattern(data["negation_after"], where, flags),
        compile_pattern(data["non_invasive_subject"], where, flags),
        compile_pattern(data["checklist_answer_end"], where, flags),
        compile_pattern(data["checklist_item_start"], where, flags),
        compile_pattern(data["item_answer_after"], where, flags),
        invasion,
        compile_pattern(data["denial_side"], where, flags),
        {
            site: _SizeNotDecisive(
                trigger_regex(spec["words"]),
                trigger_regex(spec["unless_more"]) if spec.get("unless_more") else None,
                compile_pattern(spec["unless_primary"], where, flags)
                if spec.get("unless_primary")
                else None,
            )
            for site, spec in data["size_not_decisive"].items()
        },
        float(data["max_tumour_cm"]),
        compile_pattern(data["legend_line"], where, flags),
        compile_pattern(data["size_not_after"], where, flags),
        compile_pattern(data["size_not_after_sentence"], where, flags),
        compile_pattern(_with_organs(data, "size_not_after_specimen"), where, flags),
        compile_pattern(_with_organs(data, "size_not_after_specimen_sentence"), where, flags),
        compile_pattern(data["weight_line"], where, flags),
        compile_pattern(data["distance_before"], where, flags),
        compile_pattern(data["distance_before_sentence"], where, flags),
        compile_pattern(data["measured_words"], where, flags),
        {
            site: compile_pattern(
                data["size_in_other_organ_before"].replace("{organ}", organs), where, flags
            )
            for site, organs in data["size_in_other_organ"].items()
        },
        compile_pattern(data["tumour_antecedent"], where, flags),
        compile_pattern(data["antecedent_not_after"], where, flags),
        compile_pattern(data["node_after"], where, flags),
        compile_pattern(data["neck_specimen_before"], where, flags),
        float(data["stated_min_score"]),
        named(data["figo_stage"]),
        {
            site: {str(stage): str(t) for stage, t in table.items()}
            for site, table in read_data_file(knowledge_dir() / "staging/inference.yaml")[
                "figo_to_t"
            ].items()
        },
        _SeparateSpecimens(
            label,
            compile_pattern(specimens["label_location"], where, flags),
            {
                site: invasion_rule({**spec, "triggers": specimens["triggers"]}, site)
                for site, spec in specimens["sites"].items()
            },
        ),
    )


def _with_organs(data: dict[str, Any], key: str) -> str:
    """The pattern under ``key`` with ``{specimen_organ}`` read as any of the specimen organ nouns."""
    organs = "|".join(re.escape(str(o)).replace("\\ ", "\\s") for o in data["specimen_organs"])
    return str(data[key]).replace("{specimen_organ}", f"(?:{organs})")


_MORE_THAN_CM = 0.01  # "> 3 cm" is read as 3.01 cm: above the bound the number names
_DIMENSION_SEPARATOR = re.compile(r"[x×X*K]")  # "11 x 6.5 x 8": a size of several dimensions
_ROMAN = {"i": 1, "v": 5, "x": 10}


def _arabic(token: str) -> str:
    """A Roman numeral as its digits ('vii' -> '7', OCR's 'vl' -> '6'); any other token as it is."""
    token = token.replace("l", "i") if token[:1] in _ROMAN else token
    if not token or any(c not in _ROMAN for c in token):
        return token
    values = [_ROMAN[c] for c in token]
    total = sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))
    return str(total)


def _greatest_dimension_cm(match: re.Match[str]) -> float:
    dims = _dimension_digits(match.group("dims"))[0]
    numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", dims)]
    size = max(numbers) * _inference().units_cm[match.group("unit").lower()]
    return size + _MORE_THAN_CM if match.groupdict().get("cmp") else size


def _dimension_digits(dims: str) -> tuple[str, tuple[str, ...]]:
    """A dimensions group as digits: spaces dropped, a decimal comma read as a point, and the
    letters OCR reads for digits ('3S' -> '35') replaced, each recorded as a repair."""
    dims = re.sub(r"\s", "", dims).replace(",", ".")
    repairs = tuple(
        f"{letter}->{digit} in {dims}"
        for letter, digit in _inference().dimension_digit_ocr.items()
        if letter in dims
    )
    for letter, digit in _inference().dimension_digit_ocr.items():
        dims = dims.replace(letter, digit)
    return dims, repairs


def _in_legend(text: str, start: int) -> bool:
    """Whether the words stand in a printed list of T definitions ('pT4: Tumor with direct invasion
    of adjacent organs'), which says what a category means, not what this tumour does: on a line
    that opens with a category, or on the line that continues one. A few characters past the
    finding's start are read too: a garbled category is known by the definition words that follow
    its colon, which may be the finding's own ('T?: Multiple tumors')."""
    legend = _inference().legend_line
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    if legend.search(text[max(line_start, start - 200) : start + _LEGEND_WORDS_AFTER]):
        return True
    if line_start == 0 or start - line_start > 200:
        return False
    previous = text.rfind("\n", max(0, line_start - 201), line_start - 1) + 1
    return bool(legend.search(text[previous : line_start - 1]))


def legend_lines(text: str, start: int, end: int) -> int:
    """How many lines opening in text[start:end] open a printed T definition ('pT1: Tumor 2 cm or
    less', 'T?: Solitary tumor ...'), OCR-garbled categories included: three or more are a printed
    list of options, whose definitions state nothing of this tumour."""
    legend = _inference().legend_line
    at, stop, count = max(0, start), min(len(text), end), 0
    if at > 0 and text[at - 1] != "\n":
        at = text.find("\n", at, stop) + 1 or stop
    while at < stop:
        count += bool(legend.search(text[at : at + 200]))
        at = text.find("\n", at, stop) + 1 or stop
    return count


def _not_tumour_size(text: str, match: re.Match[str], rule: _Rule, site: str | None = None) -> bool:
    """A size in a T-definitions list, or read on a line (with ``sentence_context``, in a sentence
    across OCR line breaks) about nodes or fragments; for a pattern that reads any object's size,
    about the specimen; of a mass another organ resected with the staged one holds ('the adrenal
    gland has a 7.5 cm mass'); or, a single number, a margin's distance (a size of two or three
    dimensions is none, nor a number the pattern's own words say is measured: 'within 10 mm of the
    margin, a pale tumour measuring 35 mm'); or whose own sentence goes on to place it in a node
    station or to call it a node ('a 5.0 cm tumor mass in the level 3 and 4 areas of the right neck
    ... which appears to represent a mass of matted lymph nodes'); or that the gross description
    gives under a specimen labelled as a level of the neck ('labeled ... "level 3 left neck" ... An
    exposed partly friable solid tumor on the surface measures 5 x 2 x 2.9 cm')."""
    start = match.start()
    before = text[max(0, start - 100) : start]
    inference = _inference()
    other_organ = inference.size_in_other_organ.get(site or "")
    if other_organ is not None and other_organ.search(text, max(0, start - 160), start):
        return True
    if rule.sentence_context:
        contexts = (inference.size_not_after_sentence, inference.size_not_after_specimen_sentence)
        distance = inference.distance_before_sentence
    else:
        contexts = (inference.size_not_after, inference.size_not_after_specimen)
        distance = inference.distance_before
    read = contexts if rule.any_object else contexts[:1]
    one_number = not _DIMENSION_SEPARATOR.search(match.group("dims"))
    measured = inference.measured_words.search(text, start, match.start("dims"))
    return (
        _in_legend(text, start)
        or any(context.search(before) for context in read)
        or (rule.any_object and _beside_weight_line(text, start))
        or bool(inference.node_after.match(text, match.end(), match.end() + _NODE_AFTER_CHARS))
        or bool(inference.neck_specimen_before.search(text, max(0, start - _SPECIMEN_CHARS), start))
        or (one_number and not measured and bool(distance.search(before)))
    )


def _beside_weight_line(text: str, start: int) -> bool:
    """Whether the line just before or after the size's line opens with a weight label ('Size: 14.5
    x 8 x 7 cm' over 'Weight: 386 g'): what a checklist weighs is the specimen or an organ."""
    weight = _inference().weight_line
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    before = line_start > 0 and weight.match(text, text.rfind("\n", 0, line_start - 1) + 1)
    return bool(before or (line_end >= 0 and weight.match(text, line_end + 1)))


def _tumour_is_subject(text: str, match: re.Match[str]) -> bool:
    """Whether the 'it' a size is given for is the tumour: the last sentences before it open with a
    tumour noun as their subject, the ones between speaking of 'it' too ('The nodule is irregular.
    It has a grey cut surface. It measures 55 mm'), and the size's own sentence names no node ('...
    and represents an involved lymph node')."""
    inference = _inference()
    before = text[max(0, match.start() - _ANTECEDENT_CHARS) : match.start()]
    end = text.find(".", match.end(), match.end() + _ANTECEDENT_CHARS)
    after = text[match.end() : end if end >= 0 else match.end() + _ANTECEDENT_CHARS]
    return bool(
        inference.tumour_antecedent.search(before)
        and not inference.antecedent_not_after.search(after)
    )


def _size_not_decisive(scan: TriggerScan, site: str) -> bool:
    """Whether the report is about a subsite whose T size does not decide (the larynx): its words
    occur, and not fewer times than the words of the subsites where size decides, and no words place
    the tumour itself where size decides (a carcinoma 'of the right pyriform sinus' resected by a
    laryngectomy, whose words name the specimen). A line break is read as the space it replaced
    ('distal common bile\\nduct')."""
    subsites = _inference().size_not_decisive.get(site)
    if subsites is None:
        return False
    text = scan.lowered.replace("\n", " ")
    found = _count(subsites.words, text, scan.max_hits)
    unless = subsites.unless_more
    if found == 0 or (unless is not None and found < _count(unless, text, scan.max_hits)):
        return False
    return subsites.unless_primary is None or not subsites.unless_primary.search(text)


def _count(trigger: re.Pattern[str], text: str, limit: int) -> int:
    return sum(1 for _ in islice(trigger.finditer(text), limit))


def _size_evidence(
    scan: TriggerScan, site: str, edition: str | None, measure: str = "size"
) -> _Evidence | None:
    """The largest tumour size (or depth of invasion) the report gives, as the T category it
    decides at this organ."""
    if _size_not_decisive(scan, site):
        return None
    rules = _inference().sizes if measure == "size" else _inference().depths
    best: tuple[float, float, re.Match[str], _Rule] | None = None
    for size, match, named in _tumour_sizes(scan, rules, site):
        if best is None or (named.score, size) > best[:2]:
            best = (named.score, size, match, named)
    category = tnm.t_from_size(site, best[1], edition, measure) if best else None
    if best is None or category is None:
        return None
    _, size, match, named = best
    attrs = {f"{measure}_cm": size}
    repairs = _dimension_digits(match.group("dims"))[1]
    return _Evidence(category, match.start(), match.end(), named.name, named.score, attrs, repairs)


def _tumour_sizes(
    scan: TriggerScan, rules: tuple[_Rule, ...], site: str | None = None
) -> Iterator[tuple[float, re.Match[str], _Rule]]:
    """(greatest dimension in cm, match, rule) of each size the rules read that is a tumour's: none
    past ``max_tumour_cm``, in a legend, or of nodes, fragments, the specimen, another organ
    resected with the ``site``'s, or a margin."""
    for named in rules:
        for match in named.matches(scan, MAX_MATCHES):
            size = _greatest_dimension_cm(match)
            if named.antecedent and not _tumour_is_subject(scan.text, match):
                continue
            if size <= _inference().max_tumour_cm and not _not_tumour_size(
                scan.text, match, named, site
            ):
                yield size, match, named


def tumour_measured(scan: TriggerScan) -> bool:
    """Whether the report gives a tumour's size: a report that measures its carcinoma has a primary
    tumour, whatever a checklist's garbled mark seems to choose ('_^pT0: No evidence of primary
    tumor')."""
    collapsed = _Collapsed(scan.text)
    scan = TriggerScan(collapsed.text) if collapsed.changed else scan
    return next(_tumour_sizes(scan, _inference().sizes), None) is not None


def _negated(text: str, start: int, end: int) -> bool:
    """Whether a negation stands close before the finding or right after it. The words before are
    read back across OCR line wraps, but not into an earlier line when the finding opens its own
    line and is a checklist item: after an answer that closes the line above ("Portal vein
    invasion: No" says nothing of a "Vascular invasion: Yes" under it), or as a label and its value
    ("Local invasion: Muscularis propria" under a "No in situ carcinoma" answer line). A finding that
    opens its line is a checklist item whose colon OCR may read as a comma ('Parametrial involvement,
    Age=T.'): a lone word that is no affirming answer after that comma negates it too, and so does
    an answer line under it that opens with a negation ('Parametrial involvement\n-No ...')."""
    inference = _inference()
    before = text[max(0, start - _BEFORE_CHARS) : start]
    line_break = before.rfind("\n")
    if (
        line_break >= 0
        and inference.checklist_item_start.search(before[line_break + 1 :])
        and (
            inference.checklist_answer_end.search(before[:line_break])
            or any(colon in text[start:end] for colon in ":：")
        )
    ):
        before = before[line_break + 1 :]
    opens_line = bool(inference.checklist_item_start.search(before[before.rfind("\n") + 1 :]))
    return bool(
        inference.negation_before.search(before)
        or inference.negation_after.search(text[end : end + _AFTER_CHARS])
        or (opens_line and inference.item_answer_after.match(text[end : end + _AFTER_CHARS]))
    )


def _non_invasive_subject(text: str, start: int) -> bool:
    """Whether the finding's subject, right before it, is no invasive carcinoma: an intraepithelial
    lesion ('HSIL, involving the vaginal cuff') or an inflammatory infiltrate ('a lymphocytic
    infiltrate ... that also involve perinephric fat'), whose extent is no invasion."""
    before = text[max(0, start - _BEFORE_CHARS) : start]
    return bool(_inference().non_invasive_subject.search(before))


def _invasion_evidence(
    scan: TriggerScan, site: str, edition: str | None, size_cm: float | None
) -> _Evidence | None:
    """The most advanced invaded structure the report affirms (negated findings are skipped; a rule
    whose own words are a negation, such as 'no extraprostatic extension', is not checked)."""
    best: _Evidence | None = None
    denied = _denied_rules(scan, site)
    for rule in _inference().invasion.get(site, ()):
        category, named = rule.at(edition, size_cm), rule.rule
        if category is None or named.name in denied:
            continue
        for match in named.matches(scan, MAX_MATCHES):
            start, end = match.span()
            if (
                named.negation_checked
                and (_negated(scan.text, start, end) or _non_invasive_subject(scan.text, start))
            ) or _in_legend(scan.text, start):
                continue
            if best is None or tnm.category_rank(category) > tnm.category_rank(best.category):
                best = _Evidence(category, start, end, named.name, named.score, {})
            break
    return best


def _denied_rules(scan: TriggerScan, site: str) -> frozenset[str]:
    """Names of the invasion rules the report's own answer denies: an explicit denial that names no
    side ('without parametrial invasion', 'No parametrial involvement') is the report's word on
    both sides, and outweighs what the denied rule reads elsewhere (a gross impression, 'extending
    into adjacent parametrial tissue'; a block key, 'tumor, involving cervix and parametrium'): pT
    rests on the microscopic finding. A denial of one side ('left parametrium: negative') leaves the
    other side's finding standing."""
    inference, text, denied = _inference(), scan.text, set()
    for rule in inference.invasion.get(site, ()):
        if rule.denies is None:
            continue
        for match in rule.rule.matches(scan, MAX_MATCHES):
            start, end = match.span()
            line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
            stop = end + _SIDE_AFTER if line_end < 0 else min(line_end, end + _SIDE_AFTER)
            sided = inference.denial_side.search(text, max(line_start, start - _SIDE_BEFORE), stop)
            if not sided and not _in_legend(text, start):
                denied.add(rule.denies)
                break
    return frozenset(denied)


def _separate_specimens_evidence(
    scan: TriggerScan, site: str, edition: str | None, size_cm: float | None
) -> _Evidence | None:
    """Multiple tumours where the carcinoma is diagnosed under two or more different specimen labels
    of the organ ('Liver, left lobe, excision: HCC', 'Liver, segment V, excision: HCC'), told apart
    by the parts they name: a label repeated (a report printed twice) is one specimen."""
    specimens = _inference().separate_specimens
    rule = specimens.by_site.get(site)
    if rule is None:
        return None
    diagnosed: dict[frozenset[str], re.Match[str]] = {}
    for label in specimens.label.matches(scan, MAX_MATCHES):
        tumour = rule.rule.regex.search(scan.text, label.end("label"), label.end())
        if tumour is None or _negated(scan.text, *tumour.span()):
            continue
        diagnosed.setdefault(specimens.parts(label.group("label")), tumour)
    category = rule.at(edition, size_cm)
    if len(diagnosed) < 2 or category is None:
        return None
    second = list(diagnosed.values())[1]
    named, attrs = rule.rule, {"specimens": len(diagnosed)}
    return _Evidence(category, second.start(), second.end(), named.name, named.score, attrs)


def _figo_evidence(scan: TriggerScan, site: str) -> _Evidence | None:
    """The T a stated FIGO stage gives at an organ staged by FIGO (cervix: AJCC 8th ch. 52 lists
    each T's FIGO stage), the highest where the report names several; a stage in a printed list
    of definitions is none."""
    inference = _inference()
    table = inference.figo_to_t.get(site)
    if not table:
        return None
    named, best = inference.figo_stage, None
    for match in named.matches(scan, MAX_MATCHES):
        # OCR reads a leading I as 1 or l ('FIGO 1B2'); the pattern takes those only before A/B.
        stage = "I" + match.group("stage")[1:]
        category = table.get(stage)
        if category is None or _in_legend(scan.text, match.start()):
            continue
        if best is None or tnm.category_rank(category) > tnm.category_rank(best.category):
            attrs = {"figo_stage": stage}
            best = _Evidence(category, match.start(), match.end(), named.name, named.score, attrs)
    return best


def _node_evidence(scan: TriggerScan, site: str) -> _Evidence | None:
    """Positive / examined node counts. The count with the most nodes examined is the summary one,
    but never reads fewer positive nodes than another count states: a station list ('第7组 2/2,
    第10组 0/3') must not make node-positive disease N0."""
    counts: list[tuple[int, int, re.Match[str], _Rule]] = []
    for named in _inference().node_counts:
        for match in named.matches(scan, MAX_MATCHES):
            positive, examined = match.group("positive"), int(match.group("examined"))
            count = 0 if positive.lower() in ("no", "none") else int(positive)
            if count <= examined:
                counts.append((count, examined, match, named))
    if not counts:
        return None
    _, examined, match, named = max(counts, key=lambda c: c[1])
    positive = max(c[0] for c in counts)
    category = tnm.n_from_positive_nodes(site, positive)
    if category is None:
        return None
    attrs = {"positive_nodes": positive, "examined_nodes": examined}
    return _Evidence(category, match.start(), match.end(), named.name, named.score, attrs)


def _derived_mentions(letter: str, evidence: _Evidence, collapsed: _Collapsed) -> list[Mention]:
    evidence = replace(
        evidence, start=collapsed.origin(evidence.start), end=collapsed.origin(evidence.end)
    )
    attrs = {"derived": True, **evidence.attrs}
    field = CATEGORY_FIELDS[letter]
    return [
        Mention(
            field,
            evidence.category,
            evidence.start,
            evidence.end,
            evidence.score,
            evidence.name,
            evidence.repairs,
            attrs=attrs,
        ),
        Mention(
            f"{field}_derived",
            True,
            evidence.start,
            evidence.end,
            evidence.score,
            evidence.name,
            evidence.repairs,
            attrs=dict(attrs),
        ),
    ]


def assessed(mention: Mention) -> bool:
    """Whether a category says what the tumour (or the nodes) is: TX and NX say it cannot be
    assessed ('pTX: ... cannot be assessed', stated while bone sections are pending)."""
    return mention.value not in UNASSESSED


def full_score(score: float) -> bool:
    """Whether a category's score is that of a stated one (a bare 'T2' in a clinical history, 0.4,
    is not)."""
    return score >= _inference().stated_min_score


def _stated(mentions: list[Mention], field: str) -> bool:
    # A stated TX stops nothing: the tumour the report measures still has its category.
    return any(
        m.field == field and assessed(m) and full_score(m.attrs.get("stated_score", m.score))
        for m in mentions
    )


@lru_cache(maxsize=1)
def _measurement_trigger() -> re.Pattern[str]:
    """Every inference rule's trigger words in one scanner: one pass tells whether any can apply."""
    inference = _inference()
    rules = (
        *inference.sizes,
        *inference.depths,
        *inference.node_counts,
        *(r.rule for rules in inference.invasion.values() for r in rules),
        inference.figo_stage,
        inference.separate_specimens.label,
    )
    return trigger_regex([w for rule in rules for w in rule.words])


def _has_measurements(scan: TriggerScan) -> bool:
    # Whether any rule can apply: one occurrence says so (a genetic report's digits gave 200 hits).
    return scan.has(_measurement_trigger())


def derived_categories(
    scan: TriggerScan,
    lazy_site: Callable[[], str | None],
    mentions: list[Mention],
    edition: str | None = None,
) -> list[Mention]:
    """T and N the report measures but does not state, per AJCC 8th (or ``edition``) at its organ."""
    if not _has_measurements(scan) or (site := lazy_site()) is None:
        return []
    collapsed = _Collapsed(scan.text)
    if collapsed.changed:
        scan = TriggerScan(collapsed.text)
    derived: list[Mention] = []
    if not _stated(mentions, "staging.t"):
        size = _size_evidence(scan, site, edition)
        size_cm = size.attrs["size_cm"] if size else None
        depth = _size_evidence(scan, site, edition, "depth")
        invasion = _invasion_evidence(scan, site, edition, size_cm)
        specimens = _separate_specimens_evidence(scan, site, edition, size_cm)
        figo = _figo_evidence(scan, site)
        found = [e for e in (size, depth, invasion, specimens, figo) if e]
        if found:
            derived += _derived_mentions(
                "T", max(found, key=lambda e: tnm.category_rank(e.category)), collapsed
            )
    if not _stated(mentions, "staging.n"):
        nodes = _node_evidence(scan, site)
        derived += _derived_mentions("N", nodes, collapsed) if nodes else []
    return derived
