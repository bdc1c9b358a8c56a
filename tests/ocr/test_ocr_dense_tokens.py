"""The default engine, as tuned for speed, still reads every key token of a dense 300-dpi page.

The speed tuning (detection side, split recognition) trades resolution for time; these
tests fail if it starts losing the words a reviewer needs: gene names, HGVS, numbers,
TNM and Chinese words, drawn at the size of 10-11 pt print scanned at 300 dpi.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from review_engine.settings import get_settings

from .conftest import FONT_PATH

A4_WIDTH_300DPI = 2480
A4_HEIGHT_300DPI = 3508
FONT_SIZE = 38  # px at 300 dpi = ~9 pt, small report print
LINE_HEIGHT = 66  # ~50 lines on an A4 page: a dense report

DENSE_LINES = [
    "病理诊断：肺腺癌 lung adenocarcinoma 病理分期 pT2aN1M0 IIB期 AJCC 第8版",
    "EGFR    c.2573T>G    p.L858R    23.5%    I类 敏感突变",
    "TP53    c.524G>A    p.R175H    12.1%    II类",
    "KRAS    c.34G>T    p.G12C    0.0%    未检测到",
    "PIK3CA    c.3140A>G    p.H1047R    5.2%    III类 意义未明",
    "ERBB2    c.2313_2324dup    p.Y772_A775dup    8.7%    II类",
    "PD-L1 (22C3) TPS 60% CPS 65 HER2 IHC 2+ FISH 未扩增 MSI-H TMB 12.5 mut/Mb",
    "结论：检出 EGFR 第21外显子 L858R 突变，提示可能从奥希替尼 osimertinib 一线治疗中获益。",
]
# Latin tokens must come back as whole words; Chinese words anywhere in the text.
LATIN_TOKENS = ["EGFR", "c.2573T>G", "p.L858R", "23.5%", "TP53", "c.524G>A", "p.R175H", "12.1%", "KRAS", "c.34G>T",
                "p.G12C", "PIK3CA", "c.3140A>G", "p.H1047R", "5.2%", "ERBB2", "c.2313_2324dup", "p.Y772_A775dup",
                "8.7%", "60%", "TMB", "12.5", "MSI-H", "L858R", "osimertinib"]
CHINESE_WORDS = ["肺腺癌", "病理分期", "敏感突变", "未检测到", "意义未明", "未扩增", "奥希替尼", "第21外显子"]


def draw_dense(path: Path, rows: int) -> None:
    """``rows`` lines of the dense report at 300 dpi, A4 wide (the full page is ~50 rows)."""
    margin = 160
    image = Image.new("L", (A4_WIDTH_300DPI, min(A4_HEIGHT_300DPI, 2 * margin + rows * LINE_HEIGHT)), 255)
    pen = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT_PATH, FONT_SIZE)
    for row in range(rows):
        pen.text((margin, margin + row * LINE_HEIGHT), DENSE_LINES[row % len(DENSE_LINES)], font=font, fill=0)
    image.save(path, dpi=(300, 300))


def lost_tokens(doc) -> list[str]:
    words = {w.text for w in doc.words} | set(doc.text.split())
    flat = "".join(doc.text.split())
    return [t for t in LATIN_TOKENS if t not in words] + [w for w in CHINESE_WORDS if w not in flat]


def test_ocr_dense_a4_page_keeps_key_tokens(reader, tmp_path: Path):
    """The full dense A4 page (~50 lines), each key token on six lines (~10 s wall at load 8 on 2 cores)."""
    path = tmp_path / "dense_a4.png"
    draw_dense(path, rows=(A4_HEIGHT_300DPI - 320) // LINE_HEIGHT)
    doc = reader.read(path, engine=get_settings().ocr.engine)
    assert lost_tokens(doc) == []
    assert doc.text.count("p.L858R") >= (A4_HEIGHT_300DPI - 320) // LINE_HEIGHT // len(DENSE_LINES)
