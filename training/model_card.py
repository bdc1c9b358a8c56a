"""Render ``MODEL_CARD.md`` from what training and the latency benchmark measured
(``metrics.json``, ``latency.json``): the card never carries a number typed by hand."""

from __future__ import annotations

import json
from pathlib import Path

LIMITS = """\
- Trained only on the synthetic labelled corpus (`review_engine/corpus`): real reports use
  layouts, abbreviations and OCR noise the generator does not produce. Scores on real
  reports are unknown until a labelled real sample exists.
- The model says *where* an entity is and *what kind* it is; it does not normalise
  (HGVS, TNM, gene symbols) nor decide status. The rule grammar does both.
- Trained on the rendered text of the reports plus OCR-noise copies made by a character
  confusion table (`training/ocr_noise.py`), not on real OCR output: real OCR also splits and
  merges lines and table cells, which the copies do not imitate. The ablation measures the
  effect on real OCR of generated scans, clean and degraded, by format.
- Model-only findings (a change the rules did not read, located by the model and read by the
  rule grammar with the nearest located gene) score at most `model_only_factor` (below the
  policy's minimum finding confidence), so they can route a claim to a person but never
  support an approval alone. The gene is the nearest one above the change within
  `gene_lookback_lines`; in a multi-gene table whose gene cells OCR lost, that can be the gene
  of a row above (the low score is the guard). The same cap holds for a status cue read
  through a one-edit OCR repair and for a change moved to a gene the model located.
- Trained on CPU under a time budget (no GPU was lent to this task; 2 cores shared with other
  work): the steps run are below; dev F1 was still rising at the last evaluation, so a longer
  run or a larger encoder would likely score higher. The rarest labels (EXON, FUSION) and the
  numbers inside rows (VAF, PATIENT_AGE) are the weakest: their span boundaries fall inside
  tokenizer pieces or next to a neighbouring cell's digits.
  The ablation, not the entity table, is what says whether the model earns its place.
- Nested entities (a GENE inside a FUSION) are flattened: the longer span is learned.
- Span boundaries follow tokenizer pieces; an entity starting inside a token cannot be
  matched exactly (counted as an error in the figures below).
- int8 dynamic quantisation scales activations per run, so a window's tags can differ
  slightly with the windows it shares a run with (the runtime runs 32 windows at a time).
- Calibration is fitted on the synthetic dev split; on real reports treat scores as
  ranking, not as probabilities, until re-fitted on labelled real data.
"""


def _table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(map(str, r)) + " |" for r in rows])


def _entity_table(scores: dict) -> str:
    rows = [[label, s["precision"], s["recall"], s["f1"], s["support"]] for label, s in scores["labels"].items()]
    micro = scores["micro"]
    rows.append(["**micro**", micro["precision"], micro["recall"], micro["f1"], micro["support"]])
    return _table(rows, ["label", "precision", "recall", "F1", "gold spans"])


def _reliability_table(reliability: dict) -> str:
    rows = [[b["bin"], b["count"], b["confidence"], b["accuracy"]] for b in reliability["bins"]]
    table = _table(rows, ["calibrated score", "spans", "mean score", "exact-match rate"])
    return f"{table}\n\nExpected calibration error: {reliability['ece']} over {reliability['spans']} spans."


def _precision_section(precision: dict) -> str:
    rows = []
    for split in ("dev", "test"):
        for name, micro in precision.get(f"{split}_micro", {}).items():
            rows.append([split, name, micro["precision"], micro["recall"], micro["f1"]])
    sizes = ", ".join(f"{k}: {v / 1e6:.2f} MB" for k, v in precision["bytes"].items())
    return (f"{_table(rows, ['split', 'weights', 'precision', 'recall', 'F1'])}\n\n"
            f"Shipped: **{precision['shipped']}** (chosen on dev). ONNX sizes: {sizes}.")


def _latency_section(folder: Path) -> str:
    path = folder / "latency.json"
    if not path.is_file():
        return "Not measured yet: run `python benchmarks/transformer_latency.py --record`."
    latency = json.loads(path.read_text(encoding="utf-8"))
    return (f"`{latency['command']}` on {latency['hardware']}, {latency['threads']} onnxruntime thread: "
            f"{latency['pages']} report pages (mean {latency['mean_chars']:.0f} characters), each read "
            f"{latency['repeats']} times; per-page fastest read p50 **{latency['p50_ms']:.1f} ms**, "
            f"p95 **{latency['p95_ms']:.1f} ms** (all reads: p50 {latency['all_reads_p50_ms']:.1f} ms, "
            f"p95 {latency['all_reads_p95_ms']:.1f} ms). The machine was shared (load average "
            f"{latency['load_average']:.1f} on 2 cores), which inflates the all-reads figures"
            + (f"; CPU time per page (fastest read) p50 {latency['cpu_p50_ms']:.1f} ms, p95 {latency['cpu_p95_ms']:.1f} ms."
               if "cpu_p50_ms" in latency else "."))


