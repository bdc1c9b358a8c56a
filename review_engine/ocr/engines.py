"""OCR engines behind one small interface, created lazily by name and reused.

``RapidOcrEngine`` runs PP-OCR ONNX models (Chinese + English) on sessions we open
(``ppocr_models.py``): by default the wheel's float detector and our int8 recogniser from
``models/ocr`` (``knowledge/ocr/ocr.yaml`` model_sets), tuned for speed there too (detection
on a smaller page, one line per recognition call, recognition split over worker threads;
``benchmarks/ocr_speed.py`` measures time and key-token recall); ``TesseractEngine`` runs
``chi_sim+eng`` through pytesseract.
Both return words with boxes in the pixels of the image they were given.
"""

from __future__ import annotations

import logging
import os
import threading
from abc import ABC, abstractmethod
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from review_engine.errors import NotAvailableError
from review_engine.ocr.ppocr_models import open_session
from review_engine.ocr.primitives import OcrWord
from review_engine.ocr.rapid_split import recognize_split
from review_engine.ocr.segment import merge_cjk_runs, needs_no_space, split_line
from review_engine.ocr.tuning import OcrTuning
from review_engine.settings import OcrSettings

log = logging.getLogger(__name__)


class OcrEngine(ABC):
    """Reads the words of one page image (RGB uint8 array)."""

    name: str = ""

    def __init__(self, settings: OcrSettings, tuning: OcrTuning) -> None:
        self.settings = settings
        self.tuning = tuning
        self._lock = threading.Lock()

    @abstractmethod
    def load(self) -> None:
        """Load models or check the binary; raises NotAvailableError when it cannot."""

    @abstractmethod
    def is_loaded(self) -> bool: ...

    @abstractmethod
    def recognize(self, image: np.ndarray) -> list[OcrWord]: ...

    def ensure_loaded(self) -> None:
        with self._lock:
            if not self.is_loaded():
                self.load()


class RapidOcrEngine(OcrEngine):
    name = "rapidocr"

    def __init__(self, settings: OcrSettings, tuning: OcrTuning) -> None:
        super().__init__(settings, tuning)
        self._ocr: Any = None
        self._recognizer: Any = None
        self._sessions: dict[str, Any] = {}

    def load(self) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:
            raise NotAvailableError(f"OCR engine 'rapidocr' is not installed ({exc.name}): pip install rapidocr onnxruntime") from exc
        tuning = self.tuning.engines.rapidocr
        workers = tuning.rec_workers
        # Our own sessions (models checked against models/ocr/manifest.json, spinning and
        # threads set here) handed to the library through its custom-session hook.
        rec_session = open_session(tuning.models.rec, self._rec_threads(), tuning.spinning)
        det_session = open_session(tuning.models.det, self._det_threads(), tuning.spinning)
        cls_session = open_session(tuning.models.cls, self._rec_threads(), tuning.spinning) if tuning.use_angle_classifier else None
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr-rec") if workers > 1 else None
        # Two library instances: detection is one big call on every core; recognition is many
        # calls split over the workers, one core each, so the page keeps both cores busy in both stages.
        recognizer = RapidOCR(params=self._params())
        _attach_sessions(recognizer, Rec=rec_session)

        class SplitRecognition(RapidOCR):  # type: ignore[misc, valid-type]
            """RapidOCR whose line recognition runs in ``workers`` threads (rapid_split.py)."""

            def recognize_txt(self, img: list[np.ndarray]) -> Any:
                return recognize_split(recognizer.recognize_txt, img, pool, workers)

        self._ocr = SplitRecognition(params=self._params())
        _attach_sessions(self._ocr, Det=det_session, Cls=cls_session)
        self._recognizer = recognizer
        self._sessions = {"det": det_session, "rec": rec_session, "cls": cls_session}
        log.info("rapidocr loaded (models %s, max_side=%s, det_max_side=%s, det threads=%s, rec workers=%s x %s threads)",
                 tuning.model_set, self.settings.max_side, self._det_side(), self._det_threads(), workers, self._rec_threads())

    def _det_threads(self) -> int:
        """onnxruntime intra-op threads for detection: settings.ocr.threads, else every core."""
        return self.settings.threads or os.cpu_count() or 1

    def _rec_threads(self) -> int:
        """Intra-op threads per recognition worker: the detection threads shared out
        between the workers (2 cores, 2 workers -> 1 each)."""
        return max(1, self._det_threads() // self.tuning.engines.rapidocr.rec_workers)

    def _det_side(self) -> int:
        return min(self.settings.max_side, self.tuning.engines.rapidocr.det_max_side)

    def _params(self) -> dict[str, Any]:
        tuning = self.tuning.engines.rapidocr
        return {
            "Global.log_level": "error",  # "no text detected" is a warning there, a normal case here
            # Line crops are cut from the page scaled to at most max_side; recognition
            # resizes each crop to 48 px high, so this scale matters little for its cost.
            "Global.max_side_len": self.settings.max_side,
            # Detection at most det_max_side, never upscaled: the library's default ("min" 736)
            # blew a one-line 1400x210 page up to 4900 px wide, ~10x slower.
            "Det.limit_type": "max",
            "Det.limit_side_len": self._det_side(),
            "Det.box_thresh": tuning.box_thresh,
            "Rec.rec_batch_num": tuning.rec_batch_size,
            "Global.text_score": tuning.text_score,
            "Global.use_cls": tuning.use_angle_classifier,
        }

    def is_loaded(self) -> bool:
        return self._ocr is not None

    def run_models(self, image: np.ndarray) -> Any:
        """The PP-OCR models' own reading of one page image (detection, then recognition of each
        line): the library's raw result, before our word split. ``benchmarks/extract_vs_ocr.py``
        times this call as "the OCR engine's own time"."""
        self.ensure_loaded()
        return self._ocr(image)

    def recognize(self, image: np.ndarray) -> list[OcrWord]:
        result = self.run_models(image)
        if result.boxes is None or result.txts is None or not len(result.txts):
            return []
        words: list[OcrWord] = []
        for quad, text, score in zip(result.boxes, result.txts, result.scores):
            pts = np.asarray(quad, dtype=float)
            box = (float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max()))
            words.extend(split_line(text, box, float(score), self.tuning.segmentation))
        return words


