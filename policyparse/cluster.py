"""The same batch on a dask.distributed cluster (``policyparse batch … --scheduler ADDRESS``).

Needs the ``dask`` extra (``pip install "policyparse[dask]"``) here and on every worker.
The client reads each input and ships its bytes with the task, so the workers need no shared
file system; workers return the JSON text and the client writes it (``batch`` does that as
each result arrives).

Dask costs several milliseconds of client and scheduler time per task, as much as parsing a
short PDF, so inputs travel in chunks (up to ``CHUNK_DOCS`` inputs or ``CHUNK_BYTES``); at most
``PER_THREAD`` chunks per worker thread are in flight, so memory does not grow with the number
of inputs.

Failures: a worker that dies is retried by Dask on another worker; after
``distributed.scheduler.allowed-failures`` it raises ``KilledWorker``.  The time limit is kept
by the client from submission (``timeout`` × inputs in the chunk); the task is then cancelled.
A chunk that fails either way is split and each of its inputs sent again alone, so the failure
lands on the input that caused it (``Timeout`` / ``KilledWorker`` record) and no other.  Dask
cannot interrupt a task that is already running, so that worker thread finishes it in the
background (run workers with ``--nthreads 1`` and several ``--nworkers`` to bound the damage).
"""
from __future__ import annotations

import queue
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from distributed import Client, Future, WorkerPlugin

from .worker import Job, Outcome, failed, parse_chunk, warm_up

PER_THREAD = 2  # chunks in flight per worker thread
CHUNK_DOCS = 8
CHUNK_BYTES = 4 << 20

Chunk = tuple[Job, ...]


class WarmUp(WorkerPlugin):
    """Per-worker set-up: load the models once when the worker joins."""

    name = "policyparse-warm-up"

    def __init__(self, nlp: bool = False) -> None:
        self.nlp = nlp

    def setup(self, worker: object) -> None:
        warm_up(self.nlp)


def run_dask(jobs: Iterable[Job], address: str, timeout: float, nlp: bool = False) -> Iterator[Outcome]:
    """Parse ``jobs`` on the cluster at ``address``; Outcomes in completion order."""
    with Client(address) as client:
        client.register_plugin(WarmUp(nlp))
        limit = max(2, PER_THREAD * sum(client.nthreads().values()))
        yield from _Stream(client, timeout).run(chunked(jobs), limit)


def chunked(jobs: Iterable[Job]) -> Iterator[Chunk]:
    """Consecutive inputs grouped up to CHUNK_DOCS inputs or CHUNK_BYTES of files."""
    chunk: list[Job] = []
    size = 0
    for job in jobs:
        job_size = _size(job)
        if chunk and (len(chunk) >= CHUNK_DOCS or size + job_size > CHUNK_BYTES):
            yield tuple(chunk)
            chunk, size = [], 0
        chunk.append(job)
        size += job_size
    if chunk:
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
        self.retry: deque[Chunk] = deque()  # inputs of a failed chunk, sent again one by one

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
        """Ship the files' bytes with the task; an input that vanished since planning is recorded."""
        items, sent = [], []
        for job in chunk:
            try:
                items.append((job.rel, Path(job.path).read_bytes(), job.sha256))
                sent.append(job)
            except OSError as exc:
                yield failed(job.rel, job.sha256, type(exc).__name__, exc.strerror or str(exc))
        if not sent:
            return
        future = self.client.submit(parse_chunk, items, chunk[0].nlp, pure=False)
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
            yield from future.result()
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
        yield failed(job.rel, job.sha256, error, message)
