"""Kinds about places: a township, county or former name that is not the issuer's own.

Each finding says where the named place really is according to the gazetteer,
and which issuer it was compared with. In a township's report every other
township name is read in its context: where the report speaks of itself — the
title, the signature, the subject of a sentence about the year's work, our
website, column, guide or report, 我乡/本镇 sentences, X人民政府 — it is an error
(PL101); in a legitimate context (a neighbour, a study visit, a forwarded
document, an address, 原X乡, a merger) it is quiet; anywhere else it is a
warning (PL105). The contexts are rule data (rules/PL.yaml).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.check.context import CheckContext, in_brackets, sentence_span
from pipeline.check.params import Regex
from pipeline.gazetteer import Change, Gazetteer, Town
from pipeline.models import TOWNSHIP_LEVELS, Fix, Hit, Meta, Report

SELF, LEGITIMATE, ELSEWHERE = "self", "legitimate", "elsewhere"
MAX_PER_NAME = 20  # findings for one name: a copied report names the other township a few times, not thousands
MAX_READ_PER_NAME = 200  # mentions of one name whose context is read (bounds the work on a run of one name)


@dataclass(frozen=True)
class PlaceParams:
    # Contexts in which another place is named legitimately; {name} stands for the place.
    legitimate: tuple[Regex, ...] = ()
    # Contexts in which a name stands for the report's own issuer: the subject of a sentence,
    # our website, column, guide or report; {name} stands for the place.
    self_contexts: tuple[Regex, ...] = ()
    # Words after a name that make it the speaking body (X人民政府, X党委, X政府信息公开…).
    body_words: tuple[str, ...] = ("人民政府", "政府", "党委", "办事处")
    # Sentences that are addresses or contacts, where any place may be named.
    address_words: tuple[str, ...] = ("地址", "邮编", "邮政编码", "联系电话", "电话")
    # Contexts that make a named county the issuer's own superior; {name} stands for it.
    superior: tuple[Regex, ...] = ()
    # Characters that make a word with the suffix before them: 邱朝阳镇长 is a mayor, not 朝阳镇.
    word_after_suffix: tuple[str, ...] = ()
    # Which mentions the rule reports: self (where the report speaks of itself) or elsewhere.
    speaks: str = SELF
    # How safe replacing the name with the issuer's is: safe | unsafe | manual.
    fix: str = "safe"

    def __post_init__(self):
        if self.speaks not in (SELF, ELSEWHERE):
            raise ValueError("speaks must be self or elsewhere")
        if self.fix not in ("safe", "unsafe", "manual"):
            raise ValueError("fix must be safe, unsafe or manual")


def check_foreign_township(report: Report, params: PlaceParams, ctx: CheckContext) -> Iterator[Hit]:
    """Another township named in a township's report, in the context the rule asks for."""
    meta = report.meta
    own = meta.issuer_place
    if not own or meta.issuer_level not in TOWNSHIP_LEVELS:
        return
    gazetteer = ctx.gazetteer
    lexicon = ctx.rulebook.lexicon
    text = report.text.text
    related = _related_names(own, gazetteer)
    markers = [*lexicon.self_words(TOWNSHIP_LEVELS), own]
    reported: dict[str, int] = {}
    for word, start, end in _mentions(report, "|".join(lexicon.place_suffixes)):
        if reported.get(word, 0) >= MAX_PER_NAME:
            continue
        if len(word) < 3 or word in lexicon.generic_place_words or word in related:
            continue
        known = word in gazetteer.place_words
        if not known and not _followed_by(text, end, params.body_words):
            continue
        if _same_unit(word, own) or text.endswith("原", 0, start):
            continue  # 龙尾镇 for 龙尾乡 is PL104's; 原X乡 is history
        if text.startswith(params.word_after_suffix, end):
            continue
        ambiguous = word in gazetteer.common_word_names or word[-2:] in lexicon.generic_place_words
        if ambiguous and not _in_anchor(report, start):
            continue  # 更新乡政府 is 更新 + 乡政府, 文明村镇 is not 明村镇, more often than a township
        context = _context(report, start, end, markers, params)
        if context != params.speaks:
            continue
        reported[word] = reported.get(word, 0) + 1
        towns = gazetteer.towns_named(word)
        yield Hit(
            start,
            end,
            args={"issuer": own, "evidence": _evidence(word, towns, meta, gazetteer)},
            data={"issuer": own, "mention": word, "context": context, **_where(towns, meta, gazetteer)},
            fix=Fix(own if params.fix != "manual" else None, params.fix),
        )


