"""The generator's wording reads as its gold says: a hotspot the report names as negative is worded
the way labs write it, so the rules read it as not detected."""

from __future__ import annotations

import pytest

from review_engine.corpus import vocab
from review_engine.corpus.layout import Seg, cell_text
from review_engine.corpus.layouts.common import template_cell
from review_engine.nlp.pipeline import Extractor


@pytest.fixture(scope="module")
def rules_extractor() -> Extractor:
    """The variant rule recognizers only (no model): what the gold's wording must satisfy."""
    return Extractor(recognizers=["review_engine.nlp.recognizers.variants"], optional_components=False)


def _negative_hotspot(lang: str, cue: str) -> str:
    wording = vocab.wording(lang)["negative_hotspot"]
    segs = {"cue": Seg(cue, "STATUS_CUE"), "gene": Seg("EGFR", "GENE"), "alteration": Seg("T790M", "PROTEIN_CHANGE")}
    return cell_text(template_cell(wording.get(cue, wording["default"]), segs))


@pytest.mark.parametrize("lang, cue", [(lang, cue) for lang in ("zh", "en") for cue in vocab.wording(lang)["not_detected"][:-1]])
def test_corpus_negative_hotspot_reads_not_detected(rules_extractor, lang: str, cue: str) -> None:
    # Regression: '野生型EGFR T790M突变。' (a backward-reading cue written before the gene) read as detected
    text = _negative_hotspot(lang, cue)
    findings = rules_extractor.extract_text(text, kind="genetic_report")
    assert [(v.alteration, v.status) for v in findings.variants] == [("T790M", "not_detected")], text


def test_corpus_negative_hotspot_labels_ride_on_the_words() -> None:
    cells = template_cell("{gene} {alteration} {cue}。", {"cue": Seg("野生型", "STATUS_CUE"), "gene": Seg("EGFR", "GENE"),
                                                       "alteration": Seg("T790M", "PROTEIN_CHANGE")})
    assert [(s.text, s.label) for s in cells] == [("EGFR", "GENE"), (" ", None), ("T790M", "PROTEIN_CHANGE"), (" ", None),
                                                  ("野生型", "STATUS_CUE"), ("。", None)]
