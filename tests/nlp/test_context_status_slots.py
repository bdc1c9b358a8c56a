"""Status slots: a change's status words that OCR garbled are read as the status, or left indeterminate.

Rows are synthetic. A garbled negative must never leave its change at the default 'detected' with
full confidence; a plain detected row must stay detected.
"""

from __future__ import annotations

import json

import pytest

from review_engine.errors import KnowledgeError
from review_engine.nlp import load_knowledge
from review_engine.nlp.context import ContextEngine, context_engine


def _read(extractor, text: str) -> dict[str, tuple[str, list[str]]]:
    findings = extractor.extract_text(text + "\n", kind="genetic_report")
    return {v.alteration: (v.status, list(v.evidence.repairs if v.evidence else [])) for v in findings.variants}


@pytest.mark.parametrize(
    "row, alteration, literal",
    [
        # garbled negative -> not detected (English)
        ("EGFR T790M\tNegatve (0%)", "T790M", "negative"),  # a cell that also holds a measure
        ("EGFR L861Q\tNegatiue(0.0%)", "L861Q", "negative"),
        ("EGFR T790M Negatve", "T790M", "negative"),  # running text, one space
        ("EGFR L858R Negtive", "L858R", "negative"),
        ("EGFR T790M Ｎｅｇａｔｉｖｅ", "T790M", "negative"),  # full-width letters
        ("KRAS G12C wid type", "G12C", "wild-type"),
        ("KRAS G12C wildtype", "G12C", "wild type"),  # spacing lost
        ("KRAS G12C not  detected", "G12C", "not detected"),  # spacing doubled
        ("KRAS G12C notdetected", "G12C", "not detected"),
        ("KRAS G12C not detectd", "G12C", "not detected"),
        ("KRAS G12C Nat detected", "G12C", "not detected"),  # an OCR confusion of the negation
        ("KRAS G12C Nome detected", "G12C", "none detected"),
        ("KRAS G12C no mutatlon", "G12C", "no mutation"),
        ("BRAF V600E Abscnt", "V600E", "absent"),
        ("EGFR T790M mutation: Negatve", "T790M", "negative"),  # after a column value
        ("Gene: EGFR\nExon 18 G719X (3 types) Negatve", "G719X", "negative"),  # past a bracket
        ("Negatve for KRAS G12C", "G12C", "negative for"),  # before the change
        ("EGFR T790M Nega\ntive", "T790M", "negative"),  # split across a line break
        ("EGFR T790M Not\ndetected", "T790M", "not detected"),
        # garbled negative -> not detected (Chinese)
        ("EGFR T790M 未检侧到", "T790M", "未检测到"),
        ("EGFR T790M未检侧到", "T790M", "未检测到"),  # no space at all
        ("EGFR T790M（未检侧到）", "T790M", "未检测到"),  # full-width brackets
        ("EGFR T790M 末检测到", "T790M", "未检测到"),  # '末' for '未': '检测到' inside no longer decides
        ("EGFR T790M 末检出", "T790M", "未检出"),
        ("EGFR T790M 野生形", "T790M", "野生型"),
        ("EGFR T790M 野生 型", "T790M", "野生型"),
        ("EGFR T790M 无突変", "T790M", "无突变"),
        ("EGFR T790M 阴 性", "T790M", "阴性"),
        ("EGFR T790M 阴\n性", "T790M", "阴性"),
        ("未检侧到EGFR T790M突变", "T790M", "未检测到"),  # before the gene
        ("EGFR基因未检侧到T790M突变", "T790M", "未检测到"),  # between gene and change
        ("未检\n测到EGFR T790M突变", "T790M", "未检测到"),
    ],
)
def test_context_status_slots_garbled_negative_is_read(variant_extractor, row: str, alteration: str, literal: str) -> None:
    status, repairs = _read(variant_extractor, row)[alteration]
    assert status == "not_detected"
    assert any(f"read as '{literal}'" in r for r in repairs), repairs


@pytest.mark.parametrize(
    "row, alteration, status",
    [
        # garbled uncertain or failed status -> read as it
        ("EGFR T790M 意义末明", "T790M", "vus"),
        ("EGFR T790M Uncertain signifcance", "T790M", "vus"),
        ("EGFR T790M lndeterminate", "T790M", "indeterminate"),
    ],
)
def test_context_status_slots_garbled_uncertain_is_read(variant_extractor, row: str, alteration: str, status: str) -> None:
    assert _read(variant_extractor, row)[alteration][0] == status


@pytest.mark.parametrize(
    "row, alteration",
    [
        # unreadable -> indeterminate
        ("EGFR T790M Neguatve", "T790M"),  # two edits from 'negative'
        ("EGFR T790M\tNeguatve (0%)", "T790M"),
        ("EGFR T790M Wild-tpye", "T790M"),
        ("EGFR T790M Nat detectd", "T790M"),
        ("EGFR T790M Nowt detected", "T790M"),  # one edit, but no known OCR confusion of the negation
        ("EGFR T790M No detected", "T790M"),  # 'no' and 'detected' disagree
        ("基因：EGFR\n21号外显子L858R点突变\t阴往 (0%)", "L858R"),  # a two-character term one edit off
        ("EGFR T790M 阴j性", "T790M"),
        ("EGFR T790M（阴住）", "T790M"),
        ("EGFR T790M 明性", "T790M"),  # as near '阳性' as '阴性'
        ("EGFR T790M 野生", "T790M"),
    ],
)
def test_context_status_slots_unreadable_is_indeterminate(variant_extractor, row: str, alteration: str) -> None:
    status, repairs = _read(variant_extractor, row)[alteration]
    assert status == "indeterminate"
    assert any("not readable -> indeterminate" in r for r in repairs), repairs


