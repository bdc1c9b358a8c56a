"""Stated T/N as real OCR'd pathology reports write them: garbled run ends, sub-letters OCR misread,
checklists whose marks survive or not, ranges, corrections, clinical and conditional runs, and the
incidental cancer of a second organ. Wording is our own; each case reproduces a pattern met in the
TCGA development reports (found by error analysis, never copied).
"""

from __future__ import annotations

import pytest

from review_engine.nlp.mentions import Mention
from review_engine.nlp.recognizers import staging


def _stated(text: str, field: str = "staging.t") -> Mention | None:
    """The best stated (not derived) reading: these tests are about reading, not inference."""
    stated = [m for m in staging.find(text) if not m.attrs.get("derived")]
    return staging.best_mention(stated, field)


def _stated_value(text: str, field: str = "staging.t") -> str | None:
    best = _stated(text, field)
    return str(best.value) if best else None


def _assert_unpenalised_run(text: str, t: str, organ: str) -> None:
    """The best stated T is ``t``, read as ``organ``'s run and not weakened as another organ's."""
    best = _stated(text)
    assert best is not None and best.value == t
    assert best.attrs["organ"] == organ and best.score >= 0.85


@pytest.mark.parametrize(
    ("text", "t", "n"),
    [
        # the R (resection) code after the run, its 1 read as I or l
        ("FINAL TNM STAGE: pT3bN0MXRI\nCLINICAL HISTORY: none", "T3b", "N0"),
        ("TNM Stage pT2aRl pN0 pMX", "T2a", "N0"),
        # M left unassessed in words glued to the run
        ("corresponds to AJCC stage III (pT3N1Mn/a).", "T3", "N1"),
        ("AJCC stage: pT2bN0M-n/a (FIGO IIB)", "T2b", "N0"),
        ("stage IVA (pT2pN2pM n/a).", "T2", "N2"),
        # a prefixed run right after a digit, where OCR dropped the space
        ("Summary: urothelial carcinoma, G3pT2", "T2", None),
        ("nodes involved: 0 (AJCC 7th ed., 2010pTlbl: visible lesion under 4 cm", "T1b1", None),
        # an N whose value OCR garbled: the T before it stands
        ("[AJCC pT3aN01 (7th edition)]", "T3a", None),
    ],
)
def test_stated_run_survives_ocr_at_its_ends(text: str, t: str, n: str | None) -> None:
    assert _stated_value(text) == t
    if n:
        assert _stated_value(text, "staging.n") == n


def test_unprefixed_category_glued_to_a_number_is_no_run() -> None:
    assert _stated_value("blocks 14T2 and 15T3 were submitted") is None


@pytest.mark.parametrize(
    ("text", "t", "repair"),
    [
        ("pTN stage: pT2o N0.", "T2c", "o->c"),  # c read as o
        ("Staging (AJCC 2010): pT1h1, N0", "T1b1", "h->b"),  # b read as h
        ("STAGE: pT2bb, pN0, pMX.", "T2b", "bb->b"),  # the sub-letter printed twice
        # an older edition's depth split left open: the main category, the drop recorded
        ("PATHOLOGIC STAGING (pTNM): pT3a/b  pN0", "T3", "a/b->main category"),
        ("Pathologic Stage:  pT3c/d N2 MX", "T3", "c/d->main category"),
        (
            "low-grade adenocarcinoma\npT3alb\npN0",
            "T3",
            "alb->main category",
        ),  # the slash read as l
    ],
)
def test_sub_letter_as_ocr_reads_it(text: str, t: str, repair: str) -> None:
    best = _stated(text)
    assert best is not None and best.value == t
    assert any(r.startswith(repair) for r in best.repairs), best.repairs


