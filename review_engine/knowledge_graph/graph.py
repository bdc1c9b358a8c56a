"""The guideline knowledge as a networkx graph plus the indexes the decision layer queries.

Nodes are typed by prefix: ``cancer:``, ``icd10:``, ``oncotree:``, ``histology:``, ``gene:``,
``class:`` (alteration class), ``drug:``, ``rule:``, ``test:`` (test rule), ``source:``.
Edges carry a ``rel`` attribute (``for_cancer``, ``requires``, ``excludes``, ``in_gene``,
``cites``, ``covers``, ``pays_for``, ``coded_as``, ``classified_as``, ``seen_in``).
"""

from __future__ import annotations

from functools import cached_property

import networkx as nx

from review_engine.knowledge_graph import schema as s
from review_engine.knowledge_graph.checks import expand
from review_engine.knowledge_graph.loader import RawKnowledge

ANY_CANCER = "*"


class KnowledgeGraph:
    """Validated guideline knowledge: files, expanded rule trees, graph and indexes."""

    def __init__(self, raw: RawKnowledge) -> None:
        self.raw = raw
        self.version: str = raw.version
        self.trees: dict[str, s.Condition] = {}
        self.drug_rules: dict[str, s.DrugRule] = {}
        self.test_rules: dict[str, s.TestRule] = {r.id: r for r in raw.tests}
        self.rule_drug: dict[str, str] = {}
        for drug_id, drug in raw.drugs.items():
            for rule in drug.rules:
                self.drug_rules[rule.id] = rule
                self.rule_drug[rule.id] = drug_id
        for rule in [*self.drug_rules.values(), *self.test_rules.values()]:
            self.trees[rule.id] = expand(rule.when, raw.vocabulary.macros)
        self.graph = self._build()

    # ------------------------------------------------------------ building

    def _build(self) -> nx.DiGraph:
        g = nx.DiGraph()
        for sid, src in self.raw.sources.sources.items():
            g.add_node(f"source:{sid}", kind="source", title=src.title, jurisdiction=src.jurisdiction)
        self._add_cancers(g)
        self._add_classes(g)
        for drug_id, drug in self.raw.drugs.items():
            g.add_node(f"drug:{drug_id}", kind="drug")
            for rule in drug.rules:
                self._add_rule(g, f"rule:{rule.id}", rule)
                g.add_edge(f"rule:{rule.id}", f"drug:{drug_id}", rel="pays_for")
        for rule in self.raw.tests:
            self._add_rule(g, f"test:{rule.id}", rule)
            for gene in rule.covers:
                g.add_edge(f"test:{rule.id}", f"gene:{gene}", rel="covers")
        return g

    def _add_cancers(self, g: nx.DiGraph) -> None:
        g.add_node(f"cancer:{ANY_CANCER}", kind="cancer")
        for cid, cancer in self.raw.cancers.cancers.items():
            g.add_node(f"cancer:{cid}", kind="cancer")
            for code in cancer.icd10:
                g.add_edge(f"cancer:{cid}", f"icd10:{code}", rel="coded_as")
            for code in cancer.oncotree:
                g.add_edge(f"cancer:{cid}", f"oncotree:{code}", rel="classified_as")
        for term, histology in self.raw.cancers.histologies.items():
            for site in histology.sites:
                g.add_edge(f"histology:{term}", f"site:{site}", rel="seen_in")

    def _add_classes(self, g: nx.DiGraph) -> None:
        for cid, cls in self.raw.alterations.classes.items():
            g.add_node(f"class:{cid}", kind="alteration_class")
            for gene in cls.genes:
                g.add_edge(f"class:{cid}", f"gene:{gene}", rel="in_gene")

    def _add_rule(self, g: nx.DiGraph, node: str, rule: s._Rule) -> None:
        g.add_node(node, kind="rule", tag=rule.tag, jurisdiction=rule.jurisdiction)
        for cancer in rule.cancers:
            g.add_edge(node, f"cancer:{cancer}", rel="for_cancer")
        for source in rule.sources:
            g.add_edge(node, f"source:{source}", rel="cites")
        for leaf in s.walk_leaves(self.trees[rule.id]):
            if leaf.var == "alteration":
                rel = "requires" if leaf.op == "detected" else "excludes"
                g.add_edge(node, f"class:{leaf.value}", rel=rel)

    # ------------------------------------------------------------ indexes

    @cached_property
    def drug_names(self) -> dict[str, str]:
        """Lower-cased generic, brand and Chinese names -> drug id."""
        index: dict[str, str] = {}
        for drug_id, drug in self.raw.drugs.items():
            index[drug_id.lower()] = drug_id
            index[drug_id.replace("_", " ")] = drug_id
            for names in (drug.names.en, drug.names.zh):
                for name in [names] if isinstance(names, str) else names:
                    index[name.lower()] = drug_id
        return index

    @cached_property
    def gene_symbols(self) -> dict[str, str]:
        """Upper-cased symbols, aliases and Chinese names of genes and biomarkers -> canonical symbol."""
        index: dict[str, str] = {"MKI67": "MKI67", "KI-67": "MKI67", "KI67": "MKI67"}
        for table in (self.raw.genes.genes, self.raw.genes.biomarkers):
            for symbol, entry in table.items():
                for name in [symbol, *entry.aliases, *entry.zh]:
                    index[name.upper()] = symbol
        return index

    @cached_property
    def stage_rank(self) -> dict[str, int]:
        return {stage: i for i, stage in enumerate(self.raw.stages.order)}

    @cached_property
    def icd_to_cancers(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for cid, cancer in self.raw.cancers.cancers.items():
            for code in cancer.icd10:
                index.setdefault(code, []).append(cid)
        return index

    @cached_property
    def site_to_cancers(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for cid, cancer in self.raw.cancers.cancers.items():
            for site in cancer.sites:
                index.setdefault(site, []).append(cid)
        return index

    @cached_property
    def histology_groups(self) -> dict[str, set[str]]:
        return {term: set(h.groups) for term, h in self.raw.cancers.histologies.items()}

    @cached_property
    def drug_class_members(self) -> dict[str, set[str]]:
        return {cid: set(c.drugs) for cid, c in self.raw.drug_classes.classes.items()}

    # ------------------------------------------------------------ queries

    def drug_id(self, name: str | None) -> str | None:
        """The drug a claimed name (generic, brand or Chinese) refers to, or None."""
        if not name:
            return None
        key = name.strip().lower()
        if key in self.drug_names:
            return self.drug_names[key]
        # Chinese product names carry salt/form words (甲磺酸奥希替尼片): match a contained name.
        hits = [d for n, d in self.drug_names.items() if len(n) >= 2 and n in key]
        return hits[0] if len(set(hits)) == 1 else None

    def gene_symbol(self, name: str) -> str:
        return self.gene_symbols.get(name.strip().upper(), name.strip().upper())

    def rules_for_drug(self, drug_id: str, cancer: str | None) -> list[s.DrugRule]:
        """Indication rules of a drug that apply to a cancer (pan-tumour rules always apply)."""
        rules = [self.drug_rules[n[5:]] for n in self.graph.predecessors(f"drug:{drug_id}") if n.startswith("rule:")]
        rules.sort(key=lambda r: r.id)
        return [r for r in rules if ANY_CANCER in r.cancers or (cancer is not None and cancer in r.cancers)]

    def rules_for_test(self, cancer: str | None, genes: set[str]) -> list[s.TestRule]:
        """Test rules of a cancer (or pan-tumour) covering at least one of the genes."""
        return [
            r for r in self.raw.tests
            if (ANY_CANCER in r.cancers or (cancer is not None and cancer in r.cancers)) and genes & set(r.covers)
        ]

    def tests_for_cancer(self, cancer: str | None) -> list[s.TestRule]:
        return [r for r in self.raw.tests if cancer is not None and cancer in r.cancers]

    def path(self, rule_id: str) -> list[str]:
        """The graph path that explains a rule: item -> rule -> cancer -> required classes -> genes."""
        node = f"rule:{rule_id}" if rule_id in self.drug_rules else f"test:{rule_id}"
        if node not in self.graph:
            return []
        head = [f"drug:{self.rule_drug[rule_id]}"] if rule_id in self.rule_drug else []
        tail: list[str] = []
        for _, target, data in self.graph.out_edges(node, data=True):
            if data["rel"] in ("for_cancer", "requires", "excludes", "covers"):
                tail.append(target)
                if data["rel"] in ("requires", "excludes"):
                    tail += [g for g in self.graph.successors(target)]
        return head + [node] + tail

    def tag(self, rule_id: str) -> str:
        rule = self.drug_rules.get(rule_id) or self.test_rules[rule_id]
        return rule.tag

    def source_titles(self, source_ids: list[str]) -> list[str]:
        return [self.raw.sources.sources[sid].title for sid in source_ids]

    def class_name(self, class_id: str, language: str) -> str:
        return getattr(self.raw.alterations.classes[class_id].name, language)
