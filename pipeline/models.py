"""Frozen values that flow between the pipeline stages.

ingest -> Source, normalize -> Text, segment -> Tokens, parse -> Report,
check -> Finding. Offsets are character offsets; `Text` maps normalized
offsets back to the source the user sees.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

SEVERITIES = ("info", "warning", "error")
PARAGRAPH_KINDS = ("docx", "html")  # sources whose places are paragraphs, not lines

# Issuer levels, innermost last: a 苏木 is a township of Inner Mongolia, a 民族乡 an ethnic
# township, a 街道 the county's agency in a town; a department belongs to a government.
LEVELS = ("province", "city", "county", "district", "department", "township", "ethnic_township", "sumu", "subdistrict")
TOWNSHIP_LEVELS = ("township", "ethnic_township", "sumu", "subdistrict")
COUNTY_LEVELS = ("county", "district")


def check_levels(levels) -> None:
    """Refuse issuer levels the parser never produces (a typo in a rule would silently never match)."""
    unknown = sorted(set(levels) - set(LEVELS))
    if unknown:
        raise ValueError(f"unknown issuer levels {unknown}; known: {', '.join(LEVELS)}")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class SourceWarning:
    """Something ingest noticed about the bytes (lossy decoding, OCR'd page)."""

    code: str
    message: str
    start: int = 0  # source offsets
    end: int = 0


@dataclass(frozen=True)
class Table:
    """A table as cells: rows of texts; a merged cell's text sits in its top-left position."""

    cells: tuple[tuple[str, ...], ...]
    start: int  # source offsets of the table's flattened text (pipe rows) in Source.text
    end: int
    page: int | None = None


@dataclass(frozen=True)
class Source:
    """What ingest read: the decoded text as the user sees it.

    For a PDF the text is the pages' extracted texts one after another; tables
    are also flattened into the text as `| a | b |` rows, so that text checks
    see them, and kept as cells in `tables`.
    """

    path: str
    kind: str  # txt | pdf | docx | html
    sha256: str
    text: str
    encoding: str | None = None
    page_starts: tuple[int, ...] = ()  # source offsets where pages start (PDF)
    warnings: tuple[SourceWarning, ...] = ()
    tables: tuple[Table, ...] = ()
    ocr_pages: tuple[int, ...] = ()  # 1-based pages read by OCR


@dataclass(frozen=True)
class Location:
    """Where a match is as the user sees it; for a PDF, lines count within the page."""

    line: int
    column: int
    end_line: int
    end_column: int
    page: int | None
    text_line: int = 0  # the line in the whole source text, for quoting it
    paragraph: int | None = None  # DOCX and HTML: the paragraph (第 N 段: its non-empty line) — they have no lines


@dataclass(frozen=True)
class Text:
    """Normalized text plus the map back to `source.text`.

    Normalization only deletes characters or swaps one for one, so the map is
    a list of deletion points: `deleted_at[k]` is a normalized offset before
    which `deleted_total[k]` source characters have been dropped in all.
    """

    source: Source
    text: str
    deleted_at: tuple[int, ...] = ()
    deleted_total: tuple[int, ...] = ()
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)  # in source.text

    def to_source(self, offset: int) -> int:
        k = bisect_right(self.deleted_at, offset) - 1
        return offset + (self.deleted_total[k] if k >= 0 else 0)

    def from_source(self, src_offset: int) -> int:
        """The normalized offset of the first kept character at or after `src_offset`."""
        low, high = 0, len(self.text)
        while low < high:
            mid = (low + high) // 2
            if self.to_source(mid) < src_offset:
                low = mid + 1
            else:
                high = mid
        return low

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        src_start = self.to_source(start)
        src_end = self.to_source(end - 1) + 1 if end > start else src_start
        return src_start, src_end

    def line_col(self, src_offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, src_offset)
        return line, src_offset - self.line_starts[line - 1] + 1

    def locate(self, start: int, end: int) -> Location:
        src_start, src_end = self.source_span(start, end)
        line, column = self.line_col(src_start)
        end_line, end_column = self.line_col(src_end)
        page = None
        first_line = 1
        if self.source.page_starts:
            page = max(1, bisect_right(self.source.page_starts, src_start))
            first_line = self.line_col(self.source.page_starts[page - 1])[0]
        shift = first_line - 1
        paragraph = self._paragraph_of(line) if self.source.kind in PARAGRAPH_KINDS else None
        return Location(line - shift, column, end_line - shift, end_column, page, text_line=line, paragraph=paragraph)

    def _paragraph_of(self, line: int) -> int:
        """The number of non-empty lines up to and including `line` (1-based): its paragraph."""
        return bisect_right(self._filled_lines, line) or 1

    @cached_property
    def _filled_lines(self) -> tuple[int, ...]:
        source, starts = self.source.text, self.line_starts
        ends = (*starts[1:], len(source))
        return tuple(n for n, (a, b) in enumerate(zip(starts, ends, strict=True), 1) if source[a:b].strip())

    def __getstate__(self) -> dict:
        """Pickled without what is cached (rebuilt where needed), as it crosses from a worker to the parent."""
        return {key: value for key, value in self.__dict__.items() if not key.startswith("_")}

    def source_line(self, line: int) -> str:
        """Line `line` (1-based) of the source text, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.source.text)
        return self.source.text[start:end].rstrip("\r\n")


@dataclass(frozen=True)
class Tokens:
    """jieba's words with their start offsets in the normalized text."""

    words: tuple[str, ...]
    starts: tuple[int, ...]


