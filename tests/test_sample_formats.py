"""The sample notice parses perfectly in every format and layout we have: text, DOCX, HTML, PDF in
GB/T 9704, with a red 版头, Word-like, and the two layouts of tools/render_layouts.py (one with the
重点任务 as a ruled table under 四、, whose rows must be items 4.1–4.7)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import policyparse
from policyparse.eval.score import score_document
from policyparse.export.json import to_gold

TESTS = Path(__file__).parent
GOLD = json.loads((TESTS / "golden" / "wujiang_silk_2021.gold.json").read_text(encoding="utf-8"))
FORMS = [
    TESTS / "golden" / "wujiang_silk_2021.txt",
    TESTS / "golden_docx" / "wujiang_silk_2021.docx",
    TESTS / "golden_html" / "wujiang_silk_2021.html",
    TESTS / "golden_pdf" / "wujiang_silk_2021.pdf",           # GB/T 9704 (shared/tools)
    TESTS / "golden_pdf" / "wujiang_silk_2021_redhead.pdf",   # red 版头 and seal
    TESTS / "golden_pdf" / "wujiang_silk_2021_word.pdf",      # A5 Word-like (tests/golden_pdf/make_fixtures.py)
    TESTS / "golden_layouts" / "wujiang_letter.pdf",          # letter, justified blocks (tools/render_layouts.py)
    TESTS / "golden_layouts" / "wujiang_table.txt",           # 四、重点任务 as a text table
    TESTS / "golden_layouts" / "wujiang_table_word.pdf",      # … as a ruled table, A4
    TESTS / "golden_layouts" / "wujiang_table_letter.pdf",    # … as a ruled table, letter
    TESTS / "golden_layouts" / "wujiang_table_office.pdf",    # … printed by LibreOffice: unruled, over a page break
]


@pytest.mark.parametrize("path", FORMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_sample_scores_1_in_every_form(path):
    score = score_document(path.stem, GOLD, to_gold(policyparse.parse(path)))
    metrics = score.metrics()
    assert all(metrics[key] == 1.0 for key in ("outline_f1", "units_f1", "role_acc", "field_acc")), score.misses
