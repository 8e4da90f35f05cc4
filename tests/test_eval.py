"""The evaluation gate (pinned floors over tests/golden) and unit tests of the scorer itself."""
from __future__ import annotations

import hashlib
import json
import math
import sys
from pathlib import Path

import pytest

from policyparse.eval import score as evaluate
from policyparse.eval.gold import GoldError, gold_problem, load_gold
from policyparse.eval.score import Report, evaluate_dir, score_document
from policyparse.export.json import to_gold

TESTS = Path(__file__).parent
FLOORS_FILE = TESTS / "eval_floors.json"
FLOOR_METRICS = ("outline_f1", "units_f1", "role_acc", "field_acc")
GOLDEN = TESTS / "golden"
REGENERATE = "pytest tests/test_eval.py --update-floors"
# (corpus folder, its floors file, may its per-document scores be shown).  tests/golden is the
# original dev corpus, golden_new the dev split of the new corpus, golden_locked its locked split:
# scored only here, by totals, and never shown per document (tests/golden/README.md, "Splits").
SPLITS = [
    (GOLDEN, FLOORS_FILE, True),
    (TESTS / "golden_new", TESTS / "eval_floors_new.json", True),
    (TESTS / "golden_locked", TESTS / "eval_floors_locked.json", False),
]

# --------------------------------------------------------------------------- the gate


