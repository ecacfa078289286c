"""Who issued the report: the strongest candidate, resolved at its own level against the gazetteer.

A township, 街道 or 苏木 against the township table, a county or district
against the county table, a department through its government; names that
many places share (城关镇) are settled by the superior units the text names
(互助县 for 互助土族自治县 too) and by the report year. A name the data do not
know (平阳县龙尾乡, merged in 2011) is kept as the report gives it, unverified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pipeline.gazetteer import FIRST_DATA_YEAR, LAST_DATA_YEAR, County, Gazetteer, Town
from pipeline.models import COUNTY_LEVELS, TOWNSHIP_LEVELS, Evidence, Frame, Unit
from pipeline.parse.evidence import (
    Candidate,
    add,
    anchor_chains,
    body_evidence,
    choose,
    lone_county,
    merge_aliases,
    speaking_level,
)
from pipeline.parse.names import file_name_chains


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


def identify_issuer(
    text: str,
    frame: Frame,
    self_references: Mapping[str, Iterable[str]],
    gazetteer: Gazetteer,
    path: str,
    year: int | None,
) -> Issuer:
    candidates: dict[str, Candidate] = {}
    chains = anchor_chains(text, frame, gazetteer)
    for kind, chain, span in chains:
        add(candidates, kind, chain, span)
    for chain in file_name_chains(path, gazetteer):
        add(candidates, "file-name", chain, (-1, -1))
    names = gazetteer.find_names(text)
    body_evidence(text, frame, gazetteer, names, candidates)
    merge_aliases(candidates, gazetteer.aliases)
    self_level = speaking_level(text, self_references)
    best = choose(candidates.values(), self_level, lambda name: _counties_of(name, gazetteer))
    if best is None:
        return Issuer(self_level=self_level, county=lone_county(chains))
    mentioned = {name for name, _, _ in names}
    mentioned |= {gazetteer.aliases[name] for name in mentioned if name in gazetteer.aliases}  # 互助县
    return _resolve(best, text, gazetteer, year, frame, mentioned, self_level)


def _counties_of(name: str, gazetteer: Gazetteer) -> set[str]:
    """The counties the data put a township of this name in (a few, for 城关镇: all of them)."""
    towns = gazetteer.towns_named(name)
    return {_county_name(t, gazetteer) or "" for t in towns[:50]} - {""}


def _resolve(best: Candidate, text: str, gazetteer: Gazetteer, year, frame: Frame, mentioned, self_level) -> Issuer:
    unit = best.unit
    evidence = tuple(sorted(best.evidence, key=lambda e: (-e.weight, e.start)))
    superiors = [s for s in best.superiors if s.level in ("province", "city", "county", "district")]
    base = dict(place=unit.name, level=unit.level, evidence=evidence, self_level=self_level)
    if unit.level in TOWNSHIP_LEVELS:
        return _resolve_town(unit, superiors, mentioned, gazetteer, year, text, frame, base)
    if unit.level == "department":
        return _resolve_department(unit, superiors, mentioned, gazetteer, year, base)
    county = _resolve_county(unit, superiors, mentioned, gazetteer, year)
    fields = _county_fields(county) if county else {"county": unit.name if unit.level in COUNTY_LEVELS else None}
    if county is not None and unit.level != "city":
        fields["division_code"] = county.code
    note = f"区划数据中有{gazetteer.where_county(county)}" if county else f"区划数据中找不到与报告相符的{unit.name}"
    return Issuer(name=unit.name + "人民政府", **base, **fields, verified=county is not None, note=note)


def _resolve_department(unit: Unit, superiors, mentioned, gazetteer: Gazetteer, year, base: dict) -> Issuer:
    """A department through its government: 平阳县民政局 -> 平阳县; 县农业农村局 -> the county the text names."""
    government = [s for s in superiors if s.level != "province"] or superiors
    if government and len(government[-1].name) == 1:
        named = _named_government(government[-1], mentioned, gazetteer)
        government = [*government[:-1], named] if named else []
        if named:
            unit = Unit(named.name + unit.name[1:], "department", unit.start, unit.end)
    own = government[-1] if government else None
    place = unit.name[len(own.name) :] if own and unit.name.startswith(own.name) else unit.name
    county = _resolve_county(own, superiors, mentioned, gazetteer, year) if own else None
    fields = _county_fields(county) if county else {}
    note = None if county else "报告未写明部门所属的人民政府"
    return Issuer(name=unit.name, **{**base, "place": place}, **fields, verified=county is not None, note=note)


def _named_government(level_word: Unit, mentioned, gazetteer: Gazetteer) -> Unit | None:
    """The one county (区, 市) of that level the text names, for 县农业农村局; None if not exactly one."""
    wanted = {"county": ("county",), "district": ("district",), "city": ("city", "county")}[level_word.level]
    names = sorted(
        n
        for n in mentioned
        if len(n) > 1 and gazetteer.unit_levels.get(n, frozenset()) & set(wanted) and n.endswith(level_word.name)
    )
    return Unit(names[0], level_word.level, level_word.start, level_word.end) if len(names) == 1 else None


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
    note = _unverified_note(unit.name, candidates, matches, county, gazetteer)
    if county is None and not candidates:  # 西园乡 the data know only as 西园镇: its county still holds
        renamed = _narrow(_other_suffix(unit.name, gazetteer), superiors, mentioned, gazetteer, year)
        if len(renamed) == 1 and _county_name(renamed[0], gazetteer) in mentioned:
            county = gazetteer.county(renamed[0].county_code, renamed[0].last_year)
            note = (
                f"区划数据中没有{unit.name}，只有{gazetteer.where(renamed[0])}{renamed[0].name}（可能已撤乡设镇或更名）"
            )
    fields = _county_fields(county) if county else {"county": county_unit.name if county_unit else None}
    return Issuer(name=name, **base, **fields, verified=False, note=note)


def _other_suffix(name: str, gazetteer: Gazetteer) -> list[Town]:
    """The same stem with 乡 for 镇 or 镇 for 乡."""
    swap = {"乡": "镇", "镇": "乡"}
    return gazetteer.towns_named(name[:-1] + swap[name[-1]]) if name[-1:] in swap else []


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
