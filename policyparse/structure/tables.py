"""Task tables in text form: ``序号 | 任务 | 责任单位 | 完成时限`` rows, one cell per line, or
space-separated rows — found, split into records, and their cells mapped to columns.

Columns are named by their header words (``COLUMN_KINDS``).  When a record has as many cells
as there are columns the mapping is positional; otherwise (merged cells left out, as in
one-cell-per-line tables) the cells are aligned to the columns in order, by the best fit over
the whole row (``_typed``).
About 560 lines: the three text forms (pipe rows, space rows, one cell a line) share one record
mapper, its cell types and its wrap joins; apart, each reader would need the mapper's state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policyparse.grammar.characters import squash
from policyparse.grammar.envelope import BOILERPLATE
from policyparse.grammar.markers import GLUED_SERIAL, SECTION_START, SERIAL_CELL, SPACED_SERIAL
from policyparse.grammar.numerals import CN_NUMERALS, DEADLINE_START
from policyparse.grammar.roles import COLUMN_KINDS, ROLE_WORDS
from policyparse.grammar.unitnames import BARE_PLACE_NAME, BARE_ZONE, NAME_SHAPED, PLACE_GOVERNMENT, UNIT_END, ZONE_END, split_list
from policyparse.grammar.unittokens import PLACE_LIKE
from policyparse.structure.draft import FSpan
from policyparse.structure.lines import Line

UNIT_KINDS = ("unit", "lead", "supporting")
ETC_TAIL = re.compile(r"等(?:有关|相关)?(?:部门|单位)?$")  # 农业局等, 市发展改革委等有关部门
# A deadline cell: 12月底前, 9月投入使用, 全年, 2023年6月底前, 长期坚持.
# A person's name cell: 夏俊贵, 周 斐 (names only, never a unit).
PERSON_CELL = re.compile(r"^[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}(?:、[\u4e00-\u9fff]{2,4})*$")
# Characters a text cut off mid-sentence ends with: 改造…等,
CUT_ENDINGS = ",、;:(《“"
NO_LINE_START = ",.、;:?!)》」』”’】〕〉…%"  # folded text: 、 and the closing marks a line cannot start with
SENTENCE_END_CHARS = "。!?;"
WRAPPED_NUMBER = re.compile(r"[\u4e00-\u9fff]\d+$")  # 策划20 | 19年: a number cut by a line end in running text
NON_SPACE = re.compile(r"\S")
# A row that is a section heading spanning the table: 一、优化政务服务 | | |  （二）…
_CN = CN_NUMERALS
SECTION_CELL = re.compile(rf"\s*(?:{SECTION_START.pattern})")
BARE_NUMERAL_CELL = re.compile(rf"[{_CN}]{{1,3}}")  # 二: a section's number alone in the 序号 column
SECTION_CELL_MAX = 100  # a section heading cell, with its bracket of leading persons (一、…目标(牵头领导:…))
# 序号 glued to the next header word (a PDF reader joined two short lines): 序号指标
PERSON_AFTER_UNIT = re.compile(r"[\u4e00-\u9fff]{2,3}")  # 伍泽国 after 市民政局 in one cell
NUMBERED_CELL = re.compile(r"\s*(?P<n>\d{1,3}[.、])(?=[\u4e00-\u9fff])")  # 1.城市人居环境提升项目: a row's number in its first cell
LONE_SERIAL_HEADER = re.compile(r"^序\s*号\s*\|?$")  # 序号 alone on its line: one cell a line follows
HEADER_WORD_END = re.compile(r"[\u4e00-\u9fff]{1,3}")  # 部门: the end of a header word wrapped in its cell
GLUED_SERIAL_HEADER = re.compile(r"\s*序\s*号(?P<rest>[\u4e00-\u9fff]{2,8})\s*$")
BARE_NUMBER = re.compile(r"\s*\d{1,3}\s*")
TABLE_END = re.compile(r"^\s*(?:附件\s*\d*\s*$|附件[:])")


@dataclass(frozen=True)
class Row:
    serial: FSpan | None
    cells: tuple[tuple[str, FSpan], ...]  # (column kind, span) in reading order
    span: FSpan


@dataclass(frozen=True)
class Table:
    span: FSpan
    rows: tuple[Row, ...]


def find_tables(lines: list[Line], start: int, fold: str) -> list[Table]:
    """Every task table in the text from ``start`` on."""
    tables, i = [], 0
    while i < len(lines):
        ln = lines[i]
        if ln.start >= start:
            found = _table_at(lines, i, fold)
            if found:
                table, i = found
                tables.append(table)
                continue
        i += 1
    return tables


def _table_at(lines: list[Line], i: int, fold: str):
    text = lines[i].stripped
    # a tab-separated header read as a bar row, but for 序号 first (space-separated rows' own path)
    cells = [] if "|" not in text and re.match(r"^序\s*号\s+\S", text) else _pipe_cells(lines[i])
    if len(cells) >= 2 and _is_header([fold[a:b] for a, b in cells]):
        nxt = _pipe_cells(lines[i + 1]) if i + 1 < len(lines) and not text.endswith("|") else []
        if nxt and _header_goes_on(fold[slice(*cells[-1])], fold[slice(*nxt[0])]):
            # 序号 | 重点任务 | 牵头责任 / 部门 | 分管领导 | 配合单位 |: the header line wrapped inside a cell
            return _line_rows(lines, i + 1, [*cells[:-1], (cells[-1][0], nxt[0][1]), *nxt[1:]], fold)
        return _line_rows(lines, i, cells, fold)
    glued = GLUED_SERIAL_HEADER.match(text)
    if LONE_SERIAL_HEADER.match(text) or (glued and column_kind(glued["rest"]) != "other"):
        return _stream_rows(lines, i, fold)
    if i + 1 < len(lines) and LONE_SERIAL_HEADER.match(lines[i + 1].stripped) and \
            column_kind(text.rstrip("| ")) == "category":
        return _stream_rows(lines, i, fold)  # 类别 / 序号 / …: one cell a line, a column before the 序号
    if re.match(r"^序\s*号\s+\S", text):
        parts = _space_cells(lines[i])
        if _is_header([fold[a:b] for a, b in parts]):
            return _space_rows(lines, i, parts, fold)
    return None


def _header_goes_on(prev: str, word: str) -> bool:
    """A short header line that names no column by itself but finishes the one above (牵头责任 / 部门):
    words, never the first row's 序号 (``1 | 任务 | 单位`` under a header without a closing ``|``)."""
    w = squash(word)
    return bool(HEADER_WORD_END.fullmatch(w)) and column_kind(w) == "other" and column_kind(prev + w) != "other"


