"""The labelled report generator: realistic genetic and pathology reports with gold labels, and
claims with gold decisions per POLICY.md, for tests, training and evaluation.

    from review_engine.corpus import generate
    summary = generate("corpus_out", seed=7, n_docs=2000, n_claims=600)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from review_engine.corpus.generator import Summary


def generate(out_dir: Any, seed: int = 7, n_docs: int = 2000, n_claims: int = 600, **options: Any) -> Summary:
    """Write a corpus to ``out_dir`` (see ``review_engine.corpus.generator.generate``)."""
    from review_engine.corpus.generator import generate as _generate

    return _generate(out_dir, seed=seed, n_docs=n_docs, n_claims=n_claims, **options)


__all__ = ["generate"]
