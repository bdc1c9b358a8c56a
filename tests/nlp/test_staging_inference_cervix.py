"""Cervix uteri (AJCC 8th ch. 52; 7th ch. 35 the same): T read from what a report measures and
which organ it is about, through the wording and OCR damage of scanned hysterectomy reports.

Every text here is our own wording of a pattern seen in real reports; none is copied from one.
"""

from __future__ import annotations

import pytest
import staging_reading as reading
from cpu_budget import cpu_seconds

from review_engine.nlp.pipeline import Extractor
from review_engine.nlp.recognizers import histology, staging

# (report text, derived T, words it must rest on)
DERIVED = [
    # beyond the true pelvis (T4): the bowel of the abdomen reached through the uterine serosa
    (
        (
            "Cervix, hysterectomy and ileocecectomy: squamous carcinoma, 4 cm. Carcinoma invades "
            "into the serosal surfaces of the\nterminal ileum and appendix."
        ),
        "T4",
        "serosal surfaces of the\nterminal ileum",
    ),
    # a checklist item alone on its line whose answer line under it affirms it
    (
        (
            "Cervix, radical hysterectomy: squamous carcinoma, 3 cm.\nParametrial involvement\n"
            "Present, left side."
        ),
        "T2b",
        "Parametrial involvement",
    ),
    # a line under a prose finding that opens with a negation is another finding's
    (
        (
            "Cervix, radical hysterectomy: squamous carcinoma, 3 cm. The tumor extends into the "
            "parametrium\nNo lymphovascular invasion is seen."
        ),
        "T2b",
        "extends into the parametrium",
    ),
    # a denial of one side leaves the other side's invasion standing
    (
        (
            "Cervix, radical hysterectomy: squamous carcinoma, 2 cm.\nLeft parametrium: negative "
            "for tumor.\nRight parametrium: involved by carcinoma."
        ),
        "T2b",
        "parametrium: involved",
    ),
    (
        (
            "Cervix, radical hysterectomy: squamous carcinoma, 2 cm. The tumor invades the left "
            "parametrium.\nNo parametrial involvement on the right."
        ),
        "T2b",
        "invades the left parametrium",
    ),
    # parametrium: the paracervical soft tissue is the parametrium beside the cervix, and a tumour
    # at its resection margin has invaded it (T2b)
    (
        ("Cervix, radical hysterectomy: adenocarcinoma.\n- Both paracervical soft tissue margins "
        "are involved by\ntumor."),
        "T2b",
        "paracervical soft tissue margins are involved by\ntumor",
    ),
    (
        "Cervix: squamous carcinoma, 3 cm, invading the right paracervical soft tissue.",
        "T2b",
        "paracervical soft tissue",
    ),
    # beyond the uterus: AJCC T2 as a checklist's extent states it
    (
        "CERVIX CHECKLIST\nTumor size: 3 x 2 x 2 cm\nTumor extent: Invasion beyond uterus\n",
        "T2",
        "beyond uterus",
    ),
    # parametria free of tumour: confined to the cervix (T1)
    (
        ("Cervix, trachelectomy: squamous carcinoma.\nLeft and right parametrium:\n"
        "Absence of neoplasia."),
        "T1",
        "parametrium",
    ),
    (
        "Cervix: squamous carcinoma.\nParametrial involvement: Absent",
        "T1",
        "Parametrial involvement: Absent",
    ),
    # sizes and depths whose wording OCR damaged
    (
        "Cervix checklist\nTumor size: 2 x 1.5 x 1 cmqz r\nHistologic type: squamous",
        "T1b1",
        "2 x 1.5 x 1 cm",
    ),
    (
        "SQUAMOUS CARCINOMA OF THE CERVIX, INVASIVE TO,\nM IMUM DEPTH OF 0.9 CM (WALL 1.2 CM)",
        "T1b",
        "0.9 CM",
    ),
    (
        "Cervix: squamous carcinoma, invasive to a depth of14 mm (cervical wall 15 mm).",
        "T1b",
        "14 mm",
    ),
    (
        "Cervix: squamous carcinoma. The maximum depth of the tumor invasion is 1.4 cm.",
        "T1b",
        "1.4 cm",
    ),
    # an invasive tumour that involves the vagina is still read (the in-situ rule reads its subject)
    (
        "Cervix: invasive squamous carcinoma, involving the ectocervix and the vaginal cuff.",
        "T2a",
        "vagina",
    ),
]
LESSER = [
    # the extent of an intraepithelial lesion is no invasion: the size decides
    (
        ("Cervix: squamous carcinoma, 1.5 cm in greatest dimension.\nHigh-grade squamous "
        "intraepithelial neoplasia, involving the ectocervix and the\nvaginal cuff."),
        "T1b1",
    ),
    (
        ("Cervix: squamous carcinoma, 1.5 cm in greatest dimension; CIN 3 (HSIL), extending into "
        "the upper vagina."),
        "T1b1",
    ),
    # a negated verb reaches the finding its infinitive names
    (
        ("Cervix: squamous carcinoma, 2.0 cm in greatest dimension.\nThe tumor does not invade "
        "through the entire thickness\nof the cervix to involve the contiguous parametria."),
        "T1b1",
    ),
    # negated findings of the new rules
    ("Cervix: squamous carcinoma, tumor size 3 cm. No invasion beyond the uterus.", "T1b1"),
    (
        ("Cervix: squamous carcinoma, tumor size 3 cm. Paracervical soft tissue margins are not "
        "involved by tumor."),
        "T1b1",
    ),
    # a checklist item alone on its line, its answer on the line under it
    (
        (
            "Cervix, radical hysterectomy: squamous carcinoma, tumor size 3 cm.\nParametrial "
            "involvement\n- No parametrial involvement is seen."
        ),
        "T1b1",
    ),
    # a checklist answer on the line under its item, after a colon or none
    ("Cervix: squamous carcinoma, 3 cm.\nParametrial involvement:\nNot identified", "T1b1"),
    ("Cervix: squamous carcinoma, 3 cm.\nParametrial involvement\nNot identified", "T1b1"),
    # the diagnosis's denial, naming no side, outweighs the gross impression and a block key
    (
        (
            "Cervix, radical hysterectomy: squamous carcinoma (2 cm), without parametrial invasion."
            "\nGross: the tumor extends into the adjacent parametrial tissue. Sections: C3 to C6 - "
            "tumor, involving left cervix and parametrium."
        ),
        "T1b1",
    ),
    # an abdominal organ sampled, or named in a denial, is no extension beyond the pelvis
    ("Cervix: squamous carcinoma, 4 cm.\nOmentum: no tumor seen. Appendix: unremarkable.", "T1b1"),
    ("Cervix: squamous carcinoma, 4 cm. The tumor does not invade the small bowel.", "T1b1"),
]


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "value", "evidence"), DERIVED)
def test_staging_inference_cervix_reads_the_finding(text: str, value: str, evidence: str) -> None:
    derived, words = reading.derived_t(text)
    assert derived == value, (derived, words)
    assert evidence.lower() in words.lower(), words


