"""The runtime path reads the ONNX model with onnxruntime + tokenizers and never imports torch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from review_engine.nlp.transformer import TransformerTagger
mentions = TransformerTagger(sys.argv[1]).predict("检测结果：EGFR 基因 p.L858R 突变，临床分期 IVA 期。")
print(json.dumps({"torch": "torch" in sys.modules, "transformers": "transformers" in sys.modules,
                  "mentions": len(mentions)}))
"""


def run_probe(model_dir: Path) -> dict:
    completed = subprocess.run([sys.executable, "-c", PROBE, str(model_dir)],
                               capture_output=True, text=True, timeout=120, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_transformer_runtime_never_imports_torch(tiny_model: Path) -> None:
    probe = run_probe(tiny_model)
    assert probe == {"torch": False, "transformers": False, "mentions": probe["mentions"]}
    assert probe["mentions"] > 0


def test_transformer_shipped_model_runs_without_torch(repo_root: Path) -> None:
    shipped = repo_root / "models" / "ner"
    if not (shipped / "model.onnx").is_file():
        pytest.skip("no shipped model in models/ner yet")
    probe = run_probe(shipped)
    assert not probe["torch"] and probe["mentions"] > 0
