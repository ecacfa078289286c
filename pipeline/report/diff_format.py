"""`--diff`: the fixes the findings carry, as a unified diff per file (nothing is written)."""

from __future__ import annotations

from typing import IO

from pipeline.fixes import planned, unified_diff
from pipeline.models import AuditResult
from pipeline.report.summary import Summary


class DiffWriter:
    def __init__(self, stream: IO[str], settings):
        self.stream = stream
        self.unsafe = settings.unsafe_fixes
        self.changed = 0  # files with at least one fix

    def start(self) -> None:
        pass

    def add(self, result: AuditResult) -> None:
        edits = planned(result, self.unsafe)
        if edits and result.source is not None:
            self.stream.write(unified_diff(result.path, result.source.text, edits))
            self.changed += 1

    def finish(self, summary: Summary) -> None:
        pass
