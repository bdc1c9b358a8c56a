"""How model spans combine with rule mentions: agreement raises, disagreement lowers,
model-only spans become findings only through a rule normaliser, below approval strength."""

from __future__ import annotations

import pytest

from review_engine.nlp.mentions import Mention
from review_engine.nlp.transformer import LabelSpec, ModelConfig, combine

CONFIG = ModelConfig(
    name="ner", version="t", tags=["O", "B-GENE", "I-GENE", "B-STAGE", "I-STAGE"], window_length=16, window_overlap=4,
    labels={"GENE": LabelSpec(field="gene", agrees_with=["gene", "variant"]),
            "STATUS_CUE": LabelSpec(field="status", agrees_with=[]),
            "STAGE": LabelSpec(field="staging.stage", agrees_with=["staging.stage"], normaliser="stage")},
)


def rule(field: str, start: int, end: int, score: float = 0.8, value: object = "x") -> Mention:
    return Mention(field=field, value=value, start=start, end=end, score=score, pattern="rule (strong)")


def model(label: str, start: int, end: int, value: str, score: float = 0.9) -> Mention:
    return Mention(field=CONFIG.labels[label].field, value=value, start=start, end=end, score=score,
                   pattern="ner_model:t", attrs={"label": label, "raw_score": score})


@pytest.mark.parametrize(
    "rules, spans, expected",
    [
        # agreement: 0.8 + 0.2 * 0.5 * 0.9
        ([rule("variant", 0, 12)], [model("GENE", 0, 4, "EGFR")], [("variant", 0.89, "ner_model_agreement")]),
        ([rule("staging.stage", 20, 23)], [model("STAGE", 20, 23, "IVA")], [("staging.stage", 0.89, "ner_model_agreement")]),
        # disagreement: the only overlapping model span has another label
        ([rule("staging.stage", 20, 23)], [model("GENE", 20, 23, "IVA")], [("staging.stage", 0.68, "ner_model_disagreement")]),
        # a status cue inside a variant reading neither confirms nor contradicts it
        ([rule("variant", 0, 12)], [model("STATUS_CUE", 6, 12, "检测到突变")], [("variant", 0.8, None)]),
        # no model span: unchanged
        ([rule("variant", 0, 12)], [], [("variant", 0.8, None)]),
        # a field the model does not cover is never judged
        ([rule("report.date", 0, 10)], [model("GENE", 0, 4, "EGFR")], [("report.date", 0.8, None)]),
    ],
)
def test_combine_adjusts_rule_scores(rules: list, spans: list, expected: list) -> None:
    combined = combine(rules, spans, CONFIG)
    got = [(m.field, m.score, (m.attrs.get("adjustments") or [{}])[-1].get("cause")) for m in combined]
    assert got == expected


@pytest.mark.parametrize(
    "span, expected",
    [
        # a stage the rules missed, read by the TNM normaliser (with its repair)
        (model("STAGE", 30, 32, "4a", score=0.96), ("staging.stage", "IVA", 0.72, ("4->IV in 4a",))),
        (model("STAGE", 30, 34, "IIIB期", score=0.8), ("staging.stage", "IIIB", 0.6, ())),
        # the normaliser cannot read it: dropped
        (model("STAGE", 30, 33, "abc"), None),
        # no normaliser for the label: dropped
        (model("GENE", 30, 34, "EGFR"), None),
    ],
)
def test_combine_passes_model_only_spans_through_the_normaliser(span: Mention, expected: tuple | None) -> None:
    combined = combine([], [span], CONFIG)
    if expected is None:
        assert combined == []
    else:
        (mention,) = combined
        assert (mention.field, mention.value, mention.score, mention.repairs) == expected
        assert mention.attrs["model_only"] and (mention.start, mention.end) == (span.start, span.end)
        assert mention.score < 0.8  # never strong enough to support approve alone


def test_combine_does_not_duplicate_what_the_rules_found() -> None:
    combined = combine([rule("staging.stage", 30, 33, value="IVA")], [model("STAGE", 30, 33, "IVA")], CONFIG)
    assert [m.field for m in combined] == ["staging.stage"]


def test_gate_keeps_only_model_located_readings_of_covered_fields() -> None:
    from review_engine.nlp.transformer import gate

    rules = [rule("variant", 0, 12), rule("staging.stage", 20, 23), rule("report.date", 40, 50)]
    kept = gate(rules, [model("GENE", 0, 4, "EGFR")], CONFIG)
    # the variant is confirmed, the stage has no model span, the date is outside the model's fields
    assert [m.field for m in kept] == ["variant", "report.date"]
