"""Fusions in every notation: EML4-ALK, EML4::ALK, EML4(exon13)-ALK(exon20), ALK融合, ALK重排, ALK rearrangement,
one result for a list of genes ('ALK/ROS1/RET融合', 'NTRK1/2/3融合': a kit group, each gene's fusion), and the
immunostain that stands for the fusion test (ALK(D5F3), ``fusion_ihc_clones``).

The finding's gene is the driver kinase (ALK, RET, ROS1, NTRK1, ...; list in
``variant_patterns.json``), the other gene is the ``partner``. A pair of genes joined by a
hyphen is a fusion only when one of them is a driver or a fusion word follows; "HER-2" and
"PD-L1" are single genes (the vocabulary reads them whole first).
"""

from __future__ import annotations

import re

from review_engine.nlp.mentions import Mention, replace_mention
from review_engine.nlp.normalize.genes import GeneVocabulary, gene_hits_between, gene_vocabulary
from review_engine.nlp.normalize.ocr_repair import fold_width, folded_repairs
from review_engine.nlp.recognizers import overlaps, patterns, variant_config, variant_value

FIELD = "variant"
_LIST_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]{1,9}|\d")
_LIST_WORDS = frozenset({"or", "and"})
_FUSION_WORD = re.compile(r"\s?(?:基因)?\s?(?:融合|重排|易位|fusion|rearrangement|translocation)", re.IGNORECASE)


def find(text: str) -> list[Mention]:
    """Fusion mentions (field 'variant', alteration 'fusion'); offsets into ``text``."""
    folded = fold_width(text)
    vocab = gene_vocabulary()
    drivers = frozenset(variant_config()["fusion_drivers"])
    pairs = _pairs(text, folded, vocab, drivers)
    lists = [m for m in _gene_lists(text, folded, vocab) if not any(overlaps((m.start, m.end), (p.start, p.end)) for p in pairs)]
    found = pairs + lists
    found += [m for m in _single_genes(text, folded, vocab) if not any(overlaps((m.start, m.end), (f.start, f.end)) for f in found)]
    return found + [m for m in _stains(text, folded, vocab) if not any(overlaps((m.start, m.end), (f.start, f.end)) for f in found)]


def _pairs(text: str, folded: str, vocab: GeneVocabulary, drivers: frozenset[str]) -> list[Mention]:
    np_ = patterns("fusion")[0]
    out = []
    for match in np_.regex.finditer(folded):
        if vocab.lookup(folded[match.start("g1"):match.end("g2")]):
            continue  # "HER-2", "PD-L1": one gene written with a hyphen
        g1, g2 = vocab.normalize(match.group("g1")), vocab.normalize(match.group("g2"))
        if not g1 or not g2 or g1 == g2:
            continue
        word = _FUSION_WORD.match(folded, match.end())
        worded = word is not None
        if g1 not in drivers and g2 not in drivers and not worded:
            continue
        driver, partner, exon = _roles(g1, g2, match, drivers)
        value = variant_value(driver, "fusion", "fusion", partner=partner, exon=exon)
        end = word.end() if word else match.end()
        out.append(_mention(value, match.start(), end, np_.name, np_.score, text, folded))
    return out


def _roles(g1: str, g2: str, match: re.Match[str], drivers: frozenset[str]) -> tuple[str, str, int | None]:
    """(driver, partner, driver exon): the listed driver kinase, else the 3' gene (written second)."""
    e1, e2 = match.group("e1"), match.group("e2")
    if g1 in drivers and g2 not in drivers:
        return g1, g2, int(e1) if e1 else None
    return g2, g1, int(e2) if e2 else None


def _single_genes(text: str, folded: str, vocab: GeneVocabulary) -> list[Mention]:
    np_ = patterns("fusion")[1]
    out = []
    for match in np_.regex.finditer(folded):
        gene = vocab.normalize(match.group("gene"))
        if gene:
            value = variant_value(gene, "fusion", "fusion")
            out.append(_mention(value, match.start(), match.end(), np_.name, np_.score, text, folded))
    return out


