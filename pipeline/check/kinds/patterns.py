"""Kind `pattern`: regular expressions, limited by report year, issuer level and sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.check.context import CheckContext, in_brackets, sentence_span
from pipeline.check.params import Regex
from pipeline.models import Fix, Hit, Report, check_levels


@dataclass(frozen=True)
class PatternEntry:
    regex: Regex
    years: tuple[int, int] | None = None  # report years the entry applies to
    note: str = ""  # offered to the message as {note}
    require_sentence: tuple[Regex, ...] = ()  # this entry only: the sentence must match one of these
    levels: tuple[str, ...] = ()  # this entry only: issuer levels it applies to; empty: the rule's
    compiled: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "compiled", re.compile(self.regex))
        check_levels(self.levels)


@dataclass(frozen=True)
class PatternParams:
    patterns: tuple[PatternEntry, ...]
    scope: str = "all"  # all | title | body (all but the title)
    levels: tuple[str, ...] = ()  # issuer levels the rule applies to; empty: any
    require_sentence: tuple[Regex, ...] = ()  # the sentence must match one of these
    unless_sentence: tuple[Regex, ...] = ()  # ... and none of these
    skip_quoted: bool = False  # ignore matches inside 《…》
    replacement: str | None = None  # template; {match} and named groups
    applicability: str = "manual"

    def __post_init__(self):
        if self.scope not in ("all", "title", "body"):
            raise ValueError("scope must be all, title or body")
        check_levels(self.levels)


def check_pattern(report: Report, params: PatternParams, ctx: CheckContext) -> Iterator[Hit]:
    meta = report.meta
    if params.levels and meta.issuer_level not in params.levels:
        return
    text = report.text.text
    ranges = _ranges(len(text), report.frame.title, params.scope)
    for entry in params.patterns:
        if entry.years and not (meta.report_year and entry.years[0] <= meta.report_year <= entry.years[1]):
            continue
        if entry.levels and meta.issuer_level not in entry.levels:
            continue
        for start, end in ranges:
            for match in entry.compiled.finditer(text, start, end):
                if match.end() == match.start() or report.frame.is_furniture(match.start()):
                    continue  # the page's crumbs, info bar and links are not the report's text
                if params.skip_quoted and in_brackets(text, match.start()):
                    continue
                if not _sentence_allows(text, match.start(), params.require_sentence, params.unless_sentence):
                    continue
                if entry.require_sentence and not _sentence_allows(text, match.start(), entry.require_sentence, ()):
                    continue
                args = {"note": entry.note, "year": meta.report_year}
                args.update({k: v for k, v in match.groupdict().items() if v})
                fix = None
                if params.replacement is not None:
                    replacement = params.replacement.format(match=match.group(), **args)
                    fix = Fix(replacement, params.applicability)
                yield Hit(match.start(), match.end(), args=args, fix=fix)


def _ranges(length: int, title: tuple[int, int] | None, scope: str) -> list[tuple[int, int]]:
    if scope == "all":
        return [(0, length)]
    if scope == "title":
        return [title] if title else []
    if not title:
        return [(0, length)]
    return [(0, title[0]), (title[1], length)]


def _sentence_allows(text: str, offset: int, require: tuple[str, ...], unless: tuple[str, ...]) -> bool:
    if not require and not unless:
        return True
    sentence = text[slice(*sentence_span(text, offset))]
    if require and not any(re.search(p, sentence) for p in require):
        return False
    return not any(re.search(p, sentence) for p in unless)
