"""OFD reader (GB/T 33190-2016, 版式文档): the text objects of each page, with their positions,
fed to the PDF layout stage (``pdf/layout.py``) as per-glyph boxes — no second pipeline.

An OFD file is a zip: ``OFD.xml`` names the document root (``DocBody/DocRoot``), whose
``Document.xml`` lists the pages (``Pages/Page@BaseLoc``) and the templates (``CommonData/
TemplatePage``) a page draws under or over itself.  A page's ``Content/Layer`` holds
``TextObject`` s (``Boundary="x y w h"``, ``Size``, optional ``CTM``) with ``TextCode`` runs:
``X``/``Y`` give the first glyph's baseline origin inside the object's boundary and
``DeltaX``/``DeltaY`` the advance to each next glyph (``g N D`` repeats the step D N times).
Units are millimetres, origin top-left; glyphs become ``layout.Char`` in points, top-down,
as pdfium gives them for a PDF.  ``PageBlock`` s are walked; path and image objects are not
read (ruled tables in an OFD are read as text lines, their cells split at column gaps).

Read with lxml (already a dependency) rather than easyofd, which needs PyMuPDF (AGPL); every
member goes through ``archive.read_member``.
"""
from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from policyparse.errors import CorruptInput, EmptyInput
from policyparse.ingest.archive import member_names, open_zip, read_member
from policyparse.ingest.pdf import layout as lay
from policyparse.ingest.pdf.reader import PageRead, drop_furniture, pages_to_text
from policyparse.ingest.source import Source

MM = 72 / 25.4  # points per millimetre
ASCENT, DESCENT = 0.88, 0.12  # of the font size: a CJK font's loose box around the baseline
A4 = (0.0, 0.0, 210.0, 297.0)
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


@dataclass(frozen=True)
class Matrix:
    """An affine map (a b c d e f) as in PDF and OFD: x' = a x + c y + e, y' = b x + d y + f."""

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    def then(self, other: Matrix) -> Matrix:
        """This map followed by ``other``."""
        a, b, c, d, e, f = self.a, self.b, self.c, self.d, self.e, self.f
        o = other
        return Matrix(a * o.a + b * o.c, a * o.b + b * o.d, c * o.a + d * o.c, c * o.b + d * o.d,
                      e * o.a + f * o.c + o.e, e * o.b + f * o.d + o.f)

    @property
    def scale(self) -> float:
        return math.sqrt(abs(self.a * self.d - self.b * self.c)) or 1.0


def read_ofd(data: bytes, name: str, sha256: str) -> Source:
    """Read an OFD package's text; ``CorruptInput`` on a package that is not a readable OFD."""
    archive = open_zip(data, name)
    with archive:
        package = Package(archive, name)
        pages = [page_read(i, chars, box) for i, (chars, box) in enumerate(package.pages())]
    if not any(p.glyphs for p in pages):
        raise EmptyInput(f"{name}: the OFD has no text objects (scanned images?)")
    text, starts, _runs = pages_to_text(drop_furniture(pages))  # glyph runs: the report shows OFD as text for now
    return Source(name=name, sha256=sha256, format="ofd", text=text, pages=len(pages), page_starts=starts)


def page_read(index: int, chars: list[lay.Char], box: tuple[float, float, float, float]) -> PageRead:
    lines = lay.chars_to_lines(chars, index)
    return PageRead(index, tuple(lines), (), len(chars), 0, 0, (box[2] - box[0]) * MM)


class Package:
    """The members of one OFD package, located through OFD.xml and Document.xml."""

    def __init__(self, archive, name: str):
        self.archive, self.name = archive, name
        self.members = {n.lstrip("/").lower(): n for n in member_names(archive)}
        root = self.xml("OFD.xml")
        doc_root = _first(root, "DocBody/DocRoot")
        if doc_root is None or not (doc_root.text or "").strip():
            raise CorruptInput(f"{name}: OFD.xml names no document (DocBody/DocRoot)")
        self.doc_path = doc_root.text.strip().lstrip("/")
        self.document = self.xml(self.doc_path)
        area = _first(self.document, "CommonData/PageArea/PhysicalBox")
        self.box = _box(area.text if area is not None else None, A4)
        self.templates = {t.get("ID"): self._resolve(self.doc_path, t.get("BaseLoc", ""))
                          for t in _all(self.document, "CommonData/TemplatePage")}

    def xml(self, path: str) -> etree._Element:
        member = self.members.get(path.lstrip("/").lower())
        if member is None:
            raise CorruptInput(f"{self.name}: damaged OFD (member {path!r} is missing)")
        try:
            return etree.fromstring(read_member(self.archive, member, self.name), PARSER)
        except etree.XMLSyntaxError as exc:
            raise CorruptInput(f"{self.name}: damaged OFD ({path}: {exc})") from None

    def _resolve(self, base_file: str, loc: str) -> str:
        if loc.startswith("/"):
            return loc.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(base_file), loc))

    def pages(self):
        """(glyphs, page box in mm) of every page, in the order Document.xml lists them."""
        listed = _all(self.document, "Pages/Page")
        if not listed:
            raise CorruptInput(f"{self.name}: the OFD lists no pages")
        for entry in listed:
            path = self._resolve(self.doc_path, entry.get("BaseLoc", ""))
            page = self.xml(path)
            area = _first(page, "Area/PhysicalBox")
            box = _box(area.text if area is not None else None, self.box)
            chars: list[lay.Char] = []
            for template in _all(page, "Template"):
                loc = self.templates.get(template.get("TemplateID"))
                if loc is not None and loc.lower() in self.members:
                    chars.extend(content_chars(self.xml(loc), box))
            chars.extend(content_chars(page, box))
            yield chars, box


