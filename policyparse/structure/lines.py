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
