"""The default output: per report, who and what was audited, then each finding in place."""

from __future__ import annotations

from typing import IO

import click

from pipeline.console import cut, display_width, wants_color, width, wrap
from pipeline.i18n import _, ngettext
from pipeline.models import AuditResult, Citation, Finding, Report
from pipeline.report.summary import Summary
from pipeline.rulebook import Rulebook

COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
APPLICABILITY = {"safe": "可安全替换", "unsafe": "替换前请核实", "manual": "需人工修改"}
CONTEXT_CHARS = 18


class TerminalWriter:
    def __init__(self, stream: IO[str], settings):
        self.stream = stream
        self.rulebook: Rulebook = settings.rulebook
        self.color = wants_color(stream, settings.color)
        self.width = width(stream)  # None: not wrapped (a file or a pipe without COLUMNS)

    def _echo(self, text: str = "", **style) -> None:
        click.echo(click.style(text, **style) if style else text, file=self.stream, color=self.color)

    def _say(self, text: str, indent: str = "", first: str | None = None, **style) -> None:
        """`text` wrapped to the terminal's width, each line after `indent` (the first after `first`)."""
        for line in wrap(text, self.width, indent, first):
            self._echo(line, **style)

    def start(self) -> None:
        pass

    def add(self, result: AuditResult) -> None:
        self._say(result.path, bold=True)
        if result.skipped:
            self._say(result.error or "", "  ", dim=True)
            self._echo()
            return
        if result.error:
            self._say(_("cannot audit: {error}").format(error=result.error), "  ", fg="red")
            self._echo()
            return
        report = result.report
        assert report is not None
        for line in self._header(report):
            self._say(line, "  ", dim=True)
        self._echo()
        for finding in result.findings:
            self._finding(report, finding)
        counts = Summary()
        counts.add(result)
        self._say(_counts(counts) if result.findings else _("no findings"), "  ", bold=True)
        self._echo()

    def finish(self, summary: Summary) -> None:
        if summary.reports > 1:
            audited = summary.reports - summary.failed
            scanned = _(" · {count} scanned (OCR)").format(count=summary.ocr) if summary.ocr else ""
            skipped = _(" · {count} skipped").format(count=summary.skipped) if summary.skipped else ""
            line = _("{files} files: {audited} audited · {failed} unreadable").format(
                files=summary.reports, audited=audited, failed=summary.failed
            )
            self._say(line + scanned + skipped, bold=True)
            line = _("{errors} with errors · {warnings} with warnings only · {clean} clean").format(
                errors=summary.with_errors, warnings=summary.warnings_only, clean=summary.clean
            )
            self._say(f"{line} · {_counts(summary)}", "  ", bold=True)

    def _header(self, report: Report) -> list[str]:
        meta = report.meta
        regime = next((r for r in self.rulebook.regimes if r.id == meta.regime), None)
        level = LEVEL_NAMES.get(meta.issuer_level or "")
        first = [f"{meta.issuer}（{level}）" if meta.issuer and level else meta.issuer or "发布机关不明"]
        first.append(f"{meta.report_year} 年度" if meta.report_year else "年度不明")
        if regime:
            law = f"适用{regime.law}" + (f" · {regime.format}格式" if regime.format else "")
            first.append(law)
        second = []
        if meta.published:
            second.append(f"发布 {meta.published.value.isoformat()}")
        if meta.signed:
            second.append(f"落款 {meta.signed.value.isoformat()}")
        source = report.text.source
        if source.kind != "txt":
            pages = f"{len(source.page_starts)} 页 " if source.page_starts else ""
            second.append(f"{source.kind.upper()} {pages}· {len(report.tables)} 个表格".replace(" · 0 个表格", ""))
        if source.ocr_pages:
            second.append("OCR 识别: 第" + "、".join(map(str, source.ocr_pages)) + "页")
        lines = [" · ".join(first)] + ([" · ".join(second)] if second else [])
        superiors = "".join(p for p in (meta.province, meta.city, meta.county) if p)
        place = " ".join(p for p in (superiors, meta.issuer_place) if p)
        if place:
            if meta.issuer_verified:
                status = f"✓ {meta.division_code or meta.county_code or ''}".rstrip()
            else:
                status = "未核验"
            lines.append(f"区划: {place} {status}" + (f"：{meta.issuer_note}" if meta.issuer_note else ""))
        if meta.issuer_evidence:
            lines.append("发布机关见于: " + _evidence_summary(report))
        return lines

    def _finding(self, report: Report, f: Finding) -> None:
        where = place(report, f)
        plain = f"  {f.severity:<7} {f.rule} {f.name}"
        label = click.style(f"{f.severity:<7}", fg=COLORS[f.severity], bold=True)
        head = f"  {label} {f.rule} {f.name}"
        pad = max(1, 64 - display_width(plain))
        if self.width is None or display_width(plain) + pad + display_width(where) <= self.width:
            self._echo(head + " " * pad + where)
        else:  # a narrow terminal: the place on a line of its own
            self._echo(head)
            self._say(where, "     ")
        if f.match:
            quote, marker = _quote(report, f, self.width - 7 if self.width else None)
            self._echo("     │ " + quote)
            self._echo("     │ " + marker, fg=COLORS[f.severity])
        self._say(f.message, "     ")
        if f.data.get("merged"):
            others = "；".join(f"{m['rule']} 第 {m['line']} 行：{m['message']}" for m in f.data["merged"])
            self._say(f"同一原因，已合并：{others}", "     ", dim=True)
        if f.citation:
            self._say("依据: " + citation_text(f.citation), "     ", dim=True)
        if f.fix and f.fix.replacement is not None:
            note = APPLICABILITY.get(f.fix.applicability, f.fix.applicability)
            self._say(f"建议: {f.match} → {f.fix.replacement} ({note})", "     ", fg="green")
        elif f.advice:
            self._say(f"建议: {f.advice}", "     ", fg="green")
        self._echo()


