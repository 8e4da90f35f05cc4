"""The report's page images and boxes (issue 12's speed work): the resolution follows the
document's text, pages rendered by the worker and by the caller are the same images, a worker
that fails is an error and not a hang, and the fast box lookup gives what the glyph walk gives."""
from __future__ import annotations

import os
import random
import threading
from pathlib import Path

import pytest

from policyparse.api import Options, parse_with_source
from policyparse.errors import CorruptInput
from policyparse.ingest.pdf.layout import Char
from policyparse.ingest.pdf.reader import PDFIUM_LOCK, open_document
from policyparse.ingest.source import GlyphLayout, GlyphRun
from policyparse.report import boxes, pages
from policyparse.report.build import report_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PDF = ROOT / "samples" / "wujiang_silk_2021.pdf"  # 三号 (16 pt) body text
SMALL_PDF = ROOT / "tests" / "golden_pdf" / "d10_docx.pdf"  # 11 pt body text
TABLE_PDF = ROOT / "tests" / "golden_pdf" / "d27_table.pdf"


def scale_of(path: Path) -> float:
    data = path.read_bytes()
    with PDFIUM_LOCK:
        doc = open_document(data, path.name)
        try:
            return pages.page_scale(doc)
        finally:
            doc.close()


def test_resolution_follows_the_text_size():
    # 16 px an em of the small text: 三号 at 1.0 px/pt; 11 pt text gets the most, 1.25
    assert scale_of(SAMPLE_PDF) == pages.MIN_SCALE == 1.0
    assert scale_of(SMALL_PDF) == pages.SCALE == 1.25
    images = pages.render_pages(SAMPLE_PDF.read_bytes(), SAMPLE_PDF.name)
    assert images[0].pixels == (596, 842)  # A4 at 1.0 px/pt: 16 px a 三号 character


