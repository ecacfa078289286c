"""`gongkai extract --format csv`: the statutory tables as one row per report and cell, for pandas.

A file that could not be read is one row with its error, so that nothing is lost
from a county's sheet.
"""

from __future__ import annotations

import csv
from typing import IO

from pipeline.models import AuditResult
from pipeline.report.json_format import cell_dict
from pipeline.report.summary import Summary

COLUMNS = ("path", "issuer", "county", "report_year", "table", "variant", "row", "row_label", "column",
           "column_label", "value", "text", "problem", "line", "page", "error")  # fmt: skip


class CsvWriter:
    def __init__(self, stream: IO[str], settings=None):
        self.stream = stream
        self.writer = csv.DictWriter(stream, COLUMNS, lineterminator="\n")

    def start(self) -> None:
        self.writer.writeheader()

    def add(self, result: AuditResult) -> None:
        report = result.report
        if report is None:
            self.writer.writerow({"path": result.path, "error": result.error})
            return
        meta = report.meta
        about = {"path": result.path, "issuer": meta.issuer, "county": meta.county, "report_year": meta.report_year}
        for table in report.statistics:
            for cell in table.cells:
                row = cell_dict(report, cell)
                self.writer.writerow(
                    {**about, "table": table.kind, "variant": table.variant}
                    | {
                        key: row[key]
                        for key in (
                            "row",
                            "row_label",
                            "column",
                            "column_label",
                            "value",
                            "text",
                            "problem",
                            "line",
                            "page",
                        )
                    }  # fmt: skip
                )

    def finish(self, summary: Summary) -> None:
        pass
