"""How model spans combine with rule mentions: agreement raises, disagreement lowers,
model-only spans become findings only through a rule normaliser, below approval strength."""

from __future__ import annotations

import pytest

from review_engine.nlp.mentions import Mention
from review_engine.nlp.model_combination import SpanContext, combine
from review_engine.nlp.model_config import LabelSpec, ModelConfig

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
        # disagreement: the only overlapping model span has another label; 0.8 * (1 - 0.15 * 0.9)
        ([rule("staging.stage", 20, 23)], [model("GENE", 20, 23, "IVA")], [("staging.stage", 0.692, "ner_model_disagreement")]),
        # a span the model barely believes barely moves it: 0.88 * (1 - 0.15 * 0.07) (it took 'IVA期' under 0.80)
        ([rule("staging.stage", 20, 23, score=0.88)], [model("GENE", 20, 23, "IVA", score=0.07)],
         [("staging.stage", 0.8708, "ner_model_disagreement")]),
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
        # the model barely believes the span (OCR's 'F-1(+)', TTF-1 stained, tagged STAGE '1'): dropped
        (model("STAGE", 30, 31, "1", score=0.03), None),
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
    from review_engine.nlp.model_combination import gate

    rules = [rule("variant", 0, 12), rule("staging.stage", 20, 23), rule("report.date", 40, 50)]
    kept = gate(rules, [model("GENE", 0, 4, "EGFR")], CONFIG)
    # the variant is confirmed, the stage has no model span, the date is outside the model's fields
    assert [m.field for m in kept] == ["variant", "report.date"]


# ----------------------------------------------------------------- model-only changes (OCR broke the rules' line)

VARIANT_CONFIG = CONFIG.model_copy(update={"labels": {
    **CONFIG.labels,
    "PCR_TARGET": LabelSpec(field="variant", agrees_with=["variant"], normaliser="variant"),
    "PROTEIN_CHANGE": LabelSpec(field="variant", agrees_with=["variant"], normaliser="variant"),
}})
# A PCR kit's table under a title that names the gene; the header's 'CAP#' was read as 'CAV'.
KIT = ("CLIA 52D7 CAV 1158\n"
       "EGFR Mutation Detection Kit\n"
       "Target\tResult\n"
       "Exon 21 L858R\tNo mutation detected\n"
       "Exon 20 S7681\tNo mutation detected\n")


def span_of(label: str, text: str, needle: str, score: float = 0.9) -> Mention:
    start = KIT.index(needle) if text is KIT else text.index(needle)
    return Mention(field=VARIANT_CONFIG.labels[label].field, value=needle, start=start, end=start + len(needle),
                   score=score, pattern="ner_model:t", attrs={"label": label, "raw_score": score})


def test_model_only_change_is_read_by_the_rule_grammar_with_the_gene_above() -> None:
    gene, target = span_of("GENE", KIT, "EGFR"), span_of("PCR_TARGET", KIT, "Exon 21 L858R", score=0.8)
    (found,) = combine([], [gene, target], VARIANT_CONFIG, KIT)
    assert found.field == "variant" and found.value["gene"] == "EGFR" and found.value["alteration"] == "L858R"
    # the gene is on another line: the finding sits on the change, the gene's place is kept
    assert (found.start, found.end) == (target.start, target.end)
    assert found.attrs["anchor"] == (target.start, target.end) and found.attrs["gene_span"] == (gene.start, gene.end)
    assert found.attrs["model_only"] and found.score == round(0.8 * 0.75, 4) < 0.8
    assert any("located by the model" in r for r in found.repairs)


def test_model_only_change_keeps_the_rule_repairs() -> None:
    # 'S7681': OCR read the new residue I as 1; the rules repair it only to a curated hotspot
    found = combine([], [span_of("GENE", KIT, "EGFR"), span_of("PCR_TARGET", KIT, "Exon 20 S7681")], VARIANT_CONFIG, KIT)
    assert [m.value["alteration"] for m in found] == ["S768I"]
    assert "OCR 1->I in residue" in found[0].repairs and found[0].score == round(min(0.9, 0.78) * 0.75, 4)


