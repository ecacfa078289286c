"""Kinds over the statutory tables read into their layouts (Report.statistics, rules/tables.yaml).

Every hit points at one cell (or at the sentence that contradicts a cell) and names
the table, row, column, numbers and identity in its data. A cell that cannot be read
makes the identities that need it not assessable, never a wrong sum.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.check.context import CheckContext, sentence_span
from pipeline.check.params import Regex
from pipeline.errors import UsageError
from pipeline.models import Cell, Citation, Hit, Report, StatTable, check_levels
from pipeline.numerals import number_value
from pipeline.rulebook import TABLE_KINDS, Rulebook, TableLayout


def _layouts(rulebook: Rulebook, table: str) -> list[TableLayout]:
    if table not in TABLE_KINDS:
        raise UsageError(f"table '{table}' is not one of {', '.join(TABLE_KINDS)}")
    return [tables[table] for tables in rulebook.layouts.values()]


def _known(rulebook: Rulebook, table: str, rows=(), columns=()) -> None:
    """Refuse row or column keys that no layout of the table has (a typo would never fire)."""
    layouts = _layouts(rulebook, table)
    for key in rows:
        if not any(key in layout.row for layout in layouts):
            raise UsageError(f"table {table} has no row '{key}' in rules/tables.yaml")
    for key in columns:
        if not any(key in layout.column for layout in layouts):
            raise UsageError(f"table {table} has no column '{key}' in rules/tables.yaml")


def _where(table: StatTable, cell: Cell) -> dict:
    return {"table": table.kind, "row": cell.row, "column": cell.column,
            "row_label": cell.row_label, "column_label": cell.column_label}  # fmt: skip


def _format(ctx: CheckContext) -> Citation | None:
    """The format of the report's year (60号 for 2019 and 2020, 30号 from 2021); None: the rule's own."""
    regime = ctx.regime
    return Citation(f"政府信息公开工作年度报告格式（{regime.format}）") if regime and regime.format else None


def _number(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Sum:
    left: tuple[str, ...]  # keys whose values add up to …
    right: tuple[str, ...]  # … these keys' values


@dataclass(frozen=True)
class TableSumParams:
    table: str
    for_each: str  # column: the keys are rows, checked in every column; row: the keys are columns
    sums: tuple[Sum, ...]
    name: str  # how the message names the identity

    def validate(self, rulebook: Rulebook) -> None:
        if self.for_each not in ("column", "row"):
            raise UsageError(f"for_each must be column or row, not '{self.for_each}'")
        keys = [k for s in self.sums for k in (*s.left, *s.right)]
        _known(rulebook, self.table, rows=keys if self.for_each == "column" else (),
               columns=keys if self.for_each == "row" else ())  # fmt: skip


def check_table_sum(report: Report, params: TableSumParams, ctx: CheckContext) -> Iterator[Hit]:
    """left = right in every column (or row): 一+二 = (七)总计+四, 总计 = the six kinds of applicant…"""
    table = report.statistic(params.table)
    if table is None:
        return
    layout = ctx.rulebook.layouts[table.variant][table.kind]
    numbers = table.numbers
    for identity in params.sums:
        left = [k for k in identity.left if k in (layout.row if params.for_each == "column" else layout.column)]
        right = [k for k in identity.right if k in (layout.row if params.for_each == "column" else layout.column)]
        if not left or not right:
            continue
        lines = layout.columns if params.for_each == "column" else layout.rows
        for line in lines:
            if params.for_each == "column":
                pairs = [(k, line.key) for k in left + right]
            else:
                pairs = [(line.key, k) for k in left + right]
            values = [numbers.get(pair) for pair in pairs]
            if None in values:
                continue  # no such cell (Table A's rows differ, a row is missing) or none readable: not assessable
            total, parts = sum(values[: len(left)]), sum(values[len(left) :])
            if abs(total - parts) < 1e-6:
                continue
            at = table.cell(*pairs[0])
            yield Hit(
                at.start,
                at.end,
                args={
                    "identity": params.name,
                    "left": _number(total),
                    "right": _number(parts),
                    "row": at.row_label,
                    "column": at.column_label,
                    "line": layout.column[line.key].label
                    if params.for_each == "column"
                    else layout.row[line.key].label,
                },
                data={
                    **_where(table, at),
                    "identity": params.name,
                    "left": {f"{r}/{c}": v for (r, c), v in zip(pairs[: len(left)], values, strict=False)},
                    "right": {f"{r}/{c}": v for (r, c), v in zip(pairs[len(left) :], values[len(left) :], strict=True)},
                },
                citation=_format(ctx),
            )


@dataclass(frozen=True)
class TableCellsParams:
    problems: tuple[str, ...]  # blank | not-a-number | negative | fraction
    tables: tuple[str, ...] = TABLE_KINDS

    def validate(self, rulebook: Rulebook) -> None:
        unknown = set(self.problems) - set(PROBLEMS)
        if unknown:
            raise UsageError(f"unknown cell problems {sorted(unknown)}; known: {', '.join(PROBLEMS)}")
        for table in self.tables:
            _layouts(rulebook, table)


PROBLEMS = {
    "blank": "空着或只填了“{text}”",
    "not-a-number": "填的“{text}”不是数字",
    "negative": "是负数 {text}",
    "fraction": "是小数 {text}，件数应为整数",
}


def check_table_cells(report: Report, params: TableCellsParams, ctx: CheckContext) -> Iterator[Hit]:
    """Every number of the statutory tables a non-negative count (an amount may have decimals).

    One finding per row and kind of problem, at the row's first such cell: a row of "/" is one defect.
    """
    for table in report.statistics:
        if table.kind not in params.tables:
            continue
        groups: dict[tuple[str, str], list[Cell]] = {}
        for cell in table.cells:
            if cell.problem in params.problems:
                groups.setdefault((cell.row, cell.problem), []).append(cell)
        for (_, problem), cells in groups.items():
            first = cells[0]
            columns = "、".join(c.column_label for c in cells)
            yield Hit(
                first.start,
                first.end,
                args={"cell": f"{first.row_label}·{columns}", "problem": PROBLEMS[problem].format(text=first.text)},
                data={
                    **_where(table, first),
                    "columns": [c.column for c in cells],
                    "texts": [c.text for c in cells],
                    "problem": problem,
                },
                citation=_format(ctx),
            )


@dataclass(frozen=True)
class TableZeroParams:
    table: str
    rows: tuple[str, ...]
    levels: tuple[str, ...]  # issuer levels that cannot have these

    def __post_init__(self):
        check_levels(self.levels)

    def validate(self, rulebook: Rulebook) -> None:
        _known(rulebook, self.table, rows=self.rows)


def check_table_zero(report: Report, params: TableZeroParams, ctx: CheckContext) -> Iterator[Hit]:
    """Rows that must be 0 for the issuer's level: a township makes no 规章 (one finding per row)."""
    table = report.statistic(params.table)
    if table is None or report.meta.issuer_level not in params.levels:
        return
    for row in params.rows:
        cells = [c for c in table.cells if c.row == row and table.value(c.row, c.column)]
        if not cells:
            continue
        first = cells[0]
        yield Hit(
            first.start,
            first.end,
            args={"cell": first.row_label, "value": "、".join(f"{c.column_label} {_number(c.value)}" for c in cells)},
            data={
                **_where(table, first),
                "values": {c.column: c.value for c in cells},
                "level": report.meta.issuer_level,
            },
        )


