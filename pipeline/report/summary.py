"""Counts over a run, shared by every output format."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.models import AuditResult


@dataclass
class Summary:
    reports: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    failed: int = 0
    # per report, for the terminal's batch line (not part of the JSON contract)
    with_errors: int = 0
    warnings_only: int = 0
    clean: int = 0
    ocr: int = 0
    skipped: int = 0  # files found in folders and not audited

    def add(self, result: AuditResult) -> None:
        if result.skipped:
            self.skipped += 1
            return
        self.reports += 1
        if result.error:
            self.failed += 1
        else:
            severities = {f.severity for f in result.findings}
            if "error" in severities:
                self.with_errors += 1
            elif "warning" in severities:
                self.warnings_only += 1
            else:
                self.clean += 1
            if result.source is not None and result.source.ocr_pages:
                self.ocr += 1
        for finding in result.findings:
            if finding.severity == "error":
                self.errors += 1
            elif finding.severity == "warning":
                self.warnings += 1
            else:
                self.infos += 1

    def as_dict(self) -> dict[str, int]:
        return {
            "reports": self.reports,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "failed": self.failed,
            "skipped": self.skipped,  # an addition to the contract's sketch: files found and not audited
        }