def test_model_only_change_is_no_surer_than_the_gene_it_took() -> None:
    gene = span_of("GENE", KIT, "EGFR", score=0.3)
    (found,) = combine([], [gene, span_of("PCR_TARGET", KIT, "Exon 21 L858R", score=0.95)], VARIANT_CONFIG, KIT)
    assert found.score == round(0.3 * 0.75, 4)


def test_model_only_change_snaps_an_ocr_damaged_gene_the_model_located() -> None:
    text = "EGFK\tp.L858R\t23.5%\n"
    found = combine([], [span_of("GENE", text, "EGFK"), span_of("PROTEIN_CHANGE", text, "p.L858R")], VARIANT_CONFIG, text)
    assert [(m.value["gene"], m.value["alteration"], m.start) for m in found] == [("EGFR", "L858R", 0)]
    assert any("EGFK->EGFR" in r for r in found[0].repairs)


@pytest.mark.parametrize(
    "text, needle",
    [
        ("Exon 21 L858R\tNo mutation detected\n", "Exon 21 L858R"),  # no gene located anywhere above
        ("EGFR\n" + "line\n" * 25 + "Exon 21 L858R\n", "Exon 21 L858R"),  # the gene is too far above
        ("EGFR\tTarget\tResult\n", "Target"),  # the grammar reads no change in the span
    ],
)
def test_model_only_change_without_a_gene_or_a_reading_is_dropped(text: str, needle: str) -> None:
    spans = [span_of("PCR_TARGET", text, needle)]
    if text.startswith("EGFR"):
        spans.insert(0, span_of("GENE", text, "EGFR"))
    assert [m for m in combine([], spans, VARIANT_CONFIG, text) if m.attrs.get("model_only")] == []


def test_model_only_change_is_not_added_where_the_rules_read_it() -> None:
    target = span_of("PCR_TARGET", KIT, "Exon 21 L858R")
    read = rule("variant", target.start + 8, target.end, value={"gene": "EGFR", "alteration": "L858R"})
    combined = combine([read], [span_of("GENE", KIT, "EGFR"), target], VARIANT_CONFIG, KIT)
    assert [m.attrs.get("model_only", False) for m in combined] == [False]


@pytest.mark.parametrize(
    "label, text, span_text",
    [
        ("PCR_TARGET", "NRAS exon 2 G12/G13\tnegative", "NRAS exon 2 G12/G13"),
        ("FUSION", "EML4-ALK fusion detected", "EML4-ALK"),
        ("COPY_NUMBER", "MET amplification detected", "MET amplification"),
    ],
)
def test_shipped_labels_naming_a_gene_do_not_contradict_the_gene_read_inside_them(
    label: str, text: str, span_text: str
) -> None:
    # Regression: a PCR kit row the model tagged PCR_TARGET lowered the rules' 'NRAS' (0.95 -> 0.81),
    # and its 'not detected' finding fell under the approval floor (a digital claim routed for nothing).
    from review_engine.nlp.transformer import read_config
    from review_engine.settings import models_dir

    shipped = read_config(models_dir() / "ner")
    start = text.index(span_text)
    span = Mention(field=shipped.labels[label].field, value=span_text, start=start, end=start + len(span_text),
                   score=0.9, pattern="ner_model:t", attrs={"label": label, "raw_score": 0.9})
    gene = rule("gene", 0, text.index(" ") if label != "FUSION" else 4, score=0.95)
    (judged, *_) = combine([gene], [span], shipped, text)
    causes = [a["cause"] for a in judged.attrs.get("adjustments", [])]
    assert "ner_model_disagreement" not in causes and judged.score >= 0.95


# ----------------------------------------------------------------- a row's status cue OCR broke

STATUS_CONFIG = VARIANT_CONFIG.model_copy(update={"labels": {
    **VARIANT_CONFIG.labels, "STATUS_CUE": LabelSpec(field="status", agrees_with=[], normaliser="status")}})