def _is_header(words: list[str]) -> bool:
    kinds = [column_kind(w) for w in words]
    return "serial" in kinds or (sum(k != "other" for k in kinds) >= 2 and any(k in UNIT_KINDS for k in kinds))


def column_kind(word: str) -> str:
    w = squash(word)
    for kind, pat in COLUMN_KINDS:
        if pat.search(w):
            return kind
    return "other"


def cell_separator(ln: Line) -> str | None:
    """What sets a row's cells apart: ``|``, else a tab inside the line (a table copied from a sheet)."""
    return "|" if "|" in ln.text else "\t" if "\t" in ln.stripped else None


def _pipe_cells(ln: Line) -> list[FSpan]:
    sep = cell_separator(ln)
    return split_list(ln.text, ln.start, seps=sep) if sep else []


def _pipe_fields(ln: Line, sep: str | None = None, last_empty: bool = False) -> list[FSpan]:
    """Every field of a ``cell | cell |`` (or tab-separated) line, an empty one as an empty span; an empty
    field after the last separator only with ``last_empty`` (a tab row's last empty cell)."""
    fields, pos = [], ln.start
    parts = ln.text.split(sep or cell_separator(ln) or "|")
    for k, part in enumerate(parts):
        if k == len(parts) - 1 and not part.strip() and not last_empty:
            break
        lead = len(part) - len(part.lstrip())
        body = part.strip()
        fields.append((pos + lead, pos + lead + len(body)))
        pos += len(part) + 1
    return fields


