"""Changes written after their exon number with no space ('21L858R', '20T790M'), as Chinese kit reports and
clinical notes shorten 'exon 21 L858R': read only where the number is the change's own exon."""

from __future__ import annotations

import pytest


def _found(extractor, text: str) -> dict[tuple[str, str], tuple[str, int | None]]:
    variants = extractor.extract_text(text, kind="genetic_report").variants
    return {(v.gene, v.alteration): (v.status, v.exon) for v in variants}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("EGFR 21L858R突变：阳性", {("EGFR", "L858R"): ("detected", 21)}),
        ("EGFR 20T790M 阳性 丰度 3.2%", {("EGFR", "T790M"): ("detected", 20)}),
        # both members of the kit's list are negative; the second was lost before
        ("EGFR基因检测结果：19del/21L858R 阴性",
         {("EGFR", "exon19del"): ("not_detected", 19), ("EGFR", "L858R"): ("not_detected", 21)}),
        ("EGFR 19del、21L858R、20T790M 均未检出",
         {("EGFR", "exon19del"): ("not_detected", 19), ("EGFR", "L858R"): ("not_detected", 21),
          ("EGFR", "T790M"): ("not_detected", 20)}),
        # three named changes negative: it was read as the whole gene negative (EGFR wild-type)
        ("EGFR 18G719X、20S768I、21L861Q：阴性",
         {("EGFR", "G719X"): ("not_detected", 18), ("EGFR", "S768I"): ("not_detected", 20),
          ("EGFR", "L861Q"): ("not_detected", 21)}),
        # a codon the hotspot file places in an exon
        ("KRAS 2G12C 阳性", {("KRAS", "G12C"): ("detected", 2)}),
    ],
)
def test_exon_prefixed_change_read(variant_extractor, text: str, expected: dict) -> None:
    assert _found(variant_extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "EGFR 19L858R 阳性",    # L858R is not in exon 19: a digit run, not an exon
        "EGFR 121L858R 阳性",   # a longer digit run is no exon number
        "样本编号 21L858R",      # no gene anywhere
    ],
)
def test_digits_glued_to_a_change_not_split(variant_extractor, text: str) -> None:
    assert _found(variant_extractor, text) == {}

