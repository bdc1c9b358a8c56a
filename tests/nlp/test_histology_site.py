"""Histology and primary site: Chinese and English wording, and metastasis sites kept out of primary."""

from __future__ import annotations

import time

import pytest

from review_engine.nlp.recognizers import histology


def _histologies(text: str) -> list[str]:
    return [m.value for m in histology.find(text) if m.field == "histology"]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("右肺上叶浸润性腺癌", "adenocarcinoma"),
        ("（右肺）腺癌", "adenocarcinoma"),
        ("Invasive adenocarcinoma, acinar predominant", "adenocarcinoma"),
        ("ADENOCARCINOMA, MODERATELY DIFFERENTIATED", "adenocarcinoma"),
        ("鳞状细胞癌", "squamous cell carcinoma"),
        ("左肺下叶鳞癌", "squamous cell carcinoma"),
        ("squamous cell carcinoma, keratinizing", "squamous cell carcinoma"),
        ("小细胞癌", "small cell carcinoma"),
        ("small cell carcinoma", "small cell carcinoma"),
        ("非小细胞肺癌", "non-small cell carcinoma"),
        ("non-small cell carcinoma, favor adenocarcinoma", "non-small cell carcinoma"),
        ("乳腺浸润性导管癌", "invasive ductal carcinoma"),
        ("invasive ductal carcinoma, grade 2", "invasive ductal carcinoma"),
        ("浸润性癌（非特殊类型）", "invasive ductal carcinoma"),
        # the WHO name written with a comma or first ('NST'): it was read as no histology
        ("浸润性癌，非特殊类型", "invasive ductal carcinoma"),
        ("非特殊类型浸润性癌，II级", "invasive ductal carcinoma"),
        ("invasive carcinoma, NST, grade 2", "invasive ductal carcinoma"),
        ("浸润性小叶癌", "invasive lobular carcinoma"),
        ("黏液腺癌", "mucinous adenocarcinoma"),
        ("胃印戒细胞癌", "signet ring cell carcinoma"),
        ("腺鳞癌", "adenosquamous carcinoma"),
        ("高级别浆液性癌", "high-grade serous carcinoma"),
        ("胃肠间质瘤", "gastrointestinal stromal tumor"),
        ("Invasive urothelial carcinoma", "urothelial carcinoma"),
    ],
)
def test_histology_term(text: str, term: str) -> None:
    assert _histologies(text)[0] == term


def test_histology_longest_wording_wins() -> None:
    # 'non-small cell carcinoma' is never read as 'small cell carcinoma', nor 腺鳞癌 as 腺癌.
    assert _histologies("non-small cell carcinoma 腺鳞癌") == [
        "non-small cell carcinoma",
        "adenosquamous carcinoma",
    ]


def test_histology_keeps_invasive_as_qualifier() -> None:
    mention = next(m for m in histology.find("浸润性腺癌") if m.field == "histology")
    assert (mention.value, mention.attrs["qualifier"]) == ("adenocarcinoma", "invasive")


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("右肺上叶浸润性腺癌", "lung"),
        ("左肺下叶结节，鳞癌", "lung"),
        ("Lung, right upper lobe, lobectomy: adenocarcinoma", "lung"),
        ("乳腺浸润性导管癌", "breast"),
        ("Left breast, mastectomy: invasive ductal carcinoma", "breast"),
        ("结肠腺癌", "colorectum"),
        ("直肠癌根治术标本", "colorectum"),
        ("Sigmoid colon, resection: adenocarcinoma", "colorectum"),
        ("胃窦印戒细胞癌", "stomach"),
        ("Gastric adenocarcinoma, intestinal type", "stomach"),
        ("卵巢高级别浆液性癌", "ovary"),
        ("胰腺导管腺癌", "pancreas"),
        ("甲状腺乳头状癌", "thyroid"),
        ("Invasive urothelial carcinoma", "bladder"),  # the histology implies the organ
        # A cystoprostatectomy names the prostate over and over; the urothelial carcinoma is the bladder's.
        (
            (
                "Urinary bladder and prostate, cystoprostatectomy: invasive high grade urothelial carcinoma.\n"
                "Incidental prostatic adenocarcinoma, Gleason 3+3=6, in the prostate; prostate apex margin negative.\n"
                "Prostatic urethra: free of tumor. Seminal vesicles and prostate base: no tumor."
            ),
            "bladder",
        ),
    ],
)
def test_histology_primary_site(text: str, site: str) -> None:
    assert histology.primary_site(text) == site


