"""The attachment list of a covering notice (附件：1.甲方案 / 2.乙清单, or one name on the line below),
and the title line where a second transmitted document starts."""
from __future__ import annotations

import re

from policyparse.grammar.envelope import ATTACHMENT
from policyparse.grammar.markers import LIST_ENTRY
from policyparse.structure.document_title import title_key
from policyparse.structure.draft import FieldValue
from policyparse.structure.lines import Line

ATTACHMENT_NAME_MAX = 60  # an attachment named alone on the line under 附件：
RUN_ON_GAP = re.compile(r"[ \t]+")  # a blank inside a line of a page whose lines were run together


def find_attachments(lines: list[Line], start: int, end: int, fold: str):
    """附件 entries and the spans of their blocks: ``附件：1.甲方案`` / ``2.乙清单`` on the next lines."""
    out, blocks = [], []
    for i, ln in enumerate(lines):
        if not start <= ln.start < end:
            continue
        m = ATTACHMENT.match(ln.text)
        if not m:
            continue
        if not m["list"]:  # 附件： / 1.甲方案 (or the one name) on the next line
            nxt = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].stripped), None)
            if nxt is None:
                continue
            if not LIST_ENTRY.match(lines[nxt].text):
                name = lines[nxt]
                if len(name.stripped) <= ATTACHMENT_NAME_MAX and "。" not in name.text:
                    out.append(FieldValue("", (name.content_start, name.content_end)))
                    blocks.append((ln.start, name.end))
                continue
            i, ln = nxt, lines[nxt]
            m = re.match(r"(?P<list>.*)", ln.text)
        first = LIST_ENTRY.match(fold, ln.start + m.start("list"), ln.end)
        if not first:
            a, b = ln.start + m.start("list"), ln.start + m.end("list")
            gap = RUN_ON_GAP.search(fold, a, b)
            if gap and (b - a > ATTACHMENT_NAME_MAX or "。" in fold[a:b]):
                b = gap.start()  # lines run together: the name ends at the first gap (`附件:甲预案 某某人民政府 …`)
            out.append(FieldValue("", (a, b)))
            blocks.append((ln.start, b if b < ln.start + m.end("list") else ln.end))
            continue
        j, block_end = i, ln.end
        while j < len(lines):
            item = LIST_ENTRY.match(fold, lines[j].start if j > i else first.start(), lines[j].end)
            if not item or (j > i and "。" in lines[j].text):
                break
            out.append(FieldValue("", (item.start("entry"), item.end("entry"))))
            block_end = lines[j].end
            j += 1
        blocks.append((ln.start, block_end))
    return tuple(out), tuple(blocks)


def second_document(lines: list[Line], start: int, first: FieldValue | None, attachments, fold: str) -> FieldValue | None:
    """The title line of the second (or a later) attachment after the first document starts: the
    notice transmits several documents, and only the first is this result's outline."""
    keys = {title_key(fold[a.span[0]:a.span[1]]) for a in attachments[1:]}
    first_end = first.span[1] if first else start
    for ln in lines:
        if ln.start >= max(start, first_end) and ln.stripped and title_key(ln.text) in keys:
            return FieldValue(ln.stripped, (ln.content_start, ln.content_end))
    return None