@dataclass(frozen=True)
class TableVariantParams:
    tables: tuple[str, ...] = ("active", "applications")  # Table C is the same in every format


def check_table_variant(report: Report, params: TableVariantParams, ctx: CheckContext) -> Iterator[Hit]:
    """The table follows the format of the report's year (30号 from 2021, 60号 for 2019 and 2020)."""
    regime = ctx.regime
    if regime is None or regime.tables is None:
        return
    for table in report.statistics:
        if table.kind in params.tables and table.variant != regime.tables:
            used = next(r for r in ctx.rulebook.regimes if r.tables == table.variant)
            layout = ctx.rulebook.layouts[table.variant][table.kind]
            first = min(table.cells, key=lambda c: c.start, default=None)
            start, end = (first.start, first.end) if first else (table.start, table.start)
            yield Hit(
                start,
                end,
                args={"table": layout.name, "used": used.format or used.id, "expected": regime.format or regime.id},
                data={"table": table.kind, "variant": table.variant, "expected": regime.tables},
                citation=_format(ctx),
            )


@dataclass(frozen=True)
class TablePresenceParams:
    tables: tuple[str, ...] = TABLE_KINDS


def check_table_presence(report: Report, params: TablePresenceParams, ctx: CheckContext) -> Iterator[Hit]:
    """Each statutory table of the format read; if not, the checks that need it are not assessable."""
    regime = ctx.regime
    if regime is None or regime.tables is None:
        return
    for kind in params.tables:
        layout = ctx.rulebook.layouts[regime.tables][kind]
        table = report.statistic(kind)
        if table is None:
            why = "报告中没有找到这张表，或表格不是文字（图片、附件）"
        elif len(table.missing_rows) * 2 > len(layout.rows):
            why = f"表中 {len(layout.rows)} 行只读出 {len(layout.rows) - len(table.missing_rows)} 行"
        elif table.missing_rows:
            missing = "、".join(layout.row[k].label for k in table.missing_rows if k in layout.row)
            why = f"表中没有“{missing}”" if missing else ""
        else:
            continue
        if not why:
            continue
        start = table.start if table else 0
        yield Hit(
            start,
            start,
            args={"table": layout.name, "why": why},
            data={"table": kind, "missing_rows": list(table.missing_rows) if table else None, "scope": "document"},
            citation=_format(ctx),
        )


