"""The example claims' documents (examples/*/docs/*) read end to end, when they exist."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLE_DOCS = sorted(Path(__file__).resolve().parents[2].glob("examples/*/docs/*"))


@pytest.mark.slow
@pytest.mark.skipif(not EXAMPLE_DOCS, reason="no examples/*/docs yet")
@pytest.mark.parametrize("path", EXAMPLE_DOCS, ids=[f"{p.parent.parent.name}/{p.name}" for p in EXAMPLE_DOCS])
def test_ocr_examples_read_with_offsets_and_boxes(reader, path: Path):
    doc = reader.read(path, doc_id=path.stem)
    assert doc.text.strip() and doc.mean_confidence > 0.8
    assert all(doc.text[w.start : w.end] == w.text for w in doc.words)
    for page in doc.pages:
        for word in page.words:
            x0, y0, x1, y1 = word.bbox
            assert 0 <= x0 <= x1 <= page.width + 1 and 0 <= y0 <= y1 <= page.height + 1
