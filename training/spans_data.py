"""Corpus spans (``<split>/spans.jsonl``) -> token windows with BIO tag ids.

Each line of ``spans.jsonl`` is one rendered document: its text and the character spans of
its labelled entities. Tags are assigned to tokens by offset overlap with the spans, so a
token that starts inside an entity continues it.
"""

from __future__ import annotations

import gzip
import json
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from tokenizers import Tokenizer

from review_engine.nlp.transformer import OUTSIDE, plan_windows

IGNORED = -100
"""Tag id of padding positions: torch's cross-entropy skips it."""


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str


@dataclass
class SpanDocument:
    doc_id: str
    text: str
    entities: list[Entity]
    meta: dict = field(default_factory=dict)
    """language, format and anything else the corpus records (for the ablation)."""


def _entity(raw: dict | list) -> Entity:
    if isinstance(raw, list):
        return Entity(int(raw[0]), int(raw[1]), str(raw[2]))
    return Entity(int(raw["start"]), int(raw["end"]), str(raw["label"]))


def split_file(folder: Path) -> Path | None:
    """A split's ``spans.jsonl`` (or ``spans.jsonl.gz``), if there is one."""
    for name in ("spans.jsonl", "spans.jsonl.gz"):
        if (folder / name).is_file():
            return folder / name
    return None


def read_spans(path: Path) -> list[SpanDocument]:
    """Read one split's ``spans.jsonl`` (gzip when the name ends in .gz)."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    documents = []
    for number, line in enumerate(raw.decode("utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        raw_entities = row.get("spans", row.get("entities", []))
        meta = {k: v for k, v in row.items() if k not in ("text", "spans", "entities")}
        doc_id = str(row.get("doc_id", row.get("id", f"{path.parent.name}-{number}")))
        if row.get("text") is not None:  # unreadable documents have no text to learn from
            documents.append(SpanDocument(doc_id, row["text"], [_entity(e) for e in raw_entities], meta))
    return documents


def tag_names(labels: list[str]) -> list[str]:
    """Output index -> tag: 'O', then B-/I- for each label in the order given."""
    return [OUTSIDE] + [f"{prefix}-{label}" for label in labels for prefix in ("B", "I")]


def flatten_entities(entities: list[Entity], labels: set[str]) -> list[Entity]:
    """The spans a flat tagger can produce: learned labels only, and where entities
    overlap (a GENE inside a FUSION) the longer one wins."""
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.start - e.end, e.start)):
        if entity.label in labels and not any(e.start < entity.end and entity.start < e.end for e in kept):
            kept.append(entity)
    return sorted(kept, key=lambda e: e.start)


def align_tags(offsets: list[tuple[int, int]], entities: list[Entity], tags: list[str]) -> list[int]:
    """Tag id per token, by offset overlap with the flattened entities; a token shared by
    two entities stays with the first."""
    index = {tag: number for number, tag in enumerate(tags)}
    ids = [index[OUTSIDE]] * len(offsets)
    ends = [end for _, end in offsets]
    labels = {tag[2:] for tag in tags if tag != OUTSIDE}
    for entity in flatten_entities(entities, labels):
        covered = _covered_tokens(offsets, ends, entity)
        if not covered or any(ids[t] for t in covered):
            continue
        ids[covered[0]] = index[f"B-{entity.label}"]
        for token in covered[1:]:
            ids[token] = index[f"I-{entity.label}"]
    return ids


def _covered_tokens(offsets: list[tuple[int, int]], ends: list[int], entity: Entity) -> list[int]:
    first = bisect_right(ends, entity.start)  # offsets are sorted: first token ending after the start
    covered = []
    for token in range(first, len(offsets)):
        if offsets[token][0] >= entity.end:
            break
        covered.append(token)
    return covered


@dataclass(frozen=True)
class Window:
    ids: list[int]
    tags: list[int]


def document_windows(
    document: SpanDocument, tokenizer: Tokenizer, tags: list[str], length: int, overlap: int
) -> list[Window]:
    encoding = tokenizer.encode(document.text, add_special_tokens=False)
    tag_ids = align_tags(encoding.offsets, document.entities, tags)
    return [
        Window(encoding.ids[start:end], tag_ids[start:end])
        for start, end in plan_windows(len(encoding.ids), length, overlap)
    ]