@pytest.mark.parametrize(
    "row, alteration",
    [
        # detected stays detected
        ("EGFR L858R 23.5%", "L858R"),
        ("EGFR L858R\tDetected (23.5%)", "L858R"),
        ("EGFR L858R 突变", "L858R"),
        ("EGFR L858R 阳性", "L858R"),
        ("EGFR L858R 检测到突变", "L858R"),
        ("EGFR L858R 检出突变", "L858R"),  # one deletion from '未检出突变': no garble
        ("本次检测到EGFR L858R突变", "L858R"),  # '次检测到' is one edit from '未检测到': no known confusion
        ("检出EGFR L858R突变", "L858R"),
        ("EGFR基因L858R突变（丰度23.5%）", "L858R"),
        ("EGFR 21号外显子 L858R 点突变 阳性", "L858R"),
        ("EGFR L858R mutation detected", "L858R"),  # two deletions from 'no mutation detected'
        ("EGFR L858R Mutation Positive", "L858R"),
        ("KRAS G12C mutations", "G12C"),
        ("KRAS G12C detected in 35% of reads", "G12C"),
        ("EGFR T790M now detected", "T790M"),  # a plain word, not a garbled 'not'
        ("EGFR L858R relative abundance 23%", "L858R"),  # a word of its own, two edits from 'negative'
        ("TP53 R273H was identified", "R273H"),
        ("TP53 R273H 致病性", "R273H"),
        # ('良性', one letter from '阴性', is benign: tests/nlp/test_context_benign.py)
        ("EGFR L858R 敏感突变", "L858R"),
        # a code's letters are no words: 'NM' and 'Mutation detected' read as a garbled 'no mutation detected'
        ("PIK3CA p.H1047R NM_006218.4 Mutation detected Tier II", "H1047R"),
        ("PIK3CA p.H1047R 2000x Mutation detected", "H1047R"),
    ],
)
def test_context_status_slots_detected_stays_detected(variant_extractor, row: str, alteration: str) -> None:
    status, repairs = _read(variant_extractor, row)[alteration]
    assert status == "detected"
    assert not any("status words" in r for r in repairs)


@pytest.mark.parametrize(
    "text, expected",
    [
        # Regression: 'wildtype' (one word) matched the gene-level grammar but no literal: a detected mutation
        ("KRAS wildtype", {"KRAS": "not_detected"}),
        ("Gene\tResult\nRET\tWildtype\t-", {"RET": "not_detected"}),
        ("ALK wid type", {"ALK": "not_detected"}),
        # a status of the row's second change does not reach the first
        ("KRAS G12C 阳性，NRAS Q61K 阴往", {"KRAS": "detected", "NRAS": "indeterminate"}),
    ],
)
def test_context_status_slots_per_gene(variant_extractor, text: str, expected: dict[str, str]) -> None:
    findings = variant_extractor.extract_text(text + "\n", kind="genetic_report")
    assert {v.gene: v.status for v in findings.variants if v.gene in expected} == expected


@pytest.mark.parametrize(
    "row, alteration, status",
    [
        # vocabulary a status slot holds as written: 未见突变 ('no mutation seen'), not tested
        ("EGFR T790M 未见突变", "T790M", "not_detected"),
        ("未见EGFR T790M突变", "T790M", "not_detected"),
        ("KRAS G12C not tested", "G12C", "indeterminate"),
        ("BRAF V600E: not evaluated", "V600E", "indeterminate"),
        # a comma ends what 未见 / 未发现 deny: the change after it is the report's finding
        ("本次检测未见其他异常，EGFR L858R突变", "L858R", "detected"),
        ("本次检测未发现其他异常，EGFR L858R突变", "L858R", "detected"),
    ],
)
def test_context_status_slots_literals_as_written(variant_extractor, row: str, alteration: str, status: str) -> None:
    assert _read(variant_extractor, row)[alteration][0] == status


@pytest.mark.parametrize(
    "row, expected",
    [
        # a forward-reading literal that alone ends the row answers for the change before it (a cell gap
        # OCR closed to one space) -> not detected
        ("KRAS G12C no mutation", {"G12C": "not_detected"}),
        ("KRAS G12C No mutations.", {"G12C": "not_detected"}),
        ("EGFR T790M 未发现", {"T790M": "not_detected"}),
        ("EGFR L858R 23%, KRAS G12C no mutation", {"L858R": "detected", "G12C": "not_detected"}),
        # detected stays detected: the literal reads on to words or another change after it
        ("EGFR L858R negative for T790M", {"L858R": "detected", "T790M": "not_detected"}),
        ("EGFR L858R no mutation in exon 20", {"L858R": "detected"}),
    ],
)
def test_context_status_slots_forward_literal_closing_the_row(variant_extractor, row: str,
                                                              expected: dict[str, str]) -> None:
    found = _read(variant_extractor, row)
    assert {k: found[k][0] for k in expected} == expected


def test_context_status_slots_scan_is_bounded() -> None:
    # a slot reads at most max_chars characters after the change, whatever follows on the line
    slots = context_engine()._slots
    text = "EGFR L858R " + "x" * 10_000 + " Negatve"
    assert slots.after(text, len("EGFR L858R"), len(text), None) is None


def test_context_status_slots_config_checked_at_load(tmp_path, monkeypatch) -> None:
    data = json.loads(json.dumps(load_knowledge("context_rules.json")))
    del data["status_slots"]["affirming_words"]
    (tmp_path / "nlp").mkdir()
    (tmp_path / "nlp" / "context_rules.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("REVIEW_ENGINE_KNOWLEDGE", str(tmp_path))
    load_knowledge.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match="status_slots: missing keys"):
            ContextEngine()
    finally:
        monkeypatch.undo()
        load_knowledge.cache_clear()
