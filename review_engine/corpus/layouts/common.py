"""Pieces every layout shares: the document context, patient block, dates, stage and variant wording."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from review_engine.corpus import vocab
from review_engine.corpus.case import Case, Patient, Stage, VariantFact
from review_engine.corpus.layout import Cell, Fields, Seg, cell
from review_engine.domain import DocumentFindings, OcrSummary, PatientFindings, ReportInfo, Variant


@dataclass
class DocContext:
    """One document being written: the case, who it names, its language, dates and choices."""

    case: Case
    doc_id: str
    kind: str
    rng: random.Random
    patient: Patient
    report_date: dt.date
    show_stage: bool = False
    choices: dict = field(default_factory=dict)
    specimen: str | None = None
    """the genetic report's specimen kind where the scenario fixes it (scenarios.yaml ``specimen``), else drawn"""

    @property
    def lang(self) -> str:
        return self.case.language

    @property
    def words(self) -> dict:
        return vocab.wording(self.lang)

    def pick(self, key: str, options: list):
        """One choice per document and key, so a report words the same thing the same way throughout."""
        if key not in self.choices:
            self.choices[key] = self.rng.choice(options)
        return self.choices[key]

    def label(self, key: str) -> str:
        text = self.pick("label." + key, self.words["labels"][key])
        return text + ("：" if self.lang == "zh" else ": ")

    def section(self, key: str) -> str:
        return self.pick("section." + key, self.words["sections"][key])

    def date(self, d: dt.date) -> str:
        return d.strftime(self.pick("date_format", self.words["date_formats"]))


def new_gold(ctx: DocContext, kind: str) -> DocumentFindings:
    p = ctx.patient
    return DocumentFindings(
        doc_id=ctx.doc_id, kind=kind, language=ctx.lang,
        ocr=OcrSummary(engine="gold", pages=1, mean_confidence=1.0),
        patient=PatientFindings(name=p.name, id=p.hospital_id, sex=p.sex, age=p.age),
        report=ReportInfo(date=ctx.report_date.isoformat()),
    )


def patient_fields(ctx: DocContext, extra: list[tuple[str, Cell]], columns: int = 3) -> Fields:
    p, w = ctx.patient, ctx.words
    age = ctx.pick("age_format", w["age"]).format(age=p.age)
    pairs = [
        (ctx.label("name"), cell(Seg(p.name, "PATIENT_NAME"))),
        (ctx.label("sex"), cell(Seg(w["sex"][p.sex], "PATIENT_SEX"))),
        (ctx.label("age"), cell(Seg(age, "PATIENT_AGE"))),
        (ctx.label("patient_id"), cell(Seg(p.hospital_id, "PATIENT_ID"))),
    ]
    return Fields(pairs + extra, columns=columns)


def report_date_field(ctx: DocContext) -> tuple[str, Cell]:
    return ctx.label("report_date"), cell(Seg(ctx.date(ctx.report_date), "REPORT_DATE"))


def sample_id(ctx: DocContext, prefix: str) -> str:
    return f"{prefix}{ctx.report_date.year % 100:02d}{ctx.rng.randint(10000, 99999)}"


def roman(ctx: DocContext, stage: str) -> str:
    """A stage group as printed: 'IIIA', 'ⅢA' (full-width roman numerals are common in Chinese reports)."""
    style = ctx.pick("roman", ["ascii", "unicode"] if ctx.lang == "zh" else ["ascii"])
    table = vocab.load("wording")["roman_styles"][style]
    m = re.match(r"(IV|III|II|I)(.*)", stage)
    return table[m.group(1)] + m.group(2) if m else stage


def stage_segments(ctx: DocContext, stage: Stage, with_m: bool = True) -> list[Seg]:
    """TNM and stage group segments, e.g. 'pT2aN1M0（ⅡB期）'."""
    tnm = tnm_text(ctx, stage, with_m)
    group = stage_group_segments(ctx, stage.group)
    if ctx.lang == "zh":
        return [Seg(tnm, "TNM")] + ([] if group[0].text.startswith("（") else [Seg("，")]) + group
    return [Seg(tnm, "TNM"), Seg(", ")] + group


