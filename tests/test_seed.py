"""Acceptance: the seed report's real defects, each at its place, and nothing else."""

from __future__ import annotations

from tests.conftest import SEED

EXPECTED = [
    # (rule, line, matched text)
    ("ST101", 1, ""),  # no 不予公开 statement
    ("ST101", 1, ""),  # no 行政复议/行政诉讼 statement
    ("ST102", 1, "工作报告"),
    ("DT104", 2, "2020-06-22"),
    ("DT102", 52, "2007年度与2008年度"),
    ("LG101", 56, "第九、十、十一条"),
    ("PL101", 62, "义和乡"),
    ("DT103", 78, "实施前的准备阶段"),
    ("DT102", 78, "2007年度和2008年度"),
    ("DP101", 92, "5、政府信息公开工作业务人员素质不高,信息量偏少,更新、上报信息不够及时,硬件设备需进一步完善。"),
    (
        "DP101",
        98,
        "1、进一步提高信息公开业务人员对信息公开工作的认识,加强政府信息公开的责任感,按政府信息公开制度的要求完善好信息公开工作制度。",
    ),
    ("DP101", 102, "3、加强信息公开工作督促检查,进一步按要求完善信息的上报、更新工作,提高信息公开的质量和效率。"),
    ("DT105", 108, "2009年12月14日"),
]


def test_seed_findings_are_exactly_its_real_defects(seed_result):
    found = sorted((f.rule, f.location.line, f.match) for f in seed_result.findings)
    assert found == sorted(EXPECTED)


def test_seed_errors_are_the_statutory_gaps_and_the_foreign_township(seed_result):
    errors = [f for f in seed_result.findings if f.severity == "error"]
    assert [(f.rule, f.data.get("item") or f.match) for f in errors] == [
        ("ST101", "withheld"),
        ("ST101", "review-litigation"),
        ("PL101", "义和乡"),
    ]
    review = errors[1]
    assert review.citation.article == "第三十二条" and review.citation.item == "第（四）项"
    assert "2007年" in review.citation.law
    assert errors[0].citation.item == "第（二）项"


def test_foreign_township_is_located_and_fixable(seed_result):
    finding = next(f for f in seed_result.findings if f.rule == "PL101")
    assert finding.family == "PL"
    assert (finding.location.line, finding.location.column) == (62, 11)
    assert (finding.location.end_line, finding.location.end_column) == (62, 14)
    assert finding.section == "二、(四)"
    assert finding.fix.replacement == "龙尾乡" and finding.fix.applicability == "safe"
    assert seed_result.report.text.text[finding.start : finding.end] == "义和乡"


def test_repeated_passages_point_at_both_places(seed_result):
    repeats = [f for f in seed_result.findings if f.rule == "DP101"]
    assert [f.data["first"]["line"] for f in repeats] == [42, 42, 40]
    assert all("第4" in f.message for f in repeats)


def test_retrospective_year_is_not_flagged(audit_text):
    text = SEED.read_text(encoding="utf-8")
    changed = text.replace("我乡目前未发现", "与2008年相比,与2008年度相比,我乡目前未发现")
    assert changed != text
    result = audit_text(changed)
    assert [f.match for f in result.findings if f.rule == "DT102"] == ["2007年度与2008年度", "2007年度和2008年度"]


def test_seed_metadata(seed_result):
    meta = seed_result.report.meta
    assert (meta.issuer, meta.issuer_place, meta.issuer_level, meta.county) == (
        "龙尾乡人民政府",
        "龙尾乡",
        "township",
        "平阳县",
    )
    assert (meta.report_year, meta.regime) == (2009, "2007")
    assert meta.published.value.isoformat() == "2020-06-22"
    assert meta.signed.value.isoformat() == "2009-12-14"
