"""PDF reader: bytes -> ``Source`` whose text reads like the same document saved as .txt.

Text comes from pypdfium2 (glyphs with their loose boxes and font size, 20-40x faster than
pdfminer); pdfplumber's table finder runs only on pages whose vector graphics look like a
ruled table, on the edges of pdfium's path objects (``rulings``; pdfplumber opens the PDF
only for a page those cannot stand for).  Stages (each in ``pdflayout`` when it is pure geometry):

    open (CorruptInput on bad input) -> page glyphs -> tables (ruled pages only)
    -> visual lines -> page furniture dropped -> paragraphs + table rows -> Source

One line per paragraph; table rows as ``cell | cell | cell |``; ``page_starts`` holds the
offset where each page's text begins.  Warnings: W501 page without text, W502 glyphs
without a Unicode mapping.
About 410 lines: the pdfium calls of the reading path stand here, under the one lock they share (the
geometry, tables, rulings and OCR are modules of their own that this one calls).
"""
from __future__ import annotations

import ctypes
import io
import math
import re
import threading
from dataclasses import dataclass, replace
from itertools import pairwise

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from policyparse.errors import At, CorruptInput, Warn, Warnings, warn
from policyparse.ingest.pdf import borderless, furniture, ocr, ocr_second, ocr_views, rulings
from policyparse.ingest.pdf import layout as lay
from policyparse.ingest.pdf.pagetext import pages_to_text, views_to_pages
from policyparse.ingest.pdf.tables import FURNITURE_CHARS, Table, grid_to_table
from policyparse.ingest.source import GlyphLayout, Source

# Where the file header may sit (PDF 1.7, 7.5.2 tolerates leading junk): %PDF-1.7
PDF_HEADER = re.compile(rb"%PDF-\d")
# pdfminer's rendering of an unmapped glyph, should it reach us through a text layer: (cid:123)
CID_GARBAGE = re.compile(r"\(cid:\d+\)")

_LOAD_ERRORS = {
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted PDF (a password is needed to open it)",
    pdfium_c.FPDF_ERR_SECURITY: "PDF with an unsupported security handler",
    pdfium_c.FPDF_ERR_FORMAT: "damaged PDF (cannot read its structure)",
    pdfium_c.FPDF_ERR_FILE: "damaged PDF (cannot read the file)",
}
_BAD_CODEPOINTS = (0, 0xFFFD, 0xFFFE, 0xFFFF)
_new_char = tuple.__new__  # Char(...) without NamedTuple's Python-level __new__ (hot loop)
_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
MIN_CELL_BOXES = 4  # a table drawn as one rectangle per cell (reportlab, some Word exports)
_IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE

# pdfium is not thread-safe: no two of its calls may run at once in one process, not even on
# different documents (pypdfium2's documentation).  Every pdfium call of the project (reading
# here; page rendering, should it come) holds this lock.  Re-entrant, so a holder may nest.
PDFIUM_LOCK = threading.RLock()


@dataclass(frozen=True)
class PageRead:
    """What one page gave: its visual lines and tables, and what went wrong."""

    index: int
    lines: tuple[lay.Line, ...]
    tables: tuple[Table, ...]
    glyphs: int
    garbled: int
    images: int
    width: float = math.inf  # of the media box, in points
    media_box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    ocr: float | None = None  # mean OCR confidence when the page's text came from OCR
    view: ocr_views.View | None = None  # an OCR'd page turned or cut before it was read (``index`` counts views)
    one_reading: bool = False  # an OCR'd page read without the second recogniser (``ocr_second``)

    @property
    def number(self) -> int:
        """The 1-based number of the PDF page this was read from."""
        return (self.view.page if self.view is not None else self.index) + 1


def read_pdf(data: bytes, name: str, sha256: str) -> Source:
    """Read a PDF's text layer; raise ``CorruptInput`` on anything that is not a readable PDF."""
    check_bytes(data, name)
    pages = read_pages(data, name)
    warnings = page_warnings(pages, name)
    text, starts, runs = pages_to_text(pages)
    if CID_GARBAGE.search(text):
        warnings.append(warn(Warnings.CID_CODES, name=name))
    firsts = [p for p in pages if p.view is None or p.view.half < 2]  # the first view of each PDF page
    if any(p.view is not None for p in pages):
        starts, runs = views_to_pages(pages, starts, runs)
    layout = GlyphLayout(tuple(runs), tuple(p.media_box for p in firsts))
    return Source(name=name, sha256=sha256, format="pdf", text=text, pages=len(firsts),
                  page_starts=starts, warnings=tuple(warnings), layout=layout)


