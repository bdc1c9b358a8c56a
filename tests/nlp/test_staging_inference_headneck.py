"""T inferred for head and neck reports (AJCC 8th ch. 7, 10, 11, 13; 7th where it differs).

Every text here is our own wording of a pattern seen in real reports; none is copied from one.
"""

from __future__ import annotations

import pytest
import staging_reading as reading

from review_engine.nlp.recognizers import histology

# (report text, edition or None for AJCC 8th, derived T, words it must rest on)
DERIVED = [
    # bone: a checklist line, a verb with "by contiguity" (OCR glued the article), the jaw in a list
    (
        (
            "Mandible, segmental resection: squamous carcinoma, 2.5 cm.\n"
            "- Osseous tissue infiltrated by squamous carcinoma."
        ),
        None,
        "T4a",
        "Osseous tissue infiltrated by",
    ),
    (
        (
            "Maxilla: squamous cell carcinoma, the tumour infiltrating by contiguitythe osseous tissue "
            "of the alveolus."
        ),
        None,
        "T4a",
        "osseous tissue",
    ),
    (
        "Retromolar trigone: squamous carcinoma extending into tongue, palate and jaw.",
        "AJCC7",
        "T4a",
        "jaw",
    ),
    (
        (
            "Floor of mouth: decalcified sections show invasion by the squamous carcinoma into the "
            "mandibular bone."
        ),
        None,
        "T4a",
        "into the mandibular",
    ),
    # larynx: a tumour across the ventricle or into another region (T2 at least)
    (
        "Larynx, total laryngectomy: a 2.4 cm ulcerated mass in the left transglottic region.",
        None,
        "T2",
        "transglottic region",
    ),
    (
        "Larynx: squamous carcinoma, moderately differentiated, involving right transglottic region.",
        None,
        "T2",
        "transglottic region",
    ),
    (
        "Larynx: transglottic moderately differentiated squamous carcinoma.",
        "AJCC7",
        "T2",
        "transglottic moderately differentiated squamous carcinoma",
    ),
    (
        "Larynx: supraglottic squamous carcinoma, 2 cm, that extends into the glottis.",
        None,
        "T2",
        "glottis",
    ),
    # larynx: cartilage invasion named as a noun, a one-per-line list of structures, the neck's
    # soft tissue with a qualifier, a side before the paraglottic space
    (
        "Larynx: squamous carcinoma, 3 cm; cricoid cartilage invasion is present.",
        None,
        "T4a",
        "cricoid cartilage invasion",
    ),
    (
        "Larynx: carcinoma with focal thyroid cartilages infiltration.",
        None,
        "T4a",
        "thyroid cartilages infiltration",
    ),
    (
        (
            "Larynx: squamous carcinoma involving the following structures:\n- supraglottis\n"
            "- cricoid cartilage\n- strap muscles"
        ),
        None,
        "T4a",
        "cricoid cartilage",
    ),
    (
        (
            "Supraglottic larynx: carcinoma extending into the pre-epiglottic space and the soft tissues "
            "of the anterior neck."
        ),
        None,
        "T4a",
        "soft tissues of the anterior neck",
    ),
    (
        "Larynx: glottic squamous carcinoma that invades left paraglottic space.",
        None,
        "T3",
        "paraglottic space",
    ),
    # beyond the larynx: a checklist's extent into the tongue's deep muscles, the oesophagus in an
    # extent list or as a checklist line
    (
        (
            "LARYNX CHECKLIST\nSpecimen type: Laryngectomy\nTumor size: 3 x 2 cm\n"
            "Tumor extent: Deep muscles of the\ntongue"
        ),
        None,
        "T4a",
        "deep muscles of the\ntongue",
    ),
    (
        (
            "Total laryngectomy: squamous carcinoma involving the anterior soft tissue, deep "
            "subcutaneous tissue, esophagus; lymphovascular invasion present."
        ),
        None,
        "T4a",
        "esophagus",
    ),
    (
        (
            "Total pharyngolaryngectomy: squamous cell carcinoma of the hypopharynx.\n"
            "-Esophagus involved by carcinoma.\n-Tumor size: 1.5 cm"
        ),
        None,
        "T4a",
        "esophagus involved by carcinoma",
    ),
    # a supraglottic tumour into the anterior commissure (the glottis's)
    (
        (
            "Total laryngectomy: invasive squamous carcinoma of the right\nsupraglottic larynx with "
            "extension into the anterior commissure, 2.5 x 2.0 x 1.5 cm."
        ),
        None,
        "T2",
        "anterior commissure",
    ),
    # piriform sinus and supraglottis together: T2 at least, from either side
    (
        (
            "Total laryngectomy: invasive squamous carcinoma involving the piriform sinus and left "
            "supraglottic region. Margins free."
        ),
        "AJCC7",
        "T2",
        "piriform sinus and left supraglottic",
    ),
    (
        (
            "Laryngectomy: there is a red supraglottic tumor on the left side, involving the\n"
            "pyriform sinus. It does not reach the glottis."
        ),
        None,
        "T2",
        "pyriform sinus",
    ),
    (
        (
            "Laryngopharyngectomy: squamous carcinoma of the left pyriform sinus extending into the "
            "left aryepiglottic fold."
        ),
        None,
        "T2",
        "aryepiglottic fold",
    ),
    # a glottic tumour whose checklist extent is the vocal cord alone (OCR glued two labels)
    (
        (
            "LARYNX TISSUE CHECKLIST\nTumor site:  GlottisTumor size:  4 x 4 x 2 cm\n"
            "Histologic grade:  Well differentiatedTumor extent:  Vocal cord\nLymph nodes: 0/9"
        ),
        None,
        "T1",
        "Tumor extent:  Vocal cord",
    ),
    # a piriform sinus carcinoma resected by a laryngectomy: the hypopharynx's size decides (ch. 11),
    # whatever the larynx words of the specimen (a side glued to the sinus by OCR)
    (
        (
            "Total laryngectomy and partial pharyngectomy: invasive squamous carcinoma of the "
            "rightpyriform sinus.\nGross: on the laryngectomy specimen, a 3.0 x 1.0 x 1.0 cm "
            "ulcerated mass. The larynx, glottic and subglottic areas are free."
        ),
        "AJCC7",
        "T2",
        "3.0 x 1.0 x 1.0 cm",
    ),
    # describing words joined by "and" before the tumour noun
    (
        (
            "Total laryngectomy, partial pharyngectomy: carcinoma of the right pyriform sinus.\n"
            "On the laryngectomy specimen, a 2.0 x 1.0x 1.0 cm ulcerated and contracted mass is "
            "noted in the right pyriform sinus; the larynx and the glottic areas are free."
        ),
        None,
        "T1",
        "2.0 x 1.0x 1.0 cm ulcerated and contracted mass",
    ),
    # a "tumor" in the gross paragraph of a specimen labelled as a neck level is a nodal mass; the
    # primary's size decides
    (
        (
            "1. Floor of mouth resection: squamous carcinoma. Maximum tumour size is 1.2 cm.\n"
            '2. The specimen is labeled with the patient\'s name and "level 3 left neck". It '
            "consists of fibroadipose tissue, 6.2 x 4.5 x 3.2 cm. An exposed friable solid tumor on "
            "the surface measures 5 x 2 x 2.9 cm."
        ),
        "AJCC7",
        "T1",
        "1.2 cm",
    ),
    # a label that names the primary's resection with the neck holds the primary
    (
        (
            'The specimen is labeled "composite resection, mandibulectomy and left neck". '
            "There is a tumor arising in the alveolar ridge. The tumor measures 3.0 x 2.0 x 1.0 cm."
        ),
        "AJCC7",
        "T2",
        "3.0 x 2.0 x 1.0 cm",
    ),
    # a margin's negation word says nothing of the finding before it
    (
        (
            "Total pharyngolaryngectomy: carcinoma of the hypopharynx.\n"
            "-Esophagus involved by neoplasia with uninvolved surgical margins."
        ),
        None,
        "T4a",
        "esophagus involved by neoplasia",
    ),
    # depth of invasion (oral cavity, AJCC 8th only): a checklist's "Invasion: present, depth",
    # structure words between the verb and "to a maximum depth of"
    (
        (
            "Oral tongue, partial glossectomy: squamous carcinoma\nTumour features\nSize: 2.6 cm in "
            "largest dimension\nInvasion: present, depth 1.2 cm"
        ),
        None,
        "T3",
        "depth 1.2 cm",
    ),
    (
        (
            "Oral tongue, partial glossectomy: squamous carcinoma\nTumour features\nSize: 2.6 cm in "
            "largest dimension\nInvasion: present, depth 1.2 cm"
        ),
        "AJCC7",
        "T2",
        "2.6 cm",
    ),
    (
        "Tongue: squamous carcinoma. Maximal in-depth infiltration, 7 mm; no angioinvasion.",
        None,
        "T2",
        "depth infiltration, 7 mm",
    ),
    (
        (
            "Soft palate: a 1.8 cm ulcer, which is a tumour that infiltrates the submucosal glands to a "
            "maximum depth of 0.8 cm."
        ),
        None,
        "T2",
        "depth of 0.8 cm",
    ),
    # sizes: a checklist line that opens with its label, "in size", the tumour's size after the
    # specimen's own measurement on one line
    ("Tumor site: Floor of mouth\nsize: 3 x 5 x 2 cm\nGrade: 2", None, "T3", "3 x 5 x 2 cm"),
    (
        (
            "Tongue: the lesion lies on the left lateral border. It is ulcerated and exophytic, with "
            "1.5x3.1x1cm in\nsize."
        ),
        "AJCC7",
        "T2",
        "1.5x3.1x1cm",
    ),
    (
        (
            "Oral cavity, tongue: a specimen measuring 6 x 5 x 3 cm with a firm tumour measuring "
            "1.2 x 0.8 cm."
        ),
        "AJCC7",
        "T1",
        "1.2 x 0.8 cm",
    ),
]

