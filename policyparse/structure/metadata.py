"""A portal page's metadata block (索引号 / 发布机构 / 成文日期 / 文号 …) read as fields.

Lines that start with a metadata key (``grammar.envelope.METADATA_KEYS``) hold ``key: value``
pairs, several to a line, as ``key: | value |`` table cells, or as ``【key】value`` / ``[ key ] value``
(a key alone on its line marks the line as metadata; the value on the line below is not read), or a
key that opens its line before spaces and its value (文件名称 石泉县…的通知, n483);
a value runs to the next key, a cell bar or the line end.  The block feeds the envelope where the document
itself does not say (no signature: issuer and date; no 文号 line; no title line) and its lines
are never addressees or title text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyparse.grammar.envelope import DOC_NUMBER_TEXT, METADATA_KEY, METADATA_KEY_SPACED, METADATA_KEY_SPACED_LATER, METADATA_KEYS
from policyparse.grammar.numerals import iso_date
from policyparse.grammar.unitnames import looks_like_unit
from policyparse.structure.draft import FieldValue
from policyparse.structure.lines import Line

FIELD_OF = {key: name for key, name, _ in METADATA_KEYS}
# Where a line's first key may stand: after spaces, bullets and list marks (• ∙ · - >).
LEAD = re.compile(r"\s*[•∙·\-*>|]*\s*")  # also the | that opens a row of a metadata table
VALUE_BELOW_MAX = 60  # a value on the line under its key is one short line
DOC_NUMBER_LINE = re.compile(rf"[(〔\[]?{DOC_NUMBER_TEXT}[)〕\]]?")
DOC_NUMBER_WHOLE = re.compile(DOC_NUMBER_TEXT)
# The rest of a 文号 at the start of the line below its key's line: 〔2023〕1号 / 2023〕1号 / 1号
DOC_NUMBER_REST = re.compile(r"\s*[〔\[【(]?\s*(?:(?:19|20)\d{2}\s*[〕\]】)])?\s*\d{0,4}\s*号")
# A value: text up to a cell bar; stripped of spaces and bars.
VALUE_TRIM = " \t|"
# An ISO or Chinese date in a value: 2020-06-16, 2020/6/16, 2020年06月16日, 2020.06.16
VALUE_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")


# A 文号 value has a year or a number: 泾政〔2023〕1号, 牟政办发〔201746
DOC_NUMBER_VALUE = re.compile(r"\d")
CATEGORY_PREFIX = re.compile(r"\s*【[^】\n]{1,10}】\s*")


@dataclass(frozen=True)
class Metadata:
    """The fields a metadata block gives (first value of each), and its lines' indexes."""

    fields: dict[str, FieldValue] = field(default_factory=dict)
    lines: frozenset[int] = frozenset()


# A metadata organ that names no organ: a database's catch-all category (湖北省黄冈市其他机构, n610).
PLACEHOLDER_ORGAN = re.compile(r"其他机构\s*$|^\s*(?:省|市|县|区)?(?:其他|其它)")


def find_metadata(lines: list[Line], stop: int) -> Metadata:
    """The metadata block among ``lines[:stop]``."""
    fields: dict[str, FieldValue] = {}
    found: set[int] = set()
    for i, ln in enumerate(lines[:stop]):
        lead = LEAD.match(ln.text).end()
        first = METADATA_KEY.match(ln.text, lead) or METADATA_KEY_SPACED.match(ln.text, lead)
        if not first:
            continue
        found.add(i)
        pairs = line_pairs(ln)
        for key, (a, b) in pairs:
            name = FIELD_OF.get(key)
            if (name == "doc_number" and name not in fields and b == ln.content_end and i + 1 < stop
                    and (end := _wrapped_doc_number(ln, lines[i + 1], a))):
                fields[name] = FieldValue("", (a, end))
                found.add(i + 1)
            if name and name not in fields and (value := _value(name, ln, a, b)):
                fields[name] = value
        below = _value_below(lines, i, stop, pairs)
        if below is not None:  # • 发文字号: / 镇政发〔2024〕7号 — key and value one a line (a page's cells read in order)
            found.add(below)
            name = FIELD_OF.get(pairs[-1][0])
            vl = lines[below]
            if name and name not in fields and (value := _value(name, vl, vl.content_start, vl.content_end)):
                fields[name] = value
    return Metadata(fields, frozenset(found))


