"""d10's one-cell-per-line task table grouped into rows: shared by the DOCX and HTML fixture builders."""
from __future__ import annotations

import re

DEADLINE_CELL = re.compile(r"(月|底|前|使用|动工)$")  # 12月底前, 9月投入使用, 5月底前动工


def group_rows(cells: list[str]) -> list[tuple[str, str, list[str], str]]:
    """(序号, 任务, 责任单位, 时限) rows; a row without 序号 continues the one above ('' = merged)."""
    rows: list[tuple[str, str, list[str], str]] = []
    i = 0
    while i < len(cells):
        number = cells[i] if cells[i].isdigit() else ""
        i += 1 if number else 0
        task, i, units = cells[i], i + 1, []
        while not DEADLINE_CELL.search(cells[i]):
            units.append(cells[i])
            i += 1
        rows.append((number, task, units, cells[i]))
        i += 1
    return rows
