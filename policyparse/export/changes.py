"""The change list of ``policyparse diff`` for people and trackers: the terminal view and the
change ledger (变更台账, CSV/JSON/JSONL/XLSX through the ledgers' column maps).

One ledger row per change: an added or removed task, a split, a merge, and one row per change
kind of a matched task (移动 / 重新编号 / 文字修改 / 责任单位调整 / 角色调整 / 时限调整); a matched task
without changes has no row.  Text supplied by the documents is shown with its control
characters taken out (no escape sequence of a document reaches the terminal).
"""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from policyparse.export.atomic import atomic_path
from policyparse.export.ledger import SHEET_TITLES, ColumnMap, _Sheet, _TextTable
from policyparse.schema import PlanDiff, TaskMatch, TaskRef

CHANGE_NAMES = {
    "added": "新增", "removed": "删除", "split": "拆分", "merged": "合并", "moved": "移动",
    "renumbered": "重新编号", "reworded": "文字修改", "reassigned": "责任单位调整", "role_changed": "角色调整",
    "deadline_changed": "时限调整",
}
COLOURS = {"added": "green", "removed": "red", "split": "yellow", "merged": "yellow"}
ROLE_SHORT = {"lead": "牵头", "responsible": "责任", "supporting": "配合"}


def clean(text: str | None) -> str:
    """Document text safe for a terminal: control and format characters (ESC, bidi overrides) out,
    line breaks and tabs as spaces."""
    if not text:
        return ""
    out = (" " if c in "\n\r\t" else c for c in text)
    return "".join(c for c in out if unicodedata.category(c) not in ("Cc", "Cf"))


# --------------------------------------------------------------------------- ledger rows


def change_rows(plan: PlanDiff) -> list[dict[str, Any]]:
    """The 变更台账 rows, numbered from 1, in the order: removed, added, split, merged, matched."""
    rows = [_row("removed", old=ref) for ref in plan.removed]
    rows += [_row("added", new=ref) for ref in plan.added]
    rows += [_row("split", old=s.old, news=s.new, score=s.score) for s in plan.split]
    rows += [_row("merged", olds=m.old, new=m.new, score=m.score) for m in plan.merged]
    for match in plan.matched:
        rows += [_row(kind, old=match.old, new=match.new, score=match.score, detail=_detail(kind, match))
                 for kind in match.changes]
    for seq, row in enumerate(rows, 1):
        row["seq"] = seq
    return rows


def _row(kind: str, old: TaskRef | None = None, new: TaskRef | None = None, olds: list[TaskRef] | None = None,
         news: list[TaskRef] | None = None, score: float | None = None, detail: str = "") -> dict[str, Any]:
    olds = olds or ([old] if old else [])
    news = news or ([new] if new else [])
    return {
        "seq": None, "change": CHANGE_NAMES[kind],
        "old_path": "；".join(r.path for r in olds), "new_path": "；".join(r.path for r in news),
        "old_title": "；".join(r.title for r in olds), "new_title": "；".join(r.title for r in news),
        "old_lead": _units(olds, "lead"), "new_lead": _units(news, "lead"),
        "old_units": _units(olds, None), "new_units": _units(news, None),
        "old_deadline": "；".join(r.deadline or "" for r in olds).strip("；"),
        "new_deadline": "；".join(r.deadline or "" for r in news).strip("；"),
        "score": score, "detail": detail,
    }


def _units(refs: list[TaskRef], role: str | None) -> str:
    names = [u.unit for r in refs for u in r.units if role is None or u.role == role]
    return "、".join(dict.fromkeys(names))


def _detail(kind: str, m: TaskMatch) -> str:
    if kind == "moved":
        return f"{m.old.section or '—'} → {m.new.section or '—'}"
    if kind == "renumbered":
        return f"{m.old.path} → {m.new.path}"
    if kind == "reworded":
        return "".join({"equal": w.text, "delete": f"[-{w.text}-]", "insert": f"{{+{w.text}+}}"}[w.op] for w in m.words)
    if kind == "reassigned":
        return "；".join([*(f"+{u}" for u in m.units_added), *(f"-{u}" for u in m.units_removed)])
    if kind == "role_changed":
        return "；".join(f"{r.unit}: {ROLE_SHORT[r.old]} → {ROLE_SHORT[r.new]}" for r in m.roles)
    return f"{m.old.deadline or '—'} → {m.new.deadline or '—'}"


def write_changes(plan: PlanDiff, out: Path, fmt: str, columns: ColumnMap | None = None) -> int:
    """The change ledger as one file (csv/json/jsonl, or an xlsx sheet 变更台账); returns the rows."""
    chosen = (columns or ColumnMap()).columns("changes", fmt)
    rows = change_rows(plan)
    with atomic_path(out) as tmp:
        if fmt == "xlsx":
            from openpyxl import Workbook

            workbook = Workbook(write_only=True)
            sheet = _Sheet(workbook, SHEET_TITLES["changes"], chosen)
            for row in rows:
                sheet.add(row)
            sheet.finish()
            workbook.save(tmp)
        else:
            with open(tmp, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as fh:
                table = _TextTable(fh, fmt, chosen)
                for row in rows:
                    table.add(row)
                table.finish()
    return len(rows)


def diff_json(plan: PlanDiff) -> str:
    return json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def diff_schema_json() -> str:
    """The JSON Schema of ``PlanDiff`` (what ``models/diff_schema.json`` holds)."""
    return json.dumps(PlanDiff.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --------------------------------------------------------------------------- terminal view


def diff_lines(plan: PlanDiff) -> Iterator[str]:
    """The readable change list (styles are dropped by click.echo off a terminal, or with NO_COLOR)."""
    yield click.style("old: ", bold=True) + clean(plan.old.title or plan.old.path) + f"  ({clean(plan.old.path)})"
    yield click.style("new: ", bold=True) + clean(plan.new.title or plan.new.path) + f"  ({clean(plan.new.path)})"
    counts = ", ".join(f"{n} {k}" for k, n in plan.counts.items() if n)
    yield click.style("changes: ", bold=True) + (counts or "none")
    for ref in plan.removed:
        yield click.style(f"- removed  {ref.path} {clean(ref.title)}", fg=COLOURS["removed"])
    for ref in plan.added:
        yield click.style(f"+ added    {ref.path} {clean(ref.title)}", fg=COLOURS["added"])
    for s in plan.split:
        yield click.style(f"< split    {s.old.path} {clean(s.old.title)} -> " + "；".join(r.path for r in s.new), fg="yellow")
    for m in plan.merged:
        yield click.style("> merged   " + "；".join(r.path for r in m.old) + f" -> {m.new.path} {clean(m.new.title)}", fg="yellow")
    for m in plan.matched:
        if not m.changes:
            continue
        yield click.style(f"~ {m.old.path} -> {m.new.path}", bold=True) + f" {clean(m.new.title)}  ({m.score:.2f})"
        for kind in m.changes:
            yield f"    {kind}: {_styled_detail(kind, m)}"


def _styled_detail(kind: str, m: TaskMatch) -> str:
    if kind != "reworded":
        return clean(_detail(kind, m))
    styles = {"equal": {}, "delete": {"fg": "red", "strikethrough": True}, "insert": {"fg": "green", "underline": True}}
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(click.style(marks[w.op].format(clean(w.text)), **styles[w.op]) for w in m.words)
