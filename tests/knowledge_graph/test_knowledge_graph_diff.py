"""`kg diff` shows a real change (osimertinib's first-line rule moved to later lines) and the
stored decision it changes when replayed; `kg validate` and `kg show` exit codes."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from review_engine.cli import main
from review_engine.knowledge_graph import load_knowledge
from review_engine.knowledge_graph.diff import diff_knowledge, load_replay_cases, replay
from review_engine.review import decide
from review_engine.settings import PolicySettings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "review"))
from review_scenarios import SCENARIOS

OSI_1L = "drug.osimertinib.nsclc.egfr_sensitizing.first_line"


def _move_first_line_to_later_lines(folder: Path) -> None:
    path = folder / "drugs_nsclc.yaml"
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"- id: {re.escape(OSI_1L)}.*?(?=\n      - id:)", text, re.DOTALL).group(0)
    path.write_text(text.replace(block, block.replace("{use: first_line}", "{use: later_line}")), encoding="utf-8")


def _store_case(folder: Path) -> None:
    scenario = next(s for s in SCENARIOS if s.id == "osimertinib-1L-L858R-approve")
    case = folder / "case-1"
    case.mkdir(parents=True)
    claim = scenario.claim("zh")
    (case / "claim.json").write_text(claim.model_dump_json(), encoding="utf-8")
    findings = [f.model_dump(mode="json") for f in scenario.findings]
    (case / "result.json").write_text(json.dumps({"claim_id": claim.claim_id, "findings": findings}), encoding="utf-8")


def test_knowledge_graph_diff_reports_changed_rule_and_replayed_decision(guidelines_copy, tmp_path):
    old = load_knowledge()
    _move_first_line_to_later_lines(guidelines_copy)
    new = load_knowledge(guidelines_copy)
    result = diff_knowledge(old, new)
    assert result.changed == {OSI_1L: ["when"]} and not result.added and not result.removed
    _store_case(tmp_path / "stored")
    changes = replay(load_replay_cases(tmp_path / "stored"), old, new, PolicySettings(), decide)
    assert [(c.item_id, c.old, c.new) for c in changes] == [("1", "approve", "flag")]
    assert "LINE_NOT_ELIGIBLE" in changes[0].new_codes


def test_kg_diff_command_prints_change_and_replay(guidelines_copy, tmp_path, capsys):
    original = tmp_path / "original"
    import shutil
    shutil.copytree(guidelines_copy, original)
    _move_first_line_to_later_lines(guidelines_copy)
    _store_case(tmp_path / "stored")
    code = main(["kg", "diff", str(original), str(guidelines_copy), "--replay", str(tmp_path / "stored")])
    out = capsys.readouterr().out
    assert code == 0
    assert f"changed: {OSI_1L} (when)" in out
    assert "item 1: approve -> flag" in out


def test_kg_validate_exit_codes(guidelines_copy, capsys):
    assert main(["kg", "validate"]) == 0
    assert capsys.readouterr().out.startswith("ok 2026.11-")
    (guidelines_copy / "sources.yaml").write_text("sources: [\n", encoding="utf-8")
    assert main(["kg", "validate", str(guidelines_copy)]) == 1
    assert "sources.yaml:" in capsys.readouterr().err


def test_kg_show_rule_and_drug(capsys):
    assert main(["kg", "show", "奥希替尼"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert OSI_1L in [r["id"] for r in shown["rules"]]
    assert main(["kg", "show", OSI_1L]) == 0
    rule = json.loads(capsys.readouterr().out)["rules"][0]
    assert rule["nrdl_text"].startswith("表皮生长因子受体") and rule["graph_path"][0] == "drug:osimertinib"
    assert main(["kg", "show", "nonexistent"]) == 1


def test_kg_schema_describes_rule_files(capsys):
    assert main(["kg", "schema", "drugs"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "DrugRule" in schema["$defs"] and "tag" in schema["$defs"]["DrugRule"]["properties"]
    assert main(["kg", "schema", "nonsense"]) == 1


def test_kg_diff_accepts_git_revisions(capsys):
    assert main(["kg", "diff", "HEAD", "HEAD"]) == 0
    assert "no differences" in capsys.readouterr().out


def test_kg_diff_replays_batch_results_matched_by_claim_id(guidelines_copy, tmp_path):
    _store_case(tmp_path / "stored")
    case = tmp_path / "stored" / "case-1"
    (tmp_path / "stored" / "results.jsonl").write_text((case / "result.json").read_text(encoding="utf-8") + "\n",
                                                       encoding="utf-8")
    (case / "result.json").unlink()
    _move_first_line_to_later_lines(guidelines_copy)
    changes = replay(load_replay_cases(tmp_path / "stored"), load_knowledge(), load_knowledge(guidelines_copy),
                     PolicySettings(), decide)
    assert [(c.claim_id, c.old, c.new) for c in changes] == [("C-TEST", "approve", "flag")]
