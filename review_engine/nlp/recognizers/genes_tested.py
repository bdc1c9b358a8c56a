"""Every gene named in the report (field 'gene'), for the assembler's section logic.

A gene listed under "检测基因 / Genes tested" goes to ``genes_tested``; a gene under
"未检测到突变的基因 / Genes with no alterations detected" becomes a not-detected finding.
Which of the two (or neither) is decided in ``findings.py`` from the section, not here.
"""

from __future__ import annotations

from review_engine.nlp.mentions import Mention
from review_engine.nlp.normalize.genes import gene_hits
from review_engine.nlp.normalize.ocr_repair import fold_width

FIELD = "gene"
PATTERN = "genes_tested: gene_token"


def find(text: str) -> list[Mention]:
    """One mention per gene token, value = HGNC symbol."""
    folded = fold_width(text)
    return [
        Mention(FIELD, hit.symbol, hit.start, hit.end, 0.95 if hit.via != "hgnc_alias" else 0.8, PATTERN, attrs={"via": hit.via, "anchor": (hit.start, hit.end)})
        for hit in gene_hits(folded)
    ]
