"""Statutory tables that web pages and PDF text flattened into loose lines.

Real pages rarely keep `| a | b |` rows: a cell per line, each cell ending in ` |`,
a lone `|` after each cell, a row's numbers on one line separated by spaces, header
words split (`本年新 制作数量`), empty cells gone. Read as a stream of tokens, a
table is still legible: after a table's header words, a token that names a row of
the format (by the patterns of rules/tables.yaml) starts that row, and the numbers
right after it are its cells. A row with more or fewer numbers than columns cannot say
which number is which: its cells are "unplaced", never guessed. A line with 。 is prose and
ends the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pipeline.models import Cell, StatTable
from pipeline.parse.statistics import HEADER_WORD, GridCell, column_typos, is_value, make_cell, pick_layout, row_for
from pipeline.rulebook import TableLayout

_TOKEN = re.compile(r"[^|\s]+")
_IN_BRACKETS = re.compile(r"\([^()]*\)")
_GLUED = re.compile(r"(?P<label>.*[\u4e00-\u9fff)])(?P<number>\d{1,12}(?:\.\d{1,6})?)")
MAX_LABEL_CHARS = 80  # the longest row label of the formats is ~45 characters
# Words that open a table's region, by kind (a table may have lost its header row, not all of these).
ANCHORS = {
    "active": ("信息内容", "第二十条"),
    "applications": ("自然人", "申请人情况", "勾稽关系", "本年新收"),
    "review": ("结果维持", "尚未审结", "行政复议"),
}
REVIEW_WIDTH = 15


@dataclass
class _Row:
    key: str
    label: GridCell
    typo: bool
    values: list[GridCell] = field(default_factory=list)


@dataclass
class _Region:
    """The tokens of one kind of table, from the first anchor to the prose that follows."""

    kind: str
    tokens: list[GridCell] = field(default_factory=list)


def loose_statistics(
    text: str, layouts: Mapping[str, Mapping[str, TableLayout]], expected: str | None, taken: set[str]
) -> tuple[StatTable, ...]:
    """The tables of kinds not in `taken` (read already from pipe rows), from the loose lines of the text."""
    found = []
    for region in _regions(text, taken):
        if region.kind in taken:
            continue
        candidates = [tables[region.kind] for tables in layouts.values()]
        layout = pick_layout("".join(t.text for t in region.tokens), candidates, expected)
        table = _review(region, layout) if region.kind == "review" else _rows(region, layout, candidates)
        if table is not None and any(cell.value is not None for cell in table.cells):
            found.append(table)
            taken.add(region.kind)
    return tuple(found)


def _regions(text: str, taken: set[str]) -> Iterator[_Region]:
    """Runs of table tokens: from a kind's anchor word to the next prose line (one with 。)."""
    open_regions: dict[str, _Region] = {}
    anchors = [word for kind, words in ANCHORS.items() if kind not in taken for word in words]
    offset = 0
    for line in text.splitlines(keepends=True) if anchors else ():
        if "。" in line:
            yield from open_regions.values()
            open_regions = {}
        elif open_regions or any(word in line for word in anchors):
            for token in _line_tokens(line, offset):
                for kind, words in ANCHORS.items():
                    if kind not in open_regions and kind not in taken and any(w in token.text for w in words):
                        open_regions[kind] = _Region(kind)
                for region in open_regions.values():
                    region.tokens.append(token)
        offset += len(line)
    yield from open_regions.values()


