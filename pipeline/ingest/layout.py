"""Assemble a Source's text from lines, pages and tables, keeping where each table sits."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.models import Table


def clean_cell(text: str) -> str:
    """A cell's text on one line: inner line breaks are layout (本年新\\n制作数量)."""
    return "".join(part.strip() for part in text.replace("\r", "\n").split("\n"))


class TextBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.tables: list[Table] = []
        self.page_starts: list[int] = []

    def line(self, text: str) -> None:
        self._parts.append(text + "\n")
        self._length += len(text) + 1

    def table(self, cells: Sequence[Sequence[str]], page: int | None = None) -> None:
        """Write the table as `| a | b |` rows and keep its cells."""
        rows = tuple(tuple(clean_cell(c or "") for c in row) for row in cells)
        rows = tuple(row for row in rows if any(row))
        if not rows:
            return
        start = self._length
        for row in rows:
            self.line("| " + " | ".join(row) + " |")
        self.tables.append(Table(rows, start, self._length, page))

    def new_page(self) -> None:
        self.page_starts.append(self._length)

    @property
    def text(self) -> str:
        return "".join(self._parts)
