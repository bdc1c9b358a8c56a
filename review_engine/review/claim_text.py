"""A small parser for the claim's diagnosis text (``IVA期（cT3N2M1a）``, ``stage IIIB (cT4 N2 M0)``,
局部晚期, metastatic): stage, TNM, stage words, site and histology. Patterns are data
(``claim_text.yaml``, ``stage_groups.yaml``, ``cancers.yaml``); nothing here imports ``nlp/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from review_engine.knowledge_graph import KnowledgeGraph


@dataclass(frozen=True)
class ClaimDiagnosis:
    stage: str | None = None
    tnm: tuple[str, str, str] | None = None
    stage_words: frozenset[str] = field(default_factory=frozenset)
    sites: tuple[str, ...] = ()
    histology: str | None = None
    stage_provisional: bool = False


def _normalise(text: str, graph: KnowledgeGraph) -> str:
    for roman, ascii_ in graph.raw.claim_text.roman_map.items():
        text = text.replace(roman, ascii_)
    # Full-width letters and digits to ASCII so "ＩＶ期" reads like "IV期".
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def _take_terms(text: str, terms_by_key: dict[str, list[str]], blank: str = " ") -> tuple[list[str], str]:
    """Keys whose terms occur, longest term first, blanking each match so nested words do not re-match."""
    pairs = sorted(((t, k) for k, ts in terms_by_key.items() for t in ts), key=lambda p: -len(p[0]))
    found: list[str] = []
    lowered = text.lower()
    for term, key in pairs:
        index = lowered.find(term.lower())
        if index >= 0:
            if key not in found:
                found.append(key)
            lowered = lowered.replace(term.lower(), blank * len(term))
    return found, lowered


@lru_cache(maxsize=4096)
def _parse_cached(text: str, graph_version: str, graph: KnowledgeGraph) -> ClaimDiagnosis:
    text = _normalise(text, graph)
    patterns = graph.raw.claim_text.patterns
    numerals = graph.raw.claim_text.stage_numerals
    stage, stage_match = None, None
    for name in ("stage_zh", "stage_en", "stage_zh_numeral", "stage_en_numeral"):
        stage_match = re.search(patterns[name], text)
        if stage_match:
            group = stage_match.group(1).upper()
            stage = (numerals.get(group, group) + (stage_match.group(2) or "")).upper()
            break
    tnm_match = re.search(patterns["tnm"], text)
    tnm = (tnm_match.group(2), tnm_match.group(3), tnm_match.group(4)) if tnm_match else None
    provisional = any(_provisional(text, m.span(), patterns) for m in (stage_match, tnm_match) if m)
    word_terms = {k: w.terms for k, w in graph.raw.stages.words.items()}
    words, rest = _take_terms(_without_unsettled(text, word_terms, patterns), word_terms)
    # Site words are removed before histology so 乳腺癌 (breast) is not read as 腺癌 (adenocarcinoma)
    # while 小细胞肺癌 still reads as 小细胞癌.
    sites, without_sites = _take_terms(rest, graph.raw.cancers.site_terms, blank="")
    histologies, _ = _take_terms(without_sites, {k: h.terms for k, h in graph.raw.cancers.histologies.items()})
    return ClaimDiagnosis(stage=stage, tnm=tnm, stage_words=frozenset(words), sites=tuple(sites),
                          histology=histologies[0] if histologies else None, stage_provisional=provisional)


def _without_unsettled(text: str, terms_by_key: dict[str, list[str]], patterns: dict[str, str]) -> str:
    """``text`` with the stage words it negates ('无远处转移'), gives as not yet established ('骨转移待排') or
    places in the same lung ('同侧肺转移': T3/T4, not M1) blanked, so they are not read as stage words."""
    lowered, out = text.lower(), list(text)
    for term in {t.lower() for terms in terms_by_key.values() for t in terms}:
        for match in re.finditer(re.escape(term), lowered):
            before = text[max(0, match.start() - 16):match.start()]
            negated = re.search(patterns["stage_word_negated_before"], before)
            not_distant = re.search(patterns["stage_word_not_distant_before"], before)
            if negated or not_distant or _provisional(text, match.span(), patterns):
                out[match.start():match.end()] = " " * (match.end() - match.start())
    return "".join(out)


def _provisional(text: str, span: tuple[int, int], patterns: dict[str, str]) -> bool:
    """Whether the words right after (or before) a stage give it as not yet established ('IV期（待排）')."""
    return bool(re.match(patterns["stage_provisional_after"], text[span[1]:span[1] + 24])
                or re.search(patterns["stage_provisional_before"], text[max(0, span[0] - 12):span[0]]))


def parse_diagnosis(text: str | None, graph: KnowledgeGraph) -> ClaimDiagnosis:
    """Read stage, TNM, stage words, sites and histology from a claim's diagnosis text."""
    if not text:
        return ClaimDiagnosis()
    return _parse_cached(text, graph.version, graph)


def has_any_term(texts: list[str], terms: list[str]) -> str | None:
    """The first term found in any text (case-insensitive), for re-test exception words."""
    for text in texts:
        lowered = text.lower()
        for term in terms:
            # Short Latin terms ("PD") must stand alone; Chinese terms have no word boundaries.
            short_latin = len(term) <= 2 and term.isascii()
            if re.search(rf"\b{re.escape(term.lower())}\b", lowered) if short_latin else term.lower() in lowered:
                return term
    return None
