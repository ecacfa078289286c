"""Report + Gazetteer -> Report: who issued the report, resolved against the division data.

The issuer's name is taken from the report itself — its title, its signature,
how often the body names it, the file name — and then looked up: the county or
city the text names settles a name shared by many places (城关镇); a name the
data do not know (abolished before 2015, like 平阳县龙尾乡) is kept from the
report and marked unverified. Nothing here guesses a county the text does not
support.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

from pipeline.anchors import LEVELS
from pipeline.gazetteer import FIRST_DATA_YEAR, LAST_DATA_YEAR, County, Gazetteer, Town
from pipeline.models import Meta, Report

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{3,}")
_TOWN_LEVELS = ("township", "subdistrict")


@dataclasses.dataclass(frozen=True)
class _Evidence:
    name: str
    level: str


def resolve(report: Report, gazetteer: Gazetteer) -> Report:
    meta = report.meta
    if meta.issuer_level not in _TOWN_LEVELS and meta.issuer_level is not None:
        return dataclasses.replace(report, meta=_resolve_county_only(meta, gazetteer))
    choice = _issuer_name(report, gazetteer)
    if choice is None:
        return report
    meta = _with_name(meta, choice)
    county = _county(meta, gazetteer)
    candidates = gazetteer.towns_named(choice.name)
    matches = _narrow(candidates, meta, report, gazetteer) if candidates else []
    year = meta.report_year
    if len(matches) == 1:
        town = matches[0]
        county = gazetteer.county(town.county_code, town.last_year) or county
        verified, note = _confirmed(town, year)
        meta = dataclasses.replace(
            meta,
            county=county.name if county else meta.county,
            county_code=town.county_code,
            city=_city(county),
            province=county.province if county else meta.province,
            division_code=town.code,
            issuer_verified=verified,
            issuer_note=note,
        )
    else:
        meta = dataclasses.replace(
            meta,
            county=county.name if county else meta.county,
            county_code=county.code if county else None,
            city=_city(county) if county else meta.city,
            province=meta.province or (county.province if county else None),
            issuer_verified=False,
            issuer_note=_unverified_note(choice.name, candidates, matches, county, gazetteer),
        )
    return dataclasses.replace(report, meta=meta)


# Evidence weights: the title and the signature each name the issuer once; in the body
# "X人民政府 / X党委 / X政府信息公开…" is the issuer speaking, a bare mention may be a neighbour.
TITLE_OR_SIGNATURE, FILE_NAME, AS_BODY, MENTION = 6, 2, 4, 1
_AS_BODY = re.compile(r"人民政府|政府|党委|党政|办事处")


def _issuer_name(report: Report, gazetteer: Gazetteer) -> _Evidence | None:
    """The township the report speaks for: the name with the most evidence behind it."""
    meta = report.meta
    text = report.text.text
    scores: Counter[str] = Counter()
    levels: dict[str, str] = {}
    for unit in (*meta.title_units, *meta.signature_units):
        if unit.level in _TOWN_LEVELS:
            scores[unit.name] += TITLE_OR_SIGNATURE
            levels[unit.name] = unit.level
    for name in _names_in_file_name(report.text.source.path, gazetteer):
        scores[name] += FILE_NAME
        levels.setdefault(name, _level_of(name))
    skip = [span for span in (meta.title_span, meta.signature_span) if span]
    for name in list(scores):
        as_body = mentions = 0
        for match in re.finditer(re.escape(name), text):
            if any(a <= match.start() < b for a, b in skip):
                continue
            if _AS_BODY.match(text, match.end()):
                as_body += 1
            else:
                mentions += 1
        scores[name] += min(3, as_body) * AS_BODY + min(4, mentions) * MENTION
    if not scores:
        return None
    best = max(scores.values())
    for name in [u.name for u in (*meta.title_units, *meta.signature_units)]:
        if scores.get(name) == best:  # ties go to the title, then the signature
            return _Evidence(name, levels[name])
    name = max(scores, key=lambda n: (scores[n], n))
    return _Evidence(name, levels[name])


def _names_in_file_name(path: str, gazetteer: Gazetteer) -> list[str]:
    """Township names inside the file name: 龙尾乡2009年报.txt -> 龙尾乡."""
    found = []
    words = gazetteer.place_words
    for run in _HAN_RUN.findall(Path(path).stem):
        for size in range(min(len(run), 8), 2, -1):
            for start in range(len(run) - size + 1):
                piece = run[start : start + size]
                if piece in words and piece.endswith(("乡", "镇", "街道", "苏木")):
                    found.append(piece)
    return found


def _level_of(name: str) -> str:
    suffix = next(s for s in sorted(LEVELS, key=len, reverse=True) if name.endswith(s))
    return LEVELS[suffix]


def _with_name(meta: Meta, choice: _Evidence) -> Meta:
    if choice.name == meta.issuer_place:
        return meta
    office = "办事处" if choice.level == "subdistrict" else "人民政府"
    return dataclasses.replace(meta, issuer=choice.name + office, issuer_place=choice.name, issuer_level=choice.level)


def _superiors(meta: Meta) -> list[str]:
    """The units the text names above the issuer: 浙江省, 温州市, 平阳县 (a 市 may be county-level)."""
    return [n for n in (meta.province, meta.city, meta.county) if n]


def _county(meta: Meta, gazetteer: Gazetteer) -> County | None:
    """The county-level unit the report names for its issuer, if the data know exactly one."""
    for name in (meta.county, meta.city):  # 瑞安市 is a county-level city
        if not name:
            continue
        found = [c for c in gazetteer.counties_named(name) if c.level == "县级"]
        others = [n for n in _superiors(meta) if n != name]
        found = [c for c in found if all(n in (c.city, c.province) for n in others)] or found
        year = meta.report_year
        if year is not None and len(found) > 1:
            found = [c for c in found if (c.first_year or 0) <= year <= (c.last_year or 9999)] or found
        if len(found) == 1:
            return found[0]
    return None


def _narrow(candidates: list[Town], meta: Meta, report: Report, gazetteer: Gazetteer) -> list[Town]:
    """The townships of that name that fit what the report says about where it is."""
    superiors = _superiors(meta)
    candidates = [t for t in candidates if all(n in _names_above(t, gazetteer) for n in superiors)]
    if len(candidates) > 1:  # 城关镇: let the counties the body names decide
        mentioned = {w for w in report.tokens.words if w in gazetteer.county_names}
        named = [t for t in candidates if _county_name(t, gazetteer) in mentioned]
        candidates = named or candidates
    if len(candidates) > 1 and meta.report_year is not None:
        year = min(max(meta.report_year, FIRST_DATA_YEAR), LAST_DATA_YEAR)
        current = [t for t in candidates if t.first_year <= year <= t.last_year]
        candidates = current or candidates
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


def _unverified_note(name, candidates, matches, county, gazetteer) -> str:
    where = f"{county.name}" if county else ""
    if not candidates:
        return f"{FIRST_DATA_YEAR}年以后的区划数据中没有{where}{name}（可能在此前已撤并或更名）"
    if not matches:
        places = "、".join(gazetteer.where(t) for t in candidates[:3])
        return f"区划数据中的{name}在{places}，与报告所写的{where or '地方'}不符"
    return f"区划数据中有{len(matches)}个{name}，报告未写明所在县（市、区）"


def _resolve_county_only(meta: Meta, gazetteer: Gazetteer) -> Meta:
    county = _county(meta, gazetteer)
    if county is None:
        return meta
    return dataclasses.replace(
        meta, county=county.name, county_code=county.code, city=_city(county), province=county.province
    )
