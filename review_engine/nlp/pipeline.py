"""The extraction pipeline: ParsedDocument -> DocumentFindings, assembled once per process.

    extractor = Extractor()                       # builds the spaCy pipeline and loads data once
    findings = extractor.extract(parsed_document, kind="auto", doc_id="d1")
    findings = extractor.extract_text("EGFR p.L858R 23.5%")

spaCy components, registered by name (``nlp.pipe_names``):
  review_sections     -> doc._.review_sections, doc._.review_language, doc._.review_reading_text
  review_recognizers  -> doc._.review_mentions, doc.spans["findings"]  (registry: knowledge/nlp/pipeline.json)
  review_transformer  optional hook: a component of that name (review_engine/nlp/transformer.py) is added
                      after review_recognizers when listed in pipeline.json 'optional_components' and its
                      module registers the factory; it must APPEND Mentions to doc._.review_mentions.
  review_context      -> span._.status / span._.origin, status/origin on variant mentions
The rest (kind, assembly, evidence) runs on the mentions in ``findings.py``.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from review_engine.domain import DocumentFindings, Line, Page, ParsedDocument, Word
from review_engine.errors import KnowledgeError
from review_engine.nlp import knowledge_path, load_knowledge
from review_engine.nlp.classify import classify_document
from review_engine.nlp.context import context_engine
from review_engine.nlp.extensions import register_extensions
from review_engine.nlp.findings import FindingsAssembler
from review_engine.nlp.language import detect_language
from review_engine.nlp.mentions import OFFSET_ATTRS, Mention
from review_engine.nlp.sections import SectionIndex, detect_sections
from review_engine.nlp.tokenizer import MixedTokenizer
from review_engine.settings import Settings, get_settings, models_dir

log = logging.getLogger(__name__)
Recognizer = Callable[[str], list[Mention]]
SPAN_KEY = "findings"


# ---------------------------------------------------------------- components


@Language.factory(
    "review_sections",
    assigns=["doc._.review_sections", "doc._.review_language", "doc._.review_reading_text", "doc._.review_warnings"],
    default_config={"max_line_chars": 4000},
)
def make_sections(nlp: Language, name: str, max_line_chars: int) -> Callable[[Doc], Doc]:
    def review_sections(doc: Doc) -> Doc:
        reading, warnings = mask_long_lines(doc.text, max_line_chars)
        doc._.review_reading_text = reading
        doc._.review_warnings = warnings
        doc._.review_sections = detect_sections(reading)
        doc._.review_language = detect_language(reading)
        return doc

    return review_sections


@Language.factory(
    "review_recognizers",
    requires=["doc._.review_reading_text", "doc._.review_sections"],
    assigns=["doc._.review_mentions", "doc.spans"],
    default_config={"recognizers": []},
)
def make_recognizers(nlp: Language, name: str, recognizers: list[str]) -> Callable[[Doc], Doc]:
    finders = load_recognizers(recognizers)

    def review_recognizers(doc: Doc) -> Doc:
        text = doc._.review_reading_text
        doc._.review_mentions = [m for find in finders for m in find(text)]
        return doc

    return review_recognizers


@Language.factory(
    "review_context",
    requires=["doc._.review_mentions", "doc._.review_sections"],
    assigns=["doc._.review_mentions", "doc.spans", "span._.status", "span._.origin", "span._.section"],
)
def make_context(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    engine = context_engine()

    def review_context(doc: Doc) -> Doc:
        index = SectionIndex(doc._.review_sections)
        mentions = engine.assess(doc._.review_reading_text, doc._.review_mentions, index)
        doc._.review_mentions = mentions
        doc.spans[SPAN_KEY] = _spans(doc, mentions)
        return doc

    return review_context


def _spans(doc: Doc, mentions: list[Mention]) -> list:
    spans = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, label=mention.field, alignment_mode="expand")
        if span is None:
            continue
        span._.mention = mention
        span._.section = mention.attrs.get("section")
        if isinstance(mention.value, dict):
            span._.status = mention.value.get("status")
            span._.origin = mention.value.get("origin")
        spans.append(span)
    return spans


# ---------------------------------------------------------------- helpers


def load_recognizers(modules: list[str]) -> list[Recognizer]:
    """The ``find`` function of every registered recognizer module (a missing one is an error)."""
    finders = []
    for name in modules:
        module = importlib.import_module(name)
        find = getattr(module, "find", None)
        if not callable(find):
            raise KnowledgeError(str(knowledge_path("pipeline.json")), f"recognizer {name} has no find(text)")
        finders.append(find)
    return finders


def mask_long_lines(text: str, max_chars: int) -> tuple[str, list[str]]:
    """``text`` with every line cut to ``max_chars`` readable characters (the rest blanked, same length)."""
    if len(text) <= max_chars or all(len(line) <= max_chars for line in text.split("\n")):
        return text, []
    lines, warnings = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > max_chars:
            warnings.append(f"line {number} has {len(line)} characters; only the first {max_chars} were read")
            line = line[:max_chars] + " " * (len(line) - max_chars)
        lines.append(line)
    return "\n".join(lines), warnings


@dataclass(frozen=True)
class CutText:
    """A text with every over-long line cut to ``max_chars`` characters, and the way back.

    The blanked tail of ``mask_long_lines`` keeps offsets but every pattern and the tagger's
    tokenizer still walk it: a 1 MB line cost about a second of blanks. Cutting the tail makes
    the work follow what is read; ``source_span`` maps a span of the cut text back to the
    original, so evidence still finds its OCR boxes.
    """

    text: str
    warnings: list[str]
    cuts: list[int]
    """Offsets in ``text`` where a tail was removed (the end of each cut line), ascending."""
    removed: list[int]
    """Characters removed up to and including each cut (cumulative)."""

    @classmethod
    def of(cls, text: str, max_chars: int) -> CutText:
        if len(text) <= max_chars or all(len(line) <= max_chars for line in text.split("\n")):
            return cls(text, [], [], [])
        lines, warnings, cuts, removed, position, total = [], [], [], [], 0, 0
        for number, line in enumerate(text.split("\n"), start=1):
            if len(line) > max_chars:
                warnings.append(f"line {number} has {len(line)} characters; only the first {max_chars} were read")
                total += len(line) - max_chars
                line = line[:max_chars]
                cuts.append(position + max_chars)
                removed.append(total)
            lines.append(line)
            position += len(line) + 1
        return cls("\n".join(lines), warnings, cuts, removed)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the cut text in the original: a span ending where a line was cut
        ends there in the original too; one starting there starts after the removed tail."""
        def shift(cuts_before: int) -> int:
            return self.removed[cuts_before - 1] if cuts_before else 0

        return start + shift(bisect_right(self.cuts, start)), end + shift(bisect_left(self.cuts, end))

    def to_source(self, mention: Mention) -> Mention:
        if not self.cuts:
            return mention
        start, end = self.source_span(mention.start, mention.end)
        attrs = {key: self.source_span(*value) if key in OFFSET_ATTRS and value else value
                 for key, value in mention.attrs.items()}
        return replace(mention, start=start, end=end, attrs=attrs)