def _line_rows(lines: list[Line], i: int, header: list[FSpan], fold: str):
    """One row per line: ``1 | 任务 | 责任单位 |``."""
    kinds = [column_kind(fold[a:b]) for a, b in header]
    numbered_first = _numbers_in_first_cells(lines, i + 1, kinds, fold)
    rows, j = [], i + 1
    while j < len(lines) and (not lines[j].stripped or cell_separator(lines[j])) and not BOILERPLATE.match(lines[j].text):
        cells = _pipe_cells(lines[j])
        lead = _leading_section(cells, kinds, fold)
        if lead:  # 一、继续提高… | 1 | 任务 | …: the section heads its group of rows (its cell spans them)
            rows.append(lead)
            cells = cells[1:]
        if cells:
            section = _section_row(cells, fold)
            every = _pipe_fields(lines[j])
            numbered = _is_serial(cells[0], fold) or (numbered_first and bool(NUMBERED_CELL.match(fold, *cells[0])))
            if not section and not lead and len(cells) < len(kinds) == len(every) and (numbered or not rows):
                cells = every  # an empty cell (…| 市财政局 |  |) kept in its place: the row maps by position
            right = None if section or lead or numbered or not rows else _right_aligned(cells, kinds, fold)
            rows.append(section or right or _record(cells, kinds, fold, numbered_first=numbered_first))
            if len(rows) > 1 and rows[-1] and rows[-2] and rows[-2].serial and _continues(rows[-2], rows[-1], fold):
                rows[-2:] = [_merge(rows[-2], rows[-1], fold)]  # a continuation row (merged 序号 cell)
        j += 1
    end = lines[j - 1].end
    return Table((lines[i].start, end), tuple(r for r in rows if r)), j


def _numbers_in_first_cells(lines: list[Line], i: int, kinds: list[str], fold: str) -> bool:
    """A table without a 序号 column whose rows start with their number (1.城市人居环境提升项目 | …), not
    one that holds section headings in its cells (一、做好财政信息公开。 | 1.… | 财务科 |, read as paragraphs)."""
    if "serial" in kinds:
        return False
    firsts, sections = [], False
    for ln in lines[i - 1:]:
        if ln.stripped and cell_separator(ln) is None:
            break
        cells = _pipe_cells(ln)
        if cells:
            firsts.append(fold[slice(*cells[0])])
            sections = sections or any(SECTION_CELL.match(fold, a, b) for a, b in cells)
    return any(NUMBERED_CELL.match(c) for c in firsts[1:]) and not sections


def _right_aligned(cells: list[FSpan], kinds: list[str], fold: str) -> Row | None:
    """A continuation row under a numbered one whose first columns a merged cell spans
    (``2021.8 | 城投集团 | ||`` under ``项目名称 | 工作任务 | 计划完成时间 | 牵头单位``): its cells fill the last
    columns, where each fits its column."""
    if not cells or len(cells) >= len(kinds):
        return None
    tail = kinds[len(kinds) - len(cells):]
    if "serial" in tail or not all(_fits(k, fold[a:b]) or _fits_by_position(k, fold[a:b]) for k, (a, b) in zip(tail, cells)):
        return None
    return Row(None, tuple(zip(tail, cells)), (cells[0][0], cells[-1][1]))


def _space_rows(lines: list[Line], i: int, header: list[FSpan], fold: str):
    """Space-separated rows: ``1 完成…目标。 全年地区生产总值…``; the 序号 may be glued to the
    first cell (``1完成…``, a reader that dropped the space) when it is the next number."""
    kinds = [column_kind(fold[a:b]) for a, b in header]
    rows, j, expected = [], i + 1, 1
    while j < len(lines):
        ln = lines[j]
        if not ln.stripped:
            j += 1
            continue
        cells = _space_cells(ln)
        fields = _pipe_fields(ln, "\t", last_empty=True) if "\t" in ln.text else []
        if len(fields) == len(header) > len(cells) and fields[0][1] > fields[0][0]:
            cells = fields  # 1<tab>任务<tab><tab>市财政局: an empty cell kept in its place, the row maps by position
        spaced = SPACED_SERIAL.match(ln.text)
        glued = None if spaced else GLUED_SERIAL.match(fold, ln.start, ln.end)
        if glued and int(glued[1]) == expected:
            a, b = cells[0]
            cells[:1] = [(a, glued.end(1)), (glued.end(1), b)]
        elif not spaced:
            section = _section_row(cells, fold)  # 一<tab>产业发展: a category row between numbered ones
            after = next((n for n in lines[j + 1:] if n.stripped), None)
            if section is None or after is None or not SPACED_SERIAL.match(after.text):
                break
            rows.append(section)
            j += 1
            continue
        # more blanks than column gaps: cells wrapped inside (加强水资源保 护), joined as a stream's are
        rows.append(_record(cells, kinds, fold, wrapped=len(cells) > len(kinds)))
        first = fold[cells[0][0]:cells[0][1]].strip()
        expected = int(first) + 1 if first.isdigit() else expected + 1
        j += 1
    return Table((lines[i].start, lines[j - 1].end), tuple(r for r in rows if r)), j


