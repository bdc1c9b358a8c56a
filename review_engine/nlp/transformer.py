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

import hashlib
import json
import re
import sys
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from review_engine.errors import KnowledgeError, NotAvailableError
from review_engine.nlp.mentions import Mention
from review_engine.settings import models_dir

DEFAULT_MODEL = "ner"
OUTSIDE = "O"
MANIFEST = "manifest.json"
CONFIG = "config.json"
TOKENIZER = "tokenizer.json"
BATCH_WINDOWS = 32


class Calibration(BaseModel):
    """Maps a span's raw confidence to P(span and label are right), fitted on dev."""

    model_config = ConfigDict(extra="forbid")
    temperature: float = Field(default=1.0, gt=0)
    knots_x: list[float] = Field(default_factory=lambda: [0.0, 1.0])
    knots_y: list[float] = Field(default_factory=lambda: [0.0, 1.0])
    method: str = "identity"

    def apply(self, raw: float) -> float:
        return float(np.interp(raw, self.knots_x, self.knots_y))


class LabelSpec(BaseModel):
    """What a model label means to the pipeline."""

    model_config = ConfigDict(extra="forbid")
    field: str = Field(description="Mention.field of the raw model span")
    agrees_with: list[str] = Field(default_factory=list, description="rule fields (dotted prefixes) that confirm it")
    normaliser: str | None = Field(default=None, description="rule normaliser for spans the rules missed")


class Combination(BaseModel):
    """How model spans adjust rule mentions (see ``combine``)."""

    model_config = ConfigDict(extra="forbid")
    agreement_gain: float = Field(default=0.5, ge=0, le=1)
    disagreement_factor: float = Field(default=0.85, ge=0, le=1)
    model_only_factor: float = Field(default=0.75, ge=0, le=1)
    gene_lookback_lines: int = Field(default=20, ge=0, description=(
        "a model-only change takes the nearest gene at most this many lines above it"))


class ModelConfig(BaseModel):
    """What the runtime needs to read the model's output (written by the export)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    version: str
    model_file: str = "model.onnx"
    tags: list[str] = Field(min_length=1, description="output index -> 'O' | 'B-<LABEL>' | 'I-<LABEL>'")
    labels: dict[str, LabelSpec]
    window_length: int = Field(gt=8)
    window_overlap: int = Field(ge=0)
    calibration: Calibration = Field(default_factory=Calibration)
    combination: Combination = Field(default_factory=Combination)

    @property
    def pattern(self) -> str:
        return f"ner_model:{self.version}"


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
    for index, tag in enumerate([*tags, OUTSIDE]):
        prefix, _, tag_label = tag.partition("-")
        continues = prefix == "I" and tag_label == label
        if label is not None and not continues:
            spans.append(_span(label, first, index - 1, probabilities))
            label = None
        if prefix in ("B", "I") and not continues:
            label, first = tag_label, index
    return spans


def _span(label: str, first: int, last: int, probabilities: np.ndarray) -> TaggedSpan:
    return TaggedSpan(label, first, last, float(probabilities[first : last + 1].mean()))


def softmax(logits: np.ndarray, temperature: float) -> np.ndarray:
    scaled = logits / temperature
    scaled = scaled - scaled.max(axis=-1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=-1, keepdims=True)


# ----------------------------------------------------------------- files


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        if _sha256(path) != expected:
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
        tags = [self.config.tags[i] for i in probabilities.argmax(axis=-1)]
        spans = decode_bio(tags, probabilities.max(axis=-1))
        offsets = encoding.offsets  # a fresh list of every offset on each access: read it once
        return [self._mention(text, offsets, span) for span in spans]

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

    def _mention(self, text: str, offsets: list[tuple[int, int]], span: TaggedSpan) -> Mention:
        start, end = offsets[span.first_token][0], offsets[span.last_token][1]
        config = self.config
        return Mention(
            field=config.labels[span.label].field if span.label in config.labels else f"ner.{span.label.lower()}",
            value=text[start:end],
            start=start,
            end=end,
            score=round(config.calibration.apply(span.confidence), 4),
            pattern=config.pattern,
            attrs={"label": span.label, "raw_score": round(span.confidence, 4),
                   "calibration": config.calibration.method},
        )


@lru_cache(maxsize=4)
def load_tagger(model_dir: str | None = None, threads: int = 1) -> TransformerTagger:
    """The process-wide tagger for a model folder (loaded once, on first prediction)."""
    return TransformerTagger(Path(model_dir) if model_dir else None, threads=threads)


# ----------------------------------------------------------------- combining with the rules


@dataclass(frozen=True)
class Reading:
    """What a rule normaliser made of a model span the rules missed."""

    value: Any
    repairs: tuple[str, ...] = ()
    score: float = 1.0
    """the rule grammar's own score of the reading"""
    start: int | None = None
    """where the finding starts when not at the span (the gene written before a change)"""
    attrs: dict[str, Any] | None = None


