"""Staging faults shared by every organ: a stage group read from a form's border or from another
disease's scale, a negation that runs past a 'but', an organ's own size read as the tumour's, and a
stated category that an OCR-moved second system's category outranks.

Every text here is our own wording of a pattern seen in real reports; none is copied from one.
"""

from __future__ import annotations

import pytest
import staging_reading as reading

from review_engine.nlp.mentions import Mention
from review_engine.nlp.recognizers import staging


def _stages(text: str) -> list[Mention]:
    return [
        m for m in staging.find(text) if m.field == "staging.stage" and not m.attrs.get("derived")
    ]


# ------------------------------------------------------------------ stage group needs evidence


@pytest.mark.parametrize(
    "text",
    [
        # a biobank form's column labels, the bars between them read as letters
        "Grade i TNM Stage i TNM Stage i TNM Stage\n(source) ! (T) : (N) i (M)\n",
        "TNM Stage i TNM Stage | TNM Stage l\n(T) : (N) j (M) i Treatment type",
        "TNM Stage ! TNM Stage\n(T) (N) (M)",
        # another disease's scale: the fibrosis stage of a chronic hepatitis or cirrhosis
        "Background liver: periportal fibrosis with rare bridging (stage 2).",
        "Chronic hepatitis B, grade 1,\nstage 2 (see comment).",
        "The non-neoplastic liver shows established cirrhosis (stage 4 of 4).",
        "Steatohepatitis with portal fibrosis (stage 1-2/4).",
        "Fibrosis score: none (Ishak stage 0).",
        "consistent with grade II, stage II HCV chronic hepatitis.",
        "mild activity and stage 1 fibrosis.",
        "fibrosis (fibrosis stage 4 out of 6), consistent with hepatitis C",
        "HCC transplant criteria (UNOS stage: Stage 2).",
        "Dukes' Stage: 3",
        # a kidney disease's stage in the clinical history
        "Clinical history: renal mass (Stage IV chronic kidney disease).",
        # a stage ruled out, a form's label, a testing criterion, a list of definitions
        "STAGE IV STATUS\nNo stage IV disease pathologically",
        "Reflex testing criteria:\nStage IV disease (proven or suspected)",
        "(stage 1: unifocal tumour under 2 cm; stage 2: unifocal under 5 cm)",
    ],
)
def test_staging_shared_faults_no_stage_group_without_evidence(text: str) -> None:
    assert _stages(text) == []


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # a stage with its label stays, whatever the words before the label
        ("Final TNM: pT1NXM0\nPathologic stage: I", "I"),
        ("Background: micronodular cirrhosis\npT2 NX\nStage II", "II"),
        ("Chronic hepatitis, grade 2. Pathologic stage: IIIA", "IIIA"),
        ("AJCC stage IVA (pT4a, pN1).", "IVA"),
        ("pT2 pN0 M0, G-1, Stage\nII", "II"),
        # a form's stage row with a real value is read
        ("TNM Stage: IIB\n", "IIB"),
    ],
)
def test_staging_shared_faults_stage_group_with_label_stays(text: str, stage: str) -> None:
    assert [m.value for m in _stages(text)] == [stage]


def test_staging_shared_faults_border_leaves_stated_stage_best() -> None:
    # A form's border used to outvote the stage the summary states, read earlier in the report.
    text = "Final TNM: pT1b N0 M0\nStage: IA\nSTAGE IV STATUS\nNo stage IV disease pathologically\n"
    best = reading.best(text, "staging.stage")
    assert best is not None and best.value == "IA"


# ------------------------------------------------------------------ negation ends at 'but'


@pytest.mark.parametrize(
    ("text", "category", "words"),
    [
        # a but, however, although or whereas between the negation and the finding ends its scope
        (
            "Kidney: renal cell carcinoma, 3 cm. No necrosis but invades the perinephric fat.",
            "T3a",
            "invades the perinephric fat",
        ),
        (
            "Kidney: renal cell carcinoma, 3 cm. No necrosis, however invades the perirenal fat.",
            "T3a",
            "invades the perirenal fat",
        ),
        (
            "Kidney: renal cell carcinoma, 3 cm, not encapsulated although invading the sinus fat.",
            "T3a",
            "invading the sinus fat",
        ),
        (
            "Kidney: renal cell carcinoma, 3 cm. No necrosis whereas it invades the renal sinus fat.",
            "T3a",
            "invades the renal sinus fat",
        ),
        # OCR reads the t of 'but' as l
        (
            "Kidney: renal cell carcinoma, 3 cm. No necrosis bul invades the perinephric fat.",
            "T3a",
            "invades the perinephric fat",
        ),
        # the negation still reaches a finding with no turn between
        (
            "Kidney: renal cell carcinoma, 3 cm. The tumor does not invade the perinephric fat.",
            "T1a",
            "carcinoma, 3 cm",
        ),
        # 'however' right after the negation is an aside: the sentence stays negated
        (
            "Kidney: renal cell carcinoma, 3 cm. It has not, however, invaded the perinephric fat.",
            "T1a",
            "carcinoma, 3 cm",
        ),
        (
            "Kidney: renal cell carcinoma, 3 cm. It has not however invaded the perinephric fat.",
            "T1a",
            "carcinoma, 3 cm",
        ),
    ],
)
def test_staging_shared_faults_but_ends_negation(text: str, category: str, words: str) -> None:
    assert reading.derived_t(text) == (category, words)


