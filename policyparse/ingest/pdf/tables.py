"""Ruled tables of a PDF page: pdfplumber's cell grid + glyphs -> rows of cell texts.

Pure geometry like ``pdflayout``: cells are filled with the page's glyphs, rows split by a
page break are merged (``merge_split_tables``), and each row becomes one ``cell | cell |``
line of the text (``rows_to_lines``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from policyparse.ingest.pdf.layout import Char, join_text, squeeze, text_and_glyphs

FURNITURE_LINES = 3  # lines that may stand between two parts of a table split by a page break
FURNITURE_CHARS = 30  # … each at most this long (a running header or footer)

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
# Where a cell's text was drawn: (offset in the cell text, that part's text, page, its glyphs)
CellPart = tuple[int, str, int, tuple[Char, ...]]


@dataclass(frozen=True)
class Table:
    """A ruled table on one page: cell texts per row, column left edges, row pages."""

    rows: tuple[tuple[str, ...], ...]
    columns: tuple[float, ...]
    x0: float
    top: float
    x1: float
    bottom: float
    page: int
    row_pages: tuple[int, ...]
    # per row, per cell: the parts of its text and their glyphs (the report's boxes)
    glyphs: tuple[tuple[tuple[CellPart, ...], ...], ...] = field(default=(), compare=False, repr=False)
    unruled: bool = False  # read from a header's column words (``borderless``), not from ruling lines

    def holds(self, ch: Char) -> bool:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


def grid_to_table(grid: list[list[Box | None]], chars: list[Char], page: int) -> Table | None:
    """Cells (pdfplumber's ``Table.rows``, ``None`` where a merged cell covers the slot) -> Table.

    A slot covered by the cell to its left (colspan) is left out; one covered by the cell
    above (rowspan) repeats that cell's text, so every row carries e.g. its 责任单位.
    """
    boxes = [box for row in grid for box in row if box is not None]
    if len(grid) < 2 or len(grid[0]) < 2 or not boxes:
        return None
    drawn = {box: text_and_glyphs([c for c in chars if _inside(c, box)], (box[0], box[2])) for box in boxes}
    texts = {box: text for box, (text, _) in drawn.items()}
    parts = {box: ((0, text, page, glyphs),) if text else () for box, (text, glyphs) in drawn.items()}
    columns = tuple(min(r[j][0] for r in grid if r[j] is not None) if any(r[j] for r in grid) else 0.0
                    for j in range(len(grid[0])))
    rows = [_row_cells(row, columns, boxes, texts) for row in grid]
    row_parts = [_row_cells(row, columns, boxes, parts, ()) for row in grid]
    kept = [(row, cells) for row, cells in zip(rows, row_parts) if any(cell for cell in row)]
    if not kept:
        return None
    return Table(tuple(r for r, _ in kept), columns, min(b[0] for b in boxes), min(b[1] for b in boxes),
                 max(b[2] for b in boxes), max(b[3] for b in boxes), page, (page,) * len(kept),
                 tuple(c for _, c in kept))


def _inside(ch: Char, box: Box) -> bool:
    x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _row_top(row: list[Box | None]) -> float:
    return min(box[1] for box in row if box is not None)


def _row_cells(row: list[Box | None], columns: tuple[float, ...], boxes: list[Box],
               texts: dict, empty=""):
    """The row's cells from ``texts`` (a cell's text, or its glyph parts with ``empty=()``)."""
    top = _row_top(row)
    cells: list = []
    for j, box in enumerate(row):
        if box is not None:
            cells.append(texts[box])
            continue
        cover = next((b for b in boxes if b[0] - 1 <= columns[j] + 1 < b[2] and b[1] - 1 <= top + 1 < b[3]), None)
        if cover is None:
            cells.append(empty)
        elif cover[0] >= columns[j] - 1:  # spans down from a row above
            cells.append(texts[cover])
    return tuple(cells)


def merge_split_tables(items: list) -> list:
    """Join a table that goes on from the bottom of one page to the top of the next.

    Same columns (within 3 pt) -> one table; a repeated header row is dropped; a row cut by
    the page break (its first cell, the 序号, empty on one side) is merged cell by cell.  A few
    short lines between the two parts (a footer or header not recognised as one) do not stop
    the join; they follow the joined table.
    """
    out: list = []
    for item in items:
        k = _table_before(out) if isinstance(item, Table) else None
        prev = out[k] if k is not None else None
        if prev is not None and _same_columns(prev, item) and item.page == prev.row_pages[-1] + 1:
            between = out[k + 1:]  # a table may go on over several pages
            out[k:] = [_merge_tables(prev, item), *between]
        else:
            out.append(item)
    return out


def _table_before(out: list) -> int | None:
    """Index of the last table in ``out`` if at most FURNITURE_LINES short lines follow it."""
    for back in range(1, min(len(out), FURNITURE_LINES + 1) + 1):
        item = out[-back]
        if isinstance(item, Table):
            return len(out) - back
        if len(squeeze(item.text)) > FURNITURE_CHARS:
            return None
    return None


def _same_columns(a: Table, b: Table) -> bool:
    return len(a.columns) == len(b.columns) and all(abs(x - y) < 3 for x, y in zip(a.columns, b.columns))


def _merge_tables(a: Table, b: Table) -> Table:
    rows, pages, glyphs = list(b.rows), list(b.row_pages), list(_glyphs(b))
    seen = {squeeze("".join(row)) for row in a.rows}  # the header repeated (after metadata rows, too)
    if rows and squeeze("".join(rows[0])) in seen:
        rows, pages, glyphs = rows[1:], pages[1:], glyphs[1:]
    head, head_pages, head_glyphs = list(a.rows), list(a.row_pages), list(_glyphs(a))
    if rows and (not rows[0][0] or not head[-1][0]) and len(rows[0]) == len(head[-1]):
        joined = tuple(join_text(x, y, sep_before_marker=True) for x, y in zip(head[-1], rows[0]))
        head_glyphs[-1] = tuple(_joined_parts(px, pz, len(cell) - len(y))
                                for px, pz, cell, y in zip(head_glyphs[-1], glyphs[0], joined, rows[0]))
        head[-1] = joined
        rows, pages, glyphs = rows[1:], pages[1:], glyphs[1:]
    return Table(tuple(head + rows), a.columns, a.x0, a.top, a.x1, b.bottom, a.page, tuple(head_pages + pages),
                 tuple(head_glyphs + glyphs))


def _glyphs(table: Table) -> tuple:
    """The table's glyph parts per row and cell (none known: empty cells)."""
    return table.glyphs or tuple(((),) * len(row) for row in table.rows)


