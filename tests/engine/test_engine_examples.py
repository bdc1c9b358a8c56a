"""End to end on the bundled examples: `review-engine review examples/<case>/claim.json --format json`
prints a contract-valid result matching the gold decision, and its evidence boxes point at the
right words (drawn on the page image, then the box's content is read back independently)."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from review_engine.domain import ReviewResult

EXAMPLES = sorted(p.parent for p in (Path(__file__).resolve().parents[2] / "examples").glob("*/claim.json"))


def _review(claim: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "review_engine.cli", "review", str(claim), "--format", "json"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module", params=EXAMPLES, ids=[p.name for p in EXAMPLES])
def example(request) -> tuple[Path, dict, dict]:
    case = request.param
    return case, _review(case / "claim.json"), json.loads((case / "gold.json").read_text(encoding="utf-8"))


def test_engine_examples_exist():
    assert len(EXAMPLES) >= 3, "examples/make_examples.py writes three example claims"


def test_engine_example_result_is_contract_valid_and_matches_gold(example):
    _case, result, gold = example
    parsed = ReviewResult.model_validate(result)
    assert parsed.model_dump(mode="json") == result
    assert result["decision"] == gold["decision"], json.dumps(result["items"], ensure_ascii=False)
    for item in result["items"]:
        expected = gold["items"][item["item_id"]]
        assert item["decision"] == expected["decision"], item
        for reason in item["reasons"]:
            assert reason["message"] and reason["code"]
        if item["decision"] == "approve":
            assert item["evidence"], "an approval carries its evidence"


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _overlap(token: str, inside: str) -> float:
    match = SequenceMatcher(None, token, inside).find_longest_match(0, len(token), 0, len(inside))
    return match.size / len(token)


def _box_text(engine, doc_path: Path, page: int, bbox: list[float]) -> str:
    """Read what is inside an evidence box, independently of the extraction that produced it."""
    image, scale = engine.reader.page_image(doc_path, page)
    x0, y0, x1, y1 = (v * scale for v in bbox)
    pad = 4
    crop = image.crop((max(0, x0 - pad), max(0, y0 - pad), min(image.width, x1 + pad), min(image.height, y1 + pad)))
    import numpy as np

    ocr = engine.reader.engines.get("rapidocr")
    ocr.ensure_loaded()
    return " ".join(w.text for w in ocr.recognize(np.asarray(crop.convert("RGB"))))


def test_engine_example_evidence_boxes_point_at_the_words(example, tmp_path):
    from review_engine.engine import get_engine

    case, result, _ = example
    claim = json.loads((case / "claim.json").read_text(encoding="utf-8"))
    paths = {d["doc_id"]: case / d["path"] for d in claim["documents"]}
    engine = get_engine()
    checked = 0
    for item in result["items"]:
        for ev in item["evidence"]:
            doc = paths[ev["doc_id"]]
            drawn = engine.page_image_png(doc, ev["page"], [ev["bbox"]])
            (tmp_path / f"{case.name}-{item['item_id']}-{checked}.png").write_bytes(drawn)
            inside = _norm(_box_text(engine, doc, ev["page"], ev["bbox"]))
            # the box must contain one of the evidence's tokens, read back by a second OCR pass
            # (tolerant to that pass's own misreads: most of the token's characters, in order)
            tokens = [_norm(t) for t in ev["text"].replace("：", " ").replace(":", " ").split()]
            hits = [t for t in tokens if len(t) >= 2 and _overlap(t, inside) >= 0.6]
            assert hits, (ev, inside)
            checked += 1
    if result["decision"] == "approve":
        assert checked >= 1