def content_chars(page: etree._Element, box: tuple[float, float, float, float]) -> list[lay.Char]:
    """Every glyph of a page (or template) content, in points from the page box's top-left."""
    chars: list[lay.Char] = []
    for text_object in page.iter("{*}TextObject"):
        chars.extend(text_object_chars(text_object, box))
    return chars


def text_object_chars(obj: etree._Element, box: tuple[float, float, float, float]) -> list[lay.Char]:
    x0, y0, _, _ = _box(obj.get("Boundary"), (0.0, 0.0, 0.0, 0.0))
    ctm = Matrix(*_numbers(obj.get("CTM"))[:6]) if len(_numbers(obj.get("CTM"))) >= 6 else Matrix()
    to_page = ctm.then(Matrix(e=x0 - box[0], f=y0 - box[1]))
    size = _float(obj.get("Size"), 3.5) * ctm.scale * MM
    chars: list[lay.Char] = []
    x = y = 0.0
    for code in obj.iter("{*}TextCode"):
        text = code.text or ""
        x = _float(code.get("X"), x)
        y = _float(code.get("Y"), y)
        dx = deltas(code.get("DeltaX"), len(text) - 1)
        dy = deltas(code.get("DeltaY"), len(text) - 1)
        for i, ch in enumerate(text):
            step = dx[i] if i < len(dx) else None
            px, py = to_page.apply(x, y)
            advance = (step if step is not None else _float(obj.get("Size"), 3.5) * (1.0 if lay.is_wide(ch) else 0.5))
            right, _ = to_page.apply(x + advance, y)
            if not ch.isspace() or ch == " ":
                left, top = px * MM, py * MM
                chars.append(lay.Char(ch, left, max(left, right * MM), top - ASCENT * size, top + DESCENT * size, size))
            if i < len(text) - 1:
                x += step if step is not None else advance
                y += dy[i] if i < len(dy) else 0.0
    return chars


def deltas(value: str | None, count: int) -> list[float]:
    """``DeltaX``/``DeltaY``: numbers, ``g N D`` standing for D repeated N times."""
    if not value:
        return []
    out: list[float] = []
    tokens = value.split()
    i = 0
    while i < len(tokens) and len(out) < count:
        if tokens[i] == "g" and i + 2 < len(tokens):
            out.extend([_float(tokens[i + 2], 0.0)] * int(_float(tokens[i + 1], 0.0)))
            i += 3
        else:
            out.append(_float(tokens[i], 0.0))
            i += 1
    return out[:count]


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = _all(root, path)
    return found[0] if found else None


def _all(root: etree._Element, path: str) -> list[etree._Element]:
    """Children along ``A/B/C`` in any namespace (OFD files use ofd: or none)."""
    nodes = [root]
    for step in path.split("/"):
        nodes = [child for node in nodes for child in node if isinstance(child.tag, str)
                 and etree.QName(child).localname == step]
    return nodes


def _numbers(value: str | None) -> list[float]:
    return [float(n) for n in NUMBER.findall(value or "")]


def _float(value: str | None, default: float) -> float:
    try:
        result = float(value) if value is not None else default
    except ValueError:
        return default
    return result if math.isfinite(result) else default


def _box(value: str | None, default: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """``"x y w h"`` -> (x0, y0, x1, y1)."""
    numbers = _numbers(value)
    if len(numbers) < 4 or numbers[2] <= 0 or numbers[3] <= 0:
        return default if value is None or len(numbers) < 4 else (numbers[0], numbers[1], numbers[0], numbers[1])
    x, y, w, h = numbers[:4]
    return x, y, x + w, y + h
