"""What the runtime reads in a model's ``config.json``: its tags, what each label means to the
pipeline, the confidence calibration and how the model's spans combine with the rules."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict, Field


class Calibration(BaseModel):
    """Maps a span's raw confidence to P(span and label are right), fitted on dev."""

    model_config = ConfigDict(extra="forbid")
    temperature: float = Field(default=1.0, gt=0)
    knots_x: list[float] = Field(default_factory=lambda: [0.0, 1.0])
    knots_y: list[float] = Field(default_factory=lambda: [0.0, 1.0])
    method: str = "identity"

    def apply(self, raw: float) -> float:
        return float(np.interp(raw, self.knots_x, self.knots_y))

    def apply_many(self, raw: list[float]) -> list[float]:
        """``apply`` of each value, in one call (a page has a few hundred spans)."""
        return np.interp(raw, self.knots_x, self.knots_y).tolist() if raw else []


class LabelSpec(BaseModel):
    """What a model label means to the pipeline."""

    model_config = ConfigDict(extra="forbid")
    field: str = Field(description="Mention.field of the raw model span")
    agrees_with: list[str] = Field(default_factory=list, description="rule fields (dotted prefixes) that confirm it")
    normaliser: str | None = Field(default=None, description="rule normaliser for spans the rules missed")


class Combination(BaseModel):
    """How model spans adjust rule mentions (see ``combine``)."""

    model_config = ConfigDict(extra="forbid")
    agreement_gain: float = Field(default=0.5, ge=0, le=1)
    disagreement_factor: float = Field(default=0.85, ge=0, le=1)
    model_only_factor: float = Field(default=0.75, ge=0, le=1)
    model_only_min_score: float = Field(default=0.5, ge=0, le=1, description=(
        "a span the rules missed becomes a finding only when the model's calibrated score is at least this"))
    change_words: list[str] = Field(default_factory=list, description=(
        "words of a change the rule grammar reads ('insertions'): a word one edit from one is read as it"))
    gene_lookback_lines: int = Field(default=20, ge=0, description=(
        "a model-only change takes the nearest gene at most this many lines above it"))


class ModelConfig(BaseModel):
    """What the runtime needs to read the model's output (written by the export)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    version: str
    model_file: str = "model.onnx"
    tags: list[str] = Field(min_length=1, description="output index -> 'O' | 'B-<LABEL>' | 'I-<LABEL>'")
    labels: dict[str, LabelSpec]
    window_length: int = Field(gt=8)
    window_overlap: int = Field(ge=0)
    calibration: Calibration = Field(default_factory=Calibration)
    combination: Combination = Field(default_factory=Combination)

    @property
    def pattern(self) -> str:
        return f"ner_model:{self.version}"
