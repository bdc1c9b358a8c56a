"""Every custom ``Doc``/``Span`` attribute of the pipeline, declared in one place.

``register_extensions()`` is idempotent: it (re)declares each attribute with
``force=True`` only when the existing declaration differs from ours, and raises when
another package declared the same name with a different meaning (never silently keeps
a foreign declaration).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

# name -> (default, meaning). Defaults are immutable: lists are created per doc by the
# components that assign them (spaCy shares a mutable default between docs).
DOC_EXTENSIONS: dict[str, tuple[Any, str]] = {
    "review_language": (None, "'zh' or 'en', set by review_sections"),
    "review_sections": (None, "list[Section]: report sections in text order, set by review_sections"),
    "review_mentions": (None, "list[Mention]: every recognizer/model mention, set by review_recognizers"),
    "review_reading_text": (None, "the text recognizers read: doc.text with over-long lines masked"),
    "model_mentions": (None, "list[Mention]: raw mentions of the optional review_transformer component"),
    "review_warnings": (None, "list[str]: pipeline warnings (masked lines, dropped mentions)"),
}
SPAN_EXTENSIONS: dict[str, tuple[Any, str]] = {
    "mention": (None, "the Mention behind a span of doc.spans['findings']"),
    "section": (None, "category of the section the span lies in, or None"),
    "status": (None, "variant status from ConText: detected, not_detected, vus, indeterminate"),
    "origin": (None, "variant origin from ConText: germline, somatic or None"),
}
_OWNER = "review_engine"


def register_extensions() -> None:
    """Declare every extension; safe to call any number of times."""
    for name, (default, _) in DOC_EXTENSIONS.items():
        _declare(Doc, name, default)
    for name, (default, _) in SPAN_EXTENSIONS.items():
        _declare(Span, name, default)


def _declare(cls: type, name: str, default: Any) -> None:
    if cls.has_extension(name):
        existing = cls.get_extension(name)
        if existing[0] == default and existing[1:] == (None, None, None):
            return
        if not _owned(cls, name):
            raise ValueError(f"{cls.__name__}._.{name} is already declared by another package with other settings")
    cls.set_extension(name, default=default, force=True)
    _OWNED.add((cls.__name__, name))


_OWNED: set[tuple[str, str]] = set()


def _owned(cls: type, name: str) -> bool:
    return (cls.__name__, name) in _OWNED


def remove_extensions() -> None:
    """Remove our declarations (tests reset the global tables with this)."""
    for name in DOC_EXTENSIONS:
        if Doc.has_extension(name):
            Doc.remove_extension(name)
    for name in SPAN_EXTENSIONS:
        if Span.has_extension(name):
            Span.remove_extension(name)
    _OWNED.clear()
