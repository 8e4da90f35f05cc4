"""Line view of the folded text (its grammar is in ``grammar.envelope`` and ``grammar.numerals``)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    start: int  # fold offset of the first character
    end: int  # fold offset of the line end (exclusive, before "\n")
    text: str  # fold text of the line

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def content_start(self) -> int:
        return self.start + (len(self.text) - len(self.text.lstrip()))

    @property
    def content_end(self) -> int:
        return self.start + len(self.text.rstrip())


def split_lines(fold: str) -> list[Line]:
    out, pos = [], 0
    for part in fold.split("\n"):
        out.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def prev_nonblank(lines: list[Line], j: int, within: int | None = None, after: int = -1) -> int | None:
    """The last non-blank line before line ``j``; None when there is none among the ``within``
    lines above, or before the first line that starts before offset ``after``.  The callers only
    use a line that near, so that thousands of blank lines cost nothing per call (issue 11)."""
    low = 0 if within is None else max(0, j - within)
    for k in range(j - 1, low - 1, -1):
        if lines[k].start < after:
            return None
        if lines[k].stripped:
            return k
    return None
