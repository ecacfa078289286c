"""`--format html -o NAME.html`: a page per report, self-contained, and for a batch an index page.

One report: NAME.html is its page. Several files: NAME.html is the index (a row per file found,
with its counts, or why it could not be audited, and the batch's copied pairs), and each report's
page is written beside it in NAME_files/ as the batch goes, so a county's batch is never held in
memory. Every page works offline and can be forwarded as it is.
"""

from __future__ import annotations

from pipeline.check.copies import CopyPair
from pipeline.models import AuditResult
from pipeline.report.html_page import counts_html, escape, page, report_page
from pipeline.report.per_report import PerReportFiles
from pipeline.report.rows import not_audited
from pipeline.report.summary import Summary


class HtmlWriter:
    def __init__(self, target: str, settings):
        self.files = PerReportFiles(target, ".html")
        self.rulebook = settings.rulebook
        self.rows: list[str] = []
        self.copies: list[CopyPair] = []

    def start(self) -> None:
        self.files.start()

    def add(self, result: AuditResult) -> None:
        path = self.files.next_path(result)
        path.write_text(report_page(result, self.rulebook), encoding="utf-8")
        link = f'<a href="{escape(path.parent.name)}/{escape(path.name)}">{escape(result.path)}</a>'
        if result.report is None:
            state = "skipped-row" if result.skipped else "error-row"
            self.rows.append(
                f'<tr class="{state}"><td>{link}</td><td colspan="3">{not_audited(result)}：{escape(result.error or "")}</td></tr>'
            )
            return
        meta = result.report.meta
        self.rows.append(
            f"<tr><td>{link}</td><td>{escape(meta.issuer or '发布机关不明')}</td>"
            f"<td>{escape(meta.report_year or '')}</td><td>{counts_html(result.findings)}</td></tr>"
        )

    def add_copies(self, pairs) -> None:
        self.copies = list(pairs)

    def finish(self, summary: Summary) -> None:
        if not self.copies and self.files.only_one():  # one report: its page is the output
            return
        copies = ""
        if self.copies:
            rows = "".join(
                f"<tr><td>{escape(p.path)}</td><td>{escape(p.other_path)}</td><td>{p.share:.0%}</td>"
                f"<td>{escape(' / '.join(p.passages))}</td></tr>"
                for p in self.copies
            )
            copies = (
                "<h2>雷同：相互抄用文字的报告</h2><table><tr><th>报告</th><th>与之雷同</th><th>共有比例</th>"
                f"<th>共有段落（节选）</th></tr>{rows}</table>"
            )
        body = (
            f"<header><h1>政府信息公开工作年度报告审核 · {summary.reports} 个文件</h1>"
            f'<div class="meta">已审核 {summary.reports - summary.failed} · 无法审核 {summary.failed}'
            f" · 未审核 {summary.skipped} · 有错误 {summary.with_errors} · 仅有警告 {summary.warnings_only}"
            f" · 无问题 {summary.clean}</div></header>"
            '<main><article id="document"><table class="index"><tr><th>文件</th><th>发布机关</th><th>年度</th>'
            f"<th>问题</th></tr>{''.join(self.rows)}</table>{copies}</article></main>"
        )
        self.files.target.write_text(page("审核汇总 · gongkai", body), encoding="utf-8")
