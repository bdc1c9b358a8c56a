"""Every bad-input kind: exit 2, one stderr line naming the file and the problem, no traceback,
and never an approval (CONTRACT.md section 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "review_engine.cli", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})}, check=False,
    )


def assert_bad_input(proc: subprocess.CompletedProcess, names: str, problem_words: tuple[str, ...]) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert names in lines[0], lines[0]
    assert any(w in lines[0].lower() for w in problem_words), lines[0]
    assert "approve" not in proc.stdout


@pytest.mark.parametrize(
    "kind, problem_words",
    [
        ("corrupt_pdf", ("corrupt", "unreadable")),
        ("truncated_pdf", ("truncated", "corrupt")),
        ("encrypted_pdf", ("encrypted",)),
        ("zero_pages_pdf", ("zero pages", "corrupt")),
        ("unsupported_type", ("unsupported",)),
        ("disguised_type", ("unsupported",)),
        ("bomb_png", ("too large", "decompression")),
        ("empty_text", ("empty",)),
        ("blank_image", ("empty",)),
        ("not_utf8_text", ("utf-8",)),
    ],
)
def test_cli_extract_bad_input_exits_2_with_one_line(bad_files, kind, problem_words):
    path = bad_files[kind]
    proc = run_cli("extract", str(path))
    assert_bad_input(proc, path.name, problem_words)


def test_cli_extract_missing_file(tmp_path):
    path = tmp_path / "nope.pdf"
    assert_bad_input(run_cli("extract", str(path)), "nope.pdf", ("not found",))


def test_cli_extract_file_over_size_limit(bad_files):
    path = bad_files["encrypted_pdf"]
    proc = run_cli("extract", str(path), env={"REVIEW_ENGINE_LIMITS__MAX_FILE_BYTES": "100"})
    assert_bad_input(proc, path.name, ("too large",))


@pytest.mark.parametrize(
    "content, problem_words",
    [
        ("{not json", ("json",)),
        (json.dumps({"claim_id": "C1"}), ("invalid", "patient")),
        (json.dumps({"claim_id": "C1", "patient": {}, "provider": {"id": "H"}, "service_date": "2026-01-01",
                     "items": [{"item_id": "1", "kind": "lottery"}]}), ("invalid", "kind")),
    ],
)
def test_cli_review_invalid_claim_exits_2(tmp_path, content, problem_words):
    path = tmp_path / "claim.json"
    path.write_text(content, encoding="utf-8")
    assert_bad_input(run_cli("review", str(path)), "claim.json", problem_words)


def test_cli_review_missing_document_path_exits_2(claim_with_document):
    claim = claim_with_document(None)
    assert_bad_input(run_cli("review", str(claim)), "d1.pdf", ("not found",))


@pytest.mark.parametrize("kind", ["corrupt_pdf", "encrypted_pdf", "bomb_png", "blank_image"])
def test_cli_review_unreadable_document_routes_never_approves(bad_files, claim_with_document, kind):
    source = bad_files[kind]
    claim = claim_with_document(source, doc_name="d1" + source.suffix)
    proc = run_cli("review", str(claim), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["decision"] in ("route_mdt", "flag")
    item = result["items"][0]
    assert item["decision"] != "approve"
    assert "DOCUMENT_UNREADABLE" in {r["code"] for r in item["reasons"]}
