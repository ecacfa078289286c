"""The adversarial inputs at a CI-sized length (10⁴): each is audited, bounded, and the seed still read.

The timing target (each under 2 s at 10⁵) is met in bench/bench_adversarial.py, not here.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from pipeline.batch import audit_one
from pipeline.check import MAX_PER_RULE
from pipeline.fixes import planned, unified_diff
from pipeline.report.docx_format import commented
from pipeline.report.html_page import report_page
from tests.adversarial import cases

CASES = list(cases(10_000))


@pytest.mark.parametrize(("what", "name", "data"), CASES, ids=[what for what, _, _ in CASES])
def test_each_adversarial_input_is_audited_with_bounded_findings(auditor, tmp_path, what, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = audit_one(auditor, str(path))
    assert result.error is None, result.error
    per_rule = Counter(f.rule for f in result.findings)
    assert max(per_rule.values(), default=0) <= MAX_PER_RULE + 1
    if what.endswith("in the seed"):  # the run does not hide the report around it
        meta = result.report.meta
        assert (meta.issuer, meta.report_year) == ("龙尾乡人民政府", 2009)
        assert {"PL101", "LG101", "DT105"} <= set(per_rule)  # the seed's wrong township, article, date


@pytest.mark.parametrize(("what", "name", "data"), CASES[::7], ids=[what for what, _, _ in CASES[::7]])
def test_the_editor_s_outputs_of_an_adversarial_input_are_whole(auditor, tmp_path, what, name, data):
    """The HTML page, the Word copy and the diff of a hostile input: every finding placed, nothing lost."""
    path = tmp_path / name
    path.write_bytes(data)
    result = audit_one(auditor, str(path))
    page = report_page(result, auditor.rulebook)
    assert len(set(re.findall(r'<li class="sev-\w+" data-f="(\d+)"', page))) == len(result.findings)
    document = commented(result)
    assert len(list(document.comments)) == len(result.findings)
    unified_diff(result.path, result.source.text, planned(result, unsafe=True))


def test_findings_past_the_cap_are_counted_in_one_more_finding(audit_text):
    lines = ["龙尾乡2009年政府信息公开工作年度报告", "一、概述", "本乡认真贯彻《条例》，主动公开政府信息。"]
    lines += ["本乡依法主动公开政府信息，及时回应群众关切，切实保障群众的知情权。"] * (2 * MAX_PER_RULE)
    result = audit_text("\n".join(lines))
    repeated = [f for f in result.findings if f.rule == "DP101"]
    assert len(repeated) == MAX_PER_RULE + 1
    summary = repeated[-1]
    omitted = 2 * MAX_PER_RULE - 1 - MAX_PER_RULE  # the first of the lines is the original, not a repeat
    assert summary.data == {"omitted": omitted}
    assert f"另有 {omitted} 处未逐条列出" in summary.message
    assert summary.start >= repeated[-2].start  # where the unlisted ones begin
