"""End to end on a cetuximab claim: RAS wild-type is extended RAS (KRAS and NRAS exons 2, 3, 4). A PCR kit's
report that tested exon 2 only, or single hotspots, approved the drug; it now routes to a person (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.engine import get_engine

PATHOLOGY = "病理诊断报告\n姓名：张伟 住院号：ZY20261234\n病理诊断：（乙状结肠）腺癌，肝转移\n"
KIT = "KRAS/NRAS基因突变检测报告\n姓名：张伟 住院号：ZY20261234\n检测结果\n检测位点\t检测结果\n{rows}\n"
EXONS = {2: "第12、13密码子", 3: "第59、61密码子", 4: "第117、146密码子"}


def _rows(exons: list[int]) -> str:
    return "\n".join(f"{gene} {exon}号外显子（{EXONS[exon]}）\t阴性" for gene in ("KRAS", "NRAS") for exon in exons)


def _claim() -> dict:
    return {
        "claim_id": "C-RAS",
        "patient": {"id": "ZY20261234", "name": "张伟"},
        "diagnosis": {"icd10": ["C18.7", "C78.7"], "text": "乙状结肠腺癌 肝转移 IV期"},
        "provider": {"id": "H1"},
        "service_date": "2026-10-01",
        "items": [{"item_id": "1", "kind": "drug", "name": "西妥昔单抗", "drug": "cetuximab", "line": 1}],
        "documents": [
            {"doc_id": "d1", "kind": "genetic_report", "path": "d1.txt"},
            {"doc_id": "d2", "kind": "pathology_report", "path": "d2.txt"},
        ],
    }


def _assert_decision(tmp_path: Path, rows: str, decision: str) -> None:
    """Review the cetuximab claim on a kit report with ``rows`` beside the pathology report."""
    (tmp_path / "d1.txt").write_text(KIT.format(rows=rows), encoding="utf-8")
    (tmp_path / "d2.txt").write_text(PATHOLOGY, encoding="utf-8")
    result = get_engine().review(_claim(), base_dir=tmp_path)
    assert result.items[0].decision == decision, [(r.code, r.message) for r in result.items[0].reasons]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, decision",
    [
        (_rows([2, 3, 4]), "approve"),
        # an exon 2 kit: exons 3 and 4 untested
        (_rows([2]), "route_mdt"),
        # exon lists: exons 2 and 3 leave exon 4 untested; a list shared by both genes covers both
        ("KRAS 第2、3外显子\t阴性\nNRAS 第2、3外显子\t阴性", "route_mdt"),
        ("KRAS exons 2 and 3: no mutation detected\nNRAS exons 2-4: no mutation detected", "route_mdt"),
        ("KRAS/NRAS 2、3、4号外显子\t未检测到突变", "approve"),
        # codons 12 and 13 are exon 2: it was read as the whole gene, and approved
        ("KRAS 第12、13密码子\t野生型\nNRAS 第12、13密码子\t野生型", "route_mdt"),
        ("KRAS基因第2外显子\t未检测到突变\nNRAS基因第2外显子\t未检测到突变", "route_mdt"),
        # single hotspots of exon 2
        ("KRAS G12C\t阴性\nKRAS G12D\t阴性\nNRAS G12D\t阴性", "route_mdt"),
        # a positive exon result names no change: never an approval, a person looks
        ("KRAS 2号外显子（第12、13密码子）\t阳性\nNRAS 2号外显子（第12、13密码子）\t阴性", "route_mdt"),
    ],
)
def test_engine_cetuximab_needs_extended_ras(tmp_path: Path, rows: str, decision: str) -> None:
    _assert_decision(tmp_path, rows, decision)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, decision",
    [
        # 'RAS' alone is the family (KRAS and NRAS): the claim lacked both results and routed for want of them
        ("RAS基因：野生型", "approve"),
        ("RAS 第2、3、4外显子\t未检出", "approve"),
        ("RAS 第2外显子\t未检出", "route_mdt"),
        # a change after the family word is no result for all of KRAS and NRAS
        ("RAS G12C\t阴性", "route_mdt"),
        # a positive family result names no gene: no approval, and no finding to flag on
        ("RAS基因：突变型", "route_mdt"),
    ],
)
def test_engine_cetuximab_reads_the_ras_family(tmp_path: Path, rows: str, decision: str) -> None:
    _assert_decision(tmp_path, rows, decision)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "rows, decision",
    [
        # a drug note about a group of patients is no result: it approved cetuximab on a report giving none
        ("用药提示：KRAS、NRAS野生型患者可从西妥昔单抗获益。", "route_mdt"),
        ("Interpretation: patients with KRAS and NRAS wild-type tumours may benefit from cetuximab.", "route_mdt"),
        # the report's own result beside it still decides
        ("KRAS/NRAS 2、3、4号外显子\t未检测到突变\n用药提示：RAS野生型患者可从西妥昔单抗获益。", "approve"),
    ],
)
def test_engine_cetuximab_reads_no_result_in_a_drug_note(tmp_path: Path, rows: str, decision: str) -> None:
    _assert_decision(tmp_path, rows, decision)
