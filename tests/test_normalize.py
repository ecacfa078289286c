"""Normalization unifies variants and keeps every offset mappable to the source."""

from __future__ import annotations

from pipeline.ingest import source_from_bytes
from pipeline.normalize import normalize
from tests.conftest import source_from_text


def norm(text: str):
    return normalize(source_from_bytes(text.encode("utf-8"), "t.txt"))


def test_full_width_forms_become_ascii():
    assert norm("（一）共计２６条，ＡＢ：是").text == "(一)共计26条,AB:是"


def test_layout_spaces_inside_chinese_are_removed_but_not_between_words():
    text = norm("  我乡 共有 26 条信息 。\nPDF file 2025  1  1  日\r\n")
    assert text.text == "我乡共有26条信息。\nPDF file 2025  1  1日\n"


def test_offsets_map_back_to_source_lines_and_columns():
    source_text = "标题\r\n  第一段 文字，义和乡在此。\r\n"
    text = norm(source_text)
    start = text.text.index("义和乡")
    loc = text.locate(start, start + 3)
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (2, 10, 2, 13)
    line = text.source_line(2)
    assert line[loc.column - 1 : loc.end_column - 1] == "义和乡"


def test_from_source_inverts_to_source():
    text = norm("一 二  三\n四")
    for offset in range(len(text.text)):
        assert text.from_source(text.to_source(offset)) == offset


def test_compatibility_ideographs_are_folded():
    # U+2F08 KANGXI RADICAL MAN and U+F92C (a compatibility ideograph) come out of PDFs.
    assert norm("\u2f08\uf92c").text == "人郎"


def test_bidi_controls_inside_a_name_are_dropped(auditor):
    text = "平阳县龙\u202e尾乡2009年政府信息公开工作年度报告\n我乡全年主动公开政府信息26条。\n龙尾\u200b乡人民政府\n"
    report = auditor.analyse(source_from_text(text))
    assert (report.meta.issuer_place, report.meta.county) == ("龙尾乡", "平阳县")
    assert report.meta.title == "平阳县龙尾乡2009年政府信息公开工作年度报告"
    start = report.text.text.index("尾乡2009")
    assert report.text.locate(start, start + 1).column == 6  # the column in the file, past the hidden character
