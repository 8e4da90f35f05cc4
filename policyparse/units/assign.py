"""Units: find each item's responsible units and split them into units with roles.

Sources, in a node's own text: a unit bracket ending a paragraph (``[…]`` ``【…】`` ``（…）``
``〔…〕``), label lines under the item (``牵头单位：`` ``责任单位：`` …), a unit-led heading
(``4、茄子河区政府负责：``), trailing table cells, an item's closing clauses of units and role verbs
(``…，由区政务服务局牵头，区住建局配合。``), and the mapped cells of a table row.
The role grammar is ``grammar.roles``; the list-splitting patterns are the constants below.
About 680 lines: finding lists and splitting them share the bracket/label/verb state of one item
(the convention, the unit-cell header), and the cut-list test needs both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from policyparse.errors import At, Warnings, warn
from policyparse.grammar.markers import ITEM_START
from policyparse.grammar.numerals import DEADLINE_ONGOING, DEADLINE_PERIOD, cn_number
from policyparse.grammar.roles import (
    BARE_GENERIC,
    CONVENTION,
    HUITONG_CLAUSE,
    LABEL_CUT_PATTERN,
    LABEL_LINK_PATTERN,
    LABELS,
    LEAD_MARK,
    LEADING,
    NO_UNIT_ROLES,
    PERSON_TITLE,
    ROLE_VERBS,
    SHARED_UNITS,
    TRAILING,
    UNIT_COLUMN_HEADER,
    UNIT_LED,
    UNIT_LED_WORK,
    label_role,
)
from policyparse.grammar.unitnames import (
    BARE_LEVEL,
    BARE_PLACE_NAME,
    LEVEL,
    NAME_SHAPED,
    OPEN,
    PLACE_GOVERNMENT,
    PROVINCE_START,
    UNIT_END,
    depth_zero,
    looks_like_unit,
    split_joiners,
    split_list,
)
from policyparse.normalize import Text
from policyparse.structure.draft import Assignments, Draft, DraftNode, DraftUnit, FSpan, NodeUnits
from policyparse.structure.tables import at_text_end

_LABEL_ALT = "|".join(f"(?:{p})" for p, _ in LABELS)
# A role label: ``责任单位：`` or in lenticular brackets ``【牵头单位】``.
LABEL = re.compile(rf"(?:【\s*(?P<blabel>{_LABEL_ALT})\s*】|(?P<label>{_LABEL_ALT})\s*(?:{LABEL_LINK_PATTERN}))")
_SENTENCE_END = re.compile(r"\s*[。;]")
_SENTENCE_STOP = re.compile(r"。")
_PARAGRAPH_TAIL = re.compile(r"[\s。;,.|]*")   # what may follow a bracket that ends its paragraph
LABEL_LINE = re.compile(rf"\s*(?:【\s*(?:{_LABEL_ALT})\s*】|(?:{_LABEL_ALT})\s*(?:{LABEL_LINK_PATTERN}))")
ROLE_VERB = re.compile(
    "(?:" + "|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(ROLE_VERBS)) + r")(?=\s*(?:[,;。、]|$))"
)
# A deadline inside a unit list: 6月底完成, 2023年底前, 长期坚持.
DEADLINE = re.compile(rf"^(?:{DEADLINE_PERIOD}|{DEADLINE_ONGOING})\S{{0,6}}$")
CUT_LABEL = re.compile(LABEL_CUT_PATTERN)
# A deadline opening a bracket before its label: 9月底前取得阶段性成效, 2024年6月底前完成
LEAD_DEADLINE = re.compile(rf"\s*(?P<d>(?:{DEADLINE_PERIOD})(?:前|以前)?)")
# A bare personal name in a list of people: 鲁国会、郑忠安副厅长 (two or three characters, not
# ending like a department: 财政局、王副局长 keeps 财政局).
PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{1,2}[^局委办厅处科室站所院队股部署府镇乡区县市省]")
# A personal name after a unit in one cell, a blank between (市民政局 伍泽国; two or three characters).
NAME_AFTER_UNIT = re.compile(r"[\u4e00-\u9fff]{2,3}")
# The end of a labelled list: its 。 or its line's end.
LIST_END = re.compile(r"[。\n]")
PART_LABEL = re.compile(r"[\u4e00-\u9fff]{1,6}\s*:\s*")  # a list part opening with a word and a colon (时间:2024年底)
PROSE_END = re.compile(r"[的了着]$")  # 全面负责省人民政府工作任务的(落实): prose about a body, no unit
UNKNOWN_LABEL = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:单位|部门|处室|科室|股室)\s*:")
CHUNK_LABEL = re.compile(rf"{LABEL.pattern}|(?<![\u4e00-\u9fff]){UNKNOWN_LABEL.pattern}")
BRACKET_PAIRS = {"(": ")", "[": "]", "【": "】", "〔": "〕"}


@dataclass
class _State:
    convention: bool = False
    unit_cells_from: int | None = None  # after a one-cell-per-line header (责任单位 on its own line)


def draft_to_assignments(text: Text, draft: Draft) -> Assignments:
    fold = text.fold
    header = UNIT_COLUMN_HEADER.search(fold)
    state = _State(unit_cells_from=header.end() if header else None)
    by_node: dict[int, NodeUnits] = {}
    warnings: list = []
    dropped: set[int] = set()
    stated = CONVENTION.search(fold) if "牵头" in fold else None  # 列第一位的为牵头单位,下同: wherever it stands
    for i, node in enumerate(draft.nodes):
        if stated and not state.convention and stated.start() < node.body[1]:
            warnings.append(warn(Warnings.CONVENTION_APPLIED, At("fold", stated.start(), stated.end())))
            state.convention = True
        found = _node_units(fold, node, state, warnings)
        if found is None:
            continue
        if found == "truncated":
            if i == len(draft.nodes) - 1:
                dropped.add(i)
                warnings.append(warn(Warnings.TRUNCATED_ITEM, At("fold", node.marker[0], node.body[1]), path=node.path))
            continue
        if found.units or found.deadline:
            by_node[i] = found
    _shared_units(fold, draft.nodes, by_node, state, warnings)
    return Assignments(by_node=by_node, dropped=frozenset(dropped), warnings=tuple(warnings))


def _shared_units(fold: str, nodes: tuple[DraftNode, ...], by_node: dict[int, NodeUnits], state, warnings: list) -> None:
    """A paragraph after a run of items that gives their units at once (4项目标的责任单位均为市发展改革委。, 该目标
    责任单位为市经委。): its units go to each of the items it counts, ending with the one it stands in."""
    for i, node in enumerate(nodes):
        if node.cells is not None or "为" not in fold[node.body[0]:node.body[1]]:
            continue
        m = SHARED_UNITS.search(fold, *node.body)
        if m is None:
            continue
        units, _ = parse_unit_list(fold, m.span("u"), label_role(m["label"]) or "responsible", state, warnings)
        if not units:
            continue
        count = 1 if m["one"] else (cn_number(m["n"]) or 1)
        run = [j for j in range(i, -1, -1) if nodes[j].parent == node.parent][:count]
        if len(run) < count:
            continue  # it counts more items than stand above it: not this reading
        for j in run:
            have = by_node.get(j, NodeUnits())
            by_node[j] = NodeUnits(units=have.units + tuple(units), deadline=have.deadline)


def _node_units(fold: str, node: DraftNode, state: _State, warnings: list):
    if node.cells is not None:
        return "truncated" if _row_cut_in_units(fold, node) else _row_units(fold, node, state)
    a, b = node.body
    lists: list[tuple[FSpan, str | None]] = []  # (span of list text, default role)
    if _text_truncated_in_units(fold, a, b):
        return "truncated"
    lead = UNIT_LED.match(fold, node.title[0], node.title[1])
    if lead:
        lists.append(((lead.start("u"), lead.end("u")), "responsible"))
    elif (led := UNIT_LED_WORK.fullmatch(fold, node.title[0], node.title[1])) and looks_like_unit(led["u"]):
        lists.append(((led.start("u"), led.end("u")), "lead" if led["v"] == "牵头" else "responsible"))
    for span in _label_lines(fold, a, b):
        lists.append((span, None))
    for span in _unit_brackets(fold, a, b, warnings, node.title[1]):
        lists.append((span, None))
    for span in _trailing_cells(fold, a, b):
        lists.append((span, "responsible"))
    if state.unit_cells_from is not None and a >= state.unit_cells_from:
        lists.extend((span, "responsible") for span in _unit_cell_lines(fold, a, b, lists))
    for span in _trailing_role_sentence(fold, a, b, lists):
        lists.append((span, None))
    lists.extend((span, None) for span in _inner_role_sentences(fold, a, b, lists))
    for span in _opening_role_clauses(fold, node, lists):
        lists.append((span, None))
    lists.extend(_huitong_clauses(fold, a, b, lists))
    if not lists:
        return None
    units, deadline = [], None
    for span, role in sorted(lists, key=lambda x: x[0]):
        got, dl = parse_unit_list(fold, span, role or "responsible", state, warnings)
        if not got and not dl and not _only_people(fold, span):
            warnings.append(warn(Warnings.UNIT_LIST_UNPARSED, At("fold", *span), text=fold[span[0]:span[1]].strip()))
        units.extend(got)
        deadline = deadline or dl
    return NodeUnits(units=tuple(_apply_convention(units, state)), deadline=deadline)


def _only_people(fold: str, span: FSpan) -> bool:
    """A list that names only people (责任领导：张三) rightly yields no unit."""
    labels = [m["label"] or m["blabel"] for m in LABEL.finditer(fold, *span)]
    return bool(labels) and all(label_role(lb) in NO_UNIT_ROLES for lb in labels)


def _row_units(fold: str, node: DraftNode, state: _State) -> NodeUnits:
    cells = node.cells.by_kind
    units: list[DraftUnit] = []
    for kind, role in (("lead", "lead"), ("unit", "responsible"), ("supporting", "supporting")):
        for span in cells.get(kind, ()):
            got, _ = parse_unit_list(fold, span, role, state, [])
            units.extend(got)
    deadline = cells.get("deadline", (None,))[0]
    if deadline:
        deadline = _strip_span(fold, *deadline)
    return NodeUnits(units=tuple(units), deadline=deadline)


def _apply_convention(units: list[DraftUnit], state: _State) -> list[DraftUnit]:
    """First listed leads, where the document said so: only lists with no explicit lead."""
    if not state.convention or not units or any(u.role == "lead" for u in units):
        return units
    resp = [k for k, u in enumerate(units) if u.role == "responsible"]
    if not resp:
        return units
    first = resp[0]
    return [DraftUnit(u.span, "lead", u.name) if k == first else u for k, u in enumerate(units)]


# --- where unit lists are -----------------------------------------------------------------

def _label_lines(fold: str, a: int, b: int):
    """``责任单位：…`` from its label to the end of its line, where the label starts a line or
    follows a sentence end outside brackets (``…推行帮办。责任单位：市大数据局。``), or ends the lead
    sentence after a comma when what it labels is wholly units (``1、农村道路畅通工程,牵头部门:市交通局。``).
    Visits the labels only (one regex scan), the bracket depth kept over the text between them."""
    depth, scan, pos = 0, a, a
    for m in LABEL.finditer(fold, a, b):
        k = m.start()
        if k < pos:
            continue
        for ch in fold[scan:k]:
            if ch in "([【〔":
                depth += 1
            elif ch in ")]】〕":
                depth = max(0, depth - 1)
        scan = k
        if depth:
            continue
        s = k
        while s > pos and fold[s - 1].isspace():
            s -= 1
        # the first place the label may stand from (a 【label】 is marked off by its brackets: …中心【牵头单位】X)
        start = s if m["blabel"] or _label_boundary(fold, a, s) else s + 1
        if start > k:
            continue  # glued to the text before it (各牵头单位:)
        if start > a and fold[start - 1] == "," and not is_unit_list(fold, m.end(), _list_end(fold, m.end(), b), strict=True):
            continue  # …工程,牵头部门:市交通局。 is a list; …,责任单位要加强… is not
        end = _list_end(fold, m.end(), b)
        if not fold[m.end():end].strip() and end < b and fold[end] == "\n":  # 责任单位: / 市发改委、… below
            end = _list_end(fold, end + 1, b)
        end = _list_goes_on(fold, end, b)
        yield (start, end)
        pos = scan = end + 1


def _list_goes_on(fold: str, end: int, b: int) -> int:
    """The end of a labelled list that goes on below its line: after a separator at the line's end
    (责任单位:市发改委、 / 市财政局), or in lines that are only units (责任单位:市发改委 / 市财政局, a cell's
    lines), never into a new block (a marker, another label)."""
    while end < b and fold[end] == "\n":
        nxt = _list_end(fold, end + 1, b)
        line = fold[end + 1:nxt]
        if not line.strip() or ITEM_START.match(line.lstrip()) or LABEL_LINE.match(line):
            break
        after_mark = fold[:end].rstrip(" \t").endswith(("、", ",", ";")) and "。" not in line[:-1]
        if not ((after_mark or len(line.strip()) <= UNITS_LINE_MAX) and is_unit_list(fold, end + 1, nxt, strict=True)):
            break
        end = nxt
    return end


UNITS_LINE_MAX = 40  # characters: a line of unit names alone under a label line is short


def _label_boundary(fold: str, a: int, i: int) -> bool:
    return i == a or fold[i - 1] in "\n。;," or fold[i - 1].isspace()


def _list_end(fold: str, a: int, b: int) -> int:
    """Where a labelled list ends: its line's end, or the 。 closing it (text run together)."""
    m = LIST_END.search(fold, a, b)
    return m.start() if m else b


