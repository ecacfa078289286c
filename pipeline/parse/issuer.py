"""Who issued the report: every place that names it, weighed, then looked up in the gazetteer.

Evidence comes from the title (any line of the first screen, year before or
after the name, one or two lines), the navigation crumbs, the signature, the
body — its `X人民政府`/`X党委`/`X党政办`, a `《X…年度报告》` it says it compiled,
a sentence that opens with the issuer, plain mentions — and the file name. The
level the body speaks as (我镇, 我县, 我局) favours candidates of that level. The
winner is resolved at its own level: a township or 街道 against the township
table, a county or district against the county table, a department through its
government; names that many places share (城关镇) are settled by the superior
units the text names and by the report year.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.gazetteer import FIRST_DATA_YEAR, LAST_DATA_YEAR, County, Gazetteer, Town
from pipeline.models import COUNTY_LEVELS, TOWNSHIP_LEVELS, Evidence, Frame, Unit
from pipeline.parse.units import units_in

# Weights: the title, crumbs and signature name the issuer on purpose; in the body an
# office (X人民政府) or a report the issuer says it compiled (《X…年度报告》) speaks for it,
# a sentence opening with the name is its subject, and a bare mention may be a neighbour.
WEIGHTS = {"title": 6, "crumb": 5, "signature": 6, "own-report": 5, "body-office": 4, "opening": 3,
           "own-channel": 3, "source": 2, "mention": 1, "file-name": 2}  # fmt: skip
CAPS = {"body-office": 3, "opening": 2, "mention": 4, "own-report": 2, "own-channel": 2}  # occurrences that count
ANCHORS = ("title", "crumb", "signature", "own-report")  # evidence that names the issuer on purpose
LEVEL_BONUS = 3
MIN_SCORE = 2

_YEAR_LEAD = re.compile(r"(?:关于)?\s*(?:(?:19|20)\d{2}\s*年度?\s*)?(?:关于)?")
_NAME_RUN = re.compile(r"[\u4e00-\u9fff()]+")
# What follows an issuer's name in a title, crumb or signature: the name ends there.
_AFTER_NAME = re.compile(
    r"人民政府|政府信息|政府|党委|党工委|党政|办事处|管委会|管理委员会|信息公开|政务公开|"
    r"(?:19|20)\d{2}|年度|关于|工作年度|[(（]"
)
_OFFICE_AFTER = ("人民政府", "政府", "党委", "党工委", "党政办", "党政综合办", "办事处", "街道办", "管委会")
# The issuer's own channels: 漕河镇微信公众号, 白渡镇信息公开专栏.
_CHANNEL_AFTER = ("微信公众号", "公众号", "政务新媒体", "门户网站", "网站", "信息公开专栏", "政务公开专栏", "公开栏")
# An info bar's source (来源:温泉彝族乡人民政府) names the page's publisher, often the issuer.
_SOURCE_LABEL = re.compile(r"(?:来源|信息来源|发布机构|发布单位)\s*:?[\s|]*")
# Words just after the issuer's name in a sentence that presents this report.
_OWN_REPORT_TAILS = ("现向社会公开", "现向社会公布", "现公布", "现发布", "现将", "编制本报告", "编制了本")
_LINE_LABEL = re.compile(r"[\s|•·]*(?:标题|题名|名称|信息名称|文件名称|文章标题)?\s*[:|]?[\s|]*")
_GOVERNMENT_OFFICE = re.compile(
    r"(?:人民政府|政府)(?:(?P<department>办公室|办)|(?P<unit>[\u4e00-\u9fff]{2,8}?(?:街道|乡|镇))(?:办事处|人民政府)?)"
)
# A department named after its county in the body: 岳阳县民政局, 清水县教育局 (not 县人民政府, 县委).
_DEPARTMENT_AFTER = re.compile(
    r"(?!委|党|人大|政协)(?:(?!政府|县|区|市|乡|镇|街道)[\u4e00-\u9fff]){1,10}?(?:局|委员会|办公室|中心)"
)
# Words just before the issuer's name in a sentence that presents this report.
_OWN_REPORT_LEADS = ("本报告由", "本年度报告由", "现将", "现公布", "现公开", "现发布", "现予公布", "现予公开", "特公布",
                     "编制", "编制了", "现向社会公布", "现向社会公开")  # fmt: skip
_OWN_REPORT_LEAD = re.compile("|".join(sorted(_OWN_REPORT_LEADS, key=len, reverse=True)))
HEAD_CHARS = 3000  # where a report says which report it is
_OWN_REPORT_NEXT = re.compile(r"(?:人民政府|政府|办事处)?\s*(?:(?:19|20)\d{2}\s*年|政府信息公开|信息公开)")
# The suffix and the next character as one word: 发展乡村 is not 发展乡, 加快建设镇区 not 建设镇.
_SUFFIX_COMPOUNDS = ("乡村", "乡镇", "乡亲", "乡土", "乡下", "乡里", "乡贤", "乡风", "镇区", "镇村", "镇街", "镇域",
                     "镇级", "乡级", "镇容", "街区", "街巷", "街面")  # fmt: skip
_CRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|→)+\s*")
_OWN_DOCUMENT = re.compile(r"(?:年度报告|年报|工作报告|指南|目录)$")  # the quoted title ends so
# What may stand between a sentence's start and its subject: 2024年白渡镇…, (二)2022年,X乡…
_OPENING = re.compile(
    r"\s*(?:\(?[一二三四五六七八九十\d]{1,2}[)、.]\s*)?(?:(?:19|20)\d{2}\s*年度?|本年度|今年|全年|近年来)?\s*,?\s*"
)


@dataclass(frozen=True)
class Issuer:
    name: str | None = None  # 龙尾乡人民政府, 平阳县民政局
    place: str | None = None  # 龙尾乡, 民政局
    level: str | None = None
    county: str | None = None
    city: str | None = None
    province: str | None = None
    county_code: str | None = None
    division_code: str | None = None
    verified: bool = False
    note: str | None = None
    evidence: tuple[Evidence, ...] = ()
    self_level: str | None = None


@dataclass
class _Candidate:
    unit: Unit
    evidence: list[Evidence] = field(default_factory=list)
    chains: list[tuple[float, list[Unit]]] = field(default_factory=list)  # (weight, units named above it)

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
            if counts[item.kind] <= CAPS.get(item.kind, 1_000):
                total += item.weight
        return total


def identify_issuer(
    text: str,
    frame: Frame,
    self_references: Mapping[str, Iterable[str]],
    gazetteer: Gazetteer,
    path: str,
    year: int | None,
) -> Issuer:
    candidates: dict[str, _Candidate] = {}
    chains = _anchor_chains(text, frame, gazetteer)
    for kind, chain, span in chains:
        _add(candidates, kind, chain, span)
    for chain in _file_name_chains(path, gazetteer):
        _add(candidates, "file-name", chain, (-1, -1))
    names = gazetteer.find_names(text)
    _body_evidence(text, frame, gazetteer, names, candidates)
    _merge_aliases(candidates, gazetteer.aliases)
    self_level = _self_level(text, self_references)
    best = _choose(candidates.values(), self_level)
    if best is None:
        return Issuer(self_level=self_level, county=_lone_county(chains))
    mentioned = {name for name, _, _ in names}
    mentioned |= {gazetteer.aliases[name] for name in mentioned if name in gazetteer.aliases}  # 互助县
    return _resolve(best, text, gazetteer, year, frame, mentioned, self_level)


def _add(candidates: dict[str, _Candidate], kind: str, chain: list[Unit], span: tuple[int, int]) -> None:
    unit = chain[-1]
    key = _key(chain)
    candidate = candidates.setdefault(key, _Candidate(unit if unit.level != "department" else _department(chain)))
    candidate.evidence.append(Evidence(kind, "".join(u.name for u in chain), span[0], span[1], WEIGHTS[kind]))
    above = chain[:-1]
    if above:
        candidate.chains.append((WEIGHTS[kind], above))


def _merge_aliases(candidates: dict[str, _Candidate], aliases: Mapping[str, str]) -> None:
    """杜拉尔乡 and 杜拉尔鄂温克民族乡 in one report are one candidate, under the full name."""
    for short in [key for key in candidates if aliases.get(key) in candidates]:
        merged = candidates.pop(short)
        full = candidates[aliases[short]]
        full.evidence += merged.evidence
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


# -- evidence -------------------------------------------------------------------------------


def _anchor_chains(text: str, frame: Frame, gazetteer: Gazetteer) -> list[tuple[str, list[Unit], tuple[int, int]]]:
    """The issuer chains the title, the crumbs and the signature name."""
    found = []
    if frame.title:
        for start, end in _lines_of(text, *frame.title):
            chain = _chain_at(text, start, end, gazetteer)
            if chain:
                found.append(("title", chain, (start, end)))
    for start, end in frame.crumbs:
        chain = _crumb_chain(text, start, end, gazetteer)
        if chain:
            found.append(("crumb", chain, (start, end)))
    if frame.signature:
        chain = _chain_at(text, *frame.signature, gazetteer)
        if chain:
            found.append(("signature", chain, frame.signature))
    for lead in _OWN_REPORT_LEAD.finditer(text, 0, min(len(text), HEAD_CHARS)):
        stop = min(len(text), lead.end() + 40)
        chain = _chain_at(text, lead.end(), stop, gazetteer)  # 编制了若笠乡2008年…: a name the data may lack
        if chain and chain[-1].level != "province" and _OWN_REPORT_NEXT.match(text, chain[-1].end):
            found.append(("own-report", chain, (chain[0].start, chain[-1].end)))
    for start, end in frame.furniture:
        for label in _SOURCE_LABEL.finditer(text, start, end):
            chain = _chain_at(text, label.end(), end, gazetteer)
            if chain and chain[-1].level != "province":
                found.append(("source", chain, (label.end(), chain[-1].end)))
    return found


def _lines_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, position = [], start
    for piece in text[start:end].split("\n"):
        if piece.strip():
            out.append((position, position + len(piece)))
        position += len(piece) + 1
    return out


def _chain_at(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[Unit]:
    """The units a title-like line opens with: [2024年]梅县区白渡镇[人民政府…]."""
    label = _LINE_LABEL.match(text, start, end)
    if label:
        start = label.end()
    lead = _YEAR_LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    run = _NAME_RUN.match(text, start, end)
    if not run:
        return []
    stop = _AFTER_NAME.search(text, start, run.end())
    chain_end = stop.start() if stop else run.end()
    if text.endswith("街道办", start, chain_end):
        chain_end -= 1  # 城关街道办: the 街道's office
    if chain_end - start < 2:
        return []
    chain = units_in(text, start, chain_end, gazetteer)
    if not chain and text.startswith("办事处", chain_end) and chain_end - start <= 4:
        return [Unit(text[start:chain_end] + "办事处", "subdistrict", start, chain_end + 3)]  # 城南办事处
    return _office_tail(text, chain, chain_end, end, gazetteer)


def _office_tail(text: str, chain: list[Unit], at: int, end: int, gazetteer: Gazetteer) -> list[Unit]:
    """What the name's office adds: X区人民政府办公室 (a department), X区人民政府Y街道办事处 (a 街道)."""
    if not chain or chain[-1].level not in ("city", "county", "district"):
        return chain
    office = _GOVERNMENT_OFFICE.match(text, at, end)
    if office is None:
        return chain
    if office["department"]:
        return chain + [Unit(text[at : office.end()], "department", at, office.end())]  # 人民政府办公室
    inner = units_in(text, office.start("unit"), office.end("unit"), gazetteer)
    return chain + inner if inner and inner[-1].level in TOWNSHIP_LEVELS else chain


