"""End to end: report text -> DocumentFindings, with evidence that maps back to the right words."""

from __future__ import annotations

import pytest

from review_engine.domain import DocumentFindings, Line, Page, ParsedDocument, Word
from review_engine.nlp.pipeline import CutText, mask_long_lines, synthetic_document


def _variants(findings: DocumentFindings) -> dict[tuple[str, str], object]:
    return {(v.gene, v.alteration): v for v in findings.variants}


def test_pipeline_zh_report(variant_extractor, zh_report_text: str) -> None:
    findings = variant_extractor.extract_text(zh_report_text, doc_id="d1")
    assert (findings.kind, findings.language, findings.doc_id) == ("genetic_report", "zh", "d1")
    found = {k: (v.status, v.vaf, v.exon) for k, v in _variants(findings).items()}
    assert found[("EGFR", "E746_A750del")] == ("detected", 0.182, 19)
    assert found[("EGFR", "T790M")][0] == "not_detected"
    assert found[("TP53", "R273H")] == ("detected", 0.096, 8)
    assert found[("MET", "amplification")][0] == "detected"
    assert found[("ALK", "fusion")][0] == "not_detected"
    assert found[("ATM", "S707P")][0] == "vus"
    assert {g for (g, a), v in found.items() if a == "mutation" and v[0] == "not_detected"} == {"KRAS", "NRAS", "BRAF", "ROS1", "RET"}
    # the interpretation's "19号外显子缺失" is the same finding as p.E746_A750del, not a second one
    assert ("EGFR", "exon19del") not in found
    assert "NTRK1" in findings.genes_tested and ("NTRK1", "mutation") not in found


def test_pipeline_en_report(variant_extractor, en_report_text: str) -> None:
    findings = variant_extractor.extract_text(en_report_text)
    assert (findings.kind, findings.language) == ("genetic_report", "en")
    variants = _variants(findings)
    kras = variants[("KRAS", "G12C")]
    assert (kras.status, kras.vaf, kras.exon, kras.hgvs_c, kras.hgvs_p, kras.tier) == ("detected", 0.31, 2, "c.34G>T", "p.Gly12Cys", "I")
    assert variants[("STK11", "Q37*")].status == "detected"
    assert variants[("CDKN2A", "deletion")].kind == "cnv"
    assert variants[("KEAP1", "G333C")].status == "vus"
    brca2 = variants[("BRCA2", "S1982fs")]
    assert (brca2.origin, brca2.hgvs_c) == ("germline", "c.5946delT")
    assert variants[("ERBB2", "mutation")].status == "not_detected"
    assert ("ABL1", "mutation") not in variants and "ABL1" in findings.genes_tested


def test_pipeline_evidence_maps_to_words(variant_extractor, zh_report_text: str) -> None:
    findings = variant_extractor.extract_text(zh_report_text)
    doc = synthetic_document(zh_report_text)
    for variant in findings.variants:
        ev = variant.evidence
        assert ev is not None and ev.text in zh_report_text and ev.source
        words = [w for w in doc.words if w.page == ev.page and w.bbox[0] >= ev.bbox[0] and w.bbox[2] <= ev.bbox[2]
                 and w.bbox[1] >= ev.bbox[1] and w.bbox[3] <= ev.bbox[3]]
        assert any(variant.gene in w.text or (variant.partner or "@") in w.text for w in words), variant


def _ocr_document(lines: list[tuple[str, float]]) -> ParsedDocument:
    """A one-page OCR result with one word per whitespace run and the given confidences."""
    text = "\n".join(t for t, _ in lines)
    out, offset = [], 0
    for row, (line_text, conf) in enumerate(lines):
        words, col = [], 0
        for token in line_text.split(" "):
            start = line_text.index(token, col)
            words.append(Word(text=token, bbox=(10 * start, 30 * row, 10 * (start + len(token)), 30 * row + 25),
                              confidence=conf, page=1, start=offset + start, end=offset + start + len(token)))
            col = start + len(token)
        out.append(Line(text=line_text, bbox=(0, 30 * row, 10 * len(line_text), 30 * row + 25), words=words, confidence=conf))
        offset += len(line_text) + 1
    page = Page(number=1, width=1000, height=1000, units="px", source="ocr", lines=out)
    return ParsedDocument(path="scan.png", media_type="image/png", engine="rapidocr", pages=[page], text=text, fallbacks=["x"])


