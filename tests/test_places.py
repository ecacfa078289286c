"""Place-name checks on realistic reports, as a mutation test: another township's name planted
where the report speaks of itself is an error (PL101) at its span; planted in a legitimate
context it raises nothing; anywhere else it is a warning (PL105). Untouched texts raise no
PL error."""

from __future__ import annotations

import pytest

from pipeline.check import Checker, select_rules
from pipeline.normalize import normalize
from tests.conftest import DATA, SEED, source_from_text

# (file, issuer, self-reference, own county, {kind: a township elsewhere}, a county elsewhere)
REPORTS = [
    (SEED, "龙尾乡", "我乡", "平阳县", {"same county": "腾蛟镇", "same province": "塘下镇", "other province": "义和乡"}, "苍南县"),
    (DATA / "clean-2009-xiaojiang.txt", "萧江镇", "我镇", "平阳县",
     {"same county": "昆阳镇", "same province": "灵溪镇", "other province": "义和乡"}, "瑞安市"),
    (DATA / "clean-2021-pingyangkeng.txt", "平阳坑镇", "我镇", "瑞安市",
     {"same county": "塘下镇", "same province": "腾蛟镇", "other province": "义和乡"}, "平阳县"),
    (DATA / "clean-2015-daxie.txt", "大峃镇", "我镇", "文成县",
     {"same county": "玉壶镇", "same province": "塘下镇", "other province": "义和乡"}, "瑞安市"),
]  # fmt: skip

SELF_REFERRING = [
    "{F}人民政府高度重视政府信息公开工作。",  # the speaking body
    "{F}党委多次召开专题会议研究政务公开工作。",
    "{self}还建立了{F}政府信息公开网站，及时更新有关内容。",  # our website
    "持续维护县政府门户网站{F}信息公开专栏，做到及时更新。",  # our column
    "{self}目前未发现存在与{F}有关的虚假和不完整信息。",  # a 我乡 sentence
    "本年度{F}未收取政府信息公开信息处理费。",  # the subject of the year's work
    "2021年，{F}全年共主动公开政府信息86条。",
    "认真编制了《{F}政府信息公开工作指南》，方便群众申请。",  # our guide
    "按时发布了《{F}政府信息公开工作年度报告》。",  # our report
]

ELSEWHERE = [
    "有群众来电询问{F}的有关事项，已当场答复。",
    "上级部门对{F}的部分公开内容进行了抽查。",
]

LEGITIMATE = [
    "{self}与{F}交界的几个村，公开栏每季度更新一次。",
    "{self}组织干部赴{F}学习政务公开经验。",
    "{self}转发了《{F}政务公开工作方案》。",
    "{self}联系地址：{F}政府路1号，邮编325400。",
    "原{F}的档案已全部移交{self}。",
    "{self}与{F}等乡镇开展结对共建。",
    "{self}将与{F}等周边乡镇交流经验，不断提高政府信息公开工作水平。",
    "在{county}委、县政府的领导下，{self}扎实推进政务公开。",
    "县里在{F}召开了政务公开工作现场会，{self}派员参加。",
    "{self}参照《{F}政务公开工作方案》修订了本乡制度。",
    "{F}并入{self}后，相关档案已全部移交。",
]

CASES = [(r, kind) for r in REPORTS for kind in r[4]]


@pytest.fixture(scope="module")
def place_checker(auditor):
    return Checker(auditor.rulebook, auditor.gazetteer, select_rules(auditor.rulebook, ["PL"]))


def pl_errors(auditor, checker, text: str):
    report = auditor.analyse(source_from_text(text))
    findings = [f for f in checker.check(report) if f.severity == "error"]
    return report, findings


def pl_findings(auditor, checker, text: str):
    report = auditor.analyse(source_from_text(text))
    return report, list(checker.check(report))


def planted(auditor, checker, path, sentence: str, foreign: str):
    """Audit `path` with `sentence` planted; the findings it adds, and where `foreign` is in the new text."""
    original = path.read_text(encoding="utf-8")
    _, before = pl_findings(auditor, checker, original)
    report, after = pl_findings(auditor, checker, plant(original, sentence))
    start = report.text.text.rindex(normalized(sentence)) + sentence.index(foreign)
    old = {(b.rule, b.start, b.end) for b in before}
    return report, [f for f in after if (f.rule, f.start, f.end) not in old], (start, start + len(foreign))


def normalized(text: str) -> str:
    return normalize(source_from_text(text)).text


def plant(text: str, sentence: str) -> str:
    """Put a sentence in as its own paragraph just before the signature."""
    lines = text.rstrip("\n").split("\n")
    signature_at = max(i for i, line in enumerate(lines) if "人民政府" in line and len(line) < 20)
    return "\n".join(lines[:signature_at] + [sentence, ""] + lines[signature_at:]) + "\n"


def test_the_categories_hold_in_the_data(auditor):
    gazetteer = auditor.gazetteer
    for _, _, _, county, names, _ in REPORTS:
        for kind, name in names.items():
            places = {gazetteer.where(t) for t in gazetteer.towns_named(name)}
            assert places, name
            if kind == "same county":
                assert any(county in p for p in places)
            elif kind == "same province":
                assert any(p.startswith("浙江省") for p in places) and not any(county in p for p in places)
            else:
                assert not any(p.startswith("浙江省") for p in places)


@pytest.mark.parametrize("path", [r[0] for r in REPORTS] + [DATA / "clean-2019-mashui.txt"], ids=lambda p: p.name)
def test_untouched_texts(auditor, place_checker, path):
    _, findings = pl_findings(auditor, place_checker, path.read_text(encoding="utf-8"))
    expected = [("PL101", "义和乡")] if path == SEED else []
    assert [(f.rule, f.match) for f in findings] == expected


