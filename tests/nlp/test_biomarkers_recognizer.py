"""The biomarker recognizer: MSI, MMR, TMB, PD-L1, HER2, ER/PR and Ki-67 as reports write them."""

from __future__ import annotations

import time
from typing import Any

import pytest

from review_engine.nlp.recognizers import biomarkers


def _values(text: str, field: str) -> list[Any]:
    return [m.value for m in biomarkers.find(text) if m.field == field]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # MSI
        ("MSI-H", "biomarkers.msi", "MSI-H"),
        ("微卫星状态：微卫星高度不稳定", "biomarkers.msi", "MSI-H"),
        ("高度微卫星不稳定（MSI-H）", "biomarkers.msi", "MSI-H"),
        ("microsatellite instability-high", "biomarkers.msi", "MSI-H"),
        ("MSI status: MSS", "biomarkers.msi", "MSS"),
        ("微卫星稳定", "biomarkers.msi", "MSS"),
        ("microsatellite stable", "biomarkers.msi", "MSS"),
        ("MSI-L", "biomarkers.msi", "MSI-L"),
        # a status line's English wording (read as nothing before: a person had to look)
        ("Microsatellite status: stable", "biomarkers.msi", "MSS"),
        ("MSI status: high", "biomarkers.msi", "MSI-H"),
        # MMR stated
        ("dMMR", "biomarkers.mmr", "dMMR"),
        ("错配修复功能缺陷", "biomarkers.mmr", "dMMR"),
        ("pMMR", "biomarkers.mmr", "pMMR"),
        ("错配修复蛋白完整", "biomarkers.mmr", "pMMR"),
        ("mismatch repair proficient", "biomarkers.mmr", "pMMR"),
        ("MMR proteins: intact expression", "biomarkers.mmr", "pMMR"),
        ("Mismatch repair proteins: loss", "biomarkers.mmr", "dMMR"),
        # MMR from the four proteins
        ("MLH1(-), MSH2(+), MSH6(+), PMS2(-)", "biomarkers.mmr", "dMMR"),
        ("MLH1（阳性），MSH2（阳性），MSH6（阳性），PMS2（阳性）", "biomarkers.mmr", "pMMR"),
        ("MLH1 无缺失 MSH2 无缺失 MSH6 无缺失 PMS2 无缺失", "biomarkers.mmr", "pMMR"),
        ("MLH1: intact; MSH2: intact; MSH6: loss; PMS2: intact", "biomarkers.mmr", "dMMR"),
        ("PMS2 缺失", "biomarkers.mmr", "dMMR"),
        # TMB
        ("TMB: 12.5 Muts/Mb", "biomarkers.tmb", 12.5),
        ("肿瘤突变负荷 12.5个突变/Mb", "biomarkers.tmb", 12.5),
        ("Tumor Mutational Burden: 4 mutations/Mb", "biomarkers.tmb", 4.0),
        ("TMB值：8.6", "biomarkers.tmb", 8.6),
        # PD-L1
        ("PD-L1 (22C3) TPS 60%", "biomarkers.pdl1.tps", 60.0),
        ("肿瘤细胞阳性比例分数(TPS)：60%", "biomarkers.pdl1.tps", 60.0),
        ("PD-L1(22C3)：TPS约 80%", "biomarkers.pdl1.tps", 80.0),
        ("PD-L1 SP263: 50% tumor cells", "biomarkers.pdl1.tps", 50.0),
        ("PD-L1 22C3: TPS less than 1%", "biomarkers.pdl1.tps", 0.0),
        ("PD-L1（22C3）TPS小于1%", "biomarkers.pdl1.tps", 0.0),
        ("PD-L1 (SP263): negative (TC 0%)", "biomarkers.pdl1.tps", 0.0),
        # a range reads as its lower end: a threshold is met only where the whole range meets it
        ("PD-L1 TPS 50-60%", "biomarkers.pdl1.tps", 50.0),
        ("CPS=15", "biomarkers.pdl1.cps", 15.0),
        ("综合阳性评分(CPS)：5", "biomarkers.pdl1.cps", 5.0),
        ("PD-L1 (22C3) TPS 60%", "biomarkers.pdl1.clone", "22C3"),
        ("PD-L1（SP263）阳性", "biomarkers.pdl1.clone", "SP263"),
        ("PD-L1 28-8 pharmDx", "biomarkers.pdl1.clone", "28-8"),
        # HER2 IHC
        ("HER2(3+)", "biomarkers.her2.ihc", "3+"),
        ("HER-2 (++)", "biomarkers.her2.ihc", "2+"),
        ("HER2 IHC: 2+", "biomarkers.her2.ihc", "2+"),
        ("Her-2（+）", "biomarkers.her2.ihc", "1+"),
        ("HER2 (0)", "biomarkers.her2.ihc", "0"),
        ("c-erbB-2(+++)", "biomarkers.her2.ihc", "3+"),
        # a result word after a colon, the score in brackets
        ("HER2: Negative (1+)", "biomarkers.her2.ihc", "1+"),
        ("HER2/neu: equivocal (2+)", "biomarkers.her2.ihc", "2+"),
        # HER2 ISH
        ("HER2 FISH：扩增", "biomarkers.her2.fish", "amplified"),
        ("HER2基因FISH检测：无扩增", "biomarkers.her2.fish", "not_amplified"),
        ("HER2 FISH: not amplified", "biomarkers.her2.fish", "not_amplified"),
        ("HER2/CEP17 ratio 2.3", "biomarkers.her2.fish", "amplified"),
        ("HER2/CEP17比值为1.5", "biomarkers.her2.fish", "not_amplified"),
        # ER / PR
        ("ER(+,90%)", "biomarkers.er", {"status": "positive", "percent": 90.0}),
        ("ER 强阳性 约90%", "biomarkers.er", {"status": "positive", "percent": 90.0}),
        ("ER: negative (<1%)", "biomarkers.er", {"status": "negative", "percent": 0.0}),
        ("ER（弱阳性，5%）", "biomarkers.er", {"status": "low_positive", "percent": 5.0}),
        ("雌激素受体(ER)：阳性，80%", "biomarkers.er", {"status": "positive", "percent": 80.0}),
        ("PR(+,5%)", "biomarkers.pr", {"status": "low_positive", "percent": 5.0}),
        ("PR(-)", "biomarkers.pr", {"status": "negative", "percent": None}),
        ("PgR: positive", "biomarkers.pr", {"status": "positive", "percent": None}),
        # Ki-67
        ("Ki-67(+30%)", "biomarkers.ki67", 30.0),
        ("Ki67 约 30%", "biomarkers.ki67", 30.0),
        ("Ki-67 index: 30%", "biomarkers.ki67", 30.0),
        ("Ki-67（+，约40%）", "biomarkers.ki67", 40.0),
        ("Ki-67 (20-30%)", "biomarkers.ki67", 30.0),
    ],
)
def test_biomarkers_reads(text: str, field: str, value: Any) -> None:
    found = _values(text, field)  # a value may be written twice ("高度微卫星不稳定（MSI-H）")
    assert found and all(v == value for v in found)


