"""Split an issuer's name into its administrative units: 梅县区白渡镇 -> 梅县区, 白渡镇.

Known names come from the gazetteer, longest first, so 梅县区 is not 梅县 + 区白渡镇
and 双江拉祜族佤族布朗族傣族自治县 stays whole. A name the data do not know (a township
merged before 2015, like 龙尾乡) is cut by its suffix; what is left after the places
and ends like an office (民政局, 市场监督管理局) is a department of the last government.
"""

from __future__ import annotations

import re

from pipeline.gazetteer import Gazetteer
from pipeline.models import Unit

MAX_NAME = 16
MAX_UNKNOWN_STEM = 5  # longer names (自治县, 民族乡) are in the data
# Suffixes of units the data may not know, longest first, with their levels.
_SUFFIXES = (
    ("特别行政区", "province"), ("自治区", "province"), ("省", "province"),
    ("自治州", "city"), ("地区", "city"), ("盟", "city"),
    ("自治县", "county"), ("自治旗", "county"), ("县", "county"), ("旗", "county"),
    ("管理区", "township"), ("新区", "district"), ("区", "district"),
    ("民族乡", "ethnic_township"), ("族乡", "ethnic_township"), ("民族苏木", "sumu"), ("苏木", "sumu"),
    ("街道办事处", "subdistrict"), ("街道", "subdistrict"), ("乡", "township"), ("镇", "township"),
    ("市", "city"),
)  # fmt: skip
_UNKNOWN_UNIT = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:" + "|".join(re.escape(s) for s, _ in _SUFFIXES) + ")")
_SUFFIX_LEVEL = dict(_SUFFIXES)
DEPARTMENT = re.compile(
    r"[\u4e00-\u9fff]{1,20}?(?:局|委员会|委|办公室|办|中心|院|所|队|站|厅|署|会|处|部|馆|社|大队|支队)$"
)
_GOVERNMENTS = ("province", "city", "county", "district")
_GENERIC_LEADS = ("各", "全", "本", "我", "该", "此", "每", "其他", "城乡", "县乡", "市县", "省市")


def units_in(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[Unit]:
    """The chain of units that text[start:end] is made of (empty if it is not such a chain)."""
    out = leading_units(text, start, end, gazetteer)
    position = out[-1].end if out else start
    rest = text[position:end]
    if rest == "办事处" and out and out[-1].level == "subdistrict":
        return out  # 丰文街道办事处: the 街道's office
    if (
        rest
        and (not out or out[-1].level in _GOVERNMENTS)
        and DEPARTMENT.match(rest)
        and not rest.startswith(_GENERIC_LEADS)
    ):
        out.append(Unit(rest, "department", position, end))  # 平阳县 + 民政局
    elif rest:
        return []  # not a chain of units: a sentence
    return out


def leading_units(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[Unit]:
    """The units text[start:end] opens with, whatever follows: 南薰乡未收取… -> 南薰乡."""
    out: list[Unit] = []
    position = start
    while position < end:
        unit = _known(text, position, end, gazetteer) or _unknown(text, position, end, out)
        if unit is None:
            break
        out.append(unit)
        position = unit.end
    return out


def _known(text: str, position: int, end: int, gazetteer: Gazetteer) -> Unit | None:
    levels = gazetteer.unit_levels
    for length in range(min(MAX_NAME, end - position), 1, -1):
        name = text[position : position + length]
        found = levels.get(name)
        if found:
            return Unit(name, pick_level(found), position, position + length)
    return None


def pick_level(levels: frozenset[str]) -> str:
    """A name some unit has borne at several levels (淮安市: city, once a county-level city)."""
    if len(levels) == 1:
        return next(iter(levels))
    for level in ("county", "district", "city", "province"):  # a 市 is more often county-level
        if level in levels:
            return level
    return sorted(levels)[0]


def _unknown(text: str, position: int, end: int, before: list[Unit]) -> Unit | None:
    if DEPARTMENT.match(text, position, end) and not _UNKNOWN_UNIT.fullmatch(text, position, end):
        return None  # 住房和城乡建设局 is an office, not a township 住房和城乡
    match = _UNKNOWN_UNIT.match(text, position, end)
    if not match:
        return None
    stop = match.end()
    if text[stop:end] in _SUFFIX_LEVEL:  # a suffix character inside the name: 新市 + 镇
        stop = end
    name = text[position:stop]
    suffix = next(s for s, _ in _SUFFIXES if name.endswith(s))
    stem = name[: -len(suffix)]
    if len(stem) > MAX_UNKNOWN_STEM:
        return None  # 上海普陀上海市: not a name the data lack, but words run together
    if stem.startswith(_GENERIC_LEADS) or (len(stem) < 2 and _SUFFIX_LEVEL[suffix] not in _GOVERNMENTS):
        return None  # 乡镇, 城乡, 各乡, 全县: words, not names (a one-character 某县 may be a name)
    if name.endswith("街道办事处"):
        name = name[: -len("办事处")]
    return Unit(name, _SUFFIX_LEVEL[suffix], position, stop)
