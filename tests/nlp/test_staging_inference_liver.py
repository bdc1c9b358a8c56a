"""T inferred for the liver, the intrahepatic bile ducts and the pancreas (AJCC 8th ch. 22, 23, 28;
7th ch. 18, 19, 24 where they differ): the wordings of vascular invasion, several tumours, sizes and
invaded structures that the reports of these organs use.

Every text here is our own wording of a pattern seen in real reports; none is copied from one.
"""

from __future__ import annotations

import pytest
import staging_reading as reading

from review_engine.nlp.recognizers import histology, staging

# (report text, edition or None for AJCC 8th, derived T, words it must rest on)
DERIVED = [
    # vascular invasion: small-vessel, venous and lymphovascular wordings are vascular invasion
    # (liver 8th T2 over 2 cm; bile ducts T2)
    (
        ("Liver, right lobe: hepatocellular carcinoma, 9 x 7 x 6 cm. There is extensive "
        "lymphovascular space involvement."),
        None,
        "T2",
        "lymphovascular space involvement",
    ),
    (
        "Liver: hepatocellular carcinoma measuring 2.7 cm. Focal small vessel invasion is seen.",
        None,
        "T2",
        "small vessel invasion",
    ),
    (
        ("Liver, resection: hepatocellular carcinoma, 5 cm. The permanent sections show focal "
        "venous invasion by the tumor."),
        "AJCC7",
        "T2",
        "venous invasion",
    ),
    (
        ("Liver: intrahepatic cholangiocarcinoma forming a single mass (6 x 5 x 3 cm). Major vessel "
        "invasion is absent. Microscopic vessel invasion is present."),
        None,
        "T2",
        "Microscopic vessel invasion",
    ),
    # several tumours: a satellite given its size, a second or separate nodule, a numbered mass
    # block, the second size of a bracketed list (8th T3 over 5 cm, else T2; 7th T3a)
    (
        ("Liver, right lobe: hepatocellular carcinoma. At 2 cm from the resection margin the firm "
        "lobulated tumor 11.0 x 6.5 x 8.0 cm is present. Near it there is a satellite 2 cm in "
        "diameter."),
        None,
        "T3",
        "satellite",
    ),
    (
        ("Liver, left hepatectomy: hepatocellular carcinoma forming a dominant mass (4.8 x 4.2 x "
        "3.7 cm). Above it lies a second nodule of hepatocellular carcinoma, about 1.5 cm."),
        None,
        "T2",
        "second nodule",
    ),
    (
        ("Liver, hepatectomy: hepatocellular carcinoma.\n[Mass 1]\nLocation: segment 8\n"
        "Size: 10.0 x 7.0 x 6.0 cm\n[Mass 2]\nLocation: segment 5\nSize: 2.2 x 2.0 x 2.0 cm"),
        "AJCC7",
        "T3a",
        "[Mass 2]",
    ),
    (
        ("Liver, segments V and VI: hepatocellular carcinoma forming multiple (2) masses "
        "(1.7 x 1.6 x\n1.5 cm and 11.8 x 11.3 x 10.2 cm)."),
        None,
        "T3",
        "multiple (2) masses",
    ),
    (
        ("Liver, right: cholangiocarcinoma of the intrahepatic bile ducts forming a solid mass "
        "(20 x 13 x 11 cm) and a separate nodule (2.2 x 1.8 x 1.4 cm)."),
        None,
        "T2",
        "separate nodule",
    ),
    # sizes: a margin named earlier in a sentence that goes on to the tumour; a size on the line
    # after "measuring"; a size in a lesion's own block of a gross checklist
    (
        ("Liver: hepatocellular carcinoma. At 2.0 cm from the resection margin the "
        "well-circumscribed firm lobulated green tumor 11.0 x 6.5 x 8.0 cm is present."),
        None,
        "T1b",
        "11.0 x 6.5 x 8.0 cm",
    ),
    (
        ("Liver: hepatocellular carcinoma. Within the liver is a well circumscribed tan nodule "
        "measuring\n6.0 x 5.8 x 7.3 cm."),
        None,
        "T1b",
        "6.0 x 5.8 x 7.3 cm",
    ),
    (
        ("Liver, hepatectomy: hepatocellular carcinoma.\n[Mass 1]\nTumor location: segment 8\n"
        "Size: 10.0 x 7.0 x 6.0 cm\nGross type: expanding nodular"),
        "AJCC7",
        "T1",
        "10.0 x 7.0 x 6.0 cm",
    ),
    # invaded structures: the diaphragm entered but not passed (T4); the wall of a large caliber
    # vein and major vessel invasion (8th T4, 7th T3b)
    (
        ("Liver: hepatocellular carcinoma forming a 10 cm mass. The hepatic capsule is involved "
        "with extension into but not through the adherent portion of the diaphragm."),
        None,
        "T4",
        "diaphragm",
    ),
    (
        ("Liver: hepatocellular carcinoma, 12 cm. Tumor infiltrates the wall of a large caliber "
        "vein with intraluminal tumor present."),
        "AJCC7",
        "T3b",
        "large caliber vein",
    ),
    (
        "Liver: hepatocellular carcinoma, 4 cm. Major vessel invasion is present.",
        None,
        "T4",
        "Major vessel invasion",
    ),
    # intrahepatic bile ducts: the gallbladder is a local extrahepatic structure (8th T4, 7th T3)
    (
        ("Liver, segment IVb and gallbladder: intrahepatic cholangiocarcinoma, 10 cm. The tumor "
        "invades\ninto the wall of the gallbladder."),
        None,
        "T4",
        "gallbladder",
    ),
    (
        ("Liver, segment IVb and gallbladder: intrahepatic cholangiocarcinoma, 10 cm. The tumor "
        "invades\ninto the wall of the gallbladder."),
        "AJCC7",
        "T3",
        "gallbladder",
    ),
    # intrahepatic bile ducts: perihilar lymph nodes are a node station, not a perihilar tumour
    (
        ("Liver, extended right hepatectomy: intrahepatic cholangiocarcinoma forming a 7.6 x 6.3 x "
        "4.5\ncm tumor. Multiple (4) perihilar lymph nodes are negative."),
        None,
        "T1b",
        "7.6 x 6.3 x 4.5",
    ),
    # pancreas, AJCC 7th: tumour in the portal vein wall or extra-pancreatic invasion is beyond the
    # pancreas (T3); the 8th goes by size
    (
        ("Pancreas, Whipple: ductal adenocarcinoma, tumour size 35 mm. Tumour is present within the "
        "media of the\nportal vein segment."),
        "AJCC7",
        "T3",
        "portal vein",
    ),
    (
        ("Pancreas, Whipple: ductal adenocarcinoma, tumour size 35 mm. Tumour is present within the "
        "media of the\nportal vein segment."),
        None,
        "T2",
        "35 mm",
    ),
    (
        ("Pancreas, distal: ductal adenocarcinoma infiltrating adjacent adipose tissue with nests "
        "of extra-pancreatic invasion."),
        "AJCC7",
        "T3",
        "extra-pancreatic invasion",
    ),
    # a checklist's size label carrying its unit in brackets, the point spaced by OCR
    (
        (
            "Liver, segmentectomy: hepatocellular carcinoma\nTumor number: one\n"
            "Satellite nodule: no\nSize( cm):2.6x1. 8cm\nDifferentiation: Edmondson grade II"
        ),
        None,
        "T1b",
        "2.6x1. 8cm",
    ),
    # the tumour found in the specimen, its size in the participle closing the sentence
    (
        (
            "Liver, segment 7: hepatocellular carcinoma. The liver portion measures 8.0 x 6.5 cm. "
            "A pale opaque\nnodule is identified on the cut surface of the specimen measuring "
            "3.2 x 3.0 x 2.5 cm."
        ),
        None,
        "T1b",
        "measuring 3.2 x 3.0 x 2.5 cm",
    ),
]


