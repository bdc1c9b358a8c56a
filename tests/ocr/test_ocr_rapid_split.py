"""A page's line crops split into consecutive chunks of about equal recognition work."""

from __future__ import annotations

import numpy as np
import pytest

from review_engine.ocr.rapid_split import width_chunks


def crops(widths: list[int], height: int = 10) -> list[np.ndarray]:
    return [np.zeros((height, w, 3), dtype=np.uint8) for w in widths]


@pytest.mark.parametrize(
    ("widths", "parts", "expected"),
    [
        ([100] * 6, 2, [range(3), range(3, 6)]),
        ([100] * 7, 3, [range(2), range(2, 5), range(5, 7)]),
        ([10, 100, 20, 300, 50, 60], 2, [range(3), range(3, 6)]),  # the wide line alone outweighs the rest
        ([500, 10, 10, 10], 2, [range(1), range(1, 4)]),
        ([100], 2, [range(1)]),  # one line: nothing to split
        ([], 2, []),
    ],
)
def test_ocr_rapid_split_chunks_by_width(widths: list[int], parts: int, expected: list[range]):
    assert width_chunks(crops(widths), parts) == expected


@pytest.mark.parametrize("widths", [[37, 512, 90, 1200, 64, 300, 800, 45, 45, 2000], [50] * 48, [1900] * 3 + [40] * 20])
@pytest.mark.parametrize("parts", [2, 3, 4])
def test_ocr_rapid_split_chunks_cover_every_line_once_in_order(widths: list[int], parts: int):
    chunks = width_chunks(crops(widths), parts)
    assert [i for chunk in chunks for i in chunk] == list(range(len(widths)))
    assert 1 <= len(chunks) <= parts