ROWS = "Gene\tResult\nEGFR\tWild type\nBRAF\tWid type\n"


def cue_spans(text: str, gene: str, cue: str, cue_score: float = 0.8) -> list[Mention]:
    return [span_of("GENE", text, gene), span_of("STATUS_CUE", text, cue, cue_score)]


def test_broken_status_cue_on_a_gene_row_is_read_as_the_trigger_one_edit_away() -> None:
    # 'Wid type': OCR dropped the l of 'Wild type', so neither the variant grammar nor ConText read the row
    (found,) = combine([], cue_spans(ROWS, "BRAF", "Wid type"), STATUS_CONFIG, ROWS)
    assert found.field == "variant" and found.value["gene"] == "BRAF" and found.value["alteration"] == "mutation"
    assert found.attrs["cue_status"] == "not_detected" and found.attrs["model_only"]
    assert (found.start, found.end) == (ROWS.index("BRAF"), ROWS.index("Wid type") + len("Wid type"))
    assert "status cue 'Wid type' read as 'wild type'" in found.repairs
    assert found.score == round(0.8 * 0.75, 4) < 0.8  # never strong enough to support approve alone


@pytest.mark.parametrize(
    "text, gene, cue",
    [
        ("BRAF\tid type\n", "BRAF", "id type"),  # two edits from 'wild type': not read
        ("BRAF\tWT\n", "BRAF", "WT"),  # a trigger the grammar does not read after a gene
        ("BRAF\tNegatve\n", "BRAF", "Negatve"),  # read as 'negative', which the grammar does not read after a gene
        ("BRAF and others: Wid type\n", "BRAF", "Wid type"),  # the cue is not the gene's own cell
    ],
)
def test_status_cue_that_cannot_be_read_or_is_not_the_rows_gives_nothing(text: str, gene: str, cue: str) -> None:
    spans = [span_of("GENE", text, gene), span_of("STATUS_CUE", text, cue)]
    assert combine([], spans, STATUS_CONFIG, text) == []


def test_status_cue_on_a_row_the_rules_read_gives_nothing() -> None:
    read = rule("variant", ROWS.index("EGFR"), ROWS.index("Wild type") + 9, value={"gene": "EGFR", "alteration": "mutation"})
    combined = combine([read], cue_spans(ROWS, "EGFR", "Wild type"), STATUS_CONFIG, ROWS)
    assert [m.attrs.get("model_only", False) for m in combined] == [False]


def test_context_keeps_the_cue_status_only_where_no_trigger_fires() -> None:
    from review_engine.nlp.context import context_engine
    from review_engine.nlp.sections import SectionIndex

    def status(text: str) -> str:
        mention = Mention(field="variant", value={"gene": "BRAF", "alteration": "mutation"}, start=0, end=13,
                          score=0.6, pattern="ner_model:t", attrs={"cue_status": "not_detected"})
        (assessed,) = context_engine().assess(text, [mention], SectionIndex([]))
        return assessed.value["status"]

    assert status("BRAF\tWid type") == "not_detected"
    assert status("BRAF\tWid type: mutation detected") == "detected"  # a trigger ConText finds on the line wins


# ----------------------------------------------------------------- a change the rules gave to the wrong gene

# OCR glued the gene to its cDNA and misread its I (the rules read a glued gene alone since issue 4)
GLUED = "Findings: KRAS c.183A>C Q61H; PlK3CAc.1633G>A E545K."


def test_change_after_a_gene_the_model_located_is_read_with_that_gene() -> None:
    # OCR glued 'PIK3CA' to its cDNA change: the gene pattern skipped it and the rules gave E545K to KRAS
    from review_engine.nlp.recognizers import variants

    rules = variants.find(GLUED)
    assert ("KRAS", "E545K") in [(m.value["gene"], m.value["alteration"]) for m in rules]
    combined = combine(rules, [span_of("GENE", GLUED, "PlK3CA", score=0.66)], VARIANT_CONFIG, GLUED)
    read = [(m.value["gene"], m.value["alteration"]) for m in combined]
    assert read == [("KRAS", "Q61H"), ("PIK3CA", "E545K")]
    moved = combined[1]
    assert moved.attrs["reattributed_from"] == "KRAS" and moved.attrs["model_only"]
    assert moved.start == GLUED.index("PlK3CA") and moved.score <= round(0.66 * 0.75, 4) < 0.8


