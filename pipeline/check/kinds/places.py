"""Kind `foreign-place`: another township named where the report speaks of its issuer."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.check.context import CheckContext, in_brackets, sentence_span
from pipeline.models import Fix, Hit, Report


@dataclass(frozen=True)
class ForeignPlaceParams:
    # Contexts in which another place is named legitimately; {name} is the place.
    legitimate: tuple[str, ...] = ()
    # Words after a name that make it a body's name even if the gazetteer lacks it.
    body_words: tuple[str, ...] = ("人民政府", "政府", "党委", "办事处")


def check_foreign_place(report: Report, params: ForeignPlaceParams, ctx: CheckContext) -> Iterator[Hit]:
    meta = report.meta
    own = meta.issuer_place
    if not own or meta.issuer_level not in ("township", "subdistrict"):
        return
    lexicon = ctx.rulebook.lexicon
    text = report.text.text
    markers = [m for words in lexicon.self_references.values() for m in words] + [own]
    stem = _stem(own, lexicon.place_suffixes)
    for word, start, end in _tokens_ending_in(report, "|".join(lexicon.place_suffixes)):
        if not _is_place(word, text, end, lexicon, ctx.gazetteer.place_words, params.body_words):
            continue
        if word == own or _stem(word, lexicon.place_suffixes) == stem:
            continue
        if meta.title_span and meta.title_span[0] <= start < meta.title_span[1]:
            continue  # the issuer itself is resolved from the title
        if in_brackets(text, start):
            continue
        s_start, s_end = sentence_span(text, start)
        sentence = text[s_start:s_end]
        if not any(marker in sentence for marker in markers):
            continue
        if any(re.search(p.replace("{name}", re.escape(word)), sentence) for p in params.legitimate):
            continue
        yield Hit(
            start,
            end,
            args={"issuer": own},
            data={"issuer": own, "mention": word, "in_place_list": word in ctx.gazetteer.place_words},
            fix=Fix(own, "safe"),
        )


def _tokens_ending_in(report: Report, suffixes: str):
    """The tokens that end with one of the suffixes (found by scanning the text, not the tokens)."""
    words, starts = report.tokens.words, report.tokens.starts
    for match in re.finditer(suffixes, report.text.text):
        index = bisect_right(starts, match.start()) - 1
        word, start = words[index], starts[index]
        if start + len(word) == match.end():
            yield word, start, match.end()


def _is_place(word, text, end, lexicon, place_words, body_words) -> bool:
    if len(word) < 3 or word in lexicon.generic_place_words:
        return False
    if not word.endswith(lexicon.place_suffixes):
        return False
    if word in place_words:
        return True
    return any(text.startswith(b, end) for b in body_words)


def _stem(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