@dataclass(frozen=True)
class SpanContext:
    """What a normaliser may look at besides the span: the text, the model's spans and the rules'.

    What several spans ask of the whole text (located genes, line breaks, what the rules cover)
    is worked out once per document, so the combination stays linear in the text's length."""

    text: str
    model: list[Mention]
    rules: list[Mention]
    config: ModelConfig

    @cached_property
    def genes(self) -> list[_Gene]:
        """Located genes, ordered by (end, -start): the last one ending before a span is its nearest
        (of one place located twice, the model's GENE span, which ``_located_genes`` lists first)."""
        located = list(enumerate(_located_genes(self)))
        return [g for _, g in sorted(located, key=lambda p: (p[1].end, -p[1].start, -p[0]))]

    @cached_property
    def gene_ends(self) -> list[int]:
        return [g.end for g in self.genes]

    @cached_property
    def line_breaks(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    def lines_between(self, start: int, end: int) -> int:
        return bisect_left(self.line_breaks, end) - bisect_left(self.line_breaks, start)

    def covered(self, span: Mention, spec: LabelSpec) -> bool:
        """Whether a rule mention that ``spec``'s label agrees with overlaps ``span``."""
        starts, ends = self._agreeing_cover(spec)
        index = bisect_right(starts, span.start) - 1  # the last merged interval starting at or before the span
        if index >= 0 and ends[index] > span.start:
            return True
        return index + 1 < len(starts) and starts[index + 1] < span.end

    def _agreeing_cover(self, spec: LabelSpec) -> tuple[list[int], list[int]]:
        key = tuple(spec.agrees_with)
        if key not in self._cover:
            merged: list[list[int]] = []
            for rule in sorted((r for r in self.rules if _agrees(r, spec)), key=lambda r: r.start):
                if merged and rule.start < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], rule.end)
                else:
                    merged.append([rule.start, rule.end])
            self._cover[key] = ([a for a, _ in merged], [b for _, b in merged])
        return self._cover[key]

    @cached_property
    def _cover(self) -> dict[tuple[str, ...], tuple[list[int], list[int]]]:
        return {}


def _stage(span: Mention, context: SpanContext) -> Reading | None:
    from review_engine.nlp.normalize.tnm import normalize_stage

    for candidate in (span.value, *_STAGE_TOKEN.findall(span.value)):
        value, repairs = normalize_stage(candidate)
        if value:
            return Reading(value, tuple(repairs))
    return None


_STAGE_TOKEN = re.compile(r"[0-4IVⅠ-Ⅻ]+[A-Ca-c]?[1-3]?")


@dataclass(frozen=True)
class _Gene:
    symbol: str
    start: int
    end: int
    repairs: tuple[str, ...]
    score: float
    """the model's calibrated score of a GENE span; 1.0 for a gene the rules read"""


