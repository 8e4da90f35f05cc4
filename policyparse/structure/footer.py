"""A portal's site footer (主办单位: … 网站标识码 … ICP备…) left in a page's copy: furniture, cut out of the
regions the outline reads, so that its 主办单位: line is no unit list of the last item and does not make
that item look cut inside its units."""
from __future__ import annotations

from policyparse.grammar.envelope import FOOTER_CONTACT, SITE_FOOTER
from policyparse.structure.draft import FSpan
from policyparse.structure.lines import Line

FOOTER_REACH = 3  # lines around a footer line that may belong to the footer block


def footer_spans(lines: list[Line]) -> list[FSpan]:
    """Each footer block: a 网站标识码 / ICP备 / 版权所有 line with the contact and site lines next to it."""
    filled = [ln for ln in lines if ln.stripped]
    spans: list[FSpan] = []
    k = 0
    while k < len(filled):
        if not SITE_FOOTER.search(filled[k].text):
            k += 1
            continue
        top = k
        while top > 0 and k - top < FOOTER_REACH and _footer_line(filled[top - 1]):
            top -= 1
        end = k
        while end + 1 < len(filled) and _footer_line(filled[end + 1]):
            end += 1
        spans.append((filled[top].start, filled[end].end))
        k = end + 1
    return spans


def _footer_line(ln: Line) -> bool:
    return bool(SITE_FOOTER.search(ln.text) or FOOTER_CONTACT.search(ln.text))
