"""Calibration fitted on dev: temperature, isotonic span map, reliability table."""

from __future__ import annotations

import numpy as np
import pytest

from review_engine.nlp.model_config import Calibration
from review_engine.nlp.transformer import softmax
from training.calibration import fit_isotonic, fit_temperature, isotonic_blocks, reliability


@pytest.mark.parametrize("true_temperature", [0.7, 1.0, 2.0])
def test_calibration_temperature_recovers_the_generating_temperature(true_temperature: float) -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(scale=3.0, size=(20000, 5))
    probabilities = softmax(logits, true_temperature)
    tags = np.array([rng.choice(5, p=p) for p in probabilities])
    assert fit_temperature(logits, tags) == pytest.approx(true_temperature, abs=0.1)


def test_calibration_isotonic_is_monotone_and_matches_observed_rates() -> None:
    rng = np.random.default_rng(1)
    raw = rng.uniform(size=5000)
    # The model is over-confident: a span with raw confidence x is right with probability x**2.
    correct = rng.uniform(size=5000) < raw**2
    calibration = fit_isotonic(raw, correct, temperature=1.0)
    mapped = np.array([calibration.apply(x) for x in np.linspace(0, 1, 101)])
    assert np.all(np.diff(mapped) >= 0)
    for x in (0.3, 0.6, 0.9):
        assert calibration.apply(x) == pytest.approx(x**2, abs=0.08)
    scores = np.array([calibration.apply(x) for x in raw])
    assert reliability(scores, correct)["ece"] < reliability(raw, correct)["ece"]


@pytest.mark.parametrize(
    "confidence, correct, blocks",
    [
        # already increasing: one block per value
        ([0.1, 0.5, 0.9], [0, 0, 1], [(0.1, 0.5, 0.0), (0.9, 0.9, 1.0)]),
        # a violation pools its neighbours
        ([0.2, 0.4, 0.6], [1, 0, 1], [(0.2, 0.4, 0.5), (0.6, 0.6, 1.0)]),
    ],
)
def test_calibration_isotonic_blocks(confidence: list, correct: list, blocks: list) -> None:
    assert isotonic_blocks(np.array(confidence), np.array(correct)) == blocks


@pytest.mark.parametrize("raw, expected", [(0.0, 0.0), (0.5, 0.25), (0.75, 0.625), (1.0, 1.0), (2.0, 1.0)])
def test_calibration_apply_interpolates_between_knots(raw: float, expected: float) -> None:
    calibration = Calibration(knots_x=[0.0, 0.5, 1.0], knots_y=[0.0, 0.25, 1.0], method="isotonic_dev")
    assert calibration.apply(raw) == pytest.approx(expected)


def test_calibration_shipped_with_the_model(tiny_model) -> None:
    from review_engine.nlp.transformer import read_config

    calibration = read_config(tiny_model).calibration
    assert calibration.method == "isotonic_dev"
    assert calibration.knots_x == sorted(calibration.knots_x)
    assert all(0.0 <= y <= 1.0 for y in calibration.knots_y)
