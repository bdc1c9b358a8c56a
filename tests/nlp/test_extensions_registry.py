"""Extensions are declared once and idempotently; the pipeline's factories stay registered."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from review_engine.nlp import extensions


@pytest.fixture
def clean_extensions():
    """Reset the global extension tables around a test, then declare ours again."""
    extensions.remove_extensions()
    yield
    extensions.remove_extensions()
    extensions.register_extensions()


def test_extensions_register_is_idempotent(clean_extensions) -> None:
    extensions.register_extensions()
    extensions.register_extensions()
    assert all(Doc.has_extension(name) for name in extensions.DOC_EXTENSIONS)


def test_extensions_conflict_is_an_error(clean_extensions) -> None:
    Doc.set_extension("review_sections", getter=lambda doc: "someone else's")
    with pytest.raises(ValueError, match="review_sections"):
        extensions.register_extensions()


@pytest.mark.parametrize("factory", ["review_sections", "review_recognizers", "review_context"])
def test_extensions_factory_registered(variant_extractor, factory: str) -> None:
    assert Language.has_factory(factory)