def check_foreign_superior(report: Report, params: PlaceParams, ctx: CheckContext) -> Iterator[Hit]:
    """A county or city named as the issuer's own superior that is not."""
    meta = report.meta
    if meta.issuer_level not in TOWNSHIP_LEVELS or not meta.county:
        return
    own = {n for n in (meta.county, meta.city, meta.province) if n}
    text = report.text.text
    gazetteer = ctx.gazetteer
    for word, start, end in _mentions(report, "县|市|区|旗"):
        if word in own or word not in gazetteer.county_names or in_brackets(text, start):
            continue
        s_start, s_end = sentence_span(text, start)
        sentence = text[s_start:s_end]
        if _any_context(sentence, word, params.legitimate):
            continue
        if not _in_anchor(report, start) and not _any_context(sentence, word, params.superior):
            continue  # named, but not as the superior (the title and signature name the issuer's own)
        places = [
            f"{c.province}{'' if c.city in ('直辖', c.province) else c.city}" for c in gazetteer.counties_named(word)
        ]
        yield Hit(
            start,
            end,
            args={"county": meta.county},
            data={"issuer": meta.issuer_place, "issuer_county": meta.county, "mention": word, "mention_in": places[:5]},
            fix=Fix(meta.county, "unsafe"),
        )


def check_former_own_name(report: Report, params: PlaceParams, ctx: CheckContext) -> Iterator[Hit]:
    """The issuer under a name that was abolished or changed before the report year."""
    meta = report.meta
    own, year = meta.issuer_place, meta.report_year
    if not own or year is None or meta.issuer_level not in TOWNSHIP_LEVELS:
        return
    text = report.text.text
    flagged: set[tuple[int, int]] = set()
    for change in ctx.gazetteer.changes_of(own):
        if change.year >= year:
            continue
        spans: list[tuple[int, int]] = []
        if change.old_name == own and change.new_name != own and _same_place(change.old_code, change, meta):
            if meta.issuer_verified:
                continue  # the data still know the name in the report year (桥南街道: abolished, then set up again)
            span = _first_self_mention(report, own)  # the report still calls itself by the old name
            spans = [span] if span else []
        elif change.new_name == own and change.old_name and _same_place(change.new_code, change, meta):
            spans = [  # an old name of the issuer in the text
                (start, end)
                for word, start, end in _tokens_ending_in(report, re.escape(change.old_name[-1]))
                if word == change.old_name and not text.endswith("原", 0, start) and not in_brackets(text, start)
            ]
        for span in spans:
            if span not in flagged:
                flagged.add(span)
                yield _former_hit(span, change)


def _former_hit(span: tuple[int, int], change: Change) -> Hit:
    return Hit(
        span[0],
        span[1],
        args={
            "year": change.year,
            "reason": change.reason,
            "now": f"，现为{change.new_name}" if change.new_name and change.new_name != change.old_name else "",
        },
        data={"change": change._asdict()},
        fix=Fix(change.new_name, "unsafe") if change.new_name else None,
    )


def _same_place(code: str, change: Change, meta: Meta) -> bool:
    """Whether a change concerns the issuer's own township, not a namesake elsewhere (太平镇 is in
    many provinces): only when both the change and the issuer's county are known and agree."""
    return bool(meta.county_code and code and code.startswith(meta.county_code))


def _first_self_mention(report: Report, name: str) -> tuple[int, int] | None:
    for span in (report.frame.title, report.frame.signature):
        if span:
            found = report.text.text.find(name, *span)
            if found >= 0:
                return found, found + len(name)
    return None


def _related_names(own: str, gazetteer: Gazetteer) -> set[str]:
    """The issuer's own former and later names: PL104 speaks of those."""
    names = {own}
    for change in gazetteer.changes_of(own):
        names.update((change.old_name, change.new_name))
    return names


def _in_anchor(report: Report, start: int) -> bool:
    return any(span and span[0] <= start < span[1] for span in (report.frame.title, report.frame.signature))


def _context(report: Report, start: int, end: int, markers: list[str], params: PlaceParams) -> str:
    """Whether the name at text[start:end] stands for the issuer, is named legitimately, or neither."""
    text = report.text.text
    if _in_anchor(report, start):
        return SELF
    if report.frame.is_furniture(start):
        return LEGITIMATE  # the site's navigation and info bar
    s_start, s_end = sentence_span(text, start)
    sentence = text[s_start:s_end]
    word = text[start:end]
    if any(w in sentence for w in params.address_words) or _any_context(sentence, word, params.legitimate):
        return LEGITIMATE
    if _any_context(sentence, word, params.self_contexts):
        return SELF  # our guide 《X乡政府信息公开指南》, our column, the sentence's subject
    if in_brackets(text, start):
        return LEGITIMATE  # another document's title
    if _followed_by(text, end, params.body_words):
        return SELF
    rest = sentence[: start - s_start] + sentence[end - s_start :]
    return SELF if any(marker in rest for marker in markers) else ELSEWHERE


