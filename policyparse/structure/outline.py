"""Structure: ``Text`` -> ``Draft`` (envelope + outline of numbered items and table rows).

The numbering grammar is the table ``grammar.markers.MARKERS``: each style has a rank (一、 above （一） above
1. above （1） above ①; 第一章/节/条 above all).  A marker is accepted where it can start an
item (line start, or after a sentence end, a closing bracket, a cell bar or a space) and
where its number continues the sequence: the next sibling, a first child, or numbering that
continues across sections (``二、（一）12.``).  At a line start a gap or an orphan number is
accepted with a warning, so fragments that start mid-list keep their items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from policyparse.errors import At, Warnings, warn
from policyparse.grammar.markers import ITEM_START
from policyparse.grammar.numerals import cn_number
from policyparse.normalize import Text
from policyparse.structure.draft import Draft, DraftNode, FSpan, TableCells
from policyparse.structure.envelope import find_envelope
from policyparse.structure.lines import split_lines
from policyparse.structure.numbering import Marker, find_markers
from policyparse.structure.tables import Table, find_tables, strip_end
from policyparse.structure.toc import toc_spans

ROW_RANK = 4.5  # table rows: under a section row of their table (一、…), above steps in their cells (1.)
TABLE_SECTION_RANK = 4.25  # a table's numbered category row (一 | 产业发展) under the heading before the table
# Section headings that run into their text on one line: `一、工作目标全面落实…`.
SECTION_TERMS = re.compile(
    r"(?:指导思想|总体要求|基本原则|工作原则|主要目标|工作目标|发展目标|总体目标|行动目标|重点任务|主要任务|"
    r"工作任务|工作措施|政策措施|主要措施|保障措施|工作要求|组织实施|实施步骤|组织保障)(?![,。:;、)])"
)
# Unit bracket ending a heading: `一、强化科技创新(区科技局牵头)`.
TITLE_UNIT_TAIL = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*(?:牵头|负责|配合|责任单位|牵头单位)[^()\[\]【】〔〕]*[)\]】〕]\s*$")


@dataclass
class _Open:
    rank: int
    style: str
    num: int
    index: int
    digits: str | None = None


@dataclass
class Outliner:
    """Accepts markers in reading order and builds the parent links (one per scope)."""

    scope: str
    nodes: list = field(default_factory=list)  # (Marker, parent index | None)
    stack: list[_Open] = field(default_factory=list)
    last: dict[str, int] = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def offer(self, m: Marker, force: bool = False) -> bool:
        """Accept ``m`` if its number fits the sequence (``force``: a table row's 序号 always does)."""
        stack = self.stack
        if m.digits is not None and "." in m.digits:
            return self._offer_decimal(m)
        same = next((k for k, o in enumerate(stack) if o.style == m.style), None)
        if same is not None:
            prev = stack[same].num
            fits = m.num == prev + 1 or (m.line_start and (m.num == 1 or prev + 1 < m.num <= prev + 3))
            if not (fits or force):
                return False
            if m.num not in (prev + 1, 1):
                self.warnings.append(warn(Warnings.NUMBERING_GAP, At("fold", m.start, m.end), prev=prev, num=m.num))
            del stack[same:]
        else:
            cont = self.last.get(m.style)
            if not (m.num == 1 or (cont is not None and m.num == cont + 1) or m.line_start):
                return False
            while stack and stack[-1].rank >= m.rank:
                stack.pop()
            if m.num != 1 and (cont is None or m.num != cont + 1):
                kind = Warnings.ORPHAN_ITEMS if not stack else Warnings.AFTER_GAP
                self.warnings.append(warn(kind, At("fold", m.start, m.end), num=m.num))
        parent = stack[-1].index if stack else None
        self.nodes.append((m, parent))
        stack.append(_Open(m.rank, m.style, m.num, len(self.nodes) - 1, m.digits or str(m.num)))
        self.last[m.style] = m.num
        return True

    def _offer_decimal(self, m: Marker) -> bool:
        """`1.2.3` goes under the open item numbered `1.2` (`1.2`, or `1 总则` / `1.` / `一、` for `1.x`);
        with none open it starts at the top, at a line start only.  Its path is its number."""
        stack = self.stack
        prefix, _, last = m.digits.rpartition(".")
        at = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].digits == prefix), None)
        if at is None:
            if not m.line_start:
                return False
            del stack[:]
        else:
            child = stack[at + 1] if at + 1 < len(stack) else None
            prev = child.num if child is not None and child.digits and child.digits.rpartition(".")[0] == prefix else 0
            if not (m.num == prev + 1 or m.line_start):
                return False
            del stack[at + 1:]
        parent = stack[-1].index if stack else None
        self.nodes.append((m, parent))
        stack.append(_Open(m.rank, m.style, m.num, len(self.nodes) - 1, m.digits))
        return True


