"""A harder scan condition for measurement: one split of a generated corpus re-rendered as poor scans.

    python -m review_engine.corpus degrade --corpus runs/corpus-7 --split test --out runs/corpus-7-degraded --seed 71

Every readable document of the split (whatever format the generator chose for it) is laid out
again from the same case and seed, drawn, and scanned the way a worn fax or a phone photo of a
photocopy looks: low resolution, faint toner, blur, heavy sensor noise, strong JPEG artefacts and
skew, on top of the generator's usual ageing (``scan.degrade``). The output is a corpus folder of
its own (``<split>/<case>/{gold.json,claim.json,docs/}``, manifest included) whose documents all
have the format ``scan_degraded``, so benchmarks score it next to the clean scans. The gold is the
generator's gold for the same document: degradation changes pixels, never facts.

The strength is chosen so that OCR still reads the page with the character confusions real
scans show (O/0, l/1, S/5, B/8, dropped spaces), not so that it returns noise: a test checks
that most of the page's text survives OCR.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from review_engine.corpus import formats, scan
from review_engine.corpus.build import build_case
from review_engine.corpus.plan import PlanOptions, plan_case
from review_engine.corpus.render import draw_pdf, layout
from review_engine.corpus.style import sample_style

DEGRADED_FORMAT = "scan_degraded"


@dataclass(frozen=True)
class Harshness:
    """Ranges one page's degradation is drawn from (uniformly)."""

    dpi: tuple[int, ...] = (130, 150, 150, 170)
    faint: tuple[float, float] = (0.6, 0.85)
    """Share of the ink's darkness that reaches the page (toner running out)."""
    blur: tuple[float, float] = (0.4, 0.8)
    noise: tuple[float, float] = (5.0, 10.0)
    jpeg_quality: tuple[int, int] = (25, 45)
    skew: tuple[float, float] = (-3.0, 3.0)


@dataclass
class DegradeSummary:
    corpus: str
    split: str
    seed: int
    cases: int = 0
    documents: int = 0
    pages: int = 0


def harsh_page(
    page: Image.Image, rng: random.Random, harshness: Harshness = Harshness()
) -> Image.Image:
    """One clean rasterised page made into a poor scan (deterministic for a given ``rng``)."""
    page = scan.degrade(page, rng, None, None)
    arr = np.asarray(page).astype(np.float32)
    faint = rng.uniform(*harshness.faint)
    arr = 255.0 - (255.0 - arr) * faint
    m = cv2.getRotationMatrix2D(
        (arr.shape[1] / 2, arr.shape[0] / 2), rng.uniform(*harshness.skew), 1.0
    )
    arr = cv2.warpAffine(
        arr,
        m,
        (arr.shape[1], arr.shape[0]),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(235, 235, 235),
    )
    arr = cv2.GaussianBlur(arr, (0, 0), rng.uniform(*harshness.blur))
    noise = np.empty(arr.shape[:2], np.float32)
    cv2.setRNGSeed(rng.randint(0, 2**31))
    cv2.randn(noise, 0.0, rng.uniform(*harshness.noise))
    arr = cv2.convertScaleAbs(arr + noise[..., None])
    return scan.jpeg_roundtrip(Image.fromarray(arr), rng.randint(*harshness.jpeg_quality))


def case_index(case_dir: Path) -> int:
    """The planning index of a case folder named ``case-<seed>-<index>``."""
    return int(case_dir.name.rsplit("-", 1)[1])


def degrade_corpus(
    corpus: Path, split: str, out: Path, seed: int, harshness: Harshness = Harshness()
) -> DegradeSummary:
    """Write ``out`` (see the module doc): the split's readable documents as poor scans."""
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    corpus_seed = int(manifest["seed"])
    options = PlanOptions(
        **{**manifest["options"], "split_fractions": tuple(manifest["options"]["split_fractions"])}
    )
    summary = DegradeSummary(str(corpus), split, seed)
    for gold_file in sorted((corpus / split).glob("*/gold.json")):
        case_dir = gold_file.parent
        plan = plan_case(corpus_seed, case_index(case_dir), options)
        if plan.case_id != case_dir.name:
            raise ValueError(
                f"{case_dir}: the manifest's options plan {plan.case_id} at this index"
            )
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        target = out / split / case_dir.name
        (target / "docs").mkdir(parents=True, exist_ok=True)
        _degrade_case(plan, corpus_seed, seed, gold, target, harshness, summary)
        _write_claim(case_dir / "claim.json", target / "claim.json", gold["documents"])
        (target / "gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        summary.cases += 1
    (out / "manifest.json").write_text(
        json.dumps(
            {
                "seed": corpus_seed,
                "degrade_seed": seed,
                "source": str(corpus),
                "split": split,
                "cases": summary.cases,
                "documents": summary.documents,
                "pages": summary.pages,
                "by_split": {split: summary.cases},
                "format": DEGRADED_FORMAT,
                "harshness": harshness.__dict__,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return summary


def _write_claim(source: Path, target: Path, documents: dict) -> None:
    """The claim as filed, its documents pointing at the degraded files (an unreadable one keeps its file)."""
    claim = json.loads(source.read_text(encoding="utf-8"))
    for document in claim["documents"]:
        if document["doc_id"] in documents:
            document["path"] = f"docs/{Path(documents[document['doc_id']]['file']).name}"
        else:
            shutil.copyfile(source.parent / document["path"], target.parent / document["path"])
    target.write_text(json.dumps(claim, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _degrade_case(
    plan,
    corpus_seed: int,
    seed: int,
    gold: dict,
    target: Path,
    harshness: Harshness,
    summary: DegradeSummary,
) -> None:
    built = build_case(plan, corpus_seed)
    readable = {doc.plan.doc_id: doc for doc in built.docs if not doc.plan.unreadable}
    for doc_id, meta in list(gold["documents"].items()):
        doc = readable.get(doc_id)
        if doc is None or doc_id in gold.get("unreadable_documents", []):
            del gold["documents"][doc_id]
            gold["findings"].pop(doc_id, None)
            continue
        # the generator's own per-document style stream: the same layout and text as the original
        style_rng = random.Random(f"render/{corpus_seed}/{plan.index}/{doc_id}")
        style = sample_style(style_rng, plan.language)
        pdf = draw_pdf(layout(doc.report, style), style, doc.title, False)
        rng = random.Random(f"degrade/{seed}/{plan.case_id}/{doc_id}")
        dpi = rng.choice(harshness.dpi)
        images = [harsh_page(page, rng, harshness) for page in scan.rasterise(pdf, dpi)]
        path = target / "docs" / f"{doc_id}.pdf"
        path.write_bytes(formats.image_pdf(images, dpi, 90))
        gold["documents"][doc_id] = {
            **meta,
            "format": DEGRADED_FORMAT,
            "dpi": dpi,
            "pages": len(images),
            "file": f"{target.parent.name}/{target.name}/docs/{path.name}",
            "source_format": meta["format"],
        }
        summary.documents += 1
        summary.pages += len(images)
