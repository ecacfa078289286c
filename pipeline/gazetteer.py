"""The packaged gazetteer: every township with its county and the years it is known to
exist, county-level units with their history, and township changes 2014-2023.

Built by scripts/build_data.py from shared/data/divisions (pipeline/data/PROVENANCE.md).
Load it once per process with `Gazetteer.load()` and pass it on.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from functools import cached_property
from importlib import resources
from typing import NamedTuple

# Records are NamedTuples, not dataclasses: 60k of them are made at every start.

# The editions the township data covers; before 2015 nothing can be confirmed.
FIRST_DATA_YEAR = 2015
LAST_DATA_YEAR = 2023


class County(NamedTuple):
    code: str
    name: str
    level: str  # 省级 | 地级 | 县级
    province: str
    city: str  # 二级行政区; 直辖 for units directly under a province
    in_use: bool
    first_year: int | None
    last_year: int | None  # None while in use


class Town(NamedTuple):
    name: str
    county_code: str
    code: str | None  # 9-digit NBS code of the latest edition that has it
    first_year: int
    last_year: int


class Change(NamedTuple):
    year: int
    province: str
    old_code: str
    old_name: str
    reason: str
    new_code: str
    new_name: str


def _rows(name: str):
    data = resources.files("pipeline.data").joinpath(name).read_bytes()
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    return [line.split("\t") for line in lines[1:] if line]


def _index(items, keys) -> dict:
    """Items grouped under each of the keys `keys(item)` gives."""
    index: dict = defaultdict(list)
    for item in items:
        for key in keys(item):
            index[key].append(item)
    return index


_HAN = re.compile("[\u4e00-\u9fff]")
# An ethnic unit: its own name, one or more peoples, then 自治县/自治旗/民族乡/族乡/民族镇.
_ETHNIC_NAME = re.compile(
    r"(?P<stem>[\u4e00-\u9fff]{2,3}?)(?:[\u4e00-\u9fff]{1,4}?族)+(?P<kind>自治县|自治旗|民族乡|乡|镇)$"
)
# Characters after which a two-character name (梅县, 南县) may begin: ends of units and function words.
_BEFORE_SHORT = frozenset("省市州盟县区在由与和及对向为是的原经从至到把将给被往、赴于")


def _year(text: str) -> int | None:
    return int(text[:4]) if text[:4].isdigit() else None


def town_level(name: str) -> str:
    """township | ethnic_township | sumu | subdistrict, from the name's ending."""
    if name.endswith(("街道", "街道办事处")):
        return "subdistrict"
    if name.endswith("苏木"):
        return "sumu"
    if name.endswith("族乡"):
        return "ethnic_township"
    return "township"


def county_level(county: County) -> str:
    """province | city | county | district for a unit of the county table."""
    if county.level == "省级":
        return "province"
    if county.level == "地级":
        return "city"
    return "district" if county.name.endswith("区") else "county"