def _crumb_chain(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[Unit]:
    """The deepest crumb that names a unit: 首页 > 政府信息公开目录 > 梅县区白渡镇人民政府 > …"""
    best: list[Unit] = []
    position = start
    for piece in _CRUMB_SPLIT.split(text[start:end]):
        offset = text.find(piece, position, end) if piece else -1
        if offset >= 0:
            chain = _chain_at(text, offset, offset + len(piece), gazetteer)
            if chain and _is_whole(text, offset, offset + len(piece), chain):
                best = chain
            position = offset + len(piece)
    return best


def _is_whole(text: str, start: int, end: int, chain: list[Unit]) -> bool:
    """A crumb that is the unit's name (and office), not a column title that contains one."""
    rest = text[chain[-1].end : end].strip()
    return not rest or rest.startswith(_OFFICE_AFTER) or rest in ("信息公开", "政府信息公开", "政务公开")


def _file_name_chains(path: str, gazetteer: Gazetteer) -> list[list[Unit]]:
    stem = Path(path).stem
    chains = []
    for match in _NAME_RUN.finditer(stem):
        chain = _chain_at(stem, match.start(), match.end(), gazetteer)
        if chain and chain[-1].level != "department":
            chains.append([Unit(u.name, u.level, -1, -1) for u in chain])
    return chains


def _body_evidence(text: str, frame: Frame, gazetteer: Gazetteer, names, candidates: dict[str, _Candidate]) -> None:
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
        chain = _with_department(text, chain, gazetteer)
        unit = chain[-1]
        if unit.level == "province":
            continue  # provinces do not write the reports a county receives
        kind = _body_kind(text, chain[0].start, unit.end)
        if kind == "mention" and unit.level in ("city", "county", "district") and unit.name not in anchored:
            continue  # a county or city named in passing says nothing of the issuer
        if unit.name.endswith("街") or unit.name in gazetteer.common_word_names:
            if kind == "mention" or text.startswith(_SUFFIX_COMPOUNDS, unit.end - 1):
                continue  # 白云街 may be a street, 发展乡村 is not 发展乡: only a clear context names it
        _add(candidates, kind, chain, (chain[0].start, unit.end))


def _adjacent(names, anchored: Mapping[str, str], gazetteer: Gazetteer) -> Iterable[list[Unit]]:
    """Names written one after the other (西安市临潼区) as one chain."""
    chain: list[Unit] = []
    for name, start, end in names:
        if chain and start != chain[-1].end:
            yield chain
            chain = []
        chain.append(Unit(name, anchored.get(name) or _level_of(name, gazetteer), start, end))
    if chain:
        yield chain


def _with_department(text: str, chain: list[Unit], gazetteer: Gazetteer) -> list[Unit]:
    """A government's office or department named after it: 武定县人民政府办公室, 岳阳县民政局."""
    if chain[-1].level not in ("city", "county", "district"):
        return chain
    end = chain[-1].end
    longer = _office_tail(text, chain, end, min(len(text), end + 20), gazetteer)
    if len(longer) > len(chain):
        return longer
    department = _DEPARTMENT_AFTER.match(text, end)
    if department:
        return chain + [Unit(department.group(), "department", end, department.end())]
    return chain


def _level_of(name: str, gazetteer: Gazetteer) -> str:
    levels = gazetteer.unit_levels.get(name)
    if levels:
        return sorted(levels)[0] if len(levels) > 1 else next(iter(levels))
    chain = units_in(name, 0, len(name), gazetteer)
    return chain[-1].level if chain else "township"


def _body_kind(text: str, start: int, end: int) -> str:
    """How the body names the unit text[start:end]: as an office, its own report, a subject, in passing."""
    if text.startswith(_OFFICE_AFTER, end):
        return "body-office"
    if text.endswith(_OWN_REPORT_LEADS, max(0, start - 8), start) or text.startswith(_OWN_REPORT_TAILS, end):
        return "own-report"  # 现将茅坪回族镇2022年度…报告如下, 本报告由岳阳县民政局…编制
    if text.endswith("由", 0, start) and "编制" in text[end : end + 40].split("。")[0]:
        return "own-report"  # …要求，由江干区行政审批服务管理办公室编制的…报告
    if text.startswith(_CHANNEL_AFTER, end):
        return "own-channel"
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


def _self_level(text: str, self_references: Mapping[str, Iterable[str]]) -> str | None:
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


def _choose(candidates: Iterable[_Candidate], self_level: str | None) -> _Candidate | None:
    """The candidate with the most evidence; ties go to the title, then the crumbs, then the signature."""
    order = {"title": 0, "crumb": 1, "signature": 2}
    candidates = list(candidates)
    above = {s.name for c in candidates if any(e.kind in ANCHORS for e in c.evidence) for s in c.superiors}
    ranked = []
    for candidate in candidates:
        if candidate.unit.name in above and not any(e.kind in ANCHORS for e in candidate.evidence):
            continue  # 洪洞县 in a report whose title is 洪洞县教育科技局's: the superior, not a rival
        score = candidate.score()
        if score < MIN_SCORE:
            continue
        if self_level:
            score += LEVEL_BONUS if _same_group(candidate.unit.level, self_level) else -LEVEL_BONUS
        first = min((order.get(e.kind, 9) for e in candidate.evidence), default=9)
        ranked.append((score, -first, candidate))
    ranked = [r for r in ranked if r[0] >= MIN_SCORE]
    return max(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def _lone_county(chains) -> str | None:
    counties = {u.name for _, chain, _ in chains for u in chain if u.level in COUNTY_LEVELS}
    return counties.pop() if len(counties) == 1 else None


# -- resolution -----------------------------------------------------------------------------


def _resolve(best: _Candidate, text: str, gazetteer: Gazetteer, year, frame: Frame, mentioned, self_level) -> Issuer:
    unit = best.unit
    evidence = tuple(sorted(best.evidence, key=lambda e: (-e.weight, e.start)))
    superiors = [s for s in best.superiors if s.level in ("province", "city", "county", "district")]
    base = dict(place=unit.name, level=unit.level, evidence=evidence, self_level=self_level)
    if unit.level in TOWNSHIP_LEVELS:
        return _resolve_town(unit, superiors, mentioned, gazetteer, year, text, frame, base)
    if unit.level == "department":
        government = [s for s in superiors if s.level != "province"] or superiors
        name = unit.name
        place = name[len(government[-1].name) :] if government and name.startswith(government[-1].name) else name
        county = _resolve_county(government[-1], superiors, mentioned, gazetteer, year) if government else None
        fields = _county_fields(county) if county else {}
        return Issuer(name=name, **{**base, "place": place}, **fields, verified=county is not None,
                      note=None if county else "报告未写明部门所属的人民政府")  # fmt: skip
    county = _resolve_county(unit, superiors, mentioned, gazetteer, year)
    fields = _county_fields(county) if county else {"county": unit.name if unit.level in COUNTY_LEVELS else None}
    if county is not None and unit.level != "city":
        fields["division_code"] = county.code
    note = f"区划数据中有{gazetteer.where_county(county)}" if county else f"区划数据中找不到与报告相符的{unit.name}"
    return Issuer(name=unit.name + "人民政府", **base, **fields, verified=county is not None, note=note)


def _county_fields(county: County) -> dict:
    return {
        "county": county.name if county.level == "县级" else None,
        "city": _city(county) if county.level == "县级" else county.name,
        "province": county.province,
        "county_code": county.code if county.level == "县级" else None,
    }


def _resolve_county(unit: Unit, superiors, mentioned, gazetteer: Gazetteer, year) -> County | None:
    """A county, district or city: the one of that name that fits the superiors the text names."""
    wanted = "地级" if unit.level == "city" else "县级"
    found = [c for c in gazetteer.counties_named(unit.name) if c.level == wanted]
    if unit.level == "city" and not found:  # 瑞安市: a county-level city
        found = [c for c in gazetteer.counties_named(unit.name) if c.level == "县级"]
    above = [s.name for s in superiors if s.name != unit.name]
    found = [c for c in found if all(n in (c.city, c.province) for n in above)] or found
    if len(found) > 1:
        named = [c for c in found if c.city in mentioned or c.province in mentioned]
        found = named or found
    if len(found) > 1 and year is not None:
        found = [c for c in found if (c.first_year or 0) <= year <= (c.last_year or 9999)] or found
    if len(found) > 1:
        in_use = [c for c in found if c.in_use]
        found = in_use if len({(c.province, c.city) for c in in_use}) == 1 else found
    return found[-1] if len({(c.province, c.city, c.name) for c in found}) == 1 else None


def _resolve_town(unit, superiors, mentioned, gazetteer: Gazetteer, year, text, frame, base) -> Issuer:
    name = _office_name(unit, text, frame)
    county_unit = next((s for s in reversed(superiors) if s.level in COUNTY_LEVELS or s.level == "city"), None)
    county = _resolve_county(county_unit, superiors, mentioned, gazetteer, year) if county_unit else None
    candidates = gazetteer.towns_named(unit.name) or gazetteer.towns_named(unit.name + "道")  # 白云街
    matches = _narrow(candidates, superiors, mentioned, gazetteer, year)
    if len(matches) == 1:
        town = matches[0]
        county = gazetteer.county(town.county_code, town.last_year) or county
        verified, note = _confirmed(town, year)
        return Issuer(
            name=name, **base, **_county_fields(county), division_code=town.code, verified=verified, note=note
        )
    fields = _county_fields(county) if county else {"county": county_unit.name if county_unit else None}
    note = _unverified_note(unit.name, candidates, matches, county, gazetteer)
    return Issuer(name=name, **base, **fields, verified=False, note=note)


def _office_name(unit: Unit, text: str, frame: Frame) -> str:
    """The issuer's full name: as the signature writes it, else the name and its office."""
    if frame.signature:
        line = text[frame.signature[0] : frame.signature[1]].strip()
        at = line.find(unit.name)
        if at >= 0:
            return re.split(r"\s|(?:19|20)\d{2}|[〇零○一二]{4}", line[at:])[0]
    if unit.name.endswith("办事处"):
        return unit.name
    return unit.name + ("办事处" if unit.level == "subdistrict" else "人民政府")


def _narrow(candidates: list[Town], superiors: list[Unit], mentioned, gazetteer: Gazetteer, year) -> list[Town]:
    """The townships of that name that fit what the report says about where it is."""
    above = [s.name for s in superiors]
    candidates = [t for t in candidates if all(n in _names_above(t, gazetteer) for n in above)]
    if len(candidates) > 1:  # 城关镇: let the counties the text names decide
        named = [t for t in candidates if _county_name(t, gazetteer) in mentioned]
        candidates = named or candidates
    if len(candidates) > 1 and year is not None:
        clamped = min(max(year, FIRST_DATA_YEAR), LAST_DATA_YEAR)
        candidates = [t for t in candidates if t.first_year <= clamped <= t.last_year] or candidates
    return candidates


def _names_above(town: Town, gazetteer: Gazetteer) -> tuple[str, ...]:
    county = gazetteer.county(town.county_code, town.last_year)
    return (county.name, county.city, county.province) if county else ()


def _county_name(town: Town, gazetteer: Gazetteer) -> str | None:
    county = gazetteer.county(town.county_code, town.last_year)
    return county.name if county else None


def _city(county: County | None) -> str | None:
    if county is None or county.city in ("直辖", county.province):
        return None
    return county.city


def _confirmed(town: Town, year: int | None) -> tuple[bool, str]:
    span = f"{town.first_year}–{town.last_year}"
    if year is None or town.first_year <= year <= town.last_year:
        return True, f"区划数据 {span} 年有此乡镇"
    if year < FIRST_DATA_YEAR and town.first_year <= FIRST_DATA_YEAR + 1:
        return True, f"区划数据始于{FIRST_DATA_YEAR}年，{span} 年有此乡镇"
    if year > LAST_DATA_YEAR and town.last_year == LAST_DATA_YEAR:
        return True, f"区划数据止于{LAST_DATA_YEAR}年，{span} 年有此乡镇"
    return False, f"区划数据中此乡镇只见于 {span} 年，不含报告年度 {year} 年"


def _unverified_note(name: str, candidates, matches, county, gazetteer: Gazetteer) -> str:
    where = county.name if county else ""
    if not candidates:
        return f"{FIRST_DATA_YEAR}年以后的区划数据中没有{where}{name}（可能在此前已撤并或更名）"
    if not matches:
        places = "、".join(gazetteer.where(t) for t in candidates[:3])
        return f"区划数据中的{name}在{places}，与报告所写的{where or '地方'}不符"
    return f"区划数据中有{len(matches)}个{name}，报告未写明所在县（市、区）"
