"""Build the bad and odd PDFs of tests/bad_pdf/ (run by hand, then commit the output).

    python tests/bad_pdf/make_bad_pdfs.py

Errors: scanned.pdf (images only), encrypted.pdf (user password), truncated.pdf (cut short),
zero_pages.pdf (empty page tree), not_a_pdf.pdf (HTML renamed), damaged.pdf (header and
%%EOF around garbage).  Warnings: garbled_font.pdf (font without ToUnicode -> W502),
image_page.pdf (page 2 is a scan -> W501).  Needs reportlab, Pillow and fonts-wqy-zenhei.
"""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A5
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
TEXT = ["关于做好2024年重点工作的通知", "一、加强组织领导。", "（一）明确责任分工。（牵头单位：区发改局）"]


def scan_image() -> ImageReader:
    """A small grey 'scanned page': bars where lines of text would be."""
    img = Image.new("L", (120, 170), 255)
    draw = ImageDraw.Draw(img)
    for y in range(20, 160, 12):
        draw.rectangle((12, y, 108, y + 5), fill=90)
    return ImageReader(img)


def pdf_bytes(pages: list[str], encrypt: str | None = None) -> bytes:
    """One page per entry: 'text' draws TEXT, 'image' draws a scan."""
    pdfmetrics.registerFont(TTFont("bad-hei", FONT, subfontIndex=0))
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=A5, invariant=1, encrypt=encrypt)
    for kind in pages:
        if kind == "text":
            c.setFont("bad-hei", 12)
            for k, line in enumerate(TEXT):
                c.drawString(40, 520 - 24 * k, line)
        else:
            c.drawImage(scan_image(), 30, 60, width=360, height=500)
        c.showPage()
    c.save()
    return buf.getvalue()


def zero_pages() -> bytes:
    """A well-formed PDF whose page tree has no pages."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def main() -> None:
    good = pdf_bytes(["text", "text"])
    files = {
        "scanned.pdf": pdf_bytes(["image", "image", "image"]),
        "encrypted.pdf": pdf_bytes(["text"], encrypt="secret"),
        "truncated.pdf": good[: len(good) * 6 // 10],
        "zero_pages.pdf": zero_pages(),
        "not_a_pdf.pdf": "<!DOCTYPE html><html><body><p>关于做好重点工作的通知</p></body></html>\n".encode(),
        "damaged.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n",
        # same length as /ToUnicode, so the xref offsets stay right
        "garbled_font.pdf": pdf_bytes(["text"]).replace(b"/ToUnicode", b"/XoUnicode"),
        "image_page.pdf": pdf_bytes(["text", "image"]),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
