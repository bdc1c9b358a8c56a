"""Genetic test reports: an NGS panel report and a single-gene PCR kit report."""

from __future__ import annotations

from review_engine.corpus import vocab
from review_engine.corpus.case import Profile, VariantFact
from review_engine.corpus.layout import (
    Cell,
    Heading,
    PageBreak,
    Paragraph,
    Report,
    Seg,
    Signature,
    Table,
    Title,
    cell,
    cell_text,
)
from review_engine.corpus.layouts.common import (
    DocContext,
    diagnosis_cell,
    gene_name,
    new_gold,
    patient_fields,
    report_date_field,
    sample_id,
    set_diagnosis_gold,
    template_cell,
    variant_view,
)
from review_engine.domain import DocumentFindings, Variant


def lab_header(ctx: DocContext) -> tuple[str, str]:
    names = vocab.load("names")[ctx.lang]
    lab = ctx.pick("lab", names["labs"])
    if ctx.lang == "zh":
        sub = f"医疗机构执业许可证号：{ctx.rng.randint(10000000, 99999999)}  电话：400-{ctx.rng.randint(100, 999)}-{ctx.rng.randint(1000, 9999)}"
    else:
        sub = f"CLIA# {ctx.rng.randint(10, 99)}D{ctx.rng.randint(1000000, 9999999)}  CAP# {ctx.rng.randint(1000000, 9999999)}"
    return lab, sub


def _sample_fields(ctx: DocContext, method: str, panel_name: str, specimen: str) -> list[tuple[str, Cell]]:
    c = ctx.case
    return [
        (ctx.label("sample_id"), cell(sample_id(ctx, "NG" if method == "NGS" else "MP"))),
        (ctx.label("hospital"), cell(c.hospital)),
        (ctx.label("doctor"), cell(c.doctor)),
        (ctx.label("diagnosis"), diagnosis_cell(ctx, with_stage=False)),
        (ctx.label("specimen"), cell(Seg(specimen, "SPECIMEN"))),
        (ctx.label("method"), cell(Seg(method, "METHOD"))),
        (ctx.label("panel"), cell(panel_name)),
        report_date_field(ctx),
    ]


def _base(ctx: DocContext, title: str, subtitle: str, method: str, panel_name: str) -> tuple[Report, DocumentFindings]:
    org, sub = lab_header(ctx)
    drawn = "plasma" if ctx.rng.random() < 0.12 else "tissue"  # drawn even where fixed: other cases keep their stream
    spec_kind = ctx.specimen or drawn
    specimen = ctx.rng.choice(ctx.words["specimen"][spec_kind])
    footer = f"{org}  {sample_id(ctx, 'R')}"
    report = Report(ctx.lang, org, sub, footer=footer, page_label=_page_label(ctx), seal_text=org,
                    seal_label="检验专用章" if ctx.lang == "zh" else "VERIFIED")
    report.add(Title(title, subtitle), patient_fields(ctx, _sample_fields(ctx, method, panel_name, specimen)))
    gold = new_gold(ctx, "genetic_report")
    gold.report.lab, gold.report.method, gold.report.specimen = org, method, spec_kind
    set_diagnosis_gold(ctx, gold, with_stage=False)
    return report, gold


def _page_label(ctx: DocContext) -> str:
    if ctx.lang == "zh":
        return ctx.pick("page_label", ["第{i}页 共{n}页", "第 {i} 页 / 共 {n} 页", "{i}/{n}"])
    return ctx.pick("page_label", ["Page {i} of {n}", "{i}/{n}", "Page {i}/{n}"])


# ------------------------------------------------------------------ NGS


def build_ngs(ctx: DocContext, profile: Profile, panel: dict, explicit_negatives: list[str]) -> tuple[Report, DocumentFindings]:
    w, lang = ctx.words, ctx.lang
    panel_name = panel[lang]
    report, gold = _base(ctx, ctx.pick("title", w["titles"]["ngs"]), panel_name, "NGS", panel_name)
    gold.report.panel_size = panel["size"]
    methods_first = ctx.rng.random() < 0.3  # the key finding then lands on page 2
    _quality(ctx, report)
    if methods_first:
        _methods(ctx, report)
        gold.genes_tested = _genes_tested(ctx, report, panel)
        report.add(PageBreak())
    views = [variant_view(ctx, v) for v in profile.variants]
    report.add(Heading(ctx.section("summary")), Paragraph(_summary(ctx, views)))
    results = _results_table(ctx, views)
    report.add(Heading(ctx.section("results")), results)
    gold.variants += [v.gold for v in views]
    gold.variants += _negatives(ctx, report, profile, panel, explicit_negatives, results)
    gold.variants += _vus(ctx, report, profile)
    _germline(ctx, report)
    _signatures(ctx, report, profile, gold)
    if not methods_first:
        gold.genes_tested = _genes_tested(ctx, report, panel)
        _methods(ctx, report)
    _sign(ctx, report)
    return report, gold


