"""Tables drawn without rules: a header of column words, then rows told by their 序号.

A PDF whose task table has no ruling lines (an office suite's export of a table with its borders
off, a page printed from HTML whose borders were dropped) leaves only positioned text: the
header line (序号 / 工作任务 / 牵头单位 / 责任单位), then each row's cells side by side, a cell's
text wrapped inside its column and the 序号 often centred beside the row's lines.  Pure geometry,
as ``tables``:

    header line (序号 and a unit column among its words, split at gaps) -> column bounds (the
    emptiest x between two header words, over the body's glyphs) -> body lines (until a line
    crosses a bound or a wide gap) -> rows (a serial number in the 序号 column anchors each; two
    rows part at the widest vertical gap between their anchors) -> a cell grid for
    ``tables.grid_to_table``, whose cells join wrapped lines as a ruled table's do.
"""
from __future__ import annotations

import re
from dataclasses import replace

from policyparse.grammar.roles import COLUMN_KINDS
from policyparse.ingest.pdf.layout import Char, Line
from policyparse.ingest.pdf.tables import Table, grid_to_table

WORD_GAP = 0.25  # em: a gap this wide between two glyphs of the header line parts two column words
UNIT_COLUMNS = {"lead", "supporting", "unit"}
SERIAL = re.compile(r"\d{1,3}")
BODY_GAP = 3.0  # line heights: a vertical gap this wide ends the table
MIN_ROWS = 2
HEADER_WRAP_LINES = 2  # lines above and below a header line that may hold the rest of its wrapped words


def find_tables(lines: list[Line], page: int, above: Table | None = None) -> tuple[Table, ...]:
    """The unruled tables of one page's visual lines (none where no header line is found); with
    ``above``, an unruled table that ended the page before, its rows going on at this page's top
    under the same columns without a header (``tables.merge_split_tables`` joins the two)."""
    tables: list[Table] = []
    k = 0
    if above is not None:
        goes_on, k = _continued(lines, above, page)
        if goes_on is not None:
            tables.append(goes_on)
    if not any("序" in ln.text for ln in lines[k:]):  # no header on the page: the common case costs one scan
        return tuple(tables)
    while k < len(lines):
        band = _header_band(lines, k)
        table, end = (_table_below(lines, *band, page) if band else (None, k + 1))
        if table is not None:
            tables.append(table)
        k = max(end, k + 1)
    return tuple(tables)


def _header_band(lines: list[Line], k: int):
    """(first, last line, words) of a header on line ``k``, with the parts of header words wrapped
    onto the lines around it in a narrow column (责任领 / 导, 牵头单 / 位 above and below a centred
    序号 | 任务内容 | 配合单位) joined to their words; None where line ``k`` opens no header."""
    if "序" not in lines[k].text:
        return None
    own = _words(lines[k])
    words, first, last = list(own), k, k
    pitch = lines[k].bottom - lines[k].top
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(lines) and abs(j - k) <= HEADER_WRAP_LINES:
            near = lines[j].top - lines[j - step].bottom if step > 0 else lines[j - step].top - lines[j].bottom
            extra = _words(lines[j])
            if near > 0.8 * pitch or any(a < x1 and x0 < b for _, a, b in extra for _, x0, x1 in own):
                break
            words += extra
            first, last = min(first, j), max(last, j)
            j += step
    header: list[tuple[str, float, float]] = []
    for word in sorted(words, key=lambda w: w[1]):
        if header and word[1] < header[-1][2] and header[-1][1] < word[2]:
            continue  # placed below: the same column's next part (joined in line order below)
        header.append(word)
    if first != last:  # each column's parts top to bottom
        header = [(_column_text(lines[first:last + 1], x0, x1), x0, x1) for _, x0, x1 in header]
    kinds = [_kind(w) for w, _, _ in header]
    if len(header) < 3 or kinds[0] != "serial" or not UNIT_COLUMNS & set(kinds) or None in kinds:
        return None
    return first, last, header


def _column_text(band: list[Line], x0: float, x1: float) -> str:
    return "".join(t for ln in band for t, a, b in _words(ln) if a < x1 and x0 < b)


def _words(line: Line) -> list[tuple[str, float, float]]:
    """The line's glyph groups parted at gaps: (text, x0, x1)."""
    out: list[list[Char]] = []
    for ch in line.chars:
        if not ch.text.strip():
            continue
        if out and ch.x0 - out[-1][-1].x1 <= WORD_GAP * ch.size:
            out[-1].append(ch)
        else:
            out.append([ch])
    return [("".join(c.text for c in g), g[0].x0, g[-1].x1) for g in out]


def _kind(word: str) -> str | None:
    return next((kind for kind, pattern in COLUMN_KINDS if pattern.search(word)), None)


