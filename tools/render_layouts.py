#!/usr/bin/env python3
"""Render a policy text as a PDF in layouts other than GB/T 9704, for test fixtures.

    python tools/render_layouts.py IN.txt OUT.pdf --layout word|letter

Our own renderer (reportlab only; it shares no code with the GB/T renderer of shared/tools):
one text line is one paragraph; lines of ``cell | cell |`` whose first row starts with 序号 are a
task table, drawn as a ruled grid with wrapped cells and the header repeated on each page.

* ``word``:   A4, 12 pt 宋体 ragged right, first-line indent of two characters, 一、 headings in
              黑体, the first line centred as the title, a signature block (the lines before and
              of a date ``2021年1月20日`` at the end of the notice) right-aligned, page footer
              ``第 N 页 共 M 页``;
* ``letter``: US Letter, 11 pt justified block paragraphs with space between them and no indent,
              the title left-aligned in 15 pt 黑体, page numbers ``- N -`` at the bottom right.

Same input, same bytes (reportlab's invariant mode).  Needs reportlab and the fonts
fonts-wqy-zenhei and fonts-arphic-uming (Debian).
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

FONT_FILES = {"Hei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "Song": "/usr/share/fonts/truetype/arphic/uming.ttc"}
NO_LINE_START = set("，。、；：？！）》」』”’】〕〉…%,.;:?!)]")
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


@dataclass(frozen=True)
class Layout:
    page: tuple[float, float]
    margin: tuple[float, float, float, float]  # left, right, top, bottom
    size: float
    leading: float
    indent: bool
    justify: bool
    gap: float  # space after a paragraph, in lines
    title_size: float
    title_centred: bool
    footer: str  # "total" (第 N 页 共 M 页) or "dash" (- N -)


LAYOUTS = {
    "word": Layout(A4, (25 * mm, 25 * mm, 25 * mm, 25 * mm), 12, 1.5, True, False, 0, 16, True, "total"),
    "letter": Layout(letter, (22 * mm, 22 * mm, 20 * mm, 22 * mm), 11, 1.35, False, True, 0.6, 15, False, "dash"),
}


def register_fonts() -> None:
    for name, path in FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines that fit ``width``; a closing mark never starts a line."""
    lines, line = [], ""
    for ch in text:
        if line and pdfmetrics.stringWidth(line + ch, font, size) > width:
            if ch in NO_LINE_START and len(line) > 1:  # the closing mark takes the character before it along
                lines.append(line[:-1])
                line = line[-1]
            else:
                lines.append(line)
                line = ""
        line += ch
    return [*lines, line] if line or not lines else lines


class Pages:
    """A canvas that knows where the next line goes, and starts pages as needed."""

    def __init__(self, out: Path, layout: Layout, total: int):
        self.c = rl_canvas.Canvas(str(out), pagesize=layout.page, invariant=1)
        self.lay, self.total = layout, total
        self.width = layout.page[0] - layout.margin[0] - layout.margin[1]
        self.y = layout.page[1] - layout.margin[2]
        self.pages = 1

    def room(self, height: float) -> None:
        if self.y - height < self.lay.margin[3]:
            self.end_page()
            self.pages += 1
            self.y = self.lay.page[1] - self.lay.margin[2]

    def end_page(self) -> None:
        """The page footer, then the next page."""
        lay, c = self.lay, self.c
        c.setFont("Song", 9)
        if lay.footer == "total":
            c.drawCentredString(lay.page[0] / 2, lay.margin[3] / 2, f"第 {self.pages} 页 共 {self.total} 页")
        else:
            c.drawRightString(lay.page[0] - lay.margin[1], lay.margin[3] / 2, f"- {self.pages} -")
        c.showPage()

    def line(self, text: str, font: str, size: float, x: float, spread: bool = False) -> None:
        step = size * self.lay.leading
        self.room(step)
        self.y -= step
        self.c.setFont(font, size)
        if spread and len(text) > 1:  # justified: the spare width shared between the characters
            spare = (self.width - (x - self.lay.margin[0]) - pdfmetrics.stringWidth(text, font, size)) / (len(text) - 1)
            self.c.drawString(x, self.y, text, charSpace=max(0.0, spare))
        else:
            self.c.drawString(x, self.y, text)


