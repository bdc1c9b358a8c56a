"""Gene symbol normalisation: curated report vocabulary, then HGNC symbols, then unambiguous aliases.

GUIDELINE_FACTS 4.1: "HER2" -> ERBB2, "c-MET" -> MET; ER/PR are biomarkers, never genes;
an HGNC alias is used only when it names one gene. Data: ``knowledge/nlp/gene_vocabulary.json``
(curated) and ``knowledge/nlp/hgnc_genes.json`` (derived by ``scripts/build_gene_vocabulary.py``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from review_engine.nlp import load_knowledge, require_keys
from review_engine.nlp.normalize.ocr_repair import snap_gene

# A symbol-shaped run: letters/digits with at most one inner hyphen ("HER-2", "c-MET", "PD-L1").
# Bounded quantifiers keep it linear.
GENE_TOKEN = re.compile(r"(?<![A-Za-z0-9\-])[A-Za-z][A-Za-z0-9]{0,11}(?:-[A-Za-z0-9]{1,5})?(?![A-Za-z0-9])")


@dataclass(frozen=True)
class GeneHit:
    """A gene read in the text: the HGNC symbol, where, and how it was recognised."""

    symbol: str
    start: int
    end: int
    via: str
    """'curated', 'hgnc_symbol', 'hgnc_previous', 'hgnc_alias' or 'ocr_snap'."""
    repair: str | None = None


class GeneVocabulary:
    """Lookup from a report spelling to an HGNC symbol."""

    def __init__(self) -> None:
        curated = load_knowledge("gene_vocabulary.json")
        require_keys("gene_vocabulary.json", curated, ("terms", "not_genes", "snap_targets"))
        hgnc = load_knowledge("hgnc_genes.json")
        require_keys("hgnc_genes.json", hgnc, ("symbols", "aliases", "previous_symbols"))
        self.curated = {k.upper(): v for k, v in curated["terms"].items()}
        self.not_genes = frozenset(w.upper() for w in curated["not_genes"])
        self.snap_targets = frozenset(curated["snap_targets"])
        self.symbols = frozenset(hgnc["symbols"])
        self.previous = hgnc["previous_symbols"]
        self.aliases = hgnc["aliases"]
        if curated.get("alias_requires_digit", False):
            self.aliases = {a: sym for a, sym in self.aliases.items() if any(c.isdigit() for c in a)}
        families = curated.get("families", {})
        self.families = {word: tuple(members) for word, members in families.get("members", {}).items()}
        self._family_word = re.compile(
            rf"(?<![A-Za-z0-9\-])(?:{'|'.join(map(re.escape, sorted(self.families, key=len, reverse=True)))})"
            rf"(?![A-Za-z0-9])(?!{families['not_before']})") if self.families else None

    def lookup(self, token: str) -> tuple[str, str] | None:
        """(symbol, via) for a token, or None when it is not a gene in a report."""
        upper = token.upper()
        if upper in self.not_genes:
            return None
        # Curated spellings match case-insensitively only when they carry a digit or hyphen
        # ("Her2", "c-Met"); a bare word must be upper case ("Met" in prose is not MET).
        if upper in self.curated and (token == upper or any(c.isdigit() or c == "-" for c in token)):
            return self.curated[upper], "curated"
        if token in self.symbols:  # approved symbols are upper case: "Met" in prose is not MET
            return token, "hgnc_symbol"
        if token in self.previous:
            return self.previous[token], "hgnc_previous"
        if token in self.aliases:
            return self.aliases[token], "hgnc_alias"
        return None

    def normalize(self, token: str) -> str | None:
        """The HGNC symbol for a report spelling, or None."""
        found = self.lookup(token)
        return found[0] if found else None

    def sibling(self, token: str, digit: str) -> str | None:
        """The gene a bare digit after a numbered gene names: ('BRCA1', '2') -> 'BRCA2', ('NTRK1', '3') -> 'NTRK3';
        None where the token ends in no digit or the sibling is no gene."""
        stem = token.rstrip("0123456789")
        return self.normalize(stem + digit) if stem != token else None

    def family_hits(self, text: str) -> list[GeneHit]:
        """One hit per member of each gene family word in ``text`` ('RAS' -> KRAS, NRAS), all over the word."""
        if self._family_word is None:
            return []
        return [GeneHit(member, m.start(), m.end(), "family") for m in self._family_word.finditer(text)
                for member in self.families[m.group()]]

    def snap(self, token: str) -> tuple[str, str] | None:
        """OCR repair of a token in a gene position: (symbol, repair) or None."""
        if token.upper() in self.not_genes or self.lookup(token):
            return None
        return snap_gene(token, self.snap_targets)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[GeneHit]:
        """Every gene token in ``text[start:end]`` (offsets into ``text``)."""
        hits = []
        for match in GENE_TOKEN.finditer(text, start, len(text) if end is None else end):
            hits.extend(self._hits_for(match.group(), match.start()))
        return hits

    def _hits_for(self, token: str, start: int) -> list[GeneHit]:
        found = self.lookup(token)
        if found:
            return [GeneHit(found[0], start, start + len(token), found[1])]
        if "-" not in token:
            return []
        # "EML4-ALK" is two genes; "HER-2" was caught above as one.
        left, right = token.split("-", 1)
        out = []
        for part, offset in ((left, start), (right, start + len(left) + 1)):
            part_found = self.lookup(part)
            if part_found:
                out.append(GeneHit(part_found[0], offset, offset + len(part), part_found[1]))
        return out


@lru_cache(maxsize=8)  # the variant-family recognizers all read the same page text
def gene_hits(text: str) -> tuple[GeneHit, ...]:
    """Every gene token of ``text`` (computed once per text)."""
    return tuple(gene_vocabulary().find(text))


def gene_hits_between(text: str, start: int, end: int) -> list[GeneHit]:
    """The gene tokens of ``text`` lying in ``[start, end)``."""
    hits = gene_hits(text)
    starts = _starts(text)
    return list(hits[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)])


@lru_cache(maxsize=8)
def _starts(text: str) -> list[int]:
    return [h.start for h in gene_hits(text)]


@lru_cache(maxsize=1)
def gene_vocabulary() -> GeneVocabulary:
    """The process-wide vocabulary (loaded once)."""
    return GeneVocabulary()
