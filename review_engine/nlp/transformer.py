"""Our ONNX token classifier as a recognizer and a spaCy component.

The model (``models/<name>/model.onnx``) tags report text with BIO labels (GENE,
PROTEIN_CHANGE, TNM, ...). ``TransformerTagger.predict`` turns the tags into
``Mention``s with exact character offsets, the raw span text as value and a score that
is the calibrated probability that the span and label are right (isotonic map fitted on
the dev split, stored in ``config.json``). The rule grammar normalises the values.

Runtime dependencies are onnxruntime, tokenizers and numpy only: never torch. The
model loads lazily, once per process (``load_tagger``), after its files are checked
against the sha256 sums of ``models/manifest.json``.
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from review_engine.errors import KnowledgeError, NotAvailableError
from review_engine.model_files import file_sha256
from review_engine.nlp.mentions import Mention
from review_engine.nlp.model_combination import MODES
from review_engine.nlp.model_config import ModelConfig
from review_engine.settings import models_dir

DEFAULT_MODEL = "ner"
OUTSIDE = "O"
MANIFEST = "manifest.json"
CONFIG = "config.json"
TOKENIZER = "tokenizer.json"
BATCH_WINDOWS = 32


# ----------------------------------------------------------------- windows


def plan_windows(n_tokens: int, length: int, overlap: int) -> list[tuple[int, int]]:
    """Token windows [start, end) of at most ``length`` covering ``n_tokens`` with ``overlap``."""
    if n_tokens <= length:
        return [(0, n_tokens)] if n_tokens else []
    stride = max(1, length - overlap)
    starts = list(range(0, n_tokens - length, stride)) + [n_tokens - length]
    return [(start, start + length) for start in starts]


def owned_ranges(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The tokens each window decides: overlaps are split at their midpoint so that every
    token is read by the window where it has the most context on both sides."""
    owned = []
    for index, (start, end) in enumerate(windows):
        left = start if index == 0 else (start + windows[index - 1][1]) // 2
        right = end if index == len(windows) - 1 else (windows[index + 1][0] + end) // 2
        owned.append((left, right))
    return owned


# ----------------------------------------------------------------- decoding


@dataclass(frozen=True)
class TaggedSpan:
    label: str
    first_token: int
    last_token: int
    confidence: float
    """Mean probability of the chosen tag over the span's tokens (after temperature)."""


def decode_bio(tags: list[str], probabilities: np.ndarray) -> list[TaggedSpan]:
    """BIO tags -> spans. An I- tag that does not continue a span of its label opens one,
    so a single mis-tagged B does not lose the entity."""
    spans: list[TaggedSpan] = []
    label, first = None, 0
    parts = {tag: tag.partition("-") for tag in set(tags)}  # a page has ~1,000 tokens and a few dozen tags
    for index, tag in enumerate(tags):
        if tag == OUTSIDE:  # most tokens: it only closes an open span
            if label is not None:
                spans.append(_span(label, first, index - 1, probabilities))
                label = None
            continue
        prefix, _, tag_label = parts[tag]
        continues = prefix == "I" and tag_label == label
        if label is not None and not continues:
            spans.append(_span(label, first, index - 1, probabilities))
            label = None
        if prefix in ("B", "I") and not continues:
            label, first = tag_label, index
    if label is not None:
        spans.append(_span(label, first, len(tags) - 1, probabilities))
    return spans


def _span(label: str, first: int, last: int, probabilities: np.ndarray) -> TaggedSpan:
    # One token: its probability is its mean (numpy's mean of one float32 is that float32);
    # skipping the call saves most of the decoding time on a dense page.
    mean = probabilities[first] if first == last else probabilities[first : last + 1].mean()
    return TaggedSpan(label, first, last, float(mean))


def softmax(logits: np.ndarray, temperature: float) -> np.ndarray:
    scaled = logits / temperature
    scaled = scaled - scaled.max(axis=-1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=-1, keepdims=True)


# ----------------------------------------------------------------- files


