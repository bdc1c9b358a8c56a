"""Torch model -> ONNX (dynamic batch and sequence length) -> int8 (dynamic quantisation),
and the manifest of shipped files with their sha256."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import torch

from review_engine.model_files import file_sha256
from review_engine.nlp.transformer import MANIFEST
from training.encoder import TokenClassifier

OPSET = 17


def export_onnx(model: TokenClassifier, path: Path) -> Path:
    model = model.eval().to("cpu")
    ids = torch.ones((2, 16), dtype=torch.int64)
    axes = {0: "batch", 1: "sequence"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        torch.onnx.export(
            model, (ids, torch.ones_like(ids)), str(path), dynamo=False, opset_version=OPSET,
            input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "logits": axes},
        )
    return path


def quantise_int8(source: Path, target: Path) -> Path:
    """Dynamic int8 quantisation of the MatMul/Gemm weights (activations stay float)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8)
    return target


def write_manifest(models_root: Path, name: str, version: str, files: list[Path]) -> Path:
    """Add or replace this model's entry in ``models/manifest.json``, keeping others."""
    path = models_root / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"models": {}}
    manifest["models"][name] = {
        "version": version,
        "files": {f.relative_to(models_root).as_posix(): file_sha256(f) for f in sorted(files)},
        "bytes": {f.relative_to(models_root).as_posix(): f.stat().st_size for f in sorted(files)},
    }
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
