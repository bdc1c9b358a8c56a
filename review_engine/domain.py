"""The contract's shapes (CONTRACT.md sections 2-4) as pydantic models.

Everything in the library stands on these types; this module imports nothing of ours.
A parsed document is a typed tree ``ParsedDocument > Page > Line > Word`` where every
word keeps its page, box and confidence and its character offsets into
``ParsedDocument.text``, so any span the NLP layer finds maps back to boxes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

BBox = tuple[float, float, float, float]
"""x0, y0, x1, y1 with the origin at the page's top-left, in the page's ``units``."""

DocumentKind = Literal["genetic_report", "pathology_report", "imaging_report", "other", "auto"]
Decision = Literal["approve", "route_mdt", "flag"]
Risk = Literal["low", "medium", "high"]
Priority = Literal["urgent", "normal"]
VariantStatus = Literal["detected", "not_detected", "vus", "indeterminate"]
TestMethod = Literal["PCR", "NGS", "IHC", "FISH", "WES", "WGS", "MSI-PCR", "other"]
Setting = Literal["adjuvant", "neoadjuvant", "first_line", "later_line", "maintenance"]

DIRECT_TEXT_ENGINES = frozenset({"text", "pdf_text_layer"})
"""Values of ``ParsedDocument.engine`` (joined by '+') that read the file's own text, not pixels."""

DECISION_SEVERITY: dict[str, int] = {"approve": 0, "route_mdt": 1, "flag": 2}
DECISION_RISK: dict[str, str] = {"approve": "low", "route_mdt": "medium", "flag": "high"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


# ---------------------------------------------------------------- parsed document


class Word(_Model):
    text: str
    bbox: BBox
    confidence: float = Field(ge=0.0, le=1.0)
    page: int = Field(ge=1, description="1-based page number")
    start: int = Field(ge=0, description="offset of the word in ParsedDocument.text")
    end: int = Field(ge=0)


class Line(_Model):
    text: str
    bbox: BBox
    words: list[Word]
    confidence: float = Field(ge=0.0, le=1.0)


class Page(_Model):
    number: int = Field(ge=1)
    width: float
    height: float
    units: Literal["px", "pt"] = "px"
    source: Literal["text_layer", "ocr", "text"] = "ocr"
    dpi: float | None = Field(default=None, description="dpi the page was rendered at, for OCR'd pages")
    rotation: int = Field(default=0, description="degrees the page was turned before OCR")
    skew: float = Field(default=0.0, description="degrees of deskew applied before OCR")
    lines: list[Line] = Field(default_factory=list)

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]


class ParsedDocument(_Model):
    """One file after OCR or text-layer extraction."""

    path: str
    doc_id: str = ""
    media_type: str
    engine: str = Field(description="rapidocr, tesseract, pdf_text_layer, text, or a mix joined by '+'")
    pages: list[Page]
    text: str = Field(description="lines joined by '\\n', pages joined by '\\f'")
    warnings: list[str] = Field(default_factory=list)
    fallbacks: list[str] = Field(default_factory=list, description="logged downgrades, e.g. text layer -> OCR")

    @property
    def words(self) -> list[Word]:
        return [w for page in self.pages for w in page.words]

    @property
    def units(self) -> str:
        units = {p.units for p in self.pages}
        return units.pop() if len(units) == 1 else "mixed"

    @property
    def mean_confidence(self) -> float:
        words = self.words
        if not words:
            return 0.0
        total = sum(len(w.text) for w in words) or 1
        return sum(w.confidence * len(w.text) for w in words) / total

    def words_in(self, start: int, end: int) -> list[Word]:
        """The words overlapping the character span ``[start, end)`` of ``text``."""
        return [w for w in self.words if w.start < end and w.end > start]

    def evidence_for(self, start: int, end: int) -> Evidence | None:
        """Evidence (page, union box, text, confidence) for a character span of ``text``.

        A span that crosses pages keeps the first page's part: evidence boxes are per page.
        """
        words = self.words_in(start, end)
        if not words:
            return None
        page = words[0].page
        words = [w for w in words if w.page == page]
        box = (
            min(w.bbox[0] for w in words),
            min(w.bbox[1] for w in words),
            max(w.bbox[2] for w in words),
            max(w.bbox[3] for w in words),
        )
        return Evidence(
            page=page,
            bbox=[round(v, 1) for v in box],
            text=self.text[start:end],
            confidence=round(min(w.confidence for w in words), 4),
        )


# ---------------------------------------------------------------- findings


class StatusWords(_Model):
    """The words that decided a variant's status (a ConText trigger, a table cell, a status slot, a section
    header, or the words after a change left 'detected'), with the OCR confidence they were read at."""

    page: int
    bbox: list[float] = Field(min_length=4, max_length=4)
    text: str
    confidence: float = Field(ge=0.0, le=1.0, description="OCR confidence of the least certain word, lowered "
                              "where a run before a positive word looks dropped (see notes)")
    how: str = Field(description="what read them as the status")
    notes: list[str] = Field(default_factory=list, description="why the confidence was lowered")


