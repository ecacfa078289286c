"""Checks across years: the same issuer's reports in one run, this year's tables against last year's.

The parent process sees every result in turn; it keeps each issuer's statutory tables
by year and, when a report's neighbour year is already there, runs the rules across
years (kinds in ACROSS_YEARS) on it. Each pair is checked once, by the report read
second, and its findings point at that report's own cells.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.check import ACROSS_YEARS, Checker, with_findings
from pipeline.models import AuditResult, StatTable


class AcrossYears:
    def __init__(self, checker: Checker):
        self.checker = checker
        self.seen: dict[tuple[str, str], dict[int, tuple[StatTable, ...]]] = {}  # issuer -> year -> tables
        # Only the rows the rules across years read are kept: memory stays small over a long batch.
        self.rows = {
            row
            for active in checker.active
            if active.rule.check in ACROSS_YEARS
            for row in (
                getattr(active.params, "this_row", None),
                getattr(active.params, "last_row", None),
                *getattr(active.params, "rows", ()),
            )  # fmt: skip
            if row
        }

    def add(self, result: AuditResult) -> AuditResult:
        """The result with the findings its neighbours in the run give; its tables kept for the next."""
        report = result.report
        if report is None or not report.statistics or report.meta.report_year is None or not report.meta.issuer:
            return result
        year = report.meta.report_year
        key = (report.meta.issuer, report.meta.county_code or report.meta.county or "")
        years = self.seen.setdefault(key, {})
        neighbours = {y: years[y] for y in (year - 1, year + 1) if y in years}
        if self.rows:
            years.setdefault(year, tuple(_keep(t, self.rows) for t in report.statistics))
        if not neighbours:
            return result
        return with_findings(result, self.checker.check(report, neighbours))


def _keep(table: StatTable, rows: set[str]) -> StatTable:
    return replace(table, cells=tuple(c for c in table.cells if c.row in rows))
