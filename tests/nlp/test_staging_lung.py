"""Lung T category as real, noisily OCR'd pathology reports give it (AJCC 8th; 7th where it
differs): stated categories in forms and glued runs, tumour sizes OCR garbled, visceral pleura and
the other structures that decide T. Every text is our own wording of a pattern met in the TCGA
development reports (found by error analysis, never copied).
"""

from __future__ import annotations

import pytest
import staging_reading as reading

# (form text, T, N, M)
TABLE_COLUMNS = [
    # a grade column leads the three TNM columns; the header's labels wrap over lines
    (
        (
            "Histological description Grade TNM Stage\n(T)TNM Stage\n(N)TNM Stage\n(M)Prior therapy\n"
            "Surgery Squamous cell carcinoma 2 3 1 0 no no"
        ),
        "T3",
        "N1",
        "M0",
    ),
    # column bars read as letters and marks between the values
    (
        "TNM Stage : TNM Stage : TNM Stage\n(T) j (N) j (M)\n' ' ' :  :\n1 ! 0 l 0 :\nn/a n/a",
        "T1",
        "N0",
        "M0",
    ),
    # a source column leads; an unassessed M
    ("Grade (source) / (T) ; (N) / (M)\n2 : 4 0 : X\n", "T4", "N0", "MX"),
    # a grade left empty ("no data"); a row of bars and two values before the row of values
    (
        "Grade TNM Stage (T) TNM Stage (N) TNM Stage (M)\nI 0 0 I\ncarcinoma no data 2 x 0 none",
        "T2",
        "NX",
        "M0",
    ),
    # the column labels lost: the captions side by side, the first glued to the next column's
    (
        (
            "Histological TNMStProcurement;TNM Stage TNM Stage Treatment type\n"
            "Squamous cell carcinoma Left lung Primary Tumor OCT block 1 200 mg surgery 3 2 0 0 none"
        ),
        "T2",
        "N0",
        "M0",
    ),
]


@pytest.mark.parametrize(("text", "t", "n", "m"), TABLE_COLUMNS)
def test_staging_lung_table_columns_read_under_their_header(
    text: str, t: str, n: str, m: str
) -> None:
    best = reading.best(text)
    assert best is not None and best.value == t and best.pattern.startswith("tnm_table_columns")
    assert (reading.value(text, "staging.n"), reading.value(text, "staging.m")) == (n, m)


@pytest.mark.parametrize(
    "text",
    [
        # no row of values under the header
        "TNM Stage (T) TNM Stage (N) TNM Stage (M)\nn/a n/a n/a\nnone",
        # two values are no row of three columns
        "TNM Stage\n(T) : (N) : (M)\nI 0 0 I\nTreatment none",
        # values too far past the header belong to another part of the form
        "TNM Stage (T) (N) (M)\n" + "n/a, none recorded for this sample.\n" * 20 + "2 0 0",
        # a column header alone is no table
        "the primary tumour (T) was assessed; lymph nodes 2 0 0",
        # one caption is no header of columns
        "TNM Stage: pending\nblock 1 200 mg surgery 3 2 0 0 none",
    ],
)
def test_staging_lung_table_columns_need_header_and_row(text: str) -> None:
    assert reading.value(text) is None


def test_staging_lung_table_columns_yield_to_a_prefixed_run() -> None:
    text = "Pathologic stage: pT2a pN0\n\nTNM Stage (T) (N) (M)\n3 0 0"
    assert reading.value(text) == "T2a"


# (text, T)
GLUED_RUNS = [
    # a stated run glued to the word before it, as OCR drops the space
    ("Final diagnosis on all available material, AJCCpT2bN0 7th edition.", "T2b"),
    ("PATHOLOGIC STAGE (AJCC 6th edition)zpT3 cN0 pMx", "T3"),
    ("Infiltration of the visceral pleura\nId'pT2, pN0 (0/21), pMx, G2", "T2"),
]


