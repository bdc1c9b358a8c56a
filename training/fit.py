"""The training loop: random batches of token windows, AdamW with warm-up and linear decay,
early stopping on dev entity F1 measured through the runtime decode path."""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from review_engine.nlp.model_config import ModelConfig
from review_engine.nlp.transformer import TransformerTagger
from training.encoder import TokenClassifier
from training.evaluate import entity_scores, predict_split
from training.spans_data import IGNORED, SpanDocument, Window


class TorchSession:
    """onnxruntime's ``run(None, feeds)`` over the torch model, so that evaluation during
    training goes through exactly the decode the runtime uses."""

    def __init__(self, model: TokenClassifier, device: str) -> None:
        self.model, self.device = model, device

    @torch.no_grad()
    def run(self, _outputs: object, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        self.model.eval()
        ids = torch.from_numpy(feeds["input_ids"]).to(self.device)
        mask = torch.from_numpy(feeds["attention_mask"]).to(self.device)
        return [self.model(ids, mask).float().cpu().numpy()]


def collate(windows: list[Window], device: str) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    length = max(len(w.ids) for w in windows)
    ids = torch.zeros((len(windows), length), dtype=torch.int64)
    tags = torch.full((len(windows), length), IGNORED, dtype=torch.int64)
    for row, window in enumerate(windows):
        ids[row, : len(window.ids)] = torch.tensor(window.ids)
        tags[row, : len(window.tags)] = torch.tensor(window.tags)
    return ids.to(device), (ids != 0).long().to(device), tags.to(device)


@dataclass
class FitResult:
    model: TokenClassifier
    best_step: int
    best_dev_f1: float
    steps_run: int
    seconds: float
    history: list[dict] = field(default_factory=list)


def _schedule(optimiser: torch.optim.Optimizer, warmup: int, steps: int) -> torch.optim.lr_scheduler.LambdaLR:
    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (steps - step) / max(1, steps - warmup))

    return torch.optim.lr_scheduler.LambdaLR(optimiser, factor)


def dev_f1(model: TokenClassifier, device: str, tokenizer: object, config: ModelConfig,
           dev: list[SpanDocument]) -> float:
    tagger = TransformerTagger.from_parts(TorchSession(model, device), tokenizer, config)
    scores = entity_scores(predict_split(tagger, dev, set(config.labels)).counts)
    return scores["micro"]["f1"]


def fit(model: TokenClassifier, windows: list[Window], evaluate: callable, recipe: dict,
        device: str, seed: int, max_seconds: float | None = None, stop_after: int | None = None) -> FitResult:
    """Train for ``recipe['steps']`` steps, keeping the weights with the best dev F1;
    stop after ``patience`` evaluations without a gain, or at the first evaluation after
    ``max_seconds`` of training (a CPU budget; the model card reports the steps run), or
    after step ``stop_after`` (the same stop without the clock: what reproduces a timed run)."""
    model.to(device)
    optimiser = torch.optim.AdamW(model.parameters(), lr=recipe["learning_rate"], weight_decay=recipe["weight_decay"])
    scheduler = _schedule(optimiser, recipe["warmup_steps"], recipe["steps"])
    generator = torch.Generator().manual_seed(seed)
    loss_function = nn.CrossEntropyLoss(ignore_index=IGNORED)
    best = FitResult(copy.deepcopy(model), 0, -1.0, 0, 0.0)
    started, stale = time.monotonic(), 0
    for step in range(1, recipe["steps"] + 1):
        model.train()
        picks = torch.randint(len(windows), (recipe["batch_size"],), generator=generator).tolist()
        ids, mask, tags = collate([windows[i] for i in picks], device)
        loss = loss_function(model(ids, mask).flatten(0, 1), tags.flatten())
        optimiser.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        scheduler.step()
        out_of_time = (max_seconds is not None and time.monotonic() - started > max_seconds) or (
            stop_after is not None and step >= stop_after)
        if step % recipe["eval_every"] == 0 or step == recipe["steps"] or out_of_time:
            f1 = evaluate(model)
            best.history.append({"step": step, "loss": round(loss.item(), 4), "dev_f1": f1})
            print(f"step {step}: loss {loss.item():.4f} dev F1 {f1:.4f}", flush=True)
            if f1 > best.best_dev_f1:
                best.model, best.best_step, best.best_dev_f1, stale = copy.deepcopy(model), step, f1, 0
            else:
                stale += 1
            if stale >= recipe["patience"] or out_of_time:
                break
    best.steps_run, best.seconds = step, round(time.monotonic() - started, 1)
    return best
