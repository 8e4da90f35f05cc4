"""Every row of the grammar tables has a golden case: a real line of a named corpus document that
the row must match.  Rows still waiting for a real line are pinned by name, so a new row without
a case fails here."""
from __future__ import annotations

from pathlib import Path

import pytest

from policyparse.grammar.markers import LINE_MARKER_TABLE, MARKER_TABLE
from policyparse.normalize import text_from_string
from policyparse.structure.outline import find_markers

TESTS = Path(__file__).parent
CORPUS_DIRS = [TESTS / "golden", TESTS / "golden_new"]
# No document of the dev corpus has these forms at a line start yet (the locked split is not read).
WAITING_FOR_A_REAL_LINE = {("circled", False), ("cn_paren", True), ("ar_paren", True)}

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
