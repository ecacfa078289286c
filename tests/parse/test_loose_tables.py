"""Tables as real pages flatten them (statute.md §6 and 57 real excerpts), written here in our own words."""

from __future__ import annotations

import pytest

TITLE = "某县城关镇2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"

# The same Table A rows in each shape met on real pages.
SHAPES = {
    "a cell per line, blank lines between": "第二十条第(一)项\n\n信息内容\n\n本年制发件数\n\n本年废止件数\n\n现行有效件数\n\n"
    "规章\n\n0\n\n0\n\n0\n\n行政规范性文件\n\n3\n\n1\n\n12\n",
    "each cell ending in a bar": "第二十条第(一)项 |\n信息内容 |\n本年新 制作数量 |\n本年废止件数 |\n现行有效件数 |\n"
    "规章 |\n0 |\n0 |\n0 |\n行政规范性文件 |\n3 |\n1 |\n12 |\n",
    "a lone bar after each cell": "信息内容\n|\n本年制发件数\n|\n本年废止件数\n|\n现行有效件数\n|\n规章\n|\n0\n|\n0\n|\n0\n|\n"
    "行政规范性文件\n|\n3\n|\n1\n|\n12\n|\n",
    "rows without the leading bar": "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 0 | |\n"
    "行政规范性文件 | 3 | 1 | 12 | |\n",
    "a row's numbers on one line": "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 3 1 12\n",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_flattened_shape_gives_the_same_cells(audit_text, shape):
    result = audit_text(TITLE + SHAPES[shape] + "三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n")
    table = result.report.statistic("active")
    assert table is not None and table.variant == "2021"
    values = {(c.row, c.column): c.value for c in table.cells}
    assert values == {("rules", "issued"): 0, ("rules", "repealed"): 0, ("rules", "in_force"): 0,
                      ("normative", "issued"): 3, ("normative", "repealed"): 1, ("normative", "in_force"): 12}  # fmt: skip
    text = result.report.text.text
    assert all(text[c.start : c.end] == c.text for c in table.cells)


def test_a_row_with_too_few_or_too_many_numbers_is_unplaced_not_guessed(audit_text):
    result = audit_text(
        "某县城关镇2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n自然人\n法人或其他组织\n总计\n"
        "一、本年新收政府信息公开申请数量\n15\n0\n0\n1\n0\n0\n1 6\n"  # 16 split by a space: eight numbers
        "二、上年结转政府信息公开申请数量\n2\n2\n"  # blank cells lost: two numbers for seven columns
        "三、本年度办理结果\n(一)予以公开\n8\n0\n0\n0\n0\n0\n8\n"
    )
    table = result.report.statistic("applications")
    problems = {(c.row, c.problem) for c in table.cells}
    assert ("new", "unplaced") in problems and ("carried", "unplaced") in problems
    assert table.value("new", "total") is None and table.value("carried", "natural") is None
    assert table.value("granted", "total") == 8  # the group label before it does not get in the way
    assert not [f for f in result.findings if f.rule in ("TB101", "TB102", "TB103")]  # nothing summed from guesses


def test_table_c_from_a_line_of_fifteen_numbers_under_stacked_headers(audit_text):
    result = audit_text(
        "某县城关镇2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
        "本年度未发生行政复议、行政诉讼。\n行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n结 结 其 尚\n果 果 他 未 总计\n"
        "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n"
    )
    table = result.report.statistic("review")
    assert [c.value for c in table.cells] == [0] * 15


def test_prose_ends_a_table_and_names_in_it_start_no_row(audit_text):
    result = audit_text(
        "某县城关镇2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n信息内容\n本年制发件数\n"
        "本年废止件数\n现行有效件数\n规章\n0\n0\n0\n"
        "全年制发行政规范性文件3件，办理行政许可12件。\n"  # prose: not a row, and the table ends here
        "行政规范性文件\n3\n1\n12\n"
    )
    table = result.report.statistic("active")
    assert {c.row for c in table.cells} == {"rules"}


def test_labels_only_is_no_table(audit_text):
    result = audit_text(TITLE + "信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n行政规范性文件\n")
    assert result.report.statistic("active") is None
    assert any(f.rule == "TB108" for f in result.findings)


def test_a_label_cut_by_a_line_break_is_no_typo(audit_text):
    result = audit_text(
        "某县城关镇2021年政府信息公开工作年度报告\n自然人\n总计\n一、本年新收政府信息公开申请数量\n0\n0\n0\n0\n0\n0\n0\n"
        "6.属于四类过程性信\n息\n0\n0\n0\n0\n0\n0\n0\n"
    )
    table = result.report.statistic("applications")
    assert table.value("withheld_process", "total") == 0 and not table.typo_rows
