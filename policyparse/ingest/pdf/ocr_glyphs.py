"""OCR'd lines -> glyphs with the boxes a text layer gives (pure geometry, no engine, no image).

A text layer gives each glyph its advance cell and font size (``layout.Char``); the recogniser
gives a line box tight to the ink and where each character sits along it (the centre of its CTC
column).  The layout stage's rules (full lines, indents, right-set signatures, centred titles)
compare line edges in ems, so each OCR'd line is given glyphs as a text layer would draw them:

  size    the line's character pitch (median distance between neighbouring ideographs), or its
          height where it has too few ideographs or is letter-spaced; snapped to the sizes of the
          page's long lines, so that the lines of one font size have one size (``page_sizes``)
  cells   an ideograph is one em centred on its position; what stands between two ideographs
          (punctuation, digits, Latin) shares the room between their cells; what stands before
          the first or after the last one is set next to it at its advance (``line_glyphs``)
  width   a punctuation mark between two ideographs is as wide as the room it has: half an em
          or less is the half-width form (, : ; ( ) ! ?), a full em the full-width one (，：；（）
          ！？, and " as “ or ”); marks that cannot be measured (at a line end, among digits) take
          the form most measured marks of the page have (``page_forms``).  The recogniser's own
          choice of width follows its training, not the print: it reads , as ，
  spaces  room left over of SPACE_GAP em or more is a space glyph, as a text layer draws one
          (意见: 一、… / 济宁市人民政府 关于…)
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from policyparse.ingest.pdf.layout import Char, is_wide

SPACE_GAP = 0.4  # em of room left over between two glyphs that is a space
RUN_GAP = 0.5  # ... next to or inside a run of digits or Latin (their advances vary by font)
NO_SPACE_AFTER = frozenset("(（[［“‘《〈")  # opening marks: a space goes before them
# Full-width opening marks drawn in the right half of their em: one just before a line's first
# ideograph has its cell right before that ideograph's (its recognised position is its ink's).
SET_TIGHT_OPENING = frozenset("（［〔【《〈“‘「『")
HALF_MAX = 0.72  # em: a mark between two ideographs with at most this room is half-width
FULL_MIN = 0.85  # em: ... with at least this room is full-width (between: no vote)
RELIABLE_PAIRS = 3  # neighbouring ideograph pairs a line needs for its pitch to set a page size
SIZE_GROUP = 0.06  # pitches within this fraction of each other are one font size
PITCH_RATIO_TOL = 0.15  # a line whose pitch per height is further from the page's is letter-spaced
HEIGHT_TOL = 0.2  # a line this close in height to the lines of a page size is set in that size
NEIGHBOUR_TOL = 0.3  # ... to the measured line just above or below it: in that line's size
EDGE_SNAP = 0.4  # em: a line end this close to the page's text column is on it
EDGE_LINES = 3  # long lines that make a column edge
EDGE_LINE_GLYPHS = 8  # glyphs of a long line
NEIGHBOUR_LINES = 2.5  # line heights within which that line is looked for
LETTER_SPACED = 1.25  # a pitch this many times the height-based size is letter spacing, not size
# The full- and half-width forms of the punctuation whose width a page measures.
FORMS = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"}
HALF_TO_FULL = {half: full for full, half in FORMS.items()}
BRACKET_HALF_MAX = 0.62  # em: a bracket among digits with more room is full-width (digits vary: 0.5-0.6 em)
BRACKETS = frozenset("〔〕【】[]［］")  # drawn full- or half-width, recognised as either
QUOTES = {'"': ("“", "”")}
VERTICAL_RATIO = 1.5  # rapidocr turns a box this much taller than wide before reading it  # ' stays: an apostrophe as often as a quote


@dataclass(frozen=True)
class OcrLine:
    """One recognised line, deskewed, in points from the page's top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    centres: tuple[float, ...] | None = None  # x of each character of ``text``


