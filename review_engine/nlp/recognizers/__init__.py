"""Recognizers: one module per concept, each exposing ``find(text) -> list[Mention]``.

The variant-family recognizers (variants, fusions, copy number, genes tested) share the
pattern file ``knowledge/nlp/variant_patterns.json`` through ``patterns(group)``, and the
line/segment helpers below: a *segment* is the stretch of one line from a gene to the
next gene, where that gene's change, exon, VAF and tier are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from review_engine.errors import KnowledgeError
from review_engine.nlp import knowledge_path, load_knowledge

_FILE = "variant_patterns.json"
_MACRO = re.compile(r"\{([A-Z0-9]+)\}")
# What joins listed genes that share the words after the last of them: the exons ('KRAS/NRAS 第2、3、4外显子',
# 'KRAS, NRAS exon 2') or a copy-number word ('MET、ERBB2扩增', 'MET or ERBB2 amplification').
GENE_LIST_JOIN = re.compile(r"\s?[/、,，&]\s?|\s(?:and|or|和|及|或)\s|和|及|或")


@dataclass(frozen=True)
class NamedPattern:
    """One named, scored regex of the pattern file ('hgvs_p_3letter (strong)', 0.98)."""

    name: str
    score: float
    regex: re.Pattern[str]
    spec: dict[str, Any]


def variant_config() -> dict[str, Any]:
    """The whole variant pattern file (limits, driver list, word tables)."""
    return load_knowledge(_FILE)


@lru_cache(maxsize=32)
def patterns(group: str) -> tuple[NamedPattern, ...]:
    """Compiled patterns of one group of the pattern file, macros expanded."""
    data = variant_config()
    macros = data.get("macros", {})
    out = []
    for spec in data.get(group, []):
        source = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), spec["regex"])
        try:
            regex = re.compile(source)
        except re.error as exc:
            raise KnowledgeError(str(knowledge_path(_FILE)), f"pattern {spec.get('name')!r}: {exc}") from exc
        out.append(NamedPattern(spec["name"], float(spec.get("score", 1.0)), regex, spec))
    if not out:
        raise KnowledgeError(str(knowledge_path(_FILE)), f"no patterns in group {group!r}")
    return tuple(out)


def lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of ``text``, without the line break or trailing blanks.

    Trailing blanks carry nothing to read, and the pipeline blanks the unread tail of an
    over-long line: dropping them keeps every pattern's work bounded by the readable part.
    """
    pos = 0
    for line in text.split("\n"):
        yield pos, line.rstrip(" \t\r")
        pos += len(line) + 1


def first_group(match: re.Match[str], *names: str) -> str | None:
    """The first of several alternative named groups that matched (exon, exon2, exon3)."""
    groups = match.groupdict()
    for name in names:
        if groups.get(name):
            return groups[name]
    return None


def variant_value(gene: str, alteration: str, kind: str, **fields: Any) -> dict[str, Any]:
    """A variant mention's value: the Variant fields (status/origin are set by ConText)."""
    value: dict[str, Any] = {"gene": gene, "alteration": alteration, "kind": kind}
    value.update({k: v for k, v in fields.items() if v is not None})
    return value


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
