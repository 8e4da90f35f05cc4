"""How a scanned page is read upright: its quarter turn and its two-up halves (cheap checks
before OCR; the ``ocr`` extra).

A page is rendered as it is shown (its /Rotate applied).  Before recognition:

  turn    the text detector runs on the page shrunk to 40 dpi (DET_DPI; a few hundredths of a
          second), and at 72 where that leaves it undecided: most line boxes taller than wide
          is a page turned by a quarter, which is turned by 90°; then the angle classifier
          (``use_cls``'s model, 48×192) votes 0 or 180 on pieces of the longest lines, and
          where its vote is not clear (CLS_SHARE) the recogniser's confidence on a few lines
          as they are and turned by 180° decides
  two-up  an upright landscape sheet with a blank gutter near its middle (no ink down whole
          columns, GUTTER_MIN of the width) and ink on both sides is two pages side by side,
          read left, then right

Each part read is a ``View``, which maps the boxes of its upright image back to the PDF page's
own space (``to_page``: the half's offset added, the turn and the /Rotate undone), so that a
spot-check highlight lands where the text is drawn.
"""
from __future__ import annotations

from dataclasses import dataclass

DET_DPI = (40, 72)  # resolutions the detector sees for the turn, the second where the first leaves it undecided
LINE_RATIO = 2.0  # a box this many times longer than high is a line of text (either way)
MIN_LINES = 2  # line boxes a page needs for its turn to be decided at one resolution
DECIDED_SHARE = 0.5  # ... and the share of all its boxes they are
CLS_LINES = 8  # longest lines whose pieces the angle classifier sees
CLS_PIECES = 3  # pieces of a line, each 4 heights long (the classifier's 48×192 input)
CLS_SHARE = 0.75  # share of the classifier's votes that decides 0 or 180 by itself
REC_LINES = 4  # lines recognised both ways where the classifier's vote is not clear
LANDSCAPE = 1.2  # a sheet this many times wider than high may be two-up
GUTTER_BAND = (0.35, 0.65)  # the gutter's centre lies in this part of the width
GUTTER_MIN = 0.03  # of the width: the blank columns of a gutter (A3: 12 mm)
BLANK_SHARE = 0.002  # a column with no more of its pixels dark is blank (specks, JPEG noise)
MIN_SIDE_INK = 0.002  # of a side's pixels: dark ones that make it a page (not a blank half)


@dataclass(frozen=True)
class View:
    """One upright image read from PDF page ``page``: the page as shown (``rotate``, its /Rotate)
    turned ``turn`` degrees clockwise, and of a two-up sheet the ``half`` (1 left, 2 right; 0
    the whole) from ``offset`` points; ``sheet`` is the turned page's (width, height) in points."""

    page: int
    rotate: int
    turn: int
    sheet: tuple[float, float]
    half: int = 0
    offset: float = 0.0
    width: float = 0.0  # of this view, points

    @property
    def identity(self) -> bool:
        """Read as drawn: no turn, /Rotate or cut (its boxes are the page's own)."""
        return (self.rotate + self.turn) % 360 == 0 and self.half == 0

    def to_page(self, x0: float, x1: float, top: float, bottom: float) -> tuple[float, float, float, float]:
        """A box of this view (points from its top left) in the page's own space, unrotated:
        (x0, x1, top, bottom) from the top left of the page as drawn, before its /Rotate."""
        x0, x1 = x0 + self.offset, x1 + self.offset
        quarter = (self.rotate + self.turn) % 360
        width, height = self.sheet
        if quarter == 90:  # the page was turned clockwise into the sheet: (x, y) -> (H - y, x)
            return top, bottom, width - x1, width - x0
        if quarter == 180:
            return width - x1, width - x0, height - bottom, height - top
        if quarter == 270:
            return height - bottom, height - top, x0, x1
        return x0, x1, top, bottom


def page_views(image, dpi: float, page: int, rotate: int = 0):
    """The upright images to read of one rendered page (as shown) and their ``View`` s: one,
    turned as its text needs; two for a two-up sheet."""
    turn = orientation(image, dpi)
    upright = turned(image, turn)
    sheet = (upright.shape[1] * 72.0 / dpi, upright.shape[0] * 72.0 / dpi)
    cut = gutter(upright)
    if cut is None:
        return [(upright, View(page, rotate % 360, turn, sheet, 0, 0.0, sheet[0]))]
    scale = 72.0 / dpi
    left, right = upright[:, :cut], upright[:, cut:]
    return [(left, View(page, rotate % 360, turn, sheet, 1, 0.0, cut * scale)),
            (right, View(page, rotate % 360, turn, sheet, 2, cut * scale, sheet[0] - cut * scale))]


