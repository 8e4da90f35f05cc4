"""PDF layout: characters with boxes -> visual lines -> paragraphs, and page furniture.

Pure geometry, no PDF library: the reader reads ``Char`` s with pypdfium2 and hands them
here (``reader.py`` in this package).  Coordinates are PDF points measured from the top-left of the page (as pdfplumber's
``x0/x1/top/bottom``).  Thresholds are fractions of the font size (an ``em``), never
absolute points, so the same rules serve 3号 GB/T 9704 documents and 小四 Word exports.

Stages: ``chars_to_lines`` (dedupe fake bold; which space glyphs are text) ->
``furniture`` (page numbers, running lines) -> ``document_frames`` (each page's
text block: justified or ragged right, mirrored margins) -> ``continues`` and
``open_cell_row`` (does the next line go on the paragraph: full lines, first-line indents,
heading markers, centred titles, text-table rows), applied by ``reader.TextBuilder``.

Page furniture (page numbers, running headers and footers) is ``furniture.py``.  About 520
lines: glyphs → lines, frames and paragraph rules share the ``Line``/``Frame`` types and the
em-relative thresholds.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from policyparse.grammar.characters import WIDTH_FOLD
from policyparse.grammar.envelope import DOC_TYPE_WORDS, SIGN_DATE, org_names
from policyparse.grammar.markers import CELL_ROW_START, ITEM_START, SERIAL_ROW_START
from policyparse.grammar.unitnames import SEPARATORS, ends_like_unit


class Char(NamedTuple):
    """One glyph as drawn: its text and loose box (advance width x font height)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True)
class Line:
    """One visual line of one page."""

    text: str
    chars: tuple[Char, ...]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int  # 0-based
    space_end: bool = False  # a space glyph ends the line: a wrap at a space (…工作分工 ⎵ / 按照…)


@dataclass(frozen=True)
class Frame:
    """The text block of a page: left/right edge of body lines, body font size and pitch."""

    left: float
    right: float
    size: float
    pitch: float


# A numbering marker that opens a heading or item: 一、 （一） (一) 1. 1． 1、 （1） ① 第一章 第三条 ㈠

# A line ending a sentence or clause, so that a paragraph may end there: 。 ！ ？ ； ： 。” ：）
ENDS_SENTENCE = re.compile(r"[。！？；：!?;:][”’」』）)]?$")

# The last word of a complete document title, after which a centred line starts another one:
# …的通知 / …实施方案 (unless the next line goes on with （2021-2025年） or 的通知)
TITLE_DONE = re.compile(rf"(?:{DOC_TYPE_WORDS})(?:[（(][^（()）]*\d+号[）)])?$")  # …的通知（粤府〔2021〕22号）
MAX_CELL_ROW = 3000  # characters
# A centred line that is a metadata field, not part of a title: 时间：2023-02-21 / 来源：市政府
FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")
# A centred line ending in a number or a 文号 is not a title part: 2023-09-04 / 洋政發〔2024〕8號
TITLE_NUMBER_END = re.compile(r"(?:[0-9]|[〔\[［(（]\d{4}[〕\]］)）]\d+[号號])$")
# A short centred line that a diamond-shaped title goes on from: 国务院办公厅关于 / …的
TITLE_JOINER = re.compile(r"(?:关于|的|和|与|及|暨|、|《|（|印发|转发)$")
TITLE_GOES_ON = re.compile(r"^[（(〔的之和及与暨年月日号届期版]")
TOC_HEADING = re.compile(r"^\s*目\s*录\s*$")  # 目 录
NUMBERED_HEADING = re.compile(rf"^\s*(?:\d{{1,2}}[ \t]+[\u4e00-\u9fff]|{ITEM_START.pattern})")  # 1 总则  一、总则


# A running header/footer is compared with its digits masked: 第3页 ~ 第4页

# Closing punctuation a line may not start with (kinsoku), and opening ones a line may not end with.
NO_START = frozenset("，。、；：？！）》」』”’】〕〉…—·%‰,.;:?!)]}")
NO_END = frozenset("（《「『“‘【〔〈([{")
SPACES = frozenset(" \t\r\n\u3000\u00a0\u2002\u2003\u200b")

