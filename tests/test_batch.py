"""Batch parsing, ledgers, the SQLite store and the Dask runner (issue 5).

A folder mixing good and bad inputs must give exactly one result or one error record per
input, exit 1, and parse nothing on an immediate re-run.  No assertion depends on timing.
"""
from __future__ import annotations

import csv
import json
import multiprocessing
import os
import shutil
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from policyparse import __version__
from policyparse.api import Options, parse
from policyparse.batch import run as batch
from policyparse.batch import worker
from policyparse.cli import cli
from policyparse.export import ledger, sinks
from policyparse.export.json import to_json
from policyparse.export.store import Store
from policyparse.schema import ROLES

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"
GOLDEN_PDF = TESTS / "golden_pdf"
GOOD_TXT = ("d01.txt", "d05.txt", "d12.txt", "wujiang_silk_2021.txt")
GOOD_PDF = ("d10.pdf", "d23.pdf")
# bad input name -> error class of its record
BAD = {
    "in/bad/empty.txt": "EmptyInput",
    "in/bad/binary.txt": "DecodeError",
    "in/bad/truncated.pdf": "CorruptInput",
    "in/bad/scanned.pdf": "CorruptInput",
    "in/bad/notes.xyz": "UnsupportedFormat",
}
HAS_FORK = "fork" in multiprocessing.get_all_start_methods()


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path/in: golden texts, two PDFs in a subfolder, and one of each kind of bad input."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "in"
    (root / "pdf").mkdir(parents=True)
    (root / "bad").mkdir()
    for name in GOOD_TXT:
        shutil.copy(GOLDEN / name, root / name)
    for name in GOOD_PDF:
        shutil.copy(GOLDEN_PDF / name, root / "pdf" / name)
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8)
    (root / "bad" / "truncated.pdf").write_bytes((GOLDEN_PDF / "d10.pdf").read_bytes()[:4000])
    shutil.copy(TESTS / "bad_pdf" / "scanned.pdf", root / "bad" / "scanned.pdf")
    (root / "bad" / "notes.xyz").write_text("not a policy document", encoding="utf-8")
    (root / ".hidden.txt").write_text("一、隐藏\n", encoding="utf-8")  # hidden: never an input
    return root


def good_inputs() -> list[str]:
    return [f"in/{n}" for n in GOOD_TXT] + [f"in/pdf/{n}" for n in GOOD_PDF]


def summary(out: Path) -> dict:
    return json.loads((out / batch.SUMMARY).read_text(encoding="utf-8"))