def test_change_keeps_its_gene_when_the_model_names_no_other_gene_before_it() -> None:
    from review_engine.nlp.recognizers import variants

    text = "Findings: KRAS c.183A>C Q61H; PIK3CA c.1633G>A E545K."  # the rules read both genes themselves
    rules = variants.find(text)
    combined = combine(rules, [span_of("GENE", text, "PIK3CA")], VARIANT_CONFIG, text)
    assert [(m.value["gene"], m.value["alteration"]) for m in combined] == [(m.value["gene"], m.value["alteration"]) for m in rules]
    assert not any(m.attrs.get("reattributed_from") for m in combined)


def test_change_keeps_its_gene_when_the_model_barely_believes_the_other_gene() -> None:
    from review_engine.nlp.recognizers import variants

    rules = variants.find(GLUED)
    combined = combine(rules, [span_of("GENE", GLUED, "PlK3CA", score=0.3)], VARIANT_CONFIG, GLUED)
    assert not any(m.attrs.get("reattributed_from") for m in combined)


@pytest.mark.issue(4)
def test_model_only_change_takes_no_gene_from_the_row_above_when_its_row_names_one() -> None:
    # a table whose change column comes before its gene column: 'p.V600E' was read as the row above's EGFR
    # V600E, and no status cell of its own row (another gene's) reached it: a ghost 'detected' finding
    text = "EGFR\tp.L858R\tDetected\np.V600E\t1523\tBRAF\tNegative\n"
    assert combine([], [span_of("PROTEIN_CHANGE", text, "p.V600E")], VARIANT_CONFIG, text) == []
    # the model's span may take in the row's own gene
    text = "p.L858R  EGFR  阴性\np.Q61K  NRAS  阳性\n"
    assert combine([], [span_of("PROTEIN_CHANGE", text, "p.Q61K  NRAS  阳性")], VARIANT_CONFIG, text) == []


@pytest.mark.issue(4)
def test_model_span_taking_in_a_status_cell_is_no_change() -> None:
    # the model located 'mutation\nNM_00' out of 'KRAS No mutation': read with KRAS as a gene-level change, the
    # status words stood inside the change, where ConText reads none, and KRAS was 'detected' (table probe, seed 13)
    text = "NM_004985.5 p.G12C KRAS No mutation\nNM_002524.5 p.Q61K NRAS Positive\n"
    spans = [span_of("GENE", text, "KRAS"), span_of("PROTEIN_CHANGE", text, "mutation\nNM_00")]
    assert [m for m in combine([], spans, VARIANT_CONFIG, text) if m.attrs.get("model_only")] == []
    # a span beside a positive status word is still read
    text = "KRAS\tp.G12C\tMutation detected\n"
    spans = [span_of("GENE", text, "KRAS"), span_of("PROTEIN_CHANGE", text, "p.G12C")]
    assert [m.value["alteration"] for m in combine([], spans, VARIANT_CONFIG, text) if m.attrs.get("model_only")] == ["G12C"]



@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "needle, holds",
    [
        ("mutation", True),  # inside 'No mutation', from its second word
        ("KRAS No", True),  # takes in its first word
        ("p.G12C KRAS", False),  # before it
        ("Positive", False),  # a positive literal says detected
        ("NM_002524.5", False),  # between two literals
        ("No", True),
    ],
)
def test_result_words_overlapping_a_span_are_found_by_bisection(needle: str, holds: bool) -> None:
    text = "NM_004985.5 p.G12C KRAS No mutation\nNM_002524.5 p.Q61K NRAS Positive\nBRAF Not detected\n"
    context = SpanContext(text, [], [], VARIANT_CONFIG)
    start = text.index(needle)
    assert context.holds_result_words(start, start + len(needle)) is holds
