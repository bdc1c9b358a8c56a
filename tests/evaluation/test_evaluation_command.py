"""``review-engine eval``: bad input exits 2 with one line; the real engine on the bundled examples (slow)."""

from __future__ import annotations

import json

import pytest

from review_engine.cli import main


@pytest.mark.parametrize("make", [lambda tmp: tmp / "missing", lambda tmp: tmp])
def test_evaluation_command_refuses_a_folder_without_cases(tmp_path, capsys, make):
    assert main(["eval", str(make(tmp_path))]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(tmp_path) in err[0]


@pytest.mark.slow
def test_evaluation_command_scores_the_examples_without_unsafe_approvals(examples_dir, tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["eval", str(examples_dir), "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    overall = report["decisions"]["all"]
    assert overall["claims"]["total"] == 3
    assert overall["unsafe_approvals"] == []
    assert report["pages"] > 0 and report["seconds_per_page"] is not None
    assert "Confusion" in capsys.readouterr().out
