"""A variant row's status column, read where no status literal answers for the row.

A result table names its status column in its header row ('Result', 'Status', '检测结果'). A row under it
whose status cell holds a mark rather than a word ('-', 'ND', '+': a hotspot kit's result column) is read as
the mark says; a row with fewer cells than the header, none of them a status the rules read, lost a cell to
OCR or layout, and its change is left indeterminate (a person looks), never the default 'detected'.
The header, marks and limits are data (``table_status`` in ``context_rules.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# a table's outer frame ('| KRAS | G12C |')
_EDGE_BARS = re.compile(r"^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$")


@dataclass(frozen=True)
class ColumnReading:
    """What the status column said of a row: a status, the words that said it, and why."""

    status: str
    start: int
    end: int
    note: str


@dataclass(frozen=True)
class _Cell:
    start: int
    end: int
    text: str


class TableStatus:
    """The status column of the table a row sits in, from the ``table_status`` rules."""

    def __init__(self, config: dict[str, Any], separator: re.Pattern[str]) -> None:
        self.separator = separator
        self.headers = frozenset(_key(h) for h in config["status_headers"])
        self.marks: dict[str, str] = {
            _key(m): status for status, marks in config["marks"].items() for m in marks
        }
        self.max_rows = int(config["max_rows_to_header"])
        self.lost_status: str = config["lost_cell_status"]

    def read(self, text: str, line_start: int, line_end: int) -> ColumnReading | None:
        """The status the row's column gives (``text[line_start:line_end]`` is the row), else None."""
        row = self._cells(text, line_start, line_end)
        if len(row) < 2:
            return None
        header = self._header_above(text, line_start)
        if header is None:
            return None
        column, width = header
        if len(row) < width:
            return ColumnReading(
                self.lost_status,
                line_start,
                line_end,
                f"row has {len(row)} cells under a header of {width} with a status column "
                f"and no status the rules read -> status={self.lost_status} (a cell was lost)",
            )
        if len(row) > width:
            return None  # cells split or merged otherwise: no column to trust
        cell = row[column]
        status = self.marks.get(_key(cell.text))
        if status is None:
            return None
        return ColumnReading(
            status, cell.start, cell.end, f"status column mark '{cell.text}' -> status={status}"
        )

    def _header_above(self, text: str, line_start: int) -> tuple[int, int] | None:
        """(status column index, cell count) of the nearest header row above, within the table's rows."""
        end = line_start - 1
        for _ in range(self.max_rows):
            if end < 0:
                return None
            start = text.rfind("\n", 0, end) + 1
            cells = self._cells(text, start, end)
            if len(cells) < 2:
                return None  # the table ends at a line that is no row
            keys = [_key(c.text) for c in cells]
            named = [i for i, k in enumerate(keys) if k in self.headers]
            if len(named) == 1:
                return named[0], len(cells)
            end = start - 1
        return None

    def _cells(self, text: str, start: int, end: int) -> list[_Cell]:
        """The non-empty cells of one line (its outer '|' frame dropped)."""
        line = _EDGE_BARS.sub(lambda m: " " * len(m.group()), text[start:end].rstrip())
        bounds, at = [], 0
        for gap in self.separator.finditer(line):
            bounds.append((at, gap.start()))
            at = gap.end()
        bounds.append((at, len(line)))
        cells = []
        for a, b in bounds:
            piece = line[a:b]
            if piece.strip():
                first = start + a + len(piece) - len(piece.lstrip())
                cells.append(_Cell(first, first + len(piece.strip()), piece.strip()))
        return cells


def _key(words: str) -> str:
    """A cell's words compared case-blind, spacing and a closing colon ignored ('Result:', 'RESULT')."""
    return " ".join(words.lower().split()).rstrip(":：")
