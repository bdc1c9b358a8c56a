"""OCR-noise repair where the position makes the reading safe; every repair is named.

Only these kinds of repair are made, each recorded as a string on the mention:
- full-width characters folded to ASCII (one character for one, so offsets never move);
- letters read inside a protein position turned back into digits (``L8S8R`` -> ``L858R``);
- a three-letter amino-acid code with an l/I confusion or a stray dot read again
  (``p.lle1175Leu`` -> Ile, ``p.(L.ys470Cys)`` -> Lys), only when it becomes a known code;
- a digit read in place of a one-letter reference residue (``1337W`` -> I337W), only where
  the row's cDNA change or the hotspot table decides it (the variant recognizer checks that);
- a token in a gene position snapped to a known oncology gene at edit distance 1
  (``EGFP`` next to ``L858R`` -> ``EGFR``), only when exactly one target is that close.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from review_engine.nlp import load_knowledge

_FILE = "ocr_repair.json"


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    for src, dst in load_knowledge(_FILE)["extra_fold"].items():
        if len(src) == 1 and len(dst) == 1:
            table[ord(src)] = dst
    return table


@lru_cache(maxsize=8)  # every recognizer folds the same page text: fold it once
def fold_width(text: str) -> str:
    """Full-width forms and CJK punctuation as ASCII, one character for one."""
    return text.translate(_fold_table())


def folded_repairs(original: str, folded: str) -> tuple[str, ...]:
    """The fold repairs that turned ``original`` into ``folded`` (same length)."""
    changed = sorted({f"{a}->{b}" for a, b in zip(original, folded) if a != b and not _is_punct(a)})
    return tuple(f"full-width {c}" for c in changed)


def _is_punct(ch: str) -> bool:
    # Folding CJK punctuation is not a repair of the reading, only of the form.
    return unicodedata.category(ch).startswith(("P", "Z"))


def repair_digits(run: str) -> tuple[str, tuple[str, ...]]:
    """Turn OCR letter confusions inside a number back into digits (``79O`` -> ``790``)."""
    table = load_knowledge(_FILE)["digit_for_letter"]
    out = []
    repairs = []
    for ch in run:
        if ch in table:
            repairs.append(f"{ch}->{table[ch]} in {run}")
            ch = table[ch]
        out.append(ch)
    return "".join(out), tuple(repairs)


def repair_amino_acid(token: str, codes: frozenset[str]) -> tuple[str, tuple[str, ...]] | None:
    """The known three-letter code ``token`` stands for, with the repairs that read it, or None.

    A clean code comes back with no repair; an l/I/1/| confusion ('lle' -> 'Ile') or one stray
    dot inside ('L.ys' -> 'Lys') is repaired; anything that is no known code after that is None.
    """
    rules = load_knowledge(_FILE)["amino_acid_three"]
    repairs: list[str] = []
    word = token
    if rules["stray"] in word[1:-1] and word.count(rules["stray"]) == 1:
        word = word.replace(rules["stray"], "")
        repairs.append(f"stray '{rules['stray']}' dropped in {token}")
    if len(word) != 3:
        return None
    fixed = rules["capital"].get(word[0], word[0]) + "".join(rules["lower"].get(ch, ch) for ch in word[1:])
    if fixed not in codes:
        return None
    if fixed != word:
        repairs.append(f"{word}->{fixed} (l/I confusion in an amino-acid code)")
    return fixed, tuple(repairs)


def residue_for_digit(ch: str) -> str | None:
    """The one-letter amino acid OCR may have read as the digit ``ch`` ('1' -> 'I'), or None."""
    return load_knowledge(_FILE)["residue_letters"].get(ch)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it is sure to exceed ``limit``
    (words only: the cost is len(a) * len(b))."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1:] == short:
            return True
    return False


def one_edit_from(word: str, vocabulary: Iterable[str], min_length: int) -> list[str]:
    """The entries of ``vocabulary`` one edit from ``word``, both at least ``min_length`` long: a
    shorter word ("WT", "no") is one edit from too many others to be read as any of them."""
    if len(word) < min_length:
        return []
    return [entry for entry in vocabulary if len(entry) >= min_length and edit_distance_at_most_one(word, entry)]


def letter_for_digit(ch: str) -> str | None:
    """The letter OCR turned into ``ch`` ('1' or 'l' -> 'I'), or None."""
    rules = load_knowledge(_FILE)
    return rules["letter_for_digit"].get(rules["digit_for_letter"].get(ch, ch))


def _confusable_readings(word: str, rules: dict) -> set[str]:
    """Words one OCR confusion away (a letter in place of a digit, or the reverse)."""
    table = {**rules["digit_for_letter"], **rules["letter_for_digit"]}
    return {word[:i] + table[ch] + word[i + 1:] for i, ch in enumerate(word) if ch in table}


def snap_gene(token: str, targets: frozenset[str]) -> tuple[str, str] | None:
    """The one target within edit distance 1 of ``token`` (upper-cased), with the repair, or None.

    Digits confused with letters count as a direct reading first (``KRA5`` -> ``KRAS``).
    """
    rules = load_knowledge(_FILE)
    word = token.upper()
    if len(word) < rules["gene_min_length"]:
        return None
    letters = "".join(rules["letter_for_digit"].get(ch, ch) for ch in word)
    if letters in targets and letters != word:
        return letters, f"{token}->{letters} (digit read as letter)"
    confused = _confusable_readings(word, rules) & targets  # "IDHI" -> IDH1, not IDH2
    if len(confused) == 1:
        found = next(iter(confused))
        return found, f"{token}->{found} (letter read as digit)"
    close = [t for t in targets if edit_distance_at_most_one(word, t)]
    if len(close) == 1:
        return close[0], f"{token}->{close[0]} (gene snapped, edit distance 1)"
    return None