def check_bytes(data: bytes, name: str) -> None:
    """A PDF starts with %PDF- (within its first KB) and ends with %%EOF (its last KB)."""
    if not PDF_HEADER.search(data[:1024]):
        raise CorruptInput(f"{name}: not a PDF (expected a '%PDF-' header, found {data[:8]!r})")
    if b"%%EOF" not in data[-2048:]:
        raise CorruptInput(f"{name}: truncated PDF (no '%%EOF' end marker; the file was cut short)")


def open_document(data: bytes, name: str) -> pdfium.PdfDocument:
    """Load with the raw API: pypdfium2's loader reports a stale error code for a 0-page PDF.
    ``data`` must outlive the document (pdfium reads it in place)."""
    raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not raw:
        code = pdfium_c.FPDF_GetLastError()
        raise CorruptInput(f"{name}: {_LOAD_ERRORS.get(code, f'unreadable PDF (pdfium error {code})')}")
    doc = pdfium.PdfDocument(raw)
    if len(doc) < 1:
        doc.close()
        raise CorruptInput(f"{name}: PDF with no pages")
    return doc


def read_pages(data: bytes, name: str) -> list[PageRead]:
    """Every page's lines and tables, with page numbers and running headers/footers dropped.

    pdfium runs under ``PDFIUM_LOCK``, page by page; pdfplumber's table finder and the
    layout geometry (pure Python) run outside it, so threads interleave between pages."""
    with PDFIUM_LOCK:
        doc = open_document(data, name)
        count = len(doc)
    pages: list[PageRead] = []
    try:
        with RuledTables(data, name) as table_finder:
            for i in range(count):  # a two-up sheet is read as two views: later pages' ``index`` shifts
                pages += read_page(doc, i, table_finder, name, len(pages), _open_table(pages[-1] if pages else None))
    finally:
        with PDFIUM_LOCK:
            doc.close()
    return drop_furniture(pages)


class RuledTables:
    """pdfplumber's table finder over pypdfium2's glyphs: on the edges of the page's pdfium paths
    (``rulings``), or on pdfplumber's own reading of the page where those cannot stand for it
    (the PDF opened at the first such page)."""

    def __init__(self, data: bytes, name: str):
        self.data, self.name = data, name
        self.pdf: pdfplumber.PDF | None = None

    def __enter__(self) -> RuledTables:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pdf is not None:
            try:
                self.pdf.close()
            except (PdfminerException, MalformedPDFException, PSException, TypeError, ValueError, KeyError):
                pass  # closing a damaged in-memory PDF after its pages were read loses nothing (fuzzing, issue 11)

    def __call__(self, index: int, chars: list[lay.Char], at: int | None = None,
                 paths: tuple[float, list[rulings.Subpath]] | None = None) -> tuple[Table, ...]:
        grids = self._vector_grids(index, paths) if paths is not None else None
        if grids is None or rulings.on_borders(grids, chars):  # a page pdfium's paths cannot stand for
            grids = self._plumber_grids(index)
        tables = (grid_to_table(grid, chars, index if at is None else at) for grid in grids)
        return tuple(t for t in tables if t is not None)

    def _vector_grids(self, index: int, paths: tuple[float, list[rulings.Subpath]]) -> list | None:
        height, subpaths = paths
        try:
            return rulings.edges_to_grids(rulings.paths_to_edges(height, subpaths), height)
        except (ArithmeticError, AssertionError, TypeError, ValueError, KeyError, IndexError):
            return None  # absurd coordinates (inf, nan: fuzzing): pdfplumber reads the page, or says what is wrong

    def _plumber_grids(self, index: int) -> list:
        try:
            if self.pdf is None:
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
            page = self.pdf.pages[index]
            grids = [[list(row.cells) for row in found.rows] for found in page.find_tables()]
            page.close()
        except (PdfminerException, MalformedPDFException, PSException) as exc:
            raise CorruptInput(f"{self.name}: damaged page {index + 1} ({exc})") from None
        except IndexError:  # pdfminer finds fewer pages than pdfium (fuzzing, issue 11)
            raise CorruptInput(f"{self.name}: damaged page tree (page {index + 1} cannot be found again)") from None
        except (TypeError, ValueError, KeyError, AttributeError) as exc:  # pdfminer on damaged objects (fuzzing)
            raise CorruptInput(f"{self.name}: damaged page {index + 1} ({type(exc).__name__}: {exc})") from None
        return grids


def _open_table(page: PageRead | None) -> Table | None:
    """An unruled table that ends its page (nothing but short lines below it): its rows may go on."""
    if page is None or not page.tables or not page.tables[-1].unruled:
        return None
    last = page.tables[-1]
    return None if any(ln.top > last.bottom and len(ln.text.strip()) > FURNITURE_CHARS for ln in page.lines) else last


