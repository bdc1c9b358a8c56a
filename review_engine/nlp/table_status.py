"""A variant row's status column, read where no status literal answers for the row.

A result table names its status column in its header row ('Result', 'Status', '检测结果'). A row under it
whose status cell holds a mark rather than a word ('-', 'ND', '+': a hotspot kit's result column) is read as
the mark says; a row with fewer cells than the header, none of them a status the rules read, lost a cell to
OCR or layout, and its change is left indeterminate (a person looks), never the default 'detected'.
The header, marks and limits are data (``table_status`` in ``context_rules.json``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

# a table's outer frame ('| KRAS | G12C |')
# A bracketed mark, glued to a word or not ('突变（-）'), else a run of non-blank characters; a colon, comma or
# semicolon between them separates ('L858R：-', 'L858R突变（-），19外显子缺失突变（-）'). Linear: no nesting.
_MARK_OR_WORD = re.compile(r"[(（][^()（）\s]{1,4}[)）]|[^\s(（:：,，;；、]+|[(（]")
_WORD = re.compile(r"\S+")
# A word that names a change ('p.Val600Glu', 'c.34G>T', 'L858R'): a row holding one gives its status a column of
# its own; a row without ('ALK None detected - - -') writes its status in the change's column.
_NAMES_A_CHANGE = re.compile(r"(?<!\S)(?:[pc]\.\S|[A-Z]\d{1,4}[A-Z*])")
_EDGE_BARS = re.compile(r"^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$")


@dataclass(frozen=True)
class ColumnReading:
    """What the status column said of a row: a status, the words that said it, and why."""

    status: str
    start: int
    end: int
    note: str


@dataclass(frozen=True)
class TierReading:
    """The category a row's tier cell names (``tier_values``: 'UNCERTAIN_SIGNIFICANCE' for Tier III), where."""

    category: str
    start: int
    end: int
    note: str


@dataclass(frozen=True)
class _Column:
    """Where a table's status cell stands: its index among the row's cells, how many cells a row has, and
    how the column was found."""

    index: int
    width: int
    how: str


@dataclass(frozen=True)
class RowChange:
    """Where a row's change stands: its span; its slot, from the change before it on the row (or the line's start)
    to the next change or gene (or the line's end); whether a word is a column's value; where its gene ends; and
    the spans of the words it is read from (its notations: where empty, its span), whose marks are the notation's
    ('EML4 - ALK', not a cell)."""

    start: int
    end: int
    slot_start: int
    slot_end: int
    is_value: Callable[[str], bool]
    own: tuple[tuple[int, int], ...] = ()
    gene_end: int | None = None

    def owns(self, text: str, at: int) -> bool:
        """Whether the word at ``at`` is one the change is read from, or the one word that joins its gene to it
        ('KRAS - p.G12C')."""
        if self.gene_end is not None and self.gene_end <= at < self.start and len(text[self.gene_end:self.start].split()) == 1:
            return True
        return any(a <= at < b for a, b in self.own or ((self.start, self.end),))


