"""The heading tree: levels by first appearance, numbered paragraphs kept apart."""

from __future__ import annotations

from pipeline.parse.headings import parse_headings

TEXT = """标题
一、总体情况
（一）主动公开
1、建立了政府信息主动公开制度,利用单位文件、服务大厅、政府网站等方式主动公开政府信息。
2、建立了依申请公开制度,编制了依申请公开政府信息目录,严格按程序进行公开。
（二）依申请公开
二、存在的问题
① 人员不足
② 经费不足
"""


def test_levels_paths_and_items():
    text = TEXT.replace("（", "(").replace("）", ")")
    sections = parse_headings(text, skip=((0, 2),))
    assert [(s.marker, s.level, s.is_heading, s.path) for s in sections] == [
        ("一、", 1, True, "一、"),
        ("(一)", 2, True, "一、(一)"),
        ("1、", 3, False, "一、(一)"),
        ("2、", 3, False, "一、(一)"),
        ("(二)", 2, True, "一、(二)"),
        ("二、", 1, True, "二、"),
        ("①", 2, True, "二、①"),
        ("②", 2, True, "二、②"),
    ]
    first = sections[0]
    assert text[first.start : first.end].startswith("一、总体情况")
    assert first.end == sections[5].start


def test_stop_ends_the_last_section_before_the_signature():
    text = "一、概述\n正文。\n某镇人民政府\n"
    sections = parse_headings(text, stop=text.index("某镇"))
    assert sections[0].end == text.index("某镇")
