"""[Finding] + [Report] -> output; one module per format, each a streaming writer.

Every writer is built the same way, `Writer(target, settings)`, and is driven the same
way: `start()`, `add(result)` for each file in input order, `add_copies(pairs)` once the
batch's copies are known, `finish(summary)`. `target` is the text stream to write to,
or — for the workbook, written to its own file — the path. The registry below names
them (as ruff names its emitters), so the command line only chooses.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from pipeline.rulebook import Rulebook


@dataclass(frozen=True)
class WriterSettings:
    rulebook: Rulebook
    color: bool | None = None  # the terminal writer's colours (None: when the stream is a terminal)
    extract: bool = False  # the JSON of `extract` (text, figures, typed tables) rather than of `check`
    unsafe_fixes: bool = False  # the diff writer includes the fixes to check before use


# format -> "module:Class"; a writer for `check`, except the two `extract` ones
WRITERS = {
    "terminal": "pipeline.report.terminal:TerminalWriter",
    "concise": "pipeline.report.concise:ConciseWriter",
    "json": "pipeline.report.json_format:JsonWriter",
    "csv": "pipeline.report.findings_csv:FindingsCsvWriter",
    "sarif": "pipeline.report.sarif_format:SarifWriter",
    "xlsx": "pipeline.report.xlsx_format:XlsxWriter",
    "html": "pipeline.report.html_format:HtmlWriter",
    "docx": "pipeline.report.docx_format:DocxWriter",
    "statistics": "pipeline.report.statistics:StatisticsWriter",
    "diff": "pipeline.report.diff_format:DiffWriter",
    "extract-json": "pipeline.report.json_format:JsonWriter",
    "extract-csv": "pipeline.report.csv_format:CsvWriter",
}
WRITES_A_FILE = {"xlsx", "html", "docx"}  # these are given the output's path, not a stream


def make_writer(name: str, target: Any, settings: WriterSettings):
    module, _, cls = WRITERS[name].partition(":")
    return getattr(importlib.import_module(module), cls)(target, settings)
