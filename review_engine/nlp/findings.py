"""Mentions -> DocumentFindings, with evidence for every finding.

Per field the best mention wins: the trusted section first (results/diagnosis beat
interpretation, methods and the genes-covered list), then the score multiplied by the OCR
confidence of the words it was read from (for a variant, also of the words that decided its
status: ``status_evidence``). A different value close behind is reported in
``warnings``. Variants in genes-covered/methods sections, or in a sentence saying what the test can
find (ConText's ``coverage``), are coverage, not findings; a gene
named with a status word and no change ("KRAS 未检出") becomes a ``mutation`` finding with
that status. Every finding's evidence holds page, box, text, confidence, the OCR repairs and
the pattern that read it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from review_engine.domain import (
    METHOD_IHC,
    DocumentFindings,
    Evidence,
    OcrSummary,
    ParsedDocument,
    StatusWords,
    Variant,
)
from review_engine.nlp import load_knowledge
from review_engine.nlp.germline_report import GermlineTest, germline_test
from review_engine.nlp.mentions import Mention
from review_engine.nlp.recognizers import histology, staging
from review_engine.nlp.sections import section_rank
from review_engine.nlp.status_evidence import StatusEvidence
from review_engine.nlp.word_index import WordIndex

_SKIP_FIELDS = {"variant", "gene", "genes_tested"}
# A gene-level result that names no alteration ('KRAS 未检测到突变'): any change in the gene.
_WHOLE_GENE = {"alteration": "mutation", "kind": "mutation"}
INDETERMINATE = "indeterminate"


@dataclass(frozen=True)
class _Scored:
    mention: Mention
    rank: int
    confidence: float
    words: WordIndex
    doc_id: str
    status: StatusWords | None = None

    @property
    def evidence(self) -> Evidence | None:
        """Built only for the mentions that become findings (most gene tokens never do)."""
        evidence = self.words.evidence_for(self.mention.start, self.mention.end)
        if evidence is None:
            return None
        return evidence.model_copy(update={
            "doc_id": self.doc_id or None, "confidence": self.confidence,
            "repairs": list(self.mention.repairs), "source": self.mention.pattern, "status_words": self.status,
        })


class FindingsAssembler:
    """Builds DocumentFindings from ConText-assessed mentions of one document."""

    def __init__(self) -> None:
        cfg = load_knowledge("pipeline.json")["assembly"]
        self.status_only_excluded = frozenset(cfg["status_only_excluded_genes"])
        self.status_only_kinds = frozenset(cfg["status_only_kinds"])
        self.drop_sections = frozenset(cfg["drop_sections"])
        self.quoted_sections = frozenset(cfg["quoted_sections"])
        self.status_only_sections = frozenset(cfg["status_only_sections"])
        self.status_only_never = frozenset(cfg["status_only_never_sections"])
        self.mutation_words = tuple(cfg["mutation_words"])
        self.biomarker_only_kinds = frozenset(cfg["biomarker_only_kinds"])
        self.conflict_min_ratio = float(cfg["conflict_min_ratio"])
        self.rival_fields = tuple(cfg["rival_fields"])
        self.status_evidence = StatusEvidence(cfg["status_evidence"])

    def assemble(self, doc: ParsedDocument, mentions: list[Mention], kind: str, language: str,
                 doc_id: str = "", warnings: list[str] | None = None) -> DocumentFindings:
        warnings = list(warnings or [])
        findings: dict[str, Any] = {"doc_id": doc_id, "kind": kind, "language": language, "ocr": ocr_summary(doc)}
        words = WordIndex(doc)
        scored = [self._score(words, m, doc_id) for m in mentions]
        germline = germline_test(doc.text, (m.value for m in mentions if m.field == "report.specimen"))
        variants, genes_tested = self._variants(scored, kind, warnings, _GermlineOrigin.of(germline, words))
        findings["variants"] = variants
        findings["genes_tested"] = genes_tested
        evidence = self._fields(scored, findings, warnings)
        findings["field_evidence"] = evidence
        findings["warnings"] = warnings
        return _validated(findings, warnings)

    # ------------------------------------------------------------ scoring

    def _score(self, words: WordIndex, mention: Mention, doc_id: str) -> _Scored:
        """Score times the OCR confidence of the least certain word the finding rests on: its own, and for a
        variant (or a gene with a status) the words that decided its status."""
        status = self.status_evidence.words(words, mention) if mention.field in ("variant", "gene") else None
        own = words.min_confidence(mention.start, mention.end)
        ocr = [c for c in (own, status.confidence if status else None) if c is not None]
        confidence = round(mention.score * min(ocr, default=1.0), 4)
        return _Scored(mention, section_rank(mention.attrs.get("section")), confidence, words, doc_id, status)

    # ------------------------------------------------------------ variants

    def _variants(self, scored: list[_Scored], kind: str, warnings: list[str],
                  germline: _GermlineOrigin | None) -> tuple[list[Variant], list[str]]:
        genes_tested: list[str] = []
        found: list[_Scored] = []
        for item in scored:
            m = item.mention
            # a genes-covered list or methods section, or a sentence saying what the test covers ('本试剂盒可检测')
            covered = m.attrs.get("section") in self.drop_sections or "coverage" in m.attrs
            if m.field == "gene" and covered:
                genes_tested.append(m.value)
            elif m.field == "variant" and covered:
                genes_tested.append(m.value["gene"])
            elif m.field == "variant" and m.attrs.get("population"):
                # 'RAS野生型患者可考虑西妥昔单抗': a statement about a group of patients, not this report's result
                warnings.append(f"{m.value['gene']} {m.value['alteration']} is named in a statement about a group of "
                                "patients, not as this report's result; not a finding")
            elif m.field == "variant" and m.attrs.get("benign"):
                # 'BRCA2 p.K3326* 可能良性': the report classifies it benign; it neither indicates a drug nor rules
                # a change out
                warnings.append(f"{m.value['gene']} {m.value['alteration']} is classified benign or likely benign by "
                                "the report; not a finding")
            elif m.field == "variant" and not self._biomarker_only(m, kind):
                found.append(item)
        found += self._status_only(scored, found, kind)
        chosen = _best_per_variant(found, warnings, self.conflict_min_ratio)
        chosen = _drop_generic(_doubt_unworded_positives(chosen, warnings))
        variants = [Variant.model_validate({**s.mention.value, "evidence": s.evidence,
                                            "method": METHOD_IHC if s.mention.attrs.get("immunostain") else None})
                    for s in chosen]
        if germline is not None:
            variants = [germline.applied(v) if s.mention.attrs.get("origin_default") else v
                        for s, v in zip(chosen, variants, strict=True)]
        return variants, list(dict.fromkeys(genes_tested))

    def _status_only(self, scored: list[_Scored], found: list[_Scored], kind: str) -> list[_Scored]:
        """'KRAS 未检出' and the genes under '未检测到突变的基因': a 'mutation' with that status."""
        if kind not in self.status_only_kinds:
            return []
        out = []
        inside = _VariantSpans(found)
        for item in scored:
            m = item.mention
            status = m.attrs.get("status")
            if m.field != "gene" or status in (None, "detected") or m.attrs.get("stain"):
                continue
            # "HER2 阴性" is an IHC result, not a gene finding; a genes-not-detected list still counts.
            by_section = all(note.startswith("section ") for note in m.attrs.get("context", []))
            listed = by_section or m.attrs.get("section") in self.status_only_sections
            if m.value in self.status_only_excluded and not (listed or self._gene_speak(m)):
                continue
            if m.attrs.get("section") in self.drop_sections | self.status_only_never or inside.covers(m):
                continue
            if m.attrs.get("unplaced_codons"):
                continue  # 'BRAF 第464密码子 野生型': a result for part of the gene we cannot place, none for the gene
            # the alteration the status names ('MET 未见扩增': amplification), else any change in the gene
            named = m.attrs.get("names") or _WHOLE_GENE
            # 'KRAS 第2、3外显子 未检出': one finding per exon it covers, none for the whole gene
            for exon in m.attrs.get("exons") or (None,):
                value = {"gene": m.value, **named, "status": status, "origin": m.attrs.get("origin"), "exon": exon}
                mention = Mention("variant", value, m.start, m.end, m.score, m.pattern + " + context status", m.repairs,
                                  m.attrs)
                out.append(replace(item, mention=mention))
        return out

    def _biomarker_only(self, variant: Mention, kind: str) -> bool:
        return kind in self.biomarker_only_kinds and variant.value["gene"] in self.status_only_excluded

    def _gene_speak(self, gene: Mention) -> bool:
        """'ERBB2 None detected' or 'HER2 未检测到突变' is about the gene; 'HER2 阴性' is an IHC result."""
        notes = " ".join(gene.attrs.get("context", [])).lower()
        return gene.attrs.get("via") != "curated" or any(w in notes for w in self.mutation_words)

    # ------------------------------------------------------------ other fields

    def _unread_biomarker(self, mention: Mention) -> str | None:
        """Why a biomarker reading is no result of this report to read, else None: quoted in the clinical
        information ('HER2(3+)' from another report), marked as an earlier or outside test's ('HER2：3+（既往外院）'),
        given for the in-situ component ('导管原位癌成分：HER2(3+)') or for a control slide ('HER2 3+（对照）'),
        doubted or failed ('HER2 3+（染色失败）', 'PD-L1 TPS 60% (invalid)'),
        a range of scores rather than one ('HER2（1+~2+）', 'TPS 50%以下'), or a score given for a few cells only
        ('HER2（3+，约5%）')."""
        if not mention.field.startswith("biomarkers."):
            return None
        said = f"{mention.field} {mention.value}"
        if mention.attrs.get("section") in self.quoted_sections:
            return f"{said} is quoted in the {mention.attrs['section']} section, not a result of this report; not read"
        if mention.attrs.get("earlier"):
            return (f"{said} is marked '{mention.attrs['earlier']}' (an earlier or outside test), not a result of this "
                    "report; not read")
        if mention.attrs.get("in_situ"):
            return (f"{said} is given for the in-situ component ('{mention.attrs['in_situ']}'), not the invasive "
                    "carcinoma that ASCO/CAP scores; not read")
        if mention.attrs.get("control"):
            return (f"{said} is given for a control ('{mention.attrs['control']}'), the assay's check, not the "
                    "patient's tumour; not read")
        if mention.attrs.get("doubt"):
            return (f"{said} is given with '{mention.attrs['doubt']}': its test failed or the report doubts it; not "
                    "read (a person reads it)")
        if mention.attrs.get("score_share"):
            return (f"{said} is given as '{mention.attrs['score_share']}', a stain in 10 % of the tumour cells or "
                    "fewer (or focal), which ASCO/CAP does not score as such; not read (a person reads it)")
        if mention.attrs.get("score_range"):
            # the value a bound reads as ('<50%' -> 0) is no score of the report's: name only the field
            return (f"{mention.field} is given as '{mention.attrs['score_range']}', a range of scores rather than "
                    "one; not read (a person reads it)")
        return None

    def _fields(self, scored: list[_Scored], findings: dict[str, Any], warnings: list[str]) -> dict[str, Evidence]:
        by_field: dict[str, list[_Scored]] = {}
        for item in scored:
            if item.mention.field in _SKIP_FIELDS:
                continue
            unread = self._unread_biomarker(item.mention)
            if unread is not None:
                warnings.append(unread)
                continue
            by_field.setdefault(item.mention.field, []).append(item)
        evidence: dict[str, Evidence] = {}
        winners: dict[str, _Scored] = {}
        for field, items in by_field.items():
            best, value = _primary_site(scored, items) if field == "primary_site" else _best(items)
            rivals = _note_conflicts(field, value, best, items, warnings, self.conflict_min_ratio)
            if rivals and field.startswith(self.rival_fields):
                # the decision layer weighs them as it weighs another report's reading ('HER2 3+' and '1+')
                findings.setdefault("rival_values", {})[field] = rivals
            value = any(bool(s.mention.value) for s in items) if field == "critical" else value
            _set_path(findings, field, value)
            if "upper" in best.mention.attrs:
                # a score given as a range or a floor ('TPS 1-49%', 'TPS ≥1%'): the value is its bottom
                _set_path(findings, f"{field}_upper", best.mention.attrs["upper"])
            winners[field] = best
            found = best.evidence
            if found is not None:
                evidence[field] = found
        provisional = _provisional_stage(winners)
        if provisional is not None:
            _set_path(findings, "staging.stage_provisional", True)
            if provisional.evidence is not None:
                evidence["staging.stage_provisional"] = provisional.evidence
        return evidence


@dataclass(frozen=True)
class _GermlineOrigin:
    """The origin a germline test's title gives the changes its rows give none, and the words that gave it."""

    words: StatusWords

    @classmethod
    def of(cls, test: GermlineTest | None, words: WordIndex) -> _GermlineOrigin | None:
        title = words.evidence_for(test.start, test.end) if test is not None else None
        if test is None or title is None:
            return None
        return cls(StatusWords(page=title.page, bbox=title.bbox, text=title.text, confidence=title.confidence,
                               how=test.how(words.doc.text)))

    def applied(self, variant: Variant) -> Variant:
        evidence = variant.evidence.model_copy(update={"origin_words": self.words}) if variant.evidence else None
        return variant.model_copy(update={"origin": "germline", "evidence": evidence})


