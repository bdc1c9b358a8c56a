"""AJCC stage-group tables: the one place that knows which T/N/M makes which stage group.

A shared kernel like ``domain.py``: the tables are data (``knowledge/staging/ajcc8.yaml``) and this
module imports only ``errors`` and ``settings``, so the report reader (``nlp/``), the claim review
(``review/``) and the corpus generator can all stage from the same rows. It knows the grammar of a
category (``T2a`` = letter, digit, sub-letter, sub-digit) and of a stage group (``IIIA1``), which is
what lets one table row ``T1`` stand for ``T1mi``, ``T1a``, ``T1b`` and ``T1c``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from review_engine.errors import KnowledgeError
from review_engine.settings import knowledge_dir

CATEGORY = re.compile(r"^([TNM])(is|X|[0-4])(mi|[a-d])?([1-3])?$")
_STAGE = re.compile(r"^(I{1,3}|IV)([A-C])?([1-3])?$")
ANY = "any"


@dataclass(frozen=True)
class _Row:
    stage: str
    t: tuple[str, ...]
    n: tuple[str, ...]
    m: tuple[str, ...]


@dataclass(frozen=True)
class _Site:
    tables_by_prefix: dict[str, str]
    tables: dict[str, tuple[_Row, ...]]


@dataclass(frozen=True)
class _Ajcc:
    edition: str
    stage_order: tuple[str, ...]
    sites: dict[str, _Site]
    aliases: dict[str, str]


def read_yaml(path: Path) -> Any:
    """One knowledge file, or KnowledgeError naming it."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(str(path), f"cannot read: {exc}") from exc


def _row(path: Path, raw: dict[str, Any]) -> _Row:
    try:
        row = _Row(str(raw["stage"]), tuple(raw["t"]), tuple(raw["n"]), tuple(raw["m"]))
    except (KeyError, TypeError) as exc:
        raise KnowledgeError(str(path), f"stage row {raw!r} needs stage, t, n, m") from exc
    for cat in (*row.t, *row.n, *row.m):
        if cat != ANY and not CATEGORY.match(cat):
            raise KnowledgeError(str(path), f"unknown TNM category {cat!r} in row {raw!r}")
    return row


def _site(path: Path, name: str, raw: dict[str, Any], order: tuple[str, ...]) -> _Site:
    tables = {tname: tuple(_row(path, r) for r in rows) for tname, rows in raw["tables"].items()}
    for row in (r for rows in tables.values() for r in rows):
        if row.stage not in order:
            raise KnowledgeError(str(path), f"stage {row.stage!r} of {name} is not in stage_order")
    for prefix, table in raw["tables_by_prefix"].items():
        if table not in tables:
            raise KnowledgeError(str(path), f"{name}: prefix {prefix} names no table {table!r}")
    return _Site(dict(raw["tables_by_prefix"]), tables)


@lru_cache(maxsize=1)
def _ajcc() -> _Ajcc:
    path = knowledge_dir() / "staging" / "ajcc8.yaml"
    data = read_yaml(path)
    order = tuple(str(s) for s in data["stage_order"])
    sites = {name: _site(path, name, site, order) for name, site in data["sites"].items()}
    aliases = {
        str(alias): name
        for name, site in data["sites"].items()
        for alias in site.get("aliases", ())
    }
    return _Ajcc(str(data["edition"]), order, sites, aliases)


# ------------------------------------------------------------------ categories


def category_parents(category: str) -> list[str]:
    """The category and each less specific category containing it: 'T2a2' -> ['T2a2', 'T2a', 'T2']."""
    match = CATEGORY.match(category)
    if not match:
        return [category]
    letter, digit, sub, subdigit = match.groups()
    chain = [category]
    if subdigit:
        chain.append(f"{letter}{digit}{sub or ''}")
    if sub:
        chain.append(f"{letter}{digit}")
    return chain


# ------------------------------------------------------------------ stage groups


def stage_order(stage: str) -> int:
    """Position of a stage group in clinical order (occult < 0 < I < IA < IA1 < ... < IVC).

    Raises ValueError for a string that is not a stage group of ``knowledge/staging/ajcc8.yaml``.
    """
    try:
        return _ajcc().stage_order.index(stage)
    except ValueError:
        raise ValueError(f"not an AJCC stage group: {stage!r}") from None


