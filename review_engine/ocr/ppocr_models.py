"""The PP-OCR ONNX files RapidOCR runs: where each one is, that it is intact, and its session.

A model set (``knowledge/ocr/ocr.yaml`` engines.rapidocr.model_sets) names a file per
role (det, rec, cls). ``wheel/NAME`` is NAME inside the installed ``rapidocr`` wheel (the
float models PaddleOCR publishes); any other path lies under ``models/``
(``REVIEW_ENGINE_MODELS``) and must match its SHA-256 in ``models/ocr/manifest.json``,
written by ``training/ocr_quantize.py``. A missing, altered or unloadable file is a
KnowledgeError naming it: the engine never falls back to other weights on its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from review_engine.errors import KnowledgeError, NotAvailableError
from review_engine.model_files import file_sha256
from review_engine.settings import models_dir

WHEEL_PREFIX = "wheel/"
MANIFEST = Path("ocr") / "manifest.json"
REMAKE = "remake it with training/ocr_quantize.py"


def wheel_models_dir() -> Path:
    """The ``models`` folder inside the installed rapidocr package."""
    try:
        import rapidocr
    except ImportError as exc:
        raise NotAvailableError(
            f"OCR engine 'rapidocr' is not installed ({exc.name}): pip install rapidocr onnxruntime"
        ) from exc
    return Path(rapidocr.__file__).resolve().parent / "models"


def model_path(name: str) -> Path:
    """The file a model-set entry names."""
    if name.startswith(WHEEL_PREFIX):
        return wheel_models_dir() / name[len(WHEEL_PREFIX) :]
    return models_dir() / name


def verify_model(name: str) -> Path:
    """The path of a model-set entry, checked: present, and (for our own files) the bytes
    the manifest records. Wheel files are the library's own and only need to exist."""
    path = model_path(name)
    if not path.is_file():
        hint = "reinstall rapidocr" if name.startswith(WHEEL_PREFIX) else REMAKE
        raise KnowledgeError(str(path), f"PP-OCR model file is missing ({hint})")
    if name.startswith(WHEEL_PREFIX):
        return path
    manifest_path = models_dir() / MANIFEST
    try:
        files = json.loads(manifest_path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError) as exc:
        raise KnowledgeError(
            str(manifest_path), f"cannot read the OCR model manifest ({exc})"
        ) from exc
    entry = files.get(name)
    if entry is None:
        raise KnowledgeError(str(manifest_path), f"no entry for {name!r} ({REMAKE})")
    if file_sha256(path) != entry["sha256"]:
        raise KnowledgeError(
            str(path),
            f"sha256 differs from {manifest_path}: the file is corrupt or was changed ({REMAKE})",
        )
    return path


def open_session(name: str, threads: int, spinning: bool) -> Any:
    """An onnxruntime session for one model-set entry, on ``threads`` intra-op threads.

    Spinning off: an idle onnxruntime worker thread otherwise busy-waits for its next
    task, which costs CPU that the other page or recognition worker could use.
    """
    import onnxruntime

    path = verify_model(name)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False  # rapidocr's own setting: input sizes vary page to page
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    if not spinning:
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own untyped errors for bad graphs and bytes
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise KnowledgeError(str(path), f"not a loadable ONNX model: {first[:200]}") from exc
