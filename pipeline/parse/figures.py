"""Numbers in the narrative with their unit and what they count: 三大项26条, 面积约20平方米."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.models import Figure
from pipeline.numerals import HAN_NUMERAL_CHARS, number_value

# A Chinese numeral counts only after a word that introduces a quantity;
# elsewhere 一/两 are parts of words (统一项目, 进一步).
_HAN_LEAD = "共计有了达为约近余、,和及与各"
_BOUNDARY = re.compile(r"[,，。;；:：、\n()《》“”]")
_ARTICLE_LIST = re.compile(rf"第[{HAN_NUMERAL_CHARS}、,和及至]*$")
_LEAD_WORDS = re.compile(r"^(?:全年|共计|累计|合计|共|计)+|(?:共计|累计|合计|共|计|达到|达|为|约|近|有|了)+$")


_NUMBER = re.compile(rf"\d+(?:\.\d+)?|[{HAN_NUMERAL_CHARS}]+")


def find_figures(text: str, units: Sequence[str]) -> tuple[Figure, ...]:
    # Whole runs of digits or numerals, then a unit right after: linear (a run is read once).
    unit_pattern = re.compile("|".join(map(re.escape, units)))
    figures = []
    for run in _NUMBER.finditer(text):
        unit = unit_pattern.match(text, run.end())
        if unit is None:
            continue
        start = run.start()
        before = text[start - 1] if start else "\n"
        number = run.group()
        if before == "第" or before.isdigit() or before == ".":
            continue
        if _ARTICLE_LIST.search(text, max(0, start - 12), start):  # 第九、十、十一条
            continue
        if not number.isascii() and not (before in _HAN_LEAD or not _is_han(before)):
            continue
        if number.isascii():
            value = float(number) if "." in number else int(number)
        else:
            value = number_value(number)
            if value is None:
                continue
        counts = _counted(text, start, figures[-1].end if figures else 0)
        if not counts and figures and figures[-1].end == start:  # 三大项26条
            counts = figures[-1].counts
        figures.append(Figure(value, unit.group(), counts, text[start : unit.end()], start, unit.end()))
    return tuple(figures)


def _counted(text: str, start: int, floor: int) -> str:
    """The words before a number, back to the clause boundary: what it counts."""
    left = max(floor, start - 24)

    window = text[left:start]
    cut = max((m.end() for m in _BOUNDARY.finditer(window)), default=0)
    phrase = window[cut:]
    previous = None
    while phrase != previous:
        previous, phrase = phrase, _LEAD_WORDS.sub("", phrase)
    return phrase


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"
