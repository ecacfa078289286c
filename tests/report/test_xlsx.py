"""The supervisor's workbook, read back with openpyxl as a county office would open it."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from pipeline.cli import main
from tests.conftest import ROOT

HOSTILE = '=HYPERLINK("http://x.invalid","点我")统计期限自202111日起。'


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    batch = tmp_path_factory.mktemp("batch")
    for name in ("aojiang-2020.txt", "kunyang-2022.txt"):
        shutil.copy(ROOT / "samples" / name, batch / name)
    (batch / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (batch / "diary.txt").write_text("今天天气很好，我们去公园散步。\n" * 5, encoding="utf-8")
    (batch / "README.md").write_text("这个文件夹里是各乡镇报来的年度报告。\n", encoding="utf-8")
    report = (ROOT / "samples" / "kunyang-2022.txt").read_text(encoding="utf-8").replace("昆阳镇", "腾蛟镇")
    (batch / "hostile.txt").write_text(report.replace("一、总体情况\n", "一、总体情况\n" + HOSTILE + "\n", 1))
    out = tmp_path_factory.mktemp("out") / "汇总.xlsx"
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(batch), "-o", str(out)])
    assert exit_info.value.code == 1  # errors in aojiang, the .doc and the diary cannot be audited
    return openpyxl.load_workbook(out)


def rows(sheet):
    head = [cell.value for cell in sheet[1]]
    return [dict(zip(head, row, strict=False)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_overview_has_a_row_for_every_file_found(workbook):
    overview = {row["文件"].rsplit("/", 1)[-1]: row for row in rows(workbook["汇总"])}
    assert set(overview) == {"aojiang-2020.txt", "kunyang-2022.txt", "old.doc", "diary.txt", "README.md", "hostile.txt"}
    clean = overview["kunyang-2022.txt"]
    # no error; one warning: hostile.txt, read before it, is a copy with the town's name changed
    assert (clean["发布机关"], clean["报告年度"], clean["错误"], clean["警告"]) == ("昆阳镇人民政府", 2022, 0, 1)
    assert clean["得分"] == 97
    assert (clean["统计表读出"], clean["统计表勾稽"], clean["本年新收申请"], clean["是否按期"]) == (
        "3/3",
        "平衡",
        5,
        "按期",
    )
    assert clean["主动公开政府信息"] == "有" and clean["工作考核、社会评议和责任追究结果"] == "有"
    broken = overview["aojiang-2020.txt"]
    assert (broken["统计表勾稽"], broken["错误"], broken["得分"]) == ("不平衡", 4, 60)
    assert ".docx" in overview["old.doc"]["无法审核的原因"]
    assert overview["diary.txt"]["无法审核的原因"].startswith("未识别为政府信息公开工作年度报告")
    assert overview["README.md"]["无法审核的原因"].startswith("已跳过")


def test_the_problem_list_quotes_each_finding_and_a_formula_stays_text(workbook):
    problems = rows(workbook["问题清单"])
    rules = {row["规则"] for row in problems if row["文件"].endswith("aojiang-2020.txt")}
    assert rules == {"TB101", "TB106", "TB111"}
    dated = next(row for row in problems if row["规则"] == "DT106")
    assert dated["原文"] == "202111日" and dated["所在句子"].startswith("=HYPERLINK(")
    sheet = workbook["问题清单"]
    cell = next(c for row in sheet.iter_rows(min_row=2) for c in row if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"  # text, not a formula
    assert all(row["建议"] for row in problems if row["规则"].startswith("TB"))


def test_statistics_have_charts_and_the_rules_sheet_lists_the_rulebook(workbook):
    statistics = workbook["统计"]
    assert len(statistics._charts) == 2
    first = [c.value for c in next(statistics.iter_rows(min_row=2, max_row=2))][:4]
    assert first[0] in {"TB101", "DT106"} and first[3] >= 1
    rules = rows(workbook["规则"])
    assert {"TB101", "PL101", "DP101"} <= {row["规则"] for row in rules}
    assert workbook["汇总"].freeze_panes == "A2"


def test_the_copied_pair_is_in_the_copies_sheet_with_its_passages(workbook):
    (pair,) = rows(workbook["雷同"])
    assert {pair["文件"].rsplit("/", 1)[-1], pair["雷同文件"].rsplit("/", 1)[-1]} == {"kunyang-2022.txt", "hostile.txt"}
    assert (pair["发布机关"], pair["雷同发布机关"]) == ("昆阳镇人民政府", "腾蛟镇人民政府")
    assert pair["雷同比例"] > 0.8 and "以公开为常态" in pair["相同段落（节选）"]
    problems = rows(workbook["问题清单"])
    assert [row["文件"].rsplit("/", 1)[-1] for row in problems if row["规则"] == "DP102"] == ["kunyang-2022.txt"]


def test_the_sample_batch_gives_the_workbook_a_supervisor_forwards(tmp_path, capsys):
    """samples/batch: the county's January folder (README there) as the issue's 'done when' describes it."""
    out = tmp_path / "batch.xlsx"
    with pytest.raises(SystemExit):
        main(["check", str(ROOT / "samples" / "batch"), "-o", str(out)])
    book = openpyxl.load_workbook(out)
    overview = {row["文件"].rsplit("/", 1)[-1]: row for row in rows(book["汇总"])}
    assert len(overview) == 7
    assert overview["水头镇2025年度报告.doc"]["无法审核的原因"].startswith("不能读取 Word 97-2003 文件")
    assert "文件已损坏或不完整" in overview["腾蛟镇2021年度报告.pdf"]["无法审核的原因"]
    assert "这是一份通知或函" in overview["关于报送年度报告的通知.txt"]["无法审核的原因"]
    assert overview["README.md"]["无法审核的原因"].startswith("已跳过")
    assert overview["鳌江镇2020年度报告.html"]["统计表勾稽"] == "不平衡"
    (pair,) = rows(book["雷同"])
    assert {pair["发布机关"], pair["雷同发布机关"]} == {"昆阳镇人民政府", "万全镇人民政府"}
    hostile = next(c for r in book["问题清单"].iter_rows(min_row=2) for c in r if str(c.value).startswith("=HYPER"))
    assert hostile.data_type == "s"
    assert len(book["统计"]._charts) == 2
