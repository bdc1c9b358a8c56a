"""Fixtures for the transformer tests: a miniature span corpus in the generator's
``<split>/spans.jsonl`` format, a tiny training recipe, and one small model trained once
per session from them (a few seconds on CPU)."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # `training/` is a top-level folder, not an installed package
    sys.path.insert(0, str(REPO))

GENES = ["EGFR", "KRAS", "BRAF", "ALK", "ERBB2", "MET", "PIK3CA", "TP53"]
CHANGES = ["p.L858R", "p.G12C", "p.V600E", "p.T790M", "p.E545K", "p.R273H", "p.G12D"]
STAGES = ["IA", "IB", "IIA", "IIIB", "IVA", "IVB"]
# (template, language); slots {gene} {change} {stage} are the labelled entities
TEMPLATES = [
    ("检测结果：{gene} 基因 {change} 突变，临床分期 {stage} 期。", "zh"),
    ("患者肺腺癌，{gene} {change} 阳性，分期{stage}。", "zh"),
    ("Result: {gene} {change} detected. Clinical stage {stage}.", "en"),
    ("Findings: a {gene} mutation ({change}) was identified; stage {stage}.", "en"),
]
LABELS = {"gene": "GENE", "change": "PROTEIN_CHANGE", "stage": "STAGE"}


def render_document(rng: random.Random, sentences: int) -> dict:
    """One document of ``sentences`` filled templates, with the character spans of its slots."""
    text, spans = "", []
    for _ in range(sentences):
        template, language = rng.choice(TEMPLATES)
        values = {"gene": rng.choice(GENES), "change": rng.choice(CHANGES), "stage": rng.choice(STAGES)}
        parts = template.replace("{", "\x00{").replace("}", "}\x00").split("\x00")
        for part in parts:
            if part.startswith("{") and part.endswith("}"):
                slot = part[1:-1]
                spans.append({"start": len(text), "end": len(text) + len(values[slot]), "label": LABELS[slot]})
                text += values[slot]
            else:
                text += part
        text += "\n"
    return {"text": text, "spans": spans, "language": language}


def write_split(folder: Path, documents: int, seed: int, sentences: int = 3) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows = [dict(render_document(rng, sentences), doc_id=f"{folder.name}-{i}") for i in range(documents)]
    path = folder / "spans.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def span_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("span_corpus")
    for split, documents, seed in (("train", 120, 1), ("dev", 20, 2), ("test", 20, 3)):
        write_split(root / split, documents, seed)
    return root


@pytest.fixture(scope="session")
def tiny_recipe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped recipe with a tiny encoder and short windows, so that training takes seconds
    and long documents really are read in several windows."""
    recipe = yaml.safe_load((REPO / "training" / "ner.yaml").read_text(encoding="utf-8"))
    recipe["tokenizer"] = {"vocab_size": 300, "min_frequency": 1}
    recipe["encoder"] = {"hidden": 32, "layers": 1, "heads": 2, "ffn": 64, "dropout": 0.0, "max_positions": 64}
    recipe["windows"] = {"length": 48, "overlap": 16}
    recipe["optimiser"].update(steps=150, batch_size=16, learning_rate=0.005, warmup_steps=10, eval_every=50)
    # 150 steps on 120 template documents cannot also learn noisy copies (the window tests need a
    # model that found its stages); dev and test copies are still made and scored, through the
    # same code, and tests/transformer/test_transformer_ocr_noise.py covers the copies themselves.
    recipe["augmentation"]["ocr_noise"].update(train_fraction=0.0, dev_fraction=0.5)
    path = tmp_path_factory.mktemp("recipe") / "tiny.yaml"
    path.write_text(yaml.safe_dump(recipe, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_model(span_corpus: Path, tiny_recipe: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained by the real training command on the miniature corpus: models/ner-like folder."""
    from training.train_ner import main

    out = tmp_path_factory.mktemp("models") / "ner"
    assert main(["--data", str(span_corpus), "--out", str(out), "--seed", "7", "--recipe", str(tiny_recipe)]) == 0
    return out
