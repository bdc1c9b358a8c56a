"""The model's spans combined with the rule mentions.

A rule reading that a span of an agreeing label overlaps gains confidence, one that only other-label
spans overlap loses some (both in proportion to the model's calibrated score). A span of a label with
a rule normaliser that no rule reading covers becomes a finding through the rule grammar, scored under
the approval floor (``Combination.model_only_factor``); so does a change the rules gave to a gene written
before another gene the model located between them, re-read with the model's gene. ``gate`` keeps only
what the model locates (the ablation's "model alone").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any

from review_engine.nlp.mentions import Mention, replace_mention
from review_engine.nlp.model_config import LabelSpec, ModelConfig
from review_engine.nlp.normalize.ocr_repair import one_edit_from


@dataclass(frozen=True)
class Reading:
    """What a rule normaliser made of a model span the rules missed."""

    value: Any
    repairs: tuple[str, ...] = ()
    score: float = 1.0
    """the rule grammar's own score of the reading"""
    start: int | None = None
    """where the finding starts when not at the span (the gene written before a change)"""
    attrs: dict[str, Any] | None = None
    field: str | None = None
    """the finding's field when not the label's (a status cue's reading is a variant)"""


@dataclass(frozen=True)
class SpanContext:
    """What a normaliser may look at besides the span: the text, the model's spans and the rules'.

    What several spans ask of the whole text (located genes, line breaks, what the rules cover)
    is worked out once per document, so the combination stays linear in the text's length."""

    text: str
    model: list[Mention]
    rules: list[Mention]
    config: ModelConfig

    @cached_property
    def genes(self) -> list[_Gene]:
        """Located genes, ordered by (end, -start): the last one ending before a span is its nearest
        (of one place located twice, the model's GENE span, which ``_located_genes`` lists first)."""
        located = list(enumerate(_located_genes(self)))
        return [g for _, g in sorted(located, key=lambda p: (p[1].end, -p[1].start, -p[0]))]

    @cached_property
    def gene_ends(self) -> list[int]:
        return [g.end for g in self.genes]

    def genes_between(self, start: int, end: int) -> list[_Gene]:
        """Located genes lying wholly inside ``[start, end)``."""
        return [g for g in self.genes[bisect_right(self.gene_ends, start) : bisect_right(self.gene_ends, end)]
                if g.start >= start]

    @cached_property
    def result_words(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the status literals that say a result other than detected ('No mutation'), by start:
        read once over the text, each span then asks by bisection."""
        from review_engine.nlp.context import context_engine

        found = [(a, b) for a, b, status in context_engine().status_literals(self.text)
                 if status != "detected"]
        return [a for a, _ in found], [b for _, b in found]

    def holds_result_words(self, start: int, end: int) -> bool:
        """Whether a status literal that says a result other than detected overlaps ``[start, end)``."""
        starts, ends = self.result_words
        # the last literal starting before the span's end; the literals do not overlap, so their ends come in
        # order too, and no earlier one ends later
        last = bisect_left(starts, end) - 1
        return last >= 0 and ends[last] > start

    @cached_property
    def line_breaks(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    def lines_between(self, start: int, end: int) -> int:
        return bisect_left(self.line_breaks, end) - bisect_left(self.line_breaks, start)

    def covered(self, span: Mention, spec: LabelSpec) -> bool:
        """Whether a rule mention that ``spec``'s label agrees with overlaps ``span``."""
        starts, ends = self._agreeing_cover(spec)
        index = bisect_right(starts, span.start) - 1  # the last merged interval starting at or before the span
        if index >= 0 and ends[index] > span.start:
            return True
        return index + 1 < len(starts) and starts[index + 1] < span.end

    def _agreeing_cover(self, spec: LabelSpec) -> tuple[list[int], list[int]]:
        key = tuple(spec.agrees_with)
        if key not in self._cover:
            merged: list[list[int]] = []
            for rule in sorted((r for r in self.rules if _agrees(r, spec)), key=lambda r: r.start):
                if merged and rule.start < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], rule.end)
                else:
                    merged.append([rule.start, rule.end])
            self._cover[key] = ([a for a, _ in merged], [b for _, b in merged])
        return self._cover[key]

    @cached_property
    def _cover(self) -> dict[tuple[str, ...], tuple[list[int], list[int]]]:
        return {}


