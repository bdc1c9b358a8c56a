"""What a change is when no status words read it: the name of its test, or what the test can find.

ConText leaves a change no words give a status 'detected' by default ('EGFR L858R 突变 丰度23%'). Two kinds of
text name a change that way and report no result:
- the test's name: a single-analyte report prints the change in its title or test item and the result on a
  line that names no gene ('BRAF V600E突变检测报告' ... '检测结果：阴性', '检测项目：EGFR T790M'). The result is
  that line's; with none the change is indeterminate. A negative report approved dabrafenib.
- coverage: a sentence saying what the test can find ('本试剂盒可检测EGFR L858R、T790M、19del等29种突变', 'This
  assay covers ...') is a genes-covered list, not findings. With no methods header above it, a negative kit
  report approved gefitinib.

Words, labels and limits are data (``context_rules.json`` ``test_names`` and ``coverage_cues``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from review_engine.errors import KnowledgeError
from review_engine.nlp import any_of
from review_engine.nlp.recognizers.scan import literal_words
from review_engine.nlp.status_slots import StatusSlots

_TEST_KEYS = ("after", "before", "result_label", "result_lines")
_COVERAGE_KEYS = ("cues", "sentence_breaks", "own_figure")
# a gloss in brackets says the result again or measures it: '阴性（未检测到突变）', '阳性（丰度 0.5%）'
_GLOSS = re.compile(r"[(（][^()（）]{0,40}[)）]")


class NamedChanges:
    """Reads test names and coverage sentences; ``statuses`` gives the statuses the status rules read a cell as."""

    def __init__(self, test_names: dict[str, Any], coverage: dict[str, Any], slots: StatusSlots,
                 statuses: Callable[[str], set[str]], source: str) -> None:
        missing = [k for k in _TEST_KEYS if k not in test_names] + [k for k in _COVERAGE_KEYS if k not in coverage]
        if missing:
            raise KnowledgeError(source, f"test_names / coverage_cues: missing keys {missing}")
        self._after = any_of(test_names["after"], source)
        self._before = any_of(test_names["before"], source)
        self._label = re.compile(test_names["result_label"], re.IGNORECASE)
        self._result_lines = int(test_names["result_lines"])
        self._cues = literal_words(coverage["cues"])
        self._breaks = re.compile(coverage["sentence_breaks"])
        self._own_figure = re.compile(coverage["own_figure"])
        self._slots = slots
        self._statuses = statuses

    def test_name(self, text: str, change: tuple[int, int], first: int, slot: tuple[int, int]) -> tuple[int, int] | None:
        """The span of the words right after the change (``change``: its span) or right before its first letter
        (``first``, its gene's where that comes first) that name its test, within its status slot; else None."""
        after = self._slots.first_phrase(text, change[1], slot[1])
        if after is not None and self._after.fullmatch(text[slice(*after)].strip()):
            return after
        lead = self._slots.run_before(text, first, slot[0])
        if lead is not None and self._before.fullmatch(text[slice(*lead)].strip().rstrip(":：")):
            return lead
        return None

    def result_line_below(self, text: str, after: int, following: int) -> tuple[str, int, int] | None:
        """The status of the first result line below ``after`` (a label and one status the rules read, a
        bracketed gloss aside), within ``result_lines`` lines and before ``following`` (the next change or gene),
        with the span of its value; else None."""
        pos = text.find("\n", after)
        for _ in range(self._result_lines):
            if pos < 0 or pos + 1 >= following:
                return None
            end = text.find("\n", pos + 1)
            end = len(text) if end < 0 else end
            label = self._label.match(text, pos + 1, end)
            if label:
                value = text[label.end():end].strip().rstrip("。.;；")
                said = _GLOSS.sub("", value).strip()
                statuses = self._statuses(said) if said else set()
                if len(statuses) != 1:
                    return None
                start = label.end() + text[label.end():end].find(value)
                return statuses.pop(), start, start + len(value)
            pos = end
        return None

    def coverage_cue(self, text: str, line: tuple[int, int], change: tuple[int, int], measured: bool = False,
                     within_words: Callable[[int, int], bool] | None = None) -> str | None:
        """A cue in the change's sentence (on its ``line``, between sentence breaks) that says what the test can
        find; ``change``: from its first letter (its gene's where that comes first) to its end. Else None. A
        ``measured`` change (its own allele frequency follows it) passes over a cue that gives its own figure:
        that is a measurement's limit ('EGFR L858R 15% (LOD 0.1%)'), not what the test covers. A cue inside
        status words (``within_words``: whether a span lies inside them) is a result's, not the test's: 'KRAS G12C 15%, NRAS Q61K below the
        limit of detection' lost G12C as coverage."""
        starts = [m.end() for m in self._breaks.finditer(text, line[0], change[0])]
        after = self._breaks.search(text, change[1], line[1])
        for cue in self._cues.finditer(text, starts[-1] if starts else line[0], after.start() if after else line[1]):
            if within_words is not None and within_words(cue.start(), cue.end()):
                continue
            if not (measured and self._own_figure.match(text, cue.end())):
                return cue.group(0)
        return None