def is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def line_pitch(line: OcrLine) -> tuple[float, int]:
    """The distance between neighbouring ideographs (the mean of those within 40 % of their
    median: a position is a CTC column, a fifth of an em or so, and the mean of many steps is
    finer than one), and how many such pairs there are."""
    if not line.centres:
        return 0.0, 0
    steps = sorted(b - a for (ca, a), (cb, b) in zip(zip(line.text, line.centres), zip(line.text[1:], line.centres[1:]))
                   if is_ideograph(ca) and is_ideograph(cb) and b > a)
    if not steps:
        return 0.0, 0
    median = steps[len(steps) // 2]
    kept = [s for s in steps if 0.6 * median <= s <= 1.4 * median]
    return sum(kept) / len(kept), len(steps)


def page_sizes(lines: list[OcrLine]) -> list[float]:
    """The font size (em, points) of each line of a page.

    A line with RELIABLE_PAIRS neighbouring ideographs whose pitch per height is the page's
    (within PITCH_RATIO_TOL) measures a size; these group into the page's sizes (within
    SIZE_GROUP).  Each line takes the size of its group; any other line (few ideographs,
    letter-spaced, digits) the size whose lines are closest to it in height, when within
    HEIGHT_TOL, else its own pitch (or height) measure."""
    measured = [line_pitch(ln) for ln in lines]
    heights = [max(ln.bottom - ln.top, 1e-3) for ln in lines]
    ratios = sorted(p / h for (p, n), h in zip(measured, heights) if n >= RELIABLE_PAIRS)
    ratio = ratios[len(ratios) // 2] if ratios else 1.0  # pitch per height of this page's print
    reliable = [n >= RELIABLE_PAIRS and abs(p / h / ratio - 1) <= PITCH_RATIO_TOL
                for (p, n), h in zip(measured, heights)]
    groups: list[list[int]] = []  # indexes of reliable lines, by pitch
    for i in sorted((i for i, ok in enumerate(reliable) if ok), key=lambda i: measured[i][0]):
        if groups and measured[i][0] <= measured[groups[-1][0]][0] * (1 + SIZE_GROUP):
            groups[-1].append(i)
        else:
            groups.append([i])
    group_of: dict[int, float] = {}
    classes = []  # (size, median height of its lines)
    for g in groups:
        size = median([measured[i][0] for i in g])
        classes.append((size, median([heights[i] for i in g])))
        group_of.update({i: size for i in g})
    sizes: list[float] = []
    for i, ((pitch, pairs), height) in enumerate(zip(measured, heights)):
        neighbour = _neighbour(lines, i, group_of)
        near = min(classes, key=lambda c: abs(math.log(height / c[1])), default=None)
        if i in group_of:
            sizes.append(group_of[i])
        elif neighbour is not None and abs(math.log(height / heights[neighbour])) <= math.log(1 + NEIGHBOUR_TOL):
            sizes.append(group_of[neighbour])
        elif near is not None and abs(math.log(height / near[1])) <= math.log(1 + HEIGHT_TOL):
            sizes.append(near[0])
        else:
            sizes.append(pitch if pairs and pitch < LETTER_SPACED * height * ratio else height * ratio)
    return sizes


def _neighbour(lines: list[OcrLine], i: int, measured: dict[int, float]) -> int | None:
    """The measured line nearest above (else below) line ``i``, within NEIGHBOUR_LINES of its
    height: a paragraph's short last line (构: / 如下:) is set as the line it ends."""
    line = lines[i]
    reach = NEIGHBOUR_LINES * (line.bottom - line.top)
    above = [j for j in measured if 0 < line.top - lines[j].top <= reach]
    below = [j for j in measured if 0 < lines[j].top - line.top <= reach]
    if above:
        return max(above, key=lambda j: lines[j].top)
    return min(below, key=lambda j: lines[j].top) if below else None


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def page_forms(lines: list[OcrLine], sizes: list[float]) -> dict[str, bool]:
    """Per full-width mark of FORMS: is it half-width on this page (True) or full-width (False)?
    Voted by the marks standing alone between two ideographs; a mark without votes takes the
    vote of all marks of the page; none measured: left out (the recogniser's form stays)."""
    votes: dict[str, Counter[bool]] = {}
    for line, em in zip(lines, sizes):
        for mark, room in _lone_marks(line, em):
            if room < HALF_MAX * em or room >= FULL_MIN * em:
                votes.setdefault(mark, Counter())[room < HALF_MAX * em] += 1
    pooled = sum(votes.values(), Counter())
    forms = {mark: count.most_common(1)[0][0] for mark, count in votes.items()}
    if pooled:
        forms = {mark: forms.get(mark, pooled.most_common(1)[0][0]) for mark in FORMS}
    return forms


def _lone_marks(line: OcrLine, em: float):
    """(full-width form, room in points) of each FORMS mark standing alone between two ideographs."""
    if not line.centres:
        return
    text, c = line.text, line.centres
    for i in range(1, len(text) - 1):
        mark = HALF_TO_FULL.get(text[i], text[i])
        if mark in FORMS and is_ideograph(text[i - 1]) and is_ideograph(text[i + 1]):
            yield mark, (c[i + 1] - c[i - 1]) - em


def line_glyphs(line: OcrLine, em: float, forms: dict[str, bool] | None = None) -> list[Char]:
    """The glyphs of one line, with advance cells (see the module's docstring)."""
    forms = forms or {}
    text, c = line.text, line.centres
    anchors = [i for i, ch in enumerate(text) if is_ideograph(ch)] if c else []
    if not anchors:
        return even_split(line, em, forms)
    cells: list[tuple[str, float, float]] = []  # (text, x0, x1), spaces included
    first, last = anchors[0], anchors[-1]
    left = [c[i] - em / 2 for i in anchors]
    right = [c[i] + em / 2 for i in anchors]
    for k in range(len(anchors) - 1):  # neighbouring ideographs closer than an em share the difference
        if anchors[k + 1] == anchors[k] + 1 and right[k] > left[k + 1]:
            right[k] = left[k + 1] = (right[k] + left[k + 1]) / 2
    cells += _packed(text[:first], c[:first], left[0], em, forms, leftwards=True)
    for k, i in enumerate(anchors):
        cells.append((text[i], left[k], right[k]))
        if k + 1 < len(anchors):
            j = anchors[k + 1]
            cells += _between(text[i + 1:j], c[i + 1:j], right[k], left[k + 1], em, forms, text[:i + 1])
    cells += _packed(text[last + 1:], c[last + 1:], right[-1], em, forms, leftwards=False)
    return [Char(t, x0, x1, line.top, line.bottom, em) for t, x0, x1 in cells]


def _form(ch: str, room: float | None, em: float, forms: dict[str, bool], before: str = "") -> str:
    """The printed form of one mark: by the room it has when measured, else by the page's forms."""
    full = HALF_TO_FULL.get(ch, ch)
    if ch in QUOTES:  # curly quotes are one code point whatever their width; the recogniser reads " for them
        opening, closing = QUOTES[ch]
        return closing if before.count(opening) > before.count(closing) else opening
    if full not in FORMS:
        return ch
    if room is not None and (room < HALF_MAX * em or (room >= FULL_MIN * em and not forms.get(full, False))):
        half = room < HALF_MAX * em
    elif full in forms:
        half = forms[full]
    else:
        return ch
    return FORMS[full] if half else full


def _advance(ch: str, em: float) -> float:
    return em if is_wide(ch) else em / 2


def _between(text: str, centres, x0: float, x1: float, em: float, forms,
             before: str = "") -> list[tuple[str, float, float]]:
    """What stands between two ideograph cells (x0..x1): shares the room; a space where the
    recognised positions leave SPACE_GAP em (RUN_GAP inside a run of digits or Latin, whose
    advances are not known) more than the glyphs' advances."""
    room = x1 - x0
    if not text:
        return [(" ", x0, x1)] if room >= SPACE_GAP * em else []
    if len(text) == 1:
        text = _form(text, room, em, forms, before)
        widths = [_advance(text, em)]
    else:
        text, widths = _run_marks(text, centres, x0, x1, em, forms)
    gaps = [centres[0] - widths[0] / 2 - x0]
    gaps += [(b - wb / 2) - (a + wa / 2) for a, b, wa, wb in zip(centres, centres[1:], widths, widths[1:])]
    gaps.append(x1 - (centres[-1] + widths[-1] / 2))
    limits = [SPACE_GAP] + [RUN_GAP] * (len(text) - 1) + [SPACE_GAP]
    if len(text) == 1:  # by the room alone (a mark's ink is off its cell's centre): a half-width mark and a space
        at = (0 if text in NO_SPACE_AFTER else 1) if room - widths[0] >= SPACE_GAP * em else -1
    else:
        at = max(range(len(gaps)), key=lambda k: gaps[k] - limits[k] * em)
        if gaps[at] < limits[at] * em:
            at = -1
    if at < 0:  # no space: the room shared in proportion to the advances
        total = sum(widths)
        scale = room / total if room > 0 else 1.0
        out, x = [], x0
        for ch, w in zip(text, widths):
            out.append((ch, x, x + w * scale))
            x += w * scale
        return out
    head, tail = sum(widths[:at]), sum(widths[at:])
    out, x = [], x0
    for k, (ch, w) in enumerate(zip(text, widths)):
        if k == at:
            x = max(x, x1 - tail)
        out.append((ch, x, x + w))
        x += w
    out.insert(at, (" ", x0 + head, max(x0 + head, x1 - tail)))
    return out


def _run_marks(text: str, centres, x0: float, x1: float, em: float, forms) -> tuple[str, list[float]]:
    """Forms and advances of a run's glyphs: a mark (FORMS, a bracket) as wide as the room its
    neighbours' recognised positions leave it (国发〔2015〕23号: 〔 between 发 and 2)."""
    chars = list(text)
    widths = [_advance(ch, em) for ch in chars]
    for k, ch in enumerate(text):
        if HALF_TO_FULL.get(ch, ch) not in FORMS and ch not in BRACKETS:
            continue
        lo = x0 if k == 0 else centres[k - 1] + widths[k - 1] / 2
        hi = x1 if k == len(text) - 1 else centres[k + 1] - widths[k + 1] / 2
        if ch in BRACKETS:
            widths[k] = em if hi - lo >= BRACKET_HALF_MAX * em else em / 2
        else:
            chars[k] = _form(ch, hi - lo, em, forms)
            widths[k] = _advance(chars[k], em)
    return "".join(chars), widths


def _packed(text: str, centres, edge: float, em: float, forms, leftwards: bool) -> list[tuple[str, float, float]]:
    """What stands before the first ideograph (``leftwards`` from its cell) or after the last one:
    each glyph next to the previous one, as far out as its recognised position says (at least
    half its advance), with a space before it where that position is RUN_GAP em further out."""
    order = range(len(text) - 1, -1, -1) if leftwards else range(len(text))
    sign = -1 if leftwards else 1
    out: list[tuple[str, float, float]] = []
    x = edge
    for k in order:
        ch = _form(text[k], None, em, forms, before=text[:k])
        w = _advance(ch, em)
        if leftwards and k == len(text) - 1 and ch in SET_TIGHT_OPENING:  # its ink sits in its cell's right half
            out.append((ch, x - w, x))
            x -= w
            continue
        inner, outer = centres[k] - sign * w / 2, centres[k] + sign * w / 2
        if sign * (inner - x) >= RUN_GAP * em:
            out.append((" ", min(x, inner), max(x, inner)))
            x = inner
        end = outer if sign * (outer - x) >= w / 2 else x + sign * w / 2
        out.append((ch, min(x, end), max(x, end)))
        x = end
    return out[::-1] if leftwards else out


def snap_edges(lines: list[list[Char]]) -> list[list[Char]]:
    """Line ends within EDGE_SNAP em of the page's text column moved onto it.

    A text layer's full lines end on the right margin to a hair (their last advance cell ends
    there); OCR'd ones within a CTC column or so, and a closing mark's ink stops short of its
    cell.  The column's edges are where most long lines start and end (EDGE_LINES of them at
    least, within EDGE_SNAP em); lines that start or end that near get that edge exactly."""
    sizes = Counter(round(ch.size * 2) / 2 for glyphs in lines for ch in glyphs if ch.text != " ")
    if not sizes:
        return lines
    em = sizes.most_common(1)[0][0]
    long = [[ch for ch in glyphs if ch.text != " "] for glyphs in lines]
    long = [g for g in long if len(g) >= EDGE_LINE_GLYPHS]
    left = _edge([g[0].x0 for g in long], EDGE_SNAP * em)
    right = _edge([g[-1].x1 for g in long], EDGE_SNAP * em)
    out = []
    for glyphs in lines:
        ink = [k for k, ch in enumerate(glyphs) if ch.text != " "]
        if not ink:
            out.append(glyphs)
            continue
        glyphs = list(glyphs)
        first, last = glyphs[ink[0]], glyphs[ink[-1]]
        if left is not None and abs(first.x0 - left) <= EDGE_SNAP * em and left < first.x1:
            glyphs[ink[0]] = first._replace(x0=left)
        if right is not None and abs(last.x1 - right) <= EDGE_SNAP * em and right > glyphs[ink[-1]].x0:
            glyphs[ink[-1]] = glyphs[ink[-1]]._replace(x1=right)
        out.append(glyphs)
    return out


def _edge(values: list[float], within: float) -> float | None:
    """The median of the largest group of values within ``within`` of one of them (None when
    fewer than EDGE_LINES)."""
    best: list[float] = []
    ordered = sorted(values)
    for k, v in enumerate(ordered):
        group = [w for w in ordered[k:] if w - v <= 2 * within]
        if len(group) > len(best):
            best = group
    return median(best) if len(best) >= EDGE_LINES else None


def is_vertical(line: OcrLine) -> bool:
    """A box of two or more characters VERTICAL_RATIO times taller than wide is a column of
    text set one character a line (a narrow cell's 责/任/单/位): the recogniser turns such a box
    and reads it top to bottom, and its character positions run along the turned box."""
    return len(line.text) >= 2 and line.bottom - line.top >= VERTICAL_RATIO * (line.x1 - line.x0)


def vertical_glyphs(line: OcrLine) -> list[Char]:
    """The glyphs of a column of text: the box cut into equal steps from the top, each glyph
    as wide as the box (its size)."""
    step = (line.bottom - line.top) / len(line.text)
    size = line.x1 - line.x0
    return [Char(ch, line.x0, line.x1, line.top + k * step, line.top + (k + 1) * step, size)
            for k, ch in enumerate(line.text) if not ch.isspace()]


def even_split(line: OcrLine, em: float, forms: dict[str, bool] | None = None) -> list[Char]:
    """A line without ideographs or character positions: its box split by advances."""
    text = "".join(_form(ch, None, em, forms or {}) for ch in line.text)
    units = [1.0 if is_wide(ch) else 0.5 for ch in text]
    total = sum(units) or 1.0
    step = (line.x1 - line.x0) / total
    chars, x = [], line.x0
    for ch, unit in zip(text, units):
        width = unit * step
        if not ch.isspace():
            chars.append(Char(ch, x, x + width, line.top, line.bottom, em))
        x += width
    return chars