def test_pages_are_the_same_whoever_renders_them(monkeypatch):
    """The forked worker and the caller share the pages; the images are those of one thread."""
    data = SAMPLE_PDF.read_bytes()
    alone = pages.render_pages(data, SAMPLE_PDF.name)
    shared = pages.start_rendering(data, SAMPLE_PDF.name).result()
    assert [i.index for i in shared] == list(range(8))
    assert shared == alone
    monkeypatch.setattr(pages.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    threaded = pages.start_rendering(data, SAMPLE_PDF.name)
    assert isinstance(threaded.workers[0][0], threading.Thread)
    assert threaded.result() == alone


def test_inline_report_is_byte_identical_run_to_run(tmp_path: Path):
    first = report_file(SAMPLE_PDF, tmp_path / "a" / "s.html", inline=True)
    second = report_file(SAMPLE_PDF, tmp_path / "b" / "s.html", inline=True)
    assert first.view == second.view == "pages"
    assert (tmp_path / "a" / "s.html").read_bytes() == (tmp_path / "b" / "s.html").read_bytes()


def test_a_worker_that_dies_is_an_error_not_a_hang(monkeypatch):
    parent = os.getpid()
    render = pages.render_page

    def dying(doc, index, name, scale, out=None):
        if os.getpid() != parent:
            os._exit(3)  # as a crash of pdfium on a damaged page would
        return render(doc, index, name, scale, out)

    monkeypatch.setattr(pages, "render_page", dying)
    rendering = pages.start_rendering(SAMPLE_PDF.read_bytes(), SAMPLE_PDF.name)
    with pytest.raises(CorruptInput, match="page rendering failed .*code 3"):
        rendering.result()
    assert all(not worker.is_alive() for worker, _ in rendering.workers)


def test_a_worker_error_is_raised_by_the_caller(monkeypatch):
    parent = os.getpid()
    render = pages.render_page

    def failing(doc, index, name, scale, out=None):
        if os.getpid() != parent:
            raise CorruptInput(f"{name}: damaged page {index + 1} (planted)")
        return render(doc, index, name, scale, out)

    monkeypatch.setattr(pages, "render_page", failing)
    with pytest.raises(CorruptInput, match="planted"):
        pages.start_rendering(SAMPLE_PDF.read_bytes(), SAMPLE_PDF.name).result()


def test_cancel_stops_the_workers_and_removes_their_files(tmp_path: Path):
    folder = tmp_path / "s.files"
    rendering = pages.start_rendering(SAMPLE_PDF.read_bytes(), SAMPLE_PDF.name, folder)
    workers = [worker for worker, _ in rendering.workers]
    rendering.cancel()
    assert all(not w.is_alive() for w in workers)
    assert not folder.exists()  # made for the images, none kept
    rendering = pages.start_rendering(SAMPLE_PDF.read_bytes(), SAMPLE_PDF.name, folder)
    assert len(rendering.result()) == 8 and len(list(folder.iterdir())) == 8  # staged, hidden
    rendering.cancel()
    assert not folder.exists()


def test_images_written_by_the_renderers_replace_the_old_ones(tmp_path: Path):
    """Each renderer writes its pages (staged), kept once the report is written: the files are
    the JPEGs ``render_pages`` gives, an old image is replaced, a symbolic link written through."""
    html = tmp_path / "s.html"
    folder = tmp_path / "s.files"
    folder.mkdir()
    (folder / "p001.jpg").write_bytes(b"old")
    (tmp_path / "elsewhere.jpg").write_bytes(b"old")
    (folder / "p002.jpg").symlink_to(tmp_path / "elsewhere.jpg")
    report_file(SAMPLE_PDF, html)
    alone = pages.render_pages(SAMPLE_PDF.read_bytes(), SAMPLE_PDF.name)
    assert sorted(p.name for p in folder.iterdir()) == [pages.image_name(k) for k in range(8)]
    assert [(folder / pages.image_name(k)).read_bytes() for k in range(8)] == [i.jpeg for i in alone]
    assert (folder / "p002.jpg").is_symlink() and (tmp_path / "elsewhere.jpg").read_bytes() == alone[1].jpeg


@pytest.mark.parametrize("path", [SAMPLE_PDF, TABLE_PDF], ids=lambda p: p.name)
def test_box_lookup_gives_what_the_glyph_walk_gives(path: Path):
    doc, source = parse_with_source(path.read_bytes(), Options(source_name=str(path)))
    index = boxes.BoxIndex(source.layout)
    rng = random.Random(12)
    spans = [(s, s + rng.randint(1, 300)) for s in (rng.randrange(len(doc.text)) for _ in range(1500))]
    spans += [(0, len(doc.text))]
    for start, end in spans:
        assert index._flat_range(start, end) is not None
        assert index.rects(start, end) == boxes._rects(index.glyphs(start, end)), (start, end)


def test_box_lookup_of_runs_out_of_order_walks_the_glyphs():
    """Runs whose glyphs are not one stretch for a span (overlapping runs) take the walk."""
    def glyph(x: float, top: float) -> Char:
        return Char("字", x, x + 10, top, top + 10, 10.0)

    runs = (GlyphRun(0, "甲乙丙", 0, (glyph(0, 0), glyph(10, 0), glyph(20, 0))),
            GlyphRun(1, "丁戊", 0, (glyph(0, 30), glyph(10, 30))))
    index = boxes.BoxIndex(GlyphLayout(runs, ((0.0, 0.0, 100.0, 100.0),)))
    assert index._flat_range(2, 3) is None  # 丙 of the first run, 戊 of the second
    assert index.rects(2, 3) == boxes._rects(index.glyphs(2, 3)) == [
        boxes.Rect(0, 20, 0, 30, 10), boxes.Rect(0, 10, 30, 20, 40)]
    assert index._flat_range(0, 3) == (0, 5)  # 甲乙丙 and 丁戊: one stretch
    assert index.rects(0, 3) == [boxes.Rect(0, 0, 0, 30, 10), boxes.Rect(0, 0, 30, 20, 40)]


def test_a_document_that_fails_to_parse_leaves_no_images(tmp_path: Path, monkeypatch):
    from policyparse.report import build

    def failing(data, options):
        import time

        time.sleep(0.3)  # the pages are rendering meanwhile
        raise CorruptInput("planted parse failure")

    monkeypatch.setattr(build, "parse_with_source", failing)
    with pytest.raises(CorruptInput, match="planted"):
        report_file(SAMPLE_PDF, tmp_path / "s.html")
    assert list(tmp_path.iterdir()) == []


def test_reports_from_threads_at_once(tmp_path: Path):
    """Each report forks its worker under the pdfium lock while other threads parse and render:
    no deadlock, and every report gets its own pages."""
    from concurrent.futures import ThreadPoolExecutor

    alone = [i.jpeg for i in pages.render_pages(SAMPLE_PDF.read_bytes(), SAMPLE_PDF.name)]
    with ThreadPoolExecutor(3) as pool:
        entries = list(pool.map(lambda k: report_file(SAMPLE_PDF, tmp_path / f"r{k}" / "s.html"), range(3)))
    assert [e.view for e in entries] == ["pages"] * 3
    for k in range(3):
        folder = tmp_path / f"r{k}" / "s.files"
        assert [(folder / pages.image_name(i)).read_bytes() for i in range(8)] == alone
        assert not list(folder.glob(".*"))
