"""Which statutory table a table is (statute.md §3.1), from its header words."""

from __future__ import annotations

from pipeline.models import ReportTable, Text

# kind -> words that must all appear in the table's cells
KINDS = {
    "applications": ("自然人", "总计"),
    "review": ("行政复议", "行政诉讼"),
    "active": ("信息内容", "第二十条"),
}


def table_kind(cells: tuple[tuple[str, ...], ...]) -> str | None:
    words = "".join("".join(row) for row in cells[:6])
    for kind, needed in KINDS.items():
        if all(word in words for word in needed):
            return kind
    return None


def report_tables(text: Text) -> tuple[ReportTable, ...]:
    return tuple(
        ReportTable(table_kind(t.cells), t.cells, t.page, text.from_source(t.start), text.from_source(t.end))
        for t in text.source.tables
    )
