"""Small variants and exon-level events: protein and cDNA changes, exon events, 'gene mutated'.

Each line is cut into gene segments (a gene to the next gene); the changes read in a
segment belong to its gene. A line with changes but no gene borrows the last gene of the
previous lines (a table whose gene sits one row up), with a lower score. Protein changes
are the most specific reading; cDNA changes become protein changes through the hotspot
table; exon events ("19号外显子缺失", "exon 19 deletion", "19del") stand alone only when no
protein change of the segment already says the same thing. A change whose reference residue OCR
lost ("1337W") is read only where its segment decides the residue (the cDNA's codon, the hotspot
table), and a gene glued to its cDNA ("PIK3CAc.1633G>A") is read as gene and cDNA.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from review_engine.nlp.mentions import Mention
from review_engine.nlp.normalize.genes import (
    GeneHit,
    GeneVocabulary,
    gene_hits_between,
    gene_vocabulary,
)
from review_engine.nlp.normalize.hgvs import (
    ProteinChange,
    any_residue_class,
    cdna_codon,
    exon_for_protein,
    hotspot_for_cdna,
    hotspot_references,
    is_hotspot_in_exon,
    is_hotspot_protein,
    protein_change,
    splice_event_for_cdna,
    three_to_one,
)
from review_engine.nlp.normalize.ocr_repair import (
    fold_width,
    folded_repairs,
    letter_for_digit,
    repair_amino_acid,
    repair_digits,
    residue_for_digit,
)
from review_engine.nlp.recognizers import (
    first_group,
    lines,
    overlaps,
    patterns,
    variant_config,
    variant_value,
)

FIELD = "variant"
_DIGIT = re.compile(r"\d")
# Exon events a protein change already expresses: a protein deletion says "exon N deletion".
_EVENT_KINDS = {"del": {"deletion", "delins"}, "ins": {"insertion", "duplication", "delins"}, "dup": {"duplication", "insertion"}}


@dataclass
class _Part:
    """One piece read in a line: a protein change, cDNA change, exon event, exon, VAF or tier."""

    kind: str
    start: int
    end: int
    value: object
    pattern: str = ""
    score: float = 1.0
    repairs: tuple[str, ...] = ()
    after_gene: bool = False
    """Read only right after a gene ('PIK3CAc.1633G>A'): dropped where no gene ends at its start."""


@dataclass
class _Segment:
    gene: GeneHit
    end: int
    parts: list[_Part] = field(default_factory=list)
    borrowed: bool = False
    factor: float = 1.0
    """Score factor of a borrowed gene (the gene is not on the change's line)."""

    def of(self, kind: str) -> list[_Part]:
        return [p for p in self.parts if p.kind == kind]


def find(text: str) -> list[Mention]:
    """Variant mentions (field 'variant') in report text; offsets into ``text``."""
    folded = fold_width(text)
    vocab = gene_vocabulary()
    limits = variant_config()["limits"]
    mentions: list[Mention] = []
    recent: list[tuple[int, GeneHit]] = []  # (line number, last gene of that line)
    seen: set[str] = set()  # genes named so far: one only = a single-gene kit report
    for number, (offset, line) in enumerate(lines(folded)):
        can_borrow = bool(recent) and number - recent[-1][0] <= limits["gene_lookback_lines"]
        known = gene_hits_between(folded, offset, offset + len(line))
        # Every change, exon, VAF or tier pattern needs a digit: a line without one has no parts.
        parts = _parts_in(line, offset) if _DIGIT.search(line) else []
        # "C4A" is a gene, not Cys4Ala: a gene token is never also a change.
        parts = [p for p in parts if not any(overlaps((p.start, p.end), (g.start, g.end)) for g in known)]
        genes = _genes_in(line, offset, vocab, parts, known)
        parts = [p for p in parts if not p.after_gene or any(g.end == p.start for g in genes)]
        if not genes and _can_borrow_for(parts) and (can_borrow or len(seen) == 1):
            factor = limits["lookback_score_factor"] if can_borrow else limits["single_gene_score_factor"]
            segments = [_Segment(recent[-1][1], offset + len(line), borrowed=True, factor=factor)]
        else:
            segments = _segments(genes, offset + len(line))
            parts = _lead_changes(line, offset, parts, segments)
        _assign(parts, segments)
        for segment in segments:
            _resolve_lost_residues(segment)
            mentions.extend(_mentions_for(segment, text, folded))
        if genes:
            recent.append((number, genes[-1]))
            seen.update(g.symbol for g in genes)
    return mentions


def protein_changes(text: str) -> list[tuple[int, int, ProteinChange]]:
    """Every protein change written in ``text`` with its span, gene or not (for measurement
    on literature corpora, where a change is often far from its gene)."""
    folded = fold_width(text)
    out = []
    for offset, line in lines(folded):
        for part in _parts_in(line, offset):
            if part.kind == "protein":
                out.append((part.start, part.end, part.value))  # type: ignore[arg-type]
    return out


# ---------------------------------------------------------------- reading a line


def _can_borrow_for(parts: list[_Part]) -> bool:
    """A change may take a gene from elsewhere only when its line reads like a variant row."""
    needs = set(variant_config()["limits"]["borrow_needs"])
    return any(p.kind in needs or (p.kind == "protein" and "hgvs" in needs and p.pattern.startswith("hgvs_p")) for p in parts)


def _genes_in(line: str, offset: int, vocab: GeneVocabulary, parts: list[_Part], known: list[GeneHit]) -> list[GeneHit]:
    hits = list(known)
    hits.extend(_glued_genes(line, offset, vocab, hits))
    hits.extend(_snapped_genes(line, offset, vocab, hits, parts))
    return sorted(hits, key=lambda h: h.start)


_TOKEN_BEFORE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{2,7})[ \-(]{0,2}$")


def _snapped_genes(line: str, offset: int, vocab: GeneVocabulary, known: list[GeneHit], parts: list[_Part]) -> list[GeneHit]:
    """OCR-garbled gene tokens, snapped only right before a protein change (a gene position)."""
    out = []
    for part in (p for p in parts if p.kind == "protein"):
        local = part.start - offset
        window = line[max(0, local - 10):local]  # bounded look-back keeps long lines linear
        before = _TOKEN_BEFORE.search(window)
        if not before:
            continue
        start = offset + local - len(window) + before.start(1)
        if any(h.start <= start < h.end for h in known):
            continue
        snapped = vocab.snap(before.group(1))
        if snapped:
            out.append(GeneHit(snapped[0], start, start + len(before.group(1)), "ocr_snap", snapped[1]))
    return out


def _glued_genes(line: str, offset: int, vocab: GeneVocabulary, known: list[GeneHit]) -> list[GeneHit]:
    """'EGFRL858R': a gene run together with its change (a dropped space)."""
    out = []
    for np_ in patterns("glued"):
        for match in np_.regex.finditer(line):
            if "change" not in np_.regex.groupindex:
                symbol = vocab.normalize(match.group("gene"))
                if symbol and not any(h.start == match.start() + offset for h in known):
                    repair = f"space inserted after {match.group('gene')} in {line[match.start():match.end() + 6]}"
                    out.append(GeneHit(symbol, match.start() + offset, match.end() + offset, "glued", repair))
                continue
            symbol = _glued_symbol(match, vocab)
            start = match.start() + offset
            if symbol and not any(h.start == start for h in known):
                repair = f"space inserted after {match.group('gene')} in {match.group()}"
                out.append(GeneHit(symbol, start, start + len(match.group("gene")), "glued", repair))
    return out


def _glued_symbol(match: re.Match[str], vocab: GeneVocabulary) -> str | None:
    """The gene of 'EGFRL858R': a well-known report gene, and the whole run must not be a gene
    itself ('ARID1A' is not 'ARI' + 'D1A')."""
    if vocab.normalize(match.group()):
        return None
    symbol = vocab.normalize(match.group("gene"))
    return symbol if symbol in vocab.snap_targets else None


def _parts_in(line: str, offset: int) -> list[_Part]:
    parts: list[_Part] = _regex_parts(line, offset, "exon_shorthand", _exon_event, kind="exon_event")
    _add(parts, _protein_parts(line, offset))
    _add(parts, _glued_protein_parts(line, offset))
    _add(parts, _regex_parts(line, offset, "cdna", lambda m, spec: m.group()))
    _add(parts, _regex_parts(line, offset, "exon_event", _exon_event))
    _add(parts, _regex_parts(line, offset, "exon", lambda m, spec: int(first_group(m, "exon", "exon2", "exon3"))))
    _add(parts, _regex_parts(line, offset, "vaf", _vaf))
    _add(parts, _regex_parts(line, offset, "tier", lambda m, spec: _tier(m.group("tier"))))
    _add(parts, _regex_parts(line, offset, "protein_ref_lost", _ref_lost, kind="residue_lost"))
    return sorted(parts, key=lambda p: p.start)


def _add(parts: list[_Part], new: list[_Part]) -> None:
    """Keep a new part only where no earlier (stronger) part was read."""
    for part in new:
        if not any(overlaps((part.start, part.end), (p.start, p.end)) for p in parts):
            parts.append(part)


def _protein_parts(line: str, offset: int) -> list[_Part]:
    out: list[_Part] = []
    for np_ in patterns("protein"):
        found = []
        for match in np_.regex.finditer(line):
            groups = match.groupdict()
            repairs: tuple[str, ...] = ()
            if np_.spec.get("repair") == "position":
                groups["pos"], repairs = repair_digits(groups["pos"])
                if not repairs:
                    continue  # a clean reading belongs to the strict pattern
            elif np_.spec.get("repair") == "alt_hotspot":
                groups, repairs = _alt_residue_repaired(groups)
                if not repairs:
                    continue
            elif np_.spec.get("repair") == "three_letter":
                groups, repairs = _three_letter_repaired(groups)
                if not repairs:
                    continue  # clean codes belong to the strict pattern; unknown ones stay unread
            change = protein_change(groups, np_.spec["letters"])
            if change is not None and np_.spec.get("exon_prefix") and not is_hotspot_in_exon(change.alteration, int(groups["exon"])):
                continue  # '121L858R' or '19L858R': a digit run, not the change's own exon
            if change is not None and not _bare_same_residue(np_.name, groups):
                found.append(_Part("protein", match.start() + offset, match.end() + offset, change, np_.name, np_.score, repairs))
        _add(out, found)
    return out


def _alt_residue_repaired(groups: dict) -> tuple[dict, tuple[str, ...]]:
    """'S7681' -> S768I: the new residue OCR read as a digit, kept only for a curated hotspot."""
    letter = letter_for_digit(groups["alt"])
    if letter is None or not is_hotspot_protein(f"{groups['ref']}{groups['pos']}{letter}"):
        return groups, ()
    return {**groups, "alt": letter, "op": letter}, (f"OCR {groups['alt']}->{letter} in residue",)


def _three_letter_repaired(groups: dict) -> tuple[dict, tuple[str, ...]]:
    """'p.lle1175Leu' -> Ile1175Leu: both codes must be known codes after repair, else nothing."""
    codes = frozenset(three_to_one())
    out, repairs = dict(groups), []
    for key in ("ref", "alt"):
        read = repair_amino_acid(groups[key], codes)
        if read is None:
            return groups, ()
        out[key] = read[0]
        repairs.extend(read[1])
    out["op"] = out["alt"]
    return out, tuple(repairs)


def _ref_lost(match: re.Match[str], spec: dict) -> tuple[str, str, bool]:
    """(digits, new residue, written after 'p.') of a change whose reference residue OCR lost."""
    return match.group("digits"), match.group("alt"), bool(match.group("p"))


def _resolve_lost_residues(segment: _Segment) -> None:
    """Turn each lost-reference part into a protein change where the segment decides the residue
    (exactly one reading is decided), else drop it: '1337W' beside 'c.1009T>G' is I337W (codon
    337, the '1' is a misread I); 'p.790M' of EGFR is T790M (the only hotspot there)."""
    cdnas = [str(c.value) for c in segment.of("cdna")]
    kept = []
    for part in segment.parts:
        if part.kind != "residue_lost":
            kept.append(part)
            continue
        digits, alt, prefixed = part.value  # type: ignore[misc]
        if segment.borrowed or not (prefixed or cdnas):
            continue  # a protein position needs its gene on the line and a 'p.' or a cDNA beside it
        decided = [r for r in _lost_residue_readings(segment.gene.symbol, digits, alt)
                   if _row_decides(segment.gene.symbol, r[0], r[1], alt, cdnas)]
        if len(decided) != 1:
            continue
        ref, pos, repair = decided[0]
        change = protein_change({"ref": ref, "pos": pos, "alt": alt, "op": alt}, 1)
        if change is not None:
            kept.append(_Part("protein", part.start, part.end, change, part.pattern, part.score, (repair,)))
    segment.parts = kept


def _lost_residue_readings(gene: str, digits: str, alt: str) -> list[tuple[str, str, str]]:
    """(reference, position, repair) readings: the first digit a misread residue, or a dropped
    residue the gene's hotspot table names at that position."""
    readings = []
    letter = residue_for_digit(digits[0])
    if letter and len(digits) >= 3 and digits[1] != "0":
        readings.append((letter, digits[1:], f"OCR {digits[0]}->{letter} in reference residue of {digits}{alt}"))
    readings.extend((ref, digits, f"reference residue {ref} of {digits}{alt} restored from the hotspot table")
                    for ref in hotspot_references(gene, digits, alt))
    return readings


def _row_decides(gene: str, ref: str, pos: str, alt: str, cdnas: list[str]) -> bool:
    """A cDNA change in the row whose codon is ``pos`` (and that no hotspot gives another change),
    or, with no cDNA to contradict it, a curated hotspot of the gene."""
    alteration = f"{ref}{pos}{alt}"
    for cdna in cdnas:
        hotspot = hotspot_for_cdna(gene, cdna)
        if (hotspot and hotspot["protein"] != alteration) or cdna_codon(cdna) != int(pos):
            return False
    return bool(cdnas) or exon_for_protein(gene, alteration) is not None


def _bare_same_residue(pattern: str, groups: dict) -> bool:
    """'A45A' without p. is a code, not a change (HGVS writes synonymous changes as p.Ala45=)."""
    return not pattern.startswith("hgvs_p") and bool(groups.get("alt")) and groups["alt"] == groups["ref"]


def _glued_protein_parts(line: str, offset: int) -> list[_Part]:
    np_ = patterns("glued")[0]
    out = []
    for match in np_.regex.finditer(line):
        if not _glued_symbol(match, gene_vocabulary()):
            continue
        change = match.group("change")
        groups = {"ref": change[0], "pos": change[1:-1], "alt": change[-1], "op": change[-1]}
        parsed = protein_change(groups, 1)
        if parsed:
            out.append(_Part("protein", match.start("change") + offset, match.end() + offset, parsed, np_.name, np_.score))
    return out


def _regex_parts(line: str, offset: int, group: str, read: Callable[[re.Match[str], dict], object], kind: str | None = None) -> list[_Part]:
    out: list[_Part] = []
    for np_ in patterns(group):
        found = []
        for match in np_.regex.finditer(line):
            value = read(match, np_.spec)
            if value is not None:
                found.append(_Part(kind or group, match.start() + offset, match.end() + offset, value, np_.name, np_.score,
                                   after_gene=bool(np_.spec.get("after_gene"))))
        _add(out, found)
    return out


def _exon_event(match: re.Match[str], spec: dict) -> tuple[int, str] | None:
    words = variant_config()["exon_event_words"]
    exon = first_group(match, "exon", "exon2", "exon3")
    word = (match.groupdict().get("event") or spec.get("default_event") or "").lower()
    event = words.get(word, word if word in ("del", "ins", "skip", "dup") else None)
    return (int(exon), event) if exon and event else None


def _vaf(match: re.Match[str], spec: dict) -> float | str | None:
    # a fraction of zero is kept: a hotspot panel prints '0.00%' for a change it did not find, which ConText
    # must not leave 'detected' by default; a fraction below a bound ('<0.1%') is no fraction: its words
    if spec.get("below"):
        return match.group()
    if match.groupdict().get("pct"):
        pct = float(match.group("pct"))
        return round(pct / 100, 4) if 0 <= pct <= 100 else None
    frac = float(match.group("frac"))
    return frac if 0 <= frac <= 1 else None


_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "1": "I", "2": "II", "3": "III", "4": "IV"}


