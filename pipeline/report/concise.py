"""`--format concise`: one line per finding, `path:line:col: CODE [severity] message`."""

from __future__ import annotations

from typing import IO

from pipeline.models import AuditResult
from pipeline.report.summary import Summary


class ConciseWriter:
    def __init__(self, stream: IO[str], settings=None):
        self.stream = stream

    def start(self) -> None:
        pass

    def add(self, result: AuditResult) -> None:
        if result.error:
            self.stream.write(f"{result.path}: {'skipped' if result.skipped else 'error'}: {result.error}\n")
            return
        for f in result.findings:
            loc = f.location
            page = f" (p.{loc.page})" if loc.page else f" (第{loc.paragraph}段)" if loc.paragraph else ""
            self.stream.write(f"{result.path}:{loc.line}:{loc.column}: {f.rule} [{f.severity}] {f.message}{page}\n")

    def finish(self, summary: Summary) -> None:
        pass
