"""Every row of the grammar tables has a golden case: a real line of a named corpus document that
the row must match.  Rows still waiting for a real line are pinned by name, so a new row without
a case fails here."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from policyparse.grammar import roles
from policyparse.grammar.markers import LINE_MARKER_TABLE, MARKER_TABLE
from policyparse.normalize import text_from_string
from policyparse.structure.outline import find_markers

TESTS = Path(__file__).parent
CORPUS_DIRS = [TESTS / "golden", TESTS / "golden_new"]
# No document of the dev corpus has these forms yet (the locked split is not read for cases).
WAITING_FOR_A_REAL_LINE = {("circled", False), ("cn_paren", True), ("ar_paren", True)}
LABELS_WAITING = {"lead:主责", "deadline"}   # 主责单位： / 完成时限： as a label line
COLUMNS_WAITING = {"lead"}                   # a 牵头单位 header cell

ROWS = [(style, case, False) for style, _, _, case in MARKER_TABLE] + \
       [(style, case, True) for style, _, _, case in LINE_MARKER_TABLE]


def corpus_line(case: str) -> str:
    doc, number = case.split(":")
    path = next((d / f"{doc}.txt" for d in CORPUS_DIRS if (d / f"{doc}.txt").exists()), None)
    assert path is not None, f"{doc}.txt is in none of {[d.name for d in CORPUS_DIRS]}"
    return path.read_text(encoding="utf-8").splitlines()[int(number) - 1]


@pytest.mark.parametrize("style,case,line_only", [r for r in ROWS if r[1]], ids=lambda v: str(v))
def test_marker_row_matches_its_corpus_line(style, case, line_only):
    text = text_from_string(corpus_line(case))
    found = find_markers(text.fold, 0, len(text.fold))
    assert found and found[0].style == style and text.fold[:found[0].start].strip() == "", (case, found[:1])


def test_rows_without_a_golden_case_are_the_pinned_ones():
    assert {(style, line_only) for style, case, line_only in ROWS if not case} == WAITING_FOR_A_REAL_LINE


def _fold(case: str) -> str:
    return text_from_string(corpus_line(case)).fold


def _label_name(pattern: str, role: str | None) -> str:
    return f"lead:{pattern[:2]}" if role == "lead" and not pattern.startswith("牵头") else str(role)


@pytest.mark.parametrize("pattern,role,case", [r for r in roles.LABEL_TABLE if r[2]], ids=lambda v: str(v)[:12])
def test_role_label_row_matches_its_corpus_line(pattern, role, case):
    found = re.search(rf"(?:【\s*(?P<b>{pattern})\s*】|(?P<l>{pattern})\s*:)", _fold(case))
    assert found and roles.label_role(found["b"] or found["l"]) == role, case


@pytest.mark.parametrize("pattern,role,case", roles.ROLE_VERB_TABLE, ids=lambda v: str(v)[:12])
def test_role_verb_row_matches_its_corpus_line(pattern, role, case):
    assert re.search(rf"(?:{pattern})(?=\s*(?:[,;。、)]|$))", _fold(case)), case


def test_convention_matches_its_corpus_line():
    assert roles.CONVENTION.search(_fold(roles.CONVENTION_GOLDEN))


@pytest.mark.parametrize("kind,pattern,case", [r for r in roles.COLUMN_TABLE if r[2]], ids=lambda v: str(v)[:12])
def test_column_row_names_a_header_cell_of_its_corpus_line(kind, pattern, case):
    cells = [re.sub(r"\s+", "", c) for c in _fold(case).split("|")]
    kinds = [next((k for k, p in roles.COLUMN_KINDS if p.search(c)), None) for c in cells if c]
    assert kind in kinds, (case, kinds)


def test_role_rows_without_a_golden_case_are_the_pinned_ones():
    assert {_label_name(p, r) for p, r, case in roles.LABEL_TABLE if not case} == LABELS_WAITING
    assert {k for k, _, case in roles.COLUMN_TABLE if not case} == COLUMNS_WAITING
    assert all(case for _, _, case in roles.ROLE_VERB_TABLE)