def _tier(raw: str) -> str:
    return _ROMAN.get(raw, raw.upper())


# ---------------------------------------------------------------- segments


# What may stand between a row's leading change and its gene: spaces, tabs and a table's cell bars ('p.L858R | EGFR').
_CELL_GAP = " \t|"


def _lead_changes(line: str, offset: int, parts: list[_Part], segments: list[_Segment]) -> list[_Part]:
    """A row that opens with its change, its gene in the next cell ('p.L858R  EGFR  Detected', 'p.L858R | EGFR |
    Detected'), or with column values before its change ('NM_002524.5 p.Q61K NRAS Positive', '2000x 23.5% p.Q61K
    NRAS': a transcript, depth or VAF column first): the change goes to that gene's segment when the segment has
    no change of its own (it was dropped: a missed positive). Returns the parts left to assign."""
    first = segments[0] if segments else None
    kinds = set(variant_config()["limits"]["lead_change_kinds"])
    before = [p for p in parts if first is not None and p.end <= first.gene.start]
    lead = [p for p in before if p.kind in kinds]
    if not lead or any(p.start > lead[0].start for p in before if p.kind not in kinds) \
            or not _column_values(line[: lead[0].start - offset], [(p.start - offset, p.end - offset) for p in before]):
        return parts
    # only cell gaps between the changes and the gene: a status between ('c.2573T>G 未检出 p.Leu858Arg EGFR')
    # would stand inside the change's span, where no rule reaches it
    gaps = [line[a.end - offset : b.start - offset] for a, b in zip(lead, [*lead[1:], first.gene])]
    own = [p for p in parts if first.gene.start <= p.start < first.end and p.kind in kinds]
    if any(gap.strip(_CELL_GAP) for gap in gaps) or own:
        return parts
    first.parts.extend(lead)
    return [p for p in parts if p not in lead]


