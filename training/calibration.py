"""Calibration fitted on the dev split: temperature for token probabilities, then an
isotonic map from a span's mean token probability to P(span and label exactly right)."""

from __future__ import annotations

import itertools

import numpy as np

from review_engine.nlp.model_config import Calibration
from review_engine.nlp.transformer import softmax

TEMPERATURES = np.round(np.arange(0.5, 3.01, 0.05), 2)


def fit_temperature(logits: np.ndarray, tags: np.ndarray) -> float:
    """Temperature minimising the negative log-likelihood of the gold tags (grid search)."""
    best, best_nll = 1.0, float("inf")
    for temperature in TEMPERATURES:
        probabilities = softmax(logits, float(temperature))
        nll = -np.log(probabilities[np.arange(len(tags)), tags] + 1e-12).mean()
        if nll < best_nll:
            best, best_nll = float(temperature), float(nll)
    return best


def isotonic_blocks(confidence: np.ndarray, correct: np.ndarray) -> list[tuple[float, float, float]]:
    """Pool-adjacent-violators: (lowest x, highest x, fitted y) per block, x ascending."""
    order = np.argsort(confidence, kind="stable")
    blocks: list[list[float]] = []  # [low x, high x, sum y, count]
    for x, y in zip(confidence[order], correct[order].astype(float)):
        blocks.append([float(x), float(x), y, 1.0])
        while len(blocks) > 1 and blocks[-2][2] / blocks[-2][3] >= blocks[-1][2] / blocks[-1][3]:
            low, _, total, count = blocks.pop(-2)
            blocks[-1] = [low, blocks[-1][1], blocks[-1][2] + total, blocks[-1][3] + count]
    return [(low, high, total / count) for low, high, total, count in blocks]


def fit_isotonic(confidence: np.ndarray, correct: np.ndarray, temperature: float) -> Calibration:
    """Piecewise-linear knots through the isotonic fit (a step per block)."""
    if len(confidence) == 0:
        return Calibration(temperature=temperature)
    knots_x, knots_y = [], []
    for low, high, value in isotonic_blocks(confidence, correct):
        for x in (low, high) if high > low else (low,):
            if knots_x and x <= knots_x[-1]:
                continue
            knots_x.append(round(x, 6))
            knots_y.append(round(value, 6))
    return Calibration(temperature=temperature, knots_x=knots_x, knots_y=knots_y, method="isotonic_dev")


def reliability(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> dict:
    """Reliability table (per confidence bin: count, mean confidence, accuracy) and ECE."""
    rows, ece = [], 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    for low, high in itertools.pairwise(edges):
        inside = (confidence >= low) & ((confidence < high) | (high == 1.0))
        if not inside.any():
            continue
        mean_confidence, accuracy = float(confidence[inside].mean()), float(correct[inside].mean())
        rows.append({"bin": f"{low:.1f}-{high:.1f}", "count": int(inside.sum()),
                     "confidence": round(mean_confidence, 4), "accuracy": round(accuracy, 4)})
        ece += inside.sum() / len(confidence) * abs(mean_confidence - accuracy)
    return {"bins": rows, "ece": round(float(ece), 4), "spans": len(confidence)}
