"""Batch parsing: many inputs -> one JSON (or one error record) each, resumable, in parallel.

    inputs = collect_inputs(["docs", "extra/*.pdf"], outdir)   # files, folders, globs
    plan = plan_batch(inputs, BatchOptions(outdir))             # hash inputs, skip known results
    summary = run_batch(plan, progress=callback)                # parse, write, feeds, _summary.json

Rules (README "Batch, ledgers and the store" repeats them for users):

* **Inputs**: a folder yields every file below it (recursively, sorted, linked folders followed
  once each; hidden files and folders and OUTDIR itself are skipped; a broken link is listed);
  a glob (``*``, ``?``, ``[``, ``**``) yields its sorted matches; a file is itself.  The output
  key of an input is its path relative to the current directory, or, outside it, relative to
  the parent of the argument that named it (``docs/a/b.pdf`` -> ``OUTDIR/docs/a/b.pdf.json``).
  Order is the order of the arguments, each expanded in sorted order; the same file named twice
  is parsed once.
* **Type by content, then suffix** (``ingest.sniff``, as ``parse`` does): PDF, DOCX, OFD,
  Word 97-2003/WPS and HTML by their first bytes, else ``.txt .text .html .htm`` and the rest by
  suffix; a file without a suffix is sniffed (text when nothing else fits).  Any other file
  found or named gets an ``UnsupportedFormat`` error record (nothing is skipped silently); a named file that does not
  exist gets ``InputNotFound``.  A glob that matches nothing adds nothing, but a run with no
  input at all is a ``BatchError``.
* **Outputs**: ``OUTDIR/KEY.json`` (the document, byte-identical to ``policyparse parse``
  except that ``source.path`` is KEY) or ``OUTDIR/KEY.error.json`` ({input, error, message,
  sha256, parser_version}), never both; each written atomically.  ``OUTDIR/_summary.json`` holds
  counts, failures, warnings and timings (the only file with times in it).
* **Resume**: ``OUTDIR/_manifest.jsonl`` records each input's content sha256 and the parser
  version with its outcome, appended as results arrive.  A re-run skips an input whose hash and
  parser version match and whose output is still there -- error records included (the same
  bytes fail the same way) except ``Timeout``/``WorkerCrashed``, which may depend on the machine
  and are retried.  ``force`` re-parses everything.
* **Failures**: one input's failure (bad input, parser bug, crash, time limit) is that input's
  error record only; ``Summary.failed`` counts inputs whose current outcome is an error.
"""
from __future__ import annotations

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from policyparse._version import __version__
from policyparse.batch.plan import (  # noqa: F401 - the batch API, one import away
    RUN_MANIFEST,
    BatchOptions,
    Entry,
    Input,
    Plan,
    collect_inputs,
    file_sha256,
    load_manifest,
    output_path,
    plan_batch,
)
from policyparse.batch.worker import Outcome
from policyparse.errors import BatchError, Interrupted
from policyparse.export.atomic import write_text_atomic

SUMMARY = "_summary.json"
LOCK = ".batch.lock"


@dataclass(frozen=True)
class Summary:
    inputs: int
    ok: int
    failed: int
    parsed: int
    skipped: int
    warnings: int
    elapsed: float
    failures: list[dict[str, str | None]]
    warnings_by_input: dict[str, dict[str, int]] = field(default_factory=dict)  # input -> {code: count}
    interrupted: bool = False
    not_done: list[str] = field(default_factory=list)  # inputs an interrupted run did not reach
    # inputs the store (--db) holds once because another input has the same content:
    # [{"input": …, "same_as": the path it is stored under}]
    duplicates: list[dict[str, str]] = field(default_factory=list)


Progress = Callable[[Entry, int, int], None]  # (entry just written, parsed so far, to parse)


# --------------------------------------------------------------------------- outputs


def _record(outdir: Path, entry: Entry, text: str | None, written: bool = False) -> None:
    """Write the result or the error record atomically (unless a worker ``written`` the result
    already) and remove the other kind, if any."""
    if not written:
        if text is None:
            record = {"input": entry.input, "error": entry.error, "message": entry.message,
                      "sha256": entry.sha256 or None, "parser_version": entry.parser_version}
            text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        write_text_atomic(output_path(outdir, entry.input, entry.ok), text)
    output_path(outdir, entry.input, not entry.ok).unlink(missing_ok=True)


def _entry(outcome: Outcome, nlp: bool) -> Entry:
    return Entry(outcome.rel, outcome.sha256, __version__, outcome.error, outcome.message, outcome.warnings, nlp,
                 outcome.warning_codes or {})


def _compact_manifest(outdir: Path, entries: list[Entry]) -> None:
    """Rewrite the manifest as one line per input, sorted, keeping inputs of earlier runs."""
    merged = load_manifest(outdir)
    merged.update((entry.input, entry) for entry in entries)
    write_text_atomic(outdir / RUN_MANIFEST, "".join(merged[key].manifest_line() for key in sorted(merged)))


# --------------------------------------------------------------------------- run


