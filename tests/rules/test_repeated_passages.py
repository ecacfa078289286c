"""DP101 beyond its fuzzy-search budget: past `max_sentences` only exact repeats are looked for."""

from __future__ import annotations

from pipeline.check import Checker
from pipeline.check.kinds.duplicates import RepeatedParams
from tests.conftest import source_from_text

TITLE = "某镇2021年政府信息公开工作年度报告\n"


def _numbered(count: int) -> list[str]:
    """Sentences that differ only in their number: near-repeats of each other (ratio over 90)."""
    return [f"第{i}项工作已经按照规定的程序和时限向社会主动公开并接受群众监督。" for i in range(count)]


def _repeats(auditor, text: str):
    rule = auditor.rulebook.by_code["DP101"]
    report = auditor.analyse(source_from_text(text))
    return Checker(auditor.rulebook, auditor.gazetteer, [rule]).check(report)


def test_near_repeats_are_found_within_the_budget(auditor):
    found = _repeats(auditor, TITLE + "\n".join(_numbered(12)))
    assert found and any(f.data["similarity"] < 100 for f in found)


def test_past_the_budget_only_the_exact_repeat_is_found(auditor):
    limit = auditor.rulebook.by_code["DP101"].params.get("max_sentences", RepeatedParams.max_sentences)
    sentences = _numbered(limit + 1)
    found = _repeats(auditor, TITLE + "\n".join(sentences + [sentences[5]]))
    assert [(f.match, f.data["similarity"]) for f in found] == [(sentences[5], 100.0)]
