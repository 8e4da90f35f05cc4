"""The signature block of a covering notice: issuer (one organ, joint organs one a line or side
by side), the date under it, and the 附注 after it (（此件公开发布）)."""
from __future__ import annotations

import re

from policyparse.grammar.envelope import SIGN_DATE, digits_date, is_org_line, org_names
from policyparse.grammar.numerals import iso_date
from policyparse.structure.draft import FieldValue
from policyparse.structure.lines import Line, prev_nonblank

JOINT_GAP_MAX = 10  # blank lines between two rows of a joint signature
JOINT_ISSUERS_MAX = 20  # signature lines of joint issuers, one organ a line or two side by side (n404: 18 organs)
# A 附注 alone: （此件公开发布）
NOTE_ONLY = re.compile(r"[(\[]\s*(?P<note>此件[^)\]\n]{1,12}?)\s*[)\]]")
# 附注 after the signature: （此件公开发布） / 此件公开发布 on its own line.
# (or labelled on a line below the date, as a page writes its 公开方式: 公开方式:主动公开, n665; rule 37)
PUBLIC_NOTE_AFTER = re.compile(r"\s{0,40}?(?:[(\[]\s*(?P<b>此件[^)\]\n]{1,12}?)\s*[)\]]|(?:^|\n)\s*(?P<l>此件[^\n]{1,12}?"
                               r"|公开方式\s*:\s*(?:主动公开|依申请公开|不予公开))\s*(?:\n|$))", re.MULTILINE)
# An issuer just before an inline date: 蔡甸区人民政府办公室 2023年1月3日
INLINE_ISSUER = re.compile(r"(?:^|[\s。])(?P<org>[\u4e00-\u9fff()]{4,30})\s*$")  # also glued (a PDF's 文山州人民政府2022年8月1日)
# The issuer ending the line above a date, after a sentence and a blank (lines run together, n409):
# `…同时废止。 乐山市人民政府办公室` / `2020年10月9日 乐山市政府信息主动公开办法`
ISSUER_LINE_END = re.compile(r"(?:^|[\s。])(?P<org>[\u4e00-\u9fff()]{4,30})\s*$")
# What may stand after a date on its own line: nothing that spells anything (`2022年7月27日??????`)
NO_TEXT = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]*")
# What may follow a date that closes a notice: 主题词：/抄送：/印发/（此件…）
SIGN_TRAILER = re.compile(r"\s*(?:主题词|抄送|印发|\(此件)")


def find_signature(lines: list[Line], after: int, fold: str):
    """(date, issuer, fold start of the signature block, fold end of the date).

    The date stands on its own line (the issuer on the line above), or follows the issuer on
    the same line (``…办公室 2023年1月3日``, text run together), or precedes 主题词/抄送/印发."""
    for i, ln in enumerate(lines):
        if ln.end <= after:
            continue
        for m in SIGN_DATE.finditer(ln.text):
            if ln.start + m.start() < after or iso_date(m) is None:
                continue
            found = _signature_at(lines, i, m, after)
            if found:
                return found
    return _digits_signature(lines, after)


def _digits_signature(lines: list[Line], after: int):
    """A signature whose date lost its 年/月/日 (常山县人民政府办公室 / 2023626): a digits-only line right
    under an organisation line."""
    for i, ln in enumerate(lines):
        if ln.start < after or not (iso := digits_date(ln.text)):
            continue
        k = prev_nonblank(lines, i, within=2, after=after)
        if k is not None and org_names(lines[k].stripped) and _body_before(lines, after, k):
            top = _joint_issuers(lines, k, after)
            date = FieldValue(iso, (ln.content_start, ln.content_end))
            return date, FieldValue("", (lines[top].content_start, lines[k].content_end)), lines[top].start, ln.end
    return None, None, None, None


def _body_before(lines: list[Line], after: int, k: int) -> bool:
    """A sentence of the notice's body stands between ``after`` and line ``k``: an organ line over a date
    in numbers is a signature only below a body (not a metadata block's values: 长清区政府 / 2021-04-01)."""
    return any(ln.start >= after and ("。" in ln.text or len(IDEOGRAPH.findall(ln.text)) >= BODY_LINE_MIN)
               for ln in lines[:k])


