"""`--format json`: the stable machine interface (DESIGN.md, schema_version 1).

Written as a stream: one report object at a time, so a large batch does not
have to be held in memory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from pipeline import __version__
from pipeline.check.context import sentence_span
from pipeline.models import AuditResult, Cell, Finding, Report, StatTable
from pipeline.report.summary import Summary

SCHEMA_VERSION = 1


def finding_context(report: Report, finding: Finding) -> str | None:
    """The sentence around the match, as a reviewer's sheet quotes it; None for a finding about the whole report."""
    if finding.end <= finding.start and not finding.match:
        return None
    text = report.text.text
    return text[slice(*sentence_span(text, finding.start))].strip() or None


def finding_dict(finding: Finding, report: Report | None = None) -> dict[str, Any]:
    loc = finding.location
    citation = finding.citation
    fix = finding.fix
    return {
        "rule": finding.rule,
        "name": finding.name,
        "family": finding.family,
        "severity": finding.severity,
        "message": finding.message,
        "match": finding.match,
        "start": finding.start,
        "end": finding.end,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "page": loc.page,
        "section": finding.section,
        "citation": None
        if citation is None
        else {"law": citation.law, "article": citation.article, "item": citation.item},
        "fix": None if fix is None else {"replacement": fix.replacement, "applicability": fix.applicability},
        "data": dict(finding.data),
        # Additions to the contract's sketch (schema_version 1 stays): what to do, and the sentence quoted.
        "advice": finding.advice or None,
        "context": finding_context(report, finding) if report is not None else None,
        "paragraph": loc.paragraph,  # DOCX and HTML: 第 N 段 (its non-empty line); null for text and PDF
    }


def meta_dict(report: Report) -> dict[str, Any]:
    meta = report.meta
    return {
        "title": meta.title,
        "issuer": meta.issuer,
        "issuer_level": meta.issuer_level,
        "county": meta.county,
        "division_code": meta.division_code,
        "issuer_verified": meta.issuer_verified,
        "report_year": meta.report_year,
        "regime": meta.regime,
        "published": meta.published.value.isoformat() if meta.published else None,
        "signed": meta.signed.value.isoformat() if meta.signed else None,
        # Additions to the contract's sketch (schema_version 1 stays: nothing renamed or removed).
        "issuer_place": meta.issuer_place,
        "city": meta.city,
        "province": meta.province,
        "county_code": meta.county_code,
        "issuer_note": meta.issuer_note,
        "issuer_evidence": [_evidence(report, e) for e in meta.issuer_evidence],
        "self_level": meta.self_level,
        "year_source": meta.year_source,
        "year_evidence": [_evidence(report, e) for e in meta.year_evidence],
    }


def _line_and_page(report: Report, start: int, end: int) -> dict[str, int | None]:
    """The line (within its page, for a PDF) and the page of a span of the normalized text."""
    location = report.text.locate(start, max(end, start + 1))
    return {"line": location.line, "page": location.page}


def _evidence(report: Report, evidence) -> dict[str, Any]:
    """Where the report says who issued it (or for which year): the line, and what it says there."""
    where = {"line": None, "page": None} if evidence.start < 0 else _line_and_page(report, evidence.start, evidence.end)
    return {"kind": evidence.kind, "text": evidence.name, "weight": evidence.weight, **where}


def report_dict(result: AuditResult, extract: bool = False) -> dict[str, Any]:
    """One entry of `reports`; `extract` adds the normalized text and figures, drops findings."""
    source, report = result.source, result.report
    out: dict[str, Any] = {
        "path": result.path,
        "sha256": source.sha256 if source else None,
        "kind": source.kind if source else _kind_from_suffix(result.path),
        "meta": meta_dict(report) if report else None,
        "sections": [
            {"number": s.number, "title": s.title, "start": s.start, "end": s.end, "level": s.level}
            for s in (report.sections if report else ())
            if s.is_heading
        ],
        "tables": [
            {"kind": t.kind, "page": t.page, "start": t.start, "end": t.end, "cells": [list(row) for row in t.cells]}
            for t in (report.tables if report else ())
        ],
    }
    if extract:
        out["figures"] = [
            {"value": f.value, "unit": f.unit, "counts": f.counts, "text": f.text, "start": f.start, "end": f.end}
            for f in (report.figures if report else ())
        ]
        out["paragraphs"] = [{"start": a, "end": b} for a, b in (report.paragraphs if report else ())]
        out["statistics"] = [statistic_dict(report, t) for t in (report.statistics if report else ())]
        out["text"] = report.text.text if report else None
    else:
        out["findings"] = [finding_dict(f, report) for f in result.findings]
    out["error"] = result.error
    out["skipped"] = result.skipped  # an addition: found in a folder, not audited (`error` says why)
    return out


def statistic_dict(report: Report, table: StatTable) -> dict[str, Any]:
    """A statutory table as typed numbers: every cell with its row, column, value and place."""
    return {
        "kind": table.kind,
        "variant": table.variant,
        "start": table.start,
        "end": table.end,
        "missing_rows": list(table.missing_rows),
        "cells": [cell_dict(report, cell) for cell in table.cells],
    }


def cell_dict(report: Report, cell: Cell) -> dict[str, Any]:
    return {
        "row": cell.row,
        "column": cell.column,
        "row_label": cell.row_label,
        "column_label": cell.column_label,
        "value": int(cell.value) if cell.value is not None and cell.value == int(cell.value) else cell.value,
        "text": cell.text,
        "problem": cell.problem,
        "start": cell.start,
        "end": cell.end,
        **_line_and_page(report, cell.start, cell.end),
    }


def _kind_from_suffix(path: str) -> str | None:
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"htm": "html", "text": "txt"}.get(suffix, suffix) or None


class JsonWriter:
    def __init__(self, stream: IO[str], settings=None):
        self.stream = stream
        self.extract = bool(settings and settings.extract)
        self.count = 0
        self.copies: list[dict[str, Any]] = []

    def start(self) -> None:
        tool = json.dumps({"name": "gongkai", "version": __version__})
        self.stream.write(f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "tool": {tool},\n  "reports": [')

    def add(self, result: AuditResult) -> None:
        # One report a line: the C encoder (an indented dump is pure Python, and the parent's time bounds a batch)
        body = json.dumps(report_dict(result, self.extract), ensure_ascii=False)
        self.stream.write(",\n    " if self.count else "\n    ")
        self.stream.write(body)
        self.count += 1

    def add_copies(self, pairs) -> None:
        """The batch's reports that copy each other, written as `copies` before the summary (an addition)."""
        self.copies = [{"path": p.path, "issuer": p.issuer, "other_path": p.other_path, "other_issuer": p.other_issuer,
                        "share": p.share, "passages": list(p.passages)} for p in pairs]  # fmt: skip

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n  ],\n" if self.count else "],\n")
        if not self.extract:
            copies = json.dumps(self.copies, ensure_ascii=False)
            self.stream.write(f'  "copies": {copies},\n')
        self.stream.write('  "summary": ' + json.dumps(summary.as_dict()) + "\n}\n")
