"""Load the rulebook (`rules/*.yaml`): rules, report-year regimes and word lists.

The rulebook is data a domain expert edits; this module only reads and checks
its shape. Each rule's `params` stay a plain mapping here; the check stage
turns them into the typed parameters of the rule's check kind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import UsageError
from pipeline.models import SEVERITIES, Citation, check_levels

FAMILIES = {
    "ST": "structure and statutory completeness",
    "TB": "tables and figures",
    "PL": "places and units",
    "DT": "dates and years",
    "LG": "legal citations",
    "DP": "duplication",
    "TX": "text defects",
}
_CODE = re.compile(r"^(?P<family>[A-Z]{2})\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RULE_KEYS = {
    "code",
    "name",
    "severity",
    "summary",
    "message",
    "why",
    "citation",
    "advice",
    "check",
    "params",
    "examples",
}


@dataclass(frozen=True)
class Example:
    text: str
    match: str | None = None  # for a failing example: the text a finding must cover
    # What ingest would have noticed about the file (code, message): a scanned PDF's OCR'd pages.
    source_warnings: tuple[tuple[str, str], ...] = ()
    earlier: str | None = None  # another report of the run read first (the year before, for checks across years)
    file: str = "example.txt"  # the file's name, for rules that read it


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    severity: str
    summary: str
    message: str
    why: str
    citation: Citation | None
    advice: str
    check: str
    params: Mapping[str, Any]
    fail_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    origin: str  # the file it came from


@dataclass(frozen=True)
class RequiredItem:
    key: str
    label: str
    article: str
    item: str
    patterns: tuple[re.Pattern, ...]
    levels: tuple[str, ...] = ()  # issuer levels it applies to; empty: all


@dataclass(frozen=True)
class FormatHeading:
    key: str
    label: str
    patterns: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    signed: bool = False  # may be negative (本年增/减)
    decimal: bool = False  # may hold a fraction (an amount in 万元)


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    patterns: tuple[re.Pattern, ...]  # over the normalized label; none: the table's one row of numbers
    columns: tuple[str, ...]  # the columns its numbers fill, in order


@dataclass(frozen=True)
class TableLayout:
    """One statutory table of one format (rules/tables.yaml)."""

    kind: str  # active | applications | review
    variant: str  # the format: 2019 | 2021
    name: str
    detect: tuple[str, ...]  # all in the table's first rows: it is this kind of table
    variant_words: tuple[str, ...]  # any in the table: it follows this variant
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]

    @cached_property
    def column(self) -> dict[str, ColumnSpec]:
        return {c.key: c for c in self.columns}

    @cached_property
    def row(self) -> dict[str, RowSpec]:
        return {r.key: r for r in self.rows}


TABLE_KINDS = ("active", "applications", "review")


@dataclass(frozen=True)
class Regime:
    id: str
    first_year: int
    last_year: int
    law: str
    format: str | None
    deadline_month: int
    deadline_day: int
    deadline_article: str
    items: tuple[RequiredItem, ...]
    headings: tuple[FormatHeading, ...]
    tables: str | None = None  # the layouts (rules/tables.yaml) of the format's statutory tables


@dataclass(frozen=True)
class FurnitureWords:
    """Vocabulary of page furniture (the lines around a web page's or PDF's report)."""

    info_labels: tuple[str, ...]  # 时间, 来源, 浏览次数…: "label:" lines are the info bar
    widgets: tuple[str, ...]  # 打印, 关闭, 字体, 大, 中, 小…: a line of only these is furniture
    crumb_starts: tuple[str, ...]  # 首页, 当前位置…: a line that starts so is a navigation path
    published_labels: tuple[str, ...]  # 时间, 发布时间…: their date is the publication date


@dataclass(frozen=True)
class Lexicon:
    statutory_terms: tuple[str, ...]
    self_references: Mapping[str, tuple[str, ...]]  # level -> words the body speaks as (我镇)
    place_suffixes: tuple[str, ...]
    generic_place_words: frozenset[str]
    figure_units: tuple[str, ...]
    furniture: FurnitureWords
    report_words: tuple[str, ...]  # a text with none of these is not an annual report
    not_report_titles: tuple[re.Pattern, ...] = ()  # nor one whose first line is a notice's title

    def self_words(self, levels: tuple[str, ...]) -> tuple[str, ...]:
        """The self-references of the given levels: 我乡, 本镇, 全街道…"""
        return tuple(word for level in levels for word in self.self_references.get(level, ()))


@dataclass(frozen=True)
class Rulebook:
    rules: tuple[Rule, ...]
    regimes: tuple[Regime, ...]
    lexicon: Lexicon
    laws: Mapping[str, str]
    layouts: Mapping[str, Mapping[str, TableLayout]] = field(default_factory=dict)  # variant -> kind -> layout

    @cached_property
    def by_code(self) -> dict[str, Rule]:
        return {rule.code: rule for rule in self.rules}

    def with_settings(self, severities: Mapping[str, str], deadlines: Mapping[str, tuple[int, int]]) -> Rulebook:
        """This rulebook with a county's severities (by rule code) and deadlines (by regime id)."""
        unknown = sorted(set(severities) - set(self.by_code))
        if unknown:
            raise UsageError(f"[severity] 中的 {unknown} 不是规则编号；`gongkai rules` 列出全部规则")
        unknown = sorted(set(deadlines) - {r.id for r in self.regimes})
        if unknown:
            raise UsageError(f"[deadlines] 中的 {unknown} 不是适用规定的编号；可用的有 {[r.id for r in self.regimes]}")
        rules = tuple(replace(r, severity=severities.get(r.code, r.severity)) for r in self.rules)
        regimes = tuple(
            replace(r, deadline_month=deadlines[r.id][0], deadline_day=deadlines[r.id][1]) if r.id in deadlines else r
            for r in self.regimes
        )
        return replace(self, rules=rules, regimes=regimes)

    def regime_for(self, year: int | None) -> Regime | None:
        if year is None:
            return None
        for regime in self.regimes:
            if regime.first_year <= year <= regime.last_year:
                return regime
        return None