# What ``_header_above`` gives for a header row that names no status column.
_NO_STATUS_COLUMN = _Column(-1, 0, "a header row naming no status column")


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
        self.words = frozenset(_key(w) for w in config.get("status_words", ()))
        self.column_names = frozenset(_key(n) for n in config["column_names"])
        self.max_rows = int(config["max_rows"])
        self.lost_status: str = config["lost_cell_status"]
        self.placeholders = frozenset(_key(m) for m in config["placeholder_marks"])
        self.unplaced_status: str = config["unplaced_mark_status"]
        self.naming_words = frozenset(_key(w) for w in config["alteration_naming_words"])
        self.tier_headers = frozenset(_key(h) for h in config.get("tier_headers", ()))
        self.tier_values: dict[str, str] = {
            _key(v): category for category, values in config.get("tier_values", {}).items() for v in values
        }

    def read(
        self,
        text: str,
        line_start: int,
        line_end: int,
        is_status: Callable[[str], bool],
        change: RowChange | None = None,
    ) -> ColumnReading | None:
        """The status the row's column gives (``text[line_start:line_end]`` is the row), else None;
        ``is_status``: whether a cell's words are a status the rules read ('Not detected', 'Negatve');
        ``change``: where the row's change stands, to read the marks around it where no table places them."""
        row = self._cells(text, line_start, line_end)
        if len(row) < 2:
            reading = (self._last_word_mark(text, line_start, line_end, is_status)
                       or self._mark_beside_change(text, line_start, line_end, change, is_status)
                       or self._mark_where_others_say(text, line_start, line_end, is_status))
            if reading is not None:
                return reading
            unplaced = self._unplaced_marks(text, change) or self._marks_elsewhere(text, line_start, line_end, is_status, change)
            # walk up for a header only for a row that has marks to place (most rows have none)
            if unplaced is None or self._header_line_above(text, line_start) == "columns":
                return None  # the header names its columns and none is a status: a dash is an empty cell
            return unplaced
        header = self._header_above(text, line_start)
        if header is _NO_STATUS_COLUMN:
            return None  # the header names the columns and none is a status: negatives fill the change's
        column = header or self._filled_by_rows(text, line_start, line_end, is_status)
        if column is None:
            return self._unplaced_marks(text, change)
        if len(row) < column.width:
            return ColumnReading(
                self.lost_status,
                line_start,
                line_end,
                f"row has {len(row)} cells, {column.how}, and no status the rules read "
                f"-> status={self.lost_status} (its status cell was lost)",
            )
        if len(row) > column.width:
            return None  # cells split or merged otherwise: no column to trust
        cell = row[column.index]
        status = self.marks.get(_key(cell.text))
        if status is None:
            return None
        note = f"status column mark '{cell.text}' ({column.how}) -> status={status}"
        return ColumnReading(status, cell.start, cell.end, note)

    def tier(self, text: str, line_start: int, line_end: int) -> TierReading | None:
        """The category the row's cell under its table's tier column names ('ERBB2  p.V842I  12%  III' under
        'Gene  Variant  VAF  Tier': uncertain significance), else None: no tier header above (the nearest
        header row names none), a row with another number of cells (unless the tier is the last column: the
        row's last cell), or a tier no category is read from."""
        row = self._cells(text, line_start, line_end)
        if len(row) < 2 or not self.tier_values:
            return None
        for cells in self._rows(text, line_start, -1):
            named = [i for i, c in enumerate(cells) if _key(c.text) in self.tier_headers]
            if named:
                index = named[0]
                if len(cells) != len(row):
                    if index != len(cells) - 1:
                        return None
                    index = len(row) - 1  # the tier is the last column: a row short of a cell still ends in it
                cell = row[index]
                category = self.tier_values.get(_key(cell.text))
                if category is None:
                    return None
                note = (f"tier column '{cells[named[0]].text}' (column {named[0] + 1} of {len(cells)}) holds "
                        f"'{cell.text}' -> {category}")
                return TierReading(category, cell.start, cell.end, note)
            if sum(_key(c.text) in self.column_names for c in cells) >= 2:
                return None  # the nearest header row names its columns, and no tier among them
        return None

    def _unplaced_marks(self, text: str, change: RowChange | None) -> ColumnReading | None:
        """The status the marks after a change say where only marks, column values and words naming the
        alteration stand from the change to its slot's end and no table places them ('EGFR L858R (-)', 'EGFR
        p.L858R <0.1% 2000x - -', 'EGFR L858R突变（-）'): a mark no empty cell is written with is read as it; a
        dash, which may be an empty VAF or tier cell, leaves the change ``unplaced_status``. It was read as
        detected, and 'L858R突变（-）' still was: '突变' names the change there, it says no status beside a mark."""
        if change is None or change.slot_end < change.end:
            return None
        start, end, is_value = change.end, change.slot_end, change.is_value
        words = [(m.start(), m.group()) for m in _MARK_OR_WORD.finditer(text[start:end])]
        marks = [(at, word) for at, word in words if _key(word) in self.marks]
        if not marks or not all(_key(word) in self.marks or is_value(word) or _key(word) in self.naming_words
                                for _, word in words):
            return None
        said = {self.marks[_key(word)] for _, word in marks}
        placeholder = next((word for _, word in marks if _key(word) in self.placeholders), None)
        first, last = start + marks[0][0], start + marks[-1][0] + len(marks[-1][1])
        shown = " ".join(word for _, word in marks)
        if placeholder is None and len(said) == 1:
            (status,) = said
            return ColumnReading(status, first, last, f"mark '{shown}' after the change, no other status -> status={status}")
        why = (f"'{placeholder}' may be an empty VAF, depth or tier cell, and no table says which column it stands in"
               if placeholder is not None else "the marks disagree")
        return ColumnReading(self.unplaced_status, first, last,
                             f"mark '{shown}' after the change: {why} -> status={self.unplaced_status} (a person must look)")

    def _marks_elsewhere(
        self, text: str, line_start: int, line_end: int, is_status: Callable[[str], bool], change: RowChange | None
    ) -> ColumnReading | None:
        """A single-spaced row with no status the rules read, whose marks stand before its change or among its
        cells where no rule places them ('- - PIK3CA p.His1047Arg', 'KRAS - - 1523 p.Gly12Cys c.34G>T', 'BRAF
        2000x p.Val600Glu - - c.1799T>A'), in a table whose other rows hold a status: one of the marks is its
        status cell, the others empty cells, and nothing says which. The change is ``unplaced_status`` (a
        person looks); it was read as detected. A lone dash opening the line is a list's bullet, one inside the
        words the change is read from its notation's ('EML4 (exon 6) - ALK (exon 20) fusion'), and one alone
        between the gene and its change joins them ('KRAS - p.G12C'): no marks."""
        if change is None:
            return None
        start, end = change.slot_start, change.slot_end
        found = [(m.start() + start, m.group()) for m in _WORD.finditer(text[start:end])]
        if start == line_start and found and _key(found[0][1]) in self.placeholders \
                and (len(found) < 2 or _key(found[1][1]) not in self.marks):
            found = found[1:]
        words = [w for _, w in found]
        marks = [(at, w) for at, w in found if _key(w) in self.marks and not change.owns(text, at)]
        if not marks or self._holds_status(words, is_status) or not self._others_hold_status(
            text, line_start, line_end, is_status
        ):
            return None
        shown = " ".join(w for _, w in marks)
        return ColumnReading(self.unplaced_status, marks[0][0], marks[-1][0] + len(marks[-1][1]),
                             f"marks '{shown}' on a single-spaced row whose other words hold no status, in a table whose "
                             f"other rows do: no layout says which mark is its status cell -> status={self.unplaced_status} "
                             "(a person must look)")

    def is_status_word(self, words: str) -> bool:
        """Whether ``words`` are one of a kit's words for detected that no rule reads ('检出', 'Mutant')."""
        return _key(words) in self.words

    def _header_line_above(self, text: str, line_start: int) -> str | None:
        """The nearest header row above in the table (up to a blank line) whose cell gaps were closed to single
        spaces: 'status' where one of its words names a status column and another a column ('Gene Variant
        Result VAF'; a lone 'Results' heads a section), 'columns' where two or more name columns and none a
        status ('Gene Variant VAF Tier'), else None. Single-spaced, its words do not say which column a mark
        stands in, only whether one of them is a status. A row of the table (a word with letters and digits: a
        change, a transcript) is no header, whatever column names its words hold ('PIK3CA p.H1047R NM_006218.4
        Mutation detected Tier II' named 'mutation' and 'tier')."""
        for line in self._lines(text, line_start, -1):
            words = _key(line).split()
            if any(_is_code(w) for w in words):
                continue
            named = sum(w in self.column_names for w in words)
            if named and any(w in self.headers for w in words):
                return "status"
            if named >= 2:
                return "columns"
        return None

    def _header_above(self, text: str, line_start: int) -> _Column | None:
        """The status column the nearest header row above names, within the table's rows; where the
        nearest header row names its columns and none is a status column (``Gene  Alteration  Exon  VAF``,
        its negative rows writing 'None detected' or '阴性' in the change's column), ``_NO_STATUS_COLUMN``:
        the other rows' statuses then make no status column of their own."""
        for cells in self._rows(text, line_start, -1):
            named = [i for i, c in enumerate(cells) if _key(c.text) in self.headers]
            if len(named) == 1:
                return _Column(
                    named[0],
                    len(cells),
                    f"column {named[0] + 1} of {len(cells)} named '{cells[named[0]].text}'",
                )
            if sum(_key(c.text) in self.column_names for c in cells) >= 2:
                return _NO_STATUS_COLUMN
        return None

    def _filled_by_rows(
        self, text: str, line_start: int, line_end: int, is_status: Callable[[str], bool]
    ) -> _Column | None:
        """A table with no header: the column where the table's other rows hold a status the rules read or a
        kit's status word ('检出', 'Mutant'; the most rows, the nearer column on a tie)."""
        filled: Counter[tuple[int, int]] = Counter()
        others = [*self._rows(text, line_start, -1), *self._rows(text, line_end, 1)]
        for cells in others:
            filled.update((i, len(cells)) for i, c in enumerate(cells) if self._is_status(c.text, is_status))
        if not filled:
            return self._marked_both_ways([self._cells(text, line_start, line_end), *others])
        (index, width), rows = filled.most_common(1)[0]
        return _Column(
            index, width, f"column {index + 1} of {width}, a status in {rows} other row(s)"
        )

    def _marked_both_ways(self, rows: list[list[_Cell]]) -> _Column | None:
        """A table with no header and no status words: the one column whose marks say both detected and not
        detected in the table's rows ('NRAS  Q61K  +' over 'EGFR  L858R  -': a kit's result column; a '-'
        VAF or depth column holds no '+')."""
        said: dict[tuple[int, int], set[str]] = {}
        for cells in rows:
            for i, c in enumerate(cells):
                if _key(c.text) in self.marks:
                    said.setdefault((i, len(cells)), set()).add(self.marks[_key(c.text)])
        both = [column for column, statuses in said.items() if len(statuses) > 1]
        if len(both) != 1:
            return None
        index, width = both[0]
        return _Column(index, width, f"column {index + 1} of {width}, marked both ways in the table's rows")

    def _last_word_mark(
        self, text: str, line_start: int, line_end: int, is_status: Callable[[str], bool]
    ) -> ColumnReading | None:
        """A row whose cell gaps were closed to single spaces: only its last column can be told. A mark
        there ('KRAS p.G12C c.34G>T 1523 -') is read as it where the header above ends with a status
        column's name, or where another row of the table ends with a status ('... Detected')."""
        words = text[line_start:line_end].split()
        status = self.marks.get(_key(words[-1])) if len(words) >= 3 else None
        if status is None:
            return None
        above = list(self._lines(text, line_start, -1))
        named = any(any(_ends_with(line, h) for h in self.headers) for line in above)
        ended = any(
            self._ends_with_status(line, is_status)
            for line in above + list(self._lines(text, line_end, 1))
        )
        if not (named or ended):
            return None
        start = line_start + text[line_start:line_end].rstrip().rfind(words[-1])
        how = "the header ends with a status column" if named else "another row ends with a status"
        note = f"last column mark '{words[-1]}' of a single-spaced row ({how}) -> status={status}"
        return ColumnReading(status, start, start + len(words[-1]), note)

    def _mark_beside_change(
        self,
        text: str,
        line_start: int,
        line_end: int,
        change: RowChange | None,
        is_status: Callable[[str], bool],
    ) -> ColumnReading | None:
        """A single-spaced row whose status column stands next to the change's cells: a mark right after the
        change ('BRAF p.Val600Glu c.1799T>A - 0%', 'NRAS p.Gln61Lys - - -') or right before it ('KRAS 2 -
        p.Gly12Cys 2000x') is read as it where another row of the table (up to a blank line) holds a status and
        its own row holds no other ('KRAS p.Gly12Cys - 检出' is not read: its status stands further on). It
        was read as detected."""
        if change is None or not line_start <= change.start <= change.end <= line_end:
            return None
        before, after = text[line_start:change.start].split(), text[change.end:line_end].split()
        # (the mark, the row's other words past the gene); before the change, the gene, a value, then the mark:
        # 'KRAS - p.G12C' is a gene and its change, no status cell between
        beside = [(after[0], before[1:] + after[1:], "after")] if after else []
        beside += [(before[-1], before[1:-1] + after, "before")] if len(before) >= 3 else []
        for mark, rest, side in beside:
            status = self.marks.get(_key(mark))
            if status is not None and not self._holds_status(rest, is_status) and self._others_hold_status(
                text, line_start, line_end, is_status
            ):
                start = text.index(mark, change.end) if side == "after" else text.rindex(mark, line_start, change.start)
                note = f"mark '{mark}' right {side} the change on a single-spaced row (another row holds a status) -> status={status}"
                return ColumnReading(status, start, start + len(mark), note)
        return None

    def _mark_where_others_say(
        self, text: str, line_start: int, line_end: int, is_status: Callable[[str], bool]
    ) -> ColumnReading | None:
        """A single-spaced row's one mark where another row of the table (up to a blank line) holds a status at
        the same word, with as many words before and after it (before it only, right after the first word), and
        its own row holds no other: the mark stands in the status column ('EGFR - NM_005228.5 1,523 Exon 21
        p.Leu858Arg' under 'BRAF ND NM_004333.6 1,523 Exon 15 p.Val600Glu'). Not a row's first word, and not
        where no row says a status there: 'EGFR - L858R' alone joins a gene to its change; nor where the row
        that says it names no change ('ALK None detected - - -' writes its status in the change's column).
        It was read as detected."""
        spans = [(m.start() + line_start, m.end() + line_start) for m in _WORD.finditer(text[line_start:line_end])]
        words = [text[a:b] for a, b in spans]
        marks = [(i, w) for i, w in enumerate(words) if _key(w) in self.marks]
        if len(marks) != 1 or marks[0][0] == 0:
            return None
        at, mark = marks[0]
        if self._holds_status(words[:at] + words[at + 1:], is_status):
            return None  # the row says its status elsewhere ('EGFR p.L858R - 检出')
        after = len(words) - at - 1
        others = list(self._lines(text, line_start, -1)) + list(self._lines(text, line_end, 1))
        for line in others:
            row = line.split()
            if not _NAMES_A_CHANGE.search(line):
                continue  # 'ALK None detected - - -': its status stands in the change's column, no status column
            for n in (1, 2, 3):
                # right after the row's first cell (its gene) the words before align, whatever the cells after
                aligned = len(row) == at + n + after or (at == 1 and len(row) > at + n)
                if aligned and self._is_status(" ".join(row[at:at + n]), is_status):
                    status = self.marks[_key(mark)]
                    note = (f"mark '{mark}' at word {at + 1} of a single-spaced row, where another row of the table "
                            f"says '{' '.join(row[at:at + n])}' -> status={status}")
                    return ColumnReading(status, *spans[at], note)
        return None

    def _others_hold_status(self, text: str, line_start: int, line_end: int, is_status: Callable[[str], bool]) -> bool:
        """Whether another row of the table (up to a blank line) holds a status."""
        others = list(self._lines(text, line_start, -1)) + list(self._lines(text, line_end, 1))
        return any(self._holds_status(line.split(), is_status) for line in others)

    def _holds_status(self, words: list[str], is_status: Callable[[str], bool]) -> bool:
        """Whether one to three words in a row are a status the rules read or a kit's status word."""
        windows = (" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1))
        return any(self._is_status(w, is_status) for w in windows)

    def _ends_with_status(self, line: str, is_status: Callable[[str], bool]) -> bool:
        """Whether the line's last one to three words are a status the rules read or a kit's status word."""
        words = line.split()
        tails = [" ".join(words[-n:]) for n in (1, 2, 3) if len(words) > n]
        return any(self._is_status(tail, is_status) for tail in tails)

    def _is_status(self, words: str, is_status: Callable[[str], bool]) -> bool:
        """Whether ``words`` are a status the rules read or a kit's status word."""
        return is_status(words) or self.is_status_word(words)

    def _lines(self, text: str, edge: int, step: int) -> Iterator[str]:
        """The lines above the line starting at ``edge`` (``step`` -1) or below the one ending there (1),
        nearest first, up to a blank line."""
        return (text[start:end] for start, end in self._neighbours(text, edge, step))

    def _rows(self, text: str, edge: int, step: int) -> Iterator[list[_Cell]]:
        """The cells of the table's rows above the line starting at ``edge`` (``step`` -1) or below the line
        ending there (1), nearest first, up to a line that is no row (fewer than two cells)."""
        for start, end in self._neighbours(text, edge, step):
            cells = self._cells(text, start, end)
            if len(cells) < 2:
                return
            yield cells

    def _neighbours(self, text: str, edge: int, step: int) -> Iterator[tuple[int, int]]:
        """(start, end) of the lines next to a line, nearest first: above the line starting at ``edge``
        (``step`` -1) or below the one ending there (1), at most ``max_rows``, up to a blank line."""
        for _ in range(self.max_rows):
            if (step < 0 and edge <= 0) or (step > 0 and edge >= len(text)):
                return
            if step < 0:
                end, start = edge - 1, text.rfind("\n", 0, edge - 1) + 1
            else:
                start = edge + 1
                end = text.find("\n", start)
                end = len(text) if end < 0 else end
            if not text[start:end].strip():
                return
            yield start, end
            edge = start if step < 0 else end

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


def _ends_with(line: str, name: str) -> bool:
    """Whether the line is a header row whose last column is ``name`` (a lone 'Results' heads a section)."""
    key = _key(line)
    return key.endswith(" " + name) and len(key.split()) > len(name.split())


def _is_code(word: str) -> bool:
    """A code of a table row: letters and a digit in one word (p.H1047R, NM_006218.4, c.34G>T, 2000x)."""
    return any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)


def _key(words: str) -> str:
    """A cell's words compared case-blind, spacing and a closing colon ignored ('Result:', 'RESULT')."""
    return " ".join(words.lower().split()).rstrip(":：")
