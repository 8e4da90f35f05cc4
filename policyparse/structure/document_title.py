"""The main document's title and where it starts: the transmitted 《X》 of a covering notice,
matched to its own title line (wrapped, nested 〈〉 read as 《》), or the document's own title.

Split from ``envelope.py``, which calls ``transmitted_title``, ``doc_start_without_signature``
and ``doc_title`` once the notice's fields are known.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from policyparse.grammar.characters import squash
from policyparse.grammar.envelope import BOILERPLATE, DOC_TYPE_WORDS, DOWNLOAD_SUFFIX, PRINTED_BY, TITLE_WORDS, TRANSMITS, is_org_line
from policyparse.grammar.markers import FIRST_ITEM, ITEM_START
from policyparse.grammar.roles import LABEL_START_PATTERN
from policyparse.structure.draft import FieldValue, FSpan
from policyparse.structure.lines import Line, prev_nonblank

# The transmitted document's title: 关于印发《X》的通知, 关于印发X的通知, 《X》已经…同意.
TRANSMITTED_IN_TITLE = re.compile(r"(?:印发|转发|印送)(?P<x>.+?)的通知", re.DOTALL)
QUOTED = re.compile(r"[《〈](?P<x>[^《》〈〉]+(?:[〈《][^《》〈〉]*[〉》][^《》〈〉]*)*)[》〉]")
# 《X》已经… / 现将《X》印发 / 研究制定了《X》,经…同意,现印发给你们 / 县政府研究确定了《X》,现印发给你们 (n474)
TRANSMITTAL_SENTENCE = re.compile(
    r"(?:^\s*|[将把]|(?:制定|起草|编制|修订|拟定|拟订|确定|审定|出台|形成|梳理)了?)《(?P<x>[^》]+)》\s*(?:已经|经|印发|现印发|已|,|。)",
    re.MULTILINE)
# A document title closed before 已经/经 at the start of a body: …实施方案》已经区政府同意
ADOPTED_TITLE = re.compile(r"(?P<x>[^《》。\n]{4,60})》(?:已经|经)")
# Words after a quoted title inside 印发…的通知 that go on with the same title (重点工作任务分工), not
# a list (等 / 和 / 及 / 与 / 、 / another 《》) or a note in brackets.
TITLE_GOES_ON_AFTER_QUOTE = re.compile(r"(?!等|和|及|与|暨|、|《|〈|\(|（)[\u4e00-\u9fff]{2,}")
# What follows 《X》 in a sentence that transmits it: 已经区政府同意 / 印发给你们 / 现转发 / 经研究
SENTENCE_TRANSMITS = re.compile(r"同意|批准|印发|转发|印送|研究|通过,现")
# A notice announcing its own points: …现将有关事项通知如下:
ANNOUNCES_POINTS = re.compile(r"(?:通知|要求|意见|分解|安排)如下\s*[:。]?\s*$")
# The transmittal sentence says the notice's own points come (并就有关事项通知如下,请认真贯彻执行。).
ANNOUNCES_OWN_POINTS = re.compile(r"(?:通知|要求|意见|安排)如下|如下(?:要求|意见)")
# A role label line in the points that follow: they are the transmitted task list, not the notice's.
ROLE_LABEL = re.compile(LABEL_START_PATTERN)
UNITS_WINDOW = 800  # characters after the first point where its unit line would stand
# Notes after a title that are not part of it: (征求意见稿V2.2), (2015年9月15日); (试行) stays.
TITLE_NOTE = re.compile(r"(?:\((?:[^()]*(?:征求意见稿|送审稿|讨论稿|草案|审议稿)[^()]*|\d{4}年\d{1,2}月\d{1,2}日)\)"
                        rf"|{DOWNLOAD_SUFFIX})\s*$")  # also the file name's suffix of a download: ….docx
# A note in brackets alone on the line right under a title: (2016版), (试行), (2021—2025年), (修订).
TITLE_LINE_NOTE = re.compile(r"[ \t]*\n[ \t\u3000]*(?P<n>\([^()\n]{1,16}\))[ \t]*(?=\n|$)")
# Document-type words that a title-like line contains.
DOC_TYPE = re.compile(f"{DOC_TYPE_WORDS}|{TITLE_WORDS}")  # a title-like line has one of them


def transmitted_title(title: FieldValue | None, fold: str, body: FSpan) -> FieldValue | None:
    """X of 关于印发《X》的通知, or of 《X》已经…同意 in the notice body (value = folded X): the title's
    《X》 first, then the body's, then the title's unquoted words (rule 22)."""
    in_body = TRANSMITTAL_SENTENCE.search(fold, body[0], body[1])
    in_body = in_body if in_body and _transmits(fold, in_body.end("x"), body[1]) else None
    if title is not None:
        a = title.span[0]
        m = TRANSMITTED_IN_TITLE.search(fold, a, title.span[1])
        if m:
            q = QUOTED.match(fold, m.start("x"), m.end("x"))
            if q is None and in_body:  # 关于印发2008年重点工作的通知 / 现将《合肥市人民政府2008年重点工作》印发: the body's
                return FieldValue(in_body["x"], (in_body.start("x"), in_body.end("x")))  # 《X》 names it whole (rule 22)
            # 印发《政府工作报告》重点工作任务分工的通知: X goes on after 》 (not 《A》等6个办法, 〈A〉和〈B〉)
            g = q if q and not TITLE_GOES_ON_AFTER_QUOTE.match(fold, q.end(), m.end("x")) else m
            return FieldValue(g["x"], (g.start("x"), g.end("x")))
    if in_body:
        return FieldValue(in_body["x"], (in_body.start("x"), in_body.end("x")))
    m = ADOPTED_TITLE.search(fold, body[0], min(body[1], body[0] + 200))
    if m and not fold[body[0]:m.start()].strip():
        return FieldValue(m["x"], (m.start("x"), m.end("x")))
    return None


def _transmits(fold: str, pos: int, end: int) -> bool:
    """The sentence of 《X》已经… goes on to approve or transmit X (已经区政府同意, 现印发给你们), not only
    to adopt it (《政府工作报告》已经…会议审议通过, n004: a report, not the document transmitted)."""
    stop = fold.find("。", pos, end)
    return bool(SENTENCE_TRANSMITS.search(fold, pos, stop if stop >= 0 else end))


def transmitted_from_body(lines: list[Line], fold: str) -> FieldValue | None:
    for ln in lines:
        m = TRANSMITTAL_SENTENCE.search(ln.text)
        if m and TRANSMITS.search(ln.text):
            return FieldValue(m["x"], (ln.start + m.start("x"), ln.start + m.end("x")))
    return None


# Book-title marks nested in a quoted title are written 〈〉 (《…〈X〉…》); standing alone, 《X》.
_NESTED_QUOTES = str.maketrans("〈〉", "《》")


def title_key(text: str) -> str:
    """A title compared as text: white space and round brackets dropped (政策(三十条) = 政策三十条),
    nested 〈〉 read as the 《》 they stand for."""
    return squash(text).translate(_NESTED_QUOTES).replace("(", "").replace(")", "")


def doc_start_without_signature(lines: list[Line], after: int, x: FieldValue | None, fold: str,
                                footers: tuple[FSpan, ...] = ()) -> int:
    """No signature: the document starts at its own title line (the line naming X), else after
    the transmittal paragraph, unless numbered points follow that paragraph directly: those are
    the notice's own (…现印发给你们。/ 一、强化责任落实…), as a transmitted document begins
    with its title, but for points that carry role labels (责任单位:…, the transmitted task list
    itself); and the points are the notice's as well where the paragraph announces them
    (…并就有关事项通知如下…), a preamble between."""
    key = title_key(x.value) if x else None
    for ln in lines:
        if ln.start >= after and ln.stripped and key and title_key(ln.text).startswith(key[: max(4, len(key) // 2)]) \
                and not is_terminal(ln.stripped):  # not a body sentence that opens with its words (n660)
            return ln.start
    for k, ln in enumerate(lines):
        rest = ln.text[max(0, after - ln.start):]  # the line holding ``after`` counts from there (title, 主送 and body run together)
        if ln.end > after and (TRANSMITS.search(rest) or ANNOUNCES_POINTS.search(rest)):
            nxt = next((n for n in lines[k + 1:] if n.stripped), None)
            if nxt is not None and ITEM_START.match(nxt.stripped):
                if _role_label_near(fold, nxt.start, footers):
                    return ln.end  # …现印发给你们。/ 一、… / 1.… / 责任单位:…: the transmitted list itself
                return lines[-1].end  # 现印发给你们。/ 一、强化责任落实…: the notice's own points
            if ANNOUNCES_OWN_POINTS.search(rest) and any(ITEM_START.match(n.stripped) for n in lines[k + 1:]):
                return lines[-1].end  # …并就有关事项通知如下: its points come after a preamble paragraph
            return ln.end
    return after


def _role_label_near(fold: str, start: int, footers: tuple[FSpan, ...]) -> bool:
    """A role label within UNITS_WINDOW of ``start``, not one of a site footer (主办单位:… 网站标识码…)."""
    return any(not any(a <= m.start() < b for a, b in footers)
               for m in ROLE_LABEL.finditer(fold, start, start + UNITS_WINDOW))


def _blanks_before(fold: str, a: int, pos: int) -> int:
    """Where the whitespace before ``pos`` starts (not before ``a``).  TITLE_NOTE has no leading
    ``\\s*`` of its own: searched for, it made a long run of blanks quadratic (issue 11)."""
    while pos > a and fold[pos - 1].isspace():
        pos -= 1
    return pos


def find_doc_title(lines: list[Line], start: int, x: FieldValue | None, fold: str) -> FieldValue | None:
    """Title of the main document, without draft or date notes after it (see ``_title_line``)."""
    found = _title_line(lines, start, x, fold)
    if found is None:
        return None
    a, b = _with_head_line(lines, start, found.span, fold)
    while (m := TITLE_NOTE.search(fold, a, b)) and (cut := _blanks_before(fold, a, m.start())) > a:
        b = cut
    if _quoted_whole(fold[a:b]):  # 《黄山市…实施方案》 as the heading: the marks are no part of the name (rules 21, 25)
        a, b = a + 1, b - 1
    note = TITLE_LINE_NOTE.match(fold, b)
    if note and not TITLE_NOTE.fullmatch(fold, note.start("n"), note.end("n")) and not fold[a:b].endswith(")"):
        b = note.end("n")  # …实施方案 / (2016版): an edition or period note on the line below belongs to the title
    return FieldValue(found.value, (a, b))


def _quoted_whole(s: str) -> bool:
    """``《X》`` whose first mark closes only at its end."""
    if not (s.startswith("《") and s.endswith("》")):
        return False
    depth = 0
    for k, ch in enumerate(s):
        depth += (ch == "《") - (ch == "》")
        if depth == 0 and k < len(s) - 1:
            return False
    return True


# The first line of a heading wrapped before its title line: a place or organ that opens it
# (重庆市巴南区木洞镇人民政府 / 2024年政府工作报告; 内蒙古自治区贯彻落实国家 / 《…》重点工作分工方案).
HEAD_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:省|市|县|区|州|旗|盟|镇|乡)")
HEAD_LINE_MAX = 30
NOT_A_HEAD = re.compile(r"(?:文件|网|网站|门户|\d)$|[:|()《》“”]")


def _with_head_line(lines: list[Line], start: int, span: FSpan, fold: str) -> FSpan:
    """``span`` of a title line, from the line above when that line is the heading's opening part; above
    a 关于… heading, from every organ line stacked over it (山东省农业厅 / 山东省财政厅 / 关于…, rule 33)."""
    i = next((k for k, ln in enumerate(lines) if ln.start <= span[0] < max(ln.end, ln.start + 1)), None)
    if i is None or span[0] != lines[i].content_start:
        return span
    k = prev_nonblank(lines, i, within=2, after=start)
    if k is None or not _opens_heading(lines[k]):
        return span
    while fold.startswith("关于", span[0]) and is_org_line(lines[k].stripped) and (
            (j := prev_nonblank(lines, k, within=2, after=start)) is not None
            and is_org_line(lines[j].stripped) and _opens_heading(lines[j])):
        k = j
    return (lines[k].content_start, span[1])


def _opens_heading(ln: Line) -> bool:
    s = ln.stripped
    return (len(s) <= HEAD_LINE_MAX and bool(HEAD_PLACE.match(s)) and not is_terminal(s) and not DOC_TYPE.search(s)
            and not NOT_A_HEAD.search(s) and not BOILERPLATE.match(ln.text) and not PRINTED_BY.search(s)
            and not FIRST_ITEM.match(ln.text) and not ITEM_START.match(s))  # (明光市卫计委办公室 2015年11月23日印发: the 版记)


def _title_line(lines: list[Line], start: int, x: FieldValue | None, fold: str) -> FieldValue | None:
    """Title of the main document: the title line after ``start`` (matched against X if known)."""
    cands = _title_candidates(lines, start)
    key = title_key(x.value) if x else None
    for i, ln in cands:
        s = title_key(_strip_pipes(ln.text))
        if key is None:
            break
        joined = s
        for nxt in [n for n in lines[i + 1:i + 7] if n.stripped][:3]:  # wrapped over up to four lines
            joined += title_key(nxt.text)
            if joined == key:
                return FieldValue("", (ln.content_start, nxt.content_end))
            if not key.startswith(joined):
                break
        line_span = (ln.content_start, ln.content_start + len(_strip_pipes(ln.stripped)))
        if s == key or (s.startswith(key) and len(s) - len(key) <= 6):
            return FieldValue("", line_span)
        if key.startswith(s) and len(s) >= 6:
            # 印发A和B的通知 / 印发A等制度的通知 over A's heading: the first document present (rule 11)
            return FieldValue("", line_span if SEVERAL_NAMED.match(key, len(s)) else x.span)
    if key:
        near = _nearest_title_line(cands, key)
        return near if near is not None else FieldValue("", x.span)
    for _, ln in reversed(cands):
        if _title_like(ln.stripped):
            return FieldValue("", (ln.content_start, ln.content_start + len(_strip_pipes(ln.stripped))))
    return _headline(lines, cands)


# A news page's headline (rule 11): a short line that is no sentence, label, path or organ name.
HEADLINE_CHARS = (8, 50)
NOT_HEADLINE = re.compile(r"[:|>【】]|^\W|\d{1,2}:\d{2}")
DATE_TIME_LINE = re.compile(r"\s*(?:19|20)\d{2}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2}")
_HEADLINE_MARKS = str.maketrans("", "", "“”\"'《》 \t\u3000")


def _headline(lines: list[Line], cands: list[tuple[int, Line]]) -> FieldValue | None:
    """Where no line names a document type: the line a page repeats as its heading (its <title> and its
    <h1>: the later one, n413, n445), else the line right above its date and time (n414)."""
    heads = [(i, ln) for i, ln in cands if _headline_like(ln.stripped)]
    seen: set[str] = set()
    for _, ln in heads:
        key = ln.stripped.translate(_HEADLINE_MARKS)
        if key in seen:
            return FieldValue("", (ln.content_start, ln.content_end))
        seen.add(key)
    for i, ln in heads:
        nxt = next((n for n in lines[i + 1:i + 3] if n.stripped), None)
        if nxt is not None and DATE_TIME_LINE.match(nxt.text):
            return FieldValue("", (ln.content_start, ln.content_end))
    return None


def _headline_like(s: str) -> bool:
    return (HEADLINE_CHARS[0] <= len(s.translate(_HEADLINE_MARKS)) <= HEADLINE_CHARS[1] and not is_terminal(s)
            and not NOT_HEADLINE.search(s) and not BOILERPLATE.match(s) and not is_org_line(s) and "。" not in s)


# What goes on after the first document's name in a title naming several: A和B, A及B, A、B, A等制度.
SEVERAL_NAMED = re.compile(r"(?:和|及|与|暨|、|等)")
# An organ's place before the name a notice gives its document (重庆市渝北区人民 + 政府工作报告): a place and
# levels, no date or signature run in.
ORGAN_HEAD = re.compile(r"[\u4e00-\u9fff]{2,16}?(?:省|市|区|县|州|旗|盟|镇|乡)(?:人民)?")
NEAR_TITLE = 0.75  # how alike the heading a document has and the name its notice gives it must be


def _nearest_title_line(cands: list[tuple[int, Line]], key: str) -> FieldValue | None:
    """The document's own heading where the notice names it otherwise (…分解方案 / …分解表, n442;
    自治区… / 内蒙古自治区…): the title-like line most alike the name, the heading present winning."""
    best, best_ratio = None, NEAR_TITLE
    for k, (i, ln) in enumerate(cands):
        first = _strip_pipes(ln.stripped)
        spans = [(first, ln.content_start + len(first))]
        if k + 1 < len(cands) and cands[k + 1][0] - i <= 2 and not DOC_TYPE.search(first):
            nxt = cands[k + 1][1]  # a heading wrapped over two lines (厦门市聚焦企业关切进一步落实 / 优化…若干措施, n487)
            spans.append((first + _strip_pipes(nxt.stripped), nxt.content_start + len(_strip_pipes(nxt.stripped))))
        for text, end in spans:
            if not _title_like(text):
                continue
            line_key = title_key(text)
            head = line_key[: len(line_key) - len(key)]
            if line_key.endswith(key) and head and ORGAN_HEAD.fullmatch(head):
                return FieldValue("", (ln.content_start, end))  # 重庆市渝北区人民政府工作报告 over 政府工作报告 (n670)
            if key in line_key:
                continue  # the name itself with more on the line (a signature and date run into it): not another heading
            ratio = SequenceMatcher(None, line_key, key, autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = (ln.content_start, end), ratio
    return None if best is None else FieldValue("", best)


def _title_candidates(lines: list[Line], start: int) -> list[tuple[int, Line]]:
    """Lines from ``start`` up to the first numbered line or table header."""
    out = []
    for i, ln in enumerate(lines):
        if ln.end <= start:
            continue
        if FIRST_ITEM.match(ln.text) or ITEM_START.match(ln.text.lstrip()):
            break
        if ln.stripped and not BOILERPLATE.match(ln.text):
            out.append((i, ln))
    return out


def _title_like(s: str) -> bool:
    s = _strip_pipes(s)
    return (6 <= len(s) <= 80 and not is_terminal(s) and not s.startswith(("(", "附件")) and bool(DOC_TYPE.search(s))
            and "|" not in s)


def _strip_pipes(s: str) -> str:
    """A line without the cell bars around it (…任务分解 | || : a metadata row's empty cells too)."""
    return s.strip().lstrip("|").strip().rstrip(" \t|")


def is_terminal(s: str) -> bool:
    """Text that ends a sentence or holds a comma: no title."""
    return s.endswith(("。", ";", ":", "!", "?")) or "," in s
