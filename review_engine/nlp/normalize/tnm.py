"""TNM categories and AJCC stage groups as read: canonical forms, OCR repair, and T/N from measurements.

The stage-group tables, stage order and stage derivation live in ``review_engine/stage_tables.py``
(data: ``knowledge/staging/ajcc8.yaml``), shared with the claim review; the OCR confusions are data
(``knowledge/nlp/staging/ocr_repairs.yaml``). This module turns what OCR read into a category or a
stage group of those tables.
"""

from __future__ import annotations

import re
from functools import lru_cache

from review_engine.errors import KnowledgeError
from review_engine.settings import knowledge_dir
from review_engine.stage_tables import CATEGORY as _CATEGORY
from review_engine.stage_tables import is_stage, read_yaml, staging_edition

_ROMAN_RAW = re.compile(r"^([IVvli1|!]+)([A-Ca-c])?([1-3])?$")
_ARABIC_RAW = re.compile(r"^([1-4])([A-Ca-c])?([1-3])?$")
_AMBIGUOUS_SUB = re.compile(r"^[a-d][/lI1|][a-d]$")
# OCR prints a sub-letter twice ("pT2bb"): one sub-category, not two.
_DOUBLED_SUB = re.compile(r"^([a-d])\1$")


@lru_cache(maxsize=1)
def _repairs() -> dict[str, dict[str, str]]:
    data = read_yaml(knowledge_dir() / "nlp" / "staging" / "ocr_repairs.yaml")
    return {
        kind: {str(k): str(v) for k, v in table.items()}
        for kind, table in data.items()
        if kind != "site_category_digit"
    }


@lru_cache(maxsize=1)
def _site_repairs() -> dict[str, dict[str, tuple[dict[str, str], ...]]]:
    data = read_yaml(knowledge_dir() / "nlp" / "staging" / "ocr_repairs.yaml")
    return {
        site: {
            key: tuple({k: str(v) for k, v in rule.items()} for rule in rule_list)
            for key, rule_list in rules.items()
        }
        for site, rules in data.get("site_category_digit", {}).items()
    }


def site_category(
    site: str | None, prefix: str | None, letter: str, raw: str
) -> tuple[str, str] | None:
    """(category, repair) where the primary site has no category of the digit OCR read
    (prostate pTIb -> T3b, pTIc -> T2c); None where the site-free reading stands."""
    rules = _site_repairs().get(site or "", {}).get(f"{letter}{raw[:1]}", ())
    rest = raw[1:].strip()
    rule = next(
        (r for r in rules if prefix == r["prefix"] and len(rest) == 1 and rest in r["sub"]), None
    )
    if rule is None:
        return None
    return (
        f"{letter}{rule['digit']}{rest}",
        f"{raw[:1]}->{rule['digit']} in {letter}{raw} at {site}",
    )


# ------------------------------------------------------------------ categories


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
    rest, sub_repairs = _repaired_sub_letter(letter, raw, rest)
    repairs += sub_repairs
    sub_lettered = len(rest) == 2 and rest[0].lower() in "abcd"
    subdigit = _repairs()["category_subdigit"].get(rest[-1]) if sub_lettered else None
    if subdigit is not None:
        repairs.append(f"{rest[-1]}->{subdigit} in {letter}{raw}")
        rest = rest[:-1] + subdigit
    canonical = f"{letter}{digit}{rest.lower()}"
    if not _CATEGORY.match(canonical):
        return None, ()
    return canonical, tuple(dict.fromkeys(repairs))


def _repaired_sub_letter(letter: str, raw: str, rest: str) -> tuple[str, list[str]]:
    """The sub-category after the digit, where OCR misread its letter ('2o' -> T2c), printed it
    twice ('2bb' -> T2b) or gave two ('3a/b', '3alb': an old depth split; the main category is what
    the report states)."""
    if _AMBIGUOUS_SUB.match(rest):
        return "", [f"{rest}->main category in {letter}{raw}"]
    if _DOUBLED_SUB.match(rest):
        return rest[0], [f"{rest}->{rest[0]} in {letter}{raw}"]
    fixed = _repairs()["category_subletter"].get(rest[:1])
    if fixed is None:
        return rest, []
    return fixed + rest[1:], [f"{rest[0]}->{fixed} in {letter}{raw}"]


# ------------------------------------------------------------------ stage groups


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
    data = read_yaml(path)
    tables: dict[str, dict[str, list[tuple[float, str]]]] = {}
    sections = {"size_to_t": data["size_to_t"], "nodes_to_n": data["nodes_to_n"]}
    sections["depth_to_t"] = data.get("depth_to_t", {})
    for measure in ("size", "depth"):
        for edition, by_site in data.get(f"{measure}_to_t_by_edition", {}).items():
            sections[f"{measure}_to_t.{edition}"] = by_site
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


def t_from_size(
    site: str, size_cm: float, edition: str | None = None, measure: str = "size"
) -> str | None:
    """T category for the greatest tumour dimension (or, with ``measure='depth'``, the depth of
    invasion) at an organ where it decides T. AJCC 8th unless ``edition`` names another one with
    its own table ('AJCC7'); an empty table there means the measure decides nothing in that edition.
    """
    tables = _inference()
    table = (
        tables.get(f"{measure}_to_t.{edition}", {})
        if edition and edition != staging_edition()
        else {}
    )
    rows = table[site] if site in table else tables[f"{measure}_to_t"].get(site)
    return _first_within(rows, size_cm)


def n_from_positive_nodes(site: str, positive: int) -> str | None:
    """AJCC 8th N category for a count of positive regional nodes, where the count decides N."""
    return _first_within(_inference()["nodes_to_n"].get(site), float(positive))
