"""Visual variants of a report page: fonts, colours, table and header styles, sampled per document."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

CJK_FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
LATIN_FONTS = {
    # name: (regular file, bold file)
    "LiberationSans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "LiberationSerif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "LiberationSansNarrow": ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf"),
}
FONT_ROOT = "/usr/share/fonts/truetype/"
ACCENTS = [(0.09, 0.29, 0.55), (0.0, 0.45, 0.45), (0.55, 0.1, 0.15), (0.2, 0.2, 0.2), (0.1, 0.4, 0.2), (0.35, 0.2, 0.55)]


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the CJK collection (subfont 0) and the Latin families once per process."""
    pdfmetrics.registerFont(TTFont("WQY", CJK_FONT_PATH, subfontIndex=0))
    for name, (regular, bold) in LATIN_FONTS.items():
        pdfmetrics.registerFont(TTFont(name, FONT_ROOT + regular))
        pdfmetrics.registerFont(TTFont(name + "-Bold", FONT_ROOT + bold))


@dataclass(frozen=True)
class PageStyle:
    font: str
    bold_font: str
    fake_bold: bool
    """CJK has no bold face here: bold is drawn as fill+stroke, as many lab templates print it."""
    size: float
    accent: tuple[float, float, float]
    table: str  # grid | rules | zebra
    header: str  # band | rule | centered
    margin: float
    logo: str  # circle | square | none

    def text_width(self, text: str, bold: bool = False, size: float | None = None) -> float:
        font = self.bold_font if bold else self.font
        return pdfmetrics.stringWidth(text, font, size or self.size)


def sample_style(rng: random.Random, language: str) -> PageStyle:
    register_fonts()
    if language == "zh":
        font, bold, fake = "WQY", "WQY", True
    else:
        family = rng.choice(list(LATIN_FONTS))
        font, bold, fake = family, family + "-Bold", False
    return PageStyle(
        font=font,
        bold_font=bold,
        fake_bold=fake,
        size=rng.choice([8.5, 9.0, 9.5, 10.0]),
        accent=rng.choice(ACCENTS),
        table=rng.choice(["grid", "rules", "zebra"]),
        header=rng.choice(["band", "rule", "centered"]),
        margin=rng.choice([36.0, 42.0, 50.0, 56.0]),
        logo=rng.choice(["circle", "square", "none"]),
    )
