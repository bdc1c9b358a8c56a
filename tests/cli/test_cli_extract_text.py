"""`review-engine extract --format text`: what a reviewer reads on the terminal says how each finding was read."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_engine.cli import main


@pytest.mark.parametrize(
    "staging, shown, hidden",
    [
        ("临床分期：IV期（待排）", "(provisional: not yet established)", None),
        ("临床分期：IV期", "stage IV", "provisional"),
    ],
)
def test_cli_extract_text_says_a_stage_is_provisional(tmp_path: Path, capsys, staging, shown, hidden) -> None:
    report = tmp_path / "d2.txt"
    report.write_text(f"病理诊断报告\n病理诊断：（右肺上叶）浸润性腺癌\n{staging}\n", encoding="utf-8")
    assert main(["extract", str(report), "--kind", "pathology_report", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert shown in out
    assert hidden is None or hidden not in out


@pytest.mark.parametrize(
    "stains, shown",
    [
        # a change read by immunostain says so, and a PD-L1 floor shows as the range it is
        ("免疫组化：TTF-1(+)，BRAF V600E(VE1)(+)", "variant: BRAF V600E [detected] by IHC"),
        ("免疫组化：PD-L1（22C3）TPS：≥1%", "PD-L1 TPS=1-100"),
    ],
)
def test_cli_extract_text_shows_how_a_finding_was_given(tmp_path: Path, capsys, stains: str, shown: str) -> None:
    report = tmp_path / "d2.txt"
    report.write_text(f"病理诊断报告\n病理诊断：（右肺上叶）浸润性腺癌\n{stains}\n", encoding="utf-8")
    assert main(["extract", str(report), "--kind", "pathology_report", "--format", "text"]) == 0
    assert shown in capsys.readouterr().out


def test_cli_extract_text_says_a_change_is_germline(tmp_path: Path, capsys) -> None:
    report = tmp_path / "d1.txt"
    report.write_text("胚系基因检测报告\n样本类型：外周血\n检测结果\nBRCA2 c.5946delT（p.S1982Rfs*22） 杂合 致病性变异\n",
                      encoding="utf-8")
    assert main(["extract", str(report), "--kind", "genetic_report", "--format", "text"]) == 0
    assert "variant: BRCA2 S1982Rfs*22 [detected] germline" in capsys.readouterr().out