@pytest.mark.parametrize(("text", "t"), GLUED_RUNS)
def test_staging_lung_stated_run_glued_to_a_word(text: str, t: str) -> None:
    best = reading.best(text)
    assert best is not None and best.value == t and not best.attrs.get("derived")


def test_staging_lung_capital_p_glued_to_a_word_is_no_run() -> None:
    # only the lower-case prefix is read after a letter: "STEP" + "T2" is a word and a category
    assert reading.value("Lung: see the STEPT2 protocol note") is None


# (report text, AJCC 8th T, AJCC 7th T, the words it must rest on)
OCR_SIZES = [
    # a number's last digit read as S
    (
        "Right upper lobe of lung: a pale tumour measuring 3S mm in maximum dimension.",
        "T2a",
        "T2a",
        "3S mm",
    ),
    # the times sign read as K, describing words with OCR residue before the noun
    (
        "Lung, lobectomy: sectioning shows a 3.0 x 2.7 K 2.5 cm white- tan i11-defined tumor.",
        "T1c",
        "T1b",
        "3.0 x 2.7 K 2.5 cm",
    ),
    (
        "Lung lobe: there is a 3.7 x 3.2 x 2.5 em firm variegated g~ey-tan tumor nodule.",
        "T2a",
        "T2a",
        "3.7 x 3.2 x 2.5 em",
    ),
    # the tumour word garbled by a typewriter scan; cm read as CH
    ("LUNG, LOBECTOMY: THE TVMOR MEhSURES 5.0 CM IN GREATEST DIMENSION.", "T2b", "T2a", "5.0 CM"),
    ("LUNG, LOBECTOMY: THE TIJMOR f.reASURES 2.3 X 2.2 X 2.0 CH.", "T1c", "T1b", "2.0 CH"),
    # an abbreviation's dot before the size
    (
        "Middle lobe of the lung occupied by parts of a tumor, max. 9.5 em in size.",
        "T4",
        "T3",
        "9.5 em",
    ),
    # a checklist label glued to the tumour word
    ("Lung, left upper lobe: TUMORSIZE: 2.5 cm.", "T1c", "T1b", "2.5 cm"),
    # a specimen word earlier in the sentence, across the line break, does not veto a size
    # whose noun names the tumour
    (
        "Lung lobe. On bivalving the specimen, there is a\n3.7 x 3.2 cm firm tan tumor nodule.",
        "T2a",
        "T2a",
        "3.7 x 3.2 cm",
    ),
    # the tumour is the subject of a long sentence whose second verb, past a line break, gives
    # its size (the verb garbled by OCR)
    (
        (
            "Right lung, pneumonectomy. On cut section the tumour appears to be mostly\n"
            "peribronchial in position near the hilum and measur~s 3.8 x 3.S x 2.8 em."
        ),
        "T2a",
        "T2a",
        "3.8 x 3.S x 2.8 em",
    ),
]


@pytest.mark.parametrize(("text", "t8", "t7", "words"), OCR_SIZES)
def test_staging_lung_size_read_through_ocr(text: str, t8: str, t7: str, words: str) -> None:
    best = reading.best(text)
    assert best is not None and best.attrs.get("derived") and best.value == t8
    assert words in text[best.start : best.end]
    assert reading.value(text, edition="AJCC7") == t7


def test_staging_lung_size_digit_read_from_a_letter_is_a_repair() -> None:
    best = reading.best("Lung: a solid tumour measuring 3S mm in maximum dimension.")
    assert best is not None and best.attrs["size_cm"] == pytest.approx(3.5)
    assert best.repairs == ("S->5 in 3S",)


