"""Pathology reports: surgical resection with pTNM (zh/en narrative), biopsy without stage, CAP-style synoptic."""

from __future__ import annotations

from review_engine.corpus import vocab
from review_engine.corpus.layout import (
    Cell,
    Fields,
    Heading,
    Paragraph,
    Report,
    Seg,
    Signature,
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
    set_stage_gold,
    stage_group_segments,
    tnm_text,
)
from review_engine.domain import DocumentFindings


def _header(ctx: DocContext, kind: str) -> tuple[Report, DocumentFindings]:
    hospital = ctx.case.hospital
    dept = "病理科" if ctx.lang == "zh" else "Department of Pathology and Laboratory Medicine"
    report = Report(ctx.lang, hospital, dept, footer=hospital, page_label="{i}/{n}", seal_text=hospital,
                    seal_label="病理诊断专用章" if ctx.lang == "zh" else "PATHOLOGY")
    report.add(Title(ctx.pick("title", ctx.words["titles"][kind])))
    gold = new_gold(ctx, "pathology_report")
    return report, gold


def _histology(ctx: DocContext) -> tuple[str, str, str]:
    """(site text, histology text, canonical histology) for this document."""
    c = ctx.case.cancer
    site = ctx.pick("site", c[ctx.lang]["site"])
    hist = ctx.pick("hist", c[ctx.lang]["histology"])
    canonical = vocab.load("cancers")["histology_canonical"].get(hist, c["histology"])
    return site, hist, canonical


def _nodes(ctx: DocContext) -> str:
    n = ctx.case.stage.n
    lo, hi = vocab.load("tnm_categories")["node_counts"].get(n[1:2] or "0", (0, 0))
    pos = ctx.rng.randint(lo, hi)
    tot = max(pos + ctx.rng.randint(3, 14), 6)
    return ctx.rng.choice(ctx.words["lymph_nodes"]).format(pos=pos, tot=tot)


def _ihc_line(ctx: DocContext, gold: DocumentFindings) -> Cell:
    """The diagnostic IHC line; its Ki-67 index is a biomarker the report states, so it is gold too."""
    key = "ihc_markers_lung" if ctx.case.cancer["site"] == "lung" else "ihc_markers_generic"
    ki = int(ctx.case.profile.ki67 or 20)
    gold.biomarkers.ki67 = float(ki)
    sep = "，" if ctx.lang == "zh" else "; "
    parts: list[Seg | str] = []
    for i, marker in enumerate(ctx.words[key]):
        if i:
            parts.append(sep)
        text = marker.format(ki=ki)
        if text.startswith("Ki-67"):
            parts += [Seg("Ki-67", "BIOMARKER"), Seg(text[len("Ki-67"):], "BIOMARKER_VALUE")]
        else:
            parts.append(text)
    return cell(*parts)


def _signature(ctx: DocContext, report: Report) -> None:
    names = vocab.load("names")[ctx.lang]["doctors"]
    roles = ctx.words["signatures"]
    sep = "：" if ctx.lang == "zh" else ": "
    a, b = ctx.rng.sample(names, 2)
    report.add(Signature([f"{roles[2]}{sep}{a}", f"{roles[3]}{sep}{b}"]))


def build_surgical(ctx: DocContext) -> tuple[Report, DocumentFindings]:
    """Resection report: gross, microscopy, diagnosis with size, nodes, margins and the pTNM stage."""
    report, gold = _header(ctx, "surgical")
    report.add(patient_fields(ctx, [
        (ctx.label("sample_id"), cell(sample_id(ctx, "S"))),
        (ctx.label("department"), cell(ctx.case.department)),
        report_date_field(ctx),
    ]))
    site, hist, canonical = _histology(ctx)
    a, b, c = (round(ctx.rng.uniform(0.8, 6.5), 1) for _ in range(3))
    organ = ctx.case.cancer["resection"]["zh"] if ctx.lang == "zh" else ctx.case.cancer["site"]
    report.add(Heading(ctx.section("gross")), Paragraph(cell(ctx.rng.choice(ctx.words["gross_text"]).format(organ=organ, site=site, a=a, b=b, c=c))))
    stage = ctx.case.stage
    with_m = ctx.rng.random() < 0.6
    tnm = tnm_text(ctx, stage, with_m)
    group = stage_group_segments(ctx, stage.group)
    report.add(Heading(ctx.section("diagnosis")))
    if ctx.lang == "zh":
        report.add(Paragraph(cell("（", Seg(site, "SITE"), "）", Seg(hist, "HISTOLOGY"), f"，肿瘤大小{a}×{b}×{c}cm；", _nodes(ctx), "；切缘未见癌。")))
        report.add(Paragraph(cell("病理分期（AJCC第8版）：", Seg(tnm, "TNM"), "，", *group, "。")))
    else:
        report.add(Paragraph(cell(Seg(site[:1].upper() + site[1:], "SITE"), ", resection: ", Seg(hist, "HISTOLOGY"), f", {a} cm in greatest dimension.")))
        report.add(Paragraph(cell(_nodes(ctx) + ". Surgical margins negative for carcinoma.")))
        report.add(Paragraph(cell("Pathologic stage (AJCC 8th edition): ", Seg(tnm, "TNM"), ", ", *group, ".")))
    report.add(Heading(ctx.section("ihc")), Paragraph(_ihc_line(ctx, gold)))
    _signature(ctx, report)
    gold.histology, gold.primary_site = canonical, ctx.case.cancer["site"]
    set_stage_gold(gold, stage, with_m)
    return report, gold