FAKE_BOLD_TOL = 0.3  # em: the same glyph drawn again within this distance is a duplicate
LATIN_GAP = 0.25  # em: gap between two Latin/digit glyphs that reads as a space
COLUMN_GAP = 2.5  # em: gap between any two glyphs that reads as a column separator
WORD_GAP = 0.4  # em: gap between two CJK glyphs where a space glyph stood (its advance, 0.5 em in most fonts)
RIGHT_SET_MIN = 8  # em from the left margin: a right-aligned signature or date line starts there or further
RIGHT_SET_TOL = 5  # em from the right margin: it ends there or closer (GB/T sets the date 4 em in)
CELL_SHORT = 1.5  # em: a line of a table cell this far from its right edge ends a paragraph
RAGGED = 1.5  # em: lines of ragged-right text end this close to the margin (a character or a Latin word)
FULL_TOL = 0.8  # em: a line ending this close to the right edge is full (text goes on)
HEADING_ROOM = 4  # em short of the right margin: a line ending there is no wrapped paragraph line
HEADING_MAX_CHARS = 30
TITLE_BLANK_PITCH = 2.4  # em of a large title line: two of its lines further apart have a blank line between
MIN_WIDTH = 15  # em: a text frame narrower than this has no full lines to go by


def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, full-width forms and CJK punctuation (no spaces around them)."""
    return ord(ch) >= 0x2000


# --- chars -> lines ---------------------------------------------------------------------


def chars_to_lines(chars: list[Char], page: int) -> list[Line]:
    """Group glyphs into visual lines top to bottom, each read left to right."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (c.top + c.bottom) / 2):
        mid = (ch.top + ch.bottom) / 2
        if rows and abs(mid - _row_mid(rows[-1])) < 0.5 * min(ch.size, rows[-1][0].size):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    lines = (_make_line(sorted(row, key=lambda c: c.x0), page) for row in rows)
    return [line for line in lines if line is not None]


def _row_mid(row: list[Char]) -> float:
    return (row[0].top + row[0].bottom) / 2


