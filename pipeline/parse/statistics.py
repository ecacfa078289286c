"""The statutory tables as numbers: `| a | b |` rows in the text -> cells of a format's layout.

Every format's tables reach the text as pipe rows: ingest writes PDF, DOCX and HTML
tables so (a merged cell's text at its top-left position, "" elsewhere), and text
reports saved from web pages often hold them so. Reading the rows from the
normalized text gives each cell its own span, so a finding can point at one number.
Which table a block is, which variant of it, and which row a label names come from
rules/tables.yaml; a number that cannot be read is reported as such, never taken as 0.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz, process

from pipeline.models import Cell, StatTable
from pipeline.rulebook import TABLE_KINDS, ColumnSpec, RowSpec, TableLayout

MAX_CELLS_PER_ROW = 64  # the widest statutory table has 16 columns; a longer line is no table row
HEAD_ROWS = 6  # where a table's header words are
LABEL_TYPO_RATIO = 85  # a label this close to the official one names its row (and is a typo)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"(?P<sign>[-−+]|减|增)?(?P<digits>\d{1,12}(?:\.\d{1,6})?)(?:件|条|个|项|次|万元|元)?")
_NUMBERING = re.compile(r"^[\d一二三四五六七八九十()、.]+")
_BLANK_MARKS = frozenset({"", "/", "-", "—", "——", "－", "无", "空"})


class GridCell(NamedTuple):  # a tuple: a table has hundreds, and they live only while it is read
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Grid:
    """A block of consecutive pipe rows."""

    rows: tuple[tuple[GridCell, ...], ...]
    start: int
    end: int


_PIPE_LINE = re.compile(r"^[ \t]*\|[^\n]*\|[ \t]*\r?$", re.M)  # a line that begins and ends with |


def pipe_grids(text: str) -> Iterator[Grid]:
    """Every block of lines that begin and end with `|`, cut into cells with their offsets."""
    rows: list[tuple[GridCell, ...]] = []
    block_start = block_end = 0
    for match in _PIPE_LINE.finditer(text):
        line = match.group()
        if line.count("|") > MAX_CELLS_PER_ROW:
            continue
        if rows and match.start() != block_end + 1:  # not the next line: a new block
            yield Grid(tuple(rows), block_start, block_end + 1)
            rows = []
        if not rows:
            block_start = match.start()
        rows.append(_cells(line, match.start()))
        block_end = match.end()
    if rows:
        yield Grid(tuple(rows), block_start, min(len(text), block_end + 1))


def _cells(line: str, offset: int) -> tuple[GridCell, ...]:
    pieces = line.split("|")
    position = offset + len(pieces[0]) + 1  # where the first cell's raw text begins
    cells = []
    for raw in pieces[1:-1]:
        text = raw.strip()
        start = position + (len(raw) - len(raw.lstrip()))
        cells.append(GridCell(text, start, start + len(text)))
        position += len(raw) + 1
    return tuple(cells)


def read_statistics(
    text: str, layouts: Mapping[str, Mapping[str, TableLayout]], expected: str | None
) -> tuple[StatTable, ...]:
    """The statutory tables among the text's pipe blocks, one of each kind (the first found).

    Tables that pages flattened otherwise are read by parse/loose_tables.py.
    """
    found: dict[str, StatTable] = {}
    for grid in pipe_grids(text):
        kind = _kind(grid, layouts)
        if kind is None or kind in found:
            continue
        words = "".join(cell.text for row in grid.rows for cell in row)
        variants = [tables[kind] for tables in layouts.values()]
        found[kind] = _read(grid, pick_layout(words, variants, expected), variants)
    return tuple(found[kind] for kind in TABLE_KINDS if kind in found)


def _kind(grid: Grid, layouts: Mapping[str, Mapping[str, TableLayout]]) -> str | None:
    head = "".join(cell.text for row in grid.rows[:HEAD_ROWS] for cell in row)
    for kind in ("applications", "review", "active"):  # Table B's head also names 行政复议 in some reports
        if any(all(word in head for word in tables[kind].detect) for tables in layouts.values()):
            return kind
    return None


def pick_layout(words: str, candidates: list[TableLayout], expected: str | None) -> TableLayout:
    """The layout whose variant words the table uses most; a tie goes to the report year's format."""
    words = re.sub(r"\s+", "", words)  # header words split over lines: 本年新 制作数量

    def score(layout: TableLayout) -> tuple[int, bool, str]:
        return sum(word in words for word in layout.variant_words), layout.variant == expected, layout.variant

    return max(candidates, key=score)


