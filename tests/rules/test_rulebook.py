"""A broken rulebook is refused with the file, the rule and what to fix, never half-loaded."""

from __future__ import annotations

import re
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


@pytest.mark.parametrize(
    "old,new,expected",
    [
        # a regex that only a check would have compiled (a place rule's legitimate contexts)
        ("'(?:学习|借鉴|参观|考察|赴|前往|到|走访|对标)[^,。]{0,4}{name}'", "'(学习{name}'",
         "PL.yaml: rule PL101 params.legitimate[2]: bad regular expression"),
        # a message placeholder the kind does not give
        ("（{issuer}）：{evidence}，疑为", "（{isuer}）：{evidence}，疑为", "PL.yaml: rule PL101 message uses {isuer}"),
    ],
)  # fmt: skip
def test_a_bad_place_rule_is_refused_at_load(rules_copy, old, new, expected):
    text = (rules_copy / "PL.yaml").read_text(encoding="utf-8")
    assert old in text
    (rules_copy / "PL.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UsageError, match=re.escape(expected)):
        Auditor(rules_dir=rules_copy)


def test_an_unbalanced_brace_in_a_message_is_refused(rules_copy):
    add_rule(rules_copy)
    text = (rules_copy / "ZZ.yaml").read_text(encoding="utf-8").replace("message: m", "message: '{match'")
    (rules_copy / "ZZ.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=r"ZZ.yaml: rule TX901 message: .*literal brace"):
        Auditor(rules_dir=rules_copy)


def test_cli_refuses_a_bad_regex_before_reading_any_file(rules_copy, capsys, tmp_path):
    text = (rules_copy / "DT.yaml").read_text(encoding="utf-8").replace("'(?:相比|同期", "'((?:相比|同期", 1)
    (rules_copy / "DT.yaml").write_text(text, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("某镇2021年政府信息公开工作年度报告\n正文。\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(report), "--rules", str(rules_copy)])
    captured = capsys.readouterr()
    assert exit_info.value.code == 2 and captured.err.count("\n") == 1 and captured.out == ""
    assert "DT.yaml: rule DT102 params.skip_after[0]: bad regular expression" in captured.err


def test_the_rulebook_loads_the_same_without_libyaml(monkeypatch):
    import yaml

    with_libyaml = load_rulebook()
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    pure = load_rulebook()
    assert [(r.code, r.message, r.params) for r in pure.rules] == [
        (r.code, r.message, r.params) for r in with_libyaml.rules
    ]
    assert [(g.id, [i.key for i in g.items]) for g in pure.regimes] == [
        (g.id, [i.key for i in g.items]) for g in with_libyaml.regimes
    ]


@pytest.mark.parametrize(
    "old,new,expected",
    [
        ("    years: [2019, 2020]\n", "", "regimes.yaml: regime 2019: 'years' is required"),
        ("    format: 国办公开办函〔2019〕60号\n", "    format: 国办公开办函〔2019〕60号\n    colour: red\n",
         "regimes.yaml: regime 2019: unknown keys ['colour']"),
    ],
)  # fmt: skip
def test_a_regime_is_checked_against_its_schema(rules_copy, old, new, expected):
    text = (rules_copy / "regimes.yaml").read_text(encoding="utf-8")
    assert old in text
    (rules_copy / "regimes.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UsageError, match=re.escape(expected)):
        load_rulebook(rules_copy)


def test_a_citation_with_an_unknown_key_is_refused(rules_copy):
    text = (rules_copy / "PL.yaml").read_text(encoding="utf-8")
    (rules_copy / "PL.yaml").write_text(text.replace("article: 第六条,", "artikel: 第六条,", 1), encoding="utf-8")
    with pytest.raises(UsageError, match=re.escape("PL.yaml: rule PL101 citation: unknown keys ['artikel']")):
        load_rulebook(rules_copy)