def _attach_sessions(ocr: Any, **sessions: Any) -> None:
    """Give a RapidOCR instance ready sessions per config section (Det, Cls, Rec): the
    library uses a section's ``session`` instead of loading its own model (PR #451); its
    config holds only primitives unless told to accept objects."""
    from omegaconf import flag_override

    with flag_override(ocr.cfg, "allow_objects", True):
        for section, session in sessions.items():
            if session is not None:
                ocr.cfg[section].session = session


class TesseractEngine(OcrEngine):
    name = "tesseract"

    def __init__(self, settings: OcrSettings, tuning: OcrTuning) -> None:
        super().__init__(settings, tuning)
        self._tesseract: Any = None

    def load(self) -> None:
        try:
            import pytesseract
        except ImportError as exc:
            raise NotAvailableError("OCR engine 'tesseract' needs pytesseract: pip install 'review-engine[tesseract]'") from exc
        try:
            languages = set(pytesseract.get_languages(config=""))
        except (pytesseract.TesseractNotFoundError, OSError) as exc:
            raise NotAvailableError("OCR engine 'tesseract': the tesseract binary is not installed") from exc
        missing = set(self.tuning.engines.tesseract.languages.split("+")) - languages
        if missing:
            raise NotAvailableError(f"OCR engine 'tesseract': language data missing: {', '.join(sorted(missing))}")
        self._tesseract = pytesseract

    def is_loaded(self) -> bool:
        return self._tesseract is not None

    def recognize(self, image: np.ndarray) -> list[OcrWord]:
        self.ensure_loaded()
        tuning = self.tuning.engines.tesseract
        data = self._tesseract.image_to_data(
            image, lang=tuning.languages, config=tuning.config, output_type=self._tesseract.Output.DICT
        )
        lines: dict[tuple[int, int, int], list[OcrWord]] = {}
        for i, text in enumerate(data["text"]):
            conf = float(data["conf"][i])
            if not text.strip() or conf < tuning.min_confidence:
                continue
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            box = (data["left"][i], data["top"][i], data["left"][i] + data["width"][i], data["top"][i] + data["height"][i])
            lines.setdefault(key, []).append(OcrWord(text.strip(), tuple(map(float, box)), conf / 100.0))  # type: ignore[arg-type]
        return [w for tokens in lines.values() for w in self._line_words(tokens)]

    def _line_words(self, tokens: list[OcrWord]) -> list[OcrWord]:
        """Split mixed tokens ("(第") into words and glue the CJK characters Tesseract reads one by one."""
        words: list[OcrWord] = []
        for token in tokens:
            parts = split_line(token.text, token.bbox, token.confidence, self.tuning.segmentation)
            if parts and words and needs_no_space(words[-1].text, parts[0].text):
                parts[0] = OcrWord(parts[0].text, parts[0].bbox, parts[0].confidence, glued=True)
            words.extend(parts)
        return merge_cjk_runs(words)


ENGINES: dict[str, type[OcrEngine]] = {RapidOcrEngine.name: RapidOcrEngine, TesseractEngine.name: TesseractEngine}


class OcrEngineProvider:
    """Creates each engine once, on first use, and hands the same instance out after."""

    def __init__(self, settings: OcrSettings, tuning: OcrTuning) -> None:
        self.settings = settings
        self.tuning = tuning
        self._engines: dict[str, OcrEngine] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> OcrEngine:
        if name not in ENGINES:
            raise NotAvailableError(f"unknown OCR engine {name!r}; known: {', '.join(sorted(ENGINES))}")
        with self._lock:
            if name not in self._engines:
                engine = ENGINES[name](self.settings, self.tuning)
                engine.ensure_loaded()
                self._engines[name] = engine
            return self._engines[name]

    def loaded(self) -> list[str]:
        return sorted(self._engines)
