"""Mixed Chinese/Latin tokenizer that keeps HGVS, fusion and TNM runs whole.

spaCy's default rules split ``c.2573T>G`` at ``>`` and ``EML4::ALK`` at ``:``; reports
need them as one token. Latin/digit runs (with the joiners HGVS uses) stay whole, each
Chinese character is a token, other symbols are single tokens. ``Doc.text`` equals the
input exactly, so token offsets are exact character offsets into the report text.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

# One alternation, tried left to right at each position; every branch is a simple run so
# matching is linear in the text length.
_TOKEN = re.compile(
    r"""
    [pcgnmr]\.\([A-Za-z0-9_*>+\-=?:]+\)        # HGVS predicted: p.(Glu746_Ala750del)
    | [pcgnmr]\.[A-Za-z0-9_*>+\-=?:]+          # HGVS: c.2573T>G, c.3028+1G>T, p.L858R
    | [A-Za-z0-9](?:[A-Za-z0-9_.:>*+\-/]*[A-Za-z0-9*%])?   # Latin/digit runs: EGFR, EML4::ALK, pT2aN1M0, 23.5%
    | [\u3400-\u4dbf\u4e00-\u9fff]             # one Chinese character per token
    | \S                                       # any other symbol alone
    """,
    re.VERBOSE,
)


class MixedTokenizer:
    """spaCy tokenizer callable: ``nlp.tokenizer = MixedTokenizer(nlp.vocab)``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = split_words(text)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serialises tokenizers; ours is stateless, so there is nothing to write.
    def to_bytes(self, **kwargs: object) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> MixedTokenizer:
        return self

    def to_disk(self, path: object, **kwargs: object) -> None:
        return None

    def from_disk(self, path: object, **kwargs: object) -> MixedTokenizer:
        return self


def split_words(text: str) -> tuple[list[str], list[bool]]:
    """Words and trailing-space flags such that ``Doc(words, spaces).text == text``.

    One ASCII space after a token becomes its ``space`` flag; any other whitespace
    (newlines, runs of spaces) becomes a whitespace token of its own, as spaCy does.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if start > pos:
            _add_gap(text[pos:start], words, spaces)
        words.append(match.group())
        spaces.append(False)
        pos = end
    if pos < len(text):
        _add_gap(text[pos:], words, spaces)
    return words, spaces


def _add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    if gap.startswith(" ") and words and not spaces[-1]:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


def token_offsets(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-whitespace tokens of ``text`` (for callers without spaCy)."""
    return [m.span() for m in _TOKEN.finditer(text)]
