"""PDF page furniture: page numbers (— 1 —, 第1页, bare numbers in step with the pages) and
running headers and footers, found across pages and dropped before paragraphs are built."""
from __future__ import annotations

import re
from collections import Counter

from policyparse.ingest.pdf.layout import Line, body_size, squeeze, starts_item

DIGITS = re.compile(r"\d+")  # a running line's numbers vary by page: 第1页 / 第2页
EDGE_ZONE = 2  # lines at the top/bottom of a page checked for furniture
# A bare page number: 7
BARE_NUMBER = re.compile(r"^\d{1,4}$")
# A page number line, whitespace removed: — 1 —  - 1 -  1  ·1·  第1页共7页  共7页第1页  1/7  Page 1 of 7
PAGE_NUMBER = re.compile(
    r"""^(?:[—–\-－_~·•\[【〔(（]*\d{1,4}[—–\-－_~·•\]】〕)）]*   # — 1 —, -1-, 1, (1)
        | 第\d{1,4}页(?:[，,/]?共\d{1,4}页)?                   # 第1页 共7页
        | 共\d{1,4}页[，,/]?第\d{1,4}页                         # 共7页 第1页
        | \d{1,4}/\d{1,4}                                      # 1/7
        | (?i:page)\d{1,4}(?:(?i:of)\d{1,4})?)$                # Page 1 of 7
    """,
    re.VERBOSE,
)


def drop_page_numbers(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page-number lines: decorated ones (— 1 —, 第1页) among the first/last lines of a
    page; bare ones (1) only as the very first/last line and numbered in step with the pages."""
    offset = _bare_number_offset(pages)
    return [[ln for i, ln in enumerate(lines) if not _is_page_number(ln, i, len(lines), offset)]
            for lines in pages]


def _is_page_number(line: Line, i: int, n: int, offset: int | None) -> bool:
    if not (i < EDGE_ZONE or i >= n - EDGE_ZONE):
        return False
    text = squeeze(line.text)
    if BARE_NUMBER.match(text):
        return (i == 0 or i == n - 1) and offset is not None and int(text) - line.page == offset
    return bool(PAGE_NUMBER.match(text))


def _bare_number_offset(pages: list[list[Line]]) -> int | None:
    """The shift between bare page numbers and page indexes, agreed by >= 2 pages (or the only one)."""
    shifts: Counter[int] = Counter()
    for lines in pages:
        ends = {id(ln): ln for ln in (lines[:1] + lines[-1:])}.values()
        shifts.update({int(t) - ln.page for ln in ends if BARE_NUMBER.match(t := squeeze(ln.text))})
    if not shifts:
        return None
    shift, count = shifts.most_common(1)[0]
    return shift if count >= 2 or len(pages) == 1 else None


def running_keys(pages: list[list[Line]]) -> set[tuple[str, int]]:
    """(masked text, rounded top) of edge lines, other than a bare number (``drop_page_numbers``
    decides those), repeated on >= 3 pages and >= 40 % of them, or
    on every page of a shorter document when set smaller than the body text, or on both pages
    of a two-page document when not larger than the body text (a plan that starts page 2 with
    page 1's title sets it larger)."""
    size = body_size([ln for lines in pages for ln in lines])
    seen: Counter[tuple[str, int]] = Counter()
    small: set[tuple[str, int]] = set()
    plain: set[tuple[str, int]] = set()
    observed: set[tuple[str, int]] = set()
    for lines in pages:
        edge = _edge_lines(lines)
        observed.update(_running_key(ln) for ln in edge)
        seen.update({near for ln in edge for near in _near_keys(_running_key(ln))})
        small.update(near for ln in edge if ln.size < 0.9 * size for near in _near_keys(_running_key(ln)))
        plain.update(near for ln in edge if ln.size <= 1.02 * size for near in _near_keys(_running_key(ln)))
    floor = max(3, 0.4 * len(pages))
    return {key for key in observed if key[0] != "#" and (n := seen[key])  # a bare number is a page number or a 序号
            and (n >= floor or (n == len(pages) > 1 and (key in small or (n == 2 and key in plain))))}


def _near_keys(key: tuple[str, int]) -> tuple[tuple[str, int], ...]:
    """A key and those of the same text a height step above and below: a line measured at 37.9 pt
    on one page and 38.0 on the next (an OCR'd line box) falls into two steps of 4 pt."""
    text, step = key
    return (text, step - 1), key, (text, step + 1)


def drop_running(lines: list[Line], keys: set[tuple[str, int]]) -> list[Line]:
    """Drop running headers/footers (see ``running_keys``) from the edges of one page."""
    if not keys:
        return lines
    edge = {id(ln) for ln in _edge_lines(lines)}
    return [ln for ln in lines if not (id(ln) in edge and _running_key(ln) in keys)]


def _edge_lines(lines: list[Line]) -> list[Line]:
    return lines[:EDGE_ZONE] + lines[max(EDGE_ZONE, len(lines) - EDGE_ZONE):]


def _running_key(line: Line) -> tuple[str, int]:
    """The line's text with its numbers masked (第1页 / 第2页 are one running line), at its height;
    a line that starts with a numbering marker keeps its numbers: ``1. 第1项任务`` and ``2. 第2项任务``
    opening two pages are two items, not one header (an identical marked line still repeats)."""
    text = squeeze(line.text)
    return (text if starts_item(text) else DIGITS.sub("#", text)), round(line.top / 4)
