"""Ruling lines of a text-layer page: pdfium's path objects -> pdfplumber's edges -> cell grids.

``page.find_tables()`` of pdfplumber needs pdfminer to parse the whole page in Python (every
glyph of it) only to learn its lines, rectangles and curves.  pdfium has parsed the page
already: its path objects are those same paths.  They are read here as pdfminer reads them
(``pdfminer.converter.PDFLayoutAnalyzer.paint_path``: subpaths split at each ``m``, a
single segment a line, a closed axis-aligned quadrilateral a rectangle, anything else a
curve), turned into pdfplumber's objects and edges in its top-down coordinates
(``pdfplumber.page.Page.process_object``, ``utils.line_to_edge`` / ``rect_to_edges`` /
``curve_to_edges``, lines then rectangles then curves as ``Page.edges`` lists them), and
given to pdfplumber's own ``TableFinder`` with its default settings:

    path objects (under PDFIUM_LOCK) -> pdfminer's subpaths -> pdfplumber's edges
    -> TableFinder (lines strategy) -> cell grids

pdfium keeps coordinates as 32-bit floats where pdfminer parses the content stream's
decimals as doubles; each value is taken back to the shortest decimal that gives the same
float32 (what the PDF wrote), so the edges come out as pdfplumber's, or within 1e-4 pt of
them where the PDF's values do not fit a float32 (a rectangle's ``x y w h re`` is summed by
pdfium in float32, by pdfminer in doubles).  A page this does not cover is left to pdfplumber:
``page_paths`` returns None for a rotated page, a MediaBox not at the origin or not the page's
own, form XObjects; ``edges_to_grids`` when one of the finder's tolerances decides within
SLACK, ``on_borders`` when a glyph's centre is within SLACK of a cell's side.
"""
from __future__ import annotations

import bisect
import ctypes
import struct
from functools import lru_cache

