"""ConText on table rows whose status cell OCR garbled: read as the trigger one edit away, with the repair shown."""

from __future__ import annotations

import pytest

from review_engine.nlp.context import context_engine

KIT = "Gene: EGFR\nTarget\tResult\n"


def _variants(extractor, text: str) -> dict[str, tuple[str, list[str]]]:
    findings = extractor.extract_text(text, kind="genetic_report")
    return {v.alteration: (v.status, list((v.evidence.repairs if v.evidence else []) or [])) for v in findings.variants}


@pytest.mark.parametrize(
    "row, alteration, literal",
    [
        # Regression (degraded PCR-kit scan): a garbled 'Negative' cell left the row at the default 'detected'
        ("Exon 20 T790M\tNegatve", "T790M", "negative"),
        ("Exon 21 L861Q\tNegatiue", "L861Q", "negative"),
        ("Exon 18 G719X  Negatlve", "G719X", "negative"),  # a wide gap of spaces is a cell gap too
        # 'detected' inside the garbled cell is no trigger of its own: the whole cell reads 'none detected'
        ("KRAS G12C\tNome detected", "G12C", "none detected"),
    ],
)
def test_garbled_status_cell_is_read_as_the_trigger_one_edit_away(variant_extractor, row: str, alteration: str,
                                                                  literal: str) -> None:
    status, repairs = _variants(variant_extractor, KIT + row + "\n")[alteration]
    cell = row.split("\t")[-1].split("  ")[-1]
    assert status == "not_detected"
    assert f"status cue '{cell}' read as '{literal}'" in repairs


@pytest.mark.parametrize(
    "row, alteration",
    [
        ("Exon 20 T790M\tNegative", "T790M"),  # the literal itself: no repair to report
        ("Exon 21 L858R\tDETECTED", "L858R"),
    ],
)
def test_whole_status_cell_needs_no_repair(variant_extractor, row: str, alteration: str) -> None:
    status, repairs = _variants(variant_extractor, KIT + row + "\n")[alteration]
    assert status == ("not_detected" if "Negative" in row else "detected")
    assert not any("status cue" in r for r in repairs)


def test_garbled_text_outside_a_cell_is_not_read() -> None:
    # 'Negatve' after a single space is running text, not a table cell: left to the other layers
    engine = context_engine()
    text = "EGFR T790M Negatve"
    assert all(t.repair is None for t in engine.triggers(text))
    assert engine._repaired_cells(text, 0, len(text)) == []


@pytest.mark.parametrize(
    "cue, expected",
    [
        ("Negatve", [("negative", "not_detected")]),
        ("Wid type", [("wild type", "not_detected")]),
        ("Nome  detected", [("none detected", "not_detected")]),
        ("negative", [("negative", "not_detected")]),  # the literal itself
        ("WX", []),  # shorter than the one-edit minimum
        ("id type", []),  # two edits from 'wild type'
    ],
)
def test_cue_literals_shared_by_context_and_the_model_combination(cue: str, expected: list[tuple[str, str]]) -> None:
    assert context_engine().cue_literals(cue) == expected


@pytest.mark.parametrize(
    "row, alteration",
    [
        # a status cell OCR broke beyond one edit ('Neguatve', 'legatve'): never the default 'detected'
        ("Exon 20 T790M\tNeguatve", "T790M"),
        ("Exon 20 T790M\tlegatve", "T790M"),
        ("Exon 20 T790M   Neguatve", "T790M"),
        ("21号外显子L858R点突变\t阴忄生", "L858R"),
    ],
)
def test_unreadable_status_cell_of_a_kit_row_is_indeterminate(variant_extractor, row: str, alteration: str) -> None:
    findings = variant_extractor.extract_text(KIT + row + "\n", kind="genetic_report")
    assert {v.alteration: v.status for v in findings.variants}[alteration] == "indeterminate"
    doc = variant_extractor.process(KIT + row + "\n")
    variant = next(m for m in doc._.review_mentions if m.field == "variant" and m.value["alteration"] == alteration)
    # the status slot's reading (close to a status literal) or the kit row's unread cell says why
    assert any("no status the rules read" in note or "INDETERMINATE" in note for note in variant.attrs["context"])


@pytest.mark.parametrize(
    "row, alteration",
    [
        # what a variant row's other cells hold is no unread status: the row stays detected
        ("Exon 20 T790M\tMissense", "T790M"),
        ("Exon 20 T790M\t12.5%", "T790M"),
        ("Exon 20 T790M\tTier I", "T790M"),
        ("Exon 20 T790M\tLikely pathogenic", "T790M"),
        ("Exon 20 T790M\tsomatic", "T790M"),  # a trigger of another attribute
        ("Exon 20 T790M\tPositive (70%)", "T790M"),
        ("EGFR\tc.2369C>T\tp.T790M\t5.1%", "T790M"),  # an NGS row: more than two cells
        ("EGFR\tMissense\tp.T790M\tTier II", "T790M"),
        ("21号外显子L858R点突变\t突变", "L858R"),  # a kit's 'mutation' cell means detected
        ("19号外显子缺失突变（19-Del，19种）\t检出", "exon19del"),
    ],
)
def test_other_cells_of_a_variant_row_leave_it_detected(variant_extractor, row: str, alteration: str) -> None:
    findings = variant_extractor.extract_text(KIT + row + "\n", kind="genetic_report")
    assert {v.alteration: v.status for v in findings.variants}[alteration] == "detected"


@pytest.mark.parametrize(
    "row, gene, cell, literal",
    [
        ("C-MET\tNegatve", "MET", "Negatve", "negative"),
        ("KRAS\tNome detected", "KRAS", "Nome detected", "none detected"),
        ("ALK\tWid type", "ALK", "Wid type", "wild type"),
    ],
)
def test_garbled_status_cell_of_a_gene_row_is_read(variant_extractor, row: str, gene: str, cell: str, literal: str) -> None:
    # Regression: the rules read no status on these rows, so no gene finding said 'not detected'
    findings = variant_extractor.extract_text(f"Gene\tResult\n{row}\n", kind="genetic_report")
    (variant,) = [v for v in findings.variants if v.gene == gene]
    assert variant.status == "not_detected"
    assert f"status cue '{cell}' read as '{literal}'" in variant.evidence.repairs


@pytest.mark.parametrize("row", ["KRAS G12C\tNo mutation\n", "EGFR L858R  No mutation\n"])
def test_a_status_filling_its_cell_answers_for_the_row_whatever_its_direction(variant_extractor, row: str) -> None:
    # 'no mutation' is a forward-only trigger in running text; as the row's status cell it was ignored
    # and the change stayed 'detected'
    (variant,) = variant_extractor.extract_text(row, kind="genetic_report").variants
    assert variant.status == "not_detected"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, expected",
    [
        # dot leaders between a change and its status are a cell gap: the '.' ended the English literal's scope
        ("EGFR L858R .......... Not detected\n", {"L858R": "not_detected"}),
        ("EGFR L858R .......... Detected\nKRAS G12C ............ Not detected\n",
         {"L858R": "detected", "G12C": "not_detected"}),
        ("EGFR L858R……Not detected\n", {"L858R": "not_detected"}),
        ("EGFR L858R ________ Not detected\n", {"L858R": "not_detected"}),
        # as before
        ("EGFR L858R......阴性\n", {"L858R": "not_detected"}),
    ],
)
def test_dot_leaders_are_a_cell_gap(variant_extractor, rows: str, expected: dict[str, str]) -> None:
    found = variant_extractor.extract_text(f"Results\n{rows}", kind="genetic_report").variants
    assert {v.alteration: v.status for v in found} == expected
