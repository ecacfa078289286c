"""`-o NAME.xlsx`: the supervisor's workbook — one row per report, one per problem, statistics, the rules.

Sheets: 汇总 (a row per file: issuer, year, each statutory item, tables, counts, key
figures, deadline, score), 问题清单 (a row per finding, with the sentence it quotes,
the legal basis and the advice), 雷同 (reports that share text), 统计 (findings per
rule and per issuer, with native Excel charts) and 规则 (the rules used). Every text
from a document is written as text: a line starting with = + - @ stays a string,
never a formula (XlsxWriter's strings_to_formulas is off and only write_string is used).
汇总 and 问题清单 are written row by row as results stream in (XlsxWriter's constant memory
mode), so the parent's work overlaps the workers' and its memory stays flat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipeline import __version__
from pipeline.check.kinds.structure import item_presence
from pipeline.models import AuditResult, Report
from pipeline.report.rows import FINDING_HEAD, SEVERITY_NAMES, finding_row
from pipeline.report.summary import Summary
from pipeline.report.terminal import LEVEL_NAMES, citation_text
from pipeline.rulebook import Rulebook

BALANCE_RULES = ("TB101", "TB102", "TB103", "TB104")  # the identities of the tables
# Key figures of the tables: (column title, table, row, columns summed)
KEY_FIGURES = (
    ("本年新收申请", "applications", "new", ("total",)),
    ("上年结转", "applications", "carried", ("total",)),
    ("结转下年度", "applications", "carry_forward", ("total",)),
    ("行政复议", "review", "cases", ("review_total",)),
    ("行政诉讼", "review", "cases", ("direct_total", "after_total")),
)
ERROR_WEIGHT, WARNING_WEIGHT = 10, 3  # the score: 100 less these per error and per warning, at least 0


@dataclass(frozen=True)
class _Overview:
    """One file's row of 汇总."""

    path: str
    issuer: str | None = None
    level: str | None = None
    county: str | None = None
    year: int | None = None
    regime: str | None = None
    items: dict[str, str] = field(default_factory=dict)  # item key -> 有 | 缺
    tables: str | None = None
    balance: str | None = None
    counts: Counter = field(default_factory=Counter)  # by severity
    figures: dict[str, float | None] = field(default_factory=dict)
    published: str | None = None
    on_time: str | None = None
    score: int | None = None
    error: str | None = None


@dataclass
class _Batch:
    copy_rows: list[list[Any]] = field(default_factory=list)
    items: dict[str, str] = field(default_factory=dict)  # item key -> label, in the order first met
    by_rule: Counter = field(default_factory=Counter)
    reports_by_rule: dict[str, set[str]] = field(default_factory=dict)
    by_issuer: dict[str, Counter] = field(default_factory=dict)
    item_present: Counter = field(default_factory=Counter)
    item_required: Counter = field(default_factory=Counter)