_LIVER_OPTIONS = (
    "Primary Tumor (pT)\n"
    "{mx}pTX; Cannot be judged\n"
    "{m0}pT0: No sign of a primary tumour\n"
    "{m1}pTl: One tumour without vessel invasion\n"
    "{m2}pT2; One tumour with vessel invasion, or several none over 5 cm\n"
    "{m3}pT3: Several tumours over 5 cm, or one in a major portal branch\n"
    "{m4}pT4: Tumour(s) invading neighbouring organs\n"
    "Regional Lymph Nodes (pN)\n"
)


def _options(**marks: str) -> str:
    return _LIVER_OPTIONS.format(**{f"m{k}": marks.get(f"m{k}", "") for k in "x01234"})


def test_checklist_with_semicolons_and_no_mark_states_nothing() -> None:
    # A colon read as a semicolon still makes a definition; with every mark lost, no option is
    # the finding (the unchecked 'pT2;' used to be read as the report's T).
    assert _stated_value(_options()) is None


def test_checklist_with_most_categories_garbled_states_nothing() -> None:
    # The whole list is printed, but OCR left only two categories readable: their definitions are
    # options still, and a size elsewhere decides the T.
    text = (
        "Floor of mouth: squamous cell carcinoma, tumour size 3.1 cm.\n"
        "Primary Tumor (pT)\npTX: Cannot be assessed\npTO: No evidence of primary tumor\n"
        "T?: Tumor 2 cm or less in greatest dimension\n13T I: Tumor more than 2 cm, not more than 4 cm\n"
        "pTd: Tumor more than 4 cm\n"
    )
    assert _stated_value(text) is None
    best = staging.best_mention(staging.find(text), "staging.t")
    assert best is not None and (best.value, best.attrs.get("derived")) == ("T2", True)


@pytest.mark.parametrize(("marks", "t"), [({"m1": "V "}, "T1"), ({"m2": "^"}, "T2")])
def test_checklist_mark_at_line_start_chooses(marks: dict[str, str], t: str) -> None:
    assert _stated_value(_options(**marks)) == t


def test_checklist_run_into_one_line_keeps_its_mark() -> None:
    # OCR ran the options into one line; blanks read '___', the ticked box an X glued to the word
    # before it.
    text = (
        "Primary Tumor (pT): Oral Cavity\n___ pTX:    Not assessable___ pT0:    No primary found"
        "___ pTis:   In situ only___ pT1:    Tumour of 2 cm or lessX   pT2:    Tumour over 2 cm,"
        " up to 4 cm___ pT3:    Tumour over 4 cm___ pT4a:   Invades nearby structures"
    )
    assert _stated_value(text) == "T2"


def test_range_of_categories_is_no_finding() -> None:
    assert (
        _stated_value("Panel helps to predict outcome in patients with pTa-T3 N0 disease.") is None
    )
    assert _stated_value("Sections T1 to T4 are from the tumour.") is None
    text = (
        "Score predicts recurrence for patients with pTa-T3 N0 bladder tumours.\n"
        "Primary Tumor (pT: pT4a: tumour invades the prostatic stroma"
    )
    assert _stated_value(text) == "T4a"


@pytest.mark.parametrize(
    ("text", "t"),
    [
        (
            (
                "pTNM stage: pT2c N0.\nADDENDUM: fat involvement seen on deeper levels; the stage is"
                " therefore changed to a pT3."
            ),
            "T3",
        ),
        (
            (
                "Classification: pT3 pN1 pMX R0.\nAdditional report: the classification held an"
                " error that has to be corrected. It is pT2 pN1 pMX R0."
            ),
            "T2",
        ),
    ],
)
def test_stated_correction_outranks_the_run_it_corrects(text: str, t: str) -> None:
    best = _stated(text)
    assert best is not None and best.value == t
    assert "correction" in best.attrs["context"]