def _unit_brackets(fold: str, a: int, b: int, warnings: list, title_end: int = -1):
    """Bracket groups that hold a unit list and end a paragraph — or end a sentence, when they
    carry role labels or verbs: ``（一）推进改革（市发改委牵头）。具体…``.  A unit bracket left
    open is parsed to the end of the item, with a warning."""
    depth, start = 0, None
    i = a
    while i < b:
        ch = fold[i]
        if ch in BRACKET_PAIRS and depth == 0:
            start, closer, depth = i, BRACKET_PAIRS[ch], 1
        elif depth and ch == fold[start]:
            depth += 1
        elif depth and ch == closer:
            depth -= 1
            if depth == 0:
                if _ends_block(fold, start + 1, i, b, title_end) and is_unit_list(fold, start + 1, i):
                    yield (start + 1, i)
                elif (inner := _label_after_clause(fold, start + 1, i)) is not None and _ends_block(fold, inner, i, b):
                    yield (inner, i)  # (9月底前取得阶段性成效,牵头考核单位:市数据局): the label's part
                elif _role_bracket(fold, start + 1, i):
                    yield (start + 1, i)  # …(市商务局牵头,市农业农村局配合)推动…: a group inside the paragraph
                start = None
        i += 1
    if depth and start is not None and is_unit_list(fold, start + 1, _strip_span(fold, start + 1, b)[1]):
        warnings.append(warn(Warnings.UNBALANCED_BRACKET, At("fold", start, b)))
        yield (start + 1, _strip_span(fold, start + 1, b)[1])


