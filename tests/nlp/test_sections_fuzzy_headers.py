"""Section headers OCR garbled are read word by word, only as a whole header line (issue 4).

A degraded scan printed the not-detected list's header with letters dropped from three words; the
genes after it lost their 'not detected'. Fuzzy reading is for header lines only: a sentence, a
table's column heads and two-word headers (one garble from ordinary words) are never read so.
The texts are synthetic.
"""

from __future__ import annotations

import time

import pytest

from review_engine.nlp.sections import detect_sections


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "header, category",
    [
        ("Genes Wthout Reprtable Alteratons:", "not_detected"),
        ("Genes Withot Reportabe Alterations", "not_detected"),
        ("2. Varants of Uncertan Significance", "vus"),
        ("Potental Germine Variants", "germline"),
    ],
)
def test_sections_garbled_header_read_with_repair(header: str, category: str) -> None:
    sections = detect_sections(f"{header}\nNone.\n")
    assert [s.category for s in sections] == [category]
    assert sections[0].repair and "read as" in sections[0].repair


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "line",
    [
        "Genes With Reportable Alterations:",                 # 'with' is three edits from 'without': not that header
        "Genes without reportable alterations were seen in the tumour and normal samples",  # body text
        "Genes\tWthout\tReprtable\tAlteratons",                # a table's column heads
        "Biomarker Resuts",                                    # two words: never fuzzy
        "Pathological Stain",
        "Gnees Without Reportable Alterations",                # a first letter kept, but edits past the allowance
        "Genes Without Reportable",                            # fewer words than the term
    ],
)
def test_sections_fuzzy_header_never_from_other_lines(line: str) -> None:
    assert all(s.category != "not_detected" and s.repair is None for s in detect_sections(f"{line}\nEGFR ALK\n"))


@pytest.mark.issue(4)
def test_sections_garbled_not_detected_header_gives_status_and_evidence(variant_extractor) -> None:
    text = "Results\nKRAS\tc.35G>T\tp.G12V\t18%\nGenes Wthout Reprtable Alteratons: EGFR, ALK, BRAF\n"
    variants = variant_extractor.extract_text(text, kind="genetic_report").variants
    status = {v.gene: v.status for v in variants}
    assert status == {"KRAS": "detected", "EGFR": "not_detected", "ALK": "not_detected", "BRAF": "not_detected"}
    egfr = next(v for v in variants if v.gene == "EGFR")
    assert any("read as 'genes without reportable alterations'" in r for r in egfr.evidence.repairs)


@pytest.mark.issue(4)
def test_sections_many_garbled_header_lines_stay_linear() -> None:
    text = "Genes Wthout Reprtable Alteratons\n" * 30_000  # about 1 MB of header lines
    detect_sections(text[:2000])
    start = time.process_time()
    detect_sections(text)
    assert time.process_time() - start < 2.0