def _column_values(words: str, parts: list[tuple[int, int]]) -> bool:
    """Whether ``words`` (a row's start) hold only column values and cell bars: parts read there (a VAF, an exon)
    and words with a digit (a transcript, a depth)."""
    for start, end in parts:
        if end <= len(words):
            words = words[:start] + " " * (end - start) + words[end:]
    return all(any(ch.isdigit() for ch in word) for word in words.replace("|", " ").split())


def _segments(genes: list[GeneHit], line_end: int) -> list[_Segment]:
    return [_Segment(g, genes[i + 1].start if i + 1 < len(genes) else line_end) for i, g in enumerate(genes)]


def _assign(parts: list[_Part], segments: list[_Segment]) -> None:
    """Each part goes to the segment it lies in (parts before the first gene are dropped)."""
    gap = variant_config()["limits"]["max_gene_change_gap"]
    for part in parts:
        for segment in segments:
            inside = segment.gene.start <= part.start < segment.end or segment.borrowed
            if inside and (segment.borrowed or part.kind in ("vaf", "tier") or part.start - segment.gene.end <= gap):
                segment.parts.append(part)
                break


# ---------------------------------------------------------------- building variants


@dataclass
class _Build:
    value: dict
    parts: list[_Part]
    kit_group: tuple[int, int] | None = None
    """The span of the kit group the change is one of ('Q61K/Q61R'): one result answers for them all."""
    vaf_below: str | None = None
    """The words of an allele fraction given only as below a bound ('<0.1%')."""