def _role_bracket(fold: str, s: int, e: int) -> bool:
    """A bracket inside a paragraph that is wholly units with their role words or labels: every group
    of a paragraph belongs to its item (…(市商务局牵头,市农业农村局配合)。…(南京海关负责)。)."""
    inner = fold[s:e]
    return bool(LABEL.search(inner) or ROLE_VERB.search(inner)) and is_unit_list(fold, s, e, strict=True)


def _label_after_clause(fold: str, s: int, e: int) -> int | None:
    """Where a role label starts inside a bracket that opens with something else (a deadline, a
    target), after a comma or semicolon: the unit list is from the label on."""
    for m in LABEL.finditer(fold, s, e):
        if m.start() > s and fold[m.start() - 1] in ",;" and is_unit_list(fold, m.start(), e):
            return m.start()
    return None


def _ends_block(fold: str, s: int, e: int, b: int, title_end: int = -1) -> bool:
    """A bracket that ends its paragraph, or its sentence when it carries role labels or verbs, or
    ends the item's title naming units only (1.推进改革(市发改委)。具体…: the heading's units; not a
    gloss after a noun inside the text, 报市政府督查室(电子公文平台)。)."""
    if _ends_paragraph(fold, e + 1, b):
        return True
    return bool(_SENTENCE_END.match(fold, e + 1, b)) and bool(
        LABEL.search(fold, s, e) or ROLE_VERB.search(fold, s, e)
        or (e + 1 == title_end and is_unit_list(fold, s, e, strict=True)))


