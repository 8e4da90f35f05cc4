"""Turned and two-up scans (issue 13, ``ingest/pdf/ocr_views.py``): the geometry of a view on
synthetic images, the turn found on the sample's page 1 as rendered, and pages 1-2 of the
sample scanned turned by 90 and 180 degrees, shown with /Rotate 90, and as one two-up sheet,
each read upright into the same layout stage with its warning and its boxes in the page's space.

The full matrix (every dev PDF, each variant) is ``python benchmarks/bench_ocr.py --variants``.
"""
from __future__ import annotations

import difflib
import io
import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from policyparse.ingest.pdf import ocr, ocr_views
from policyparse.ingest.pdf.reader import PDFIUM_LOCK, read_pdf

np = pytest.importorskip("numpy")
TESTS = Path(__file__).parent
SAMPLE = TESTS / "golden_pdf" / "wujiang_silk_2021.pdf"
TITLE = "关于印发吴江区丝绸产业高质量发展行动"  # the first line of page 1
PAGE_2 = "吴江是我国最早植桑养蚕的地区之一"  # the start of page 2's text
needs_ocr = pytest.mark.skipif(not ocr.available() and not os.environ.get("CI"), reason="the ocr extra is not installed")

# (turn of the view, /Rotate of the page, the turned sheet's (width, height)) -> a box of the
# upright view (x0, x1, top, bottom) and where it is on the page as drawn (unrotated)
TO_PAGE = [
    ((0, 0, (600, 800)), (10, 30, 40, 50), (10, 30, 40, 50)),
    ((180, 0, (600, 800)), (10, 30, 40, 50), (570, 590, 750, 760)),
    ((90, 0, (800, 600)), (10, 30, 40, 50), (40, 50, 770, 790)),  # turned clockwise: the top went right
    ((270, 0, (800, 600)), (10, 30, 40, 50), (550, 560, 10, 30)),
    ((270, 90, (600, 800)), (10, 30, 40, 50), (10, 30, 40, 50)),  # /Rotate 90 undone by the turn
]


@pytest.mark.parametrize(("view", "box", "expected"), TO_PAGE)
def test_view_boxes_go_back_to_the_page(view, box, expected) -> None:
    turn, rotate, sheet = view
    assert ocr_views.View(0, rotate, turn, sheet).to_page(*box) == pytest.approx(expected)


@pytest.mark.parametrize("scan_turn", [90, 180, 270])
def test_to_page_undoes_the_turn_of_the_pixels(scan_turn: int) -> None:
    """A mark on an upright page (1 px = 1 pt), scanned turned by ``scan_turn``: the view that
    reads the scan upright maps the mark's upright box onto the mark in the scan."""
    upright = np.zeros((80, 60, 1), dtype=np.uint8)  # 60 wide, 80 high
    upright[10:20, 5:15] = 1
    shown = ocr_views.turned(upright, scan_turn)
    turn = (360 - scan_turn) % 360
    assert (ocr_views.turned(shown, turn) == upright).all()
    ys, xs = np.nonzero(shown[:, :, 0])
    view = ocr_views.View(0, 0, turn, (upright.shape[1], upright.shape[0]))
    assert view.to_page(5, 15, 10, 20) == (xs.min(), xs.max() + 1, ys.min(), ys.max() + 1)


# (line boxes set across, set down, all boxes) -> do the first decide the page?
DECIDES = [
    (20, 0, 22, True),  # a page of lines
    (2, 0, 23, False),  # two lines among blobs: small print turned, run together at 40 dpi
    (1, 0, 1, False),  # one line: never decided by the count (its shape says, ``orientation``)
    (10, 6, 16, False),  # not twice the other way
]


@pytest.mark.parametrize(("these", "those", "boxes", "expected"), DECIDES)
def test_which_line_boxes_decide_the_turn(these: int, those: int, boxes: int, expected: bool) -> None:
    assert ocr_views._decides([0] * these, [0] * those, [0] * boxes) is expected


def _two_pages(gutter: int, ink: float = 1.0):
    """A synthetic landscape sheet: two text blocks (rows of dark bars) with ``gutter`` blank
    columns between them, the right one inked only where ``ink`` > 0."""
    sheet = np.full((700, 1000, 3), 255, dtype=np.uint8)
    left_end = 500 - gutter // 2
    for top in range(100, 600, 30):
        sheet[top:top + 14, 60:left_end] = 0
        if ink:
            sheet[top:top + 14, left_end + gutter:940] = 0
    return sheet


