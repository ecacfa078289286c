"""Who the report says issued it: candidates, each with the places that name it, weighed.

Evidence comes from the title (any line of the first screen, year before or
after the name, one or two lines), the navigation crumbs, the signature, the
info bar's source, the body — `X人民政府`/`X党委`/`X党政办`, a report or guide it
says it compiled (编制了《X…年度报告》, 现将X…报告如下), a sentence that opens
with it, its own website or column, plain mentions — and the file name. The
level the body speaks as (我镇, 我县, 我局) favours candidates of that level; a
county that an anchored candidate names as its superior is not its rival.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.gazetteer import Gazetteer
from pipeline.models import COUNTY_LEVELS, TOWNSHIP_LEVELS, Evidence, Frame, Unit
from pipeline.parse.names import OFFICE_AFTER, chain_at, crumb_chain, level_of, lines_of, with_department
from pipeline.parse.units import leading_units

# Weights: the title, crumbs and signature name the issuer on purpose; in the body an
# office (X人民政府) or a report the issuer says it compiled (《X…年度报告》) speaks for it,
# a sentence opening with the name is its subject, and a bare mention may be a neighbour.
WEIGHTS = {"title": 6, "crumb": 5, "signature": 6, "own-report": 5, "body-office": 4, "contact": 4, "opening": 3,
           "own-channel": 3, "source": 2, "mention": 1, "file-name": 2}  # fmt: skip
KEPT = 5  # evidence of one kind kept for a candidate (and shown in the JSON)
CAPS = {"body-office": 3, "opening": 2, "mention": 4, "own-report": 2, "own-channel": 2}  # occurrences that count
ANCHORS = ("title", "crumb", "signature", "own-report")  # evidence that names the issuer on purpose
LEVEL_BONUS = 3
MIN_SCORE = 2
# The issuer's own channels: 漕河镇微信公众号, 白渡镇信息公开专栏.
_CHANNEL_AFTER = ("微信公众号", "公众号", "政务新媒体", "门户网站", "网站", "信息公开专栏", "政务公开专栏", "公开栏")
# An info bar's source (来源:温泉彝族乡人民政府) names the page's publisher, often the issuer.
_SOURCE_LABEL = re.compile(r"(?:来源|信息来源|发布机构|发布单位)\s*:?[\s|]*")
# Words just after the issuer's name in a sentence that presents this report.
_OWN_REPORT_TAILS = ("现向社会公开", "现向社会公布", "现公布", "现发布", "现将", "编制本报告", "编制了本")
# Words just before the issuer's name in a sentence that presents this report.
_OWN_REPORT_LEADS = ("本报告由", "本年度报告由", "现将", "现公布", "现公开", "现发布", "现予公布", "现予公开", "特公布",
                     "编制", "编制了", "现向社会公布", "现向社会公开")  # fmt: skip
_OWN_REPORT_LEAD = re.compile("|".join(sorted(_OWN_REPORT_LEADS, key=len, reverse=True)))
HEAD_CHARS = 1500  # where a report says which report it is
_OWN_REPORT_NEXT = re.compile(r"(?:人民政府|政府|办事处)?\s*(?:(?:19|20)\d{2}\s*年|政府信息公开|信息公开)")
# The suffix and the next character as one word: 发展乡村 is not 发展乡, 加快建设镇区 not 建设镇.
_SUFFIX_COMPOUNDS = ("乡村", "乡镇", "乡亲", "乡土", "乡下", "乡里", "乡贤", "乡风", "镇区", "镇村", "镇街", "镇域",
                     "镇级", "乡级", "镇容", "街区", "街巷", "街面")  # fmt: skip
_OWN_DOCUMENT = re.compile(r"(?:年度报告|年报|工作报告|指南|目录|制度)$")  # the quoted title ends so
# A department of a government the sentence does not name: 2020年，县农业农村局…; 区政府办公室.
_UNNAMED_GOVERNMENT_OFFICE = re.compile(
    r"(?<![\u4e00-\u9fff])(?:(?:19|20)\d{2}年度?,?)?(?P<level>[县区市旗])"
    r"(?P<office>(?:人民)?政府办公室|(?:城乡|乡村|(?!政府|县|区|市|乡|镇|街道|委|党)[\u4e00-\u9fff]){2,10}?"
    r"(?:局|委员会|办公室|中心))"
)
# A sentence that opens with a year, then its subject: 2014年，南薰乡未收取… (a name the data may lack).
_YEAR_OPENING = re.compile(
    r"(?:^|[。!?;\n])\s*(?:\(?[一二三四五六七八九十\d]{1,2}[)、.]\s*)?(?:19|20)\d{2}\s*年度?\s*,?\s*"
)
# What may stand between a sentence's start and its subject: 2024年白渡镇…, (二)2022年,X乡…
_OPENING = re.compile(
    r"\s*(?:\(?[一二三四五六七八九十\d]{1,2}[)、.]\s*)?(?:(?:19|20)\d{2}\s*年度?|本年度|今年|全年|近年来)?\s*,?\s*"
)


@dataclass(eq=False)  # candidates are compared by identity
class Candidate:
    """One unit the report may be speaking for, with the places that name it."""

    unit: Unit
    evidence: list[Evidence] = field(default_factory=list)
    chains: list[tuple[float, list[Unit]]] = field(default_factory=list)  # (weight, units named above it)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # evidence kept, by kind
    starts: set[int] = field(default_factory=set)  # where the kept evidence is

    @property
    def superiors(self) -> list[Unit]:
        """The units above it, each level from the strongest chain that names one."""
        out: list[Unit] = []
        for _, chain in sorted(self.chains, key=lambda item: -item[0]):
            for unit in chain:
                if all(u.level != unit.level and u.name != unit.name for u in out):
                    out.append(unit)
        return sorted(
            out,
            key=lambda u: (
                ("province", "city", "county", "district", "department").index(u.level)
                if u.level in ("province", "city", "county", "district", "department")
                else 9
            ),
        )

    def score(self) -> float:
        counts: dict[str, int] = defaultdict(int)
        total = 0.0
        for item in self.evidence:
            counts[item.kind] += 1
            if counts[item.kind] <= CAPS.get(item.kind, KEPT):
                total += item.weight
        return total


def add(candidates: dict[str, Candidate], kind: str, chain: list[Unit], span: tuple[int, int]) -> None:
    unit = chain[-1]
    key = _key(chain)
    candidate = candidates.setdefault(key, Candidate(unit if unit.level != "department" else _department(chain)))
    if span[0] >= 0 and span[0] in candidate.starts:
        return  # the same words seen by two scans (an opening found as an anchor and in the body)
    if candidate.counts[kind] >= KEPT:
        return  # enough of this kind: more would neither count nor help a reader
    candidate.counts[kind] += 1
    candidate.starts.add(span[0])
    candidate.evidence.append(Evidence(kind, "".join(u.name for u in chain), span[0], span[1], WEIGHTS[kind]))
    above = chain[:-1]
    if above:
        candidate.chains.append((WEIGHTS[kind], above))


def merge_aliases(candidates: dict[str, Candidate], aliases: Mapping[str, str]) -> None:
    """杜拉尔乡 and 杜拉尔鄂温克民族乡 in one report are one candidate, under the full name."""
    for short in [key for key in candidates if aliases.get(key) in candidates]:
        merged = candidates.pop(short)
        full = candidates[aliases[short]]
        full.evidence += merged.evidence  # (at most twice KEPT of a kind: both were capped)
        full.chains += merged.chains


def _key(chain: list[Unit]) -> str:
    """Candidates are keyed by the innermost unit; a department by its government and itself."""
    unit = chain[-1]
    if unit.level == "department":
        return "".join(u.name for u in chain[-2:])
    return unit.name


def _department(chain: list[Unit]) -> Unit:
    return Unit(
        "".join(u.name for u in chain[-2:]), "department", chain[-2 if len(chain) > 1 else -1].start, chain[-1].end
    )


def anchor_chains(text: str, frame: Frame, gazetteer: Gazetteer) -> list[tuple[str, list[Unit], tuple[int, int]]]:
    """The issuer chains the title, the crumbs and the signature name."""
    found = []
    if frame.title:
        for start, end in lines_of(text, *frame.title):
            chain = chain_at(text, start, end, gazetteer)
            if chain:
                found.append(("title", chain, (start, end)))
    for start, end in frame.crumbs:
        chain = crumb_chain(text, start, end, gazetteer)
        if chain:
            found.append(("crumb", chain, (start, end)))
    if frame.signature:
        chain = chain_at(text, *frame.signature, gazetteer)
        if chain:
            found.append(("signature", chain, frame.signature))
    for lead in _OWN_REPORT_LEAD.finditer(text, 0, min(len(text), HEAD_CHARS)):
        stop = min(len(text), lead.end() + 40)
        chain = chain_at(text, lead.end(), stop, gazetteer)  # 编制了若笠乡2008年…: a name the data may lack
        if chain and chain[-1].level != "province" and _OWN_REPORT_NEXT.match(text, chain[-1].end):
            found.append(("own-report", chain, (chain[0].start, chain[-1].end)))
    for opening in _YEAR_OPENING.finditer(text, 0, min(len(text), HEAD_CHARS)):
        chain = leading_units(text, opening.end(), min(len(text), opening.end() + 12), gazetteer)
        if chain and chain[-1].level in TOWNSHIP_LEVELS and chain[-1].name not in gazetteer.unit_levels:
            if not text.startswith(_SUFFIX_COMPOUNDS, chain[-1].end - 1):
                found.append(("opening", chain, (chain[0].start, chain[-1].end)))  # 2014年，南薰乡未收取…
    for office in _UNNAMED_GOVERNMENT_OFFICE.finditer(text, 0, min(len(text), HEAD_CHARS)):
        level = {"县": "county", "旗": "county", "区": "district", "市": "city"}[office["level"]]
        chain = [
            Unit(office["level"], level, office.start("level"), office.end("level")),
            Unit(office["office"], "department", office.start("office"), office.end("office")),
        ]  # 县农业农村局, 区政府办公室: its county is the one the report names
        kind = _body_kind(text, office.start("level"), office.end())
        if kind in ("opening", "own-report", "contact"):  # not 市民政局微信公众号: a superior's channel
            found.append((kind, chain, (office.start("level"), office.end())))
    for start, end in frame.furniture:
        for label in _SOURCE_LABEL.finditer(text, start, end):
            chain = chain_at(text, label.end(), end, gazetteer)
            if chain and chain[-1].level != "province":
                found.append(("source", chain, (label.end(), chain[-1].end)))
    return found


def body_evidence(text: str, frame: Frame, gazetteer: Gazetteer, names, candidates: dict[str, Candidate]) -> None:
    """Offices, own reports, openings and mentions of known names (and of names the anchors gave)."""
    anchors = [s for s in (frame.title, frame.signature) if s]
    names = list(names)
    anchored = {c.unit.name: c.unit.level for c in candidates.values() if c.unit.level != "department"}
    known = {name for name, _, _ in names}
    for name in set(anchored) - known:  # the data do not know it (龙尾乡): look for it as written
        names += [(name, m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
    names.sort(key=lambda item: item[1])
    for chain in _adjacent(names, anchored, gazetteer):
        if frame.is_furniture(chain[0].start) or any(a <= chain[0].start < b for a, b in anchors):
            continue
        chain = with_department(text, chain, gazetteer)
        unit = chain[-1]
        if unit.level == "province":
            continue  # provinces do not write the reports a county receives
        kind = _body_kind(text, chain[0].start, unit.end)
        if kind == "mention" and unit.level in ("city", "county", "district") and unit.name not in anchored:
            continue  # a county or city named in passing says nothing of the issuer
        if unit.name.endswith("街") or unit.name in gazetteer.common_word_names:
            if kind == "mention" or text.startswith(_SUFFIX_COMPOUNDS, unit.end - 1):
                continue  # 白云街 may be a street, 发展乡村 is not 发展乡: only a clear context names it
        add(candidates, kind, chain, (chain[0].start, unit.end))


def _adjacent(names, anchored: Mapping[str, str], gazetteer: Gazetteer) -> Iterable[list[Unit]]:
    """Names written one after the other (西安市临潼区) as one chain."""
    chain: list[Unit] = []
    for name, start, end in names:
        if chain and start != chain[-1].end:
            yield chain
            chain = []
        chain.append(Unit(name, anchored.get(name) or level_of(name, gazetteer), start, end))
    if chain:
        yield chain


def _body_kind(text: str, start: int, end: int) -> str:
    """How the body names the unit text[start:end]: as an office, its own report, a subject, in passing."""
    if text.startswith(OFFICE_AFTER, end) and not text.startswith("政府信息", end):
        return "body-office"
    if text.endswith(_OWN_REPORT_LEADS, max(0, start - 8), start) or text.startswith(_OWN_REPORT_TAILS, end):
        return "own-report"  # 现将茅坪回族镇2022年度…报告如下, 本报告由岳阳县民政局…编制
    if text.endswith("由", 0, start) and "编制" in text[end : end + 40].split("。")[0]:
        return "own-report"  # …要求，由江干区行政审批服务管理办公室编制的…报告
    if text.startswith(_CHANNEL_AFTER, end):
        return "own-channel"
    if text.endswith("请与", 0, start) and "联系" in text[end : end + 30]:
        return "contact"  # 如对本报告有任何疑问，请与宁陵县农业局联系
    if text.startswith(
        "政府信息", end
    ):  # X镇政府信息公开领导小组: the township's own; 邹城市政府信息公开要求: a superior's
        return "own-channel" if text[end - 1] in "乡镇道木" else "mention"
    book = text.rfind("《", max(0, start - 30), start)
    if book >= 0 and "》" not in text[book:start]:
        close = text.find("》", end, end + 40)
        if close > 0 and _OWN_DOCUMENT.search(text[end:close]) and _is_leading(text, book + 1, start):
            return "own-report"
        return "mention"
    window = text[max(0, start - 20) : start]
    boundary = max(window.rfind(c) for c in "。!?;\n")
    if (boundary >= 0 or start <= 20) and _OPENING.fullmatch(window[boundary + 1 :]):
        return "opening"
    return "mention"


def _is_leading(text: str, first: int, start: int) -> bool:
    """The name opens the quoted title, perhaps after its county and a year."""
    between = text[first:start]
    return not between or bool(
        re.fullmatch(r"(?:(?:19|20)\d{2}年度?)?[\u4e00-\u9fff]{0,8}?(?:省|市|县|区|旗|州|盟)?", between)
    )


def speaking_level(text: str, self_references: Mapping[str, Iterable[str]]) -> str | None:
    """The level the body speaks as: 我镇/本镇 (township), 我县 (county), 我局 (department)…"""
    scores: dict[str, float] = defaultdict(float)
    pattern = {word: level for level, words in self_references.items() for word in words}
    if not pattern:
        return None
    for match in _alternation(tuple(sorted(pattern, key=len, reverse=True))).finditer(text):
        word = match.group()
        if word.endswith("办") and text.startswith("法", match.end()):
            continue  # 本办法
        scores[pattern[word]] += 2 if word.startswith(("我", "本")) else 1
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None  # no clear voice
    return ranked[0][0]


@lru_cache(maxsize=8)
def _alternation(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, words)))


def _same_group(level: str, other: str) -> bool:
    groups = (TOWNSHIP_LEVELS, COUNTY_LEVELS, ("city",), ("department",))
    return any(level in group and other in group for group in groups)


def choose(
    candidates: Iterable[Candidate], self_level: str | None, counties_of: Callable[[str], set[str]]
) -> Candidate | None:
    """The candidate with the most evidence; ties go to the title, then the crumbs, then the signature.

    A county that a stronger candidate sits in — named above it in the report, or, for a
    township the report names with some weight, in the gazetteer — is its superior, not
    its rival (邹城市's website in 千泉街道's report).
    """
    order = {"title": 0, "crumb": 1, "signature": 2}
    candidates = list(candidates)
    anchored = [c for c in candidates if any(e.kind in ANCHORS for e in c.evidence)]
    above = {s.name for c in anchored for s in c.superiors}
    for candidate in candidates:
        if candidate.unit.level in TOWNSHIP_LEVELS and candidate.score() >= 2 * MIN_SCORE:
            above |= counties_of(candidate.unit.name)
    named_department = any(c.unit.level == "department" and not _unnamed(c) for c in anchored)
    ranked = []
    for candidate in candidates:
        if candidate not in anchored and (candidate.unit.name in above or (named_department and _unnamed(candidate))):
            continue  # 洪洞县 under 洪洞县教育科技局's title; 区发改局 beside 由武进区发展和改革局编制
        score = candidate.score()
        if score < MIN_SCORE:
            continue
        if self_level:
            score += LEVEL_BONUS if _same_group(candidate.unit.level, self_level) else -LEVEL_BONUS
        first = min((order.get(e.kind, 9) for e in candidate.evidence), default=9)
        ranked.append((score, -first, candidate))
    ranked = [r for r in ranked if r[0] >= MIN_SCORE]
    return max(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def _unnamed(candidate: Candidate) -> bool:
    """A department of a government the text does not name there: 县农业农村局."""
    return candidate.unit.level == "department" and any(len(s.name) == 1 for s in candidate.superiors)


def lone_county(chains) -> str | None:
    counties = {u.name for _, chain, _ in chains for u in chain if u.level in COUNTY_LEVELS}
    return counties.pop() if len(counties) == 1 else None
