"""Report metadata: title, issuer, report year, publication and signing dates, period."""

from __future__ import annotations

import re
from itertools import pairwise

from pipeline.anchors import signature, tail_lines, title_span, title_units
from pipeline.models import DateMention, Meta, Period, Unit
from pipeline.parse.dates import find_dates
from pipeline.rulebook import Rulebook

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_IN_TEXT = re.compile(r"((?:19|20)\d{2})\s*年度?(?:[^。\n]{0,16})(?:年度报告|工作报告|年报)")
_PUBLISHED = re.compile(r"(?:发布|发文|公开|成文|印发)(?:时间|日期)\s*[:]?\s*")
_PERIOD_CONTEXT = re.compile(r"统计|数据|期限|报告期|时限")
_PERIOD_JOIN = re.compile(r"\s*(?:起)?\s*(?:至|到|—|-|~|～)\s*$")
_OFFICE = {"township": "人民政府", "subdistrict": "办事处", "county": "人民政府", "city": "人民政府"}


def parse_meta(text: str, rulebook: Rulebook) -> Meta:
    span = title_span(text)
    title = text[span[0] : span[1]].strip() if span else None
    units = title_units(text, span) if span else []
    signed_units, signature_span = signature(text)
    issuer_units = units if _local(units) else (signed_units or units)
    place = _local(issuer_units)
    issuer = _issuer_name(text, place, signed_units, signature_span)
    if place and place.level == "department":  # 平阳县民政局: the body with its government
        issuer = "".join(u.name for u in issuer_units)
    year, year_source = _report_year(text, span)
    period = _period(text)
    if year is None and period is not None:
        year, year_source = period.first.year, "period"
    regime = rulebook.regime_for(year)
    signed = _signed(text)
    closing = [p for p in (signature_span[0] if signature_span else None, signed.start if signed else None) if p]
    return Meta(
        title=title,
        title_span=span,
        issuer=issuer,
        issuer_place=place.name if place else None,
        issuer_level=place.level if place else None,
        county=_unit_of(issuer_units, "county"),
        city=_unit_of(issuer_units, "city"),
        province=_unit_of(issuer_units, "province"),
        report_year=year,
        year_source=year_source,
        regime=regime.id if regime else None,
        published=_published(text),
        signed=signed,
        period=period,
        closing_start=min(closing) if closing else None,
        title_units=tuple(units),
        signature_units=tuple(signed_units),
        signature_span=signature_span,
    )


def _local(units: list[Unit]) -> Unit | None:
    """The issuing unit: the innermost one the chain names."""
    return units[-1] if units else None


def _unit_of(units: list[Unit], level: str) -> str | None:
    return next((u.name for u in units if u.level == level), None)


def _issuer_name(text: str, place: Unit | None, signed: list[Unit], span) -> str | None:
    if place is None:
        return None
    if signed and span and signed[-1].name == place.name:
        line = text[span[0] : span[1]].strip()
        return line[line.index(place.name) :]
    return place.name + _OFFICE.get(place.level, "")


def _report_year(text: str, span: tuple[int, int] | None) -> tuple[int | None, str | None]:
    if span:
        match = _YEAR_IN_TITLE.search(text, *span)
        if match:
            return int(match[1]), "title"
    match = _YEAR_IN_TEXT.search(text, 0, 600)
    if match:
        return int(match[1]), "text"
    return None, None


def _published(text: str) -> DateMention | None:
    for match in _PUBLISHED.finditer(text):
        found = next(find_dates(text, match.end(), match.end() + 24), None)
        if found and found.start - match.end() <= 2:
            return found
    return None


def _signed(text: str) -> DateMention | None:
    """A date standing alone on one of the last lines: the signature's date."""
    for start, end in reversed(tail_lines(text, 6)):
        found = next(find_dates(text, start, end), None)
        if found and not text[start:end].replace(text[found.start : found.end], "").strip():
            return found
    return None


def _period(text: str) -> Period | None:
    """The statistics period: two dates joined by 至/到 in a sentence about data."""
    for context in _PERIOD_CONTEXT.finditer(text):
        sentence_start = max(text.rfind("。", 0, context.start()), text.rfind("\n", 0, context.start())) + 1
        sentence_end = min(_find(text, "。", context.end()), _find(text, "\n", context.end()))
        dates = list(find_dates(text, sentence_start, sentence_end))
        for first, last in pairwise(dates):
            between = text[first.end : last.start]
            if len(between) <= 4 and _PERIOD_JOIN.search(between):
                return Period(first.value, last.value, first.start, last.end)
    return None


def _find(text: str, char: str, start: int) -> int:
    found = text.find(char, start)
    return len(text) if found < 0 else found
