"""ParsedDocument -> DocumentFindings: tokenizer, sections, recognizers, ConText, assembly.

``load_knowledge(name)`` is the one loader of the JSON and YAML data files under
``knowledge/nlp/``; every module here reads its patterns and vocabularies through it,
so a broken file fails loudly with the file's name (``KnowledgeError``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from review_engine.errors import KnowledgeError
from review_engine.settings import knowledge_dir


def knowledge_path(name: str) -> Path:
    """Path of a data file under ``knowledge/nlp/``."""
    return knowledge_dir() / "nlp" / name


def read_data_file(path: Path) -> Any:
    """One JSON or YAML knowledge file (by suffix), or KnowledgeError naming it (and the line)."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix in (".yaml", ".yml"):
            return yaml.safe_load(text)
        return json.loads(text)
    except FileNotFoundError as exc:
        raise KnowledgeError(str(path), "file not found") from exc
    except json.JSONDecodeError as exc:
        raise KnowledgeError(str(path), f"invalid JSON: {exc.msg}", exc.lineno) from exc
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(str(path), f"cannot read: {exc}") from exc


@lru_cache(maxsize=64)
def load_knowledge(name: str) -> dict[str, Any]:
    """Read and cache one JSON or YAML data file of ``knowledge/nlp/`` (read-only: do not mutate)."""
    path = knowledge_path(name)
    data = read_data_file(path)
    if not isinstance(data, dict):
        raise KnowledgeError(str(path), "top level must be an object")
    return data


def any_of(patterns: Sequence[str], where: str) -> re.Pattern[str]:
    """One case-blind pattern matching any of a data file's ``patterns`` (each grouped on its own), or
    KnowledgeError naming the file (``where``) when one does not compile."""
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeError(where, f"a pattern does not compile: {exc}") from exc


def require_keys(name: str, data: dict[str, Any], keys: tuple[str, ...]) -> None:
    """Fail with the file's name when a data file lacks a key the code relies on."""
    missing = [k for k in keys if k not in data]
    if missing:
        raise KnowledgeError(str(knowledge_path(name)), f"missing keys: {', '.join(missing)}")