def _summary(ctx: DocContext, views) -> Cell:
    if not views:
        return cell(ctx.words["phrases"]["summary_none"])
    parts: list[Seg | str] = [ctx.words["phrases"]["summary_lead"].format(n=len(views))]
    for i, v in enumerate(views):
        if i:
            parts.append("；" if ctx.lang == "zh" else "; ")
        parts += [*v.gene, " ", *v.change]
    parts.append("。" if ctx.lang == "zh" else ".")
    return cell(*parts)


def _results_table(ctx: DocContext, views) -> Table:
    schema = ctx.pick("variant_schema", [0, 1, 2])
    header = ctx.words["columns"]["variant_table"][schema]
    tiers = ctx.words["tier"]
    rows: list[list[Cell]] = []
    for v in views:
        if schema == 0:
            rows.append([v.gene, v.change, v.exon, v.amount, cell(tiers[0] if v.gold.status == "detected" else tiers[1])])
        elif schema == 1:
            rows.append([v.gene, v.cdna or cell("-"), v.protein or v.change, v.exon, v.amount])
        else:
            rows.append([v.gene, cell(v.kind_word), v.change, v.amount])
    if not rows:
        none = ctx.words["phrases"]["none_detected"]
        rows.append([cell("-"), cell(Seg(none, "STATUS_CUE"))] + [cell("-")] * (len(header) - 2))
    return Table(header, rows, emphasis=True)


def _negatives(ctx: DocContext, report: Report, profile: Profile, panel: dict, explicit: list[str],
               table: Table) -> list[Variant]:
    """Key genes without findings, listed as not detected (gene level), plus explicit negative hotspots.

    Some labs list them in a sentence under the results table, others as rows of the table itself.
    """
    detected = profile.detected_genes() | {v.gene for v in profile.vus}
    key_genes = [g for g in ctx.case.cancer["key_genes"] if g not in detected and g in _panel_genes(panel)]
    golds = [Variant(gene=g, alteration="mutation", kind="gene", status="not_detected") for g in key_genes]
    cue = ctx.pick("nd_cue", ctx.words["not_detected"][:-1])
    if key_genes and ctx.pick("nd_as_rows", [True, False]):
        table.rows = [r for r in table.rows if cell_text(r[0]) != "-"]  # drop the "none detected" row
        for g in key_genes:
            table.rows.append([cell(Seg(gene_name(ctx, g), "GENE")), cell(Seg(cue, "STATUS_CUE"))] + [cell("-")] * (len(table.header) - 2))
    elif key_genes:
        parts: list[Seg | str] = [ctx.section("not_detected") + ("：" if ctx.lang == "zh" else ": ")]
        for i, g in enumerate(key_genes):
            if i:
                parts.append("、" if ctx.lang == "zh" else ", ")
            parts.append(Seg(gene_name(ctx, g), "GENE"))
        parts += ["（" if ctx.lang == "zh" else " (", Seg(cue, "STATUS_CUE"), "）" if ctx.lang == "zh" else ")"]
        report.add(Paragraph(cell(*parts)))
    wording = ctx.words["negative_hotspot"]
    for key in explicit:
        d = vocab.alteration(key)
        segs = {"cue": Seg(cue, "STATUS_CUE"), "gene": Seg(d["gene"], "GENE"), "alteration": Seg(d["alteration"], "PROTEIN_CHANGE")}
        report.add(Paragraph(template_cell(wording.get(cue, wording["default"]), segs)))
        golds.append(Variant(gene=d["gene"], alteration=d["alteration"], kind=d["kind"], status="not_detected"))
    return golds


def _panel_genes(panel: dict) -> list[str]:
    genes = panel.get("genes") or vocab.load("panels")["cancer_genes"]
    return list(dict.fromkeys(genes))[: panel["size"]]


