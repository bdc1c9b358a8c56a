"""Content-addressed document store: a file's name is its sha256, so equal uploads are stored once.

A write is durable before it returns (temporary file, fsync, atomic rename, fsync of the
folder): the service acknowledges an upload only after this.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a sha256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` durably; returns its sha256. Storing the same bytes twice is a no-op."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return digest

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def materialize(self, sha256: str, destination: Path) -> Path:
        """Copy a stored file to ``destination`` (the engine reads documents by path)."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.path_for(sha256), destination)
        return destination


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