def _continues(row: Row, nxt: Row, fold: str) -> bool:
    """A row that continues the one above: no 序号 of its own, or the same 序号 repeated
    (readers that fill a merged cell into every row it spans)."""
    if nxt.serial is None:
        return nxt.cells[0][0] not in ("section", "section_number")
    return fold[nxt.serial[0]:nxt.serial[1]].strip() == fold[row.serial[0]:row.serial[1]].strip()


def _merge(row: Row, more: Row, fold: str) -> Row:
    """A row and its continuation; a cell the continuation repeats (a merged 责任单位 cell that a
    reader filled into every row it spans) is kept once."""
    have = {(kind, fold[a:b].strip()) for kind, (a, b) in row.cells}
    extra = tuple(c for c in more.cells if (c[0], fold[c[1][0]:c[1][1]].strip()) not in have)
    return Row(row.serial, row.cells + extra, (row.span[0], more.span[1]))


def _space_cells(ln: Line) -> list[FSpan]:
    """Cells of a tab-separated line, or of a space-separated one when it has no tabs."""
    if "\t" in ln.text:
        return split_list(ln.text, ln.start, seps="\t")
    return [(ln.start + m.start(), ln.start + m.end()) for m in re.finditer(r"\S+", ln.text)]


def _stream_end(ln: Line) -> bool:
    """A line that ends a one-cell-a-line table: page furniture or an attachment mark; not a header
    word that is also a metadata label (责任部门 |: a column, where 责任部门: X is furniture)."""
    if TABLE_END.match(ln.text):
        return True
    return bool(BOILERPLATE.match(ln.text)) and column_kind(ln.stripped.rstrip("| ")) == "other"


def _stream_rows(lines: list[Line], i: int, fold: str):
    """One cell per line (optionally ending ``|``); records start at the next serial number."""
    cells, j, blank_before, blank = [], i, [], False
    while j < len(lines) and not _stream_end(lines[j]):
        got = _pipe_cells(lines[j]) if "|" in lines[j].text else \
            ([(lines[j].content_start, lines[j].content_end)] if lines[j].stripped else [])
        if got:
            cells.extend(got)
            blank_before.extend([blank] + [False] * (len(got) - 1))
        blank = not got
        j += 1
    spaced = _blank_separated(blank_before)
    if spaced:  # a blank line after every cell: the lines of one cell stand together (…46.3%; / 市发改委 are two)
        merged: list[FSpan] = []
        for cell, gap in zip(cells, blank_before):
            if gap or not merged:
                merged.append(cell)
            else:
                merged[-1] = (merged[-1][0], cell[1])
        cells = merged
    a, b = cells[0]
    glued = GLUED_SERIAL_HEADER.match(fold, a, b)
    if glued:  # 序号指标: two header cells joined by a reader
        cells[:1] = [(a, glued.start("rest")), (glued.start("rest"), b)]
    header, k = [], 0
    while k < len(cells) and not _bare_number(cells[k], fold) and not SECTION_CELL.match(fold, *cells[k]) \
            and not fold[cells[k][0]:cells[k][1]].rstrip().endswith("。"):  # 强化科技创新支撑能力。: a category row, no header word
        a, b = cells[k]
        word = fold[a:b]
        if header and (word.startswith("(") or _header_goes_on(fold[header[-1][0]:header[-1][1]], word)):
            header[-1] = (header[-1][0], b)  # 责任股室 / (单位), 牵头责任 / 部门: a header wrapped over two lines
        else:
            header.append((a, b))
        k += 1
    kinds = [column_kind(fold[a:b]) for a, b in header]
    lead_in = kinds.index("serial") if "serial" in kinds else 0
    while lead_in and len(kinds) > lead_in + 1 and kinds[-1] == "other":
        # 类别 | 序号 | …: the first row's cells before its 序号 (产业发展) came before the 1, not header words
        header, kinds, k, lead_in = header[:-1], kinds[:-1], k - 1, lead_in - 1
    records = []
    # the first row's number: 1, or 31 where the numbering goes on (after a section row, too)
    expected = next((int(fold[a:b]) for a, b in cells[k:k + 3] if _bare_number((a, b), fold)), 1)
    for a, b in cells[k:]:
        if fold[a:b].strip() == str(expected):
            records.append([])
            expected += 1
        elif b - a <= SECTION_CELL_MAX and SECTION_CELL.match(fold, a, b) and "。" not in fold[a:b]:
            records.append(["section"])
        if records:
            records[-1].append((a, b))
    rows = tuple(r for r in (_section_row(rec[1:], fold) if rec[0] == "section" else _record(rec, kinds, fold, wrapped=not spaced)
                             for rec in records) if r)
    return Table((lines[i].start, lines[j - 1].end), rows), j