# ------------------------------------------------------------------ an organ's own size


@pytest.mark.parametrize(
    "text",
    [
        # a resected organ measures, weighs or is a size: none of it is the tumour's
        ("Lung, right upper lobectomy: squamous cell carcinoma. The lobe measures 15 x 10 x 4 cm "
        "in greatest dimension."),
        ("Lung, wedge: adenocarcinoma. The lung weighs 150 g and is 14 x 9 x 3 cm in greatest "
        "dimension."),
        ("Cervix, radical hysterectomy: squamous cell carcinoma. The uterus measures 9 x 5 x 4 cm "
        "in greatest dimension."),
        ("Liver, partial hepatectomy: hepatocellular carcinoma. The liver segment measures 12 x 8 "
        "x 6 cm in greatest dimension."),
        ("Pancreas, Whipple: ductal adenocarcinoma. The pancreas measures 6 x 3 x 2 cm in greatest "
        "dimension."),
        ("Kidney, radical nephrectomy: renal cell carcinoma. The kidney measures 12 x 6 x 5 cm in "
        "greatest dimension."),
        # across an OCR line break within the sentence
        ("Kidney, radical nephrectomy: renal cell carcinoma. The kidney itself is\n12 x 6 x 5 cm "
        "in greatest dimension."),
    ],
)
def test_staging_shared_faults_organ_size_is_no_tumour_size(text: str) -> None:
    assert reading.best(text, "staging.t") is None


@pytest.mark.parametrize(
    ("text", "category", "words"),
    [
        # the tumour's own size, in the next sentence, is read
        (
            ("Lung, right upper lobectomy: squamous cell carcinoma. The lobe measures 15 x 10 x 4 "
            "cm. It is sectioned to reveal a mass measuring 2.5 x 2 x 2 cm."),
            "T1c",
            "mass measuring 2.5 x 2 x 2 cm",
        ),
        (
            ("Kidney, radical nephrectomy: renal cell carcinoma. The kidney measures 12 x 6 x 5 cm. "
            "The tumor is 3.5 cm in greatest dimension."),
            "T1a",
            "tumor is 3.5 cm",
        ),
    ],
)
def test_staging_shared_faults_tumour_size_after_organ_size(
    text: str, category: str, words: str
) -> None:
    assert reading.derived_t(text) == (category, words)


# ------------------------------------------------------------------ stated categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the AJCC category of a two-system line, OCR-repaired, over the second system's category
        # that OCR moved to the end of a later line
        (
            ("Liver: hepatocellular carcinoma.\n22) Pathologic stage :AJCC (pTl),\n"
            "23) Related biopsy; none\n24) Additional pathologic findings(pT2)\n"),
            "T1",
        ),
        # both on their line: the first stands (beside_another_t)
        ("Liver: hepatocellular carcinoma.\nPathologic stage: AJCC (pT1), (pT2)\n", "T1"),
        # no system named: the higher of two equal statements
        ("Tumour one (pT1). Tumour two (pT2).", "T2"),
    ],
)
def test_staging_shared_faults_ajcc_named_category_wins(text: str, category: str) -> None:
    best = reading.best(text, "staging.t")
    assert best is not None and best.value == category


_CHECKLIST = (
    "Pathologic Staging (pTNM)\nPrimary Tumor (pT)\npTX: Cannot be assessed\n"
    "{mark}pTO: No evidence of primary tumor\npTI: Solitary tumor with no vascular invasion\n"
    "pT2: Solitary tumor with vascular invasion or multiple tumors none more than 5 cm\n"
    "pT3: Multiple tumors more than 5 cm or tumor involving a major branch of the portal vein\n"
)


@pytest.mark.parametrize(
    ("text", "category", "derived"),
    [
        # a marked T0 in a report that measures its carcinoma is OCR residue: T from the size
        (
            "Liver, resection: hepatocellular carcinoma forming a 4.2 x 3 x 3 cm mass.\n"
            + _CHECKLIST.format(mark="_^"),
            "T1b",
            True,
        ),
        # with no tumour measured, the mark is the choice
        (
            "Liver, resection after chemoembolisation: necrotic nodule.\n"
            + _CHECKLIST.format(mark="_^"),
            "T0",
            False,
        ),
        # after therapy a tumour bed is measured where no tumour is left: ypT0 stands
        (
            "Liver, resection: tumour bed 4.2 x 3 x 3 cm, no viable tumour.\n"
            + _CHECKLIST.format(mark="_^y"),
            "T0",
            False,
        ),
    ],
)
def test_staging_shared_faults_marked_t0_needs_no_measured_tumour(
    text: str, category: str, derived: bool
) -> None:
    best = reading.best(text, "staging.t")
    assert best is not None
    assert (best.value, bool(best.attrs.get("derived"))) == (category, derived)