def default_rules_dir() -> Path:
    return Path(str(resources.files("rules")))


def load_rulebook(directory: Path | None = None) -> Rulebook:
    directory = directory or default_rules_dir()
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise UsageError(f"no rule files (*.yaml) in {directory}; point --rules at a copy of the bundled rules/ folder")
    documents = [(path.name, _read_yaml(path)) for path in files]
    laws: dict[str, str] = {}
    for _, document in documents:
        laws.update(document.get("laws", {}))
    rules: list[Rule] = []
    regimes: list[Regime] = []
    lexicon = None
    layouts: dict[str, dict[str, TableLayout]] = {}
    for origin, document in documents:
        rules += [_rule(raw, origin) for raw in document.get("rules", [])]
        regimes += [_regime(raw, laws, origin) for raw in document.get("regimes", [])]
        for variant, tables in (document.get("layouts") or {}).items():
            layouts[str(variant)] = _layouts(tables, str(variant), origin)
        if "lexicon" in document:
            lexicon = _lexicon(document["lexicon"], origin)
    if lexicon is None:
        raise UsageError(
            f"the rulebook in {directory} has no lexicon; copy lexicon.yaml from the bundled rules/ folder"
        )
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.code, rule.name):
            if key in seen:
                raise UsageError(f"{rule.origin}: {key} is defined twice (also in {seen[key]})")
            seen[key] = rule.origin
    for regime in regimes:
        if regime.tables is not None and regime.tables not in layouts:
            raise UsageError(
                f"regimes.yaml: regime {regime.id} uses tables '{regime.tables}', which tables.yaml does not lay out; "
                f"known: {sorted(layouts)}"
            )
    rules.sort(key=lambda rule: rule.code)
    return Rulebook(tuple(rules), tuple(regimes), lexicon, laws, layouts)


def _read_yaml(path: Path) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: not valid YAML: {' '.join(str(exc).split())}; fix the file") from None
    if not isinstance(document, dict):
        raise UsageError(f"{path}: expected a mapping at the top level")
    return document


