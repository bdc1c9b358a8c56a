"""Writes the three example claims into ``examples/<case>/`` (claim.json, gold.json, docs/).

    .venv/bin/python examples/make_examples.py

The examples come from the corpus generator with fixed choices, so they carry the same gold as
the corpus: ``zh-scanned-egfr`` (Chinese scans, EGFR L858R, osimertinib 1L, stage IV -> approve),
``en-digital-alk`` (English text-layer PDFs, EML4-ALK, alectinib -> approve) and
``flag-egfr-negative`` (osimertinib with EGFR not detected -> flag BIOMARKER_NEGATIVE).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review_engine.corpus.generator import write_case
from review_engine.corpus.plan import PlanOptions, plan_case

EXAMPLES_DIR = Path(__file__).resolve().parent
SEED = 2026

EXAMPLES = {
    "zh-scanned-egfr": {
        "scenario": "osimertinib_first_line", "language": "zh", "stage_source": "both", "urgent": False,
        "scenario_overrides": {"driver": "egfr_l858r", "genetic": ["pcr"]},
        "formats": {"genetic_pcr": "pdf_image", "pathology": "jpg"},
    },
    "en-digital-alk": {
        "scenario": "alectinib_alk", "language": "en", "stage_source": "both", "urgent": False,
        "formats": {"genetic_ngs": "pdf_text", "pathology": "pdf_text"},
    },
    "flag-egfr-negative": {
        "scenario": "osimertinib_egfr_negative", "language": "zh", "stage_source": "both", "urgent": False,
        "scenario_overrides": {"genetic": ["ngs"]},
        "formats": {"genetic_ngs": "pdf_text", "pathology": "pdf_text"},
    },
}


def make(name: str, forced: dict, index: int) -> Path:
    plan = plan_case(SEED, index, PlanOptions(extra_doc_probability=0.0, forced={**forced, "split": "examples"}))
    case_dir = EXAMPLES_DIR / name
    shutil.rmtree(case_dir, ignore_errors=True)
    write_case(plan, SEED, case_dir)
    return case_dir


def main() -> int:
    for index, (name, forced) in enumerate(EXAMPLES.items()):
        case_dir = make(name, forced, index)
        size = sum(p.stat().st_size for p in case_dir.rglob("*") if p.is_file())
        print(f"{case_dir.relative_to(EXAMPLES_DIR.parent)}: {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