def _ablation_section(folder: Path) -> str:
    path = folder / "ablation.json"
    if not path.is_file():
        return "Not measured yet: run `python benchmarks/ablation.py --corpus DIR --out models/ner/ablation.json`."
    ablation = json.loads(path.read_text(encoding="utf-8"))
    header = ["language", "format", "mode", "documents", "variant_f1", "gold_variants", "stage_exact", "stage_documents"]
    rows = [[row[h] if row[h] is not None else "n/a" for h in header] for row in ablation["rows"]]
    corpora = ablation.get("corpus") or {}
    about = "".join(
        f" Corpus `{name}`: generator seed {c['seed']}, {c['cases']} cases, {c['documents']} documents, "
        f"cases per split {c['by_split']}." for name, c in corpora.items() if c)
    if about:
        about += (" The model never saw seed 7 (it trains on seed 1001). `scan_degraded` is the test split "
                  "re-rendered as poor scans by `python -m review_engine.corpus degrade` (low dpi, faint toner, "
                  "blur, noise, strong JPEG, skew), read by OCR.")
    return (f"`python benchmarks/ablation.py {' '.join(ablation['argv'])}`.{about}{_ablation_verdict(ablation['rows'])} "
            f"Variant F1 over (gene, alteration, "
            f"status); stage exact match over documents whose gold has a stage group; 'model' keeps only the "
            f"readings a model span locates (rules still normalise). n/a: no gold and nothing found.\n\n"
            + _table(rows, header))


def _ablation_verdict(rows: list[dict]) -> str:
    """Where combined stands against rules alone, read off the rows (never typed by hand)."""
    by_cell = {(r["language"], r["format"], r["mode"]): r for r in rows}
    worse, better = [], []
    for (language, fmt, mode), combined in by_cell.items():
        rules = by_cell.get((language, fmt, "rules"))
        if mode != "combined" or rules is None or language == "all":
            continue
        for metric in ("variant_f1", "stage_exact"):
            if combined[metric] is None or rules[metric] is None:
                continue
            cell = f"{language}/{fmt} {metric} {rules[metric]} -> {combined[metric]}"
            if combined[metric] < rules[metric]:
                worse.append(cell)
            elif combined[metric] > rules[metric]:
                better.append(cell)
    verdict = (" Combined is below rules alone in: " + "; ".join(worse) + "." if worse
               else " Combined is at least as good as rules alone in every (language, format) cell.")
    return verdict + (" Better in: " + "; ".join(better) + "." if better else " It is better in none.")


def _training_section(metrics: dict) -> str:
    recipe, training = metrics["recipe"], metrics["training"]
    encoder = recipe["encoder"]
    return (
        f"Encoder: {encoder['layers']} layers, hidden {encoder['hidden']}, {encoder['heads']} heads, "
        f"feed-forward {encoder['ffn']}, learned positions up to {encoder['max_positions']}, "
        f"{metrics['parameters']:,} parameters; WordPiece vocabulary of {metrics['vocab_size']} "
        f"(each CJK character a token, digits split). Windows of {recipe['windows']['length']} tokens, "
        f"overlap {recipe['windows']['overlap']} at inference.\n\n"
        f"Optimiser: AdamW, learning rate {recipe['optimiser']['learning_rate']}, batch "
        f"{recipe['optimiser']['batch_size']} windows, warm-up {recipe['optimiser']['warmup_steps']} steps, "
        f"seed {metrics['seed']}. Ran {training['steps_run']} of {recipe['optimiser']['steps']} steps in "
        f"{training['seconds']} s on {metrics['hardware']}; best dev step {training['best_step']}."
    )


def _reproduce(metrics: dict) -> str:
    command = metrics.get("command", f"python training/train_ner.py --data DIR --seed {metrics['seed']}")
    line = f"Trained by `{command}`."
    refreshed = metrics.get("config_refreshed")
    if "--out models/" not in command:
        line += (f" The files were written there and copied{'' if refreshed else ' unchanged'} to `models/ner/` (with "
                 "the entry of `models/manifest.json`); `--out models/ner` writes them in place.")
    if refreshed:
        line += (f" After training, `{refreshed['command']}` re-applied the recipe's "
                 f"{' and '.join(f'`{s}`' for s in refreshed['sections'])} to `config.json` (what the labels mean to "
                 f"the pipeline and how spans combine with the rules; weights, tags and calibration as trained).")
    if "--max-seconds" in command and metrics["training"]["steps_run"] >= metrics["recipe"]["optimiser"]["steps"]:
        line += " The clock limit (`--max-seconds`) was not reached: every step of the recipe ran."
    elif "--max-seconds" in command:
        steps = metrics["training"]["steps_run"]
        line += (f" The run was stopped by the clock after step {steps}; `--stop-after {steps}` in place of "
                 f"`--max-seconds` replays the same steps (a test checks that a seed reproduces the files "
                 f"byte for byte on the tiny recipe; this full run was not repeated).")
    return line