def run_batch(plan: Plan, progress: Progress | None = None) -> Summary:
    """Parse the plan's jobs, write every outcome, the feeds and ``_summary.json``."""
    options, start = plan.options, time.monotonic()
    options.outdir.mkdir(parents=True, exist_ok=True)
    by_input = {entry.input: entry for entry in plan.settled}
    interrupted, parsed = False, 0
    with _outdir_lock(options.outdir):
        with open(options.outdir / RUN_MANIFEST, "a", encoding="utf-8") as manifest:
            for entry in plan.settled:
                if not entry.skipped:
                    _write(options.outdir, entry, None, manifest)
            try:
                for parsed, outcome in enumerate(_outcomes(plan), 1):
                    entry = _write(options.outdir, _entry(outcome, options.nlp), outcome.json, manifest, outcome.written)
                    by_input[entry.input] = entry
                    if progress is not None:
                        progress(entry, parsed, len(plan.todo))
            except KeyboardInterrupt:  # Ctrl-C: keep what is done, say what is not, resume next run
                interrupted = True
        entries = [by_input[item.rel] for item in plan.inputs if item.rel in by_input]
        _compact_manifest(options.outdir, entries)
        duplicates: list[tuple[str, str]] = []
        if not interrupted:
            duplicates = write_feeds(options, [output_path(options.outdir, e.input, True) for e in entries if e.ok])
        not_done = [item.rel for item in plan.inputs if item.rel not in by_input]
        summary = summarize(entries, parsed, time.monotonic() - start, not_done, duplicates)
        write_text_atomic(options.outdir / SUMMARY, summary_json(summary, plan))
    if interrupted:
        raise Interrupted(f"interrupted: {len(not_done)} of {len(plan.inputs)} inputs not parsed "
                          f"(the rest is written; run the same command again to resume)", summary)
    return summary


@contextmanager
def _outdir_lock(outdir: Path) -> Iterator[None]:
    """One batch at a time writes an OUTDIR: a second one stops with a ``BatchError`` instead of
    parsing everything again beside the first (``OUTDIR/.batch.lock``, hidden, so never an input).
    Where ``fcntl`` is missing (Windows) there is no lock."""
    with open(outdir / LOCK, "a", encoding="utf-8") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BatchError(f"{outdir}: another batch is writing to this folder (it holds {LOCK}); "
                                 "wait for it to finish or give another -o") from None
        yield


def _write(outdir: Path, entry: Entry, text: str | None, manifest, written: bool = False) -> Entry:
    """Record one outcome: its file first, then its manifest line (a kill in between costs a re-parse)."""
    _record(outdir, entry, text, written)
    manifest.write(entry.manifest_line())
    manifest.flush()
    return entry


def _outcomes(plan: Plan) -> Iterator[Outcome]:
    """Outcomes of the jobs, in completion order, from the local pool or a Dask cluster."""
    options = plan.options
    if not plan.todo:
        return iter(())
    if options.scheduler:
        from policyparse.batch.cluster import run_dask

        return run_dask(plan.todo, options.scheduler, options.timeout, options.nlp)
    from policyparse.batch.pool import run_pool

    # local workers write their results themselves: the parent only keeps the manifest, so it
    # does not become the bottleneck as workers are added
    jobs = (replace(job, target=str(output_path(options.outdir, job.rel, True))) for job in plan.todo)
    return run_pool(jobs, min(worker_count(options.jobs), len(plan.todo)), options.timeout, options.nlp)


def worker_count(jobs: int | None) -> int:
    """``jobs`` or, when None, every core this process may use."""
    if jobs is not None:
        return max(1, jobs)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def write_feeds(options: BatchOptions, results: list[Path]) -> list[tuple[str, str]]:
    """Ledgers (``_tasks.csv`` …) and the SQLite store, from the result files of this run;
    returns the store's duplicates (``Store.duplicates``: input, path it is stored under)."""
    if not options.formats and options.db is None:
        return []
    from policyparse.export.ledger import load_column_map
    from policyparse.export.sinks import batch_sinks, feed_documents
    from policyparse.export.store import Store

    columns = load_column_map(options.columns) if options.columns else None
    feeds = batch_sinks(options.outdir, options.formats, columns, options.db)
    feed_documents(results, feeds)
    return [pair for sink in feeds if isinstance(sink, Store) for pair in sink.duplicates]


def summarize(entries: list[Entry], parsed: int, elapsed: float, not_done: list[str] | None = None,
              duplicates: list[tuple[str, str]] | None = None) -> Summary:
    """Counts over the current outcome of every input (``parsed``: how many were parsed now)."""
    failures = [{"input": e.input, "error": e.error, "message": e.message} for e in entries if not e.ok]
    ok = [e for e in entries if e.ok]
    return Summary(
        inputs=len(entries) + len(not_done or ()), ok=len(ok), failed=len(failures),
        parsed=parsed,
        skipped=sum(1 for e in entries if e.skipped), warnings=sum(e.warnings for e in ok),
        elapsed=elapsed, failures=failures,
        warnings_by_input={e.input: dict(e.warning_codes) for e in ok if e.warning_codes},
        interrupted=bool(not_done), not_done=list(not_done or ()),
        duplicates=[{"input": path, "same_as": stored} for path, stored in duplicates or ()],
    )


def summary_json(summary: Summary, plan: Plan) -> str:
    options = plan.options
    engine = {"engine": "dask", "scheduler": options.scheduler} if options.scheduler else {
        "engine": "pool", "jobs": min(worker_count(options.jobs), max(1, len(plan.todo)))}
    data = {"parser_version": __version__, **engine, **asdict(summary)}
    data["elapsed"] = round(summary.elapsed, 3)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
