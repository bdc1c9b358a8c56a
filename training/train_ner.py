"""Reproduce the NER model from the corpus and a seed, in one command:

    python training/train_ner.py --data DIR --out models/ner --seed 7 [--steps N] [--device cpu|cuda]

DIR holds the corpus generator's ``train/``, ``dev/`` and ``test/`` folders, each with a
``spans.jsonl``. Train fits weights and tokenizer; dev picks the step (early stopping),
fits the calibration and decides whether int8 ships; test is read once, at the end, for
the model card's figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shlex
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `training` and `review_engine` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import torch
import yaml

from review_engine.nlp.model_config import ModelConfig
from review_engine.nlp.transformer import CONFIG, TOKENIZER, TransformerTagger
from training.calibration import fit_isotonic, fit_temperature, reliability
from training.encoder import EncoderShape, TokenClassifier
from training.evaluate import entity_scores, predict_split
from training.export import export_onnx, quantise_int8, write_manifest
from training.fit import TorchSession, collate, dev_f1, fit
from training.model_card import write_model_card
from training.ocr_noise import OcrNoise, noisy_copies
from training.spans_data import SpanDocument, document_windows, read_spans, split_file, tag_names
from training.tokenizer_train import train_tokenizer

RECIPE = Path(__file__).with_name("ner.yaml")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--test-data", type=Path, default=None,
                        help="held-out split folder (default DATA/test), e.g. the evaluation corpus's test/")
    parser.add_argument("--out", type=Path, default=Path("models/ner"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--steps", type=int, default=None, help="override the recipe's step count")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--recipe", type=Path, default=RECIPE)
    parser.add_argument("--threads", type=int, default=1,
                        help="torch CPU threads (more than the free cores makes torch spin, not speed up)")
    parser.add_argument("--max-seconds", type=float, default=None, help="stop training after this much time")
    parser.add_argument("--stop-after", type=int, default=None,
                        help="stop at this step, learning-rate schedule unchanged (reproduces a --max-seconds run)")
    parser.add_argument("--max-eval-docs", type=int, default=None,
                        help="score at most this many dev/test documents (the first ones) after training")
    parser.add_argument("--dev-docs", type=int, default=400, help="dev documents read at each evaluation")
    args = parser.parse_args(argv)
    args.command = "python training/train_ner.py " + shlex.join(sys.argv[1:] if argv is None else argv)
    return args


def seed_everything(seed: int, threads: int) -> None:
    torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def load_splits(data: Path, test_data: Path | None) -> dict[str, list[SpanDocument]]:
    folders = {"train": data / "train", "dev": data / "dev", "test": test_data or data / "test"}
    files = {split: split_file(folder) for split, folder in folders.items()}
    return {split: read_spans(path) for split, path in files.items() if path is not None}


def base_config(recipe: dict) -> ModelConfig:
    return ModelConfig(
        name=recipe["name"], version=recipe["version"], tags=tag_names(list(recipe["labels"])),
        labels=recipe["labels"], window_length=recipe["windows"]["length"],
        window_overlap=recipe["windows"]["overlap"], combination=recipe["combination"],
    )


def training_windows(documents: list[SpanDocument], tokenizer: object, config: ModelConfig) -> list:
    # Training windows overlap by half so that every token is also seen away from an edge.
    length = config.window_length
    return [w for d in documents for w in document_windows(d, tokenizer, config.tags, length, length // 2)]


def calibrate(model: TokenClassifier, device: str, tokenizer: object, config: ModelConfig,
              dev: list[SpanDocument]) -> ModelConfig:
    """Temperature on dev token logits, then the isotonic span map on dev spans."""
    windows = training_windows(dev, tokenizer, config)
    logits, gold = [], []
    for first in range(0, len(windows), 64):
        ids, mask, tags = collate(windows[first : first + 64], "cpu")
        (batch_logits,) = TorchSession(model, device).run(None, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})
        keep = tags.numpy() >= 0
        logits.append(batch_logits[keep])
        gold.append(tags.numpy()[keep])
    temperature = fit_temperature(np.concatenate(logits), np.concatenate(gold))
    config = config.model_copy(update={"calibration": config.calibration.model_copy(update={"temperature": temperature})})
    tagger = TransformerTagger.from_parts(TorchSession(model, device), tokenizer, config)
    spans = predict_split(tagger, dev, set(config.labels))
    return config.model_copy(update={"calibration": fit_isotonic(spans.raw, spans.correct, temperature)})


def write_config(folder: Path, config: ModelConfig, model_file: str) -> Path:
    path = folder / CONFIG
    path.write_text(config.model_copy(update={"model_file": model_file}).model_dump_json(indent=2), encoding="utf-8")
    return path


def onnx_scores(folder: Path, split: list[SpanDocument], verify: bool, threads: int = 1) -> dict:
    """Scores of the ONNX model in ``folder``, through the runtime tagger."""
    tagger = TransformerTagger(folder, threads=threads, verify=verify)
    tagger.load()
    predictions = predict_split(tagger, split, set(tagger.config.labels))
    return {"entities": entity_scores(predictions.counts),
            "reliability": reliability(predictions.score, predictions.correct)}


def choose_precision(model: TokenClassifier, tokenizer: object, config: ModelConfig,
                     splits: dict[str, list[SpanDocument]], max_drop: float, work: Path,
                     threads: int) -> tuple[Path, dict]:
    """Export fp32 and int8 and keep int8 only if its dev F1 stays within ``max_drop``.
    Both are scored on test too, for the model card; test never takes part in the choice."""
    tokenizer.save(str(work / TOKENIZER))
    fp32 = export_onnx(model, work / "model.fp32.onnx")
    int8 = quantise_int8(fp32, work / "model.int8.onnx")
    scores: dict[str, dict] = {}
    for name, path in (("fp32", fp32), ("int8", int8)):
        write_config(work, config, path.name)
        for split in ("dev", "test"):
            if split in splits:
                micro = onnx_scores(work, splits[split], False, threads)["entities"]["micro"]
                scores.setdefault(f"{split}_micro", {})[name] = micro
    keep_int8 = scores["dev_micro"]["fp32"]["f1"] - scores["dev_micro"]["int8"]["f1"] <= max_drop
    return (int8 if keep_int8 else fp32), {
        **scores, "shipped": "int8" if keep_int8 else "fp32",
        "bytes": {"fp32": fp32.stat().st_size, "int8": int8.stat().st_size}}


def ship(chosen: Path, tokenizer: object, config: ModelConfig, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = [out / "model.onnx", out / TOKENIZER, out / CONFIG]
    files[0].write_bytes(chosen.read_bytes())
    tokenizer.save(str(files[1]))
    write_config(out, config, files[0].name)
    write_manifest(out.parent, out.name, config.version, files)
    return files


def data_provenance(args: argparse.Namespace) -> dict:
    """Where the spans came from (make_spans.py's manifest, when there is one)."""
    manifest = args.data / "manifest.json"
    provenance = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
    return {**provenance, "test_data": str(args.test_data or args.data / "test"),
            "max_eval_docs": args.max_eval_docs}


def hardware(device: str) -> str:
    if device == "cuda":
        return f"GPU {torch.cuda.get_device_name(0)}"
    return f"CPU {platform.processor() or platform.machine()}, {torch.get_num_threads()} torch threads"


def train(args: argparse.Namespace) -> dict:
    recipe = yaml.safe_load(args.recipe.read_text(encoding="utf-8"))
    if args.steps:
        recipe["optimiser"]["steps"] = args.steps
    seed_everything(args.seed, args.threads)
    splits = load_splits(args.data, args.test_data)
    config = base_config(recipe)
    # The tokenizer learns its pieces from the clean text; noisy copies are read with those pieces.
    tokenizer = train_tokenizer((d.text for d in splits["train"]), **recipe["tokenizer"])
    noise_recipe = recipe.get("augmentation", {}).get("ocr_noise")
    noise = OcrNoise.from_recipe(noise_recipe) if noise_recipe else None
    train_documents = splits["train"]
    dev_sample = splits["dev"][: args.dev_docs]
    if noise:
        train_documents = train_documents + noisy_copies(train_documents, noise_recipe["train_fraction"], args.seed, noise)
        # the step is chosen on clean and noisy dev text alike (half of the sample each)
        half = dev_sample[: args.dev_docs // 2]
        dev_sample = half + noisy_copies(half, 1.0, args.seed + 1, noise)
    shape = EncoderShape(vocab_size=tokenizer.get_vocab_size(), tags=len(config.tags), **recipe["encoder"])
    result = fit(TokenClassifier(shape), training_windows(train_documents, tokenizer, config),
                 lambda m: dev_f1(m, args.device, tokenizer, config, dev_sample),
                 recipe["optimiser"], args.device, args.seed, args.max_seconds, args.stop_after)
    for split in ("dev", "test"):
        if split in splits and args.max_eval_docs:
            splits[split] = splits[split][: args.max_eval_docs]
    if noise:
        # OCR-noise copies of the held-out documents, scored apart (never trained on)
        for offset, split in ((2, "dev"), (3, "test")):
            if split in splits:
                splits[f"{split}_ocr"] = noisy_copies(splits[split], noise_recipe["dev_fraction"], args.seed + offset, noise)
    calibration_dev = splits["dev"] + splits.get("dev_ocr", [])
    config = calibrate(result.model, args.device, tokenizer, config, calibration_dev)
    with tempfile.TemporaryDirectory() as work:
        chosen, precision = choose_precision(result.model, tokenizer, config, splits,
                                             recipe["quantisation"]["max_f1_drop"], Path(work), args.threads)
        files = ship(chosen, tokenizer, config, args.out)
    metrics = {
        "name": config.name, "version": config.version, "seed": args.seed, "hardware": hardware(args.device),
        "command": args.command,
        "recipe": recipe, "parameters": sum(p.numel() for p in result.model.parameters()),
        "vocab_size": tokenizer.get_vocab_size(),
        "documents": {k: len(v) for k, v in splits.items()} | {"train_with_noisy_copies": len(train_documents)},
        "data": data_provenance(args),
        "training": {"best_step": result.best_step, "steps_run": result.steps_run, "seconds": result.seconds,
                     "best_dev_f1_sample": result.best_dev_f1, "history": result.history},
        "precision": precision, "calibration": config.calibration.model_dump(),
        "dev": onnx_scores(args.out, splits["dev"], True, args.threads),
        "files": {f.name: f.stat().st_size for f in files},
    }
    for split in ("test", "dev_ocr", "test_ocr"):
        if split in splits:
            metrics[split] = onnx_scores(args.out, splits[split], True, args.threads)
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_model_card(args.out)
    return metrics


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        print("cuda requested but not available", file=sys.stderr)
        return 2
    metrics = train(args)
    print(json.dumps({"dev": metrics["dev"]["entities"]["micro"],
                      "test": metrics.get("test", {}).get("entities", {}).get("micro")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