def _vus(ctx: DocContext, report: Report, profile: Profile) -> list[Variant]:
    report.add(Heading(ctx.section("vus")))
    if not profile.vus:
        report.add(Paragraph(cell(ctx.words["phrases"]["none_reported"])))
        return []
    views = [variant_view(ctx, v) for v in profile.vus]
    header = ctx.words["columns"]["vus_table"][0]
    report.add(Table(header, [[v.gene, v.cdna, v.protein, v.amount] for v in views]))
    return [v.gold for v in views]


def _germline(ctx: DocContext, report: Report) -> None:
    report.add(Heading(ctx.section("germline")))
    report.add(Paragraph(cell(ctx.words["phrases"]["germline_negative"])))


def _signatures(ctx: DocContext, report: Report, profile: Profile, gold: DocumentFindings) -> None:
    w = ctx.words
    report.add(Heading(ctx.section("biomarkers")))
    msi_text = ctx.rng.choice(w["msi"][profile.msi])
    tmb_text = ctx.rng.choice(w["tmb"]).format(tmb=profile.tmb)
    header = ctx.words["phrases"]["biomarker_header"]
    report.add(Table(header, [
        [cell(Seg(ctx.pick("msi_label", w["msi_label"]), "BIOMARKER")), cell(Seg(msi_text, "BIOMARKER_VALUE"))],
        [cell(Seg(ctx.pick("tmb_label", w["tmb_label"]), "BIOMARKER")), cell(Seg(tmb_text, "BIOMARKER_VALUE"))],
    ]))
    gold.biomarkers.msi, gold.biomarkers.tmb = profile.msi, profile.tmb


def _genes_tested(ctx: DocContext, report: Report, panel: dict) -> list[str]:
    genes = _panel_genes(panel)
    shown = genes if len(genes) <= 150 else genes[:150]
    report.add(Heading(ctx.section("genes_tested")))
    if len(shown) < len(genes):
        note = f"共{panel['size']}个基因，以下为部分列表：" if ctx.lang == "zh" else f"{panel['size']} genes; partial list:"
        report.add(Paragraph(cell(note), small=True))
    parts: list[Seg | str] = []
    for i, g in enumerate(shown):
        if i:
            parts.append(" ")
        parts.append(Seg(g, "GENE"))
    report.add(Paragraph(cell(*parts), small=True))
    return shown


def _quality(ctx: DocContext, report: Report) -> None:
    values = {"tc": ctx.rng.choice([20, 30, 40, 50, 60, 70]), "dna": ctx.rng.randint(80, 900), "depth": ctx.rng.randint(600, 2400)}
    rows = [[cell(c.format(**values)) for c in row] for row in ctx.words["qc_rows"]]
    report.add(Heading(ctx.section("qc")), Table(ctx.words["qc_header"], rows))


def _methods(ctx: DocContext, report: Report) -> None:
    report.add(Heading(ctx.section("methods")))
    for text in ctx.words["methods_text"]:
        report.add(Paragraph(cell(text), small=True))


def _sign(ctx: DocContext, report: Report) -> None:
    names = vocab.load("names")[ctx.lang]["doctors"]
    roles = ctx.words["signatures"]
    a, b = ctx.rng.sample(names, 2)
    sep = "：" if ctx.lang == "zh" else ": "
    report.add(Signature([f"{roles[0]}{sep}{a}", f"{roles[1]}{sep}{b}"]))
    report.add(Paragraph(cell(ctx.rng.choice(ctx.words["disclaimer"])), small=True))


# ------------------------------------------------------------------ PCR kit


def build_pcr(ctx: DocContext, profile: Profile, kit_key: str) -> tuple[Report, DocumentFindings]:
    kit = vocab.load("panels")["pcr_kits"][kit_key]
    w, lang = ctx.words, ctx.lang
    title = ctx.pick("title", w["titles"]["pcr"]).format(gene=kit["gene"])
    method = "PCR"
    report, gold = _base(ctx, title, kit[lang], method, kit[lang])
    header = ctx.pick("pcr_cols", w["columns"]["pcr_table"])
    rows, golds = _kit_rows(ctx, kit, profile)
    report.add(Heading(ctx.section("results")), Table(header, rows, emphasis=True))
    report.add(Heading(ctx.section("comments")), Paragraph(_pcr_conclusion(ctx, kit, golds)))
    report.add(Heading(ctx.section("methods")), *[Paragraph(cell(t), small=True) for t in ctx.words["pcr_methods"]])
    gold.variants = golds
    gold.genes_tested = sorted({r.get("gene", kit["gene"]) for r in kit["rows"]})
    _sign(ctx, report)
    return report, gold


