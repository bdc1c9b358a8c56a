"""The product's primary_site finding is the same decision as the site staging inference takes.

Synthetic reports of our own; each would come out differently if the finding went back to the single
best mention (section rank, then confidence) while staging kept the vote.
"""

from __future__ import annotations

import pytest

from review_engine.nlp.mentions import Mention
from review_engine.nlp.pipeline import Extractor
from review_engine.nlp.recognizers import histology

# The synoptic origin names the cervix once, strongly, before any header; the diagnosis section (the
# most trusted) names the uterus twice, weakly. The best single mention is the uterus's.
_CERVIX_ONCE_STRONG = (
    "Clinical history: squamous cell carcinoma arising from the cervix.\n"
    "FINAL DIAGNOSIS\n"
    "Uterus, hysterectomy: leiomyoma.\n"
    "Uterus, endometrium: proliferative phase.\n"
)
# A cystoprostatectomy named only by its prostate; the urothelial carcinoma is the bladder's.
_BLADDER_BY_HISTOLOGY = "FINAL DIAGNOSIS\nProstate, radical cystoprostatectomy: invasive high grade urothelial carcinoma.\n"
_PLAIN_LUNG = "FINAL DIAGNOSIS\nLung, right upper lobe, lobectomy: invasive adenocarcinoma, acinar predominant.\n"


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "site"),
    [(_CERVIX_ONCE_STRONG, "cervix"), (_BLADDER_BY_HISTOLOGY, "bladder"), (_PLAIN_LUNG, "lung")],
)
def test_primary_site_finding_is_the_vote(production_extractor: Extractor, text: str, site: str) -> None:
    findings = production_extractor.extract_text(text)
    assert histology.primary_site(text) == site
    assert findings.primary_site == site


@pytest.mark.issue(4)
def test_primary_site_evidence_points_at_the_chosen_site(production_extractor: Extractor) -> None:
    evidence = production_extractor.extract_text(_CERVIX_ONCE_STRONG).field_evidence["primary_site"]
    assert (evidence.text, evidence.source) == ("cervix", "site_origin (strong)")


@pytest.mark.issue(4)
def test_primary_site_chosen_by_histology_shows_the_histology_and_warns(production_extractor: Extractor) -> None:
    findings = production_extractor.extract_text(_BLADDER_BY_HISTOLOGY)
    assert findings.field_evidence["primary_site"].text == "urothelial carcinoma"
    # The prostate the specimen line names is still shown to the reviewer.
    assert any("primary_site" in w and "'prostate'" in w for w in findings.warnings)


@pytest.mark.issue(4)
def test_primary_site_never_from_histology_alone(production_extractor: Extractor) -> None:
    # No organ word: the histology implies the bladder, but no primary-site finding is made of it
    # (the histology finding already carries it to the review).
    text = "FINAL DIAGNOSIS\nInvasive high grade urothelial carcinoma.\n"
    assert histology.primary_site(text) == "bladder"
    assert production_extractor.extract_text(text).primary_site is None


@pytest.mark.issue(4)
def test_site_vote_is_read_from_mentions_only() -> None:
    # One vote: staging's primary_site(text) is the vote over this module's mentions of the text.
    assert histology.site_vote(histology.find(_CERVIX_ONCE_STRONG)) == histology.primary_site(_CERVIX_ONCE_STRONG)
    assert histology.site_vote([]) is None


def _site(value: str, score: float, adjusted_to: float | None = None) -> Mention:
    attrs = {} if adjusted_to is None else {"adjustments": [{"cause": "ner_model_agreement", "from": score, "to": adjusted_to}]}
    return Mention("primary_site", value, 0, 4, adjusted_to if adjusted_to is not None else score, "site", attrs=attrs)


@pytest.mark.issue(4)
def test_site_vote_weighs_the_wording_not_the_model_adjustment() -> None:
    # The NER model lowering a strong origin (0.9 -> 0.82) or raising a bare organ word (0.7 -> 0.86)
    # in the pipeline must not make the finding's vote differ from staging's over the same wording.
    strong_lowered = _site("cervix", 0.9, adjusted_to=0.82)
    words_raised = [_site("uterus", 0.7, adjusted_to=0.86), _site("uterus", 0.7, adjusted_to=0.86)]
    assert histology.site_vote([strong_lowered, *words_raised]) == "cervix"
    assert histology.site_vote([_site("cervix", 0.9), _site("uterus", 0.7), _site("uterus", 0.7)]) == "cervix"


def test_site_choice_without_a_vote_behind_it_keeps_the_best_mention_instead_of_crashing() -> None:
    # The vote always has a mention behind it in the pipeline; should the two inputs ever part (the
    # vote over other mentions than the field's), the field falls back to its best mention.
    from review_engine.nlp.findings import _primary_site, _Scored

    lung = _Scored(Mention("primary_site", "lung", 0, 4, 0.9, "site"), 1, 0.9, None, "d1")
    best, site = _primary_site([], [lung])
    assert (best, site) == (lung, "lung")
