"""IHC / FISH predictive-marker reports: PD-L1, HER2 (IHC + FISH), ER/PR/Ki-67, MMR proteins."""

from __future__ import annotations

from collections.abc import Callable

from review_engine.corpus import vocab
from review_engine.corpus.case import Profile
from review_engine.corpus.layout import (
    Cell,
    Heading,
    Paragraph,
    Report,
    Seg,
    Signature,
    Table,
    Title,
    cell,
)
from review_engine.corpus.layouts.common import (
    DocContext,
    diagnosis_cell,
    new_gold,
    patient_fields,
    report_date_field,
    sample_id,
    set_diagnosis_gold,
)
from review_engine.domain import DocumentFindings, ReceptorStatus


def build_ihc(ctx: DocContext, profile: Profile) -> tuple[Report, DocumentFindings]:
    names = vocab.load("names")[ctx.lang]
    hospital = ctx.case.hospital
    dept = "病理科" if ctx.lang == "zh" else "Department of Pathology"
    report = Report(ctx.lang, hospital, dept, footer=hospital, page_label="{i}/{n}", seal_text=hospital,
                    seal_label="病理诊断专用章" if ctx.lang == "zh" else "PATHOLOGY")
    report.add(Title(ctx.pick("title", ctx.words["titles"]["ihc"])))
    report.add(patient_fields(ctx, [
        (ctx.label("sample_id"), cell(sample_id(ctx, "IH"))),
        (ctx.label("department"), cell(ctx.case.department)),
        (ctx.label("diagnosis"), diagnosis_cell(ctx, with_stage=False)),
        report_date_field(ctx),
    ]))
    gold = new_gold(ctx, "pathology_report")
    gold.report.method = "IHC"
    set_diagnosis_gold(ctx, gold, with_stage=False)
    rows: list[list[Cell]] = []
    for marker in ctx.case.cancer["ihc_markers"]:
        rows += _MARKER_ROWS[marker](ctx, profile, gold)
    header = ctx.words["phrases"]["ihc_header"]
    report.add(Heading(ctx.section("ihc")), Table(header, rows, emphasis=True))
    if profile.her2_fish and "her2" in ctx.case.cancer["ihc_markers"]:
        _fish(ctx, report, profile, gold)
    report.add(Signature([f"{ctx.words['signatures'][2]}{'：' if ctx.lang == 'zh' else ': '}{ctx.rng.choice(names['doctors'])}"]))
    return report, gold


def _pdl1(ctx: DocContext, profile: Profile, gold: DocumentFindings) -> list[list[Cell]]:
    tps = profile.pdl1_tps if profile.pdl1_tps is not None else 0.0
    text = f"TPS {'约' if ctx.lang == 'zh' else ''}{tps:g}%" if ctx.rng.random() < 0.7 else f"{'肿瘤细胞阳性比例分数' if ctx.lang == 'zh' else 'Tumor Proportion Score'} {tps:g}%"
    gold.biomarkers.pdl1.tps, gold.biomarkers.pdl1.clone = tps, profile.pdl1_clone
    return [[cell(Seg("PD-L1", "BIOMARKER")), cell(Seg(profile.pdl1_clone, "BIOMARKER_VALUE")), cell(Seg(text, "BIOMARKER_VALUE"))]]


def _pdl1_cps(ctx: DocContext, profile: Profile, gold: DocumentFindings) -> list[list[Cell]]:
    cps = profile.pdl1_cps if profile.pdl1_cps is not None else 1.0
    gold.biomarkers.pdl1.cps, gold.biomarkers.pdl1.clone = cps, profile.pdl1_clone
    return [[cell(Seg("PD-L1", "BIOMARKER")), cell(Seg(profile.pdl1_clone, "BIOMARKER_VALUE")), cell(Seg(f"CPS={cps:g}", "BIOMARKER_VALUE"))]]


MarkerRows = Callable[[DocContext, Profile, DocumentFindings], list[list[Cell]]]


