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
        rects: list[Rect] = []
        current: list | None = None  # page, x0, top, x1, bottom of the line being gathered
        last_x0 = last_top = 0.0
        for page, g in self.glyphs(start, end):
            height = max(g.bottom - g.top, 1.0)
            if current is not None and current[0] == page and abs(g.top - last_top) < SAME_LINE * height \
                    and g.x0 >= last_x0 - 1.0:
                current[2] = min(current[2], g.top)
                current[3] = max(current[3], g.x1)
                current[4] = max(current[4], g.bottom)
            else:
                if current is not None:
                    rects.append(Rect(*current))
                current = [page, g.x0, g.top, g.x1, g.bottom]
            last_x0, last_top = g.x0, g.top
        if current is not None:
            rects.append(Rect(*current))
        return rects
