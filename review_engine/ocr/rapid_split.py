"""Recognition of one page's text lines split over worker threads.

RapidOCR recognises the cropped lines of a page in batches, one after another. On
a dense page recognition is ~80-90% of the CPU time, and one onnxruntime call with two
intra-op threads leaves much of the second core idle (small per-batch work, thread
hand-offs). Two callers each running whole batches keep both cores busy;
onnxruntime sessions accept concurrent ``run`` calls and release the GIL.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np


def width_chunks(crops: Sequence[np.ndarray], parts: int) -> list[range]:
    """Consecutive index ranges of about equal recognition work (work ~ width/height:
    each crop is resized to a fixed height, so its cost grows with its aspect ratio)."""
    ratios = [c.shape[1] / max(c.shape[0], 1) for c in crops]
    total = sum(ratios)
    cuts, acc = [0], 0.0
    for i, ratio in enumerate(ratios):
        target = total * len(cuts) / parts
        if len(cuts) < parts and acc + ratio >= target:
            # cut before or after this crop, whichever lands nearer the target share
            cut = i if target - acc < acc + ratio - target else i + 1
            if cut > cuts[-1]:
                cuts.append(cut)
        acc += ratio
    cuts.append(len(crops))
    return [range(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def recognize_split(recognize: Callable[[list[np.ndarray]], Any], crops: list[np.ndarray], pool: ThreadPoolExecutor | None, parts: int) -> Any:
    """``recognize`` over ``crops`` in ``parts`` concurrent chunks, merged back in order.

    ``recognize`` is RapidOCR's own ``recognize_txt`` (list of crops -> TextRecOutput);
    the merged output keeps its type, so the rest of the library's pipeline is unchanged.
    """
    chunks = width_chunks(crops, parts) if pool is not None else []
    if len(chunks) < 2:
        return recognize(crops)
    outputs = list(pool.map(lambda r: recognize([crops[i] for i in r]), chunks))
    merged = outputs[0]
    merged.imgs = [img for out in outputs for img in out.imgs]
    merged.txts = tuple(t for out in outputs for t in out.txts)
    merged.scores = tuple(s for out in outputs for s in out.scores)
    merged.word_results = tuple(w for out in outputs for w in out.word_results)
    merged.elapse = max(out.elapse or 0.0 for out in outputs)
    return merged