@dataclass(frozen=True)
class TableLabelParams:
    pass


def check_table_labels(report: Report, params: TableLabelParams, ctx: CheckContext) -> Iterator[Hit]:
    """Row labels and column headers that differ from the official wording (行政事业型收费, 本年发件)."""
    for table in report.statistics:
        layout = ctx.rulebook.layouts[table.variant][table.kind]
        for key, label, start, end in table.typo_columns:
            yield Hit(start, end, args={"official": layout.column[key].label},
                      data={"table": table.kind, "column": key, "written": label, "official": layout.column[key].label},
                      citation=_format(ctx))  # fmt: skip
        for key, label, start, end in table.typo_rows:
            yield Hit(start, end, args={"official": layout.row[key].label},
                      data={"table": table.kind, "row": key, "written": label, "official": layout.row[key].label},
                      citation=_format(ctx))  # fmt: skip


@dataclass(frozen=True)
class CellRef:
    row: str
    column: str


@dataclass(frozen=True)
class TableTextParams:
    table: str
    pattern: Regex  # a sentence that states something about the table; a group `n` holds a number
    cells: tuple[CellRef, ...]  # the cells the sentence speaks of (those the table's variant has)
    when: str  # nonzero: the sentence says none while a cell is not 0; differs: n is not their sum
    also: tuple[CellRef, ...] = ()  # differs: n may also be the sum of cells and these (收到 + 结转 = 办理)

    def validate(self, rulebook: Rulebook) -> None:
        if self.when not in ("nonzero", "differs"):
            raise UsageError(f"when must be nonzero or differs, not '{self.when}'")
        refs = (*self.cells, *self.also)
        _known(rulebook, self.table, rows=[r.row for r in refs], columns=[r.column for r in refs])
        if self.when == "differs" and "n" not in re.compile(self.pattern).groupindex:
            raise UsageError("a 'differs' pattern needs a group (?P<n>…) for the number")


def check_table_text(report: Report, params: TableTextParams, ctx: CheckContext) -> Iterator[Hit]:
    """The narrative against the table: 未收到申请 while 本年新收 is 2; 共收到申请3件 while it is 2."""
    table = report.statistic(params.table)
    if table is None:
        return
    refs = [ref for ref in params.cells if table.cell(ref.row, ref.column) is not None]  # this variant's cells
    values = [table.value(ref.row, ref.column) for ref in refs]
    if not refs or any(v is None for v in values):
        return
    extra = [table.value(ref.row, ref.column) for ref in params.also if table.cell(ref.row, ref.column)]
    text = report.text.text
    inside = [(t.start, t.end) for t in report.statistics]
    for match in re.finditer(params.pattern, text):
        if any(a <= match.start() < b for a, b in inside) or report.frame.is_furniture(match.start()):
            continue
        if params.when == "nonzero":
            if not any(values):
                return
            start, end = match.span()
            stated = None
        else:
            stated = _count(match["n"])
            allowed = {sum(values)} | ({sum(values) + sum(extra)} if extra and None not in extra else set())
            if stated is None or stated in allowed:
                continue
            start, end = match.span("n")
        cell = table.cell(refs[0].row, refs[0].column)
        where = _where(table, cell)
        sentence = text[slice(*sentence_span(text, match.start()))].strip()
        yield Hit(
            start,
            end,
            args={
                "cell": f"{where['row_label']}·{where['column_label']}",
                "value": _number(sum(values)),
                "stated": "" if stated is None else _number(stated),
            },
            data={**where, "table_value": sum(values), "stated": stated, "sentence": sentence},
            citation=_format(ctx),
        )
        return  # one contradiction is enough to show


