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
* **Type by suffix**: ``.txt .text .pdf .docx .html .htm``.  Any other file found or named gets an
  ``UnsupportedFormat`` error record (nothing is skipped silently); a named file that does not
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

import glob
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from policyparse._version import __version__
from policyparse.batch.worker import TRANSIENT_ERRORS, Job, Outcome
from policyparse.errors import BatchError
from policyparse.export.atomic import write_text_atomic
from policyparse.ingest import FORMATS

SUMMARY = "_summary.json"
RUN_MANIFEST = "_manifest.jsonl"
GLOB_MAGIC = re.compile(r"[*?\[]")  # docs/**/*.pdf, d0?.txt, d[12].txt
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class BatchOptions:
    """What a batch run does.

    outdir: where results, error records, the manifest and the summary go.
    jobs: worker processes (None: all cores).  timeout: seconds per input.
    force: re-parse inputs that already have a result.  scheduler: a dask.distributed address
    (``tcp://host:8786``) to run on instead of the local pool.  formats: ledger feeds to write
    (json, jsonl, csv, xlsx).  db: SQLite store to upsert into.  columns: a column map file.
    nlp: run the parser's NLP stage (``Options.nlp``); results with and without it differ, so
    the manifest records it and a change re-parses.
    """

    outdir: Path
    jobs: int | None = None
    force: bool = False
    timeout: float = 120.0
    scheduler: str | None = None
    formats: tuple[str, ...] = ()
    db: Path | None = None
    columns: Path | None = None
    nlp: bool = False


@dataclass(frozen=True)
class Input:
    """One input file and its output key (a relative POSIX path)."""

    rel: str
    path: Path