def _wrapped_doc_number(ln: Line, nxt: Line, a: int) -> int | None:
    """The end of a 文号 value that a PDF line wrapped (文号:泾政 / 〔2023〕1号 …): the line below opens with
    the rest, and the two make one 发文字号."""
    rest = DOC_NUMBER_REST.match(nxt.text)
    head = ln.text[a - ln.start:]
    if rest and DOC_NUMBER_WHOLE.fullmatch(head + rest.group(0)):
        return nxt.start + rest.end()
    return None


def _value_below(lines: list[Line], i: int, stop: int, pairs) -> int | None:
    """The line holding the value of line ``i``'s last key when that key has none on its own line."""
    if len(pairs) != 1 or pairs[0][1][1] > pairs[0][1][0]:
        return None  # only a key alone on its line (`文号 :` ending a line of pairs is an empty field)
    k = next((k for k in range(i + 1, min(i + 3, stop)) if lines[k].stripped), None)
    if k is None or len(lines[k].stripped) > VALUE_BELOW_MAX:
        return None
    nxt = lines[k]
    if FIELD_OF.get(pairs[0][0]) != "doc_number" and DOC_NUMBER_LINE.fullmatch(nxt.stripped):
        return None  # • 来源: / 甘政发〔2012〕53号: the notice's own 文号 line, not the empty field's value (n482)
    return None if METADATA_KEY.match(nxt.text, LEAD.match(nxt.text).end()) else k


def line_pairs(ln: Line) -> list[tuple[str, tuple[int, int]]]:
    """(key, fold span of its value) for each key of a metadata line."""
    keys = list(METADATA_KEY.finditer(ln.text))
    lead = LEAD.match(ln.text).end()
    if (spaced := METADATA_KEY_SPACED.match(ln.text, lead)) and not (keys and keys[0].start() == lead):
        # 文件名称 石泉县…的通知: a key that opens its line before spaces, and later keys between spaces
        later = [m for m in METADATA_KEY_SPACED_LATER.finditer(ln.text, spaced.end())
                 if not any(k.start() <= m.start() < k.end() or m.start() <= k.start() < m.end() for k in keys)]
        keys = sorted([spaced, *keys, *later], key=lambda m: m.start())
    pairs = []
    for k, m in enumerate(keys):
        end = keys[k + 1].start() if k + 1 < len(keys) else len(ln.text)
        key = re.sub(r"\s+", "", m.groupdict().get("skey") or m["key"] or m["bkey"] or m["lkey"])
        a, b = m.end(), end
        bar = ln.text.find("|", a, b)
        if bar >= 0 and ln.text[a:bar].strip():
            b = bar  # key: value | …
        elif bar >= 0:  # key: | value |
            nxt = ln.text.find("|", bar + 1, b)
            a, b = bar + 1, nxt if nxt >= 0 else b
        while a < b and ln.text[a] in VALUE_TRIM:
            a += 1
        while b > a and ln.text[b - 1] in VALUE_TRIM:
            b -= 1
        pairs.append((key, (ln.start + a, ln.start + b)))
    return pairs


def _value(name: str, ln: Line, a: int, b: int) -> FieldValue | None:
    if b <= a:
        return None
    if name == "date":
        m = VALUE_DATE.search(ln.text, a - ln.start, b - ln.start)
        iso = iso_date(m) if m else None  # the signature date's check and ISO form
        return FieldValue(iso, (ln.start + m.start(), ln.start + m.end())) if iso else None
    value = ln.text[a - ln.start:b - ln.start]
    if name == "issuer" and (not looks_like_unit(value) or PLACEHOLDER_ORGAN.search(value)):
        return None  # 发布部门: 信息补充中 / 湖北省黄冈市其他机构 (a placeholder, no organ)
    if name == "doc_number" and not DOC_NUMBER_VALUE.search(value):
        return None  # 文号: 所属主题: … (an empty field before an unknown key)
    if name == "title" and (category := CATEGORY_PREFIX.match(value)):
        a += category.end()  # 名称: 【保基本民生】宣城市…的通知: the column, not the title (n471)
    return FieldValue("", (a, b))
