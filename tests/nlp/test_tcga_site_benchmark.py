"""The TCGA primary-site benchmark (benchmarks/tcga_primary_site.py) scores the product's site per report."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "tcga_primary_site.py"
COLUMNS = ["case_submitter_id", "ocr_text", "gold_cancer_type", "gold_ajcc_pathologic_t"]


def test_site_shares_per_type(tmp_path: Path) -> None:
    reports = [
        (
            "TCGA-A",
            "SURGICAL PATHOLOGY\nRight upper lobe of lung, lobectomy: adenocarcinoma of the lung, 2.1 cm.",
            "LUAD",
            "T1",
        ),
        (
            "TCGA-B",
            "SURGICAL PATHOLOGY\nLeft lower lobe of lung: squamous cell carcinoma of the lung, 4.5 cm.",
            "LUSC",
            "T2",
        ),
        (
            "TCGA-C",
            "SURGICAL PATHOLOGY\nLeft kidney, radical nephrectomy: clear cell renal cell carcinoma, 5 cm.",
            "LUSC",
            "T2",
        ),
        ("TCGA-D", "", "KIRC", "T1"),  # empty OCR: counted, and wrong
        (
            "TCGA-E",
            "Brain, biopsy: glioblastoma.",
            "GBM",
            "T1",
        ),  # a type the benchmark stages no organ for
    ]
    path = tmp_path / "reports.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(reports)
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--csv", str(path), "--show-other", "3"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    rows = {
        line.split()[0]: line.split()
        for line in out.splitlines()
        if line[:4] in ("LUAD", "LUSC", "KIRC", "ALL ")
    }
    assert rows["LUAD"][-4:] == ["1", "1.000", "0", "0"]
    assert rows["LUSC"][-4:] == ["1", "0.500", "0", "1"]  # the kidney report filed as lung squamous
    assert rows["KIRC"][-4:] == ["0", "0.000", "1", "0"]
    assert rows["ALL"][1:] == ["4", "2", "0.500", "1", "1"]
    assert "LUSC read as kidney: 1" in out