@pytest.mark.parametrize(("text", "edition", "t", "words"), DERIVED)
def test_staging_inference_liver_derives_t(
    text: str, edition: str | None, t: str, words: str
) -> None:
    value, span = reading.derived_t(text, edition)
    assert value == t
    assert words in span


# (report text, edition, T that must not be derived, or None: no T at all)
NOT_DERIVED = [
    # a large vessel named in a checklist label, answered absent: no vascular invasion
    (
        "Liver: hepatocellular carcinoma, 3 cm.\nVenous (large vessel) invasion (V): Absent",
        None,
        "T2",
    ),
    (
        ("Liver: intrahepatic cholangiocarcinoma, 3 cm. Major vessel invasion is absent. "
        "Microscopic (small vessel) invasion is absent."),
        None,
        "T2",
    ),
    # a separate nodule that is benign is no second tumour
    (
        ("Liver: hepatocellular carcinoma, 3 cm. A separate nodule,\nrepresenting a cavernous "
        "hemangioma (1.2 cm), is also identified."),
        None,
        "T2",
    ),
    # a distal bile duct tumour (AJCC 8th ch. 25, by depth) is not staged by the intrahepatic
    # size table, even where OCR wrapped its words
    (
        ("Whipple resection: cholangiocarcinoma forming a solid mass (4.3 x 3.1 x 0.8 cm) located "
        "in the distal common bile\nduct."),
        None,
        "T1a",
    ),
    # a tumour found absent gives no size to the specimen it is looked for in
    (
        (
            "Liver, wedge: hepatocellular carcinoma on biopsy. No residual tumor is seen in the "
            "specimen measuring 12 x 8 x 5 cm."
        ),
        None,
        "T1b",
    ),
]


