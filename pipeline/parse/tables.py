"""The tables ingest found (PDF, DOCX, HTML), placed in the normalized text and named by the typed tables."""

from __future__ import annotations

from pipeline.models import ReportTable, StatTable, Text


def report_tables(text: Text, statistics: tuple[StatTable, ...]) -> tuple[ReportTable, ...]:
    """Each ingested table with its span; its kind is that of the statutory table read at its place, if any."""
    tables = []
    for table in text.source.tables:
        start, end = text.from_source(table.start), text.from_source(table.end)
        kind = next((s.kind for s in statistics if s.start < end and start < s.end), None)
        tables.append(ReportTable(kind, table.cells, table.page, start, end))
    return tuple(tables)