def test_biomarkers_tps_below_one_is_not_one() -> None:
    mention = next(
        m for m in biomarkers.find("PD-L1(22C3) TPS <1%") if m.field == "biomarkers.pdl1.tps"
    )
    assert mention.value == 0.0
    assert mention.attrs == {"comparator": "<", "bound": 1.0}


def test_biomarkers_receptor_statement_stops_at_next_marker() -> None:
    text = "ER pos 95%, PR neg, HER2 (1+)"
    assert _values(text, "biomarkers.er") == [{"status": "positive", "percent": 95.0}]
    assert _values(text, "biomarkers.pr") == [{"status": "negative", "percent": None}]
    assert _values(text, "biomarkers.her2.ihc") == ["1+"]


def test_biomarkers_ihc_panel_line() -> None:
    text = "免疫组化：ER（阳性，80%），PR（弱阳性，5%），HER2（2+），Ki-67（+，30%）"
    found = {m.field: m.value for m in biomarkers.find(text)}
    assert found == {
        "biomarkers.er": {"status": "positive", "percent": 80.0},
        "biomarkers.pr": {"status": "low_positive", "percent": 5.0},
        "biomarkers.her2.ihc": "2+",
        "biomarkers.ki67": 30.0,
    }


def test_biomarkers_span_is_the_supporting_text() -> None:
    text = "结论：肿瘤突变负荷 12.5个突变/Mb。"
    mention = next(m for m in biomarkers.find(text) if m.field == "biomarkers.tmb")
    assert text[mention.start : mention.end] == "肿瘤突变负荷 12.5个突变/Mb"
    assert 0 < mention.score <= 1 and "(strong)" in mention.pattern