def _stage(span: Mention, context: SpanContext) -> Reading | None:
    from review_engine.nlp.normalize.tnm import normalize_stage

    for candidate in (span.value, *_STAGE_TOKEN.findall(span.value)):
        value, repairs = normalize_stage(candidate)
        if value:
            return Reading(value, tuple(repairs))
    return None


_STAGE_TOKEN = re.compile(r"[0-4IVⅠ-Ⅻ]+[A-Ca-c]?[1-3]?")


@dataclass(frozen=True)
class _Gene:
    symbol: str
    start: int
    end: int
    repairs: tuple[str, ...]
    score: float
    """the model's calibrated score of a GENE span; 1.0 for a gene the rules read"""
    via: str = "rules"
    """who located it: ``rules`` (the gene vocabulary) or ``ner_model`` (a GENE span)"""


def _located_genes(context: SpanContext) -> list[_Gene]:
    """Genes located by the model (its GENE spans, read through the rules' gene vocabulary and
    OCR snap) or by the rules (every gene token their vocabulary finds in the text, as the
    variant recognizer sees them: a kit names its gene once, in a title the model does not tag)."""
    from review_engine.nlp.normalize.genes import gene_hits, gene_vocabulary
    from review_engine.nlp.normalize.ocr_repair import fold_width

    vocab, genes = gene_vocabulary(), []
    for span in context.model:
        if span.attrs.get("label") != "GENE":
            continue
        symbol = vocab.normalize(span.value)
        snapped = None if symbol else vocab.snap(span.value)
        if symbol or snapped:
            genes.append(_Gene(symbol or snapped[0], span.start, span.end, () if symbol else (snapped[1],), span.score,
                               "ner_model"))
    for hit in gene_hits(fold_width(context.text)):
        genes.append(_Gene(hit.symbol, hit.start, hit.end, (hit.repair,) if hit.repair else (), 1.0))
    return genes


def _nearest_gene(span: Mention, context: SpanContext) -> _Gene | None:
    """The located gene closest before ``span``, at most ``gene_lookback_lines`` lines above it
    (a results table names the gene once, in a title or a row above its changes)."""
    index = bisect_right(context.gene_ends, span.start) - 1
    if index < 0:
        return None
    gene = context.genes[index]
    lines_between = context.lines_between(gene.end, span.start)
    if lines_between and _names_its_gene_after(span, context):
        return None  # a row that names its own gene after the change ('p.V600E  1523  BRAF'): not the row above's
    return gene if lines_between <= context.config.combination.gene_lookback_lines else None


def _names_its_gene_after(span: Mention, context: SpanContext) -> bool:
    """Whether a located gene stands in ``span`` or after it on its line. A table whose change column comes before
    its gene column had each row's change read with the gene of the row above ('KRAS V600E' from 'p.V600E  1523
    BRAF' under a KRAS row; the span may take in the row's gene: 'p.Q61K  NRAS  阳性'), and as another gene's
    change no status cell of the row reached it: 'detected'."""
    line_end = context.text.find("\n", span.end)
    line_end = len(context.text) if line_end < 0 else line_end
    return bool(context.genes_between(span.start, line_end))


