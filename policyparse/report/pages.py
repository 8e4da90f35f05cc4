"""Page images of a PDF for the report, rendered with pypdfium2 (greyscale JPEG, one a page).

Greyscale, so that the coloured boxes stand out (and it renders in half the time of colour).
Every pdfium call holds ``PDFIUM_LOCK`` (pdfium is not thread-safe, see ``ingest/pdf/reader.py``).
``start_rendering`` renders in worker processes forked while the lock is held (so no thread of
ours is inside pdfium at the fork), each worker every n-th page, while the caller parses the
document on its own core; where ``fork`` is not available it renders in a thread instead."""
from __future__ import annotations

import io
import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass

import pypdfium2 as pdfium

from policyparse.errors import CorruptInput
from policyparse.ingest.pdf.reader import PDFIUM_LOCK, open_document

SCALE = 1.25  # pixels per point: an A4 page 744 px wide, the width of the report's left column
QUALITY = 80  # JPEG


@dataclass(frozen=True)
class PageImage:
    """One rendered page: the JPEG and the crop box it shows (PDF user space: l, b, r, t)."""

    index: int  # 0-based
    crop_box: tuple[float, float, float, float]
    pixels: tuple[int, int]
    jpeg: bytes

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in points."""
        left, bottom, right, top = self.crop_box
        return right - left, top - bottom


def render_pages(data: bytes, name: str, scale: float = SCALE, part: int = 0, parts: int = 1) -> list[PageImage]:
    """Pages ``part, part + parts, …`` of the PDF ``data`` as JPEGs (all of them by default);
    ``CorruptInput`` when it cannot be opened."""
    with PDFIUM_LOCK:
        doc = open_document(data, name)
        count = len(doc)
    images: list[PageImage] = []
    try:
        for index in range(part, count, parts):
            with PDFIUM_LOCK:
                try:
                    page = doc[index]
                except pdfium.PdfiumError as exc:
                    raise CorruptInput(f"{name}: damaged page {index + 1} ({exc})") from None
                try:
                    crop = tuple(page.get_cropbox())
                    bitmap = page.render(scale=scale, grayscale=True, draw_annots=False)
                    try:
                        picture = bitmap.to_pil()  # over the bitmap's buffer, which Python owns
                    finally:
                        bitmap.close()
                finally:
                    page.close()
            out = io.BytesIO()
            picture.save(out, "JPEG", quality=QUALITY)  # outside the lock; PIL releases the GIL
            images.append(PageImage(index, crop, picture.size, out.getvalue()))
    finally:
        with PDFIUM_LOCK:
            doc.close()
    return images


class Rendering:
    """Pages being rendered in the background; ``result()`` gives them in page order."""

    def __init__(self, futures: list[Future], executor: Executor):
        self.futures, self.executor = futures, executor

    def result(self) -> list[PageImage]:
        try:
            images = [image for future in self.futures for image in future.result()]
        finally:
            self.executor.shutdown(wait=False, cancel_futures=True)
        return sorted(images, key=lambda image: image.index)

    def cancel(self) -> None:
        """Stop waiting for the pages (the document could not be parsed)."""
        self.executor.shutdown(wait=True, cancel_futures=True)


def start_rendering(data: bytes, name: str, scale: float = SCALE) -> Rendering:
    """``render_pages`` in the background: forked processes (one a core beside the one that
    parses, at most 2), or a thread."""
    parts = max(1, min(2, (os.cpu_count() or 1) - 1))
    if "fork" in multiprocessing.get_all_start_methods():
        with PDFIUM_LOCK:  # no thread of this process is inside pdfium while it forks
            executor: Executor = ProcessPoolExecutor(parts, mp_context=multiprocessing.get_context("fork"))
            # with fork, the first submit starts every worker process: here, under the lock
            futures = [executor.submit(render_pages, data, name, scale, k, parts) for k in range(parts)]
        return Rendering(futures, executor)
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policyparse-pages")
    return Rendering([executor.submit(render_pages, data, name, scale)], executor)