def _table_below(lines: list[Line], first: int, k: int, words: list[tuple[str, float, float]], page: int):
    """The table whose header is lines ``first``..``k``, and the index of the first line after it."""
    header = lines[k]
    head_top = lines[first].top
    body: list[Line] = []
    for ln in lines[k + 1:]:
        last = body[-1] if body else header
        if ln.top - last.bottom > BODY_GAP * (last.bottom - last.top) or ln.x0 < words[0][1] - 2 * ln.size:
            break
        body.append(ln)
    bounds = _bounds(words, body, header)
    body = _within(body, bounds, header.size)
    anchors = [i for i, ln in enumerate(body) if any(SERIAL.fullmatch(t) and x1 <= bounds[1] for t, _, x1 in _words(ln))]
    if len(anchors) < MIN_ROWS:
        return None, k + 1
    cuts = [header.bottom]
    for a, b in zip(anchors, anchors[1:]):
        cuts.append(_widest_gap(body, a, b))
    cuts.append(body[-1].bottom + 0.5)
    edges = [*bounds, max(ln.x1 for ln in [header, *body]) + 0.5]
    grid = [[(edges[c], cuts[r], edges[c + 1], cuts[r + 1]) for c in range(len(words))] for r in range(len(cuts) - 1)]
    top_row = [(edges[c], head_top - 0.5, edges[c + 1], header.bottom) for c in range(len(words))]
    chars = [ch for ln in [*lines[first:k + 1], *body] for ch in ln.chars]
    table = grid_to_table([top_row, *grid], chars, page)
    return (replace(table, unruled=True) if table else None), k + 1 + len(body)


def _continued(lines: list[Line], above: Table, page: int) -> tuple[Table | None, int]:
    """The rows of ``above`` that go on at the top of this page, and the index of the first line after."""
    bounds = list(above.columns)
    start = 0
    while start < min(len(lines), FURNITURE_TOP) and not _inside(lines[start], above):
        start += 1  # a running header or page number above the rows
    body: list[Line] = []
    for ln in lines[start:]:
        last = body[-1] if body else None
        if not _inside(ln, above) or (last and ln.top - last.bottom > BODY_GAP * (last.bottom - last.top)):
            break
        body.append(ln)
    body = _within(body, bounds, body[0].size if body else 0.0)
    if not body:
        return None, 0
    anchors = [i for i, ln in enumerate(body) if any(SERIAL.fullmatch(t) and x1 <= bounds[1] for t, _, x1 in _words(ln))]
    cuts = [body[0].top - 0.5]
    if anchors and anchors[0] > 0:  # the lines before the first 序号: the cut row's rest, then the row's own lines
        cuts.append(_widest_gap(body, 0, anchors[0]))
    for a, b in zip(anchors, anchors[1:]):
        cuts.append(_widest_gap(body, a, b))
    cuts.append(body[-1].bottom + 0.5)
    cuts = sorted(set(cuts))
    edges = [*bounds, above.x1]
    grid = [[(edges[c], cuts[r], edges[c + 1], cuts[r + 1]) for c in range(len(bounds))] for r in range(len(cuts) - 1)]
    table = grid_to_table(grid, [ch for ln in body for ch in ln.chars], page)
    return (replace(table, unruled=True) if table else None), start + len(body)


FURNITURE_TOP = 2  # lines at a page's top that may stand before the continued rows


def _inside(line: Line, table: Table) -> bool:
    return line.x0 >= table.x0 - 1 and line.x1 <= table.x1 + 1


def _widest_gap(body: list[Line], a: int, b: int) -> float:
    """Where two rows part between lines ``a`` and ``b``: the widest vertical gap, the later on a tie."""
    gaps = [(body[j + 1].top - body[j].bottom, j) for j in range(a, b)]
    _, j = max(gaps, key=lambda g: (round(g[0], 1), g[1]))
    return (body[j].bottom + body[j + 1].top) / 2


def _bounds(words: list[tuple[str, float, float]], body: list[Line], header: Line) -> list[float]:
    """The left edge of each column: the first column's at its header word, each next one at the
    x between two header words that the fewest body glyphs cover (the rightmost such x)."""
    bounds = [min(words[0][1], *(ln.x0 for ln in body[:1])) - 0.5]
    spans = [(ch.x0, ch.x1) for ln in body for ch in ln.chars if ch.text.strip()]
    for (_, _, right), (_, left, _) in zip(words, words[1:]):
        best = None
        x = right
        while x <= left:
            cover = sum(1 for a, b in spans if a < x < b)
            if best is None or cover <= best[0]:
                best = (cover, x)
            x += 0.5
        bounds.append(best[1] if best else left)
    return bounds


def _within(body: list[Line], bounds: list[float], size: float) -> list[Line]:
    """The body up to the first line with a glyph across a column bound (running text after the table)."""
    for i, ln in enumerate(body):
        if any(ch.x0 < b - 0.1 * size and ch.x1 > b + 0.1 * size for ch in ln.chars for b in bounds[1:]):
            return body[:i]
    return body
