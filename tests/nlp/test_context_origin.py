"""A change's origin as the report gives it: germline, somatic, or unsettled ('胚系来源待验证', 'suspected germline',
'possible germline'), which is no origin at all: read as germline, a change whose germline origin was still to
be verified approved a gBRCA drug (issue 4)."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, origin",
    [
        ("BRCA2 p.S1982Rfs*22 胚系突变", "germline"),
        ("BRCA2 p.S1982Rfs*22 germline", "germline"),
        ("BRCA2 p.S1982Rfs*22 体细胞突变", "somatic"),
        ("BRCA2 p.S1982Rfs*22 致病突变（胚系来源待验证）", None),
        ("BRCA2 p.S1982Rfs*22 疑似胚系突变", None),
        ("BRCA2 p.S1982Rfs*22 suspected germline", None),
        ("BRCA2 p.S1982Rfs*22 (possible germline; confirmatory testing recommended)", None),
    ],
)
def test_an_unsettled_origin_is_none(variant_extractor: Extractor, text: str, origin: str | None) -> None:
    (variant,) = variant_extractor.extract_text(text, kind="genetic_report").variants
    assert variant.origin == origin
