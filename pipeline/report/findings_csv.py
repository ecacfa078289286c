"""`check --format csv` (or -o NAME.csv): a row per finding, UTF-8 with a BOM so that Excel opens it.

A file that could not be read is a row with its reason; every cell from a document that
starts with = + - @ is prefixed with ' so that a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from pipeline.models import AuditResult
from pipeline.report.rows import FINDING_HEAD, finding_row
from pipeline.report.summary import Summary

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: Any) -> Any:
    """A cell a spreadsheet shows as text: '=HYPERLINK(…) rather than a live formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


class FindingsCsvWriter:
    def __init__(self, stream: IO[str], settings=None):
        self.stream = stream
        self.writer = csv.writer(stream, lineterminator="\n")

    def start(self) -> None:
        self.stream.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8
        self.writer.writerow([*FINDING_HEAD, "无法审核的原因"])

    def add(self, result: AuditResult) -> None:
        if result.report is None:
            self.writer.writerow([neutral(result.path)] + [None] * (len(FINDING_HEAD) - 1) + [neutral(result.error)])
            return
        for finding in result.findings:
            self.writer.writerow([neutral(v) for v in finding_row(result, finding)] + [None])

    def finish(self, summary: Summary) -> None:
        pass