def test_a_blank_gutter_near_the_middle_is_a_two_up_sheet() -> None:
    assert ocr_views.gutter(_two_pages(120)) == pytest.approx(500, abs=4)
    assert ocr_views.gutter(_two_pages(10)) is None  # too narrow for a gutter: one page's column gap
    assert ocr_views.gutter(_two_pages(120, ink=0)) is None  # nothing on the right: one page
    assert ocr_views.gutter(_two_pages(120).transpose(1, 0, 2)) is None  # portrait: one page


def test_a_seal_over_the_gutter_does_not_close_it() -> None:
    sheet = _two_pages(120)
    sheet[300:400, 470:530] = (220, 30, 30)
    assert ocr_views.gutter(sheet) == pytest.approx(500, abs=4)


@pytest.fixture(scope="module")
def page_one():
    from tests.scans import render_pages

    return np.asarray(render_pages(SAMPLE.read_bytes(), 150)[0])


@needs_ocr
@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_the_turn_of_a_rendered_page_is_found(page_one, turn: int) -> None:
    shown = ocr_views.turned(page_one, turn)
    assert ocr_views.orientation(shown, 150) == (360 - turn) % 360


# --- scans of the sample's pages 1-2, read through the reader ------------------------------


def _first_pages(count: int) -> bytes:
    with PDFIUM_LOCK:
        src, out = pdfium.PdfDocument(SAMPLE.read_bytes()), pdfium.PdfDocument.new()
        out.import_pages(src, list(range(count)))
        buf = io.BytesIO()
        out.save(buf)
        src.close()
        out.close()
    return buf.getvalue()


@pytest.fixture(scope="module")
def text_layer():
    return read_pdf(_first_pages(2), "text.pdf", "")


def _scanned(**variant):
    from tests.scans import scan_pdf

    os.environ[ocr.SWITCH] = "1"
    try:
        return read_pdf(scan_pdf(_first_pages(variant.pop("pages", 1)), dpi=150, **variant), "scan.pdf", "")
    finally:
        os.environ.pop(ocr.SWITCH, None)


def _title_box(source):
    """(x0, x1, top, bottom) around the glyphs of the first line of page 1, in page space."""
    run = next(r for r in source.layout.runs if r.text.startswith(TITLE[:6]))
    glyphs = run.glyphs[:len(TITLE)]
    return (min(g.x0 for g in glyphs), max(g.x1 for g in glyphs), min(g.top for g in glyphs), max(g.bottom for g in glyphs))


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, "".join(a.split()), "".join(b.split()), autojunk=False).ratio()


@needs_ocr
@pytest.mark.parametrize(("variant", "degrees"), [({"turn": 90}, 270), ({"turn": 180}, 180), ({"rotate": 90}, 270)])
def test_a_turned_scan_reads_upright(text_layer, variant: dict, degrees: int) -> None:
    source = _scanned(**variant)
    page_one = text_layer.text[:text_layer.page_starts[1]]
    assert source.text.startswith(TITLE) and _similar(source.text, page_one) >= 0.9
    assert [(w.code, w.span.start, w.message) for w in source.warnings if w.code == "W504"] == [
        ("W504", 1, f"scan.pdf: page 1 turned by {degrees}° before OCR (its text was not upright)")]
    # the title's box on the page as drawn: where the text layer has it, turned as the picture was
    x0, x1, top, bottom = _title_box(text_layer)
    width, height = text_layer.layout.media_boxes[0][2:]
    expected = {90: (height - bottom, height - top, x0, x1), 180: (width - x1, width - x0, height - bottom, height - top)}
    assert _title_box(source) == pytest.approx(expected.get(variant.get("turn", 0), (x0, x1, top, bottom)), abs=8)


@needs_ocr
def test_a_two_up_sheet_is_read_left_then_right(text_layer) -> None:
    source = _scanned(pages=2, pairs=True)
    assert source.pages == 1 and source.page_starts == (0,)
    assert [w.code for w in source.warnings] == ["W503", "W505"]
    assert source.warnings[1].message == "scan.pdf: page 1 is two pages side by side, read as two (left, then right)"
    assert source.text.startswith(TITLE) and source.text.index(PAGE_2) > source.text.index("苏州市吴江区人民政府办公室")
    assert _similar(source.text, text_layer.text) >= 0.9
    assert {r.page for r in source.layout.runs} == {0}
    start = next(r for r in source.layout.runs if r.text.startswith(PAGE_2[:6]))
    assert start.glyphs[0].x0 > text_layer.layout.media_boxes[0][2]  # the right half's boxes: past the left page
