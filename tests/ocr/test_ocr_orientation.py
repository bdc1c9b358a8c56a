"""Turned and skewed scans are read upright, and their boxes still point at the words."""

from __future__ import annotations

import math
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from review_engine.ocr.orientation import (
    Frame,
    estimate_skew,
    ink_thumbnail,
    profile_sharpness,
    text_runs_down,
)
from review_engine.ocr.tuning import get_tuning

from .conftest import KEY_TOKENS, REPORT_LINES, draw_page, find_evidence, overlaps, rotate_box

ORIENTATION = get_tuning().orientation


def _rotated_point(x: float, y: float, angle: float, size: tuple[int, int], new_size: tuple[int, int]) -> tuple[float, float]:
    """Where a point lands after ``Image.rotate(angle, expand=True)``."""
    a = math.radians(angle)
    dx, dy = x - size[0] / 2, y - size[1] / 2
    return (math.cos(a) * dx + math.sin(a) * dy + new_size[0] / 2, -math.sin(a) * dx + math.cos(a) * dy + new_size[1] / 2)


@pytest.mark.parametrize(
    "angle, fix",
    [
        (180, 180),  # upside down
        (90, 270),  # turned a quarter counter-clockwise
        pytest.param(270, 90, marks=pytest.mark.slow),
    ],
)
def test_ocr_orientation_turned_page_is_read_upright(reader, drawn_report, tmp_path: Path, angle, fix):
    path = tmp_path / f"turned{angle}.png"
    drawn_report.image.rotate(angle, expand=True).save(path)
    doc = reader.read(path)
    assert doc.pages[0].rotation == fix
    assert [t for t in KEY_TOKENS if t not in doc.text] == []
    expected = rotate_box(drawn_report.boxes["p.L858R"], angle, drawn_report.image.size)
    assert overlaps(find_evidence(doc, "p.L858R").bbox, expected)


def test_ocr_orientation_skewed_page_is_deskewed_and_read(reader, drawn_report, tmp_path: Path):
    angle = 4.0
    skewed = drawn_report.image.rotate(angle, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
    path = tmp_path / "skewed.png"
    skewed.save(path)
    doc = reader.read(path)
    assert doc.pages[0].skew == pytest.approx(-angle, abs=0.5)
    assert [t for t in KEY_TOKENS if t not in doc.text] == []
    box = drawn_report.boxes["c.2573T>G"]
    center = _rotated_point((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, angle, drawn_report.image.size, skewed.size)
    x0, y0, x1, y1 = find_evidence(doc, "c.2573T>G").bbox
    assert x0 <= center[0] <= x1 and y0 <= center[1] <= y1


@pytest.mark.parametrize("angle", [-5.0, -3.0, 0.0, 3.0, 5.0])
def test_ocr_orientation_estimate_skew_finds_the_drawn_angle(drawn_report, angle):
    page = drawn_report.image.rotate(angle, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
    ink = ink_thumbnail(np.asarray(page), ORIENTATION)
    assert estimate_skew(ink, ORIENTATION) == pytest.approx(-angle, abs=0.3)


def test_ocr_orientation_estimate_skew_of_a_blank_page_is_none():
    # no ink, no lines: the search must not pick the first angle it tried (it used to turn blank pages -8.5 degrees)
    assert estimate_skew(np.zeros((700, 500), np.float32), ORIENTATION) == 0.0


def test_ocr_orientation_estimate_skew_of_an_all_ink_page_is_bounded():
    # every pixel is ink: the projection runs in chunks of angles instead of one 45 x 700,000 array
    assert estimate_skew(np.ones((1000, 700), np.float32), ORIENTATION) == 0.0


@pytest.mark.parametrize("angle", [-6.0, -1.5, 2.5])
def test_ocr_orientation_profile_sharpness_agrees_with_warping_the_thumbnail(drawn_report, angle):
    # the projection must rank angles as turning the thumbnail itself does (the method it replaced)
    page = drawn_report.image.rotate(angle, expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC)
    ink = ink_thumbnail(np.asarray(page), ORIENTATION)
    angles = np.arange(-8.0, 8.25, 0.5)
    h, w = ink.shape

    def warped(a: float) -> float:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D((w / 2, h / 2), a, 1.0), (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        return float(np.mean(np.diff(turned.mean(axis=1)) ** 2))

    projected = profile_sharpness(ink, angles)
    assert angles[int(np.argmax(projected))] == angles[int(np.argmax([warped(float(a)) for a in angles]))]
    assert np.corrcoef(projected, [warped(float(a)) for a in angles])[0, 1] > 0.99


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("skew", [0.0, 3.0])
def test_ocr_orientation_frame_maps_boxes_back_to_the_original(rotation, skew):
    # a black square drawn on the original must be found under the mapped-back box
    original = np.full((400, 600, 3), 255, np.uint8)
    original[100:140, 300:380] = 0
    frame = Frame(width=600, height=400, rotation=rotation, skew=skew)
    corrected = frame.apply(original)
    ys, xs = np.nonzero(corrected[:, :, 0] < 128)
    back = frame.to_original((float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1)))
    assert back == pytest.approx((300, 100, 380, 140), abs=3 + 4 * skew)


PAGE_SHAPES = {
    "report": REPORT_LINES,
    "one line": ["病理诊断：肺腺癌 PD-L1 TPS 60%"],
    "table": ["Gene | Variant | VAF"] * 3,
    "english": ["Pathology report: lung adenocarcinoma", "EGFR exon 21 L858R mutation detected"],
}


@pytest.mark.parametrize("shape", list(PAGE_SHAPES))
@pytest.mark.parametrize("angle, down", [(0, False), (90, True), (180, False), (270, True)])
def test_ocr_orientation_text_direction_is_found_without_ocr(shape, angle, down):
    page = draw_page(PAGE_SHAPES[shape]).image.rotate(angle, expand=True)
    assert text_runs_down(ink_thumbnail(np.asarray(page), ORIENTATION), ORIENTATION) is down