def read_page(doc: pdfium.PdfDocument, index: int, table_finder: RuledTables, name: str, at: int,
              above: Table | None = None) -> tuple[PageRead, ...]:
    """PDF page ``index`` read as the view(s) ``at``, ``at + 1`` (one, or two of a two-up scan); ``above``,
    an unruled table that ended the page before."""
    with PDFIUM_LOCK:
        chars, garbled, ruled, images, box, paths = page_glyphs(doc, index, name)
    if not chars and images and ocr.enabled():
        return ocr_page(doc, index, name, box, at)
    tables = table_finder(index, chars, at, paths) if ruled else ()
    lines = lines_outside(chars, tables, at)
    if not tables and (unruled := borderless.find_tables(lines, at, above)):  # a task table drawn without rules
        tables, lines = unruled, lines_outside(chars, unruled, at)
    return (PageRead(at, tuple(lines), tuple(tables), len(chars), garbled, images, box[2] - box[0], tuple(box),
                     view=None if at == index else ocr_views.View(index, 0, 0, (box[2] - box[0], box[3] - box[1]))),)


def lines_outside(chars: list[lay.Char], tables: tuple[Table, ...], index: int) -> list[lay.Line]:
    """The visual lines of the glyphs that no table holds."""
    if tables:
        chars = [c for c in chars if not any(t.holds(c) for t in tables)]
    return lay.chars_to_lines(chars, index)


def ocr_page(doc: pdfium.PdfDocument, index: int, name: str, box: tuple, at: int) -> tuple[PageRead, ...]:
    """An image-only page through OCR: rendered as shown under the lock, turned upright and a
    two-up sheet cut in two (``ocr_views``) and recognised outside it, its text lines into the
    same layout stage as a text layer, and the cell grids of the ruling lines found in its image
    (``ocr_rulings``) into the same table stage.  One ``PageRead`` per view, numbered from ``at``."""
    with PDFIUM_LOCK:
        try:
            page = doc[index]
            try:
                image = page.render(scale=ocr.DPI / 72, rev_byteorder=True).to_numpy()
                rotate = page.get_rotation()
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise CorruptInput(f"{name}: damaged page {index + 1} ({exc})") from None
    out = []
    for k, (upright, view) in enumerate(ocr_views.page_views(image, ocr.DPI, index, rotate)):
        found = ocr.recognise(upright, ocr.DPI)
        tables = tuple(t for grid in found.grids if (t := grid_to_table(grid, found.chars, at + k)) is not None)
        lines = lines_outside(found.chars, tables, at + k)
        kept = None if view.identity and not view.turn and at == index else view  # as drawn: as before
        out.append(PageRead(at + k, tuple(lines), tables, len(found.chars), 0, 1,
                            box[2] - box[0] if view.identity else view.width, tuple(box), ocr=found.confidence, view=kept,
                            one_reading=not found.second))
    return tuple(out)


def page_glyphs(doc: pdfium.PdfDocument, index: int, name: str) -> tuple[list[lay.Char], int, bool, int, tuple,
                                                                          tuple | None]:
    """All that pdfium gives of one page: glyphs, garbled count, ruled?, images, media box, and
    on a ruled page its painted paths (``rulings.page_paths``; None: pdfplumber must read it).
    The caller holds ``PDFIUM_LOCK``."""
    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:
        raise CorruptInput(f"{name}: damaged page {index + 1} ({exc})") from None
    try:
        textpage = page.get_textpage()
        try:
            box = page.get_mediabox()
            chars, garbled = page_chars(textpage, box[3])
        finally:
            textpage.close()
        ruled, images = page_graphics(page)
        paths = rulings.page_paths(page) if ruled else None
    except pdfium.PdfiumError as exc:
        raise CorruptInput(f"{name}: damaged page {index + 1} ({exc})") from None
    finally:
        page.close()
    return chars, garbled, ruled, images, box, paths


def page_chars(textpage: pdfium.PdfTextPage, page_top: float) -> tuple[list[lay.Char], int]:
    """Glyphs of a page with loose boxes (top-down coordinates); count those without Unicode.

    Three pdfium calls per glyph; the text matrix is read only when the loose box is far
    from the font size (text set as ``1 Tf`` and scaled by its matrix, as Word does)."""
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    text = page_text(textpage)
    chars: list[lay.Char] = []
    garbled = 0
    for i, ch in enumerate(text):
        code = ord(ch)
        if code in _BAD_CODEPOINTS or 0xE000 <= code <= 0xF8FF or pdfium_c.FPDFText_HasUnicodeMapError(raw, i):
            garbled += 1
            continue
        if code < 32 or (code == 32 and pdfium_c.FPDFText_IsGenerated(raw, i)):
            continue  # pdfium's generated line breaks and spaces (a space glyph is text); control characters
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
        size = pdfium_c.FPDFText_GetFontSize(raw, i)
        if not 0.5 * size < box.top - box.bottom < 2 * size:
            size *= _matrix_scale(raw, i)
        chars.append(_new_char(lay.Char, (ch, box.left, box.right, page_top - box.top, page_top - box.bottom, size)))
    return chars, garbled


