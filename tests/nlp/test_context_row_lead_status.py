"""Single-spaced rows (issue 4): a status cell between the gene and the change answers for the change as a
cell does ('NRAS 阴性 - p.Gln61Lys' was read as detected), and every status closing a row is one of its cells."""

from __future__ import annotations

import pytest
from status_reading import statuses


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, expected",
    [
        # not detected: a status literal that reads backward only, before the change
        ("NRAS 阴性 - p.Gln61Lys\n", {"Q61K": "not_detected"}),
        ("NRAS 阴性 p.Gln61Lys\n", {"Q61K": "not_detected"}),
        ("NRAS Negative p.Q61K\n", {"Q61K": "not_detected"}),
        ("EGFR 未检出 Exon 20 p.T790M\n", {"T790M": "not_detected"}),
        ("NRAS 阴性 - p.Gln61Lys\nEGFR 阳性 - p.Leu858Arg\n", {"Q61K": "not_detected", "L858R": "detected"}),
        # a status cell between the cells the change was read from (a cDNA before it)
        ("KRAS NM_004985.5 c.34G>T 无突变 G12C\nBRAF NM_004333.6 c.1799T>A 检测到 p.V600E\n",
         {"G12C": "not_detected", "V600E": "detected"}),
        ("KRAS c.34G>T 阴性 p.G12C\n", {"G12C": "not_detected"}),
        # another change between the literal and the gene: the literal is that change's
        ("EGFR L858R 阳性 T790M 阴性\n", {"L858R": "detected", "T790M": "not_detected"}),
        # cells as before
        ("NRAS  阴性  -  p.Gln61Lys\n", {"Q61K": "not_detected"}),
        # a depth's unit glued to the literal's slot ('2000x NEGATIVE', read as one garbled 'negative') took the
        # literal's place, and the change stayed detected
        ("KRAS  -  Exon 2  2000x  NEGATIVE  p.Gly12Cys\n", {"G12C": "not_detected"}),
        ("NRAS <0.1% Exon 3 2000x Negative p.Gln61Lys\n", {"Q61K": "not_detected"}),
        ("KRAS 1523x 阴性 p.G12C\n", {"G12C": "not_detected"}),
        # 'N/A  Wild type': the 'A' and the literal read as one garbled 'wild-type', which took the literal's place
        # and reached only the gene before it (table probe, seeds 19 and 31: detected)
        ("BRAF  N/A  Wild type  p.V600E\nEGFR  23.5%  Positive  p.L858R\n", {"V600E": "not_detected", "L858R": "detected"}),
        ("NRAS N/A Wild type c.181C>A - p.Gln61Lys\n", {"Q61K": "not_detected"}),
        # several status cells among the cells the change is read from: each is the row's, as near as the others,
        # and the ranking decides ('Tier III' left the row 'detected', with 'Not detected' or 'Uncertain
        # significance' before it: table probe, seed 13)
        ("NRAS c.181C>A Not detected Tier III p.Gln61Lys\n", {"Q61K": "not_detected"}),
        ("NRAS c.181C>A Uncertain significance Tier III p.Gln61Lys Exon 3\n", {"Q61K": "vus"}),
        ("NRAS c.181C>A Detected Tier III p.Gln61Lys\n", {"Q61K": "vus"}),
        ("NRAS c.181C>A Detected Tier I p.Gln61Lys\n", {"Q61K": "detected"}),
    ],
)
def test_status_between_gene_and_change_answers_for_the_change(variant_extractor, rows: str, expected) -> None:
    assert statuses(variant_extractor, f"Results\n{rows}") == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, expected",
    [
        # VUS: every status literal closing a single-spaced row is one of its cells, as near as the others
        ("ATM p.R337C 45% Detected VUS\n", {"R337C": "vus"}),
        ("ATM p.R337C Detected 意义未明\n", {"R337C": "vus"}),
        ("ATM p.R337C 45% Detected VUS\nEGFR p.L858R 30% Detected\n", {"R337C": "vus", "L858R": "detected"}),
        # as before
        ("ATM p.R337C 45% VUS Detected\n", {"R337C": "vus"}),
        ("NRAS p.Gln61Lys c.181C>A 1523 0.0% WT\n", {"Q61K": "not_detected"}),
        ("KRAS p.Gly12Cys No mutation 2000x\n", {"G12C": "not_detected"}),
    ],
)
def test_every_status_closing_a_single_spaced_row_is_its_cell(variant_extractor, rows: str, expected) -> None:
    assert statuses(variant_extractor, f"Results\n{rows}") == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, expected",
    [
        # not detected: a mark right after the change, another row of the table holding a status
        (
            "NRAS p.Gln61Lys c.181C>A 突变 23.5%\nBRAF p.Val600Glu c.1799T>A - 0%\nKRAS p.Gly12Cys c.34G>T 阴性 N/A\n",
            {"Q61K": "detected", "V600E": "not_detected", "G12C": "not_detected"},
        ),
        (
            (
                "Gene Amino acid change Detection result VAF Clinical significance\n"
                "EGFR p.Leu858Arg Detected 12% Tier I\nNRAS p.Gln61Lys - - -\nKRAS p.Gly12Cys - 0.0% -\n"
            ),
            {"L858R": "detected", "Q61K": "not_detected", "G12C": "not_detected"},
        ),
        ("KRAS 2 p.G12C 阴性 -\nEGFR 21 L858R - 0%\n", {"G12C": "not_detected", "L858R": "not_detected"}),
        # not detected: a mark right before the change, past the gene and a value
        (
            "PIK3CA 20 突变 p.His1047Arg 1,523\nNRAS 3 未检测到 p.Gln61Lys 2000x\nKRAS 2 - p.Gly12Cys 2000x\n",
            {"H1047R": "detected", "Q61K": "not_detected", "G12C": "not_detected"},
        ),
        (
            "PIK3CA Exon 20 NM_006218.4 1523 - p.H1047R\nBRAF Exon 15 NM_004333.6 1523 Mutation detected p.V600E\n",
            {"H1047R": "not_detected", "V600E": "detected"},
        ),
        # a '-' between a gene and its change is no cell; a kit's word for detected before the change is its status
        ("Detected variants\nKRAS - p.G12C 45%\nEGFR - p.L858R 30%\n", {"G12C": "detected", "L858R": "detected"}),
        ("EGFR 检出 12% p.Leu858Arg - 致病\nKRAS 阴性 - p.G12C - -\n", {"L858R": "detected", "G12C": "not_detected"}),
        # a status further on the row is its own: the mark is not read
        ("KRAS p.G12C 阴性 1523\nEGFR p.L858R - 检出\n", {"G12C": "not_detected", "L858R": "detected"}),
        # no other row holds a status: a mark alone says nothing of its column, so a person looks (it was
        # read as detected)
        ("EGFR p.L858R - 12%\n", {"L858R": "indeterminate"}),
    ],
)
def test_mark_beside_the_change_of_a_single_spaced_row(variant_extractor, rows: str, expected) -> None:
    assert statuses(variant_extractor, f"Results\n{rows}") == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, expected",
    [
        # a table whose status column comes first, cell gaps closed to single spaces: '阴性' reads backward only
        # and the row's change was read as detected (table_status_probe's one unsafe row)
        ("- 阴性 EGFR 21 c.2573T>G L858R\n致病 检测到 KRAS 2 c.34G>T p.G12C\n",
         {"L858R": "not_detected", "G12C": "detected"}),
        ("Negative KRAS 2 c.34G>T p.G12C\nDetected EGFR 21 c.2573T>G p.L858R\n",
         {"G12C": "not_detected", "L858R": "detected"}),
        # another gene before the change on the row: the literal is that gene's
        ("EGFR T790M 阴性 L858R 阳性\n", {"T790M": "not_detected", "L858R": "detected"}),
        # a literal that reads both ways, the cells between outrunning its scope (table probe, seed 31: detected)
        (("NM_006218.4 No mutation Exon 20 c.3140A>G - PIK3CA p.His1047Arg\n"
          "NM_005228.5 Mutant Exon 21 c.2573T>G Tier I EGFR p.Leu858Arg\n"),
         {"H1047R": "not_detected", "L858R": "detected"}),
    ],
)
def test_a_status_opening_a_single_spaced_row_is_its_cell(variant_extractor, rows: str, expected) -> None:
    assert statuses(variant_extractor, f"Results\n{rows}") == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, expected",
    [
        # dashes before the change or between the cells it is read from, on a row with no status, in a table whose
        # other rows hold one: one of them is its status cell and none says which, so a person looks (all three
        # were read as detected: table probe, seeds 11 and 13)
        ("- - PIK3CA p.His1047Arg\n- 未检测到 KRAS p.Gly12Cys\n致病 检出 NRAS p.Gln61Lys\n",
         {"H1047R": "indeterminate", "G12C": "not_detected", "Q61K": "detected"}),
        ("EGFR 检出 II类 1,523 p.Leu858Arg c.2573T>G\nKRAS - - 1523 p.Gly12Cys c.34G>T\n",
         {"L858R": "detected", "G12C": "indeterminate"}),
        ("KRAS 1523 p.Gly12Cys Positive Tier II c.34G>T\nBRAF 2000x p.Val600Glu - - c.1799T>A\n",
         {"G12C": "detected", "V600E": "indeterminate"}),
        # no marks: a dash opening a line is a list's bullet, one alone between a gene and its change joins them,
        # one inside a fusion's notation is the notation's
        ("- EGFR p.L858R 突变丰度 23.5%\n- KRAS p.G12C 未检出\n", {"L858R": "detected", "G12C": "not_detected"}),
        ("EGFR - p.L858R 30%\nKRAS - p.G12C 未检出\n", {"L858R": "detected", "G12C": "not_detected"}),
        ("KRAS p.G12C 未检出\nAlterations identified: ALK EML4 (exon 6) - ALK (exon 20) fusion; TP53 c.818G>A p.R273H.\n",
         {"G12C": "not_detected", "fusion": "detected", "R273H": "detected"}),
        # no other row holds a status: nothing makes the dashes a status column
        ("KRAS - - 1523 p.Gly12Cys c.34G>T\n", {"G12C": "detected"}),
    ],
)
def test_marks_no_rule_places_on_a_single_spaced_row_send_it_to_a_person(variant_extractor, rows: str, expected) -> None:
    assert statuses(variant_extractor, f"Results\n{rows}") == expected


@pytest.mark.issue(4)
def test_marks_no_rule_places_are_the_evidence_and_say_why(variant_extractor) -> None:
    text = "Results\nEGFR 检出 II类 1,523 p.Leu858Arg c.2573T>G\nKRAS - - 1523 p.Gly12Cys c.34G>T\n"
    (kras,) = [v for v in variant_extractor.extract_text(text, kind="genetic_report").variants if v.gene == "KRAS"]
    assert kras.status == "indeterminate"
    assert kras.evidence.status_words.text == "- -"
    assert "no layout says which mark is its status cell" in kras.evidence.status_words.how
