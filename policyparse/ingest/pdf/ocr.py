"""OCR of PDF pages without a text layer (the ``ocr`` extra: ``pip install "policyparse[ocr]"``).

A page is rendered with pypdfium2 (by the reader, under ``PDFIUM_LOCK``) at ``DPI``; red ink
(seals, red 版头) is whitened; RapidOCR (PP-OCRv4 detection + recognition, ONNX models shipped
in its wheel, no download) gives text lines with quadrilateral boxes and a confidence.  The
page's skew is measured from the boxes' top edges and undone; each line box is split evenly
into per-glyph boxes (a CJK glyph one unit, a Latin/digit half) in PDF points, so that the
lines go into the same layout stage as a text layer (``layout.chars_to_lines`` and on).

The engine is created once per process (a batch worker loads the models once).
"""
from __future__ import annotations

import importlib.util
import math
import os
import re
import threading
from dataclasses import dataclass

from policyparse.ingest.pdf import layout as lay

DPI = 150  # render resolution: enough for 3号 and 小四 text, and half the time of 200
# What the recogniser confuses on Chinese print: 丶 (U+4E36) for 、; a full stop read as a middle
# dot or degree sign between CJK characters or at a line end; — N — page numbers read with 一.
OCR_FIXES = (
    (re.compile("丶"), "、"),
    (re.compile(r"(?<=[\u4e00-\u9fff”）)])[·°](?=[\u4e00-\u9fff“（(]|$)"), "。"),
    (re.compile(r"^[一-]\s*(\d{1,3})\s*[一-]$"), r"— \1 —"),
)
MIN_SCORE = 0.5  # lines recognised with less confidence are left out
ENGINE_MODULE = "rapidocr_onnxruntime"
PIP_LINE = 'pip install "policyparse[ocr]"'
_engine = None
_engine_lock = threading.Lock()


@dataclass(frozen=True)
class OcrPage:
    """What OCR made of one page: glyphs (points, top-down), mean confidence, skew in degrees."""

    chars: list[lay.Char]
    confidence: float
    skew: float


SWITCH = "POLICYPARSE_OCR"  # set to 0 to leave image-only pages unread even with the extra installed


def available() -> bool:
    """The ocr extra is installed."""
    return importlib.util.find_spec(ENGINE_MODULE) is not None


def enabled() -> bool:
    return os.environ.get(SWITCH, "1") != "0" and available()


def hint() -> str:
    """What to do about pages left unread (the end of the no-text-layer error)."""
    if not available():
        return f"OCR them with the ocr extra: {PIP_LINE}"
    if not enabled():
        return f"OCR is switched off ({SWITCH}=0)"
    return "OCR found no text on them"


def engine():
    """The RapidOCR engine of this process (created on first use)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            _engine = RapidOCR()
        return _engine


def remove_red(image):
    """Red and pink ink (seals, red headers) to white: a seal stamped over a signature hides it."""
    import numpy as np

    rgb = image[:, :, :3].astype(np.int16)
    r, g, b = rgb[:, :, 0], rgb[:, :, 1], rgb[:, :, 2]
    red = (r > 120) & (r - g > 50) & (r - b > 40)
    out = image[:, :, :3].copy()
    out[red] = 255
    return out


def recognise(image, dpi: float) -> OcrPage:
    """OCR one rendered page (an RGB numpy array at ``dpi``)."""
    result, _ = engine()(remove_red(image))
    lines = [(box, fix_text(text.strip()), float(score)) for box, text, score in (result or [])
             if text.strip() and float(score) >= MIN_SCORE]
    if not lines:
        return OcrPage([], 0.0, 0.0)
    angle = skew(lines)
    centre = (image.shape[1] / 2, image.shape[0] / 2)
    scale = 72.0 / dpi
    chars: list[lay.Char] = []
    for box, text, _ in lines:
        points = [rotate(p, -angle, centre) for p in box]
        chars.extend(split_line(text, points, scale))
    return OcrPage(chars, sum(s for *_, s in lines) / len(lines), math.degrees(angle))


def fix_text(text: str) -> str:
    for pattern, replacement in OCR_FIXES:
        text = pattern.sub(replacement, text)
    return text


def skew(lines) -> float:
    """The page's rotation (radians): the median slope of the long lines' top edges."""
    slopes = sorted(math.atan2(box[1][1] - box[0][1], box[1][0] - box[0][0])
                    for box, text, _ in lines if len(text) >= 6 and box[1][0] - box[0][0] > 0)
    return slopes[len(slopes) // 2] if slopes else 0.0


def rotate(point, angle: float, centre: tuple[float, float]) -> tuple[float, float]:
    x, y = point[0] - centre[0], point[1] - centre[1]
    cos, sin = math.cos(angle), math.sin(angle)
    return centre[0] + x * cos - y * sin, centre[1] + x * sin + y * cos


def split_line(text: str, points, scale: float) -> list[lay.Char]:
    """Per-glyph boxes for one recognised line: its box split by glyph width units."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, top, bottom = min(xs) * scale, max(xs) * scale, min(ys) * scale, max(ys) * scale
    height = bottom - top
    units = [1.0 if lay.is_wide(ch) else 0.5 for ch in text]
    total = sum(units) or 1.0
    step = (x1 - x0) / total
    size = min(height * 0.92, step * 1.15) if total >= 4 else height * 0.92  # a wide box is not a big font
    chars, x = [], x0
    for ch, unit in zip(text, units):
        width = unit * step
        if not ch.isspace():
            chars.append(lay.Char(ch, x, x + width, top, bottom, size))
        x += width
    return chars