def _variant(span: Mention, context: SpanContext) -> Reading | None:
    """A change the rules did not read (OCR broke the line around it): the rule grammar reads
    '<gene> <span text>' with the nearest located gene, so the value is normalised (HGVS,
    hotspot repairs) exactly as the rules would; ConText later gives it the status on its line.
    Where the grammar reads nothing, a word one edit from a change word ("insestions") is
    read as that word (``Combination.change_words``) and the grammar tries once more."""
    gene = _nearest_gene(span, context)
    # a span that takes in words of a result other than detected is a row's status cell the model took for a change
    # ('KRAS' + 'mutation\nNM_00' out of 'KRAS No mutation'): read as one, the change held the status words, where
    # ConText reads none, and it was detected
    if gene is None or context.holds_result_words(span.start, span.end):
        return None
    readings, word_repairs = _grammar_readings(gene.symbol, span.value), ()
    if not readings:
        repaired, word_repairs = _repaired_words(span.value, context.config.combination.change_words)
        readings = _grammar_readings(gene.symbol, repaired) if word_repairs else []
    if not readings:
        return None
    best = max(readings, key=lambda m: m.score)
    same_line = "\n" not in context.text[gene.end : span.start]
    located = f"change located by the model at {span.start}-{span.end}, gene {gene.symbol} at {gene.start}-{gene.end}"
    # as sure as its least sure part: the change's reading and the gene's location
    return Reading(best.value, (*gene.repairs, *word_repairs, *best.repairs, located), min(best.score, gene.score),
                   start=gene.start if same_line else span.start,
                   attrs={"anchor": (span.start, span.end), "gene_span": (gene.start, gene.end), "gene_via": "ner_model"})


def _grammar_readings(symbol: str, change: str) -> list[Mention]:
    """The rule grammar's readings of '<symbol> <change>' that keep the gene and read a change after it."""
    from review_engine.nlp.recognizers import variants

    return [m for m in variants.find(f"{symbol} {change}")
            if isinstance(m.value, dict) and m.value.get("gene") == symbol and m.end > len(symbol)]


# OCR repair by one edit: only words and literals this long (a short one, "WT" or "no", is one edit
# from too many words).
_ONE_EDIT_MIN = 6
_WORD = re.compile(r"[A-Za-z]+")


def _repaired_words(change: str, words: list[str]) -> tuple[str, tuple[str, ...]]:
    """``change`` with each word that is not a change word but one edit from exactly one read as it."""
    known, repairs = {w.lower() for w in words}, []

    def repair(match: re.Match) -> str:
        word = match.group()
        near = [] if word.lower() in known else one_edit_from(word.lower(), sorted(known), _ONE_EDIT_MIN)
        if len(near) != 1:
            return word
        repairs.append(f"{word}->{near[0]} (one edit from a change word)")
        return near[0]

    return _WORD.sub(repair, change), tuple(repairs)


# A row's status cue OCR broke ("ALK<tab>Wid type") is read as the ConText trigger literal one edit away.
# What may stand between a row's gene and its cue: the table's cell gap, a colon.
_ROW_GAP = re.compile(r"[ \t:：]{1,4}")


def _status_cue(span: Mention, context: SpanContext) -> Reading | None:
    """A gene row whose status words OCR broke ("ALK<tab>Wid type"), so no rule read the row: the cue the
    model located is read as the ConText trigger it is one edit from, and the rule grammar reads
    '<gene> <trigger>' (only what it reads when the words are whole: "wild type", "野生型"). The status
    travels on the reading (``cue_status``): ConText cannot find the broken words on the line."""
    from review_engine.nlp.recognizers import variants

    gene = _nearest_gene(span, context)
    if gene is None or not _ROW_GAP.fullmatch(context.text[gene.end : span.start]):
        return None
    if context.covered(replace(span, start=gene.start), _ROW_READINGS):
        return None  # the rules read this row (the gene or a change on it)
    from review_engine.nlp.context import context_engine

    for literal, status in context_engine().cue_literals(span.value):
        readings = [m for m in variants.find(f"{gene.symbol} {literal}")
                    if isinstance(m.value, dict) and m.value.get("gene") == gene.symbol]
        if readings:
            best = max(readings, key=lambda m: m.score)
            read_as = () if span.value.lower() == literal else (f"status cue '{span.value}' read as '{literal}'",)
            located = f"status cue located by the model at {span.start}-{span.end}, gene {gene.symbol} at {gene.start}-{gene.end}"
            return Reading(best.value, (*gene.repairs, *read_as, located), min(best.score, gene.score), start=gene.start,
                           attrs={"anchor": (span.start, span.end), "gene_span": (gene.start, gene.end),
                                  "gene_via": "ner_model", "cue_status": status}, field="variant")
    return None


_ROW_READINGS = LabelSpec(field="variant", agrees_with=["variant"])
"""What counts as the rules having read a gene row: a variant reading on it (a bare gene mention is
not a reading of the row's status)."""


