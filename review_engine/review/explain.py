"""Messages in the claim's language from the templates in ``messages.yaml`` (POLICY section 7)."""

from __future__ import annotations

from dataclasses import dataclass

from review_engine.domain import Evidence, Reason
from review_engine.knowledge_graph import KnowledgeGraph


class _Blank(dict):
    """Format mapping that leaves unknown placeholders empty instead of raising."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Explainer:
    """Formats phrases, reasons and missing-document wording in one language."""

    graph: KnowledgeGraph
    language: str

    def _pick(self, table: dict, key: str) -> str:
        return getattr(table[key], self.language)

    @property
    def sep(self) -> str:
        """List separator inside a message: full-width in Chinese."""
        return "；" if self.language == "zh" else "; "

    def join(self, parts) -> str:
        return self.sep.join(parts)

    def phrase(self, key: str, **values: object) -> str:
        return self._pick(self.graph.raw.messages.phrases, key).format_map(_Blank(values))

    def needs(self, var: str, **values: object) -> str:
        return self._pick(self.graph.raw.messages.needs, var).format_map(_Blank(values))

    def missing(self, key: str, detail: str = "") -> str:
        return self._pick(self.graph.raw.messages.missing_documents, key).format_map(_Blank({"detail": detail}))

    def where(self, evidence: Evidence | None, doc_id: str | None) -> str:
        """Where a finding was read: ``d1 p.1`` or the claim's diagnosis text."""
        if doc_id is None:
            return self.phrase("claim_text")
        page = f" p.{evidence.page}" if evidence is not None else ""
        return f"{doc_id}{page}"

    def reason(self, code: str, *, rule: str | None = None, item: str = "", found: str = "", needs: str = "",
               detail: str = "", sources: list[str] | None = None, conditions: list[dict] | None = None) -> Reason:
        """A Reason with its message, rule id, source titles and the knowledge version."""
        template = self._pick(self.graph.raw.messages.reasons, code)
        message = template.format_map(_Blank(item=item, rule=rule or "", found=found or self.phrase("found_nothing"),
                                             needs=needs, detail=detail))
        return Reason(code=code, message=message, rule=rule, sources=sources or [],
                      knowledge_version=self.graph.version, conditions=conditions)

    def policy_reason(self, purpose: str, code: str, **values: object) -> Reason:
        """A reason given by one of the policy's own rules (gates, test-level checks), with its id and sources."""
        rule = self.graph.raw.policy.rules[purpose]
        return self.reason(code, rule=rule.id, sources=self.graph.source_titles(rule.sources), **values)

    def value_name(self, value: object) -> str:
        """Display a coded value (class id, histology term, setting, list, stage range) in this language."""
        if isinstance(value, list):
            joiner = "–" if len(value) == 2 and all(v in self.graph.stage_rank for v in value) else "/"
            return joiner.join(self.value_name(v) for v in value)
        if not isinstance(value, str):
            return str(value)
        if value in self.graph.raw.alterations.classes:
            return self.graph.class_name(value, self.language)
        if value in self.graph.raw.messages.values:
            return self._pick(self.graph.raw.messages.values, value)
        histology = self.graph.raw.cancers.histologies.get(value)
        if histology is not None and self.language == "zh":
            return histology.terms[0]  # the Chinese synonym is listed first
        return value
