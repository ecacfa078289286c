"""Narrative figures: Arabic and Chinese numerals with their unit and what they count."""

from __future__ import annotations

from pipeline.numerals import han_to_int
from pipeline.parse.figures import find_figures
from pipeline.rulebook import load_rulebook

UNITS = load_rulebook().lexicon.figure_units


def test_chinese_numerals():
    assert [han_to_int(s) for s in ("三", "十一", "二十六", "一百零五", "二〇〇九", "两千")] == [
        3,
        11,
        26,
        105,
        2009,
        2000,
    ]
    assert han_to_int("三大") is None


def test_seed_style_figures():
    text = (
        "我乡对需要主动公开政府信息共计三大项26条全部进行了主动公开。按照《条例》第九、十、十一条规定。面积约20平方米。"
    )
    figures = [(f.value, f.unit, f.counts) for f in find_figures(text, UNITS)]
    assert figures == [
        (3, "大项", "我乡对需要主动公开政府信息"),
        (26, "条", "我乡对需要主动公开政府信息"),
        (20, "平方米", "面积"),
    ]


def test_numerals_inside_words_are_not_figures():
    assert find_figures("统一项目进一步推进,一是加强领导。", UNITS) == ()
