"""Text + Tokens -> Report: metadata, heading tree, paragraphs, figures."""

from __future__ import annotations

from pipeline.anchors import lines
from pipeline.models import Report, Text, Tokens
from pipeline.parse.figures import find_figures
from pipeline.parse.headings import parse_headings
from pipeline.parse.meta import parse_meta
from pipeline.parse.tables import report_tables
from pipeline.rulebook import Rulebook


def parse(text: Text, tokens: Tokens, rulebook: Rulebook) -> Report:
    meta = parse_meta(text.text, rulebook)
    paragraphs = tuple(lines(text.text))
    return Report(
        text=text,
        tokens=tokens,
        meta=meta,
        sections=parse_headings(text.text, paragraphs, skip=meta.title_span, stop=meta.closing_start),
        paragraphs=paragraphs,
        figures=find_figures(text.text, rulebook.lexicon.figure_units),
        tables=report_tables(text),
    )
