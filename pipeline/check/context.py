"""What checks see besides the report: the rulebook and the world outside the document."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline.gazetteer import Gazetteer
from pipeline.models import StatTable
from pipeline.rulebook import Regime, Rulebook

_SENTENCE_END = re.compile(r"[。!?;\n]")


@dataclass(frozen=True)
class CheckContext:
    rulebook: Rulebook
    regime: Regime | None
    gazetteer: Gazetteer
    # The same issuer's other reports in this run: year -> their statutory tables (checks across years)
    neighbours: Mapping[int, tuple[StatTable, ...]] = field(default_factory=dict)


MAX_SENTENCE = 300  # characters each side: a "sentence" longer than this is a run of text, not prose


def sentence_span(text: str, offset: int) -> tuple[int, int]:
    """The sentence (up to 。!?; or a line break) that holds `offset`, at most MAX_SENTENCE each side.

    Bounded so that a text without punctuation costs the same per lookup as prose does.
    """
    floor = max(0, offset - MAX_SENTENCE)
    start = max(text.rfind(mark, floor, offset) for mark in "。!?;\n") + 1 or floor
    found = _SENTENCE_END.search(text, offset, min(len(text), offset + MAX_SENTENCE))
    return max(start, floor), found.end() if found else min(len(text), offset + MAX_SENTENCE)


def in_brackets(text: str, start: int, opening: str = "《", closing: str = "》") -> bool:
    """Whether `start` lies inside a 《…》 title on its line."""
    floor = max(0, start - MAX_SENTENCE)  # a title in 《》 is never this long
    line_start = text.rfind("\n", floor, start) + 1 or floor
    before = text[line_start:start]
    return before.rfind(opening) > before.rfind(closing)
