"""ConText rules: validated at load, trigger direction/scope/termination, section defaults."""

from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

from review_engine.errors import KnowledgeError
from review_engine.nlp import load_knowledge
from review_engine.nlp.context import ContextEngine, _alternation, _Target, context_engine


@pytest.mark.parametrize(
    "text, expected",
    [
        ("EGFR L858R 阳性；KRAS G12C 阴性", {"L858R": "detected", "G12C": "not_detected"}),
        ("检测到EGFR L858R突变，未检测到T790M突变", {"L858R": "detected", "T790M": "not_detected"}),
        ("not detected: KRAS G12C, BRAF V600E", {"G12C": "not_detected", "V600E": "not_detected"}),
        ("EGFR L858R 23%, KRAS wild-type", {"L858R": "detected"}),
        ("BRAF V600E negative, EGFR L858R positive", {"V600E": "not_detected", "L858R": "detected"}),
        # Regression: a change read inside brackets, the comma after it ended the row's '野生型' (OCR had
        # turned the 插入 before the bracket into 损入, so only the bracketed '20-ins' was read).
        ("EGFR基因突变检测\n20号外显子损入突变（20-ins，3种）\t野生型\n21号外显子L858R点突变\t突变",
         {"exon20ins": "not_detected", "L858R": "detected"}),
    ],
)
def test_context_status_per_variant(variant_extractor, text: str, expected: dict[str, str]) -> None:
    found = {v.alteration: v.status for v in variant_extractor.extract_text(text, kind="genetic_report").variants}
    assert {k: found.get(k) for k in expected} == expected


def test_context_section_defaults(variant_extractor) -> None:
    text = "未检测到突变的基因\nKRAS、NRAS\n意义未明的变异\nATM p.Ser707Pro\n胚系变异\nBRCA1 c.68_69delAG p.Glu23fs\n"
    found = {(v.gene, v.alteration): (v.status, v.origin) for v in variant_extractor.extract_text(text, kind="genetic_report").variants}
    assert found[("KRAS", "mutation")] == ("not_detected", None)
    assert found[("ATM", "S707P")] == ("vus", "somatic")  # default origin of a tumour report
    assert found[("BRCA1", "E23fs")] == ("detected", "germline")


def test_context_explanation_recorded(variant_extractor) -> None:
    doc = variant_extractor.process("KRAS G12C 未检出")
    variant = next(m for m in doc._.review_mentions if m.field == "variant")
    assert any("未检出" in note for note in variant.attrs["context"])
    span = next(s for s in doc.spans["findings"] if s.label_ == "variant")
    assert span._.status == "not_detected"


def test_stain_named_for_a_change_is_not_a_detected_variant(variant_extractor) -> None:
    # Regression: 'IDH-1 (R132H)' named as an antibody came out as a detected IDH1 R132H.
    text = "Immunohistochemical stains for p53, IDH-1 (R132H) and ATRX were performed on block A2."
    found = {(v.gene, v.alteration): v.status for v in variant_extractor.extract_text(text, kind="pathology_report").variants}
    assert found == {("IDH1", "R132H"): "indeterminate"}  # p53 and ATRX: stains, not gene findings


def test_conflicting_statuses_in_one_report_become_indeterminate(variant_extractor) -> None:
    # Regression: a detected and a not-detected reading of one variant kept 'detected' with a warning only.
    text = "EGFR L858R detected in the tumour sample.\nEGFR L858R negative on repeat testing."
    findings = variant_extractor.extract_text(text, kind="genetic_report")
    assert [(v.gene, v.alteration, v.status) for v in findings.variants] == [("EGFR", "L858R", "indeterminate")]
    assert any("conflicting status for EGFR L858R" in w for w in findings.warnings)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a tie: triggers before and after the change at the same distance, status_priority decides
        # (the positive trigger, found first, used to win both)
        ("检测到KRAS G12C 意义未明", "vus"),
        ("检测到EGFR L858R 检测失败", "indeterminate"),
        # no tie: the nearer trigger wins, whatever its place in status_priority
        ("未检测到 KRAS G12C 阳性", "detected"),
        ("检测到KRAS G12C阴性", "not_detected"),
    ],
)
def test_context_status_priority_breaks_ties(variant_extractor, text: str, expected: str) -> None:
    (variant,) = variant_extractor.extract_text(text, kind="genetic_report").variants
    assert variant.status == expected