def test_pipeline_extract_multiplies_ocr_confidence(variant_extractor) -> None:
    doc = _ocr_document([("检测结果", 0.99), ("EGFR p.L858R 阳性", 0.70), ("KRAS p.G12C 阳性", 0.99)])
    findings = variant_extractor.extract(doc, kind="genetic_report", doc_id="d9")
    by_gene = {v.gene: v.evidence for v in findings.variants}
    assert by_gene["EGFR"].confidence == pytest.approx(0.97 * 0.70, abs=1e-3)
    assert by_gene["KRAS"].confidence == pytest.approx(0.97 * 0.99, abs=1e-3)
    assert by_gene["EGFR"].bbox == [0.0, 30.0, 120.0, 55.0] and by_gene["EGFR"].doc_id == "d9"
    assert (findings.ocr.engine, findings.ocr.pages, findings.ocr.units, findings.ocr.fallbacks) == ("rapidocr", 1, "px", ["x"])


def test_pipeline_synthetic_document_pages() -> None:
    doc = synthetic_document("page one EGFR\fpage two KRAS")
    assert [p.number for p in doc.pages] == [1, 2]
    kras = next(w for w in doc.words if w.text == "KRAS")
    assert (kras.page, doc.text[kras.start:kras.end]) == (2, "KRAS")


def test_pipeline_long_line_masked_with_warning() -> None:
    text, warnings = mask_long_lines("a" * 50 + "\nEGFR", 10)
    assert len(text) == 55 and text.endswith("\nEGFR") and len(warnings) == 1


def test_pipeline_components_in_order(variant_extractor) -> None:
    assert variant_extractor.nlp.pipe_names[:2] == ["review_sections", "review_recognizers"]
    assert variant_extractor.nlp.pipe_names[-1] == "review_context"


def test_pipeline_findings_round_trip(variant_extractor, en_report_text: str) -> None:
    findings = variant_extractor.extract_text(en_report_text)
    again = DocumentFindings.model_validate_json(findings.model_dump_json())
    assert again.model_dump_json() == findings.model_dump_json()


def test_pipeline_word_index_matches_evidence_for(zh_report_text: str) -> None:
    from review_engine.nlp.findings import WordIndex

    doc = synthetic_document(zh_report_text)
    index = WordIndex(doc)
    for start in range(0, len(zh_report_text), 7):
        for length in (1, 5, 30):
            assert index.evidence_for(start, start + length) == doc.evidence_for(start, start + length)


def test_cut_text_maps_spans_back_to_the_document() -> None:
    original = "x" * 30 + "\nEGFR L858R\n" + "y" * 25 + "\nKRAS"
    cut = CutText.of(original, 10)
    assert cut.text == "x" * 10 + "\nEGFR L858R\n" + "y" * 10 + "\nKRAS" and len(cut.warnings) == 2
    for word in ("EGFR", "L858R", "KRAS"):
        start = cut.text.index(word)
        begin, end = cut.source_span(start, start + len(word))
        assert original[begin:end] == word
    # a span ending where a line was cut ends there in the original: it does not swallow the tail
    assert cut.source_span(0, 10) == (0, 10)


def test_megabyte_line_before_a_report_keeps_its_evidence(variant_extractor) -> None:
    # the over-long line is cut, not blanked: the finding after it still maps to its own words
    findings = variant_extractor.extract_text("z" * 200_000 + "\nEGFR p.L858R 阳性")
    (variant,) = findings.variants
    assert (variant.gene, variant.evidence.text) == ("EGFR", "EGFR p.L858R")
    assert any("200000 characters" in w for w in findings.warnings)


def test_pipeline_extract_garbled_negative_rows_are_never_detected(variant_extractor) -> None:
    # A scanned kit result whose status words OCR broke: each negative row is read as not detected
    # (the repair in its evidence) or left indeterminate; only the plain positive row is detected.
    doc = _ocr_document([("EGFR基因突变检测结果", 0.98), ("EGFR L858R 阳性 23.5%", 0.95), ("EGFR T790M 未检侧到", 0.81),
                         ("EGFR L861Q Negatve (0%)", 0.78), ("EGFR G719X Neguatve", 0.74), ("EGFR S768I 阴j性", 0.72)])
    findings = variant_extractor.extract(doc, kind="genetic_report", doc_id="scan1")
    found = {v.alteration: v for v in findings.variants}
    assert {a: v.status for a, v in found.items()} == {
        "L858R": "detected", "T790M": "not_detected", "L861Q": "not_detected", "G719X": "indeterminate", "S768I": "indeterminate"}
    assert "status words '未检侧到' read as '未检测到' (OCR edit)" in found["T790M"].evidence.repairs
    assert any("'Neguatve' are close to 'negative'" in r for r in found["G719X"].evidence.repairs)