class Evidence(_Model):
    doc_id: str | None = None
    page: int
    bbox: list[float] = Field(min_length=4, max_length=4)
    text: str
    confidence: float = Field(ge=0.0, le=1.0)
    repairs: list[str] = Field(default_factory=list, description="OCR repairs applied to read this text")
    source: str | None = Field(default=None, description="recognizer/pattern or model that produced it")
    status_words: StatusWords | None = Field(default=None, description="a variant's status words; the confidence "
                                             "above is no higher than theirs, unless another reading of the variant "
                                             "with the same status was more certain")
    origin_words: StatusWords | None = Field(default=None, description="the words that gave a variant its origin "
                                             "where they stand apart from it: a germline test's title "
                                             "('胚系基因检测报告') for a change its row gives no origin")


# Variant.method of a change read by a mutation-specific immunostain (a method name of vocabulary.yaml)
METHOD_IHC = "IHC"


class Variant(_Model):
    gene: str
    alteration: str
    kind: str = "snv"
    hgvs_p: str | None = None
    hgvs_c: str | None = None
    exon: int | None = None
    partner: str | None = None
    vaf: float | None = None
    copy_number: float | None = None
    status: VariantStatus = "detected"
    origin: Literal["somatic", "germline"] | None = None
    tier: str | None = None
    method: str | None = Field(
        default=None, description="the assay that read it where the report ties it to one other than its test as a "
                                  "whole: 'IHC' for a mutation-specific immunostain ('BRAF V600E（VE1）（+）')")
    evidence: Evidence | None = None


class Pdl1(_Model):
    tps: float | None = None
    cps: float | None = None
    clone: str | None = None
    tps_upper: float | None = Field(
        default=None, description="the top of a TPS the report gives as a range or a floor ('1-49%': 49; '≥1%': "
                                  "100); tps is then its bottom")
    cps_upper: float | None = Field(default=None, description="the same for CPS ('CPS≥10': cps 10, cps_upper 100)")


class Her2(_Model):
    ihc: Literal["0", "1+", "2+", "3+"] | None = None
    fish: Literal["amplified", "not_amplified"] | None = None


class ReceptorStatus(_Model):
    status: Literal["positive", "negative", "low_positive"] | None = None
    percent: float | None = None


class Biomarkers(_Model):
    msi: Literal["MSI-H", "MSI-L", "MSS"] | None = None
    mmr: Literal["dMMR", "pMMR"] | None = None
    tmb: float | None = None
    pdl1: Pdl1 = Field(default_factory=Pdl1)
    her2: Her2 = Field(default_factory=Her2)
    er: ReceptorStatus | None = None
    pr: ReceptorStatus | None = None
    ki67: float | None = None


class Staging(_Model):
    prefix: Literal["c", "p", "yp", "r", "yc"] | None = None
    t: str | None = None
    n: str | None = None
    m: str | None = None
    stage: str | None = None
    edition: str | None = None
    stage_derived: bool = False
    t_derived: bool = False
    n_derived: bool = False
    stage_provisional: bool = False
    """The report gives its stage as not yet established ('IV期（待排）', 'stage IIIA (pending PET-CT)')."""


class PatientFindings(_Model):
    name: str | None = None
    id: str | None = None
    sex: Literal["M", "F"] | None = None
    age: int | None = None


class ReportInfo(_Model):
    date: str | None = None
    lab: str | None = None
    method: str | None = None
    panel_size: int | None = None
    specimen: str | None = None


class OcrSummary(_Model):
    engine: str
    pages: int
    mean_confidence: float
    units: str = "px"
    chars_per_page: float | None = None
    fallbacks: list[str] = Field(default_factory=list)

    @property
    def recognised_from_pixels(self) -> bool:
        """True when some page was OCR'd: only then can text density say a page is illegible."""
        return not set(self.engine.split("+")) <= DIRECT_TEXT_ENGINES


class DocumentFindings(_Model):
    doc_id: str = ""
    kind: DocumentKind = "auto"
    language: Literal["zh", "en"] = "en"
    ocr: OcrSummary
    patient: PatientFindings = Field(default_factory=PatientFindings)
    report: ReportInfo = Field(default_factory=ReportInfo)
    variants: list[Variant] = Field(default_factory=list)
    biomarkers: Biomarkers = Field(default_factory=Biomarkers)
    staging: Staging = Field(default_factory=Staging)
    histology: str | None = None
    primary_site: str | None = None
    genes_tested: list[str] = Field(
        default_factory=list, description="genes the report says it covers (not findings)"
    )
    critical: bool = Field(default=False, description="the report uses critical/危重 wording")
    rival_values: dict[str, list[Any]] = Field(
        default_factory=dict,
        description="other values the report gives for a biomarker field or its stage group, as trusted as the "
                    "one kept, keyed by dotted path ('biomarkers.her2.ihc': ['1+'] beside a kept '3+'): the "
                    "decision layer weighs them as another report's reading",
    )
    field_evidence: dict[str, Evidence] = Field(
        default_factory=dict,
        description="evidence per non-variant field, keyed by dotted path: 'staging.t', 'biomarkers.pdl1.tps', 'patient.name'",
    )
    warnings: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------- claim (input)


