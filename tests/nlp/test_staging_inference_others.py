"""T read from kidney, urinary bladder, prostate and colorectal reports: the wordings, OCR faults
and negations of the TCGA development reports of these organs (AJCC 8th).

Every text here is our own wording of a pattern seen in real reports; none is copied from one.
"""

from __future__ import annotations

import pytest
from cpu_budget import cpu_seconds

from review_engine.nlp.recognizers import histology, staging


def _best_t(text: str) -> tuple[str | None, bool, str]:
    """(best T value, whether it was derived, the words it rests on)."""
    best = staging.best_mention(staging.find(text), "staging.t")
    if best is None:
        return None, False, ""
    return best.value, bool(best.attrs.get("derived")), text[best.start : best.end]


# (report text, derived T, words it must rest on)
DERIVED = [
    # kidney: sizes as forms and OCR write them
    ("Right kidney, renal cell carcinoma.\nTumour Size (cm) 6.5\nGrade II", "T1b", "6.5"),
    ("Kidney: renal cell carcinoma.\nTumor Size (cm): 3.1x2.0x1.5 cm", "T1a", "3.1"),
    ("Kidney: clear cell carcinoma. -THE TUMOR'S LONGEST AXIS IS 6. 3 CM.", "T1b", "6. 3 CM"),
    ("Renal cell carcinoma of the kidney; bisection shows a 0.6-cm nodule.", "T1a", "0.6-cm"),
    # the specimen holds the tumour: a size bound to a tumour word is the tumour's
    (
        "Renal cell carcinoma, kidney. The specimen is bivalved to reveal a 2.1-cm nodule.",
        "T1a",
        "2.1-cm nodule",
    ),
    (
        (
            "Kidney, partial: renal cell carcinoma. The specimen consists of a tan soft tissue mass "
            "measuring 3 x 2 x 2 cm."
        ),
        "T1a",
        "3 x 2 x 2 cm",
    ),
    # the kidney's own size is not the tumour's
    (
        (
            "Kidney: renal cell carcinoma. The kidney itself is 16 x 7 x 5 cm in greatest dimension. "
            "It is bivalved to reveal an 8.5 x 7 x 6 cm mass."
        ),
        "T2a",
        "8.5 x 7 x 6 cm mass",
    ),
    # a benign fatty tumour's size is not the carcinoma's; nor a resected mass with its fat
    (
        "Kidney: renal cell carcinoma, tumor size 3.5 cm.\nAdrenal myelolipoma, tumor size 14 cm.",
        "T1a",
        "3.5 cm",
    ),
    (
        (
            "Renal cell carcinoma, the largest tumor measuring 2.0 cm. The specimen is a renal mass "
            "with "
            "attached fat, 15 x 12 x 5 cm."
        ),
        "T1a",
        "2.0 cm",
    ),
    # kidney: OCR garbles "adipose"
    (
        "Kidney: renal cell carcinoma (9 cm). The tumor extends into the perirenal adipo~e tissue.",
        "T3a",
        "perirenal adipo~e tissue",
    ),
    # kidney: the renal vein's segmental branches, not the adrenal vein
    (
        (
            "Kidney: renal cell carcinoma, 14 cm. Tumor thrombus in a muscle-\ncontaining, branch "
            "renal "
            "vein near the hilum."
        ),
        "T3a",
        "renal vein",
    ),
    (
        (
            "Kidney: renal cell carcinoma, 4 cm. Vascular invasion is present in a large caliber "
            "vessel in "
            "the renal sinus."
        ),
        "T3a",
        "renal sinus",
    ),
    (
        (
            "Renal cell carcinoma of the kidney, 8 cm, invasive into renal vein, adrenal vein and "
            "renal "
            "sinus fat."
        ),
        "T3a",
        "renal vein",
    ),
    # kidney: what the carcinoma forms is its mass, the noun garbled by OCR
    (
        (
            "Kidney, right, radical nephrectomy: renal cell carcinoma, clear cell type, forms a\n"
            "2. 5 x 2. 5 x 2. 5 em, masli in the mid kidney."
        ),
        "T1a",
        "2. 5 x 2. 5 x 2. 5 em",
    ),
    # kidney: a checklist's size beside a weight is the specimen's; the tumour's block has its own
    (
        (
            "Kidney, left, radical nephrectomy: papillary renal cell carcinoma.\n"
            "A. Received fresh, labeled with the patient's name and as kidney, left.\n"
            "Size: 14.5 x 8 x 7 cm\nWeight: 386 g\nPerinephric fat: moderate amount attached\n"
            "Tumor:\nSize: 5.5 x 5 x 4.3 cm\nDescription: friable, tan-pink"
        ),
        "T1b",
        "5.5 x 5 x 4.3 cm",
    ),
    (
        (
            "Kidney, right, radical nephrectomy: clear cell renal cell carcinoma.\n"
            "WEIGHT: 410 GRAMS\nSIZE: 13 x 7 x 6 CM\nCUT SURFACE: yellow\nTumor size: 3.5 x 3 x 3 cm"
        ),
        "T1a",
        "3.5 x 3 x 3 cm",
    ),
    # kidney: what involves the fat is an infiltrate or a lymphoma beside the carcinoma, not the
    # carcinoma: its size decides
    (
        (
            "Kidney: papillary renal cell carcinoma, 5.5 cm, confined to the kidney. The tumour has a\n"
            "nodular lymphocytic infiltrate at its edge that also extensively involve perinephric\n"
            "and renal sinus fat."
        ),
        "T1b",
        "5.5 cm",
    ),
    (
        (
            "Kidney: papillary renal cell carcinoma, 5.5 cm, confined to the kidney.\n"
            "- Small B-cell lymphoma, with diffuse involvement of kidney, perinephric fat and sinus."
        ),
        "T1b",
        "5.5 cm",
    ),
    # prostate: extraprostatic tissue and growth as translated reports word it
    (
        "Adenocarcinoma of the prostate with infiltration of the periprostatic connective tissue.",
        "T3a",
        "periprostatic connective tissue",
    ),
    (
        (
            "Adenocarcinoma of the prostate, infiltration of the right-sided perivesicular fatty "
            "tissue; "
            "seminal vesicles free of tumour."
        ),
        "T3a",
        "perivesicular fatty tissue",
    ),
    (
        (
            "Prostatic adenocarcinoma with multifocal extraprostatic bilateral tumor growth at the "
            "base."
        ),
        "T3a",
        "extraprostatic bilateral tumor growth",
    ),
    (
        (
            "Prostate, radical prostatectomy: adenocarcinoma. Extraprostatic extension is not "
            "identified."
        ),
        "T2",
        "not identified",
    ),
    # urinary bladder
    (
        (
            "Bladder + prostate: invasive urothelial carcinoma of high grade.\nProstate: compromised "
            "by "
            "neoplasia."
        ),
        "T4a",
        "compromised by",
    ),
    (
        (
            "Cystectomy: urothelial carcinoma of the bladder infiltrating the lamina propria and "
            "focally "
            "the detrusor muscle."
        ),
        "T2",
        "detrusor",
    ),
    (
        "Bladder: urothelial carcinoma. Infiltration of the whole thickness of the bladder wall.",
        "T3",
        "whole thickness",
    ),
    (
        (
            "Cystoprostatectomy: papillary urothelial carcinoma of the bladder infiltrating all the "
            "wall "
            "until the prostate."
        ),
        "T4a",
        "prostate",
    ),
    # colorectum
    (
        "Adenocarcinoma of the sigmoid colon with infiltration of all parietal layers (G2).",
        "T3",
        "all parietal layers",
    ),
    (
        "Adenocarcinoma of the colon involving the colonic wall with areas of serosal penetration.",
        "T4a",
        "serosal penetration",
    ),
    (
        "Adenocarcinoma of the rectum, arising in an adenoma, with infiltration of the submucosa.",
        "T1",
        "submucosa",
    ),
    (
        (
            "Adenocarcinoma of the rectum with infiltration of the submucosa and the muscularis "
            "propria."
        ),
        "T2",
        "muscularis propria",
    ),
]


