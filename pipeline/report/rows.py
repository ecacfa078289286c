"""A finding as a row of a sheet: shared by the workbook and the CSV of findings."""

from __future__ import annotations

from typing import Any

from pipeline.models import AuditResult, Finding
from pipeline.report.json_format import finding_context
from pipeline.report.terminal import citation_text

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
FINDING_HEAD = ("文件", "发布机关", "页", "章节", "行（Word、网页为段）", "规则", "名称", "严重程度", "问题", "原文", "所在句子", "依据",
                "建议", "可替换为")  # fmt: skip


def not_audited(result: AuditResult) -> str:
    """How a file without a report is listed: skipped on purpose (a README) or could not be audited."""
    return "未审核" if result.skipped else "无法审核"


def finding_row(result: AuditResult, finding: Finding) -> list[Any]:
    """File, issuer, where, which rule, what, the words and the sentence, the basis, what to do."""
    report = result.report
    assert report is not None
    loc = finding.location
    fix = finding.fix.replacement if finding.fix and finding.fix.replacement is not None else None
    return [
        result.path, report.meta.issuer or "发布机关不明", loc.page, finding.section,
        (loc.paragraph or loc.line) if finding.match else None, finding.rule, finding.name, SEVERITY_NAMES[finding.severity],
        finding.message, finding.match or None, finding_context(report, finding),
        citation_text(finding.citation) if finding.citation else None, finding.advice or None, fix,
    ]  # fmt: skip