NORMALISERS: dict[str, Callable[[Mention, SpanContext], Reading | None]] = {
    "stage": _stage, "variant": _variant, "status": _status_cue}
"""Rule normalisers by name (``LabelSpec.normaliser``): a model span the rules missed -> its reading or None."""


def _agrees(rule: Mention, spec: LabelSpec) -> bool:
    return _field_agrees(rule.field, tuple(spec.agrees_with))


@lru_cache(maxsize=1024)
def _field_agrees(field: str, agrees_with: tuple[str, ...]) -> bool:
    return any(field == f or field.startswith(f + ".") for f in agrees_with)


class _Agreement:
    """Which model labels agree with which rule field, each answer worked out once per document
    (a dense page has a few hundred rule mentions of a dozen fields, and two dozen labels)."""

    def __init__(self, config: ModelConfig) -> None:
        self._labels = {label: tuple(spec.agrees_with) for label, spec in config.labels.items()}
        self._answers: dict[tuple[str, str | None], bool] = {}

    def agrees(self, field: str, label: str) -> bool:
        """A span of ``label`` confirms a rule mention of ``field``."""
        key = (field, label)
        if key not in self._answers:
            self._answers[key] = _field_agrees(field, self._labels[label])
        return self._answers[key]

    def any_label(self, field: str) -> bool:
        """Some label confirms ``field`` (the model has a say on it)."""
        key = (field, None)
        if key not in self._answers:
            self._answers[key] = any(_field_agrees(field, agrees) for agrees in self._labels.values())
        return self._answers[key]


def _adjusted(rule: Mention, score: float, cause: str, model: Mention) -> Mention:
    adjustment = {"cause": cause, "model_score": model.score, "model_label": model.attrs["label"],
                  "pattern": model.pattern, "from": rule.score, "to": round(score, 4)}
    attrs = {**rule.attrs, "adjustments": [*rule.attrs.get("adjustments", ()), adjustment]}
    return replace_mention(rule, score=round(score, 4), attrs=attrs)


def _overlapping(rule: Mention, model: list[Mention], ends: list[int]) -> list[Mention]:
    """Model spans overlapping ``rule``; ``model`` is sorted and non-overlapping (as decoded),
    so ``ends`` is sorted too and a bisection finds the first candidate."""
    found = []
    for index in range(bisect_right(ends, rule.start), len(model)):
        if model[index].start >= rule.end:
            break
        found.append(model[index])
    return found


def _judge(rule: Mention, model: list[Mention], ends: list[int], config: ModelConfig, agreement: _Agreement) -> Mention:
    """A rule mention, its score raised when an overlapping model span agrees with it and
    lowered when overlapping model spans all say something else."""
    if not agreement.any_label(rule.field):
        return rule
    # Labels that confirm no rule field (a status cue) say nothing about what the rule read.
    overlapping = [m for m in _overlapping(rule, model, ends) if config.labels[m.attrs["label"]].agrees_with]
    agreeing = [m for m in overlapping if agreement.agrees(rule.field, m.attrs["label"])]
    rules = config.combination
    if agreeing:
        best = max(agreeing, key=lambda m: m.score)
        return _adjusted(rule, rule.score + (1 - rule.score) * rules.agreement_gain * best.score, "ner_model_agreement", best)
    if overlapping:
        # As sure as the model is: a span it barely believes (a stray PATIENT_ID at 0.07 over "IVA期")
        # must not pull a strong rule reading under the approval floor; agreement scales the same way.
        best = max(overlapping, key=lambda m: m.score)
        factor = 1 - (1 - rules.disagreement_factor) * best.score
        return _adjusted(rule, rule.score * factor, "ner_model_disagreement", best)
    return rule


