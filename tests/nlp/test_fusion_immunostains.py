"""The immunostain that stands for the ALK fusion test (GUIDELINE_FACTS 1.1: ALK IHC with clone 5A4 or D5F3 is
equivalent to FISH), as pathology reports print it. 'ALK(D5F3)(+)' gave no finding at all, so an alectinib claim
resting on it routed as if no ALK test had been done (issue 4)."""

from __future__ import annotations

import pytest

from review_engine.nlp.pipeline import Extractor


def _alk(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    found = extractor.extract_text(text, kind="pathology_report").variants
    return [(v.gene, v.alteration, v.status) for v in found if v.gene == "ALK"]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, status",
    [
        ("免疫组化：ALK(D5F3)(+)，ROS1(-)，TTF-1(+)，NapsinA(+)", "detected"),
        ("免疫组化结果：ALK-V（D5F3）阳性，PD-L1（22C3）TPS 60%", "detected"),
        ("IHC: ALK (D5F3) positive; ROS1 (D4D6) negative", "detected"),
        ("ALK (5A4) stain: positive", "detected"),
        ("免疫组化：TTF-1(+)，ALK(D5F3)(+)", "detected"),
        ("免疫组化：ALK(D5F3)(-)", "not_detected"),
        ("ALK (Ventana D5F3): Negative", "not_detected"),
        # the clone joined to the gene, or the platform after it, were read as nothing
        ("免疫组化：ALK-D5F3（Ventana）：阳性", "detected"),
        ("免疫组化：ALK（D5F3，Ventana）：阴性", "not_detected"),
        ("免疫组化：ALK-5A4（+）", "detected"),
        # a stain named with no result (the list of stains done) is no fusion, and never 'detected' by default
        ("免疫组化染色：ALK(D5F3)、ROS1、PD-L1", "indeterminate"),
    ],
)
def test_alk_stain_with_an_equivalent_clone_is_the_fusion_result(production_extractor: Extractor, text: str,
                                                                 status: str) -> None:
    assert _alk(production_extractor, text) == [("ALK", "fusion", status)]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        # a lymphoma panel's ALK stain names no clone the guidelines take for the fusion test
        "免疫组化：CD30(+)，ALK(+)，CD3(-)",
        "免疫组化：ALK(1A4)(+)",
        "免疫组化：ALK-1A4（+）",
    ],
)
def test_other_alk_stains_are_no_fusion_result(production_extractor: Extractor, text: str) -> None:
    assert _alk(production_extractor, text) == []


@pytest.mark.issue(4)
def test_the_stain_evidence_shows_the_clone(production_extractor: Extractor) -> None:
    (variant,) = production_extractor.extract_text("免疫组化：ALK(D5F3)(+)", kind="pathology_report").variants
    assert "ALK(D5F3)" in variant.evidence.text