def _gene_lists(text: str, folded: str, vocab: GeneVocabulary) -> list[Mention]:
    """'ALK/ROS1/RET融合', 'NTRK1/2/3 fusion': a fusion mention per gene, all of one kit group (``kit_group``), so
    ConText leaves a positive, which does not say which gene is fused, indeterminate. Every token must be a gene."""
    np_ = patterns("fusion_gene_list")[0]
    out = []
    for match in np_.regex.finditer(folded):
        genes = _listed_genes(match.group("list"), vocab)
        if len(genes) < 2:
            continue
        for gene in genes:
            mention = _mention(variant_value(gene, "fusion", "fusion"), match.start(), match.end(), np_.name,
                               np_.score, text, folded)
            out.append(replace_mention(mention, attrs={**mention.attrs, "kit_group": match.span("list")}))
    return out


def _listed_genes(listed: str, vocab: GeneVocabulary) -> list[str]:
    """The genes of a list ('ROS1/ALK/RET'; a bare digit repeats the stem before it: 'NTRK1/2/3'), or [] where a
    token is no gene."""
    genes: list[str] = []
    last = ""
    for token in _LIST_TOKEN.findall(listed):
        if token.lower() in _LIST_WORDS:
            continue
        gene = vocab.sibling(last, token) if token.isdigit() else vocab.normalize(token)
        if not gene:
            return []
        last = token if not token.isdigit() else last
        if gene not in genes:
            genes.append(gene)
    return genes


def _stains(text: str, folded: str, vocab: GeneVocabulary) -> list[Mention]:
    """'ALK(D5F3)', 'ALK-V（D5F3）': a stain whose clone the guidelines take for the fusion test. The mention
    carries the clone (``ihc_clone``): ConText reads its result, and with none it stays indeterminate."""
    clones = {gene: {c.upper() for c in names} for gene, names in variant_config()["fusion_ihc_clones"].items()
              if not gene.startswith("_")}
    out: list[Mention] = []
    for np_ in patterns("fusion_ihc"):
        for match in np_.regex.finditer(folded):
            gene = vocab.normalize(match.group("gene"))
            clone = match.group("clone").upper()
            taken = any(overlaps(match.span(), (m.start, m.end)) for m in out)
            if gene in clones and clone in clones[gene] and not taken:
                mention = _mention(variant_value(gene, "fusion", "fusion"), match.start(), match.end(), np_.name,
                                   np_.score, text, folded)
                out.append(replace_mention(mention, attrs={**mention.attrs, "ihc_clone": clone}))
    return out


def _with_vaf(value: dict, end: int, folded: str) -> tuple[dict, int]:
    """A fusion row's read fraction ('EML4-ALK fusion 46.00%'), read up to the next gene or line end."""
    line_end = len(folded) if (found := folded.find("\n", end)) < 0 else found
    reach = variant_config()["limits"]["fusion_vaf_window"]
    window_end = min(line_end, end + reach)
    window_end = min([window_end] + [h.start for h in gene_hits_between(folded, end, window_end)])
    # the figure must end inside the window, but what follows it is read too ('35% of tumour cells' is no VAF)
    context_end = min(line_end, window_end + reach)
    for np_ in patterns("vaf"):
        if np_.spec.get("below"):
            continue  # '<0.1%' is no fraction read
        match = np_.regex.search(folded, end, context_end)
        if match and match.end() <= window_end:
            pct, frac = match.groupdict().get("pct"), match.groupdict().get("frac")
            fraction = float(pct) / 100 if pct else float(frac)
            if 0 < fraction <= 1:
                return {**value, "vaf": round(fraction, 4)}, match.end()
    return value, end


def _mention(value: dict, start: int, end: int, name: str, score: float, text: str, folded: str) -> Mention:
    anchor = (start, end)
    value, end = _with_vaf(value, end, folded)
    return Mention(
        field=FIELD,
        value=value,
        start=start,
        end=end,
        score=score,
        pattern=f"fusions: {name}",
        repairs=folded_repairs(text[start:end], folded[start:end]),
        attrs={"anchor": anchor},
    )
