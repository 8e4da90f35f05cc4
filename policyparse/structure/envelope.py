"""The envelope (公文要素) of a covering notice: title, 发文字号, 主送机关, issuer, date, 附注.

Works on the folded text line by line.  The result also says where the notice's body is
(its numbered points are scope "notice") and where the main document starts.

The main document's title and start are ``document_title.py``; the metadata block ``metadata.py``.
About 410 lines: finding the title, the addressees and the 文号 shares the line walk and the bounds each
sets for the others (the addressee line ends the head a title is looked for in); apart, each would
redo the walk.
"""
from __future__ import annotations

import re

from policyparse.grammar.characters import join_lines
from policyparse.grammar.envelope import (
    ATTACHMENT_MENTION,
    BOILERPLATE,
    CC,
    CITATION_LEAD,
    COVERING_TITLE_END,
    DOC_NUMBER,
    DOC_NUMBER_BEFORE,
    DOC_NUMBER_LABEL,
    DOC_NUMBER_NO_HAO,
    DOC_TYPE_WORDS,
    FORM_ATTACHMENT,
    LOOSE_TITLE,
    NOT_ADDRESSEES,
    NOTICE_TITLE,
    NOTICE_TITLE_END,
    ORDER_HEAD,
    ORDER_NUMBER,
    ORDER_TITLE,
    ORGAN_TITLE,
    PRINTED_BY,
    SELF_ANNOUNCED,
    TITLE_CUT_AT_VERB,
    TITLE_PREFIX,
    TITLE_TRANSMITS,
    TRANSMITS,
    is_org_line,
    org_names,
)
from policyparse.grammar.markers import FIRST_ITEM
from policyparse.grammar.unitnames import BARE_PLACE, looks_like_unit, split_joiners, split_list
from policyparse.structure.attachments import find_attachments, second_document
from policyparse.structure.document_title import (
    doc_start_without_signature,
    find_doc_title,
    is_terminal,
    title_key,
    transmitted_from_body,
    transmitted_title,
)
from policyparse.structure.draft import Envelope, FieldValue, FSpan
from policyparse.structure.footer import footer_spans
from policyparse.structure.lines import Line, prev_nonblank
from policyparse.structure.metadata import find_metadata
from policyparse.structure.signature import find_note_line, find_public_note, find_signature, note_before_date

# One entry of a numbered attachment list: 1.甲方案 / 2、乙清单
# What stands for the line break(s) of a wrapped addressee line while it is read (not a wide gap, which
# NOT_UNIT_TEXT refuses): a zero-width space keeps the offsets.
WRAP_FILL = "\u200b"
WRAPPED_TAIL_MAX = 6  # characters: the end of an addressee line wrapped inside a name (业单位:)
SENTENCE_ENDS = ("。", ";", ":", "!", "?")
LIST_MARK = re.compile("[、,]")
DOC_TYPE_END = re.compile(f"(?:{DOC_TYPE_WORDS})$")
# Text that never stands in an addressee list: dates, times, wide gaps, URLs.
NOT_UNIT_TEXT = re.compile(r"\d{4}-\d|\d:\d|\s{2,}|https?|www\.|\.(?:cn|com)")


