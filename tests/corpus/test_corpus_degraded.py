"""The degraded-scan condition: one split of a corpus re-rendered as poor scans, same gold."""

from __future__ import annotations

import difflib
import json
import random
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont

from review_engine.corpus.degraded import DEGRADED_FORMAT, degrade_corpus, harsh_page
from review_engine.corpus.style import CJK_FONT_PATH


def _split_with_cases(corpus: Path) -> str:
    return next(s for s in ("test", "dev", "train") if list((corpus / s).glob("*/gold.json")))


@pytest.fixture(scope="module")
def degraded(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    split = _split_with_cases(small_corpus)
    out = tmp_path_factory.mktemp("degraded")
    degrade_corpus(small_corpus, split, out, seed=71)
    return out, split


def test_degraded_corpus_keeps_the_gold_and_rewrites_every_readable_document(
    small_corpus: Path, degraded: tuple
) -> None:
    out, split = degraded
    cases = sorted(p.parent.name for p in (small_corpus / split).glob("*/gold.json"))
    assert sorted(p.parent.name for p in (out / split).glob("*/gold.json")) == cases
    for case in cases:
        original = json.loads(
            (small_corpus / split / case / "gold.json").read_text(encoding="utf-8")
        )
        gold = json.loads((out / split / case / "gold.json").read_text(encoding="utf-8"))
        readable = [
            d for d in original["findings"] if d not in original.get("unreadable_documents", [])
        ]
        assert sorted(gold["documents"]) == sorted(readable)
        for doc_id, meta in gold["documents"].items():
            assert (
                gold["findings"][doc_id] == original["findings"][doc_id]
            )  # pixels change, facts do not
            assert (
                meta["format"] == DEGRADED_FORMAT
                and meta["source_format"] == original["documents"][doc_id]["format"]
            )
            pdf = pdfium.PdfDocument(out / meta["file"])
            assert len(pdf) == meta["pages"]
            assert (
                pdf[0].get_textpage().get_text_range().strip() == ""
            )  # an image-only scan: no text layer
            pdf.close()
        claim = json.loads((out / split / case / "claim.json").read_text(encoding="utf-8"))
        for document in claim["documents"]:  # the claim files the degraded scans (review-engine eval reads it)
            assert (out / split / case / document["path"]).is_file()
            if document["doc_id"] in gold["documents"]:
                assert document["path"] == "docs/" + Path(gold["documents"][document["doc_id"]]["file"]).name
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == DEGRADED_FORMAT and manifest["by_split"] == {split: len(cases)}


def test_degraded_corpus_is_reproducible_from_its_seed(
    small_corpus: Path, degraded: tuple, tmp_path: Path
) -> None:
    out, split = degraded
    again, other = tmp_path / "again", tmp_path / "other"
    degrade_corpus(small_corpus, split, again, seed=71)
    degrade_corpus(small_corpus, split, other, seed=72)
    files = sorted(p.relative_to(out) for p in out.rglob("*.pdf"))
    assert files and all((again / f).read_bytes() == (out / f).read_bytes() for f in files)
    assert any((other / f).read_bytes() != (out / f).read_bytes() for f in files)


def _page(text: str) -> Image.Image:
    page = Image.new("RGB", (1240, 400), "white")
    draw = ImageDraw.Draw(page)
    draw.text((60, 120), text, fill="black", font=ImageFont.truetype(CJK_FONT_PATH, 30, index=0))
    return page


def test_harsh_page_is_fainter_and_noisier_than_the_clean_render() -> None:
    import numpy as np

    clean = _page("EGFR p.L858R detected (VAF 23.5%)")
    harsh = np.asarray(harsh_page(clean, random.Random(3)), dtype=np.float32)
    ink = np.asarray(clean.convert("L")) < 128
    # the darkest ink left is lighter than the clean black, and the paper is no longer flat white
    assert np.percentile(harsh.mean(axis=2)[ink], 5) > 20 and harsh.mean(axis=2)[~ink].std() > 3
    assert (
        harsh_page(clean, random.Random(3)).tobytes()
        == harsh_page(clean, random.Random(3)).tobytes()
    )


@pytest.mark.slow
def test_ocr_still_reads_a_degraded_page_with_realistic_errors(
    small_corpus: Path, degraded: tuple
) -> None:
    """Degraded, not destroyed: OCR keeps most of the text, so the condition measures noise
    the extraction must survive, not an unreadable page."""
    from review_engine.ocr.reader import DocumentReader

    out, split = degraded
    gold_file = min((out / split).glob("*/gold.json"))
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    doc_id, meta = next((d, m) for d, m in gold["documents"].items() if m["pages"] == 1)
    read = DocumentReader().read(out / meta["file"], doc_id=doc_id).text
    original = _original_text(small_corpus, split, gold_file.parent.name, doc_id)
    similarity = difflib.SequenceMatcher(
        None, " ".join(original.split()), " ".join(read.split()), autojunk=False
    ).ratio()
    assert 0.7 < similarity < 0.999


def _original_text(corpus: Path, split: str, case: str, doc_id: str) -> str:
    for line in (corpus / split / "spans.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["doc_id"] == f"{case}/{doc_id}":
            return record["text"]
    raise AssertionError(f"{case}/{doc_id} has no span record")
