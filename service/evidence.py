"""Evidence boxes of a Review result, per document page, for drawing and for the case page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EvidenceBox:
    doc_id: str
    page: int
    bbox: tuple[float, float, float, float]
    text: str
    label: str

    @property
    def query(self) -> str:
        """The ``box=`` query value that asks for this box alone to be drawn."""
        return ",".join(f"{v:g}" for v in self.bbox)


def item_boxes(result: dict[str, Any], item: dict[str, Any]) -> list[EvidenceBox]:
    """The boxes an item's decision rests on (its evidence; a lone document fills a missing doc_id)."""
    only_doc = _only_doc(result)
    boxes = []
    for ev in item.get("evidence", []):
        doc_id = ev.get("doc_id") or only_doc
        if doc_id and ev.get("bbox"):
            boxes.append(EvidenceBox(doc_id, int(ev["page"]), tuple(ev["bbox"]), ev.get("text", ""),
                                     f"item {item.get('item_id')}"))
    return boxes


def all_boxes(result: dict[str, Any]) -> list[EvidenceBox]:
    """Every evidence box in the result: the items' evidence and each finding's."""
    boxes = [box for item in result.get("items", []) for box in item_boxes(result, item)]
    for findings in result.get("findings", []):
        doc_id = findings.get("doc_id", "")
        for variant in findings.get("variants", []):
            ev = variant.get("evidence")
            if ev and ev.get("bbox"):
                boxes.append(EvidenceBox(doc_id, int(ev["page"]), tuple(ev["bbox"]), ev.get("text", ""),
                                         f"{variant.get('gene')} {variant.get('alteration')}"))
        for name, ev in (findings.get("field_evidence") or {}).items():
            if ev and ev.get("bbox"):
                boxes.append(EvidenceBox(doc_id, int(ev["page"]), tuple(ev["bbox"]), ev.get("text", ""), name))
    return boxes


def boxes_on(result: dict[str, Any], doc_id: str, page: int) -> list[list[float]]:
    """Distinct boxes to draw on one page of one document."""
    seen: dict[tuple[float, ...], None] = {}
    for box in all_boxes(result):
        if box.doc_id == doc_id and box.page == page:
            seen.setdefault(tuple(box.bbox))
    return [list(b) for b in seen]


def parse_box(value: str) -> list[float]:
    """``x0,y0,x1,y1`` from a query string (ValueError if it is not four numbers)."""
    parts = [float(p) for p in value.split(",")]
    if len(parts) != 4:
        raise ValueError("a box is four numbers: x0,y0,x1,y1")
    return parts


def _only_doc(result: dict[str, Any]) -> str | None:
    docs = [f.get("doc_id") for f in result.get("findings", [])]
    return docs[0] if len(docs) == 1 else None