def verify_files(root: Path, name: str) -> None:
    """Check the model's files against ``models/manifest.json``; a mismatch is a KnowledgeError."""
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        raise NotAvailableError(f"{manifest_path}: model manifest not found")
    entry = json.loads(manifest_path.read_text(encoding="utf-8")).get("models", {}).get(name)
    if entry is None:
        raise NotAvailableError(f"{manifest_path}: no model named {name!r}")
    for relative, expected in entry["files"].items():
        path = root / relative
        if not path.is_file():
            raise KnowledgeError(str(path), "model file listed in the manifest is missing")
        if file_sha256(path) != expected:
            raise KnowledgeError(str(path), f"sha256 differs from {manifest_path}")


def read_config(folder: Path) -> ModelConfig:
    path = folder / CONFIG
    try:
        return ModelConfig.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise NotAvailableError(f"{path}: model config not found") from error
    except ValidationError as error:
        raise KnowledgeError(str(path), str(error).splitlines()[0]) from error


# ----------------------------------------------------------------- tagger


class TransformerTagger:
    """Recognizer backed by the ONNX token classifier; loads on first use."""

    def __init__(self, model_dir: Path | None = None, threads: int = 1, verify: bool = True) -> None:
        self.folder = Path(model_dir) if model_dir else models_dir() / DEFAULT_MODEL
        self.threads = threads
        self.verify = verify
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self.config: ModelConfig | None = None

    @classmethod
    def from_parts(cls, session: Any, tokenizer: Any, config: ModelConfig) -> TransformerTagger:
        """A tagger over an already built session: anything with onnxruntime's
        ``run(None, feeds)`` (training evaluates its torch model through the same decode)."""
        tagger = cls(model_dir=Path("."), verify=False)
        tagger._session, tagger._tokenizer, tagger.config = session, tokenizer, config
        return tagger

    def is_loaded(self) -> bool:
        return self._session is not None

    def load(self) -> None:
        with self._lock:
            if self._session is None:
                self._load()

    def _load(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        if self.verify:
            verify_files(self.folder.parent, self.folder.name)
        config = read_config(self.folder)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        self._tokenizer = Tokenizer.from_file(str(self.folder / TOKENIZER))
        self._session = onnxruntime.InferenceSession(
            str(self.folder / config.model_file), options, providers=["CPUExecutionProvider"]
        )
        self.config = config

    def predict(self, text: str) -> list[Mention]:
        """Mentions the model finds in ``text``, with offsets into ``text``."""
        if not self.is_loaded():
            self.load()
        encoding = self._tokenizer.encode(text, add_special_tokens=False)
        if not encoding.ids:
            return []
        probabilities = self.token_probabilities(np.asarray(encoding.ids, dtype=np.int64))
        names = self.config.tags
        tags = [names[i] for i in probabilities.argmax(axis=-1).tolist()]
        spans = decode_bio(tags, probabilities.max(axis=-1))
        if not spans:
            return []
        offsets = encoding.offsets  # a fresh list of every offset on each access: read it once
        # One interpolation over every span (np.interp computes each element as it would alone).
        scores = self.config.calibration.apply_many([span.confidence for span in spans])
        return [self._mention(text, offsets, span, score) for span, score in zip(spans, scores)]

    def token_probabilities(self, ids: np.ndarray) -> np.ndarray:
        """Per-token tag probabilities for a whole text, read in overlapping windows."""
        config = self.config
        windows = plan_windows(len(ids), config.window_length, config.window_overlap)
        batch = np.zeros((len(windows), windows[0][1] - windows[0][0]), dtype=np.int64)
        for row, (start, end) in enumerate(windows):
            batch[row, : end - start] = ids[start:end]
        # Runs of BATCH_WINDOWS keep memory flat on a multi-megabyte text (attention is per window).
        logits = np.concatenate([
            self._session.run(None, {"input_ids": part, "attention_mask": (part != 0).astype(np.int64)})[0]
            for part in np.split(batch, range(BATCH_WINDOWS, len(batch), BATCH_WINDOWS))
        ])
        probabilities = softmax(logits, config.calibration.temperature)
        parts = [
            probabilities[row, left - start : right - start]
            for row, ((start, _), (left, right)) in enumerate(zip(windows, owned_ranges(windows)))
        ]
        return np.concatenate(parts, axis=0)

    def _mention(self, text: str, offsets: list[tuple[int, int]], span: TaggedSpan, calibrated: float) -> Mention:
        start, end = offsets[span.first_token][0], offsets[span.last_token][1]
        config = self.config
        spec = config.labels.get(span.label)
        return Mention(
            field=spec.field if spec is not None else f"ner.{span.label.lower()}",
            value=text[start:end],
            start=start,
            end=end,
            score=round(calibrated, 4),
            pattern=config.pattern,
            attrs={"label": span.label, "raw_score": round(span.confidence, 4),
                   "calibration": config.calibration.method},
        )


@lru_cache(maxsize=4)
def load_tagger(model_dir: str | None = None, threads: int = 1) -> TransformerTagger:
    """The process-wide tagger for a model folder (loaded once, on first prediction)."""
    return TransformerTagger(Path(model_dir) if model_dir else None, threads=threads)


# ----------------------------------------------------------------- spaCy component
# spaCy is imported only when the component is registered: importing spaCy imports thinc,
# which imports torch whenever torch is installed (the training environment), and the
# prediction path must stay free of both.

FACTORY = "review_transformer"
MODEL_MENTIONS = "model_mentions"
RULE_MENTIONS = "review_mentions"
READING_TEXT = "review_reading_text"


def _declare_extension() -> None:
    # The pipeline's extensions module should own this declaration; until it does, declare
    # it here once (never overwriting an existing declaration).
    from spacy.tokens import Doc

    for name in (MODEL_MENTIONS, RULE_MENTIONS):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class TransformerComponent:
    """spaCy component after the rule recognizers: tags the reading text, keeps the raw model
    Mentions in ``doc._.model_mentions`` and ``doc.spans[spans_key]``, and replaces
    ``doc._.review_mentions`` with the rule mentions combined with the model (``combine``)."""

    def __init__(self, tagger: TransformerTagger, spans_key: str, mode: str = "combine") -> None:
        if mode not in MODES:
            raise ValueError(f"review_transformer mode must be one of {sorted(MODES)}, not {mode!r}")
        self.tagger = tagger
        self.spans_key = spans_key
        self.merge = MODES[mode]
        _declare_extension()

    def __call__(self, doc: Any) -> Any:
        text = doc._.get(READING_TEXT) if doc.has_extension(READING_TEXT) and doc._.get(READING_TEXT) else doc.text
        model = self.tagger.predict(text)
        doc._.set(MODEL_MENTIONS, model)
        doc._.set(RULE_MENTIONS, self.merge(doc._.get(RULE_MENTIONS) or [], model, self.tagger.config, text))
        found = [doc.char_span(m.start, m.end, label=m.attrs["label"], alignment_mode="expand") for m in model]
        doc.spans[self.spans_key] = [span for span in found if span is not None]
        return doc


def make_review_transformer(
    nlp: Any, name: str, model_dir: str | None, threads: int, spans_key: str, mode: str
) -> TransformerComponent:
    return TransformerComponent(load_tagger(model_dir, threads), spans_key, mode)


@lru_cache(maxsize=1)
def register_spacy_factory() -> str:
    """Register the ``review_transformer`` factory (once) and return its name, for
    ``nlp.add_pipe(register_spacy_factory(), config={...})``."""
    from spacy.language import Language

    Language.factory(
        FACTORY,
        requires=[f"doc._.{RULE_MENTIONS}"],
        assigns=[f"doc._.{MODEL_MENTIONS}", f"doc._.{RULE_MENTIONS}", "doc.spans"],
        default_config={"model_dir": None, "threads": 1, "spans_key": "ner_model", "mode": "combine"},
        func=make_review_transformer,
    )
    return FACTORY


if "spacy" in sys.modules:
    # The pipeline imports this module after spaCy to get the factory registered; a process
    # that only predicts (no spaCy loaded) does not pay for spaCy, thinc or torch.
    register_spacy_factory()
