"""Kinds about the report year and the dates a report carries."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.check.context import CheckContext, in_brackets, sentence_span
from pipeline.check.kinds.structure import NoParams
from pipeline.check.params import Regex
from pipeline.models import Citation, Hit, Report

_YEAR_PERIOD = re.compile(
    r"(?:19|20)\d{2}\s*年度(?:\s*(?:与|和|及|、|至|到|-|—)\s*(?:19|20)\d{2}\s*年度)*"
    r"|(?:19|20)\d{2}(?:\s*(?:、|与|和|及)\s*(?:19|20)\d{2})+\s*年度"
)
_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass(frozen=True)
class StaleYearParams:
    # Context before/after a year that makes it a comparison, not the report's data year.
    skip_before: tuple[Regex, ...] = ()
    skip_after: tuple[Regex, ...] = ()
    # Context that makes a later year a plan, not data.
    prospective: tuple[Regex, ...] = ()
    window: int = 12


def check_stale_year(report: Report, params: StaleYearParams, ctx: CheckContext) -> Iterator[Hit]:
    """ "2008年度" in the 2009 report, where the year's own work is described."""
    year = report.meta.report_year
    if year is None:
        return
    text = report.text.text
    title = report.frame.title
    skip_before = [re.compile(p + "$") for p in params.skip_before]
    skip_after = [re.compile("^" + p) for p in params.skip_after]
    prospective = [re.compile(p) for p in params.prospective]
    for match in _YEAR_PERIOD.finditer(text):
        start, end = match.span()
        if (title and title[0] <= start < title[1]) or report.frame.is_furniture(start):
            continue  # the title's year is the report's; crumbs and links are the site's
        years = sorted({int(y) for y in _YEAR.findall(match.group())})
        if all(y == year for y in years) or in_brackets(text, start):
            continue
        before = _clause(text[max(0, start - params.window) : start], from_end=True)
        after = _clause(text[end : end + params.window], from_end=False)
        if any(p.search(before) for p in skip_before) or any(p.search(after) for p in skip_after):
            continue
        if all(y > year for y in years) and any(p.search(before + after) for p in prospective):
            continue
        others = [y for y in years if y != year]
        yield Hit(
            start,
            end,
            args={"year": year, "found": "、".join(map(str, others))},
            data={"report_year": year, "years": others},
        )


def _clause(fragment: str, from_end: bool) -> str:
    """The part of a context window that lies in the same clause as the match."""
    parts = re.split(r"[,。;:!?\n]", fragment)
    return parts[-1] if from_end else parts[0]


def check_report_year_unknown(report: Report, params: NoParams, ctx: CheckContext) -> Iterator[Hit]:
    if report.meta.report_year is None:
        yield Hit(0, 0, data={"scope": "document"})


def _deadline(year: int, ctx: CheckContext) -> dt.date | None:
    regime = ctx.regime
    if regime is None:
        return None
    return dt.date(year + 1, regime.deadline_month, regime.deadline_day)


def check_publication_deadline(report: Report, params: NoParams, ctx: CheckContext) -> Iterator[Hit]:
    """Published (or, without a publication date, signed) after the statutory deadline."""
    meta = report.meta
    date = meta.published or meta.signed
    if meta.report_year is None or date is None or ctx.regime is None:
        return
    deadline = _deadline(meta.report_year, ctx)
    if deadline and date.value > deadline:
        what = "发布" if date is meta.published else "落款"
        yield Hit(
            date.start,
            date.end,
            args={"what": what, "date": date.value.isoformat(), "deadline": deadline.isoformat()},
            data={
                "date": date.value.isoformat(),
                "deadline": deadline.isoformat(),
                "days_late": (date.value - deadline).days,
            },
            citation=Citation(ctx.regime.law, ctx.regime.deadline_article),
        )


def check_dated_before_year_end(report: Report, params: NoParams, ctx: CheckContext) -> Iterator[Hit]:
    """Signed or published before the year it reports on had ended."""
    meta = report.meta
    if meta.report_year is None:
        return
    year_end = dt.date(meta.report_year, 12, 31)
    for what, date in (("发布", meta.published), ("落款", meta.signed)):
        if date is not None and date.value <= year_end:
            yield Hit(
                date.start,
                date.end,
                args={"what": what, "date": date.value.isoformat(), "year": meta.report_year},
                data={"date": date.value.isoformat(), "year_end": year_end.isoformat()},
            )


@dataclass(frozen=True)
class PeriodParams:
    explained_by: tuple[Regex, ...] = ()  # words in the period's sentence that explain a partial year


def check_statistics_period(report: Report, params: PeriodParams, ctx: CheckContext) -> Iterator[Hit]:
    """The statistics period must be 1 January to 31 December of the report year."""
    meta = report.meta
    period = meta.period
    if period is None or meta.report_year is None:
        return
    text = report.text.text
    start, end = sentence_span(text, period.start)
    around = text[start : end + 40]  # the reason often follows in brackets: (沙坡头区于8月19日正式挂牌成立)
    if any(re.search(pattern, around) for pattern in params.explained_by):
        return
    expected = (dt.date(meta.report_year, 1, 1), dt.date(meta.report_year, 12, 31))
    if (period.first, period.last) != expected:
        yield Hit(
            period.start,
            period.end,
            args={"first": period.first.isoformat(), "last": period.last.isoformat(), "year": meta.report_year},
            data={
                "found": [period.first.isoformat(), period.last.isoformat()],
                "expected": [d.isoformat() for d in expected],
            },
        )


@dataclass(frozen=True)
class OwnReportYearParams:
    presenting: Regex  # words before the quoted title that present this very report: 现将…公布如下


_OWN_REPORT_TITLE = re.compile(r"《(?P<title>[^》\n]{0,40}?(?P<year>(?:19|20)\d{2})年度?政府信息公开工作年度报告)》")


def check_own_report_year(report: Report, params: OwnReportYearParams, ctx: CheckContext) -> Iterator[Hit]:
    """The report presents itself under another year's title: 现将《X镇2020年…年度报告》公布 in the 2021 report."""
    year = report.meta.report_year
    if year is None:
        return
    text = report.text.text
    for match in _OWN_REPORT_TITLE.finditer(text):
        found = int(match["year"])
        if found == year or report.frame.is_furniture(match.start()):
            continue
        start, _ = sentence_span(text, match.start())
        if not re.search(params.presenting, text[start : match.start()]):
            continue  # a citation of another year's report (与《2020年…年度报告》相比) is not this one
        yield Hit(
            match.start("year"),
            match.end("year"),
            args={"year": year, "found": found},
            data={"title": match["title"], "report_year": year, "found": found},
        )
