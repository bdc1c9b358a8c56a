"""PNG, JPEG and (multi-page) TIFF files: every frame is a page, in pixels."""

from __future__ import annotations

import warnings

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from review_engine.errors import (
    CorruptDocumentError,
    ImageTooLargeError,
    TooManyPagesError,
    TruncatedDocumentError,
    ZeroPagesError,
)
from review_engine.ocr.source import DocumentSource
from review_engine.settings import LimitsSettings


def check_pixels(path: str, size: tuple[int, int], limits: LimitsSettings) -> None:
    """Refuse an image before decoding it when its header promises too many pixels."""
    width, height = size
    if width * height > limits.max_image_pixels:
        raise ImageTooLargeError(path, f"{width}x{height} pixels > {limits.max_image_pixels}")


def open_image(path: str, limits: LimitsSettings) -> Image.Image:
    """Open (header only) an image file; PIL's bomb guard is turned into our error."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLargeError(path, f"over {limits.max_image_pixels} pixels") from exc
    except UnidentifiedImageError as exc:
        raise CorruptDocumentError(path, "not a readable image") from exc
    check_pixels(path, image.size, limits)
    return image


def decode(path: str, image: Image.Image) -> Image.Image:
    """Decode the current frame to RGB; a short file is 'truncated', other failures 'corrupt'."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            # Phone photos store their turn in EXIF: apply it so the page is shown as taken.
            return _on_white(ImageOps.exif_transpose(image))
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        message = str(exc)
        if "truncated" in message or "broken data stream" in message or isinstance(exc, EOFError):
            raise TruncatedDocumentError(path, message.splitlines()[0] if message else "unexpected end of data") from exc
        raise CorruptDocumentError(path, message.splitlines()[0] if message else type(exc).__name__) from exc


def _on_white(image: Image.Image) -> Image.Image:
    """RGB with transparent areas shown on white paper (a transparent black background
    would otherwise turn the whole page black)."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return image.convert("RGB")


class ImageSource(DocumentSource):
    units = "px"

    def __init__(self, path: str, media_type: str, limits: LimitsSettings) -> None:
        super().__init__(path)
        self.media_type = media_type
        self.limits = limits
        self._image = open_image(path, limits)
        self._frames = self._count_frames()
        self._first = decode(path, self._image) if self._frames == 1 else None

    def _count_frames(self) -> int:
        """Frames counted one by one up to the page limit, so a hostile TIFF cannot stall us."""
        count = 0
        try:
            for count, frame in enumerate(ImageSequence.Iterator(self._image), start=1):
                check_pixels(self.path, frame.size, self.limits)
                if count > self.limits.max_pages:
                    raise TooManyPagesError(self.path, f"more than {self.limits.max_pages}")
        except (OSError, EOFError, ValueError) as exc:
            raise TruncatedDocumentError(self.path, f"frame {count + 1}: {exc}") from exc
        if count == 0:
            raise ZeroPagesError(self.path)
        return count

    @property
    def page_count(self) -> int:
        return self._frames

    def page_image(self, number: int) -> tuple[Image.Image, float]:
        if self._first is not None and number == 1:
            # Handed over, not copied (11 MB at 200 dpi): a second ask decodes the frame again.
            first, self._first = self._first, None
            return first, 1.0
        self._image.seek(number - 1)
        return decode(self.path, self._image), 1.0

    def close(self) -> None:
        self._image.close()