@pytest.mark.parametrize(
    "text",
    [
        # a garbled tumour word before a distance, a thickness or a depth
        "Lung wedge: a subpleural twnor is palpated within 0.5 em of the sutured line.",
        "Lung: squamous carcinoma WITH GREATEST TULMOR THICKNESS 3MM",
        # a dot that ends a sentence (a capital after it) ends the tumour's context
        "Lung lobe with tumor.The lymph node measures 2.0 cm.",
        # carcinoid tumorlets are no tumour size
        "Lung, wedge: Tumorlets: 0.2 cm each.",
        # a lower-case s or o after a number is no digit
        "Lung: a tumour of 3s mm was mentioned in the history",
        # "and measures" after another object that measures is that object's size
        "Lung: the tumor was sent for banking; the specimen is a lobe and measures 12 x 8 x 3 cm.",
        "Lung: the mass lies in the hilar lymph node, which is firm and measures 2.5 cm.",
    ],
)
def test_staging_lung_ocr_size_readings_stay_narrow(text: str) -> None:
    assert reading.value(text) is None


@pytest.mark.parametrize(
    ("text", "t"),
    [
        # the article before the structure garbled by OCR
        ("Lung, wedge resection: THE TUMOR INVOLVES THE SURFACE OF ~HE VISCERAL PLEURA.", "T2"),
        ("Lung: the carcinoma invades 'IHE visceral pleura.", "T2"),
        ("Lung: tumour invades tho chest wall.", "T3"),
    ],
)
def test_staging_lung_structure_after_garbled_article(text: str, t: str) -> None:
    assert reading.value(text) == t


@pytest.mark.parametrize(
    ("text", "t"),
    [
        # the T of a typewritten checklist read as a 1 or an I between quotes
        ("PRIMARY TUMOR:\np'1'2: Tumor which is > 3 cm\nREGIONAL LYMPH NODES:\npN0", "T2"),
        ("AJCC Pathologic Staging: p'1'2a2 N0 M (not applicable)", "T2a2"),
        ("Pathologic stage: p 'I' 3 pN1", "T3"),
    ],
)
def test_staging_lung_stated_t_whose_letter_ocr_garbled(text: str, t: str) -> None:
    best = reading.best(text)
    assert best is not None and best.value == t and not best.attrs.get("derived")
    assert any("->T in" in repair for repair in best.repairs)


@pytest.mark.parametrize(
    "text",
    [
        # a printed list of the definitions is options, not this tumour's category
        "p'1'1: Tumor 3 cm or less\np'1'2: Tumor more than 3 cm\np'1'3: Tumor of any size invading",
        # no prefix: a quoted number
        "Block '1'2 was submitted for review",
    ],
)
def test_staging_lung_garbled_letter_needs_prefix_and_no_list(text: str) -> None:
    assert reading.value(text) is None


# (report text, AJCC 8th T, AJCC 7th T)
STRUCTURES_BY_EDITION = [
    # the diaphragm: 8th T4, 7th T3
    ("Lung, right lower lobe: squamous carcinoma, 2.5 cm, invading the diaphragm.", "T4", "T3"),
    # the mediastinal pleura alone: no 8th descriptor (the size decides), 7th T3
    ("Lung: adenocarcinoma, 2.0 cm; the tumor invades the mediastinal pleura.", "T1b", "T3"),
    # mediastinal fat: T4 in both
    ("Lung: carcinoma, 2.0 cm, which invades the mediastinal fat.", "T4", "T4"),
    # mediastinal lymph nodes are N, not T
    ("Lung: adenocarcinoma, 2.0 cm. Carcinoma involving mediastinal lymph nodes.", "T1b", "T1a"),
    # the lung's diaphragmatic surface is its pleura, not the diaphragm
    ("Lung: a tumor, 2.0 cm, partially involving the diaphragmatic surface.", "T1b", "T1a"),
]


@pytest.mark.parametrize(("text", "t8", "t7"), STRUCTURES_BY_EDITION)
def test_staging_lung_structures_by_edition(text: str, t8: str, t7: str) -> None:
    assert (reading.value(text), reading.value(text, edition="AJCC7")) == (t8, t7)