class ClaimPatient(_Model):
    id: str | None = None
    name: str | None = None
    sex: Literal["M", "F"] | None = None
    birth_date: dt.date | None = None


class Diagnosis(_Model):
    icd10: list[str] = Field(default_factory=list)
    text: str | None = None


class Provider(_Model):
    id: str
    name: str | None = None


class ClaimItem(_Model):
    item_id: str
    kind: Literal["test", "drug"]
    name: str | None = None
    method: TestMethod | None = None
    genes: list[str] = Field(default_factory=list)
    panel_size: int | None = Field(default=None, ge=1)
    drug: str | None = None
    line: int | None = Field(default=None, ge=1)
    setting: Setting | None = None
    amount: float | None = None
    specimen: str | None = None
    germline: bool | None = None

    @field_validator("drug")
    @classmethod
    def _drug_lower(cls, v: str | None) -> str | None:
        return v.strip().lower() if v else v


class HistoryItem(_Model):
    item_id: str | None = None
    kind: Literal["test", "drug"]
    method: TestMethod | None = None
    genes: list[str] = Field(default_factory=list)
    panel_size: int | None = None
    drug: str | None = None
    line: int | None = None
    result_status: VariantStatus | None = None
    germline: bool | None = None
    specimen: str | None = Field(default=None, description="what the earlier test read, as a report's specimen: "
                                                           "plasma, blood, tissue ...")


class HistoryClaim(_Model):
    claim_id: str
    service_date: dt.date
    items: list[HistoryItem] = Field(default_factory=list)
    decision: Decision | Literal["pending"] | None = Field(
        default=None,
        description="the payer's decision; None = paid (payer history); 'pending' = still under review",
    )
    notes: str | None = None
    findings: list[DocumentFindings] = Field(
        default_factory=list,
        description="what the earlier claim's reports read, where the service's store holds its review: a test "
                    "item's specimen and result are taken from them where the item does not state them",
    )


class DocumentRef(_Model):
    doc_id: str
    kind: DocumentKind = "auto"
    path: str


class Claim(_Model):
    claim_id: str = Field(min_length=1)
    patient: ClaimPatient
    diagnosis: Diagnosis = Field(default_factory=Diagnosis)
    provider: Provider
    service_date: dt.date
    urgent: bool = False
    items: list[ClaimItem] = Field(min_length=1)
    documents: list[DocumentRef] = Field(default_factory=list)
    history: list[HistoryClaim] = Field(default_factory=list)

    @field_validator("documents")
    @classmethod
    def _unique_doc_ids(cls, docs: list[DocumentRef]) -> list[DocumentRef]:
        ids = [d.doc_id for d in docs]
        if len(ids) != len(set(ids)):
            raise ValueError("documents[].doc_id must be unique")
        return docs

    @field_validator("items")
    @classmethod
    def _unique_item_ids(cls, items: list[ClaimItem]) -> list[ClaimItem]:
        ids = [i.item_id for i in items]
        if len(ids) != len(set(ids)):
            raise ValueError("items[].item_id must be unique")
        return items

    @property
    def language(self) -> Literal["zh", "en"]:
        """Chinese when the claim's free text is written in Chinese, else English."""
        texts = [self.diagnosis.text or "", self.patient.name or "", self.provider.name or ""]
        texts += [i.name or "" for i in self.items]
        return "zh" if any("\u4e00" <= ch <= "\u9fff" for t in texts for ch in t) else "en"


# ---------------------------------------------------------------- review result


class Reason(_Model):
    code: str
    message: str
    rule: str | None = None
    sources: list[str] = Field(default_factory=list)
    knowledge_version: str | None = None
    conditions: list[dict] | None = Field(
        default=None, description="trace of the rule's conditions: which held, failed or were unknown"
    )


class ItemResult(_Model):
    item_id: str
    decision: Decision
    reasons: list[Reason]
    evidence: list[Evidence] = Field(default_factory=list)


class Timings(_Model):
    ocr: int = 0
    extract: int = 0
    decide: int = 0
    total: int = 0


class ReviewResult(_Model):
    claim_id: str
    decision: Decision
    risk: Risk
    priority: Priority = "normal"
    items: list[ItemResult]
    findings: list[DocumentFindings] = Field(default_factory=list)
    missing_documents: list[str] = Field(default_factory=list)
    knowledge_version: str
    engine_version: str
    timings_ms: Timings = Field(default_factory=Timings)


def most_severe(decisions: list[str]) -> Decision:
    """The claim's decision is its most severe item's (flag > route_mdt > approve).

    No items means nothing was proven, so a person must look.
    """
    if not decisions:
        return "route_mdt"
    return max(decisions, key=lambda d: DECISION_SEVERITY[d])  # type: ignore[return-value]