def _located_genes(context: SpanContext) -> list[_Gene]:
    """Genes located by the model (its GENE spans, read through the rules' gene vocabulary and
    OCR snap) or by the rules (every gene token their vocabulary finds in the text, as the
    variant recognizer sees them: a kit names its gene once, in a title the model does not tag)."""
    from review_engine.nlp.normalize.genes import gene_hits, gene_vocabulary
    from review_engine.nlp.normalize.ocr_repair import fold_width

    vocab, genes = gene_vocabulary(), []
    for span in context.model:
        if span.attrs.get("label") != "GENE":
            continue
        symbol = vocab.normalize(span.value)
        snapped = None if symbol else vocab.snap(span.value)
        if symbol or snapped:
            genes.append(_Gene(symbol or snapped[0], span.start, span.end, () if symbol else (snapped[1],), span.score))
    for hit in gene_hits(fold_width(context.text)):
        genes.append(_Gene(hit.symbol, hit.start, hit.end, (hit.repair,) if hit.repair else (), 1.0))
    return genes


def _nearest_gene(span: Mention, context: SpanContext) -> _Gene | None:
    """The located gene closest before ``span``, at most ``gene_lookback_lines`` lines above it
    (a results table names the gene once, in a title or a row above its changes)."""
    index = bisect_right(context.gene_ends, span.start) - 1
    if index < 0:
        return None
    gene = context.genes[index]
    lines_between = context.lines_between(gene.end, span.start)
    return gene if lines_between <= context.config.combination.gene_lookback_lines else None


def _variant(span: Mention, context: SpanContext) -> Reading | None:
    """A change the rules did not read (OCR broke the line around it): the rule grammar reads
    '<gene> <span text>' with the nearest located gene, so the value is normalised (HGVS,
    hotspot repairs) exactly as the rules would; ConText later gives it the status on its line."""
    from review_engine.nlp.recognizers import variants

    gene = _nearest_gene(span, context)
    if gene is None:
        return None
    snippet = f"{gene.symbol} {span.value}"
    readings = [m for m in variants.find(snippet)
                if isinstance(m.value, dict) and m.value.get("gene") == gene.symbol and m.end > len(gene.symbol)]
    if not readings:
        return None
    best = max(readings, key=lambda m: m.score)
    same_line = "\n" not in context.text[gene.end : span.start]
    located = f"change located by the model at {span.start}-{span.end}, gene {gene.symbol} at {gene.start}-{gene.end}"
    # as sure as its least sure part: the change's reading and the gene's location
    return Reading(best.value, (*gene.repairs, *best.repairs, located), min(best.score, gene.score),
                   start=gene.start if same_line else span.start,
                   attrs={"anchor": (span.start, span.end), "gene_span": (gene.start, gene.end), "gene_via": "ner_model"})


NORMALISERS: dict[str, Callable[[Mention, SpanContext], Reading | None]] = {"stage": _stage, "variant": _variant}
"""Rule normalisers by name (``LabelSpec.normaliser``): a model span the rules missed -> its reading or None."""


def _agrees(rule: Mention, spec: LabelSpec) -> bool:
    return any(rule.field == f or rule.field.startswith(f + ".") for f in spec.agrees_with)


def _adjusted(rule: Mention, score: float, cause: str, model: Mention) -> Mention:
    adjustment = {"cause": cause, "model_score": model.score, "model_label": model.attrs["label"],
                  "pattern": model.pattern, "from": rule.score, "to": round(score, 4)}
    attrs = {**rule.attrs, "adjustments": [*rule.attrs.get("adjustments", ()), adjustment]}
    return replace(rule, score=round(score, 4), attrs=attrs)


def _overlapping(rule: Mention, model: list[Mention], ends: list[int]) -> list[Mention]:
    """Model spans overlapping ``rule``; ``model`` is sorted and non-overlapping (as decoded),
    so ``ends`` is sorted too and a bisection finds the first candidate."""
    found = []
    for index in range(bisect_right(ends, rule.start), len(model)):
        if model[index].start >= rule.end:
            break
        found.append(model[index])
    return found


