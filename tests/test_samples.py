"""The synthetic samples (samples/*.txt, written for the project): each reports exactly its planted defects."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

SAMPLES = ROOT / "samples"

# (rule, line, what the finding quotes) for every defect planted in each sample
PLANTED = {
    "kunyang-2022.txt": [],  # clean, 30号 format
    "wanquan-2019.txt": [],  # clean, 60号 format
    "tengjiao-2021.txt": [  # its tables as a web page flattens them: a cell per line, each ending in |
        ("DT106", 3, "202111日"),  # the statistics period lost its 年 and 月
        ("DT106", 3, "20211231日"),
        ("TB110", 44, "未收到政府信息公开申请"),  # while 本年新收 is 2
        ("TB103", 241, "2"),  # (七)总计 2, the results add up to 1: natural persons …
        ("TB103", 247, "2"),  # … and the total column
    ],
    "aojiang-2020.txt": [
        ("TB106", 13, "1"),  # a town reports 规章
        ("TB101", 58, "3"),  # 3 + 1 received, 3 concluded, 0 carried forward: natural persons …
        ("TB101", 58, "3"),  # … and the total column
        ("TB111", 63, "未发生因政府信息公开工作被申请行政复议"),  # while Table C holds one case
    ],
    "shuitou-2025.txt": [
        ("TB112", 7, "17"),  # the overview says 17 applications, the table 95
        ("TB107", 13, "0"),  # the 60号 Table A in a 2025 report
        ("TB109", 25, "行政事业型收费"),
        ("TB102", 39, "85"),  # 80 + 4 applicants, total 85
        ("TB102", 49, "7"),  # 7 + 1 applicants, total 7
        ("TB105", 61, "/"),  # a row of '/'
        ("TB104", 70, "0"),  # 未经复议直接起诉: one case pending, total 0
    ],
}


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_each_sample_reports_exactly_its_planted_defects(auditor, name):
    result = auditor.audit_path(SAMPLES / name)
    assert result.error is None
    found = sorted((f.rule, f.location.line, f.match) for f in result.findings)
    assert found == sorted(PLANTED[name])


def test_every_sample_is_covered():
    assert {p.name for p in SAMPLES.glob("*.txt")} - {"longwei-2009.txt"} == set(PLANTED)


@pytest.fixture(scope="module")
def sample_formats(tmp_path_factory):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import make_fixtures

    out = tmp_path_factory.mktemp("sample-formats")
    names = ("shuitou-2025.txt", "aojiang-2020.txt", "tengjiao-2021.txt")
    make_fixtures.make_all(out, [SAMPLES / name for name in names], scan=())
    return out


@pytest.mark.parametrize("name", ["shuitou-2025", "aojiang-2020", "tengjiao-2021"])
@pytest.mark.parametrize("kind", ["pdf", "docx", "html", "framed.pdf"])
def test_planted_table_defects_are_found_in_every_format(auditor, sample_formats, name, kind):
    """The same cells, so the same findings at the same numbers, from the PDF, DOCX and HTML of a sample."""
    expected = sorted((rule, match) for rule, _, match in PLANTED[f"{name}.txt"])
    result = auditor.audit_path(sample_formats / f"{name}.{kind}")
    assert sorted((f.rule, f.match) for f in result.findings if f.rule.startswith("TB")) == [
        (rule, match) for rule, match in expected if rule.startswith("TB")
    ]


def _applications(town: str, year: int, carried: int, forward: int) -> str:
    new, total = 3, 3 + carried - forward
    return (
        f"平阳县{town}{year}年政府信息公开工作年度报告\n"
        "|  | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
        f"| 一、本年新收政府信息公开申请数量 | {new} | 0 | 0 | 0 | 0 | 0 | {new} |\n"
        f"| 二、上年结转政府信息公开申请数量 | {carried} | 0 | 0 | 0 | 0 | 0 | {carried} |\n"
        f"| (七)总计 | {total} | 0 | 0 | 0 | 0 | 0 | {total} |\n"
        f"| 四、结转下年度继续办理 | {forward} | 0 | 0 | 0 | 0 | 0 | {forward} |\n"
    )


@pytest.mark.parametrize("later_first", [False, True])
def test_consecutive_years_of_one_issuer_are_checked_against_each_other(tmp_path, capsys, later_first):
    import json

    from pipeline.cli import main

    files = {
        "kunyang-2021.txt": _applications("昆阳镇", 2021, 0, 2),
        "kunyang-2022.txt": _applications("昆阳镇", 2022, 1, 0),  # carries 1 where 2021 carried 2 forward
        "aojiang-2022.txt": _applications("鳌江镇", 2022, 0, 0),  # another town: no pair
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    order = ["kunyang-2022.txt", "kunyang-2021.txt"] if later_first else ["kunyang-2021.txt", "kunyang-2022.txt"]
    with pytest.raises(SystemExit):
        main(["check", *(str(tmp_path / n) for n in order + ["aojiang-2022.txt"]), "-f", "json", "-j", "1"])
    reports = {r["path"].rsplit("/", 1)[-1]: r for r in json.loads(capsys.readouterr().out)["reports"]}
    found = {name: [(f["rule"], f["data"]["row"], f["data"]["column"]) for f in r["findings"] if f["rule"] == "TB117"]
             for name, r in reports.items()}  # fmt: skip
    second, row = ("kunyang-2021.txt", "carry_forward") if later_first else ("kunyang-2022.txt", "carried")
    assert found[second] == [("TB117", row, "natural"), ("TB117", row, "total")]
    assert sum(len(v) for v in found.values()) == 2  # once per pair, in the report read second
