"""Reader fuzzing (issue 11): the saved crashers stay fixed, and a short seeded campaign per reader.

The long campaigns (10,000 cases per reader) are run by hand with ``tools/fuzz_readers.py``;
their figures are in benchmarks/README.md ("Fuzzing").
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from policyparse import Options, parse
from policyparse.errors import PolicyParseError

ROOT = Path(__file__).resolve().parent.parent
CRASHERS = Path(__file__).parent / "fuzz_crashers"
SHORT_CASES = 200


sys.path.insert(0, str(ROOT / "tools"))  # spawned workers get the same sys.path and import it by name
import fuzz_readers as fuzz  # noqa: E402

SAVED = sorted(p for p in CRASHERS.glob("*/*") if p.is_file())


def test_there_are_saved_crashers():
    assert {p.parent.name for p in SAVED} >= {"txt", "html", "docx"}


@pytest.mark.parametrize("path", SAVED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_saved_crasher_is_an_error_or_a_result(path):
    """Each crasher once raised a foreign exception, hung or reached the catch-all of
    ``ingest.read_bytes``; now it is a result or one of the project's errors, of its own reader."""
    outcome = fuzz.run_one(path.read_bytes(), path.parent.name)
    assert outcome.kind in ("ok", "error"), outcome
    assert not outcome.catch_all, outcome
    assert outcome.seconds < 10, outcome
    try:
        parse(path.read_bytes(), Options(source_name=f"x.{path.parent.name}"))
    except PolicyParseError:
        pass


@pytest.mark.parametrize("reader", sorted(fuzz.READERS))
def test_short_campaign(reader, tmp_path):
    report = fuzz.campaign(reader, SHORT_CASES, seed=20261202, timeout=10.0, save_dir=tmp_path)
    assert report.cases == SHORT_CASES
    assert report.outcomes["crash"] == 0, "\n".join(report.lines())
    assert not list(tmp_path.rglob("*.*"))
    assert report.outcomes["ok"] and report.outcomes["error"]  # the cases reach both ends


def test_cases_are_reproducible():
    seeds = [p.read_bytes() for p in fuzz.seed_files("docx")]
    assert fuzz.make_case("docx", seeds, 5, 17) == fuzz.make_case("docx", seeds, 5, 17)
    assert fuzz.make_case("docx", seeds, 5, 17) != fuzz.make_case("docx", seeds, 5, 18)


def test_seeds_leave_out_the_locked_goldens():
    for reader in fuzz.READERS:
        files = fuzz.seed_files(reader)
        assert files and not any("golden_locked" in p.parts for p in files)


def test_a_foreign_exception_is_a_crash(monkeypatch):
    def broken(*_args, **_kwargs):
        raise KeyError("boom")

    monkeypatch.setattr("policyparse.parse", broken)
    assert fuzz.run_one(b"x", "txt").kind == "crash"


def test_a_hang_is_a_crash_and_the_run_goes_on(tmp_path):
    report = fuzz.campaign("pdf", 2, seed=1, timeout=0.0001, save_dir=tmp_path)
    assert report.outcomes["crash"] == 2
    assert all(k.startswith("Timeout") for k in report.crashes)
    assert len(list((tmp_path / "pdf").iterdir())) >= 1