def _any_context(sentence: str, word: str, patterns: tuple[str, ...]) -> bool:
    """Whether any of the patterns, with {name} standing for `word`, occurs in the sentence."""
    return any(re.search(p.replace("{name}", re.escape(word)), sentence) for p in patterns)


def _followed_by(text: str, end: int, words: tuple[str, ...]) -> bool:
    return any(text.startswith(w, end) for w in words)


def _mentions(report: Report, suffixes: str):
    """`_tokens_ending_in`, each name read at most MAX_READ_PER_NAME times."""
    read: dict[str, int] = {}
    for word, start, end in _tokens_ending_in(report, suffixes):
        read[word] = read.get(word, 0) + 1
        if read[word] <= MAX_READ_PER_NAME:
            yield word, start, end


def _tokens_ending_in(report: Report, suffixes: str):
    """The tokens that end with one of the suffixes (found by scanning the text, not the tokens)."""
    words, starts = report.tokens.words, report.tokens.starts
    for match in re.finditer(suffixes, report.text.text):
        index = bisect_right(starts, match.start()) - 1
        word, start = words[index], starts[index]
        if start + len(word) == match.end():
            yield word, start, match.end()


_ETHNIC = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,2}族)+$")


def _same_unit(word: str, own: str) -> bool:
    """The issuer under another form of its name: 龙尾镇/龙尾乡, 阿尔乡 in 阿尔乡镇, 杜拉尔鄂温克民族乡/杜拉尔乡."""
    if _stem(word) == _stem(own) or word in own or own in word:
        return True
    short, long = sorted((_stem(word), _stem(own)), key=len)
    return ("族" in word or "族" in own) and len(short) >= 2 and long.startswith(short)


def _stem(name: str) -> str:
    """龙尾乡 -> 龙尾; 青街畲族乡 -> 青街 (民族乡 are often written without the people's name)."""
    for suffix in ("街道", "苏木", "乡", "镇"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    ethnic = _ETHNIC.match(name)
    return ethnic[1] if ethnic else name


def _where(towns: list[Town], meta: Meta, gazetteer: Gazetteer) -> dict:
    places = sorted({gazetteer.where(t) for t in towns})
    return {
        "known_places": places[:10],
        "known_count": len(places),
        "in_issuer_province": any(p.startswith(meta.province) for p in places) if meta.province else None,
        "in_issuer_county": any(t.county_code == meta.county_code for t in towns) if meta.county_code else None,
    }


def _evidence(word: str, towns: list[Town], meta: Meta, gazetteer: Gazetteer) -> str:
    """Where the gazetteer puts the named township, compared with the issuer."""
    if not towns:
        return "区划数据中没有这个乡镇名"
    if meta.county_code and any(t.county_code == meta.county_code for t in towns):
        return f"它是{meta.county}的另一个乡镇"
    places = sorted({gazetteer.where(t) for t in towns})
    if meta.province and not any(p.startswith(meta.province) for p in places):
        provinces = sorted({gazetteer.province_of(t) or "" for t in towns})
        elsewhere = "、".join(f"{p}" for p in provinces[:3])
        return f"区划数据中{meta.province}没有{word}（{elsewhere}有{len(places)}处）"
    shown = "、".join(places[:3]) + ("等" if len(places) > 3 else "")
    return f"区划数据中{word}在{shown}"


@dataclass(frozen=True)
class NoPlaceParams:
    pass


def check_file_name_place(report: Report, params: NoPlaceParams, ctx: CheckContext) -> Iterator[Hit]:
    """The file is named after another township than the report's issuer (a report filed under the wrong name)."""
    meta = report.meta
    own = meta.issuer_place
    if not own or meta.issuer_level not in TOWNSHIP_LEVELS:
        return
    stem = Path(report.text.source.path).stem
    gazetteer = ctx.gazetteer
    related = _related_names(own, gazetteer)
    names = [name for name, _, _ in gazetteer.find_names(stem)]
    towns = [n for n in names if gazetteer.unit_levels.get(n, frozenset()) & set(TOWNSHIP_LEVELS)]
    if any(n in related or _same_unit(n, own) for n in names) or own in stem:
        return  # the file names the issuer too (with its county, or a report about a neighbour)
    for name in towns:
        if len(name) < 3 or name in gazetteer.common_word_names:
            continue
        yield Hit(0, 0, args={"name": name, "issuer": own, "file": Path(report.text.source.path).name},
                  data={"file": report.text.source.path, "named": name, "issuer": own, "scope": "document"})  # fmt: skip
        return
