"""Kind `repeated-passages`: the same sentences twice in one report."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from pipeline.check.context import CheckContext
from pipeline.check.params import Regex
from pipeline.models import Hit, Report

SENTENCE = re.compile(r"[^。!?;\n]+[。!?;]?")  # also the unit of copies across a batch
# List markers that differ between two copies of one sentence: 一是 / 1、 / (2) / 下一步.
_LEAD_CHARS = frozenset("一二三四五六七八九十(0123456789下进同")
_LEAD = re.compile(r"^(?:[一二三四五六七八九十]+是|\(?[一二三四五六七八九十\d]+\)?[、.]?|下一步|进一步|同时)[,]?")


@dataclass(frozen=True)
class RepeatedParams:
    min_chars: int = 20  # sentences with fewer Chinese characters (headings, stock phrases) are not compared
    min_ratio: float = 90.0  # rapidfuzz ratio, 0-100
    max_sentences: int = 4000  # beyond this only exact repeats are looked for


def check_repeated_passages(report: Report, params: RepeatedParams, ctx: CheckContext) -> Iterator[Hit]:
    text = report.text.text
    heading_lines = {s.start for s in report.sections if s.is_heading}
    frame = report.frame
    title = re.sub(r"\s+", "", text[slice(*frame.title)]) if frame.title else None
    spans, keys = [], []
    line_start = scanned = 0  # the current line's start, found once per stretch of text (no rescans)
    for match in SENTENCE.finditer(text):
        line_start = text.rfind("\n", scanned, match.start()) + 1 or line_start
        scanned = match.start()
        if match.end() - match.start() < params.min_chars or match.start() in heading_lines:
            continue
        if frame.is_furniture(match.start()) or (frame.title and frame.title[0] <= match.start() < frame.title[1]):
            continue  # the page's own lines: a metadata summary, the title
        if text[line_start] == "|" or text.count("|", max(line_start, match.start() - 300), match.end()) >= 2:
            continue  # a flattened table row (信息内容 | 本年制发件数 | …): repeated headers are not copied prose
        key = match.group().strip()
        if key[:1] in _LEAD_CHARS:
            key = _LEAD.sub("", key)
        key = key.rstrip("。!?;")
        if title and (key in title or title in key.replace(" ", "")):
            continue  # the title set again above the article
        if len(key.encode("utf-8")) - len(key) < 2 * params.min_chars:
            continue  # fewer than min_chars Chinese characters (3 bytes each in UTF-8)
        spans.append(match.span())
        keys.append(key)
    pairs = _similar_pairs(keys, params)
    for first, later, score in _merge_runs(pairs):
        (a_start, a_end), (b_start, b_end) = first, later
        a = (spans[a_start][0], spans[a_end][1])
        b = (spans[b_start][0], spans[b_end][1])
        location = report.text.locate(*a)
        section = report.section_at(a[0])
        where = f"第{location.line}行" + (f"（{section.path}）" if section else "")
        yield Hit(
            b[0],
            b[1],
            args={"first": where},
            data={
                "first": {
                    "start": a[0],
                    "end": a[1],
                    "line": location.line,
                    "section": section.path if section else None,
                },
                "similarity": round(score, 1),
            },
        )


def _similar_pairs(keys: list[str], params: RepeatedParams) -> dict[int, tuple[int, float]]:
    """For each sentence, the earliest earlier sentence it repeats, with the score."""
    found: dict[int, tuple[int, float]] = {}
    if len(keys) > params.max_sentences:
        seen: dict[str, int] = {}
        for index, key in enumerate(keys):
            if key in seen:
                found[index] = (seen[key], 100.0)
            seen.setdefault(key, index)
        return found
    # ratio >= min_ratio needs the shorter sentence to be at least this share of the longer.
    share = params.min_ratio / (200 - params.min_ratio)
    by_length = sorted((len(key), index) for index, key in enumerate(keys))
    lengths = [length for length, _ in by_length]
    for later, key in enumerate(keys):
        low = bisect_left(lengths, len(key) * share)
        high = bisect_right(lengths, len(key) / share)
        earlier = [index for _, index in by_length[low:high] if index < later]
        if not earlier:
            continue
        best = process.extractOne(key, [keys[i] for i in earlier], scorer=fuzz.ratio, score_cutoff=params.min_ratio)
        if best:
            found[later] = (earlier[best[2]], float(best[1]))
    return found


def _merge_runs(found: dict[int, tuple[int, float]]):
    """Consecutive repeated sentences (i, i+1 copying j, j+1) become one passage."""
    runs = []
    for later in sorted(found):
        earlier, score = found[later]
        if runs and runs[-1][1][1] == later - 1 and runs[-1][0][1] == earlier - 1:
            (a0, _), (b0, _), best = runs[-1]
            runs[-1] = ((a0, earlier), (b0, later), min(best, score))
        else:
            runs.append(((earlier, earlier), (later, later), score))
    return runs


@dataclass(frozen=True)
class CopyParams:
    """Kind `batch-copies`: reports of one run that share text (pipeline/check/copies.py does the work)."""

    min_chars: int  # Chinese characters a sentence needs to count
    min_sentences: int  # shared sentences that make a pair
    min_share: float  # ... and the share of the shorter report's counted text they are
    template_share: float  # a sentence in more than this share of the batch's reports is template text
    template: tuple[Regex, ...] = ()  # sentences every report may carry (本报告根据……编制)


def check_batch_copies(report: Report, params: CopyParams, ctx: CheckContext) -> Iterator[Hit]:
    """Nothing in one report alone: the batch's CopyIndex compares the reports."""
    return iter(())
