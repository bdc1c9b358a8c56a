"""The PP-OCR model files: the default set is the int8 one, it loads, it is the file the
manifest records, and a missing or damaged file is a clear error, never a quiet fallback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from review_engine.errors import KnowledgeError
from review_engine.ocr.engines import RapidOcrEngine
from review_engine.ocr.ppocr_models import (
    MANIFEST,
    WHEEL_PREFIX,
    file_sha256,
    model_path,
    open_session,
    verify_model,
)
from review_engine.ocr.tuning import get_tuning, load_tuning, tuning_path
from review_engine.settings import OcrSettings, models_dir

INT8_REC = "ocr/PP-OCRv6_rec_small.int8.onnx"


@pytest.fixture
def models_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of models/ocr (REVIEW_ENGINE_MODELS points at it) to damage."""
    shutil.copytree(models_dir() / "ocr", tmp_path / "ocr")
    monkeypatch.setenv("REVIEW_ENGINE_MODELS", str(tmp_path))
    return tmp_path


def test_ocr_models_default_set_is_the_int8_recogniser():
    rapid = get_tuning().engines.rapidocr
    assert rapid.model_set == "int8"
    assert rapid.models.rec == INT8_REC
    assert rapid.models.det.startswith(
        WHEEL_PREFIX
    )  # detection stays float (dynamic Conv int8 is slower)


def test_ocr_models_int8_file_matches_its_manifest():
    manifest = json.loads((models_dir() / MANIFEST).read_text(encoding="utf-8"))
    entry = manifest["files"][INT8_REC]
    assert verify_model(INT8_REC) == models_dir() / INT8_REC
    assert entry["sha256"] == file_sha256(models_dir() / INT8_REC)
    assert entry["source_sha256"] == file_sha256(model_path(entry["source"]))


def test_ocr_models_int8_recogniser_loads_quantised_and_agrees_with_float():
    """Same character list and output shape as the float model, MatMuls run in int8, and the
    most likely character per frame agrees on a drawn line (the model is not a float copy)."""
    from PIL import Image, ImageDraw, ImageFont

    from .conftest import FONT_PATH

    int8 = open_session(INT8_REC, threads=1, spinning=False)
    float_ = open_session(WHEEL_PREFIX + "PP-OCRv6_rec_small.onnx", threads=1, spinning=False)
    assert (
        int8.get_modelmeta().custom_metadata_map["character"]
        == float_.get_modelmeta().custom_metadata_map["character"]
    )
    line = Image.new("RGB", (640, 48), "white")
    ImageDraw.Draw(line).text(
        (6, 6), "EGFR p.L858R 突变 23.5%", font=ImageFont.truetype(FONT_PATH, 32), fill="black"
    )
    batch = ((np.asarray(line, np.float32).transpose(2, 0, 1) / 255 - 0.5) / 0.5)[None]
    name = int8.get_inputs()[0].name
    a, b = float_.run(None, {name: batch})[0], int8.run(None, {name: batch})[0]
    assert a.shape == b.shape
    assert (a.argmax(-1) == b.argmax(-1)).mean() > 0.97


def test_ocr_models_int8_recogniser_runs_its_matmuls_in_int8():
    onnx = pytest.importorskip("onnx")
    """Every MatMul with weights is int8; the float ones left multiply two activations (attention)."""
    graph = onnx.load(str(models_dir() / INT8_REC)).graph
    weights = {init.name for init in graph.initializer}
    assert sum(node.op_type == "MatMulInteger" for node in graph.node) >= 9
    assert not [n.name for n in graph.node if n.op_type == "MatMul" and weights & set(n.input)]


def test_ocr_models_reader_runs_the_int8_recogniser(reader, report_png: Path):
    """The library runs the sessions we opened (its custom-session hook), not its own float ones."""
    doc = reader.read(report_png)
    engine = reader.engines.get("rapidocr")
    assert "p.L858R" in doc.text
    live_rec = engine._recognizer.text_rec.session.session
    live_det = engine._ocr.text_det.session.session
    assert live_rec is engine._sessions["rec"] and live_det is engine._sessions["det"]
    assert Path(live_rec._model_path) == models_dir() / INT8_REC


def test_ocr_models_missing_file_is_a_clear_error(models_copy: Path):
    (models_copy / INT8_REC).unlink()
    with pytest.raises(KnowledgeError, match=r"PP-OCR model file is missing .*ocr_quantize"):
        verify_model(INT8_REC)


def test_ocr_models_changed_file_is_refused(models_copy: Path):
    path = models_copy / INT8_REC
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(KnowledgeError, match="sha256 differs"):
        verify_model(INT8_REC)


def test_ocr_models_unloadable_file_is_a_clear_error(models_copy: Path):
    """A file the manifest vouches for but onnxruntime cannot read (e.g. both remade wrongly)."""
    path = models_copy / INT8_REC
    path.write_bytes(b"not an onnx graph")
    manifest = json.loads((models_copy / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][INT8_REC]["sha256"] = file_sha256(path)
    (models_copy / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not a loadable ONNX model") as error:
        open_session(INT8_REC, threads=1, spinning=False)
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_ocr_models_engine_refuses_to_load_without_its_model(models_copy: Path):
    """No silent fallback to the wheel's float model: the engine does not load at all."""
    (models_copy / INT8_REC).unlink()
    engine = RapidOcrEngine(OcrSettings(), get_tuning())
    with pytest.raises(KnowledgeError, match="missing"):
        engine.load()
    assert not engine.is_loaded()


def test_ocr_models_unknown_model_set_is_a_tuning_error(tmp_path: Path):
    text = tuning_path().read_text(encoding="utf-8").replace("model_set: int8", "model_set: int4")
    bad = tmp_path / "ocr.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="int4"):
        load_tuning(bad)


def test_ocr_models_quantize_script_reproduces_the_committed_file(tmp_path: Path):
    """training/ocr_quantize.py on the installed wheel gives the committed bytes (same versions)."""
    pytest.importorskip("onnx")
    from importlib.metadata import version

    from training.ocr_quantize import SOURCE, TARGET, quantize

    entry = json.loads((models_dir() / MANIFEST).read_text(encoding="utf-8"))["files"][TARGET]
    if entry["onnxruntime"] != version("onnxruntime") or entry["onnx"] != version("onnx"):
        pytest.skip("made with other onnx/onnxruntime versions")
    target = tmp_path / "rec.int8.onnx"
    quantize(model_path(WHEEL_PREFIX + SOURCE), target, tmp_path)
    assert file_sha256(target) == entry["sha256"]
