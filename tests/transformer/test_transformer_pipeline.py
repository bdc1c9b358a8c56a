"""The shipped model inside the extraction pipeline: added after the rules, confirms their
readings (raising their scores, with the adjustment recorded), keeps offsets exact."""

from __future__ import annotations

from pathlib import Path

import pytest

REPORT = (
    "基因检测报告\n姓名：张伟 性别：男 年龄：63岁\n临床诊断：肺腺癌\n检测结果\n"
    "EGFR 基因 21号外显子 p.L858R 突变 检测到突变 丰度 12.5%\n临床分期：cT2aN2M1a IVA期\n"
)


@pytest.fixture(scope="module")
def extractor(repo_root: Path):
    if not (repo_root / "models" / "manifest.json").is_file():
        pytest.skip("no shipped model")
    from review_engine.nlp.pipeline import Extractor
    from review_engine.nlp.transformer import register_spacy_factory

    # This test session imported the transformer module before spaCy (its other tests need no
    # spaCy), so the import-time registration did not run; a production process imports the
    # pipeline (and spaCy) first. Registering is idempotent.
    register_spacy_factory()
    return Extractor()


def test_transformer_pipeline_runs_the_model_after_the_rules(extractor) -> None:
    names = extractor.nlp.pipe_names
    assert names.index("review_recognizers") < names.index("review_transformer") < names.index("review_context")


def test_transformer_pipeline_confirms_rule_readings(extractor) -> None:
    doc = extractor.process(REPORT)
    assert doc._.model_mentions, "the model should find entities in a report like its training data"
    assert all(REPORT[m.start:m.end] == m.value for m in doc._.model_mentions)
    confirmed = [m for m in doc._.review_mentions
                 if any(a["cause"] == "ner_model_agreement" for a in m.attrs.get("adjustments", ()))]
    assert confirmed
    for mention in confirmed:
        adjustment = mention.attrs["adjustments"][-1]
        assert adjustment["from"] < adjustment["to"] == mention.score <= 1.0


def test_transformer_pipeline_findings_keep_the_rule_values(extractor) -> None:
    findings = extractor.extract_text(REPORT, doc_id="d1")
    assert [(v.gene, v.alteration, v.status) for v in findings.variants] == [("EGFR", "L858R", "detected")]
    assert findings.staging.stage == "IVA"


# A PCR kit report as OCR read a poor scan: the header's 'CAP#' became 'CAV' (an old gene symbol),
# so the rules see two genes and will not lend the title's EGFR to the table rows; '1' for 'I'.
BROKEN_KIT = (
    "Lakeside Molecular Laboratory\n"
    "CLlA 52D7 CAV 1158243\n"
    "EGFR Mutation Detection Kit (ARMS real-time PCR)\n"
    "Patient Name: Jane Roe\tAge: 61 y\n"
    "Results\n"
    "Target\tResult\n"
    "Exon 19 deletions (19 types)\tNo mutation detected\n"
    "Exon 21 L858R\tDETECTED\n"
    "Exon 20 T790M\tNo mutation detected\n"
    "Exon 20 S7681\tNo mutation detected\n"
)


def test_transformer_pipeline_reads_what_ocr_broke_for_the_rules_but_never_strongly(extractor) -> None:
    from review_engine.nlp.pipeline import Extractor
    from review_engine.settings import get_settings

    rules = Extractor()
    rules.nlp.remove_pipe("review_transformer")
    assert rules.extract_text(BROKEN_KIT).variants == []  # the blind spot this test is about
    found = extractor.extract_text(BROKEN_KIT)
    read = {(v.gene, v.alteration, v.status) for v in found.variants}
    # the model locates the rows, the rule grammar normalises them (S7681 -> S768I), ConText gives the status
    assert {("EGFR", "L858R", "detected"), ("EGFR", "T790M", "not_detected"), ("EGFR", "S768I", "not_detected")} <= read
    assert all(v.status != "detected" or v.alteration == "L858R" for v in found.variants)
    floor = get_settings().policy.min_finding_confidence
    for evidence in (v.evidence for v in found.variants):
        assert evidence.confidence < floor  # a model-only finding can route to a person, never approve
        assert evidence.source.startswith("ner_model") and any("located by the model" in r for r in evidence.repairs)
