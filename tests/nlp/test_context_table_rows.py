"""ConText on result-table rows: a status cell answers for its row, whatever lies between (issue 4 sweep)."""

from __future__ import annotations

import pytest
from status_reading import statuses

from review_engine.nlp.context import context_engine


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, alteration",
    [
        # not detected: the status cell lies beyond its literal's running-text scope ('WT' reaches 10 characters)
        ("EGFR  Exon 21  c.2573T>G  p.L858R  2000x  -  WT", "L858R"),
        ("EGFR\tExon 21\tc.2573T>G\tp.Leu858Arg\t2000x\tTier I\t45%\tWT", "L858R"),
        # a cell between holds a terminator of the literal in running text (',' ends 'wild type')
        (
            "KRAS\tp.Gly12Cys\tNM_004985.5\t2000x\t-\tN/A\tsignificance unknown, see note\tWild type",
            "G12C",
        ),
        # '|' separates cells as a tab does ('no mutation' reads forward only in running text)
        ("EGFR | p.Leu858Arg | 2000x | WT", "L858R"),
        ("NRAS | Exon 3 | p.Gln61Lys | 2000x | No mutation", "Q61K"),
    ],
)
def test_status_cell_answers_for_its_row_beyond_running_text_scope(
    variant_extractor, row: str, alteration: str
) -> None:
    assert statuses(variant_extractor, f"Results\n{row}\n")[alteration] == "not_detected"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, expected",
    [
        # detected: the nearer cell of the same gene's two changes still wins
        (
            "EGFR\tL858R\tDetected\tT790M\tNot detected",
            {"L858R": "detected", "T790M": "not_detected"},
        ),
        # another gene's change between a cell and a change stops the cell (no crossing)
        (
            "EGFR\tL858R\tDetected\tKRAS\tG12C\tNot detected",
            {"L858R": "detected", "G12C": "not_detected"},
        ),
    ],
)
def test_status_cell_stays_with_its_own_change(
    variant_extractor, row: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, f"Results\n{row}\n") == expected


def test_pipe_separates_table_cells() -> None:
    text = "| KRAS | p.G12C | Negative |"
    cells = [text[a:b] for a, b in context_engine()._cell_spans(text, 0, len(text))]
    assert cells == ["KRAS", "p.G12C", "Negative", ""]


HOTSPOT_KIT = "Results\nGene  Hotspot  Result\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "table, expected",
    [
        # not detected: a hotspot kit's result column marks a row '-' or 'ND' (no word a rule reads)
        (
            HOTSPOT_KIT + "KRAS  G12C  -\nKRAS  G12D  +\nNRAS  Q61K  ND\n",
            {"G12C": "not_detected", "G12D": "detected", "Q61K": "not_detected"},
        ),
        (
            "检测结果\n基因\t突变位点\t检测结果\nKRAS\tG12C\t-\nBRAF\tV600E\t+\nEGFR\tL858R\t阴性\n",
            {"G12C": "not_detected", "V600E": "detected", "L858R": "not_detected"},
        ),
        (
            "| Gene | Variant | VAF | Status |\n| KRAS | p.G12C | 0% | (-) |\n| EGFR | p.L858R | 12% | (+) |\n",
            {"G12C": "not_detected", "L858R": "detected"},
        ),
        # indeterminate: the row lost its status cell (fewer cells than the header); a person must look
        (
            "Results\nGene | Variant | VAF | Result\nEGFR | p.L858R | 12% | Detected\nKRAS | p.G12C | 0%\n",
            {"L858R": "detected", "G12C": "indeterminate"},
        ),
        (
            "Results\nGene\tVariant\tVAF\tStatus\nEGFR\tp.L858R\t12%\tDetected\nKRAS\tp.G12C\t0%\n",
            {"L858R": "detected", "G12C": "indeterminate"},
        ),
        # detected: a table with no status column has no status cell to lose
        (
            "Results\nGene  Variant  VAF\nEGFR  p.L858R  12%\nKRAS  p.G12C  5%\n",
            {"L858R": "detected", "G12C": "detected"},
        ),
    ],
)
def test_status_column_marks_and_lost_cells(
    variant_extractor, table: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, table) == expected


@pytest.mark.issue(4)
def test_status_column_mark_is_the_evidence(variant_extractor) -> None:
    (variant,) = variant_extractor.extract_text(
        HOTSPOT_KIT + "KRAS  G12C  -\n", kind="genetic_report"
    ).variants
    assert variant.status == "not_detected"
    assert variant.evidence.status_words.text == "-"