def _ends_paragraph(fold: str, i: int, b: int) -> bool:
    if i >= b:
        return True
    m = _PARAGRAPH_TAIL.match(fold, i, b)
    return m.end() == b or "\n" in fold[i:m.end()]


def _trailing_role_sentence(fold: str, a: int, b: int, found: list):
    """An item's last sentence that is only units with role verbs: ``…。市发改委牵头，市财政局配合。``,
    also after a unit bracket (every group of the paragraph belongs to the item)."""
    body = fold[a:b].rstrip()
    cut = max(body.rfind("。", 0, len(body) - 1), body.rfind("\n", 0, len(body) - 1))
    s, e = _strip_span(fold, a + cut + 1, a + len(body))
    if _overlaps((s, e), found):
        return  # the sentence is a list already found (a label line, a bracket)
    if cut >= 0 and e > s and _role_sentence(fold, s, e):
        yield (s, e)
        return
    comma = fold.rfind(",", s, e)  # …推进改革,由市发改委负责。: the sentence's closing clause(s)
    start = None
    while comma > s and _role_clause(fold, *_strip_span(fold, comma + 1, e if start is None else start - 1)):
        start = comma + 1  # …,由区政务服务局牵头,区住建局配合。: every closing clause of units and a role
        comma = fold.rfind(",", s, comma)
    if start is not None:
        yield _strip_span(fold, start, e)


def _inner_role_sentences(fold: str, a: int, b: int, found: list):
    """A whole sentence inside an item's paragraph that is only unit names ending like units, each run
    closed by a role verb: ``1.推进改革。市发改委牵头,市财政局配合。到年底…`` (the last sentence is
    ``_trailing_role_sentence``'s)."""
    ends = [m.end() for m in _SENTENCE_STOP.finditer(fold, a, b)]
    for s, e in zip(ends, ends[1:]):
        s, e = _strip_span(fold, s, e - 1)
        if e > s and not _overlaps((s, e), found) and _role_clause(fold, s, e):
            yield (s, e)


def _huitong_clauses(fold: str, a: int, b: int, found: list):
    """由X会同Y、Z等部门研究提出落实意见: X responsible, Y and Z supporting (rule 21), when both sides
    are unit lists and no list found already covers them."""
    if fold.find("会同", a, b) < 0:  # the common case: one scan for the word, not the clause pattern
        return
    for m in HUITONG_CLAUSE.finditer(fold, a, b):
        x, y = _strip_span(fold, *m.span("x")), _strip_span(fold, *m.span("y" if m["y"] else "y2"))
        if _overlaps((x[0], y[1]), found) or not (is_unit_list(fold, *x, strict=True) and is_unit_list(fold, *y, strict=True)):
            continue
        yield x, "responsible"
        yield y, "supporting"