@pytest.mark.parametrize(
    "text",
    [
        "MLH1(+), MSH2(+)",  # two of four proteins retained: MMR not decided
        "HER2 amplification was tested",  # no result
        "TMB-H",  # a level without the number the contract wants
        "EGFR exon 19 deletion",
        "The ER visit",  # ER without a result
        "Partial response (PR) after 3 cycles",
        "22C3",  # a clone number without PD-L1 nearby
    ],
)
def test_biomarkers_reads_nothing(text: str) -> None:
    assert biomarkers.find(text) == []


HOSTILE = [
    "a" * 1_000_000,
    "ER " * 330_000,
    "HER2 " * 200_000,
    "PD-L1 22C3 " * 90_000,
    "中" * 1_000_000,
    "ER(+," * 200_000,
    "MLH1(" * 200_000,
    "1" * 1_000_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_biomarkers_hostile_line_is_fast(text: str) -> None:
    biomarkers.find(
        "MSI-H dMMR TMB: 12.5 Muts/Mb PD-L1 (22C3) TPS 60% HER2(3+) ER(+,90%) Ki-67(+30%)"
    )  # knowledge loads once per process, not per call
    started = time.process_time()
    biomarkers.find(text)
    assert time.process_time() - started < 1.0


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # table rows: marker, clone column, result (generated corpus IHC and NGS layouts)
        ("HER2              4B5               不确定（2+）", "biomarkers.her2.ihc", "2+"),
        ("HER2\t4B5\t阴性（0）", "biomarkers.her2.ihc", "0"),
        ("Ki-67             MIB-1             约60%+", "biomarkers.ki67", 60.0),
        ("Microsatellite Status                     MS-Stable", "biomarkers.msi", "MSS"),
        ("Tumor Mutational Burden                   5.6 mutations/megabase", "biomarkers.tmb", 5.6),
    ],
)
def test_biomarkers_table_rows(text: str, field: str, value: object) -> None:
    assert [m.value for m in biomarkers.find(text) if m.field == field] == [value]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # a negated MSI-H or dMMR was read as the value itself ('MSI-H/dMMR: 阴性' approved pembrolizumab)
        ("MSI-H/dMMR: 阴性", "biomarkers.msi", "MSS"),
        ("MSI-H/dMMR: 阴性", "biomarkers.mmr", "pMMR"),
        ("MSI-H/dMMR：未检出", "biomarkers.msi", "MSS"),
        ("MSI-H or dMMR: not detected", "biomarkers.mmr", "pMMR"),
        ("MSI-H: not detected", "biomarkers.msi", "MSS"),
        ("MSI-H 阴性", "biomarkers.msi", "MSS"),
        ("未检测到MSI-H", "biomarkers.msi", "MSS"),
        ("No MSI-H", "biomarkers.msi", "MSS"),
        ("MSI（MSI-H）：阴性", "biomarkers.msi", "MSS"),
        ("dMMR: No", "biomarkers.mmr", "pMMR"),
        ("错配修复功能缺陷：否", "biomarkers.mmr", "pMMR"),
        # non-MSI-H, and a negation in brackets: each was read as MSI-H
        ("非MSI-H", "biomarkers.msi", "MSS"),
        ("non-MSI-H", "biomarkers.msi", "MSS"),
        ("MSI检测结果：MSI-H（阴性）", "biomarkers.msi", "MSS"),
        ("非dMMR", "biomarkers.mmr", "pMMR"),
    ],
)
def test_biomarkers_negated_status_values(text: str, field: str, value: str) -> None:
    assert _values(text, field) and set(_values(text, field)) == {value}


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # positives and glosses stay as they were
        ("MSI-H  阳性", "biomarkers.msi", "MSI-H"),
        ("MSI-H (no. of unstable loci 6/8)", "biomarkers.msi", "MSI-H"),
        ("微卫星状态：微卫星高度不稳定（MSI-H）", "biomarkers.msi", "MSI-H"),
        ("MMR蛋白：MLH1(+)，PMS2(+)，MSH2(+)，MSH6(-)", "biomarkers.mmr", "dMMR"),
    ],
)
def test_biomarkers_status_values_that_stay(text: str, field: str, value: str) -> None:
    assert set(_values(text, field)) == {value}


