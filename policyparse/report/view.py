"""What the report shows, as plain data for the templates: every extracted value with an id,
the marks it leaves on the source (text spans, and boxes on the PDF pages), the outline.

Nothing here makes HTML: the templates do (``templates/``, jinja2 with autoescape), so every
value the document supplies is escaped where it is written."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyparse.report.boxes import BoxIndex
from policyparse.report.pages import PageImage
from policyparse.schema import Node, PolicyDocument, Span, Unit

BLANK_LINES = re.compile(r"\n(?:[ \t\u3000]*\n)+")
ENVELOPE_FIELDS = ("title", "doc_number", "issuer", "date", "public_note", "printed_by")
ENVELOPE_LABELS = {"title": "标题 title", "doc_number": "文号 doc_number", "issuer": "发文机关 issuer",
                   "date": "成文日期 date", "public_note": "附注 public_note", "printed_by": "印发 printed_by",
                   "addressees": "主送机关 addressees", "attachments": "附件 attachments", "cc": "抄送 cc",
                   "document": "文件标题 document title"}
# Drawing order on a page: large boxes first, so that the small ones on top take the clicks.
KIND_ORDER = {"item": 0, "envelope": 1, "title": 2, "deadline": 3, "unit": 4, "warning": 5}
LEGEND = (("envelope", "envelope field 公文要素"), ("item", "numbered item (task) 条目"), ("title", "item title 标题"),
          ("unit r-lead", "unit, lead 牵头"), ("unit r-responsible", "unit, responsible 负责"),
          ("unit r-supporting", "unit, supporting 配合"), ("deadline", "deadline 时限"), ("warning", "warning 警告"))


@dataclass
class Mark:
    """One value's place in the source: ``text[start:end]``."""

    id: str
    kind: str
    start: int
    end: int
    role: str | None = None

    @property
    def classes(self) -> str:
        return f"k-{self.kind}" + (f" r-{self.role}" if self.role else "")


@dataclass
class Box:
    ids: str
    classes: str
    left: float  # percent of the page
    top: float
    width: float
    height: float


@dataclass
class Page:
    number: int  # 1-based
    src: str  # file name beside the HTML, or a data: URI
    width: int  # pixels
    height: int
    boxes: list[Box] = field(default_factory=list)


@dataclass
class Segment:
    """A stretch of the text view, with the marks covering it (innermost last)."""

    text: str
    ids: str = ""
    classes: str = ""


@dataclass
class UnitRow:
    id: str
    unit: Unit


@dataclass
class Item:
    id: str
    node: Node
    title_id: str | None
    units: list[UnitRow]
    deadline_id: str | None
    children: list[Item]


@dataclass
class Field:
    id: str | None
    label: str
    value: str
    units: list[UnitRow] = field(default_factory=list)


@dataclass
class Report:
    doc: PolicyDocument
    marks: list[Mark]
    envelope: list[Field]
    items: list[Item]
    warnings: list[tuple[str | None, object]]
    pages: list[Page]
    segments: list[Segment]
    counts: dict[str, int]


def build_report(doc: PolicyDocument, layout=None, images: list[PageImage] | None = None,
                 image_src=None) -> Report:
    """The report's data; with a PDF's ``layout`` and rendered ``images`` the boxes on its
    pages (``image_src(image) -> str`` names each image), else the text view's segments."""
    marks: list[Mark] = []
    envelope = _envelope(doc, marks)
    counter = _Counter()
    items = [_item(node, doc, marks, counter) for node in doc.sections]
    warnings = []
    for k, issue in enumerate(doc.warnings):
        wid = None
        if issue.span is not None and issue.span.end >= issue.span.start:
            wid = f"w{k}"
            marks.append(Mark(wid, "warning", issue.span.start, max(issue.span.end, issue.span.start + 1)))
        warnings.append((wid, issue))
    marks = [m for m in marks if 0 <= m.start < m.end <= len(doc.text) or (m.kind == "warning" and m.start < len(doc.text))]
    pages: list[Page] = []
    segments: list[Segment] = []
    if layout is not None and images:
        pages = _pages(marks, layout, images, image_src)
    if not pages:
        segments = _segments(doc.text, marks)
    counts = {"items": counter.items, "units": counter.units}
    return Report(doc, marks, envelope, items, warnings, pages, segments, counts)


class _Counter:
    def __init__(self) -> None:
        self.items = self.units = self.deadlines = 0