def _count(text: str) -> float | None:
    value = number_value(text)
    return float(value) if value is not None else None


def _neighbours(report: Report, kind: str, ctx: CheckContext) -> Iterator[tuple[StatTable, StatTable, int, bool]]:
    """(this report's table, the same table of a neighbour year, that year, whether this report is the later)."""
    year = report.meta.report_year
    table = report.statistic(kind)
    if year is None or table is None:
        return
    for other_year, later in ((year - 1, True), (year + 1, False)):
        other = next((t for t in ctx.neighbours.get(other_year, ()) if t.kind == kind), None)
        if other is not None:
            yield table, other, other_year, later


@dataclass(frozen=True)
class CarriedParams:
    table: str
    this_row: str  # this year's row: 上年结转
    last_row: str  # the year before's row: 结转下年度

    def validate(self, rulebook: Rulebook) -> None:
        _known(rulebook, self.table, rows=(self.this_row, self.last_row))


def check_carried_over(report: Report, params: CarriedParams, ctx: CheckContext) -> Iterator[Hit]:
    """This year's 上年结转 is last year's 结转下年度, column by column (the same issuer's reports in one run).

    The finding goes to the report read second, at its own cell: the later report's 上年结转, or the
    earlier report's 结转下年度.
    """
    for table, other, other_year, later in _neighbours(report, params.table, ctx):
        mine_row, their_row = (params.this_row, params.last_row) if later else (params.last_row, params.this_row)
        for cell in [c for c in table.cells if c.row == mine_row]:
            mine, theirs = table.value(cell.row, cell.column), other.value(their_row, cell.column)
            if mine is None or theirs is None or mine == theirs:
                continue
            their_label = next(c.row_label for c in other.cells if c.row == their_row)
            yield Hit(
                cell.start,
                cell.end,
                args={
                    "cell": f"{cell.row_label}·{cell.column_label}",
                    "value": _number(mine),
                    "other_year": other_year,
                    "other_cell": their_label,
                    "other_value": _number(theirs),
                },
                data={**_where(table, cell), "value": mine, "other_year": other_year, "other_value": theirs},
                citation=_format(ctx),
            )


@dataclass(frozen=True)
class InForceParams:
    table: str
    rows: tuple[str, ...]  # 规章, 行政规范性文件
    in_force: str  # the columns: 现行有效件数 …
    issued: str  # … 本年制发件数 …
    repealed: str  # … 本年废止件数

    def validate(self, rulebook: Rulebook) -> None:
        _known(rulebook, self.table, rows=self.rows, columns=(self.in_force, self.issued, self.repealed))


def check_in_force_carried(report: Report, params: InForceParams, ctx: CheckContext) -> Iterator[Hit]:
    """现行有效 this year = 现行有效 last year + 制发 − 废止 this year (the same issuer's reports in one run)."""
    year = report.meta.report_year
    for table, other, other_year, later in _neighbours(report, params.table, ctx):
        if other.variant != table.variant:
            continue
        this, last = (table, other) if later else (other, table)
        for row in params.rows:
            values = [this.value(row, params.in_force), last.value(row, params.in_force),
                      this.value(row, params.issued), this.value(row, params.repealed)]  # fmt: skip
            if any(v is None for v in values):
                continue
            now, before, issued, repealed = values
            if now == before + issued - repealed:
                continue
            at = table.cell(row, params.in_force)
            yield Hit(
                at.start,
                at.end,
                args={
                    "row": at.row_label,
                    "year": year if later else other_year,
                    "now": _number(now),
                    "before": _number(before),
                    "issued": _number(issued),
                    "repealed": _number(repealed),
                    "expected": _number(before + issued - repealed),
                },
                data={
                    **_where(table, at),
                    "other_year": other_year,
                    "in_force": now,
                    "in_force_before": before,
                    "issued": issued,
                    "repealed": repealed,
                },
                citation=_format(ctx),
            )