def find_envelope(lines: list[Line], fold: str) -> Envelope:
    stop = next((i for i, ln in enumerate(lines) if FIRST_ITEM.match(ln.text)), len(lines))
    meta = find_metadata(lines, stop)
    footers = tuple(footer_spans(lines))  # furniture: never an item, a role label or a signature
    addr = _find_addressees(lines[:stop], meta.lines)
    head_end = addr[0] if addr else min(stop, 12)
    announced = SELF_ANNOUNCED.search(fold)
    own_word = (announced["w"] or announced["w2"]) if announced else None  # …现将1至9月份实施进度通报如下
    found_title = _find_title(lines, head_end, addr, meta.lines, own_word)
    title = _fill(found_title or meta.fields.get("title"), fold)
    meta_title = title if found_title is None else None
    head_limit = addr[1][0][0] if addr else lines[min(head_end, len(lines) - 1)].end
    own_number = _find_doc_number(lines, head_limit, fold, meta.lines)
    doc_number = own_number or meta.fields.get("doc_number")
    own_title = title is not None and (title is not meta_title or _notice_like(title.value))
    # a metadata 发文字号 alone is no covering notice (n203), nor a metadata 标题 that names none (a news headline, n443)
    present = bool(addr or own_title or own_number)
    if not present:
        return _no_envelope(lines, stop, fold, title, footers)
    after = addr[2] if addr else (title.span[1] if title else doc_number.span[1])
    sign = find_signature(lines, after, fold)
    date, issuer, sign_start, sign_end = sign
    date, issuer = date or meta.fields.get("date"), issuer or meta.fields.get("issuer")
    note = find_public_note(lines, sign_end, fold) if sign_end is not None else find_note_line(lines, after)
    if note is None and date is not None and sign[0] is not None:
        note = note_before_date(fold, date)
    attachments, attachment_blocks = find_attachments(lines, after, sign_start or len(fold), fold)
    body_text = fold[after:sign_start or len(fold)]
    attachments = tuple(_fill(a, fold) for a in attachments)
    documents = [a for a in attachments if not FORM_ATTACHMENT.search(a.value)]  # forms are not transmitted
    if not attachments:  # …要认真对照《2025年〈政府工作报告〉主要目标分解表》(附件1)和…: attachments the body names
        documents = [FieldValue(m["x"], m.span("x")) for m in ATTACHMENT_MENTION.finditer(fold, after, sign_start or len(fold))]
    transmittal = bool(
        (title and TITLE_TRANSMITS.search(title.value)) or TRANSMITS.search(body_text[:600]) or documents
    )
    covering = title is not None and (COVERING_TITLE_END.search(title.value) or (own_word == "通报" and title.value.endswith("通报")))
    if covering and not (sign[0] or sign[1]) and (dateless := _dateless_signature(lines, after, footers)) is not None:
        issuer = dateless  # …进度通报 / … / 六安市民生办: signed without a date, the text ends there
    if not (addr or sign[0] or sign[1] or transmittal or note or covering):
        # a title line (and its 文号) over a text that is neither addressed, signed nor transmitted: a
        # self-contained document without a covering envelope (rule 4; n219, n560)
        return _no_envelope(lines, stop, fold, title, footers)
    x = transmitted_title(title, fold, (after, min(len(fold), after + 600)))
    if x is None and documents:  # 关于做好…的通知 … 附件:1.2018年…任务分解表: what it transmits is named there
        named_after = max([after, sign_end or 0, *(a.span[1] for a in attachments)])  # not the body's or the list's mention
        x = _present_document([_unquoted(_issued_name(d)) for d in documents], fold, named_after)
    if transmittal:
        body_end = sign_start if sign_start is not None else doc_start_without_signature(lines, after, x, fold, footers)
        doc_start = max(note.span[1] if note else 0, sign_end or 0, body_end)
        notice_body = (after, body_end)
    else:
        doc_start, notice_body = after, None
    if transmittal:
        if x is not None and notice_body is not None:  # 印发《A》 over 现将《B》《C》…印发: the first whose heading stands below
            x = _present_document([x, *_quoted_names(fold, *notice_body)], fold, doc_start)
        doc_title = find_doc_title(lines, doc_start, x, fold)
        if doc_title is None and x is None and title is not None and not documents and notice_body[1] <= notice_body[0]:
            # 关于2024年重点工作及责任分解的通知 over its own tasks (no document sent, its body the document's, rule 29)
            doc_title = FieldValue(title.value, title.span)
    else:
        doc_title = title and FieldValue(title.value, title.span)
    cc = CC.search(fold, after)
    printed = PRINTED_BY.search(fold, after)
    return Envelope(
        cc=tuple(split_list(cc["list"], cc.start("list"))) if cc else (),
        printed_by=FieldValue(printed.group(0), printed.span()) if printed else None,
        title=title, doc_number=_fill(doc_number, fold), issuer=_fill(issuer, fold), date=date,
        addressees=addr[1] if addr else (), public_note=_fill(note, fold),
        attachments=attachments,
        doc_title=_fill(doc_title, fold), notice_body=notice_body, document_start=doc_start, present=True,
        second_document=second_document(lines, doc_start, doc_title, attachments, fold),
        skip=tuple(attachment_blocks) + footers,
    )


def _no_envelope(lines: list[Line], stop: int, fold: str, title: FieldValue | None, footers: tuple[FSpan, ...]) -> Envelope:
    """No covering notice: only the document's own title (else the page's 标题, a news headline, n443)."""
    x = transmitted_from_body(lines[:stop], fold)
    own = find_doc_title(lines, 0, x, fold)
    return Envelope(doc_title=_fill(own, fold) if own else title, skip=footers)


