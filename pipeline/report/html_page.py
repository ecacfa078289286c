"""One report as a self-contained HTML page: its text with every finding highlighted at its span,
the findings listed beside it, the statutory tables with the cells that break a rule marked.

Everything taken from a document is escaped; the page's CSS and script are inlined from
`assets/` (no network, no CDN). The script only scrolls and filters: the page reads
complete without it.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from pipeline import __version__
from pipeline.i18n import _
from pipeline.models import SEVERITIES, AuditResult, Finding, Report, StatTable, severity_rank
from pipeline.report.rows import SEVERITY_NAMES, not_audited
from pipeline.report.terminal import APPLICABILITY, LEVEL_NAMES, citation_text, place
from pipeline.rulebook import FAMILIES, Rulebook

TABLE_NAMES = {"active": "主动公开政府信息情况", "applications": "收到和处理政府信息公开申请情况",
               "review": "政府信息公开行政复议、行政诉讼情况"}  # fmt: skip


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


@cache
def asset(name: str) -> str:
    return resources.files("pipeline.report").joinpath("assets", name).read_text(encoding="utf-8")


def page(title: str, body: str) -> str:
    """A whole page around `body`, with the inlined style and script."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{asset('page.css')}</style>\n</head>\n<body>\n{body}\n"
        f"<footer>gongkai {escape(__version__)} 生成 · 页面不联网，可直接转发</footer>\n"
        f"<script>\n{asset('page.js')}</script>\n</body>\n</html>\n"
    )


def report_page(result: AuditResult, rulebook: Rulebook) -> str:
    """The page of one file: its findings in place, or why it could not be audited."""
    name = result.path
    if result.report is None:
        body = f"<header><h1>{escape(name)}</h1><p class='error-row'>{not_audited(result)}：{escape(result.error or '')}</p></header>"
        return page(name, body)
    report = result.report
    findings = sorted(result.findings, key=lambda f: (f.start, -severity_rank(f.severity), f.rule))
    body = [
        _header(result, report, findings),
        "<main>",
        '<article id="document">',
        _text(report, findings),
        _tables(report, findings, rulebook),
        "</article>",
        _side_list(report, findings, rulebook),
        "</main>",
    ]
    return page(f"{report.meta.issuer or name} · gongkai 审核", "\n".join(body))


def counts_html(findings: Iterable[Finding]) -> str:
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        counts[finding.severity] += 1
    return " ".join(f'<span class="count-{s}">{SEVERITY_NAMES[s]} {counts[s]}</span>' for s in reversed(SEVERITIES))


def _header(result: AuditResult, report: Report, findings: Sequence[Finding]) -> str:
    meta = report.meta
    level = LEVEL_NAMES.get(meta.issuer_level or "")
    facts = [meta.issuer or "发布机关不明"] + ([level] if level else [])
    facts.append(f"{meta.report_year} 年度" if meta.report_year else "年度不明")
    if meta.published:
        facts.append(f"发布 {meta.published.value.isoformat()}")
    source = report.text.source
    if source.page_starts:
        facts.append(f"{source.kind.upper()} {len(source.page_starts)} 页")
    severities = "".join(
        f'<label><input type="checkbox" data-filter="severity" value="{s}" checked> {SEVERITY_NAMES[s]}</label>'
        for s in reversed(SEVERITIES)
    )
    families = "".join(
        f'<label><input type="checkbox" data-filter="family" value="{family}" checked> {family} '
        f"{escape(_(FAMILIES[family]))}</label>"
        for family in FAMILIES
        if any(f.family == family for f in findings)
    )
    return (
        f"<header><h1>{escape(result.path)}</h1>"
        f'<div class="meta">{escape(" · ".join(facts))}</div>'
        f'<div class="counts">{counts_html(findings)}</div>'
        f'<div class="filters">按严重程度：{severities}'
        + (f" 按类别：{families}" if families else "")
        + "</div></header>"
    )


def _source_span(report: Report, finding: Finding) -> tuple[int, int]:
    if finding.end > finding.start:
        return report.text.source_span(finding.start, finding.end)
    point = report.text.to_source(finding.start)
    return point, point


def _text(report: Report, findings: Sequence[Finding]) -> str:
    """The source text, cut at every finding's edges and every page's start; each piece inside a
    finding a <mark> naming all the findings it belongs to (they may overlap), an empty finding a point."""
    text = report.text.source.text
    spans = [_source_span(report, f) for f in findings]
    cuts = sorted({0, len(text), *report.text.source.page_starts, *(p for span in spans for p in span)})
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    points: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(spans):
        if end > start:
            starting.setdefault(start, []).append(number)
            ending.setdefault(end, []).append(number)
        else:
            points.setdefault(start, []).append(number)
    page_of = {start: page for page, start in enumerate(report.text.source.page_starts, 1)}
    active: set[int] = set()
    out = ["<pre>"]
    for here, following in zip(cuts, [*cuts[1:], None], strict=True):
        active.difference_update(ending.get(here, ()))
        active.update(starting.get(here, ()))
        if here in page_of:
            out.append(f'<span class="page">第 {page_of[here]} 页</span>')
        for number in points.get(here, ()):
            out.append(_mark([number], findings, "", point=True))
        if following is None or following <= here:
            continue
        piece = escape(text[here:following])
        out.append(_mark(sorted(active), findings, piece) if active else piece)
    out.append("</pre>")
    return "".join(out)