def text_to_draft(text: Text) -> Draft:
    fold = text.fold
    lines = split_lines(fold)
    env = find_envelope(lines, fold)
    tables = [t for t in find_tables(lines, env.document_start, fold) if any(r.serial for r in t.rows)]
    nodes: list[DraftNode] = []
    warnings: list = []
    if env.notice_body:
        a, b = env.notice_body
        _outline_region(fold, _minus(a, b, list(env.skip)), "notice", nodes, warnings)
    toc = toc_spans([ln for ln in lines if ln.start >= env.document_start])
    end = len(fold)
    if env.second_document is not None:  # the outline ends where a second transmitted document starts
        end = env.second_document.span[0]
        warnings.append(warn(Warnings.SECOND_DOCUMENT, At("fold", *env.second_document.span),
                             title=env.second_document.value))
        tables = [t for t in tables if t.span[0] < end]
    regions = _minus(env.document_start, end, [t.span for t in tables] + list(env.skip) + toc)
    _outline_region(fold, regions, "document", nodes, warnings, tables)
    if not nodes:
        warnings.append(warn(Warnings.NO_STRUCTURE))
    return Draft(envelope=env, nodes=tuple(nodes), warnings=tuple(warnings))


def _minus(start: int, end: int, holes: list[FSpan]) -> list[FSpan]:
    """[start, end) without the holes (those outside it ignored)."""
    out, pos = [], start
    for a, b in sorted((max(a, start), min(b, end)) for a, b in holes if a < end and b > start):
        if a > pos:
            out.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        out.append((pos, end))
    return out


