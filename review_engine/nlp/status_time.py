"""When a change's status words speak of another result than this report's own, and when its words disagree.

A follow-up report quotes the earlier test next to this one's result: 'EGFR L858R (previously detected in
2024) is no longer detected', 'EGFR T790M: detected in 2023; not detected in this specimen', 'EGFR L858R：
2024年检出，本次未检出'. ConText let the nearest status word win, so the earlier 'detected' was read as this
test's result and approved gefitinib. Here a status word is *dated* when a marker of the past (a HISTORICAL
literal of the rules: 'previously', 'prior', '既往', '曾'; or a date: 'in 2023', '2024年') stands a few
characters from it with no clause break and no other change between; the dated word reports an earlier
result and never decides while a word of this report's result applies. A change that only dated words
speak of has no result of its own here: indeterminate, a person looks. In the clinical information a report
quotes ('临床信息：患者既往EGFR 19del阳性') every status word is dated by the section's header. A change the
report marks as an earlier or outside test's ('既往EGFR L858R阳性', 'EGFR L858R：阳性（外院）', 'detected (outside
hospital)': ``earlier_result.yaml``, the same words that mark a quoted biomarker) has its status words dated too:
'（外院）' gave gefitinib an outside result as this report's.

The words that apply to a change may also disagree with no date to settle them: 'EGFR L858R detected at
0.3%, below the reporting threshold', 'positive in tissue, negative in plasma'. The nearest used to win; a
positive next to a negative is not a result a payer can act on, so the change is indeterminate.

Markers, gap, breaks and the categories that take part are data (``context_rules.json`` ``status_time``,
``earlier_result.yaml``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from review_engine.errors import KnowledgeError
from review_engine.nlp import any_of, load_knowledge

_KEYS = ("marker_categories", "dates_either_side", "dates_before", "max_gap", "clause_breaks", "earlier_result_category",
         "disagreeing_categories", "disagreement_category", "dated_sections")


class _Trigger(Protocol):
    """What is read of a ConText trigger here (``context.Trigger``)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Dated:
    """A status word that reports an earlier result, and the marker that dates it."""

    marker: str
    start: int
    end: int


class StatusTime:
    """Reads which status words of a line are dated, and which categories disagree."""

    def __init__(self, config: dict[str, Any], source: str) -> None:
        missing = [k for k in _KEYS if k not in config]
        if missing:
            raise KnowledgeError(source, f"status_time: missing keys {missing}")
        self.marker_categories = frozenset(config["marker_categories"])
        # 'detected in 2023' / 'in 2023 it was detected'; '2024年检出' but not a date column after '阳性  2024年3月1日'
        self._dates = {side: any_of(config[key], source) if config[key] else None
                       for side, key in (("either", "dates_either_side"), ("before", "dates_before"))}
        self._max_gap = int(config["max_gap"])
        self._breaks = re.compile(config["clause_breaks"])
        self.earlier_result_category: str = config["earlier_result_category"]
        self.disagreeing_categories = frozenset(config["disagreeing_categories"])
        self.disagreement_category: str = config["disagreement_category"]
        self.dated_sections = frozenset(config["dated_sections"])
        # the words after a result that quote it from an earlier or outside test ('阳性（外院）')
        self._marked_after = re.compile(load_knowledge("earlier_result.yaml")["after"], re.IGNORECASE)

    def dated(self, text: str, line: tuple[int, int], status: Sequence[_Trigger], markers: Sequence[_Trigger],
              changes: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Dated]:
        """Status trigger span -> its dating marker, over one line. ``markers``: the line's HISTORICAL triggers;
        ``changes``: the spans of the line's changes with their genes, in text order (a marker past another
        change dates that change's words, not these)."""
        edges = sorted(p for span in changes for p in span)
        out = self._marked(text, status, markers, changes, edges)
        spans = sorted([(m.start, m.end, True) for m in markers]
                       + [(*m.span(), side == "either") for side, dates in self._dates.items()
                          if dates is not None for m in dates.finditer(text, *line)])
        if not spans:
            return out
        starts = [s for s, _, _ in spans]
        for trig in status:
            if (trig.start, trig.end) in out:
                continue
            index = bisect_left(starts, trig.start)
            near = [spans[i] for i in (index - 1, index) if 0 <= i < len(spans)]
            for start, end, either_side in near:
                gap = (end, trig.start) if end <= trig.start else (trig.end, start) if start >= trig.end and either_side else None
                if gap is not None and self._joins(text, gap, edges):
                    out[(trig.start, trig.end)] = Dated(text[start:end], start, end)
                    break
        return out

    def _marked(self, text: str, status: Sequence[_Trigger], markers: Sequence[_Trigger],
                changes: Sequence[tuple[int, int]], edges: Sequence[int]) -> dict[tuple[int, int], Dated]:
        """The status words an earlier-or-outside mark dates: one right after the word ('阳性（外院）'), and every
        word after a change so marked, in the change's clause: a marker just before it ('既往EGFR L858R阳性') or
        a mark right after it ('EGFR L858R（外院）：阳性')."""
        out = {}
        for trig in status:
            if found := self._mark_after(text, trig.end, status):
                out[(trig.start, trig.end)] = found
        for start, end in changes:
            dating = self._mark_after(text, end, status)
            after = end if dating is None else dating.end
            if dating is None:
                marker = max((m for m in markers if m.end <= start and self._joins(text, (m.end, start), edges)),
                             key=lambda m: m.end, default=None)  # the nearest before the change
                if marker is None:
                    continue
                dating = Dated(text[marker.start:marker.end], marker.start, marker.end)
            for trig in status:
                if trig.start >= after and self._joins(text, (after, trig.start), edges):
                    out.setdefault((trig.start, trig.end), dating)
        return out

    def _mark_after(self, text: str, at: int, status: Sequence[_Trigger]) -> Dated | None:
        """The earlier-or-outside mark that starts at ``at``, unless it holds a status word of its own: that
        bracket gives the earlier result beside this one ('阳性（既往外院：阴性）'), and the marker dates its words."""
        found = self._marked_after.match(text, at)
        if found is None or any(found.start() <= t.start < found.end() for t in status):
            return None
        return Dated(found.group().strip(), found.start(), found.end())

    def _joins(self, text: str, gap: tuple[int, int], edges: Sequence[int]) -> bool:
        """Whether a marker and a status word this far apart speak of one result: close, one clause, no change between."""
        if gap[1] - gap[0] > self._max_gap or self._breaks.search(text, *gap):
            return False
        index = bisect_left(edges, gap[0])
        return index == len(edges) or edges[index] >= gap[1]

    def disagreement(self, readings: Sequence[tuple[_Trigger, str, str]],
                     between: Callable[[_Trigger], bool]) -> list[tuple[_Trigger, str]]:
        """The status words that disagree, (trigger, status) sorted by place: of ``readings`` (trigger,
        category, status), those of a disagreeing category with no other change between them and the change
        (``between``); empty when they agree."""
        direct = sorted(((t, status) for t, category, status in readings
                         if category in self.disagreeing_categories and not between(t)), key=lambda r: r[0].start)
        return direct if len({status for _, status in direct}) > 1 else []