def strip_end(fold: str, a: int, b: int) -> int:
    """The end of fold[a:b] without its trailing blanks and cell bars."""
    while b > a and fold[b - 1] in " \t\n|":
        b -= 1
    return b


BLANK_SEPARATED = 0.8  # of the boundaries between a table's cells: a blank line at this many or more sets the cells apart


def _blank_separated(blank_before: list[bool]) -> bool:
    """A table copied one cell a line with a blank line after every cell (a web page's <td>s)."""
    gaps = blank_before[1:]
    return len(gaps) >= 6 and sum(gaps) >= BLANK_SEPARATED * len(gaps)


def at_text_end(fold: str, pos: int) -> bool:
    """Only whitespace follows ``pos`` (without copying the rest of the text)."""
    return NON_SPACE.search(fold, pos) is None


def _section_row(cells: list[FSpan], fold: str) -> Row | None:
    """A row holding only a section heading (一、… spanning the table) — not a task, not a continuation;
    a marker alone in its cell (``(一)`` / ``加强战略科技力量建设。``) takes the next cell as its title."""
    if cells and len(cells) <= 2 and SECTION_CELL.match(fold, *cells[0]) and not SERIAL_CELL.match(fold[cells[0][0]:cells[0][1]]):
        bare = SECTION_CELL.match(fold, *cells[0]).end() >= strip_end(fold, *cells[0])
        if bare and len(cells) == 2:
            return Row(None, (("section", cells[0]), ("section_title", cells[1])), (cells[0][0], cells[-1][1]))
        return Row(None, (("section", cells[0]),), (cells[0][0], cells[-1][1]))
    if len(cells) == 2 and BARE_NUMERAL_CELL.fullmatch(fold[slice(*cells[0])].strip()) and \
            cell_type(fold[slice(*cells[1])]) in ("text", "person"):  # 民生方面 may look like a name
        # 二 | 生态环境保护方面 | | |: a category row numbered in its own cell
        return Row(None, (("section_number", cells[0]), ("section", cells[1])), (cells[0][0], cells[-1][1]))
    return None


def _leading_section(cells: list[FSpan], kinds: list[str], fold: str) -> Row | None:
    """A section heading in the column before the 序号 (大类 | 序号 | …), standing in the first row of its group."""
    at = kinds.index("serial") if "serial" in kinds else 0
    if at and len(cells) > at and _is_serial(cells[at], fold) and SECTION_CELL.match(fold, *cells[0]):
        return Row(None, (("section", cells[0]),), cells[0])
    return None


