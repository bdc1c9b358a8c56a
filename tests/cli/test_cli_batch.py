"""`review-engine batch`: one loaded engine for all claims, one result per line, progress and summary on stderr."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_cli_batch_reviews_every_claim_in_a_folder(tmp_path):
    cases = sorted(p.parent for p in EXAMPLES.glob("*/claim.json"))
    if not cases:
        pytest.skip("examples/ not generated yet")
    for case in cases:
        shutil.copytree(case, tmp_path / "in" / case.name)
    # a bad claim in the batch is reported and skipped, never approved
    (tmp_path / "in" / "zz-bad").mkdir()
    (tmp_path / "in" / "zz-bad" / "claim.json").write_text("{broken", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "review_engine.cli", "batch", str(tmp_path / "in"), "--out", str(out), "--workers", "2"],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert proc.returncode == 2, proc.stderr
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(results) == len(cases)
    golds = {json.loads((c / "claim.json").read_text(encoding="utf-8"))["claim_id"]:
             json.loads((c / "gold.json").read_text(encoding="utf-8"))["decision"] for c in cases}
    assert {r["claim_id"]: r["decision"] for r in results} == golds
    assert "zz-bad" in proc.stderr and "batch:" in proc.stderr and "bad_input 1" in proc.stderr
    assert "reviewing" in proc.stderr  # the progress bar


def test_cli_batch_jsonl_paths_are_relative_to_the_file(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "note.txt").write_text("Patient: Test\nNo findings.\n", encoding="utf-8")
    claim = {
        "claim_id": "C-J1", "patient": {"id": "P1"}, "provider": {"id": "H1"}, "service_date": "2026-10-01",
        "items": [{"item_id": "1", "kind": "drug", "drug": "no-such-drug-xyz"}],
        "documents": [{"doc_id": "d1", "kind": "other", "path": "docs/note.txt"}],
    }
    source = tmp_path / "claims.jsonl"
    source.write_text(json.dumps(claim) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "review_engine.cli", "batch", str(source)],
        capture_output=True, text=True, timeout=300, cwd="/", check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[0])
    assert result["claim_id"] == "C-J1"
    assert result["decision"] == "route_mdt"  # an unknown drug: NO_RULE, a person looks
    assert "NO_RULE" in {r["code"] for r in result["items"][0]["reasons"]}
