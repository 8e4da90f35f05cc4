"""The command line: exit codes, exact error text, and the happy paths on tests/golden."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import policyparse
from policyparse import cli as cli_module
from policyparse.cli import cli
from policyparse.errors import StrictModeError
from policyparse.export.json import schema_json, to_gold_json, to_json
from policyparse.schema import PolicyDocument

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = GOLDEN / "wujiang_silk_2021.txt"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


# name, file name, content (None = do not create), expected message after "Error: "
BAD_INPUTS = [
    ("missing file", "missing.txt", None, "{path}: no such file"),
    ("empty file", "empty.txt", b"", "{path}: file is empty"),
    ("blank file", "blank.txt", b" \n\n", "{path}: file is empty"),
    ("binary file", "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4, "{path}: binary data (NUL bytes), expected text"),
    ("undecodable bytes", "noise.txt", bytes(range(1, 32)) * 10,
     "{path}: cannot decode as text (tried UTF-8, UTF-16, GB18030, Big5 and detection)"),
    ("unknown binary", "blob.bin", b"\x01\x02\x03" * 10, "{path}: expected .txt/.pdf/.docx/.html/.ofd/.doc/.wps, found '.bin'"),
    ("zip that is no document", "data.zip", b"PK\x05\x06" + b"\x00" * 18,
     "{path}: a zip archive that is neither DOCX (no word/document.xml) nor OFD (no OFD.xml)"),
]


@pytest.mark.parametrize("command", ["parse", "show"])
@pytest.mark.parametrize("case, name, content, message", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_one_clean_error_line(tmp_path: Path, command: str, case, name, content, message) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run(command, str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {message.format(path=path)}\n"


@pytest.mark.parametrize("command", ["parse", "show"])
def test_directory_is_an_error(tmp_path: Path, command: str) -> None:
    result = run(command, str(tmp_path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {tmp_path}: is a directory, expected a file\n"


def test_empty_stdin_is_an_error() -> None:
    result = run("parse", "-", input=b"")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "Error: <stdin>: file is empty\n")


def test_unwritable_output_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir.json"
    result = run("parse", str(SAMPLE), "-o", str(target))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {target}: No such file or directory\n"


# --------------------------------------------------------------------------- parse


def test_parse_prints_the_json_of_the_document() -> None:
    result = run("parse", str(SAMPLE))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == to_json(policyparse.parse(SAMPLE))
    doc = PolicyDocument.model_validate_json(result.stdout)
    assert doc.source.path == str(SAMPLE)  # the path as given, as batch records it


def test_parse_reads_stdin() -> None:
    result = run("parse", "-", input=SAMPLE.read_bytes())
    assert result.exit_code == 0, result.stderr
    doc = PolicyDocument.model_validate_json(result.stdout)
    assert doc.source.path == "<stdin>"
    assert doc.source.sha256 == policyparse.parse(SAMPLE).source.sha256


def test_parse_writes_to_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run("parse", str(SAMPLE), "-o", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == to_json(policyparse.parse(SAMPLE))


def test_parse_gold_view() -> None:
    result = run("parse", str(SAMPLE), "--gold")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == to_gold_json(policyparse.parse(SAMPLE))
    assert list(json.loads(result.stdout)) == ["notice", "document_title", "outline", "assignments"]


def test_parse_strict_turns_a_warning_into_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_parse(source, options):
        if options.strict:
            raise StrictModeError(f"{Path(source).name}: W201 numbering skips a number")
        return policyparse.parse(source, options)

    monkeypatch.setattr(cli_module, "parse", fake_parse)
    assert run("parse", str(SAMPLE)).exit_code == 0
    result = run("parse", "--strict", str(SAMPLE))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: wujiang_silk_2021.txt: W201 numbering skips a number\n"


# --------------------------------------------------------------------------- show


def test_show_on_a_golden_file() -> None:
    result = run("show", str(SAMPLE))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("notice:")
    assert "\x1b[" not in result.stdout  # no colours when stdout is not a tty
    assert any(line.startswith("warnings:") for line in result.stdout.splitlines())


def test_show_renders_the_tree(sample_doc, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "parse", lambda source, options: sample_doc)
    result = run("show", str(SAMPLE))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "notice:",
        "  title:       关于印发丝绸行动计划的通知",
        "  doc_number:  —",
        "  issuer:      吴江区人民政府办公室",
        "  date:        2021-01-20",
        "  addressees:  吴江开发区、各镇人民政府",
        "  public_note: 此件公开发布",
        "  attachments: —",
        "document: 丝绸行动计划",
        "sections:",
        "  [notice]",
        "    1 一、认真组织实施",
        "  [document]",
        "    1 一、重点任务  [重点任务]",
        "      1.1 1.加大基地扶持力度",
        "          units: 区发改委 (lead), 财政局 (responsible), 商务局 (supporting)",
        "          deadline: 2021年底前",
        "      1.2 2.建设丝绸小镇",
        "          units: 震泽镇 (responsible)",
        "    2 二、保障措施  [保障措施]",
        "warnings: none",
    ]


def test_show_reads_stdin() -> None:
    result = run("show", "-", input=SAMPLE.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "warnings:" in result.stdout


# --------------------------------------------------------------------------- schema, eval, version


def test_schema_prints_the_json_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_json()
    assert json.loads(result.stdout)["title"] == "PolicyDocument"


def test_eval_prints_a_table_per_document_and_totals() -> None:
    result = run("eval", str(GOLDEN))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["document", "outline", "units", "roles", "fields", "deadline"]
    names = [line.split()[0] for line in lines[1:43]]
    assert names == [f"d{i:02d}" for i in range(1, 41)] + ["wujiang_silk_2021", "TOTAL"]


def test_eval_verbose_lists_misses(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一、总体要求\n", encoding="utf-8")
    gold = {"notice": None, "document_title": "不存在的标题", "outline": [], "assignments": []}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = run("eval", str(tmp_path), "-v")
    assert result.exit_code == 0, result.stderr
    assert "a:" in result.stdout.splitlines()
    assert '  field           document_title  gold "不存在的标题"  got null' in result.stdout.splitlines()


@pytest.mark.parametrize(
    "args, message",
    [
        (["eval", "{tmp}/nowhere"], "{tmp}/nowhere: no such directory"),
        (["eval", "{tmp}"], "{tmp}: no NAME.gold.json with a NAME.txt twin"),
    ],
)
def test_eval_bad_directory(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*(arg.format(tmp=tmp_path) for arg in args))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: {message.format(tmp=tmp_path)}\n"


def test_eval_rejects_an_unknown_extension() -> None:
    result = run("eval", str(GOLDEN), "--ext", ".xls")
    assert result.exit_code == 2 and result.stdout == ""


def test_version() -> None:
    result = run("--version")
    assert result.stdout == f"policyparse, version {policyparse.__version__}\n"


def test_eval_reports_a_parser_crash_and_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policyparse.eval import score as evaluate

    (tmp_path / "a.txt").write_text("一、总体要求\n", encoding="utf-8")
    gold = {"notice": None, "document_title": None, "outline": [], "assignments": []}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")

    def crash(source, options=None):
        raise ValueError("bad table")

    monkeypatch.setattr(evaluate.api, "parse", crash)
    result = run("eval", str(tmp_path))
    assert result.exit_code == 1
    assert "error     a: ValueError: bad table" in result.stdout
    assert result.stderr == "Error: 1 document(s) failed to parse: a\n"


BAD_PDFS = sorted((Path(__file__).parent / "bad_pdf").glob("*.pdf"))


@pytest.mark.parametrize("path", [p for p in BAD_PDFS if p.stem not in ("garbled_font", "image_page", "not_a_pdf")],
                         ids=lambda p: p.stem)
def test_bad_pdf_gives_one_clear_line(path):
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), result.stderr
    assert "Traceback" not in result.stderr


def test_dash_h_is_help_and_no_color_strips_styles(monkeypatch):
    from click.testing import CliRunner

    from policyparse.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["-h"]).exit_code == 0 and "Usage:" in runner.invoke(cli, ["parse", "-h"]).output
    sample = str(Path(__file__).parent / "golden" / "d01.txt")
    styled = runner.invoke(cli, ["show", sample], color=True).output
    assert "\x1b[" in styled
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in runner.invoke(cli, ["show", sample], color=True).output


def test_a_missing_extra_is_one_error_line_before_any_work(monkeypatch, tmp_path):
    """``batch --format xlsx`` without openpyxl parsed everything and only then failed (issue 11)."""
    import importlib.util

    from click.testing import CliRunner

    from policyparse.cli import cli

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in ("openpyxl", "jieba") else real(name, *a))
    sample = str(Path(__file__).parent / "golden" / "d01.txt")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", sample, "-o", str(out), "--format", "xlsx"])
    assert result.exit_code == 1 and 'pip install "policyparse[xlsx]"' in result.output and not out.exists()
    result = CliRunner().invoke(cli, ["parse", sample, "--nlp"])
    assert result.exit_code == 1 and 'pip install "policyparse[nlp]"' in result.output