QUOTE_NOTE = re.compile(r"\s*(?:\([^()]*\))?\s*")  # after 《X》 in an attachment's name: nothing, or (征求意见稿)


def _notice_like(value: str) -> bool:
    """A title that names a notice-type document (…的通知, 关于…方案, 政府令)."""
    return bool(NOTICE_TITLE.search(value) or NOTICE_TITLE_END.search(value) or LOOSE_TITLE.search(value)
                or ORDER_TITLE.search(value))


ISSUED_NAME = re.compile(r"(?P<org>[^《》]{2,40}?)(?P<q>《[^《》]+》)$")  # 省农业厅、省财政厅《关于…的通知》


def _issued_name(fv: FieldValue) -> FieldValue:
    """An attachment named with its issuers before the marks (省农业厅、省财政厅《关于…的通知》): the quoted name."""
    m = ISSUED_NAME.fullmatch(fv.value)
    if not m or not all(is_org_line(p) for p in re.split(r"[、,\s]+", m["org"].strip()) if p):
        return fv
    a = fv.span[0] + m.start("q")
    return FieldValue(m["q"], (a, a + len(m["q"])))


def _present_document(documents: list[FieldValue], fold: str, after: int) -> FieldValue:
    """Of the documents a notice transmits, the first whose name is a heading in the text after the notice
    (a line, or two or three lines of a wrapped heading); the first of all when none is (the excerpt ends
    before any)."""
    keys = [title_key(line) for line in fold[after:].split("\n") if line.strip()][:HEADING_LINES_MAX]
    headings = {"".join(keys[k:k + n]) for k in range(len(keys)) for n in (1, 2, 3)}
    return next((d for d in documents if title_key(d.value) in headings), documents[0])


HEADING_LINES_MAX = 400  # lines after a notice searched for its documents' headings
QUOTED_NAME = re.compile(r"《(?P<x>[^《》\n]{4,80})》")


def _quoted_names(fold: str, a: int, b: int) -> list[FieldValue]:
    """The names a notice's body quotes, in order (现将《A》《B》印发给你们)."""
    return [FieldValue(m["x"], m.span("x")) for m in QUOTED_NAME.finditer(fold, a, b)]


def _unquoted(fv: FieldValue) -> FieldValue:
    """An attachment named in book-title marks, closed or not (`附件:《X(征求意见稿)`): X."""
    a, b = fv.span
    v = fv.value
    if v.startswith("《") and v.count("《") == 1:
        close = v.find("》")
        if close > 0 and QUOTE_NOTE.fullmatch(v[close + 1:]):
            return FieldValue(v[1:close], (a + 1, a + close))  # 《X》 or 《X》(征求意见稿)
        v, a = v[1:], a + 1
        if v.endswith("》"):
            v, b = v[:-1], b - 1
    return FieldValue(v, (a, b))


def _fill(fv: FieldValue | None, fold: str) -> FieldValue | None:
    """Give a surface-valued field its folded text as value (assemble shows the raw surface)."""
    if fv is None or fv.value:
        return fv
    return FieldValue(join_lines(fold[fv.span[0]:fv.span[1]]).strip(), fv.span)


def _dateless_signature(lines: list[Line], after: int, footers: tuple[FSpan, ...]) -> FieldValue | None:
    """The issuer signing a 通报 without a date: its last line before page furniture (a site footer too),
    an organ alone."""
    for ln in reversed(lines):
        if ln.end <= after:
            return None
        if not ln.stripped or BOILERPLATE.match(ln.text) or any(a <= ln.start < b for a, b in footers):
            continue
        return FieldValue("", (ln.content_start, ln.content_end)) if is_org_line(ln.stripped) else None
    return None


# --- addressees (主送机关) -------------------------------------------------------------