def is_stage(stage: str) -> bool:
    return stage in _ajcc().stage_order


def stage_parent(stage: str) -> str | None:
    """The main group a sub-group belongs to: 'IA1' -> 'IA', 'IIIB' -> 'III', 'IV' -> None."""
    match = _STAGE.match(stage)
    if not match:
        return None
    roman, letter, digit = match.groups()
    if digit:
        return f"{roman}{letter or ''}"
    return roman if letter else None


def _stage_chain(stage: str) -> list[str]:
    chain = [stage]
    while (parent := stage_parent(chain[-1])) is not None:
        chain.append(parent)
    return chain


def common_stage(stages: set[str]) -> str | None:
    """The most specific group containing every stage given: {IA1, IA3} -> 'IA'; {IB, IIA} -> None."""
    if not stages:
        return None
    chains = [_stage_chain(s) for s in sorted(stages)]
    for candidate in chains[0]:
        if all(candidate in chain for chain in chains[1:]):
            return candidate
    return None


# ------------------------------------------------------------------ derivation


def staging_edition() -> str:
    return _ajcc().edition


def derivable_stages() -> frozenset[str]:
    """Every stage group some table row can give: what a rule's stage interval must be able to rank."""
    return frozenset(row.stage for site in _ajcc().sites.values() for rows in site.tables.values() for row in rows)


def staged_sites() -> tuple[str, ...]:
    return tuple(_ajcc().sites)


def _axis_fit(row_values: tuple[str, ...], category: str | None) -> int:
    """3 exact, 2 row holds a parent, 1 row says any, 0 row is more specific than the report (or the
    report does not give this axis), -1 no fit."""
    if category is None:
        return 1 if ANY in row_values else 0
    best = -1
    parents = category_parents(category)
    for value in row_values:
        if value == ANY:
            best = max(best, 1)
        elif value == category:
            return 3
        elif value in parents:
            best = max(best, 2)
        elif category in category_parents(value):
            best = max(best, 0)
    return best


def _bare(category: str | None, letter: str) -> str | None:
    """Drop a prefix a caller may have left on ('pT2a' -> 'T2a')."""
    if category is None:
        return None
    index = category.find(letter)
    return category[index:] if index >= 0 else category


def _table(site: str, prefix: str | None) -> tuple[_Row, ...] | None:
    ajcc = _ajcc()
    tables = ajcc.sites.get(ajcc.aliases.get(site, site))
    name = tables.tables_by_prefix.get(prefix or "none") if tables else None
    return tables.tables[name] if tables and name else None


def stage_candidates(
    site: str, t: str | None, n: str | None, m: str | None, prefix: str | None = None
) -> set[str]:
    """Every stage group the T/N/M can be at a site: one group when the categories fix it, several
    when the report is less specific than the table (lung T2 N0 -> {IB, IIA}); empty when the site
    or prefix has no table or M is unknown. A missing T or N fits every row (M1 needs neither)."""
    rows = _table(site, prefix)
    cats = (_bare(t, "T"), _bare(n, "N"), _bare(m, "M"))
    if rows is None or cats[2] in (None, "MX"):
        return set()
    definite: dict[str, int] = {}
    partial: set[str] = set()
    for row in rows:
        fits = [_axis_fit(vals, cat) for vals, cat in zip((row.t, row.n, row.m), cats, strict=True)]
        if min(fits) < 0:
            continue
        if min(fits) == 0:
            partial.add(row.stage)
        else:
            definite[row.stage] = max(definite.get(row.stage, 0), sum(fits))
    if definite:
        top = max(definite.values())
        return {s for s, score in definite.items() if score == top}
    return partial


def derive_stage(site: str, t: str, n: str, m: str, prefix: str | None) -> str | None:
    """AJCC 8th anatomic stage group for T/N/M at a site ('lung', 'breast', 'colorectum', 'stomach').

    None when the site has no table, the prefix has no table for that site (stomach ypTNM, or
    unprefixed stomach TNM), M is unknown (MX), or the categories do not fix one stage group.
    """
    return common_stage(stage_candidates(site, t, n, m, prefix))