def _record(cells: list[FSpan], kinds: list[str], fold: str, wrapped: bool = False, numbered_first: bool = False) -> Row | None:
    """A row from its cells; ``wrapped``: a cell may have been wrapped over several lines;
    ``numbered_first``: a table without a 序号 column numbers its rows in their first cell."""
    serial, pre = None, ()
    at = kinds.index("serial") if "serial" in kinds else 0  # 大类 | 序号 | …: columns before the 序号
    if at and len(cells) > at and _is_serial(cells[at], fold) and not _is_serial(cells[0], fold):
        pre, serial, cells, kinds = tuple(zip(kinds, cells[:at])), cells[at], cells[at + 1:], kinds[at + 1:]
    elif cells and _is_serial(cells[0], fold):  # the row starts at its 序号 (a merged cell before it left out)
        serial, cells = cells[0], cells[1:]
        kinds = kinds[at + 1:] if kinds and kinds[at] == "serial" else kinds
    elif kinds and kinds[0] == "serial":
        kinds = kinds[1:]
    elif numbered_first and "serial" not in kinds and cells and (glued := NUMBERED_CELL.match(fold, *cells[0])):
        # 项目名称 | … with no 序号 column: 1.城市人居环境提升项目 | … numbers its row in the first cell
        serial, cells = (glued.start("n"), glued.end("n")), [(glued.end(), cells[0][1]), *cells[1:]]
    if not cells:
        return None
    # cut by the end of the text: after a mark that goes on (…、), or mid-line in the cell a unit column takes by position (… | 市科)
    cut = at_text_end(fold, cells[-1][1]) and (fold[cells[-1][1] - 1] in CUT_ENDINGS or (
        not fold[cells[-1][1]:].strip(" \t|") and len(cells) <= len(kinds) and kinds[len(cells) - 1] in UNIT_KINDS))
    if wrapped:
        mapped = _unwrapped(cells, kinds, fold, cut)
    elif (len(cells) == len(kinds) or (cut and len(cells) < len(kinds))) and _units_fit(cells[:-1] if cut else cells, kinds, fold):
        mapped = tuple(zip(kinds, cells))  # positional; a row cut by the end of the text is a prefix
    else:  # (a unit column holding text by position: a merged cell the page left out shifted the row)
        mapped = tuple(_typed([c for c in cells if c[1] > c[0]], kinds, fold))
    mapped = _unit_columns_from_the_right(mapped, kinds, fold)
    span = (serial[0] if serial else cells[0][0], cells[-1][1])
    return Row(serial, pre + mapped, span)


def _units_fit(cells: list[FSpan], kinds: list[str], fold: str) -> bool:
    """Every cell a unit column takes by position can be a unit list (or is empty), not 已完成。 …"""
    return all(a == b or _fits(k, fold[a:b]) or _fits_by_position(k, fold[a:b])
               for k, (a, b) in zip(kinds, cells) if k in UNIT_KINDS)


def _unit_columns_from_the_right(mapped: tuple, kinds: list[str], fold: str) -> tuple:
    """牵头单位 | 参与单位 | 责任单位 at a row's end: when its last cells are as many unit lists as the
    header ends with unit columns, they fill those columns in order (typed mapping alone puts a run
    of unit cells into the first unit column, for a column split over lines)."""
    k = 0
    while k < len(kinds) and kinds[len(kinds) - 1 - k] in UNIT_KINDS:
        k += 1
    if k < 2 or len(mapped) < k:
        return mapped
    tail = mapped[-k:]
    if any(kind == "task" for kind, _ in tail):
        return mapped  # the row's task (建设…运营中心, like a unit by its end) stays its task
    if not all(cell_type(fold[a:b]) == "unit" for _, (a, b) in tail) or \
            (len(mapped) > k and cell_type(fold[slice(*mapped[-k - 1][1])]) == "unit"):
        return mapped
    return mapped[:-k] + tuple(zip(kinds[-k:], (span for _, span in tail)))


def _bare_number(cell: FSpan, fold: str) -> bool:
    """A cell of digits alone: the first row's 序号 (1, or 31 where the numbering goes on)."""
    return bool(BARE_NUMBER.fullmatch(fold, *cell))


def _is_serial(cell: FSpan, fold: str) -> bool:
    return bool(SERIAL_CELL.match(fold[cell[0]:cell[1]].strip()))


def _unwrapped(cells: list[FSpan], kinds: list[str], fold: str, cut: bool) -> tuple[tuple[str, FSpan], ...]:
    """Map the lines of a one-cell-per-line record to columns when a cell may have been wrapped
    over several lines (tables read from a PDF): sure joins first (``_wrap_score`` 3.5); then,
    positional when every cell fits its column; else likely joins while there are more cells
    than columns, positional if every cell then fits; else by what each cell looks like."""
    cells = _join_wrapped(cells, 0, fold, sure=True)
    if _all_fit(cells, kinds, fold, cut):
        return tuple(zip(kinds, cells))
    joined = _join_wrapped(cells, len(kinds), fold)
    if _all_fit(joined, kinds, fold, cut):
        return tuple(zip(kinds, joined))
    return tuple(_typed(cells, kinds, fold))