@pytest.mark.parametrize(
    ("text", "primary", "not_primary"),
    [
        ("肺腺癌伴肝转移", "lung", "liver"),
        ("肝穿刺活检：转移性腺癌，结合免疫组化符合肺来源", "lung", "liver"),
        (
            "Liver, biopsy: metastatic adenocarcinoma, consistent with colorectal primary",
            "colorectum",
            "liver",
        ),
        ("Lymph node, excision: metastatic adenocarcinoma from lung", "lung", None),
        ("Brain, resection: metastatic carcinoma, primary lung adenocarcinoma", "lung", "brain"),
        ("乳腺癌骨转移、脑转移", "breast", "brain"),
    ],
)
def test_histology_metastasis_site_is_not_primary(
    text: str, primary: str, not_primary: str | None
) -> None:
    sites = [m.value for m in histology.find(text) if m.field == "primary_site"]
    assert histology.primary_site(text) == primary
    assert not_primary not in sites


@pytest.mark.parametrize(
    "text",
    [
        "Liver, needle biopsy: metastatic adenocarcinoma",  # metastasis, origin not said
        "（左锁骨上）淋巴结转移性腺癌",
        "骨转移灶穿刺",
        "colonoscopy was unremarkable",  # 'colon' inside another word
    ],
)
def test_histology_no_primary_site_from_metastasis_wording(text: str) -> None:
    assert histology.primary_site(text) is None


HOSTILE = [
    "a" * 1_000_000,
    "肺" * 1_000_000,
    "lung " * 200_000,
    "腺癌" * 500_000,
    "metastatic to the " * 60_000,
    "中" * 1_000_000,
    "İ" * 1_000_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_histology_hostile_line_is_fast(text: str) -> None:
    histology.find("右肺上叶浸润性腺癌，肝转移")  # knowledge loads once per process, not per call
    started = time.process_time()
    histology.find(text)
    assert time.process_time() - started < 1.0


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Diagnosis: invasive non-mucinous adenocarcinoma", ["adenocarcinoma"]),
        ("non mucinous adenocarcinoma, acinar predominant", ["adenocarcinoma"]),
        ("浸润性非黏液腺癌", ["adenocarcinoma"]),
        ("non-small-cell carcinoma", ["non-small cell carcinoma"]),
        ("invasive mucinous adenocarcinoma", ["mucinous adenocarcinoma"]),
    ],
)
def test_histology_negated_modifier_gives_no_subtype(text: str, terms: list[str]) -> None:
    assert _histologies(text) == terms


@pytest.mark.issue(4)
@pytest.mark.parametrize("text", ["（左乳外上象限）浸润性癌（非特殊类型）", "（右乳）肿物切除标本：浸润性小叶癌"])
def test_histology_side_and_breast_abbreviation_is_breast(text: str) -> None:
    assert "breast" in [m.value for m in histology.find(text) if m.field == "primary_site"]


def _site_mentions(text: str) -> list[tuple[str, str]]:
    return [(m.value, m.pattern) for m in histology.find(text) if m.field == "primary_site"]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "site"),
    [
        # The cervix in every wording: adjective, endocervix, its canal; the uterus and adnexa around it
        # are the hysterectomy specimen, named more often than the cervix.
        (
            (
                "Uterus, tubes and ovaries, radical hysterectomy. Right ovary: cyst. Left ovary: cyst.\n"
                "Endocervical adenocarcinoma, usual type, 2.8 cm."
            ),
            "cervix",
        ),
        ("Cervical biopsy: poorly differentiated adenocarcinoma", "cervix"),
        ("Clinical history: cervical mass. Uterus and ovaries received.", "cervix"),
        # Head and neck subsites: oral cavity, larynx, pharynx, maxilla, in English and Chinese.
        ("Hard palate and maxilla, partial maxillectomy: invasive squamous cell carcinoma", "head and neck"),
        ("Squamous cell carcinoma of the subglottis, 2.0 cm. Right lobe of thyroid: colloid nodule", "head and neck"),
        ("Floor of the mouth, resection: squamous cell carcinoma, keratinizing", "head and neck"),
        ("Left gingival mass, biopsy: squamous cell carcinoma", "head and neck"),
        ("Right aryepiglottic fold and false cord: invasive squamous cell carcinoma", "head and neck"),
        ("口底鳞状细胞癌，中分化", "head and neck"),
        ("声门型鳞状细胞癌", "head and neck"),
    ],
)
def test_histology_cervix_and_head_and_neck_wording(text: str, site: str) -> None:
    assert histology.primary_site(text) == site


