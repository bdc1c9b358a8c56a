"""Lung T category as real, noisily OCR'd pathology reports give it (AJCC 8th, 7th where it differs):
stated categories in forms and glued runs, tumour sizes OCR garbled, visceral pleura and the other
structures that decide T. Every text is our own wording of a pattern met in the TCGA development
reports (found by error analysis, never copied).
"""

from __future__ import annotations

import pytest

from review_engine.nlp.mentions import Mention
from review_engine.nlp.recognizers import staging


def _best(text: str, field: str = "staging.t", edition: str | None = None) -> Mention | None:
    return staging.best_mention(staging.find(text, inference_edition=edition), field)


def _value(text: str, field: str = "staging.t", edition: str | None = None) -> str | None:
    best = _best(text, field, edition)
    return str(best.value) if best else None


# (form text, T, N, M)
TABLE_COLUMNS = [
    # a grade column leads the three TNM columns; the header's labels wrap over lines
    (
        "Histological description Grade TNM Stage\n(T)TNM Stage\n(N)TNM Stage\n(M)Prior therapy\n"
        "Surgery Squamous cell carcinoma 2 3 1 0 no no",
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
]


@pytest.mark.parametrize(("text", "t", "n", "m"), TABLE_COLUMNS)
def test_staging_lung_table_columns_read_under_their_header(
    text: str, t: str, n: str, m: str
) -> None:
    best = _best(text)
    assert best is not None and best.value == t and best.pattern.startswith("tnm_table_columns")
    assert (_value(text, "staging.n"), _value(text, "staging.m")) == (n, m)


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
    ],
)
def test_staging_lung_table_columns_need_header_and_row(text: str) -> None:
    assert _value(text) is None


def test_staging_lung_table_columns_yield_to_a_prefixed_run() -> None:
    text = "Pathologic stage: pT2a pN0\n\nTNM Stage (T) (N) (M)\n3 0 0"
    assert _value(text) == "T2a"
