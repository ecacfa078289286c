"""Dates as reports write them: 2009年12月14日, 2020-06-22, 二〇〇九年十二月十四日."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pipeline.models import DateMention
from pipeline.numerals import han_to_int

_HAN_DIGIT = "〇零○O一二三四五六七八九"
DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})(?:\s*日|(?!\d))"
    rf"|(?P<hy>[{_HAN_DIGIT}]{{4}})\s*年\s*(?P<hm>[一二三四五六七八九十]{{1,2}})\s*月\s*(?P<hd>[一二三四五六七八九十]{{1,3}})\s*日"
)


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[DateMention]:
    """Every valid date in text[start:end], with its span."""
    for match in DATE.finditer(text, start, len(text) if end is None else end):
        if match["y"]:
            parts = (int(match["y"]), int(match["m"]), int(match["d"]))
        else:
            parts = (han_to_int(match["hy"]), han_to_int(match["hm"]), han_to_int(match["hd"]))
        try:
            value = dt.date(*parts)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        yield DateMention(value, match.start(), match.end())