def _rule(raw: Mapping[str, Any], origin: str) -> Rule:
    where = f"{origin}: rule {raw.get('code', '?')}"
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise UsageError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("code", "name", "severity", "summary", "message", "why", "check"):
        if not raw.get(key):
            raise UsageError(f"{where}: '{key}' is required")
    code = _CODE.match(raw["code"])
    if not code or code["family"] not in FAMILIES:
        raise UsageError(f"{where}: code must be a family ({', '.join(FAMILIES)}) and three digits")
    if not _NAME.match(raw["name"]):
        raise UsageError(f"{where}: name must be kebab-case, e.g. foreign-township-name")
    if raw["severity"] not in SEVERITIES:
        raise UsageError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    citation = raw.get("citation")
    if citation:
        _keys(citation, {"law"}, {"article", "item"}, f"{where} citation")
    examples = raw.get("examples") or {}
    fails = tuple(_example(e, where) for e in examples.get("fail", []))
    passes = tuple(_example(e, where) for e in examples.get("pass", []))
    if not fails or not passes:
        raise UsageError(f"{where}: every rule needs at least one failing and one passing example")
    return Rule(
        code=raw["code"],
        name=raw["name"],
        family=code["family"],
        severity=raw["severity"],
        summary=raw["summary"].strip(),
        message=raw["message"].strip(),
        why=" ".join(raw["why"].split()),
        citation=Citation(**citation) if citation else None,
        advice=(raw.get("advice") or "").strip(),
        check=raw["check"],
        params=raw.get("params") or {},
        fail_examples=fails,
        pass_examples=passes,
        origin=origin,
    )


def _example(raw: Any, where: str) -> Example:
    if isinstance(raw, str):
        return Example(raw)
    if (
        isinstance(raw, Mapping)
        and "text" in raw
        and set(raw) <= {"text", "match", "source_warnings", "earlier", "file"}
    ):
        match = raw.get("match")
        if match is not None and not isinstance(match, str):
            raise UsageError(f"{where}: example match {match!r} must be text; put it in quotes")
        warnings = tuple((w["code"], w["message"]) for w in raw.get("source_warnings", ()))
        return Example(raw["text"], match, warnings, raw.get("earlier"), raw.get("file", "example.txt"))
    raise UsageError(
        f"{where}: an example is a text or a mapping with 'text', 'match', 'source_warnings', 'earlier' and 'file'"
    )


def _patterns(raw: list[str], where: str) -> tuple[re.Pattern, ...]:
    try:
        return tuple(re.compile(p) for p in raw)
    except re.error as exc:
        raise UsageError(f"{where}: bad pattern: {exc}") from None


def _levels(raw: Any, where: str) -> tuple[str, ...]:
    try:
        check_levels(raw)
    except ValueError as exc:
        raise UsageError(f"{where}: {exc}") from None
    return tuple(raw)


def _keys(raw: Any, required: set[str], optional: set[str], where: str) -> Mapping[str, Any]:
    """A mapping with exactly these keys: unknown ones refused, missing ones named."""
    if not isinstance(raw, Mapping):
        raise UsageError(f"{where}: expected a mapping with keys {sorted(required | optional)}")
    unknown = sorted(set(raw) - required - optional)
    if unknown:
        raise UsageError(f"{where}: unknown keys {unknown}; known: {sorted(required | optional)}")
    missing = sorted(required - set(raw))
    if missing:
        raise UsageError(f"{where}: '{missing[0]}' is required")
    return raw