def ocr_summary(doc: ParsedDocument) -> OcrSummary:
    """The document's OCR summary: engine, pages, mean confidence, units, density, fallbacks."""
    pages = len(doc.pages)
    chars = len("".join(doc.text.split()))
    return OcrSummary(
        engine=doc.engine, pages=pages, mean_confidence=round(doc.mean_confidence, 4), units=doc.units,
        chars_per_page=round(chars / pages, 1) if pages else 0.0, fallbacks=list(doc.fallbacks),
    )


def _variant_key(value: dict[str, Any]) -> tuple[str, str, str | None, int | None]:
    # a gene's results per exon ('KRAS exon 2 / 3 / 4 未检出') are separate findings: each covers its exon only
    exon = value.get("exon") if value["alteration"] == "mutation" else None
    return value["gene"], value["alteration"], value.get("partner"), exon


def _best_per_variant(found: list[_Scored], warnings: list[str], ratio: float) -> list[_Scored]:
    groups: dict[tuple, list[_Scored]] = {}
    for item in found:
        groups.setdefault(_variant_key(item.mention.value), []).append(item)
    chosen = []
    for key, items in groups.items():
        best = max(items, key=lambda s: (s.rank, s.confidence))
        statuses = {s.mention.value.get("status") for s in items if s.rank >= best.rank and s.confidence >= best.confidence * ratio}
        merged = _merged(best, items)
        if len(statuses) > 1:
            # One report reading a variant both ways at comparable confidence ('IDH1 R132H' named as a
            # stain, then 'is negative') is not proof of either: a person must read it.
            warnings.append(f"conflicting status for {key[0]} {key[1]}: {', '.join(sorted(map(str, statuses)))}; "
                            f"set {INDETERMINATE}")
            merged = _with_status(merged, INDETERMINATE)
        chosen.append(merged)
    return sorted(chosen, key=lambda s: s.mention.start)


