"""Kind `source-warning`: what ingest noticed about the bytes, as findings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.check.context import CheckContext
from pipeline.models import Hit, Report


@dataclass(frozen=True)
class SourceWarningParams:
    code: str  # the ingest warning code, e.g. lossy-decoding


def check_source_warning(report: Report, params: SourceWarningParams, ctx: CheckContext) -> Iterator[Hit]:
    text = report.text
    for warning in text.source.warnings:
        if warning.code != params.code:
            continue
        start = text.from_source(warning.start)
        end = max(start, text.from_source(warning.end))
        yield Hit(start, end, args={"detail": warning.message}, data={"detail": warning.message})