# (report text, the T left when the finding beyond it is negated)
NEGATED = [
    # OCR glued the negation to the word before it, or garbled it
    ("Kidney: renal cell carcinoma, 8.0 cm. There isno definite renal vein invasion.", "T2a"),
    (
        (
            "Kidney: renal cell carcinoma, 5 cm, confined to the kidney and doesnot invade sinus "
            "adipose tissue."
        ),
        "T1b",
    ),
    ("Kidney: renal cell carcinoma, 11.5 cm, ~Iithout invasion of the pelvis or calyces.", "T2b"),
    (
        (
            "Kidney: renal cell carcinoma, 10.5 cm. Several sections failed to demonstrate invasion "
            "into the renal sinus adipose tissue."
        ),
        "T2b",
    ),
    # the last item of an "or" list a negation opens, however long the items
    (
        (
            "Renal cell carcinoma of the kidney, 2.0 cm; the nodules do not show any evidence of "
            "invading into the fat or through the capsule."
        ),
        "T1a",
    ),
    # a serosal penetration the checklist answers as absent
    ("Adenocarcinoma of the colon into pericolonic fat. Serosal penetration: absent.", "T3"),
]


# (report text, derived T): a "but" closes the negated list, so what follows it stands
AFFIRMED = [
    (
        (
            "Renal cell carcinoma of the kidney, 3 cm. No sarcomatoid change is seen in any section "
            "examined, but there is ureteral involvement or perinephric fat invasion."
        ),
        "T3a",
    ),
]


# (report text): no T, stated or derived
NOTHING = [
    # what the tissue forms, named before its size, is no tumour
    "Kidney: renal cell carcinoma. Soft tissue forming an aggregate measuring 7.5 x 3 x 2.5 cm.",
    # no sarcomatoid change, ureteral involvement or perinephric fat invasion: all three negated
    (
        "Renal cell carcinoma of the kidney. There is no sarcomatoid change, ureteral involvement or "
        "perinephric fat invasion."
    ),
    # carcinoma in situ of the prostatic urethra is no invasion of the prostate
    (
        "Bladder: urothelial carcinoma. Prostate: involved by urothelial carcinoma in situ of the "
        "prostatic urethra."
    ),
]