# (report text, the T the report's other words give)
LESSER = [
    # a "but" after the finding denies it
    ("Tongue: squamous carcinoma, 1.6 cm; it reaches the bone but does not infiltrate it.", "T1"),
    ("Tongue: squamous carcinoma, 1.6 cm; it extends to bone but does not invade it.", "T1"),
    # bone involved only superficially is not T4a; the size decides
    ("Oropharynx, base of tongue: squamous carcinoma, 4.8 cm, superficially invading bone.", "T3"),
    # a bone margin involved is a margin; osseous tissue uninvolved is no invasion
    (
        (
            "Tongue: squamous carcinoma, tumor size 3.0 cm.\n- Osseous tissue not involved.\n"
            "- Bone margin involved by carcinoma."
        ),
        "T2",
    ),
]

NOTHING = [
    # a section or the mucosa of the transglottic region is not the tumour's region
    "Larynx: squamous carcinoma. Section code: A4, left transglottic region; A5, transglottic mucosa.",
    (
        "Larynx: squamous carcinoma. The left transglottic mucosa is uninvolved; no tumor in the right "
        "transglottic region."
    ),
    "Larynx, laryngectomy: squamous carcinoma.\nThyroid cartilage invasion: absent",
    "Larynx: squamous carcinoma.\n- Cricoid and thyroid cartilages uninvolved.",
    "Larynx: squamous carcinoma.\n- Thyroid cartilage invasion: none; margins uninvolved.",
    "Tongue: squamous carcinoma. Received: a 3.0 cm fragment and a mass of fat.",
    # a depth (its letters OCR-garbled) at a line end is no size of the next line's "Tumor" label
    "Buccal mucosa: invasive squamous carcinoma\nInvasion Present, deJth 0.6 em \nTumor Border: none",
    # the oesophagus as a margin, its mucosa (hypopharynx T3 by the mucosa alone, which the size
    # rules of the larynx leave unread), a piriform sinus tumour of one site
    "Laryngectomy: squamous carcinoma of the glottis. Esophageal margin: no tumor.",
    "Larynx, laryngectomy: squamous carcinoma extending onto the esophageal mucosa.",
    "Laryngectomy: squamous carcinoma involving the right pyriform sinus; supraglottis free.",
    # a mass the sentence places in a neck level or calls a node is no size of the primary
    (
        "Tongue: squamous carcinoma.\nThere is a 5.0 cm tumor mass in the level 3 and 4 areas of "
        "the right neck dissection."
    ),
    "Tongue: squamous carcinoma.\nA 3.2 cm tumor mass which appears to represent matted lymph nodes.",
    "Larynx: glottic squamous carcinoma extending to the anterior commissure; supraglottis free.",
    # the cord as the extent of a supraglottic tumour (T2 by its words elsewhere), or as a part of it
    "Tumor site: Supraglottis\nTumor size: 2 cm\nTumor extent: Vocal cord\nLymph nodes: 0/9",
    "Tumor site: Glottis\nTumor size: 2 cm\nTumor extent: Vocal cord and subglottis\nMargins: free",
    # sizes of other objects: nodes on the line above a size label, a range, the specimen's own
    "Tongue: squamous carcinoma.\nLymph nodes\nSize: 1.2 cm",
    "Tongue: squamous carcinoma. Lymph nodes ranging from 0.5 to 1.5 cm in size.",
    "Tongue: squamous carcinoma. The specimen is a portion of tongue, 4.0 x 3.0 x 2.0 cm in size.",
]