class Gazetteer:
    """Lookups over the packaged tables; indexes are built on first use."""

    def __init__(self, town_rows: list[list[str]], counties: list[County], changes: list[Change]):
        self._town_rows = town_rows
        self.counties = counties
        self.changes = changes

    @classmethod
    def load(cls) -> Gazetteer:
        counties = [
            County(code, name, level, province, city, status != "弃用", _year(first), _year(last))
            for code, name, level, province, city, status, first, last, _ in _rows("counties.tsv.gz")
        ]
        changes = [
            Change(int(year), province, old_code, old_name, reason, new_code, new_name)
            for year, province, old_code, old_name, reason, new_code, new_name in _rows("changes.tsv.gz")
        ]
        return cls(_rows("towns.tsv.gz"), counties, changes)

    def warm(self) -> None:
        """Build every lazy index now: before workers are forked, so that each starts with them."""
        for name, attribute in vars(type(self)).items():
            if isinstance(attribute, cached_property):
                getattr(self, name)

    @cached_property
    def _towns_by_name(self) -> dict[str, list[list[str]]]:
        return _index(self._town_rows, lambda row: (row[0],))

    @cached_property
    def _counties_by_code(self) -> dict[str, list[County]]:
        return _index(self.counties, lambda county: (county.code,))

    @cached_property
    def _counties_by_name(self) -> dict[str, list[County]]:
        return _index(self.counties, lambda county: (county.name,))

    @cached_property
    def _changes_by_name(self) -> dict[str, list[Change]]:
        return _index(self.changes, lambda change: {change.old_name, change.new_name} - {""})

    @staticmethod
    def _town(row: list[str]) -> Town:
        name, county, suffix, first, last = row
        return Town(name, county, county + suffix if suffix else None, int(first), int(last))

    @cached_property
    def aliases(self) -> dict[str, str]:
        """Short forms of ethnic units as reports write them: 互助县 for 互助土族自治县, 杜拉尔乡 for
        杜拉尔鄂温克民族乡, 青街乡 for 青街畲族乡 (only where the short form is not itself a name)."""
        full = {c.name for c in self.counties} | {row[0] for row in self._town_rows}
        found: dict[str, str] = {}
        for name in sorted(full):
            match = _ETHNIC_NAME.match(name)
            if match:
                short = match["stem"] + {"自治县": "县", "自治旗": "旗"}.get(match["kind"], match["kind"][-1])
                if short not in full:
                    found.setdefault(short, name)
        return found

    def towns_named(self, name: str) -> list[Town]:
        rows = self._towns_by_name.get(name) or self._towns_by_name.get(self.aliases.get(name, ""), ())
        return [self._town(row) for row in rows]

    def counties_named(self, name: str) -> list[County]:
        return list(self._counties_by_name.get(name) or self._counties_by_name.get(self.aliases.get(name, ""), ()))

    def changes_of(self, name: str) -> list[Change]:
        """Changes in which a township of this name was renamed, merged, abolished or created."""
        return list(self._changes_by_name.get(name, ()))

    @cached_property
    def place_words(self) -> frozenset[str]:
        """Township and county names: jieba user words, and what counts as a place name."""
        counties = {c.name for c in self.counties if c.level == "县级" and len(c.name) >= 2}
        towns = {row[0] for row in self._town_rows}
        return frozenset(towns | (counties - {"市辖区", "郊区", "矿区", "城区"}))

    @cached_property
    def common_word_names(self) -> frozenset[str]:
        """Township names that read as a common word plus a suffix: 更新乡 (更新 + 乡政府), 建设镇."""
        data = resources.files("pipeline.data").joinpath("common_word_names.txt.gz").read_bytes()
        return frozenset(gzip.decompress(data).decode("utf-8").split())

    @cached_property
    def county_names(self) -> frozenset[str]:
        """Names of county- and prefecture-level units (平阳县, 瑞安市, 温州市)."""
        return frozenset(c.name for c in self.counties if c.level in ("县级", "地级") and len(c.name) >= 3)

    @cached_property
    def unit_levels(self) -> dict[str, frozenset[str]]:
        """Every known unit name (province to township) with the levels it has had."""
        single = {level: frozenset((level,)) for level in ("township", "ethnic_township", "sumu", "subdistrict")}
        # Townships first, one shared frozenset per level (35k names: built at every start).
        levels: dict[str, frozenset[str]] = {row[0]: single[town_level(row[0])] for row in self._town_rows}
        for name in [n for n in levels if n.endswith("街道")]:
            levels.setdefault(name[:-1], single["subdistrict"])  # 白云街 is how 白云街道 often writes itself
        current = {c.name for c in self.counties if c.in_use and c.last_year is None}
        for county in self.counties:
            if len(county.name) < 2 or county.name in ("市辖区", "郊区", "矿区", "城区"):
                continue
            if (county.in_use and county.last_year is None) or county.name not in current:  # 淮安市: a city now
                levels[county.name] = levels.get(county.name, frozenset()) | {county_level(county)}
        for short, name in self.aliases.items():
            if name in levels:
                levels.setdefault(short, levels[name])
        return levels

    @cached_property
    def _lengths_by_tail(self) -> dict[str, tuple[int, ...]]:
        """For each name ending (its last two characters), the name lengths that occur, longest first."""
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in self.unit_levels:
            lengths[name[-2:]].add(len(name))
        return {tail: tuple(sorted(found, reverse=True)) for tail, found in lengths.items()}

    @cached_property
    def _name_ends(self) -> re.Pattern:
        return re.compile("[" + "".join(sorted({name[-1] for name in self.unit_levels})) + "]")

    def find_names(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
        """Known unit names in text[start:end], leftmost-longest and not overlapping.

        Linear: each character is looked at as a possible name end, against the few
        lengths that names with that ending have.
        """
        end = len(text) if end is None else end
        names = self.unit_levels
        tails = self._lengths_by_tail
        found: list[tuple[int, int]] = []
        for match in self._name_ends.finditer(text, start + 1, end):
            stop = match.end()
            for length in tails.get(text[stop - 2 : stop], ()):
                first = stop - length
                if first >= start and text[first:stop] in names:
                    found.append((first, stop))
                    break  # the longest name ending here
        out: list[tuple[str, int, int]] = []
        reach = start
        for first, stop in sorted(found, key=lambda span: (span[0], -span[1])):
            if stop - first == 2 and first > 0 and _HAN.match(text, first - 1) and text[first - 1] not in _BEFORE_SHORT:
                continue  # 南县 inside 肃南县: a two-character name must not continue a word
            if first >= reach:
                out.append((text[first:stop], first, stop))
                reach = stop
        return out

    def county(self, code: str, year: int | None = None) -> County | None:
        """The unit with this code (in `year` when the code was reused)."""
        found = self._counties_by_code.get(code, [])
        if year is not None:
            within = [c for c in found if (c.first_year or 0) <= year <= (c.last_year or 9999)]
            found = within or found
        in_use = [c for c in found if c.in_use]
        return (in_use or found or [None])[-1]

    def province_of(self, town: Town) -> str | None:
        county = self.county(town.county_code, town.last_year)
        return county.province if county else None

    def where_county(self, county: County) -> str:
        """省 市 县 of a county-level unit (or 省 市 of a city): 浙江省温州市平阳县."""
        if county.level == "省级":
            return county.name
        city = "" if county.city in ("直辖", county.province, county.name) else county.city
        return f"{county.province}{city}{county.name}"

    def where(self, town: Town) -> str:
        """省 市 县 of a township, for messages: 四川省南充市西充县."""
        county = self.county(town.county_code, town.last_year)
        if county is None:
            return town.county_code
        city = "" if county.city in ("直辖", county.province) else county.city
        return f"{county.province}{city}{county.name}"