def _merged(best: _Scored, items: list[_Scored]) -> _Scored:
    """Fill fields the best reading lacks (VAF, exon, cDNA) from other readings with the same status;
    a reading that agrees also lifts the confidence to the most confident agreeing one."""
    value = dict(best.mention.value)
    confidence = best.confidence
    for other in items:
        if other.mention.value.get("status") != value.get("status"):
            continue
        confidence = max(confidence, other.confidence)
        for key, val in other.mention.value.items():
            value.setdefault(key, val)
    return replace(best, mention=replace(best.mention, value=value), confidence=confidence)


def _with_status(item: _Scored, status: str) -> _Scored:
    return replace(item, mention=replace(item.mention, value={**item.mention.value, "status": status}))


def _doubt_unworded_positives(chosen: list[_Scored], warnings: list[str]) -> list[_Scored]:
    """A change no words gave a status ('detected' by default) in a report whose results say the whole gene has
    no mutation, in a section ranked as high: 'EGFR L858R突变患者可从EGFR-TKI治疗中获益' (an explanation) beside
    '检测结果：未检测到EGFR基因突变'. The negative was dropped as being about the gene's other exons, and the
    explanation's L858R approved gefitinib. The report does not say the change is present: indeterminate. A
    negative of the gene's other changes ('EGFR 其他位点 未检测到突变') weighs nothing here, nor does one in a
    gene the report names a change of in words ('检测到EGFR E746_A750del'): that negative is about the rest."""
    negatives = {(s.mention.value["gene"], s.rank) for s in chosen
                 if s.mention.value["alteration"] == "mutation" and s.mention.value.get("exon") is None
                 and s.mention.value.get("status") == "not_detected" and not s.mention.attrs.get("other_changes")}
    worded = {s.mention.value["gene"] for s in chosen if s.mention.value.get("status") == "detected"
              and not s.mention.attrs.get("status_default") and s.mention.value["alteration"] != "mutation"}
    out = []
    for item in chosen:
        value = item.mention.value
        if (value.get("status") == "detected" and item.mention.attrs.get("status_default")
                and value["alteration"] != "mutation" and value["gene"] not in worded
                and any(gene == value["gene"] and rank >= item.rank for gene, rank in negatives)):
            warnings.append(f"{value['gene']} {value['alteration']} is named with no status words and the report "
                            f"says no {value['gene']} mutation was detected; set {INDETERMINATE}")
            item = _with_status(item, INDETERMINATE)
        out.append(item)
    return out


