"""The OCR layer's tuning data (``knowledge/ocr/ocr.yaml``) as one validated object."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from review_engine.errors import KnowledgeError
from review_engine.settings import knowledge_dir


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextLayerTuning(_Section):
    max_garbage_ratio: float = Field(ge=0, le=1)
    text_layer_confidence: float = Field(ge=0, le=1)


class OrientationTuning(_Section):
    retry_below_confidence: float = Field(ge=0, le=1)
    max_attempts: int = Field(ge=1, le=4)
    tall_ratio: float = Field(gt=1)
    sideways_share: float = Field(gt=0, le=1)
    smear_chars: float = Field(gt=0)
    direction_ratio: float = Field(ge=1)
    analysis_side: int = Field(ge=200)
    max_skew_degrees: float = Field(gt=0, le=20)
    coarse_step_degrees: float = Field(gt=0)
    fine_step_degrees: float = Field(gt=0)
    min_skew_degrees: float = Field(ge=0)


class SegmentationTuning(_Section):
    cjk_width: float = Field(gt=0)
    latin_width: float = Field(gt=0)


class LayoutTuning(_Section):
    row_overlap: float = Field(gt=0, le=1)
    column_gap_heights: float = Field(gt=0)
    glue_gap_heights: float = Field(ge=0)


class TextRenderTuning(_Section):
    font_size: int = Field(ge=6)
    margin: int = Field(ge=0)
    line_spacing: float = Field(ge=1)
    lines_per_page: int = Field(ge=1)
    tab_size: int = Field(ge=1)
    font_path: str
    font_index: int = Field(ge=0)


class EvidenceTuning(_Section):
    box_color: tuple[int, int, int]
    box_width: int = Field(ge=1)


class PpOcrModelSet(_Section):
    """One PP-OCR file per role: ``wheel/NAME`` (inside the rapidocr wheel) or a path under models/."""

    det: str
    rec: str
    cls: str


class RapidOcrTuning(_Section):
    text_score: float = Field(ge=0, le=1)
    use_angle_classifier: bool
    det_max_side: int = Field(ge=320)
    box_thresh: float = Field(ge=0, le=1)
    rec_batch_size: int = Field(ge=1)
    rec_workers: int = Field(ge=1, le=16)
    spinning: bool
    model_set: str
    model_sets: dict[str, PpOcrModelSet]

    @model_validator(mode="after")
    def _model_set_is_defined(self) -> RapidOcrTuning:
        if self.model_set not in self.model_sets:
            raise ValueError(f"model_set {self.model_set!r} is not one of model_sets: {', '.join(sorted(self.model_sets))}")
        return self

    @property
    def models(self) -> PpOcrModelSet:
        return self.model_sets[self.model_set]


class TesseractTuning(_Section):
    languages: str
    config: str
    min_confidence: float


class EnginesTuning(_Section):
    rapidocr: RapidOcrTuning
    tesseract: TesseractTuning


class OcrTuning(_Section):
    text_layer: TextLayerTuning
    orientation: OrientationTuning
    segmentation: SegmentationTuning
    layout: LayoutTuning
    text_render: TextRenderTuning
    evidence: EvidenceTuning
    engines: EnginesTuning


def tuning_path() -> Path:
    return knowledge_dir() / "ocr" / "ocr.yaml"


def load_tuning(path: Path | None = None) -> OcrTuning:
    """Read and validate the OCR tuning file; a bad file raises KnowledgeError naming it."""
    path = path or tuning_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(str(path), f"cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise KnowledgeError(str(path), "invalid YAML", mark.line + 1 if mark else None) from exc
    try:
        return OcrTuning.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(str(path), f"invalid OCR tuning: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc


@lru_cache(maxsize=1)
def get_tuning() -> OcrTuning:
    return load_tuning()