def _opening_role_clauses(fold: str, node: DraftNode, found: list):
    """Clauses of units and role verbs only that open an item or its first paragraph:
    ``(一)由省经贸委负责,省农业厅…配合,加快…`` / ``一、治理…`` then ``由省经贸委承办,省农业厅…协办。``
    (rule 18; running text that only names units, 市发改委负责统筹协调, is no assignment)."""
    a, b = node.body
    starts = [a]
    line_end = fold.find("\n", node.title[1], b)
    if line_end >= 0:
        starts.append(line_end + 1)
    for start in starts:
        s, _ = _strip_span(fold, start, b)
        stop = _OPENING_STOP.search(fold, s, b)
        end, e = s, stop.start() if stop else b
        for clause in _CLAUSE_END.finditer(fold, s, e + 1):
            part = _strip_span(fold, end if end == s else end + 1, clause.start())
            if end == s and _person_clause(fold, *part) and clause.start() < e:
                s = end = clause.start() + 1  # 由杨志武副市长负责,市发改委牵头,…: the person's clause opens, the units follow
                continue
            if not _role_clause(fold, *part):
                break
            end = clause.start()
        if end > s and not _overlaps((s, end), found):
            yield (s, end)


def _person_clause(fold: str, s: int, e: int) -> bool:
    """A clause that gives the work to a person with a role verb: 由杨志武副市长负责."""
    names = ROLE_VERB.sub("", fold[s:e])
    parts = [_unled(p.strip()) for p in re.split(r"[、,和及]", names) if p.strip()]
    return bool(parts) and bool(ROLE_VERB.search(fold, s, e)) and len(person_parts(parts)) == len(parts)


_OPENING_STOP = re.compile(r"[。;:\n]")
_CLAUSE_END = re.compile(r"[,。;:\n]|$")


def _role_clause(fold: str, s: int, e: int) -> bool:
    """A closing clause of unit names and a role verb only, each name ending like a unit: 由市发改委负责,
    市财政局、市商务局负责落实 (not 其他各有关单位要全力予以协助配合: prose about units)."""
    if not _role_sentence(fold, s, e):
        return False
    names = ROLE_VERB.sub("、", fold[s:e].rstrip("。;"))
    parts = [TRAILING.sub("", _unled(fold_part)).strip() for fold_part in re.split(r"[、,]", names)]
    # a part joined by 和/及 is two units when both end like one (市财政局和市税务局), else one (县自然资源和规划局)
    return all(UNIT_END.search(p) or all(UNIT_END.search(q) for q in re.split(r"[和及]", p) if q) for p in parts if p)


def _role_sentence(fold: str, s: int, e: int) -> bool:
    """Only units with role verbs: 市发改委牵头,市财政局配合 / 由市发改委负责; a bracket only inside a name
    (各县(市)、区人民政府负责落实)."""
    return (bool(ROLE_VERB.search(fold, s, e)) and is_unit_list(fold, s, e, strict=True)
            and "(" not in NAME_BRACKET.sub("", fold[s:e]))


NAME_BRACKET = re.compile(r"\([^()。,;]{1,8}\)")  # 各县(市), 黄冈(市): a bracket of a unit's name


def _overlaps(span: FSpan, found: list) -> bool:
    """Does ``span`` overlap a list already found for the item (a label line, a bracket)?"""
    return any(fs < span[1] and span[0] < fe for (fs, fe), _ in found)


def _unit_cell_lines(fold: str, a: int, b: int, found: list):
    """In a table flattened one cell per line whose header was not read as a table (no 序号:
    重点工作 / 工作措施 / 责任单位 / 备注), the lines under an item that are only a unit list."""
    first = fold.find("\n", a, b)
    pos = b if first < 0 else first + 1
    while pos < b:
        end = fold.find("\n", pos, b)
        end = b if end < 0 else end
        s, e = _strip_span(fold, pos, end)
        if (e > s and not _overlaps((s, e), found)
                and is_unit_list(fold, s, e, strict=True) and not ROLE_VERB.search(fold, s, e)):
            yield (s, e)
        pos = end + 1


def _trailing_cells(fold: str, a: int, b: int):
    """Cells after ``|`` at the end of a table line: ``1.积极推进…。 | 财务科 |``."""
    seg = fold[a:b]
    first_line_end = seg.find("\n")
    line = seg if first_line_end < 0 else seg[:first_line_end]
    if "|" not in line:
        return
    cells = split_list(line, a, seps="|")
    for s, e in cells[1:]:
        if is_unit_list(fold, s, e, strict=True):
            yield (s, e)


