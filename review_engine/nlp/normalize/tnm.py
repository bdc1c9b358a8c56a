"""TNM categories and AJCC stage groups: canonical forms, OCR repair, order, and stage derivation.

The stage-group tables are data (``knowledge/staging/ajcc8.yaml``); the OCR confusions are data
(``knowledge/nlp/staging/ocr_repairs.yaml``). This module only knows the grammar of a category
(``T2a`` = letter, digit, sub-letter, sub-digit) and how a less specific category relates to a more
specific one, which is what lets one table row ``T1`` stand for ``T1mi``, ``T1a``, ``T1b`` and ``T1c``.
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

_CATEGORY = re.compile(r"^([TNM])(is|X|[0-4])(mi|[a-d])?([1-3])?$")
_STAGE = re.compile(r"^(I{1,3}|IV)([A-C])?([1-3])?$")
_ROMAN_RAW = re.compile(r"^([IVvli1|!]+)([A-Ca-c])?([1-3])?$")
_ARABIC_RAW = re.compile(r"^([1-4])([A-Ca-c])?([1-3])?$")
_ANY = "any"


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


def _read_yaml(path: Path) -> Any:
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
        if cat != _ANY and not _CATEGORY.match(cat):
            raise KnowledgeError(str(path), f"unknown TNM category {cat!r} in row {raw!r}")
    return row


@lru_cache(maxsize=1)
def _ajcc() -> _Ajcc:
    path = knowledge_dir() / "staging" / "ajcc8.yaml"
    data = _read_yaml(path)
    order = tuple(str(s) for s in data["stage_order"])
    sites = {}
    for name, site in data["sites"].items():
        tables = {
            tname: tuple(_row(path, r) for r in rows) for tname, rows in site["tables"].items()
        }
        for row in (r for rows in tables.values() for r in rows):
            if row.stage not in order:
                raise KnowledgeError(
                    str(path), f"stage {row.stage!r} of {name} is not in stage_order"
                )
        sites[name] = _Site(dict(site["tables_by_prefix"]), tables)
    return _Ajcc(str(data["edition"]), order, sites)


@lru_cache(maxsize=1)
def _repairs() -> dict[str, dict[str, str]]:
    data = _read_yaml(knowledge_dir() / "nlp" / "staging" / "ocr_repairs.yaml")
    return {kind: {str(k): str(v) for k, v in table.items()} for kind, table in data.items()}


# ------------------------------------------------------------------ categories


def category_parents(category: str) -> list[str]:
    """The category and each less specific category containing it: 'T2a2' -> ['T2a2', 'T2a', 'T2']."""
    match = _CATEGORY.match(category)
    if not match:
        return [category]
    letter, digit, sub, subdigit = match.groups()
    chain = [category]
    if subdigit:
        chain.append(f"{letter}{digit}{sub or ''}")
    if sub:
        chain.append(f"{letter}{digit}")
    return chain


def normalize_category(letter: str, raw: str) -> tuple[str | None, tuple[str, ...]]:
    """Canonical category for the value OCR read after 'T', 'N' or 'M' ('O' -> 'N0'), with repairs.

    Returns (None, ()) when the value is not a category of that letter.
    """
    value = raw.replace(" ", "")
    if value.lower() == "is":
        return (f"{letter}is", ()) if letter == "T" else (None, ())
    if value in ("X", "x"):
        return f"{letter}X", ()
    repairs: list[str] = []
    digit = value[:1]
    fixed = _repairs()["category_digit"].get(digit)
    if fixed is not None:
        repairs.append(f"{digit}->{fixed} in {letter}{raw}")
        digit = fixed
    rest = value[1:]
    sub_lettered = len(rest) == 2 and rest[0].lower() in "abcd"
    subdigit = _repairs()["category_subdigit"].get(rest[-1]) if sub_lettered else None
    if subdigit is not None:
        repairs.append(f"{rest[-1]}->{subdigit} in {letter}{raw}")
        rest = rest[:-1] + subdigit
    canonical = f"{letter}{digit}{rest.lower()}"
    if not _CATEGORY.match(canonical):
        return None, ()
    return canonical, tuple(dict.fromkeys(repairs))


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


def normalize_stage(raw: str) -> tuple[str | None, tuple[str, ...]]:
    """Canonical stage group for a token read as one ('Ⅲa' -> 'IIIA', 'lla' -> 'IIA' with a repair).

    Returns (None, ()) when the repaired token is not a stage group.
    """
    tables = _repairs()
    value = "".join(tables["unicode_roman"].get(ch, ch) for ch in raw.strip())
    if value == "0":
        return "0", ()
    arabic = _ARABIC_RAW.match(value)
    if arabic and arabic.group(1) != "1":
        roman = tables["arabic_stage"][arabic.group(1)]
        return _checked_stage(
            roman, arabic.group(2), arabic.group(3), (f"{arabic.group(1)}->{roman} in {raw}",)
        )
    match = _ROMAN_RAW.match(value)
    if not match:
        return None, ()
    roman_raw, letter, digit = match.groups()
    roman = "".join(tables["roman"].get(ch, ch) for ch in roman_raw)
    repairs = (f"{roman_raw}->{roman} in {raw}",) if roman != roman_raw else ()
    return _checked_stage(roman, letter, digit, repairs)


def _checked_stage(
    roman: str, letter: str | None, digit: str | None, repairs: tuple[str, ...]
) -> tuple[str | None, tuple[str, ...]]:
    stage = f"{roman}{(letter or '').upper()}{digit or ''}"
    return (stage, repairs) if is_stage(stage) else (None, ())


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


def staged_sites() -> tuple[str, ...]:
    return tuple(_ajcc().sites)


def _axis_fit(row_values: tuple[str, ...], category: str) -> int:
    """3 exact, 2 row holds a parent, 1 row says any, 0 row is more specific than the report, -1 no fit."""
    best = -1
    parents = category_parents(category)
    for value in row_values:
        if value == _ANY:
            best = max(best, 1)
        elif value == category:
            return 3
        elif value in parents:
            best = max(best, 2)
        elif category in category_parents(value):
            best = max(best, 0)
    return best


def _bare(category: str, letter: str) -> str:
    """Drop a prefix a caller may have left on ('pT2a' -> 'T2a')."""
    index = category.find(letter)
    return category[index:] if index >= 0 else category


def derive_stage(site: str, t: str, n: str, m: str, prefix: str | None) -> str | None:
    """AJCC 8th anatomic stage group for T/N/M at a site ('lung', 'breast', 'colorectum', 'stomach').

    None when the site has no table, the prefix has no table for that site (stomach ypTNM, or
    unprefixed stomach TNM), M is unknown (MX), or the categories do not fix one stage group.
    """
    site_tables = _ajcc().sites.get(site)
    table_name = site_tables.tables_by_prefix.get(prefix or "none") if site_tables else None
    if site_tables is None or table_name is None:
        return None
    cats = (_bare(t, "T"), _bare(n, "N"), _bare(m, "M"))
    if cats[2] == "MX":
        return None
    definite: dict[str, int] = {}
    partial: set[str] = set()
    for row in site_tables.tables[table_name]:
        fits = [_axis_fit(vals, cat) for vals, cat in zip((row.t, row.n, row.m), cats, strict=True)]
        if min(fits) < 0:
            continue
        if min(fits) == 0:
            partial.add(row.stage)
        else:
            definite[row.stage] = max(definite.get(row.stage, 0), sum(fits))
    if definite:
        top = max(definite.values())
        return common_stage({s for s, score in definite.items() if score == top})
    return common_stage(partial)


# ------------------------------------------------------------------ categories from measurements


_SUB_RANK = {"": 0, "mi": 1, "a": 2, "b": 3, "c": 4, "d": 5}


def category_rank(category: str) -> tuple[int, int, int]:
    """Sort key from least to most advanced: Tis < T1mi < T1a < T1b1 < T1b2 < T1c < T2 ... (X first)."""
    match = _CATEGORY.match(category)
    if not match:
        return (-2, 0, 0)
    _, digit, sub, subdigit = match.groups()
    main = {"X": -1, "is": 0}.get(digit)
    return (main if main is not None else int(digit) + 1, _SUB_RANK[sub or ""], int(subdigit or 0))


@lru_cache(maxsize=1)
def _inference() -> dict[str, dict[str, list[tuple[float, str]]]]:
    path = knowledge_dir() / "staging" / "inference.yaml"
    data = _read_yaml(path)
    tables: dict[str, dict[str, list[tuple[float, str]]]] = {}
    sections = {"size_to_t": data["size_to_t"], "nodes_to_n": data["nodes_to_n"]}
    for edition, by_site in data.get("size_to_t_by_edition", {}).items():
        sections[f"size_to_t.{edition}"] = by_site
    for kind, by_site in sections.items():
        tables[kind] = {}
        for site, rows in by_site.items():
            for _, category in rows:
                if not _CATEGORY.match(category):
                    raise KnowledgeError(str(path), f"{kind}.{site}: unknown category {category!r}")
            tables[kind][site] = [(float(bound), str(category)) for bound, category in rows]
    return tables


def _first_within(rows: list[tuple[float, str]] | None, value: float) -> str | None:
    return next((category for bound, category in rows or [] if value <= bound), None)


def t_from_size(site: str, size_cm: float, edition: str | None = None) -> str | None:
    """T category for the greatest tumour dimension, where size alone decides T (lung, breast).

    AJCC 8th unless ``edition`` names another one with a size table ('AJCC7').
    """
    tables = _inference()
    table = (
        tables.get(f"size_to_t.{edition}", {}) if edition and edition != staging_edition() else {}
    )
    return _first_within(table.get(site) or tables["size_to_t"].get(site), size_cm)


def n_from_positive_nodes(site: str, positive: int) -> str | None:
    """AJCC 8th N category for a count of positive regional nodes, where the count decides N."""
    return _first_within(_inference()["nodes_to_n"].get(site), float(positive))
