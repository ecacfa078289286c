"""Which year a report is about: every place that says so, weighed.

The title's year is the strongest witness; then the statistics period, a
sentence that says which year's report this is (现将2022年度…报告如下), the
sentences that open with a year (2022年，X乡人民政府…), the signature and the
publication date (early next year). A year inside a quoted title (《…2020年…
年度报告》) is usually last year's report being cited, so it counts little.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from pipeline.models import DateMention, Evidence, Period

WEIGHTS = {"title": 8, "period": 4, "own-report": 5, "opening": 2, "signed": 2, "published": 1, "quoted": 0.5,
           "file-name": 2}  # fmt: skip
CAPS = {"opening": 3, "quoted": 2}
HEAD_CHARS = 1500  # the opening part of the body that speaks of the year

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_OWN_REPORT = re.compile(r"((?:19|20)\d{2})\s*年度?(?:[^。\n《》]{0,16})(?:年度报告|工作报告|年报)")
_OWN_REPORT_VERBS = re.compile(r"本报告|编制|现将|现予|公布如下|报告如下|特此|予以公布")
_OPENING = re.compile(
    r"(?:^|[。!?;\n])\s*(?:\(?[一二三四五六七八九十\d]{1,2}[)、.]\s*)?((?:19|20)\d{2})\s*年(?:度)?"
    r"(?![\d一二三四五六七八九十]{1,2}\s*月|以来|至今|起|底|末|前|后)"
)
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def report_year(
    text: str,
    title: tuple[int, int] | None,
    period: Period | None,
    dates: tuple[DateMention | None, DateMention | None],
    path: str,
) -> tuple[int | None, tuple[Evidence, ...]]:
    """The year the report is about, and the evidence for it; `dates` are (signed, published)."""
    found: list[Evidence] = []
    if title:
        found += [_evidence("title", m) for m in _YEAR.finditer(text, *title)][:1]
    if period is not None and period.first.year == period.last.year:
        found.append(Evidence("period", str(period.first.year), period.start, period.end, WEIGHTS["period"]))
    head = min(len(text), HEAD_CHARS)
    for match in _OWN_REPORT.finditer(text, 0, head):
        sentence = sentence_at(text, match.start())
        quoted = text.rfind("《", sentence[0], match.start()) > text.rfind("》", sentence[0], match.start())
        kind = "quoted" if quoted or not _OWN_REPORT_VERBS.search(text, *sentence) else "own-report"
        found.append(_evidence(kind, match))
    found += [_evidence("opening", m) for m in _OPENING.finditer(text, 0, head)]
    for kind, date in zip(("signed", "published"), dates, strict=True):
        if date is not None:
            found.append(_date_evidence(kind, date))
    for match in _FILE_YEAR.finditer(Path(path).stem):
        found.append(Evidence("file-name", match[1], -1, -1, WEIGHTS["file-name"]))
    return _choose(found)


def _evidence(kind: str, match: re.Match) -> Evidence:
    """The year a pattern's first group caught."""
    return Evidence(kind, match[1], match.start(1), match.end(1), WEIGHTS[kind])


def _date_evidence(kind: str, date: DateMention) -> Evidence:
    """A report is signed and published early in the next year (a December date: the same year)."""
    year = date.value.year - 1 if date.value.month <= 6 else date.value.year
    return Evidence(kind, str(year), date.start, date.end, WEIGHTS[kind])


def _choose(found: list[Evidence]) -> tuple[int | None, tuple[Evidence, ...]]:
    scores: dict[str, float] = defaultdict(float)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for item in found:
        counts[item.name, item.kind] += 1
        if counts[item.name, item.kind] <= CAPS.get(item.kind, 1):
            scores[item.name] += item.weight
    if not scores:
        return None, ()
    year = max(scores, key=lambda y: (scores[y], y))  # a tie goes to the later year: copies run old to new
    if scores[year] < 1:
        return None, ()
    used = tuple(sorted((e for e in found if e.name == year), key=lambda e: -e.weight))
    return int(year), used


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence (up to 。 or a line break) holding `offset`, at most 200 characters each side."""
    floor = max(0, offset - 200)
    start = max(floor - 1, *(text.rfind(c, floor, offset) for c in "。\n")) + 1
    ends = [i for i in (text.find(c, offset, offset + 200) for c in "。\n") if i >= 0]
    return start, min(ends) if ends else min(len(text), offset + 200)
