"""`--format sarif` (or -o NAME.sarif): SARIF 2.1.0, for code-scanning dashboards and other tools.

One run: the rules that were used (id, name, summary, why, advice, default level), a
result per finding (at its line and column; a PDF's page in the result's properties; a
finding about the whole report at the file alone), and a notification per file that
could not be audited. Results are kept compact as they come and written at the end.
"""

from __future__ import annotations

import json
from typing import IO, Any

from pipeline import __version__
from pipeline.models import AuditResult
from pipeline.report.summary import Summary
from pipeline.report.terminal import citation_text
from pipeline.rulebook import Rulebook

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class SarifWriter:
    def __init__(self, stream: IO[str], settings):
        self.stream = stream
        self.rulebook: Rulebook = settings.rulebook
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self.used: set[str] = set()

    def start(self) -> None:
        pass

    def add(self, result: AuditResult) -> None:
        artifact = {"artifactLocation": {"uri": result.path}}
        if result.report is None:
            level = "note" if result.skipped else "error"
            self.notifications.append({"level": level, "message": {"text": result.error or ""},
                                       "locations": [{"physicalLocation": artifact}]})  # fmt: skip
            return
        for finding in result.findings:
            self.used.add(finding.rule)
            location: dict[str, Any] = {"physicalLocation": dict(artifact)}
            loc = finding.location
            if finding.match:
                location["physicalLocation"]["region"] = {
                    "startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line,
                    "endColumn": max(loc.end_column, 1), "snippet": {"text": finding.match},
                }  # fmt: skip
            entry: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": LEVELS[finding.severity],
                "message": {"text": finding.message},
                "locations": [location],
            }
            properties = {k: v for k, v in (("page", loc.page), ("section", finding.section)) if v is not None}
            if finding.citation:
                properties["citation"] = citation_text(finding.citation)
            if properties:
                entry["properties"] = properties
            self.results.append(entry)

    def finish(self, summary: Summary) -> None:
        rules = [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.why},
                "help": {"text": rule.advice or rule.summary},
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
            }
            for rule in self.rulebook.rules
            if rule.code in self.used
        ]
        document = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": "gongkai", "version": __version__, "rules": rules}},
                    "invocations": [
                        {"executionSuccessful": not summary.failed, "toolExecutionNotifications": self.notifications}
                    ],  # fmt: skip
                    "results": self.results,
                }
            ],
        }
        json.dump(document, self.stream, ensure_ascii=False, indent=1)
        self.stream.write("\n")
