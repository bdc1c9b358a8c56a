"""Plans a case before anything is drawn: scenario, language, split, documents and their formats.

Planning is cheap and runs in the parent process in case order, so the set of cases and files a
seed produces never depends on how many worker processes render them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from review_engine.corpus import vocab
from review_engine.corpus.formats import SCAN_FORMATS

SPLITS = ("train", "dev", "test")
SCAN_WEIGHTS = {"pdf_image": 4, "png": 3, "jpg": 2, "tiff": 2}
DIGITAL_WEIGHTS = {"pdf_text": 6, "txt": 1}


@dataclass(frozen=True)
class DocPlan:
    doc_id: str
    role: str
    """genetic_pcr, genetic_ngs, genetic_ngs_large, genetic_ngs_negative, pathology, ihc"""
    fmt: str
    unreadable: bool = False

    @property
    def kind(self) -> str:
        return "genetic_report" if self.role.startswith("genetic") else "pathology_report"


@dataclass(frozen=True)
class CasePlan:
    index: int
    case_id: str
    claim_id: str
    split: str
    language: str
    scenario: dict
    docs: tuple[DocPlan, ...]
    stage_source: str
    """Where the stage is written: doc, claim, both or none."""
    urgent: bool
    urgent_via: str = "claim"
    """How urgency shows: the claim's flag, critical wording in a report, or both (POLICY.md 6)."""


@dataclass(frozen=True)
class PlanOptions:
    split_fractions: tuple[float, float, float] = (0.7, 0.15, 0.15)
    zh_fraction: float = 0.5
    scan_fraction: float = 0.5
    extra_doc_probability: float = 0.6
    forced: dict = field(default_factory=dict)
    """Fixed choices (scenario, language, formats by role) for hand-picked examples."""


def scenarios() -> list[dict]:
    return vocab.load("scenarios")["scenarios"]


def plan_case(seed: int, index: int, options: PlanOptions) -> CasePlan:
    rng = random.Random(f"plan/{seed}/{index}")
    forced = options.forced
    scenario = {**_scenario(rng, forced.get("scenario")), **forced.get("scenario_overrides", {})}
    split = forced.get("split") or rng.choices(SPLITS, weights=options.split_fractions)[0]
    language = forced.get("language") or ("zh" if rng.random() < options.zh_fraction else "en")
    roles = _roles(rng, scenario, options.extra_doc_probability)
    docs = tuple(
        DocPlan(f"d{i}", role, forced.get("formats", {}).get(role) or _format(rng, options.scan_fraction),
                unreadable=role.startswith("genetic") and "genetic_report_unreadable" in _mods(scenario))
        for i, role in enumerate(roles, 1)
    )
    urgent = rng.random() < vocab.load("scenarios")["urgent_fraction"]
    stage_source = forced.get("stage_source") or _stage_source(rng, scenario)
    urgent_via = rng.choice(["claim", "document", "both"])
    return CasePlan(index, f"case-{seed:03d}-{index:05d}", f"C-2026-{seed:03d}{index:05d}", split, language,
                    scenario, docs, stage_source, forced.get("urgent", urgent), urgent_via)


def _scenario(rng: random.Random, forced_id: str | None) -> dict:
    table = scenarios()
    if forced_id:
        return next(s for s in table if s["id"] == forced_id)
    return rng.choices(table, weights=[s["weight"] for s in table])[0]


def _mods(scenario: dict) -> list[str]:
    return scenario.get("modifiers") or []


def _roles(rng: random.Random, scenario: dict, extra_p: float) -> list[str]:
    roles = []
    if scenario["genetic"]:
        roles.append("genetic_" + rng.choice(scenario["genetic"]))
    if "second_report_negative" in _mods(scenario):
        roles.append("genetic_ngs_negative")
    roles.append("pathology")
    site = vocab.cancer(scenario["cancer"])["site"]
    if site == "breast" or scenario.get("her2") or rng.random() < extra_p:  # HER2 scenarios need their IHC report
        roles.append("ihc")
    return roles


def _format(rng: random.Random, scan_fraction: float) -> str:
    weights = SCAN_WEIGHTS if rng.random() < scan_fraction else DIGITAL_WEIGHTS
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _stage_source(rng: random.Random, scenario: dict) -> str:
    mods = _mods(scenario)
    if "no_stage_anywhere" in mods:
        return "none"
    if "pathology_with_stage" in mods:
        return "doc"
    if "pathology_other_organ" in mods:
        return "claim"
    return rng.choice(["doc", "claim", "both"])


def is_scan(fmt: str) -> bool:
    return fmt in SCAN_FORMATS
