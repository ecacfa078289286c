"""What checks see besides the report: the rulebook and the world outside the document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.gazetteer import Gazetteer
from pipeline.rulebook import Regime, Rulebook

_SENTENCE_END = re.compile(r"[。!?;\n]")


@dataclass(frozen=True)
class CheckContext:
    rulebook: Rulebook
    regime: Regime | None
    gazetteer: Gazetteer


def sentence_span(text: str, offset: int) -> tuple[int, int]:
    """The sentence (up to 。!?; or a line break) that holds `offset`."""
    start = offset
    while start > 0 and not _SENTENCE_END.match(text, start - 1):
        start -= 1
    found = _SENTENCE_END.search(text, offset)
    return start, found.end() if found else len(text)


def in_brackets(text: str, start: int, opening: str = "《", closing: str = "》") -> bool:
    """Whether `start` lies inside a 《…》 title on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return before.rfind(opening) > before.rfind(closing)