class XlsxWriter:
    """Writes 汇总 and 问题清单 row by row as results come (constant memory); the other sheets at the end."""

    def __init__(self, path: str, settings):
        self.path = path
        self.rulebook: Rulebook = settings.rulebook
        self.batch = _Batch()
        for regime in self.rulebook.regimes:  # the columns of 汇总: every statutory item of every regime
            for item in regime.items:
                self.batch.items.setdefault(item.key, _short(item.label))

    def start(self) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(self.path, {"strings_to_formulas": False, "strings_to_urls": False,
                                                    "strings_to_numbers": False, "constant_memory": True})  # fmt: skip
        self.formats = _Formats(self.book)
        self.overview_head = ["文件", "发布机关", "层级", "县（市、区）", "报告年度", "适用格式或条例"]
        self.overview_head += list(self.batch.items.values())
        self.overview_head += ["统计表读出", "统计表勾稽", "错误", "警告", "提示"] + [t for t, *_ in KEY_FIGURES]
        self.overview_head += ["发布日期", "是否按期", "得分", "无法审核的原因"]
        self.overview = _sheet(self.book, "汇总", self.overview_head, self.formats)
        self.problems = _sheet(self.book, "问题清单", list(FINDING_HEAD), self.formats)
        self.overview_rows = self.problem_rows = 0

    def add(self, result: AuditResult) -> None:
        row = self._overview_row(result)
        self.overview_rows += 1
        _row(self.overview, self.overview_rows, self._overview_values(row), self.formats)
        for finding in result.findings:
            self.batch.by_rule[finding.rule] += 1
            self.batch.reports_by_rule.setdefault(finding.rule, set()).add(result.path)
            values = finding_row(result, finding)
            self.problem_rows += 1
            _row(self.problems, self.problem_rows, values, self.formats, fill=self.formats.severity.get(values[7]))

    def _overview_row(self, result: AuditResult) -> _Overview:
        report = result.report
        if report is None:
            return _Overview(result.path, error=result.error)
        counts = Counter(f.severity for f in result.findings)
        meta = report.meta
        issuer = meta.issuer or "发布机关不明"
        self.batch.by_issuer.setdefault(issuer, Counter()).update(counts)
        regime = self.rulebook.regime_for(meta.report_year)
        presence = {}
        if regime is not None:
            for item, present in item_presence(report, regime).items():
                presence[item.key] = "有" if present else "缺"
                self.batch.item_required[item.key] += 1
                self.batch.item_present[item.key] += present
        tables = f"{len(report.statistics)}/3" if regime and regime.tables else "不适用"
        broken = [f for f in result.findings if f.rule in BALANCE_RULES]
        balance = (
            ("不平衡" if broken else "平衡") if report.statistics else ("无法核对" if regime and regime.tables else "—")
        )
        figures = {title: _figure(report, kind, row, columns) for title, kind, row, columns in KEY_FIGURES}
        published = meta.published.value if meta.published else None
        on_time = _on_time(published or (meta.signed.value if meta.signed else None), meta.report_year, regime)
        score = max(0, 100 - ERROR_WEIGHT * counts["error"] - WARNING_WEIGHT * counts["warning"])
        return _Overview(
            result.path, issuer, LEVEL_NAMES.get(meta.issuer_level or "", meta.issuer_level), meta.county,
            meta.report_year, regime.format or regime.law if regime else None, presence, tables, balance,
            counts, figures, published.isoformat() if published else None, on_time, score,
        )  # fmt: skip

    def _overview_values(self, row: _Overview) -> list[Any]:
        values = [row.path, row.issuer, row.level, row.county, row.year, row.regime]
        values += [row.items.get(key, "—") if row.error is None else None for key in self.batch.items]
        values += [row.tables, row.balance] + [row.counts[s] for s in ("error", "warning", "info")]
        values += [row.figures.get(title) for title, *_ in KEY_FIGURES]
        return values + [row.published, row.on_time, row.score, row.error]

    def add_copies(self, pairs) -> None:
        """Pairs of reports of the batch that share text (pipeline/check/copies.py)."""
        for pair in pairs:
            self.batch.copy_rows.append([pair.path, pair.issuer, pair.other_path, pair.other_issuer, pair.share,
                                         " / ".join(pair.passages)])  # fmt: skip

    def finish(self, summary: Summary) -> None:
        head, last, formats = self.overview_head, self.overview_rows, self.formats
        errors_column = head.index("错误")
        if last:
            for column, fill in ((errors_column, formats.red), (errors_column + 1, formats.amber)):
                self.overview.conditional_format(1, 0, last, len(head) - 1, {"type": "formula", "format": fill,
                                                 "criteria": f"=${_column(column)}2>0"})  # fmt: skip
        _finish_sheet(self.overview, head, last)
        _finish_sheet(self.problems, list(FINDING_HEAD), self.problem_rows)
        self._copies(self.book, formats)
        self._statistics(self.book, formats)
        self._rules(self.book, formats)
        self.book.close()

    def _copies(self, book, formats: _Formats) -> None:
        head = ["文件", "发布机关", "雷同文件", "雷同发布机关", "雷同比例", "相同段落（节选）"]
        sheet = _sheet(book, "雷同", head, formats)
        for r, row in enumerate(self.batch.copy_rows, start=1):
            _row(sheet, r, row, formats)
            sheet.write_number(r, 4, row[4], formats.percent)
        _finish_sheet(sheet, head, len(self.batch.copy_rows))

    def _statistics(self, book, formats: _Formats) -> None:
        sheet = book.add_worksheet("统计")
        head = ["规则", "名称", "严重程度", "问题数", "涉及报告数"]
        for c, title in enumerate(head):
            sheet.write_string(0, c, title, formats.head)
        names = {rule.code: rule for rule in self.rulebook.rules}
        rules = sorted(self.batch.by_rule, key=lambda code: (-self.batch.by_rule[code], code))
        for r, code in enumerate(rules, start=1):
            rule = names.get(code)
            _row(sheet, r, [code, rule.name if rule else None, SEVERITY_NAMES.get(rule.severity) if rule else None,
                            self.batch.by_rule[code], len(self.batch.reports_by_rule[code])], formats)  # fmt: skip
        # per issuer, most errors first
        top = len(rules) + 3
        issuer_head = ["发布机关", "错误", "警告", "提示"]
        for c, title in enumerate(issuer_head):
            sheet.write_string(top, c, title, formats.head)
        issuers = sorted(self.batch.by_issuer.items(), key=lambda kv: (-kv[1]["error"], -kv[1]["warning"], kv[0]))
        for r, (issuer, counts) in enumerate(issuers, start=top + 1):
            _row(sheet, r, [issuer, counts["error"], counts["warning"], counts["info"]], formats)
        # statutory items: the share of reports that have each
        items_top = top + len(issuers) + 3
        for c, title in enumerate(["法定事项", "具备的报告", "应具备的报告", "具备率"]):
            sheet.write_string(items_top, c, title, formats.head)
        for r, (key, label) in enumerate(self.batch.items.items(), start=items_top + 1):
            required, present = self.batch.item_required[key], self.batch.item_present[key]
            _row(sheet, r, [label, present, required], formats)
            sheet.write_number(r, 3, present / required if required else 0, formats.percent)
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 4, 14)
        if issuers:
            chart = book.add_chart({"type": "bar"})
            chart.add_series({"name": "错误", "categories": ["统计", top + 1, 0, top + min(len(issuers), 20), 0],
                              "values": ["统计", top + 1, 1, top + min(len(issuers), 20), 1], "fill": {"color": "#C0392B"}})  # fmt: skip
            chart.add_series({"name": "警告", "categories": ["统计", top + 1, 0, top + min(len(issuers), 20), 0],
                              "values": ["统计", top + 1, 2, top + min(len(issuers), 20), 2], "fill": {"color": "#E6A23C"}})  # fmt: skip
            chart.set_title({"name": "各发布机关的问题数（前20）"})
            chart.set_y_axis({"reverse": True})
            sheet.insert_chart(1, 6, chart, {"x_scale": 1.4, "y_scale": 1.4})
        if self.batch.items:
            chart = book.add_chart({"type": "column"})
            last = items_top + len(self.batch.items)
            chart.add_series({"name": "具备率", "categories": ["统计", items_top + 1, 0, last, 0],
                              "values": ["统计", items_top + 1, 3, last, 3]})  # fmt: skip
            chart.set_title({"name": "法定事项具备率"})
            chart.set_y_axis({"max": 1, "num_format": "0%"})
            sheet.insert_chart(24, 6, chart, {"x_scale": 1.4, "y_scale": 1.2})

    def _rules(self, book, formats: _Formats) -> None:
        head = ["规则", "名称", "类别", "严重程度", "检查什么", "依据"]
        sheet = _sheet(book, "规则", head, formats)
        for r, rule in enumerate(self.rulebook.rules, start=1):
            _row(sheet, r, [rule.code, rule.name, rule.family, SEVERITY_NAMES[rule.severity], rule.summary,
                            citation_text(rule.citation) if rule.citation else None], formats)  # fmt: skip
        digest = hashlib.sha256("".join(sorted(r.origin + r.code + r.message for r in self.rulebook.rules)).encode())
        note = len(self.rulebook.rules) + 2
        sheet.write_string(note, 0, f"gongkai {__version__} · 规则库 {digest.hexdigest()[:12]}", formats.note)
        _finish_sheet(sheet, head, len(self.rulebook.rules))


