"""Where numbering markers stand in the folded text: ``find_markers`` gives the candidates of the
grammar's tables (``grammar.markers``) at positions where an item can begin (a line start, after a
sentence end, a closing bracket, a cell bar or a space); the outliner decides which it accepts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policyparse.grammar.envelope import DOWNLOAD_LINE, RUN_ON_ENDS
from policyparse.grammar.markers import BULLETS, DECIMAL, DECIMAL_TOP, ENCLOSED_BASES, LINE_MARKERS, MARKERS
from policyparse.grammar.numerals import cn_number

# Positions after which an item can start inside a line: 。；！？：| ) ] 】 〕 or a space; not the
# colon of a ratio or a time (床人比不低于1:1.6, 10:30).
BOUNDARY = re.compile(r"[。;!?|)\]】〕”\s]|(?<!\d):")
# Styles that may start right after any character (`二、工作措施(一)降低…`).
# 一、 only from 二、 on: 统一、规范 and 唯一、 are words, not markers.
ANYWHERE = ("cn_paren", "cn_dun")


@dataclass(frozen=True)
class Marker:
    style: str
    rank: int
    num: int
    start: int  # fold offset of the marker
    end: int  # end of the marker text
    body_start: int  # after the marker and following spaces
    line_start: bool
    digits: str | None = None  # decimal numbering: the number as written (1.3.1)


def find_markers(fold: str, start: int, end: int) -> list[Marker]:
    """Candidate markers in fold[start:end] at positions where an item can begin."""
    out: list[Marker] = []
    seen: set[int] = set()
    for pos, line_start in _positions(fold, start, end):
        m = _match_marker(fold, pos, end, line_start)
        if m and m.start not in seen:
            seen.add(m.start)
            out.append(m)
    for style, rank, pat in MARKERS:
        if style in ANYWHERE:
            for mm in pat.finditer(fold, start, end):
                if style == "cn_dun" and mm["n"] == "一":
                    continue
                if mm.start() not in seen and _after_short_heading(fold, start, mm.start()):
                    seen.add(mm.start())
                    out.append(_marker(style, rank, mm, fold, False))
    out.sort(key=lambda m: m.start)
    return _with_decimal_tops([m for m in out if not _download_line(fold, m.start, end)])


def _download_line(fold: str, pos: int, end: int) -> bool:
    """The marker opens a download link's line (17.…政策清单.docx): page furniture, no item."""
    stop = fold.find("\n", pos, end)
    return bool(DOWNLOAD_LINE.search(fold, pos, stop if stop >= 0 else end))


def _with_decimal_tops(found: list[Marker]) -> list[Marker]:
    """A bare `1 总则` heads decimal numbering only where a `1.x` follows it; else it is no marker."""
    if not any(m.style == "decimal_top" for m in found):
        return found
    later: set[str] = set()
    keep = [False] * len(found)
    for k in range(len(found) - 1, -1, -1):
        m = found[k]
        if m.style == "decimal_top":
            keep[k] = str(m.num) in later
        else:
            keep[k] = True
            if m.digits and "." in m.digits:
                later.add(m.digits.partition(".")[0])
    return [m for m, ok in zip(found, keep) if ok]


def _after_short_heading(fold: str, start: int, pos: int) -> bool:
    """`二、工作措施(一)…`: a marker glued to a short heading of its own line or sentence."""
    back = fold[max(start, pos - 16):pos]
    cut = max(back.rfind(c) for c in "\n。;:|、")
    head = back[cut + 1:]
    return cut >= 0 and 2 <= len(head) <= 12 and not re.search(r"[《》,(\d]", head)