import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder, TableSettings

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (points, pdfplumber's frame)
Grid = list[list[Box | None]]  # pdfplumber's Table.rows: None where a merged cell covers the slot
Point = tuple[float, float]
Subpath = tuple[str, tuple[Point, ...]]  # pdfminer's operators ("m", "l", "c", "h") and end points
_FORM, _PATH = pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_PATH
_MOVE, _LINE, _BEZIER = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
_F32 = struct.Struct("f")
# pt: how near a tolerance of the table finder, or a cell's side to a glyph's centre, a value may
# come before pdfplumber reads the page itself (pdfium's coordinates are within 1e-4 pt of
# pdfminer's on the fixtures: a rectangle's ``x w re`` is summed in float32)
SLACK = 0.01


@lru_cache(maxsize=65536)
def _decimal(value: float) -> float:
    """The shortest decimal that rounds to the float32 ``value``, as a double (pdfminer's number)."""
    for digits in range(1, 10):
        near = float(f"{value:.{digits}g}")
        if _F32.unpack(_F32.pack(near))[0] == value:
            return near
    return value


def page_paths(page) -> tuple[float, list[Subpath]] | None:
    """The page's height and its painted subpaths in pdfminer's coordinates, in drawing order;
    None for a page pdfplumber must read.  The caller holds ``PDFIUM_LOCK``."""
    raw = page.raw
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if (not pdfium_c.FPDFPage_GetMediaBox(raw, left, bottom, right, top) or pdfium_c.FPDFPage_GetRotation(raw) != 0
            or left.value != 0 or bottom.value != 0 or right.value <= 0 or top.value <= 0):
        return None
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[Subpath] = []
    for k in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == _FORM:
            return None  # pdfminer paints a form's paths too, in the form's matrix: left to it
        if kind != _PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            return None
        m = tuple(_decimal(v) for v in (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f))
        segments = []
        for s in range(max(pdfium_c.FPDFPath_CountSegments(obj), 0)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, s)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
                return None
            segments.append((pdfium_c.FPDFPathSegment_GetType(seg), _decimal(x.value), _decimal(y.value),
                             bool(pdfium_c.FPDFPathSegment_GetClose(seg))))
        found = _subpaths(segments, m)
        if found is None:
            return None
        subpaths += found
    return _decimal(top.value), subpaths


def _subpaths(segments: list[tuple[int, float, float, bool]], m: tuple[float, ...]) -> list[Subpath] | None:
    """pdfium's segments of one path object -> pdfminer's subpaths (one per ``m``), points through
    the object's matrix as ``pdfminer.utils.apply_matrix_pt`` does.  A segment pdfium marks closed
    is followed by pdfminer's ``h``; a Bézier curve is three pdfium segments, one ``c``.  None for
    what pdfminer might read otherwise: no ``m`` first, a segment after ``h`` without one, an
    unknown segment type."""
    a, b, c, d, e, f = m
    out: list[tuple[list[str], list[Point]]] = []
    bezier = 0
    for kind, x, y, closed in segments:
        point = (a * x + c * y + e, b * x + d * y + f)
        if kind == _MOVE:
            out.append((["m"], [point]))
            bezier = 0
        elif not out or out[-1][0][-1] == "h":
            return None
        elif kind == _BEZIER:
            bezier += 1
            if bezier % 3:
                continue
            out[-1][0].append("c")
            out[-1][1].append(point)
        elif kind == _LINE:
            out[-1][0].append("l")
            out[-1][1].append(point)
        else:
            return None
        if closed:
            out[-1][0].append("h")
            out[-1][1].append(out[-1][1][0])
    if len(out) > 1:  # pdfminer's re.finditer("m[^m]+"): a lone m is no subpath of a longer path
        out = [sp for sp in out if len(sp[0]) > 1]
    return [("".join(ops), tuple(pts)) for ops, pts in out]


def paths_to_edges(height: float, subpaths: list[Subpath]) -> list[dict]:
    """pdfplumber's ``Page.edges`` of these subpaths: line edges, then rectangle edges, then
    curve edges, each in drawing order (fields the table finder reads)."""
    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    for shape, pts in subpaths:
        pts = list(pts)
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:  # a redundant l before h
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in ("mlh", "ml"):
            obj = _object(height, pts[:2])
            lines.append({**obj, "object_type": "line", "orientation": "h" if obj["top"] == obj["bottom"] else "v"})
            continue
        if shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            if pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                     or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
                rects += _rect_edges(_object(height, [(x0, y0), (x2, y0), (x2, y2), (x0, y2)]))
                continue
        curves += _curve_edges([(px, height - py) for px, py in pts])
    return lines + rects + curves


def _object(height: float, pts: list[Point]) -> dict:
    """A pdfminer LTCurve's bbox, width and height, in pdfplumber's top-down frame."""
    x0 = min(p[0] for p in pts)
    x1 = max(p[0] for p in pts)
    y0 = min(p[1] for p in pts)
    y1 = max(p[1] for p in pts)
    top = height - y1
    return {"x0": x0, "x1": x1, "top": top, "bottom": height - y0, "doctop": top, "width": x1 - x0, "height": y1 - y0}


def _rect_edges(rect: dict) -> list[dict]:
    """``pdfplumber.utils.rect_to_edges``: top, bottom, left, right."""
    edge = {**rect, "object_type": "rect_edge"}
    bottom = rect["top"] + rect["height"]
    return [{**edge, "height": 0, "bottom": rect["top"], "orientation": "h"},
            {**edge, "height": 0, "top": bottom, "doctop": bottom, "orientation": "h"},
            {**edge, "width": 0, "x1": rect["x0"], "orientation": "v"},
            {**edge, "width": 0, "x0": rect["x1"], "orientation": "v"}]


def _curve_edges(pts: list[Point]) -> list[dict]:
    """``pdfplumber.utils.curve_to_edges``: one edge a pair of consecutive points."""
    return [{"object_type": "curve_edge", "x0": min(p[0], q[0]), "x1": max(p[0], q[0]),
             "top": min(p[1], q[1]), "doctop": min(p[1], q[1]), "bottom": max(p[1], q[1]),
             "width": abs(p[0] - q[0]), "height": abs(p[1] - q[1]),
             "orientation": "v" if p[0] == q[0] else ("h" if p[1] == q[1] else None)}
            for p, q in zip(pts, pts[1:])]


class _VectorPage:
    """What pdfplumber's TableFinder reads of a page under its lines strategy."""

    def __init__(self, edges: list[dict], height: float):
        self.edges = edges
        self.bbox = (0, 0, 0, height)


def edges_to_grids(edges: list[dict], height: float) -> list[Grid] | None:
    """``page.find_tables()`` on these edges: each table's cell grid (``Table.rows``); None when
    one of the finder's tolerances decides within SLACK (the same finder with every tolerance
    SLACK lower or higher finds other cells), where pdfium's float32 coordinates might fall on
    the other side of it than pdfminer's."""
    grids = _grids(edges, height)
    for shift in (-SLACK, SLACK):
        if not _close(grids, _grids(edges, height, shift)):
            return None
    return grids


def _grids(edges: list[dict], height: float, shift: float = 0.0) -> list[Grid]:
    settings = None if not shift else {
        "snap_tolerance": TableSettings.snap_tolerance + shift, "join_tolerance": TableSettings.join_tolerance + shift,
        "intersection_tolerance": TableSettings.intersection_tolerance + shift,
        "edge_min_length": TableSettings.edge_min_length + shift,
        "edge_min_length_prefilter": TableSettings.edge_min_length_prefilter + shift}
    finder = TableFinder(_VectorPage(edges, height), settings)
    return [[list(row.cells) for row in table.rows] for table in finder.tables]


def _close(a: list[Grid], b: list[Grid]) -> bool:
    """The same tables, rows and cells, each cell's sides within SLACK."""
    if len(a) != len(b):
        return False
    for ga, gb in zip(a, b):
        if len(ga) != len(gb) or any(len(ra) != len(rb) for ra, rb in zip(ga, gb)):
            return False
        for ra, rb in zip(ga, gb):
            for ca, cb in zip(ra, rb):
                if (ca is None) != (cb is None) or (ca is not None and any(abs(u - v) > SLACK for u, v in zip(ca, cb))):
                    return False
    return True


def on_borders(grids: list[Grid], chars: list) -> bool:
    """Does a glyph's centre lie within SLACK of a cell's side (``tables`` fills a cell with the
    glyphs whose centre is inside it)?  Checked against every side's coordinate, its extent left out."""
    boxes = [box for grid in grids for row in grid for box in row if box is not None]
    if not boxes:
        return False
    xs = sorted({v for box in boxes for v in (box[0], box[2])})
    ys = sorted({v for box in boxes for v in (box[1], box[3])})
    left, right = xs[0] - SLACK, xs[-1] + SLACK
    top, bottom = ys[0] - SLACK, ys[-1] + SLACK
    for ch in chars:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        if left <= x <= right and top <= y <= bottom and (_near(xs, x) or _near(ys, y)):
            return True
    return False


def _near(values: list[float], v: float) -> bool:
    k = bisect.bisect_left(values, v - SLACK)
    return k < len(values) and values[k] <= v + SLACK
