"""Plan against plan (issue 14): one case per change type through the library, the CLI, bad
inputs, the store's history and its migration."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("rapidfuzz")
pytest.importorskip("numpy")

import policyparse  # noqa: E402
from policyparse.cli import cli  # noqa: E402
from policyparse.export.changes import clean, diff_schema_json  # noqa: E402
from policyparse.export.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OLD = """一、重点任务
（一）加快推进产业园区建设，完善园区道路和供水等配套基础设施。（牵头单位：区发改委；配合单位：区财政局）
（二）大力培育丝绸龙头企业，支持企业开展技术改造和自主品牌建设。（牵头单位：区工信局）
（三）开展丝绸文化宣传推广活动，全面提升吴江丝绸的知名度和影响力。（牵头单位：区文旅局；完成时限：2023年底前）
二、保障措施
（一）加强组织领导，建立健全工作推进机制，定期研究解决重大问题。（牵头单位：区政府办）
（二）强化资金保障，统筹安排专项资金支持丝绸产业重点项目。（牵头单位：区财政局）
"""
T1 = "（一）加快推进产业园区建设，完善园区道路和供水等配套基础设施。（牵头单位：区发改委；配合单位：区财政局）\n"
T2 = "（二）大力培育丝绸龙头企业，支持企业开展技术改造和自主品牌建设。（牵头单位：区工信局）\n"
T3 = "（三）开展丝绸文化宣传推广活动，全面提升吴江丝绸的知名度和影响力。（牵头单位：区文旅局；完成时限：2023年底前）\n"
NEW_TASK = "（一）实施丝绸人才培养计划，每年培训技术工人五百人次以上。（牵头单位：区人社局）\n"

CASES = {  # change type -> the new version of OLD
    "added": OLD.replace(T1, NEW_TASK + T1.replace("（一）", "（二）")).replace(T2, T2.replace("（二）", "（三）"))
                .replace(T3, T3.replace("（三）", "（四）")),
    "removed": OLD.replace(T2, "").replace(T3, T3.replace("（三）", "（二）")),
    "reworded": OLD.replace("大力培育丝绸龙头企业", "积极培育壮大丝绸龙头企业"),
    "moved": OLD.replace(T3, "").replace("（二）强化资金保障，统筹安排专项资金支持丝绸产业重点项目。（牵头单位：区财政局）\n",
                                         "（二）强化资金保障，统筹安排专项资金支持丝绸产业重点项目。（牵头单位：区财政局）\n"
                                         + T3),
    "renumbered": OLD.replace(T1 + T2, T2.replace("（二）", "（一）") + T1.replace("（一）", "（二）")),
    "reassigned": OLD.replace("（牵头单位：区工信局）", "（牵头单位：区商务局）"),
    "role_changed": OLD.replace("（牵头单位：区发改委；配合单位：区财政局）", "（牵头单位：区财政局；配合单位：区发改委）"),
    "deadline_changed": OLD.replace("2023年底前", "2024年6月底前"),
    "split": OLD.replace(T2, "（二）大力培育丝绸龙头企业。（牵头单位：区工信局）\n"
                             "（三）支持企业开展技术改造和自主品牌建设。（牵头单位：区工信局）\n").replace(T3, T3.replace("（三）", "（四）")),
    "merged": OLD.replace(T1 + T2, "（一）加快推进产业园区建设，完善园区道路和供水等配套基础设施。大力培育丝绸龙头企业，"
                                    "支持企业开展技术改造和自主品牌建设。（牵头单位：区发改委；配合单位：区财政局、区工信局）\n")
                 .replace(T3, T3.replace("（三）", "（二）")),
}


@pytest.fixture(scope="module")
def old_doc():
    return policyparse.parse(OLD)


def changes_of(plan) -> dict[str, int]:
    return {k: n for k, n in plan.counts.items() if n and k != "matched"}


def test_the_same_plan_has_no_changes(old_doc) -> None:
    plan = policyparse.diff(old_doc, old_doc)
    assert changes_of(plan) == {} and plan.counts["matched"] == 5


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_change_type(old_doc, kind: str) -> None:
    plan = policyparse.diff(old_doc, policyparse.parse(CASES[kind]))
    found = changes_of(plan)
    assert kind in found, found
    if kind == "renumbered":
        assert found == {"renumbered": 2}  # renumbering alone: nothing added, removed, reworded or moved
    if kind in ("reassigned", "role_changed", "deadline_changed", "reworded", "moved"):
        assert found.get("added", 0) == found.get("removed", 0) == 0, found
        assert "reworded" not in found or kind == "reworded", found


def test_details_of_a_match(old_doc) -> None:
    plan = policyparse.diff(old_doc, policyparse.parse(CASES["role_changed"]))
    match = next(m for m in plan.matched if m.changes)
    assert [(r.old, r.new) for r in match.roles] == [("lead", "supporting"), ("supporting", "lead")]
    plan = policyparse.diff(old_doc, policyparse.parse(CASES["reworded"]))
    words = next(m for m in plan.matched if "reworded" in m.changes).words
    assert {w.op for w in words} == {"equal", "insert", "delete"}
    assert "".join(w.text for w in words if w.op != "insert") == plan.matched[1].old.text


def test_short_and_full_names_are_one_unit(old_doc) -> None:
    new = policyparse.parse(OLD.replace("（牵头单位：区发改委；", "（牵头单位：区发展和改革委员会；"))
    assert changes_of(policyparse.diff(old_doc, new)) == {}


def test_a_plan_republished_in_traditional_script_is_unchanged(old_doc) -> None:
    """A mirror's traditional script, pinyin glosses and a PDF's spaces inside words are the same
    words (the parser's fold): no task reworded, no unit swapped, no section moved."""
    new = OLD.replace(T2, "（二）大力培育絲綢龍頭企業，支持企業開(kāi)展技術改造和自主品牌 建設。（牽頭單位：區工信局）\n")
    plan = policyparse.diff(old_doc, policyparse.parse(new.replace("一、重点任务", "一、重點任務")))
    assert changes_of(plan) == {} and plan.counts["matched"] == 5


def test_the_name_diff_stays_the_function() -> None:
    import policyparse.diff.match  # noqa: F401 (a stage module loaded after the package)

    assert callable(policyparse.diff)


def test_same_input_gives_the_same_json(old_doc) -> None:
    new = policyparse.parse(CASES["moved"])
    a = policyparse.diff(old_doc, new).model_dump_json()
    assert a == policyparse.diff(old_doc, new).model_dump_json()


def test_committed_diff_schema_is_fresh() -> None:
    assert (ROOT / "models" / "diff_schema.json").read_text(encoding="utf-8") == diff_schema_json()


def test_control_characters_are_cleaned() -> None:
    assert clean("a\x1b[31mb\u202ec\nd") == "a[31mbc d"


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def plans(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("old.txt").write_text(OLD, encoding="utf-8")
    Path("new.txt").write_text(CASES["reassigned"] + "\x1b[2J", encoding="utf-8")
    return tmp_path


def test_cli_diff_view_json_and_ledger(plans: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", "old.txt", "new.txt", "-o", "changes.csv"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "reassigned: +区商务局" in result.output and "\x1b" not in result.output
    rows = Path("changes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("序号,变更类型,原章节,新章节,原任务,新任务,原牵头单位,新牵头单位")
    assert rows[1].split(",")[1] == "责任单位调整"
    Path("old.json").write_text(policyparse.parse(Path("old.txt")).model_dump_json(), encoding="utf-8")
    result = runner.invoke(cli, ["diff", "old.json", "new.txt", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["counts"]["reassigned"] == 1


@pytest.mark.parametrize("args, message", [
    (["diff", "missing.txt", "new.txt"], "Error: missing.txt: no such file\n"),
    (["diff", "bad.json", "new.txt"], "Error: bad.json: not a policyparse result (4 schema errors)\n"),
    (["history", "missing.db"], "Error: missing.db: no such store\n"),
])
def test_cli_bad_inputs(plans: Path, args: list[str], message: str) -> None:
    Path("bad.json").write_text('{"a": 1}', encoding="utf-8")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and result.output == message


# --------------------------------------------------------------------------- history


def test_history_keeps_revisions_and_diffs_the_last_two(plans: Path) -> None:
    old = policyparse.parse(Path("old.txt"))
    new = policyparse.parse(CASES["deadline_changed"], policyparse.Options(source_name="old.txt"))
    with Store("s.db") as store:
        assert [store.add(old), store.add(new)] == ["inserted", "revised"]
    runner = CliRunner()
    listing = runner.invoke(cli, ["history", "s.db"])
    assert listing.exit_code == 0 and listing.output.startswith("old.txt\t2 revision(s)")
    revisions = runner.invoke(cli, ["history", "s.db", "old.txt"])
    assert [line.split("\t")[0] for line in revisions.output.splitlines()] == ["1", "2"]
    result = runner.invoke(cli, ["history", "s.db", "old.txt", "--diff", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["counts"]["deadline_changed"] == 1
    same = runner.invoke(cli, ["history", "s.db", "old.txt", "--diff", "2", "2", "--json"])
    assert json.loads(same.output)["counts"]["deadline_changed"] == 0
    missing = runner.invoke(cli, ["history", "s.db", "old.txt", "--diff", "1", "7"])
    assert missing.exit_code == 1 and missing.output == "Error: old.txt: no revision 7 (revisions: 1, 2)\n"


def test_matched_title_joins_two_years(plans: Path) -> None:
    a = policyparse.parse("2023年重点工作任务分工方案\n" + OLD, policyparse.Options(source_name="a/2023.txt"))
    b = policyparse.parse("2024年重点工作任务分工方案\n" + CASES["added"], policyparse.Options(source_name="b/2024.txt"))
    assert a.title and b.title
    with Store("t.db") as store:
        assert [store.add(a), store.add(b)] == ["inserted", "revised"]
        assert [r[2] for r in store.revisions("a/2023.txt")] == ["a/2023.txt", "b/2024.txt"]


OLD_STORE_SCHEMA = """
CREATE TABLE documents (sha256 TEXT PRIMARY KEY, source_path TEXT NOT NULL, doc_number TEXT, title TEXT,
    issuer TEXT, date TEXT, parser_version TEXT NOT NULL, schema_version TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX documents_source_path ON documents(source_path);
CREATE TABLE tasks (id INTEGER PRIMARY KEY, document_sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    seq INTEGER NOT NULL, scope TEXT NOT NULL, path TEXT NOT NULL, section TEXT, title TEXT, text TEXT,
    lead TEXT, responsible TEXT, supporting TEXT, deadline TEXT, deadline_date TEXT, page INTEGER,
    UNIQUE (document_sha256, seq));
CREATE TABLE units (id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    document_sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    name TEXT NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL, resolved TEXT, canonical TEXT, alias TEXT, kind TEXT);
"""


def test_a_store_made_before_history_is_migrated(plans: Path) -> None:
    """The schema of the store as released before issue 14, with one document in it."""
    old = policyparse.parse(Path("old.txt"))
    with sqlite3.connect("before.db") as conn:
        conn.executescript(OLD_STORE_SCHEMA)
        conn.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (old.source.sha256, "old.txt", None, old.title, None, None, old.parser_version,
                      old.schema_version, old.model_dump_json()))
    new = policyparse.parse(CASES["merged"], policyparse.Options(source_name="old.txt"))
    with Store("before.db") as store:
        assert store.add(new) == "revised"
        assert [r[:2] for r in store.revisions("old.txt")] == [(1, old.source.sha256), (2, new.source.sha256)]
        assert store.document("old.txt", 1) == old
