"""Tracker feeds: flat views of ``PolicyDocument`` -- the task ledger (任务台账) and the unit×task sheet.

Rows are derived from the documents as they are written, never stored twice.

**What a task is**: a numbered node that names units (any scope), or a leaf node of the
document's own outline (scope ``document``) that is not inside a 指导思想 or 基本原则 section
(those state principles, not work).  Headings with children are sections, not tasks: their
titles appear in the ``section`` column of the tasks below them.

**Units**: ``lead`` / ``responsible`` / ``supporting`` join the units of that role with ``、``,
each unit by its canonical name when known, else with its group's prefix inherited
(``resolved``), else as written; the ``*_as_written`` columns keep the surface forms.  The unit
sheet has one row per task × unit.

Formats: ``json`` (one array), ``jsonl``, ``csv`` (UTF-8 with BOM, so Excel reads Chinese),
``xlsx`` (openpyxl, both tables as sheets of one workbook).  CSV and XLSX have Chinese headers,
JSON and JSONL the field names; a column map (``load_column_map``) selects, orders and renames.

**Numbering**: ``seq`` (序号) counts the rows of one document from 1, as the document's own task
list does; ``number`` (总序号) counts the rows of the whole ledger, so that a row is found again
across documents (unit rows also carry ``task_number``, the 总序号 of their task).

**XLSX**: bold header row, frozen below the header, an autofilter over the table, long text
columns wrapped, and the ISO dates (``date``, ``deadline_date``) as date cells (``yyyy-mm-dd``);
``deadline_date`` ``ongoing`` (长期坚持) stays text.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from policyparse.errors import BatchError
from policyparse.export.atomic import atomic_path
from policyparse.schema import ROLES, STATEMENT_ROLES, Node, PolicyDocument, Unit, is_task, walk  # noqa: F401 (re-exported)

ROLE_NAMES = {"lead": "牵头单位", "responsible": "责任单位", "supporting": "配合单位"}
UNIT_SEPARATOR = "、"
SECTION_SEPARATOR = " / "

TASK_COLUMNS = {
    "number": "总序号", "seq": "序号", "document": "文件", "doc_number": "文号", "issuer": "发文机关", "date": "成文日期",
    "path": "章节", "section": "所属部分", "title": "任务", "text": "任务内容",
    "lead": "牵头单位", "responsible": "责任单位", "supporting": "配合单位",
    "lead_as_written": "牵头单位（原文）", "responsible_as_written": "责任单位（原文）",
    "supporting_as_written": "配合单位（原文）",
    "deadline": "完成时限", "deadline_date": "时限日期", "page": "页码", "source": "来源文件",
}
UNIT_COLUMNS = {
    "number": "总序号", "seq": "序号", "task_number": "总任务序号", "task_seq": "任务序号",
    "document": "文件", "doc_number": "文号", "path": "章节",
    "title": "任务", "unit": "单位", "unit_as_written": "单位（原文）", "role_name": "角色", "role": "角色代码",
    "alias": "别名", "kind": "单位类型", "deadline": "完成时限", "page": "页码", "source": "来源文件",
}
# The change ledger (变更台账) of ``policyparse diff``: one row per change (export/changes.py).
CHANGE_COLUMNS = {
    "seq": "序号", "change": "变更类型", "old_path": "原章节", "new_path": "新章节", "old_title": "原任务",
    "new_title": "新任务", "old_lead": "原牵头单位", "new_lead": "新牵头单位", "old_units": "原责任单位",
    "new_units": "新责任单位", "old_deadline": "原完成时限", "new_deadline": "新完成时限",
    "score": "相似度", "detail": "变更说明",
}
TABLES = {"tasks": TASK_COLUMNS, "units": UNIT_COLUMNS}  # the tables of a document ledger
MAP_TABLES = {**TABLES, "changes": CHANGE_COLUMNS}       # every table a column map may name
SHEET_TITLES = {"tasks": "任务台账", "units": "单位任务", "changes": "变更台账"}
LEDGER_FORMATS = ("json", "jsonl", "csv", "xlsx")
HEADED_FORMATS = ("csv", "xlsx")  # Chinese headers by default; json/jsonl use the field names
BATCH_NAMES = {"tasks": "_tasks", "units": "_task_units"}  # OUTDIR/_tasks.csv …; xlsx: _ledger.xlsx
WIDE_COLUMNS = {"document": 30, "section": 24, "title": 30, "text": 60, "lead": 24, "responsible": 30, "supporting": 30}
WRAPPED_COLUMNS = frozenset({*WIDE_COLUMNS, "lead_as_written", "responsible_as_written", "supporting_as_written",
                             "deadline", "old_title", "new_title", "old_units", "new_units", "detail"})
DATE_COLUMNS = frozenset({"date", "deadline_date"})  # ISO dates, written as date cells in xlsx
DATE_FORMAT = "yyyy-mm-dd"

Columns = tuple[tuple[str, str], ...]  # (field, header) in output order


# --------------------------------------------------------------------------- rows


def iter_tasks(doc: PolicyDocument) -> Iterator[tuple[Node, tuple[Node, ...]]]:
    """(task, its ancestors) in reading order."""

    return ((node, ancestors) for node, ancestors in walk(doc.sections) if is_task(node, ancestors))


def document_fields(doc: PolicyDocument) -> dict[str, Any]:
    """The columns every row of one document shares."""
    notice = doc.notice
    return {
        "document": doc.title or (notice.title if notice else None) or doc.source.path,
        "doc_number": notice.doc_number if notice else None,
        "issuer": notice.issuer if notice else None,
        "date": notice.date if notice else None,
        "source": doc.source.path,
    }


def unit_name(unit: Unit) -> str:
    """Canonical name when known, else the name with its group prefix, else as written."""
    return unit.canonical or unit.resolved or unit.name


def task_row(shared: dict[str, Any], node: Node, ancestors: tuple[Node, ...]) -> dict[str, Any]:
    """One ledger row (``seq`` is filled in by whoever numbers the rows)."""
    row: dict[str, Any] = {"number": None, "seq": None, **shared, "path": node.path,
                           "section": SECTION_SEPARATOR.join(a.title for a in ancestors),
                           "title": node.title, "text": node.text}
    for role in ROLES:
        units = [u for u in node.units if u.role == role]
        row[role] = UNIT_SEPARATOR.join(unit_name(u) for u in units)
        row[f"{role}_as_written"] = UNIT_SEPARATOR.join(u.name for u in units)
    row["deadline"] = node.deadline.text if node.deadline else None
    row["deadline_date"] = node.deadline.date if node.deadline else None
    row["page"] = node.span.page
    return {key: row[key] for key in TASK_COLUMNS}


def unit_rows(task: dict[str, Any], node: Node) -> list[dict[str, Any]]:
    """One row per unit of the task, in the order written."""
    keep = ("document", "doc_number", "path", "title", "deadline", "page", "source")
    rows = []
    for unit in node.units:
        row = {"number": None, "seq": None, "task_number": task["number"], "task_seq": task["seq"],
               **{k: task[k] for k in keep}, "unit": unit_name(unit),
               "unit_as_written": unit.name, "role_name": ROLE_NAMES[unit.role], "role": unit.role,
               "alias": unit.alias, "kind": unit.kind}
        rows.append({key: row[key] for key in UNIT_COLUMNS})
    return rows


def document_rows(doc: PolicyDocument) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], Node]]:
    """(task row, its unit rows, the node) for every task of one document, ``seq`` numbered from 1
    (``number``, the ledger-wide number, is left to the ledger that writes the rows)."""
    shared = document_fields(doc)
    unit_seq = 0
    for seq, (node, ancestors) in enumerate(iter_tasks(doc), 1):
        task = {**task_row(shared, node, ancestors), "seq": seq}
        units = unit_rows(task, node)
        for row in units:
            unit_seq += 1
            row["seq"] = unit_seq
        yield task, units, node


# --------------------------------------------------------------------------- column maps


@dataclass(frozen=True)
class ColumnMap:
    """Per-table column choices from a map file; None keeps a table's default columns."""

    tasks: Columns | None = None
    units: Columns | None = None
    changes: Columns | None = None

    def columns(self, table: str, fmt: str) -> Columns:
        chosen = getattr(self, table)
        return chosen if chosen is not None else default_columns(table, fmt)