def _all_fit(cells: list[FSpan], kinds: list[str], fold: str, cut: bool) -> bool:
    """As many cells as columns (a prefix of them for a row cut by the end of the text), each fitting its column."""
    if len(cells) != len(kinds) and not (cut and len(cells) < len(kinds)):
        return False
    return all(_fits(kind, fold[a:b]) or _fits_by_position(kind, fold[a:b]) for kind, (a, b) in zip(kinds, cells))


def _fits_by_position(kind: str, s: str) -> bool:
    """When a record's cells are as many as the columns, a task cell whose work ends in a unit word
    (加快建设智慧城市运营中心) still fills its column, and a unit column takes a short name the unit
    grammar does not know (商贸物流园, 华东服装城), alone or in a list (市医保局、经开区)."""
    if kind in ("task", "detail"):
        return cell_type(s) in ("unit", "person")  # 投资, 服务业: a short text that looks like a name
    if kind == "deadline":  # 计划10月底完成新增墓地建设: a time cell that says what is done by then
        return len(s.strip()) <= 30 and bool(DEADLINE_START.search(s))
    parts = [s[a:b].strip() for a, b in split_list(s)]
    return kind in UNIT_KINDS and bool(parts) and all(_name_part(p) for p in parts)


def _name_part(p: str) -> bool:
    """A part of a unit cell by position: a unit or a name-shaped body, its head's name after a blank
    allowed (牵头单位及主要负责人: 市民政局 伍泽国)."""
    first, *rest = p.split()
    return bool(_unit_part(first) or NAME_SHAPED.fullmatch(first)) and all(PERSON_AFTER_UNIT.fullmatch(r) for r in rest)


def _join_wrapped(cells: list[FSpan], columns: int, fold: str, sure: bool = False) -> list[FSpan]:
    """Join the lines of wrapped cells until the record has ``columns`` cells, surest joins first
    (``_wrap_score``), stopping when no join is likely (``sure``: when none is sure)."""
    cells = list(cells)
    least = 3 if sure else 0
    while len(cells) > max(columns, 1):
        scores = [_wrap_score(fold[a:b].strip(), fold[c:d].strip()) for (a, b), (c, d) in zip(cells, cells[1:])]
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))
        if scores[best] <= least:
            break
        cells[best:best + 2] = [(cells[best][0], cells[best + 1][1])]
    return cells


def _wrap_score(cell: str, nxt: str) -> float:
    """How surely ``nxt`` is the next line of ``cell``: 3.5 when a line cannot start with its
    first character (、紫薇…), the cell stops mid-list (…、) or a number is cut (…策划20 / 19年…);
    2 (+ a tie-break by length: a wrapped line is a full one) when two text lines meet and the
    first does not end a sentence; else 0."""
    if not cell or not nxt:
        return 0
    if nxt[0] in NO_LINE_START or cell[-1] in CUT_ENDINGS or (WRAPPED_NUMBER.search(cell) and nxt[0].isdigit()):
        return 3.5
    if cell[-1] in SENTENCE_END_CHARS or cell_type(cell) != "text" or cell_type(nxt) != "text":
        return 0
    return 2 + len(cell) / 1000


def _fits(kind: str, s: str) -> bool:
    """A cell can stand in a column of this kind (a column of unknown kind takes anything)."""
    return kind == "other" or _accepts(kind, cell_type(s), s)


