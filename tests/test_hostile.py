"""Hostile and careless input (issue 11): each case through the CLI, the library and batch gives one
``Error:`` line and exit 1, or an error record, or a valid result — never a traceback or a hang."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import policyparse
from policyparse.api import Options
from policyparse.cli import cli
from policyparse.errors import CorruptInput, NotRegularFile, TooLarge
from policyparse.ingest import Limits

SAMPLE = Path(__file__).parent / "golden" / "wujiang_silk_2021.txt"
DOCX = Path(__file__).parent / "golden_docx"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def one_error_line(result, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr and all(n in lines[0] for n in needles), lines[0]


def docx_bomb(path: Path, mb: int) -> Path:
    """A real DOCX whose document.xml is padded with ``mb`` MB of whitespace (deflates to almost nothing)."""
    source = next(DOCX.glob("*.docx"))
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (mb << 20), 1)
            zout.writestr(item, data)
    return path


# --------------------------------------------------------------------------- special files

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    one_error_line(run("parse", str(fifo)), "FIFO", "not a regular file")
    with pytest.raises(NotRegularFile):
        policyparse.parse(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    one_error_line(run("parse", str(link)), "character device")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_batch_records_special_files_instead_of_hanging_or_skipping(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    result = run("batch", "in", "-o", "out", "-j", "1")
    assert result.exit_code == 1 and "Traceback" not in result.output
    summary = json.loads((tmp_path / "out" / "_summary.json").read_text(encoding="utf-8"))
    errors = {f["input"]: f["error"] for f in summary["failures"]}
    assert errors == {"in/pipe.txt": "NotRegularFile", "in/zero.txt": "NotRegularFile"}
    assert (tmp_path / "out" / "in" / "a.txt.json").exists()


# --------------------------------------------------------------------------- size limits

def test_input_over_max_size_is_refused_with_the_option_to_raise_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(SAMPLE.read_bytes() * 400)  # ~2 MB
    one_error_line(run("parse", str(big), "--max-size", "1"), "--max-size")
    assert run("parse", str(big), "--max-size", "4").exit_code == 0
    with pytest.raises(TooLarge):
        policyparse.parse(big, Options(limits=Limits(max_bytes=1 << 20)))


def test_text_over_the_character_bound_is_refused(tmp_path: Path) -> None:
    text = "一、总体要求\n" + "测" * 200_000
    with pytest.raises(TooLarge, match="characters"):
        policyparse.parse(text, Options(limits=Limits(max_chars=100_000)))
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    one_error_line(run("parse", str(path), "--max-text", "100000"), "--max-text")


def test_docx_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    bomb = docx_bomb(tmp_path / "bomb.docx", 8)
    assert bomb.stat().st_size < 1 << 20
    one_error_line(run("parse", str(bomb), "--max-unzipped", "4"), "expand", "--max-unzipped")
    assert run("parse", str(bomb)).exit_code == 0  # 8 MB is within the default 64 MB
    huge = docx_bomb(tmp_path / "huge.docx", 300)  # the 300 MB expansion of the report
    one_error_line(run("parse", str(huge)), "expand", "--max-unzipped")


def test_unsupported_zip_compression_is_corrupt_input(tmp_path: Path) -> None:
    source = next(DOCX.glob("*.docx"))
    data = bytearray(source.read_bytes())
    for sig in (b"PK\x01\x02", b"PK\x03\x04"):  # method field of every header set to 99 (AES)
        start = 0
        while (i := data.find(sig, start)) >= 0:
            offset = i + (10 if sig == b"PK\x01\x02" else 8)
            data[offset:offset + 2] = (99).to_bytes(2, "little")
            start = i + 4
    path = tmp_path / "aes.docx"
    path.write_bytes(bytes(data))
    one_error_line(run("parse", str(path)), "compression")
    with pytest.raises(CorruptInput):
        policyparse.parse(path)


def test_docx_with_non_numeric_numbering_values_still_parses(tmp_path: Path) -> None:
    source = next(DOCX.glob("*.docx"))
    path = tmp_path / "odd.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in ("word/numbering.xml", "word/document.xml"):
                for attr in (b'w:ilvl w:val="', b'w:start w:val="'):
                    data = data.replace(attr + b"0", attr + b"x").replace(attr + b"1", attr + b"one")
            zout.writestr(item, data)
    result = run("parse", str(path))
    assert result.exit_code == 0, result.stderr


# --------------------------------------------------------------------------- time

def test_parse_timeout_gives_one_error_line(tmp_path: Path) -> None:
    big = tmp_path / "long.txt"
    big.write_bytes(SAMPLE.read_bytes() * 300)
    one_error_line(run("parse", str(big), "--timeout", "0.05"), "not parsed within 0.05 s", "--timeout")


# --------------------------------------------------------------------------- the terminal

def test_show_never_passes_control_sequences_from_the_document(tmp_path: Path) -> None:
    path = tmp_path / "esc.html"  # character references reach the text as the characters they name
    path.write_text("<html><body><p>关于&#27;]0;pwned&#7;印发&#x1b;[2J方案的通知</p><p>一、总体要求</p>"
                    "<p>1.推进工作。（牵头单位：市&#x1b;[31m发改委）</p></body></html>", encoding="utf-8")
    result = run("show", str(path))
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b" in result.stdout  # shown, escaped, so nothing is hidden from the reader
    assert "\x1b" not in run("units", str(path)).stdout


# --------------------------------------------------------------------------- Ctrl-C

def test_ctrl_c_in_batch_writes_the_summary_and_exits_130(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(400):
        (folder / f"d{k:03}.txt").write_bytes(SAMPLE.read_bytes() + f"\n（{k}）".encode())
    proc = subprocess.Popen([sys.executable, "-m", "policyparse.cli", "batch", "in", "-o", "out", "-j", "2"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            # a background job inherits Ctrl-C ignored; the user's terminal does not
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((tmp_path / "out" / "in").glob("*.json"))) < 5:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    err = err.decode()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("Error: interrupted"), err
    summary = json.loads((tmp_path / "out" / "_summary.json").read_text(encoding="utf-8"))
    assert summary["interrupted"] and summary["not_done"] and summary["inputs"] == 400
    assert summary["ok"] + len(summary["not_done"]) == 400
    again = subprocess.run([sys.executable, "-m", "policyparse.cli", "batch", "in", "-o", "out", "-j", "2"],
                           cwd=tmp_path, capture_output=True)
    assert again.returncode == 0, again.stderr  # the resume finishes the rest
    assert len(list((tmp_path / "out" / "in").glob("*.json"))) == 400


# --------------------------------------------------------------------------- -o

def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert run("parse", str(SAMPLE), "-o", str(link)).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["source"]["format"] == "txt"
    from policyparse.export.atomic import write_text_atomic
    write_text_atomic(link, "new\n")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new\n"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_output_to_a_device_writes_to_it(tmp_path: Path) -> None:
    from policyparse.export.atomic import write_text_atomic
    write_text_atomic(Path("/dev/null"), "x\n")
    assert Path("/dev/null").is_char_device()
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    assert run("export", str(tmp_path), "-o", str(link), "--format", "json").exit_code in (0, 1)
    assert link.is_symlink() and Path("/dev/null").is_char_device()


# --------------------------------------------------------------------------- silent loss

def test_nul_bytes_after_the_binary_check_are_removed_with_a_warning() -> None:
    data = SAMPLE.read_bytes()[:6000].rsplit(b"\n", 1)[0] + b"\n\x00\x00tail\n"
    doc = policyparse.parse(data)
    assert "\x00" not in doc.model_dump_json() and [w.code for w in doc.warnings].count("W104") == 1


def test_html_doctype_internal_subset_does_not_leak() -> None:
    page = ('<!DOCTYPE html [\n<!ENTITY x "y">\n]>\n<html><body><p>关于印发方案的通知</p>'
            '<p>一、总体要求</p></body></html>').encode()
    doc = policyparse.parse(page, Options(source_name="page.html"))
    assert "]>" not in doc.model_dump_json() and doc.sections[0].title == "总体要求"


def test_html_nested_deeper_than_255_keeps_its_text() -> None:
    page = ("<html><body>" + "<div>" * 400 + "<p>一、总体要求</p>" + "</div>" * 400
            + "<p>二、保障措施</p></body></html>").encode()
    doc = policyparse.parse(page, Options(source_name="deep.html"))
    assert [n.title for n in doc.sections] == ["总体要求", "保障措施"]
    too_deep = ("<html><body>" + "<div>" * 5000 + "<p>一、总体要求</p>" + "</div>" * 5000 + "</body></html>").encode()
    with pytest.raises(CorruptInput, match="nested too deeply"):
        policyparse.parse(too_deep, Options(source_name="deeper.html"))


def test_docx_numbering_part_of_another_content_type_still_parses(tmp_path: Path) -> None:
    source = next(p for p in sorted(DOCX.glob("*.docx")) if "word/numbering.xml" in zipfile.ZipFile(p).namelist())
    path = tmp_path / "ct.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.numbering+xml", b"wordprocessingml.other+xml")
            zout.writestr(item, data)
    assert b"other+xml" in zipfile.ZipFile(path).read("[Content_Types].xml")
    assert policyparse.parse(path).sections == policyparse.parse(source).sections


def test_batch_gives_each_hostile_input_its_record(tmp_path: Path, monkeypatch) -> None:
    """The library and CLI cases above, as one folder through batch: an error record or a result each."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    docx_bomb(folder / "bomb.docx", 8)
    (folder / "big.txt").write_bytes(SAMPLE.read_bytes() * 400)
    (folder / "nul.txt").write_bytes(SAMPLE.read_bytes()[:6000].rsplit(b"\n", 1)[0] + b"\n\x00tail\n")
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 400 + "<p>一、总体要求</p>" + "</div>" * 400
                                      + "</body></html>", encoding="utf-8")
    (folder / "esc.html").write_text("<html><body><p>关于&#27;]0;x&#7;印发方案的通知</p><p>一、总体要求</p></body></html>",
                                     encoding="utf-8")
    (folder / "ok.txt").write_bytes(SAMPLE.read_bytes())
    result = run("batch", "in", "-o", "out", "-j", "1", "--max-size", "1", "--max-unzipped", "4")
    assert result.exit_code == 1 and "Traceback" not in result.output
    summary = json.loads((tmp_path / "out" / "_summary.json").read_text(encoding="utf-8"))
    assert {f["input"]: f["error"] for f in summary["failures"]} == {"in/bomb.docx": "TooLarge", "in/big.txt": "TooLarge"}
    assert summary["warnings_by_input"].get("in/nul.txt", {}).get("W104") == 1
    deep = json.loads((tmp_path / "out" / "in" / "deep.html.json").read_text(encoding="utf-8"))
    assert deep["sections"][0]["title"] == "总体要求"
    assert (tmp_path / "out" / "in" / "esc.html.json").exists() and (tmp_path / "out" / "in" / "ok.txt.json").exists()