def _row_cut_in_units(fold: str, node: DraftNode) -> bool:
    """The text stops inside this row's unit cell, in the middle of its line and of a name (… | 市科,
    no line break after it; two characters are no name of a unit with its level): rule 9."""
    spans = [sp for kind in ("lead", "unit", "supporting") for sp in node.cells.by_kind.get(kind, ())]
    last = max(spans, key=lambda sp: sp[1], default=None)
    if last is None or fold[last[1]:].strip(" \t|") != "":
        return False  # the text goes on, or its last line is whole (a line break after it)
    part = re.split(r"[、,;\s]", fold[last[0]:last[1]].strip())[-1]
    return not (_unit_like(part) or ROLE_VERB.search(part)) or len(part) <= 2


def _text_truncated_in_units(fold: str, a: int, b: int) -> bool:
    """The text ends (cut off) inside this item's unit list: an open bracket or a label line."""
    if not at_text_end(fold, b):
        return False
    tail = fold[a:b]
    opened = _unclosed_bracket(tail)
    if opened is not None:  # (自治区发展改革委牵头,自治区国土资源厅、…及相关盟市 — never closed: cut inside it
        inner = tail[opened + 1:]
        if LABEL.search(inner) or ROLE_VERB.search(inner) or is_unit_list(inner, 0, len(inner)) \
                or CUT_LABEL.fullmatch(inner.strip()) or _cut_after_sentence(tail[:opened], inner) \
                or re.match(r"由[\u4e00-\u9fff]", inner.strip()):  # (由市商: a 由… unit clause cut
            return True
    if re.search(r"[。!?)\]】〕”]\s*$", tail):
        return False
    last_part = re.split(r"[、,;:\n]", tail.rstrip())[-1].strip()
    if _unit_like(last_part) or ROLE_VERB.search(last_part):
        return False  # the list ends on a whole unit: 市农业农村局分别牵头
    rest = tail.rstrip().split("\n")[1:]
    if not any(LABEL_LINE.match(ln) for ln in rest):
        return False
    last = LABEL_LINE.match(rest[-1])  # cut in a person's or a deadline's line (牵头领导:靳国) cuts no unit list (n325)
    return not (last and label_role(last.group().strip(" \t:为【】")) in NO_UNIT_ROLES | {"deadline"})


def _cut_after_sentence(before: str, inner: str) -> bool:
    """A bracket opened after the item's last sentence and cut within a few characters (…工业园建设。(市发):
    the unit list that closes an item, cut inside its first name (n486)."""
    return before.rstrip().endswith(("。", ";")) and 0 < len(inner.strip()) <= CUT_NAME_MAX and not re.search(r"[。,;:]", inner)


CUT_NAME_MAX = 8  # characters of a unit name cut at the text's end


def _unclosed_bracket(s: str) -> int | None:
    """Where the outermost bracket still open at the end of ``s`` opens (nested ones matched)."""
    closes = {c: o for o, c in BRACKET_PAIRS.items()}
    stack: list[int] = []
    for k, ch in enumerate(s):
        if ch in BRACKET_PAIRS:
            stack.append(k)
        elif ch in closes and stack and s[stack[-1]] == closes[ch]:
            stack.pop()
    return stack[0] if stack else None


def is_unit_list(fold: str, a: int, b: int, strict: bool = False) -> bool:
    """Does fold[a:b] read as a unit list (labels, role verbs, or unit names only)?"""
    seg = fold[a:b]
    if not seg.strip() or len(seg) > 600:
        return False
    if LABEL.search(seg):
        return True
    seg = CONVENTION.sub("", seg)
    seg = seg.split("。")[0]
    parts = [TRAILING.sub("", ROLE_VERB.sub("", LEAD_MARK.sub("", seg[p:q]))).strip() for p, q in split_list(seg)]
    parts = [p for p in parts if p and not DEADLINE.match(p)]
    people = person_parts([_unled(p) for p in parts])
    parts = [p for k, p in enumerate(parts) if k not in people]
    units = [_unit_like(p) or bool(BARE_LEVEL.match(p) and any(map(_unit_like, parts[k + 1:])))
             or _shares_government(parts, k) for k, p in enumerate(parts)]
    if not parts or all(units):
        return bool(parts)
    # In a bracket (not ``strict``: a sentence of the running text), a run closed by a role verb
    # (X、Y、Z负责, A牵头,B配合) may name bodies the unit grammar does not know (华东服装城, 商贸物流园):
    # most of its parts are units, and the rest are name-shaped.
    return (not strict and bool(ROLE_VERB.search(seg)) and 2 * sum(units) >= len(units)
            and all(u or NAME_SHAPED.fullmatch(_unled(p)) for u, p in zip(units, parts)))