def _regime(raw: Mapping[str, Any], laws: Mapping[str, str], origin: str) -> Regime:
    where = f"{origin}: regime {raw.get('id') if isinstance(raw, Mapping) else '?'}"
    _keys(raw, {"id", "years", "law", "deadline"}, {"format", "items", "headings", "tables"}, where)
    years = raw["years"]
    if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)):
        raise UsageError(f"{where}: 'years' must be [first, last], e.g. [2021, 2100]")
    _keys(raw["deadline"], {"month", "day", "article"}, set(), f"{where} deadline")
    for index, item in enumerate(raw.get("items") or []):
        _keys(item, {"key", "label", "article", "item", "patterns"}, {"levels"}, f"{where} items[{index}]")
    for index, heading in enumerate(raw.get("headings") or []):
        _keys(heading, {"key", "label", "patterns"}, set(), f"{where} headings[{index}]")
    if raw.get("law") not in laws:
        raise UsageError(f"{where}: law '{raw.get('law')}' is not among laws: {sorted(laws)}")
    items = tuple(
        RequiredItem(
            key=item["key"],
            label=item["label"],
            article=item["article"],
            item=item["item"],
            patterns=_patterns(item["patterns"], where),
            levels=_levels(item.get("levels", ()), where),
        )
        for item in raw.get("items", [])
    )
    headings = tuple(
        FormatHeading(h["key"], h["label"], _patterns(h["patterns"], where)) for h in raw.get("headings") or []
    )
    first, last = raw["years"]
    deadline = raw["deadline"]
    return Regime(
        id=str(raw["id"]),
        first_year=first,
        last_year=last,
        law=laws[raw["law"]],
        format=raw.get("format"),
        deadline_month=deadline["month"],
        deadline_day=deadline["day"],
        deadline_article=deadline["article"],
        items=items,
        headings=headings,
        tables=str(raw["tables"]) if raw.get("tables") is not None else None,
    )


def _layouts(raw: Any, variant: str, origin: str) -> dict[str, TableLayout]:
    where = f"{origin}: layouts {variant}"
    _keys(raw, set(TABLE_KINDS), set(), where)
    return {kind: _layout(raw[kind], kind, variant, f"{where} {kind}") for kind in TABLE_KINDS}


def _layout(raw: Any, kind: str, variant: str, where: str) -> TableLayout:
    _keys(raw, {"name", "detect", "variant_words", "columns", "rows"}, set(), where)
    columns = []
    for index, column in enumerate(raw["columns"]):
        _keys(column, {"key", "label"}, {"signed", "decimal"}, f"{where} columns[{index}]")
        columns.append(
            ColumnSpec(column["key"], column["label"], bool(column.get("signed")), bool(column.get("decimal")))
        )
    known = {c.key for c in columns}
    rows = []
    for index, row in enumerate(raw["rows"]):
        _keys(row, {"key", "label", "patterns", "columns"}, set(), f"{where} rows[{index}]")
        unknown = sorted(set(row["columns"]) - known)
        if unknown:
            raise UsageError(f"{where} rows[{index}] ({row['key']}): unknown columns {unknown}; known: {sorted(known)}")
        rows.append(RowSpec(row["key"], row["label"], _patterns(row["patterns"], where), tuple(row["columns"])))
    return TableLayout(
        kind, variant, raw["name"], tuple(raw["detect"]), tuple(raw["variant_words"]), tuple(columns), tuple(rows)
    )


def _lexicon(raw: Mapping[str, Any], origin: str) -> Lexicon:
    try:
        furniture = raw["furniture"]
        lexicon = Lexicon(
            statutory_terms=tuple(raw["statutory_terms"]),
            self_references={k: tuple(v) for k, v in raw["self_references"].items()},
            place_suffixes=tuple(raw["place_suffixes"]),
            generic_place_words=frozenset(raw["generic_place_words"]),
            figure_units=tuple(sorted(raw["figure_units"], key=len, reverse=True)),
            report_words=tuple(raw["report_words"]),
            not_report_titles=_patterns(raw.get("not_report_titles", []), f"{origin}: lexicon not_report_titles"),
            furniture=FurnitureWords(
                info_labels=tuple(furniture["info_labels"]),
                widgets=tuple(furniture["widgets"]),
                crumb_starts=tuple(furniture["crumb_starts"]),
                published_labels=tuple(furniture["published_labels"]),
            ),
        )
    except (KeyError, TypeError) as exc:
        raise UsageError(f"{origin}: lexicon lacks {exc}; compare it with the bundled rules/lexicon.yaml") from None
    _levels(lexicon.self_references, f"{origin}: lexicon self_references")
    return lexicon