@pytest.mark.issue(4)
def test_biomarkers_a_negated_value_with_no_counterpart_reads_nothing() -> None:
    # 'pMMR: 阴性' says only that the tumour is not proficient: no value the policy reads
    assert _values("pMMR：阴性", "biomarkers.mmr") == []


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, field, marker",
    [
        ("HER2：3+（既往外院）", "biomarkers.her2.ihc", "（既往外院）"),
        ("HER2 (3+, outside hospital 2023)", "biomarkers.her2.ihc", ", outside hospital 2023)"),
        ("既往HER2（3+）", "biomarkers.her2.ihc", "既往"),
        ("previously PD-L1 TPS 60%", "biomarkers.pdl1.tps", "previously PD-L1"),
        ("MSI-H（既往）", "biomarkers.msi", "（既往）"),
        # this report's own results: no marker
        ("外院会诊：HER2（3+）", "biomarkers.her2.ihc", None),
        ("HER2（3+，本院复核）", "biomarkers.her2.ihc", None),
        ("PD-L1（22C3）TPS 60%（2024年3月）", "biomarkers.pdl1.tps", None),
    ],
)
def test_biomarkers_mark_a_quoted_earlier_result(text: str, field: str, marker: str | None) -> None:
    (mention,) = [m for m in biomarkers.find(text) if m.field == field]
    assert mention.attrs.get("earlier") == marker


@pytest.mark.issue(4)
def test_biomarkers_quoted_earlier_result_is_left_out_with_a_warning(production_extractor) -> None:
    findings = production_extractor.extract_text("HER2（3+）\n既往HER2（1+）\n", kind="pathology_report")
    assert findings.biomarkers.her2.ihc == "3+"
    assert any("既往" in w and "not read" in w for w in findings.warnings)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, written",
    [
        ("HER2（1+~2+）", "1+~2+"),
        ("HER-2 (2+-3+)", "2+-3+"),
        ("HER2: 2+ to 3+", "2+ to 3+"),
        ("HER2（2+，部分3+）", "2+，部分3+"),
        ("HER2（0/1+）", "0/1+"),
        # one score, then something else
        ("HER2（3+，约30%）", None),
        ("HER2：2+/FISH阴性", None),
        ("HER2 (3+) / Ki-67 (30%)", None),
    ],
)
def test_biomarkers_mark_a_range_of_her2_scores(text: str, written: str | None) -> None:
    (mention,) = [m for m in biomarkers.find(text) if m.field == "biomarkers.her2.ihc"]
    assert mention.attrs.get("score_range") == written


@pytest.mark.issue(4)
def test_biomarkers_a_range_of_scores_is_left_out_with_a_warning(production_extractor) -> None:
    findings = production_extractor.extract_text("免疫组化：HER2（1+~2+），Ki-67（30%）\n", kind="pathology_report")
    assert findings.biomarkers.her2.ihc is None
    assert any("1+~2+" in w and "range of scores" in w for w in findings.warnings)


@pytest.mark.issue(4)
@pytest.mark.parametrize("text, tps", [("PD-L1（22C3）：TPS 阴性（<1%）", 0.0), ("PD-L1 (22C3) TPS: high (60%)", 60.0),
                                       ("PD-L1（22C3）TPS：阳性（50%）", 50.0)])
def test_biomarkers_tps_after_a_result_word(text: str, tps: float) -> None:
    # the figure in brackets after the result word was not read: the claim routed for want of a TPS
    assert [m.value for m in biomarkers.find(text) if m.field == "biomarkers.pdl1.tps"] == [tps]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, field, value",
    [
        ("PD-L1 TPS 低于1%", "biomarkers.pdl1.tps", 0.0),       # below the cut-off: the assay's negative
        ("PD-L1 TPS 50%以上", "biomarkers.pdl1.tps", 50.0),
        ("PD-L1 TPS 1% or more", "biomarkers.pdl1.tps", 1.0),
        ("PD-L1 CPS 10以上", "biomarkers.pdl1.cps", 10.0),
        ("PD-L1 CPS <1", "biomarkers.pdl1.cps", 0.0),
    ],
)
def test_biomarkers_pdl1_comparators_before_and_after(text: str, field: str, value: float) -> None:
    assert [m.value for m in biomarkers.find(text) if m.field == field and not m.attrs.get("score_range")] == [value]


