"""Run tasks in worker processes the parent can kill: a deadline and a memory limit per task.

A limit is enforced from outside the worker (the parent watches the clock and the
worker's resident memory, and kills it), so no library code can swallow it; a
worker that dies (killed, out of memory, a crash in C code) costs exactly its
task. Results come back in submission order through a bounded window, so the
parent holds at most a few results at a time however long the batch.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

from pipeline.i18n import _

POLL = 0.1  # seconds between looks at the workers' clocks and memory
RECYCLE_SHARE = 0.5  # a worker still holding this share of the memory limit after a task is replaced


@dataclass(frozen=True)
class Limits:
    seconds: float = 0.0  # wall clock per task; 0: none
    memory_mb: float = 0.0  # resident memory per worker; 0: none


@dataclass(frozen=True)
class Failure:
    """Why a task has no result: which limit it passed, or how its worker ended."""

    kind: str  # timeout | memory | died | error
    detail: str


def resident_mb(pid: int) -> float | None:
    """The process's resident memory in MB (Linux /proc), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576


def _serve(connection, work: Callable[[Any], Any], initializer: Callable[[], None] | None) -> None:
    """A worker's life: take a task, send back its result, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    faulthandler.disable()  # a crash is reported as the task's error row, not as a stack dump
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind
    except (ImportError, ValueError, OSError):
        pass
    if initializer is not None:
        initializer()
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, task = message
        try:
            reply = (index, True, work(task))
        except Exception as exc:  # noqa: BLE001 - reported to the parent as this task's failure
            where = traceback.extract_tb(exc.__traceback__)[-1]
            reply = (index, False, f"{type(exc).__name__}: {exc} at {os.path.basename(where.filename)}:{where.lineno}")
        try:
            connection.send(reply)
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
            connection.send((index, False, f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, context, work, initializer):
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end, work, initializer), daemon=True)
        self.process.start()
        child_end.close()
        self.index: int | None = None  # the task it is on
        self.deadline = 0.0
        self.measured = 0.0  # when its memory was last read

    def give(self, index: int, task: Any, seconds: float) -> None:
        self.index = index
        self.deadline = time.monotonic() + seconds if seconds > 0 else float("inf")
        try:
            self.connection.send((index, task))
        except OSError:
            pass  # the worker died while idle: collecting finds it dead and reports the task

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(2)
        self.kill()


def _context():
    """Fork where there is fork (a worker starts at once with the parent's loaded tables)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def supervise(
    tasks: Sequence[Any],
    work: Callable[[Any], Any],
    failed: Callable[[Any, Failure], Any],
    jobs: int,
    limits: Limits,
    initializer: Callable[[], None] | None = None,
) -> Iterator[Any]:
    """`work(task)` for every task in worker processes, yielded in order; `failed(task, why)` for the lost."""
    if not tasks:
        return
    context = _context()
    jobs = max(1, min(jobs, len(tasks)))
    window = 2 * jobs  # tasks handed out beyond the next one to yield
    workers: list[_Worker] = []
    done: dict[int, Any] = {}
    handed = 0  # tasks handed out so far
    yielded = 0
    try:
        while yielded < len(tasks):
            # Hand out work first: the workers keep busy while the caller handles a result.
            workers = [w for w in workers if w.process.is_alive() or w.index is not None]
            while handed < len(tasks) and handed < yielded + window:
                idle = next((w for w in workers if w.index is None), None)
                if idle is None and len(workers) < jobs:
                    idle = _Worker(context, work, initializer)
                    workers.append(idle)
                if idle is None:
                    break
                idle.give(handed, tasks[handed], limits.seconds)
                handed += 1
            if yielded in done:
                yield _opened(done.pop(yielded), tasks[yielded], failed)
                yielded += 1
                continue
            busy = [w for w in workers if w.index is not None]
            if not busy:
                continue
            nearest = min(w.deadline for w in busy) - time.monotonic()
            timeout = max(0.0, min(nearest, POLL if limits.memory_mb > 0 else nearest))
            wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=min(timeout, 3600))
            for worker in busy:
                result = _collect(worker, limits, tasks, failed)
                if result is not _BUSY:
                    done[worker.index] = result
                    worker.index = None
                    if worker.connection.closed or _swollen(worker, limits):
                        worker.kill()  # a new worker takes the next task: the last one's memory is not its
                        workers.remove(worker)
    finally:
        for worker in workers:
            worker.stop() if worker.index is None else worker.kill()


_BUSY = object()


@dataclass(frozen=True)
class _Raw:
    """A worker's reply as it came over the pipe."""

    data: bytes


def _opened(result: Any, task: Any, failed) -> Any:
    if not isinstance(result, _Raw):
        return result  # a failure the parent decided (deadline, memory, death)
    _, ok, value = pickle.loads(result.data)
    return value if ok else failed(task, Failure("error", value))


def _collect(worker: _Worker, limits: Limits, tasks: Sequence[Any], failed) -> Any:
    """The worker's answer if it has one; a failure if it died or passed a limit; else _BUSY."""
    task = tasks[worker.index]
    try:
        if worker.connection.poll():
            return _Raw(worker.connection.recv_bytes())  # unpickled when yielded, after the next task is out
    except (EOFError, OSError):
        pass  # the worker is gone; its exit code says how
    if not worker.process.is_alive():
        worker.process.join()
        worker.kill()
        return failed(task, Failure("died", _how_it_ended(worker.process.exitcode)))
    if time.monotonic() >= worker.deadline:
        worker.kill()
        return failed(task, Failure("timeout", f"{limits.seconds:g}"))
    if limits.memory_mb > 0 and time.monotonic() - worker.measured >= POLL:  # not at every other worker's reply
        worker.measured = time.monotonic()
        used = resident_mb(worker.process.pid)
        if used is not None and used > limits.memory_mb:
            worker.kill()
            return failed(task, Failure("memory", f"{used:.0f}"))
    return _BUSY


def _swollen(worker: _Worker, limits: Limits) -> bool:
    """Whether an idle worker kept so much of its last task's memory that the next task would start near the limit."""
    if limits.memory_mb <= 0:
        return False
    used = resident_mb(worker.process.pid)
    return used is not None and used > RECYCLE_SHARE * limits.memory_mb


def _how_it_ended(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return _("exit code {code}").format(code=code)