def _span_mark(marks: list[Mark], id: str, kind: str, span: Span | None, role: str | None = None) -> str | None:
    if span is None or span.end <= span.start:
        return None
    marks.append(Mark(id, kind, span.start, span.end, role))
    return id


def _envelope(doc: PolicyDocument, marks: list[Mark]) -> list[Field]:
    fields: list[Field] = []
    notice = doc.notice
    if notice is not None:
        for name in ENVELOPE_FIELDS:
            value = getattr(notice, name)
            if value:
                fid = _span_mark(marks, f"e-{name}", "envelope", notice.spans.get(name))
                fields.append(Field(fid, ENVELOPE_LABELS[name], value))
        for name, prefix in (("addressees", "a"), ("cc", "c")):
            units = getattr(notice, name)
            if units:
                rows = [UnitRow(f"{prefix}{k}", u) for k, u in enumerate(units)]
                for row in rows:
                    _span_mark(marks, row.id, "unit", row.unit.span, row.unit.role)
                fields.append(Field(None, ENVELOPE_LABELS[name], "、".join(u.name for u in units), rows))
        if notice.attachments:
            fields.append(Field(None, ENVELOPE_LABELS["attachments"], "；".join(notice.attachments)))
    if doc.title:
        fields.append(Field(_span_mark(marks, "e-document", "envelope", doc.title_span), ENVELOPE_LABELS["document"], doc.title))
    return fields


def _item(node: Node, doc: PolicyDocument, marks: list[Mark], counter: _Counter) -> Item:
    iid = f"n{counter.items}"
    counter.items += 1
    _span_mark(marks, iid, "item", node.span)
    title_id = None
    if node.title:
        at = doc.text.find(node.title, node.span.start, node.span.end)
        if at >= 0:
            title_id = _span_mark(marks, f"{iid}-t", "title", Span(start=at, end=at + len(node.title)))
    units = []
    for unit in node.units:
        row = UnitRow(f"u{counter.units}", unit)
        counter.units += 1
        _span_mark(marks, row.id, "unit", unit.span, unit.role)
        units.append(row)
    deadline_id = None
    if node.deadline is not None:
        deadline_id = _span_mark(marks, f"{iid}-d", "deadline", node.deadline.span)
    children = [_item(child, doc, marks, counter) for child in node.children]
    return Item(iid, node, title_id, units, deadline_id, children)


def _pages(marks: list[Mark], layout, images, image_src) -> list[Page]:
    """Boxes on the page images; ``images`` may be a callable giving them, called once the
    boxes are known (the pages render meanwhile)."""
    index = BoxIndex(layout)
    tops = [box[3] for box in layout.media_boxes]
    placed = [(mark, index.rects(mark.start, mark.end)) for mark in sorted(marks, key=lambda m: (KIND_ORDER[m.kind], m.start))]
    images = images() if callable(images) else images
    pages = [Page(im.index + 1, image_src(im), im.pixels[0], im.pixels[1]) for im in images]
    by_index = {im.index: (im, page) for im, page in zip(images, pages)}
    for mark, rects in placed:
        for rect in rects:
            if rect.page not in by_index:
                continue
            image, page = by_index[rect.page]
            left, bottom, right, top = image.crop_box
            width, height = right - left, top - bottom
            shift = tops[rect.page] - top if rect.page < len(tops) else 0.0  # media box top above the crop box
            pad = 0.6
            page.boxes.append(Box(mark.id, mark.classes,
                                  _pct(rect.x0 - left - pad, width), _pct(rect.top - shift - pad, height),
                                  _pct(rect.x1 - rect.x0 + 2 * pad, width), _pct(rect.bottom - rect.top + 2 * pad, height)))
    return pages


def _pct(value: float, whole: float) -> float:
    return round(100.0 * value / whole, 3) if whole else 0.0


def _segments(text: str, marks: list[Mark]) -> list[Segment]:
    """The text cut at every mark boundary; each piece with the marks over it, widest first."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(min(m.end, len(text)) for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        active.sort(key=lambda m: (-(m.end - m.start), KIND_ORDER[m.kind]))
        piece = BLANK_LINES.sub("\n", text[a:b])  # doubled line breaks of the source: no large gaps
        if active:
            inner = active[-1]
            inside = " in-item" if inner.kind != "item" and any(m.kind == "item" for m in active) else ""
            out.append(Segment(piece, " ".join(m.id for m in active), inner.classes + inside))
        else:
            out.append(Segment(piece))
    return out