@pytest.mark.issue(4)
def test_extract_reads_a_dash_in_a_kit_result_column_as_not_detected(tmp_path) -> None:
    # end to end, the worst case of the sweep: a KRAS G12C kit row marked '-' was read as detected (a
    # sotorasib claim could have been approved on it)
    import review_engine

    report = tmp_path / "kit.txt"
    report.write_text(
        "KRAS 突变检测报告\n检测结果\n基因\t突变位点\t检测结果\nKRAS\tG12C\t-\nKRAS\tG12D\t-\n",
        encoding="utf-8",
    )
    findings = review_engine.extract(str(report))
    assert {v.alteration: v.status for v in findings.variants if v.gene == "KRAS"} == {
        "G12C": "not_detected",
        "G12D": "not_detected",
    }


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, words",
    [
        (
            "PIK3CA\tp.His1047Arg\tNo mutation\t0.0%",
            "mutation",
        ),  # the model's span, read as 'PIK3CA mutation'
        ("KRAS\tG12C\t无突变", "突变"),
    ],
)
def test_a_change_located_inside_status_words_takes_their_status(row: str, words: str) -> None:
    # a change located at 'mutation' inside 'No mutation' was inside its trigger, which no rule let reach it:
    # it stayed 'detected' (a ghost 'PIK3CA mutation' finding beside the not-detected H1047R)
    from review_engine.nlp.mentions import Mention
    from review_engine.nlp.sections import SectionIndex

    at = row.index(words)
    ghost = Mention(
        "variant",
        {"gene": row.split("\t")[0], "alteration": "mutation", "kind": "mutation"},
        0,
        at + len(words),
        0.5,
        "ner_model",
        attrs={"anchor": (at, at + len(words)), "gene_span": (0, len(row.split("\t")[0]))},
    )
    (assessed,) = context_engine().assess(row, [ghost], SectionIndex([]))
    assert assessed.value["status"] == "not_detected"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "table, expected",
    [
        # not detected: no header, but the other rows fill the column with statuses the rules read
        (
            "KRAS  G12C  -\nKRAS  G12D  -\nKRAS  G13D  Detected\n",
            {"G12C": "not_detected", "G12D": "not_detected", "G13D": "detected"},
        ),
        (
            "KRAS\tG12C\tNot detected\nKRAS\tG12D\tND\nEGFR\tL858R\tDetected\n",
            {"G12C": "not_detected", "G12D": "not_detected", "L858R": "detected"},
        ),
        # ... or with a kit's word for detected that no rule reads ('检出', 'Mutant')
        (
            "EGFR | c.2573T>G | p.Leu858Arg | 1.2% | NM_005228.5 | 致病 | 检出\nKRAS | c.34G>T | p.Gly12Cys | 0.0% | NM_004985.5 | - | -\n",
            {"L858R": "detected", "G12C": "not_detected"},
        ),
        (
            "EGFR  p.L858R  12%  Mutant\nKRAS  p.G12C  -  -\n",
            {"L858R": "detected", "G12C": "not_detected"},
        ),
        # indeterminate: the other rows fill a status column that this row lacks
        (
            "EGFR  p.L858R  c.2573T>G  Detected\nKRAS  p.G12C  c.34G>T\nBRAF  p.V600E  c.1799T>A  Not detected\n",
            {"L858R": "detected", "G12C": "indeterminate", "V600E": "not_detected"},
        ),
        # a column of '-' no row fills with a status and no header names: an empty VAF or a kit's negative
        # result, no one can tell; a person looks (it was read as detected)
        (
            "EGFR  L858R  -  Tier I\nKRAS  G12C  -  Tier II\n",
            {"L858R": "indeterminate", "G12C": "indeterminate"},
        ),
        # detected: the header names the columns and none is a status, so the '-' is an empty cell
        (
            "Gene  Variant  VAF  Tier\nEGFR  L858R  -  Tier I\nKRAS  G12C  12%  Tier II\n",
            {"L858R": "detected", "G12C": "detected"},
        ),
    ],
)
def test_status_column_found_by_the_other_rows(
    variant_extractor, table: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + table) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "table, expected",
    [
        # Regression (held-out corpus, generator seed 7): the header names its columns and none is a status;
        # the negative rows write 'None detected' / '阴性' in the change's column. Their statuses made a status
        # column of the header-less kind, and the detected rows, one cell narrower, were read as having lost
        # it (indeterminate): PIK3CA H1047R, ROS1 fusion and PIK3CA E545K no longer auto-approved
        (
            (
                "Results\nGene\tAlteration\tExon\tVAF\tTier\nEGFR\texon 19 deletion\t19\t0.480\tTier I\n"
                "PIK3CA\tc.3140A>G p.H1047R\t0.284\tTier I\nALK\tNone detected\t-\t-\t-\nKRAS\tNone detected\t-\t-\t-\n"
            ),
            {"H1047R": "detected", "ALK": "not_detected", "KRAS": "not_detected"},
        ),
        (
            (
                "靶向药物相关基因变异\n基因\t核苷酸变化\t氨基酸变化\t外显子\t丰度\nROS1\t-\tCD74-ROS1融合\t59.4%\n"
                "PIK3CA\tc.1633G>A\tp.E545K\t11.8%\nEGFR\t阴性\t-\t-\t-\nKRAS\t阴性\t-\t-\t-\n"
            ),
            {
                "fusion": "detected",
                "E545K": "detected",
                "EGFR": "not_detected",
                "KRAS": "not_detected",
            },
        ),
        # a header that names a status column still has its lost cells read
        (
            "Results\nGene\tVariant\tVAF\tResult\nEGFR\tp.L858R\t12%\tDetected\nKRAS\tp.G12C\t0%\n",
            {"L858R": "detected", "G12C": "indeterminate"},
        ),
    ],
)
def test_a_header_naming_no_status_column_makes_none_of_its_rows(
    variant_extractor, table: str, expected: dict[str, str]
) -> None:
    found = _statuses_by_gene_or_change(variant_extractor, table)
    assert {key: found.get(key) for key in expected} == expected