def _mentions_for(segment: _Segment, text: str, folded: str) -> list[Mention]:
    if not segment.parts:  # most genes of a page (lists, headers): only 'EGFR 突变' can be read
        return [_mention(segment, b, text, folded) for b in _gene_level_builds(segment, folded)]
    builds = _protein_builds(segment)
    builds += _cdna_builds(segment, builds)
    builds += _event_builds(segment, builds)
    if not builds:
        builds = _gene_level_builds(segment, folded)
    _attach_measures(segment, builds)
    _mark_kit_groups(builds, folded, segment.end)
    return [_mention(segment, b, text, folded) for b in builds]


def _protein_builds(segment: _Segment) -> list[_Build]:
    gene = segment.gene.symbol
    proteins, cdnas = segment.of("protein"), segment.of("cdna")
    builds: list[_Build] = []
    for i, part in enumerate(proteins):
        change: ProteinChange = part.value  # type: ignore[assignment]
        change = _as_class(gene, change)
        same = next((b for b in builds if b.value["alteration"] == change.alteration), None)
        if same is not None:  # "R97Pfs*23 (p.Arg97ProfsTer23)": one variant written twice
            same.parts.append(part)
            continue
        cdna = _cdna_for(gene, change, i, proteins, cdnas)
        used = [part] + ([cdna] if cdna else [])
        exon = exon_for_protein(gene, change.alteration) or _exon_for(part, segment)
        value = variant_value(gene, change.alteration, change.kind, hgvs_p=change.hgvs_p,
                              hgvs_c=cdna.value if cdna else None, exon=exon)
        builds.append(_Build(value, used))
    return builds


