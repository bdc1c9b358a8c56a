"""Compare two knowledge versions: which rules were added, removed or changed (with the expanded
condition trees, so a macro edit shows on every rule that uses it), which other sections changed,
and, replaying stored claims with their findings, which decisions would change.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_engine.knowledge_graph.graph import KnowledgeGraph
from review_engine.settings import REPO_ROOT

SECTIONS = ("sources", "vocabulary", "stages", "cancers", "genes", "alterations", "drug_classes", "claim_text",
            "retest", "messages", "policy")


@dataclass
class KnowledgeDiff:
    old_version: str
    new_version: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # rule id -> changed fields
    sections: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.sections)


def _rule_views(graph: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    views = {}
    for rule_id, rule in [*graph.drug_rules.items(), *graph.test_rules.items()]:
        view = rule.model_dump(mode="json", by_alias=True)
        view["when"] = graph.trees[rule_id].model_dump(mode="json", by_alias=True)
        view["drug"] = graph.rule_drug.get(rule_id)
        views[rule_id] = view
    return views


def diff_knowledge(old: KnowledgeGraph, new: KnowledgeGraph) -> KnowledgeDiff:
    """Rule-level and section-level differences between two loaded knowledge versions."""
    a, b = _rule_views(old), _rule_views(new)
    result = KnowledgeDiff(old.version, new.version, sorted(set(b) - set(a)), sorted(set(a) - set(b)))
    for rule_id in sorted(set(a) & set(b)):
        fields = sorted(k for k in set(a[rule_id]) | set(b[rule_id]) if a[rule_id].get(k) != b[rule_id].get(k))
        if fields:
            result.changed[rule_id] = fields
    result.sections = [name for name in SECTIONS
                       if getattr(old.raw, name).model_dump() != getattr(new.raw, name).model_dump()]
    return result


# ---------------------------------------------------------------- versions from folders or git


def materialise(spec: str, workdir: Path, repo: Path = REPO_ROOT) -> Path:
    """A folder of guideline files for SPEC: an existing folder, or a git revision of knowledge/guidelines."""
    path = Path(spec)
    if path.is_dir():
        return path
    relative = "knowledge/guidelines"
    names = subprocess.run(["git", "-C", str(repo), "ls-tree", "--name-only", f"{spec}:{relative}"],
                           capture_output=True, text=True, check=False)
    if names.returncode != 0:
        raise ValueError(f"{spec}: neither a folder nor a git revision with {relative} ({names.stderr.strip()})")
    target = workdir / spec.replace("/", "_")
    target.mkdir(parents=True, exist_ok=True)
    for name in names.stdout.split():
        blob = subprocess.run(["git", "-C", str(repo), "show", f"{spec}:{relative}/{name}"], capture_output=True, check=True)
        (target / name).write_bytes(blob.stdout)
    return target


def temporary_workdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="kg-diff-")


# ---------------------------------------------------------------- replay


@dataclass
class ReplayCase:
    name: str
    claim: Any  # domain.Claim
    findings: list[Any]  # domain.DocumentFindings


@dataclass
class DecisionChange:
    case: str
    claim_id: str
    item_id: str
    old: str
    new: str
    old_codes: list[str]
    new_codes: list[str]


def _findings_of(data: Any) -> list[dict]:
    findings = data.get("findings", []) if isinstance(data, dict) else []
    return list(findings.values()) if isinstance(findings, dict) else list(findings)


def _batch_results(folder: Path) -> dict[str, dict]:
    """Review results from ``review-engine batch --out *.jsonl`` files in the folder, by claim id."""
    results: dict[str, dict] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                results[data.get("claim_id", "")] = data
    return results


def load_replay_cases(folder: Path) -> list[ReplayCase]:
    """Stored cases: ``*/claim.json`` with a sibling ``result.json`` (a Review result) or ``gold.json``,
    or with its result in a batch ``*.jsonl`` of the folder (matched by claim id), or single ``*.json``
    files holding ``{"claim": ..., "result": ...}``."""
    from review_engine.domain import Claim, DocumentFindings

    cases = []
    batch = _batch_results(folder)
    for claim_file in sorted(folder.glob("**/claim.json")):
        claim = Claim.model_validate_json(claim_file.read_text(encoding="utf-8"))
        stored = next((claim_file.parent / n for n in ("result.json", "gold.json") if (claim_file.parent / n).exists()), None)
        data = json.loads(stored.read_text(encoding="utf-8")) if stored else batch.get(claim.claim_id)
        if data is None:
            continue
        cases.append(ReplayCase(str(claim_file.parent.relative_to(folder)), claim,
                                [DocumentFindings.model_validate(f) for f in _findings_of(data)]))
    for bundle in sorted(folder.glob("*.json")):
        data = json.loads(bundle.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "claim" in data and "result" in data:
            cases.append(ReplayCase(bundle.name, Claim.model_validate(data["claim"]),
                                    [DocumentFindings.model_validate(f) for f in _findings_of(data["result"])]))
    return cases


def replay(cases: list[ReplayCase], old: KnowledgeGraph, new: KnowledgeGraph, policy: Any,
           decide: Callable) -> list[DecisionChange]:
    """Decide every stored case with both versions; the items whose decision or reason codes differ."""
    changes = []
    for case in cases:
        before = decide(case.claim, case.findings, {}, old, policy)
        after = decide(case.claim, case.findings, {}, new, policy)
        for a, b in zip(before.items, after.items):
            codes_a, codes_b = [r.code for r in a.reasons], [r.code for r in b.reasons]
            if a.decision != b.decision or codes_a != codes_b:
                changes.append(DecisionChange(case.name, case.claim.claim_id, a.item_id, a.decision, b.decision,
                                              codes_a, codes_b))
    return changes
