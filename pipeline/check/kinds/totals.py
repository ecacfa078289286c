"""Kind `stated-total`: a total the text states against the parts it lists after 其中."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.check.context import CheckContext
from pipeline.check.params import Regex
from pipeline.models import Hit, Report

MAX_PARTS_CHARS = 300  # 其中 and what follows, up to the end of the sentence


@dataclass(frozen=True)
class StatedTotalParams:
    pattern: Regex  # the total: groups `total` (its number) and `unit` (条, 件…); it must end just before 其中
    not_parts: Regex  # words in the list that mean a number is not one of the parts (上年结转, 累计, 另)


def check_stated_total(report: Report, params: StatedTotalParams, ctx: CheckContext) -> Iterator[Hit]:
    """共主动公开382条，其中…35条、…80条、…2443条: the parts add up to more than the whole."""
    text = report.text.text
    for match in re.finditer(params.pattern, text):
        total, unit = int(match["total"]), match["unit"]
        begin = match.end() + len("其中")
        end = min(len(text), begin + MAX_PARTS_CHARS)
        stop = re.search(r"[。;\n]", text[begin:end])
        listing = text[begin : begin + stop.start() if stop else end]
        if "其中" in listing or re.search(params.not_parts, listing):
            continue  # a list within the list, or numbers that are not parts of this total
        parts = [int(n) for n in re.findall(rf"(?<![\d.])(\d+)(?:多)?{re.escape(unit)}", listing)]
        if len(parts) < 2 or sum(parts) <= total:
            continue
        yield Hit(
            match.start("total"),
            match.end("total"),
            args={"total": total, "sum": sum(parts), "unit": unit, "parts": "+".join(map(str, parts))},  # fmt: skip
            data={"total": total, "parts": parts, "unit": unit},
        )