def _as_class(gene: str, change: ProteinChange) -> ProteinChange:
    """'EGFR G719X' names the G719A/C/S class, not a stop codon: keep it as written."""
    if change.kind == "nonsense":
        name = any_residue_class(gene, change.alteration[:-1])
        if name:
            return ProteinChange(name, change.hgvs_p.replace("Ter", "Xaa"), "snv")
    return change


def _cdna_for(gene: str, change: ProteinChange, index: int, proteins: list[_Part], cdnas: list[_Part]) -> _Part | None:
    """The cDNA change that encodes this protein change: by hotspot, else by position in the row."""
    for cdna in cdnas:
        hotspot = hotspot_for_cdna(gene, str(cdna.value))
        if hotspot and hotspot["protein"] == change.alteration:
            return cdna
    if len(cdnas) == len(proteins):
        candidate = cdnas[index]
        hotspot = hotspot_for_cdna(gene, str(candidate.value))
        return candidate if not hotspot or hotspot["protein"] == change.alteration else None
    return None


def _exon_for(part: _Part, segment: _Segment) -> int | None:
    """An exon written as such nearest after (else before) the change, else one from a matching exon event."""
    exons = segment.of("exon")
    if exons:
        after = [p for p in exons if p.start >= part.end]
        return (after[0] if after else exons[-1]).value  # type: ignore[return-value]
    change = part.value
    for event in segment.of("exon_event"):
        exon, kind = event.value  # type: ignore[misc]
        if isinstance(change, ProteinChange) and change.kind in _EVENT_KINDS.get(kind, set()):
            return exon
    return None


