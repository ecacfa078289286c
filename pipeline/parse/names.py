"""Issuer names as reports write them: the units a title, crumb or signature line opens with.

梅县区白渡镇人民政府 -> 梅县区, 白渡镇; 淮安市洪泽区人民政府办公室 -> 淮安市, 洪泽区, 人民政府办公室;
重庆市沙坪坝区人民政府丰文街道办事处 -> 重庆市, 沙坪坝区, 丰文街道; in the body, a department
named after its county (岳阳县民政局). Layout only: nothing here weighs or looks up.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.gazetteer import Gazetteer
from pipeline.models import TOWNSHIP_LEVELS, Unit
from pipeline.parse.units import leading_units, pick_level, units_in

_YEAR_LEAD = re.compile(r"(?:关于)?\s*(?:(?:19|20)\d{2}\s*年度?\s*)?(?:关于)?")
_NAME_RUN = re.compile(r"[\u4e00-\u9fff()]+")
# What follows an issuer's name in a title, crumb or signature: the name ends there.
_AFTER_NAME = re.compile(
    r"人民政府|政府信息|政府|党委|党工委|党政|办事处|管委会|管理委员会|信息公开|政务公开|"
    r"(?:19|20)\d{2}|年度|关于|工作年度|[(（]"
)
OFFICE_AFTER = ("人民政府", "政府", "党委", "党工委", "党政办", "党政综合办", "办事处", "街道办", "管委会")
_LINE_LABEL = re.compile(r"[\s|•·]*(?:标题|题名|名称|信息名称|文件名称|文章标题)?\s*[:|]?[\s|]*")
_GOVERNMENT_OFFICE = re.compile(
    r"(?:人民政府|政府)(?:(?P<department>办公室|办)|(?P<unit>[\u4e00-\u9fff]{2,8}?(?:街道|乡|镇))(?:办事处|人民政府)?)"
)
# A department named after its county in the body: 岳阳县民政局, 清水县教育局 (not 县人民政府, 县委).
_DEPARTMENT_AFTER = re.compile(
    r"(?!委|党|人大|政协)(?:城乡|乡村|(?!政府|县|区|市|乡|镇|街道)[\u4e00-\u9fff]){1,10}?(?:局|委员会|办公室|中心)"
)
_CRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|→)+\s*")


def lines_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of text[start:end] (a title may span two)."""
    out, position = [], start
    for piece in text[start:end].split("\n"):
        if piece.strip():
            out.append((position, position + len(piece)))
        position += len(piece) + 1
    return out


def chain_at(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[Unit]:
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
    if not chain and text.startswith("(", chain_end):
        chain = _in_brackets(text, start, chain_end, end, gazetteer)  # 张家港市冶金园(锦丰镇)
    if not chain and text.startswith("办事处", chain_end) and chain_end - start <= 4:
        return [Unit(text[start:chain_end] + "办事处", "subdistrict", start, chain_end + 3)]  # 城南办事处
    return _office_tail(text, chain, chain_end, end, gazetteer)


def _in_brackets(text: str, start: int, bracket: int, end: int, gazetteer: Gazetteer) -> list[Unit]:
    """A park or zone named with its township in brackets: the county before it, the township inside."""
    inner = leading_units(text, bracket + 1, min(end, bracket + 12), gazetteer)
    if not inner or inner[-1].level not in TOWNSHIP_LEVELS or not text.startswith(")", inner[-1].end):
        return []
    outer = [u for u in leading_units(text, start, bracket, gazetteer) if u.level not in TOWNSHIP_LEVELS]
    return outer + inner


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


def crumb_chain(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[Unit]:
    """The deepest crumb that names a unit: 首页 > 政府信息公开目录 > 梅县区白渡镇人民政府 > …"""
    best: list[Unit] = []
    position = start
    for piece in _CRUMB_SPLIT.split(text[start:end]):
        offset = text.find(piece, position, end) if piece else -1
        if offset >= 0:
            chain = chain_at(text, offset, offset + len(piece), gazetteer)
            if chain and _is_whole(text, offset, offset + len(piece), chain):
                best = chain
            position = offset + len(piece)
    return best


def _is_whole(text: str, start: int, end: int, chain: list[Unit]) -> bool:
    """A crumb that is the unit's name (and office), not a column title that contains one."""
    rest = text[chain[-1].end : end].strip(" )")
    return not rest or rest.startswith(OFFICE_AFTER) or rest in ("信息公开", "政府信息公开", "政务公开")


def file_name_chains(path: str, gazetteer: Gazetteer) -> list[list[Unit]]:
    """The issuer chains a file name holds: 平阳县萧江镇2021年报.txt -> 平阳县, 萧江镇."""
    stem = Path(path).stem
    chains = []
    for match in _NAME_RUN.finditer(stem):
        chain = chain_at(stem, match.start(), match.end(), gazetteer)
        if chain and chain[-1].level != "department":
            chains.append([Unit(u.name, u.level, -1, -1) for u in chain])
    return chains


def with_department(text: str, chain: list[Unit], gazetteer: Gazetteer) -> list[Unit]:
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


def level_of(name: str, gazetteer: Gazetteer) -> str:
    """The level of a name found in the body: the data's, else its suffix's."""
    levels = gazetteer.unit_levels.get(name)
    if levels:
        return pick_level(levels)
    chain = units_in(name, 0, len(name), gazetteer)
    return chain[-1].level if chain else "township"