@dataclass(frozen=True)
class Section:
    """A numbered heading (一、 (一) 1、 (1) ①) and the text it governs."""

    number: str  # as written, without punctuation: 一, 二, 3
    marker: str  # as written with punctuation: 一、 (二) 3、
    style: str  # han | paren-han | digit | paren-digit | circled | part
    title: str
    level: int  # 1 = outermost
    start: int
    end: int
    title_end: int
    path: str  # markers of the enclosing headings and this one: 二、(四)
    is_heading: bool  # False for a numbered paragraph (1、建立了……。)


@dataclass(frozen=True)
class Figure:
    """A number in the narrative with its unit and what it counts."""

    value: float
    unit: str
    counts: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class DateMention:
    value: dt.date
    start: int
    end: int


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date
    start: int
    end: int


@dataclass(frozen=True)
class Unit:
    """An administrative unit as the text names it: 平阳县, 龙尾乡, 平阳县民政局."""

    name: str
    level: str  # one of LEVELS
    start: int
    end: int


@dataclass(frozen=True)
class Frame:
    """The lines around the body: page furniture, title, signature (normalized offsets)."""

    furniture: tuple[tuple[int, int], ...] = ()  # crumbs, info bars, widgets, page numbers
    crumbs: tuple[tuple[int, int], ...] = ()  # the navigation lines among them
    title: tuple[int, int] | None = None  # may span two lines (issuer line + title line)
    published: DateMention | None = None  # from the info bar (时间:/发布时间:) or a date line on top
    signature: tuple[int, int] | None = None  # the issuer's line at the end
    signed: DateMention | None = None
    closing_start: int | None = None  # where the signature block begins

    @cached_property
    def _furniture_starts(self) -> tuple[int, ...]:
        return tuple(start for start, _ in self.furniture)

    def is_furniture(self, offset: int) -> bool:
        """Whether `offset` lies on a furniture line (the spans are in document order)."""
        index = bisect_right(self._furniture_starts, offset) - 1
        return index >= 0 and offset < self.furniture[index][1]


@dataclass(frozen=True)
class Evidence:
    """One place in the report (or its file name) that says who issued it, or for which year."""

    kind: str  # title | crumb | signature | body-office | self-title | opening | mention | file-name | period | …
    name: str  # the issuer as named there (平阳县龙尾乡), or the year
    start: int  # normalized offsets; -1 for the file name
    end: int
    weight: float


@dataclass(frozen=True)
class Meta:
    title: str | None = None  # the title's text; where it is, and the signature, are the Report's frame
    issuer: str | None = None  # full name of the issuing body: 龙尾乡人民政府
    issuer_place: str | None = None  # the place name alone: 龙尾乡
    issuer_level: str | None = None  # one of LEVELS
    county: str | None = None
    city: str | None = None
    province: str | None = None
    division_code: str | None = None
    report_year: int | None = None
    year_source: str | None = None  # the kind of the strongest year evidence: title | opening | period | …
    regime: str | None = None  # 2007 | 2019 | 2021
    published: DateMention | None = None
    signed: DateMention | None = None
    period: Period | None = None
    county_code: str | None = None  # the issuer's county (or, for a department, its government's)
    issuer_verified: bool = False  # the gazetteer knows the issuer in the report year
    issuer_note: str | None = None  # why it is or is not verified
    issuer_evidence: tuple[Evidence, ...] = ()  # the places that name the chosen issuer
    year_evidence: tuple[Evidence, ...] = ()  # the places that give the chosen year
    self_level: str | None = None  # the level the body speaks as (我镇 -> township), if any


@dataclass(frozen=True)
class ReportTable:
    """A table as the report holds it: which statutory table it is, its cells, where it is."""

    kind: str | None  # active | applications | review | None
    cells: tuple[tuple[str, ...], ...]
    page: int | None
    start: int  # normalized offsets of its flattened rows
    end: int