def _drop_generic(chosen: list[_Scored]) -> list[_Scored]:
    """Less specific readings of a variant already read: 'EGFR 突变' next to 'EGFR L858R', and
    'EGFR 19号外显子缺失' next to 'EGFR p.E746_A750del' (exon 19), with the same status."""
    values = [s.mention.value for s in chosen]
    return [s for s in chosen if not any(_subsumes(other, s.mention.value) for other in values if other is not s.mention.value)]


_EXON_EVENT_KINDS = {"exon_del": {"deletion", "delins"}, "exon_ins": {"insertion", "duplication", "delins"},
                     "exon_dup": {"duplication", "insertion"}}


def _subsumes(specific: dict[str, Any], generic: dict[str, Any]) -> bool:
    if specific["gene"] != generic["gene"]:
        return False
    if _negative_part_of_positive_gene(specific, generic):
        return True
    if specific.get("status") != generic.get("status"):
        return False
    if generic["alteration"] == "mutation":
        # an exon's result says no more than a change in that exon does ('KRAS exon 3 未检出' beside 'G12C 未检出')
        return specific["alteration"] != "mutation" and generic.get("exon") in (None, specific.get("exon"))
    if generic["alteration"] == "fusion" and not generic.get("partner"):
        return specific["alteration"] == "fusion" and bool(specific.get("partner"))  # "ALK 融合" = "EML4-ALK"
    kinds = _EXON_EVENT_KINDS.get(generic["kind"])
    return bool(kinds) and specific["kind"] in kinds and specific.get("exon") == generic.get("exon")


