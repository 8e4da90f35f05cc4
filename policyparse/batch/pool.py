"""The local worker pool: N processes, one input each at a time, results streamed back.

Not ``concurrent.futures.ProcessPoolExecutor``: when one of its workers dies, every pending
future fails with ``BrokenProcessPool`` and nothing says which input killed it, and it cannot
stop one stuck task.  Here each worker has its own pipe, so the pool always knows which input a
worker holds and since when:

* a worker that dies (segfault, ``os._exit``, OOM kill) costs its input only: that input gets a
  ``WorkerCrashed`` record and a fresh worker takes its place;
* an input still running after ``timeout`` seconds gets a ``Timeout`` record, its worker is
  killed and replaced.

Each worker runs ``worker.warm_up`` once before it asks for work (models loaded once per
process), and the clock of an input starts when its worker receives it.  At most N inputs are
in flight, so memory does not grow with the number of inputs.
"""
from __future__ import annotations

import math
import multiprocessing
import signal
import time
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait

from policyparse.batch.worker import Job, Outcome, failed, run_job, warm_up
from policyparse.errors import BatchError

READY = "ready"
STOP_GRACE = 2.0  # seconds a worker gets to exit after the stop message before it is killed


def _serve(conn: Connection, nlp: bool) -> None:
    """Body of a worker process: set up once, then parse jobs until told to stop.  Ctrl-C is the
    parent's to handle (it stops the workers and writes the summary): a worker ignores SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(nlp)
    conn.send(READY)
    while True:
        job = conn.recv()
        if job is None:
            return
        conn.send(run_job(job))


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` where the platform has it (cheap start, the parent's imports shared), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class _Worker:
    """One worker process, its pipe, and the job it holds (if any)."""

    def __init__(self, ctx: multiprocessing.context.BaseContext, nlp: bool) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, nlp), daemon=True, name="policyparse-worker")
        self.process.start()
        child.close()
        self.ready = False
        self.job: Job | None = None
        self.deadline = math.inf

    def give(self, job: Job, timeout: float) -> None:
        self.conn.send(job)
        self.job = job
        self.deadline = time.monotonic() + timeout

    def take(self) -> object:
        """The next message (``READY`` or an Outcome); ``EOFError`` if the worker died."""
        message = self.conn.recv()
        self.job, self.deadline = None, math.inf
        return message

    def stop(self, kill: bool = False) -> None:
        if not kill and self.process.is_alive():
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
            self.process.join(STOP_GRACE)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class Pool:
    """Run jobs on ``size`` worker processes, yielding one Outcome per job as each completes."""

    def __init__(self, size: int, timeout: float, nlp: bool = False) -> None:
        self.size, self.timeout, self.nlp = max(1, size), timeout, nlp
        self.ctx = _context()
        self.workers: list[_Worker] = []

    def __enter__(self) -> Pool:
        self.workers = [_Worker(self.ctx, self.nlp) for _ in range(self.size)]
        return self

    def __exit__(self, exc_type, *exc: object) -> None:
        for worker in self.workers:  # interrupted or failed: no grace for inputs still running
            worker.stop(kill=exc_type is not None)

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        queue = iter(jobs)
        more = True
        while True:
            more = more and self._assign(queue)
            if not more and not any(w.job for w in self.workers):
                return
            done = list(self._collect())
            more = more and self._assign(queue)  # refill idle workers before the caller writes results
            yield from done

    def _assign(self, queue: Iterator[Job]) -> bool:
        """Give a job to every idle ready worker; False once the queue is exhausted."""
        for worker in self.workers:
            if worker.ready and worker.job is None:
                job = next(queue, None)
                if job is None:
                    return False
                worker.give(job, self.timeout)
        return True

    def _collect(self) -> Iterator[Outcome]:
        """Wait for a message, a death or a deadline, and turn each into an Outcome."""
        deadline = min(w.deadline for w in self.workers)
        wait_for = None if deadline == math.inf else max(0.0, deadline - time.monotonic())
        handles = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        wait(handles, timeout=wait_for)
        for index, worker in enumerate(self.workers):
            outcome = self._check(index, worker)
            if outcome is not None:
                yield outcome

    def _check(self, index: int, worker: _Worker) -> Outcome | None:
        job = worker.job
        if worker.conn.poll():
            try:
                message = worker.take()
            except EOFError:
                return self._replace(index, job, "WorkerCrashed", self._died(worker))
            if message == READY:
                worker.ready = True
                return None
            return message  # type: ignore[return-value]
        if not worker.process.is_alive():
            return self._replace(index, job, "WorkerCrashed", self._died(worker))
        if job is not None and time.monotonic() >= worker.deadline:
            return self._replace(index, job, "Timeout", f"no result after {self.timeout:g} s; worker stopped")
        return None

    def _died(self, worker: _Worker) -> str:
        worker.process.join()
        return f"worker process died (exit code {worker.process.exitcode})"

    def _replace(self, index: int, job: Job | None, error: str, message: str) -> Outcome | None:
        """Stop a dead or stuck worker, start a fresh one, and charge its job (if any) alone."""
        old = self.workers[index]
        old.stop(kill=True)
        if job is None and not old.ready:
            raise BatchError(f"a batch worker failed while setting up (its traceback is above): {message}")
        self.workers[index] = _Worker(self.ctx, self.nlp)
        return None if job is None else failed(job.rel, job.sha256, error, message, job.path)


def run_pool(jobs: Iterable[Job], size: int, timeout: float, nlp: bool = False) -> Iterator[Outcome]:
    """Parse ``jobs`` on a local pool of ``size`` processes; Outcomes in completion order."""
    with Pool(size, timeout, nlp) as pool:
        yield from pool.run(jobs)
