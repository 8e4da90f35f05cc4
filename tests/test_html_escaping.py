"""Every value a document supplies is escaped in every HTML page written (issue 11): a title,
unit names and a file name carrying markup give no live tag or attribute in ``report`` pages,
the batch index, ``show --html`` and ``show --displacy``."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from policyparse.cli import cli

EVIL = '"><img src=x onerror=alert(1)>'
SCRIPT = "<script>alert(1)</script>"
FILE_NAME = 'evil"><img src=x onerror=alert(1)><script>.txt'
TEXT = f"""关于印发{SCRIPT}行动计划{EVIL}的通知
各镇人民政府：
　　现将《行动计划》印发给你们，请认真贯彻执行。
某某区人民政府办公室
2021年1月20日
{SCRIPT}行动计划
一、重点任务
1.加大基地扶持力度。推进基地建设。[区发改委、{SCRIPT}财政局、商务局]
2.加快转型创新发展。推进转型。[区工信局、{EVIL}科技局]
"""


def live_markup(html: str) -> list[str]:
    """Tags and attributes that came from the document: any <img>, an on* attribute, a
    <script> other than the page's own (which holds no 'alert')."""
    tree = lxml.html.fromstring(html)
    found = [f"<{el.tag}>" for el in tree.iter("img") if el.get("src") == "x"]
    found += [f"{el.tag}[{name}]" for el in tree.iter() if isinstance(el.tag, str)
              for name in el.attrib if name.lower().startswith("on")]
    found += ["<script> with alert" for el in tree.iter("script") if "alert" in (el.text or "")]
    return found


@pytest.fixture
def evil_file(tmp_path: Path) -> Path:
    path = tmp_path / FILE_NAME
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_the_document_parses_with_the_markup_in_its_values(evil_file: Path):
    import policyparse

    doc = policyparse.parse(evil_file)
    names = [u.name for s in doc.sections for c in s.children for u in c.units]
    assert any("<img" in n for n in names) and any("<script>" in n for n in names), names
    assert "<script>" in (doc.title or "") + (doc.notice.title or "")


def test_report_page_and_index_escape_everything(evil_file: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(evil_file.parent)
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["report", FILE_NAME, FILE_NAME, "-o", str(out)])
    assert res.exit_code == 0, res.output
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == 2 and any(p.name == "index.html" for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "&lt;script&gt;" in html and "&lt;img" in html or "&#34;&gt;&lt;img" in html
        assert live_markup(html) == [], page


def test_show_html_escapes_everything(evil_file: Path, tmp_path: Path):
    out = tmp_path / "show.html"
    res = CliRunner().invoke(cli, ["show", str(evil_file), "--html", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html
    assert live_markup(html) == []


@pytest.mark.skipif(importlib.util.find_spec("spacy") is None, reason="displaCy needs the nlp extra (spacy)")
def test_show_displacy_escapes_everything(evil_file: Path, tmp_path: Path):
    out = tmp_path / "displacy.html"
    res = CliRunner().invoke(cli, ["show", str(evil_file), "--displacy", str(out)])
    assert res.exit_code == 0, res.output
    assert live_markup(out.read_text(encoding="utf-8")) == []


def test_the_check_finds_live_markup():
    """The checker itself is not a tautology."""
    assert live_markup(f"<p>{EVIL}</p>")
    assert live_markup(f"<p>{SCRIPT}</p>")
    assert not live_markup("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")


def test_batch_index_escapes_file_names(evil_file: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(evil_file.parent)
    bad = evil_file.parent / 'bad"><img src=x onerror=alert(1)>.pdf'
    bad.write_bytes(b"not a pdf")
    runner = CliRunner()
    runner.invoke(cli, ["batch", FILE_NAME, bad.name, "-o", "out", "-j", "1"])
    res = runner.invoke(cli, ["report", "out"])
    assert res.exit_code == 0, res.output
    html = (evil_file.parent / "out" / "_report" / "index.html").read_text(encoding="utf-8")
    assert "CorruptInput" in html
    assert live_markup(html) == []