# (report text, stated T): categories the report states, which stop inference
STATED = [
    # a registry form labels each letter with "Stage"
    ("Primary Site: Colon\nT Stage: 3 N Stage: 0 M Stage: 0 Overall Stage: IIA", "T3"),
    # OCR read the 1 as a lower-case i before the sub-letter
    ("Papillary renal cell carcinoma, 3.2 cm.\nPathologic stage pTia NX MX", "T1a"),
    # a grade code glued between T and N; a bare muscle-invasive wording does not replace it
    ("High grade muscle invasive urothelial carcinoma of the bladder wall. T3aG3 NO MO", "T3a"),
    # a whole T, N and M run whose digits OCR garbled, its label lost
    ("Kidney: clear cell renal cell carcinoma, 4.5 cm.\n(lost label) Tlb Nx Ml", "T1b"),
    # prostate has no pathologic T1: an I before the sub-letter c is a lost 2 (pT2c)
    (
        "Prostatic adenocarcinoma, both lobes, limited to the prostate.\nSummary: pTIc, pN0 (0/4)",
        "T2c",
    ),
    # a registry form's "Pathological T" label, beside a size that would give another T
    ("Site: Left lung\nTumour Size (cm) 6\nPathological T T2,NOS\nPathological N N1", "T2"),
]


@pytest.mark.parametrize(("text", "value", "evidence"), DERIVED)
def test_staging_inference_others_derives_t(text: str, value: str, evidence: str) -> None:
    found, derived, words = _best_t(text)
    assert (found, derived) == (value, True), words
    assert evidence.lower() in words.lower(), words


@pytest.mark.parametrize(("text", "value"), NEGATED)
def test_staging_inference_others_negated_finding_leaves_the_lesser_t(
    text: str, value: str
) -> None:
    assert _best_t(text)[:2] == (value, True)


@pytest.mark.parametrize(("text", "value"), AFFIRMED)
def test_staging_inference_others_but_ends_the_negated_list(text: str, value: str) -> None:
    assert _best_t(text)[:2] == (value, True)


@pytest.mark.parametrize("text", NOTHING)
def test_staging_inference_others_derives_nothing_without_grounds(text: str) -> None:
    assert _best_t(text)[0] is None


@pytest.mark.parametrize(("text", "value"), STATED)
def test_staging_inference_others_reads_the_stated_t(text: str, value: str) -> None:
    mentions = staging.find(text)
    best = staging.best_mention(mentions, "staging.t")
    assert best is not None and best.value == value and not best.attrs.get("derived")
    assert not any(m.field == "staging.t_derived" for m in mentions)


def test_staging_inference_others_category_labels_are_no_stage_group() -> None:
    # "T Stage: 3" is the T category's label, not a stage group III; the overall stage is read.
    mentions = staging.find("T Stage: 3 N Stage: 0 M Stage: 0 Overall Stage: IIA")
    assert [m.value for m in mentions if m.field == "staging.stage"] == ["IIA"]


@pytest.mark.parametrize(
    ("text", "site"),
    [
        # the Latin genitive of rectum, as translated reports keep it
        ("Diagnosis: adenocarcinoma recti, infiltrating the telae adiposae.", "colorectum"),
        # the bladder neck is where a prostatectomy is cut, not a primary bladder
        (
            (
                "Prostate and seminal vesicles: prostatic adenocarcinoma, Gleason 3+4.\n"
                "Shaving A: fibromuscular tissue consistent with bladder neck, benign.\n"
                "Shaving B: fibromuscular tissue consistent with bladder neck, benign.\n"
                "Shaving C: fibromuscular tissue consistent with bladder neck, benign."
            ),
            "prostate",
        ),
        # a bladder named beside its neck is still the primary
        (
            (
                "Urinary bladder, cystectomy: invasive urothelial carcinoma of the bladder at the "
                "bladder neck."
            ),
            "bladder",
        ),
    ],
)
def test_staging_inference_others_primary_site_wording(text: str, site: str) -> None:
    assert histology.primary_site(text) == site


@pytest.mark.parametrize(
    "unit",
    [
        "tumour size (cm) 1.2 ",
        "no x or ",
        "not a b c d e f or ",
        "extraprostatic bilateral tumor ",
        "infiltration of all parietal ",
        "prostate: compromised by ",
        "thrombus in a muscle-containing, ",
        "a 0.6-cm ",
        "T3aG3 NO ",
    ],
)
def test_staging_inference_others_patterns_stay_linear_on_a_megabyte_line(unit: str) -> None:
    text = "Kidney, bladder, prostate and colon carcinoma. " + unit * (1_000_000 // len(unit))
    assert cpu_seconds(lambda: staging.find(text)) < 1.0
