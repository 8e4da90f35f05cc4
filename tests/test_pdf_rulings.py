"""Ruled tables from pdfium's path objects (``ingest.pdf.rulings``) against pdfplumber's own reading.

pdfplumber stays the reference: on every page of the PDF fixtures the edges built from pdfium's
paths are pdfplumber's ``page.edges`` (within 1e-4 pt: pdfium sums a rectangle's ``re`` in
float32) and the cell grids are ``page.find_tables()``'s, cell for cell.
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from policyparse.ingest import read_path
from policyparse.ingest.pdf import layout as lay
from policyparse.ingest.pdf import reader, rulings

TESTS = Path(__file__).parent
FIXTURES = sorted([*(TESTS / "golden_pdf").glob("*.pdf"), *(TESTS / "golden_layouts").glob("*.pdf"),
                   *(TESTS.parent / "samples").glob("*.pdf")])
TABLES = [TESTS / "golden_pdf" / "d27_table.pdf", TESTS / "golden_layouts" / "wujiang_table_word.pdf"]
KEYS = ("object_type", "orientation", "x0", "x1", "top", "bottom", "width", "height")
CLOSE = 1e-4


def _pages(path: Path):
    doc = pdfium.PdfDocument(path)
    try:
        with pdfplumber.open(path) as pdf:
            for page, plumbed in zip(doc, pdf.pages):
                with reader.PDFIUM_LOCK:
                    paths = rulings.page_paths(page)
                yield paths, plumbed
                page.close()
    finally:
        doc.close()


def _same(a, b) -> bool:
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return abs(a - b) <= CLOSE
    return a == b


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_edges_and_grids_are_pdfplumbers(path: Path) -> None:
    for paths, plumbed in _pages(path):
        assert paths is not None
        height, subpaths = paths
        edges = rulings.paths_to_edges(height, subpaths)
        assert _same([[e[k] for k in KEYS] for e in edges], [[e[k] for k in KEYS] for e in plumbed.edges])
        want = [[list(row.cells) for row in table.rows] for table in plumbed.find_tables()]
        assert _same(rulings.edges_to_grids(edges, height), want)


def test_the_table_fixtures_are_read_without_pdfplumber(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("pdfplumber opened")

    monkeypatch.setattr(reader.pdfplumber, "open", refuse)
    for path in TABLES:
        assert " | " in read_path(path).text


def _edge(orientation: str, at: float, lo: float, hi: float) -> dict:
    if orientation == "v":
        return {"object_type": "line", "orientation": "v", "x0": at, "x1": at, "top": lo, "bottom": hi,
                "doctop": lo, "width": 0.0, "height": hi - lo}
    return {"object_type": "line", "orientation": "h", "x0": lo, "x1": hi, "top": at, "bottom": at,
            "doctop": at, "width": hi - lo, "height": 0.0}


def _grid_edges(xs: list[float], ys: list[float]) -> list[dict]:
    return ([_edge("v", x, ys[0], ys[-1]) for x in xs] + [_edge("h", y, xs[0], xs[-1]) for y in ys])


def test_a_tolerance_that_decides_within_slack_leaves_the_page_to_pdfplumber() -> None:
    clear = _grid_edges([100.0, 200.0, 300.0], [100.0, 120.0, 140.0])
    assert len(rulings.edges_to_grids(clear, 842.0)) == 1
    # two rules 3 pt apart: snapped together by pdfplumber, or not, by the last bit of a float32
    tied = clear + [_edge("v", 203.0, 100.0, 140.0)]
    assert rulings.edges_to_grids(tied, 842.0) is None


def test_a_glyph_centred_on_a_cell_side_leaves_the_page_to_pdfplumber() -> None:
    grids = rulings.edges_to_grids(_grid_edges([100.0, 200.0, 300.0], [100.0, 120.0, 140.0]), 842.0)
    inside = lay.Char("一", 140.0, 150.0, 105.0, 115.0, 10.0)
    on_side = lay.Char("丨", 195.0, 205.0, 105.0, 115.0, 10.0)
    outside = lay.Char("二", 195.0, 205.0, 305.0, 315.0, 10.0)
    assert not rulings.on_borders(grids, [inside, outside])
    assert rulings.on_borders(grids, [inside, on_side])


def test_a_rotated_page_is_left_to_pdfplumber() -> None:
    doc = pdfium.PdfDocument(TABLES[0])
    try:
        page = doc[0]
        page.set_rotation(90)
        with reader.PDFIUM_LOCK:
            assert rulings.page_paths(page) is None
        page.close()
    finally:
        doc.close()