def _find_addressees(lines: list[Line], skip: frozenset[int] = frozenset()) -> tuple[int, tuple[FSpan, ...], int] | None:
    """(line index, unit spans, fold offset after the colon) of the addressee segment; lines
    ``skip`` (a metadata block) are never addressees."""
    for i, ln in enumerate(lines):
        if i in skip:
            continue
        for start in _segment_starts(ln):
            colon = ln.text.find(":", start - ln.start)
            if colon < 0 or (colon > 0 and ln.text[colon - 1].isdigit()):
                continue
            seg_start, seg_end = start, ln.start + colon
            if NOTICE_TITLE.match(ln.text, colon + 1):
                continue  # 某某网站:关于印发…的通知 — a site's name before a title, not 主送
            k = prev_nonblank(lines, i, within=2) if start == ln.content_start else None  # a blank between (n321)
            if k is not None and k not in skip and _wraps_into(lines[k], colon - (start - ln.start)):
                seg_start = lines[k].content_start  # 各盟行政公署、…各大企业、/ 事业单位: — the line wrapped
                above = lines[k]  # its trailing blanks and the next line's indent go with the line break
                spans = _addressee_units(above.text[seg_start - above.start:above.content_end - above.start]
                                         + WRAP_FILL * (ln.content_start - above.content_end)
                                         + ln.text[ln.content_start - ln.start:colon], seg_start)
                if spans:
                    return i, spans, seg_end + 1
                seg_start = start
            spans = _addressee_units(ln.text[start - ln.start:colon], seg_start)
            if spans:
                return i, spans, seg_end + 1
    return None


def _wraps_into(prev: Line, tail: int) -> bool:
    """Does the addressee line go on from ``prev`` (its part before the colon ``tail`` long)?  After a
    list mark (各盟行政公署、… / 事业单位:), or inside a name of a list (…区属各企事 / 业单位:,
    …各行政公署,自治 / 区人民政府各部门、各直属机构:)."""
    s = prev.stripped
    if ":" in prev.text:
        return False
    if s.endswith(("、", ",")):
        return True
    if s.endswith(SENTENCE_ENDS) or not LIST_MARK.search(s) or DOC_TYPE_END.search(s):
        return False
    if tail <= WRAPPED_TAIL_MAX:
        return True
    # a long tail: the line above is a list of units whose last part is no unit (…,各行政公署,自治 / 区人民政府各部门…:)
    parts = LIST_MARK.split(s)
    return (len(parts) >= 3 and not looks_like_unit(parts[-1])
            and all(looks_like_unit(p) or BARE_PLACE.match(p) for p in parts[:-1]))


def _segment_starts(ln: Line):
    yield ln.content_start
    for m in re.finditer(r"的(?:通知|意见|决定)", ln.text):
        yield ln.start + m.end()


# What may stand before an addressee line's first unit: left-over HTML tags, a bracketed 文号.
ADDRESSEE_LEAD = re.compile(r"(?:\s*<[^<>\n]{1,40}>)*\s*(?:\([^()]*\d+\s*号\)\s*)?")


def _addressee_units(seg: str, offset: int) -> tuple[FSpan, ...]:
    lead = ADDRESSEE_LEAD.match(seg).end()  # <p>, (鄂州政办发〔2010〕10号) before the first unit
    seg, offset = seg[lead:], offset + lead
    if (not seg.strip() or len(seg) > ADDRESSEES_MAX or "。" in seg or BOILERPLATE.match(seg)
            or (NOT_ADDRESSEES.search(seg.strip()) and "各" not in seg) or NOT_UNIT_TEXT.search(seg)):  # 市政府各部门: a collective
        return ()
    parts = [(offset + x, offset + y) for a, b in split_list(seg) for x, y in split_joiners(seg, a, b)]
    if not parts:
        return ()
    words = [seg[a - offset:b - offset] for a, b in parts]
    # 县、市、区人民政府: bare places share the tail of the part after them
    good = sum(1 for k, w in enumerate(words) if looks_like_unit(w) or (
        BARE_PLACE.match(w.strip()) and any(looks_like_unit(x) for x in words[k + 1:])))
    if good / len(parts) < (0.6 if len(seg) <= ADDRESSEES_LONG else 0.8) or any(b - a > 30 for a, b in parts):
        return ()
    return tuple(parts)


ADDRESSEES_LONG = 200  # characters: a longer addressee line (39 units, n534) must be units almost throughout
ADDRESSEES_MAX = 600


# --- title ------------------------------------------------------------------------------

