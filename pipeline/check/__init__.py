"""Report + Rulebook + Context -> [Finding].

Each rule names a check kind; a kind is a function that yields `Hit`s from a
report and the kind's typed parameters. The engine, not the kind, stamps the
rule's code, severity, message and citation on each hit.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from pipeline.check.context import CheckContext
from pipeline.check.kinds import citations, dates, duplicates, patterns, places, source, structure, tables, totals
from pipeline.check.merge import merge_same_cause
from pipeline.check.params import build_params
from pipeline.errors import UsageError
from pipeline.gazetteer import Gazetteer
from pipeline.models import AuditResult, Finding, Hit, Report, StatTable
from pipeline.rulebook import Rule, Rulebook

CheckFunction = Callable[[Report, Any, CheckContext], Iterator[Hit]]


class Kind(NamedTuple):
    params: type  # the typed parameters the rule's `params` become
    function: CheckFunction
    args: frozenset[str] = frozenset()  # what the kind offers a message template besides {match}


def _kind(params: type, function: CheckFunction, *args: str) -> Kind:
    return Kind(params, function, frozenset(args))


KINDS: dict[str, Kind] = {
    "pattern": _kind(patterns.PatternParams, patterns.check_pattern, "note", "year"),  # + named groups
    "required-items": _kind(structure.NoParams, structure.check_required_items, "item"),
    "format-headings": _kind(structure.NoParams, structure.check_format_headings, "heading"),
    "heading-numbering": _kind(structure.NoParams, structure.check_heading_numbering, "expected"),
    "empty-sections": _kind(structure.NoParams, structure.check_empty_sections, "heading"),
    "parts-count": _kind(structure.PartsCountParams, structure.check_parts_count, "stated", "counted", "against"),
    "issuer-unknown": _kind(structure.NoParams, structure.check_issuer_unknown, "voice"),
    "foreign-township": _kind(places.PlaceParams, places.check_foreign_township, "issuer", "evidence"),
    "file-name-place": _kind(places.NoPlaceParams, places.check_file_name_place, "name", "issuer", "file"),
    "foreign-superior": _kind(places.PlaceParams, places.check_foreign_superior, "county"),
    "former-own-name": _kind(places.PlaceParams, places.check_former_own_name, "year", "reason", "now"),
    "stale-year": _kind(dates.StaleYearParams, dates.check_stale_year, "year", "found"),
    "report-year-unknown": _kind(structure.NoParams, dates.check_report_year_unknown),
    "publication-deadline": _kind(structure.NoParams, dates.check_publication_deadline, "what", "date", "deadline"),
    "dated-before-year-end": _kind(structure.NoParams, dates.check_dated_before_year_end, "what", "date", "year"),
    "statistics-period": _kind(dates.PeriodParams, dates.check_statistics_period, "first", "last", "year"),
    "own-report-year": _kind(dates.OwnReportYearParams, dates.check_own_report_year, "year", "found"),
    "article-scope": _kind(citations.ArticleScopeParams, citations.check_article_scope, "right"),
    "repeated-passages": _kind(duplicates.RepeatedParams, duplicates.check_repeated_passages, "first"),
    "batch-copies": _kind(duplicates.CopyParams, duplicates.check_batch_copies, "other", "share", "count"),
    "source-warning": _kind(source.SourceWarningParams, source.check_source_warning, "detail"),
    "table-sum": _kind(
        tables.TableSumParams, tables.check_table_sum, "identity", "left", "right", "line", "row", "column"
    ),
    "table-cells": _kind(tables.TableCellsParams, tables.check_table_cells, "cell", "problem"),
    "table-zero": _kind(tables.TableZeroParams, tables.check_table_zero, "cell", "value"),
    "table-variant": _kind(tables.TableVariantParams, tables.check_table_variant, "table", "used", "expected"),
    "table-presence": _kind(tables.TablePresenceParams, tables.check_table_presence, "table", "why"),
    "table-labels": _kind(tables.TableLabelParams, tables.check_table_labels, "official"),
    "carried-over": _kind(
        tables.CarriedParams, tables.check_carried_over, "cell", "value", "other_year", "other_cell", "other_value"
    ),
    "in-force-carried": _kind(
        tables.InForceParams,
        tables.check_in_force_carried,
        "row",
        "year",
        "now",
        "before",
        "issued",
        "repealed",
        "expected",
    ),
    "stated-total": _kind(totals.StatedTotalParams, totals.check_stated_total, "total", "sum", "unit", "parts"),
    "table-text": _kind(tables.TableTextParams, tables.check_table_text, "cell", "value", "stated"),
}
ACROSS_YEARS = frozenset({"carried-over", "in-force-carried"})  # kinds that compare a report with its neighbours


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    params: Any
    function: CheckFunction


class Checker:
    """The rulebook compiled once per process: typed parameters, the selected rules."""

    def __init__(self, rulebook: Rulebook, gazetteer: Gazetteer, rules: Iterable[Rule] | None = None):
        self.rulebook = rulebook
        self.gazetteer = gazetteer
        every = {rule.code: _activate(rule, rulebook) for rule in rulebook.rules}  # the whole rulebook is checked
        self.active = tuple(every[rule.code] for rule in (rulebook.rules if rules is None else rules))

    def check(
        self, report: Report, neighbours: Mapping[int, tuple[StatTable, ...]] | None = None
    ) -> tuple[Finding, ...]:
        """Every selected rule; with `neighbours` (the issuer's other years), only the rules across years."""
        regime = self.rulebook.regime_for(report.meta.report_year)
        ctx = CheckContext(self.rulebook, regime, self.gazetteer, neighbours or {})
        findings = []
        for active in self.active:
            if (neighbours is not None) != (active.rule.check in ACROSS_YEARS):
                continue
            hits = sorted(active.function(report, active.params, ctx), key=lambda h: (h.start, h.end))
            findings += [make_finding(active.rule, hit, report) for hit in hits[:MAX_PER_RULE]]
            if len(hits) > MAX_PER_RULE:
                findings.append(_omitted(active.rule, hits[MAX_PER_RULE:], report))
        if neighbours is None:
            findings = merge_same_cause(findings, regime)
        findings.sort(key=in_order)
        return tuple(findings)


def select_rules(rulebook: Rulebook, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules whose code starts with, or whose name equals, a selected token and no ignored one."""
    select, ignore = list(select), list(ignore)
    for token in select + ignore:
        if not any(_matches(rule, token) for rule in rulebook.rules):
            raise UsageError(f"'{token}' names no rule; run 'gongkai rules' for the codes, names and families")
    return [
        rule
        for rule in rulebook.rules
        if (not select or any(_matches(rule, t) for t in select)) and not any(_matches(rule, t) for t in ignore)
    ]


def _matches(rule: Rule, token: str) -> bool:
    token = token.strip()
    return rule.code.startswith(token.upper()) or rule.name == token.lower()


def _activate(rule: Rule, rulebook: Rulebook) -> ActiveRule:
    if rule.check not in KINDS:
        raise UsageError(
            f"{rule.origin}: rule {rule.code} has unknown check kind '{rule.check}'; known: {', '.join(sorted(KINDS))}"
        )
    kind = KINDS[rule.check]
    params = build_params(kind.params, rule.params, f"{rule.origin}: rule {rule.code} params")
    if hasattr(params, "validate"):  # keys that refer to other parts of the rulebook (a table's rows)
        try:
            params.validate(rulebook)
        except UsageError as exc:
            raise UsageError(f"{rule.origin}: rule {rule.code} params: {exc}") from None
    offered = kind.args | {"match"} | _named_groups(params)
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(rule.message) if name is not None}
    except ValueError as exc:
        raise UsageError(
            f"{rule.origin}: rule {rule.code} message: {exc}; write a literal brace as {{{{ or }}}}"
        ) from None
    unknown = sorted(fields - offered)
    if unknown:
        raise UsageError(
            f"{rule.origin}: rule {rule.code} message uses {{{unknown[0]}}}, which kind '{rule.check}' does not give; "
            f"it gives {', '.join('{' + a + '}' for a in sorted(offered))}"
        )
    return ActiveRule(rule, params, kind.function)


def _named_groups(params: Any) -> set[str]:
    """The named groups of a pattern rule's regexes, which its message may use."""
    return {name for entry in getattr(params, "patterns", ()) for name in entry.compiled.groupindex}


MAX_PER_RULE = 50  # findings of one rule in one report; the rest are counted in one more finding


def _omitted(rule: Rule, hits: list[Hit], report: Report) -> Finding:
    """One finding where the unlisted hits begin, saying how many there are."""
    first = hits[0].start
    message = (
        f"同类问题另有 {len(hits)} 处未逐条列出（每条规则每份报告最多列出 {MAX_PER_RULE} 处）；"
        "请先改正已列出的，再重新审核"
    )
    return replace(
        make_finding(rule, Hit(first, first), report), message=message, fix=None, data={"omitted": len(hits)}
    )


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def in_order(finding: Finding) -> tuple[int, int, str]:
    """Findings are listed where they are in the text, then by rule."""
    return finding.start, finding.end, finding.rule


def with_findings(result: AuditResult, extra: Iterable[Finding]) -> AuditResult:
    """The result with more findings (from checks over the batch), all in order."""
    extra = tuple(extra)
    return replace(result, findings=tuple(sorted(result.findings + extra, key=in_order))) if extra else result


def make_finding(rule: Rule, hit: Hit, report: Report) -> Finding:
    """A hit stamped with its rule: code, severity, message, citation, where it is."""
    text = report.text
    match = text.text[hit.start : hit.end]
    message = rule.message.format_map(_Blank(match=match, **hit.args))
    section = report.section_at(hit.start) if hit.end > hit.start else None
    return Finding(
        rule=rule.code,
        name=rule.name,
        family=rule.family,
        severity=rule.severity,
        message=message,
        match=match,
        start=hit.start,
        end=hit.end,
        location=text.locate(hit.start, hit.end),
        section=section.path if section else None,
        citation=hit.citation or rule.citation,
        fix=hit.fix,
        advice=rule.advice,
        data=dict(hit.data),
    )
