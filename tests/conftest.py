"""Shared fixtures and the options of the evaluation gate (tests/test_eval.py)."""
from __future__ import annotations

import csv
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from policyparse.grammar.unitnames import looks_like_unit
from policyparse.schema import Deadline, Node, Notice, PolicyDocument, SourceInfo, Span, Unit

GOLDEN = Path(__file__).parent / "golden"
# OCR off unless a test turns it on (tests/test_ocr.py): the other tests' image-only fixtures keep
# their meaning whether or not the ocr extra is installed.  Batch workers inherit the setting.
os.environ["POLICYPARSE_OCR"] = "0"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("policyparse")
    group.addoption(
        "--update-floors",
        action="store_true",
        help="rewrite tests/eval_floors.json with the current scores and corpus hash "
        "(refuses to lower a floor unless --allow-lower-floors is given too)",
    )
    group.addoption(
        "--allow-lower-floors",
        action="store_true",
        help="with --update-floors: allow floors to go down (a deliberate regression)",
    )


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN


def assert_twins_present(fixtures: list[Path], required: set[str]) -> None:
    """Each fixture of a format folder has its NAME.txt twin and NAME.gold.json beside it."""
    assert {p.stem for p in fixtures} >= required
    for path in fixtures:
        assert path.with_suffix(".txt").exists() and path.with_name(path.stem + ".gold.json").exists()


SPAN = Span(start=0, end=1)


def unit(name: str, role: str = "responsible") -> Unit:
    return Unit(name=name, role=role, span=SPAN)


def node(path: str, title: str, *, scope: str = "document", marker: str = "", units=(), deadline=None,
         children=(), role: str | None = None) -> Node:
    """A hand-built outline node (level from the path's depth)."""
    return Node(
        scope=scope, path=path, marker=marker or f"{path.split('.')[-1]}.", level=path.count(".") + 1,
        title=title, text=title, role=role, units=list(units),
        deadline=Deadline(text=deadline, span=SPAN) if deadline else None, children=list(children), span=SPAN,
    )


def document(sections=(), *, notice: Notice | None = None, title: str | None = None, warnings=()) -> PolicyDocument:
    return PolicyDocument(
        parser_version="test", source=SourceInfo(path="hand.txt", sha256="0" * 64, format="txt"),
        notice=notice, title=title, sections=list(sections), warnings=list(warnings), text="x",
    )


@pytest.fixture(scope="session")
def build() -> SimpleNamespace:
    """Factories for hand-built outputs: ``build.document(...)``, ``build.node(...)``, ``build.unit(...)``."""
    return SimpleNamespace(document=document, node=node, unit=unit)


@pytest.fixture
def sample_doc() -> PolicyDocument:
    """A small transmittal notice with a two-level outline, units of every role and a deadline."""
    notice = Notice(
        title="关于印发丝绸行动计划的通知", issuer="吴江区人民政府办公室", date="2021-01-20",
        addressees=[unit("吴江开发区"), unit("各镇人民政府")], public_note="此件公开发布",
    )
    sections = [
        node("1", "认真组织实施", scope="notice", marker="一、"),
        node("1", "重点任务", marker="一、", role="重点任务", children=[
            node("1.1", "加大基地扶持力度", units=[unit("区发改委", "lead"), unit("财政局"), unit("商务局", "supporting")],
                 deadline="2021年底前"),
            node("1.2", "建设丝绸小镇", units=[unit("震泽镇")]),
        ]),
        node("2", "保障措施", marker="二、", role="保障措施"),
    ]
    return document(sections, notice=notice, title="丝绸行动计划")


def corpus_unit_names() -> tuple[list[str], list[str]]:
    """Task units of the corpus, written plainly (no brackets, lists or blanks inside), and those of
    them the unit grammar knows by their form."""
    with (Path(__file__).resolve().parent / "golden_new" / "units_gold.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    names = sorted({r["name"] for r in rows if r["context"].startswith("d:") and 3 <= len(r["name"]) <= 14
                    and r["kind"] not in ("collective_scope", "other", "")
                    and not any(c in r["name"] for c in "()（）、,， ")})
    return names, [n for n in names if looks_like_unit(n)]
