"""T inferred for head and neck reports (AJCC 8th ch. 7, 10, 11, 13; 7th where it differs).

Every text here is our own wording of a pattern seen in real reports; none is copied from one.
"""

from __future__ import annotations

import pytest

from review_engine.nlp.recognizers import histology, staging


def _derived_t(text: str, edition: str | None = None) -> tuple[str | None, str]:
    """(derived T value, the words it rests on); (None, '') when no T was derived."""
    best = staging.best_mention(staging.find(text, inference_edition=edition), "staging.t")
    if best is None or not best.attrs.get("derived"):
        return None, ""
    return best.value, text[best.start : best.end]


# (report text, edition or None for AJCC 8th, derived T, words it must rest on)
DERIVED = [
    # bone: a checklist line, a verb with "by contiguity" (OCR glued the article), the jaw in a list
    (
        "Floor of mouth, resection: squamous cell carcinoma.\n-Tumor size: 3.0 cm\n"
        "-Osseous tissue involved by carcinoma.\n-Osseous margin uninvolved by carcinoma.",
        None,
        "T4a",
        "Osseous tissue involved by carcinoma",
    ),
    (
        "Buccal mucosa: squamous cell carcinoma.\nAddendum: the neoplasia infiltrates by "
        "contiguitythe osseous tissue.",
        None,
        "T4a",
        "osseous tissue",
    ),
    (
        "Gingiva: squamous cell carcinoma.\n-Tumor involves floor of mouth, gingiva, tongue and jaw",
        "AJCC7",
        "T4a",
        "jaw",
    ),
    # larynx: cartilage invasion named as a noun, a one-per-line list of structures, the neck's
    # soft tissue with a qualifier, a side before the paraglottic space
    (
        "Larynx, laryngectomy: squamous cell carcinoma.\n.Presence of arytenoid and thyroid "
        "cartilages infiltration.",
        None,
        "T4a",
        "thyroid cartilages infiltration",
    ),
    (
        "Larynx and thyroid resection: squamous carcinoma, 4 cm, affecting the following "
        "structures:\n* Glottic and subglottic regions.\n* Thyroid cartilage.\n* Trachea.",
        None,
        "T4a",
        "Thyroid cartilage",
    ),
    (
        "Larynx: squamous carcinoma with extension into the anterior commissure, pre-epiglottic "
        "space and soft tissue of anterior neck.",
        None,
        "T4a",
        "soft tissue of anterior neck",
    ),
    (
        "Larynx: squamous carcinoma of the true vocal cord. Tumor invades right paraglottic space.",
        None,
        "T3",
        "paraglottic space",
    ),
]

# (report text, the T the report's other words give)
LESSER = [
    # bone involved only superficially is not T4a; the size decides
    ("Base of tongue: squamous carcinoma (5.5 cm) superficially involving bone.", "T3"),
    # a bone margin involved is a margin; osseous tissue uninvolved is no invasion
    (
        "Tongue: squamous carcinoma, tumor size 3.0 cm.\n-Osseous tissue uninvolved by neoplasia.\n"
        "-Bone margin involved by carcinoma.",
        "T2",
    ),
]

NOTHING = [
    "Larynx, laryngectomy: squamous carcinoma.\nThyroid cartilage invasion: absent",
    "Larynx: squamous carcinoma.\n-Thyroid, cricoid and arytenoid cartilages uninvolved by neoplasia.",
]


@pytest.mark.parametrize(("text", "edition", "value", "evidence"), DERIVED)
def test_staging_headneck_t_from_structures(
    text: str, edition: str | None, value: str, evidence: str
) -> None:
    derived, words = _derived_t(text, edition)
    assert derived == value, (derived, words)
    assert evidence.lower() in words.lower(), words


@pytest.mark.parametrize(("text", "value"), LESSER)
def test_staging_headneck_unaffirmed_structures_leave_the_lesser_t(text: str, value: str) -> None:
    assert _derived_t(text)[0] == value


@pytest.mark.parametrize("text", NOTHING)
def test_staging_headneck_nothing_without_grounds(text: str) -> None:
    assert _derived_t(text)[0] is None


@pytest.mark.parametrize(
    ("text", "site"),
    [
        # skin reached by the tumour, or named as a margin, is not the primary
        (
            "PRIMARY SITE: Alveolar ridgeqz\n1 - Floor of the mouth and mandible specimen:\n"
            "-Squamous cell carcinoma involving skin and adjacent soft tissue.\n"
            "-Surgical margins (skin, mucosal and soft tissue) uninvolved.",
            "head and neck",
        ),
        (
            "Right pelvi-mandibulectomy specimen: squamous cell carcinoma crossing the adjacent "
            "skin.\n-Surgical margins of skin and soft tissue uninvolved.",
            "head and neck",
        ),
        ("(A) LEFT BUCCAL MUCOSAL LESION:\nDEEPLY INVASIVE SQUAMOUS CARCINOMA.", "head and neck"),
        # skin named as the tumour's own site stays the primary
        ("Skin, left cheek, excision: squamous cell carcinoma, 1.2 cm.", "skin"),
    ],
)
def test_staging_headneck_primary_site(text: str, site: str) -> None:
    assert histology.primary_site(text) == site