def _shares_government(parts: list[str], k: int) -> bool:
    """A bare place name in a run that ends with a place's government: 哈尔滨、黑河、绥芬河市政府 (the run
    shares 市政府, n520)."""
    j = k
    while j < len(parts) and BARE_PLACE_NAME.fullmatch(parts[j]):
        j += 1
    return j > k and j < len(parts) and bool(PLACE_GOVERNMENT.fullmatch(parts[j]))


def person_parts(parts: list[str]) -> set[int]:
    """Indexes of the parts that name people: a title (分管副市长, 金国兴总工), and the bare names
    listed before a titled one (鲁国会、郑忠安副厅长)."""
    people = {k for k, p in enumerate(parts) if PERSON_TITLE.search(p)}
    for k in sorted(people, reverse=True):
        j = k - 1
        while j >= 0 and PERSON_NAME.fullmatch(parts[j]):
            people.add(j)
            j -= 1
    return people


def _unit_like(p: str) -> bool:
    p = _unled(p)
    return len(p) <= 40 and looks_like_unit(p) and not PROSE_END.search(p)


# --- splitting a list into units ------------------------------------------------------------

def parse_unit_list(fold: str, span: FSpan, default_role: str, state: _State, warnings: list):
    """Units (with roles) and a deadline from one list: labels, role verbs, separators."""
    a, b = span
    conv = CONVENTION.search(fold, a, b)  # also after the list's 。: (…负责。列第一位的为牵头部门,下同)
    stop = _stop_at(fold, a, b)  # a standing instruction after the list: 。以下任务均需…
    if stop >= 0:
        b = stop
    if conv:
        if not state.convention:
            warnings.append(warn(Warnings.CONVENTION_APPLIED, At("fold", conv.start(), conv.end())))
        state.convention = True
    units: list[DraftUnit] = []
    deadline = None
    labelled = LABEL.search(fold, a, b)
    for role, (s, e) in _chunks(fold, a, b, default_role):
        if role in NO_UNIT_ROLES:
            continue
        if labelled and s < labelled.start() and not is_unit_list(fold, s, labelled.start()):
            lead_in = LEAD_DEADLINE.match(fold, s, e)  # (9月底前取得阶段性成效,牵头考核单位:…): a target, no unit
            deadline = deadline or (lead_in.span("d") if lead_in else None)
            continue
        if role == "deadline":
            s, e = _strip_span(fold, s, e)
            deadline = deadline or ((s, e) if e > s else None)
            continue
        for urole, (p, q) in _verb_runs(fold, s, e, role):
            joined = False  # after X会同Y the rest of the run (、Z、W负责) joins Y in support
            parts = split_list(fold[p:q], p)
            people = person_parts([_unled(fold[us:ue].strip()) for us, ue in parts])
            for k, (us, ue) in enumerate(parts):
                if k in people:
                    continue  # 鲁国会、郑忠安副厅长: people, not units
                if k and BARE_GENERIC.match(fold[us:ue].strip()) and TRAILING.search(fold[slice(*parts[k - 1])].strip()):
                    continue
                if conv and us < conv.end() and ue > conv.start():
                    ue = _cut_convention(fold, us, ue, conv)
                    if ue <= us:
                        continue
                cleaned = _clean(fold, us, ue)
                if cleaned is None:
                    continue
                if (word := PART_LABEL.match(fold, *cleaned)) and word.end() < cleaned[1]:
                    cleaned = (word.end(), cleaned[1])  # 时间:2024年底 / 进度:…: a label the grammar does not know
                    value = fold[cleaned[0]:cleaned[1]]
                    if not DEADLINE.match(value) and not _unit_like(value.strip()):
                        continue  # 进度:按季度推进: what it labels is no unit
                if DEADLINE.match(fold[cleaned[0]:cleaned[1]]):
                    deadline = deadline or cleaned
                    continue
                if PERSON_TITLE.search(fold[cleaned[0]:cleaned[1]]):
                    continue  # 分管副市长: a person, not a unit
                role_here = "supporting" if joined else urole
                mark = LEAD_MARK.search(fold, *cleaned)
                if mark and mark.start() > cleaned[0]:  # 市发改委(牵头) / 市发改委*: this unit leads
                    cleaned, role_here = _strip_span(fold, cleaned[0], mark.start()), "lead"
                for part in _split_spaces(fold, *cleaned):
                    for sp in split_joiners(fold, *part):
                        if piece := _clean(fold, *sp):  # X等国务院相关部门及各地区: each side trimmed
                            found = _with_huitong(fold, piece, role_here)
                            joined = joined or len(found) == 2
                            units.extend(found)
    return units, deadline


def _stop_at(fold: str, a: int, b: int) -> int:
    """The 。 that ends a list, -1 for none: not one that a role label follows (牵头单位:市金融办。配合单位:…)."""
    stop = fold.find("。", a, b)
    while stop >= 0 and LABEL_LINE.match(fold, stop + 1, b):
        stop = fold.find("。", stop + 1, b)
    return stop


