"""Load and validate ``knowledge/guidelines/``: every problem is a ``KnowledgeError``
naming the file and, where it can be found, the line.

Validation has two layers: the pydantic file models (shapes), then cross-references
(sources, variables, operators, value types, macros, unique ids, reason codes).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ValidationError

from review_engine.errors import KnowledgeError, ReasonCode
from review_engine.knowledge_graph import schema as s
from review_engine.settings import knowledge_dir

if TYPE_CHECKING:  # pragma: no cover
    # graph imports this module: at runtime _load_cached imports it when it is first needed
    from review_engine.knowledge_graph.graph import KnowledgeGraph

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
EDITION_HASH_CHARS = 7


def default_guidelines_dir() -> Path:
    return knowledge_dir() / "guidelines"


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def _line_of_loc(text: str, loc: tuple[Any, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line number."""
    node = yaml.compose(text, Loader=_Loader)
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            match = node.value[key]
        else:
            match = None
        if match is None:
            break
        node, line = match, match.start_mark.line + 1
    return line


def _read_yaml(path: Path) -> tuple[Any, str]:
    if not path.exists():
        raise KnowledgeError(str(path), "file listed in manifest.yaml does not exist")
    text = path.read_text(encoding="utf-8")
    try:
        return yaml.load(text, Loader=_Loader), text
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeError(str(path), f"invalid YAML: {getattr(exc, 'problem', exc)}",
                             mark.line + 1 if mark else None) from exc


def parse_file(path: Path, model: type[BaseModel]) -> BaseModel:
    """Read one YAML file into its model; a shape error names the file and line."""
    data, text = _read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and p[:1].isupper()))
        where = ".".join(str(p) for p in loc)
        raise KnowledgeError(str(path), f"{where}: {first['msg']}", _line_of_loc(text, loc)) from exc


class RawKnowledge(BaseModel):
    """The parsed files of one knowledge folder, before cross-checks and graph building."""

    folder: Path
    manifest: s.Manifest
    sources: s.SourcesFile
    vocabulary: s.VocabularyFile
    stages: s.StagesFile
    cancers: s.CancersFile
    genes: s.GenesFile
    alterations: s.AlterationsFile
    drug_classes: s.DrugClassesFile
    claim_text: s.ClaimTextFile
    retest: s.RetestFile
    messages: s.MessagesFile
    policy: s.PolicyFile
    drugs: dict[str, s.Drug]
    tests: list[s.TestRule]
    file_of: dict[str, str]
    version: str


def _file_list(manifest: s.Manifest) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for role, names in manifest.files.items():
        for name in [names] if isinstance(names, str) else names:
            pairs.append((role, name))
    return pairs


def _version(folder: Path, manifest: s.Manifest, names: list[str]) -> str:
    digest = hashlib.sha256()
    for name in ["manifest.yaml", *sorted(names)]:
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return f"{manifest.edition}-{digest.hexdigest()[:EDITION_HASH_CHARS]}"


def read_folder(folder: Path) -> RawKnowledge:
    """Parse every file the manifest lists (shape validation only)."""
    manifest = parse_file(folder / "manifest.yaml", s.Manifest)
    parsed: dict[str, Any] = {"drugs": {}, "tests": []}
    file_of: dict[str, str] = {}
    for role, name in _file_list(manifest):
        model = s.FILE_MODELS.get(role)
        if model is None:
            raise KnowledgeError(str(folder / "manifest.yaml"), f"unknown file role {role!r}",
                                 _line_of((folder / "manifest.yaml").read_text(), role))
        content = parse_file(folder / name, model)
        if role == "drugs":
            for drug_id, drug in content.drugs.items():
                if drug_id in parsed["drugs"]:
                    raise KnowledgeError(str(folder / name), f"drug {drug_id} defined twice")
                parsed["drugs"][drug_id] = drug
                file_of[drug_id] = name
                for rule in drug.rules:
                    file_of[rule.id] = name
        elif role == "tests":
            parsed["tests"].extend(content.tests)
            file_of.update({rule.id: name for rule in content.tests})
        else:
            parsed[role] = content
            file_of[role] = name
    names = [name for _, name in _file_list(manifest)]
    return RawKnowledge(folder=folder, manifest=manifest, file_of=file_of,
                        version=_version(folder, manifest, names), **parsed)


def load_knowledge(path: Path | None = None) -> KnowledgeGraph:
    """The validated knowledge graph of a guidelines folder, cached per resolved path."""
    folder = Path(path) if path is not None else default_guidelines_dir()
    return _load_cached(folder.resolve(), _stamp(folder))


def _stamp(folder: Path) -> float:
    # The cache key includes the newest file time, so an edited folder is reloaded.
    try:
        return max(p.stat().st_mtime for p in folder.glob("*.yaml"))
    except ValueError:
        return 0.0


@lru_cache(maxsize=8)
def _load_cached(folder: Path, stamp: float) -> KnowledgeGraph:
    from review_engine.knowledge_graph.checks import check_references
    from review_engine.knowledge_graph.graph import KnowledgeGraph

    raw = read_folder(folder)
    check_references(raw)
    return KnowledgeGraph(raw)


def reason_codes() -> set[str]:
    return {code.value for code in ReasonCode}