def _judge(rule: Mention, model: list[Mention], ends: list[int], config: ModelConfig) -> Mention:
    """A rule mention, its score raised when an overlapping model span agrees with it and
    lowered when overlapping model spans all say something else."""
    if not any(_agrees(rule, spec) for spec in config.labels.values()):
        return rule
    # Labels that confirm no rule field (a status cue) say nothing about what the rule read.
    overlapping = [m for m in _overlapping(rule, model, ends) if config.labels[m.attrs["label"]].agrees_with]
    agreeing = [m for m in overlapping if _agrees(rule, config.labels[m.attrs["label"]])]
    rules = config.combination
    if agreeing:
        best = max(agreeing, key=lambda m: m.score)
        return _adjusted(rule, rule.score + (1 - rule.score) * rules.agreement_gain * best.score, "ner_model_agreement", best)
    if overlapping:
        # As sure as the model is: a span it barely believes (a stray PATIENT_ID at 0.07 over "IVA期")
        # must not pull a strong rule reading under the approval floor; agreement scales the same way.
        best = max(overlapping, key=lambda m: m.score)
        factor = 1 - (1 - rules.disagreement_factor) * best.score
        return _adjusted(rule, rule.score * factor, "ner_model_disagreement", best)
    return rule


def _model_only(model: Mention, context: SpanContext) -> Mention | None:
    """A model span no rule mention covers, as a finding when its label's rule normaliser
    reads it; scored below what may support an approval on its own."""
    config = context.config
    spec = config.labels.get(model.attrs["label"])
    if spec is None or spec.normaliser is None or context.covered(model, spec):
        return None
    reading = NORMALISERS[spec.normaliser](model, context)
    if reading is None:
        return None
    score = round(min(model.score, reading.score) * config.combination.model_only_factor, 4)
    attrs = {**model.attrs, **(reading.attrs or {}), "normaliser": spec.normaliser, "model_only": True}
    start = model.start if reading.start is None else reading.start
    return replace(model, field=spec.field, value=reading.value, start=start, score=score, repairs=reading.repairs,
                   attrs=attrs)


def combine(rules: list[Mention], model: list[Mention], config: ModelConfig, text: str = "") -> list[Mention]:
    """Rule mentions adjusted by the model (agreement raises, disagreement lowers), then the
    model spans the rules missed that a rule normaliser can read (``text``: what was tagged)."""
    model = sorted((m for m in model if m.attrs.get("label") in config.labels), key=lambda m: m.start)
    ends = [m.end for m in model]
    judged = [_judge(rule, model, ends, config) for rule in rules]
    context = SpanContext(text, model, rules, config)
    extra = [m for m in (_model_only(span, context) for span in model) if m is not None]
    return judged + extra


def gate(rules: list[Mention], model: list[Mention], config: ModelConfig, text: str = "") -> list[Mention]:
    """The model alone decides where findings are: of the fields the model covers, only rule
    readings an agreeing model span overlaps are kept (rules still normalise); fields the
    model does not cover pass unchanged. For the ablation ("model alone")."""
    kept = []
    for mention in combine(rules, model, config, text):
        adjustments = mention.attrs.get("adjustments", ())
        covered = any(_agrees(mention, spec) for spec in config.labels.values())
        agreed = any(a["cause"] == "ner_model_agreement" for a in adjustments)
        if not covered or agreed or mention.attrs.get("model_only"):
            kept.append(mention)
    return kept


MODES: dict[str, Callable[[list[Mention], list[Mention], ModelConfig, str], list[Mention]]] = {
    "combine": combine, "gate": gate,
}


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
        spans = [doc.char_span(m.start, m.end, label=m.attrs["label"], alignment_mode="expand") for m in model]
        doc.spans[self.spans_key] = [span for span in spans if span is not None]
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
