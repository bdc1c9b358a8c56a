"""Every gene named in the report (field 'gene'), for the assembler's section logic.

A gene listed under "检测基因 / Genes tested" goes to ``genes_tested``; a gene under
"未检测到突变的基因 / Genes with no alterations detected" becomes a not-detected finding.
Which of the two (or neither) is decided in ``findings.py`` from the section, not here.
"""

from __future__ import annotations

import re

from review_engine.nlp.mentions import Mention
from review_engine.nlp.normalize.genes import gene_hits
from review_engine.nlp.normalize.ocr_repair import fold_width
from review_engine.nlp.recognizers import first_group, patterns

FIELD = "gene"
PATTERN = "genes_tested: gene_token"
# Between a gene and the exon it names: spaces, a colon or a bracket ('KRAS exon 2', 'KRAS（第2外显子）').
_LEAD = re.compile(r"[ \t:：(（]{0,3}")
# An exon list goes on ('exons 2, 3 and 4', '第2、3外显子', 'exon 2-4'): no one exon then.
_LIST_GOES_ON = re.compile(r"\s*(?:[、,，/~～-]|and\b|or\b|和|及|或|至)\s*\d")


def find(text: str) -> list[Mention]:
    """One mention per gene token, value = HGNC symbol; ``exon`` in its attrs where the gene is followed by
    one exon ('KRAS 第2外显子 未检测到突变': a result for that exon, not for the whole gene)."""
    folded = fold_width(text)
    return [
        Mention(FIELD, hit.symbol, hit.start, hit.end, 0.95 if hit.via != "hgnc_alias" else 0.8, PATTERN,
                attrs={"via": hit.via, "anchor": (hit.start, hit.end), **_exon_after(folded, hit.end)})
        for hit in gene_hits(folded)
    ]


def _exon_after(text: str, end: int) -> dict[str, int]:
    at = _LEAD.match(text, end).end()
    for pattern in patterns("exon"):
        match = pattern.regex.match(text, at)
        if match is not None and not _LIST_GOES_ON.match(text, match.end()):
            return {"exon": int(first_group(match, "exon", "exon2", "exon3") or 0)}
    return {}