@pytest.mark.issue(4)
def test_histology_cervical_lymph_nodes_are_the_neck_not_the_cervix() -> None:
    text = (
        "Left neck dissection: metastatic squamous cell carcinoma in 2 of 20 cervical lymph nodes.\n"
        "Cervical nodes, level II: reactive. Tongue, partial glossectomy: squamous cell carcinoma.\n"
        "Lymph nodes, level 3, right cervical, regional resection: negative (0/6).\n"
        "Nodes by zone: 0/4 upper posterior cervical; 0/2 midposterior cervical; 0/3 deep cervical."
    )
    assert histology.primary_site(text) == "head and neck"
    assert "cervix" not in [site for site, _ in _site_mentions(text)]


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "not_primary"),
    [
        # A measured distance or a sampled section 'from' an organ says nothing of the tumour's origin.
        ("The tumour lies 1.0 cm from the skin edge and 0.8 cm from the inferior skin margin.", "skin"),
        ("Representative sections from the thyroid gland are submitted.", "thyroid"),
        ("A stent protrudes from the bile duct margin.", "bile duct"),
    ],
)
def test_histology_from_without_a_tumour_is_no_origin(text: str, not_primary: str) -> None:
    assert (not_primary, "site_origin (strong)") not in _site_mentions(text)


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "not_primary"),
    [
        ("No endometrial lesion is seen.", "uterus"),
        ("The pattern is that of a cervical rather than an endometrial origin.", "uterus"),
        ("Frozen section: R/O liver mass, biopsy: mesothelial cells.", "liver"),
        ("Right ovary and tube: no tumor present.", "ovary"),
        ("Left tube and ovary, negative for malignancy.", "ovary"),
    ],
)
def test_histology_organ_said_free_of_tumour_is_not_primary(text: str, not_primary: str) -> None:
    assert not_primary not in [site for site, _ in _site_mentions(text)]


@pytest.mark.issue(4)
def test_histology_free_margins_later_on_a_line_keep_its_organ() -> None:
    text = "Sigmoid colon, resection specimen with unremarkable margins and an ulcerated adenocarcinoma"
    assert histology.primary_site(text) == "colorectum"


@pytest.mark.issue(4)
def test_histology_ovaries_without_tumour_do_not_outvote_the_cervix() -> None:
    text = (
        "A. Right ovary and tube: no tumor present.\nB. Left ovary and tube: no tumor present.\n"
        "C. Ovary, cortex: negative for malignancy.\nD. Cervix, radical hysterectomy: invasive carcinoma."
    )
    assert histology.primary_site(text) == "cervix"


@pytest.mark.issue(4)
def test_histology_synoptic_tumour_site_line_is_the_origin() -> None:
    assert ("lung", "site_origin (strong)") in _site_mentions("Tumor site: right upper lobe of the lung")
    assert ("head and neck", "site_origin (strong)") in _site_mentions(
        "Location of primary site: bilateral supraglottis"
    )


@pytest.mark.issue(4)
@pytest.mark.parametrize(
    ("text", "site"),
    [
        # An intrahepatic cholangiocarcinoma lies in the liver; AJCC stages it as the bile ducts'.
        ("Tumor location: right hepatic lobe. Intrahepatic cholangiocarcinoma, mass-forming.", "bile duct"),
        # A liver checklist that lists cholangiocarcinoma as a component keeps the liver.
        (
            (
                "Tumor location: right hepatic lobe. Hepatocellular carcinoma, moderately differentiated.\n"
                "Cholangiocarcinoma component: absent."
            ),
            "liver",
        ),
    ],
)
def test_histology_cholangiocarcinoma_in_the_liver_is_bile_duct(text: str, site: str) -> None:
    assert histology.primary_site(text) == site


@pytest.mark.issue(4)
def test_histology_phrase_wrapped_over_a_line_is_read() -> None:
    # OCR wraps a phrase anywhere: 'hepatocellular\ncarcinoma' is one term (and names the liver),
    # where a checklist's printed options name cholangiocarcinoma.
    text = (
        "Liver, segment VII, resection: hepatocellular\ncarcinoma, 9 cm.\nHistologic type\n"
        "Cholangiocarcinoma, intrahepatic"
    )
    assert "hepatocellular carcinoma" in _histologies(text)
    assert histology.primary_site(text) == "liver"
