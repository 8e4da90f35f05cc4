"""Ruling lines of a scanned page -> the cell grid of a ruled table (the ``ocr`` extra's OpenCV).

A text layer's ruled table is drawn with vector lines, and pdfplumber's table finder turns
them into cells (``reader.RuledTables``).  A scan has only pixels, so the lines are found in
the image and handed to the same finder as explicit lines; its cell grid then goes the text
layer's way (``tables.grid_to_table``: cells filled with the OCR'd glyphs, each glyph in the
cell its centre is in, so a recognised line that runs over a cell border is split there).

    page image (red ink whitened) -> deskewed like the OCR boxes -> ink (binarised)
    -> morphological opening with a long horizontal / vertical kernel (only straight runs of
       ink that long survive: rules, not strokes) -> one segment per connected run
    -> pdfplumber edges in points -> TableFinder (explicit strategies) -> cell grids

Kernel lengths are in ems of the page's print: a horizontal rule is at least RULE_EMS long
(a stroke of 一 or a dash —— is shorter); a vertical one at least CELL_EMS (an ideograph's
vertical stroke is under an em, a row of a table is a line of text and its padding).
"""
from __future__ import annotations

import math

INK = 160  # grey level below which a pixel is ink (rules at 150 dpi are 1-2 px, grey 50-150)
RED_DROP = 15  # levels of red channel below the seal around it that are print under a seal
SEAL_WINDOW = 9  # px: where the seal around a pixel is looked for
RULE_EMS = 2.5  # shortest horizontal rule, in ems of the page's print
CELL_EMS = 1.3  # shortest vertical rule
RULE_MAX_PT = 3.0  # the thickest rule (a heavy 2.25 pt border, blurred); thicker runs are solid ink
MIN_RULE_PX = 8  # ... and never shorter than this (a page of tiny print)
BRIDGE_PX = 1  # px of ink thickened across a rule before the opening (residual skew, JPEG gaps)
MISSED_EMS = 0.25  # a blot of ink this tall or wide that no glyph covers is text the recogniser missed
GLYPH_REACH_EMS = 0.15  # ... covered: a glyph box this near it
END_EMS = 1.0  # ems past a line's end glyph where a dropped mark is looked for
END_GAP_EMS = 0.05  # ... leaving this much room (the glyph's own ink)
MARK_MIN, MARK_MAX = 0.15, 0.7  # ems: the size of a mark's ink (、 。 ，), not a speck, not an ideograph
CELL_PAD = 1.0  # ems of white around a cell recognised alone
SKEW_RULE_EMS = 10  # a horizontal rule this long measures the page's skew
SKEW_RULES = 1  # rules needed for that
# pdfplumber's defaults for vector rules (points), as ``page.find_tables()`` uses them
FINDER = {"snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3, "edge_min_length": 3}

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (points)
Grid = list[list[Box | None]]


def page_grids(ink, angle: float, centre: tuple[float, float], dpi: float, em: float) -> list[Grid]:
    """The cell grids (pdfplumber's ``Table.rows``, points, in the OCR glyphs' deskewed frame)
    of the ruled tables of a page (``ink`` from ``ruling_ink``)."""
    level = deskewed(ink, angle, centre)
    em_px = em * dpi / 72.0
    scale = 72.0 / dpi
    thickest = RULE_MAX_PT / scale + 2 * BRIDGE_PX + 1
    horizontal = [_scaled(s, scale) for s in rule_segments(level, _length(RULE_EMS, em_px), horizontal=True)[0]
                  if s[3] - s[1] <= thickest]
    vertical = [_scaled(s, scale) for s in rule_segments(level, _length(CELL_EMS, em_px), horizontal=False)[0]
                if s[2] - s[0] <= thickest]
    return segments_to_grids(horizontal, vertical)


def ruling_ink(image, red):
    """Ink pixels (uint8 0/255) of a page image (RGB) with red ink (``red``, a mask) seen through.

    Black print is dark in every channel, red ink only in green and blue: in the red channel a
    seal is nearly paper, and print under it is darker than the seal around it.  A red pixel
    is ink when its red channel is RED_DROP below the brightest red pixel near it (the seal on
    paper, SEAL_WINDOW px); any other pixel when its grey is below INK.  A rule crossed by a
    seal stays one rule."""
    import cv2
    import numpy as np

    grey = image[:, :, :3].mean(axis=2)
    ink = (grey < INK) & ~red
    if red.any():
        r = image[:, :, 0]
        seal = cv2.dilate(np.where(red, r, 0).astype(np.uint8), np.ones((SEAL_WINDOW, SEAL_WINDOW), np.uint8))
        ink |= red & (r.astype(np.int16) < seal.astype(np.int16) - RED_DROP)
    return np.where(ink, 255, 0).astype(np.uint8)


def deskewed(image, angle: float, centre: tuple[float, float], fill: int = 0):
    """``image`` turned by ``-angle`` (radians) about ``centre``, as ``ocr.rotate`` turns the
    OCR boxes (an ink mask to the nearest pixel, a picture smoothly on ``fill``)."""
    import cv2
    import numpy as np

    if abs(angle) < 1e-6:
        return image
    cos, sin = math.cos(-angle), math.sin(-angle)
    cx, cy = centre
    matrix = np.array([[cos, -sin, cx - cx * cos + cy * sin], [sin, cos, cy - cx * sin - cy * cos]])
    flags = cv2.INTER_NEAREST if image.ndim == 2 else cv2.INTER_LINEAR
    border = fill if image.ndim == 2 else (fill,) * image.shape[2]
    return cv2.warpAffine(image, matrix, (image.shape[1], image.shape[0]), flags=flags, borderValue=border)


def centre_in(ch, box: Box) -> bool:
    """The glyph's centre lies in ``box`` (x0, top, x1, bottom)."""
    x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def missed_ink(level, box: Box, glyphs: list, dpi: float, em: float) -> list[Box]:
    """Blots of ink inside a cell (its rules left out) that no glyph box comes near, at least
    MISSED_EMS of an em tall or wide (a digit 1, a 、; not JPEG specks), in points."""
    import cv2
    import numpy as np

    px = dpi / 72.0
    margin = RULE_MAX_PT * px
    x0, y0 = int(box[0] * px + margin), int(box[1] * px + margin)
    x1, y1 = int(box[2] * px - margin), int(box[3] * px - margin)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return []
    ink = (level[y0:y1, x0:x1].mean(axis=2) < INK).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    near = GLYPH_REACH_EMS * em
    out = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k][:4])
        blot = ((x0 + x) / px, (y0 + y) / px, (x0 + x + w) / px, (y0 + y + h) / px)
        if max(blot[2] - blot[0], blot[3] - blot[1]) < MISSED_EMS * em:
            continue
        if not any(g.x0 - near < blot[2] and blot[0] < g.x1 + near and g.top - near < blot[3] and blot[1] < g.bottom + near
                   for g in glyphs):
            out.append(blot)
    return out


