"""Tables of contents (目录), which are never outline: the headings come again below.

Two forms: lines with dot leaders and a page number (`一、总体要求……………3`), and a run of bare
heading lines whose own headings start again right after it, in the same order (`1 总则` /
`1.1 编制目的` / … / `1 总则` / `1.1 编制目的` / text).  The second form needs no 目录 line and
no page numbers, so it also finds the contents of web pages that dropped both.
"""
from __future__ import annotations

import re

from policyparse.grammar.markers import DECIMAL, DECIMAL_TOP, ITEM_START
from policyparse.structure.draft import FSpan
from policyparse.structure.lines import Line

# A table-of-contents line: 一、总体要求……………3 (never an item: the heading comes again below)
TOC_LINE = re.compile(r"(?:[.…·。]\s*){4,}\s*\d{1,3}\s*$")
HEADING_MAX = 40  # a contents entry is one short line
MIN_ENTRIES = 3  # and a contents has at least three of them, numbered
LEAD_LINES = 5  # its first entry is among the first lines of a run of headings (after 目录, a title, a date)
TOC_HEADER = re.compile(r"^\s*目\s*录\s*$")


def toc_spans(lines: list[Line]) -> list[FSpan]:
    spans = [(ln.start, ln.end) for ln in lines if TOC_LINE.search(ln.text)]
    return spans + _repeated_heading_runs([ln for ln in lines if ln.stripped])


def _marker(s: str) -> re.Match[str] | None:
    return DECIMAL.match(s) or DECIMAL_TOP.match(s) or ITEM_START.match(s)


def _key(text: str) -> str:
    """A heading without its marker and blanks: `1.1 编制目的` and `编制目的` are one heading."""
    s = text.strip()
    m = _marker(s)
    return re.sub(r"\s+", "", s[m.end():] if m else s)


def _numbered(text: str) -> bool:
    return _marker(text.strip()) is not None


def _heading(ln: Line) -> bool:
    s = ln.stripped
    return len(s) <= HEADING_MAX and not re.search(r"[。;:|]", s.rstrip(":"))


def _repeated_heading_runs(lines: list[Line]) -> list[FSpan]:
    out: list[FSpan] = []
    k = 0
    while k < len(lines):
        if not _heading(lines[k]):
            k += 1
            continue
        j = k
        while j < len(lines) and _heading(lines[j]):
            j += 1
        block = _contents(lines, k, j)
        if block:
            out.append(block)
        k = j
    return out


def _contents(lines: list[Line], a: int, b: int) -> FSpan | None:
    """In the heading run lines[a:b], entries from one of its first lines up to where that line's
    heading and the next one come again (the body starts)."""
    for s in range(a, min(a + LEAD_LINES, b)):
        first = _key(lines[s].text)
        if len(first) < 2:
            continue
        nxt = _key(lines[s + 1].text) if s + 1 < b else ""
        for r in range(s + MIN_ENTRIES, b):
            if _key(lines[r].text) != first:
                continue
            after = _key(lines[r + 1].text) if r + 1 < len(lines) else ""
            if nxt and after.startswith(nxt) and sum(_numbered(ln.text) for ln in lines[s:r]) >= MIN_ENTRIES:
                before = [_key(ln.text) for ln in lines[a:s]]
                while r - 1 > s and _numbered(lines[r - 1].text) and any(
                        k.endswith(_key(lines[r - 1].text)) for k in before if _key(lines[r - 1].text)):
                    r -= 1  # the body's first heading came before the entry matched (`…预案总则` / `1总则`)
                start = lines[s - 1].start if s > a and TOC_HEADER.match(lines[s - 1].text) else lines[s].start
                return (start, lines[r - 1].end)
            break
    return None
