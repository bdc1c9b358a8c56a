"""A generated report's stage group is the one the shared AJCC tables (stage_tables.derive_stage)
give its printed TNM, and each scenario gets a stage in the band its gold decision depends on."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from review_engine.corpus import vocab
from review_engine.corpus.build import STAGE_PREFIX, build_case
from review_engine.corpus.generator import plan_corpus
from review_engine.corpus.plan import PlanOptions
from review_engine.corpus.staging import sample_stage, stage_band
from review_engine.errors import KnowledgeError
from review_engine.stage_tables import derive_stage, stage_order

SCENARIOS = vocab.load("scenarios")["scenarios"]


@pytest.fixture(scope="module")
def built_cases():
    """300 planned cases built (facts, documents' gold, claim) without rendering: every scenario."""
    return [build_case(plan, 11) for plan in plan_corpus(11, 0, 300, PlanOptions())]


def _printed_stagings(built) -> list[tuple[str, dict]]:
    return [(doc.gold.primary_site, doc.gold.staging.model_dump()) for doc in built.docs if doc.gold.staging.stage]


def test_corpus_every_case_stage_is_derived_from_its_tnm(built_cases):
    for built in built_cases:
        st, site = built.case.stage, built.case.cancer["staging_table"]
        assert st.group == derive_stage(site, st.t, st.n, st.m, st.prefix), built.plan.case_id


def test_corpus_every_printed_stage_is_derived_from_the_printed_tnm(built_cases):
    # a report that leaves M out has nothing to derive from; the case-level test covers its stage
    with_m = [(site, s) for built in built_cases for site, s in _printed_stagings(built) if s["m"]]
    assert len(with_m) > 50
    for site, s in with_m:
        assert s["stage"] == derive_stage(site, s["t"], s["n"], s["m"], s["prefix"]), (site, s)


def test_corpus_rendered_gold_stage_is_derived_from_its_tnm(small_corpus: Path):
    checked = 0
    for gold_path in small_corpus.glob("*/*/gold.json"):
        for findings in json.loads(gold_path.read_text(encoding="utf-8"))["findings"].values():
            s = findings["staging"]
            if s["stage"] and s["m"]:
                site = findings["primary_site"]
                assert s["stage"] == derive_stage(site, s["t"], s["n"], s["m"], s["prefix"]), (gold_path, s)
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_corpus_scenario_stage_falls_in_its_band(scenario):
    band = stage_band(scenario["stage_band"])
    prefix = STAGE_PREFIX.get(scenario["stage_band"], "p")
    rng = random.Random(scenario["id"])
    for _ in range(40):
        stage = sample_stage(rng, scenario["cancer"], scenario["stage_band"], prefix)
        assert band.low <= stage_order(stage.group) <= band.high, (scenario["id"], stage)


@pytest.mark.parametrize(
    "cancer, band, prefix, allowed",
    [
        ("lung_adeno", "very_early", "p", {"IA1", "IA2"}),  # adjuvant osimertinib: STAGE_NOT_ELIGIBLE
        ("lung_adeno", "resected", "p", {"IB", "IIA", "IIB", "IIIA"}),  # adjuvant window IB-IIIA
        ("breast_idc", "resected", "p", {"IB", "IIA", "IIB", "IIIA"}),
        ("stomach_adeno", "resected", "p", {"IB", "IIA", "IIB", "IIIA"}),
        ("colorectal_adeno", "resected", "p", {"IIA", "IIB", "IIC", "IIIA"}),
        ("lung_adeno", "advanced", "c", {"IVA", "IVB"}),
        ("stomach_adeno", "advanced", "c", {"IVB"}),  # clinical IVA is cT4b M0: not metastatic
        ("colorectal_adeno", "advanced", "c", {"IVA", "IVB", "IVC"}),
        ("breast_idc", "advanced", "c", {"IV"}),
    ],
)
def test_corpus_band_keeps_scenario_intent(cancer, band, prefix, allowed):
    rng = random.Random(f"{cancer}/{band}")
    stages = [sample_stage(rng, cancer, band, prefix) for _ in range(200)]
    assert {s.group for s in stages} == allowed
    if band == "advanced":
        assert all(s.m != "M0" for s in stages)


def test_corpus_minimally_invasive_tumour_is_printed_node_negative():
    rng = random.Random(3)
    stages = [sample_stage(rng, cancer, "advanced", "c") for cancer in ("lung_adeno", "breast_idc") for _ in range(300)]
    assert not [s for s in stages if s.t == "T1mi"]


def test_corpus_stage_sampling_is_deterministic_by_seed():
    draws = [[sample_stage(random.Random(5), "lung_adeno", "advanced", "c") for _ in range(3)] for _ in range(2)]
    assert draws[0] == draws[1]


def test_corpus_unknown_stage_band_is_a_knowledge_error():
    with pytest.raises(KnowledgeError, match="stage band"):
        sample_stage(random.Random(1), "lung_adeno", "stage_zero", "p")
