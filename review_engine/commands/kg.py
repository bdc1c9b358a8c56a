"""``review-engine kg validate|show|diff``: check, inspect and compare guideline knowledge versions."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

EXIT_OK, EXIT_FAILED = 0, 1


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("kg", help="check, inspect and compare guideline knowledge versions")
    sub = parser.add_subparsers(dest="kg_command", metavar="SUBCOMMAND", required=True)
    validate = sub.add_parser("validate", help="validate a guidelines folder (default: the shipped one)")
    validate.add_argument("path", nargs="?", type=Path, default=None)
    validate.set_defaults(func=_validate)
    show = sub.add_parser("show", help="show a rule (by id) or every rule of a drug (by name)")
    show.add_argument("rule_or_drug")
    show.add_argument("--path", type=Path, default=None, help="guidelines folder (default: the shipped one)")
    show.set_defaults(func=_show)
    schema = sub.add_parser("schema", help="print the JSON schema of the guideline files (by role)")
    schema.add_argument("role", nargs="?", default=None, help="one file role, e.g. drugs, tests, vocabulary")
    schema.set_defaults(func=_schema)
    diff = sub.add_parser("diff", help="compare two knowledge versions (folders or git revisions)")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--replay", type=Path, default=None,
                      help="folder of stored cases to re-decide: */claim.json with result.json or gold.json, "
                           "or with a batch results *.jsonl in the folder")
    diff.add_argument("--format", choices=["text", "json"], default="text")
    diff.set_defaults(func=_diff)


def _validate(args: argparse.Namespace) -> int:
    from review_engine.errors import KnowledgeError
    from review_engine.knowledge_graph import load_knowledge

    try:
        graph = load_knowledge(args.path)
    except KnowledgeError as exc:
        print(f"invalid: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"ok {graph.version}: {len(graph.raw.drugs)} drugs, {len(graph.drug_rules)} drug rules, "
          f"{len(graph.test_rules)} test rules, {graph.graph.number_of_nodes()} graph nodes")
    return EXIT_OK


def _rule_view(graph, rule_id: str) -> dict:
    rule = graph.drug_rules.get(rule_id) or graph.test_rules[rule_id]
    view = rule.model_dump(mode="json", by_alias=True, exclude={"when"})
    view["sources"] = [{"id": s, **graph.raw.sources.sources[s].model_dump()} for s in rule.sources]
    view["conditions"] = graph.trees[rule_id].model_dump(mode="json", by_alias=True)
    view["graph_path"] = graph.path(rule_id)
    return view


def _show(args: argparse.Namespace) -> int:
    from review_engine.knowledge_graph import load_knowledge

    graph = load_knowledge(args.path)
    key = args.rule_or_drug
    if key in graph.drug_rules or key in graph.test_rules:
        rule_ids = [key]
    else:
        drug = graph.drug_id(key)
        if drug is None:
            print(f"no rule or drug named {key!r}", file=sys.stderr)
            return EXIT_FAILED
        rule_ids = [r.id for r in graph.raw.drugs[drug].rules]
    out = {"knowledge_version": graph.version, "rules": [_rule_view(graph, r) for r in rule_ids]}
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from review_engine.knowledge_graph.schema import FILE_MODELS

    roles = [args.role] if args.role else sorted(FILE_MODELS)
    unknown = [r for r in roles if r not in FILE_MODELS]
    if unknown:
        print(f"unknown role {unknown[0]!r}; roles: {', '.join(sorted(FILE_MODELS))}", file=sys.stderr)
        return EXIT_FAILED
    schemas = {role: FILE_MODELS[role].model_json_schema(by_alias=True) for role in roles}
    print(json.dumps(schemas[roles[0]] if args.role else schemas, ensure_ascii=False, indent=2))
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from review_engine.knowledge_graph import diff as kg_diff
    from review_engine.knowledge_graph import load_knowledge
    from review_engine.review.decide import decide
    from review_engine.settings import get_settings

    with kg_diff.temporary_workdir() as tmp:
        old = load_knowledge(kg_diff.materialise(args.old, Path(tmp) / "old"))
        new = load_knowledge(kg_diff.materialise(args.new, Path(tmp) / "new"))
    result = kg_diff.diff_knowledge(old, new)
    changes = []
    if args.replay:
        cases = kg_diff.load_replay_cases(args.replay)
        changes = kg_diff.replay(cases, old, new, get_settings().policy, decide)
    if args.format == "json":
        print(json.dumps({**asdict(result), "decision_changes": [asdict(c) for c in changes]}, ensure_ascii=False, indent=2))
    else:
        _print_text(result, changes, args.replay is not None)
    return EXIT_OK


def _print_text(result, changes, replayed: bool) -> None:
    print(f"knowledge {result.old_version} -> {result.new_version}")
    for label, ids in (("added", result.added), ("removed", result.removed)):
        for rule_id in ids:
            print(f"  {label}: {rule_id}")
    for rule_id, fields in result.changed.items():
        print(f"  changed: {rule_id} ({', '.join(fields)})")
    for section in result.sections:
        print(f"  section changed: {section}")
    if result.empty:
        print("  no differences")
    if replayed:
        print(f"decisions that change: {len(changes)}")
        for c in changes:
            print(f"  {c.case} {c.claim_id} item {c.item_id}: {c.old} -> {c.new} ({','.join(c.old_codes)} -> {','.join(c.new_codes)})")
