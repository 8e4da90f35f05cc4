"""Scanner-like image-only PDFs made from a text-layer PDF (for tests/test_ocr.py and
benchmarks/bench_ocr.py).

Each page is rendered with pypdfium2 at ``dpi``, a red seal (a ring with a star-ish mark and
red text) is stamped over the signature area of the last page, the page is rotated slightly
(``angle`` degrees, white fill), JPEG-compressed at ``quality`` and put back into a PDF with
Pillow: no text layer, only the picture.  Deterministic for the same arguments.
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


def scan_pdf(pdf: bytes, dpi: int = 150, angle: float = 0.6, quality: int = 70, seal: bool = True) -> bytes:
    """An image-only PDF of ``pdf``: every page a degraded picture of itself."""
    pages = render_pages(pdf, dpi)
    if seal:
        stamp_seal(pages[-1], dpi)
    scans = [degrade(p, angle if i % 2 == 0 else -angle, quality) for i, p in enumerate(pages)]
    out = io.BytesIO()
    scans[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=scans[1:], quality=quality)
    return out.getvalue()
