"""A case's printed T, N and M and the stage group they imply.

The generator keeps no stage tables of its own: it prints categories from
``knowledge/corpus/tnm_categories.yaml`` and takes the stage group from
``review_engine.stage_tables`` (``knowledge/staging/ajcc8.yaml``), the tables the report reader and
the claim review stage with, so a generated report can never print a stage its TNM does not give.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from functools import cache

from review_engine.corpus import vocab
from review_engine.corpus.case import Stage
from review_engine.errors import KnowledgeError
from review_engine.stage_tables import derive_stage, stage_order

DATA_FILE = "tnm_categories.yaml"


def _site_categories(site: str) -> dict[str, list[str]]:
    try:
        return vocab.load("tnm_categories")["sites"][site]
    except KeyError as exc:
        raise KnowledgeError(DATA_FILE, f"no printed T/N/M categories for staging site {site!r}") from exc


@cache
def staged_combinations(site: str, prefix: str) -> tuple[Stage, ...]:
    """Every printable T/N/M of a site that the AJCC tables stage under this prefix, with its group.

    Enumerating once and choosing among the staged combinations is rejection sampling without the
    rejections: a uniform T x N x M draw kept only when it stages gives the same distribution, but
    this never runs out of attempts (lung IA1-IA2 is 3 in 128 combinations)."""
    cats = _site_categories(site)
    n0_m0_only = set(cats.get("n0_m0_only", ()))
    staged = []
    for t, n, m in itertools.product(cats["t"], cats["n"], cats["m"]):
        if t in n0_m0_only and (n, m) != ("N0", "M0"):
            continue
        group = derive_stage(site, t, n, m, prefix)
        if group is not None:
            staged.append(Stage(t=t, n=n, m=m, group=group, prefix=prefix))
    return tuple(staged)


@dataclass(frozen=True)
class StageBand:
    """A scenario's wanted stage: positions in the AJCC stage order (both ends included)."""

    low: int
    high: int
    distant_metastasis: bool

    def holds(self, stage: Stage) -> bool:
        in_interval = self.low <= stage_order(stage.group) <= self.high
        return in_interval and (stage.m != "M0" or not self.distant_metastasis)


def stage_band(band: str) -> StageBand:
    """A band of ``tnm_categories.yaml``; KnowledgeError when it is missing or names no stage group."""
    try:
        raw = vocab.load("tnm_categories")["bands"][band]
        low, high = stage_order(str(raw["from"])), stage_order(str(raw["to"]))
        return StageBand(low, high, bool(raw.get("distant_metastasis", False)))
    except (KeyError, TypeError, ValueError) as exc:
        raise KnowledgeError(DATA_FILE, f"stage band {band!r} needs from/to AJCC stage groups: {exc}") from exc


def sample_stage(rng: random.Random, cancer_key: str, band: str, prefix: str) -> Stage:
    """Printed T, N and M for the cancer whose derived AJCC 8th stage group lies in the band."""
    site = vocab.cancer(cancer_key)["staging_table"]
    wanted = stage_band(band)
    fitting = [s for s in staged_combinations(site, prefix) if wanted.holds(s)]
    if not fitting:
        raise KnowledgeError(DATA_FILE, f"no {prefix}TNM of {site} stages in band {band!r}")
    # One draw whatever the number of fitting combinations (rng.choice's draws vary with it), so
    # editing the categories or the AJCC tables changes a case's stage but not the rest of the case.
    return fitting[int(rng.random() * len(fitting))]