def _read(grid: Grid, layout: TableLayout, variants: list[TableLayout]) -> StatTable:
    cells: list[Cell] = []
    matched: set[str] = set()
    typos: list[tuple[str, str, int, int]] = []
    last = -1
    for row in grid.rows:
        if layout.kind == "review":
            values = _number_row(row, len(layout.rows[0].columns))
            if values is None or layout.rows[0].key in matched:
                continue
            spec, label_end = layout.rows[0], values[0].start if values else row[0].start
        else:
            split = next((i for i, cell in enumerate(row) if i > 0 and is_value(cell.text)), len(row))
            label = "".join(cell.text for cell in row[:split])
            values = row[split:]
            if not label:
                continue
            numbered = any(_NUMBER.fullmatch(cell.text) for cell in values)  # a header row has no number
            index, typo = row_for(label, layout, matched, last, fuzzy=numbered)
            if index is None:
                continue
            spec, label_end, last = layout.rows[index], row[split - 1].end, index
            if typo:
                typos.append((spec.key, label, row[0].start, row[split - 1].end))
        matched.add(spec.key)
        for position, column in enumerate(spec.columns):
            grid_cell = values[position] if position < len(values) else GridCell("", label_end, label_end)
            cells.append(make_cell(spec, layout.column[column], grid_cell))
    missing = tuple(spec.key for spec in layout.rows if spec.key not in matched)
    headers = [cell for row in grid.rows if row and _bare(row[0].text) == HEADER_WORD for cell in row[1:]]
    return StatTable(layout.kind, layout.variant, tuple(cells), missing, tuple(typos), grid.start, grid.end,
                     typo_columns=column_typos(headers, layout, variants))  # fmt: skip


def is_value(text: str) -> bool:
    return text in _BLANK_MARKS or _NUMBER.fullmatch(text) is not None


def _number_row(row: tuple[GridCell, ...], width: int) -> tuple[GridCell, ...] | None:
    """Table C's one row of numbers: the last `width` cells of a row that is mostly numbers."""
    if len(row) < width:
        return None
    values = row[-width:]
    numbers = sum(1 for cell in values if _NUMBER.fullmatch(cell.text))
    return (
        values
        if numbers * 2 >= width and not any(_HAN.search(c.text) for c in values if c.text not in _BLANK_MARKS)
        else None
    )


def row_for(
    label: str, layout: TableLayout, matched: set[str], last: int, fuzzy: bool = True
) -> tuple[int | None, bool]:
    """The layout row a label names: by pattern, the next in row order first; else (`fuzzy`) a close label."""
    order = list(range(last + 1, len(layout.rows))) + list(range(0, last + 1))
    for index in order:
        spec = layout.rows[index]
        if spec.key not in matched and any(p.search(label) for p in spec.patterns):
            return index, False
    if not fuzzy:
        return None, False
    open_rows = [i for i in order if layout.rows[i].key not in matched and layout.rows[i].patterns]
    choices = [_plain(layout.rows[i].label) for i in open_rows]
    written = _plain(label)
    best = process.extractOne(written, choices, scorer=fuzz.ratio, score_cutoff=LABEL_TYPO_RATIO)
    if not best:
        return None, False
    official = best[0]
    cut_short = official.startswith(written)  # a label wrapped onto the next line (过程性信|息): not a typo
    return open_rows[best[2]], not cut_short and abs(len(official) - len(written)) <= 1


@functools.lru_cache(maxsize=4096)
def _plain(label: str) -> str:
    """A label without its numbering: (三)1.属于国家秘密 -> 属于国家秘密."""
    return _NUMBERING.sub("", label)


def make_cell(row: RowSpec, column: ColumnSpec, grid_cell: GridCell) -> Cell:
    text = grid_cell.text
    if text.isascii() and text.isdigit():  # most cells: a plain count
        return Cell(row.key, column.key, row.label, column.label, text, float(text), None, grid_cell.start,
                    grid_cell.end)  # fmt: skip
    found = _NUMBER.fullmatch(text)
    if text in _BLANK_MARKS:
        value, problem = None, "blank"
    elif found is None:
        value, problem = None, "not-a-number"
    else:
        value = float(found["digits"]) * (-1 if found["sign"] in ("-", "−", "减") else 1)
        if value < 0 and not column.signed:
            problem = "negative"
        elif value != int(value) and not column.decimal:
            problem = "fraction"
        else:
            problem = None
    return Cell(row.key, column.key, row.label, column.label, text, value, problem, grid_cell.start, grid_cell.end)


HEADER_WORD = "信息内容"  # Table A's header rows begin so; the column headers follow it
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+|单位|单$")


@functools.lru_cache(maxsize=4096)
def _bare(text: str) -> str:
    """Han characters only, without 单位: 本年收费金额（单位：万元） and 本年收费金额(万元) are one header."""
    return _NOT_HAN.sub("", text)


def column_typos(
    words: list[GridCell], layout: TableLayout, variants: list[TableLayout]
) -> tuple[tuple[str, str, int, int], ...]:
    """Column headers near the format's wording but not it (本年发件); cut-short headers (本年新|) are not typos,
    nor another format's headers (TB107 reports the table of another format)."""
    labels = {c.key: _bare(c.label) for c in layout.columns}
    known = {_bare(c.label) for variant in variants for c in variant.columns}
    typos = []
    previous = ""
    for word in words:
        bare, joined = _bare(word.text), previous + _bare(word.text)
        previous = bare
        if not bare or bare == HEADER_WORD or bare.startswith("第二十条") or bare in known or joined in known:
            continue
        if any(label.startswith(bare) or label.startswith(joined) or bare.startswith(label) for label in known):
            continue  # cut short (本年新|), split over two lines (本年|新制作数量), or with a note added
        best = process.extractOne(bare, labels, scorer=fuzz.ratio, score_cutoff=HEADER_TYPO_RATIO)
        if best:
            typos.append((best[2], word.text, word.start, word.end))
    return tuple(typos)


HEADER_TYPO_RATIO = 75