def _augmentation_line(metrics: dict) -> str:
    noise = metrics["recipe"].get("augmentation", {}).get("ocr_noise")
    if not noise:
        return ""
    return (f"\n\nOCR-noise augmentation (`training/ocr_noise.py`, recipe `augmentation.ocr_noise`): "
            f"{noise['train_fraction']:.0%} of the training documents get one noisy copy (confusable characters "
            f"swapped at a per-document rate drawn from {noise['rate_range']}: O/0, l/1/I, S/5, B/8, Z/2, g/9, G/6 "
            f"and faint-print letter swaps; spaces and characters dropped), spans moved with the text. Dev and test "
            f"get noisy copies of {noise['dev_fraction']:.0%} of their scored documents (`dev_ocr`, `test_ocr`): the "
            f"calibration is fitted on dev plus dev_ocr; test_ocr is only scored.")


def _ocr_section(metrics: dict) -> str:
    parts = []
    if "test_ocr" in metrics:
        parts.append("Held-out OCR-noise copies (test_ocr):\n\n" + _entity_table(metrics["test_ocr"]["entities"]))
    if "dev_ocr" in metrics:
        parts.append("Reliability on dev_ocr (in-sample for the calibration):\n\n"
                     + _reliability_table(metrics["dev_ocr"]["reliability"]))
    if "test_ocr" in metrics:
        parts.append("Reliability on test_ocr (held-out):\n\n" + _reliability_table(metrics["test_ocr"]["reliability"]))
    return "\n\n".join(parts) or "No OCR-noise copies were scored (the recipe has no augmentation)."


def _data_line(metrics: dict) -> str:
    data = metrics.get("data", {})
    if "command" not in data:
        return "as written by the generator's `spans.jsonl`."
    cap = f" (dev and test scored on their first {data['max_eval_docs']} documents)" if data.get("max_eval_docs") else ""
    return (f"text and spans laid out without rendering by `{data['command']}` "
            f"(seed {data['seed']}; documents per split {data['documents']}){cap}.")


def render(folder: Path) -> str:
    metrics = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    calibration = metrics["calibration"]
    test = metrics.get("test")
    held_out = _entity_table(test["entities"]) if test else "No test split was given."
    return f"""# {metrics['name']} {metrics['version']}: token classifier for oncology reports

Generated by `training/model_card.py` from `metrics.json` and `latency.json`.
{_reproduce(metrics)}

## Intended use

Tags Chinese and English precision-oncology reports with entity spans ({', '.join(metrics['recipe']['labels'])}).
It is a recognizer beside the rules (`review_transformer` spaCy component); its spans pass through
the rule normalisers. Not a decision-maker.

## Training data

Synthetic labelled corpus from `review_engine/corpus`, {_data_line(metrics)}{_augmentation_line(metrics)}

Documents used per split: {metrics['documents']}. Train fits the tokenizer and weights; dev
chooses the step (early stopping), fits the calibration and decides int8 vs fp32; test is
read once, for the figures below. Each case keeps the split the generator planned for it.

## Model and training

{_training_section(metrics)}

## Held-out (test) entity-level scores (exact span and label)

{held_out}

## Scores on OCR-noisy text

{_ocr_section(metrics)}

## Dev entity-level scores

{_entity_table(metrics['dev']['entities'])}

## fp32 vs int8

{_precision_section(metrics['precision'])}

## Calibration

Score = isotonic map (fitted on the spans of dev and its OCR-noise copies, dev_ocr, when the
recipe makes them) of the span's mean token probability after temperature {calibration['temperature']}
(fitted on the same documents' tokens). Reliability on dev (in-sample):

{_reliability_table(metrics['dev']['reliability'])}

Reliability on test (held-out):

{_reliability_table(test['reliability']) if test else 'n/a'}

## Latency

{_latency_section(folder)}

## Ablation: rules, model, combined (end to end, through OCR where the file has no text layer)

How the model is combined with the rules (`review_engine/nlp/model_combination.py`, recipe `combination`):
a rule reading that a model span of an agreeing label overlaps gains confidence, one that only
other-label spans overlap loses some; a model span of a label with a rule normaliser (stage;
protein change, cDNA change, exon event and PCR target through the variant grammar with the
nearest located gene; a status cue after a gene in its row, read as the ConText trigger at most one
edit away, e.g. OCR's 'Wid type') that no rule reading covers becomes a finding scored at most
`model_only_factor` x its calibrated score, with every repair and the model's location in its evidence;
a change the rules gave to a gene written before another gene the model located between them (OCR
glued 'PIK3CAc.1633G>A') is re-read by the grammar with the model's gene and scored the same way.

{_ablation_section(folder)}

## Size

{', '.join(f'{k}: {v / 1e6:.2f} MB' for k, v in metrics['files'].items())}.

## Known limits

{LIMITS}"""


def write_model_card(folder: Path) -> Path:
    path = folder / "MODEL_CARD.md"
    path.write_text(render(folder), encoding="utf-8")
    return path
