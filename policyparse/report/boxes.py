"""Text offsets -> boxes on the PDF page: the rectangles a span of the output text was drawn in.

``Source.layout`` (the PDF reader's ``GlyphLayout``) says, run by run, which glyph drew each
character other than a space; a span's glyphs are grouped into one rectangle per visual line.
Coordinates are PDF points from the top-left of the page's media box."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from policyparse.ingest.source import GlyphLayout

SAME_LINE = 0.5  # of a glyph's height: glyphs whose tops differ less sit on one line


@dataclass(frozen=True)
class Rect:
    page: int  # 0-based
    x0: float
    top: float
    x1: float
    bottom: float


class BoxIndex:
    """Look up the rectangles of text spans in one document's layout."""

    def __init__(self, layout: GlyphLayout):
        self.layout = layout
        self.runs = layout.runs
        self.starts = [r.start for r in self.runs]
        self.ends: list[int] = []
        longest = 0
        for run in self.runs:  # runs are in text order; a run's end is the furthest so far
            longest = max(longest, run.start + len(run.text))
            self.ends.append(longest)
        # Every glyph in run order (``flat``), where each run's glyphs begin, and the visual lines
        # of the whole sequence with their rectangles: whether a glyph continues the line of the
        # one before depends on those two only, so a span that is one stretch of ``flat`` has the
        # same lines, cut at its ends (``rects``).
        self.offsets: list[int] = []
        self.flat: list = []
        pages: list[int] = []
        for run in self.runs:
            self.offsets.append(len(self.flat))
            self.flat.extend(run.glyphs)
            pages.extend([run.page] * len(run.glyphs))
        self.pages = pages
        self.line_starts, self.line_rects = _lines(pages, self.flat)
        self.line_starts.append(len(self.flat))

    def glyphs(self, start: int, end: int) -> list[tuple[int, object]]:
        """(page, glyph) of every drawn character of ``text[start:end]``, in text order."""
        out: list[tuple[int, object]] = []
        k = bisect.bisect_left(self.ends, start + 1)
        while k < len(self.runs) and self.runs[k].start < end:
            run = self.runs[k]
            a, b = max(start, run.start) - run.start, min(end, run.start + len(run.text)) - run.start
            if a < b:
                first = a - run.text.count(" ", 0, a)
                count = (b - a) - run.text.count(" ", a, b)
                out.extend((run.page, g) for g in run.glyphs[first:first + count])
            k += 1
        return out

    def rects(self, start: int, end: int) -> list[Rect]:
        """One rectangle per visual line that ``text[start:end]`` was drawn on."""
        flat = self._flat_range(start, end)
        if flat is None:
            return _rects(self.glyphs(start, end))
        a, b = flat
        out: list[Rect] = []
        k = bisect.bisect_right(self.line_starts, a) - 1
        while a < b:
            line_start, line_end = self.line_starts[k], self.line_starts[k + 1]
            stop = min(line_end, b)
            out.append(self.line_rects[k] if a == line_start and stop == line_end
                       else _rect(self.pages[a], self.flat[a:stop]))
            a, k = stop, k + 1
        return out

    def _flat_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The glyphs of ``text[start:end]`` as a range of ``flat`` (what ``glyphs`` gives, when
        that is one stretch of it); None when they are not one stretch."""
        first = last = -1
        k = bisect.bisect_left(self.ends, start + 1)
        while k < len(self.runs) and self.runs[k].start < end:
            run = self.runs[k]
            a, b = max(start, run.start) - run.start, min(end, run.start + len(run.text)) - run.start
            if a < b:
                count = (b - a) - run.text.count(" ", a, b)
                if count:
                    at = self.offsets[k] + a - run.text.count(" ", 0, a)
                    if first < 0:
                        first = at
                    elif at != last:
                        return None
                    last = at + count
            k += 1
        return (first, last) if first >= 0 else (0, 0)


def _lines(pages: list[int], glyphs: list) -> tuple[list[int], list[Rect]]:
    """Glyphs in span order (and their pages) -> where each visual line starts, and its
    rectangle (from its first glyph's left edge).  A glyph continues the line of the one before
    it when both are on one page, their tops differ by less than ``SAME_LINE`` of its height, and
    it does not start left of that one."""
    starts: list[int] = []
    rects: list[Rect] = []
    line = None  # page, x0, top, x1, bottom of the line being gathered
    last_page, last_x0, last_top = -1, 0.0, 0.0
    for i, (page, g) in enumerate(zip(pages, glyphs)):
        x0, top, x1, bottom = g.x0, g.top, g.x1, g.bottom
        height = bottom - top
        if height < 1.0:
            height = 1.0
        if line is not None and page == last_page and abs(top - last_top) < SAME_LINE * height and x0 >= last_x0 - 1.0:
            if top < line[2]:
                line[2] = top
            if x1 > line[3]:
                line[3] = x1
            if bottom > line[4]:
                line[4] = bottom
        else:
            if line is not None:
                rects.append(Rect(*line))
            starts.append(i)
            line = [page, x0, top, x1, bottom]
        last_page, last_x0, last_top = page, x0, top
    if line is not None:
        rects.append(Rect(*line))
    return starts, rects


def _rect(page: int, glyphs: list) -> Rect:
    """The rectangle of the glyphs of one line."""
    return Rect(page, glyphs[0].x0, min(g.top for g in glyphs), max(g.x1 for g in glyphs), max(g.bottom for g in glyphs))


def _rects(glyphs: list[tuple[int, object]]) -> list[Rect]:
    """(page, glyph) in span order -> one rectangle per visual line."""
    return _lines([page for page, _ in glyphs], [g for _, g in glyphs])[1]