def _find_title(lines: list[Line], head_end: int, addr, skip: frozenset[int] = frozenset(),
                own_word: str | None = None) -> FieldValue | None:
    """The last notice-type title line before the addressees (or in the first lines), not in a
    metadata block (``skip``: its 名称 / 标题 value is the fallback).  ``own_word``: the 通告 / 公告
    the text calls itself, whose title line may end with it alone."""
    best = None
    for i in range(min(head_end + 1, len(lines))):
        if i in skip:
            continue
        ln = lines[i]
        limit = addr[1][0][0] if addr and i == addr[0] else ln.end
        text = ln.text[: limit - ln.start].rstrip()
        start = _after_title_prefix(ln)
        m = _notice_title_end(text, start - ln.start)
        own = own_word is not None and text.endswith(own_word) and len(text.strip()) > len(own_word) + 3
        end = ln.start + m if m else (ln.start + len(text) if own or _ends_title(lines, i, text) or ORDER_TITLE.fullmatch(
            text[start - ln.start:].strip()) or _order_head(lines, i, text[start - ln.start:].strip()) else None)
        if end is not None:
            title = fold_slice(ln, start, end)
            if not re.search(r"[,。]", title) and _balanced(title) and not CITATION_LEAD.match(title):
                best = (i, start, end)
    if best is None and addr:
        best = _loose_title(lines, addr[0], skip)
    return _complete_title(lines, *best) if best else None


def _order_head(lines: list[Line], i: int, text: str) -> bool:
    """某某市人民政府令 alone on line ``i``, 第8号 on the next: an order's title line (rule 26)."""
    nxt = next((n for n in lines[i + 1:i + 3] if n.stripped), None)
    return bool(ORDER_HEAD.fullmatch(text)) and nxt is not None and bool(ORDER_NUMBER.fullmatch(nxt.stripped))


def _loose_title(lines: list[Line], addr_line: int, skip: frozenset[int]) -> tuple[int, int, int] | None:
    """A 关于… line right above the addressees (a 文号 line between at most) that ends with a
    document-type word but not with 的通知 (…关于印发…工作方案, …关于2012年安全生产工作实施意见)."""
    k = prev_nonblank(lines, addr_line, within=3)
    if k is not None and DOC_NUMBER.fullmatch(lines[k].stripped.strip("()")):  # (晋政发〔2004〕9号) too
        k = prev_nonblank(lines, k, within=3)
    if k is None or k in skip:
        return None
    ln = lines[k]
    m = LOOSE_TITLE.search(ln.text) or ORGAN_TITLE.fullmatch(ln.stripped)
    if not m or re.search(r"[,。:;]", m.group(0)) or not _balanced(m.group(0)):
        return None
    if m.re is ORGAN_TITLE:  # 山西省人民政府2004年政府工作要点及责任分解 over its 文号 and addressees (n668)
        return k, ln.content_start, ln.content_end
    return k, ln.start + m.start(), ln.start + m.end()


TITLE_STOP = re.compile(r"[\s。,;:]")  # what never stands inside one title


def _notice_title_end(text: str, begin: int) -> int | None:
    """End of the first 关于…的通知 after ``begin`` with balanced 《》 from ``begin``: in
    ``关于印发《关于…的实施意见》的通知`` the title ends at 通知, not inside the quotes."""
    m = NOTICE_TITLE.search(text, begin)
    if not m:
        return None
    ends = [e.end() for e in re.finditer(NOTICE_TITLE_END.pattern.rstrip("$"), text[: m.end() + 150])
            if e.end() >= m.end() and _balanced(text[begin:e.end()])]
    if not ends:
        return None
    # 印发关于…纲要的报告工作目标责任分解的通知: the 报告 is the transmitted document's name, the title goes on
    later = [e for e in ends[1:] if COVERING_TITLE_END.search(text[:e]) and not TITLE_STOP.search(text, ends[0], e)]
    return later[-1] if later else ends[0]


def _balanced(s: str) -> bool:
    return s.count("《") + s.count("〈") <= s.count("》") + s.count("〉")


def _ends_title(lines: list[Line], i: int, text: str) -> bool:
    """A line ending a notice title, also when the wrap leaves a bare 通知 on the last line."""
    if NOTICE_TITLE_END.search(text):
        return True
    k = prev_nonblank(lines, i, within=2)
    return 0 < len(text.strip()) <= 6 and k is not None and k >= i - 2 and bool(
        NOTICE_TITLE_END.search(lines[k].stripped + text.strip()))


def fold_slice(ln: Line, a: int, b: int) -> str:
    return ln.text[a - ln.start:b - ln.start]


def _after_title_prefix(ln: Line) -> int:
    m = TITLE_PREFIX.match(ln.text)
    return ln.start + m.end() if m else ln.content_start


