"""Issuer resolution against the gazetteer: unique, ambiguous, unknown, abolished."""

from __future__ import annotations

import pytest

from tests.conftest import source_from_text


@pytest.fixture(scope="module")
def meta_of(auditor):
    def run(text: str, path: str = "report.txt"):
        return auditor.analyse(source_from_text(text, path)).meta

    return run


def test_unique_name_resolves_with_code_and_superiors(meta_of):
    meta = meta_of("平阳县萧江镇2021年政府信息公开工作年度报告\n正文。\n萧江镇人民政府\n")
    assert (meta.province, meta.city, meta.county, meta.issuer_place) == ("浙江省", "温州市", "平阳县", "萧江镇")
    assert meta.division_code == "330326103" and meta.county_code == "330326"
    assert meta.issuer_verified is True


def test_county_level_city_in_the_title(meta_of):
    meta = meta_of("瑞安市平阳坑镇2021年政府信息公开工作年度报告\n正文。\n")
    assert (meta.city, meta.county, meta.division_code) == ("温州市", "瑞安市", "330381129")
    assert meta.issuer_verified


def test_unknown_township_is_kept_from_the_report_and_unverified(seed_result):
    meta = seed_result.report.meta
    assert (meta.issuer, meta.county, meta.county_code, meta.province) == (
        "龙尾乡人民政府",
        "平阳县",
        "330326",
        "浙江省",
    )
    assert meta.division_code is None and meta.issuer_verified is False
    assert "没有平阳县龙尾乡" in meta.issuer_note


def test_ambiguous_name_without_a_county_stays_unresolved(meta_of, auditor):
    assert len(auditor.gazetteer.towns_named("城关镇")) > 100
    meta = meta_of("城关镇2021年政府信息公开工作年度报告\n正文。\n城关镇人民政府\n")
    assert meta.issuer_place == "城关镇"
    assert (meta.county, meta.division_code, meta.issuer_verified) == (None, None, False)
    assert "城关镇" in meta.issuer_note and "未写明所在县" in meta.issuer_note


def test_ambiguous_name_settled_by_the_county_the_body_names(meta_of, auditor):
    town = next(t for t in auditor.gazetteer.towns_named("城关镇") if t.last_year == 2023)
    county = auditor.gazetteer.county(town.county_code).name
    text = (
        f"城关镇2021年政府信息公开工作年度报告\n在{county}委、县政府的领导下，我镇扎实推进政务公开。\n城关镇人民政府\n"
    )
    meta = meta_of(text)
    assert (meta.county, meta.division_code, meta.issuer_verified) == (county, town.code, True)


def test_township_abolished_before_the_report_year_is_unverified(meta_of):
    meta = meta_of("西充县义和乡2021年政府信息公开工作年度报告\n正文。\n义和乡人民政府\n")
    assert meta.county == "西充县" and meta.division_code == "511325219"
    assert meta.issuer_verified is False and "2015–2018" in meta.issuer_note


def test_the_body_outvotes_a_copied_title(meta_of):
    text = (
        "平阳县腾蛟镇2021年政府信息公开工作年度报告\n萧江镇全年主动公开政府信息186条。\n"
        "萧江镇人民政府信息公开网站运行良好。\n萧江镇人民政府\n"
    )
    meta = meta_of(text)
    assert (meta.issuer, meta.issuer_place, meta.division_code) == ("萧江镇人民政府", "萧江镇", "330326103")


def test_file_name_names_the_issuer_when_the_text_does_not(meta_of):
    meta = meta_of("2021年政府信息公开工作年度报告\n正文。\n", path="submissions/平阳县萧江镇2021年报.txt")
    assert meta.issuer_place == "萧江镇"
