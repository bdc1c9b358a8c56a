"""Hand-built claims and findings (no OCR) and the scenario table the review tests walk through.

Builders make contract objects directly; ``SCENARIOS`` lists one claim per rule family and outcome,
each run in Chinese and English (messages follow ``Claim.language``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from review_engine.domain import Claim, DocumentFindings

DX = {
    "nsclc_iva": {"zh": "右肺上叶腺癌 IVA期（cT3N2M1a）", "en": "Right upper lobe lung adenocarcinoma, stage IVA (cT3 N2 M1a)"},
    "nsclc_iiib": {"zh": "左肺腺癌 IIIB期（cT4N2M0）", "en": "Left lung adenocarcinoma, stage IIIB (cT4 N2 M0)"},
    "nsclc_local": {"zh": "右肺腺癌 局部晚期", "en": "Right lung adenocarcinoma, locally advanced"},
    "nsclc_ia1_resected": {"zh": "右肺腺癌 IA1期 根治术后", "en": "Right lung adenocarcinoma stage IA1, after resection"},
    "nsclc_ib_resected": {"zh": "右肺腺癌 IB期 根治术后", "en": "Right lung adenocarcinoma stage IB, after resection"},
    "nsclc_nostage": {"zh": "右肺腺癌", "en": "Right lung adenocarcinoma"},
    "nsclc_progressed": {"zh": "右肺腺癌 IVA期 吉非替尼治疗后进展", "en": "Lung adenocarcinoma stage IVA, progression on gefitinib"},
    "breast_met": {"zh": "左乳浸润性导管癌 IV期 转移性", "en": "Left breast invasive ductal carcinoma, stage IV, metastatic"},
    "breast_early": {"zh": "左乳浸润性导管癌 IIA期 术后", "en": "Left breast invasive ductal carcinoma stage IIA, after resection"},
    "breast_new_primary": {"zh": "右乳浸润性导管癌 IV期 对侧新发原发", "en": "Right breast invasive ductal carcinoma stage IV, contralateral new primary"},
    "crc_met": {"zh": "乙状结肠腺癌 IVA期 肝转移", "en": "Sigmoid colon adenocarcinoma stage IVA, metastatic to liver"},
    "none": {"zh": "体检", "en": "health check"},
}
ICD = {"nsclc": ["C34.1"], "breast": ["C50.9"], "crc": ["C18.7"], "none": []}
NAMES = {"zh": "张伟", "en": "Zhang Wei"}


def ev(text: str, confidence: float = 0.97, page: int = 1) -> dict:
    return {"page": page, "bbox": [100, 200, 900, 240], "text": text, "confidence": confidence}


def variant(gene: str, alteration: str, status: str = "detected", confidence: float = 0.97, **extra: Any) -> dict:
    kind = "fusion" if alteration == "fusion" else extra.pop("kind", "snv")
    return {"gene": gene, "alteration": alteration, "status": status, "kind": kind,
            "evidence": ev(f"{gene} {alteration} {status}", confidence), **extra}


def genetic(*variants: dict, doc_id: str = "d1", genes_tested: tuple = (), confidence: float = 0.95,
            method: str = "PCR", **extra: Any) -> DocumentFindings:
    data = {"doc_id": doc_id, "kind": "genetic_report",
            "ocr": {"engine": "rapidocr", "pages": 1, "mean_confidence": confidence, "chars_per_page": 900},
            "patient": {"id": "P001"}, "report": {"method": method},
            "variants": list(variants), "genes_tested": list(genes_tested)}
    data.update(extra)
    return DocumentFindings.model_validate(data)


def pathology(histology: str | None = "adenocarcinoma", site: str | None = "lung", stage: str | None = None,
              doc_id: str = "d2", confidence: float = 0.97, **extra: Any) -> DocumentFindings:
    field_evidence = {"histology": ev(histology or "", confidence)}
    if stage:
        field_evidence["staging.stage"] = ev(stage, confidence)
    if site:
        field_evidence["primary_site"] = ev(site, confidence)
    data = {"doc_id": doc_id, "kind": "pathology_report",
            "ocr": {"engine": "rapidocr", "pages": 1, "mean_confidence": 0.95, "chars_per_page": 700},
            "patient": {"id": "P001"}, "histology": histology, "primary_site": site,
            "staging": {"stage": stage}, "field_evidence": field_evidence}
    her2 = extra.get("biomarkers", {}).get("her2", {})
    for key, value in her2.items():
        field_evidence[f"biomarkers.her2.{key}"] = ev(f"HER2 {value}", confidence)
    for key, value in extra.items():
        if key == "field_evidence":
            data["field_evidence"].update(value)
        else:
            data[key] = value
    return DocumentFindings.model_validate(data)


def drug(name: str, line: int | None = 1, setting: str | None = None, item_id: str = "1") -> dict:
    return {"item_id": item_id, "kind": "drug", "drug": name, "line": line, "setting": setting}


def lab_test(genes: list[str], method: str = "PCR", item_id: str = "1", **extra: Any) -> dict:
    return {"item_id": item_id, "kind": "test", "method": method, "genes": genes, **extra}


def claim(items: list[dict], lang: str = "zh", dx: str = "nsclc_iva", icd: str | list[str] = "nsclc",
          history: list[dict] | None = None, urgent: bool = False, service_date: str = "2026-10-01",
          documents: list[tuple[str, str]] | None = None) -> Claim:
    names = {"zh": {"drug": "靶向药", "test": "基因检测"}, "en": {"drug": "targeted drug", "test": "gene test"}}
    items = [{"name": names[lang][i["kind"]], **i} if "name" not in i else i for i in items]
    return Claim.model_validate({
        "claim_id": "C-TEST", "patient": {"id": "P001", "name": NAMES[lang]},
        "diagnosis": {"icd10": ICD[icd] if isinstance(icd, str) else icd, "text": DX[dx][lang]}, "provider": {"id": "H1"},
        "service_date": service_date, "urgent": urgent, "items": items,
        "documents": [{"doc_id": d, "kind": k, "path": f"{d}.pdf"} for d, k in documents or []],
        "history": history or []})


def history_test(genes: list[str], method: str, date: str, decision: str = "approve", result_status: str | None = None,
                 germline: bool | None = None, notes: str | None = None, specimen: str | None = None,
                 findings: tuple[DocumentFindings, ...] = ()) -> dict:
    return {"claim_id": "C-OLD", "service_date": date, "decision": decision, "notes": notes,
            "items": [{"kind": "test", "method": method, "genes": genes, "result_status": result_status,
                       "germline": germline, "specimen": specimen}],
            "findings": [f.model_dump(mode="json") for f in findings]}


def history_drug(name: str, date: str = "2026-01-10", line: int = 1) -> dict:
    return {"claim_id": "C-DRUG", "service_date": date, "decision": "approve",
            "items": [{"kind": "drug", "drug": name, "line": line}]}


@dataclass
class Scenario:
    """One claim walked through decide(): what is claimed, what the documents say, what must come out."""

    id: str
    items: list[dict]
    findings: list[DocumentFindings]
    decision: str
    code: str
    claim_args: dict = field(default_factory=dict)
    unreadable: dict = field(default_factory=dict)

    def claim(self, lang: str) -> Claim:
        """The claim lists exactly the documents that have findings or are unreadable."""
        docs = [(f.doc_id, f.kind) for f in self.findings]
        docs += [(d, "genetic_report") for d in self.unreadable]
        return claim(self.items, lang=lang, documents=docs, **self.claim_args)


L858R = variant("EGFR", "L858R", exon=21)
EX19 = variant("EGFR", "exon19del", kind="indel", exon=19)
T790M = variant("EGFR", "T790M", exon=20)
ALK = variant("ALK", "fusion", partner="EML4")
PATH = pathology()

SCENARIOS = [
    # ---------------------------------------------------------------- EGFR drugs (POLICY 4)
    Scenario("osimertinib-1L-L858R-approve", [drug("osimertinib")], [genetic(L858R), PATH], "approve", "INDICATED"),
    Scenario("osimertinib-1L-ex19del-locally-advanced", [drug("osimertinib")], [genetic(EX19), PATH], "approve",
             "INDICATED", {"dx": "nsclc_local"}),
    Scenario("osimertinib-egfr-not-detected-flag", [drug("osimertinib")],
             [genetic(variant("EGFR", "mutation", "not_detected")), PATH], "flag", "BIOMARKER_NEGATIVE"),
    Scenario("osimertinib-no-genetic-report-route", [drug("osimertinib")], [PATH], "route_mdt", "BIOMARKER_MISSING"),
    Scenario("osimertinib-vus-only-route", [drug("osimertinib")], [genetic(variant("EGFR", "A289V", "vus")), PATH],
             "route_mdt", "BIOMARKER_MISSING"),
    Scenario("osimertinib-vus-in-tested-panel-route", [drug("osimertinib")],
             [genetic(variant("EGFR", "F309D", "vus"), variant("ALK", "mutation", "not_detected"),
                      genes_tested=("EGFR", "ALK")), PATH], "route_mdt", "BIOMARKER_MISSING"),
    Scenario("osimertinib-adjuvant-IA1-flag", [drug("osimertinib", line=None, setting="adjuvant")], [genetic(L858R), PATH],
             "flag", "STAGE_NOT_ELIGIBLE", {"dx": "nsclc_ia1_resected"}),
    Scenario("osimertinib-adjuvant-IB-approve", [drug("osimertinib", line=None, setting="adjuvant")],
             [genetic(L858R), PATH], "approve", "INDICATED", {"dx": "nsclc_ib_resected"}),
    Scenario("osimertinib-stage-unknown-route", [drug("osimertinib")], [genetic(L858R), PATH], "route_mdt",
             "STAGE_MISSING", {"dx": "nsclc_nostage"}),
    Scenario("osimertinib-T790M-after-gefitinib-approve", [drug("osimertinib", line=2)],
             [genetic(EX19, T790M), PATH], "approve", "INDICATED",
             {"dx": "nsclc_progressed", "history": [history_drug("gefitinib")]}),
    Scenario("osimertinib-2L-T790M-not-detected-flag", [drug("osimertinib", line=2)],
             [genetic(EX19, variant("EGFR", "T790M", "not_detected")), PATH], "flag", "BIOMARKER_NEGATIVE",
             {"history": [history_drug("gefitinib")]}),
    Scenario("osimertinib-2L-only-pretreatment-report-route", [drug("osimertinib", line=2)],
             [genetic(EX19, genes_tested=("EGFR",)), PATH], "route_mdt", "BIOMARKER_MISSING",
             {"history": [history_drug("gefitinib")]}),
    Scenario("osimertinib-small-cell-flag", [drug("osimertinib")], [genetic(L858R), pathology("small cell carcinoma")],
             "flag", "HISTOLOGY_NOT_ELIGIBLE"),
    Scenario("osimertinib-low-confidence-route", [drug("osimertinib")],
             [genetic(variant("EGFR", "L858R", confidence=0.41)), PATH], "route_mdt", "LOW_CONFIDENCE"),
    Scenario("osimertinib-pcr-vs-ngs-conflict-route", [drug("osimertinib")],
             [genetic(L858R), PATH, genetic(variant("EGFR", "mutation", "not_detected"), doc_id="d3", method="NGS")],
             "route_mdt", "CONFLICTING_FINDINGS"),
    Scenario("osimertinib-unreadable-report-route", [drug("osimertinib")], [PATH], "route_mdt", "DOCUMENT_UNREADABLE",
             unreadable={"d1": "file is corrupt or unreadable"}),
    Scenario("gefitinib-L858R-approve", [drug("gefitinib", line=None)], [genetic(L858R), PATH], "approve", "INDICATED"),
    Scenario("gefitinib-wild-type-flag", [drug("gefitinib", line=None)], [genetic(genes_tested=("EGFR",)), PATH],
             "flag", "BIOMARKER_NEGATIVE"),
    Scenario("dacomitinib-second-line-flag", [drug("dacomitinib", line=2)], [genetic(L858R), PATH], "flag",
             "LINE_NOT_ELIGIBLE"),
    Scenario("aumolertinib-U-rule-negative-routes", [drug("aumolertinib")],
             [genetic(variant("EGFR", "mutation", "not_detected")), PATH], "route_mdt", "BIOMARKER_NEGATIVE"),
    Scenario("osimertinib-histology-subtype-is-no-conflict", [drug("osimertinib")],
             [genetic(L858R, histology="adenocarcinoma"), pathology("mucinous adenocarcinoma")], "approve", "INDICATED"),
    Scenario("osimertinib-histology-contradiction-route", [drug("osimertinib")],
             [genetic(L858R, histology="adenocarcinoma"), pathology("squamous cell carcinoma")], "route_mdt",
             "CONFLICTING_FINDINGS"),
    Scenario("osimertinib-report-stage-contradicts-claim-route", [drug("osimertinib")],
             [genetic(L858R), pathology(stage="IB")], "route_mdt", "CONFLICTING_FINDINGS"),
    Scenario("osimertinib-before-nrdl-2025-in-force-no-rule", [drug("osimertinib")], [genetic(L858R), PATH],
             "route_mdt", "NO_RULE", {"service_date": "2025-06-01"}),
    Scenario("amivantamab-us-label-rule-before-nrdl-date-approve", [drug("amivantamab")], [genetic(L858R), PATH],
             "approve", "INDICATED", {"service_date": "2025-06-01"}),
    # ---------------------------------------------------------------- ALK / ROS1 drugs
    Scenario("alectinib-ALK-fusion-approve", [drug("alectinib")], [genetic(ALK), PATH], "approve", "INDICATED"),
    Scenario("alectinib-ALK-negative-flag", [drug("alectinib")], [genetic(variant("ALK", "fusion", "not_detected")), PATH],
             "flag", "BIOMARKER_NEGATIVE"),
    Scenario("crizotinib-ROS1-approve", [drug("crizotinib")], [genetic(variant("ROS1", "fusion", partner="CD74")), PATH],
             "approve", "INDICATED"),
    Scenario("crizotinib-IIIB-ALK-approve", [drug("crizotinib")], [genetic(ALK), PATH], "approve", "INDICATED",
             {"dx": "nsclc_iiib"}),
    # ---------------------------------------------------------------- HER2 / breast, RAS / colorectal
    Scenario("trastuzumab-HER2-3+-metastatic-approve", [drug("trastuzumab")],
             [pathology("invasive ductal carcinoma", "breast", biomarkers={"her2": {"ihc": "3+"}})], "approve", "INDICATED",
             {"dx": "breast_met", "icd": "breast"}),
    Scenario("trastuzumab-HER2-1+-flag", [drug("trastuzumab")],
             [pathology("invasive ductal carcinoma", "breast", biomarkers={"her2": {"ihc": "1+"}})], "flag",
             "BIOMARKER_NEGATIVE", {"dx": "breast_met", "icd": "breast"}),
    Scenario("trastuzumab-HER2-2+-no-ISH-route", [drug("trastuzumab")],
             [pathology("invasive ductal carcinoma", "breast", biomarkers={"her2": {"ihc": "2+"}})], "route_mdt",
             "BIOMARKER_MISSING", {"dx": "breast_met", "icd": "breast"}),
    Scenario("trastuzumab-early-past-12-months-flag", [drug("trastuzumab", line=None, setting="adjuvant")],
             [pathology("invasive ductal carcinoma", "breast", biomarkers={"her2": {"ihc": "3+"}})], "flag",
             "LINE_NOT_ELIGIBLE", {"dx": "breast_early", "icd": "breast",
                                   "history": [history_drug("trastuzumab", date="2025-06-01")]}),
    Scenario("cetuximab-RAS-wild-type-approve", [drug("cetuximab")],
             [genetic(variant("KRAS", "mutation", "not_detected"), variant("NRAS", "mutation", "not_detected")),
              pathology("adenocarcinoma", "colorectum")], "approve", "INDICATED", {"dx": "crc_met", "icd": "crc"}),
    # extended RAS (GUIDELINE_FACTS 1.4): negatives of single hotspots leave the other exons untested; it approved
    Scenario("cetuximab-RAS-hotspots-of-exon-2-only-route", [drug("cetuximab")],
             [genetic(variant("KRAS", "G12C", "not_detected", exon=2), variant("KRAS", "G12D", "not_detected", exon=2),
                      variant("NRAS", "Q61K", "not_detected", exon=3)),
              pathology("adenocarcinoma", "colorectum")], "route_mdt", "BIOMARKER_MISSING", {"dx": "crc_met", "icd": "crc"}),
    Scenario("cetuximab-RAS-hotspots-of-exons-2-3-4-approve", [drug("cetuximab")],
             [genetic(*(variant(gene, change, "not_detected", exon=exon) for gene in ("KRAS", "NRAS")
                        for change, exon in (("G12D", 2), ("Q61H", 3), ("A146T", 4)))),
              pathology("adenocarcinoma", "colorectum")], "approve", "INDICATED", {"dx": "crc_met", "icd": "crc"}),
    Scenario("cetuximab-RAS-panel-covers-genes-approve", [drug("cetuximab")],
             [genetic(variant("KRAS", "G12C", "not_detected", exon=2), genes_tested=("KRAS", "NRAS"), method="NGS"),
              pathology("adenocarcinoma", "colorectum")], "approve", "INDICATED", {"dx": "crc_met", "icd": "crc"}),
    Scenario("cetuximab-KRAS-G12D-flag", [drug("cetuximab")],
             [genetic(variant("KRAS", "G12D")), pathology("adenocarcinoma", "colorectum")], "flag", "BIOMARKER_NEGATIVE",
             {"dx": "crc_met", "icd": "crc"}),
    # ---------------------------------------------------------------- gates 2-4
    Scenario("unknown-drug-no-rule", [drug("notarealinib")], [genetic(L858R), PATH], "route_mdt", "NO_RULE"),
    Scenario("patient-name-and-id-differ-flag", [drug("osimertinib")],
             [genetic(L858R, patient={"name": "李四", "id": "ZY999"}), PATH], "flag", "PATIENT_MISMATCH"),
    Scenario("patient-id-differs-only-route", [drug("osimertinib")],
             [genetic(L858R, patient={"id": "ZY999"}), PATH], "route_mdt", "PATIENT_MISMATCH"),
    Scenario("report-names-no-patient-route", [drug("osimertinib")],
             [genetic(L858R, patient={}), PATH], "route_mdt", "PATIENT_UNVERIFIED"),
    Scenario("pathology-says-breast-flag", [drug("osimertinib")],
             [genetic(L858R), pathology("invasive ductal carcinoma", "breast")], "flag", "DIAGNOSIS_MISMATCH"),
    # ---------------------------------------------------------------- tests (POLICY 5)
    Scenario("egfr-pcr-nsclc-approve", [lab_test(["EGFR"])], [PATH], "approve", "INDICATED"),
    Scenario("alk-fish-nsclc-approve", [lab_test(["ALK"], method="FISH")], [PATH], "approve", "INDICATED"),
    Scenario("egfr-ihc-flag", [lab_test(["EGFR"], method="IHC")], [PATH], "flag", "NON_INDICATED_TEST"),
    Scenario("egfr-test-for-breast-flag", [lab_test(["EGFR"])],
             [pathology("invasive ductal carcinoma", "breast")], "flag", "NON_INDICATED_TEST",
             {"dx": "breast_met", "icd": "breast"}),
    Scenario("ngs-520-panel-route", [lab_test([], method="NGS", panel_size=520)], [PATH], "route_mdt", "PANEL_EXCESS"),
    Scenario("wes-with-cancer-route", [lab_test([], method="WES")], [PATH], "route_mdt", "PANEL_EXCESS"),
    Scenario("wes-without-cancer-flag", [lab_test([], method="WES")], [], "flag", "NON_INDICATED_TEST",
             {"dx": "none", "icd": "none"}),
    Scenario("msi-pcr-colorectal-any-stage-approve", [lab_test([], method="MSI-PCR")],
             [pathology("adenocarcinoma", "colorectum")], "approve", "INDICATED", {"dx": "crc_met", "icd": "crc"}),
    Scenario("mmr-ihc-after-msi-pcr-two-years-ago-flag", [lab_test(["MMR"], method="IHC")],
             [pathology("adenocarcinoma", "colorectum")], "flag", "DUPLICATE_TEST",
             {"dx": "crc_met", "icd": "crc", "history": [history_test(["MSI"], "MSI-PCR", "2024-05-01")]}),
    Scenario("egfr-pcr-repeat-90-days-flag", [lab_test(["EGFR"])], [PATH], "flag", "DUPLICATE_TEST",
             {"history": [history_test(["EGFR"], "PCR", "2026-07-03")]}),
    # the same test claimed earlier and still under review: neither paid nor harmless, a person looks
    Scenario("egfr-pcr-repeat-of-pending-claim-routes", [lab_test(["EGFR"])], [PATH], "route_mdt", "DUPLICATE_TEST",
             {"history": [history_test(["EGFR"], "PCR", "2026-09-20", decision="pending")]}),
    Scenario("msi-repeat-of-pending-claim-routes", [lab_test(["MSI"], method="MSI-PCR")],
             [pathology("adenocarcinoma", "colorectum")], "route_mdt", "DUPLICATE_TEST",
             {"dx": "crc_met", "icd": "crc", "history": [history_test(["MSI"], "MSI-PCR", "2026-09-20", decision="pending")]}),
    # an earlier claim a person or the engine did not approve is no prior test
    Scenario("egfr-pcr-repeat-of-flagged-claim-approves", [lab_test(["EGFR"])], [PATH], "approve", "INDICATED",
             {"history": [history_test(["EGFR"], "PCR", "2026-07-03", decision="flag")]}),
    Scenario("egfr-repeat-after-progression-approve", [lab_test(["EGFR"])], [PATH], "approve", "INDICATED",
             {"dx": "nsclc_progressed", "history": [history_test(["EGFR"], "PCR", "2026-07-03")]}),
    Scenario("egfr-repeat-after-failed-test-approve", [lab_test(["EGFR"])], [PATH], "approve", "INDICATED",
             {"history": [history_test(["EGFR"], "PCR", "2026-07-03", result_status="indeterminate")]}),
    # after a plasma test that found nothing, tissue is the guideline's re-test (GUIDELINE_FACTS 1.2), not a
    # duplicate; another plasma test is one; a repeat whose specimen nobody states goes to a person
    Scenario("egfr-tissue-repeat-after-negative-plasma-approve", [lab_test(["EGFR"], specimen="tissue")], [PATH],
             "approve", "INDICATED",
             {"history": [history_test(["EGFR"], "PCR", "2026-08-03", result_status="not_detected", specimen="plasma")]}),
    Scenario("egfr-repeat-after-negative-plasma-on-a-tissue-report-approve", [lab_test(["EGFR"])],
             [genetic(variant("EGFR", "L858R"), report={"method": "PCR", "specimen": "tissue"}), PATH],
             "approve", "INDICATED",
             {"history": [history_test(["EGFR"], "PCR", "2026-08-03", result_status="not_detected", specimen="plasma")]}),
    # the service's store gives an earlier test no specimen or result, but the findings of its review
    Scenario("egfr-tissue-repeat-after-negative-plasma-read-by-the-store-approve",
             [lab_test(["EGFR"], specimen="tissue")], [PATH], "approve", "INDICATED",
             {"history": [history_test(["EGFR"], "PCR", "2026-08-03", findings=(
                 genetic(variant("EGFR", "mutation", "not_detected"), report={"method": "PCR", "specimen": "plasma"}),))]}),
    Scenario("egfr-repeat-after-a-failed-test-read-by-the-store-approve", [lab_test(["EGFR"])], [PATH],
             "approve", "INDICATED",
             {"history": [history_test(["EGFR"], "PCR", "2026-08-03", findings=(
                 genetic(variant("EGFR", "L858R", "indeterminate")),))]}),
    Scenario("egfr-repeat-after-a-positive-test-read-by-the-store-flag", [lab_test(["EGFR"], specimen="tissue")],
             [PATH], "flag", "DUPLICATE_TEST",
             {"history": [history_test(["EGFR"], "PCR", "2026-08-03", findings=(
                 genetic(variant("EGFR", "L858R"), report={"method": "PCR", "specimen": "plasma"}),))]}),
    Scenario("egfr-plasma-repeat-after-negative-plasma-flag", [lab_test(["EGFR"], specimen="plasma")], [PATH],
             "flag", "DUPLICATE_TEST",
             {"history": [history_test(["EGFR"], "PCR", "2026-08-03", result_status="not_detected", specimen="plasma")]}),
    Scenario("egfr-unstated-repeat-after-negative-plasma-route", [lab_test(["EGFR"])], [PATH], "route_mdt",
             "DUPLICATE_TEST",
             {"history": [history_test(["EGFR"], "PCR", "2026-08-03", result_status="not_detected", specimen="blood")]}),
    Scenario("egfr-tissue-repeat-after-positive-plasma-flag", [lab_test(["EGFR"], specimen="tissue")], [PATH],
             "flag", "DUPLICATE_TEST",
             {"history": [history_test(["EGFR"], "PCR", "2026-08-03", result_status="detected", specimen="plasma")]}),
    Scenario("egfr-repeat-after-window-approve", [lab_test(["EGFR"])], [PATH], "approve", "INDICATED",
             {"history": [history_test(["EGFR"], "PCR", "2025-12-01")]}),
    Scenario("germline-brca-repeat-flag", [lab_test(["BRCA1", "BRCA2"], method="NGS", germline=True)],
             [pathology("invasive ductal carcinoma", "breast")], "flag", "DUPLICATE_TEST",
             {"dx": "breast_met", "icd": "breast",
              "history": [history_test(["BRCA1", "BRCA2"], "NGS", "2019-03-01", germline=True)]}),
    Scenario("germline-brca-limited-prior-route", [lab_test(["BRCA1", "BRCA2"], method="NGS", germline=True)],
             [pathology("invasive ductal carcinoma", "breast")], "route_mdt", "DUPLICATE_TEST",
             {"dx": "breast_met", "icd": "breast",
              "history": [history_test(["BRCA1", "BRCA2"], "PCR", "2019-03-01", germline=True,
                                       notes="founder mutations only")]}),
    Scenario("her2-ihc-repeat-new-primary-approve", [lab_test(["ERBB2"], method="IHC")],
             [pathology("invasive ductal carcinoma", "breast")], "approve", "INDICATED",
             {"dx": "breast_new_primary", "icd": "breast", "history": [history_test(["ERBB2"], "IHC", "2026-06-01")]}),
    Scenario("rna-fusion-ngs-after-dna-ngs-approve",
             [lab_test(["ALK", "ROS1", "RET"], method="NGS", name="RNA fusion panel (RNA NGS)")], [PATH],
             "approve", "INDICATED", {"history": [history_test(["ALK", "ROS1", "RET"], "NGS", "2026-08-01",
                                                               notes="DNA NGS panel")]}),
    Scenario("dna-ngs-repeat-flag", [lab_test(["ALK", "ROS1", "RET"], method="NGS")], [PATH], "flag", "DUPLICATE_TEST",
             {"history": [history_test(["ALK", "ROS1", "RET"], "NGS", "2026-08-01", notes="DNA NGS panel")]}),
    # ---------------------------------------------------------------- priority (POLICY 6)
    Scenario("urgent-claim-keeps-approve", [drug("osimertinib")], [genetic(L858R), PATH], "approve", "URGENT",
             {"urgent": True}),
]
