"""Status evidence: the words that decided a variant's status are in its evidence, their OCR confidence
caps the finding's, and a positive word whose boxes show a run dropped before it falls under the floor."""

from __future__ import annotations

import pytest

from review_engine.domain import Line, Page, ParsedDocument, Word
from review_engine.nlp import load_knowledge
from review_engine.nlp.status_evidence import DropLimits, StatusEvidence
from review_engine.nlp.word_index import WordIndex
from review_engine.settings import PolicySettings

FLOOR = PolicySettings().min_finding_confidence
HEIGHT = 40.0  # every drawn word box is this tall; a CJK character this wide, a Latin one half
CJK_GAP = 12.0  # the space the test pages leave between two words of one cell


def _width(text: str) -> float:
    return sum(HEIGHT if ord(ch) > 0x2E80 else HEIGHT / 2 for ch in text)


def _page(rows: list[list[tuple[str, float, float]]], source: str = "ocr") -> ParsedDocument:
    """One page of rows of (word, left edge, OCR confidence); a word more than two line heights after the
    previous one opens a table cell (a tab), else one space stands between them."""
    lines, texts, offset = [], [], 0
    for number, row in enumerate(rows):
        text, words, right = "", [], None
        for word, left, confidence in row:
            text += "" if right is None else ("\t" if left - right > 2 * HEIGHT else " ")
            top = 10 + number * 60
            words.append(Word(text=word, bbox=(left, top, left + _width(word), top + HEIGHT), confidence=confidence,
                              page=1, start=offset + len(text), end=offset + len(text) + len(word)))
            text, right = text + word, left + _width(word)
        box = (words[0].bbox[0], words[0].bbox[1], words[-1].bbox[2], words[-1].bbox[3])
        lines.append(Line(text=text, bbox=box, words=words, confidence=min(w.confidence for w in words)))
        texts.append(text)
        offset += len(text) + 1
    page = Page(number=1, width=1400, height=60 * len(rows) + 20, source=source, lines=lines)
    engine = "rapidocr" if source == "ocr" else "pdf_text_layer"
    return ParsedDocument(path="scan.png", media_type="image/png", engine=engine, pages=[page], text="\n".join(texts))


def _after(row: list[tuple[str, float, float]], word: str, confidence: float = 0.99, gap: float = CJK_GAP):
    """``row`` with ``word`` placed ``gap`` pixels after its last word."""
    last, left, _ = row[-1]
    return [*row, (word, left + _width(last) + gap, confidence)]


def _variant(extractor, doc: ParsedDocument, alteration: str):
    findings = extractor.extract(doc, kind="genetic_report")
    return next(v for v in findings.variants if v.alteration == alteration)


@pytest.mark.parametrize(
    "text, alteration, status, words, how",
    [
        # a ConText trigger
        ("EGFR L858R 阳性", "L858R", "detected", "阳性", "POSITIVE_EXISTENCE '阳性'"),
        ("KRAS G12C 未检出", "G12C", "not_detected", "未检出", "NEGATED_EXISTENCE '未检出'"),
        # a table cell or status slot OCR garbled, read as the literal
        ("KRAS G12C\tNegatve", "G12C", "not_detected", "Negatve", "status cue 'Negatve' read as 'negative'"),
        ("EGFR T790M 未检侧到", "T790M", "not_detected", "未检侧到", "read as '未检测到'"),
        # a kit row's status cell no rule reads
        ("EGFR T790M\tAwaiting", "T790M", "indeterminate", "Awaiting", "status cell no rule reads"),
        ("EGFR T790M\tPending", "T790M", "indeterminate", "Pending", "INDETERMINATE 'pending'"),
        # a section header
        ("未检测到突变的基因\nKRAS、NRAS", "mutation", "not_detected", "未检测到突变的基因", "section header"),
        # no status words: 'detected' by default rests on the words after the change, else before it
        ("EGFR L858R\t检出", "L858R", "detected", "检出", "'detected' by default"),
        ("EGFR L858R 突变丰度 12%", "L858R", "detected", "突变丰度", "'detected' by default"),
        ("结果：EGFR L858R", "L858R", "detected", "结果", "words before a change"),
    ],
)
def test_status_evidence_names_the_words_that_decided(variant_extractor, text: str, alteration: str, status: str,
                                                      words: str, how: str) -> None:
    findings = variant_extractor.extract_text(text, kind="genetic_report")
    variant = next(v for v in findings.variants if v.alteration == alteration)
    assert (variant.status, variant.evidence.status_words.text) == (status, words)
    assert how in variant.evidence.status_words.how


def test_status_evidence_maps_back_past_a_cut_line(variant_extractor) -> None:
    # the reading cuts an over-long line: the status words' offsets move back with the mention's
    (variant,) = variant_extractor.extract_text("z" * 200_000 + "\nEGFR L858R 阳性", kind="genetic_report").variants
    assert variant.evidence.status_words.text == "阳性"


def test_status_evidence_none_where_no_words_stand_by_the_change(variant_extractor) -> None:
    (variant,) = variant_extractor.extract_text("EGFR L858R", kind="genetic_report").variants
    assert variant.status == "detected" and variant.evidence.status_words is None


