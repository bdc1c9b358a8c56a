"""The renderer and the labels agree: spans point at their text, a text-layer PDF contains every
labelled entity, and every gold variant and stage is backed by labelled text in its document."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest

from review_engine.corpus import vocab
from review_engine.corpus.layouts.common import one_letter

LABELS = {"GENE", "PROTEIN_CHANGE", "CDNA_CHANGE", "EXON_EVENT", "EXON", "FUSION", "COPY_NUMBER", "STATUS_CUE", "VAF",
          "TNM", "STAGE", "HISTOLOGY", "SITE", "BIOMARKER", "BIOMARKER_VALUE", "PATIENT_NAME", "PATIENT_ID",
          "PATIENT_SEX", "PATIENT_AGE", "REPORT_DATE", "SPECIMEN", "METHOD", "PCR_TARGET", "CRITICAL"}
ROMAN = str.maketrans({"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV"})


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_corpus_spans_point_at_their_text(span_records):
    assert span_records
    for rec in span_records:
        for span in rec["spans"]:
            assert rec["text"][span["start"]:span["end"]] == span["text"], (rec["doc_id"], span)
            assert span["label"] in LABELS


def test_corpus_text_layer_holds_every_labelled_entity(small_corpus, span_records):
    text_pdfs = [r for r in span_records if r["format"] == "pdf_text"]
    assert text_pdfs, "the small corpus should hold text-layer PDFs"
    for rec in text_pdfs:
        with pdfplumber.open(small_corpus / rec["file"]) as pdf:
            extracted = _squash("".join(page.extract_text() or "" for page in pdf.pages))
        missing = [s["text"] for s in rec["spans"] if _squash(s["text"]) not in extracted]
        assert missing == [], rec["file"]


def test_corpus_txt_files_are_the_rendered_text(small_corpus, span_records):
    for rec in (r for r in span_records if r["format"] == "txt"):
        assert (small_corpus / rec["file"]).read_text(encoding="utf-8") == rec["text"]


def _gold_by_doc(small_corpus: Path) -> dict[str, dict]:
    out = {}
    for gold_path in small_corpus.glob("*/*/gold.json"):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for doc_id, findings in gold["findings"].items():
            out[f"{gold_path.parent.name}/{doc_id}"] = findings
    return out


def _supports(variant: dict, spans: list[dict]) -> bool:
    texts = {s["label"]: set() for s in spans}
    for s in spans:
        texts[s["label"]].add(s["text"])
    gene, alt = variant["gene"], variant["alteration"]
    if variant["kind"] == "fusion":
        return any(variant["partner"] in t and gene in t for t in texts.get("FUSION", ()))
    names = {gene, *vocab.load("variants")["gene_aliases"].get(gene, [])}
    gene_ok = bool(names & texts.get("GENE", set())) or any(gene in t for t in texts.get("PCR_TARGET", ()))
    if variant["kind"] == "cnv":
        return gene_ok and bool(texts.get("COPY_NUMBER"))
    proteins = {one_letter(t).removeprefix("p.").strip("()") for t in texts.get("PROTEIN_CHANGE", ())}
    alt_ok = (
        alt in proteins
        or (variant.get("hgvs_c") and variant["hgvs_c"] in texts.get("CDNA_CHANGE", ()))
        or (alt.startswith("exon") and bool(texts.get("EXON_EVENT") or texts.get("PCR_TARGET")))
        or any(alt in t for t in texts.get("PCR_TARGET", ()))
        or (alt == "mutation" and variant["status"] == "not_detected")
    )
    return gene_ok and bool(alt_ok)


def test_corpus_gold_variants_and_stages_are_backed_by_labelled_text(small_corpus, span_records):
    gold = _gold_by_doc(small_corpus)
    checked = 0
    for rec in span_records:
        findings = gold[rec["doc_id"]]
        for variant in findings["variants"]:
            assert _supports(variant, rec["spans"]), (rec["doc_id"], variant["gene"], variant["alteration"])
            checked += 1
        staging = findings["staging"]
        if staging["stage"]:
            tnm = " ".join(s["text"] for s in rec["spans"] if s["label"] == "TNM")
            stages = {s["text"].translate(ROMAN) for s in rec["spans"] if s["label"] == "STAGE"}
            assert staging["t"] in tnm and staging["n"] in tnm, rec["doc_id"]
            assert any(staging["stage"] in s for s in stages), (rec["doc_id"], staging["stage"], stages)
    assert checked > 10


@pytest.mark.parametrize("field", ["PATIENT_NAME", "PATIENT_ID", "REPORT_DATE"])
def test_corpus_every_readable_document_names_patient_and_date(span_records, field):
    assert all(any(s["label"] == field for s in r["spans"]) for r in span_records)
