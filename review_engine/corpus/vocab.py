"""Loads the generator's data files from ``knowledge/corpus/`` (one loader, cached per process)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from review_engine.errors import KnowledgeError
from review_engine.settings import knowledge_dir

CORPUS_FILES = ("names", "variants", "cancers", "tnm_categories", "panels", "wording", "scenarios")


def corpus_knowledge_dir() -> Path:
    return knowledge_dir() / "corpus"


@cache
def load(name: str) -> dict[str, Any]:
    """One corpus data file as a dict; raises KnowledgeError naming the file when it is invalid."""
    if name not in CORPUS_FILES:
        raise KnowledgeError(name, f"unknown corpus data file (known: {', '.join(CORPUS_FILES)})")
    path = corpus_knowledge_dir() / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(str(path), f"cannot load corpus data: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(str(path), "expected a mapping at the top level")
    return data


def wording(lang: str) -> dict[str, Any]:
    return load("wording")[lang]


def alteration(key: str) -> dict[str, Any]:
    try:
        return load("variants")["alterations"][key]
    except KeyError as exc:
        raise KnowledgeError("variants.yaml", f"unknown alteration key {key!r}") from exc


def cancer(key: str) -> dict[str, Any]:
    try:
        return load("cancers")[key]
    except KeyError as exc:
        raise KnowledgeError("cancers.yaml", f"unknown cancer key {key!r}") from exc
