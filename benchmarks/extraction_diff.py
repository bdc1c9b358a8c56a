"""What a change to the extraction changes: every document of a generated corpus extracted with the working tree
and with a base revision, and the findings that differ printed document by document.

    .venv/bin/python -m review_engine.corpus generate --out /tmp/regcorpus --seed 29 --docs 1500 --claims 300
    .venv/bin/python benchmarks/extraction_diff.py --corpus /tmp/regcorpus --base HEAD~3

The corpus's ``spans.jsonl`` hold each document's text, so no OCR runs: a minute or two for 1,500 documents per
side. The base revision is checked out in a temporary git worktree and extracted there with this
interpreter. A change meant for wordings the generator does not write should show no difference; each one it
shows is a reading the change moved (session 17 found 14 detected 19del and EML4-ALK read not detected this way).
Prints the documents that differ, then their count; exits 1 where any differ.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def extract_corpus(corpus: Path) -> dict[str, dict[str, Any]]:
    """Findings per document of the corpus (its texts, by the layout's kind), as plain comparable values."""
    from review_engine.nlp.pipeline import Extractor

    extractor = Extractor()
    out: dict[str, dict[str, Any]] = {}
    for spans in sorted(corpus.glob("*/spans.jsonl")):
        for line in spans.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            if not doc.get("text"):
                continue
            kind = "pathology_report" if "patho" in doc["layout"] else "genetic_report"
            found = extractor.extract_text(doc["text"], kind=kind)
            out[doc["doc_id"]] = {
                # method: getattr, since a base revision before session 19 has no such field
                "variants": sorted([v.gene, v.alteration, v.partner or "", v.exon or 0, v.status, str(v.vaf),
                                    str(getattr(v, "method", None)), str(v.origin)] for v in found.variants),
                # exclude_none: a field a later revision adds (left None) is no difference
                "biomarkers": found.biomarkers.model_dump(mode="json", exclude_none=True),
                "staging": found.staging.model_dump(mode="json", exclude_none=True),
                "histology": found.histology,
                "primary_site": found.primary_site,
                "patient": found.patient.model_dump(mode="json", exclude_none=True),
            }
    return out


def differences(base: dict[str, dict[str, Any]], head: dict[str, dict[str, Any]]) -> list[str]:
    """One line per field that differs, document by document (a document on one side only is a difference)."""
    lines = []
    for doc_id in sorted(set(base) | set(head)):
        old, new = base.get(doc_id), head.get(doc_id)
        if old is None or new is None:
            lines.append(f"{doc_id}: only in {'head' if old is None else 'base'}")
            continue
        for field in old:
            if old[field] == new.get(field):
                continue
            if field == "variants":
                gone = [v for v in old[field] if v not in new[field]]
                added = [v for v in new[field] if v not in old[field]]
                lines.append(f"{doc_id} variants: base only {gone}; head only {added}")
            else:
                lines.append(f"{doc_id} {field}: base {old[field]}; head {new.get(field)}")
    return lines


def _extract_at(tree: Path, corpus: Path, out: Path) -> None:
    """Run this script's extraction in ``tree`` (a checkout) with this interpreter, writing JSON to ``out``."""
    code = ("import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "sys.path.insert(0, sys.argv[4]); import extraction_diff as d; "
            "Path(sys.argv[3]).write_text(json.dumps(d.extract_corpus(Path(sys.argv[2]))))")
    subprocess.run([sys.executable, "-c", code, str(tree), str(corpus), str(out), str(ROOT / "benchmarks")],
                   cwd=tree, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="a corpus written by the generator")
    parser.add_argument("--base", default="HEAD", help="the git revision to compare the working tree with")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base_tree = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base_tree), args.base], cwd=ROOT, check=True)
        try:
            _extract_at(base_tree, args.corpus, Path(tmp) / "base.json")
            _extract_at(ROOT, args.corpus, Path(tmp) / "head.json")
            base = json.loads((Path(tmp) / "base.json").read_text())
            head = json.loads((Path(tmp) / "head.json").read_text())
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT, check=False)
    lines = differences(base, head)
    print("\n".join(lines))
    print(f"{len(head)} documents, {len({line.split()[0].rstrip(':') for line in lines})} differ "
          f"(base {args.base}, head: the working tree)")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
