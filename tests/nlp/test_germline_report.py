"""A germline (hereditary) test gives its changes' origin once, in its title (issue 4): a hereditary panel on blood
read its BRCA changes with the default origin of tumour reports, 'somatic', so gBRCA never held. The title decides
only where every specimen named is blood and no word of tumour DNA stands anywhere in the report."""

from __future__ import annotations

import pytest

ROW = "BRCA1 c.5266dupC p.Gln1756Profs*74 杂合 致病性变异"


def _origins(extractor, text: str) -> dict[str, str | None]:
    return {v.alteration: v.origin for v in extractor.extract_text(text, kind="genetic_report").variants}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, origin",
    [
        (f"遗传性肿瘤基因检测报告\n样本类型：外周血\n检测结果\n{ROW}\n", "germline"),
        (f"胚系基因检测报告\n样本类型：外周血\n检测结果\n{ROW}\n", "germline"),
        (("Germline Genetic Testing Report\nSpecimen: peripheral blood\nResults\n"
         "BRCA1 c.5266dupC p.Gln1756Profs*74 Heterozygous Pathogenic\n"), "germline"),
        (("Hereditary Cancer Panel\nSpecimen: whole blood\nResults\n"
         "BRCA1 c.5266dupC p.Gln1756Profs*74 Heterozygous Pathogenic\n"), "germline"),
        # the row's own words still decide
        ("胚系基因检测报告\n样本类型：外周血\n检测结果\nBRCA1 c.5266dupC p.Gln1756Profs*74 体细胞变异\n", "somatic"),
        # a paired tumour-normal test, tumour DNA, no germline title, no specimen named: the default stays
        (f"胚系+体细胞基因检测报告\n样本类型：肿瘤组织、外周血\n检测结果\n{ROW}\n", "somatic"),
        (f"遗传性肿瘤基因检测报告\n样本类型：血浆\n检测结果\n{ROW}\n", "somatic"),
        (f"遗传性肿瘤基因检测报告\n样本类型：外周血\n检测结果\n{ROW}\n本检测采用配对样本\n", "somatic"),
        (f"肿瘤基因检测报告\n样本类型：外周血\n检测结果\n{ROW}\n", "somatic"),
        (f"胚系基因检测报告\n检测结果\n{ROW}\n", "somatic"),
        # a title far down the page is no title: a hereditary test recommended in the interpretation
        ("肿瘤基因检测报告\n样本类型：外周血\n检测结果\n" + "说明\n" * 100 + f"{ROW}\n建议进行遗传性肿瘤基因检测\n", "somatic"),
    ],
)
def test_a_germline_tests_title_gives_its_rows_their_origin(production_extractor, text: str, origin: str) -> None:
    assert _origins(production_extractor, text) == {"Q1756Pfs*74": origin}


@pytest.mark.issue(4)
def test_the_origin_from_the_title_shows_its_words(production_extractor) -> None:
    text = f"胚系基因检测报告\n样本类型：外周血\n检测结果\n{ROW}\n"
    (variant,) = production_extractor.extract_text(text, kind="genetic_report").variants
    words = variant.evidence.origin_words
    assert words is not None and words.text == "胚系基因检测"
    assert "specimen blood" in words.how and "origin=germline" in words.how
