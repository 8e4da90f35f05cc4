"""Page images of a PDF for the report, rendered with pypdfium2 (greyscale JPEG, one a page).

Greyscale, so that the coloured boxes stand out (and it renders in half the time of colour).
The resolution follows the document's text (``page_scale``): its small text gets ``TEXT_PX``
pixels an em, within ``MIN_SCALE`` and ``SCALE`` pixels a point (三号 body text: 1.0).

Every pdfium call holds ``PDFIUM_LOCK`` (pdfium is not thread-safe, see ``ingest/pdf/reader.py``).
``start_rendering`` opens the document, chooses the scale, and forks worker processes while the
lock is held (so no thread of ours is inside pdfium at the fork; each worker goes on with its
copy of the open document).  The workers render pages while the caller parses the document;
pages are claimed one at a time from a shared counter, and the caller, once its own work is done
(``Rendering.result``), renders the pages nobody has claimed yet, so the cores share the
rendering whichever finishes first.  Each renderer writes its images itself, under staged names
beside their files, moved into place by ``Rendering.keep`` once the report is done (removed by
``cancel``); without a folder they come back as bytes.  Where ``fork`` is not available a thread
renders instead.  Which process renders a page does not change its image
(``tests/test_report_pages.py``)."""
from __future__ import annotations

import io
import multiprocessing
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import JpegImagePlugin  # noqa: F401  (loaded before the fork: a worker imports nothing)

from policyparse.errors import CorruptInput
from policyparse.export.atomic import move_into, staged_path
from policyparse.ingest.pdf.reader import PDFIUM_LOCK, open_document, page_chars

SCALE = 1.25  # most pixels per point: an A4 page 744 px wide, the width of the report's left column
MIN_SCALE = 1.0  # fewest: an A4 page 596 px wide
TEXT_PX = 16.0  # pixels an em of the document's small text gets (三号 16 pt at 1.0; 小四 12 pt at 1.25)
SMALL_TEXT = 0.1  # the small text: the size that this share of the glyphs is below
SAMPLE_PAGES = 3  # pages whose glyphs give the text size
QUALITY = 70  # JPEG: text as legible as at 80 (ringing hardly visible at 2x zoom), a third faster to encode, 15% smaller