def _joined_parts(first: tuple[CellPart, ...], second: tuple[CellPart, ...], shift: int) -> tuple[CellPart, ...]:
    """The parts of a cell cut by a page break, its second half starting ``shift`` into the text."""
    return (*first, *((offset + shift, text, page, glyphs) for offset, text, page, glyphs in second))


def rows_to_lines(table: Table) -> list[tuple[str, int]]:
    """Each row as ``cell | cell | cell |`` with the page it starts on."""
    out = []
    for row, page in zip(table.rows, table.row_pages):
        cells = list(row)
        while cells and not cells[-1]:  # trailing empty cells: 3 | 实施… |  |  |  ->  3 | 实施… |
            cells.pop()
        out.append((" | ".join(cells) + " |", page))
    return out


def rows_to_runs(table: Table) -> list[list[CellPart]]:
    """Each row of ``rows_to_lines`` as its glyph parts, offsets into the row's line."""
    out = []
    for row, parts in zip(table.rows, _glyphs(table)):
        cells = list(row)
        while cells and not cells[-1]:
            cells.pop()
        runs: list[CellPart] = []
        offset = 0
        for cell, cell_parts in zip(cells, parts):
            runs.extend((offset + at, text, page, glyphs) for at, text, page, glyphs in cell_parts)
            offset += len(cell) + len(" | ")
        out.append(runs)
    return out