def _engine_with(tmp_path, monkeypatch, **changes) -> ContextEngine:
    """A ContextEngine over the shipped rules with some top-level keys replaced."""
    data = {**load_knowledge("context_rules.json"), **changes}
    (tmp_path / "nlp").mkdir()
    (tmp_path / "nlp" / "context_rules.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "nlp" / "ocr_repair.json").write_text(json.dumps(load_knowledge("ocr_repair.json")), encoding="utf-8")
    (tmp_path / "nlp" / "earlier_result.yaml").write_text(json.dumps(load_knowledge("earlier_result.yaml")), encoding="utf-8")
    monkeypatch.setenv("REVIEW_ENGINE_KNOWLEDGE", str(tmp_path))
    load_knowledge.cache_clear()
    try:
        return ContextEngine()
    finally:
        monkeypatch.undo()
        load_knowledge.cache_clear()


def test_context_status_priority_is_read_from_the_data(tmp_path, monkeypatch) -> None:
    # the same tie read with the order reversed: the positive word now wins it
    order = list(reversed(load_knowledge("context_rules.json")["status_priority"]))
    engine = _engine_with(tmp_path, monkeypatch, status_priority=order)
    positive, vus = (next(t for t in context_engine().triggers(w)) for w in ("检测到", "意义未明"))
    target = _Target(0, 8, 12, "KRAS", 3, 7)  # '检测到KRAS G12C 意义未明'
    before, after = replace(positive, start=0, end=3), replace(vus, start=13, end=17)
    assert engine._attributes(target, [before, after])[0] == {"status": "detected"}
    assert context_engine()._attributes(target, [before, after])[0] == {"status": "vus"}


@pytest.mark.parametrize(
    "order",
    [
        # a category that sets a status left out, an unknown one, one listed twice
        ["INDETERMINATE", "NEGATED_EXISTENCE", "UNCERTAIN_SIGNIFICANCE", "POSITIVE_EXISTENCE"],
        ["INDETERMINATE", "NAMED_STAIN", "NEGATED_EXISTENCE", "UNCERTAIN_SIGNIFICANCE", "POSITIVE_EXISTENCE", "MAYBE"],
        ["INDETERMINATE", "NAMED_STAIN", "NEGATED_EXISTENCE", "UNCERTAIN_SIGNIFICANCE", "POSITIVE_EXISTENCE", "INDETERMINATE"],
    ],
)
def test_context_status_priority_validated_at_load(tmp_path, monkeypatch, order: list[str]) -> None:
    with pytest.raises(KnowledgeError, match="status_priority"):
        _engine_with(tmp_path, monkeypatch, status_priority=order)


def _refused(tmp_path, monkeypatch, rules: list[dict], message: str) -> None:
    """ContextEngine refuses these English rules with a KnowledgeError matching ``message``."""
    data = dict(load_knowledge("context_rules.json"))
    data["rules"] = {"en": rules}
    (tmp_path / "nlp").mkdir()
    (tmp_path / "nlp" / "context_rules.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("REVIEW_ENGINE_KNOWLEDGE", str(tmp_path))
    load_knowledge.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=message):
            ContextEngine()
    finally:
        monkeypatch.undo()
        load_knowledge.cache_clear()


@pytest.mark.parametrize(
    "bad_rule",
    [
        {"literal": "x", "category": "NEGATED_EXISTENCE", "direction": "forward", "max_scope": 5, "scope": 3},
        {"literal": "x", "category": "NOT_A_CATEGORY", "direction": "forward", "max_scope": 5},
        {"literal": "x", "category": "NEGATED_EXISTENCE", "direction": "sideways", "max_scope": 5},
        {"literal": "x", "category": "NEGATED_EXISTENCE", "direction": "forward"},
    ],
)
def test_context_rules_validated_at_load(tmp_path, monkeypatch, bad_rule: dict) -> None:
    _refused(tmp_path, monkeypatch, [bad_rule], "context_rules.json")


def test_context_rules_reject_a_second_rule_for_the_same_words(tmp_path, monkeypatch) -> None:
    # A trigger is found by its words, so a second rule for them silently replaced the first.
    twice = {"literal": "wild type", "category": "NEGATED_EXISTENCE", "direction": "backward", "max_scope": 5}
    _refused(tmp_path, monkeypatch, [twice, {**twice, "direction": "forward"}], "already has a rule")


@pytest.mark.parametrize(
    "text",
    [
        # a literal inside a longer one, and a longer one cut short
        "未检测到 检测到 未检测 not detected not detect notdetected",
        # whole Latin words only: the longer literal fails its word end, a shorter one may match
        "WT1 wt no2 No mutation detected; Negative(-) NEGATIVE negatives",
        "",
    ],
)
def test_context_trigger_pattern_finds_what_the_flat_alternation_finds(text: str) -> None:
    engine = context_engine()
    spans = [(m.start(), m.end()) for m in engine._pattern.finditer(text)]
    assert spans == [(m.start(), m.end()) for m in _alternation(engine.rules).finditer(text)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_context_trigger_pattern_same_as_flat_alternation_on_literal_soup(seed: int) -> None:
    engine = context_engine()
    literals = [r.literal for r in engine.rules]
    pieces = literals + [lit.upper() for lit in literals] + [lit[:-1] for lit in literals] + ["a", "1", " ", "\n", "-", "：", "阴"]
    rng = random.Random(seed)
    flat = _alternation(engine.rules)
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 10)))
        assert [m.span() for m in engine._pattern.finditer(text)] == [m.span() for m in flat.finditer(text)], text
