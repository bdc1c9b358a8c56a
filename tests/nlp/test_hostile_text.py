"""Random and adversarial text: no crash, offsets stay valid, time stays roughly linear."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_seconds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = ["EGFR", "p.", "c.", "L858R", "(", ")", "[", "_", ">", "-", "::", "del", "ins", "外显子", "19", "阳性", "未检出",
          "%", "0.", "\n", " ", "HER-2", "EML4-ALK", "Glu746", "fs*", "Ter", "扩增", "CN", "检测结果", "VUS"]
HOSTILE = {
    "letters": "A" * 1_000_000,
    "digits": "7" * 1_000_000,
    "brackets": "(" * 500_000 + ")" * 500_000,
    "hgvs_run": "p.L858R c.2573T>G EGFR " * 43_000,
    "dash_chain": "EML4-" * 200_000,
    "glued_genes": "EGFRKRASBRAF" * 83_000,
    "exon_words": "19号外显子缺失" * 125_000,
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_hostile_random_text_never_crashes(variant_extractor, text: str) -> None:
    findings = variant_extractor.extract_text(text)
    for variant in findings.variants:
        assert variant.evidence is not None and variant.evidence.text in text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=200).map("".join))
def test_hostile_report_like_fragments(variant_extractor, text: str) -> None:
    doc = variant_extractor.process(text)
    for mention in doc._.review_mentions:
        assert 0 <= mention.start <= mention.end <= len(text)
    assert doc.text == text


# The variant family alone, and the whole production pipeline (every recognizer and the model
# component): a combination step that compares every reading with every other one is quadratic too.
EXTRACTORS = ["variant_extractor", "production_extractor"]


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_megabyte_line_under_one_second(request, extractor: str, name: str) -> None:
    pipeline = request.getfixturevalue(extractor)
    text = HOSTILE[name]
    pipeline.extract_text(text[:2000])  # a loaded engine has compiled the patterns this text reaches
    assert cpu_seconds(lambda: pipeline.extract_text(text)) < 1.0


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize(
    "unit",
    [
        "(" * 50 + "p.L858R" + ")" * 50 + "\n",
        "EGFR L858R 23.5% 阳性\n",
        "A1B2C3-" * 20 + "\n",
        "EGFR | c.2573T>G | p.L858R | 外显子21 | 23.5% | 阳性\n",
    ],
)
def test_hostile_time_is_roughly_linear(request, extractor: str, unit: str) -> None:
    pipeline = request.getfixturevalue(extractor)

    def cpu(copies: int) -> float:
        # the best of two readings: one garbage-collector pass or a busy neighbour is noise, not growth
        text, readings = unit * copies, []
        for _ in range(2):
            start = time.process_time()
            pipeline.extract_text(text)
            readings.append(time.process_time() - start)
        return min(readings)

    small, large = cpu(200), cpu(800)
    assert large < 8 * small + 0.05