@pytest.mark.parametrize(
    ("text", "t"),
    [
        (
            (
                "Clinical diagnosis (suspected): cancer of the mouth floor into the jaw T3N1M0\n"
                "Diagnosis: keratinizing squamous carcinoma, pT4a, pN0"
            ),
            "T4a",
        ),
        (
            "PRE-OP DIAGNOSIS: T4 N2b hypopharynx.\nFINAL PATHOLOGIC STAGE: T3 N2b MX.",
            "T3",
        ),
    ],
)
def test_clinical_run_yields_to_the_pathologic_one(text: str, t: str) -> None:
    assert _stated_value(text) == t
    clinical = [m for m in staging.find(text) if "clinical" in m.attrs.get("context", ())]
    assert clinical, "the clinical run is recorded as such"


def test_conditional_category_is_no_finding() -> None:
    text = "AJCC stage: at least pT2NX; pT4NX if the capsule breach is a true extension."
    assert _stated_value(text) == "T2"


_CYSTOPROSTATECTOMY = (
    "SPECIMEN: radical cystoprostatectomy with pelvic nodes.\n"
    "Prostatic adenocarcinoma, Gleason 3+4=7, organ confined; prostate adenocarcinoma in both"
    " lobes. Prostate: pT2c N0.\n"
    "{bladder}"
)


def test_cystoprostatectomy_is_staged_for_the_bladder() -> None:
    # However much the wording speaks of the prostate, the resection was done for the bladder
    # cancer: the incidental prostate run is another organ's.
    text = _CYSTOPROSTATECTOMY.format(bladder="Bladder: urothelial carcinoma, pT3a N0.")
    best = _stated(text)
    assert best is not None and best.value == "T3a"
    prostate = [m for m in staging.find(text) if m.attrs.get("organ") == "prostate"]
    assert prostate and all(m.score < best.score for m in prostate)


def test_ruled_out_cue_names_no_organ() -> None:
    text = (
        "Radical cystectomy: urothelial carcinoma invading the perivesical fat.\n"
        "Stain pending on block D7 to rule out prostatic adenocarcinoma.\n"
        "AJCC PATHOLOGIC TNM STAGE: pT4a pN0"
    )
    best = _stated(text)
    assert best is not None and best.value == "T4a"
    assert best.attrs["organ"] == "bladder"  # the ruled-out prostate cue is not the nearest


def test_bladder_and_prostate_specimen_is_staged_for_the_bladder() -> None:
    text = (
        'C: Received fresh and labelled "Bladder & prostate".\n'
        "Prostatic adenocarcinoma, Gleason 3+3=6, in both lobes; prostate adenocarcinoma confined.\n"
        "PROSTATE: pT2cN0MX\nBLADDER: pT3bN0MX\n"
    )
    assert _stated_value(text) == "T3b"


@pytest.mark.parametrize(
    ("text", "t"),
    [
        ("7) Pathologic stage: AJCC (pT2), (pT4)\n8) Related biopsy: none", "T2"),
        ("7) Pathologic stage: AJCC ( pT1), (pT2)\n8) Related biopsy: none", "T1"),
    ],
)
def test_second_category_beside_the_first_is_another_systems(text: str, t: str) -> None:
    best = _stated(text)
    assert best is not None and best.value == t
    second = [
        m
        for m in staging.find(text)
        if m.field == "staging.t" and "beside_another_t" in m.attrs.get("context", ())
    ]
    assert len(second) == 1 and second[0].value != t


def test_in_situ_beside_the_invasive_category_is_not_another_system() -> None:
    text = "PATHOLOGIC TNM STAGE: BLADDER: pTis, T2bN0MX"
    best = _stated(text)
    assert best is not None and best.value == "T2b"
    assert "beside_another_t" not in best.attrs.get("context", ())


def test_ureter_line_is_another_organs_run() -> None:
    # A cystectomy's staging block gives the ureter its own line: the bladder's run is the stage,
    # not the higher ureter category.
    text = (
        "Radical cystectomy: urothelial carcinoma invading the muscularis propria.\n"
        "PATHOLOGIC TNM STAGE: BLADDER pT2bN0MX\nURETER pT3N0MX\n"
    )
    best = _stated(text)
    assert best is not None and best.value == "T2b"
    ureter = [m for m in staging.find(text) if m.attrs.get("organ") == "ureter"]
    assert ureter and all(m.score < best.score for m in ureter)


