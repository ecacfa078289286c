"""`check --statistics`: how many findings each rule raised over the run, most first (as ruff prints them)."""

from __future__ import annotations

from collections import Counter
from typing import IO

import click

from pipeline.models import AuditResult
from pipeline.report.summary import Summary
from pipeline.rulebook import Rulebook


class StatisticsWriter:
    def __init__(self, stream: IO[str], settings):
        self.stream = stream
        self.rulebook: Rulebook = settings.rulebook
        self.counts: Counter = Counter()
        self.reports: dict[str, set[str]] = {}

    def start(self) -> None:
        pass

    def add(self, result: AuditResult) -> None:
        for finding in result.findings:
            self.counts[finding.rule] += 1
            self.reports.setdefault(finding.rule, set()).add(result.path)

    def finish(self, summary: Summary) -> None:
        rules = self.rulebook.by_code
        width = max((len(rules[c].name) for c in self.counts if c in rules), default=4)
        for code, count in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0])):
            rule = rules.get(code)
            name, severity = (rule.name, rule.severity) if rule else ("", "")
            click.echo(f"{count:6d}  {code}  {name:<{width}}  {severity:<7}  {len(self.reports[code])} 份报告",
                       file=self.stream)  # fmt: skip
        click.echo(f"{summary.reports} 份文件 · {summary.failed} 份无法审核 · {summary.errors} 错误 · "
                   f"{summary.warnings} 警告 · {summary.infos} 提示", file=self.stream)  # fmt: skip
