"""Issuer names split into units with the gazetteer: whole names, the right level, offices as departments."""

from __future__ import annotations

import pytest

from pipeline.gazetteer import Gazetteer
from pipeline.parse.units import units_in

GAZETTEER = Gazetteer.load()


@pytest.mark.parametrize(
    "name,expected",
    [
        ("梅县区白渡镇", [("梅县区", "district"), ("白渡镇", "township")]),
        (
            "双江拉祜族佤族布朗族傣族自治县勐勐镇",
            [("双江拉祜族佤族布朗族傣族自治县", "county"), ("勐勐镇", "township")],
        ),
        ("阿拉善盟额济纳旗温图高勒苏木", [("阿拉善盟", "city"), ("额济纳旗", "county"), ("温图高勒苏木", "sumu")]),
        ("平阳县青街畲族乡", [("平阳县", "county"), ("青街畲族乡", "ethnic_township")]),
        ("瑞安市平阳坑镇", [("瑞安市", "county"), ("平阳坑镇", "township")]),
        ("淮安市洪泽区", [("淮安市", "city"), ("洪泽区", "district")]),
        ("北京市通州区", [("北京市", "province"), ("通州区", "district")]),
        ("平阳县龙尾乡", [("平阳县", "county"), ("龙尾乡", "township")]),  # not in the data: cut by its suffix
        ("洪泽区住房和城乡建设局", [("洪泽区", "district"), ("住房和城乡建设局", "department")]),
        ("沙坪坝区丰文街道办事处", [("沙坪坝区", "district"), ("丰文街道", "subdistrict")]),
    ],
)
def test_names_come_out_whole(name, expected):
    assert [(u.name, u.level) for u in units_in(name, 0, len(name), GAZETTEER)] == expected


@pytest.mark.parametrize("words", ["乡镇", "城乡", "各乡镇", "全县", "我局", "本局"])
def test_words_are_not_units(words):
    assert units_in(words, 0, len(words), GAZETTEER) == []


def test_short_forms_of_ethnic_units_are_known():
    assert GAZETTEER.aliases["互助县"] == "互助土族自治县"
    assert GAZETTEER.aliases["杜拉尔乡"] == "杜拉尔鄂温克民族乡"
    assert [GAZETTEER.where(t) for t in GAZETTEER.towns_named("青街乡")] == ["浙江省温州市平阳县"]


def test_a_two_character_name_does_not_continue_a_word():
    # 梅县 is not inside 雪梅县城; it is a name after 省 or a function word
    assert [n for n, _, _ in GAZETTEER.find_names("雪梅县城的路灯")] == []
    assert [n for n, _, _ in GAZETTEER.find_names("广东省梅县")] == ["广东省", "梅县"]
    assert [n for n, _, _ in GAZETTEER.find_names("在梅县")] == ["梅县"]
    assert [n for n, _, _ in GAZETTEER.find_names("通过肃南县人民政府门户网站")] == ["肃南县"]  # a short form