@pytest.mark.parametrize(
    "text",
    [
        (
            "Nodules in one lobe; pT4, pN0 (0/9), pMX\nNote: according to the current TNM"
            " classification it would be pT3\n"
        ),
        "Staging: pT4 N0.\nComment: in the 7th edition of AJCC the tumour would be staged as pT3N0.",
    ],
)
def test_restaged_by_the_current_edition_supersedes(text: str) -> None:
    best = _stated(text)
    assert best is not None and best.value == "T3"
    assert "restaged" in best.attrs["context"]


@pytest.mark.parametrize(
    ("text", "t"),
    [
        # the comma between the in-situ and the invasive category lost
        ("PATHOLOGIC TNM STAGE: BLADDER: pTisT2bN0MX", "T2b"),
        # an M or N whose value OCR garbled ends the run; the T stands
        ("Pathologic stage: pT2aMt\nLevel 7 nodes: negative", "T2a"),
        ("margins free by 0.3 cm. [AJCC pT1NWOMX]. The liver around it is cirrhotic.", "T1"),
    ],
)
def test_stated_t_survives_a_garbled_neighbour(text: str, t: str) -> None:
    assert _stated_value(text) == t


def test_sub_letter_c_read_as_e() -> None:
    best = _stated("K. PATHOLOGIC TNM STAGE: pT2e N0 MX.")
    assert best is not None and best.value == "T2c"
    assert any(r.startswith("e->c") for r in best.repairs), best.repairs


def test_prostate_run_near_bladder_anatomy_stays_the_prostates() -> None:
    # A prostate cancer invading the perivesical tissue: the bladder's anatomy does not make the
    # prostate's own run another organ's.
    text = (
        "Radical prostatectomy: prostatic adenocarcinoma, Gleason 4+4=8.\n"
        "The tumour extends into the perivesical fat and both seminal vesicles.\n"
        "pT3b, Gleason 4+4=8\n"
    )
    _assert_unpenalised_run(text, "T3b", "prostate")


def test_bladder_checklist_heading_names_its_organ() -> None:
    # The summary line names both cancers; the bladder's checklist heading and its bracketed
    # histologic type make the run after them the bladder's.
    text = (
        "E. Bladder and prostate: urothelial carcinoma, muscle invasive. Prostatic adenocarcinoma"
        " (see case summary).\n"
        "CASE SUMMARY FOR URINARY BLADDER (RADICAL CYSTECTOMY):\n"
        "Procedure: radical cystoprostatectomy\n"
        "Histologic type: Urothelial (transitional) carcinoma\n"
        "Pathologic staging (pTNM):\nPrimary tumor: pT2a (tumour invades inner half of muscle)\n"
    )
    _assert_unpenalised_run(text, "T2a", "bladder")


@pytest.mark.parametrize(
    "text",
    [
        (
            "Two nodules, each staged as pT2aN0MX. Alternatively, one may be a metastasis of the other"
            " (would be staged\nas pT4N0MX)."
        ),
        (
            "Main tumour: pT2a N0. If the second nodule is a metastasis, the tumour would be staged as"
            " pT4 N0."
        ),
    ],
)
def test_category_in_a_hypothetical_sentence_loses(text: str) -> None:
    best = _stated(text)
    assert best is not None and best.value == "T2a"
    hypothetical = [m for m in staging.find(text) if "hypothetical" in m.attrs.get("context", ())]
    assert [m.value for m in hypothetical if m.field == "staging.t"] == ["T4"]


def test_checklist_if_yes_line_is_no_condition_on_the_stage() -> None:
    text = "(If yes) Nodes involved/present: Not applicable\nPathologic stage (2010) pT1 b pNx"
    best = _stated(text)
    assert best is not None and best.value == "T1b"
    assert "hypothetical" not in best.attrs.get("context", ())