@pytest.mark.parametrize(("text", "edition", "t"), NOT_DERIVED)
def test_staging_inference_liver_does_not_derive(text: str, edition: str | None, t: str) -> None:
    value, _ = reading.derived_t(text, edition)
    assert value != t


def test_staging_inference_liver_margin_near_size_is_no_tumour_size() -> None:
    # The size read just after a margin is the margin's distance, not the tumour's.
    text = "Liver: hepatocellular carcinoma, 3.5 cm. Resection margin free, closest tumor 0.3 cm."
    value, span = reading.derived_t(text)
    assert (value, span.endswith("3.5 cm")) == ("T1b", True)


def test_staging_inference_liver_negation_wrapped_to_next_line() -> None:
    # The verb that negates the finding, wrapped by OCR onto the next line.
    text = (
        "Liver, partial resection: hepatocellular carcinoma, 10.5 cm in greatest dimension. "
        "Lymphovascular space invasion\nis not identified."
    )
    assert reading.derived_t(text)[0] == "T1b"


# (report text, stated main T): a T typed in lower case after its prefix, read with a repair
LOWER_CASE_T = [
    ("Liver, resection: hepatocellular carcinoma.\n-Staging: pt3, pno.", "T3"),
    ("Pancreas, Whipple: ductal adenocarcinoma.\nTumor extent (Pt3): beyond the pancreas.", "T3"),
]


@pytest.mark.parametrize(("text", "t"), LOWER_CASE_T)
def test_staging_stated_lower_case_t(text: str, t: str) -> None:
    best = staging.best_mention(staging.find(text), "staging.t")
    assert best is not None and best.value == t and not best.attrs.get("derived")
    assert any("->T" in repair for repair in best.repairs)


def test_histology_site_pancreatectomy_names_the_pancreas() -> None:
    # A pancreatectomy is done for a pancreatic tumour: its word tips a vote of bare organ words
    # (a bile duct margin, the pancreas the tumour extends beyond) to the pancreas.
    text = (
        "Procedure: Pancreaticoduodenectomy (partial pancreatectomy)\nTumor location: Head\n"
        "Histologic type: Ductal adenocarcinoma\nCommon bile duct margin: Free of neoplasm\n"
        "Tumor extent: Invasion beyond pancreas to peripancreatic adipose tissue."
    )
    assert histology.primary_site(text) == "pancreas"


def test_staging_inference_liver_two_sizes_in_one_size_field() -> None:
    # A size field giving two tumours' sizes names a second tumour (none over 5 cm: T2).
    text = (
        "Liver: hepatocellular carcinoma.\nGross type: nodular\n"
        "Size (cm): 2.5 x 2.5 x 2.4 cm (S6) and 1.5 x 1.5 x 1.4 cm (S7)"
    )
    assert reading.derived_t(text)[0] == "T2"
