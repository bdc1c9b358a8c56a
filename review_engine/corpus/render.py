"""Lays a ``Report`` out on A4 pages and draws it with reportlab, keeping text and spans.

One pass places every visual line; the same pass records the line's text, so the text written to
``spans.jsonl`` is the text as rendered (lines joined by '\\n', pages by '\\f', cells of a row by
one space) and each labelled segment's character span points into it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from review_engine.corpus.layout import (
    Cell,
    Fields,
    Heading,
    PageBreak,
    Paragraph,
    Report,
    Seg,
    Signature,
    Spacer,
    Table,
    Title,
    cell_text,
)
from review_engine.corpus.style import PageStyle

PAGE_W, PAGE_H = A4
LINE_GAP = 1.55
MIN_TABLE_SIZE = 6.5


@dataclass
class Run:
    x: float
    y: float  # baseline, from the top of the page
    cell: Cell
    size: float
    bold: bool = False
    color: tuple[float, float, float] = (0, 0, 0)


@dataclass
class PageOut:
    runs: list[Run] = field(default_factory=list)
    lines: list[list[Run]] = field(default_factory=list)
    shapes: list[tuple] = field(default_factory=list)


@dataclass
class Span:
    start: int
    end: int
    label: str
    text: str


@dataclass
class Rendered:
    pdf: bytes
    text: str
    spans: list[Span]
    pages: int


class _Layout:
    """Cursor over pages; every block method places lines and shapes at ``self.y``."""

    def __init__(self, report: Report, style: PageStyle) -> None:
        self.report, self.s = report, style
        self.pages: list[PageOut] = []
        self.left, self.right = style.margin, PAGE_W - style.margin
        self.bottom = PAGE_H - style.margin - 28
        self._new_page()

    # -- page furniture ---------------------------------------------------------------
    def _new_page(self) -> None:
        self.pages.append(PageOut())
        self.y = self.s.margin
        self._header()

    def _header(self) -> None:
        s, r = self.s, self.report
        size = s.size + 4
        x = self.left
        if s.logo != "none":
            self.page.shapes.append(("logo", s.logo, x, self.y, 24, s.accent))
            x += 30
        if s.header == "centered":
            x = (PAGE_W - s.text_width(r.org, True, size)) / 2
        if s.header == "band":
            self.page.shapes.append(("rect", self.left - 4, self.y - 4, self.right - self.left + 8, 34, _tint(s.accent, 0.85)))
        self._line([Run(x, self.y + size, (Seg(r.org),), size, True, s.accent)])
        sub_size = s.size - 1.5
        sub_x = x if s.header != "centered" else (PAGE_W - s.text_width(r.org_sub, False, sub_size)) / 2
        self._line([Run(sub_x, self.y + size + sub_size + 4, (Seg(r.org_sub),), sub_size, False, (0.3, 0.3, 0.3))])
        self.y += size + sub_size + 12
        self.page.shapes.append(("hline", self.left, self.right, self.y, 1.2, s.accent))
        self.y += 8

    @property
    def page(self) -> PageOut:
        return self.pages[-1]

    def _line(self, runs: list[Run]) -> None:
        self.page.runs.extend(runs)
        self.page.lines.append(runs)

    def _room(self, height: float) -> None:
        if self.y + height > self.bottom:
            self._new_page()

    # -- blocks -------------------------------------------------------------------------
    def title(self, b: Title) -> None:
        size = self.s.size + 6
        self._room(size * 3)
        w = self.s.text_width(b.text, True, size)
        self.y += size + 4
        self._line([Run((PAGE_W - w) / 2, self.y, (Seg(b.text),), size, True)])
        if b.subtitle:
            sub = self.s.size
            self.y += sub + 5
            w = self.s.text_width(b.subtitle, False, sub)
            self._line([Run((PAGE_W - w) / 2, self.y, (Seg(b.subtitle),), sub, False, (0.3, 0.3, 0.3))])
        self.y += 10

    def heading(self, b: Heading) -> None:
        size = self.s.size + 1.5
        self._room(size * 4)
        self.y += size + 6
        self.page.shapes.append(("rect", self.left, self.y - size, 3, size + 2, self.s.accent))
        self._line([Run(self.left + 7, self.y, (Seg(b.text),), size, True, self.s.accent)])
        self.y += 6

    def fields(self, b: Fields) -> None:
        """Pairs fill a grid of ``columns``; a long pair spans as many columns as it needs."""
        size, cols = self.s.size, b.columns
        col_w = (self.right - self.left) / cols
        rows: list[list[tuple[int, str, Cell]]] = [[]]
        used = 0
        for label, value in b.pairs:
            span = min(cols, int(self.s.text_width(label + cell_text(value)) // (col_w - 8)) + 1)
            if used + span > cols:
                rows.append([])
                used = 0
            rows[-1].append((used, label, value))
            used += span
        for row in rows:
            self._room(size * LINE_GAP)
            self.y += size * LINE_GAP
            self._line([Run(self.left + col * col_w, self.y, (Seg(label),) + value, size) for col, label, value in row])
        self.y += 4

    def table(self, b: Table) -> None:
        widths, size = self._column_widths(b)
        self._room((len(b.rows[:2]) + 1) * size * 2)
        self._table_header(b, widths, size)
        for i, row in enumerate(b.rows):
            if self.y + size * 2 > self.bottom:
                self._new_page()
                self._table_header(b, widths, size)
            self._table_row(row, widths, size, i)
        self.y += 6

    def _column_widths(self, b: Table) -> tuple[list[float], float]:
        avail = self.right - self.left
        size = self.s.size
        while True:
            natural = [max([self.s.text_width(h, True, size)] + [self.s.text_width(cell_text(r[i]), False, size) for r in b.rows]) + 10
                       for i, h in enumerate(b.header)]
            if sum(natural) <= avail or size <= MIN_TABLE_SIZE:
                break
            size -= 0.5
        extra = max(0.0, avail - sum(natural)) / len(natural)
        return [w + extra for w in natural], size

    def _table_header(self, b: Table, widths: list[float], size: float) -> None:
        h = size * 2
        fill = _tint(self.s.accent, 0.8 if b.emphasis else 0.9)
        self.page.shapes.append(("rect", self.left, self.y, sum(widths), h, fill))
        self._row_lines(widths, h)
        runs, x = [], self.left
        for w, text in zip(widths, b.header):
            runs.append(Run(x + 5, self.y + h * 0.68, (Seg(text),), size, True))
            x += w
        self._line(runs)
        self.y += h

    def _table_row(self, row: list[Cell], widths: list[float], size: float, index: int) -> None:
        h = size * 2
        if self.s.table == "zebra" and index % 2 == 1:
            self.page.shapes.append(("rect", self.left, self.y, sum(widths), h, (0.95, 0.95, 0.95)))
        self._row_lines(widths, h)
        runs, x = [], self.left
        for w, c in zip(widths, row):
            if c:
                runs.append(Run(x + 5, self.y + h * 0.68, c, size))
            x += w
        self._line(runs)
        self.y += h

    def _row_lines(self, widths: list[float], h: float) -> None:
        total = sum(widths)
        grey = (0.55, 0.55, 0.55)
        self.page.shapes.append(("hline", self.left, self.left + total, self.y + h, 0.5, grey))
        if self.s.table == "grid":
            self.page.shapes.append(("hline", self.left, self.left + total, self.y, 0.5, grey))
            x = self.left
            for w in widths + [0]:
                self.page.shapes.append(("vline", x, self.y, self.y + h, 0.5, grey))
                x += w

    def paragraph(self, b: Paragraph) -> None:
        size = self.s.size - (1 if b.small else 0)
        for line in _wrap(b.segs, self.right - self.left, lambda t: self.s.text_width(t, False, size)):
            self._room(size * LINE_GAP)
            self.y += size * LINE_GAP
            self._line([Run(self.left, self.y, line, size, False, (0.25, 0.25, 0.25) if b.small else (0, 0, 0))])
        self.y += 4

    def signature(self, b: Signature) -> None:
        size = self.s.size
        self._room(size * 4)
        self.y += size * 2.2
        gap = (self.right - self.left) / max(1, len(b.parts))
        self._line([Run(self.left + i * gap, self.y, (Seg(p),), size) for i, p in enumerate(b.parts)])
        self.page.shapes.append(("seal_anchor", self.right - 120, self.y - 60))
        self.y += 8


def _tint(rgb: tuple[float, float, float], amount: float) -> tuple[float, float, float]:
    return tuple(c + (1 - c) * amount for c in rgb)  # type: ignore[return-value]


def _tokens(seg: Seg) -> list[Seg]:
    """Break points: labelled segments stay whole; plain text breaks after spaces and CJK chars."""
    if seg.label:
        return [seg]
    out, buf = [], ""
    for ch in seg.text:
        buf += ch
        if ch == " " or ord(ch) > 0x2E80:
            out.append(Seg(buf))
            buf = ""
    if buf:
        out.append(Seg(buf))
    return out


def _wrap(segs: Cell, width: float, measure: Callable[[str], float]) -> list[Cell]:
    lines: list[list[Seg]] = [[]]
    used = 0.0
    for tok in (t for s in segs for t in _tokens(s)):
        w = measure(tok.text)
        if used + w > width and lines[-1]:
            lines.append([])
            used = 0.0
            if tok.text == " ":
                continue
        lines[-1].append(tok)
        used += w
    return [_merge(tuple(line)) for line in lines if line]


def _merge(segs: Cell) -> Cell:
    """Join adjacent unlabelled tokens back into one segment (and trim a trailing space)."""
    out: list[Seg] = []
    for s in segs:
        if out and s.label is None and out[-1].label is None:
            out[-1] = Seg(out[-1].text + s.text)
        else:
            out.append(s)
    if out and out[-1].label is None:
        out[-1] = Seg(out[-1].text.rstrip())
    return tuple(s for s in out if s.text)


def layout(report: Report, style: PageStyle) -> list[PageOut]:
    lay = _Layout(report, style)
    handlers = {Title: lay.title, Heading: lay.heading, Fields: lay.fields, Table: lay.table,
                Paragraph: lay.paragraph, Signature: lay.signature}
    for block in report.blocks:
        if isinstance(block, PageBreak):
            lay._new_page()
        elif isinstance(block, Spacer):
            lay.y += block.height
        else:
            handlers[type(block)](block)
    _footers(lay, report)
    return lay.pages


def _footers(lay: _Layout, report: Report) -> None:
    n = len(lay.pages)
    size = lay.s.size - 1.5
    for i, page in enumerate(lay.pages, 1):
        y = PAGE_H - lay.s.margin + 4
        page.shapes.append(("hline", lay.left, lay.right, y - size - 6, 0.5, (0.6, 0.6, 0.6)))
        label = report.page_label.format(i=i, n=n)
        runs = [Run(lay.left, y, (Seg(report.footer),), size, False, (0.35, 0.35, 0.35))] if report.footer else []
        runs.append(Run(lay.right - lay.s.text_width(label, False, size), y, (Seg(label),), size, False, (0.35, 0.35, 0.35)))
        page.runs.extend(runs)
        page.lines.append(runs)


def text_and_spans(pages: list[PageOut]) -> tuple[str, list[Span]]:
    """The rendered text in reading order and the span of every labelled segment in it."""
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for p_index, page in enumerate(pages):
        if p_index:
            parts.append("\f")
            pos += 1
        for l_index, line in enumerate(page.lines):
            if l_index:
                parts.append("\n")
                pos += 1
            for r_index, run in enumerate(sorted(line, key=lambda r: r.x)):
                if r_index:
                    parts.append(" ")
                    pos += 1
                for seg in run.cell:
                    if seg.label:
                        spans.append(Span(pos, pos + len(seg.text), seg.label, seg.text))
                    parts.append(seg.text)
                    pos += len(seg.text)
    return "".join(parts), spans


def draw_pdf(pages: list[PageOut], style: PageStyle, title: str, seal: bool) -> bytes:
    """Draw the laid-out pages as a text-layer PDF (deterministic: reportlab invariant mode)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(title)
    for page in pages:
        for shape in page.shapes:
            _draw_shape(c, shape, seal)
        for run in page.runs:
            _draw_run(c, run, style)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_run(c: canvas.Canvas, run: Run, s: PageStyle) -> None:
    t = c.beginText()
    t.setTextOrigin(run.x, PAGE_H - run.y)
    t.setFont(s.bold_font if run.bold else s.font, run.size)
    t.setFillColorRGB(*run.color)
    if run.bold and s.fake_bold:
        t.setTextRenderMode(2)
        c.setStrokeColorRGB(*run.color)
        c.setLineWidth(0.35)
    t.textOut(cell_text(run.cell))
    c.drawText(t)