@pytest.mark.parametrize(("text", "edition", "value", "evidence"), DERIVED)
def test_staging_headneck_t_from_measures_and_structures(
    text: str, edition: str | None, value: str, evidence: str
) -> None:
    derived, words = reading.derived_t(text, edition)
    assert derived == value, (derived, words)
    assert evidence.lower() in words.lower(), words


@pytest.mark.parametrize(("text", "value"), LESSER)
def test_staging_headneck_unaffirmed_structures_leave_the_lesser_t(text: str, value: str) -> None:
    assert reading.derived_t(text)[0] == value


@pytest.mark.parametrize("text", NOTHING)
def test_staging_headneck_nothing_without_grounds(text: str) -> None:
    assert reading.derived_t(text)[0] is None


@pytest.mark.parametrize(
    ("text", "site"),
    [
        # skin reached by the tumour, or named as a margin, is not the primary
        (
            (
                "PRIMARY SITE: Retromolar trigonexq\nResection of mandible: carcinoma involving skin "
                "of the cheek.\nMargins (skin and mucosa) free."
            ),
            "head and neck",
        ),
        (
            (
                "Right mandibulectomy: carcinoma crossing the overlying skin.\nSurgical margins of skin "
                "free."
            ),
            "head and neck",
        ),
        ("(B) RIGHT BUCCAL MUCOSAL MASS:\nINVASIVE SQUAMOUS CARCINOMA.", "head and neck"),
        # skin named as the tumour's own site stays the primary
        ("Skin, left cheek, excision: squamous cell carcinoma, 1.2 cm.", "skin"),
    ],
)
def test_staging_headneck_primary_site(text: str, site: str) -> None:
    assert histology.primary_site(text) == site