def render(txt: Path, out: Path, layout_name: str, total: int = 0) -> int:
    """Draw ``txt`` into ``out``; returns the page count (``total`` goes into the footers)."""
    register_fonts()
    lay = LAYOUTS[layout_name]
    pages = Pages(out, lay, total)
    lines = txt.read_text(encoding="utf-8").split("\n")
    signature = signature_lines(lines)
    k = 0
    while k < len(lines):
        text = lines[k].strip()
        if text.startswith("序号") and "|" in text:
            end = k
            while end < len(lines) and lines[end].strip().endswith("|"):
                end += 1
            draw_table(pages, [cells(row) for row in lines[k:end]])
            k = end
            continue
        if text:
            paragraph(pages, text, first=k == 0, right=k in signature)
        k += 1
    pages.end_page()
    pages.c.save()
    return pages.pages


def signature_lines(lines: list[str]) -> set[int]:
    """The first date line of the text and the non-blank line above it (the issuer)."""
    for k, line in enumerate(lines):
        if DATE_LINE.match(line):
            above = next((j for j in range(k - 1, -1, -1) if lines[j].strip()), None)
            return {k} | ({above} if above is not None and len(lines[above].strip()) <= 20 else set())
    return set()


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().rstrip("|").split("|")]


def paragraph(pages: Pages, text: str, first: bool, right: bool) -> None:
    lay, left = pages.lay, pages.lay.margin[0]
    if first:
        for part in wrap(text, "Hei", lay.title_size, pages.width):
            w = pdfmetrics.stringWidth(part, "Hei", lay.title_size)
            pages.line(part, "Hei", lay.title_size, left + (pages.width - w) / 2 if lay.title_centred else left)
        pages.y -= lay.size * lay.leading * 0.5
        return
    if right:
        pages.line(text, "Song", lay.size, left + pages.width - pdfmetrics.stringWidth(text, "Song", lay.size) - 2 * lay.size)
        return
    font = "Hei" if HEADING.match(text) else "Song"
    indent = 2 * lay.size if lay.indent else 0
    parts = wrap(text, font, lay.size, pages.width - indent)
    rest = wrap(text[len(parts[0]):], font, lay.size, pages.width) if len(parts) > 1 else []
    for i, part in enumerate([parts[0], *rest]):
        last = i == len(rest)
        pages.line(part, font, lay.size, left + (indent if i == 0 else 0), spread=lay.justify and not last)
    pages.y -= lay.gap * lay.size * lay.leading


def draw_table(pages: Pages, rows: list[list[str]]) -> None:
    """A ruled grid: 序号 narrow, the other columns by their longest text; header repeated."""
    lay, c = pages.lay, pages.c
    size, pad = lay.size - 1.5, 3.0
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    longest = [max(len(r[j]) for r in rows) for j in range(n)]
    weights = [1.6 if j == 0 else min(max(4.0, longest[j] ** 0.5), 30.0) for j in range(n)]
    widths = [pages.width * w / sum(weights) for w in weights]
    header, body = rows[0], rows[1:]

    def row_height(row: list[str]) -> tuple[float, list[list[str]]]:
        wrapped = [wrap(text, "Song", size, widths[j] - 2 * pad) for j, text in enumerate(row)]
        return max(len(w) for w in wrapped) * size * 1.3 + 2 * pad, wrapped

    def draw_row(row: list[str], head: bool) -> None:
        height, wrapped = row_height(row)
        pages.room(height)
        top, x = pages.y, lay.margin[0]
        for j, lines in enumerate(wrapped):
            c.rect(x, top - height, widths[j], height, stroke=1, fill=0)
            for i, text in enumerate(lines):
                c.setFont("Hei" if head else "Song", size)
                c.drawString(x + pad, top - pad - (i + 1) * size * 1.3 + size * 0.3, text)
            x += widths[j]
        pages.y = top - height

    c.setLineWidth(0.6)
    pages.y -= size * 0.5
    draw_row(header, True)
    for row in body:
        if pages.y - row_height(row)[0] < lay.margin[3]:
            pages.room(pages.lay.page[1])  # a new page, and the header again
            draw_row(header, True)
        draw_row(row, False)
    pages.y -= size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("txt", type=Path)
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--layout", choices=sorted(LAYOUTS), default="word")
    args = ap.parse_args()
    total = render(args.txt, args.pdf, args.layout)  # a first pass counts the pages
    render(args.txt, args.pdf, args.layout, total)


if __name__ == "__main__":
    main()
