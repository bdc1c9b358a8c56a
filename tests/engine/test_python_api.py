"""The contract's Python API (CONTRACT.md): `review_engine.review(claim)` and `review_engine.extract(path)`,
called again and again in one process, as a hospital's or an insurer's own code calls them."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import review_engine

ROOT = Path(__file__).resolve().parents[2]
CLAIM = ROOT / "examples" / "en-digital-alk" / "claim.json"

# Regression: the first review loaded the decision layer, the subpackage `review_engine.review`, and the
# import system set the package's attribute `review` to it: the second call raised "'module' object is not
# callable". A fresh interpreter, as a caller's program starts.
SCRIPT = f"""
import json, review_engine
first = review_engine.review({str(CLAIM)!r})
second = review_engine.review({str(CLAIM)!r})
findings = review_engine.extract({str(CLAIM.parent / "docs" / "d1.pdf")!r})
print(json.dumps([[i.decision for i in r.items] for r in (first, second)] + [len(findings.variants)]))
"""


def test_review_can_be_called_again_in_one_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    first, second, variants = json.loads(proc.stdout.strip().splitlines()[-1])
    gold = json.loads((CLAIM.parent / "gold.json").read_text(encoding="utf-8"))
    assert first == second == [item["decision"] for item in gold["items"].values()]
    assert variants >= 1


def test_loading_the_decision_layer_keeps_the_api_functions() -> None:
    importlib.import_module("review_engine.review.decide")
    importlib.import_module("review_engine.review")
    assert callable(review_engine.review) and review_engine.review.__module__ == "review_engine"
    assert callable(review_engine.extract) and review_engine.extract.__module__ == "review_engine"
    assert (
        sys.modules["review_engine.review"].decide
        is sys.modules["review_engine.review.decide"].decide
    )