def _statuses_by_gene_or_change(extractor, text: str) -> dict[str, str]:
    """Each variant's status under its change, and under its gene for a gene-level finding."""
    findings = extractor.extract_text(text, kind="genetic_report")
    out: dict[str, str] = {}
    for v in findings.variants:
        out[v.alteration] = v.status
        out.setdefault(v.gene, v.status)
    return out


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "line, expected",
    [
        # not detected: a status before a colon leads the list to the line's end, over its ';' groups
        (
            "Hotspots tested, not detected: KRAS G12C, G12D; NRAS Q61K; BRAF V600E",
            {
                "G12C": "not_detected",
                "G12D": "not_detected",
                "Q61K": "not_detected",
                "V600E": "not_detected",
            },
        ),
        (
            "未检测到突变的位点：KRAS G12C、G12D；BRAF V600E",
            {"G12C": "not_detected", "G12D": "not_detected", "V600E": "not_detected"},
        ),
        ("阴性：KRAS G12C；NRAS Q61K", {"G12C": "not_detected", "Q61K": "not_detected"}),
        # detected: a nearer status of its own, or a sentence's end, still wins
        (
            "Not detected: KRAS G12C; EGFR L858R detected",
            {"G12C": "not_detected", "L858R": "detected"},
        ),
        (
            "Not detected: KRAS G12C. Detected: EGFR L858R",
            {"G12C": "not_detected", "L858R": "detected"},
        ),
        ("检测到：EGFR L858R；未检测到：KRAS G12C", {"L858R": "detected", "G12C": "not_detected"}),
    ],
)
def test_status_leading_a_list_answers_for_the_whole_list(
    variant_extractor, line: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + line + "\n") == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, alteration, status",
    [
        # detected: a transcript cell's 'NM' and the 'Mutation detected' cell were read together as a
        # garbled 'no mutation detected' (indeterminate); a cell gap now parts a slot's candidate words
        ("KRAS\tp.Gly12Cys\tNM_004985.5\t23.5%\t2\tMutation detected", "G12C", "detected"),
        ("KRAS  p.Gly12Cys  NM_004985.5  23.5%  2  Mutation detected", "G12C", "detected"),
        # VUS: the status slot ended inside the cell, and its cut words ('Uncertain significan') were read as
        # unreadable, which outranked the whole literal (indeterminate)
        ("EGFR\tp.Leu858Arg\tNM_005228.5\tN/A\t21\tUncertain significance", "L858R", "vus"),
    ],
)
def test_status_slot_reads_no_words_across_cells(
    variant_extractor, row: str, alteration: str, status: str
) -> None:
    assert statuses(variant_extractor, "Results\n" + row + "\n")[alteration] == status


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "table, expected",
    [
        # the status cell stands between the protein and cDNA cells the change was read from (inside its span)
        (
            "Gene  Protein  Result  cDNA\nEGFR  p.L858R  Negative  c.2573T>G\nKRAS  p.G12C  Positive  c.34G>T\n",
            {"L858R": "not_detected", "G12C": "detected"},
        ),
        ("EGFR | p.L858R | Not detected | c.2573T>G\n", {"L858R": "not_detected"}),
        ("EGFR\tp.L858R\t阴性\tc.2573T>G\n", {"L858R": "not_detected"}),
        (
            "PIK3CA | p.H1047R | NM_006218.4 | Uncertain significance | c.3140A>G\n",
            {"H1047R": "vus"},
        ),
    ],
)
def test_status_cell_inside_the_cells_of_its_change(
    variant_extractor, table: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + table) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # not detected: 'ND', 'NEG' in a status cell of a table no header or other row names as a status column
        (
            "NRAS | c.181C>A | Q61K | ND\nKRAS | c.34G>T | p.G12C | Mutant\n",
            {"Q61K": "not_detected", "G12C": "detected"},
        ),
        ("BRAF  NM_004333.6  c.1799T>A  p.Val600Glu  0%  1,523  ND\n", {"V600E": "not_detected"}),
        ("KRAS G12C ND\n", {"G12C": "not_detected"}),
        (
            "KRAS\tG12C\tN/A\tNEG\nEGFR\tL858R\t12%\tPOS\n",
            {"G12C": "not_detected", "L858R": "detected"},
        ),
        # detected: 'nd' inside a word, or before the change, is no status of it
        ("2nd line, EGFR L858R\n", {"L858R": "detected"}),
        ("Stage ND EGFR L858R detected\n", {"L858R": "detected"}),
    ],
)
def test_nd_and_neg_are_not_detected(
    variant_extractor, text: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, expected",
    [
        # not detected: a row whose cell gaps were closed to single spaces (a text layer, OCR)
        (
            "NRAS p.Gln61Lys c.181C>A 1523 0.0% WT",
            {"Q61K": "not_detected"},
        ),  # beyond 'WT''s 10 characters
        (
            "KRAS p.Gly12Cys No mutation 2000x",
            {"G12C": "not_detected"},
        ),  # a forward literal, a value after it
        ("KRAS p.G12C c.34G>T 1523 - 阴性", {"G12C": "not_detected"}),
        # detected: words other than column values between part a change from a later status
        (
            "EGFR L858R 12% detected, KRAS G12C 0% not detected",
            {"L858R": "detected", "G12C": "not_detected"},
        ),
        ("BRAF p.Val600Glu c.1799T>A 23% Detected", {"V600E": "detected"}),
    ],
)
def test_status_ending_a_single_spaced_row_answers_for_it(
    variant_extractor, row: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + row + "\n") == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "table, expected",
    [
        # VUS: a positive status cell and a VUS classification cell of one row make a VUS, in either order
        (
            "Gene  Variant  VAF  Result  Classification\nATM  p.R337C  45%  Detected  VUS\n",
            {"R337C": "vus"},
        ),
        (
            "Gene | Variant | VAF | Result | Significance\nATM | p.R337C | 45% | Positive | Uncertain significance\n",
            {"R337C": "vus"},
        ),
        (
            "Gene  Variant  VAF  Classification  Result\nATM  p.R337C  45%  VUS  Detected\n",
            {"R337C": "vus"},
        ),
        # detected / not detected: a cell before a change belongs to the change before it
        (
            "EGFR\tL858R\tNot detected\tT790M\tDetected\n",
            {"L858R": "not_detected", "T790M": "detected"},
        ),
        (
            "EGFR\tL858R\tDetected\tT790M\tNot detected\n",
            {"L858R": "detected", "T790M": "not_detected"},
        ),
    ],
)
def test_status_cells_of_one_row_are_read_together(
    variant_extractor, table: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + table) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # a lone status line heads the list below it (two result blocks of a text layer)
        (
            "Detected\nEGFR L858R\nNot detected\nKRAS G12C\nNRAS Q61K\n",
            {"L858R": "detected", "G12C": "not_detected", "Q61K": "not_detected"},
        ),
        (
            "检出\nEGFR L858R\n未检出\nKRAS G12C\nNRAS Q61K\n",
            {"L858R": "detected", "G12C": "not_detected", "Q61K": "not_detected"},
        ),
        ("Not detected:\nKRAS G12C\nNRAS Q61K\n", {"G12C": "not_detected", "Q61K": "not_detected"}),
    ],
)
def test_status_line_heads_the_list_below(
    variant_extractor, text: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "table, expected",
    [
        # not detected: a single-spaced row's last column is a status column by its header or another row
        (
            "Gene Variant VAF Result\nKRAS p.G12C 0% -\nEGFR p.L858R 12% +\n",
            {"G12C": "not_detected", "L858R": "detected"},
        ),
        (
            "KRAS p.G12C c.34G>T 1523 -\nEGFR p.L858R c.2573T>G 1523 Detected\n",
            {"G12C": "not_detected", "L858R": "detected"},
        ),
        (
            "基因 变异 丰度 检测结果\nKRAS p.G12C 0% -\nEGFR p.L858R 12% 检出\n",
            {"G12C": "not_detected", "L858R": "detected"},
        ),
        # a last column no header or row names a status column: '-' may be a VAF not given or a negative
        # result; a person looks (it was read as detected)
        (
            "KRAS p.G12C c.34G>T 1523 -\nEGFR p.L858R c.2573T>G 1523 12%\n",
            {"G12C": "indeterminate", "L858R": "detected"},
        ),
        # detected: a single-spaced header names the columns, none a status: the '-' is an empty VAF cell
        (
            "Gene Variant cDNA Depth VAF\nKRAS p.G12C c.34G>T 1523 -\nEGFR p.L858R c.2573T>G 1523 12%\n",
            {"G12C": "detected", "L858R": "detected"},
        ),
        ("Gene Variant Result VAF\nKRAS p.G12C Detected -\n", {"G12C": "detected"}),
    ],
)
def test_single_spaced_row_mark_in_a_status_last_column(
    variant_extractor, table: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + table) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, expected",
    [
        # indeterminate: a row wrapped onto two lines, its status alone on the line below
        ("KRAS  p.G12C\nNot detected\n", {"G12C": "indeterminate"}),
        ("KRAS  p.G12C  0%\n未检测到\n", {"G12C": "indeterminate"}),
        # detected: the row has its own status, or a lone 'Detected' line heads its list
        (
            "EGFR L858R detected\nNot detected\nKRAS G12C\n",
            {"L858R": "detected", "G12C": "not_detected"},
        ),
        (
            "Detected\nEGFR L858R\nNot detected\nKRAS G12C\n",
            {"L858R": "detected", "G12C": "not_detected"},
        ),
    ],
)
def test_lone_status_line_below_a_row_without_status(
    variant_extractor, text: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + text) == expected


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "table, expected",
    [
        # a single-spaced row's dash where another row of the table says a status, with as many words before
        # and after it: the status column (each was read as detected)
        (
            ("NRAS Detected NM_002524.5 2000x Exon 3 p.Gln61Lys\nBRAF ND NM_004333.6 1,523 Exon 15 p.Val600Glu\n"
            "EGFR - NM_005228.5 1,523 Exon 21 p.Leu858Arg\n"),
            {"Q61K": "detected", "V600E": "not_detected", "L858R": "not_detected"},
        ),
        (
            ("Gene Result Amino acid change cDNA change\nKRAS - p.Gly12Cys c.34G>T\n"
            "PIK3CA Mutation detected p.His1047Arg c.3140A>G\n"),
            {"G12C": "not_detected", "H1047R": "detected"},
        ),
        (
            "KRAS 1523 检出 2 p.Gly12Cys c.34G>T\nBRAF 2000x - 15 p.Val600Glu c.1799T>A\n",
            {"G12C": "detected", "V600E": "not_detected"},
        ),
        # right after the gene, the cells after it need not align ('Exon 3' against '20')
        (
            "PIK3CA Mutation detected 1523 p.His1047Arg 20\nNRAS - 2000x p.Gln61Lys Exon 3\n",
            {"H1047R": "detected", "Q61K": "not_detected"},
        ),
        # the row that says a status there names no change: its status stands in the change's column, and the
        # dash is an empty cell (the detected 19del and EML4-ALK of generated reports were read not detected)
        (
            "EGFR - Exon 19 in-frame deletion 19 10.4%\nALK None detected - - -\n",
            {"exon19del": "detected", "mutation": "not_detected"},
        ),
        ("ALK - ALK rearrangement (EML4-ALK) 41.3%\nEGFR None detected - - -\n",
         {"fusion": "detected", "mutation": "not_detected"}),
        # no row says a status in the dash's place: a dash between a gene and its change joins them
        ("EGFR - L858R 15%\nTP53 - R273H 8%\n", {"L858R": "detected", "R273H": "detected"}),
        ("EGFR - L858R\nKRAS 阴性\n", {"L858R": "detected", "mutation": "not_detected"}),
    ],
)
def test_single_spaced_row_mark_where_another_row_says_a_status(
    variant_extractor, table: str, expected: dict[str, str]
) -> None:
    assert statuses(variant_extractor, "Results\n" + table) == expected