@pytest.mark.issue(4)
@pytest.mark.parametrize(("text", "value"), LESSER)
def test_staging_inference_cervix_skips_what_is_no_invasion(text: str, value: str) -> None:
    assert reading.derived_t(text)[0] == value


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    "text",
    [
        # a biopsy's fragment is a piece of the tumour, not its size; no depth can be read
        ("Cervix, biopsy: squamous carcinoma in fragments; depth of invasion cannot be assessed. The\n"
        "largest fragment of\ntumor measures 4.0 mm."),
        "Cervix, biopsy: squamous carcinoma. Fragments of tumor measuring up to 0.6 cm.",
    ],
)
def test_staging_inference_cervix_no_t_from_a_biopsy_fragment(text: str) -> None:
    assert reading.derived_t(text) == (None, "")


# A radical hysterectomy report whose cervix OCR garbled, so the benign corpus and adnexa it lists
# outnumber it; the same report after a total hysterectomy; the radical one for a corpus carcinoma.
_RADICAL = (
    "UTERUS, CERV1X, RADICAL HYSTERECTOMY\n- CARCINOMA, 3.0 CM IN GREATEST DIMENSION\n"
    "UTERUS, ENDOMETRIUM, RADICAL HYSTERECTOMY\n- PROLIFERATIVE ENDOMETRIUM\n"
    "UTERUS, MYOMETRIUM, RADICAL HYSTERECTOMY\n- LEIOMYOMA\n"
)
_TOTAL = _RADICAL.replace("RADICAL", "TOTAL")
_RADICAL_CORPUS = (
    "Uterus, radical hysterectomy: endometrioid adenocarcinoma, FIGO grade 2.\n"
    "Endometrium: tumor, 3 cm.\n"
)
_ADNEXA = (
    "Uterus, tubes and ovaries, radical hysterectomy:\nRight ovary: follicular cysts.\n"
    "Left ovary: corpus luteum.\nCerv1x: carcinoma, 2 cm.\n"
)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "site"),
    [
        # the resection done for a cervical carcinoma names the cervix over the corpus and adnexa
        (_RADICAL, "cervix"),
        (_ADNEXA, "cervix"),
        # a total hysterectomy names no organ; a corpus histology keeps the corpus
        (_TOTAL, "uterus"),
        (_RADICAL_CORPUS, "uterus"),
        # the cervix named by its own words needs no resection
        ("Cervix, cone: squamous cell carcinoma of the cervix.", "cervix"),
    ],
)
def test_histology_site_radical_hysterectomy_names_the_cervix(text: str, site: str) -> None:
    assert histology.primary_site(text) == site


@pytest.mark.issue(4)
def test_staging_inference_cervix_rules_apply_to_a_radical_hysterectomy() -> None:
    assert reading.derived_t(_RADICAL) == ("T1b1", "CARCINOMA, 3.0 CM")
    assert reading.derived_t(_TOTAL) == (None, "")  # the corpus has no inference rules


@pytest.mark.issue(4)
def test_primary_site_finding_shows_the_resection_only_without_an_organ_word(
    production_extractor: Extractor,
) -> None:
    evidence = production_extractor.extract_text(_RADICAL).field_evidence["primary_site"]
    assert (evidence.text, evidence.source) == ("RADICAL HYSTERECTOMY", "site_resection (medium)")
    named = _RADICAL.replace("CERV1X", "CERVIX")
    findings = production_extractor.extract_text(named)
    assert findings.primary_site == "cervix"
    assert findings.field_evidence["primary_site"].text == "CERVIX"


@pytest.mark.parametrize(
    "unit",
    [
        "does not invade through the cervix to ",
        "hsil, involving ",
        "paracervical soft tissue margins are involved by ",
        "tumor size: 1 x 2 x ",
        "invasive to, m imum depth of",
        "parametrium: absence of ",
        "radical hysterectomy uterus ovary ",
    ],
)
def test_staging_inference_cervix_patterns_stay_linear_on_a_megabyte_line(unit: str) -> None:
    text = "Cervix, radical hysterectomy: carcinoma. " + unit * (1_000_000 // len(unit))
    # CPU time, each reader on its own: other jobs on the machine do not count
    for read in (staging.find, histology.primary_site):
        assert cpu_seconds(lambda read=read: read(text)) < 1.0, read