def place(report: Report, f: Finding) -> str:
    """Where a finding is, in the terms of the file: 第 3 页 · 第 12 行 for a PDF, the heading and 第 12 段 for
    DOCX and HTML (they have no lines), the section numbers and 第 12 行 for text; 全文 for the whole report."""
    loc = f.location
    if f.end == f.start and not f.match:
        spot = "全文"
    elif loc.paragraph is not None:
        spot = f"第 {loc.paragraph} 段"
    else:
        spot = f"第 {loc.line} 行"
    if loc.page:
        spot = f"第 {loc.page} 页 · " + spot
    heading = f.section
    if loc.paragraph is not None and spot != "全文":  # Word's navigation pane shows headings: name the heading
        section = report.section_at(f.start)
        if section is not None:
            heading = cut(section.marker + section.title, 30)
    return f"{heading} · {spot}" if heading else spot


LEVEL_NAMES = {"township": "乡镇", "ethnic_township": "民族乡", "sumu": "苏木", "subdistrict": "街道",
               "county": "县级", "district": "市辖区", "city": "地级市", "department": "部门", "province": "省级"}  # fmt: skip
EVIDENCE_NAMES = {"title": "标题", "crumb": "导航", "signature": "落款", "own-report": "报告自述", "source": "来源栏",
                  "body-office": "正文机关名", "opening": "正文主语", "own-channel": "本单位机构栏目",
                  "mention": "正文提及", "file-name": "文件名"}  # fmt: skip


def _evidence_summary(report: Report) -> str:
    """Where the report names its issuer, strongest first: 标题 第1行 · 落款 第106行 · 正文机关名 ×5."""
    lines: dict[str, list[int]] = {}
    for evidence in report.meta.issuer_evidence:
        where = lines.setdefault(evidence.kind, [])
        if evidence.start >= 0:
            where.append(report.text.locate(evidence.start, max(evidence.end, evidence.start + 1)).line)
    parts = []
    for kind, found in lines.items():
        name = EVIDENCE_NAMES.get(kind, kind)
        if not found:
            parts.append(name)
        elif len(found) == 1:
            parts.append(f"{name} 第{found[0]}行")
        else:
            parts.append(f"{name} ×{len(found)}")
    return " · ".join(parts)


def _quote(report: Report, f: Finding, columns: int | None = None) -> tuple[str, str]:
    """The source line around the match, cut to a window (to `columns` display columns when given),
    and a ^^^ marker under the part of the match that is shown."""
    loc = f.location
    line = report.text.source_line(loc.text_line)
    start = loc.column - 1
    end = loc.end_column - 1 if loc.end_line == loc.line else len(line)
    context = CONTEXT_CHARS
    while True:
        left = max(0, start - context)
        right = min(len(line), end + context)
        prefix = ("…" if left > 0 else "") + line[left:start]
        match = line[start:end]
        suffix = line[end:right] + ("…" if right < len(line) else "")
        if columns is None or display_width(prefix + match + suffix) <= columns or context == 0:
            break
        context = max(0, context - 4)
    if columns is not None and display_width(prefix + match + suffix) > columns:
        prefix = "…" if left > 0 or start > 0 else ""
        match = cut(match, max(1, columns - display_width(prefix)))
        suffix = ""
    marker = " " * display_width(prefix) + "^" * max(1, display_width(match))
    return prefix + match + suffix, marker


def citation_text(citation: Citation) -> str:
    """《条例》第三十二条第（四）项, or 《条例》第六条（行政机关应当……）."""
    text = citation.law + (citation.article or "")
    if citation.item:
        text += citation.item if citation.item.startswith("第") else f"（{citation.item}）"
    return text


def _counts(summary: Summary) -> str:
    return " · ".join(
        [
            ngettext("{count} error", "{count} errors", summary.errors).format(count=summary.errors),
            ngettext("{count} warning", "{count} warnings", summary.warnings).format(count=summary.warnings),
            ngettext("{count} info", "{count} infos", summary.infos).format(count=summary.infos),
        ]
    )
