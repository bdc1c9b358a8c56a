"""Entity-level scores of a tagger on a split: exact (start, end, label) matches.

The tagger is the runtime ``TransformerTagger`` (on ONNX, or on the torch model through
``TorchSession``), so the numbers measure the decode path that ships.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from review_engine.nlp.transformer import TransformerTagger
from training.spans_data import SpanDocument, flatten_entities


def gold_keys(document: SpanDocument, labels: set[str]) -> set[tuple[int, int, str]]:
    return {(e.start, e.end, e.label) for e in flatten_entities(document.entities, labels)}


@dataclass
class SplitPredictions:
    """Per predicted span: raw confidence, calibrated score and whether it is exactly right."""

    raw: np.ndarray
    score: np.ndarray
    correct: np.ndarray
    counts: dict[str, Counter]


def predict_split(tagger: TransformerTagger, documents: list[SpanDocument], labels: set[str]) -> SplitPredictions:
    raw, score, correct = [], [], []
    counts = {"tp": Counter(), "fp": Counter(), "fn": Counter()}
    for document in documents:
        gold = gold_keys(document, labels)
        predicted = set()
        for mention in tagger.predict(document.text):
            key = (mention.start, mention.end, mention.attrs["label"])
            predicted.add(key)
            raw.append(mention.attrs["raw_score"])
            score.append(mention.score)
            correct.append(key in gold)
        for kind, keys in (("tp", predicted & gold), ("fp", predicted - gold), ("fn", gold - predicted)):
            counts[kind].update(label for _, _, label in keys)
    return SplitPredictions(np.array(raw), np.array(score), np.array(correct, dtype=bool), counts)


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "support": tp + fn}


def entity_scores(counts: dict[str, Counter]) -> dict:
    """Per-label and micro-averaged precision, recall and F1."""
    labels = sorted(set(counts["tp"]) | set(counts["fp"]) | set(counts["fn"]))
    per_label = {label: _prf(counts["tp"][label], counts["fp"][label], counts["fn"][label]) for label in labels}
    total = {kind: sum(counter.values()) for kind, counter in counts.items()}
    return {"micro": _prf(total["tp"], total["fp"], total["fn"]), "labels": per_label}