def _positions(fold: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = fold.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        content = pos
        while content < line_end and (fold[content] in " \t" or fold[content] in BULLETS):
            content += 1
        yield content, True
        # Linear in the line's length, however long its runs of blanks: a boundary inside a run of
        # spaces already skipped would yield the same position again, and the walk back over a
        # run of blanks stops where the previous walk started (the fuzz campaign's hang, issue 11).
        skipped = known = known_gap = -1
        for bm in BOUNDARY.finditer(fold, content, line_end):
            if bm.start() < skipped:
                continue
            nxt = bm.end()
            while nxt < line_end and fold[nxt] == " ":
                nxt += 1
            skipped = nxt
            if nxt < line_end:
                known_gap = _gap_start(fold, nxt, known, known_gap)
                known = nxt
                yield nxt, _gap_ends_sentence(fold, nxt, known_gap)
        pos = line_end + 1


def _match_marker(fold: str, pos: int, end: int, line_start: bool) -> Marker | None:
    mm = DECIMAL.match(fold, pos, end)
    if mm:
        return _decimal(mm, fold, line_start)
    if line_start and _own_line(fold, pos):
        mm = DECIMAL_TOP.match(fold, pos, end)
        if mm and _heading_rest(fold, mm.end(), end):
            return _marker("decimal_top", 5, mm, fold, True)
    for style, rank, pat in MARKERS + (LINE_MARKERS if line_start else ()):
        mm = pat.match(fold, pos, end)
        if mm:
            if style == "cn_dun" and fold[mm.end() - 1] in ",." and not (line_start or _after_sentence_gap(fold, pos)):
                continue  # 一, 一. only at a line start, or after a sentence and a space (lines run together)
            return _marker(style, rank, mm, fold, line_start)
    return None


def _own_line(fold: str, pos: int) -> bool:
    """Nothing but blanks and bullets before ``pos`` on its line."""
    k = pos
    while k > 0 and fold[k - 1] != "\n":
        if fold[k - 1] not in " \t" and fold[k - 1] not in BULLETS:
            return False
        k -= 1
    return True


def _heading_rest(fold: str, pos: int, end: int) -> bool:
    """The rest of the line is a short heading: `1 总则`, not a table row `1 完成…，…。`."""
    nl = fold.find("\n", pos, end)
    rest = fold[pos:end if nl < 0 else nl].strip()
    return 2 <= len(rest) <= 20 and not re.search(r"[,。;:、|]", rest)


def _decimal(mm: re.Match[str], fold: str, line_start: bool) -> Marker:
    digits = mm["d"]
    body = mm.end()
    while body < len(fold) and fold[body] in " \t":
        body += 1
    rank = 5 + 0.1 * digits.count(".")
    return Marker(f"decimal{digits.count('.') + 1}", rank, int(digits.rpartition(".")[2]), mm.start(), mm.start() +
                  len(digits), body, line_start, digits)


def _after_sentence_gap(fold: str, pos: int) -> bool:
    """``…实施意见。 一,全面推进…``: whitespace, and before it the end of a sentence."""
    return _gap_ends_sentence(fold, pos, _gap_start(fold, pos))


def _gap_start(fold: str, pos: int, known: int = -1, known_start: int = -1) -> int:
    """Where the run of blanks that ends at ``pos`` starts; ``known_start`` is already known to be
    that of the run ending at ``known``, so a walk that reaches ``known`` stops there."""
    k = pos
    while k > 0 and fold[k - 1] in " \t":
        if k == known:
            return known_start
        k -= 1
    return k


def _gap_ends_sentence(fold: str, pos: int, k: int) -> bool:
    return k < pos and k > 0 and fold[k - 1] in RUN_ON_ENDS


def _marker(style: str, rank: int, mm: re.Match[str], fold: str, line_start: bool) -> Marker:
    if mm.groupdict().get("c"):
        code = ord(mm["c"])
        num = code - max(b for b in ENCLOSED_BASES if b <= code) + 1
    else:
        num = cn_number(mm["n"]) or 0
    body = mm.end()
    while body < len(fold) and fold[body] in " \t":
        body += 1
    return Marker(style, rank, num, mm.start(), mm.end(), body, line_start)