def _outline_region(fold: str, regions: list[FSpan], scope: str, nodes: list[DraftNode], warnings: list,
                    tables: list[Table] = ()) -> None:
    """Accept markers in ``regions`` and table rows, in reading order, into draft nodes."""
    outliner = Outliner(scope)
    events: list[tuple[int, object]] = []
    for a, b in regions:
        events.extend((m.start, (m, b)) for m in find_markers(fold, a, b))
    for k, t in enumerate(tables):
        events.extend((r.span[0], (k, r)) for r in t.rows)
    events.sort(key=lambda e: e[0])
    accepted: list[tuple[Marker, int]] = []  # marker, region end
    rows: dict[int, object] = {}
    nested: dict[int, bool] = {}  # per table: do its numbered category rows nest under the heading before it?
    table = None
    for _, ev in events:
        if isinstance(ev[0], Marker):
            m, region_end = ev
            last = accepted[-1][0] if accepted else None
            if table is not None and last is not None and last.style == "row" and m.style in ("ar_dot", "ar_dun") \
                    and m.num == last.num + 1:  # …| 5.教育设施… | / 6.老年…: the text goes on with the table's next row
                m = replace(m, style="row", rank=ROW_RANK)
            if outliner.offer(m):
                accepted.append((m, region_end))
            table = None
            continue
        k, row = ev
        if k != table:  # a table goes under the heading before it (四、重点任务 → rows 4.1, 4.2 …)
            outliner.stack, table = [o for o in outliner.stack if o.rank < ROW_RANK], k
        if row.serial is None and row.cells[0][0] == "section_number":  # 二 | 生态环境保护方面 | | |
            (a, b), (c, d) = row.cells[0][1], row.cells[1][1]
            num = cn_number(fold[a:b].strip()) or 0
            if k not in nested:  # under 一、重点任务 the table's 一 | 产业发展 is 1.1, unless it goes on as 二
                heading = next((o for o in reversed(outliner.stack) if o.style == "cn_dun"), None)
                nested[k] = bool(outliner.stack) and not (heading and num == heading.num + 1)
            style, rank = ("table_section", TABLE_SECTION_RANK) if nested[k] else ("cn_dun", 3)
            m = Marker(style, rank, num, a, b, c, True)
            if m.num and outliner.offer(m):
                accepted.append((m, d))
            continue
        if row.serial is None:  # a section row: 一、优化政务服务 | | |
            a, b = row.cells[0][1]
            titled = dict(row.cells).get("section_title")  # (一) / 加强战略科技力量建设。: its title in the next cell
            for m in find_markers(fold, a, b)[:1]:
                m = replace(m, body_start=titled[0]) if titled else m
                if outliner.offer(m):
                    accepted.append((m, titled[1] if titled else b))
            continue
        m = _row_marker(fold, row)
        outliner.offer(m, force=True)
        accepted.append((m, row.span[1]))
        rows[len(accepted) - 1] = row
        _cell_items(fold, row, outliner, accepted)
    warnings.extend(outliner.warnings)
    _to_nodes(fold, scope, outliner, accepted, rows, nodes)


def _row_marker(fold: str, row) -> Marker:
    a, b = row.serial
    first_cell = row.cells[0][1][0] if row.cells else b
    return Marker("row", ROW_RANK, int(fold[a:b].strip().rstrip(".、")), a, b, first_cell, True)


def _cell_items(fold: str, row, outliner: Outliner, accepted: list) -> None:
    """Numbered steps inside a row's text cells (`1.4月底前…。 2.8月底前…`) become its children."""
    row_open = list(outliner.stack)
    for kind, (a, b) in row.cells:
        if kind in ("detail", "extra", "other"):
            for m in find_markers(fold, a, b):
                if m.rank > ROW_RANK and outliner.offer(m):
                    accepted.append((m, b))
    outliner.stack = row_open


def _to_nodes(fold: str, scope: str, outliner: Outliner, accepted: list, rows: dict, nodes: list) -> None:
    base = len(nodes)
    ends = [accepted[i + 1][0].start if i + 1 < len(accepted) else None for i in range(len(accepted))]
    prefix = _orphan_prefix(outliner.nodes)
    paths: list[str] = []
    levels: list[int] = []
    for i, ((m, region_end), (_, parent)) in enumerate(zip(accepted, outliner.nodes)):
        end = min(region_end, ends[i]) if ends[i] is not None and ends[i] <= region_end else region_end
        num = str(m.num)
        if parent is None and m.digits and "." in m.digits:  # decimal numbering at the top: its number
            paths.append(m.digits)
            levels.append(m.digits.count(".") + 1)
        elif parent is None:
            paths.append(f"{prefix[i]}.{num}" if prefix.get(i) else num)
            levels.append(2 if prefix.get(i) else 1)
        else:
            paths.append(f"{paths[parent]}.{num}")
            levels.append(levels[parent] + 1)
        row = rows.get(i)
        title = _row_title(fold, row) if row else _title(fold, m, end)
        nodes.append(DraftNode(
            scope=scope, path=paths[-1], marker=(m.start, m.end), level=levels[-1], title=title,
            body=(m.body_start, end), parent=None if parent is None else base + parent, style=m.style,
            cells=TableCells(_by_kind(row)) if row else None,
        ))