def corpus_sha256(root: Path) -> str:
    """One hash over the scored corpus files (.txt and .gold.json: names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.glob("*") if p.name.endswith((".txt", ".gold.json"))):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def current_figures(report: Report, floors: dict) -> dict:
    """The gated metrics now: totals, and each document that has its own floors."""
    by_name = {doc.name: doc for doc in report.documents}

    def pick(metrics: dict) -> dict:  # a metric with nothing to judge (None) cannot pass a floor above 0
        return {key: metrics[key] or 0.0 for key in FLOOR_METRICS}

    return {
        "totals": pick(report.metrics()),
        "documents": {name: pick(by_name[name].metrics()) for name in floors["documents"]},
    }


def _pairs(figures: dict):
    """(label, metric, value) for every gated number."""
    yield from (("totals", key, value) for key, value in figures["totals"].items())
    for name, metrics in figures["documents"].items():
        yield from ((name, key, value) for key, value in metrics.items())


def _floor_of(floors: dict, label: str, key: str) -> float:
    return floors["totals"][key] if label == "totals" else floors["documents"][label][key]


def below_floors(figures: dict, floors: dict) -> list[str]:
    return [
        f"{label} {key}: {value:.3f} < floor {_floor_of(floors, label, key):.3f}"
        for label, key, value in _pairs(figures)
        if value < _floor_of(floors, label, key)
    ]


def _round_down(value: float) -> float:
    return math.floor(value * 1000 + 1e-9) / 1000


def update_floors(figures: dict, floors: dict, sha: str, allow_lower: bool, target: Path | None = None) -> None:
    """Rewrite the floors file with the current figures; refuse to lower one unless allowed."""
    new = {
        "totals": {key: _round_down(value) for key, value in figures["totals"].items()},
        "documents": {name: {key: _round_down(v) for key, v in m.items()} for name, m in figures["documents"].items()},
    }
    lowered = below_floors(new, floors)
    if lowered and not allow_lower:
        pytest.fail("refusing to lower floors (add --allow-lower-floors if deliberate):\n  " + "\n  ".join(lowered))
    data = {"about": floors.get("about", ""), "corpus_sha256": sha, **new}
    (target or FLOORS_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.mark.parametrize("corpus,floors_file,detail", SPLITS, ids=[c.name for c, _, _ in SPLITS])
def test_scores_stay_above_floors(request: pytest.FixtureRequest, corpus: Path, floors_file: Path, detail: bool) -> None:
    floors = json.loads(floors_file.read_text(encoding="utf-8"))
    report = evaluate_dir(corpus)
    figures = current_figures(report, floors)
    shown = report.table() if detail else _totals_line(figures)
    print(shown)
    sha = corpus_sha256(corpus)
    if request.config.getoption("--update-floors"):
        update_floors(figures, floors, sha, request.config.getoption("--allow-lower-floors"), floors_file)
        return
    assert floors["corpus_sha256"] == sha, (
        f"tests/{corpus.name} changed (sha256 {sha[:12]}…, floors pinned {floors['corpus_sha256'][:12]}…): "
        f"review it, then run `{REGENERATE}`"
    )
    failures = below_floors(figures, floors)
    assert not failures, "scores fell below their floors:\n  " + "\n  ".join(failures) + "\n\n" + shown


def _totals_line(figures: dict) -> str:
    return "totals: " + ", ".join(f"{key} {value:.3f}" for key, value in figures["totals"].items())


def test_floors_file_covers_every_gated_metric() -> None:
    floors = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    assert set(floors["totals"]) == set(FLOOR_METRICS)
    assert "wujiang_silk_2021" in floors["documents"]
    for metrics in floors["documents"].values():
        assert set(metrics) == set(FLOOR_METRICS)


def test_floors_refuse_to_go_down(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "floors.json"
    monkeypatch.setattr(sys.modules[__name__], "FLOORS_FILE", target)
    floors = {"totals": dict.fromkeys(FLOOR_METRICS, 0.5), "documents": {}}
    lower = {"totals": dict.fromkeys(FLOOR_METRICS, 0.4), "documents": {}}
    with pytest.raises(pytest.fail.Exception, match="refusing to lower floors"):
        update_floors(lower, floors, "sha", allow_lower=False)
    assert not target.exists()
    update_floors(lower, floors, "sha", allow_lower=True)
    assert json.loads(target.read_text())["totals"]["outline_f1"] == 0.4


def test_floors_go_up_rounded_down() -> None:
    assert _round_down(0.95678) == 0.956
    assert _round_down(1.0) == 1.0
    assert below_floors({"totals": {"outline_f1": 0.9}, "documents": {}}, {"totals": {"outline_f1": 0.95}}) == [
        "totals outline_f1: 0.900 < floor 0.950"
    ]


# --------------------------------------------------------------------------- the golden corpus


GOLD_FILES = sorted(GOLDEN.glob("*.gold.json"))


def test_golden_corpus_is_present() -> None:
    assert len(GOLD_FILES) >= 41, "tests/golden must hold the corpus (d01–d40, wujiang_silk_2021)"


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_golden_annotation_is_valid(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    assert (gold_path.parent / (gold["id"] + ".txt")).is_file()


# --------------------------------------------------------------------------- the scorer

NOTICE = {
    "title": "关于印发《X》的通知", "doc_number": "鞍立政发〔2023〕2号", "issuer": "立山区人民政府",
    "date": "2023-03-28", "addressees": ["立山经济开发区", "各街道办事处"], "public_note": "此件公开发布",
}


def outline(*items: tuple) -> list[dict]:
    """``("1", "标题")`` or ``("notice", "1", "标题")`` -> gold outline entries."""
    rows = [item if len(item) == 3 else ("document", *item) for item in items]
    return [{"scope": s, "path": p, "marker": "一、", "title": t} for s, p, t in rows]


def assignment(path: str, lead=(), responsible=(), supporting=(), deadline=None, scope="document") -> dict:
    return {"scope": scope, "path": path, "lead": list(lead), "responsible": list(responsible),
            "supporting": list(supporting), "deadline": deadline}


def annotation(outline_=(), assignments=(), notice=None, title="行动计划") -> dict:
    return {"notice": notice, "document_title": title, "outline": list(outline_), "assignments": list(assignments)}


BASE = annotation(
    outline(("1", "重点任务"), ("1.1", "加大基地扶持力度"), ("1.2", "建设丝绸小镇")),
    [assignment("1.1", lead=["区发改委"], responsible=["财政局"]), assignment("1.2", responsible=["震泽镇"])],
    notice=NOTICE,
)


def score(pred: dict, gold: dict = BASE):
    return score_document("t", gold, pred)


def test_perfect_match_scores_one() -> None:
    result = score(BASE)
    assert result.metrics() == dict.fromkeys(evaluate.METRICS, 1.0)
    assert result.misses == ()


def test_extra_node_lowers_outline_precision_only() -> None:
    pred = {**BASE, "outline": BASE["outline"] + outline(("2", "保障措施"))}
    result = score(pred)
    assert result.outline == evaluate.Counts(tp=3, fp=1, fn=0)
    assert result.outline.precision == 0.75 and result.outline.recall == 1.0
    assert [m.kind for m in result.misses] == ["outline-extra"]


def test_missing_node_and_title_mismatch() -> None:
    pred = {**BASE, "outline": outline(("1", "重点任务"), ("1.1", "加大基地扶持"))}
    result = score(pred)
    assert result.outline == evaluate.Counts(tp=1, fp=1, fn=2)
    assert {m.kind for m in result.misses} == {"outline-missing", "outline-extra"}


def test_whitespace_in_titles_is_ignored() -> None:
    pred = {**BASE, "outline": outline(("1", "重点 任务"), ("1.1", "加大基地\n扶持力度"), ("1.2", "建设\u3000丝绸小镇")),
            "notice": {**NOTICE, "title": "关于印发《X》\n的通知"}, "document_title": " 行动 计划 "}
    result = score(pred)
    assert result.outline.f1 == 1.0
    assert result.fields == evaluate.Ratio(7, 7)


def test_wrong_role_is_counted_but_unit_still_matches() -> None:
    pred = {**BASE, "assignments": [assignment("1.1", responsible=["区发改委", "财政局"]), BASE["assignments"][1]]}
    result = score(pred)
    assert result.units.f1 == 1.0
    assert result.roles == evaluate.Ratio(2, 3)
    (miss,) = result.misses
    assert (miss.kind, miss.where, miss.gold, miss.got) == ("role", "document 1.1 区发改委", "lead", "responsible")


def test_missing_and_extra_units() -> None:
    pred = {**BASE, "assignments": [assignment("1.1", lead=["区发改委"], responsible=["财政局", "商务局"])]}
    result = score(pred)
    assert result.units == evaluate.Counts(tp=2, fp=1, fn=1)
    assert sorted(m.kind for m in result.misses) == ["unit-extra", "unit-missing"]


def test_units_on_gold_node_without_gold_assignment_are_false_positives() -> None:
    pred = {**BASE, "assignments": BASE["assignments"] + [assignment("1", responsible=["区政府"])]}
    result = score(pred)
    assert result.units == evaluate.Counts(tp=3, fp=1, fn=0)
    assert result.roles == evaluate.Ratio(3, 3)


def test_units_on_nodes_outside_the_gold_outline_are_ignored() -> None:
    pred = {**BASE, "outline": BASE["outline"] + outline(("9", "多余")),
            "assignments": BASE["assignments"] + [assignment("9", responsible=["区政府"])]}
    result = score(pred)
    assert result.units == evaluate.Counts(tp=3, fp=0, fn=0)
    assert result.outline.fp == 1


def test_units_are_keyed_by_scope() -> None:
    gold = annotation(outline(("notice", "1", "组织实施"), ("1", "组织实施")), [assignment("1", responsible=["区政府"])])
    pred = {**gold, "assignments": [assignment("1", responsible=["区政府"], scope="notice")]}
    assert score(pred, gold).units == evaluate.Counts(tp=0, fp=1, fn=1)


def test_null_notice_against_null_prediction_is_correct() -> None:
    gold = {**BASE, "notice": None}
    assert score(gold, gold).fields == evaluate.Ratio(7, 7)


def test_null_gold_notice_makes_predicted_fields_wrong() -> None:
    gold = {**BASE, "notice": None}
    pred = {**BASE, "notice": {**dict.fromkeys(NOTICE), "addressees": [], "title": "某通知"}}
    result = score(pred, gold)
    assert result.fields == evaluate.Ratio(6, 7)
    assert [m.where for m in result.misses] == ["notice.title"]


def test_missing_predicted_notice_misses_every_present_field() -> None:
    gold = {**BASE, "notice": {**NOTICE, "doc_number": None}}
    result = score({**BASE, "notice": None}, gold)
    assert result.fields == evaluate.Ratio(2, 7)  # doc_number (null both) and document_title


def test_addressees_compare_as_ordered_lists() -> None:
    pred = {**BASE, "notice": {**NOTICE, "addressees": list(reversed(NOTICE["addressees"]))}}
    result = score(pred)
    assert result.fields == evaluate.Ratio(6, 7)
    assert result.misses[0].gold == NOTICE["addressees"]


def test_deadline_accuracy_over_matched_assignments() -> None:
    gold_assignments = [assignment("1.1", lead=["区发改委"], deadline="2021年底前"), assignment("1.2", responsible=["震泽镇"])]
    gold = {**BASE, "assignments": gold_assignments}
    pred = {**BASE, "assignments": [assignment("1.1", lead=["区发改委"], deadline="2021年 底前")]}
    assert score(pred, gold).deadlines == evaluate.Ratio(1, 1)
    pred = {**BASE, "assignments": [assignment("1.1", lead=["区发改委"]), assignment("1.2", responsible=["震泽镇"])]}
    result = score(pred, gold)
    assert result.deadlines == evaluate.Ratio(1, 2)
    assert any(m.kind == "deadline" for m in result.misses)


def test_empty_prediction_scores_zero() -> None:
    result = score(evaluate.EMPTY_PREDICTION)
    assert result.outline == evaluate.Counts(0, 0, 3)
    assert result.units.f1 == 0.0
    assert result.roles.value is None


def test_report_totals_are_micro_averaged() -> None:
    perfect = score(BASE)
    half = score({**BASE, "outline": BASE["outline"][:1]})
    report = Report((perfect, half))
    assert report.total("outline") == evaluate.Counts(tp=4, fp=0, fn=2)
    assert "TOTAL" in report.table()
    assert report.miss_lines()[0] == "t:"


# --------------------------------------------------------------------------- files


def write_pair(root: Path, name: str, gold: dict, text: str = "一、重点任务\n") -> None:
    (root / f"{name}.gold.json").write_text(json.dumps({"id": name, **gold}, ensure_ascii=False), encoding="utf-8")
    (root / f"{name}.txt").write_text(text, encoding="utf-8")


def test_gold_file_missing_a_key_is_named(tmp_path: Path) -> None:
    write_pair(tmp_path, "bad", {k: v for k, v in BASE.items() if k != "outline"})
    with pytest.raises(GoldError, match=r"bad\.gold\.json: gold file: missing key 'outline'"):
        evaluate_dir(tmp_path)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"outline": [{"scope": "document", "path": "1", "marker": "一、"}]}, r"outline\[0\]: missing key 'title'"),
        ({"notice": {"title": "x"}}, r"notice: missing key 'doc_number'"),
        ({"assignments": [assignment("7", responsible=["x"])]}, r"assignments\[0\]: document 7 is not in the outline"),
        ({"assignments": [{**assignment("1"), "lead": "区发改委"}]}, r"assignments\[0\]\.lead: expected a list of strings"),
        ({"outline": [{"scope": "main", "path": "1", "marker": "一、", "title": "x"}]}, r"scope must be"),
        ({"notes": "x"}, r"gold file: unknown key 'notes'"),                                      # extra="forbid"
        ({"outline": [{"scope": "document", "path": "1", "marker": "一、", "title": "x", "tittle": "y"}]},
         r"outline\[0\]: unknown key 'tittle'"),
    ],
)
def test_gold_file_problems_are_loud(tmp_path: Path, change: dict, message: str) -> None:
    write_pair(tmp_path, "bad", {**BASE, **change})
    with pytest.raises(GoldError, match=message):
        evaluate_dir(tmp_path)


def test_gold_file_that_is_not_json(tmp_path: Path) -> None:
    (tmp_path / "x.gold.json").write_text("{", encoding="utf-8")
    (tmp_path / "x.txt").write_text("一、x\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"x\.gold\.json: not valid UTF-8 JSON"):
        evaluate_dir(tmp_path)


def test_directory_without_pairs(tmp_path: Path) -> None:
    (tmp_path / "lonely.gold.json").write_text("{}", encoding="utf-8")
    with pytest.raises(GoldError, match=r"no NAME\.gold\.json with a NAME\.txt twin"):
        evaluate_dir(tmp_path)


def test_pdf_twin_may_live_in_a_pdf_folder(tmp_path: Path) -> None:
    write_pair(tmp_path, "a", BASE)
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "a.pdf").write_bytes(b"%PDF-1.4")
    pairs = evaluate.find_pairs(tmp_path, ".pdf")
    assert pairs == [("a", tmp_path / "a.gold.json", tmp_path / "pdf" / "a.pdf")]


def test_a_parser_crash_is_scored_as_all_missed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pair(tmp_path, "a", BASE)
    write_pair(tmp_path, "b", BASE)
    real = evaluate.api.parse

    def crash_on_a(source, options=None):
        if Path(source).stem == "a":
            raise IndexError("boom")
        return real(source)

    monkeypatch.setattr(evaluate.api, "parse", crash_on_a)
    report = evaluate_dir(tmp_path)
    crashed = report.documents[0]
    assert crashed.error == "IndexError: boom"
    assert crashed.outline == evaluate.Counts(0, 0, 3) and crashed.fields == evaluate.Ratio(0, 7)
    assert report.errors == {"a": "IndexError: boom"}
    assert report.documents[1].error is None
    assert "error     a: IndexError: boom" in report.table()


# --------------------------------------------------------------------------- export.to_gold


def test_to_gold_maps_a_document_onto_the_annotation_format(sample_doc) -> None:
    gold = to_gold(sample_doc)
    assert list(gold) == ["notice", "document_title", "outline", "assignments"]
    assert gold["notice"] == {
        "title": "关于印发丝绸行动计划的通知", "doc_number": None, "issuer": "吴江区人民政府办公室", "date": "2021-01-20",
        "addressees": ["吴江开发区", "各镇人民政府"], "public_note": "此件公开发布",
    }
    assert gold["document_title"] == "丝绸行动计划"
    assert [(o["scope"], o["path"], o["marker"]) for o in gold["outline"]] == [
        ("notice", "1", "一、"), ("document", "1", "一、"), ("document", "1.1", "1."),
        ("document", "1.2", "2."), ("document", "2", "二、"),
    ]
    assert gold["assignments"] == [
        assignment("1.1", lead=["区发改委"], responsible=["财政局"], supporting=["商务局"], deadline="2021年底前"),
        assignment("1.2", responsible=["震泽镇"]),
    ]
    assert gold_problem_free(gold)


def gold_problem_free(gold: dict) -> bool:
    return gold_problem(gold) is None


def test_to_gold_of_a_document_without_notice(build) -> None:
    gold = to_gold(build.document([build.node("1", "总体要求")], title="方案"))
    assert gold["notice"] is None and gold["assignments"] == []
    assert score_document("x", gold, gold).metrics()["outline_f1"] == 1.0


def test_eval_says_how_many_gold_files_have_no_twin(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from policyparse.cli import cli

    write_pair(tmp_path, "a", BASE)
    (tmp_path / "b.gold.json").write_text(json.dumps({"id": "b", **BASE}, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 0 and "(1 documents scored; 1 gold files have no .txt twin)" in result.output