def _cdna_builds(segment: _Segment, builds: list[_Build]) -> list[_Build]:
    gene = segment.gene.symbol
    used = {id(p) for b in builds for p in b.parts}
    known = {b.value["alteration"] for b in builds}
    out = []
    for cdna in (c for c in segment.of("cdna") if id(c) not in used):
        value = _cdna_value(gene, str(cdna.value), _exon_for(cdna, segment))
        if value["alteration"] not in known:
            known.add(value["alteration"])
            out.append(_Build(value, [cdna]))
    return out


def _cdna_value(gene: str, cdna: str, exon: int | None) -> dict:
    hotspot = hotspot_for_cdna(gene, cdna)
    if hotspot:
        groups = {"ref": hotspot["protein"][0], "pos": hotspot["protein"][1:-1], "alt": hotspot["protein"][-1], "op": hotspot["protein"][-1]}
        change = protein_change(groups, 1)
        if change and change.alteration == hotspot["protein"]:
            return variant_value(gene, change.alteration, change.kind, hgvs_p=change.hgvs_p, hgvs_c=cdna, exon=hotspot["exon"])
        return variant_value(gene, hotspot["protein"], "indel", hgvs_c=cdna, exon=hotspot["exon"])
    splice = splice_event_for_cdna(gene, cdna)
    if splice:
        return variant_value(gene, splice, "exon_skipping", hgvs_c=cdna, exon=int(re.sub(r"\D", "", splice)))
    # An unknown cDNA change: the report supports "mutated", with the cDNA kept.
    return variant_value(gene, "mutation", "mutation", hgvs_c=cdna, exon=exon)


