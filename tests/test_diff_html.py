"""The change list as an HTML page (``diff --html``): what it shows, and every value escaped."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("rapidfuzz", reason="the diff extra is not installed")

import policyparse  # noqa: E402
from policyparse.cli import cli  # noqa: E402
from policyparse.report.changes import diff_html  # noqa: E402

PAIRS = Path(__file__).parent / "golden_new"
EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'

OLD = "一、重点任务\n（一）推进产业升级。（牵头单位：市发改委）\n（二）加强人才引进。（牵头单位：市人社局）\n（三）优化营商环境。（牵头单位：市政务办）\n"
NEW = ("一、重点任务\n（一）推进产业转型升级。（牵头单位：市发改委；配合单位：市工信局）\n（二）加强人才引进。（牵头单位：市人社局）\n"
       f"（三）新增任务{EVIL}。（牵头单位：市{EVIL}局）\n")


def test_diff_page_shows_every_change_kind_it_has() -> None:
    plan = policyparse.diff(policyparse.parse(OLD), policyparse.parse(NEW))
    page = diff_html(plan)
    assert '<html lang="zh">' in page and "<ins>" in page
    for kind, n in plan.counts.items():
        assert f"<b>{n}</b> {kind}" in page
    assert "市工信局" in page  # the supporting unit added


def test_diff_page_escapes_what_the_documents_supply() -> None:
    page = diff_html(policyparse.diff(policyparse.parse(OLD), policyparse.parse(NEW)))
    assert "<script>" not in page and "<img" not in page and "onerror=alert(2)>" not in page
    assert "&lt;script&gt;" in page


def test_cli_diff_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "changes.html"
    result = CliRunner().invoke(cli, ["diff", str(PAIRS / "n324.txt"), str(PAIRS / "n325.txt"), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert "reworded" in out.read_text(encoding="utf-8")