class _Formats:
    def __init__(self, book):
        self.head = book.add_format({"bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True})
        self.text = book.add_format({"text_wrap": False, "valign": "top"})
        self.red = book.add_format({"bg_color": "#F8D7DA"})
        self.amber = book.add_format({"bg_color": "#FFF3CD"})
        self.percent = book.add_format({"num_format": "0%"})
        self.note = book.add_format({"italic": True, "font_color": "#666666"})
        self.severity = {"错误": self.red, "警告": self.amber}


def _sheet(book, name: str, head: list[str], formats: _Formats):
    sheet = book.add_worksheet(name)
    for c, title in enumerate(head):
        sheet.write_string(0, c, title, formats.head)
    return sheet


def _row(sheet, r: int, values: list[Any], formats: _Formats, fill=None) -> None:
    """Numbers as numbers, everything else as text (never a formula, whatever it starts with)."""
    for c, value in enumerate(values):
        if value is None:
            sheet.write_blank(r, c, None, fill)
        elif isinstance(value, bool):
            sheet.write_string(r, c, "是" if value else "否", fill)
        elif isinstance(value, int | float):
            sheet.write_number(r, c, value, fill)
        else:
            sheet.write_string(r, c, str(value), fill)


def _finish_sheet(sheet, head: list[str], rows: int) -> None:
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(rows, 1), len(head) - 1)
    for c, title in enumerate(head):
        sheet.set_column(c, c, 40 if title in ("问题", "所在句子", "建议", "相同段落（节选）", "文件") else 12)


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _short(label: str) -> str:
    """行政机关收到和处理政府信息公开申请的情况 -> 收到和处理政府信息公开申请 (a column title)."""
    for prefix in ("行政机关", "因政府信息公开工作", "因政府信息公开", "政府信息公开工作"):
        label = label.removeprefix(prefix)
    return label.removesuffix("的情况").removesuffix("情况")


def _figure(report: Report, kind: str, row: str, columns: tuple[str, ...]) -> float | None:
    table = report.statistic(kind)
    if table is None:
        return None
    values = [table.value(row, column) for column in columns]
    return None if None in values else sum(values)


def _on_time(date: dt.date | None, year: int | None, regime) -> str | None:
    if date is None or year is None or regime is None:
        return None
    deadline = dt.date(year + 1, regime.deadline_month, regime.deadline_day)
    if date <= dt.date(year, 12, 31):
        return "年度未结束即发布"
    return "按期" if date <= deadline else f"逾期（期限 {deadline.isoformat()}）"