@dataclass(frozen=True)
class Entry:
    """The current outcome of one input: a result (``error`` None) or an error record."""

    input: str
    sha256: str
    parser_version: str
    error: str | None = None
    message: str | None = None
    warnings: int = 0
    nlp: bool = False
    skipped: bool = field(default=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    def manifest_line(self) -> str:
        data = asdict(self)
        del data["skipped"]
        return json.dumps(data, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Plan:
    """Inputs in order, the jobs to parse, and the entries settled without parsing."""

    options: BatchOptions
    inputs: list[Input]
    todo: list[Job]
    settled: list[Entry]


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


Progress = Callable[[Entry, int, int], None]  # (entry just written, parsed so far, to parse)


# --------------------------------------------------------------------------- inputs


def collect_inputs(specs: Iterable[str], outdir: Path | None = None) -> list[Input]:
    """Expand files, folders and globs into inputs in a deterministic order (see module doc)."""
    seen: dict[str, Path] = {}
    inputs = []
    for spec in specs:
        for path, base in _expand(spec, outdir):
            item = Input(_rel(path, base), path)
            if _unique(item, seen):
                inputs.append(item)
    if not inputs:
        raise BatchError(f"no input files found in {', '.join(specs) or 'the arguments'}")
    return inputs


def _expand(spec: str, outdir: Path | None) -> Iterator[tuple[Path, Path]]:
    """(file, argument it came from) pairs of one argument."""
    path = Path(spec)
    if path.is_dir():
        yield from ((file, path) for file in _walk(path, outdir))
    elif GLOB_MAGIC.search(spec) and not path.exists():
        for match in sorted(glob.glob(spec, recursive=True)):
            yield from _expand(match, outdir)
    else:
        yield path, path


def _walk(root: Path, outdir: Path | None) -> list[Path]:
    """Every non-hidden file below ``root``, sorted as paths (``sorted(rglob)``), OUTDIR left out.

    Symbolic links to folders are followed, each real folder once (no cycles); a link whose
    target is gone is listed, so that it gets an error record instead of vanishing."""
    skip = os.path.realpath(outdir) if outdir is not None else None
    seen = {os.path.realpath(root)}
    found = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        kept = []
        for d in dirs:
            real = os.path.realpath(os.path.join(folder, d))
            if not d.startswith(".") and real != skip and real not in seen:
                seen.add(real)
                kept.append(d)
        dirs[:] = kept
        found.extend(Path(folder, name) for name in files if not name.startswith("."))
    return sorted((file for file in found if file.is_file() or file.is_symlink()), key=lambda file: file.parts)


def _rel(path: Path, base: Path) -> str:
    """Output key: relative to the current directory, else to the argument's parent folder."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.relative_to(Path(os.path.abspath(base)).parent).as_posix()


def _unique(item: Input, seen: dict[str, Path]) -> bool:
    """False for a file already listed; BatchError when two files would share one output."""
    other = seen.setdefault(item.rel, item.path)
    if other is item.path:
        return True
    if os.path.realpath(other) == os.path.realpath(item.path):
        return False
    raise BatchError(f"{other} and {item.path} would both be written to {item.rel}.json")


# --------------------------------------------------------------------------- plan


def plan_batch(inputs: list[Input], options: BatchOptions) -> Plan:
    """Hash every input and decide: parse it, skip it (known result), or record why it can't be read."""
    manifest = {} if options.force else load_manifest(options.outdir)
    todo, settled = [], []
    for item in inputs:
        decision = _decide(item, manifest, options)
        (todo if isinstance(decision, Job) else settled).append(decision)
    return Plan(options, inputs, todo, settled)


def _decide(item: Input, manifest: dict[str, Entry], options: BatchOptions) -> Job | Entry:
    suffix = item.path.suffix.lower()
    if not item.path.exists():
        what = "broken symbolic link" if item.path.is_symlink() else "no such file"
        return _error(item.rel, "", "InputNotFound", f"{item.rel}: {what}")
    if suffix not in FORMATS:
        known = "/".join(sorted(FORMATS))
        return _error(item.rel, "", "UnsupportedFormat", f"{item.rel}: expected {known}, found {suffix or 'no suffix'!r}")
    try:
        sha = file_sha256(item.path)
    except OSError as exc:
        return _error(item.rel, "", type(exc).__name__, f"{item.rel}: {exc.strerror or exc}")
    known_entry = manifest.get(item.rel)
    if known_entry is not None and _still_valid(known_entry, sha, options):
        return replace(known_entry, skipped=True)
    return Job(item.rel, str(item.path), sha, options.nlp)


def _error(rel: str, sha: str, error: str, message: str) -> Entry:
    return Entry(rel, sha, __version__, error, message)


def _still_valid(entry: Entry, sha: str, options: BatchOptions) -> bool:
    """A manifest entry stands for this input when hash, parser version, options and output match."""
    if entry.sha256 != sha or entry.parser_version != __version__ or entry.nlp != options.nlp:
        return False
    return entry.error not in TRANSIENT_ERRORS and output_path(options.outdir, entry.input, entry.ok).exists()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --------------------------------------------------------------------------- outputs


def output_path(outdir: Path, rel: str, ok: bool) -> Path:
    """``OUTDIR/KEY.json`` for a result, ``OUTDIR/KEY.error.json`` for an error record."""
    return outdir / (rel + (".json" if ok else ".error.json"))


def load_manifest(outdir: Path) -> dict[str, Entry]:
    """The last entry of each input in ``_manifest.jsonl`` (a line cut off by a kill is ignored)."""
    entries: dict[str, Entry] = {}
    path = outdir / RUN_MANIFEST
    if not path.exists():
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = Entry(**json.loads(line))
        except (ValueError, TypeError):
            continue
        entries[entry.input] = entry
    return entries


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
    return Entry(outcome.rel, outcome.sha256, __version__, outcome.error, outcome.message, outcome.warnings, nlp)


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
    with open(options.outdir / RUN_MANIFEST, "a", encoding="utf-8") as manifest:
        for entry in plan.settled:
            if not entry.skipped:
                _write(options.outdir, entry, None, manifest)
        for done, outcome in enumerate(_outcomes(plan), 1):
            entry = _write(options.outdir, _entry(outcome, options.nlp), outcome.json, manifest, outcome.written)
            by_input[entry.input] = entry
            if progress is not None:
                progress(entry, done, len(plan.todo))
    entries = [by_input[item.rel] for item in plan.inputs]
    _compact_manifest(options.outdir, entries)
    write_feeds(options, [output_path(options.outdir, e.input, True) for e in entries if e.ok])
    summary = summarize(entries, len(plan.todo), time.monotonic() - start)
    write_text_atomic(options.outdir / SUMMARY, summary_json(summary, plan))
    return summary


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


def write_feeds(options: BatchOptions, results: list[Path]) -> None:
    """Ledgers (``_tasks.csv`` …) and the SQLite store, from the result files of this run."""
    if not options.formats and options.db is None:
        return
    from policyparse.export.ledger import load_column_map
    from policyparse.export.sinks import batch_sinks, feed_documents

    columns = load_column_map(options.columns) if options.columns else None
    feed_documents(results, batch_sinks(options.outdir, options.formats, columns, options.db))


def summarize(entries: list[Entry], parsed: int, elapsed: float) -> Summary:
    """Counts over the current outcome of every input (``parsed``: how many were parsed now)."""
    failures = [{"input": e.input, "error": e.error, "message": e.message} for e in entries if not e.ok]
    ok = [e for e in entries if e.ok]
    return Summary(
        inputs=len(entries), ok=len(ok), failed=len(failures),
        parsed=parsed,
        skipped=sum(1 for e in entries if e.skipped), warnings=sum(e.warnings for e in ok),
        elapsed=elapsed, failures=failures,
    )


def summary_json(summary: Summary, plan: Plan) -> str:
    options = plan.options
    engine = {"engine": "dask", "scheduler": options.scheduler} if options.scheduler else {
        "engine": "pool", "jobs": min(worker_count(options.jobs), max(1, len(plan.todo)))}
    data = {"parser_version": __version__, **engine, **asdict(summary)}
    data["elapsed"] = round(summary.elapsed, 3)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