def _reattributed(rule: Mention, context: SpanContext) -> Mention | None:
    """A change the rules gave to a gene written before another gene the model located between the two
    (OCR glued "PIK3CAc.1633G>A E545K", so the gene pattern skipped PIK3CA and the change went to the
    KRAS written before it): the rule grammar re-reads the change with the model's gene. The reading
    is the model's doing, so it is scored as a model-only finding (under the approval floor)."""
    from review_engine.nlp.recognizers import variants

    gene_span, anchor = rule.attrs.get("gene_span"), rule.attrs.get("anchor")
    if rule.field != "variant" or not isinstance(rule.value, dict) or not gene_span or not anchor:
        return None
    between = context.genes_between(gene_span[1], anchor[0])
    seen_by_rules = [g for g in between if g.via == "rules"]
    for gene in between:
        if gene.via != "ner_model" or gene.symbol == rule.value.get("gene"):
            continue
        if gene.score < context.config.combination.model_only_min_score:
            continue
        if any(g.start < gene.end and gene.start < g.end for g in seen_by_rules):
            continue  # the rules' vocabulary saw that gene and their grammar passed over it: its call stands
        snippet = f"{gene.symbol} {context.text[gene.end : rule.end]}"
        readings = [m for m in variants.find(snippet) if isinstance(m.value, dict) and m.value.get("gene") == gene.symbol
                    and m.value.get("alteration") == rule.value.get("alteration")]
        if not readings:
            continue
        best = max(readings, key=lambda m: m.score)
        located = f"gene {gene.symbol} located by the model at {gene.start}-{gene.end}, between {rule.value['gene']} and the change"
        score = round(min(rule.score, best.score, gene.score) * context.config.combination.model_only_factor, 4)
        attrs = {**rule.attrs, "gene_span": (gene.start, gene.end), "gene_via": "ner_model", "model_only": True,
                 "reattributed_from": rule.value.get("gene")}
        return replace(rule, value=best.value, start=gene.start, score=score,
                       repairs=(*gene.repairs, *best.repairs, located), attrs=attrs)
    return None


def _model_only(model: Mention, context: SpanContext) -> Mention | None:
    """A model span no rule mention covers, as a finding when its label's rule normaliser
    reads it; scored below what may support an approval on its own."""
    config = context.config
    spec = config.labels.get(model.attrs["label"])
    if spec is None or spec.normaliser is None or model.score < config.combination.model_only_min_score:
        return None
    if context.covered(model, spec):
        return None
    reading = NORMALISERS[spec.normaliser](model, context)
    if reading is None:
        return None
    score = round(min(model.score, reading.score) * config.combination.model_only_factor, 4)
    attrs = {**model.attrs, **(reading.attrs or {}), "normaliser": spec.normaliser, "model_only": True}
    start = model.start if reading.start is None else reading.start
    return replace(model, field=reading.field or spec.field, value=reading.value, start=start, score=score, repairs=reading.repairs,
                   attrs=attrs)


def combine(rules: list[Mention], model: list[Mention], config: ModelConfig, text: str = "") -> list[Mention]:
    """Rule mentions adjusted by the model (agreement raises, disagreement lowers), then the
    model spans the rules missed that a rule normaliser can read (``text``: what was tagged)."""
    model = sorted((m for m in model if m.attrs.get("label") in config.labels), key=lambda m: m.start)
    ends = [m.end for m in model]
    context = SpanContext(text, model, rules, config)
    agreement = _Agreement(config)
    judged = [_reattributed(rule, context) or _judge(rule, model, ends, config, agreement) for rule in rules]
    extra = [m for m in (_model_only(span, context) for span in model) if m is not None]
    return judged + extra


def gate(rules: list[Mention], model: list[Mention], config: ModelConfig, text: str = "") -> list[Mention]:
    """The model alone decides where findings are: of the fields the model covers, only rule
    readings an agreeing model span overlaps are kept (rules still normalise); fields the
    model does not cover pass unchanged. For the ablation ("model alone")."""
    kept = []
    for mention in combine(rules, model, config, text):
        adjustments = mention.attrs.get("adjustments", ())
        covered = any(_agrees(mention, spec) for spec in config.labels.values())
        agreed = any(a["cause"] == "ner_model_agreement" for a in adjustments)
        if not covered or agreed or mention.attrs.get("model_only"):
            kept.append(mention)
    return kept


MODES: dict[str, Callable[[list[Mention], list[Mention], ModelConfig, str], list[Mention]]] = {
    "combine": combine, "gate": gate,
}
