"""The runtime path (OCR -> spaCy pipeline with our ONNX tagger -> decision) needs neither torch
nor transformers: a process where importing them fails still reviews an example claim with the
transformer component in the pipeline. (The test venv has torch for the training tests, and spaCy's
thinc would import it opportunistically, so "not in sys.modules" alone would prove nothing here.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = r"""
import importlib.abc, json, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in ("torch", "transformers"):
            raise ImportError(f"{name} is refused in this runtime probe")
        return None

sys.meta_path.insert(0, Refuse())
from review_engine.engine import get_engine
engine = get_engine()
result = engine.review(sys.argv[1])
print(json.dumps({"decision": result.decision, "pipes": engine.extractor.nlp.pipe_names,
                  "torch": "torch" in sys.modules}))
"""


def test_engine_reviews_with_torch_refused(examples_dir: Path) -> None:
    claim = examples_dir / "en-digital-alk" / "claim.json"
    if not (Path(__file__).resolve().parents[2] / "models" / "manifest.json").exists():
        pytest.skip("no shipped model: models/manifest.json")
    proc = subprocess.run([sys.executable, "-c", PROBE, str(claim)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    probe = json.loads(proc.stdout.strip().splitlines()[-1])
    assert probe["decision"] == "approve"
    assert "review_transformer" in probe["pipes"]
    assert probe["torch"] is False