@pytest.mark.parametrize("report_case,kind", CASES, ids=lambda v: v if isinstance(v, str) else v[1])
@pytest.mark.parametrize("template", SELF_REFERRING)
def test_planted_foreign_township_is_flagged_at_its_span(auditor, place_checker, report_case, kind, template):
    path, issuer, self_word, _, names, _ = report_case
    foreign = names[kind]
    sentence = template.format(F=foreign, self=self_word)
    report, new, (start, end) = planted(auditor, place_checker, path, sentence, foreign)
    assert [(f.rule, f.severity, f.start, f.end) for f in new] == [("PL101", "error", start, end)]
    assert report.meta.issuer_place == issuer
    assert new[0].fix.replacement == issuer and new[0].data["mention"] == foreign


@pytest.mark.parametrize("report_case,kind", CASES, ids=lambda v: v if isinstance(v, str) else v[1])
def test_foreign_township_in_title_and_signature(auditor, place_checker, report_case, kind):
    path, issuer, _, _, names, _ = report_case
    foreign = names[kind]
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    for index in (0, max(i for i, line in enumerate(lines) if line.endswith(issuer + "人民政府"))):
        mutated = lines.copy()
        mutated[index] = mutated[index].replace(issuer, foreign)
        report, findings = pl_errors(auditor, place_checker, "\n".join(mutated))
        flagged = [(f.location.line, f.match) for f in findings if f.location.line == index + 1]
        assert flagged == [(index + 1, foreign)], (index, [(f.rule, f.match) for f in findings])
        assert report.meta.issuer_place == issuer


@pytest.mark.parametrize("report_case,kind", CASES, ids=lambda v: v if isinstance(v, str) else v[1])
@pytest.mark.parametrize("template", ELSEWHERE)
def test_other_mentions_are_warnings(auditor, place_checker, report_case, kind, template):
    _, _, self_word, _, names, _ = report_case
    foreign = names[kind]
    sentence = template.format(F=foreign, self=self_word)
    _, new, (start, end) = planted(auditor, place_checker, path=report_case[0], sentence=sentence, foreign=foreign)
    assert [(f.rule, f.severity, f.start, f.end) for f in new] == [("PL105", "warning", start, end)]
    assert new[0].fix.applicability == "unsafe" and new[0].data["context"] == "elsewhere"


@pytest.mark.parametrize("report_case", REPORTS, ids=lambda r: r[0].name)
@pytest.mark.parametrize("template", LEGITIMATE)
def test_legitimate_mentions_stay_quiet(auditor, place_checker, report_case, template):
    path, _, self_word, county, names, _ = report_case
    original = path.read_text(encoding="utf-8")
    _, before = pl_findings(auditor, place_checker, original)
    for foreign in names.values():
        sentence = template.format(F=foreign, self=self_word, county=county)
        _, after = pl_findings(auditor, place_checker, plant(original, sentence))
        assert [(f.rule, f.match) for f in after] == [(f.rule, f.match) for f in before], sentence


@pytest.mark.parametrize("report_case", REPORTS, ids=lambda r: r[0].name)
def test_foreign_superior_county(auditor, place_checker, report_case):
    path, _, self_word, _, _, other_county = report_case
    original = path.read_text(encoding="utf-8")
    sentence = f"在{other_county}委、县政府的领导下，{self_word}扎实推进政务公开。"
    report, findings = pl_errors(auditor, place_checker, plant(original, sentence))
    start = report.text.text.index(normalized(sentence)) + sentence.index(other_county)
    assert ("PL102", start, start + len(other_county)) in [(f.rule, f.start, f.end) for f in findings]


def test_whole_names_only(auditor, place_checker):
    # 瑞安市平阳坑镇 contains 平阳 but is neither 平阳县 nor a foreign county for a 瑞安市 report.
    original = (DATA / "clean-2021-pingyangkeng.txt").read_text(encoding="utf-8")
    _, findings = pl_errors(
        auditor, place_checker, plant(original, "在瑞安市委、市政府的领导下，瑞安市平阳坑镇扎实推进政务公开。")
    )
    assert findings == []


def test_ethnic_township_short_name_is_its_own(auditor, place_checker):
    text = (
        "平阳县青街畲族乡2021年政府信息公开工作年度报告\n青街乡人民政府全年主动公开政府信息40条。\n青街畲族乡人民政府\n"
    )
    report, findings = pl_errors(auditor, place_checker, text)
    assert report.meta.division_code and report.meta.issuer_verified
    assert findings == []


def test_a_county_report_names_its_townships(auditor, place_checker):
    text = (
        "平阳县人民政府2021年政府信息公开工作年度报告\n"
        "2021年，我县指导腾蛟镇、萧江镇、昆阳镇规范政务公开专栏。萧江镇全年公开信息120条。\n"
        "平阳县人民政府\n"
    )
    report, findings = pl_findings(auditor, place_checker, text)
    assert (report.meta.issuer_level, report.meta.county) == ("county", "平阳县")
    assert findings == []


def test_a_department_report_is_not_read_as_a_township(auditor, place_checker):
    text = "平阳县民政局2021年政府信息公开工作年度报告\n2021年，我局在萧江镇开展社会救助政策宣传。\n"
    report, findings = pl_findings(auditor, place_checker, text)
    assert (report.meta.issuer_level, report.meta.issuer) == ("department", "平阳县民政局")
    assert findings == []