def page_text(textpage: pdfium.PdfTextPage) -> str:
    """One character per pdfium char index (one call; per char where UTF-16 pairs shift it)."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    return text


def _matrix_scale(raw, index: int) -> float:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
    return math.hypot(matrix.c, matrix.d) or 1.0


def page_graphics(page: pdfium.PdfPage) -> tuple[bool, int]:
    """(does the page look ruled like a table, number of images); raw calls, top level only."""
    horizontal = vertical = boxes = images = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == _IMAGE:
            images += 1
        if kind != _PATH or not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if width > 20 and height > 8:
            segments = _axis_segments(obj)
            if segments >= 6:
                return True, images  # one path drawing a whole grid
            boxes += segments >= 3  # one rectangle a cell
        horizontal += height < 3 and width > 20
        vertical += width < 3 and height > 8
    return (horizontal >= 2 and vertical >= 2) or boxes >= MIN_CELL_BOXES, images


def _axis_segments(obj) -> int:
    """Number of horizontal/vertical straight segments in a path object."""
    count = pdfium_c.FPDFPath_CountSegments(obj)
    x, y = ctypes.c_float(), ctypes.c_float()
    points = []
    for k in range(max(count, 0)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        points.append((pdfium_c.FPDFPathSegment_GetType(seg), x.value, y.value))
    lines = pdfium_c.FPDF_SEGMENT_LINETO
    return sum(1 for (_, ax, ay), (kind, bx, by) in pairwise(points)
               if kind == lines and (abs(ax - bx) < 0.5 or abs(ay - by) < 0.5))


def drop_furniture(pages: list[PageRead]) -> list[PageRead]:
    """Page numbers and running headers/footers out of every page's lines."""
    numbered = furniture.drop_page_numbers([list(p.lines) for p in pages])
    keys = furniture.running_keys(numbered)
    return [replace(p, lines=tuple(furniture.drop_running(lines, keys))) for p, lines in zip(pages, numbered)]


def page_warnings(pages: list[PageRead], name: str) -> list[Warn]:
    """W501 for pages without text, W502 for unmapped glyphs, W503 for pages read by OCR (W504
    turned, W505 two-up; W506 once, at the first, where the second recogniser is not installed);
    no text at all is an error.  A PDF page read as two views (two-up) is
    one page here."""
    sheets: list[list[PageRead]] = []
    for p in pages:
        if sheets and sheets[-1][0].number == p.number:
            sheets[-1].append(p)
        else:
            sheets.append([p])
    empty = [s[0].number for s in sheets if not any(p.glyphs or p.tables for p in s)]
    if len(empty) == len(sheets):
        raise CorruptInput(f"{name}: no text layer on page{'s' if len(empty) > 1 else ''} "
                           f"{page_ranges(empty)} (scanned images?); {ocr.hint()}")
    out: list[Warn] = []
    alone = [v for v in pages if v.one_reading]
    if alone:
        out.append(warn(Warnings.OCR_ONE_READING, At("page", alone[0].number, alone[0].number), name=name,
                        pip=ocr_second.PIP_LINE))
    for views in sheets:
        p, n = views[0], views[0].number
        at = At("page", n, n)
        glyphs = sum(v.glyphs for v in views)
        if p.ocr is not None and glyphs:
            confidence = p.ocr if len(views) == 1 else sum((v.ocr or 0.0) * v.glyphs for v in views) / glyphs
            out.append(warn(Warnings.PAGE_OCR, at, name=name, page=n, confidence=f"{confidence:.2f}"))
        if p.view is not None and p.view.turn:
            out.append(warn(Warnings.PAGE_TURNED, at, name=name, page=n, degrees=p.view.turn))
        if len(views) > 1:
            out.append(warn(Warnings.PAGE_TWO_UP, at, name=name, page=n))
        if glyphs == 0 and not any(v.tables for v in views):
            what = "image only" if p.images else "blank"
            out.append(warn(Warnings.PAGE_NO_TEXT, at, name=name, page=n, what=what))
        if p.garbled:
            out.append(warn(Warnings.GARBLED_GLYPHS, at, name=name, page=n, count=p.garbled))
    return out


def page_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5'."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)