@dataclass(frozen=True)
class PageImage:
    """One rendered page: the JPEG and the crop box it shows (PDF user space: l, b, r, t)."""

    index: int  # 0-based
    crop_box: tuple[float, float, float, float]
    pixels: tuple[int, int]
    jpeg: bytes  # empty when written to ``file``
    file: str | None = None  # where the renderer wrote it (staged, until ``Rendering.keep``)

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in points."""
        left, bottom, right, top = self.crop_box
        return right - left, top - bottom


def page_scale(doc: pdfium.PdfDocument) -> float:
    """Pixels per point for the document's images: ``TEXT_PX / size`` of its small text (the
    glyph size ``SMALL_TEXT`` of its first pages' glyphs are below), within ``MIN_SCALE`` and
    ``SCALE``; ``SCALE`` when those pages have no text.  The caller holds ``PDFIUM_LOCK``."""
    sizes: list[float] = []
    for index in range(min(len(doc), SAMPLE_PAGES)):
        try:
            page = doc[index]
            try:
                textpage = page.get_textpage()
                try:
                    sizes.extend(c.size for c in page_chars(textpage, 0.0)[0])
                finally:
                    textpage.close()
            finally:
                page.close()
        except pdfium.PdfiumError:
            continue  # a damaged page: the renderer reports it
    sizes = sorted(s for s in sizes if s > 0)
    if not sizes:
        return SCALE
    small = sizes[int(len(sizes) * SMALL_TEXT)]
    return round(min(SCALE, max(MIN_SCALE, TEXT_PX / small)), 3)


def image_name(index: int) -> str:
    """The file name of page ``index``'s image in the report's ``NAME.files/`` folder."""
    return f"p{index + 1:03d}.jpg"


@dataclass(frozen=True)
class Output:
    """Where the renderers write the images: ``folder``, under staged names tagged ``tag``."""

    folder: Path
    tag: str
    created: bool  # the folder was made for these images

    def staged(self, index: int) -> Path:
        return staged_path(self.folder / image_name(index), self.tag)


def render_page(doc: pdfium.PdfDocument, index: int, name: str, scale: float, out: Output | None = None) -> PageImage:
    """Page ``index`` as a JPEG (rendered under the lock, encoded outside it); written to its
    staged file when ``out`` is given."""
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
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=QUALITY)  # PIL releases the GIL
    if out is None:
        return PageImage(index, crop, picture.size, buffer.getvalue())
    staged = out.staged(index)
    with open(staged, "xb") as file:  # mode 0666 less the umask, as atomic_path gives
        file.write(buffer.getbuffer())
    return PageImage(index, crop, picture.size, b"", str(staged))


def render_pages(data: bytes, name: str, scale: float | None = None) -> list[PageImage]:
    """Every page of the PDF ``data`` as a JPEG, in one thread (at ``page_scale`` unless
    ``scale`` is given); ``CorruptInput`` when it cannot be opened."""
    with PDFIUM_LOCK:
        doc = open_document(data, name)
        scale = page_scale(doc) if scale is None else scale
    try:
        return [render_page(doc, index, name, scale) for index in range(len(doc))]
    finally:
        with PDFIUM_LOCK:
            doc.close()


class Claims:
    """Page numbers handed out one at a time, to the threads or processes sharing a document."""

    def __init__(self, count: int, context=None):
        self.count = count
        if context is not None:  # shared with forked processes (a lock and an int in shared memory)
            self.next, self.lock = context.RawValue("l", 0), context.Lock()
        else:
            self.next, self.lock = _Int(), threading.Lock()

    def __call__(self) -> int | None:
        """The next page nobody has taken, or None."""
        with self.lock:
            index = self.next.value
            if index >= self.count:
                return None
            self.next.value = index + 1
        return index

    def stop(self) -> None:
        with self.lock:
            self.next.value = self.count


class _Int:
    value = 0


def render_claimed(doc: pdfium.PdfDocument, name: str, scale: float, claims: Claims,
                   out: Output | None = None) -> list[PageImage]:
    """The pages this caller claims, until none is left."""
    images = []
    while (index := claims()) is not None:
        images.append(render_page(doc, index, name, scale, out))
    return images


def _work(conn, doc: pdfium.PdfDocument, name: str, scale: float, claims: Claims, out: Output | None) -> None:
    """A forked worker: render what it claims, send the pages (or the error) back."""
    try:
        message = ("ok", render_claimed(doc, name, scale, claims, out))
    except BaseException as exc:  # reported to the caller, which raises it
        claims.stop()
        message = ("error", exc)
    try:
        conn.send(message)
    except (BrokenPipeError, OSError):
        pass  # the caller stopped waiting (cancel)
    finally:
        conn.close()


class Rendering:
    """Pages being rendered in the background; ``result()`` renders what is left and gives them
    all in page order; ``keep()`` moves the written images into place, ``cancel()`` drops them."""

    def __init__(self, data: bytes, name: str, doc: pdfium.PdfDocument, scale: float, claims: Claims,
                 out: Output | None):
        self.data, self.name, self.doc, self.scale, self.claims = data, name, doc, scale, claims  # data: pdfium reads it in place
        self.out = out
        self.workers: list = []  # (process, connection) or (thread, [its result])
        self.images: list[PageImage] | None = None
        self.open = True
        self.kept = False

    def result(self) -> list[PageImage]:
        if self.images is not None or not self.open:
            raise RuntimeError("Rendering.result() called twice, or after cancel()")
        try:
            images = render_claimed(self.doc, self.name, self.scale, self.claims, self.out)
            for worker, got in self.workers:
                images += self._collect(worker, got)
        except BaseException:
            self.cancel()
            raise
        self._finish()
        self.images = sorted(images, key=lambda image: image.index)
        return self.images

    def keep(self) -> None:
        """The images written by ``result()`` replace those of the folder (``image_name``)."""
        for image in self.images or ():
            if image.file:
                move_into(Path(image.file), self.out.folder / image_name(image.index))
        self.kept = True

    def cancel(self) -> None:
        """Stop rendering and remove the images written and not kept (the document could not be
        parsed, or its pages are not shown, or writing the report failed)."""
        self._finish()
        if self.out is not None and not self.kept:
            for staged in self.out.folder.glob(f".*.{self.out.tag}.tmp"):
                staged.unlink(missing_ok=True)
            if self.out.created:
                try:
                    self.out.folder.rmdir()
                except OSError:
                    pass  # not empty: another writer's files

    def _collect(self, worker, got) -> list[PageImage]:
        if isinstance(worker, threading.Thread):
            worker.join()
            kind, value = got[0]
        else:
            try:
                kind, value = got.recv()
            except (EOFError, OSError):
                worker.join()
                raise CorruptInput(f"{self.name}: page rendering failed (the renderer exited with code "
                                   f"{worker.exitcode})") from None
        if kind == "error":
            raise value
        return value

    def _finish(self) -> None:
        """Stop the workers (they finish the page they are on) and close the document."""
        if not self.open:
            return
        self.open = False
        self.claims.stop()
        for worker, got in self.workers:
            if isinstance(worker, threading.Thread):
                worker.join()
            else:
                got.close()  # a worker still sending gets a broken pipe
                worker.join(timeout=5)
                if worker.is_alive():
                    worker.kill()
                    worker.join()
        with PDFIUM_LOCK:
            self.doc.close()


def start_rendering(data: bytes, name: str, folder: Path | None = None, scale: float | None = None) -> Rendering:
    """Render the PDF ``data``'s pages in the background: forked processes (one a core beside
    the one that parses, at most 2), or a thread; ``CorruptInput`` when it cannot be opened.
    With ``folder``, each renderer writes the images there itself (staged: ``Rendering.keep``),
    else they come back as bytes."""
    out = None
    if folder is not None:
        created = not folder.is_dir()
        folder.mkdir(parents=True, exist_ok=True)
        out = Output(folder, f"{os.getpid()}-{secrets.token_hex(4)}", created)
    with PDFIUM_LOCK:  # no thread of this process is inside pdfium while it forks
        doc = open_document(data, name)
        try:
            scale = page_scale(doc) if scale is None else scale
        except BaseException:
            doc.close()
            raise
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            rendering = Rendering(data, name, doc, scale, Claims(len(doc), context), out)
            try:
                for _ in range(max(1, min(2, (os.cpu_count() or 1) - 1))):
                    receive, send = context.Pipe(duplex=False)
                    process = context.Process(target=_work, args=(send, doc, name, scale, rendering.claims, out),
                                              name="policyparse-pages", daemon=True)
                    process.start()
                    send.close()
                    rendering.workers.append((process, receive))
            except BaseException:
                rendering.cancel()
                raise
            return rendering
    rendering = Rendering(data, name, doc, scale, Claims(len(doc)), out)
    got: list = []

    def work() -> None:
        try:
            got.append(("ok", render_claimed(doc, name, scale, rendering.claims, out)))
        except BaseException as exc:
            rendering.claims.stop()
            got.append(("error", exc))

    thread = threading.Thread(target=work, name="policyparse-pages", daemon=True)
    thread.start()
    rendering.workers.append((thread, got))
    return rendering
