"""Scanner-like image-only PDFs made from a text-layer PDF (for tests/test_ocr.py and
benchmarks/bench_ocr.py).

Each page is rendered with pypdfium2 at ``dpi``, a red seal (a ring with a star-ish mark and
red text) is stamped over the signature area of the last page, the page is rotated slightly
(``angle`` degrees, white fill), JPEG-compressed at ``quality`` and put back into a PDF with
Pillow: no text layer, only the picture.  Deterministic for the same arguments.

What scans also do (issue 13, ``ingest/pdf/ocr_views.py``): ``turn`` puts each page's picture
in turned by 90, 180 or 270 degrees clockwise (the page takes the picture's shape);
``rotate`` sets /Rotate on each page of an upright picture (a viewer shows it turned);
``pairs`` lays pages side by side in pairs on landscape sheets (an odd last page alone on
the left of its sheet).
"""
from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from policyparse.ingest.pdf.reader import PDFIUM_LOCK

RED = (220, 30, 30)


def render_pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
        finally:
            doc.close()


def stamp_seal(image: Image.Image, dpi: int) -> None:
    """A red seal (42 mm) over the lower right of the page's last text: where a signature sits."""
    gray = image.convert("L")
    width, height = image.size
    bbox = Image.eval(gray, lambda v: 255 if v < 128 else 0).getbbox()
    bottom = bbox[3] if bbox else height * 2 // 3
    radius = int(21 / 25.4 * dpi)
    cx, cy = int(width * 0.68), max(radius, bottom - radius // 2)
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    ring = max(2, radius // 12)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=RED + (200,), width=ring)
    s = radius // 4
    draw.polygon([(cx, cy - s), (cx + s, cy + s), (cx - s, cy - s // 3), (cx + s, cy - s // 3), (cx - s, cy + s)],
                 fill=RED + (200,))
    for k in range(-3, 4):  # the arc of the seal's text, as short thick strokes
        x, y = cx + k * radius // 4, cy - radius * 2 // 3 + abs(k) * radius // 10
        draw.rectangle((x - radius // 12, y - radius // 12, x + radius // 12, y + radius // 12), fill=RED + (190,))
    image.paste(Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB"))


def degrade(image: Image.Image, angle: float, quality: int) -> Image.Image:
    rotated = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor="white")
    buf = io.BytesIO()
    rotated.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


TURNS = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def two_up(pages: list[Image.Image]) -> list[Image.Image]:
    """Pages in pairs side by side on sheets as wide as both (an odd last page on the left)."""
    sheets = []
    for k in range(0, len(pages), 2):
        left, right = pages[k], pages[k + 1] if k + 1 < len(pages) else None
        width = left.width + (right.width if right is not None else left.width)
        sheet = Image.new("RGB", (width, max(left.height, right.height if right is not None else 0)), "white")
        sheet.paste(left, (0, 0))
        if right is not None:
            sheet.paste(right, (left.width, 0))
        sheets.append(sheet)
    return sheets


def set_rotation(pdf: bytes, rotate: int) -> bytes:
    """The PDF with /Rotate ``rotate`` on every page."""
    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            for i in range(len(doc)):
                doc[i].set_rotation(rotate)
            out = io.BytesIO()
            doc.save(out)
        finally:
            doc.close()
    return out.getvalue()


def scan_pdf(pdf: bytes, dpi: int = 150, angle: float = 0.6, quality: int = 70, seal: bool = True,
             turn: int = 0, rotate: int = 0, pairs: bool = False) -> bytes:
    """An image-only PDF of ``pdf``: every page a degraded picture of itself (turned by ``turn``,
    shown with /Rotate ``rotate``, two to a sheet with ``pairs``)."""
    pages = render_pages(pdf, dpi)
    if seal:
        stamp_seal(pages[-1], dpi)
    if pairs:
        pages = two_up(pages)
    if turn:
        pages = [p.transpose(TURNS[turn]) for p in pages]
    scans = [degrade(p, angle if i % 2 == 0 else -angle, quality) for i, p in enumerate(pages)]
    out = io.BytesIO()
    scans[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=scans[1:], quality=quality)
    return set_rotation(out.getvalue(), rotate) if rotate else out.getvalue()
