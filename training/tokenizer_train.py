"""A WordPiece tokenizer for mixed Chinese/Latin reports, built from the corpus text.

Each CJK character is its own token (BertNormalizer pads them with spaces), digits are
split one by one so that numbers generalise, Latin words seen often enough are whole
tokens and any other word falls back to character pieces (``##x``). Every token keeps its
character offsets in the original text: the normaliser never changes case or accents.

The vocabulary is counted here rather than by the ``tokenizers`` BPE trainer, whose
merges break frequency ties in hash order and so differ from run to run; counting and
sorting gives the same ids from the same corpus, which the seed-reproducible model needs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers

UNKNOWN = "[UNK]"
PADDING = "[PAD]"
SPECIAL_TOKENS = [PADDING, UNKNOWN]
CONTINUATION = "##"


def empty_tokenizer(vocabulary: dict[str, int]) -> Tokenizer:
    tokenizer = Tokenizer(models.WordPiece(vocab=vocabulary, unk_token=UNKNOWN, max_input_chars_per_word=64))
    tokenizer.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=False
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.BertPreTokenizer(), pre_tokenizers.Digits(individual_digits=True)]
    )
    tokenizer.decoder = decoders.WordPiece()
    return tokenizer


def count_words(texts: Iterable[str]) -> Counter:
    """Pre-tokenized words of the corpus, as the tokenizer will see them."""
    splitter = empty_tokenizer({UNKNOWN: 0})
    counts: Counter = Counter()
    for text in texts:
        normalized = splitter.normalizer.normalize_str(text)
        counts.update(word for word, _ in splitter.pre_tokenizer.pre_tokenize_str(normalized))
    return counts


def build_vocabulary(counts: Counter, vocab_size: int, min_frequency: int) -> list[str]:
    """Special tokens, then characters (alone and as ``##`` pieces), then whole words,
    each group by falling frequency (ties alphabetical), cut at ``vocab_size``."""
    characters: Counter = Counter()
    pieces: Counter = Counter()
    for word, count in counts.items():
        characters[word[0]] += count
        # Every character of a Latin word also gets a piece, so an unseen word can always
        # be spelled out instead of collapsing to [UNK] (CJK characters are words alone).
        for character in word if len(word) > 1 else "":
            pieces[CONTINUATION + character] += count
    words = Counter({w: c for w, c in counts.items() if len(w) > 1})
    ordered = list(SPECIAL_TOKENS)
    for group in (characters, pieces, words):
        ordered += [t for t, c in sorted(group.items(), key=lambda kv: (-kv[1], kv[0])) if c >= min_frequency]
    return ordered[:vocab_size]


def train_tokenizer(texts: Iterable[str], vocab_size: int, min_frequency: int) -> Tokenizer:
    """The corpus tokenizer; ``[PAD]`` is id 0 and ``[UNK]`` id 1."""
    vocabulary = build_vocabulary(count_words(texts), vocab_size, min_frequency)
    return empty_tokenizer({token: number for number, token in enumerate(vocabulary)})