def _negative_part_of_positive_gene(specific: dict[str, Any], generic: dict[str, Any]) -> bool:
    """'KRAS 3号外显子 未检测到突变' beside 'KRAS G12V 突变': the negative is about the other exons
    of a gene with a detected variant, not a finding that the gene is wild-type (which would
    contradict the positive, e.g. for RAS wild-type eligibility)."""
    return (generic["alteration"] == "mutation" and generic.get("status") == "not_detected"
            and specific.get("status") == "detected" and specific["alteration"] != "mutation")


class _VariantSpans:
    """Is a gene token part of a variant already read (its gene or fusion partner)? O(log n) per token."""

    _NEAREST = 8  # variant spans are short and local: only the few starting just before can cover

    def __init__(self, found: list[_Scored]) -> None:
        self.spans = sorted((v.mention.start, v.mention.end, v.mention.value["gene"], v.mention.value.get("partner")) for v in found)
        self.starts = [s[0] for s in self.spans]

    def covers(self, gene: Mention) -> bool:
        i = bisect.bisect_right(self.starts, gene.start)
        return any(gene.value in (g, p) and gene.end <= e for _, e, g, p in self.spans[max(0, i - self._NEAREST):i])


def _best(items: list[_Scored]) -> tuple[_Scored, Any]:
    """(best mention, its value): the trusted section first, then a settled reading before one the report
    gives as not yet established ('IV期（待排）' beside '病理分期：IVA期'), then the confidence."""
    best = max(items, key=lambda s: (s.rank, not _is_provisional(s), s.confidence))
    return best, best.mention.value


