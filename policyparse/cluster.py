"""The same batch on a dask.distributed cluster (``policyparse batch … --scheduler ADDRESS``).

Needs the ``dask`` extra (``pip install "policyparse[dask]"``) here and on every worker.
The client reads each input and ships its bytes with the task, so the workers need no shared
file system; workers return the JSON text and the client writes it (``batch`` does that as
each result arrives).  At most two tasks per worker thread are in flight, so memory does not
grow with the number of inputs.

Failures: a worker that dies is retried by Dask on another worker; after
``distributed.scheduler.allowed-failures`` it raises ``KilledWorker``, which becomes that
input's error record.  The time limit is kept by the client from submission: an input with no
result after ``timeout`` seconds gets a ``Timeout`` record and its task is cancelled.  Dask
cannot interrupt a task that is already running, so that worker thread finishes it in the
background (run workers with ``--nthreads 1`` and several ``--nworkers`` to bound the damage).
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from distributed import Client, Future, WorkerPlugin, wait

from .worker import Job, Outcome, failed, parse_job, warm_up

PER_THREAD = 2  # tasks in flight per worker thread


class WarmUp(WorkerPlugin):
    """Per-worker set-up: load the models once when the worker joins."""

    name = "policyparse-warm-up"

    def setup(self, worker: object) -> None:
        warm_up()


def run_dask(jobs: Iterable[Job], address: str, timeout: float) -> Iterator[Outcome]:
    """Parse ``jobs`` on the cluster at ``address``; Outcomes in completion order."""
    with Client(address) as client:
        client.register_plugin(WarmUp())
        limit = max(2, PER_THREAD * sum(client.nthreads().values()))
        yield from _stream(client, iter(jobs), limit, timeout)


def _submit(client: Client, job: Job) -> Future:
    data = Path(job.path).read_bytes()
    return client.submit(parse_job, job.rel, data, job.sha256, pure=False)


def _stream(client: Client, queue: Iterator[Job], limit: int, timeout: float) -> Iterator[Outcome]:
    flight: dict[Future, tuple[Job, float]] = {}
    while True:
        while len(flight) < limit and (job := next(queue, None)) is not None:
            flight[_submit(client, job)] = (job, time.monotonic() + timeout)
        if not flight:
            return
        yield from _settle(flight, timeout)


def _settle(flight: dict[Future, tuple[Job, float]], timeout: float) -> Iterator[Outcome]:
    """Wait for the first result or deadline; yield and forget every settled future."""
    first_deadline = min(deadline for _, deadline in flight.values())
    try:
        wait(list(flight), timeout=max(0.01, first_deadline - time.monotonic()), return_when="FIRST_COMPLETED")
    except TimeoutError:
        pass
    now = time.monotonic()
    for future in [f for f in flight if f.done() or flight[f][1] <= now]:
        job, _ = flight.pop(future)
        yield _outcome(future, job, timeout)


def _outcome(future: Future, job: Job, timeout: float) -> Outcome:
    if not future.done():
        future.cancel()
        return failed(job.rel, job.sha256, "Timeout", f"no result after {timeout:g} s; task cancelled")
    if future.status == "cancelled":
        return failed(job.rel, job.sha256, "CancelledError", "task cancelled by the cluster")
    if future.status != "finished":
        exc = future.exception()
        return failed(job.rel, job.sha256, type(exc).__name__, str(exc) or future.status)
    return future.result()
