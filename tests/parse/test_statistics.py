"""The statutory tables read into typed cells: the same numbers from every format, each at its place."""

from __future__ import annotations

import csv
import io
import pickle

import pytest

from pipeline.cli import main
from pipeline.parse.statistics import pipe_grids
from tests.conftest import DATA
from tests.test_formats_ingest import CLEAN_2021, fixtures  # noqa: F401 - the session's generated files

CLEAN_2019 = DATA / "clean-2019-mashui.txt"


def numbers(result):
    return [(t.kind, c.row, c.column, c.value) for t in result.report.statistics for c in t.cells]


def test_a_2021_report_s_three_tables_come_out_whole(auditor):
    result = auditor.audit_path(CLEAN_2021)
    tables = {t.kind: t for t in result.report.statistics}
    assert {kind: len(t.cells) for kind, t in tables.items()} == {"active": 10, "applications": 175, "review": 15}
    assert {t.variant for t in tables.values()} == {"2021"}
    assert all(not t.missing_rows and not t.typo_rows for t in tables.values())
    assert all(c.problem is None for t in tables.values() for c in t.cells)
    assert tables["active"].value("normative", "in_force") == 5
    assert tables["applications"].value("new", "total") == 2
    assert tables["applications"].value("unable_not_held", "natural") == 1
    text = result.report.text.text
    assert all(text[c.start : c.end] == c.text for t in tables.values() for c in t.cells)


def test_a_2019_report_s_tables_follow_the_60_format(auditor):
    tables = {t.kind: t for t in auditor.audit_path(CLEAN_2019).report.statistics}
    assert {kind: len(t.cells) for kind, t in tables.items()} == {"active": 22, "applications": 161, "review": 15}
    assert {t.variant for t in tables.values()} == {"2019"}
    assert tables["active"].value("penalty", "change") == -1  # 本年增/减 may be negative
    assert tables["active"].value("procurement", "amount") == 18.5


def test_tables_sent_from_a_worker_arrive_whole(auditor):
    """A batch pickles every report's tables from its worker: compactly, and nothing lost on the way."""
    tables = auditor.audit_path(CLEAN_2021).report.statistics
    assert tables[1].value("new", "total") == 2  # the cached lookups are built: they must not travel
    arrived = pickle.loads(pickle.dumps(tables))
    assert arrived == tables
    assert [(c.row, c.column, c.text, c.start) for c in arrived[1].cells] == [
        (c.row, c.column, c.text, c.start) for c in tables[1].cells
    ]
    assert arrived[1].value("new", "total") == 2 and arrived[1].cell("new", "total").text == "2"
    assert len(pickle.dumps(tables)) < 0.7 * sum(len(pickle.dumps(c)) for t in tables for c in t.cells)


@pytest.mark.parametrize("name", ["pdf", "docx", "html", "framed.pdf"])
def test_every_format_gives_the_same_numbers(auditor, fixtures, name):  # noqa: F811
    expected = numbers(auditor.audit_path(CLEAN_2021))
    assert numbers(auditor.audit_path(fixtures / f"{CLEAN_2021.stem}.{name}")) == expected


def test_unreadable_cells_say_why_and_are_never_zero(audit_text):
    result = audit_text(
        "某县城关镇2021年政府信息公开工作年度报告\n"
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "| 规章 |  | 无 | 0 |\n"
        "| 行政规范性文件 | 2件 | 1.5 | -1 |\n"
    )
    (table,) = result.report.statistics
    cells = {(c.row, c.column): (c.value, c.problem) for c in table.cells}
    assert cells[("rules", "issued")] == (None, "blank")
    assert cells[("rules", "repealed")] == (None, "blank")
    assert cells[("normative", "issued")] == (2, None)
    assert cells[("normative", "repealed")] == (1.5, "fraction")
    assert cells[("normative", "in_force")] == (-1, "negative")
    assert table.value("rules", "issued") is None
    assert set(table.missing_rows) == {"licensing", "penalty", "enforcement", "fees"}


def test_a_label_close_to_the_official_one_is_read_and_marked(audit_text):
    result = audit_text(
        "某县城关镇2021年政府信息公开工作年度报告\n| 信息内容 | 本年收费金额(单位:万元) |\n| 行政事业型收费 | 0.3 |\n"
    )
    (table,) = result.report.statistics
    assert table.value("fees", "amount") == 0.3
    assert [(key, label) for key, label, _, _ in table.typo_rows] == [("fees", "行政事业型收费")]


def test_a_line_of_bars_is_no_table():
    assert list(pipe_grids("|" * 100_000 + "\n")) == []
    (grid,) = pipe_grids("前言\n| a | b |\n| c |  |\n后记\n")
    assert [[c.text for c in row] for row in grid.rows] == [["a", "b"], ["c", ""]]


def test_extract_writes_the_tables_as_csv_a_row_per_cell(tmp_path, capsys):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(SystemExit):
        main(["extract", str(CLEAN_2021), str(tmp_path / "broken.pdf"), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    cells = [r for r in rows if not r["error"]]
    assert len(cells) == 10 + 175 + 15
    first = cells[0]
    assert (first["issuer"], first["report_year"], first["table"], first["row_label"], first["column_label"]) == (
        "平阳坑镇人民政府", "2021", "active", "规章", "本年制发件数"
    )  # fmt: skip
    assert [r["path"] for r in rows if r["error"]] == [str(tmp_path / "broken.pdf")]