def turned(image, degrees: int):
    """The image turned ``degrees`` (a multiple of 90) clockwise."""
    import numpy as np

    if degrees % 360 == 0:
        return image
    return np.ascontiguousarray(np.rot90(image, -(degrees // 90)))


def orientation(image, dpi: float) -> int:
    """Degrees (0, 90, 180, 270) to turn the page clockwise so that its text reads upright.

    The detector runs at each of DET_DPI until one leaves the page decided (``_decides``).
    A turned page of small print has few boxes at 40 dpi, or blobs of lines run together (the
    detector learnt upright lines); a page of one line never decides: its line says."""
    wide, tall = [], []
    for det_dpi in DET_DPI:
        boxes = line_boxes(image, dpi, det_dpi)
        wide, tall = _shapes(boxes)
        if _decides(tall, wide, boxes):
            return _quarter(image, dpi, det_dpi)
        if _decides(wide, tall, boxes):
            break
    else:
        if tall and not wide:
            return _quarter(image, dpi, DET_DPI[-1])
    return 180 if wide and len(wide) > len(tall) and upside_down(image, wide) else 0


def _decides(these: list, those: list, boxes: list) -> bool:
    """Lines set one way decide the page: MIN_LINES of them, more than twice those set the
    other way, and DECIDED_SHARE of all boxes (not a few among blobs)."""
    return len(these) >= MIN_LINES and len(these) > 2 * len(those) and len(these) >= DECIDED_SHARE * len(boxes)


def _quarter(image, dpi: float, det_dpi: float) -> int:
    """90 or 270: a page whose lines are set down, turned by 90° and judged 0 or 180."""
    image = turned(image, 90)
    wide, _ = _shapes(line_boxes(image, dpi, det_dpi))
    return 90 + (180 if upside_down(image, wide) else 0)


def _shapes(boxes):
    """The boxes of lines set across and those set down (LINE_RATIO)."""
    wide = [b for b in boxes if b[2] - b[0] >= LINE_RATIO * (b[3] - b[1])]
    tall = [b for b in boxes if b[3] - b[1] >= LINE_RATIO * (b[2] - b[0])]
    return wide, tall


def line_boxes(image, dpi: float, det_dpi: float = 40) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) in pixels of the text detector's boxes, run at ``det_dpi``.

    The detector of the engine is called by its parts (``text_det.infer`` and its
    post-processing) with a resize to ``det_dpi``: its own call enlarges a small image to 736
    pixels a side, several times the work."""
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    from policyparse.ingest.pdf.ocr import engine

    det = engine().text_det
    side = max(32, round(max(image.shape[:2]) * det_dpi / dpi))
    prepared = DetPreProcess(side, "max", det.mean, det.std)(image[:, :, :3])
    if prepared is None:
        return []
    found, _ = det.postprocess_op(det.infer(prepared)[0], image.shape[:2])
    return [(float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max())) for q in found]


def upside_down(image, wide: list[tuple[float, float, float, float]]) -> bool:
    """Is the text of this image (its lines ``wide``) upside down?  The angle classifier's
    votes on pieces of the CLS_LINES longest lines; the recogniser's confidence where unclear."""
    from policyparse.ingest.pdf.ocr import engine

    longest = sorted(wide, key=lambda b: (b[0] - b[2], b[1]))[:CLS_LINES]
    pieces = [piece for box in longest for piece in _pieces(image, box)]
    if not pieces:
        return False
    _, votes, _ = engine().text_cls(pieces)
    turned_votes = sum(float(score) for label, score in votes if label == "180")
    total = sum(float(score) for _, score in votes) or 1.0
    if turned_votes >= CLS_SHARE * total:
        return True
    if turned_votes <= (1 - CLS_SHARE) * total:
        return False
    lines = [_crop(image, box) for box in longest[:REC_LINES]]
    as_is = _mean_score(engine().text_rec(lines)[0])
    flipped = _mean_score(engine().text_rec([turned(line, 180) for line in lines])[0])
    return flipped > as_is


def _pieces(image, box) -> list:
    """Up to CLS_PIECES crops of a line, each at most four heights long."""
    x0, top, x1, bottom = box
    height = max(bottom - top, 1.0)
    n = max(1, min(CLS_PIECES, int((x1 - x0) // (4 * height))))
    step = (x1 - x0) / n
    return [_crop(image, (x0 + k * step, top, min(x0 + (k + 1) * step, x0 + k * step + 4 * height), bottom))
            for k in range(n)]


def _crop(image, box):
    x0, top, x1, bottom = box
    return image[max(0, int(top)):int(bottom) + 1, max(0, int(x0)):int(x1) + 1, :3]


def _mean_score(results) -> float:
    return sum(float(r[1]) for r in results) / len(results) if results else 0.0


def gutter(image) -> int | None:
    """The column (pixels) where a two-up sheet is cut: the middle of the widest run of blank
    columns (BLANK_SHARE) whose centre is in GUTTER_BAND, at least GUTTER_MIN of the width,
    with a page's ink (MIN_SIDE_INK) on each side; None for a sheet that is one page."""
    import numpy as np

    height, width = image.shape[:2]
    if width < LANDSCAPE * height:
        return None
    small = image[::2, ::2, :3].astype(np.int16)
    red = (small[:, :, 0] - small[:, :, 1] > 50) & (small[:, :, 0] - small[:, :, 2] > 40)
    dark = (small.mean(axis=2) < 128) & ~red
    ink = dark.sum(axis=0)
    blank = ink <= BLANK_SHARE * dark.shape[0]
    best = None
    for start, end in _runs(blank):
        centre = (start + end) / 2 / len(ink)
        if GUTTER_BAND[0] <= centre <= GUTTER_BAND[1] and end - start >= GUTTER_MIN * len(ink):
            if best is None or end - start > best[1] - best[0]:
                best = (start, end)
    if best is None:
        return None
    cut = (best[0] + best[1]) // 2
    sides = (ink[:cut].sum() / max(1, cut * dark.shape[0]), ink[cut:].sum() / max(1, (len(ink) - cut) * dark.shape[0]))
    return 2 * cut if min(sides) >= MIN_SIDE_INK else None


def _runs(flags) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a boolean sequence."""
    out, start = [], None
    for k, flag in enumerate(list(flags) + [False]):
        if flag and start is None:
            start = k
        elif not flag and start is not None:
            out.append((start, k))
            start = None
    return out