def _event_builds(segment: _Segment, builds: list[_Build]) -> list[_Build]:
    cfg = variant_config()
    out = []
    for part in segment.of("exon_event"):
        exon, event = part.value  # type: ignore[misc]
        if _expressed(exon, event, builds):
            continue
        key = f"{segment.gene.symbol}:{exon}:{event}"
        alteration = cfg["exon_event_overrides"].get(key) or f"exon{exon}{cfg['exon_event_names'][event]}"
        if any(b.value["alteration"] == alteration for b in builds + out):
            continue
        kind = "exon_skipping" if alteration.endswith("skipping") else f"exon_{cfg['exon_event_names'][event]}"
        out.append(_Build(variant_value(segment.gene.symbol, alteration, kind, exon=exon), [part]))
    return out


def _expressed(exon: int, event: str, builds: list[_Build]) -> bool:
    """True when a protein/cDNA change already read says this exon event (E746_A750del = exon 19 del)."""
    kinds = _EVENT_KINDS.get(event, set())
    return any(b.value["kind"] in kinds and b.value.get("exon") in (exon, None) for b in builds) or any(
        b.value["alteration"].startswith(f"exon{exon}") for b in builds
    )


def _gene_level_builds(segment: _Segment, folded: str) -> list[_Build]:
    """'EGFR 突变', 'KRAS wild-type': the gene named with a mutation word but no change."""
    if segment.borrowed:
        return []
    for np_ in patterns("gene_level"):
        match = np_.regex.match(folded, segment.gene.end, segment.end)
        if match:
            part = _Part("word", match.start(), match.end(), None, np_.name, np_.score)
            return [_Build(variant_value(segment.gene.symbol, np_.spec["alteration"], np_.spec["kind"]), [part])]
    return []


def _attach_measures(segment: _Segment, builds: list[_Build]) -> None:
    """VAF and tier go to the variant written just before them in the segment."""
    for kind, key in (("vaf", "vaf"), ("tier", "tier")):
        for part in segment.of(kind):
            owner = _owner_before(part, builds)
            if owner is None or key in owner.value or owner.vaf_below:
                continue
            if isinstance(part.value, str) and kind == "vaf":
                owner.vaf_below = part.value  # '<0.1%': words, not a fraction
            else:
                owner.value[key] = part.value
            owner.parts.append(part)