def _make_line(row: list[Char], page: int) -> Line | None:
    kept = dedupe_chars(row)
    glyphs = [c for c in kept if c.text not in SPACES]
    if not glyphs:
        return None
    text = chars_to_text(kept)
    sizes = sorted(c.size for c in glyphs)
    space_end = kept[-1].text in SPACES and not _spaced_out(kept)
    return Line(text, tuple(glyphs), glyphs[0].x0, max(c.x1 for c in glyphs),
                min(c.top for c in glyphs), max(c.bottom for c in glyphs), sizes[len(sizes) // 2], page, space_end)


def dedupe_chars(row: list[Char]) -> list[Char]:
    """Drop a glyph printed again on top of itself (fake bold by overprinting)."""
    kept: list[Char] = []
    last = None
    for ch in row:  # sorted by x0, so a copy comes right after its original
        if last is not None and last.text == ch.text and abs(last.x0 - ch.x0) < FAKE_BOLD_TOL * ch.size \
                and abs(last.top - ch.top) < FAKE_BOLD_TOL * ch.size:
            continue
        kept.append(ch)
        last = ch
    return kept


def chars_to_text(row: list[Char]) -> str:
    """Text of one line of glyphs sorted by x: spaces between Latin words or wide columns, and
    space glyphs that are text (``_kept_space``) in a line that does not space out its CJK
    characters; CJK-Latin auto-spacing (``2023 年``) is not text."""
    out: list[str] = []
    prev: Char | None = None
    spaced = False
    keep_spaces = not _spaced_out(row)
    keep_gaps = None  # decided on the first word gap: most lines have none
    for i, ch in enumerate(row):
        if ch.text in SPACES:
            spaced = True
            continue
        # a space glyph that pdfium cannot tell from one it made up (Chromium's, LibreOffice's): its advance,
        # kept by _kept_space (between CJK, or before a marker)
        if not spaced and prev is not None and ch.x0 - prev.x1 > 0 and _word_gap(prev, ch) and (
                is_wide(prev.text[-1]) or is_wide(ch.text[0])):
            if keep_gaps is None:
                keep_gaps = keep_spaces and not _gapped_out(row)
            spaced = keep_gaps
        if prev is not None and (_space_between(prev, ch, spaced) or (spaced and keep_spaces and _kept_space(prev, row, i))):
            out.append(" ")
        out.append(ch.text)
        prev, spaced = ch, False
    return "".join(out)


def _spaced_out(row: list[Char]) -> bool:
    """Most neighbouring CJK characters have a space glyph between them (a spaced-out layout)."""
    pairs = spaced = 0
    for a, b, c in zip(row, row[1:], row[2:]):
        if is_wide(a.text[-1]) and is_wide(b.text[0]):
            pairs += 1
        elif is_wide(a.text[-1]) and b.text in SPACES and is_wide(c.text[0]):
            pairs += 1
            spaced += 1
    return spaced > pairs / 2


def _cjk_pair(a: Char, b: Char) -> bool:
    return is_wide(a.text[-1]) and is_wide(b.text[0])


def _word_gap(a: Char, b: Char) -> bool:
    """A space's advance between two CJK glyphs; the em from the glyph's own width (pdfium's size
    may be in another unit: 18.66 for a 14 pt glyph)."""
    em = min(b.size, b.x1 - b.x0) if b.x1 > b.x0 else b.size
    return b.x0 - a.x1 >= WORD_GAP * em


def _gapped_out(row: list[Char]) -> bool:
    """Most neighbouring CJK characters stand a word gap apart (a line spread out to its width); a few gaps
    among many pairs are words (a table header 序号 类别 主要任务 …)."""
    glyphs = [c for c in row if c.text not in SPACES]
    pairs = [(a, b) for a, b in zip(glyphs, glyphs[1:]) if _cjk_pair(a, b)]
    wide = sum(_word_gap(a, b) for a, b in pairs)
    return wide > max(1, len(pairs) // 2)


def _kept_space(prev: Char, row: list[Char], i: int) -> bool:
    """A space glyph that is text in a line that does not space out its characters: between two
    CJK characters (济宁市人民政府 关于…, 序号 重点工作 工作举措), or before a numbering marker."""
    if is_wide(prev.text[-1]) and is_wide(row[i].text[0]):
        return True
    ahead = "".join(ch.text for ch in row[i:i + 8] if ch.text not in SPACES)
    return bool(starts_item(ahead))


def _space_between(a: Char, b: Char, spaced: bool) -> bool:
    gap = b.x0 - a.x1
    em = max(a.size, b.size)
    if gap >= COLUMN_GAP * em:
        return True
    if is_wide(a.text[-1]) or is_wide(b.text[0]):
        return False  # 中 文, 2021 年: CJK spacing and CJK-Latin auto-spacing are not text
    return spaced or gap > LATIN_GAP * em


def text_of_chars(chars: list[Char], box: tuple[float, float] | None = None) -> str:
    """The text of ``text_and_glyphs`` alone."""
    return text_and_glyphs(chars, box)[0]


def text_and_glyphs(chars: list[Char], box: tuple[float, float] | None = None) -> tuple[str, tuple[Char, ...]]:
    """Text of a free group of glyphs (a table cell): lines joined as a paragraph.  Given the
    cell's left and right border (``box``), a line that ends more than CELL_SHORT em before the
    text's right edge (as far from the right border as the text is from the left one) ends a
    paragraph of the cell (one unit per line: 县水务局 / 县住建局), kept as a space, when it ends
    a unit (``_ends_unit``).  With the text, the glyphs its characters other than spaces were
    drawn as, in order (the report's boxes)."""
    lines = chars_to_lines(chars, 0)
    text_right = -math.inf  # no borders known: one paragraph
    if box is not None and lines:
        text_right = box[1] - max(0.0, min(ln.x0 for ln in lines) - box[0])
    out = ""
    ends = [ch for ch in chars if ch.text in SPACES]  # a space glyph ending a line: the cell wrapped at a space
    for prev, line in zip([None, *lines], lines):
        if prev is not None and _ends_unit(prev.text) and not _name_goes_on(line.text) and (
                prev.x1 < text_right - CELL_SHORT * prev.size or _space_after(prev, ends)):
            out += " "
        out = join_text(out, line.text, sep_before_marker=True)
    return out, tuple(ch for line in lines for ch in line.chars)


# The first part of a cell line that only ends the name the line above began: one or two characters
# before a list mark, a closing bracket or the line's end (县示范区管委 / 会、…, 县农业农村 / 局: a wrap
# that carried the name's last character down with the mark that may not start a line).
NAME_END_PIECE = re.compile(r"[\u4e00-\u9fff]{1,2}(?=[、,，;；)）]|$)")


def _name_goes_on(text: str) -> bool:
    """Does this cell line open with the end of a name cut on the line above?"""
    m = NAME_END_PIECE.match(text.strip())
    return bool(m) and (len(m[0]) == 1 or not ends_like_unit(m[0]))


def _space_after(line: Line, spaces: list[Char]) -> bool:
    """A space glyph stands right after the line's last glyph (县教体局 ⎵ / 各相关乡镇政府: two units)."""
    return any(abs(ch.x0 - line.x1) < 0.5 and line.top <= (ch.top + ch.bottom) / 2 <= line.bottom for ch in spaces)


def _ends_unit(text: str) -> bool:
    """A cell line that ends a unit name or a list part: 县水务局 / 开发区管委会（自贸办）、.  A line
    cut inside a name (…、商务 / 局、…: the wrap moved a character down with a closing mark) does not."""
    folded = text.translate(WIDTH_FOLD).rstrip()
    return folded.endswith(tuple(SEPARATORS)) or ends_like_unit(folded)


def squeeze(text: str) -> str:
    return "".join(text.split())


# --- frame --------------------------------------------------------------------------------


def body_size(lines: list[Line]) -> float:
    """The font size carrying most glyphs (the body text, 3号 = 16 pt in GB/T 9704)."""
    weight: Counter[float] = Counter()
    for ln in lines:
        if (key := round(ln.size * 2) / 2) > 0:  # glyphs of size 0 (a damaged PDF) would divide by zero later
            weight[key] += len(ln.chars)
    return weight.most_common(1)[0][0] if weight else 12.0


def text_frame(lines: list[Line], size: float) -> Frame | None:
    """Left/right edge of the body text of some lines (None when there are too few)."""
    body = [ln for ln in lines if abs(ln.size - size) < 0.15 * size]
    if len(body) < 6:
        return None
    starts = sorted(ln.x0 for ln in body)
    left = _aligned(starts, 0.1 * size)
    left = starts[0] if left is None else left
    ends = sorted((ln.x1 for ln in body), reverse=True)
    right = _aligned(ends, 0.1 * size)
    if right is None or not _is_margin(right, ends, size):
        right = _aligned(ends, RAGGED * size, second=True)  # ragged right: lines end near the margin
        if right is None or not _is_margin(right, ends, size):
            right = math.inf  # short lines that happen to align: no line is known to be full
    return Frame(left, right, size, _pitch(body, size))


def _aligned(values: list[float], within: float, second: bool = False) -> float | None:
    """The first of three line edges (in the order given) within ``within`` of each other
    (``second``: the middle one, so that one overhanging line does not set the edge)."""
    return next(((b if second else a) for a, b, c in zip(values, values[1:], values[2:]) if abs(a - c) < within), None)


def _is_margin(right: float, ends: list[float], size: float) -> bool:
    """Hardly any line goes more than an em beyond ``right``."""
    return sum(1 for x in ends if x > right + size) <= max(2, 0.02 * len(ends))


def _pitch(body: list[Line], size: float) -> float:
    steps = sorted(b.top - a.top for a, b in pairwise(body) if 0.8 * size < b.top - a.top < 3 * size)
    return steps[len(steps) // 2] if steps else 1.5 * size


def document_frames(pages: list[list[Line]], widths: list[float] | None = None) -> list[Frame]:
    """Each page's frame: that of all odd / all even pages when both are measured and as wide
    as each other (mirrored margins; a side too short to measure is as wide as the other,
    ``_shifted``), else the whole document's.  Given the page ``widths``, a page with no
    measurable right margin (ragged text, hardly a line wrapped) gets one as far from the page's
    right edge as its text is from the left (``_mirror_margin``)."""
    every = [ln for lines in pages for ln in lines]
    size = body_size(every)
    whole = text_frame(every, size) or _frame_of_extremes(every, size)
    sides = [text_frame([ln for lines in pages[k::2] for ln in lines], size) for k in (0, 1)]
    if len(pages) > 1 and bool(sides[0]) != bool(sides[1]):  # one side too short to measure
        known = 0 if sides[0] else 1
        sides[1 - known] = _shifted(sides[known], [ln for lines in pages[1 - known::2] for ln in lines])
    if sides[0] and sides[1] and abs(_width(sides[0]) - _width(sides[1])) < 0.5 * size:
        frames = [sides[i % 2] or whole for i in range(len(pages))]
    else:
        frames = [whole] * len(pages)
    frames = [f if _width(f) >= MIN_WIDTH * size else Frame(f.left, math.inf, size, f.pitch) for f in frames]
    if widths is not None:
        frames = [_mirror_margin(f, lines, width) for f, lines, width in zip(frames, pages, widths)]
    return frames


def _mirror_margin(frame: Frame, lines: list[Line], width: float) -> Frame:
    """A frame without a right margin gets one mirroring its left margin, unless lines go beyond it."""
    if frame.right != math.inf or width == math.inf:
        return frame
    right = width - frame.left
    if _width(Frame(frame.left, right, frame.size, frame.pitch)) < MIN_WIDTH * frame.size \
            or not _is_margin(right, [ln.x1 for ln in lines], frame.size):
        return frame
    return Frame(frame.left, right, frame.size, frame.pitch)


def _shifted(frame: Frame, lines: list[Line]) -> Frame | None:
    """The frame of pages too short to measure: as wide as ``frame``, from their leftmost body
    line (mirrored margins move the text block, they do not resize it)."""
    body = [ln.x0 for ln in lines if abs(ln.size - frame.size) < 0.15 * frame.size]
    if not body:
        return None
    left = min(body)
    return Frame(left, left + _width(frame), frame.size, frame.pitch)


def _width(frame: Frame) -> float:
    return frame.right - frame.left


def _frame_of_extremes(lines: list[Line], size: float) -> Frame:
    if not lines:
        return Frame(0.0, 0.0, size, 1.5 * size)
    return Frame(min(ln.x0 for ln in lines), max(ln.x1 for ln in lines), size, _pitch(lines, size))


# --- lines -> paragraphs ------------------------------------------------------------------


def continues(prev: Line, line: Line, frame: Frame) -> bool:
    """Does ``line`` continue the paragraph whose last visual line is ``prev``?"""
    em = frame.size
    if abs(line.size - prev.size) > 0.12 * max(line.size, prev.size):
        return False
    if line.page == prev.page and line.top - prev.top > _blank_pitch(prev, line, frame):
        return False  # a blank line between them
    if starts_item(line.text) and (ENDS_SENTENCE.search(prev.text) or not _is_flush(line, frame)
                                   or _heading_alone(line, frame)):
        return False
    if _is_right_aligned(prev, frame) and not _is_right_aligned(line, frame):
        return False  # a signature or date line set to the right ends its paragraph
    if ENDS_SENTENCE.search(prev.text) and (org_names(line.text) or _date_alone(line.text)):
        return False  # …认真贯彻执行。/ 常州市卫生健康委员会 常州市发展和改革委员会 / 二○一二年一月二十九日: set flush left
    if _is_title_line(prev, frame) and _is_title_line(line, frame):
        return _title_goes_on(prev, line, frame)
    if not (_is_flush(line, frame) or _hangs_under(prev, line, frame)):
        return False
    if prev.x1 >= frame.right - FULL_TOL * em:
        return True
    return _wrapped_ragged(prev, line, frame)


def _blank_pitch(prev: Line, line: Line, frame: Frame) -> float:
    """The distance from line to line beyond which a blank line stands between them.  Two lines of a large
    centred title may stand further apart than body lines: proportional spacing counts from the font's
    own line height (LibreOffice's 160 % puts a 20 pt title 2.2 em apart, n476 printed by it)."""
    if line.size > 1.15 * frame.size and _is_title_line(prev, frame) and _is_title_line(line, frame):
        return TITLE_BLANK_PITCH * line.size
    return 1.6 * max(frame.pitch, 1.2 * line.size)


def _date_alone(text: str) -> bool:
    return bool(SIGN_DATE.fullmatch(text.translate(WIDTH_FOLD).strip()))


def _heading_alone(line: Line, frame: Frame) -> bool:
    """A short line that opens with a marker and holds no sentence end: a heading on its own line, even
    after a full line that lost its 。 (…现制定以下实施办法 / 一、总体要求, n401 printed by LibreOffice)."""
    return (line.x1 < frame.right - HEADING_ROOM * frame.size and len(line.text) <= HEADING_MAX_CHARS
            and not re.search(r"[。;；]", line.text))


def open_cell_row(paragraph: str, line: str) -> bool:
    """``2 | 新建成…。`` or ``| 1.婴幼儿…。``: a text table row (``cell | cell |``) printed as
    text, whose closing bar is still to come -- ``line`` goes on with it, unless it starts the
    next row (``3 | …``) or the row has grown past any real row (its bar was lost)."""
    return (bool(CELL_ROW_START.match(paragraph)) and not paragraph.rstrip().endswith("|")
            and not SERIAL_ROW_START.match(line) and len(paragraph) < MAX_CELL_ROW)


def _is_right_aligned(line: Line, frame: Frame) -> bool:
    """A short line set against the right margin, far from the left one (落款, 成文日期)."""
    return (line.x0 - frame.left > RIGHT_SET_MIN * frame.size and line.x1 >= frame.right - RIGHT_SET_TOL * frame.size
            and not _is_title_line(line, frame))


def _is_flush(line: Line, frame: Frame) -> bool:
    return abs(line.x0 - frame.left) < 0.5 * frame.size


def _hangs_under(prev: Line, line: Line, frame: Frame) -> bool:
    """Same non-paragraph indent as the line above (hanging or block indent, e.g. 抄送 lines)."""
    indent = (line.x0 - frame.left) / frame.size
    return abs(line.x0 - prev.x0) < 0.3 * frame.size and not 1.5 <= indent <= 2.5


def _is_title_line(line: Line, frame: Frame) -> bool:
    """Centred line: a large one (2号 title) may fill the width, a body-size one may not."""
    lgap, rgap = line.x0 - frame.left, frame.right - line.x1
    if abs(lgap - rgap) > 1.5 * frame.size or rgap < -0.5 * frame.size:
        return False
    if line.size > 1.15 * frame.size:
        return True
    # a body-size line indented by two characters is a paragraph's first line, not a centred title
    return lgap > 1.0 * frame.size and not 1.5 <= lgap / frame.size <= 2.5


def _title_goes_on(prev: Line, line: Line, frame: Frame) -> bool:
    """Centred lines: one title wrapped, or two titles (or a title and a 来源 line) stacked?"""
    if ENDS_SENTENCE.search(prev.text) or FIELD_LINE.match(line.text):
        return False
    if TOC_HEADING.match(prev.text) or TOC_HEADING.match(line.text) or NUMBERED_HEADING.match(line.text):
        return False  # 宁阳县粮食应急预案 / 目 录 / 1 总则: a contents' heading and its entries stand alone
    if TITLE_GOES_ON.match(line.text) or _unclosed(prev.text):
        return True  # …（2021-2025年）/ …分解(202 + 3年)
    if TITLE_DONE.search(prev.text) or TITLE_NUMBER_END.search(prev.text):
        return False
    if line.text.startswith("《"):
        return True  # …印发2021年省 / 《政府工作报告》重点任务分工方案的通知: broken before a book title
    # a wrapped title narrows line by line (trapezoid); a diamond's short first line ends in 关于/的
    return prev.x1 - prev.x0 >= line.x1 - line.x0 - frame.size or bool(TITLE_JOINER.search(prev.text))


def _unclosed(text: str) -> bool:
    """More opening than closing brackets: the title goes on (…责任分解(202 / 3年))."""
    return sum(text.count(c) for c in "（(《〔【") > sum(text.count(c) for c in "）)》〕】")


def _wrapped_ragged(prev: Line, line: Line, frame: Frame) -> bool:
    """Ragged-right layouts: the next line's first unbreakable run did not fit on ``prev``."""
    if ENDS_SENTENCE.search(prev.text) or not _is_flush(line, frame) or _is_title_line(prev, frame):
        return False
    room = frame.right - prev.x1
    return room < _first_run_width(line) + 0.3 * frame.size


def _first_run_width(line: Line) -> float:
    chars = line.chars
    end = 1
    if chars[0].text.isascii() and chars[0].text.isalnum():
        while end < len(chars) and chars[end].text.isascii() and not chars[end].text.isspace():
            end += 1
    else:
        if chars[0].text in NO_END and len(chars) > 1:
            end = 2
        while end < len(chars) and end < 4 and chars[end].text in NO_START:
            end += 1
    return chars[end - 1].x1 - chars[0].x0


def join_lines_of(prev: Line, before: str, after: str) -> str:
    """A paragraph ``before`` (its last visual line ``prev``) and the next line's text: a space glyph that
    ended ``prev`` between two CJK characters is text (a run-together page printed: …工作分工 按照…)."""
    if prev.space_end and before and after and is_wide(before[-1]) and is_wide(after[0]):
        return before + " " + after
    return join_text(before, after)


def join_text(before: str, after: str, sep_before_marker: bool = False) -> str:
    """Join two pieces of one paragraph: no space between CJK, one between Latin words."""
    if not before:
        return after
    if sep_before_marker and starts_item(after) and ENDS_SENTENCE.search(before):
        return before + " " + after
    if before[-1].isascii() and before[-1].isalnum() and after[:1].isascii() and after[:1].isalpha():
        return before + " " + after
    return before + after


def starts_item(text: str) -> bool:
    """Does a numbering marker (grammar/markers.py) start ``text``?  Matched on its width-folded form."""
    return bool(ITEM_START.match(text.translate(WIDTH_FOLD)))
