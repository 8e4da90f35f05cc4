"""A PDF's pages as read (``reader.PageRead``: visual lines and tables) -> the text of the
``Source``: one line per paragraph or table row, where each page starts, and where each
character was drawn (``GlyphRun``).  The views of an OCR'd page (turned, two-up halves) are
pages of their own here and go back to the PDF's pages at the end (``views_to_pages``)."""
from __future__ import annotations

from dataclasses import replace

from policyparse.ingest.pdf import layout as lay
from policyparse.ingest.pdf.tables import Table, merge_split_tables, rows_to_lines, rows_to_runs
from policyparse.ingest.source import GlyphRun


def pages_to_text(pages: list) -> tuple[str, tuple[int, ...], list[GlyphRun]]:
    """Paragraphs and table rows of all pages, one per line, each page's start offset, and
    where the text was drawn (``GlyphRun`` s in text order)."""
    frames = lay.document_frames([list(p.lines) for p in pages], [p.width for p in pages])
    builder = TextBuilder(len(pages))
    for item in merge_split_tables(page_items(pages)):
        if isinstance(item, Table):
            builder.add_rows(rows_to_lines(item), item.page, rows_to_runs(item))
        else:
            builder.add_line(item, frames[item.page])
    return builder.finish()


def page_items(pages: list) -> list[lay.Line | Table]:
    """Lines and tables of every page in reading order (top to bottom)."""
    items: list[lay.Line | Table] = []
    for p in pages:
        items.extend(sorted([*p.lines, *p.tables], key=lambda it: it.top))
    return items


class TextBuilder:
    """Accumulates paragraphs, recording the offset where each page's text starts."""

    def __init__(self, n_pages: int):
        self.done: list[str] = []
        self.size = 0  # length of the finished paragraphs, newlines included
        self.current = ""
        self.last: lay.Line | None = None
        self.starts: list[int | None] = [None] * n_pages
        self.runs: list[GlyphRun] = []

    def add_line(self, line: lay.Line, frame: lay.Frame) -> None:
        if self.last is not None and (lay.open_cell_row(self.current, line.text) or lay.continues(self.last, line, frame)):
            joined = lay.join_lines_of(self.last, self.current, line.text)
            self._mark(line.page, self.size + len(joined) - len(line.text))
            self.current = joined
        else:
            self._close()
            self._mark(line.page, self.size)
            self.current = line.text
        self.runs.append(GlyphRun(self.size + len(self.current) - len(line.text), line.text, line.page, line.chars))
        self.last = line

    def add_rows(self, rows: list[tuple[str, int]], page: int, runs: list | None = None) -> None:
        self._close()
        for k, (text, row_page) in enumerate(rows):
            self._mark(row_page, self.size)
            for offset, part, part_page, glyphs in (runs[k] if runs else ()):
                self.runs.append(GlyphRun(self.size + offset, part, part_page, glyphs))
            self.current = text
            self._close()
        self.last = None

    def _mark(self, page: int, offset: int) -> None:
        if self.starts[page] is None:
            self.starts[page] = offset

    def _close(self) -> None:
        if self.current:
            self.done.append(self.current)
            self.size += len(self.current) + 1
            self.current = ""

    def finish(self) -> tuple[str, tuple[int, ...], list[GlyphRun]]:
        self._close()
        text = "\n".join(self.done)
        starts: list[int] = []
        following = len(text)
        for start in reversed(self.starts):  # a page without text starts where the next one does
            following = min(following, start) if start is not None else following
            starts.append(following)
        return text, tuple(reversed(starts)), self.runs


def views_to_pages(views: list, starts: tuple[int, ...], runs: list[GlyphRun]) -> tuple[tuple[int, ...], list[GlyphRun]]:
    """Page starts and glyph runs of the views read (turned pages, the halves of two-up sheets)
    as those of the PDF's pages: a page starts where its first view does, and each glyph box
    goes back into its page's own space (``ocr_views.View.to_page``)."""
    page_starts = tuple(start for view, start in zip(views, starts) if view.view is None or view.view.half < 2)
    out = []
    for run in runs:
        view = views[run.page].view
        if view is None:
            out.append(replace(run, page=views[run.page].number - 1))
            continue
        glyphs = tuple(ch._replace(**dict(zip(("x0", "x1", "top", "bottom"), view.to_page(ch.x0, ch.x1, ch.top, ch.bottom))))
                       for ch in run.glyphs)
        out.append(replace(run, page=view.page, glyphs=glyphs))
    return page_starts, out
