"""The XLSX ledger, the units CSV and the store's duplicates, through the CLI (issue 11)."""
from __future__ import annotations

import csv
import datetime
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyparse import cli as cli_module
from policyparse.cli import cli
from policyparse.export import ledger, views

ROOT = Path(__file__).resolve().parent.parent
SILK = ROOT / "samples" / "wujiang_silk_2021.txt"

PLAN = """关于印发测试工作实施方案的通知

各镇人民政府：
现将《测试工作实施方案》印发给你们，请认真贯彻执行。

吴江区人民政府办公室
2024年3月5日

测试工作实施方案

一、重点任务
1. 建设数据平台。统筹推进全区数据平台建设，完善数据共享交换机制，提高数据质量和使用效率，为各类业务应用提供支撑。牵头单位：区发改委；责任单位：区财政局、区商务局；完成时限：2024年底前。
2. 完善制度体系。牵头单位：区司法局；完成时限：长期坚持。
二、保障措施
1. 加强组织领导。责任单位：各镇人民政府。
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def two_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """in/a/plan.txt (dated, a deadline date and an 'ongoing' one) and in/b/silk.txt."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "a").mkdir(parents=True)
    (tmp_path / "in" / "b").mkdir()
    (tmp_path / "in" / "a" / "plan.txt").write_text(PLAN, encoding="utf-8")
    shutil.copy(SILK, tmp_path / "in" / "b" / "silk.txt")
    return tmp_path


def header_index(sheet) -> dict[str, int]:
    return {cell.value: i for i, cell in enumerate(sheet[1])}


# --------------------------------------------------------------------------- xlsx


