"""A broken rulebook is refused with the file, the rule and what to fix, never half-loaded."""

from __future__ import annotations

import shutil

import pytest

from pipeline.audit import Auditor
from pipeline.cli import main
from pipeline.errors import UsageError
from pipeline.rulebook import default_rules_dir, load_rulebook

RULE = """
rules:
  - code: TX901
    name: test-rule
    severity: warning
    summary: s
    message: m
    why: w
    check: pattern
    params: {params}
    examples:
{examples}
"""
EXAMPLES = '      fail: ["XX乡"]\n      pass: ["某乡"]'


@pytest.fixture
def rules_copy(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return folder


def add_rule(folder, params="{patterns: ['XX乡']}", examples=EXAMPLES):
    (folder / "ZZ.yaml").write_text(RULE.format(params=params, examples=examples), encoding="utf-8")


def test_a_copy_of_the_bundled_rulebook_loads(rules_copy):
    add_rule(rules_copy)
    assert "TX901" in load_rulebook(rules_copy).by_code


@pytest.mark.parametrize(
    "params,examples,message",
    [
        ("{patterns: ['XX乡']}", '      fail: ["XX乡"]', "failing and one passing example"),
        ("{patterns: ['(']}", EXAMPLES, "ZZ.yaml: rule TX901 params"),
        ("{patterns: ['XX乡'], colour: red}", EXAMPLES, "unknown parameters ['colour']"),
        ("{}", EXAMPLES, "parameter 'patterns' is required"),
    ],
)
def test_broken_rules_name_the_file_and_the_problem(rules_copy, params, examples, message):
    add_rule(rules_copy, params, examples)
    with pytest.raises(UsageError, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(")):
        Auditor(rules_dir=rules_copy)


def test_a_code_defined_twice_is_refused(rules_copy):
    add_rule(rules_copy)
    text = (rules_copy / "ZZ.yaml").read_text(encoding="utf-8").replace("TX901", "PL101")
    (rules_copy / "ZZ.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match="PL101 is defined twice"):
        load_rulebook(rules_copy)


def test_cli_reports_a_broken_rulebook_in_one_line(rules_copy, capsys, tmp_path):
    (rules_copy / "ZZ.yaml").write_text("rules: [", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("某镇2021年政府信息公开工作年度报告\n正文。\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(report), "--rules", str(rules_copy)])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2 and err.count("\n") == 1 and "ZZ.yaml: not valid YAML" in err
