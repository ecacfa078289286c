"""Outputs with a file per report (the HTML pages, the Word copies): one report's file is the output
itself; for several, NAME.ext is an index and the reports' files are in NAME_files/, written as the
batch goes (a county's batch is never held in memory) and named in input order after their issuer."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.i18n import _
from pipeline.models import AuditResult


def file_name(number: int, result: AuditResult, suffix: str) -> str:
    """0003-昆阳镇人民政府2022年度.html: the number in the batch, the issuer and year (or the file's stem)."""
    meta = result.report.meta if result.report else None
    stem = (meta.issuer or "") + (f"{meta.report_year}年度" if meta.report_year else "") if meta else ""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", stem or Path(result.path).stem)[:60]
    return f"{number:04d}-{stem}{suffix}"


class PerReportFiles:
    def __init__(self, target: str, suffix: str):
        self.target = Path(target)
        self.suffix = suffix
        self.folder = self.target.with_name(self.target.stem + "_files")
        self.written: list[Path] = []

    def start(self) -> None:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            if self.folder.exists():
                shutil.rmtree(self.folder)  # last run's files: not mixed with this run's
            self.folder.mkdir()
        except OSError as exc:
            raise UsageError(
                _("cannot write {output}: {reason}; give a path in a folder you can write to").format(
                    output=self.folder, reason=exc.strerror or exc
                )
            ) from None

    def next_path(self, result: AuditResult) -> Path:
        """Where the next report's file goes (counted as written)."""
        path = self.folder / file_name(len(self.written) + 1, result, self.suffix)
        self.written.append(path)
        return path

    def only_one(self) -> bool:
        """With a single report written, make its file the output; True when so (no index is needed)."""
        if len(self.written) != 1 or not self.written[0].exists():
            return False
        self.written[0].replace(self.target)
        shutil.rmtree(self.folder, ignore_errors=True)
        return True
