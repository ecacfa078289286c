"""Text -> Report: frame and metadata (before segmentation), then headings, paragraphs, figures.

`parse_head` runs on the normalized text alone, so that the issuer's own name
can be kept whole when the text is segmented; `parse` builds the rest.
"""

from __future__ import annotations

from collections.abc import Container

from pipeline.gazetteer import Gazetteer
from pipeline.models import Frame, Meta, Report, StatTable, Text, Tokens
from pipeline.parse.figures import find_figures
from pipeline.parse.frame import find_frame
from pipeline.parse.headings import all_lines, parse_headings
from pipeline.parse.loose_tables import loose_statistics
from pipeline.parse.meta import parse_meta
from pipeline.parse.statistics import read_statistics
from pipeline.parse.tables import report_tables
from pipeline.rulebook import TABLE_KINDS, Rulebook


def parse_head(text: Text, rulebook: Rulebook, gazetteer: Gazetteer) -> tuple[Frame, Meta]:
    """The frame (furniture, title, signature) and the metadata (issuer, year, dates)."""
    frame = find_frame(text.text, rulebook.lexicon.furniture)
    return frame, parse_meta(text, frame, rulebook, gazetteer)


def parse(text: Text, tokens: Tokens, frame: Frame, meta: Meta, rulebook: Rulebook) -> Report:
    paragraphs = tuple(span for span in all_lines(text.text) if not frame.is_furniture(span[0]))
    regime = rulebook.regime_for(meta.report_year)
    statistics = statutory_tables(text.text, rulebook, regime.tables if regime else None)
    # The title, and the statutory tables: their row labels (一、本年新收…, (二)部分公开) are no headings.
    skip = ((frame.title,) if frame.title else ()) + tuple((t.start, t.end) for t in statistics)
    return Report(
        text=text,
        tokens=tokens,
        meta=meta,
        sections=parse_headings(text.text, paragraphs, skip=skip, stop=frame.closing_start),
        paragraphs=paragraphs,
        figures=find_figures(text.text, rulebook.lexicon.figure_units),
        tables=report_tables(text, statistics),
        frame=frame,
        statistics=statistics,
    )


def statutory_tables(text: str, rulebook: Rulebook, expected: str | None) -> tuple[StatTable, ...]:
    """The three tables: from `| a | b |` rows where the text has them, else from its loose lines."""
    tables = list(read_statistics(text, rulebook.layouts, expected))
    tables += loose_statistics(text, rulebook.layouts, expected, {t.kind for t in tables})
    return tuple(sorted(tables, key=lambda t: TABLE_KINDS.index(t.kind)))


def own_name_spans(text: str, meta: Meta, known: Container[str]) -> list[tuple[int, int]]:
    """Every occurrence of the issuer's own place name, to be kept whole by the segmenter.

    Names in `known` (the segmenter's user words) come out whole anyway; cutting the
    text around them would only cost time.
    """
    name = meta.issuer_place
    if not name or len(name) < 2 or name in known:
        return []
    spans, start = [], text.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = text.find(name, start + len(name))
    return spans
