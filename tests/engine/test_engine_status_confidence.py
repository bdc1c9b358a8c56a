"""End to end on a drawn, OCR'd kit report: a detected status OCR may have read from a negative never
approves. The page is a PCR kit's result table (status column left-aligned). In one test the first
character of the L858R row's '未检出' is drawn so faint that the OCR engine reads '检出' at full
confidence: only the boxes show the dropped run. In the other the OCR'd page's positive word is given a
low confidence. Either way the finding falls under the approval floor and the claim routes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from review_engine.domain import Claim, ParsedDocument
from review_engine.engine import Engine
from review_engine.review.decide import decide

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
ROWS = [("检测位点", "检测结果"), ("EGFR 19号外显子缺失", "未检出"), ("EGFR T790M", "未检出"),
        ("EGFR L858R", "{faint}检出"), ("EGFR G719X", "未检出")]


def _kit_page(path: Path, faint: str, shade: int) -> None:
    """The kit table at 200 dpi scale; ``faint`` is drawn in grey ``shade`` before the L858R row's status."""
    font = ImageFont.truetype(FONT, 40)
    image = Image.new("RGB", (1400, 140 + 76 * (len(ROWS) + 2)), "white")
    pen = ImageDraw.Draw(image)
    pen.text((70, 70), "EGFR基因突变检测报告 姓名：张伟 住院号：ZY20261234", font=font, fill="black")
    for row, (site, result) in enumerate(ROWS, start=2):
        y = 70 + 76 * row
        pen.text((70, y), site, font=font, fill="black")
        x = 760
        if "{faint}" in result:
            pen.text((x, y), faint, font=font, fill=(shade,) * 3)
            x += font.getlength(faint)
        pen.text((x, y), result.replace("{faint}", ""), font=font, fill="black")
    image.save(path)


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The production engine (OCR, extraction, decision), loaded once for the module."""
    if not Path(FONT).exists():
        pytest.skip("fonts-wqy-zenhei is not installed (the README's install step adds it)")
    return Engine()


@pytest.mark.parametrize(
    "faint, shade, decision",
    [
        # the row reads '检出' plainly: detected, the claim is approved
        ("", 0, "approve"),
        # '未' drawn so faint the OCR engine drops it (the row reads '检出'): never approve
        ("未", 246, "route_mdt"),
    ],
)
def test_engine_dropped_negative_before_a_positive_word_routes(engine, tmp_path, lung_drug_claim, faint: str, shade: int,
                                                               decision: str) -> None:
    _kit_page(tmp_path / "d1.png", faint, shade)
    result = engine.review(lung_drug_claim("d1.png", "osimertinib", 1, "C-E2E"), base_dir=tmp_path)
    findings = next(f for f in result.findings if f.doc_id == "d1")
    l858r = next(v for v in findings.variants if v.alteration == "L858R")
    assert (l858r.status, l858r.evidence.status_words.text) == ("detected", "检出")  # OCR read no '未'
    assert result.items[0].decision == decision, result.items[0].reasons
    if faint:
        assert l858r.evidence.status_words.notes and l858r.evidence.confidence < 0.8
        assert any(r.code == "LOW_CONFIDENCE" for r in result.items[0].reasons)


def _with_confidence(doc: ParsedDocument, word: str, confidence: float) -> ParsedDocument:
    """The OCR'd document with every word reading ``word`` set to ``confidence``."""
    data = doc.model_dump()
    for page in data["pages"]:
        for line in page["lines"]:
            for w in line["words"]:
                w["confidence"] = confidence if w["text"] == word else w["confidence"]
    return ParsedDocument.model_validate(data)


@pytest.mark.parametrize(
    "confidence, decision",
    [
        # the OCR engine sure of '检出': approved
        (0.99, "approve"),
        # unsure of it: the finding is under the floor, a person decides
        (0.70, "route_mdt"),
        (0.40, "route_mdt"),
    ],
)
def test_engine_unsure_positive_word_never_approves(engine, tmp_path, lung_drug_claim, confidence: float, decision: str) -> None:
    _kit_page(tmp_path / "d1.png", "", 0)
    claim = lung_drug_claim("d1.png", "osimertinib", 1, "C-E2E")
    scanned = _with_confidence(engine.reader.read(tmp_path / "d1.png", doc_id="d1"), "检出", confidence)
    findings = [engine.extractor.extract(scanned, kind="genetic_report", doc_id="d1"),
                engine.extract(tmp_path / "d2.txt", kind="pathology_report", doc_id="d2")]
    outcome = decide(Claim.model_validate(claim), findings, {}, engine.graph, engine.settings.policy)
    l858r = next(v for v in findings[0].variants if v.alteration == "L858R")
    assert l858r.evidence.status_words.confidence == pytest.approx(confidence)
    assert outcome.items[0].decision == decision, outcome.items[0].reasons
