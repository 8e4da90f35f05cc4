"""Write the report: one static HTML page per document (page images beside it), and the batch
index.  Inputs are documents (parsed here, ``api.parse_with_source``) or results of ``parse`` /
``batch`` (JSON, error records included); a PDF result is re-read for its glyph boxes and pages
when its file is found where ``source.path`` says with the same sha256."""
from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2

from policyparse.api import Options, parse_with_source
from policyparse.errors import PolicyParseError
from policyparse.export.atomic import atomic_path
from policyparse.export.ledger import iter_tasks
from policyparse.ingest import FORMATS, check_regular_file, read_bytes, sniff_format
from policyparse.report import suspicion
from policyparse.report.pages import PageImage, image_name, start_rendering
from policyparse.report.view import LEGEND, build_report
from policyparse.schema import PolicyDocument, walk

INDEX = "index.html"
ERROR_SUFFIX = ".error.json"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates (package data), autoescaped: every value the document supplies is escaped."""
    return jinja2.Environment(loader=jinja2.PackageLoader("policyparse.report", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


@dataclass
class Entry:
    """One input of the index: its page, counts and the signs of trouble."""

    name: str
    status: str  # ok | error
    href: str | None = None
    title: str = ""
    tasks: int = 0
    units: int = 0
    canonical: float | None = None  # share of units with a canonical name
    warnings: int = 0
    signs: list[suspicion.Sign] = field(default_factory=list)
    view: str = ""  # pages | text

    @property
    def score(self) -> int:
        return suspicion.score(self.signs)


# --------------------------------------------------------------------------- one document


def document_html(doc: PolicyDocument, source=None, images: list[PageImage] | None = None,
                  image_src=None, index_href: str | None = None) -> str:
    """The report page of one document: the PDF's pages with boxes when ``source.layout`` and
    ``images`` are given (and the layout is that of ``doc.text``), else its text highlighted."""
    layout = source.layout if source is not None and source.text == doc.text else None
    if image_src is None:
        image_src = _data_uri
    report = build_report(doc, layout, images, image_src)
    heading = doc.title or (doc.notice.title if doc.notice and doc.notice.title else None) or doc.source.path
    return environment().get_template("document.html.j2").render(
        doc=doc, report=report, heading=heading, legend=LEGEND, index_href=index_href)


def _data_uri(image: PageImage) -> str:
    return "data:image/jpeg;base64," + base64.b64encode(image.jpeg).decode("ascii")


def image_folder(html_path: Path, inline: bool = False) -> Path | None:
    """Where the page images of the report ``html_path`` go: ``NAME.files/`` (None: inline)."""
    return None if inline else html_path.with_name(html_path.name.removesuffix(".html") + ".files")


def report_document(data: bytes | None, doc: PolicyDocument, source, rendering, html_path: Path,
                    inline: bool = False, index_path: Path | None = None) -> Entry:
    """Write ``html_path`` (and keep its page images, written by ``rendering`` in
    ``image_folder``, unless ``inline``).  The boxes are placed before waiting for the pages."""
    got: list[list[PageImage]] = []

    def images() -> list[PageImage]:
        got.append(rendering.result() if rendering is not None else [])
        return got[-1]

    folder = image_folder(html_path)

    def image_src(image: PageImage) -> str:
        return _data_uri(image) if inline else quote(f"{folder.name}/{image_name(image.index)}")

    index_href = quote(os.path.relpath(index_path, html_path.parent)) if index_path is not None else None
    try:
        html = document_html(doc, source, images if rendering is not None else None, image_src, index_href)
        if got and got[-1] and not inline:
            rendering.keep()
    except BaseException:  # cleanup only: the images written and not kept are removed
        if rendering is not None:
            rendering.cancel()
        raise
    if rendering is not None and not got:
        rendering.cancel()  # the layout was not that of the result's text: no pages shown
    with atomic_path(html_path) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return _entry(doc, html_path, bool(got and got[-1]))


def _entry(doc: PolicyDocument, html_path: Path | None, pages: bool) -> Entry:
    units = [u for node, _ in walk(doc.sections) for u in node.units]
    canonical = sum(1 for u in units if u.canonical) / len(units) if units else None
    return Entry(doc.source.path, "ok", str(html_path) if html_path else None, doc.title or "",
                 sum(1 for _ in iter_tasks(doc)), len(units), canonical, len(doc.warnings),
                 suspicion.document_signs(doc), "pages" if pages else "text")


def report_file(path: Path, html_path: Path, inline: bool = False, index_path: Path | None = None) -> Entry:
    """Parse the document at ``path`` (its bytes read once) and write its report; a PDF's pages
    render meanwhile."""
    check_regular_file(path, str(path))
    data = path.read_bytes()
    rendering = start_rendering(data, path.name, image_folder(html_path, inline)) \
        if sniff_format(path.name, data) == "pdf" and data else None
    try:
        doc, source = parse_with_source(data, Options(source_name=str(path)))
    except BaseException:  # cleanup only (Ctrl-C included): stop the page workers, then re-raise
        if rendering is not None:
            rendering.cancel()
        raise
    return report_document(data, doc, source, rendering, html_path, inline, index_path)


def report_parsed(path: Path, doc: PolicyDocument, source, html_path: Path, inline: bool = False) -> Entry:
    """The report of a document already parsed from ``path`` (``show --html``): no second parse;
    a PDF's pages are rendered from the file's bytes."""
    data = path.read_bytes() if source.format == "pdf" else None
    rendering = start_rendering(data, path.name, image_folder(html_path, inline)) if data else None
    return report_document(data, doc, source, rendering, html_path, inline)


def report_result(path: Path, html_path: Path, inline: bool = False, index_path: Path | None = None) -> Entry:
    """Write the report of a result JSON; a PDF found at its ``source.path`` gives the pages."""
    doc = PolicyDocument.model_validate_json(path.read_bytes())
    source = rendering = data = None
    if doc.source.format == "pdf":
        found = Path(doc.source.path)
        if found.is_file():
            data = found.read_bytes()
            if hashlib.sha256(data).hexdigest() == doc.source.sha256:
                rendering = start_rendering(data, doc.source.path, image_folder(html_path, inline))
                try:
                    source = read_bytes(data, doc.source.path)
                except PolicyParseError:
                    rendering.cancel()
                    rendering = source = None
    return report_document(data, doc, source, rendering, html_path, inline, index_path)


# --------------------------------------------------------------------------- inputs and the index


def is_result(path: Path) -> bool:
    """A result of parse/batch: ``NAME.SUFFIX.json`` for an input suffix (not _summary.json …)."""
    if not path.name.endswith(".json") or path.name.endswith(ERROR_SUFFIX):
        return False
    return os.path.splitext(path.name[: -len(".json")])[1].lower() in FORMATS


def batch_files(outdir: Path) -> list[tuple[str, Path]]:
    """(input name, file) of every result and error record under a batch OUTDIR, sorted."""
    found = []
    for path in sorted(outdir.rglob("*.json")):
        if any(part.startswith(".") for part in path.relative_to(outdir).parts):
            continue
        rel = path.relative_to(outdir).as_posix()
        if path.name.endswith(ERROR_SUFFIX):
            found.append((rel[: -len(ERROR_SUFFIX)], path))
        elif is_result(path):
            found.append((rel[: -len(".json")], path))
    return found


def error_entry(name: str, error: str, message: str) -> Entry:
    return Entry(name, "error", signs=suspicion.error_signs(error, message))


def read_error_record(name: str, path: Path) -> Entry:
    import json

    record = json.loads(path.read_text(encoding="utf-8"))
    return error_entry(record.get("input", name), str(record.get("error", "Error")), str(record.get("message", "")))


def sorted_entries(entries: list[Entry]) -> list[Entry]:
    """Suspicious documents first (highest score), then by name."""
    return sorted(entries, key=lambda e: (-e.score, e.name))


def index_html(entries: list[Entry], index_path: Path, title: str) -> str:
    rows = []
    for e in sorted_entries(entries):
        href = quote(os.path.relpath(e.href, index_path.parent)) if e.href else None
        rows.append((e, href))
    flagged = sum(1 for e in entries if e.signs)
    return environment().get_template("index.html.j2").render(
        rows=rows, title=title, total=len(entries), flagged=flagged,
        errors=sum(1 for e in entries if e.status == "error"))


def write_index(entries: list[Entry], index_path: Path, title: str) -> Path:
    with atomic_path(index_path) as tmp:
        tmp.write_text(index_html(entries, index_path, title), encoding="utf-8")
    return index_path


def html_name(name: str) -> str:
    """The report page of input ``name`` (a relative path, mirrored below the report folder)."""
    parts = [p for p in Path(name).parts if p not in ("", ".", "..", "/")]
    return "/".join(parts or ["document"]) + ".html"