def _with_huitong(fold: str, span: FSpan, role: str) -> list[DraftUnit]:
    """X会同Y(负责): X has the role, Y supports it (X会同有关部门负责 -> X, 有关部门 supporting)."""
    a, b = span
    k = fold.find("会同", a, b)
    if k <= a or not depth_zero(fold[a:k]):
        return [DraftUnit(span, role)]
    left, right = _strip_span(fold, a, k), _strip_span(fold, k + 2, b)
    if not (looks_like_unit(fold[slice(*left)]) and looks_like_unit(fold[slice(*right)])):
        return [DraftUnit(span, role)]
    return [DraftUnit(left, role), DraftUnit(right, "supporting")]


def _chunks(fold: str, a: int, b: int, default_role: str):
    """(role, span) runs of a list, cut at role labels; a label the grammar does not know
    (数据核实单位:) starts a run of the list's default role."""
    pos, role = a, default_role
    for m in CHUNK_LABEL.finditer(fold, a, b):
        if m.start() > pos:
            yield role, (pos, m.start())
        label = m["label"] or m["blabel"]
        role = (label_role(label) if label else None) or default_role
        pos = m.end()
    if pos < b:
        yield role, (pos, b)


def _verb_runs(fold: str, a: int, b: int, role: str):
    """Split at role verbs: the units before a verb take its role; the rest keep ``role``."""
    pos = a
    for m in ROLE_VERB.finditer(fold, a, b):
        vrole = next(ROLE_VERBS[i][1] for i in range(len(ROLE_VERBS)) if m.group(f"v{i}"))
        if role == "lead" and vrole == "responsible" and m.group(0).startswith("按"):
            vrole = "lead"
        yield vrole, (pos, m.start())
        pos = m.end()
    if pos < b:
        yield role, (pos, b)


def _cut_convention(fold: str, us: int, ue: int, conv: re.Match[str]) -> int:
    """Drop a convention note glued to the last unit: 市卫生健康委(除标注…下同)."""
    cut = conv.start()
    while cut > us and fold[cut - 1] in OPEN + " ,":
        cut -= 1
    return cut


def _unled(p: str) -> str:
    """A part without its leading 由/联合 (only at its start: 自由贸易区 keeps its 由)."""
    m = LEADING.match(p)
    return p[m.end():] if m else p


def _clean(fold: str, a: int, b: int) -> FSpan | None:
    a, b = _strip_span(fold, a, b)
    m = UNKNOWN_LABEL.match(fold, a, b)  # 督导协调单位:X, a label the role grammar does not know: no part of X
    if m:
        a = m.end()
    m = LEADING.match(fold, a, b)
    if m:
        a = m.end()
    m = TRAILING.search(fold, a, b)
    if m:
        b = m.start()
    a, b = _strip_span(fold, a, b)
    if b <= a or not re.search(r"[\u4e00-\u9fff]", fold[a:b]):
        return None
    return a, b


def _strip_span(fold: str, a: int, b: int) -> FSpan:
    while a < b and fold[a] in " \t\n|.。,;:":
        a += 1
    while b > a and fold[b - 1] in " \t\n|.。,;:":
        b -= 1
    return a, b


def _line_pieces(fold: str, a: int, b: int) -> list[FSpan]:
    """A piece cut at its line breaks where the next line opens with a level (市发改委 / 市财政局: units a line
    each); a name wrapped inside (市人力资源和社 / 会保障局) stays one piece."""
    out, pos = [], a
    for m in re.finditer(r"\n\s*", fold[a:b]):
        nxt = a + m.end()
        if LEVEL_START.match(fold, nxt) and nxt > pos:
            out.append((pos, a + m.start()))
            pos = nxt
    return [*out, (pos, b)]


LEVEL_START = re.compile(rf"(?:各|{LEVEL}|{PROVINCE_START})")


def _split_spaces(fold: str, a: int, b: int) -> list[FSpan]:
    """``县水务局 县住建局`` (cell lines joined by a space) or on lines of their own under a label -> two
    units, where every piece is a unit name; ``规划 建设局`` (a space inside one name) stays whole."""
    pieces = [(a + m.start(), a + m.end()) for m in re.finditer(r"[^ \t]+", fold[a:b])]
    pieces = [q for p in pieces for q in _line_pieces(fold, *p)]
    while len(pieces) > 1 and NAME_AFTER_UNIT.fullmatch(fold[slice(*pieces[-1])]) and not _unit_like(fold[slice(*pieces[-1])]) \
            and _unit_like(fold[slice(*pieces[-2])]):
        pieces.pop()  # 市民政局 伍泽国: a 牵头单位及主要负责人 cell names the unit, then its head
        a, b = pieces[0][0], pieces[-1][1]
    if len(pieces) > 1 and all(q - p >= 3 and _unit_like(fold[p:q]) and depth_zero(fold[p:q]) for p, q in pieces):
        return pieces
    return [(a, b)]