def stage_group_segments(ctx: DocContext, group: str) -> list[Seg]:
    """'ⅡB期' as printed, with only the stage group itself labelled STAGE."""
    before, _, after = ctx.pick("stage_fmt", ctx.words["stage"]).partition("{roman}")
    return [s for s in (Seg(before), Seg(roman(ctx, group), "STAGE"), Seg(after)) if s.text]


def tnm_text(ctx: DocContext, stage: Stage, with_m: bool = True) -> str:
    fmt = ctx.pick("tnm_fmt", ctx.words["tnm_prefixed"])
    m_opt = f"M{stage.m[1:]}" if with_m else ""
    if not with_m:
        fmt = fmt.replace(" M{m}", "{m_opt}").replace("M{m}", "{m_opt}")
    return fmt.format(p=stage.prefix, t=stage.t[1:], n=stage.n[1:], m=stage.m[1:], m_opt=m_opt)


def diagnosis_cell(ctx: DocContext, with_stage: bool) -> Cell:
    c = ctx.case.cancer[ctx.lang]
    sep = "" if ctx.lang == "zh" else " "
    segs: list[Seg | str] = [Seg(c["dx_site"], "SITE"), sep, Seg(c["dx_hist"], "HISTOLOGY")]
    if with_stage:
        segs += [" "] + stage_segments(ctx, ctx.case.stage)
    return cell(*segs)


def set_diagnosis_gold(ctx: DocContext, gold: DocumentFindings, with_stage: bool) -> None:
    cancer = ctx.case.cancer
    hist = ctx.case.cancer[ctx.lang]["dx_hist"]
    gold.histology = vocab.load("cancers")["histology_canonical"].get(hist, cancer["histology"])
    gold.primary_site = cancer["site"]
    if with_stage:
        set_stage_gold(gold, ctx.case.stage, with_m=True)


def set_stage_gold(gold: DocumentFindings, stage: Stage, with_m: bool) -> None:
    gold.staging.prefix = stage.prefix
    gold.staging.t, gold.staging.n = stage.t, stage.n
    gold.staging.m = stage.m if with_m else None
    gold.staging.stage = stage.group
    gold.staging.edition = "AJCC8"


# ------------------------------------------------------------------ variant wording


def one_letter(hgvs_p: str) -> str:
    """p.Leu858Arg -> p.L858R; p.Gln1756ProfsTer74 -> p.Q1756Pfs*74."""
    table = vocab.load("variants")["amino_acids"]
    return re.sub("|".join(sorted(table, key=len, reverse=True)), lambda m: table[m.group(0)], hgvs_p)


def protein_text(ctx: DocContext, hgvs_p: str) -> str:
    style = ctx.pick("protein_style", ["one", "one", "three", "bare", "paren"])
    if style == "three":
        return hgvs_p
    if style == "paren":
        return "p.(" + hgvs_p[2:] + ")"
    short = one_letter(hgvs_p)
    return short[2:] if style == "bare" else short


def vaf_text(ctx: DocContext, vaf: float) -> tuple[str, float]:
    """The printed allele fraction and the fraction it means (gold uses the printed precision)."""
    style = ctx.pick("vaf_style", ["pct1", "pct2", "pct1", "fraction"])
    if style == "fraction":
        value = round(vaf, 3)
        return f"{value:.3f}", value
    digits = 1 if style == "pct1" else 2
    pct = round(vaf * 100, digits)
    return f"{pct:.{digits}f}%", round(pct / 100, digits + 2)


def exon_text(ctx: DocContext, n: int) -> str:
    return ctx.pick("exon_fmt", ctx.words["exon"]).format(n=n)


@dataclass
class VariantView:
    """How one variant is printed in a results row, and the gold it supports."""

    gene: Cell
    change: Cell
    cdna: Cell
    protein: Cell
    exon: Cell
    amount: Cell
    kind_word: str
    gold: Variant


def variant_view(ctx: DocContext, fact: VariantFact, status_cue: str | None = None) -> VariantView:
    d = fact.data()
    gold = Variant(gene=d["gene"], alteration=d["alteration"], kind=d.get("kind", "snv"), status=fact.status,
                   origin=fact.origin, exon=d.get("exon"))
    cdna, protein, change = _change_cells(ctx, d, gold)
    amount: Cell = ()
    if d.get("kind") == "cnv" and d["alteration"] == "amplification":
        amount = cell(Seg(f"CN={fact.copy_number}", "COPY_NUMBER"))
        gold.copy_number = fact.copy_number
    elif fact.vaf is not None and d.get("kind") != "cnv":
        text, value = vaf_text(ctx, fact.vaf)
        amount, gold.vaf = cell(Seg(text, "VAF")), value
    exon = cell(Seg(str(d["exon"]), "EXON")) if d.get("exon") and d.get("kind") != "fusion" else ()
    return VariantView(cell(Seg(gene_name(ctx, d["gene"]), "GENE")), change, cdna, protein, exon, amount, _kind_word(ctx, d), gold)


