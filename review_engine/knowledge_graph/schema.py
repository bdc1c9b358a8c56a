"""Pydantic models of the guideline files in ``knowledge/guidelines/``.

Conditions are data trees (``all``/``any``/``not`` over declared variables), the
business-rules idea with ids, sources, tags and a trace added by the evaluator.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Tag = Literal["S", "K", "U"]
Jurisdiction = Literal["CN-NRDL-2025", "CN-label", "CSCO", "NCCN", "ESMO", "US-FDA", "ASCO", "CAP", "CMS"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Names(_Strict):
    en: str | list[str]
    zh: str | list[str]


# ---------------------------------------------------------------- conditions


class Leaf(_Strict):
    """One test of one variable: ``{var: alteration, op: detected, value: egfr_common}``."""

    var: str
    op: str
    value: Any = None
    accept: list[str] = Field(default_factory=list, description="stage words that satisfy a stage leaf")
    uncertain: list[str] = Field(default_factory=list, description="observed values that leave the leaf unknown")
    methods: list[str] = Field(
        default_factory=list, description="for an alteration leaf, methods whose reading holds where its class's "
                                          "does not accept them: [IHC] for BRAF V600E in anaplastic thyroid cancer")


class AllOf(_Strict):
    all: list[Condition]


class AnyOf(_Strict):
    any: list[Condition]


class NotOf(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    not_: Condition = Field(alias="not")


class Use(_Strict):
    use: str


Condition = AllOf | AnyOf | NotOf | Leaf | Use
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


def walk_leaves(node: Condition) -> list[Leaf]:
    """Every leaf of a (macro-expanded) condition tree, in order."""
    if isinstance(node, Leaf):
        return [node]
    if isinstance(node, AllOf):
        return [leaf for child in node.all for leaf in walk_leaves(child)]
    if isinstance(node, AnyOf):
        return [leaf for child in node.any for leaf in walk_leaves(child)]
    if isinstance(node, NotOf):
        return walk_leaves(node.not_)
    return []


# ---------------------------------------------------------------- files


class Manifest(_Strict):
    edition: str
    schema_version: int
    files: dict[str, str | list[str]]


class Source(_Strict):
    title: str
    jurisdiction: Jurisdiction
    citation: str
    url: str | None = None


class SourcesFile(_Strict):
    sources: dict[str, Source]


class Variable(_Strict):
    description: str
    ops: list[str]
    value_type: str
    fail_code: str
    unknown_code: str
    missing_document: str


class VocabularyFile(_Strict):
    variables: dict[str, Variable]
    settings: list[str]
    methods: list[str]
    her2_statuses: list[str]
    msi_statuses: list[str]
    hr_statuses: list[str]
    macros: dict[str, Condition] = Field(default_factory=dict)
    item_needs: dict[str, list[str]] = Field(default_factory=dict)
    method_genes: dict[str, list[str]] = Field(default_factory=dict)


class StageWord(_Strict):
    interval: tuple[str, str] | None
    terms: list[str]


class StagesFile(_Strict):
    order: list[str]
    coarse: dict[str, tuple[str, str]]
    words: dict[str, StageWord]
    unranked: list[str] = Field(default_factory=list)
    """Stage groups that fit no interval on purpose (occult carcinoma: a person decides)."""
    # Retired: revisions before the one-source consolidation carried AJCC tables here; accepted (and
    # ignored) so `kg diff` can still load them. The tables are knowledge/staging/ajcc8.yaml now.
    tnm_tables: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _known_stages(self) -> StagesFile:
        known = set(self.order)
        for name, (lo, hi) in self.coarse.items():
            if lo not in known or hi not in known:
                raise ValueError(f"coarse stage {name} uses unknown stage {lo}/{hi}")
        return self


class Cancer(_Strict):
    name: Names
    sites: list[str]
    icd10: list[str]
    oncotree: list[str]
    stage_table: str = "default"
    requires_histology: list[str] = Field(default_factory=list)


class Histology(_Strict):
    terms: list[str]
    groups: list[str]
    sites: list[str] = Field(default_factory=list)


class CancersFile(_Strict):
    cancers: dict[str, Cancer]
    secondary_icd10: list[str]
    hereditary_risk_icd10: list[str]
    site_terms: dict[str, list[str]]
    histologies: dict[str, Histology]


class GeneEntry(_Strict):
    aliases: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


class GenesFile(_Strict):
    genes: dict[str, GeneEntry]
    biomarkers: dict[str, GeneEntry]


class AlterationClass(_Strict):
    name: Names
    genes: list[str]
    alterations: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)
    exons: list[int] = Field(default_factory=list)
    acquired: bool = Field(default=False, description="arises under therapy: only an explicit negative refutes it")
    origin: Literal["germline", "somatic"] | None = Field(
        default=None, description="the origin a change must be reported with to count ('gBRCA': germline); a change of "
                                  "another or an unstated origin proves nothing either way")
    absent_needs_exons: list[int] = Field(
        default_factory=list,
        description="exons a report's negatives of named changes must cover, per gene, to prove the class absent "
                    "(extended RAS: 2, 3, 4); a whole-gene negative or a gene the panel covers proves it alone",
    )
    read_by_ihc: bool = Field(
        default=False, description="an immunostain's reading decides the class (ALK D5F3/5A4, equivalent to FISH); "
                                   "elsewhere a change read only by IHC proves nothing either way: a molecular test must")


class AlterationsFile(_Strict):
    generic_alterations: list[str]
    negative_does_not_exclude_specimens: list[str] = Field(
        default_factory=list, description="specimens (report.specimen codes) whose negatives prove no class absent: "
                                          "cell-free DNA rules a change in, not out")
    classes: dict[str, AlterationClass]


class DrugClass(_Strict):
    name: Names
    drugs: list[str]


class DrugClassesFile(_Strict):
    classes: dict[str, DrugClass]


class ClaimTextFile(_Strict):
    roman_map: dict[str, str]
    stage_numerals: dict[str, str] = Field(default_factory=dict)
    patterns: dict[str, str]
    retest_exceptions: dict[str, list[str]]


class Effective(_Strict):
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Rule(_Strict):
    id: str
    cancers: list[str]
    jurisdiction: Jurisdiction
    sources: list[str] = Field(min_length=1)
    effective: Effective | None = None
    tag: Tag
    when: Condition


class DrugRule(_Rule):
    nrdl_text: str | None = None


class Drug(_Strict):
    names: Names
    rules: list[DrugRule]


class DrugsFile(_Strict):
    drugs: dict[str, Drug]


class TestRule(_Rule):
    covers: list[str] = Field(min_length=1)
    methods: list[str] = Field(min_length=1)
    germline: bool = False


class TestsFile(_Strict):
    tests: list[TestRule]


class RetestRule(_Strict):
    id: str
    description: str
    kind: Literal["somatic", "germline", "tumour"]
    tag: Tag
    sources: list[str]
    exceptions: list[str]


class PanelPolicy(_Strict):
    id: str
    tag: Tag
    sources: list[str]
    whole_genome_methods: list[str]
    whole_genome_rule_id: str


class RetestFile(_Strict):
    rules: list[RetestRule]
    once_per_tumour: list[list[str]] = Field(default_factory=list)
    germline_genes: list[str]
    panel: PanelPolicy


class Bilingual(_Strict):
    en: str
    zh: str


class MessagesFile(_Strict):
    reasons: dict[str, Bilingual]
    phrases: dict[str, Bilingual]
    needs: dict[str, Bilingual]
    missing_documents: dict[str, Bilingual]
    values: dict[str, Bilingual] = Field(default_factory=dict)


class PolicyRule(_Strict):
    id: str
    description: str
    tag: Tag
    sources: list[str] = Field(min_length=1)


class PolicyFile(_Strict):
    rules: dict[str, PolicyRule]


FILE_MODELS: dict[str, type[BaseModel]] = {
    "sources": SourcesFile,
    "vocabulary": VocabularyFile,
    "stages": StagesFile,
    "cancers": CancersFile,
    "genes": GenesFile,
    "alterations": AlterationsFile,
    "drug_classes": DrugClassesFile,
    "claim_text": ClaimTextFile,
    "retest": RetestFile,
    "messages": MessagesFile,
    "policy": PolicyFile,
    "drugs": DrugsFile,
    "tests": TestsFile,
}
