"""The same batch on a dask.distributed cluster (``policyparse batch … --scheduler ADDRESS``).

Needs the ``dask`` extra (``pip install "policyparse[dask]"``) here and on every worker.

**Where the bytes come from.**  Dask's advice is to load data on the workers rather than ship it
from the client, so each task first carries paths only: a worker reads the file itself when it
sees it at the same path with the content hash the client planned (a shared file system, or a
LocalCluster).  A worker that cannot (no such file, other content) answers ``NOT_HERE`` for it;
the client then re-sends those inputs with their bytes and ships bytes for the rest of the run,
so workers without a shared file system work too, at the cost of the client's network.  Workers
return the JSON text and the client writes it (``batch`` does that as each result arrives).

**Chunks.**  Dask costs a few milliseconds of client and scheduler time per task, as much as
parsing a short PDF, so inputs travel in chunks of up to ``CHUNK_DOCS`` inputs or
``CHUNK_BYTES``; chunks shrink as the queue empties (guided self-scheduling: about
1/``GUIDE`` of each thread's share of what is left), so no worker is left finishing a long
chunk while the others idle.  At most ``PER_THREAD`` chunks per worker thread are in flight,
so memory does not grow with the number of inputs.

**Failures.**  A worker that dies is retried by Dask on another worker; after
``distributed.scheduler.allowed-failures`` it raises ``KilledWorker``.  The time limit is kept
by the client from submission (``timeout`` × inputs in the chunk); the task is then cancelled.
A chunk that fails either way is split and each of its inputs sent again alone, so the failure
lands on the input that caused it (``Timeout`` / ``KilledWorker`` record) and no other.  Dask
cannot interrupt a task that is already running, so that worker thread finishes it in the
background (run workers with ``--nthreads 1`` and several ``--nworkers`` to bound the damage).
"""
from __future__ import annotations

import os
import queue
import time
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path

from distributed import Client, Future, WorkerPlugin

from policyparse.batch.worker import NOT_HERE, Job, Outcome, failed, parse_chunk, warm_up

PER_THREAD = 2  # chunks in flight per worker thread
CHUNK_DOCS = 32
CHUNK_BYTES = 1 << 20
GUIDE = 4  # a chunk holds at most 1/GUIDE of one thread's share of the inputs left

Chunk = tuple[Job, ...]


class WarmUp(WorkerPlugin):
    """Per-worker set-up: load the models once when the worker joins."""

    name = "policyparse-warm-up"

    def __init__(self, nlp: bool = False) -> None:
        self.nlp = nlp

    def setup(self, worker: object) -> None:
        warm_up(self.nlp)


def run_dask(jobs: Sequence[Job], address: str, timeout: float, nlp: bool = False) -> Iterator[Outcome]:
    """Parse ``jobs`` on the cluster at ``address``; Outcomes in completion order."""
    with Client(address) as client:
        client.register_plugin(WarmUp(nlp))
        threads = max(1, sum(client.nthreads().values()))
        yield from _Stream(client, timeout).run(chunked(jobs, threads), max(2, PER_THREAD * threads))


def chunked(jobs: Sequence[Job], threads: int = 1) -> Iterator[Chunk]:
    """Consecutive inputs in chunks of at most CHUNK_DOCS inputs and CHUNK_BYTES of files,
    and at most ``left / (threads * GUIDE)`` inputs (at least one) of the ``left`` not yet chunked."""
    start = 0
    while start < len(jobs):
        cap = min(CHUNK_DOCS, max(1, (len(jobs) - start) // (threads * GUIDE)))
        chunk, size = [jobs[start]], _size(jobs[start])
        for job in jobs[start + 1:start + cap]:
            size += _size(job)
            if size > CHUNK_BYTES:
                break
            chunk.append(job)
        start += len(chunk)
        yield tuple(chunk)


def _size(job: Job) -> int:
    try:
        return Path(job.path).stat().st_size
    except OSError:
        return 0


class _Stream:
    """Keep ``limit`` chunks in flight; futures report completion through a thread-safe queue."""

    def __init__(self, client: Client, timeout: float) -> None:
        self.client, self.timeout = client, timeout
        self.done: queue.SimpleQueue[Future] = queue.SimpleQueue()
        self.flight: dict[str, tuple[Future, Chunk, float]] = {}
        self.retry: deque[Chunk] = deque()  # chunks to send again: split failures, NOT_HERE inputs
        self.by_path = True  # until a worker cannot read an input where the client does

    def run(self, chunks: Iterator[Chunk], limit: int) -> Iterator[Outcome]:
        while True:
            while len(self.flight) < limit and (chunk := self._next(chunks)) is not None:
                yield from self._submit(chunk)
            if not self.flight:
                return
            yield from self._settle()

    def _next(self, chunks: Iterator[Chunk]) -> Chunk | None:
        return self.retry.popleft() if self.retry else next(chunks, None)

    def _submit(self, chunk: Chunk) -> Iterator[Outcome]:
        """Send the chunk's paths, or its files' bytes once paths failed; an input that vanished
        since planning is recorded."""
        items, sent = [], []
        for job in chunk:
            try:
                source = os.path.abspath(job.path) if self.by_path else Path(job.path).read_bytes()
                items.append((job.rel, source, job.sha256, job.path))
                sent.append(job)
            except OSError as exc:
                yield failed(job.rel, job.sha256, type(exc).__name__, exc.strerror or str(exc), job.path)
        if not sent:
            return
        future = self.client.submit(parse_chunk, items, chunk[0].nlp, chunk[0].limits, pure=False)
        self.flight[future.key] = (future, tuple(sent), time.monotonic() + self.timeout * len(sent))
        future.add_done_callback(self.done.put)

    def _settle(self) -> Iterator[Outcome]:
        """Yield the outcomes of the next finished chunk, or deal with every chunk past its deadline."""
        first_deadline = min(deadline for _, _, deadline in self.flight.values())
        try:
            future = self.done.get(timeout=max(0.0, first_deadline - time.monotonic()))
        except queue.Empty:
            now = time.monotonic()
            for key in [k for k, (_, _, deadline) in self.flight.items() if deadline <= now]:
                future, chunk, _ = self.flight.pop(key)
                future.cancel()
                yield from self._failed(chunk, "Timeout", f"no result after {self.timeout:g} s; task cancelled")
            return
        entry = self.flight.pop(future.key, None)
        if entry is not None:  # None: a cancelled task reporting after its Timeout record
            yield from self._collect(future, entry[1])

    def _collect(self, future: Future, chunk: Chunk) -> Iterator[Outcome]:
        if future.status == "finished":
            outcomes = future.result()
            yield from (outcome for outcome in outcomes if outcome.error != NOT_HERE)
            self._resend([job for job, outcome in zip(chunk, outcomes) if outcome.error == NOT_HERE])
        elif future.status == "cancelled":
            yield from self._failed(chunk, "CancelledError", "task cancelled by the cluster")
        else:
            exc = future.exception()
            yield from self._failed(chunk, type(exc).__name__, str(exc) or future.status)

    def _failed(self, chunk: Chunk, error: str, message: str) -> Iterator[Outcome]:
        """A lone input gets the error record; a chunk's inputs are sent again one by one."""
        if len(chunk) > 1:
            self.retry.extend((job,) for job in chunk)
            return
        job = chunk[0]
        yield failed(job.rel, job.sha256, error, message, job.path)

    def _resend(self, jobs: list[Job]) -> None:
        """Inputs a worker could not read at their path: from now on, ship bytes."""
        if jobs:
            self.by_path = False
            self.retry.append(tuple(jobs))