def _kit_rows(ctx: DocContext, kit: dict, profile: Profile) -> tuple[list[list[Cell]], list[Variant]]:
    pos_word = ctx.pick("pos", ctx.words["detected"])
    neg_word = ctx.pick("neg", ctx.words["not_detected"][:4])
    rows, golds, positive_genes = [], [], set()
    for row in kit["rows"]:
        hit = _kit_hit(row, profile.variants)
        label = cell(Seg(row[ctx.lang], "PCR_TARGET"))
        if hit is None:
            rows.append([label, cell(Seg(neg_word, "STATUS_CUE"))])
            continue
        d = hit.data()
        positive_genes.add(d["gene"])
        gold_alt = d["alteration"] if row["key"] in (d.get("key"), hit.key) else _row_alteration(row, d)
        detail = f"（{gold_alt}）" if ctx.lang == "zh" else f" ({gold_alt})"
        show_detail = gold_alt not in row[ctx.lang] and gold_alt not in ("exon19del", "exon20ins")
        rows.append([label, cell(Seg(pos_word, "STATUS_CUE"), Seg(detail, "PROTEIN_CHANGE") if show_detail else "")])
        golds.append(Variant(gene=d["gene"], alteration=gold_alt, kind=d.get("kind", "snv"), status="detected", origin="somatic", exon=d.get("exon")))
    golds += _kit_negatives(kit, profile, positive_genes)
    return rows, golds


def _kit_hit(row: dict, variants: list[VariantFact]) -> VariantFact | None:
    for v in variants:
        d = v.data()
        if v.key == row["key"] or (d.get("exon_event") and row["key"] == f"{d['gene']}_{d['exon_event']}"):
            return v
        if row["key"] == "EGFR_G719X" and d["alteration"].startswith("G719"):
            return v
        if row["key"].endswith(f"_exon{d.get('exon')}") and row.get("gene") == d["gene"]:
            return v
    return None


def _row_alteration(row: dict, d: dict) -> str:
    if row["key"] == "EGFR_G719X":
        return "G719X"
    if row["key"].endswith(("exon19del", "exon20ins")):
        return row["key"].split("_", 1)[1]
    return d["alteration"]


def _kit_negatives(kit: dict, profile: Profile, positive_genes: set[str]) -> list[Variant]:
    """Negative rows as gold: the specific alteration a row names, or gene level for a gene with no positive row."""
    mapped = vocab.load("panels")["kit_row_alterations"]
    golds, seen = [], set()
    for row in kit["rows"]:
        if _kit_hit(row, profile.variants) is not None:
            continue
        d = mapped.get(row["key"]) or vocab.alteration(row["key"])
        if d["alteration"] == "mutation" and d["gene"] in positive_genes:
            continue  # "KRAS exon 3 negative" next to a KRAS exon 2 positive is no gene-level negative
        key = (d["gene"], d["alteration"])
        if key not in seen:
            seen.add(key)
            golds.append(Variant(gene=d["gene"], alteration=d["alteration"], kind=d.get("kind", "gene"), status="not_detected"))
    return golds


def _pcr_conclusion(ctx: DocContext, kit: dict, golds: list[Variant]) -> Cell:
    hits = [g for g in golds if g.status == "detected"]
    if not hits:
        fmt = ctx.rng.choice(ctx.words["not_detected_sentence"])
        before, _, after = fmt.partition("{gene}")
        return cell(before, Seg(kit["gene"], "GENE"), after)
    parts: list[Seg | str] = ["检测到" if ctx.lang == "zh" else "Detected: "]
    for i, g in enumerate(hits):
        if i:
            parts.append("、" if ctx.lang == "zh" else ", ")
        events = ctx.words["exon_event"]
        if g.alteration in events:  # labs write the event out ("19号外显子缺失突变"), never the canonical token
            change = Seg(ctx.rng.choice(events[g.alteration]), "EXON_EVENT")
        else:
            change = Seg(g.alteration, "PROTEIN_CHANGE")
        parts += [Seg(g.gene, "GENE"), "基因" if ctx.lang == "zh" else " ", change]
    parts.append("突变。" if ctx.lang == "zh" else " mutation.")
    return cell(*parts)
