"""Make the int8 PP-OCR recognition model from the float one in the installed rapidocr wheel.

    .venv/bin/python training/ocr_quantize.py [--out models]

Recognition is ~90% of the CPU time of a dense page (PP-OCRv6 small; detection ~10%),
so only the recogniser is quantised, and only its MatMul layers (the attention blocks
and the classifier head, ~10 MB of its 21 MB of weights): dynamic quantisation
(onnxruntime.quantization.quantize_dynamic), weights uint8 per tensor, activations
quantised at run time, after ``quant_pre_process`` (shape inference, constant folding).
The character list (model metadata "character") is copied over.

What was tried and not kept (benchmark lines of ``benchmarks/ocr_speed.py``, 1 thread):
- dynamic quantisation of the Conv layers too (ConvInteger): 3-5x *slower* than float
  on this CPU (AVX-512 VNNI), detection and recognition alike;
- static QDQ quantisation of the Conv layers (per-channel int8, MinMax calibration on
  8 generated report pages): ~30% less CPU, but it read "MSI-H" as "MSl-H", "II" for
  "III" and dropped spaces on lines the float model read right.
Dynamic quantisation needs no calibration data, so the output depends only on the
source file and the library versions, which ``models/ocr/manifest.json`` records with
both SHA-256s; the engine refuses a file whose SHA-256 differs from it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from review_engine.ocr.ppocr_models import MANIFEST, WHEEL_PREFIX, file_sha256, model_path

SOURCE = "PP-OCRv6_rec_small.onnx"
TARGET = "ocr/PP-OCRv6_rec_small.int8.onnx"
RECIPE = {
    "method": "onnxruntime.quantization.quantize_dynamic",
    "pre_process": "onnxruntime.quantization.shape_inference.quant_pre_process(skip_symbolic_shape=True)",
    "op_types_to_quantize": ["MatMul"],
    "weight_type": "QUInt8",
    "per_channel": False,
}


def quantize(source: Path, target: Path, work: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.shape_inference import quant_pre_process

    prepared = work / "prepared.onnx"
    quant_pre_process(str(source), str(prepared), skip_symbolic_shape=True)
    quantize_dynamic(
        str(prepared),
        str(target),
        op_types_to_quantize=["MatMul"],
        weight_type=QuantType.QUInt8,
        per_channel=False,
    )
    # the recogniser reads its character list from the model's metadata
    quantized = onnx.load(str(target))
    del quantized.metadata_props[:]
    for prop in onnx.load(str(source)).metadata_props:
        quantized.metadata_props.add(key=prop.key, value=prop.value)
    onnx.save(quantized, str(target))


def manifest_entry(source: Path, target: Path) -> dict[str, Any]:
    return {
        "sha256": file_sha256(target),
        "bytes": target.stat().st_size,
        "source": f"{WHEEL_PREFIX}{SOURCE}",
        "source_wheel": f"rapidocr=={version('rapidocr')}",
        "source_sha256": file_sha256(source),
        "source_bytes": source.stat().st_size,
        "onnxruntime": version("onnxruntime"),
        "onnx": version("onnx"),
        "recipe": RECIPE,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parent.parent / "models"
    )
    args = parser.parse_args()
    source = model_path(WHEEL_PREFIX + SOURCE)
    target = args.out / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        quantize(source, target, Path(tmp))
    entry = manifest_entry(source, target)
    manifest = {"made_by": "training/ocr_quantize.py", "files": {TARGET: entry}}
    (args.out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(
        f"{target}: {entry['bytes']:,} bytes (float {entry['source_bytes']:,}), sha256 {entry['sha256']}; "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
