"""Run the audit over many files: expand folders, use every core, keep input order.

One file's failure becomes that file's error row; the rest of the batch goes on.
"""

from __future__ import annotations

import os
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.audit import Auditor
from pipeline.ingest import REPORT_SUFFIXES, IngestLimits
from pipeline.models import AuditResult


@dataclass(frozen=True)
class AuditOptions:
    """What a worker process needs to build its own Auditor."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules_dir: str | None = None
    check: bool = True
    limits: IngestLimits = field(default_factory=IngestLimits)
    timeout: float = 300.0  # seconds per file; 0 for none

    def auditor(self) -> Auditor:
        return Auditor(
            select=self.select,
            ignore=self.ignore,
            rules_dir=Path(self.rules_dir) if self.rules_dir else None,
            limits=self.limits,
        )


@dataclass(frozen=True)
class Expanded:
    files: tuple[str, ...]
    problems: tuple[str, ...]  # arguments that name nothing to audit, with the reason


def expand_paths(arguments: Iterable[str]) -> Expanded:
    files: list[str] = []
    problems: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
            if found:
                files += found
            else:
                kinds = ", ".join(sorted(REPORT_SUFFIXES))
                problems.append(f"{argument}: no report files ({kinds}) in this directory")
        elif path.exists():
            files.append(str(path))
        else:
            problems.append(f"{argument}: no such file or directory")
    return Expanded(tuple(files), tuple(problems))


INTERNAL_ERROR = "internal error"  # how an unexpected failure's message begins (exit code 2)


class _TimeUp(Exception):
    pass


@contextmanager
def _time_limit(seconds: float):
    """Interrupt the work after `seconds` (POSIX, main thread); no limit elsewhere."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def alarm(signum, frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def audit_one(auditor: Auditor, path: str, check: bool = True, timeout: float = 0) -> AuditResult:
    """Never raises: a file that fails, or takes too long, is this file's error row."""
    try:
        with _time_limit(timeout):
            return auditor.audit_path(path, check)
    except _TimeUp:
        return AuditResult(
            path=path, error=f"gave up after {timeout:g} s (--timeout); the file is unusually large or complex"
        )
    except Exception as exc:  # noqa: BLE001 - the batch must go on
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return AuditResult(
            path=path,
            error=f"{INTERNAL_ERROR} ({type(exc).__name__}: {exc} at {Path(where.filename).name}:{where.lineno}); "
            "please report it with this file",
        )


_WORKER: tuple[Auditor, AuditOptions] | None = None  # one per worker process, set by _init_worker


def _init_worker(options: AuditOptions) -> None:
    global _WORKER
    _WORKER = (options.auditor(), options)


def _work(path: str) -> AuditResult:
    assert _WORKER is not None
    auditor, options = _WORKER
    return audit_one(auditor, path, options.check, options.timeout)


def run(
    files: tuple[str, ...], options: AuditOptions, jobs: int, auditor: Auditor | None = None
) -> Iterator[AuditResult]:
    """Audit `files` in order; with several cores and files, in worker processes."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) <= 2:
        auditor = auditor or options.auditor()
        for path in files:
            yield audit_one(auditor, path, options.check, options.timeout)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), initializer=_init_worker, initargs=(options,)) as pool:
        yield from pool.map(_work, files, chunksize=4)