def build_biopsy(ctx: DocContext, clinical_stage: bool) -> tuple[Report, DocumentFindings]:
    """Biopsy: histology and site, no pathological stage; the request's clinical diagnosis may give cTNM."""
    report, gold = _header(ctx, "biopsy")
    report.add(patient_fields(ctx, [
        (ctx.label("sample_id"), cell(sample_id(ctx, "B"))),
        (ctx.label("department"), cell(ctx.case.department)),
        ("临床诊断：" if ctx.lang == "zh" else "Clinical Diagnosis: ", diagnosis_cell(ctx, with_stage=clinical_stage)),
        report_date_field(ctx),
    ], columns=2))
    site, hist, canonical = _histology(ctx)
    fmt = ctx.rng.choice(ctx.words["biopsy_note"])
    before, rest = fmt.split("{site}")
    middle, after = rest.split("{histology}")
    site_text = site if ctx.lang == "zh" else site[:1].upper() + site[1:]
    a = round(ctx.rng.uniform(0.3, 0.8), 1)
    gross = ctx.rng.choice(ctx.words["biopsy_gross"]).format(site=site, n=ctx.rng.randint(2, 5), a=a, b=round(a + ctx.rng.uniform(0.3, 1.0), 1))
    report.add(Heading(ctx.section("gross")), Paragraph(cell(gross)))
    report.add(Heading(ctx.section("micro")), Paragraph(cell(ctx.rng.choice(ctx.words["biopsy_micro"]))))
    report.add(Heading(ctx.section("diagnosis")), Paragraph(cell(before, Seg(site_text, "SITE"), middle, Seg(hist, "HISTOLOGY"), after)))
    report.add(Heading(ctx.section("ihc")), Paragraph(_ihc_line(ctx, gold)))
    _signature(ctx, report)
    set_diagnosis_gold(ctx, gold, with_stage=clinical_stage)
    gold.histology = canonical
    return report, gold


def build_synoptic(ctx: DocContext) -> tuple[Report, DocumentFindings]:
    """English CAP-style synoptic resection report (one 'Element: value' per line)."""
    report, gold = _header(ctx, "surgical")
    report.add(patient_fields(ctx, [(ctx.label("sample_id"), cell(sample_id(ctx, "SP"))), report_date_field(ctx)]))
    site, hist, canonical = _histology(ctx)
    st = ctx.case.stage
    with_m = ctx.rng.random() < 0.5
    procedure = ctx.case.cancer["resection"]["en"]
    lines = [
        ("Procedure: ", cell(procedure)),
        ("Tumor Site: ", cell(Seg(site, "SITE"))),
        ("Histologic Type: ", cell(Seg(hist, "HISTOLOGY"))),
        ("Histologic Grade: ", cell(ctx.rng.choice(["G1, well differentiated", "G2, moderately differentiated", "G3, poorly differentiated"]))),
        ("Tumor Size: ", cell(f"{round(ctx.rng.uniform(0.8, 6.0), 1)} cm")),
        ("Margins: ", cell("Negative for invasive carcinoma")),
        ("Regional Lymph Nodes: ", cell(_nodes(ctx))),
        ("Primary Tumor (pT): ", cell(Seg(f"p{st.t}", "TNM"))),
        ("Regional Lymph Nodes (pN): ", cell(Seg(f"p{st.n}", "TNM"))),
    ]
    if with_m:
        lines.append(("Distant Metastasis (M): ", cell(Seg(f"c{st.m}" if st.m == "M0" else f"p{st.m}", "TNM"))))
    lines.append(("AJCC Stage Group (8th edition): ", cell(Seg(st.group, "STAGE"))))
    ph = ctx.words["phrases"]
    report.add(Heading(ph["synoptic_heading"]), Fields(lines, columns=1))
    report.add(Heading(ph["synoptic_comment"]), Paragraph(cell(ph["synoptic_ihc"], *_ihc_line(ctx, gold), ".")))
    _signature(ctx, report)
    gold.histology, gold.primary_site = canonical, ctx.case.cancer["site"]
    set_stage_gold(gold, st, with_m)
    return report, gold
