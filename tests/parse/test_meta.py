"""Metadata: title, issuer, year, dates and period as a reviewer would read them."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.gazetteer import Gazetteer
from pipeline.normalize import normalize
from pipeline.parse import parse_head
from pipeline.rulebook import load_rulebook
from tests.conftest import DATA, source_from_text

RULEBOOK = load_rulebook()
GAZETTEER = Gazetteer.load()


def meta_of(text: str):
    return parse_head(normalize(source_from_text(text)), RULEBOOK, GAZETTEER)[1]


def test_full_administrative_chain_in_the_title():
    meta = meta_of("浙江省温州市平阳县龙尾乡人民政府2009年度政府信息公开工作年度报告\n正文。\n")
    assert (meta.province, meta.city, meta.county, meta.issuer_place) == ("浙江省", "温州市", "平阳县", "龙尾乡")
    assert meta.issuer == "龙尾乡人民政府"
    assert (meta.report_year, meta.regime) == (2009, "2007")


@pytest.mark.parametrize(
    "title,place,level",
    [
        ("2021年城关街道办事处政府信息公开工作年度报告", "城关街道", "subdistrict"),
        ("瑞安市平阳坑镇2021年政府信息公开工作年度报告", "平阳坑镇", "township"),
        ("乡宁县昌宁镇2019年政府信息公开工作年度报告", "昌宁镇", "township"),
        ("平阳县2015年政府信息公开工作年度报告", "平阳县", "county"),
        ("平阳县民政局2021年政府信息公开工作年度报告", "民政局", "department"),
    ],
)
def test_issuer_place_and_level(title, place, level):
    meta = meta_of(title + "\n正文。\n")
    assert (meta.issuer_place, meta.issuer_level) == (place, level)


def test_department_issuer_keeps_its_government():
    meta = meta_of("平阳县民政局2021年政府信息公开工作年度报告\n正文。\n")
    assert (meta.issuer, meta.county) == ("平阳县民政局", "平阳县")


def test_issuer_from_the_signature_when_the_title_has_none():
    meta = meta_of("2020年政府信息公开工作年度报告\n正文。\n萧江镇人民政府\n二〇二一年一月十五日\n")
    assert (meta.issuer, meta.issuer_place) == ("萧江镇人民政府", "萧江镇")
    assert meta.signed.value == dt.date(2021, 1, 15)
    assert (meta.report_year, meta.regime) == (2020, "2019")


def test_year_from_the_opening_text_when_the_title_has_none():
    meta = meta_of("政府信息公开工作年度报告\n现将本镇2022年度政府信息公开工作年度报告公布如下。\n")
    assert (meta.report_year, meta.year_source, meta.regime) == (2022, "own-report", "2021")


def test_statistics_period_and_publication_date():
    meta = meta_of(
        "某镇2021年政府信息公开工作年度报告\n发布日期：2022-01-20\n"
        "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n"
    )
    assert (meta.period.first, meta.period.last) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert meta.published.value == dt.date(2022, 1, 20)


def test_clean_2021_report_metadata():
    meta = meta_of((DATA / "clean-2021-pingyangkeng.txt").read_text(encoding="utf-8"))
    assert (meta.city, meta.county, meta.issuer_place) == ("温州市", "瑞安市", "平阳坑镇")
    assert (meta.report_year, meta.regime) == (2021, "2021")
    assert meta.signed.value == dt.date(2022, 1, 20)