def _complete_title(lines: list[Line], i: int, start: int, end: int) -> FieldValue | None:
    """Join a title wrapped over lines (…行动 / 计划（2021-2025年）的通知) and the 发文机关 line above."""
    text = fold_slice(lines[i], start, end)
    j = i
    while "关于" not in text and not ORGAN_TITLE.fullmatch(text):  # (an organ's title is whole: 山西省人民政府2004年…分解)
        k = prev_nonblank(lines, j, within=2)
        if k is None or k < j - 2 or not _title_fragment(lines[k].stripped) or len(text) > 100:
            break
        j, start = k, lines[k].content_start
        text = lines[k].stripped + text
    k = prev_nonblank(lines, j, within=2)
    if k is not None and k >= j - 2 and TITLE_CUT_AT_VERB.search(lines[k].stripped) and _title_fragment(lines[k].stripped):
        j, start = k, lines[k].content_start  # 某市人民政府关于印发 / 关于…的意见的通知: the name transmitted opens with 关于
        text = lines[k].stripped + text
        k = prev_nonblank(lines, j, within=2)
    if text.startswith("关于") and k is not None and k >= j - 2 and org_names(lines[k].stripped):
        start = lines[k].content_start  # 西平县人民政府办公室 / 关于印发…的通知
    return FieldValue(value="", span=(start, end))


def _title_fragment(s: str) -> bool:
    """A line that can be the start of a wrapped title: not a sentence, a 文号, a label or furniture."""
    return (0 < len(s) <= 40 and not is_terminal(s) and not DOC_NUMBER.search(s) and not BOILERPLATE.match(s)
            and "|" not in s and not s.endswith("文件"))


# --- 发文字号 ----------------------------------------------------------------------------

def _find_doc_number(lines: list[Line], limit: int, fold: str, skip: frozenset[int] = frozenset()) -> FieldValue | None:
    """The 发文字号 before ``limit`` (the addressees): on its own line first, then after a 文号
    label, then glued to a title; never a citation (《…》(国发〔2015〕23号))."""
    ranked = []
    for i, ln in enumerate(lines):
        if ln.start >= limit:
            break
        if i in skip:  # a metadata block's 发文字号 is its field, not the notice's own 文号 line
            continue
        for m in DOC_NUMBER.finditer(ln.text, 0, limit - ln.start):
            a, b = ln.start + m.start(), ln.start + m.end()
            before = ln.text[: m.start()]
            if re.search(r"》\s*\($", before) or before.rstrip().endswith(("根据", "依据")):
                continue  # a citation: 《…》(国发〔2015〕23号)
            a = _trim_doc_prefix(fold, a, b)
            own = not before.strip() and not re.search(r"[\u4e00-\u9fff]", ln.text[m.end():])
            rank = 0 if own else 1 if DOC_NUMBER_LABEL.search(before) or before.rstrip().endswith(":") else 2
            ranked.append((rank, a, b))
    if not ranked:  # 某某市人民政府令 / 第8号: an order's number on the line under its 令 (rule 26)
        ranked = [(0, ln.content_start, ln.content_end) for i, ln in enumerate(lines[1:], 1)
                  if ln.start < limit and i not in skip and ORDER_NUMBER.fullmatch(ln.stripped)
                  and (k := prev_nonblank(lines, i, within=2)) is not None and ORDER_HEAD.fullmatch(lines[k].stripped)]
    if not ranked:  # a 文号 line that lost its 号 (咸安政发〔2019〕1, n107): on its own line only
        ranked = [(0, ln.content_start, ln.content_end) for i, ln in enumerate(lines)
                  if ln.start < limit and i not in skip and DOC_NUMBER_NO_HAO.fullmatch(ln.stripped)]
    if not ranked:
        return None
    rank, a, b = min(ranked)
    return FieldValue(value="", span=(a, b))


def _trim_doc_prefix(fold: str, a: int, b: int) -> int:
    """Cut title text glued before a doc number: …的通知龙府发〔2009〕 -> 龙府发〔2009〕."""
    head = fold[a:b]
    stop = min((head.find(c) for c in "〔[【(" if c in head), default=len(head))
    cut = max((head.rfind(w, 0, stop) + len(w) for w in DOC_NUMBER_BEFORE if head.rfind(w, 0, stop) >= 0), default=0)
    return a + cut