def on_ink(ch, blots: list[Box]) -> bool:
    """The glyph's centre is on one of ``blots`` (within half its size)."""
    half = ch.size / 2
    return any(centre_in(ch, (b[0] - half, b[1] - half, b[2] + half, b[3] + half)) for b in blots)


def end_blots(level, glyph, dpi: float, leftwards: bool) -> list[Box]:
    """Blots of ink within END_EMS of an em past a line's end glyph (before it ``leftwards``),
    in the line's band and not running out of it (a rule does), between MARK_MIN and MARK_MAX
    ems in size: a mark the detector left out.  Points."""
    import cv2
    import numpy as np

    px = dpi / 72.0
    em = glyph.size
    gap = END_GAP_EMS * em
    lo = glyph.x0 - END_EMS * em if leftwards else glyph.x1 + gap
    hi = glyph.x0 - gap if leftwards else glyph.x1 + END_EMS * em
    x0, x1 = max(0, int(lo * px)), int(hi * px)
    y0, y1 = max(0, int(glyph.top * px)), int(glyph.bottom * px)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return []
    ink = (level[y0:y1, x0:x1].mean(axis=2) < INK).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    out = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k][:4])
        size = max(w, h) / px
        if MARK_MIN * em <= size <= MARK_MAX * em and y > 0 and y + h < y1 - y0:
            out.append(((x0 + x) / px, (y0 + y) / px, (x0 + x + w) / px, (y0 + y + h) / px))
    return out


def blots_in(level, box: Box, dpi: float, within: bool = False) -> list[Box]:
    """The connected blots of ink (grey below INK) in ``box`` of the deskewed page, in points;
    ``within``: only those that do not touch its top or bottom (a rule runs on out of a line)."""
    import cv2
    import numpy as np

    px = dpi / 72.0
    x0, y0 = max(0, int(box[0] * px)), max(0, int(box[1] * px))
    x1, y1 = int(box[2] * px) + 1, int(box[3] * px) + 1
    if x1 - x0 < 2 or y1 - y0 < 2:
        return []
    ink = (level[y0:y1, x0:x1].mean(axis=2) < INK).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return [((x0 + x) / px, (y0 + y) / px, (x0 + x + w) / px, (y0 + y + h) / px)
            for x, y, w, h in (tuple(int(v) for v in stats[k][:4]) for k in range(1, count))
            if not within or (y > 0 and y + h < ink.shape[0])]