@dataclass(frozen=True)
class Cell:
    """One number of a statutory table: its text as written, its value, and where it is."""

    row: str  # the layout's row key: new, total, rules…
    column: str  # the layout's column key: natural, total, issued…
    row_label: str  # the format's wording: 一、本年新收政府信息公开申请数量
    column_label: str  # 自然人, 本年制发件数…
    text: str
    value: float | None  # None when the text is no number
    problem: str | None  # blank | not-a-number | negative | fraction, or None when it is a proper count
    start: int  # normalized offsets of the cell's text (of its row's label when the cell is missing)
    end: int


@dataclass(frozen=True)
class StatTable:
    """A statutory table read into its format's rows and columns (rules/tables.yaml)."""

    kind: str  # active | applications | review
    variant: str  # the format whose layout it follows: 2019 | 2021
    cells: tuple[Cell, ...]  # in row order, then column order
    missing_rows: tuple[str, ...]  # rows of the layout the table does not have
    typo_rows: tuple[tuple[str, str, int, int], ...]  # (row key, label as written, its span): near the official
    start: int
    end: int
    page: int | None = None
    typo_columns: tuple[tuple[str, str, int, int], ...] = ()  # (column key, header as written, its span)

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], Cell]:
        return {(cell.row, cell.column): cell for cell in self.cells}

    @cached_property
    def numbers(self) -> dict[tuple[str, str], float]:
        """(row, column) -> the number of every cell that holds one (negative and fractional included)."""
        return {(c.row, c.column): c.value for c in self.cells if c.value is not None}

    def cell(self, row: str, column: str) -> Cell | None:
        return self._by_key.get((row, column))

    def __reduce__(self):
        """Pickled as plain tuples, without the cached lookups: a batch sends every report's tables from its
        worker to the parent, and a table of 200 cells unpickles six times faster this way."""
        fields = tuple(getattr(self, name) for name in _TABLE_FIELDS)
        return _stat_table, (tuple(_cell_tuple(cell) for cell in self.cells), fields)

    def value(self, row: str, column: str) -> float | None:
        return self.numbers.get((row, column))


_TABLE_FIELDS = ("kind", "variant", "missing_rows", "typo_rows", "start", "end", "page", "typo_columns")
_CELL_FIELDS = tuple(field.name for field in fields(Cell))


def _cell_tuple(cell: Cell) -> tuple:
    return tuple(cell.__dict__[name] for name in _CELL_FIELDS)


def _stat_table(cells: tuple[tuple, ...], values: tuple) -> StatTable:
    """A table back from `StatTable.__reduce__` (the cells built without the frozen __init__'s checks)."""
    built = []
    for cell_values in cells:
        cell = object.__new__(Cell)
        cell.__dict__.update(zip(_CELL_FIELDS, cell_values, strict=True))
        built.append(cell)
    return StatTable(cells=tuple(built), **dict(zip(_TABLE_FIELDS, values, strict=True)))


@dataclass(frozen=True)
class Report:
    text: Text
    tokens: Tokens
    meta: Meta
    sections: tuple[Section, ...]
    paragraphs: tuple[tuple[int, int], ...]
    figures: tuple[Figure, ...]
    tables: tuple[ReportTable, ...] = ()
    frame: Frame = field(default_factory=Frame)
    statistics: tuple[StatTable, ...] = ()  # the statutory tables, read into their layouts

    def statistic(self, kind: str) -> StatTable | None:
        return next((t for t in self.statistics if t.kind == kind), None)

    def section_at(self, offset: int) -> Section | None:
        """The innermost heading whose span holds `offset`."""
        found = None
        for section in self.sections:
            if section.start > offset:
                break
            if section.is_heading and section.start <= offset < section.end:
                found = section
        return found


@dataclass(frozen=True)
class Citation:
    law: str
    article: str | None = None
    item: str | None = None


@dataclass(frozen=True)
class Fix:
    replacement: str | None
    applicability: str  # safe | unsafe | manual


@dataclass(frozen=True)
class Hit:
    """What a check yields; the engine turns it into a Finding."""

    start: int
    end: int
    args: Mapping[str, Any] = field(default_factory=dict)  # for the message template
    data: Mapping[str, Any] = field(default_factory=dict)
    citation: Citation | None = None  # overrides the rule's
    fix: Fix | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    family: str
    severity: str
    message: str
    match: str
    start: int
    end: int
    location: Location
    section: str | None
    citation: Citation | None
    fix: Fix | None
    advice: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class AuditResult:
    """One input file's outcome: a report with findings, or an error."""

    path: str
    source: Source | None = None
    report: Report | None = None
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    skipped: bool = False  # found in a folder but not audited (hidden, README, not a report format): `error` says why
    copy_keys: tuple[tuple, ...] = ()  # the counted sentences' hashes and fingerprints, for copies across the batch
