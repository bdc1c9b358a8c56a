"""A gene family's word ('NTRK', 'RAS', 'BRCA', 'FGFR', GUIDELINE_FACTS 4.1: 'NTRK alone = gene family') stands
for each member in a gene-level result: 'NTRK融合：阴性' rules out NTRK1, NTRK2 and NTRK3 fusions. Unread, the claim
lacked the members' results (issue 4). Never a change's gene: 'RAS G12C 阴性' is no result for all of KRAS."""

from __future__ import annotations

import pytest

from review_engine.nlp.normalize.genes import gene_vocabulary
from review_engine.nlp.pipeline import Extractor


def _read(extractor: Extractor, text: str) -> set[tuple[str, str, int | None, str]]:
    return {(v.gene, v.alteration, v.exon, v.status)
            for v in extractor.extract_text(text, kind="genetic_report").variants}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("NTRK融合：阴性", {("NTRK1", "fusion", None, "not_detected"), ("NTRK2", "fusion", None, "not_detected"),
                         ("NTRK3", "fusion", None, "not_detected")}),
        ("NTRK基因融合：未检出", {("NTRK1", "fusion", None, "not_detected"), ("NTRK2", "fusion", None, "not_detected"),
                            ("NTRK3", "fusion", None, "not_detected")}),
        ("RAS基因：野生型", {("KRAS", "mutation", None, "not_detected"), ("NRAS", "mutation", None, "not_detected")}),
        ("RAS/BRAF野生型", {("KRAS", "mutation", None, "not_detected"), ("NRAS", "mutation", None, "not_detected"),
                          ("BRAF", "mutation", None, "not_detected")}),
        ("RAS 第2外显子 未检出", {("KRAS", "mutation", 2, "not_detected"), ("NRAS", "mutation", 2, "not_detected")}),
        ("BRCA突变：阴性", {("BRCA1", "mutation", None, "not_detected"), ("BRCA2", "mutation", None, "not_detected")}),
        ("FGFR融合：阴性", {(f"FGFR{i}", "fusion", None, "not_detected") for i in range(1, 5)}),
        # the members named beside the family: one result each
        ("RAS（KRAS/NRAS）：野生型", {("KRAS", "mutation", None, "not_detected"),
                                  ("NRAS", "mutation", None, "not_detected")}),
        # a positive family result names no gene: nothing read, a person looks
        ("NTRK融合：阳性", set()),
        ("RAS基因：突变型", set()),
        # a change after the family word: no whole-gene result for the members
        ("RAS G12C 阴性", set()),
        ("RAS p.G12C 阴性", set()),
        # not the family: a numbered gene, another word, lower case prose
        ("BRCA1/2：阴性", {("BRCA1", "mutation", None, "not_detected"), ("BRCA2", "mutation", None, "not_detected")}),
        ("gBRCA：阴性", set()),
        ("Ras signalling: negative", set()),
    ],
)
def test_a_family_word_stands_for_its_members(production_extractor: Extractor, text: str, expected: set) -> None:
    assert _read(production_extractor, text) == expected


@pytest.mark.issue(4)
def test_family_hits_cover_the_word() -> None:
    hits = gene_vocabulary().family_hits("NTRK融合：阴性；RAS G12D")
    assert [(h.symbol, h.start, h.end, h.via) for h in hits] == [
        ("NTRK1", 0, 4, "family"), ("NTRK2", 0, 4, "family"), ("NTRK3", 0, 4, "family")]