def _typed(cells: list[FSpan], kinds: list[str], fold: str):
    """Map cells to columns by what each cell looks like, in column order, the best alignment over
    the whole row (merged or empty cells are left out, so a row may hold fewer cells than columns):
    each cell fills the column it fits, a unit or person column may take a second cell (a list
    wrapped over lines) at half the worth, and a category, detail or unknown column is worth a
    little less than the task column a text would also fit (``WORTH``)."""
    types = [cell_type(fold[a:b]) for a, b in cells]
    texts = [fold[a:b] for a, b in cells]
    n, m = len(cells), len(kinds)
    best: dict[tuple[int, int, bool], tuple[float, tuple]] = {}

    def solve(i: int, p: int, used: bool) -> tuple[float, tuple]:
        # cells[i:] with columns from p on; ``used``: column p already holds a cell
        if i == n:
            return 0.0, ()
        key = (i, p, used)
        if key in best:
            return best[key]
        choice: tuple[float, tuple] = (-1.0, ())
        for q in range(p, m):  # the earliest column wins a tie
            like_unit = kinds[q] == "task" and types[i] == "unit"  # 加快建设智慧城市运营中心: work ending in a unit word
            if not like_unit and not _accepts(kinds[q], types[i], texts[i]):
                continue
            keeps = kinds[q] in (*UNIT_KINDS, "person")
            worth = 0.5 if q == p and used else LIKE_UNIT_WORTH if like_unit else WORTH.get(kinds[q], 1.0)
            worth += TASK_FILLED if kinds[q] == "task" and not (q == p and used) else 0.0
            sub, tail = solve(i + 1, q if keeps else q + 1, keeps)
            if worth + sub > choice[0] + 1e-9:
                choice = (worth + sub, (q, *tail))
        score, rest = solve(i + 1, p, used)
        if score > choice[0] + 1e-9:  # the cell fits no column, or filling one costs the rest more: extra
            choice = (score, (None, *rest))
        best[key] = choice
        return choice

    for (a, b), q in zip(cells, solve(0, 0, False)[1]):
        yield ("extra" if q is None else kinds[q], (a, b))


# What a cell is worth in a column (1 where not listed): a short text goes to the task column, not to
# a category column whose cell is merged over its group, nor a text to a detail or unknown column
# while the task column is free.
WORTH = {"category": 0.9, "detail": 0.8, "other": 0.8}
# A cell that looks like a unit in the task column: less than in a unit column, more than a second cell
# there, so a row's first such cell is its task only when the unit columns would otherwise be left short.
LIKE_UNIT_WORTH = 0.6
# A row is a task: filling its task column is worth more (建设…运营中心 | 晋陵公司 | 2024年底前 under
# 任务 | 牵头 | 配合 | 时限 is a task, a lead and an empty 配合, not a lead and a 配合 without a task).
TASK_FILLED = 0.5


def cell_type(s: str) -> str:
    s = s.strip()
    if SERIAL_CELL.match(s):
        return "number"
    if len(s) <= 16 and DEADLINE_START.match(s):
        return "deadline"
    if PERSON_CELL.match(s) and not UNIT_END.search(s.replace(" ", "")) and not BARE_ZONE.match(s):
        return "person"
    parts = [s[a:b].strip() for a, b in split_list(s)]
    units = [_unit_part(p) for p in parts]
    if parts and "。" not in s and all(u or _shares_government(parts, k) or (PLACE_LIKE.match(parts[k]) and any(units))
                                       for k, u in enumerate(units)):
        return "unit"  # 市卫生健康委、黄埔区: a district among units is its government
    return "text"


def _shares_government(parts: list[str], k: int) -> bool:
    """A bare place before a place's government later in the list: 黄埔区、南沙区政府 (the list writes 政府 once)."""
    return bool(BARE_PLACE_NAME.fullmatch(parts[k]) and any(PLACE_GOVERNMENT.fullmatch(q) for q in parts[k + 1:]))


def _unit_part(p: str) -> bool:
    """A part of a unit cell: 市水利局, 各县(市、区)党委和人民政府, 城乡一体化示范区, 农业局等."""
    p = ETC_TAIL.sub("", ROLE_WORDS.sub("", p).strip())
    return bool(p) and len(p) <= 30 and (p.startswith("各") or bool(UNIT_END.search(p)) or bool(ZONE_END.search(p))
                                         or bool(BARE_ZONE.match(p)))


def _accepts(kind: str, ctype: str, s: str) -> bool:
    if kind in UNIT_KINDS:
        return ctype == "unit"
    if kind in ("person", "deadline"):
        return ctype == kind
    if kind == "category":  # 公共文化服务, 广电: short labels (a 2–4 character one may look like a name)
        return ctype in ("text", "person") and len(s.strip()) <= 12 and not re.search(r"[。,;、]", s)
    if kind in ("task", "detail"):
        return ctype == "text"
    return ctype in ("text", "number")
