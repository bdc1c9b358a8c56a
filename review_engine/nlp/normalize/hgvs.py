"""HGVS protein and cDNA changes in their canonical forms (CONTRACT.md section 3).

Canonical alteration: one-letter protein change without ``p.`` (``L858R``, ``E746_A750del``,
``A767_V769dup``, ``H773_V774insNPH``, ``L747_P753delinsS``, ``W24*``, ``R97Pfs*23``);
``hgvs_p`` keeps the three-letter form with ``p.`` (``p.Leu858Arg``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from review_engine.nlp import load_knowledge

_THREE_RUN = re.compile(r"[A-Z][a-z]{2}")


@lru_cache(maxsize=1)
def three_to_one() -> dict[str, str]:
    return dict(load_knowledge("amino_acids.json")["three_to_one"])


@lru_cache(maxsize=1)
def one_to_three() -> dict[str, str]:
    table = {one: three for three, one in three_to_one().items()}
    table["X"] = "Ter"  # legacy stop: W24X means W24*
    return table


@dataclass(frozen=True)
class ProteinChange:
    alteration: str
    """Canonical one-letter form without p."""
    hgvs_p: str
    """Three-letter HGVS with p."""
    kind: str
    """snv, nonsense, synonymous, deletion, duplication, insertion, delins, frameshift."""


def aa_one(code: str) -> str:
    """One-letter code for a one- or three-letter amino acid ('Ter', 'stop' and legacy 'X' -> '*')."""
    if code.lower() == "stop":
        return "*"
    if len(code) == 3:
        return three_to_one()[code.capitalize()]
    return "*" if code == "X" else code


def aa_run_one(run: str, letters: int) -> str:
    """Inserted residues as one-letter codes ("AsnProHis" -> "NPH")."""
    if letters == 1:
        return "".join(aa_one(c) for c in run)
    return "".join(aa_one(c) for c in _THREE_RUN.findall(run))


def _three(one: str) -> str:
    return "".join(one_to_three().get(c, c) for c in one)


def protein_change(groups: dict[str, str | None], letters: int) -> ProteinChange | None:
    """Build the canonical change from a protein pattern's named groups; None when meaningless."""
    ref, pos = aa_one(groups["ref"] or ""), groups["pos"] or ""
    first = f"{ref}{pos}"
    if groups.get("ref2"):
        first += f"_{aa_one(groups['ref2'])}{groups['pos2']}"
    op = groups["op"] or ""
    return _with_op(first, op, groups, letters)


def _with_op(first: str, op: str, g: dict[str, str | None], letters: int) -> ProteinChange | None:
    if op.startswith("delins"):
        ins = aa_run_one(g["ins"] or "", letters)
        return ProteinChange(f"{first}delins{ins}", f"p.{_three(first)}delins{_three(ins)}", "delins")
    if op in ("del", "dup"):
        kind = "deletion" if op == "del" else "duplication"
        return ProteinChange(f"{first}{op}", f"p.{_three(first)}{op}", kind)
    if op.startswith("ins"):
        if "_" not in first:
            return None  # HGVS insertions name both flanking residues
        ins = aa_run_one(g["ins2"] or "", letters)
        return ProteinChange(f"{first}ins{ins}", f"p.{_three(first)}ins{_three(ins)}", "insertion")
    if "fs" in op:
        return _frameshift(first, g, letters)
    return _substitution(first, g.get("alt") or "")


def _frameshift(first: str, g: dict[str, str | None], letters: int) -> ProteinChange:
    alt = aa_one(g["fsalt"]) if g.get("fsalt") else ""
    tail = f"*{g['fsn']}" if g.get("fsn") else ""
    hgvs_tail = f"Ter{g['fsn']}" if g.get("fsn") else ""
    return ProteinChange(f"{first}{alt}fs{tail}", f"p.{_three(first)}{_three(alt)}fs{hgvs_tail}", "frameshift")


def _substitution(first: str, alt_code: str) -> ProteinChange | None:
    if "_" in first or not alt_code:
        return None
    if alt_code == "=":
        return ProteinChange(f"{first}=", f"p.{_three(first)}=", "synonymous")
    if alt_code == "?":
        return ProteinChange(f"{first}?", f"p.{_three(first)}?", "snv")
    alt = aa_one(alt_code)
    kind = "nonsense" if alt == "*" else "snv"
    return ProteinChange(f"{first}{alt}", f"p.{_three(first)}{_three(alt)}", kind)


