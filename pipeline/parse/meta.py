"""Report metadata: title, issuer, report year, publication and signing dates, period.

Worked out from the normalized text before segmentation (the issuer's own name
is then kept whole as one token): the frame gives the title, furniture and
signature; the year and the issuer are each one evidence-weighing step.
"""

from __future__ import annotations

import re
from itertools import pairwise

from pipeline.gazetteer import Gazetteer
from pipeline.models import DateMention, Frame, Meta, Period, Text
from pipeline.parse.dates import find_dates
from pipeline.parse.issuer import identify_issuer
from pipeline.parse.year import report_year, sentence_at
from pipeline.rulebook import Rulebook

_PUBLISHED = re.compile(r"(?:发布|发文|公开|成文|印发)(?:时间|日期)\s*:?\s*")
_PERIOD_CONTEXT = re.compile(r"统计|数据|期限|报告期|时限")
_PERIOD_JOIN = re.compile(r"\s*(?:起)?\s*(?:至|到|—|-|~|～)\s*$")


def parse_meta(text: Text, frame: Frame, rulebook: Rulebook, gazetteer: Gazetteer) -> Meta:
    body = text.text
    path = text.source.path
    period = _period(body)
    published = frame.published or _published(body)
    year, year_evidence = report_year(body, frame.title, period, (frame.signed, published), path)
    regime = rulebook.regime_for(year)
    issuer = identify_issuer(body, frame, rulebook.lexicon.self_references, gazetteer, path, year)
    title = body[frame.title[0] : frame.title[1]] if frame.title else None
    return Meta(
        title=" ".join(title.split()) if title else None,
        issuer=issuer.name,
        issuer_place=issuer.place,
        issuer_level=issuer.level,
        county=issuer.county,
        city=issuer.city,
        province=issuer.province,
        division_code=issuer.division_code,
        report_year=year,
        year_source=year_evidence[0].kind if year_evidence else None,
        regime=regime.id if regime else None,
        published=published,
        signed=frame.signed,
        period=period,
        county_code=issuer.county_code,
        issuer_verified=issuer.verified,
        issuer_note=issuer.note,
        issuer_evidence=issuer.evidence,
        year_evidence=year_evidence,
        self_level=issuer.self_level,
    )


def _published(text: str) -> DateMention | None:
    """A labelled publication date anywhere (the frame looks only at the first screen)."""
    for match in _PUBLISHED.finditer(text):
        found = next(find_dates(text, match.end(), match.end() + 24), None)
        if found and found.start - match.end() <= 2:
            return found
    return None


def _period(text: str) -> Period | None:
    """The statistics period: two dates joined by 至/到 in a sentence about data."""
    for context in _PERIOD_CONTEXT.finditer(text):
        sentence_start, sentence_end = sentence_at(text, context.start())
        dates = list(find_dates(text, sentence_start, sentence_end))
        for first, last in pairwise(dates):
            between = text[first.end : last.start]
            if len(between) <= 4 and _PERIOD_JOIN.search(between):
                return Period(first.value, last.value, first.start, last.end)
    return None
