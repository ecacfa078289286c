"""Every rule's pass/fail examples from rules/*.yaml, run through the whole pipeline."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.check import Checker
from pipeline.check.copies import KIND as KIND_COPIES
from pipeline.check.copies import CopyIndex
from pipeline.fixes import applied, planned
from pipeline.models import AuditResult, SourceWarning
from pipeline.rulebook import load_rulebook
from tests.conftest import source_from_text

RULEBOOK = load_rulebook()
CASES = [
    pytest.param(rule, kind, index, example, id=f"{rule.code}-{kind}-{index}")
    for rule in RULEBOOK.rules
    for kind, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples))
    for index, example in enumerate(examples)
]


@pytest.mark.parametrize("rule,kind,index,example", CASES)
def test_rule_example(auditor, rule, kind, index, example):
    source = source_from_text(example.text, example.file)
    if example.source_warnings:  # as ingest would report them for a PDF
        warnings = tuple(SourceWarning(code, message, 0, 1) for code, message in example.source_warnings)
        source = dataclasses.replace(source, warnings=warnings)
    report = auditor.analyse(source)
    checker = Checker(auditor.rulebook, auditor.gazetteer, [rule])
    if rule.check == KIND_COPIES:  # a rule over the batch: the earlier report is read first
        index = CopyIndex(checker, auditor.gazetteer)
        earlier = auditor.analyse(source_from_text(example.earlier, "earlier.txt"))
        index.add(AuditResult("earlier.txt", report=earlier))
        findings = index.add(AuditResult("example.txt", report=report)).findings
    elif example.earlier is not None:  # a rule across years: the same issuer's report of the year before
        earlier = auditor.analyse(source_from_text(example.earlier, "earlier.txt"))
        assert earlier.meta.issuer == report.meta.issuer, "an example's earlier report must be the same issuer's"
        findings = checker.check(report, {earlier.meta.report_year: earlier.statistics})
    else:
        findings = checker.check(report)
    if kind == "pass":
        assert findings == (), [f.message for f in findings]
        return
    assert findings, f"{rule.code} found nothing in its failing example {index}"
    assert all(f.rule == rule.code and f.severity == rule.severity for f in findings)
    if example.match is not None:
        assert example.match in [f.match for f in findings]
    elif rule.check != "source-warning":  # (those point at the page a warning is about)
        assert all(f.start == f.end == 0 and f.data.get("scope") == "document" for f in findings), (
            f"{rule.code}'s failing example {index} finds text: give the example a match"
        )
    edits = planned(AuditResult("example.txt", source=source, report=report, findings=findings), unsafe=True)
    if edits and rule.check not in (KIND_COPIES,) and example.earlier is None:  # the fixed text: those findings gone
        fixed = auditor.analyse(source_from_text(applied(source.text, edits), example.file))
        again = Checker(auditor.rulebook, auditor.gazetteer, [rule]).check(fixed)
        assert len(again) == len(findings) - len(edits), [f.message for f in again]


def test_every_family_of_the_seed_defects_has_rules():
    families = {rule.family for rule in RULEBOOK.rules}
    assert {"ST", "PL", "DT", "LG", "DP", "TX"} <= families