def _orphan_prefix(accepted: list) -> dict[int, str]:
    """Items before their parent (a fragment starting at `(4)` under a `3、` not in the text):
    number the missing parent from the next higher-ranked item (`4、` -> parent 3)."""
    if not accepted or accepted[0][0].num == 1 or accepted[0][1] is not None:
        return {}
    rank = accepted[0][0].rank
    nxt = next((m for m, p in accepted if p is None and m.rank < rank), None)
    if nxt is None or nxt.num < 2:
        return {}
    out = {}
    for i, (m, p) in enumerate(accepted):
        if m is nxt:
            break
        if p is None:
            out[i] = str(nxt.num - 1)
    return out


def _by_kind(row) -> dict[str, tuple[FSpan, ...]]:
    out: dict[str, list[FSpan]] = {}
    for kind, span in row.cells:
        out.setdefault(kind, []).append(span)
    return {k: tuple(v) for k, v in out.items()}


def _row_title(fold: str, row) -> FSpan:
    cells = dict((k, s) for k, s in reversed(row.cells))
    a, b = cells.get("task") or next((s for k, s in row.cells if k in ("detail", "other", "extra")), row.serial)
    return _first_sentence(fold, a, b)


def _title(fold: str, m: Marker, end: int) -> FSpan:
    a = m.body_start
    seg = fold[a:end]
    nl = seg.find("\n")
    first = seg if nl < 0 else seg[:nl]
    rest = "" if nl < 0 else seg[nl + 1:]
    if rest.strip() and "。" not in first.rstrip().rstrip("。") and "|" not in first and not _wrapped(first, rest):
        span = (a, a + len(first.rstrip()))
        gap = HEADING_GAP.match(fold, *span) if span[1] - span[0] > 25 and first.rstrip().endswith("。") else None
        if gap:  # `1.2现状特点 山福镇地处…发生。`: a heading run into its one-sentence text
            span = (span[0], gap.end("h"))
    else:
        span = _first_sentence(fold, a, end)
        gap = HEADING_GAP.match(fold, span[0], span[1])
        if gap:  # `一、行动目标 到2025年，…`: a heading run into its text after a space
            span = (span[0], gap.end("h"))
    span = _cut_unit_tail(fold, span)
    if m.rank <= 3 and span[1] - span[0] > 25:
        sm = SECTION_TERMS.match(fold, span[0], span[1])
        if sm:
            span = (sm.start(), sm.end())
    return span


# A short heading followed by a space and more text on the same line (text run together).
HEADING_GAP = re.compile(r"(?P<h>[^,，。;；:：\s]{4,20})[ \t]+(?=\S{6})")
# What starts a new block after a heading line: a marker, a label line, a bracket.
BLOCK_AFTER_HEADING = re.compile(rf"\s*(?:[(\[【〔]|{ITEM_START.pattern}|[\u4e00-\u9fff]{{2,8}}:)")


def _wrapped(first: str, rest: str) -> bool:
    """A long line without a sentence end whose sentence ends on the next line is a hard wrap
    (`（一）建立经济发展与扩大就业联动机` / `制。将城镇…`), not a heading line."""
    nxt = rest.lstrip("\n").split("\n", 1)[0]
    return len(first.strip()) >= 18 and not first.rstrip().endswith((":", "。")) and not BLOCK_AFTER_HEADING.match(nxt) \
        and 0 <= nxt.find("。") <= 12


def _first_sentence(fold: str, a: int, b: int) -> FSpan:
    depth = 0
    for i in range(a, b):
        ch = fold[i]
        if ch in "(《“[【":
            depth += 1
        elif ch in ")》”]】":
            depth = max(0, depth - 1)
        elif ch == "|" or (ch in "。!?" and depth == 0):
            return (a, strip_end(fold, a, i))
    return (a, strip_end(fold, a, b))


def _cut_unit_tail(fold: str, span: FSpan) -> FSpan:
    a, b = span
    m = TITLE_UNIT_TAIL.search(fold, a, b)
    return (a, strip_end(fold, a, m.start())) if m and m.start() > a else span