@lru_cache(maxsize=1)
def _hotspots() -> dict:
    return load_knowledge("hotspots.json")


def hotspot_for_cdna(gene: str, cdna: str) -> dict | None:
    """{'protein': 'L858R', 'exon': 21} for a known hotspot cDNA change of ``gene``."""
    return _hotspots()["genes"].get(gene, {}).get("changes", {}).get(cdna)


def splice_event_for_cdna(gene: str, cdna: str) -> str | None:
    """Exon-level event of a known splice-site change ('MET', 'c.3028+1G>T' -> 'exon14skipping')."""
    return _hotspots()["splice"].get(gene, {}).get(cdna)


def any_residue_class(gene: str, ref_pos: str) -> str | None:
    """'G719X' when the report's X names a class of changes of ``gene`` at ``ref_pos`` ('G719')."""
    name = f"{ref_pos}X"
    return name if name in _hotspots().get("any_residue_classes", {}).get(gene, []) else None


def is_hotspot_protein(alteration: str) -> bool:
    """Whether ``alteration`` ('S768I') is a curated hotspot protein change of any gene."""
    return any(alteration in spec.get("protein_exons", {}) for spec in _hotspots()["genes"].values())


def is_hotspot_in_exon(alteration: str, exon: int) -> bool:
    """Whether ``alteration`` ('L858R') is a curated hotspot change, or a change at a placed codon, of
    some gene in ``exon`` (21): what an exon number glued before a change ('21L858R') must agree with."""
    return any(exon_for_protein(gene, alteration) == exon for gene in _hotspots()["genes"])


def exon_for_protein(gene: str, alteration: str) -> int | None:
    """Exon of a known hotspot protein change ('EGFR', 'L858R' -> 21), else of its codon where the codon is
    placed ('KRAS', 'A146T' -> 4)."""
    curated = _hotspots()["genes"].get(gene, {}).get("protein_exons", {}).get(alteration)
    if curated is not None:
        return curated
    position = _PROTEIN_POSITION.match(alteration)
    return exon_for_codon(gene, int(position.group(1))) if position else None


def exon_for_codon(gene: str, codon: int) -> int | None:
    """Exon of a codon the hotspot file places ('KRAS', 12 -> 2), else None."""
    return _hotspots().get("codon_exons", {}).get(gene, {}).get(str(codon))


def exons_of_codons(gene: str, codons: set[int]) -> tuple[int, ...] | None:
    """The exons a result for ``codons`` covers: those whose every placed codon it names ('KRAS', {12, 13} ->
    (2,); {12, 13, 61} -> (2,): codon 59 of exon 3 is untested). None where a codon is in no exon we place, or
    the codons cover no exon whole: a result for part of the gene we cannot name."""
    placed = _hotspots().get("codon_exons", {}).get(gene, {})
    if not codons or any(str(codon) not in placed for codon in codons):
        return None
    touched = {placed[str(codon)] for codon in codons}
    whole = tuple(sorted(exon for exon in touched
                         if all(int(codon) in codons for codon, at in placed.items() if at == exon)))
    return whole or None


def hotspot_references(gene: str, position: str, alt: str) -> list[str]:
    """Reference residues of ``gene``'s curated hotspot changes at ``position`` to ``alt``
    ('EGFR', '790', 'M' -> ['T']): what a lost reference residue can be."""
    changes = _hotspots()["genes"].get(gene, {}).get("protein_exons", {})
    return [name[0] for name in changes if name[1:-1] == position and name[-1] == alt and name[0].isalpha()]


_PROTEIN_POSITION = re.compile(r"[A-Z*](\d{1,4})(?=[A-Z*]|$)")  # a one-letter substitution's codon ('A146T')
_CODING_POSITION = re.compile(r"c\.(\d{1,6})(?=[ACGTdi_])")


def cdna_codon(cdna: str) -> int | None:
    """The codon a coding cDNA change starts in ('c.1009T>G' -> 337); None for intronic or UTR
    positions ('c.3028+1G>T', 'c.-5A>G'), which name no codon."""
    match = _CODING_POSITION.match(cdna)
    return (int(match.group(1)) + 2) // 3 if match else None