def _owner_before(part: _Part, builds: list[_Build]) -> _Build | None:
    before = [b for b in builds if b.parts and min(p.start for p in b.parts) <= part.start]
    if not before:
        return None
    return max(before, key=lambda b: min(p.start for p in b.parts))


@lru_cache(maxsize=1)
def _kit_group_patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    cfg = variant_config()["kit_group"]
    return re.compile(cfg["joiner"]), re.compile(cfg["shorthand_tail"]), frozenset(cfg["member_kinds"])


def _mark_kit_groups(builds: list[_Build], folded: str, segment_end: int) -> None:
    """Mark the changes a kit row lists as one group ('G12C/G12D/G12V', 'G12C/D/V'): two or more distinct
    changes joined only by a joiner, an exon event among them ('19del/L858R'), or one change trailed by bare
    residues. 'p.L858R/p.Leu858Arg' is one change written twice (one build), no group."""
    joiner, tail, member_kinds = _kit_group_patterns()
    changes = sorted(((p, b) for b in builds for p in b.parts if p.kind in member_kinds), key=lambda pb: pb[0].start)
    runs: list[list[tuple[_Part, _Build]]] = []
    for i, (part, build) in enumerate(changes):
        if i and joiner.match(folded[changes[i - 1][0].end:part.start]):
            runs[-1].append((part, build))
        else:
            runs.append([(part, build)])
    for run in runs:
        members = {id(b): b for _, b in run}
        last = run[-1][0].end
        trailing = tail.match(folded[last:segment_end])
        if len(members) > 1 or trailing:
            span = (run[0][0].start, last + (trailing.end() if trailing else 0))
            for build in members.values():
                build.kit_group = span


def _gene_level(build: _Build) -> bool:
    # "KRAS 野生型": the word is the status itself, so ConText must see it outside the target.
    return any(p.kind == "word" for p in build.parts)


def _anchor(segment: _Segment, build: _Build, change_start: int, change_end: int) -> tuple[int, int]:
    """Where ConText reads the change from. A change before its gene ('p.L858R  EGFR  Detected') reaches to the
    gene's end: the row's cells after the gene are the change's, and its own gene stands between no status."""
    gene = segment.gene
    if _gene_level(build):
        return gene.end, gene.end
    if not segment.borrowed and change_end <= gene.start:
        return change_start, gene.end
    return change_start, change_end


def _mention(segment: _Segment, build: _Build, text: str, folded: str) -> Mention:
    gene = segment.gene
    change_start = min(p.start for p in build.parts if p.kind not in ("vaf", "tier"))
    change_end = max(p.end for p in build.parts if p.kind not in ("vaf", "tier"))
    start = change_start if segment.borrowed else min(gene.start, change_start)
    end = max([p.end for p in build.parts] + ([] if segment.borrowed else [gene.end]))
    score = min(p.score for p in build.parts if p.kind not in ("vaf", "tier", "exon"))
    score *= segment.factor
    repairs = tuple(r for p in build.parts for r in p.repairs) + folded_repairs(text[start:end], folded[start:end])
    if gene.repair:
        repairs = (gene.repair,) + repairs
    names = [p.pattern for p in build.parts if p.pattern and p.kind not in ("vaf", "tier")]
    return Mention(
        field=FIELD,
        value=build.value,
        start=start,
        end=end,
        score=round(score, 4),
        pattern=f"variants: {' + '.join(dict.fromkeys(names))}",
        repairs=repairs,
        attrs={"anchor": _anchor(segment, build, change_start, change_end), "gene_span": (gene.start, gene.end), "gene_via": gene.via,
               # the words the change is read from: what stands between them ('p.Val600Glu - - c.1799T>A') is the row's
               "parts": tuple(sorted((p.start, p.end) for p in build.parts)),
               **({"kit_group": build.kit_group} if build.kit_group else {}),
               **({"vaf_below": build.vaf_below} if build.vaf_below else {})},
    )