def build_nlp(config: dict[str, Any]) -> Language:
    """The spaCy pipeline: blank language, our tokenizer, our components in order."""
    register_extensions()
    nlp = spacy.blank(config.get("spacy_lang", "xx"))
    nlp.tokenizer = MixedTokenizer(nlp.vocab)
    nlp.add_pipe("review_sections", config={"max_line_chars": int(config["max_line_chars"])})
    nlp.add_pipe("review_recognizers", config={"recognizers": list(config["recognizers"])})
    for optional in config.get("optional_components", []):
        _add_optional(nlp, optional)
    nlp.add_pipe("review_context")
    return nlp


def _add_optional(nlp: Language, spec: dict[str, str]) -> None:
    """Add an optional model component when its module and model exist; say so in the log either way."""
    model_file = spec.get("requires_model_file")
    if model_file and not (models_dir() / model_file).is_file():
        log.info("optional component %s skipped: %s not found", spec["factory"], models_dir() / model_file)
        return
    if importlib.util.find_spec(spec["module"]) is None:
        log.info("optional component %s not installed (%s absent)", spec["factory"], spec["module"])
        return
    module = importlib.import_module(spec["module"])  # its errors are real errors
    # The module registers its factory explicitly: it may have been imported before spaCy was
    # (prediction alone needs no spaCy), so registration at import time cannot be relied on.
    register = getattr(module, "register_spacy_factory", None)
    if register is not None:
        register()
    if not Language.has_factory(spec["factory"]):
        # The model file is there, so a missing factory is a broken install, not an option.
        raise KnowledgeError(spec["module"], f"registers no spaCy factory named {spec['factory']}")
    nlp.add_pipe(spec["factory"], after=spec.get("after"))