_PLACEHOLDER = re.compile(r"(\{\w+\})")


def template_cell(template: str, segs: dict[str, Seg]) -> Cell:
    """A cell from a wording template: each '{name}' becomes the labelled segment ``segs[name]``, so the
    word order lives in the wording data ("{gene} {alteration} {cue}。") and the labels stay on the words."""
    return cell(*(segs[part[1:-1]] if _PLACEHOLDER.fullmatch(part) else part for part in _PLACEHOLDER.split(template)))


def gene_name(ctx: DocContext, gene: str) -> str:
    """The gene as this report names it: the HGNC symbol, or (in some labs' style) a common alias."""
    aliases = vocab.load("variants")["gene_aliases"].get(gene)
    if aliases and ctx.pick("use_aliases", [False, False, True]):
        return ctx.pick(f"alias.{gene}", aliases)
    return gene


def _change_cells(ctx: DocContext, d: dict, gold: Variant) -> tuple[Cell, Cell, Cell]:
    """(cDNA cell, protein cell, combined change cell) for one alteration, in this document's style."""
    w = ctx.words
    kind = d.get("kind")
    if kind == "fusion":
        fmt = ctx.rng.choice(w["fusion"])
        text = fmt.format(gene=d["gene"], partner=d["partner"], pexon=d["partner_exon"], gexon=d["gene_exon"])
        gold.partner = d["partner"]
        c = cell(Seg(text, "FUSION"))
        return (), c, c
    if kind == "cnv":
        word = ctx.pick("cnv_word." + d["alteration"], w[d["alteration"]]).split("{cn}")[0]
        word = word.format(gene=d["gene"]).replace(d["gene"], "").strip(" ，,(（") or d["alteration"]
        c = cell(Seg(word, "COPY_NUMBER"))
        return (), c, c
    if "hgvs_p" not in d:  # exon-level event only
        c = cell(Seg(ctx.rng.choice(w["exon_event"][d["alteration"]]), "EXON_EVENT"))
        if d.get("hgvs_c"):
            gold.hgvs_c = d["hgvs_c"]
            return cell(Seg(d["hgvs_c"], "CDNA_CHANGE")), c, cell(Seg(d["hgvs_c"], "CDNA_CHANGE"), " ", *c)
        return (), c, c
    return _hgvs_cells(ctx, d, gold)


def _hgvs_cells(ctx: DocContext, d: dict, gold: Variant) -> tuple[Cell, Cell, Cell]:
    cdna = cell(Seg(d["hgvs_c"], "CDNA_CHANGE"))
    gold.hgvs_c = d["hgvs_c"]
    if d.get("hotspot") and ctx.rng.random() < 0.12:  # cDNA only, with exon: a hotspot pair the engine can map
        exon = exon_text(ctx, d["exon"])
        both = cell(Seg(d["hgvs_c"], "CDNA_CHANGE"), "（" if ctx.lang == "zh" else " (", Seg(exon, "EXON"), "）" if ctx.lang == "zh" else ")")
        return cdna, (), both
    ptext = protein_text(ctx, d["hgvs_p"])
    gold.hgvs_p = d["hgvs_p"]
    protein = cell(Seg(ptext, "PROTEIN_CHANGE"))
    if d.get("exon_event") and ctx.rng.random() < 0.3:
        event = ctx.rng.choice(ctx.words["exon_event"][d["exon_event"]])
        return cdna, protein, cell(Seg(event, "EXON_EVENT"), " ", *protein)
    if ctx.pick("show_cdna", [True, True, False]):
        return cdna, protein, cell(*cdna, " ", *protein)
    return cdna, protein, protein


def _kind_word(ctx: DocContext, d: dict) -> str:
    return ctx.words["variant_kind"].get(d.get("kind", "snv"), "")
