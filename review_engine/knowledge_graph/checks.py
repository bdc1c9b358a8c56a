"""Cross-reference checks over parsed guideline files: everything a rule names must exist."""

from __future__ import annotations

from collections.abc import Callable

from review_engine.errors import KnowledgeError, ReasonCode
from review_engine.knowledge_graph import schema as s
from review_engine.knowledge_graph.loader import RawKnowledge, _line_of
from review_engine.stage_tables import derivable_stages


def expand(node: s.Condition, macros: dict[str, s.Condition], seen: tuple[str, ...] = ()) -> s.Condition:
    """Replace every ``{use: NAME}`` by its macro, recursively."""
    if isinstance(node, s.Use):
        if node.use not in macros:
            raise KeyError(f"unknown macro {node.use!r}")
        if node.use in seen:
            raise KeyError(f"macro {node.use!r} uses itself")
        return expand(macros[node.use], macros, seen + (node.use,))
    if isinstance(node, s.AllOf):
        return s.AllOf(all=[expand(c, macros, seen) for c in node.all])
    if isinstance(node, s.AnyOf):
        return s.AnyOf(any=[expand(c, macros, seen) for c in node.any])
    if isinstance(node, s.NotOf):
        return s.NotOf(not_=expand(node.not_, macros, seen))
    return node


def _value_checkers(raw: RawKnowledge) -> dict[str, Callable[[object], bool]]:
    groups = {g for h in raw.cancers.histologies.values() for g in h.groups}
    stages = set(raw.stages.order) | set(raw.stages.coarse)
    vocab = raw.vocabulary

    def each(allowed: set[str]) -> Callable[[object], bool]:
        return lambda v: isinstance(v, list) and bool(v) and all(x in allowed for x in v)

    return {
        "alteration_class": lambda v: v in raw.alterations.classes,
        "drug_class": lambda v: v in raw.drug_classes.classes,
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "histology_group": each(groups),
        "stage_range": lambda v: isinstance(v, list) and len(v) == 2 and all(x in stages for x in v),
        "setting": each(set(vocab.settings)),
        "method": each(set(vocab.methods)),
        "her2_status": each(set(vocab.her2_statuses)),
        "msi_status": each(set(vocab.msi_statuses)),
        "hr_status": each(set(vocab.hr_statuses)),
    }


def _check_leaf(raw: RawKnowledge, leaf: s.Leaf, checkers: dict[str, Callable[[object], bool]]) -> str | None:
    variable = raw.vocabulary.variables.get(leaf.var)
    if variable is None:
        return f"undeclared variable {leaf.var!r}"
    if leaf.op not in variable.ops:
        return f"operator {leaf.op!r} not allowed for {leaf.var} (allowed: {variable.ops})"
    if not checkers[variable.value_type](leaf.value):
        return f"value {leaf.value!r} is not a valid {variable.value_type} for {leaf.var}"
    words = set(raw.stages.words)
    if any(a not in words for a in leaf.accept):
        return f"unknown stage word in accept {leaf.accept}"
    if leaf.methods and (leaf.var != "alteration" or any(m not in raw.vocabulary.methods for m in leaf.methods)):
        return f"methods {leaf.methods}: only known methods, and only on an alteration leaf"
    return None


def _rule_error(raw: RawKnowledge, rule_id: str, problem: str) -> KnowledgeError:
    """A KnowledgeError at the line where the rule's id is written (the file is read only on error)."""
    path = raw.folder / raw.file_of[rule_id]
    return KnowledgeError(str(path), f"rule {rule_id}: {problem}", _line_of(path.read_text(encoding="utf-8"), rule_id))


def _check_rule(raw: RawKnowledge, rule: s._Rule, checkers: dict) -> None:
    for source in rule.sources:
        if source not in raw.sources.sources:
            raise _rule_error(raw, rule.id, f"unknown source {source!r}")
    for cancer in rule.cancers:
        if cancer != "*" and cancer not in raw.cancers.cancers:
            raise _rule_error(raw, rule.id, f"unknown cancer {cancer!r}")
    try:
        tree = expand(rule.when, raw.vocabulary.macros)
    except KeyError as exc:
        raise _rule_error(raw, rule.id, exc.args[0]) from exc
    for leaf in s.walk_leaves(tree):
        problem = _check_leaf(raw, leaf, checkers)
        if problem:
            raise _rule_error(raw, rule.id, problem)


def _check_vocabulary(raw: RawKnowledge) -> None:
    path = str(raw.folder / raw.file_of["vocabulary"])
    codes = {c.value for c in ReasonCode}
    for name, variable in raw.vocabulary.variables.items():
        for code in (variable.fail_code, variable.unknown_code):
            if code not in codes:
                raise KnowledgeError(path, f"variable {name}: unknown reason code {code}")
        if variable.missing_document not in raw.messages.missing_documents:
            raise KnowledgeError(path, f"variable {name}: no missing_documents wording for "
                                       f"{variable.missing_document!r}")
    missing = codes - set(raw.messages.reasons)
    if missing:
        raise KnowledgeError(str(raw.folder / raw.file_of["messages"]), f"no message for reason codes {sorted(missing)}")


def _check_tests(raw: RawKnowledge) -> None:
    known = set(raw.genes.genes) | set(raw.genes.biomarkers) | {"MKI67"}
    methods = set(raw.vocabulary.methods)
    for rule in raw.tests:
        bad = [g for g in rule.covers if g not in known] + [m for m in rule.methods if m not in methods]
        if bad:
            raise _rule_error(raw, rule.id, f"unknown gene/biomarker or method {bad}")


def _check_stage_ranks(raw: RawKnowledge) -> None:
    """The guideline stage order ranks every stage the AJCC tables can derive, or names it unranked.

    A derived stage missing from the order would silently fit no rule's stage interval.
    """
    ranked = set(raw.stages.order) | set(raw.stages.coarse) | set(raw.stages.unranked)
    missing = sorted(derivable_stages() - ranked)
    if missing:
        raise KnowledgeError(str(raw.folder / raw.file_of["stages"]),
                             f"stage groups of knowledge/staging/ajcc8.yaml neither ranked nor unranked: {missing}")


def check_references(raw: RawKnowledge) -> None:
    """Raise ``KnowledgeError`` at the first reference that does not resolve."""
    _check_vocabulary(raw)
    _check_stage_ranks(raw)
    checkers = _value_checkers(raw)
    seen: dict[str, str] = {}
    rules: list[s._Rule] = [r for d in raw.drugs.values() for r in d.rules] + list(raw.tests)
    for rule in rules:
        if rule.id in seen:
            raise _rule_error(raw, rule.id, "duplicate rule id")
        seen[rule.id] = rule.id
        _check_rule(raw, rule, checkers)
    _check_tests(raw)
    for rule in raw.policy.rules.values():
        unknown = [src for src in rule.sources if src not in raw.sources.sources]
        if unknown:
            path = raw.folder / raw.file_of["policy"]
            raise KnowledgeError(str(path), f"policy rule {rule.id}: unknown source {unknown[0]!r}",
                                 _line_of(path.read_text(encoding="utf-8"), rule.id))
