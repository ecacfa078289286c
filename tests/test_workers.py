"""Limits held from outside the worker: a task that hangs, eats memory, crashes or raises costs only itself."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline.workers import Failure, Limits, resident_mb, supervise
from tests.conftest import ROOT, SEED
from tests.processes import children

ALLOCATE_MB = 800
_KEPT: list[bytes] = []


def _behave(task):
    """What each test task does in its worker."""
    kind, value = task
    if kind == "sleep":
        time.sleep(value)
    elif kind == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    elif kind == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif kind == "raise":
        raise ValueError("broken on purpose")
    elif kind == "swallow":  # a library that catches every exception cannot escape the deadline
        while True:
            try:
                time.sleep(value)
            except BaseException:  # noqa: BLE001, S110
                pass
    elif kind == "keep":  # memory a task leaves behind in its worker
        _KEPT.append(b"x" * (value << 20))
        return value
    elif kind == "resident":
        return resident_mb(os.getpid())
    elif kind == "eat":
        hog = b"x" * (ALLOCATE_MB << 20)  # written, so resident
        time.sleep(5)
        return len(hog)
    return value * 2


def _failed(task, failure: Failure):
    return ("failed", task, failure.kind, failure.detail)


def _run(tasks, jobs=2, seconds=0.0, memory_mb=0.0):
    return list(supervise(tasks, _behave, _failed, jobs, Limits(seconds=seconds, memory_mb=memory_mb)))


def test_results_come_back_in_submission_order():
    tasks = [("sleep", (7 - i % 7) / 100) for i in range(20)]
    assert _run(tasks, jobs=2) == [value * 2 for _, value in tasks]


def test_a_task_past_its_deadline_is_killed_and_the_rest_go_on():
    started = time.monotonic()
    results = _run([("ok", 1), ("swallow", 0.05), ("ok", 2), ("ok", 3)], jobs=1, seconds=1.0)
    assert results[0] == 2 and results[2:] == [4, 6]
    assert results[1][0] == "failed" and results[1][2] == "timeout"
    assert time.monotonic() - started < 10


@pytest.mark.skipif(resident_mb(os.getpid()) is None, reason="memory is watched through /proc (Linux)")
def test_a_task_past_the_memory_limit_is_killed():
    limit = resident_mb(os.getpid()) + ALLOCATE_MB / 2
    results = _run([("eat", 0), ("ok", 5)], jobs=1, memory_mb=limit)
    assert results[0][:3] == ("failed", ("eat", 0), "memory") and float(results[0][3]) > limit
    assert results[1] == 10


@pytest.mark.skipif(resident_mb(os.getpid()) is None, reason="memory is watched through /proc (Linux)")
def test_a_worker_that_kept_its_last_tasks_memory_is_replaced_not_charged_to_the_next():
    base = resident_mb(os.getpid())
    limit = (base + 400) / 0.8  # the 400 MB kept is over half the limit, the whole task under it
    results = _run([("keep", 400), ("resident", 0)], jobs=1, memory_mb=limit)
    assert results[0] == 400  # the task that grew finished: it stayed under the limit
    assert results[1] < base + 200  # the next ran in a fresh worker


@pytest.mark.parametrize(("kind", "signal_name"), [("die", "SIGKILL"), ("segfault", "SIGSEGV")])
def test_a_dead_worker_costs_exactly_its_task(kind, signal_name):
    tasks = [("ok", 1), ("ok", 2), (kind, 0), ("ok", 3), ("ok", 4), ("ok", 5)]
    results = _run(tasks, jobs=2)
    assert results[2] == ("failed", (kind, 0), "died", signal_name)
    assert [r for i, r in enumerate(results) if i != 2] == [2, 4, 6, 8, 10]


def test_an_exception_in_the_work_is_that_tasks_failure():
    results = _run([("raise", 0), ("ok", 1)], jobs=1)
    assert results[0][2] == "error" and "ValueError: broken on purpose" in results[0][3]
    assert results[1] == 2


def test_no_more_than_a_window_of_tasks_is_handed_out_ahead(tmp_path):
    """The parent holds a bounded number of results however long the batch."""
    handed = []
    tasks = [("ok", i) for i in range(30)]

    class Counting(list):
        def __getitem__(self, index):
            handed.append(index)
            return super().__getitem__(index)

    consumed = 0
    for _ in supervise(Counting(tasks), _behave, _failed, 2, Limits()):
        consumed += 1
        assert max(handed) < consumed + 2 * 2 + 1
    assert consumed == 30


def test_the_cli_turns_a_deadline_into_an_error_row_that_says_what_to_do(tmp_path):
    copies = [tmp_path / f"r{i}.txt" for i in range(3)]
    for copy in copies:
        copy.write_bytes(SEED.read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "check", str(tmp_path), "-f", "json", "--timeout", "0.001"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    reports = json.loads(done.stdout)["reports"]
    assert len(reports) == 3
    for report in reports:
        assert "0.001 秒的时限" in report["error"] and "--timeout" in report["error"]
    assert "Traceback" not in done.stderr


def test_a_worker_killed_mid_batch_costs_one_file_at_most(tmp_path):
    for i in range(150):
        (tmp_path / f"r{i:03}.txt").write_bytes(SEED.read_bytes())
    command = [sys.executable, "-m", "pipeline", "check", str(tmp_path), "-f", "json", "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and time.monotonic() < deadline and process.poll() is None:
        workers = children(process.pid)
        if len(workers) == 2:
            time.sleep(0.3)  # into the batch
            os.kill(workers[0], signal.SIGKILL)
            killed = workers[0]
        time.sleep(0.01)
    out, err = process.communicate(timeout=120)
    assert killed is not None, "the batch ended before a worker could be killed"
    reports = json.loads(out)["reports"]
    assert len(reports) == 150
    errors = [r["error"] for r in reports if r["error"]]
    assert len(errors) <= 1 and all("审核进程意外终止（SIGKILL）" in e for e in errors)
    assert all(r["meta"]["issuer"] == "龙尾乡人民政府" for r in reports if not r["error"])
    assert process.returncode == 1 and "Traceback" not in err


def test_a_bug_in_the_audit_is_an_internal_error_row_and_exit_2(tmp_path, monkeypatch, capsys):
    from pipeline.audit import Auditor
    from pipeline.cli import main

    def broken(self, source, check=True):
        raise KeyError("a bug")

    monkeypatch.setattr(Auditor, "audit_source", broken)  # forked workers inherit the patch
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(tmp_path), "-f", "json", "-j", "2"])
    captured = capsys.readouterr()
    reports = json.loads(captured.out)["reports"]
    assert exit_info.value.code == 2
    assert [r["error"].split("（")[0] for r in reports] == ["内部错误", "内部错误"]
    assert "KeyError: 'a bug'" in reports[0]["error"] and "请连同这个文件报告问题" in reports[0]["error"]
    assert "Traceback" not in captured.err


def test_without_fork_each_worker_builds_its_own_auditor(tmp_path, monkeypatch):
    """macOS and Windows start workers by spawning: nothing is inherited, the options are enough."""
    import multiprocessing

    from pipeline import workers
    from pipeline.batch import AuditOptions, run

    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    files = tuple(str(tmp_path / name) for name in ("a.txt", "b.txt", "c.txt"))
    results = list(run(files, AuditOptions(), jobs=2))
    assert [r.path for r in results] == list(files)
    assert all(r.error is None and r.report.meta.issuer == "龙尾乡人民政府" for r in results)
    assert all(r.report.tokens.words == () for r in results)  # the compact result: no tokens sent back
