"""training/train_ner.py trains on a tiny split and ships a loadable, pinned ONNX model."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import onnxruntime
import pytest

from review_engine.errors import KnowledgeError
from review_engine.nlp.transformer import TransformerTagger


def test_transformer_training_ships_pinned_files(tiny_model: Path) -> None:
    manifest = json.loads((tiny_model.parent / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["models"]["ner"]["files"]
    assert set(files) == {"ner/model.onnx", "ner/tokenizer.json", "ner/config.json"}
    for relative, digest in files.items():
        assert hashlib.sha256((tiny_model.parent / relative).read_bytes()).hexdigest() == digest
    assert (tiny_model / "MODEL_CARD.md").read_text(encoding="utf-8").count("| **micro** |") >= 2


@pytest.mark.parametrize("length", [1, 7, 48, 64])  # 64 = the tiny recipe's max_positions
def test_transformer_training_onnx_accepts_any_length(tiny_model: Path, length: int) -> None:
    session = onnxruntime.InferenceSession(str(tiny_model / "model.onnx"), providers=["CPUExecutionProvider"])
    ids = np.array([[5] * length, [6] * length], dtype=np.int64)
    (logits,) = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
    config = json.loads((tiny_model / "config.json").read_text(encoding="utf-8"))
    assert logits.shape == (2, length, len(config["tags"]))


def test_transformer_training_learns_the_tiny_corpus(tiny_model: Path) -> None:
    metrics = json.loads((tiny_model / "metrics.json").read_text(encoding="utf-8"))
    # STAGE is the easiest label of the miniature corpus; a model that learned nothing scores 0.
    assert metrics["test"]["entities"]["labels"]["STAGE"]["f1"] >= 0.9
    assert metrics["test"]["entities"]["micro"]["f1"] >= 0.5
    assert metrics["precision"]["shipped"] in {"int8", "fp32"}
    # OCR-noise copies of the held-out documents are scored apart, and calibration saw noisy dev text
    assert metrics["documents"]["test_ocr"] > 0 and metrics["test_ocr"]["entities"]["micro"]["support"] > 0
    assert metrics["documents"]["dev_ocr"] > 0 and metrics["dev_ocr"]["reliability"]["spans"] > 0


def test_transformer_training_is_reproducible_from_the_seed(
    tiny_model: Path, span_corpus: Path, tiny_recipe: Path, tmp_path: Path
) -> None:
    from training.train_ner import main

    again = tmp_path / "ner"
    assert main(["--data", str(span_corpus), "--out", str(again), "--seed", "7", "--recipe", str(tiny_recipe)]) == 0
    for name in ("tokenizer.json", "config.json", "model.onnx"):
        assert (again / name).read_bytes() == (tiny_model / name).read_bytes()


def test_transformer_refuses_files_that_differ_from_the_manifest(tiny_model: Path, tmp_path: Path) -> None:
    copy = tmp_path / "models"
    (copy / "ner").mkdir(parents=True)
    for source in [tiny_model.parent / "manifest.json", *tiny_model.iterdir()]:
        (copy / source.relative_to(tiny_model.parent)).write_bytes(source.read_bytes())
    tokenizer = copy / "ner" / "tokenizer.json"
    tokenizer.write_text(tokenizer.read_text(encoding="utf-8") + " ", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="sha256"):
        TransformerTagger(copy / "ner").load()


def test_refresh_config_reapplies_the_recipe_runtime_sections_and_keeps_the_model_loadable(
    tiny_model: Path, tiny_recipe: Path, tmp_path: Path
) -> None:
    import shutil

    import yaml

    from review_engine.nlp.transformer import TransformerTagger, read_config
    from training.model_card import render
    from training.refresh_config import main

    folder = tmp_path / "models" / "ner"
    shutil.copytree(tiny_model, folder)
    shutil.copy(tiny_model.parent / "manifest.json", folder.parent / "manifest.json")
    trained = read_config(folder)
    recipe = yaml.safe_load(tiny_recipe.read_text(encoding="utf-8"))
    recipe["combination"]["model_only_min_score"] = 0.42
    recipe["labels"]["STATUS_CUE"]["normaliser"] = None
    changed = tmp_path / "recipe.yaml"
    changed.write_text(yaml.safe_dump(recipe, allow_unicode=True), encoding="utf-8")
    assert main([str(folder), "--recipe", str(changed)]) == 0
    refreshed = read_config(folder)
    assert refreshed.combination.model_only_min_score == 0.42 and refreshed.labels["STATUS_CUE"].normaliser is None
    assert (refreshed.tags, refreshed.calibration) == (trained.tags, trained.calibration)
    tagger = TransformerTagger(folder)  # verifies the files against the rewritten manifest entry
    tagger.load()
    assert "re-applied the recipe's `labels` and `combination`" in render(folder)