def synthetic_document(text: str, doc_id: str = "") -> ParsedDocument:
    """Plain text as a ParsedDocument: pages split at form feeds, one box per word on a character grid.

    Beyond ``max_line_chars`` a line's tail is one box: nothing there is read, so it needs no words.
    """
    config = load_knowledge("pipeline.json")
    grid = {**config["synthetic_boxes"], "max_line_chars": config["max_line_chars"]}
    pages, offset = [], 0
    for number, page_text in enumerate(text.split("\f"), start=1):
        pages.append(_synthetic_page(page_text, number, offset, grid))
        offset += len(page_text) + 1
    return ParsedDocument(path="<text>", doc_id=doc_id, media_type="text/plain", engine="text", pages=pages, text=text)


def _synthetic_page(page_text: str, number: int, offset: int, grid: dict[str, float]) -> Page:
    cw, lh, margin = grid["char_width"], grid["line_height"], grid["margin"]
    lines, widest = [], 0
    for row, line_text in enumerate(page_text.split("\n")):
        words = [
            Word(text=m.group(), page=number, confidence=1.0, start=offset + m.start(), end=offset + m.end(),
                 bbox=(margin + m.start() * cw, margin + row * lh, margin + m.end() * cw, margin + (row + 1) * lh))
            for m in _words(line_text, int(grid["max_line_chars"]))
        ]
        if words:
            box = (words[0].bbox[0], words[0].bbox[1], words[-1].bbox[2], words[-1].bbox[3])
            lines.append(Line(text=line_text, bbox=box, words=words, confidence=1.0))
        widest = max(widest, len(line_text))
        offset += len(line_text) + 1
    height = margin * 2 + lh * (page_text.count("\n") + 1)
    return Page(number=number, width=margin * 2 + widest * cw, height=height, units="px", source="text", lines=lines)


_WORD = re.compile(r"\S+")
_TAIL = re.compile(r"\S[\s\S]*\S|\S")


def _words(line: str, max_chars: int) -> list[re.Match[str]]:
    words = list(_WORD.finditer(line, 0, max_chars))
    if len(line) > max_chars:
        tail = _TAIL.search(line, max_chars)
        if tail:
            words.append(tail)
    return words


# ---------------------------------------------------------------- the extractor


class Extractor:
    """Built once per process (the engine caches it); ``extract`` is then fast and stateless."""

    def __init__(self, settings: Settings | None = None, *, recognizers: list[str] | None = None,
                 optional_components: bool = True) -> None:
        """``recognizers`` overrides the registry of pipeline.json (to test one recognizer family alone);
        ``optional_components=False`` leaves out model components (rules only)."""
        self.settings = settings or get_settings()
        self.config = dict(load_knowledge("pipeline.json"))
        if recognizers is not None:
            self.config["recognizers"] = list(recognizers)
        if not optional_components:
            self.config["optional_components"] = []
        self.nlp = build_nlp(self.config)
        self.assembler = FindingsAssembler()

    def extract(self, doc: ParsedDocument, kind: str = "auto", doc_id: str = "") -> DocumentFindings:
        """Findings of one parsed document; ``kind='auto'`` classifies it first."""
        # The pipeline reads the text with over-long lines cut, so a hostile megabyte line costs no
        # more than reading a normal one; the mentions are mapped back to the document's offsets.
        reading = CutText.of(doc.text, int(self.config["max_line_chars"]))
        # The full pipeline, spans included: the production path is the one `process()` shows
        # (tokens mapped to boxes, doc.spans), so what a reviewer inspects is what decided.
        processed = self.nlp(reading.text)
        mentions = [reading.to_source(m) for m in processed._.review_mentions]
        resolved = classify_document(reading.text[: self.config["classify_chars"]]) if kind == "auto" else kind
        return self.assembler.assemble(
            doc, mentions, resolved, processed._.review_language, doc_id or doc.doc_id, reading.warnings
        )

    def extract_text(self, text: str, kind: str = "auto", doc_id: str = "") -> DocumentFindings:
        """Findings of plain text, wrapped in a one-box-per-word document so evidence still works."""
        return self.extract(synthetic_document(text, doc_id), kind=kind, doc_id=doc_id)

    def process(self, text: str) -> Doc:
        """The spaCy Doc with sections, mentions and spans (for inspection and tests)."""
        return self.nlp(mask_long_lines(text, int(self.config["max_line_chars"]))[0])