def _is_provisional(item: _Scored) -> bool:
    return staging.PROVISIONAL in item.mention.attrs.get("context", ())


def _primary_site(scored: list[_Scored], sites: list[_Scored]) -> tuple[_Scored, str]:
    """(evidence mention, site): the site staging inference also takes (``histology.site_vote``),
    shown by its best mention, or by the histology that implies it where no organ word names it
    ('urothelial carcinoma' in a cystoprostatectomy that names only the prostate). Called only where
    some organ word names a primary: a histology alone never makes a primary-site finding."""
    site = histology.site_vote(s.mention for s in scored)
    named = [s for s in sites if s.mention.value == site]
    # The organ's own words before the resection that named it ('radical hysterectomy': cervix).
    backing = [s for s in named if not s.mention.attrs.get("resection")] or named or [
        s for s in scored if s.mention.field == "histology" and s.mention.attrs.get("site_hint") == site
    ]
    if site is None or not backing:  # the vote always has a mention behind it; never crash if not
        return _best(sites)
    return _best(backing)[0], str(site)


def _note_conflicts(field: str, value: Any, best: _Scored, items: list[_Scored], warnings: list[str],
                    ratio: float) -> list[Any]:
    """The other values read for ``field`` in a section as trusted and almost as confidently (a warning names
    them), each once."""
    rivals: dict[str, Any] = {}
    for s in items:
        if s.mention.value != value and s.rank >= best.rank and s.confidence >= best.confidence * ratio:
            rivals.setdefault(repr(s.mention.value), s.mention.value)
    if not rivals or field == "critical":
        return []
    warnings.append(f"conflicting values for {field}: kept {value!r}, also read {', '.join(sorted(rivals))}")
    return [rivals[key] for key in sorted(rivals)]


def _provisional_stage(winners: dict[str, _Scored]) -> _Scored | None:
    """The reading that makes the report's stage provisional ('IV期（待排）'): the stage group read,
    or, where none was, a T, N or M read from a run given as not yet established."""
    fields = ("staging.stage",) if "staging.stage" in winners else ("staging.t", "staging.n", "staging.m")
    return next((winners[f] for f in fields if f in winners and _is_provisional(winners[f])), None)


def _set_path(target: dict[str, Any], path: str, value: Any) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        nxt = target.get(key)
        if not isinstance(nxt, dict):
            nxt = {}
            target[key] = nxt
        target = nxt
    target[keys[-1]] = value


def _validated(findings: dict[str, Any], warnings: list[str]) -> DocumentFindings:
    """Validate; a value the contract refuses is dropped with a warning, never crashes extraction."""
    for _ in range(20):
        try:
            return DocumentFindings.model_validate(findings)
        except ValidationError as exc:
            for error in exc.errors():
                loc = [str(p) for p in error["loc"]]
                warnings.append(f"dropped {'.'.join(loc)}: {error['msg']}")
                _drop_path(findings, error["loc"])
            findings["warnings"] = warnings
    return DocumentFindings.model_validate(findings)


def _drop_path(target: Any, loc: tuple) -> None:
    for key in loc[:-1]:
        if (isinstance(target, dict) and key in target) or (
            isinstance(target, list) and isinstance(key, int) and key < len(target)
        ):
            target = target[key]
        else:
            return
    last = loc[-1] if loc else None
    if isinstance(target, dict):
        target.pop(last, None)
    elif isinstance(target, list) and isinstance(last, int) and last < len(target):
        target.pop(last)