def _mark(numbers: Sequence[int], findings: Sequence[Finding], inner: str, point: bool = False) -> str:
    worst = max((findings[n].severity for n in numbers), key=severity_rank)
    codes = " ".join(findings[n].rule for n in numbers)
    kind = " point" if point else ""
    return (
        f'<mark class="sev-{worst}{kind}" data-f="{" ".join(map(str, numbers))}" title="{escape(codes)}">{inner}</mark>'
    )


def _side_list(report: Report, findings: Sequence[Finding], rulebook: Rulebook) -> str:
    if not findings:
        return "<aside><p>没有发现问题。</p></aside>"
    items = []
    for number, finding in enumerate(findings):
        rule = rulebook.by_code.get(finding.rule)
        rows = [("问题", finding.message)]
        if rule is not None and rule.why:
            rows.append(("原因", rule.why))
        if finding.citation:
            rows.append(("依据", citation_text(finding.citation)))
        if finding.advice:
            rows.append(("建议", finding.advice))
        for other in finding.data.get("merged", ()):  # the same cause's other findings (pipeline/check/merge.py)
            rows.append(("同因", f"{other['rule']} 第 {other['line']} 行：{other['message']}"))
        details = "".join(f"<dt>{label}</dt><dd>{escape(value)}</dd>" for label, value in rows)
        if finding.fix and finding.fix.replacement is not None:
            note = APPLICABILITY.get(finding.fix.applicability, finding.fix.applicability)
            details += (
                f'<dt>修改</dt><dd class="fix"><del>{escape(finding.match)}</del> → '
                f"<ins>{escape(finding.fix.replacement)}</ins>（{escape(note)}）</dd>"
            )
        items.append(
            f'<li class="sev-{finding.severity}" data-f="{number}" data-severity="{finding.severity}" '
            f'data-family="{escape(finding.family)}">'
            f'<div class="head"><span class="sev">{SEVERITY_NAMES[finding.severity]}</span> '
            f"{escape(finding.rule)} {escape(finding.name)}</div>"
            f'<div class="where">{escape(place(report, finding))}</div><dl>{details}</dl></li>'
        )
    return f'<aside><ol id="findings">{"".join(items)}</ol></aside>'


def _tables(report: Report, findings: Sequence[Finding], rulebook: Rulebook) -> str:
    if not report.statistics:
        return ""
    parts = ['<section class="tables"><h2>法定统计表（按读出的数字）</h2>']
    for table in report.statistics:
        parts.append(_table(table, findings, rulebook))
    parts.append("</section>")
    return "\n".join(parts)


def _table(table: StatTable, findings: Sequence[Finding], rulebook: Rulebook) -> str:
    """The table in its format's rows and columns; a cell inside a table finding's span is marked and
    leads to the finding."""
    layout = rulebook.layouts.get(table.variant, {}).get(table.kind)
    rows = list(dict.fromkeys(cell.row for cell in table.cells))
    columns = list(dict.fromkeys(cell.column for cell in table.cells))
    if layout is not None:
        columns = [c.key for c in layout.columns if c.key in columns] + [c for c in columns if c not in layout.column]
    flagged = [(f.start, f.end, n, f.severity) for n, f in enumerate(findings) if f.family == "TB"]
    starts = sorted(flagged)
    head = "".join(f"<th>{escape(_column_label(table, key))}</th>" for key in columns)
    lines = [f"<table><caption>{escape(TABLE_NAMES.get(table.kind, table.kind))}</caption>",
             f"<tr><th></th>{head}</tr>"]  # fmt: skip
    for row in rows:
        label = next((c.row_label for c in table.cells if c.row == row), row)
        cells = []
        for column in columns:
            cell = table.cell(row, column)
            if cell is None:
                cells.append("<td></td>")
                continue
            hits = _overlapping(starts, cell.start, max(cell.end, cell.start + 1))
            shown = escape(cell.text) if cell.text else "—"
            if hits:
                worst = max((severity for _, _, _, severity in hits), key=severity_rank)
                codes = " ".join(sorted({findings[n].rule for _, _, n, _ in hits}))
                cells.append(
                    f'<td class="bad sev-{worst}" data-goto="{hits[0][2]}" title="{escape(codes)}">{shown}</td>'
                )
            else:
                cells.append(f"<td{' class=unread' if cell.problem else ''}>{shown}</td>")
        lines.append(f"<tr><th>{escape(label)}</th>{''.join(cells)}</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _column_label(table: StatTable, key: str) -> str:
    return next((c.column_label for c in table.cells if c.column == key), key)


def _overlapping(starts: list[tuple[int, int, int, str]], start: int, end: int) -> list[tuple[int, int, int, str]]:
    """The table findings whose span meets [start, end): those starting before `end`, ending after `start`."""
    before = bisect_right(starts, (end, -1, -1, ""))
    return [hit for hit in starts[:before] if hit[1] > start]
