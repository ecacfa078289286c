"""Normalization unifies variants and keeps every offset mappable to the source."""

from __future__ import annotations

from pipeline.ingest import source_from_bytes
from pipeline.normalize import normalize


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
