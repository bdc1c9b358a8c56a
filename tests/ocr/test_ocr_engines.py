"""Engines are created once per reader, picked by name; missing ones say so clearly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from review_engine.errors import NotAvailableError
from review_engine.ocr import DocumentReader
from review_engine.ocr.engines import ENGINES, OcrEngineProvider, TesseractEngine
from review_engine.ocr.tuning import get_tuning
from review_engine.settings import OcrSettings

from .conftest import KEY_TOKENS


def test_ocr_engines_unknown_name_is_not_available():
    provider = OcrEngineProvider(OcrSettings(), get_tuning())
    with pytest.raises(NotAvailableError, match="unknown OCR engine 'abbyy'"):
        provider.get("abbyy")


def test_ocr_engines_are_loaded_once_and_reused(reader, report_png: Path):
    reader.read(report_png)
    engine = reader.engines.get("rapidocr")
    reader.read(report_png)
    assert reader.engines.get("rapidocr") is engine and engine.is_loaded()


def test_ocr_engines_registry_names_match_the_settings_choices():
    assert set(ENGINES) == set(OcrSettings.model_fields["engine"].annotation.__args__)


def test_ocr_engines_tesseract_without_language_data_is_not_available():
    tuning = get_tuning().model_copy(deep=True)
    tuning.engines.tesseract.languages = "chi_sim+klingon"
    with pytest.raises(NotAvailableError, match="klingon"):
        TesseractEngine(OcrSettings(), tuning).load()


def test_ocr_engines_blank_image_gives_no_words(reader):
    engine = reader.engines.get("rapidocr")
    assert engine.recognize(np.full((300, 400, 3), 255, np.uint8)) == []


@pytest.mark.slow
def test_ocr_engines_tesseract_reads_the_report(report_png: Path):
    doc = DocumentReader().read(report_png, engine="tesseract")
    assert doc.engine == "tesseract"
    assert all(doc.text[w.start : w.end] == w.text for w in doc.words)
    found = [t for t in KEY_TOKENS if t in doc.text]
    assert len(found) >= len(KEY_TOKENS) - 2, doc.text