DEFERRED = (
    "Tumor Site:        Oral Cavity\n"
    "Tumor Size:        Greatest dimension: {size} cm\n"
    "                   Tumor thickness: {thickness} cm\n"
    "Pathologic Staging (pTNM):   pTX:  Primary tumor of lip or oral cavity cannot be\nassessed\n"
    "Comment: the T category is deferred pending decalcified bone sections."
)


@pytest.mark.parametrize(
    ("size", "thickness", "edition", "value"),
    [
        # a tumour thickness is no depth of invasion: the size decides in both editions
        ("1.2", "1.2", None, "T1"),
        ("1.2", "1.2", "AJCC7", "T1"),
        ("2.5", "0.5", None, "T2"),
    ],
)
def test_staging_headneck_stated_tx_leaves_the_measured_t(
    size: str, thickness: str, edition: str | None, value: str
) -> None:
    # pTX says the tumour cannot be assessed (here while bone sections are pending): the T its
    # measured size gives is the reading, not TX
    text = DEFERRED.format(size=size, thickness=thickness)
    derived, words = reading.derived_t(text, edition)
    assert (derived, words.endswith(f"{size} cm")) == (value, True), words


def test_staging_headneck_stated_tx_stands_without_a_measure() -> None:
    text = (
        "Oral cavity: squamous carcinoma, fragments.\nPathologic Staging (pTNM): pTX: not assessed"
    )
    assert reading.value(text) == "TX"
