"""Primary site: what the vote must not count as the report's organ. A cancer of the clinical history,
an organ examined and found free of tumour, a benign structure said to be 'consistent with' an
organ, a label's words on the next line, a hedge or a negation, a container's label.

Every text here is our own wording of a pattern seen in real reports; none is copied from one.
"""

from __future__ import annotations

import pytest

from review_engine.nlp.recognizers import histology


def _site_mentions(text: str) -> list[tuple[str, str]]:
    return [(m.value, m.pattern) for m in histology.find(text) if m.field == "primary_site"]


def _patterns_of(text: str, site: str) -> list[str]:
    return [pattern for value, pattern in _site_mentions(text) if value == site]


# ------------------------------------------------------------------ a cancer of the history


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "history",
    [
        "Clinical question: mass of the right lower lobe, status post epiglottic carcinoma.",
        "Clinical question: lesion of the left upper lobe, status post-op. for prostate carcinoma.",
        "Clinical history: Hx total laryngectomy for squamous cell carcinoma.",
        "The patient has a previous history of squamous cell carcinoma of the glottic larynx.",
        "Clinical history: s/p esophageal carcinoma, now a lung mass.",
        "Prior rectal adenocarcinoma, treated.",
    ],
)
def test_histology_site_history_does_not_outvote_the_diagnosed_organ(history: str) -> None:
    text = (
        f"{history}\nRight upper lobe, lobectomy: the lung parenchyma holds a tumour.\n"
        "Bronchial margin free. The lung is anthracotic. Lobe: squamous cell carcinoma."
    )
    assert histology.primary_site(text) == "lung"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "site"),
    [
        # the history is a weak vote: where nothing else names an organ it still does
        ("Clinical history: history of colon cancer.", "colorectum"),
        ("Status post prostate carcinoma.", "prostate"),
    ],
)
def test_histology_site_history_is_a_weak_vote(text: str, site: str) -> None:
    assert _patterns_of(text, site) == ["site_history (weak)"]
    assert histology.primary_site(text) == site


@pytest.mark.issue(4)
def test_histology_site_prior_to_is_no_history() -> None:
    text = "Prior to fixation, the lung carcinoma measures 3 cm."
    assert _patterns_of(text, "lung") == ["site_disease (strong)"]


# ------------------------------------------------------------------ an organ free of tumour


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        "Liver nodule, biopsy: no tumour seen.",
        "Liver nodule, biopsy: negative for carcinoma.",
        # the label's answer on the next line
        "FS2 LEFT LATERAL LIVER NODULE:\nLiver, no evidence of malignancy.",
    ],
)
def test_histology_site_negative_biopsy_does_not_vote(text: str) -> None:
    assert _patterns_of(text, "liver") == []


@pytest.mark.issue(4)
def test_histology_site_positive_biopsy_votes() -> None:
    text = "Liver nodule, biopsy: hepatocellular carcinoma."
    assert _patterns_of(text, "liver") == ["site_disease (strong)"]


# ------------------------------------------------------------------ no origin, no disease word


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "site"),
    [
        # a benign structure of the organ is no origin
        ("The wall shows smooth muscle, consistent with a gallbladder duplication cyst.", "gallbladder"),
        ("The nodule is consistent with lung tissue.", "lung"),
        # a label opening the next line is no word of the organ's
        ("Margins: duodenum\nBile duct\nPRIMARY TUMOR (pT): pT3", "bile duct"),
        ("Other organs: pancreas\nTUMOR SITE: not specified", "pancreas"),
        # a container's label names a specimen, not its diagnosis
        ('Specimen A is received fresh labeled "left liver lesion" and consists of tissue.', "liver"),
    ],
)
def test_histology_site_no_strong_cue(text: str, site: str) -> None:
    strong = [p for p in _patterns_of(text, site) if "(strong)" in p]
    assert strong == []


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Tumor site: pancreas, head", "pancreas"),
        ("TUMOR LOCATION/SEGMENT: Supraglottic\nTUMOR SIZE: 3.5 cm", "head and neck"),
        ("Lymph node metastasis consistent with a lung primary.", "lung"),
    ],
)
def test_histology_site_origin_labels_stay(text: str, site: str) -> None:
    assert "site_origin (strong)" in _patterns_of(text, site)


# ------------------------------------------------------------------ hedged or negated


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        "Subcapsular sinus inclusions, cannot exclude metastatic thyroid carcinoma.",
        "A metastatic carcinoma of thyroid origin cannot be excluded.",
        "Focal nuclear features worrisome for papillary thyroid carcinoma.",
        "To address the possibility of papillary thyroid carcinoma, the lobe is submitted.",
        "There are no nuclear features of papillary thyroid carcinoma.",
    ],
)
def test_histology_site_hedged_or_negated_organ_does_not_vote(text: str) -> None:
    assert _patterns_of(text, "thyroid") == []


# ------------------------------------------------------------------ a phrase wrapped by OCR


@pytest.mark.issue(4)
def test_histology_site_organ_and_histology_across_a_line_wrap() -> None:
    text = (
        "Either a metastasis of a squamous cell carcinoma of the oesophagus or a primary pulmonary \n"
        "squamous cell carcinoma.\nRight lung, lobectomy. The lung is emphysematous."
    )
    assert "site_histology (strong)" in _patterns_of(text, "lung")
    assert histology.primary_site(text) == "lung"


@pytest.mark.issue(4)
def test_histology_site_blank_line_parts_organ_and_histology() -> None:
    assert "site_histology (strong)" not in _patterns_of("Lung\n\nadenocarcinoma", "lung")
