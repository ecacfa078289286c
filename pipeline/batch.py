"""Run the audit over many files: expand folders, use every core, keep input order.

One file's failure becomes that file's error row; the rest of the batch goes on:
a file that passes the time or memory limit, or whose worker dies, costs only
itself (pipeline/workers.py).
"""

from __future__ import annotations

import functools
import gc
import os
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.audit import Auditor
from pipeline.i18n import _
from pipeline.ingest import CONVERT_SUFFIXES, REPORT_SUFFIXES, IngestLimits
from pipeline.models import AuditResult, Tokens
from pipeline.rulebook import load_rulebook
from pipeline.workers import Failure, Limits, supervise


@dataclass(frozen=True)
class AuditOptions:
    """What a worker process needs to build its own Auditor."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules_dir: str | None = None
    check: bool = True
    limits: IngestLimits = field(default_factory=IngestLimits)
    timeout: float = 300.0  # seconds per file; 0 for none
    max_memory_mb: float = 2000.0  # resident memory per worker; 0 for none
    severities: tuple[tuple[str, str], ...] = ()  # a county's severities, by rule code (gongkai.toml)
    deadlines: tuple[tuple[str, tuple[int, int]], ...] = ()  # a county's deadlines, by regime id

    def auditor(self) -> Auditor:
        rulebook = load_rulebook(Path(self.rules_dir) if self.rules_dir else None)
        return Auditor(
            rulebook=rulebook.with_settings(dict(self.severities), dict(self.deadlines)),
            select=self.select,
            ignore=self.ignore,
            limits=self.limits,
        )


@dataclass(frozen=True)
class Expanded:
    files: tuple[str, ...]
    problems: tuple[str, ...]  # arguments that name nothing to audit, with the reason
    skipped: tuple[tuple[str, str], ...] = ()  # files found in folders but not audited, with the reason


NOT_REPORT_NAMES = ("readme", "license", "licence", "changelog", "说明")


def expand_paths(arguments: Iterable[str]) -> Expanded:
    """The files to audit; in folders also every other file, listed with why it is skipped."""
    files: list[str] = []
    problems: list[str] = []
    skipped: list[tuple[str, str]] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = 0
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                reason = _skip_reason(child.relative_to(path))
                if reason:
                    skipped.append((str(child), reason))
                else:
                    files.append(str(child))
                    found += 1
            if not found:
                kinds = ", ".join(sorted(REPORT_SUFFIXES))
                problems.append(
                    _("{path}: no report files ({kinds}) in this directory").format(path=argument, kinds=kinds)
                )
        elif path.exists():
            files.append(str(path))
        else:
            problems.append(_("{path}: no such file or directory").format(path=argument))
    return Expanded(tuple(files), tuple(problems), tuple(skipped))


def _skip_reason(relative: Path) -> str | None:
    """Why a file found in a folder is not audited, or None (.doc and .wps are audited: they say how to convert)."""
    if any(part.startswith(".") for part in relative.parts):
        return "已跳过：隐藏文件或隐藏文件夹中的文件"
    suffix = relative.suffix.lower()
    if suffix not in REPORT_SUFFIXES and suffix not in CONVERT_SUFFIXES:
        kinds = "、".join(sorted(REPORT_SUFFIXES))
        return f"已跳过：{suffix or '无扩展名'} 不是可审核的格式；报告请提供 {kinds} 文件"
    if relative.stem.lower().startswith(NOT_REPORT_NAMES):
        return "已跳过：说明类文件（README 等）；如确是年度报告，请改名后再审核"
    return None


INTERNAL_ERROR = "internal error"  # how an unexpected failure's message begins (exit code 2), translated


def internal_error(detail: str) -> str:
    return _("{internal} ({detail}); please report it with this file").format(internal=_(INTERNAL_ERROR), detail=detail)


def audit_one(auditor: Auditor, path: str, check: bool = True) -> AuditResult:
    """Never raises: a file that fails is this file's error row."""
    try:
        return compact(auditor.audit_path(path, check), check)
    except Exception as exc:  # noqa: BLE001 - the batch must go on
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return AuditResult(
            path=path,
            error=internal_error(f"{type(exc).__name__}: {exc} at {Path(where.filename).name}:{where.lineno}"),
        )


def compact(result: AuditResult, check: bool = True) -> AuditResult:
    """What the writers need: not the tokens, nor the ingested tables (the report's are kept); for a check,
    not the paragraphs and figures either (only `extract` writes them). Less to pickle, less to unpickle."""
    report, source = result.report, result.source
    if report is None or source is None:
        return result
    slim = replace(source, tables=())
    text = replace(report.text, source=slim)
    report = replace(report, text=text, tokens=Tokens((), ()))
    if check:
        report = replace(report, paragraphs=(), figures=())
    return replace(result, source=slim, report=report)


def limit_error(path: str, failure: Failure, options: AuditOptions) -> AuditResult:
    """The error row for a file whose worker passed a limit or died: which, and what to do."""
    if failure.kind == "timeout":
        message = (
            f"超过每个文件 {options.timeout:g} 秒的时限，已停止审核（文件异常大或结构复杂）；"
            "确需审核请用 --timeout 调大时限（0 为不限）"
        )
    elif failure.kind == "memory":
        message = (
            f"审核用内存超过每个文件 {options.max_memory_mb:g} MB 的上限（已到 {failure.detail} MB），已停止；"
            "确需审核请用 --max-memory 调大上限（0 为不限）"
        )
    elif failure.kind == "died":
        message = (
            f"审核进程意外终止（{failure.detail}），可能是系统内存不足或读取库崩溃，其余文件照常审核；"
            "请用 -j 1 单独重试这个文件，仍失败请连同文件报告"
        )
    else:
        message = internal_error(failure.detail)
    return AuditResult(path=path, error=message)


_WORKER: tuple[Auditor, AuditOptions] | None = None  # the worker's auditor: inherited (fork) or built


def _init_worker(options: AuditOptions) -> None:
    global _WORKER
    if _WORKER is None or _WORKER[1] != options:
        _WORKER = (options.auditor(), options)


def _work(path: str) -> AuditResult:
    assert _WORKER is not None
    auditor, options = _WORKER
    result = audit_one(auditor, path, options.check)
    if result.report is not None and options.check:  # the copy index's hashing, done here and not in the parent
        result = replace(result, copy_keys=_copies(auditor).keys(result.report))
    return result


@functools.lru_cache(maxsize=2)
def _copies(auditor: Auditor):
    from pipeline.check.copies import CopyIndex

    return CopyIndex(auditor.checker, auditor.gazetteer)


def run(
    files: tuple[str, ...], options: AuditOptions, jobs: int, auditor: Auditor | None = None
) -> Iterator[AuditResult]:
    """Audit `files` in order, each in a worker process that a limit or a crash costs only that file."""
    global _WORKER
    jobs = jobs or os.cpu_count() or 1
    auditor = auditor or options.auditor()
    auditor.warm()  # loaded once here, inherited by forked workers
    gc.freeze()  # a worker's collections then leave the inherited tables' pages shared
    _WORKER = (auditor, options)
    limits = Limits(seconds=options.timeout, memory_mb=options.max_memory_mb)
    try:
        yield from supervise(
            files,
            _work,
            lambda path, failure: limit_error(path, failure, options),
            jobs,
            limits,
            initializer=functools.partial(_init_worker, options),
        )
    finally:
        _WORKER = None  # not kept to the interpreter's exit, where freeing it costs a full collection
        gc.unfreeze()
