"""Re-apply the recipe's runtime sections to a trained model folder, weights untouched:

    python training/refresh_config.py models/ner [--recipe training/ner.yaml]

``config.json`` takes the recipe's ``labels`` (what each label means to the pipeline, its rule
normaliser) and ``combination`` (how spans combine with the rules); the model's tags, windows and
calibration stay as trained. Rewrites the folder's entry of the ``manifest.json`` beside it and
records the refresh in ``metrics.json``, so the model card says the config is not the one training
wrote. For a combination change that needs no retraining.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from review_engine.nlp.transformer import CONFIG, TOKENIZER, read_config
from training.export import write_manifest

RECIPE = Path(__file__).with_name("ner.yaml")
RUNTIME_SECTIONS = ("labels", "combination")


def refresh(folder: Path, recipe_path: Path, command: str) -> Path:
    recipe = yaml.safe_load(recipe_path.read_text(encoding="utf-8"))
    config = read_config(folder)
    if list(recipe["labels"]) != list(config.labels):
        raise SystemExit(f"{recipe_path}: labels differ from the model's ({folder / CONFIG}): retrain instead")
    update = {"labels": recipe["labels"], "combination": recipe["combination"]}
    refreshed = config.model_validate({**config.model_dump(), **update})
    (folder / CONFIG).write_text(refreshed.model_dump_json(indent=2), encoding="utf-8")
    metrics_path = folder / "metrics.json"
    if metrics_path.is_file():
        metrics = json.loads(metrics_path.read_text(encoding="utf-8"))
        metrics["config_refreshed"] = {"command": command, "sections": list(RUNTIME_SECTIONS)}
        metrics_path.write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    files = [folder / config.model_file, folder / TOKENIZER, folder / CONFIG]
    return write_manifest(folder.parent, folder.name, refreshed.version, files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--recipe", type=Path, default=RECIPE)
    args = parser.parse_args(argv)
    command = "python training/refresh_config.py " + shlex.join(sys.argv[1:] if argv is None else argv)
    print(refresh(args.folder, args.recipe, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