@pytest.mark.parametrize(
    "change, status_word, status_confidence, status",
    [
        # a positive word OCR was unsure of: the finding falls under the floor
        ("L858R", "阳性", 0.62, "detected"),
        ("L858R", "detected", 0.70, "detected"),
        ("L858R", "positive", 0.55, "detected"),
        # the words of a change 'detected' by default
        ("L858R", "检出", 0.62, "detected"),
        ("L858R", "突变", 0.70, "detected"),
        # a negative too: a clear negative must be read with confidence to flag
        ("G719S", "阴性", 0.62, "not_detected"),
        ("G719S", "未检出", 0.70, "not_detected"),
    ],
)
def test_status_evidence_unsure_status_word_caps_the_finding(variant_extractor, change: str, status_word: str,
                                                             status_confidence: float, status: str) -> None:
    doc = _page([[("检测结果", 40, 0.99)], _after([("EGFR", 40, 0.97), (change, 150, 0.97)], status_word, status_confidence)])
    variant = _variant(variant_extractor, doc, change)
    assert variant.status == status
    assert variant.evidence.status_words.confidence == pytest.approx(status_confidence)
    assert variant.evidence.confidence <= status_confidence < FLOOR


@pytest.mark.parametrize("source", ["ocr", "text_layer"])
def test_status_evidence_confident_status_words_change_nothing(variant_extractor, source: str) -> None:
    # the finding's confidence is its score times its own words' confidence, as before status words counted
    doc = _page([[("检测结果", 40, 0.99)], _after([("EGFR", 40, 0.95), ("L858R", 150, 0.95)], "阳性", 0.99)], source)
    variant = _variant(variant_extractor, doc, "L858R")
    plain = variant_extractor.extract_text("检测结果\nEGFR L858R 阳性", kind="genetic_report").variants[0]
    assert variant.evidence.confidence == pytest.approx(plain.evidence.confidence * 0.95, abs=1e-4)
    assert variant.evidence.status_words.notes == []


def _kit_table(l858r_result: str, shift: float, others: str = "未检出", source: str = "ocr",
               column: float = 600.0) -> ParsedDocument:
    """A kit's result table, status column left-aligned at ``column``; the L858R row's result starts
    ``shift`` line heights later (a run OCR dropped, or none where 0)."""
    rows = [[("检测位点", 40, 0.99), ("检测结果", column, 0.99)]]
    for gene, change in (("EGFR", "T790M"), ("EGFR", "G719S"), ("EGFR", "L858R"), ("EGFR", "L861Q")):
        result, left = (l858r_result, column + shift * HEIGHT) if change == "L858R" else (others, column)
        rows.append([(gene, 40, 0.99), (change, 150, 0.99), (result, left, 0.99)])
    return _page(rows, source)


@pytest.mark.parametrize(
    "shift, dropped",
    [
        # the cell starts with its column (OCR boxes jitter a little): nothing dropped
        (0.0, False),
        (0.15, False),
        (-0.3, False),
        # it starts a character or more late: a run before it was dropped ('未检出' read '检出')
        (0.5, True),
        (1.0, True),
        (1.5, True),
    ],
)
def test_status_evidence_late_cell_in_its_column_is_a_dropped_run(variant_extractor, shift: float, dropped: bool) -> None:
    variant = _variant(variant_extractor, _kit_table("检出", shift), "L858R")
    words = variant.evidence.status_words
    assert (variant.status, words.text, bool(words.notes)) == ("detected", "检出", dropped)
    assert (variant.evidence.confidence < FLOOR) == dropped


def test_status_evidence_only_a_detected_status_is_checked_for_drops(variant_extractor) -> None:
    # a late negative cell is no positive word that a dropped '未' could have made
    variant = _variant(variant_extractor, _kit_table("阴性", 1.0), "L858R")
    assert variant.status == "not_detected" and variant.evidence.status_words.notes == []


def test_status_evidence_text_layer_has_no_dropped_runs(variant_extractor) -> None:
    variant = _variant(variant_extractor, _kit_table("检出", 1.0, source="text_layer"), "L858R")
    assert variant.evidence.status_words.notes == [] and variant.evidence.confidence >= FLOOR


def test_status_evidence_centred_column_is_no_drop(variant_extractor) -> None:
    # a centred column: the short positive word starts later than the longer negatives but shares their centre
    others = "未检测到"
    late = (_width(others) - _width("检出")) / 2 / HEIGHT
    variant = _variant(variant_extractor, _kit_table("检出", late, others=others), "L858R")
    assert late > DropLimits.of(_config()).column_shift_heights
    assert variant.evidence.status_words.notes == []


@pytest.mark.parametrize(
    "gap_heights, dropped",
    [
        # a space between the change and its status word
        (0.3, False),
        (0.5, False),
        # a gap wider than any space there: words OCR dropped ('not detected' read 'detected')
        (0.9, True),
        (1.5, True),
    ],
)
def test_status_evidence_gap_inside_the_cell_is_a_dropped_run(gap_heights: float, dropped: bool) -> None:
    doc = _page([_after([("NRAS", 40, 0.99), ("Q61K", 150, 0.99)], "detected", gap=gap_heights * HEIGHT)])
    start = doc.text.index("detected")
    notes = StatusEvidence(_config()).dropped_before(WordIndex(doc), start, start + len("detected"))
    assert bool(notes) == dropped


def test_status_evidence_limits_come_from_the_knowledge_file() -> None:
    limits = DropLimits.of(_config())
    assert limits.dropped_run_confidence < FLOOR
    assert 0 < limits.column_shift_heights < limits.column_window_heights


def _config() -> dict:
    return load_knowledge("pipeline.json")["assembly"]["status_evidence"]