def test_xlsx_ledger_has_dates_filter_bold_header_wrap_and_global_numbers(two_docs: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    result = run("batch", "in", "-o", "out", "-j", "1", "--format", "xlsx", "--format", "csv")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook("out/_ledger.xlsx")  # not read-only: styles, filter and panes
    tasks, units = book["任务台账"], book["单位任务"]
    for sheet in (tasks, units):
        width = len(list(sheet[1]))
        assert all(cell.font.b for cell in sheet[1]), "bold header"
        assert sheet.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(width)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
    col = header_index(tasks)
    rows = list(tasks.iter_rows(min_row=2))
    plan = [r for r in rows if r[col["来源文件"]].value == "in/a/plan.txt"]
    silk = [r for r in rows if r[col["来源文件"]].value == "in/b/silk.txt"]
    assert len(plan) == 3 and len(silk) > 10

    # 成文日期 and 时限日期 are date cells with a date format; 'ongoing' stays text
    issued = plan[0][col["成文日期"]]
    assert issued.is_date and issued.value == datetime.datetime(2024, 3, 5) and issued.number_format == "yyyy-mm-dd"
    assert silk[0][col["成文日期"]].is_date
    deadlines = [r[col["时限日期"]] for r in plan]
    assert deadlines[0].is_date and deadlines[0].value == datetime.datetime(2024, 12, 31)
    assert deadlines[1].value == "ongoing" and not deadlines[1].is_date
    assert deadlines[2].value is None

    # long text wraps; short columns do not
    assert plan[0][col["任务内容"]].alignment.wrap_text
    assert plan[0][col["责任单位"]].alignment.wrap_text
    assert not plan[0][col["页码"]].alignment.wrap_text

    # 序号 restarts per document, 总序号 runs through the ledger
    assert [r[col["序号"]].value for r in plan] == [1, 2, 3]
    assert silk[0][col["序号"]].value == 1
    assert [r[col["总序号"]].value for r in rows] == list(range(1, len(rows) + 1))

    # unit rows point at their task by its 总序号
    ucol = header_index(units)
    by_number = {r[col["总序号"]].value: r for r in rows}
    urows = list(units.iter_rows(min_row=2))
    assert [r[ucol["总序号"]].value for r in urows] == list(range(1, len(urows) + 1))
    for r in urows:
        task = by_number[r[ucol["总任务序号"]].value]
        assert task[col["来源文件"]].value == r[ucol["来源文件"]].value
        assert task[col["序号"]].value == r[ucol["任务序号"]].value

    # the CSV ledger has the same numbers, as text
    with open("out/_tasks.csv", encoding="utf-8-sig", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert [int(r["总序号"]) for r in csv_rows] == list(range(1, len(rows) + 1))
    assert csv_rows[0]["成文日期"] == "2024-03-05"


def test_xlsx_column_map_keeps_date_cells_and_renames(two_docs: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    assert run("batch", "in", "-o", "out", "-j", "1").exit_code == 0
    Path("map.json").write_text(json.dumps({"tasks": {"number": "编号", "seq": None, "date": "发文日期",
                                                      "text": "内容"}}, ensure_ascii=False), encoding="utf-8")
    result = run("export", "out", "-o", "t.xlsx", "--columns", "map.json")
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook("t.xlsx")["任务台账"]
    assert [c.value for c in sheet[1]] == ["编号", "序号", "发文日期", "内容"]
    assert sheet.auto_filter.ref == f"A1:D{sheet.max_row}"
    assert sheet["C2"].is_date and sheet["D2"].alignment.wrap_text


# --------------------------------------------------------------------------- units csv


def test_units_csv_has_a_bom_chinese_headers_and_plain_paths(tmp_path: Path) -> None:
    out = tmp_path / "units.csv"
    assert run("units", str(SILK), "--csv", "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["单位", "牵头任务数", "责任任务数", "配合任务数", "任务总数", "牵头任务", "责任任务", "配合任务"]
    finance = next(r for r in rows if r[0] == "区财政局")
    assert finance[1:5] == ["0", "7", "0", "7"]
    assert finance[6] == "4.1、4.2、4.3、4.4、4.5、4.6、4.7"  # document paths as in the ledgers' 章节
    stdout = run("units", str(SILK), "--csv").output
    assert not stdout.startswith("\ufeff") and stdout.splitlines() == data.decode("utf-8-sig").splitlines()
    table = run("units", str(SILK)).output
    assert "resp 4.1 4.2" in table and " d4.1" not in table


def test_notice_tasks_are_labelled_in_the_matrix(sample_doc, build) -> None:
    sample_doc.sections[0].units.append(build.unit("吴江开发区", "lead"))
    rows = {r.unit: r for r in views.responsibility_matrix(sample_doc)}
    assert rows["吴江开发区"].tasks["lead"] == ["通知1"]
    assert rows["区发改委"].tasks["lead"] == ["1.1"]
    text = views.matrix_csv(list(rows.values()))
    assert "吴江开发区,1,0,0,1,通知1,," in text.splitlines()


# --------------------------------------------------------------------------- store duplicates


@pytest.fixture
def twins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The same file at two paths, and one other document."""
    monkeypatch.chdir(tmp_path)
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    shutil.copy(SILK, tmp_path / "in" / "silk.txt")
    return tmp_path


def store_counts(path: str) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("documents", "tasks", "units")}  # noqa: S608


def test_batch_reports_inputs_the_store_holds_once(twins: Path) -> None:
    result = run("batch", "in", "-o", "out", "-j", "1", "--format", "jsonl", "--db", "s.db")
    assert result.exit_code == 0, result.output
    summary = json.loads(Path("out/_summary.json").read_text(encoding="utf-8"))
    assert summary["duplicates"] == [{"input": "in/b/plan.txt", "same_as": "in/a/plan.txt"}]
    lines = [line for line in result.stderr.splitlines() if "store:" in line]
    assert lines == ["  store: 1 input has the same content as a stored document and is stored once: "
                     "in/b/plan.txt = in/a/plan.txt"]
    ledger_rows = Path("out/_tasks.jsonl").read_text(encoding="utf-8").splitlines()
    counts = store_counts("s.db")
    assert counts["documents"] == 2  # plan once, silk
    assert len(ledger_rows) == counts["tasks"] + 3  # the ledger has the twin's 3 tasks twice

    again = run("batch", "in", "-o", "out", "-j", "1", "--db", "s.db")  # the store still holds it once
    assert json.loads(Path("out/_summary.json").read_text(encoding="utf-8"))["duplicates"] == summary["duplicates"]
    assert "store: 1 input" in again.stderr


def test_batch_without_duplicates_says_nothing_of_them(twins: Path) -> None:
    shutil.rmtree("in/b")
    result = run("batch", "in", "-o", "out", "-j", "1", "--db", "s.db")
    assert result.exit_code == 0 and "store:" not in result.output
    assert json.loads(Path("out/_summary.json").read_text(encoding="utf-8"))["duplicates"] == []
    result = run("batch", "in", "-o", "out", "-j", "1", "--db", "s.db", "--force")  # same paths again
    assert "store:" not in result.output


def test_export_to_a_store_reports_duplicates(twins: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("batch", "in", "-o", "out", "-j", "1").exit_code == 0
    monkeypatch.setattr(cli_module, "_stderr_is_tty", lambda: True)  # the counts line is for a terminal
    result = run("export", "out", "-o", "x.db")
    assert result.exit_code == 0, result.output
    counts = store_counts("x.db")
    assert (f"{counts['documents']} documents, {counts['tasks']} tasks, {counts['units']} units, "
            f"1 duplicates -> x.db") in result.stderr
    assert "store: 1 input has the same content as a stored document and is stored once: " \
           "in/b/plan.txt = in/a/plan.txt" in result.stderr
    assert counts["documents"] == 2
    monkeypatch.setattr(cli_module, "_stderr_is_tty", lambda: False)
    result = run("export", "out", "-o", "t.csv")  # a ledger: one row per input, nothing to report
    assert result.exit_code == 0 and "store:" not in result.output


def test_ledger_columns_stay_mappable() -> None:
    """Every default column is a field a column map can name (the new numbers included)."""
    assert list(ledger.TASK_COLUMNS)[:2] == ["number", "seq"]
    assert {"number", "task_number"} <= set(ledger.UNIT_COLUMNS)
    assert ledger.default_columns("tasks", "csv")[0] == ("number", "总序号")
    assert ledger.default_columns("units", "json")[2] == ("task_number", "task_number")