def line_image(level, box: Box, dpi: float):
    """A line's box cut out of the deskewed page, a few pixels of room around it."""
    px = dpi / 72.0
    x0, y0 = max(0, int(box[0] * px) - 3), max(0, int(box[1] * px) - 3)
    return level[y0:int(box[3] * px) + 4, x0:int(box[2] * px) + 4, :3].copy()


def cell_image(level, box: Box, dpi: float, em: float):
    """The cell cut out of the deskewed page (its rules left out), on CELL_PAD ems of white,
    and where its pixel origin lies on the page."""
    import numpy as np

    px = dpi / 72.0
    margin = RULE_MAX_PT * px
    x0, y0 = max(0, int(box[0] * px + margin)), max(0, int(box[1] * px + margin))
    x1, y1 = int(box[2] * px - margin), int(box[3] * px - margin)
    pad = int(CELL_PAD * em * px)
    crop = np.full((y1 - y0 + 2 * pad, x1 - x0 + 2 * pad, 3), 255, dtype=np.uint8)
    crop[pad:pad + y1 - y0, pad:pad + x1 - x0] = level[y0:y1, x0:x1, :3]
    return crop, (x0 - pad, y0 - pad)


def rule_skew(ink, angle: float, centre: tuple[float, float], em_px: float) -> float:
    """The page's skew (radians) refined by its long horizontal rules: the image deskewed by
    ``angle``, each rule of SKEW_RULE_EMS or more is fitted with a straight line (the middle of
    its ink, column by column) and the median slope added.  No such rule: ``angle``."""
    import numpy as np

    level = deskewed(ink, angle, centre)
    boxes, rules = rule_segments(level, _length(RULE_EMS, em_px), horizontal=True)
    slopes = []
    for x0, top, x1, bottom in boxes:
        if x1 - x0 < SKEW_RULE_EMS * em_px:
            continue
        band = rules[int(top):int(bottom), int(x0):int(x1)] > 0
        filled = band.any(axis=0)
        rows = np.arange(band.shape[0])[:, None]
        middle = (band * rows).sum(axis=0)[filled] / band.sum(axis=0)[filled]
        if len(middle) >= 2:
            slopes.append(float(np.polyfit(np.arange(band.shape[1])[filled], middle, 1)[0]))
    if len(slopes) < SKEW_RULES:
        return angle
    return angle + math.atan(sorted(slopes)[len(slopes) // 2])


def _length(ems: float, em_px: float) -> int:
    return max(MIN_RULE_PX, round(ems * em_px))


def rule_segments(ink, length: int, horizontal: bool):
    """Straight runs of ink at least ``length`` px long: a pixel box (x0, top, x1, bottom) each,
    sorted, and the image of the runs."""
    import cv2

    across = (1, 2 * BRIDGE_PX + 1) if horizontal else (2 * BRIDGE_PX + 1, 1)
    thick = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, across))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
    rules = cv2.morphologyEx(thick, cv2.MORPH_OPEN, kernel)
    count, _, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    boxes = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k][:4])
        boxes.append((float(x), float(y), float(x + w), float(y + h)))
    return sorted(boxes), rules


def _scaled(box: Box, scale: float) -> Box:
    return (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)


def segments_to_edges(horizontal: list[Box], vertical: list[Box]) -> tuple[list[dict], list[dict]]:
    """pdfplumber edges (``line_edge`` objects) on the middle of each segment's box."""
    h_edges = [{"object_type": "line_edge", "orientation": "h", "x0": x0, "x1": x1, "top": (t + b) / 2,
                "bottom": (t + b) / 2, "width": x1 - x0, "height": 0.0} for x0, t, x1, b in horizontal]
    v_edges = [{"object_type": "line_edge", "orientation": "v", "x0": (x0 + x1) / 2, "x1": (x0 + x1) / 2,
                "top": t, "bottom": b, "width": 0.0, "height": b - t} for x0, t, x1, b in vertical]
    return h_edges, v_edges


class _ImagePage:
    """What pdfplumber's TableFinder reads of a page when every line is explicit: its box."""

    def __init__(self, bbox: Box):
        self.bbox = bbox


def segments_to_grids(horizontal: list[Box], vertical: list[Box]) -> list[Grid]:
    """pdfplumber's table finder on explicit lines: the cell grid of each table found."""
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    from pdfplumber.table import TableFinder

    h_edges, v_edges = segments_to_edges(horizontal, vertical)
    boxes = horizontal + vertical
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": v_edges, "explicit_horizontal_lines": h_edges, **FINDER}
    finder = TableFinder(_ImagePage(bbox), settings)
    return [[list(row.cells) for row in table.rows] for table in finder.tables]
