"""`--split-by issuer DIR`: a workbook and a page per report, named after its issuer and year, to send back as they are."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.models import AuditResult
from pipeline.report import WriterSettings
from pipeline.report.html_page import report_page
from pipeline.report.summary import Summary
from pipeline.report.xlsx_format import XlsxWriter
from pipeline.rulebook import Rulebook


class SplitWriter:
    """One workbook and one HTML page per report (--split-by issuer DIR): what is sent back to each township."""

    def __init__(self, folder: str, rulebook: Rulebook):
        self.folder = Path(folder)
        self.rulebook = rulebook
        self.used: set[str] = set()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"cannot write into {folder}: {exc.strerror or exc}; give --split-by a folder you can write to"
            ) from None

    def add(self, result: AuditResult) -> None:
        meta = result.report.meta if result.report else None
        name = ""
        if meta is not None:
            name = (meta.issuer or "") + (f"{meta.report_year}年度" if meta.report_year else "")
        name = re.sub(r'[\\/:*?"<>|\s]+', "_", name or Path(result.path).stem)
        if name in self.used:
            name = f"{name}-{Path(result.path).stem}"
        self.used.add(name)
        summary = Summary()
        summary.add(result)
        writer = XlsxWriter(str(self.folder / f"{name}.xlsx"), WriterSettings(self.rulebook))
        writer.start()
        writer.add(result)
        writer.finish(summary)
        (self.folder / f"{name}.html").write_text(report_page(result, self.rulebook), encoding="utf-8")
