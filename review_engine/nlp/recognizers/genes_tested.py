"""Every gene named in the report (field 'gene'), for the assembler's section logic.

A gene listed under "检测基因 / Genes tested" goes to ``genes_tested``; a gene under
"未检测到突变的基因 / Genes with no alterations detected" becomes a not-detected finding.
Which of the two (or neither) is decided in ``findings.py`` from the section, not here.
"""

from __future__ import annotations

import re
from itertools import pairwise

from review_engine.nlp.mentions import Mention
from review_engine.nlp.normalize.genes import GeneHit, gene_hits, gene_vocabulary
from review_engine.nlp.normalize.hgvs import exons_of_codons
from review_engine.nlp.normalize.ocr_repair import fold_width
from review_engine.nlp.recognizers import GENE_LIST_JOIN, first_group, patterns, variant_config

FIELD = "gene"
PATTERN = "genes_tested: gene_token"
# No gene we read has more exons than this (a range past it is a misread, not a range).
_MAX_EXON = 80
# Between a gene and the exon it names: spaces, a colon or a bracket, and the word 'gene' ('KRAS exon 2',
# 'KRAS（第2外显子）', 'KRAS基因第2外显子').
_LEAD = re.compile(r"[ \t:：(（]{0,3}(?:基因|gene)?[ \t:：(（]{0,3}", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,3}")
# 'BRCA1/2', 'FGFR1/2/3': bare digits after a gene whose symbol ends in one repeat its stem.
_STEM_DIGITS = re.compile(r"(?:/(\d)(?![\dA-Za-z+]))+")  # not a score: 'HER2/3+'

_STEM_DIGIT = re.compile(r"/(\d)")


def find(text: str) -> list[Mention]:
    """One mention per gene token, value = HGNC symbol; ``exons`` in its attrs where the gene is followed by the
    exons its result covers ('KRAS 第2外显子 未检测到突变': a result for that exon, not for the whole gene), and
    ``unplaced_codons`` where it is followed by codons that cover no exon whole (a result for no exon we can name)."""
    folded = fold_width(text)
    # a family word ('NTRK融合：阴性') stands for each member in a gene-level result; never a change's gene
    named = sorted(gene_hits(folded) + tuple(gene_vocabulary().family_hits(folded)), key=lambda h: h.start)
    hits, anchors = _with_stem_digits(folded, tuple(named))
    exons: list[tuple[int, ...] | None] = [()] * len(hits)
    for i in reversed(range(len(hits))):
        exons[i] = _exons_after(folded, hits[i].symbol, hits[i].end)
        if exons[i] == () and i + 1 < len(hits) and GENE_LIST_JOIN.fullmatch(folded, hits[i].end, hits[i + 1].start):
            exons[i] = exons[i + 1]
    return [
        Mention(FIELD, hit.symbol, hit.start, hit.end, 0.95 if hit.via != "hgnc_alias" else 0.8,
                PATTERN if hit.via != "family" else f"{PATTERN} (a gene family's word)",
                attrs={"via": hit.via, "anchor": (hit.start, anchor), **_reach(covered)})
        for hit, covered, anchor in zip(hits, exons, anchors, strict=True)
    ]


def _with_stem_digits(text: str, hits: tuple[GeneHit, ...]) -> tuple[list[GeneHit], list[int]]:
    """The hits, each followed by the genes its bare digits name: 'BRCA1/2：未检测到致病性突变' is a result for
    BRCA1 and BRCA2 (BRCA2 was read as nothing, so the claim lacked its negative). Each such gene stands at
    its digit, so a status word reaches it as it reaches a listed gene; and where each hit's status words are
    read from (its ConText anchor's end): for the genes of one written token, the token's end. Its digits stood
    between the others and the words of 'BRCA1/2突变：阴性' (BRCA1 was read as nothing)."""
    vocab = gene_vocabulary()
    out: list[GeneHit] = []
    anchors: list[int] = []
    for hit in hits:
        lead = len(out)
        out.append(hit)
        anchors.append(hit.end)
        run = _STEM_DIGITS.match(text, hit.end)
        if run is None:
            continue
        for digit in _STEM_DIGIT.finditer(text, hit.end, run.end()):
            symbol = vocab.sibling(hit.symbol, digit.group(1))
            if symbol and symbol != hit.symbol:
                out.append(GeneHit(symbol, digit.start(1), digit.end(1), "stem_digit"))
        anchors[lead:] = [max(h.end for h in out[lead:])] * (len(out) - lead)
    return out, anchors


def _reach(covered: tuple[int, ...] | None) -> dict[str, object]:
    """The attrs that say what a gene's result covers: its exons, codons that cover no exon whole, or (none) the
    whole gene."""
    if covered is None:
        return {"unplaced_codons": True}
    return {"exons": covered} if covered else {}


def _exons_after(text: str, gene: str, end: int) -> tuple[int, ...] | None:
    """The exons named right after a gene: a list or range ('exons 2, 3 and 4', '第2~4外显子'), one exon, or
    the exons whose codons are all named ('第12、13密码子': exon 2); None where codons cover no exon we place."""
    at = _LEAD.match(text, end).end()
    for pattern in patterns("exon_list"):
        match = pattern.regex.match(text, at)
        if match is not None:
            return _exon_list(match.group("list"))
    for pattern in patterns("exon"):
        match = pattern.regex.match(text, at)
        if match is not None:
            return (int(first_group(match, "exon", "exon2", "exon3") or 0),)
    for pattern in patterns("codon_list"):
        match = pattern.regex.match(text, at)
        if match is not None:
            return exons_of_codons(gene, {int(codon) for codon in _NUMBER.findall(match.group("list"))})
    return ()


def _exon_list(written: str) -> tuple[int, ...]:
    """'2, 3 and 4' -> (2, 3, 4); '2-4' -> (2, 3, 4). A range that does not climb ('2 - 0', a dash then a
    VAF cell) is no range: the first exon alone is then the result's reach, the narrower reading."""
    numbers = [(m.start(), m.end(), int(m.group())) for m in _NUMBER.finditer(written)]
    ranges = set(variant_config()["exon_range_words"])
    out = [numbers[0][2]]
    for (_, end, low), (start, _, high) in pairwise(numbers):
        if written[end:start].strip(" ,第") in ranges:
            if not 0 < low < high <= _MAX_EXON:
                return (numbers[0][2],)
            out.extend(range(low + 1, high + 1))
        else:
            out.append(high)
    return tuple(sorted(set(out)))