def outputs(out: Path) -> dict[str, bytes]:
    """Every result and error record under OUT (run files left out), by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json"))
            if not p.name.startswith("_")}


def run_library(root: Path, out: Path, **options) -> batch.Summary:
    opts = batch.BatchOptions(out, **{"jobs": 2, **options})
    return batch.run_batch(batch.plan_batch(batch.collect_inputs([str(root)], out), opts))


# --------------------------------------------------------------------------- one output per input


def test_mixed_folder_gives_one_result_or_error_record_per_input(folder: Path) -> None:
    result = run("batch", "in", "-o", "out", "-j", "2")
    assert result.exit_code == 1
    *named, last = result.output.strip().splitlines()
    assert last == "Error: 5 of 11 inputs failed; see out/_summary.json"
    assert sorted(line.strip().split(": ")[1] for line in named) == sorted(BAD)  # each failing input named
    out = Path("out")
    for name in good_inputs():
        assert (out / f"{name}.json").is_file() and not (out / f"{name}.error.json").exists()
    for name, error in BAD.items():
        record = json.loads((out / f"{name}.error.json").read_text(encoding="utf-8"))
        assert not (out / f"{name}.json").exists()
        assert record["input"] == name and record["error"] == error
        assert record["message"].startswith(name) and "\n" not in record["message"]
    assert len(outputs(out)) == len(good_inputs()) + len(BAD)
    counts = summary(out)
    assert (counts["inputs"], counts["ok"], counts["failed"], counts["parsed"]) == (11, 6, 5, 10)
    assert sorted(f["input"] for f in counts["failures"]) == sorted(BAD)


def test_result_is_the_parse_json_with_the_relative_path(folder: Path) -> None:
    run("batch", "in/d05.txt", "in/pdf/d10.pdf", "-o", "out", "-j", "1")
    for name in ("in/d05.txt", "in/pdf/d10.pdf"):
        expected = to_json(parse(Path(name), Options(source_name=name)))
        assert (Path("out") / f"{name}.json").read_text(encoding="utf-8") == expected


def test_rerun_parses_nothing_and_force_reparses(folder: Path) -> None:
    run("batch", "in", "-o", "out", "-j", "2")
    before = outputs(Path("out"))
    again = run("batch", "in", "-o", "out", "-j", "2")
    assert again.exit_code == 1
    counts = summary(Path("out"))
    assert (counts["parsed"], counts["skipped"], counts["failed"]) == (0, 10, 5)
    assert outputs(Path("out")) == before
    run("batch", "in", "-o", "out", "-j", "2", "--force")
    assert summary(Path("out"))["parsed"] == 10
    assert outputs(Path("out")) == before


def test_changed_or_fixed_input_is_parsed_again(folder: Path) -> None:
    run("batch", "in", "-o", "out", "-j", "2")
    shutil.copy(GOLDEN / "d02.txt", folder / "bad" / "empty.txt")  # the bad input is fixed
    run("batch", "in", "-o", "out", "-j", "2")
    counts = summary(Path("out"))
    assert (counts["parsed"], counts["failed"]) == (1, 4)
    assert Path("out/in/bad/empty.txt.json").is_file() and not Path("out/in/bad/empty.txt.error.json").exists()


def test_manifest_has_one_line_per_input_with_hash_and_version(folder: Path) -> None:
    run("batch", "in", "-o", "out", "-j", "2")
    run("batch", "in", "-o", "out", "-j", "2")
    lines = [json.loads(line) for line in Path("out/_manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["input"] for line in lines] == sorted(good_inputs() + list(BAD))
    entry = next(line for line in lines if line["input"] == "in/d05.txt")
    assert entry["sha256"] == batch.file_sha256(folder / "d05.txt") and entry["parser_version"] == __version__


# --------------------------------------------------------------------------- inputs


def test_inputs_from_globs_files_and_stdin_in_order(folder: Path) -> None:
    assert [i.rel for i in batch.collect_inputs(["in/pdf/*.pdf", "in/d05.txt", "in/pdf/d10.pdf"])] == [
        "in/pdf/d10.pdf", "in/pdf/d23.pdf", "in/d05.txt"]
    result = run("batch", "-", "-o", "out", "-j", "1", input="in/d05.txt\n\nin/missing.txt\n")
    assert result.exit_code == 1
    assert Path("out/in/d05.txt.json").is_file()
    assert json.loads(Path("out/in/missing.txt.error.json").read_text(encoding="utf-8"))["error"] == "InputNotFound"


def test_outdir_inside_the_input_folder_is_not_an_input(folder: Path) -> None:
    run("batch", "in/pdf", "-o", "in/pdf/out", "-j", "1")
    rels = [i.rel for i in batch.collect_inputs(["in/pdf"], Path("in/pdf/out"))]
    assert rels == ["in/pdf/d10.pdf", "in/pdf/d23.pdf"]


def test_no_input_is_an_error(folder: Path) -> None:
    result = run("batch", "in/*.nothing", "-o", "out")
    assert result.exit_code == 1
    assert result.output == "Error: no input files found in in/*.nothing\n"


# --------------------------------------------------------------------------- crash and time limit


def _misbehaving_parse_job(rel: str, source, sha256: str, *args):
    """Stands in for worker.parse_job in the forked workers: hangs on d05, dies on d12."""
    if rel.endswith("d05.txt"):
        time.sleep(120)
    if rel.endswith("d12.txt"):
        os._exit(3)
    return ORIGINAL_PARSE_JOB(rel, source, sha256, *args)


ORIGINAL_PARSE_JOB = worker.parse_job


@pytest.mark.skipif(not HAS_FORK, reason="the monkeypatched worker reaches the pool only through fork")
def test_hung_and_crashing_inputs_cost_only_themselves(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "parse_job", _misbehaving_parse_job)
    result = run_library(folder, Path("out"), timeout=0.5)
    failures = {f["input"]: f["error"] for f in result.failures}
    assert failures == {**BAD, "in/d05.txt": "Timeout", "in/d12.txt": "WorkerCrashed"}
    assert result.ok == len(good_inputs()) - 2
    monkeypatch.setattr(worker, "parse_job", ORIGINAL_PARSE_JOB)
    again = run_library(folder, Path("out"))  # machine-dependent failures are retried
    assert (again.parsed, again.failed) == (2, len(BAD))


# --------------------------------------------------------------------------- ledgers


def test_task_rule_on_a_hand_built_document(sample_doc) -> None:
    rows = [(task["path"], task["lead"], task["responsible"], task["supporting"], task["section"])
            for task, _, _ in ledger.document_rows(sample_doc)]
    assert rows == [
        ("1.1", "区发改委", "财政局", "商务局", "重点任务"),
        ("1.2", "", "震泽镇", "", "重点任务"),
        ("2", "", "", "", ""),
    ]
    units = [row for _, unit_rows, _ in ledger.document_rows(sample_doc) for row in unit_rows]
    assert [(u["seq"], u["task_seq"], u["unit"], u["role_name"]) for u in units] == [
        (1, 1, "区发改委", "牵头单位"), (2, 1, "财政局", "责任单位"), (3, 1, "商务局", "配合单位"), (4, 2, "震泽镇", "责任单位")]


def expected_tasks(out: Path) -> list[dict]:
    docs = [sinks.load_result(p) for p in sinks.result_files([str(out)])]
    return [task for doc in docs for task, _, _ in ledger.document_rows(doc)]


def test_csv_and_xlsx_ledgers_have_one_row_per_task(folder: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    run("batch", "in", "-o", "out", "-j", "2", "--format", "csv", "--format", "xlsx")
    out = Path("out")
    assert (out / "_tasks.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out / "_tasks.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    tasks = expected_tasks(out)
    assert len(rows) == len(tasks) > 20
    assert list(rows[0]) == list(ledger.TASK_COLUMNS.values())
    silk = {r["章节"]: r for r in rows if r["来源文件"] == "in/wujiang_silk_2021.txt"}
    assert silk["4.1"]["任务"] == "加大基地扶持力度"
    assert silk["4.1"]["责任单位（原文）"].startswith("区发改委、财政局")
    assert "1" not in silk and "2.1" not in silk  # 指导思想 and 基本原则 are not tasks
    for row, task in zip(rows, tasks):
        assert (row["牵头单位"], row["责任单位"], row["配合单位"]) == (task["lead"], task["responsible"], task["supporting"])
    book = openpyxl.load_workbook(out / "_ledger.xlsx", read_only=True)
    assert book.sheetnames == ["任务台账", "单位任务"]
    sheet = list(book["任务台账"].values)
    assert list(sheet[0]) == list(ledger.TASK_COLUMNS.values()) and len(sheet) == len(tasks) + 1
    assert [r[1] for r in sheet[1:]] == [int(r["序号"]) for r in rows]
    assert [r[0] for r in sheet[1:]] == [int(r["总序号"]) for r in rows] == list(range(1, len(rows) + 1))
    with open(out / "_task_units.csv", encoding="utf-8-sig", newline="") as fh:
        units = list(csv.DictReader(fh))
    assert len(list(book["单位任务"].values)) == len(units) + 1
    assert len(units) == sum(len(t["lead_as_written"].split("、")) if t["lead_as_written"] else 0 for t in tasks) + sum(
        len(t[k].split("、")) for t in tasks for k in ("responsible_as_written", "supporting_as_written") if t[k])


COLUMN_MAP = {"tasks": {"seq": "编号", "title": "工作任务", "lead": None, "deadline": "时限"},
              "units": {"unit": "部门", "role": "角色"}}


def test_column_map_selects_orders_and_renames(folder: Path) -> None:
    run("batch", "in/wujiang_silk_2021.txt", "-o", "out", "-j", "1")
    Path("map.json").write_text(json.dumps(COLUMN_MAP, ensure_ascii=False), encoding="utf-8")
    assert run("export", "out", "-o", "tasks.csv", "--columns", "map.json").exit_code == 0
    with open("tasks.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["编号", "工作任务", "牵头单位", "时限"]
    assert rows[1][0] == "1" and len(rows) == len(expected_tasks(Path("out"))) + 1
    run("export", "out", "-o", "units.jsonl", "--table", "units", "--columns", "map.json")
    first = json.loads(Path("units.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == ["部门", "角色"] and first["角色"] in ROLES


def test_yaml_column_map_and_bad_map(folder: Path) -> None:
    yaml = pytest.importorskip("yaml", reason="YAML column maps need PyYAML")
    run("batch", "in/d05.txt", "-o", "out", "-j", "1")
    Path("map.yaml").write_text(yaml.safe_dump(COLUMN_MAP, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run("export", "out", "-o", "tasks.json", "--columns", "map.yaml")
    assert list(json.loads(Path("tasks.json").read_text(encoding="utf-8"))[0]) == ["编号", "工作任务", "牵头单位", "时限"]
    Path("bad.json").write_text('{"tasks": {"owner": "负责人"}}', encoding="utf-8")
    result = run("export", "out", "-o", "tasks.csv", "--columns", "bad.json")
    assert result.exit_code == 1
    assert result.output.startswith("Error: bad.json: unknown tasks column 'owner' (known: number, seq, document,")


def test_export_rejects_a_file_that_is_not_a_result(folder: Path) -> None:
    Path("other.json").write_text('{"a": 1}', encoding="utf-8")
    result = run("export", "other.json", "-o", "t.csv")
    assert result.exit_code == 1
    assert result.output.startswith("Error: other.json: not a policyparse result (")


# --------------------------------------------------------------------------- store


def db_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("documents", "tasks", "units")}


def test_store_counts_match_the_json_ledgers(folder: Path) -> None:
    run("batch", "in", "-o", "out", "-j", "2", "--format", "jsonl", "--db", "store.db")
    tasks = Path("out/_tasks.jsonl").read_text(encoding="utf-8").splitlines()
    units = Path("out/_task_units.jsonl").read_text(encoding="utf-8").splitlines()
    assert db_counts(Path("store.db")) == {"documents": len(good_inputs()), "tasks": len(tasks), "units": len(units)}
    run("batch", "in", "-o", "out", "-j", "2", "--db", "store.db")  # same content again: no duplicates
    assert db_counts(Path("store.db"))["documents"] == len(good_inputs())


def test_export_to_a_store_ends_cleanly(folder: Path) -> None:
    """``export RESULTS -o x.db`` wrote its rows, then failed on a closed database (issue 11)."""
    run("batch", "in", "-o", "out", "-j", "2")
    result = run("export", "out", "-o", "x.db")
    assert result.exit_code == 0, result.output
    assert db_counts(Path("x.db"))["documents"] == len(good_inputs())


def test_revised_document_is_kept_as_a_new_revision(folder: Path) -> None:
    plan = folder / "d05.txt"
    run("batch", "in", "-o", "out", "-j", "2", "--db", "store.db")
    first = db_counts(Path("store.db"))
    old_sha = batch.file_sha256(plan)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text + "\n四、新增任务\n（一）开展专项检查。[区审计局]\n", encoding="utf-8")
    run("batch", "in", "-o", "out", "-j", "2", "--db", "store.db")
    second = db_counts(Path("store.db"))
    assert second["documents"] == first["documents"] + 1
    with sqlite3.connect("store.db") as conn:
        rows = conn.execute("SELECT sha256, revision FROM documents WHERE doc_key = 'in/d05.txt' ORDER BY revision").fetchall()
        assert rows == [(old_sha, 1), (batch.file_sha256(plan), 2)]
        assert conn.execute("SELECT COUNT(*) FROM units WHERE name = '区审计局'").fetchone()[0] == 1
        latest = conn.execute("SELECT COUNT(*) FROM latest_documents").fetchone()[0]
        assert latest == first["documents"]


def test_store_upsert_actions(sample_doc, tmp_path: Path) -> None:
    revised = sample_doc.model_copy(update={"source": sample_doc.source.model_copy(update={"sha256": "1" * 64})})
    with Store(tmp_path / "s.db") as store:
        assert [store.add(sample_doc), store.add(sample_doc), store.add(revised)] == ["inserted", "unchanged", "revised"]
        assert store.counts() == {"documents": 2, "tasks": 6, "units": 8}
        assert [r[0] for r in store.revisions(sample_doc.source.path)] == [1, 2]


# --------------------------------------------------------------------------- dask


def test_dask_local_cluster_gives_the_same_outputs_as_the_pool(folder: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (extra 'dask')")
    run("batch", "in", "-o", "pool", "-j", "2", "--format", "csv")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        result = run("batch", "in", "-o", "dask", "--scheduler", cluster.scheduler_address, "--format", "csv")
    assert result.exit_code == 1
    assert outputs(Path("dask")) == outputs(Path("pool"))
    for name in ("_manifest.jsonl", "_tasks.csv", "_task_units.csv"):
        assert Path("dask", name).read_bytes() == Path("pool", name).read_bytes()
    assert summary(Path("dask"))["engine"] == "dask"


def test_changing_parse_options_parses_again(folder: Path) -> None:
    run("batch", "in/d05.txt", "-o", "out", "-j", "1")
    inputs = batch.collect_inputs(["in/d05.txt"], Path("out"))
    assert batch.plan_batch(inputs, batch.BatchOptions(Path("out"))).todo == []
    assert [job.rel for job in batch.plan_batch(inputs, batch.BatchOptions(Path("out"), nlp=True)).todo] == ["in/d05.txt"]


def _hanging_parse_job(rel: str, source, sha256: str, *args):
    """Stands in for worker.parse_job in in-process Dask workers: d05 hangs for a while."""
    if rel.endswith("d05.txt"):
        time.sleep(3)
    return ORIGINAL_PARSE_JOB(rel, source, sha256, *args)


def test_dask_timeout_lands_on_the_hung_input_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (extra 'dask')")
    from policyparse.batch import cluster

    monkeypatch.setattr(worker, "parse_job", _hanging_parse_job)
    monkeypatch.setattr(cluster, "CHUNK_DOCS", 2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=4, processes=False, dashboard_address=None) as local:
        result = run_library(folder, Path("out"), scheduler=local.scheduler_address, timeout=0.5)
    assert {f["input"]: f["error"] for f in result.failures} == {**BAD, "in/d05.txt": "Timeout"}
    assert result.ok == len(good_inputs()) - 1


def test_dask_chunks_keep_order_and_limits(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed", reason="dask.distributed is not installed (extra 'dask')")
    from policyparse.batch import cluster

    monkeypatch.setattr(cluster, "CHUNK_DOCS", 3)
    jobs = [worker.Job(rel, rel, "") for rel in good_inputs()]  # 6 inputs
    assert [len(c) for c in cluster.chunked(jobs, threads=1)] == [1, 1, 1, 1, 1, 1]  # 6 // 4 = 1
    monkeypatch.setattr(cluster, "GUIDE", 1)
    assert [len(c) for c in cluster.chunked(jobs, threads=1)] == [3, 3]
    assert [len(c) for c in cluster.chunked(jobs, threads=2)] == [3, 1, 1, 1]  # 6 // 2, then 3 // 2 …
    monkeypatch.setattr(cluster, "CHUNK_BYTES", 1)
    assert [c[0].rel for c in cluster.chunked(jobs, threads=1)] == good_inputs()


def test_dask_chunks_shrink_as_the_queue_empties() -> None:
    pytest.importorskip("distributed", reason="dask.distributed is not installed (extra 'dask')")
    from policyparse.batch import cluster

    jobs = [worker.Job(f"d{i}.txt", f"/nonexistent/d{i}.txt", "") for i in range(200)]
    sizes = [len(c) for c in cluster.chunked(jobs, threads=2)]
    assert sum(sizes) == 200 and sizes[0] == min(cluster.CHUNK_DOCS, 200 // (2 * cluster.GUIDE))
    assert sizes == sorted(sizes, reverse=True) and sizes[-8:] == [1] * 8


def test_parse_chunk_reads_a_path_only_with_the_planned_content(folder: Path) -> None:
    path = folder / "d05.txt"
    sha = batch.file_sha256(path)
    here, changed, missing = worker.parse_chunk([
        ("in/d05.txt", str(path), sha, "in/d05.txt"),
        ("in/d05.txt", str(path), "0" * 64, "in/d05.txt"),
        ("in/gone.txt", str(folder / "gone.txt"), sha, "in/gone.txt"),
    ])
    assert here.ok and here.json == worker.parse_job("in/d05.txt", path.read_bytes(), sha, name="in/d05.txt").json
    assert changed.error == missing.error == worker.NOT_HERE


def test_dask_sends_bytes_when_workers_cannot_read_the_paths(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (extra 'dask')")
    run("batch", "in", "-o", "pool", "-j", "1")
    shipped: list[str] = []

    def no_shared_files(path: str, sha256: str) -> None:
        shipped.append(path)
        return None

    monkeypatch.setattr(worker, "_read_shared", no_shared_files)  # in-process workers see the patch
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as local:
        result = run_library(Path("in"), Path("dask"), scheduler=local.scheduler_address)  # as the CLI was given it
    assert outputs(Path("dask")) == outputs(Path("pool"))
    assert result.failed == len(BAD) and "NotOnThisWorker" not in json.dumps(result.failures)
    assert 1 <= len(shipped) <= 2 * len(good_inputs())  # paths tried until the first miss, then bytes


def test_local_worker_writes_its_result_and_returns_a_short_outcome(folder: Path, tmp_path: Path) -> None:
    path = folder / "d05.txt"
    job = worker.Job("in/d05.txt", str(path), batch.file_sha256(path), target=str(tmp_path / "o" / "in/d05.txt.json"))
    outcome = worker.run_job(job)
    assert outcome.ok and outcome.written and outcome.json is None
    assert Path(job.target).read_text(encoding="utf-8") == worker.parse_job(job.rel, job.path, job.sha256).json
    (tmp_path / "blocked").write_text("a file where a folder should be", encoding="utf-8")
    unwritable = worker.run_job(replace(job, target=str(tmp_path / "blocked" / "d05.txt.json")))
    assert unwritable.ok and not unwritable.written and unwritable.json  # the caller writes it (and reports)



@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_symlinked_folders_are_followed_once_and_broken_links_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    shutil.copy(GOLDEN / "d05.txt", shared / "d05.txt")
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(GOLDEN / "d01.txt", root / "d01.txt")
    os.symlink(shared, root / "linked")  # a folder elsewhere, linked in
    os.symlink(root, root / "loop")  # a cycle back to the top
    os.symlink(tmp_path / "gone.txt", root / "gone.txt")  # a link whose target is missing
    inputs = [item.rel for item in batch.collect_inputs(["in"], Path("out"))]
    assert inputs == ["in/d01.txt", "in/gone.txt", "in/linked/d05.txt"]
    result = run("batch", "in", "-o", "out", "-j", "1")
    assert result.exit_code == 1
    record = json.loads(Path("out/in/gone.txt.error.json").read_text(encoding="utf-8"))
    assert (record["error"], record["message"]) == ("InputNotFound", "in/gone.txt: broken symbolic link")
    assert Path("out/in/linked/d05.txt.json").exists()


def test_written_files_respect_the_umask(tmp_path: Path) -> None:
    """Results were mode 0600 whatever the umask (issue 11): colleagues could not read out/."""
    from policyparse.export.atomic import _file_mode, write_text_atomic

    target = tmp_path / "r.json"
    write_text_atomic(target, "{}")
    assert target.stat().st_mode & 0o777 == _file_mode()
    mask = os.umask(0o022)
    os.umask(mask)
    assert _file_mode() == 0o666 & ~mask


def test_export_to_stdout(folder: Path) -> None:
    """``export -o -`` wrote a file named '-' (issue 11); it writes the ledger to stdout."""
    run("batch", "in", "-o", "out", "-j", "2")
    result = run("export", "out", "-o", "-", "--format", "jsonl")
    assert result.exit_code == 0 and not Path("-").exists()
    assert len(result.output.splitlines()) == len(expected_tasks(Path("out")))
    assert run("export", "out", "-o", "-").exit_code == 2  # a format is needed


def test_a_second_batch_on_the_same_outdir_stops_with_one_error_line(folder: Path) -> None:
    """Two batches writing one OUT both parsed everything (issue 11): the second now stops."""
    import fcntl

    Path("out").mkdir()
    with open(Path("out") / batch.LOCK, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another batch is running
        result = run("batch", "in", "-o", "out", "-j", "1")
    assert result.exit_code == 1 and "another batch is writing to this folder" in result.output
    assert not list(Path("out").glob("*.json"))
    assert run("batch", "in", "-o", "out", "-j", "1").exit_code == 1  # (bad inputs) but it ran: results exist
    assert list(Path("out").rglob("*.txt.json"))
