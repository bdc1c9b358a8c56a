"""Copy-number changes: amplification (扩增, amplified, CN 8.2) and deletion (纯合缺失, homozygous deletion).

A copy-number word must follow the gene directly ("MET 扩增", "ERBB2 amplification");
a copy-number value in the gene's segment ("MET copy number 8.2") is kept as
``copy_number`` and, alone, reads as an amplification only at or above
``amplification_min_copy_number`` (data), with a lower score.
"""

from __future__ import annotations

from review_engine.nlp.mentions import Mention
from review_engine.nlp.normalize.genes import GeneHit, gene_hits_between
from review_engine.nlp.normalize.ocr_repair import fold_width, folded_repairs
from review_engine.nlp.recognizers import (
    GENE_LIST_JOIN,
    NamedPattern,
    lines,
    patterns,
    variant_config,
    variant_value,
)

FIELD = "variant"


def find(text: str) -> list[Mention]:
    """Copy-number mentions (field 'variant', kind 'cnv'); offsets into ``text``. Genes listed before the one a
    copy-number word follows share its word ('MET、ERBB2扩增：阴性': MET was read as nothing)."""
    folded = fold_width(text)
    out: list[Mention] = []
    for offset, line in lines(folded):
        hits = gene_hits_between(folded, offset, offset + len(line))
        line_out: list[Mention] = []
        shared: Mention | None = None  # the next gene's mention, while only a list joiner stands between
        for i in reversed(range(len(hits))):
            gene = hits[i]
            seg_end = hits[i + 1].start if i + 1 < len(hits) else offset + len(line)
            mention = _read_segment(gene, seg_end, text, folded)
            if mention is None and shared is not None and GENE_LIST_JOIN.fullmatch(folded, gene.end, seg_end):
                mention = _listed(gene, shared, text, folded)
            if mention is not None:
                line_out.append(mention)
            shared = mention if mention is not None and "copy_number" not in mention.attrs else None
        out += reversed(line_out)
    return out


def _listed(gene: GeneHit, word_of: Mention, text: str, folded: str) -> Mention:
    """A listed gene's mention of the copy-number word the gene after it reads: its own span, and no copy
    number (a value belongs to the gene it stands beside)."""
    alteration = word_of.value["alteration"]
    value = variant_value(gene.symbol, alteration, "cnv", copy_number=None)
    return Mention(FIELD, value, gene.start, gene.end, word_of.score, f"{word_of.pattern} (a listed gene)",
                   repairs=folded_repairs(text[gene.start:gene.end], folded[gene.start:gene.end]),
                   attrs={"anchor": (gene.start, gene.end), "gene_span": (gene.start, gene.end), "listed": True})


def _read_segment(gene: GeneHit, seg_end: int, text: str, folded: str) -> Mention | None:
    word_patterns = [p for p in patterns("copy_number") if "alteration" in p.spec]
    value_pattern = next(p for p in patterns("copy_number") if "alteration" not in p.spec)
    cn_match = value_pattern.regex.search(folded, gene.end, seg_end)
    copy_number = float(cn_match.group("cn")) if cn_match else None
    for np_ in word_patterns:
        match = np_.regex.match(folded, gene.end, seg_end)
        if match:
            end = max(match.end(), cn_match.end() if cn_match else 0)
            # ConText reads the status around the gene and its word: a value further on ('ERBB2 amplification:
            # Not detected (copy number 2.1)') widens the evidence, not the words the status is read beside
            return _mention(gene, np_.spec["alteration"], copy_number, end, np_, text, folded, match.end())
    if copy_number is not None and copy_number >= variant_config()["amplification_min_copy_number"]:
        return _mention(gene, "amplification", copy_number, cn_match.end(), value_pattern, text, folded)
    return None


def _mention(gene: GeneHit, alteration: str, copy_number: float | None, end: int, np_: NamedPattern, text: str,
             folded: str, anchor_end: int | None = None) -> Mention:
    value = variant_value(gene.symbol, alteration, "cnv", copy_number=copy_number)
    return Mention(
        field=FIELD,
        value=value,
        start=gene.start,
        end=end,
        score=np_.score,
        pattern=f"copy_number: {np_.name}",
        repairs=folded_repairs(text[gene.start:end], folded[gene.start:end]),
        attrs={"anchor": (gene.start, anchor_end or end), "gene_span": (gene.start, gene.end)},
    )
