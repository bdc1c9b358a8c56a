"""A report as layout blocks whose text segments carry entity labels.

Content builders (``layouts/``) describe *what* a report says as blocks; ``render.py`` decides
*where* it goes on the page. Because labels ride on the segments, the rendered text and the
character spans of every labelled entity come out of the same pass that draws the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Seg:
    """A run of text; ``label`` names the entity it is (GENE, TNM, ...) or None."""

    text: str
    label: str | None = None


Cell = tuple[Seg, ...]


def cell(*parts: str | Seg) -> Cell:
    """Build a cell from plain strings and labelled segments."""
    return tuple(p if isinstance(p, Seg) else Seg(p) for p in parts if (p.text if isinstance(p, Seg) else p))


def cell_text(c: Cell) -> str:
    return "".join(s.text for s in c)


@dataclass
class Title:
    text: str
    subtitle: str = ""


@dataclass
class Heading:
    text: str


@dataclass
class Fields:
    """Label: value pairs laid out in ``columns`` columns (the report's patient block)."""

    pairs: list[tuple[str, Cell]]
    columns: int = 3


@dataclass
class Table:
    header: list[str]
    rows: list[list[Cell]]
    emphasis: bool = False
    """Key-results tables get a tinted header; the style decides how."""


@dataclass
class Paragraph:
    segs: Cell
    small: bool = False


@dataclass
class Signature:
    parts: list[str]


@dataclass
class PageBreak:
    pass


@dataclass
class Spacer:
    height: float = 6.0


Block = Title | Heading | Fields | Table | Paragraph | Signature | PageBreak | Spacer


@dataclass
class Report:
    """Everything a renderer needs to draw one report."""

    language: str
    org: str
    org_sub: str
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""
    page_label: str = "{i}/{n}"
    seal_text: str = ""
    """Text of the institution's red seal; scans draw it, digital PDFs draw an empty e-seal."""
    seal_label: str = ""
    """The seal's bottom line (which office's seal it is)."""

    def add(self, *blocks: Block) -> Report:
        self.blocks.extend(blocks)
        return self
