"""One input of a batch, parsed inside a worker process (local pool or Dask worker).

``parse_job`` is the unit of work: it never raises for a bad input, it returns an ``Outcome``
that is either the document's JSON text or an error record (error class name + one-line
reason).  It is a top-level function of plain picklable types so that ``multiprocessing`` and
``dask.distributed`` can both ship it.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from policyparse.api import Options, parse
from policyparse.export.atomic import write_text_atomic
from policyparse.export.json import to_json
from policyparse.ingest import Limits
from policyparse.ingest.limits import DEFAULT_LIMITS

# Failures that depend on the machine rather than on the input: retried by the next run.
TRANSIENT_ERRORS = frozenset({"Timeout", "WorkerCrashed", "KilledWorker", "CancelledError"})
NOT_HERE = "NotOnThisWorker"  # a Dask worker cannot read the input at the client's path (never recorded)
WARM_UP_TEXT = "关于做好测试工作的通知\n一、工作任务\n（一）做好测试。[区发改委、财政局]\n"


@dataclass(frozen=True)
class Job:
    """One input to parse: its output key (``rel``), where to read it, and its content hash;
    ``target``: where a local worker writes the result itself (None: the caller writes it)."""

    rel: str
    path: str
    sha256: str
    nlp: bool = False
    target: str | None = None
    limits: Limits = Limits()


@dataclass(frozen=True)
class Outcome:
    """What became of one input: ``json`` for a result, or ``error`` (class) and ``message``."""

    rel: str
    sha256: str
    json: str | None = None
    error: str | None = None
    message: str | None = None
    warnings: int = 0
    warning_codes: dict[str, int] | None = None  # code -> count
    written: bool = False  # the result is already at the job's target (and ``json`` is None)

    @property
    def ok(self) -> bool:
        return self.error is None


def failed(rel: str, sha256: str, error: str, message: str, name: str | None = None) -> Outcome:
    """An error record; the message is one line that starts with the input's name (its path
    as given, else its output key)."""
    line = " ".join(message.split()) or error
    if not line.startswith((rel, name or rel)):
        line = f"{name or rel}: {line}"
    return Outcome(rel=rel, sha256=sha256, error=error, message=line)


def parse_job(rel: str, source: str | bytes, sha256: str, nlp: bool = False, name: str | None = None,
              limits: Limits = DEFAULT_LIMITS) -> Outcome:
    """Parse one input (a path, or its bytes when shipped to a remote worker) into an Outcome;
    ``name`` (default: the path, else ``rel``) is what ``source.path`` records: the path as given."""
    data = Path(source) if isinstance(source, str) else source
    shown = name or (source if isinstance(source, str) else rel)
    try:
        doc = parse(data, Options(source_name=shown, nlp=nlp, limits=limits))
    except Exception as exc:  # noqa: BLE001 -- a worker must turn any failure of one input
        # (bad input or parser bug) into that input's error record, so the batch goes on;
        # the class name is recorded so that bugs stay distinguishable from bad input.
        return failed(rel, sha256, type(exc).__name__, str(exc), shown)
    codes = dict(sorted(Counter(issue.code for issue in doc.warnings).items()))
    return Outcome(rel=rel, sha256=doc.source.sha256, json=to_json(doc), warnings=len(doc.warnings), warning_codes=codes)


def parse_chunk(items: list[tuple[str, str | bytes, str, str]], nlp: bool = False,
                limits: Limits = DEFAULT_LIMITS) -> list[Outcome]:
    """``parse_job`` over several (rel, path or bytes, sha256, name) inputs: one Dask task, several
    documents.  A path is read here only if it holds the content the client hashed (a shared
    file system); otherwise that input's Outcome is a ``NOT_HERE`` record and the client sends
    its bytes."""
    outcomes = []
    for rel, source, sha256, name in items:
        if isinstance(source, str):
            source = _read_shared(source, sha256)
        outcomes.append(Outcome(rel, sha256, error=NOT_HERE) if source is None
                        else parse_job(rel, source, sha256, nlp, name, limits))
    return outcomes


def _read_shared(path: str, sha256: str) -> bytes | None:
    """The file's bytes when this worker sees the content the client planned, else None."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def run_job(job: Job) -> Outcome:
    """``parse_job`` for a local job: the worker reads the file itself and writes the result to
    ``job.target`` (atomically), so that only a short Outcome travels back; if that write fails
    the JSON travels back and the caller's own write reports the error."""
    outcome = parse_job(job.rel, job.path, job.sha256, job.nlp, job.path, job.limits)
    if job.target is None or outcome.json is None:
        return outcome
    try:
        write_text_atomic(Path(job.target), outcome.json)
    except OSError:
        return outcome
    return replace(outcome, json=None, written=True)


def warm_up(nlp: bool = False) -> None:
    """Per-worker set-up: parse a tiny notice once so that lazily loaded models are in memory."""
    parse(WARM_UP_TEXT, Options(source_name="<warm-up>", nlp=nlp))