@pytest.mark.parametrize(
    ("text", "t"),
    [
        ("Blocks: A4 tumour (rTI` 'I H&E), A5 margin", None),  # a smudge, not a recurrence T1
        ("Recurrence at the anastomosis: rTl N0", "T1"),  # with an N after it, it is a run
        ("Recurrence at the anastomosis: rT2", "T2"),  # nothing repaired
    ],
)
def test_recurrence_prefix_with_a_repaired_digit_needs_a_run(text: str, t: str | None) -> None:
    assert _stated_value(text) == t


def test_garbled_urothelial_type_names_the_bladders_passage() -> None:
    # OCR garbled the histologic type's ending; the cystoprostatectomy's summary above names the
    # prostate cancer last.
    text = (
        "M. Bladder and prostate, radical cystoprostatectomy:\n"
        "- invasive high-grade urothelial carcinoma into the prostate\n"
        "- Prostatic adenocarcinoma, Gleason score 3+4=7 (see template)\n"
        "Histologic Type: Urothellal (transitional cell) carcinoma\n"
        "Primary Tumor (pT): pT4a: Tumour invades the prostatic stroma\n"
    )
    _assert_unpenalised_run(text, "T4a", "bladder")


@pytest.mark.parametrize(
    ("text", "t", "repair"),
    [
        ("SPECIMEN TYPE: radical cystectomy\nTNM STAGE: pT213, pN0,", "T2", "13->main category"),
        ("PATHOLOGIC STAGING (pTNM): pT4j\npN2\nNodes examined: 12", "T4", "j->main category"),
    ],
)
def test_garbled_sub_category_on_a_staging_line_reads_the_main_one(
    text: str, t: str, repair: str
) -> None:
    best = _stated(text)
    assert best is not None and best.value == t
    assert any(r.startswith(repair) for r in best.repairs), best.repairs


def test_garbled_category_outside_a_staging_line_is_left_unread() -> None:
    assert _stated_value("Slides pT4j and pT213 were reviewed at the conference.") is None


def test_garbled_category_is_weighed_as_a_run() -> None:
    # the clinical line weakens a garbled category as it weakens any run
    text = "Clinical staging (imaging): pT4j\nPATHOLOGIC STAGE: pT2a N0"
    garbled = [m for m in staging.find(text) if m.field == "staging.t" and m.repairs]
    assert garbled and "clinical" in garbled[0].attrs["context"]
    assert _stated_value(text) == "T2a"


@pytest.mark.parametrize(
    ("text", "t"),
    [
        # a label line that opens with AJCC, its other words garbled, and the run on the next line
        ("NEGATIVE FOR TUMOR (0/12).\nAJCCpTNM CLASlFY ?ICATIONt\nTlbl no\nFIGO STAGE IB1", "T1b1"),
        ("Lymph nodes: negative.\nAJCC p~NM CLAUSIFICATXON s\nT2&3 No Mx\nFIGO STAGE IIA2", "T2"),
        # 'Staging information' as the label, the T's 1 read as a lower-case i before its sub-letter
        ("Lymph node involvement: Absent\nStaging Information : Tib1, NO", "T1b1"),
    ],
)
def test_unprefixed_run_under_a_garbled_label_is_a_statement(text: str, t: str) -> None:
    best = _stated(text)
    assert best is not None and best.value == t and best.score >= 0.8


@pytest.mark.parametrize(
    "text",
    [
        "Staged by AJCC 8th edition.\nT2 weighted images showed a mass.",  # a line apart: no label
        "AJCC classification reviewed; imaging\n\nT2 hyperintense lesion",
        "the Tib1 gene fragment was sequenced",
    ],
)
def test_bare_t_without_a_label_line_right_above_is_no_statement(text: str) -> None:
    best = _stated(text)
    assert best is None or best.score < 0.8
