"""Whether a report is a germline (hereditary) test as a whole, so that its changes are germline.

A hereditary panel on blood gives its changes' origin once, in its title ('胚系基因检测报告', 'Hereditary Cancer
Panel'); its rows say nothing of it. The rules in ``knowledge/nlp/germline_report.yaml`` say when the title
decides: a germline title in the report's header, every specimen named a germline test's (blood), and no word of
tumour DNA anywhere (a paired tumour-normal or ctDNA test must say per row).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from review_engine.nlp import any_of, knowledge_path, load_knowledge, require_keys

_FILE = "germline_report.yaml"


@dataclass(frozen=True)
class GermlineTest:
    """Where a report names itself a germline test, and the specimens it names."""

    start: int
    end: int
    specimens: tuple[str, ...]

    def how(self, text: str) -> str:
        """Why the report's changes are germline, for the reviewer."""
        return (f"the report is a germline test ('{text[self.start:self.end]}', specimen {', '.join(self.specimens)}, "
                "no word of tumour DNA) and no words give this change another origin -> origin=germline")


@dataclass(frozen=True)
class _Rules:
    header_chars: int
    title: re.Pattern[str]
    specimens: frozenset[str]
    tumour_words: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_knowledge(_FILE)
    require_keys(_FILE, data, ("header_chars", "title", "specimens", "tumour_words"))
    where = str(knowledge_path(_FILE))
    return _Rules(int(data["header_chars"]), any_of(data["title"], where), frozenset(data["specimens"]),
                  any_of(data["tumour_words"], where))


def germline_test(text: str, specimens: Iterable[str]) -> GermlineTest | None:
    """The report's germline-test title where the rules make the report a germline test, else None."""
    rules = _rules()
    named = tuple(dict.fromkeys(specimens))
    if not named or not set(named) <= rules.specimens:
        return None
    title = rules.title.search(text, 0, rules.header_chars)
    if title is None or rules.tumour_words.search(text):
        return None
    return GermlineTest(title.start(), title.end(), named)