@pytest.mark.issue(4)
@pytest.mark.parametrize("text, field", [("PD-L1（22C3）TPS：50%以下", "tps"), ("PD-L1 TPS <50%", "tps"),
                                         ("PD-L1 22C3 CPS <10", "cps"), ("PD-L1 TPS 低于50%", "tps"),
                                         # a bound that holds the cut-off: '≤1%' was read as 1 and met TPS >= 1 %
                                         ("PD-L1 TPS ≤1%", "tps"), ("PD-L1 TPS 1%以下", "tps")])
def test_biomarkers_pdl1_bound_above_one_is_no_score(production_extractor, text: str, field: str) -> None:
    """'TPS 50%以下' was read as 50 and met TPS >= 50 %; '<50%' as 0, which refuted TPS >= 1 % though the score may
    be 30 %. A bound above the assay's negative is a range: left out with a warning, a person reads it."""
    findings = production_extractor.extract_text(text + "\n", kind="pathology_report")
    assert getattr(findings.biomarkers.pdl1, field) is None
    assert any("range of scores" in w for w in findings.warnings), findings.warnings


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, written",
    [
        ("HER2（3+，约5%）", "3+，约5%"),
        ("HER2 IHC 3+ in 5% of tumor cells", "3+ in 5%"),
        ("HER2（3+，局灶）", "3+，局灶"),
        ("HER2：3+（<10%肿瘤细胞）", "3+（<10%"),
        ("HER2（3+，约90%）", None),      # the usual wording: the share of stained cells, well above 10 %
        ("HER2（3+），Ki-67（约5%）", None),  # the next marker's figure
    ],
)
def test_biomarkers_mark_a_her2_score_in_few_cells(text: str, written: str | None) -> None:
    (mention,) = [m for m in biomarkers.find(text) if m.field == "biomarkers.her2.ihc"]
    assert mention.attrs.get("score_share") == written


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, field, value",
    [
        # an antibody clone in brackets between the marker and its result: each was read as nothing
        ("HER2（4B5）（3+）", "biomarkers.her2.ihc", "3+"),
        ("HER-2（4B5）（+++）", "biomarkers.her2.ihc", "3+"),
        ("HER2（克隆号4B5）：2+", "biomarkers.her2.ihc", "2+"),
        ("HER2 (clone 4B5): 1+", "biomarkers.her2.ihc", "1+"),
        ("Ki-67（MIB-1）（+，30%）", "biomarkers.ki67", 30.0),
        ("ER（SP1）（+，90%）", "biomarkers.er", {"status": "positive", "percent": 90.0}),
        ("PR（1E2）（-）", "biomarkers.pr", {"status": "negative", "percent": None}),
    ],
)
def test_biomarkers_read_past_an_antibody_clone(text: str, field: str, value: object) -> None:
    assert [m.value for m in biomarkers.find(text) if m.field == field] == [value]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, marked",
    [
        # a control slide's score: the assay's check, not the tumour's (it approved trastuzumab)
        ("HER2 3+（对照）", "（对照）"),
        ("HER2 (3+, positive control)", ", positive control)"),
        ("阳性对照HER2（3+）", "阳性对照"),
        # the tumour's own score, a sentence on the controls after it
        ("HER2（3+），对照切片染色良好", None),
        ("Internal controls stain appropriately. HER2 (3+)", None),
        ("HER2（3+）", None),
    ],
)
def test_biomarkers_mark_a_control_slides_score(text: str, marked: str | None) -> None:
    (mention,) = [m for m in biomarkers.find(text) if m.field == "biomarkers.her2.ihc"]
    assert mention.attrs.get("control") == marked


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, field, doubted",
    [
        # a failed or doubted result: no result to read (each approved trastuzumab or pembrolizumab)
        ("HER2（3+），质控不合格", "biomarkers.her2.ihc", "，质控不合格"),
        ("HER2 3+（染色失败，建议重做）", "biomarkers.her2.ihc", "（染色失败，建议重做）"),
        ("HER2 IHC 3+ (indeterminate)", "biomarkers.her2.ihc", "(indeterminate)"),
        # the ASCO/CAP name of a score is no doubt of it
        ("HER2  4B5  2+ (Equivocal)", "biomarkers.her2.ihc", None),
        ("HER2（2+，临界）", "biomarkers.her2.ihc", None),
        ("HER2 IHC: 3+ pending confirmation", "biomarkers.her2.ihc", "pending confirmation"),
        ("HER2 IHC score 3+ (invalid, repeat)", "biomarkers.her2.ihc", "(invalid, repeat)"),
        ("HER2：3+？", "biomarkers.her2.ihc", "？"),
        ("PD-L1（22C3）TPS：60%（染色失败）", "biomarkers.pdl1.tps", "（染色失败）"),
        ("PD-L1 TPS 60%, pending pathologist review", "biomarkers.pdl1.tps", ", pending pathologist review"),
        ("MSI-H（待复核）", "biomarkers.msi", "（待复核）"),
        ("TMB：12 mut/Mb（样本质量不合格）", "biomarkers.tmb", "（样本质量不合格）"),
        ("TMB: 12 mut/Mb (not evaluable)", "biomarkers.tmb", "(not evaluable)"),
        # another test's failure after a comma leaves this result alone
        ("HER2（3+），FISH未检测", "biomarkers.her2.ihc", None),
        ("HER2 IHC 3+; FISH not performed", "biomarkers.her2.ihc", None),
        ("HER2（3+），对照切片染色良好", "biomarkers.her2.ihc", None),
        ("PD-L1（22C3）TPS：60%", "biomarkers.pdl1.tps", None),
    ],
)
def test_biomarkers_mark_a_failed_or_doubted_result(text: str, field: str, doubted: str | None) -> None:
    (mention,) = [m for m in biomarkers.find(text) if m.field == field]
    assert mention.attrs.get("doubt") == doubted


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, score",
    [
        # a '+' or '-' glued to the marker is its shorthand status, no IHC score ('HER2+' was 1+, 'HER2-low' 0)
        ("HER2+ breast cancer", None),
        ("HER2-positive breast cancer", None),
        ("HER2-low breast cancer", None),
        ("HER2-enriched subtype", None),
        ("ER+/PR+/HER2-", None),
        # a dash between the marker and its score parts them ('HER2 - 3+' was read as 0)
        ("HER2 - 3+", "3+"),
        ("HER2 — 3+ (positive)", "3+"),
        ("HER2 - IHC 3+", "3+"),
        ("HER2 - positive", None),
        # a result word, then the score in its bracket (both were read as nothing)
        ("HER2：阳性（3+）", "3+"),
        ("HER2 status: positive (IHC 3+)", "3+"),
        ("HER2：(+++)", "3+"),
        # a dash alone is the negative score as before
        ("HER2（-）", "0"),
        ("HER2：-，ER（+）", "0"),
        ("HER2 -\nKi-67 20%", "0"),
    ],
)
def test_her2_score_beside_shorthand_and_separators(text: str, score: str | None) -> None:
    scores = [m.value for m in biomarkers.find(text) if m.field == "biomarkers.her2.ihc"]
    assert scores == ([score] if score else [])


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text, msi",
    [
        # without a 'status' word each read nothing (a missed MSI-H sent pembrolizumab to a person)
        ("MSI：高度不稳定", "MSI-H"),
        ("MSI: high", "MSI-H"),
        ("MSI: High (6/8 loci)", "MSI-H"),
        ("MSI：稳定", "MSS"),
        ("MSI: stable", "MSS"),
        # 'unstable' alone names no grade; a negated high is the policy's MSS as before
        ("MSI：不稳定", None),
        ("MSI：高度不稳定：阴性", "MSS"),
    ],
)
def test_msi_status_without_a_status_word(text: str, msi: str | None) -> None:
    values = [m.value for m in biomarkers.find(text) if m.field == "biomarkers.msi"]
    assert values == ([msi] if msi else [])
