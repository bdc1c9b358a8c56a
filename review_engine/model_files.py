"""Integrity of the model files we ship or load (NER tagger, PP-OCR recogniser): each layer checks
its files against its manifest with this one digest, so a corrupt or altered file is refused the
same way everywhere."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in 1 MiB blocks (model files run to tens of MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