def _receptor(name: str, clone: str, attr: str) -> MarkerRows:
    """Rows for ER or PR: percent of stained nuclei and the status it means (1-10 % is low positive)."""
    def rows(ctx: DocContext, profile: Profile, gold: DocumentFindings) -> list[list[Cell]]:
        pct = getattr(profile, attr)
        status = "negative" if pct < 1 else ("low_positive" if pct <= 10 else "positive")
        word = ctx.words["receptor"][status][0]
        text = f"{word}（{pct:g}%）" if ctx.lang == "zh" else f"{word} ({pct:g}%)"
        setattr(gold.biomarkers, attr, ReceptorStatus(status=status, percent=pct))
        return [[cell(Seg(name, "BIOMARKER")), cell(clone), cell(Seg(text, "BIOMARKER_VALUE"))]]
    return rows


def _ki67(ctx: DocContext, profile: Profile, gold: DocumentFindings) -> list[list[Cell]]:
    gold.biomarkers.ki67 = profile.ki67
    text = f"{'约' if ctx.lang == 'zh' else ''}{profile.ki67:g}%{'+' if ctx.lang == 'zh' else ''}"
    return [[cell(Seg("Ki-67", "BIOMARKER")), cell("MIB-1"), cell(Seg(text, "BIOMARKER_VALUE"))]]


def _her2(ctx: DocContext, profile: Profile, gold: DocumentFindings) -> list[list[Cell]]:
    score = profile.her2_ihc or "0"
    text = ctx.rng.choice(ctx.words["her2_ihc"][score])
    gold.biomarkers.her2.ihc = score  # type: ignore[assignment]
    return [[cell(Seg("HER2", "BIOMARKER")), cell("4B5"), cell(Seg(text, "BIOMARKER_VALUE"))]]


def _mmr(ctx: DocContext, profile: Profile, gold: DocumentFindings) -> list[list[Cell]]:
    lost = {"dMMR": ctx.rng.choice([["MLH1", "PMS2"], ["MSH2", "MSH6"]])}.get(profile.mmr, [])
    rows = []
    for protein in ["MLH1", "MSH2", "MSH6", "PMS2"]:
        neg = protein in lost
        word = ("表达缺失（-）" if neg else "完整表达（+）") if ctx.lang == "zh" else ("Loss of expression" if neg else "Retained")
        rows.append([cell(Seg(protein, "BIOMARKER")), cell("-"), cell(Seg(word, "BIOMARKER_VALUE"))])
    gold.biomarkers.mmr = profile.mmr  # type: ignore[assignment]
    return rows


_MARKER_ROWS = {
    "pdl1": _pdl1, "pdl1_cps": _pdl1_cps, "her2": _her2, "ki67": _ki67, "mmr": _mmr,
    "er": _receptor("ER", "SP1", "er"), "pr": _receptor("PR", "1E2", "pr"),
}


def _fish(ctx: DocContext, report: Report, profile: Profile, gold: DocumentFindings) -> None:
    amplified = profile.her2_fish == "amplified"
    ratio = ctx.rng.uniform(2.2, 5.5) if amplified else ctx.rng.uniform(1.0, 1.7)
    copies = ratio * ctx.rng.uniform(1.8, 2.4)
    verdict = ctx.rng.choice(ctx.words["fish"][profile.her2_fish])
    ph = ctx.words["phrases"]
    segs = [ph["fish_ratio"], Seg(f"{ratio:.2f}", "BIOMARKER_VALUE"), ph["fish_copies"], Seg(f"{copies:.1f}", "BIOMARKER_VALUE"),
            ph["fish_result"], Seg(verdict, "BIOMARKER_VALUE"), ph["fish_end"]]
    heading = ph["fish_heading"]
    report.add(Heading(heading), Paragraph(cell(*segs)))
    gold.biomarkers.her2.fish = profile.her2_fish  # type: ignore[assignment]
