"""Kinds about what a report must contain and how its sections are numbered."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.check.context import CheckContext
from pipeline.check.params import Regex
from pipeline.models import Citation, Hit, Report
from pipeline.numerals import int_to_han
from pipeline.numerals import number_value as numeral
from pipeline.parse.headings import number_value
from pipeline.rulebook import Regime, RequiredItem


@dataclass(frozen=True)
class NoParams:
    pass


def item_presence(report: Report, regime: Regime) -> dict[RequiredItem, bool]:
    """Each item the regime's law requires of this issuer's level: spoken of somewhere in the report?"""
    text = report.text.text
    return {
        item: any(pattern.search(text) for pattern in item.patterns)
        for item in regime.items
        if not item.levels or report.meta.issuer_level in item.levels
    }


def check_required_items(report: Report, params: NoParams, ctx: CheckContext) -> Iterator[Hit]:
    """Each item the regime's law requires must be spoken of somewhere in the report."""
    regime = ctx.regime
    if regime is None:
        return
    for item, present in item_presence(report, regime).items():
        if present:
            continue
        yield Hit(
            0,
            0,
            args={"item": item.label},
            data={"item": item.key, "regime": regime.id, "scope": "document"},
            citation=Citation(regime.law, item.article, item.item),
        )


def check_format_headings(report: Report, params: NoParams, ctx: CheckContext) -> Iterator[Hit]:
    """The official format's first-level headings, present and in order."""
    regime = ctx.regime
    if regime is None or not regime.headings:
        return
    top = [s for s in report.sections if s.level == 1 and s.is_heading]
    citation = Citation(regime.format or regime.law)
    if not top:
        labels = "、".join(h.label for h in regime.headings)
        yield Hit(0, 0, args={"heading": labels}, data={"scope": "document"}, citation=citation)
        return
    last_index = -1
    for heading in regime.headings:
        index = next(
            (i for i, s in enumerate(top) if any(p.search(s.title) for p in heading.patterns)),
            None,
        )
        if index is None:
            data = {"scope": "document", "heading": heading.key}
            yield Hit(0, 0, args={"heading": heading.label}, data=data, citation=citation)
        elif index < last_index:
            section = top[index]
            yield Hit(
                section.start,
                section.title_end,
                args={"heading": heading.label},
                data={"out_of_order": True},
                citation=citation,
            )
        else:
            last_index = index


def check_heading_numbering(report: Report, params: NoParams, ctx: CheckContext) -> Iterator[Hit]:
    """Sibling numbers run 1, 2, 3 without gaps (a new list may restart at 1)."""
    last: dict[int, tuple[str, int]] = {}
    for section in report.sections:
        for level in [lv for lv in last if lv > section.level]:
            del last[level]
        value = number_value(section.style, section.number)
        previous = last.get(section.level)
        expected = previous[1] + 1 if previous and previous[0] == section.style else 1
        if value != expected and value != 1:
            yield Hit(
                section.start,
                section.start + len(section.marker),
                args={"expected": _written(section.style, expected)},
                data={"found": value, "expected": expected, "level": section.level},
            )
        last[section.level] = (section.style, value)


def _written(style: str, value: int) -> str:
    if style in ("digit", "paren-digit"):
        return str(value)
    if style == "circled":
        return chr(ord("①") + value - 1)
    return int_to_han(value)


_LEVEL_WORDS = {"township": "乡镇", "ethnic_township": "民族乡", "sumu": "苏木", "subdistrict": "街道",
                "county": "县", "district": "区", "city": "市", "department": "部门"}  # fmt: skip


def check_issuer_unknown(report: Report, params: NoParams, ctx: CheckContext) -> Iterator[Hit]:
    """No title, crumb, signature or body sentence names who issued the report."""
    meta = report.meta
    if meta.issuer is not None:
        return
    voice = f"（正文以{_LEVEL_WORDS[meta.self_level]}的口吻写成）" if meta.self_level in _LEVEL_WORDS else ""
    yield Hit(0, 0, args={"voice": voice}, data={"scope": "document", "self_level": meta.self_level})


@dataclass(frozen=True)
class PartsCountParams:
    pattern: Regex  # the sentence that counts the report's parts: groups n (the count), parts (the list), etc (等)


def check_parts_count(report: Report, params: PartsCountParams, ctx: CheckContext) -> Iterator[Hit]:
    """本报告由……四个部分组成: the count against the parts it lists, and against the report's headings."""
    text = report.text.text
    match = re.search(params.pattern, text)
    if match is None:
        return
    stated = numeral(match["n"])
    if stated is None:
        return
    listed = (match.groupdict().get("parts") or "").strip()
    low, high = _parts(listed, ctx)
    headings = [s for s in report.sections if s.level == 1 and s.is_heading and s.start > match.end()]
    if match.groupdict().get("etc"):
        high = max(high, stated)  # ……等六个部分: the list need not name them all
    if listed and not low <= stated <= high:
        counted, against = (low if stated < low else high), "列出的部分"
    elif len(headings) >= 3 and stated != len(headings):
        counted, against = len(headings), "一级标题"
    else:
        return
    yield Hit(
        match.start("n"),
        match.end("n"),
        args={"stated": stated, "counted": counted, "against": against},
        data={"stated": stated, "counted": counted, "against": against, "parts": listed or None},
    )


def _parts(listed: str, ctx: CheckContext) -> tuple[int, int]:
    """How many parts a list names, at least and at most.

    At least: the format's headings it names (总体情况, 主动公开…, each one part). At most: its items
    split at 、 and commas, an item joined by 和/及 counting two unless it is one heading
    (存在的主要问题及改进情况), and an item that names two headings counting two.
    """
    headings = ctx.regime.headings if ctx.regime else ()
    named = {h.key for h in headings if any(p.search(listed) for p in h.patterns)}
    high, previous = 0, None
    for item in (p.strip() for p in re.split(r"[、,;]", listed)):
        if not item:
            continue
        keys = [h.key for h in headings if any(p.search(item) for p in h.patterns)]
        if len(keys) == 1 and keys[0] == previous:
            continue  # 行政复议、行政诉讼情况: one heading with a 、 inside
        previous = keys[0] if len(keys) == 1 else None
        joined = re.search(r"以及|及|和|与", item) is not None
        high += max(1, len(keys), 2 if joined and not keys else 1)
    return len(named), high


_CONTENT = re.compile(r"[\u4e00-\u9fff\d]")
_INLINE = re.compile(r"[。:;|]")  # 三、依申请公开情况:无。 — the heading carries its content


def check_empty_sections(report: Report, params: NoParams, ctx: CheckContext) -> Iterator[Hit]:
    """A first-level heading with nothing under it, between parts that have content.

    Runs of bare headings are a table of contents, not empty parts; a heading that is the
    last thing in the text is a cut-off page; a "heading" in a table is a row label.
    """
    text = report.text.text
    top = [s for s in report.sections if s.level == 1 and s.is_heading]
    tables = [(t.start, t.end) for t in report.statistics]
    empty = [_CONTENT.search(text[s.title_end : s.end]) is None for s in top]
    for index, section in enumerate(top):
        if not empty[index] or _INLINE.search(section.title):
            continue
        if any(a <= section.start < b for a, b in tables):
            continue
        if (index > 0 and empty[index - 1]) or (index + 1 < len(top) and empty[index + 1]):
            continue  # a list of headings: the report's contents
        last = index + 1 == len(top)
        if last and report.frame.closing_start is None:
            continue  # nothing after it at all: the page was cut here
        yield Hit(section.start, section.title_end, args={"heading": section.title}, data={"heading": section.path})
