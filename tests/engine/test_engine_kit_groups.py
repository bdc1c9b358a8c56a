"""End to end on a claim: a kit row that answers for several KRAS hotspots with one positive result never
approves a G12C-specific drug; the claim routes to a person (issue 4)."""

from __future__ import annotations

import pytest

KIT = "KRAS基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n基因\t突变位点\t检测结果\n{row}\n"


def _report(results: str, title: str = "基因检测报告") -> str:
    """A genetic report of the lung patient whose results section holds ``results``."""
    return f"{title}\n姓名：张伟 住院号：ZY20261234\n检测结果\n{results}\n"


def _assert_decision(item, decision: str) -> None:
    assert item.decision == decision, [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, decision",
    [
        # the kit names G12C alone: approved
        ("KRAS\tG12C\t阳性", "approve"),
        # one positive result for the group: which change is present is unknown, a person must look
        ("KRAS\tG12C/G12D/G12V\t阳性", "route_mdt"),
        # the group negative: no G12C
        ("KRAS\tG12C/G12D/G12V\t阴性", "flag"),
    ],
)
def test_engine_positive_kit_group_routes_a_g12c_drug(review_lung_report, row: str, decision: str) -> None:
    _assert_decision(review_lung_report(KIT.format(row=row), "sotorasib", 2, "C-KIT"), decision)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "line, decision",
    [
        # each change with its own result on one line: L858R negative, T790M positive. The '阴性' was read as
        # leading a list to T790M's colon, so L858R took T790M's '阳性' and gefitinib was approved.
        ("EGFR L858R：阴性 T790M：阳性", "route_mdt"),
        ("EGFR L858R：阳性 T790M：阴性", "approve"),
        # '检出' (detected) is no status literal: T790M's '未检出' reached back and 19del was read not detected,
        # so gefitinib was flagged
        ("EGFR 19del 检出，T790M 未检出", "approve"),
        ("EGFR L858R 突变 T790M 未检出", "approve"),
        # a hotspot panel's row at 0.00% found nothing: it approved gefitinib as a detected L858R
        ("EGFR L858R 0.00%\nEGFR 19del 0.00%", "route_mdt"),
        # '无' (none) as the whole value, and words that say the result could not be read: each was detected
        # by default and approved gefitinib
        ("EGFR L858R：无", "route_mdt"),
        # a single-spaced table's dash in the status column another row fills ('ND'): it was detected
        ("BRAF ND NM_004333.6 1,523 Exon 15 p.Val600Glu\nEGFR - NM_005228.5 1,523 Exon 21 p.Leu858Arg", "route_mdt"),
        ("BRAF ND NM_004333.6 1,523 Exon 15 p.Val600Glu\nEGFR Detected NM_005228.5 1,523 Exon 21 p.Leu858Arg",
         "approve"),
        ("EGFR基因突变：无", "flag"),
        ("EGFR L858R：无法评估", "route_mdt"),
        ("EGFR L858R: N/A", "route_mdt"),
    ],
)
def test_engine_results_written_change_by_change_on_one_line(review_lung_report, line: str, decision: str) -> None:
    _assert_decision(review_lung_report(_report(line, "EGFR基因突变检测报告"), "gefitinib", 1, "C-ONE-LINE"), decision)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "line, decision",
    [
        ("EGFR 19del：阳性，T790M：阳性", "approve"),
        # the line was cut after T790M: its result is lost, and it was 'detected' by default (osimertinib approved)
        ("EGFR 19del：阳性，T790M", "route_mdt"),
        ("EGFR 19del：阳性，T790M：", "route_mdt"),
    ],
)
def test_engine_a_change_whose_value_is_lost_approves_nothing(review_lung_report, line: str, decision: str) -> None:
    _assert_decision(review_lung_report(_report(line, "EGFR基因突变检测报告"), "osimertinib", 2, "C-CUT-LINE"), decision)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "row, decision",
    [
        ("ERBB2 p.V842I  VAF 12%", "approve"),
        # filed under Tier III (unknown clinical significance): a VUS, a person decides (POLICY: only a VUS)
        ("ERBB2 p.V842I  Tier III  VAF 12%", "route_mdt"),
        ("Tier III: ERBB2 p.V842I", "route_mdt"),
        # a bare 'III' under the table's Tier column: it was detected by default and approved the drug
        ("Gene  Variant  VAF  Tier\nERBB2  p.V842I  12%  III", "route_mdt"),
        ("Gene  Variant  VAF  Tier\nERBB2  p.V842I  12%  I", "approve"),
    ],
)
def test_engine_a_tier_three_change_approves_nothing(review_lung_report, row: str, decision: str) -> None:
    report = "NGS report\nName: 张伟  ID: ZY20261234\nResults\n" + row + "\n"
    _assert_decision(review_lung_report(report, "trastuzumab_rezetecan", 2, "C-TIER"), decision)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "line, code",
    [
        ("NTRK1/2/3融合：阴性", "BIOMARKER_NEGATIVE"),
        # 'NTRK' alone is the family: its negative rules out every NTRK fusion; it was read as nothing, and the
        # claim went to a person as if no report tested NTRK (larotrectinib's only rule is tagged [U], so a
        # refuted rule routes rather than flags: rules.refuted)
        ("NTRK融合：阴性", "BIOMARKER_NEGATIVE"),
        # a positive family result names no gene: nothing proven
        ("NTRK融合：阳性", "BIOMARKER_MISSING"),
    ],
)
def test_engine_larotrectinib_reads_the_ntrk_family(review_lung_report, line: str, code: str) -> None:
    report = _report(line)
    item = review_lung_report(report, "larotrectinib", 2, "C-NTRK")
    assert item.decision == "route_mdt"
    assert [r.code for r in item.reasons] == [code], [(r.code, r.message) for r in item.reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "line, decision",
    [
        ("ALK融合：阴性", "flag"),
        # a list of results sharing their words: ALK's fusion was indeterminate (routed), and MET in
        # 'MET、ERBB2扩增：阴性' nothing
        ("ALK、ROS1融合及MET扩增：阴性", "flag"),
        ("ALK、ROS1 fusions and MET amplification: negative", "flag"),
    ],
)
def test_engine_alectinib_reads_listed_results(review_lung_report, line: str, decision: str) -> None:
    _assert_decision(review_lung_report(_report(line), "alectinib", 1, "C-ALK-LIST"), decision)
