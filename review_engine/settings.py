"""Policy settings and configuration: one validated object.

Values live in ``knowledge/settings.yaml`` (an insurer edits that file, or points
``REVIEW_ENGINE_SETTINGS`` at its own copy); nothing here is a literal in logic.
Individual values can be overridden by environment variables named
``REVIEW_ENGINE_<SECTION>__<FIELD>`` (e.g. ``REVIEW_ENGINE_OCR__ENGINE=tesseract``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from review_engine.errors import KnowledgeError

REPO_ROOT = Path(__file__).resolve().parent.parent


def knowledge_dir() -> Path:
    """Folder holding guideline, vocabulary and NLP data (``REVIEW_ENGINE_KNOWLEDGE`` overrides)."""
    return Path(os.environ.get("REVIEW_ENGINE_KNOWLEDGE", REPO_ROOT / "knowledge"))


def models_dir() -> Path:
    return Path(os.environ.get("REVIEW_ENGINE_MODELS", REPO_ROOT / "models"))


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OcrSettings(_Section):
    engine: Literal["rapidocr", "tesseract"] = "rapidocr"
    dpi: int = Field(default=200, ge=72, le=600, description="rasterisation dpi for PDF pages without a text layer")
    max_side: int = Field(default=2000, description="longest image side fed to detection, pixels")
    threads: int = Field(default=0, description="onnxruntime intra-op threads; 0 = library default")
    page_workers: int = Field(default=0, description="pages OCR'd in parallel; 0 = number of cores")
    deskew: bool = True
    min_text_layer_chars: int = Field(default=20, description="below this a PDF page's text layer counts as absent")


class LimitsSettings(_Section):
    max_file_bytes: int = 50 * 1024 * 1024
    max_image_pixels: int = 60_000_000
    max_pages: int = 200
    max_text_bytes: int = 5 * 1024 * 1024


class PolicySettings(_Section):
    duplicate_window_days: int = 180
    panel_size_limit: int = 100
    min_finding_confidence: float = Field(default=0.80, ge=0, le=1)
    min_document_confidence: float = Field(default=0.60, ge=0, le=1)
    min_chars_per_page: float = Field(default=40, ge=0)
    drug_document_max_age_days: int | None = None
    calibration_note: str = ""


class Settings(_Section):
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    limits: LimitsSettings = Field(default_factory=LimitsSettings)
    policy: PolicySettings = Field(default_factory=PolicySettings)


def settings_path() -> Path:
    return Path(os.environ.get("REVIEW_ENGINE_SETTINGS", knowledge_dir() / "settings.yaml"))


def _env_overrides() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, value in os.environ.items():
        if key.startswith("REVIEW_ENGINE_") and "__" in key:
            section, _, field = key[len("REVIEW_ENGINE_"):].lower().partition("__")
            out.setdefault(section, {})[field] = value
    return out


def load_settings(path: Path | None = None) -> Settings:
    """Read and validate the settings file, then apply environment overrides."""
    path = path or settings_path()
    data: dict = {}
    if path.exists():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            raise KnowledgeError(str(path), f"invalid YAML: {exc}", line + 1 if line is not None else None) from exc
    for section, fields in _env_overrides().items():
        data.setdefault(section, {}).update(fields)
    try:
        return Settings.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError: name the file
        raise KnowledgeError(str(path), f"invalid settings: {exc}") from exc


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
