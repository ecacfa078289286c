"""Kind `article-scope`: articles cited for a disclosure scope meant for another level."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.check.context import CheckContext, sentence_span
from pipeline.check.params import Regex
from pipeline.models import Citation, Fix, Hit, Report, check_levels
from pipeline.numerals import HAN_NUMERAL_CHARS, number_value

_ARTICLE_LIST = re.compile(  # bounded: a run of 第一、第一、… costs the same per 第 as a real list
    rf"第(?P<list>[{HAN_NUMERAL_CHARS}\d]{{1,8}}(?:[ \t]{{0,2}}[、,和及与][ \t]{{0,2}}第?[{HAN_NUMERAL_CHARS}\d]{{1,8}}){{0,20}})[ \t]{{0,2}}条"
)
_SEPARATOR = re.compile(r"\s*[、,和及与]\s*第?")


@dataclass(frozen=True)
class ArticleScopeParams:
    regime: str  # the regime whose article numbers these are
    levels: tuple[str, ...]  # issuer levels the rule applies to
    wrong: tuple[int, ...]  # articles meant for other levels
    right: int  # the article for these levels
    right_written: str  # how to write it: 第十二条
    context: Regex  # the sentence must speak of the scope

    def __post_init__(self):
        check_levels(self.levels)


def cited_articles(listing: str) -> list[int]:
    """第九、十、十一条 -> [9, 10, 11]."""
    return [n for part in _SEPARATOR.split(listing) if (n := number_value(part)) is not None]


def check_article_scope(report: Report, params: ArticleScopeParams, ctx: CheckContext) -> Iterator[Hit]:
    regime = ctx.regime
    if regime is None or regime.id != params.regime or report.meta.issuer_level not in params.levels:
        return
    text = report.text.text
    for match in _ARTICLE_LIST.finditer(text):
        articles = cited_articles(match["list"])
        wrong = [a for a in articles if a in params.wrong]
        if not wrong or params.right in articles:
            continue
        sentence = text[slice(*sentence_span(text, match.start()))]
        if not re.search(params.context, sentence):
            continue
        yield Hit(
            match.start(),
            match.end(),
            args={"right": params.right_written},
            data={"cited": articles, "meant_for_other_levels": wrong, "expected": params.right},
            citation=Citation(regime.law, params.right_written),
            fix=Fix(None, "manual"),
        )