def _draw_shape(c: canvas.Canvas, shape: tuple, seal: bool) -> None:
    kind = shape[0]
    if kind == "rect":
        _, x, y, w, h, rgb = shape
        c.setFillColorRGB(*rgb)
        c.rect(x, PAGE_H - y - h, w, h, stroke=0, fill=1)
    elif kind == "hline":
        _, x0, x1, y, width, rgb = shape
        c.setStrokeColorRGB(*rgb)
        c.setLineWidth(width)
        c.line(x0, PAGE_H - y, x1, PAGE_H - y)
    elif kind == "vline":
        _, x, y0, y1, width, rgb = shape
        c.setStrokeColorRGB(*rgb)
        c.setLineWidth(width)
        c.line(x, PAGE_H - y0, x, PAGE_H - y1)
    elif kind == "logo":
        _draw_logo(c, *shape[1:])
    elif kind == "seal_anchor" and seal:
        _, x, y = shape
        c.setStrokeColorRGB(0.85, 0.1, 0.1)
        c.setLineWidth(2)
        c.circle(x + 45, PAGE_H - y - 45, 42, stroke=1, fill=0)
        c.circle(x + 45, PAGE_H - y - 45, 38, stroke=1, fill=0)


def _draw_logo(c: canvas.Canvas, kind: str, x: float, y: float, size: float, rgb) -> None:
    c.setFillColorRGB(*rgb)
    if kind == "circle":
        c.circle(x + size / 2, PAGE_H - y - size / 2, size / 2, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.circle(x + size / 2, PAGE_H - y - size / 2, size / 4, stroke=0, fill=1)
    else:
        c.roundRect(x, PAGE_H - y - size, size, size, 4, stroke=0, fill=1)
        c.setStrokeColorRGB(1, 1, 1)
        c.setLineWidth(2)
        c.line(x + 5, PAGE_H - y - size / 2, x + size - 5, PAGE_H - y - size / 2)
        c.line(x + size / 2, PAGE_H - y - 5, x + size / 2, PAGE_H - y - size + 5)


def render(report: Report, style: PageStyle, title: str, seal: bool = False) -> Rendered:
    pages = layout(report, style)
    text, spans = text_and_spans(pages)
    return Rendered(pdf=draw_pdf(pages, style, title, seal), text=text, spans=spans, pages=len(pages))