BODY_LINE_MIN = 15  # ideographs: a line of the body (a sentence that lost its 。 too), not a metadata value
IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def _signature_at(lines: list[Line], i: int, m: re.Match[str], after: int):
    ln = lines[i]
    date = FieldValue(iso_date(m), (ln.start + m.start(), ln.start + m.end()))
    before, rest = ln.text[: m.start()], ln.text[m.end():]
    end = ln.start + m.end()
    note_after = bool(NOTE_ONLY.fullmatch(rest.strip()))  # 2021年1月20日（此件公开发布）: a PDF joined the two
    note_before = bool(NOTE_ONLY.fullmatch(before.strip()))  # (此件发至乡)      2017年6月13日: the note set left of it
    if (not before.strip() or note_before) and (NO_TEXT.fullmatch(rest) or note_after):  # the date on its own line
        line_end = end if note_after else ln.end
        k = prev_nonblank(lines, i, after=after)
        if k is not None and org_names(lines[k].stripped) and lines[k].start >= after:
            top = _joint_issuers(lines, k, after)
            return date, FieldValue("", (lines[top].content_start, lines[k].content_end)), lines[top].start, line_end
        return date, None, ln.start, line_end
    if not before.strip() and rest[:1].isspace():  # the date starts a run-together line
        k = prev_nonblank(lines, i, after=after)
        org = ISSUER_LINE_END.search(lines[k].text) if k is not None and lines[k].start >= after else None
        if org and is_org_line(org["org"]):
            a, b = lines[k].start + org.start("org"), lines[k].start + org.end("org")
            return date, FieldValue("", (a, b)), a, end
    org = INLINE_ISSUER.search(before)
    if org and is_org_line(org["org"]):
        a = ln.start + org.start("org")
        left = before[:org.start("org")]
        if (not left.strip() or org_names(left)) and lines[i].start >= after:  # joint issuers side by side, the date glued to the last
            a = lines[_joint_issuers(lines, i, after)].content_start
        return date, FieldValue("", (a, ln.start + org.end("org"))), a, end
    if SIGN_TRAILER.match(rest):
        return date, None, ln.start + m.start(), end
    return None


def _joint_issuers(lines: list[Line], k: int, after: int) -> int:
    """The first of the signature lines ending at line ``k``: joint issuers stand one a line
    (中共岳阳市委办公室 / 岳阳市人民政府办公室), above each other, blank lines between at most
    ``JOINT_GAP_MAX`` (a page that pads each signature row with empty paragraphs, n534)."""
    top, count = k, 1
    while count < JOINT_ISSUERS_MAX:
        above = prev_nonblank(lines, top, within=JOINT_GAP_MAX + 1)
        if above is None or lines[above].start < after or not org_names(lines[above].stripped):
            return top
        top, count = above, count + 1
    return top


def find_public_note(lines: list[Line], after: int, fold: str) -> FieldValue | None:
    """附注 right after the signature: （此件公开发布） inline or on one of the next lines."""
    m = PUBLIC_NOTE_AFTER.match(fold, after)
    if m:
        g = "b" if m["b"] else "l"
        return FieldValue("", (m.start(g), m.end(g)))
    return None


def note_before_date(fold: str, date: FieldValue) -> FieldValue | None:
    """附注 set on the date's line left of it: (此件发至乡)      2017年6月13日 (n653)."""
    line_start = fold.rfind("\n", 0, date.span[0]) + 1
    m = NOTE_ONLY.search(fold, line_start, date.span[0])
    if m is None or fold[line_start:m.start()].strip() or fold[m.end():date.span[0]].strip():
        return None  # the note alone before the date, nothing else on the line
    return FieldValue("", m.span("note"))


NOTE_LINES_MAX = 8  # an unsigned notice's 附注 stands within its first lines after the addressees


def find_note_line(lines: list[Line], after: int) -> FieldValue | None:
    """附注 of a notice whose signature the text leaves out: a line that is only （此件公开发布）,
    among the first lines after ``after`` (the transmittal paragraph, then the note)."""
    seen = 0
    for ln in lines:
        if ln.start < after or not ln.stripped:
            continue
        m = NOTE_ONLY.fullmatch(ln.text, ln.content_start - ln.start, ln.content_end - ln.start)
        if m:
            return FieldValue("", (ln.start + m.start("note"), ln.start + m.end("note")))
        seen += 1
        if seen >= NOTE_LINES_MAX:
            return None
    return None