def _line_tokens(line: str, offset: int) -> list[GridCell]:
    """The line's cells; `规章0 0 0` (normalizing took the space after a label) gives 规章 and its first number."""
    tokens = [GridCell(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(line)]
    if len(tokens) >= 2 and is_value(tokens[1].text):
        glued = _GLUED.fullmatch(tokens[0].text)
        if glued:
            first = tokens[0]
            cut = first.start + glued.end("label")
            tokens[0:1] = [GridCell(glued["label"], first.start, cut), GridCell(glued["number"], cut, first.end)]
    return tokens


def _label_like(text: str) -> bool:
    """A row label, not a clause of prose that happens to name 规范性文件 or 行政许可."""
    return len(text) <= MAX_LABEL_CHARS and "," not in _IN_BRACKETS.sub("", text)


def _rows(region: _Region, layout: TableLayout, variants: list[TableLayout]) -> StatTable | None:
    rows: dict[str, _Row] = {}
    current: _Row | None = None
    pending: list[GridCell] = []  # words no pattern took since the last number: a label with a typo among them?
    headers: list[GridCell] = []  # Table A's column headers: the words after 信息内容
    in_header = False
    last = -1
    for token in region.tokens:
        if HEADER_WORD in token.text:
            in_header = True
            continue
        if (
            in_header
            and not is_value(token.text)
            and _start(rows, layout, token, last, fuzzy=False, keep=False) is None
        ):
            headers.append(token)
            continue
        in_header = False
        if is_value(token.text):
            if current is None and pending:
                current = next(filter(None, (_start(rows, layout, t, last, fuzzy=True) for t in pending)), None)
                last = layout.rows.index(layout.row[current.key]) if current else last
            pending = []
            if current is not None:
                current.values.append(token)  # more numbers than columns: the row cannot be placed either
            continue
        started = _start(rows, layout, token, last, fuzzy=False) if _label_like(token.text) else None
        if started is None:
            if current is not None and current.values:
                current = None  # a header word after the numbers: the row has ended
            if current is None and _label_like(token.text) and len(pending) < 4:
                pending.append(token)
            continue  # (before any number it may be the rest of a label split over two lines)
        current, pending, last = started, [], layout.rows.index(layout.row[started.key])
    if not rows:
        return None
    cells: list[Cell] = []
    for row in sorted(rows.values(), key=lambda r: r.label.start):
        spec = layout.row[row.key]
        placed = len(row.values) == len(spec.columns)
        for position, column in enumerate(spec.columns):
            if placed:
                cells.append(make_cell(spec, layout.column[column], row.values[position]))
            else:
                problem = "unplaced" if row.values else "missing"  # (1 6 for 16; cells lost with their bars)
                at = row.values[0] if row.values else GridCell("", row.label.end, row.label.end)
                cells.append(Cell(spec.key, column, spec.label, layout.column[column].label, "", None, problem,
                                  at.start, at.end))  # fmt: skip
    typos = tuple((r.key, r.label.text, r.label.start, r.label.end) for r in rows.values() if r.typo)
    missing = tuple(spec.key for spec in layout.rows if spec.key not in rows)
    start = min(r.label.start for r in rows.values())
    end = max((r.values or [r.label])[-1].end for r in rows.values())
    return StatTable(layout.kind, layout.variant, tuple(cells), missing, typos, start, end,
                     typo_columns=column_typos(headers, layout, variants))  # fmt: skip


def _start(
    rows: dict[str, _Row], layout: TableLayout, token: GridCell, last: int, fuzzy: bool, keep: bool = True
) -> _Row | None:
    """The row a label token starts, kept in `rows` (a bare mention of a label gives way to a row with numbers)."""
    filled = {key for key, row in rows.items() if row.values}  # a header 总计 may come again as (七)总计
    index, typo = row_for(token.text, layout, filled, last, fuzzy=fuzzy)
    if index is None:
        return None
    row = _Row(layout.rows[index].key, token, typo)
    if keep and (row.key not in rows or not rows[row.key].values):
        rows[row.key] = row
    return row


def _review(region: _Region, layout: TableLayout) -> StatTable | None:
    """Table C's one row: the first run of fifteen numbers after its header words."""
    spec = layout.rows[0]
    run: list[GridCell] = []
    for token in region.tokens:
        if is_value(token.text):
            run.append(token)
            if len(run) == REVIEW_WIDTH:
                cells = tuple(make_cell(spec, layout.column[c], t) for c, t in zip(spec.columns, run, strict=True))
                return StatTable(layout.kind, layout.variant, cells, (), (), run[0].start, run[-1].end)
        else:
            run = []
    return None