def default_columns(table: str, fmt: str) -> Columns:
    fields = MAP_TABLES[table]
    return tuple((key, header if fmt in HEADED_FORMATS else key) for key, header in fields.items())


def load_column_map(path: str | Path) -> ColumnMap:
    """Read a column map: ``{"tasks": {field: header, …}, "units": {…}}`` (JSON, or YAML with PyYAML).

    A flat ``{field: header}`` applies to the tasks table.  The listed fields are the columns,
    in that order; a ``null`` header keeps the default (Chinese) header.
    """
    path = Path(path)
    data = _read_map(path)
    if not isinstance(data, dict):
        raise BatchError(f"{path}: expected a mapping of column names, found {type(data).__name__}")
    tables = data if set(data) <= set(MAP_TABLES) and data else {"tasks": data}
    return ColumnMap(**{table: _columns(path, table, spec) for table, spec in tables.items()})


def _read_map(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BatchError(f"{path}: {exc.strerror or exc}") from exc
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError as exc:
            raise BatchError(f"{path}: YAML column maps need PyYAML (pip install pyyaml); or write it as JSON") from exc
        return yaml.safe_load(text)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise BatchError(f"{path}: not valid JSON ({exc})") from exc


def _columns(path: Path, table: str, spec: Any) -> Columns:
    fields = MAP_TABLES[table]
    if not isinstance(spec, dict) or not spec:
        raise BatchError(f"{path}: {table}: expected a non-empty mapping field -> header")
    unknown = [key for key in spec if key not in fields]
    if unknown:
        raise BatchError(f"{path}: unknown {table} column {unknown[0]!r} (known: {', '.join(fields)})")
    return tuple((key, str(header) if header is not None else fields[key]) for key, header in spec.items())


# --------------------------------------------------------------------------- writers


class _TextTable:
    """One table in a text file: csv (BOM), jsonl, or json (one array, streamed)."""

    def __init__(self, fh, fmt: str, columns: Columns) -> None:
        self.fh, self.fmt, self.columns, self.rows = fh, fmt, columns, 0
        if fmt == "csv":
            self.writer = csv.writer(fh)
            self.writer.writerow([header for _, header in columns])
        elif fmt == "json":
            fh.write("[")

    def add(self, row: dict[str, Any]) -> None:
        if self.fmt == "csv":
            self.writer.writerow(["" if row[key] is None else row[key] for key, _ in self.columns])
        else:
            data = json.dumps({header: row[key] for key, header in self.columns}, ensure_ascii=False)
            self.fh.write((",\n" if self.rows else "\n") + data if self.fmt == "json" else data + "\n")
        self.rows += 1

    def finish(self) -> None:
        if self.fmt == "json":
            self.fh.write("\n]\n" if self.rows else "]\n")


class _Sheet:
    """One table as a sheet of a write-only openpyxl workbook: bold header, frozen below it,
    autofilter over the table, long text wrapped, ISO dates as date cells."""

    def __init__(self, workbook: Any, title: str, columns: Columns) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        self.illegal, self.columns, self.rows = ILLEGAL_CHARACTERS_RE, columns, 0
        self.cell_class, self.wrap = WriteOnlyCell, Alignment(wrap_text=True, vertical="top")
        self.sheet = workbook.create_sheet(title)
        for index, (key, _) in enumerate(columns, 1):
            self.sheet.column_dimensions[get_column_letter(index)].width = WIDE_COLUMNS.get(key, 12)
        self.sheet.freeze_panes = "A2"
        self.last_column = get_column_letter(max(1, len(columns)))
        bold = Font(bold=True)
        header = []
        for _, name in columns:
            cell = WriteOnlyCell(self.sheet, name)
            cell.font = bold
            header.append(cell)
        self.sheet.append(header)

    def add(self, row: dict[str, Any]) -> None:
        self.sheet.append([self._cell(key, row[key]) for key, _ in self.columns])
        self.rows += 1

    def _cell(self, key: str, value: Any) -> Any:
        if isinstance(value, str):
            value = self.illegal.sub("", value)
            if key in DATE_COLUMNS and (day := iso_date(value)) is not None:
                cell = self.cell_class(self.sheet, day)
                cell.number_format = DATE_FORMAT
                return cell
            if key in WRAPPED_COLUMNS:
                cell = self.cell_class(self.sheet, value)
                cell.alignment = self.wrap
                return cell
        return value

    def finish(self) -> None:
        # written after the rows (openpyxl's write-only sheets put the filter in the tail)
        self.sheet.auto_filter.ref = f"A1:{self.last_column}{self.rows + 1}"


def iso_date(value: str) -> date | None:
    """``YYYY-MM-DD`` as a date; anything else (``ongoing``, a partial date) None."""
    if len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class Ledger:
    """A sink writing the task table and/or the unit table in one format; use as a context manager.

    ``paths`` maps table (``tasks``/``units``) to file; for xlsx every table goes into one
    workbook (give the same path).  Files appear atomically when the context exits cleanly.
    """

    def __init__(self, fmt: str, paths: dict[str, Path], columns: ColumnMap | None = None) -> None:
        if fmt not in LEDGER_FORMATS:
            raise BatchError(f"unknown ledger format {fmt!r} (expected {', '.join(LEDGER_FORMATS)})")
        self.fmt, self.paths, self.map = fmt, paths, columns or ColumnMap()
        self.stack = ExitStack()
        self.tables: dict[str, _TextTable | _Sheet] = {}
        self.workbook: Any = None
        self.documents = 0
        self.numbers = {"tasks": 0, "units": 0}  # ledger-wide 总序号 of the last row of each table

    def __enter__(self) -> Ledger:
        with self.stack as stack:
            if self.fmt == "xlsx":
                self._open_workbook()
            else:
                for table, path in self.paths.items():
                    tmp = stack.enter_context(atomic_path(path))
                    fh = stack.enter_context(open(tmp, "w", encoding="utf-8-sig" if self.fmt == "csv" else "utf-8", newline=""))
                    self.tables[table] = _TextTable(fh, self.fmt, self.map.columns(table, self.fmt))
            self.stack = stack.pop_all()
        return self

    def _open_workbook(self) -> None:
        try:
            from openpyxl import Workbook
        except ImportError as exc:
            raise BatchError("xlsx output needs openpyxl: pip install 'policyparse[xlsx]'") from exc
        self.workbook = Workbook(write_only=True)
        for table in self.paths:
            self.tables[table] = _Sheet(self.workbook, SHEET_TITLES[table], self.map.columns(table, "xlsx"))

    def add(self, doc: PolicyDocument) -> None:
        for task, units, _ in document_rows(doc):
            self.numbers["tasks"] += 1
            task["number"] = self.numbers["tasks"]
            for row in units:
                self.numbers["units"] += 1
                row["number"], row["task_number"] = self.numbers["units"], task["number"]
            if "tasks" in self.tables:
                self.tables["tasks"].add(task)
            if "units" in self.tables:
                for row in units:
                    self.tables["units"].add(row)
        self.documents += 1

    def counts(self) -> dict[str, int]:
        return {table: writer.rows for table, writer in self.tables.items()}

    def __exit__(self, *exc: Any) -> None:
        if exc[0] is None:
            for writer in self.tables.values():
                writer.finish()
            if self.workbook is not None:
                with atomic_path(next(iter(self.paths.values()))) as tmp:
                    self.workbook.save(tmp)
        self.stack.__exit__(*exc)
