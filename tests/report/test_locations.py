"""Places as people find them: 第 N 段 and the heading in Word and web pages, page and line in a PDF."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from tests.test_formats_ingest import fixtures  # noqa: F401 - the session's generated files


def check(capsys, *arguments: str) -> str:
    with pytest.raises(SystemExit):
        main(["check", *arguments])
    return capsys.readouterr().out


def test_a_docx_finding_names_its_paragraph_and_heading(capsys, fixtures):  # noqa: F811
    path = str(fixtures / "longwei-2009.docx")
    findings = json.loads(check(capsys, path, "-f", "json"))["reports"][0]["findings"]
    pl = next(f for f in findings if f["rule"] == "PL101")
    assert pl["paragraph"] is not None and pl["page"] is None
    terminal = check(capsys, path, "--no-color", "--select", "PL101")
    assert f"第 {pl['paragraph']} 段" in terminal and "第 62 行" not in terminal
    assert "(四)虚假、不完整信息澄清情况 · 第" in terminal  # its heading, as Word's navigation pane shows it
    concise = check(capsys, path, "-f", "concise", "--select", "PL101")
    assert concise.rstrip().endswith(f"(第{pl['paragraph']}段)")


def test_an_html_finding_names_its_paragraph_not_line_one(capsys, fixtures):  # noqa: F811
    findings = json.loads(check(capsys, str(fixtures / "longwei-2009.html"), "-f", "json"))["reports"][0]["findings"]
    paragraphs = [f["paragraph"] for f in findings if f["match"]]
    assert all(isinstance(p, int) for p in paragraphs) and len(set(paragraphs)) > 5


def test_text_and_pdf_findings_keep_lines_and_pages(capsys, fixtures):  # noqa: F811
    pdf = json.loads(check(capsys, str(fixtures / "longwei-2009.pdf"), "-f", "json"))["reports"][0]["findings"]
    pl = next(f for f in pdf if f["rule"] == "PL101")
    assert pl["page"] == 2 and pl["paragraph"] is None
    assert "第 2 页 · 第" in check(capsys, str(fixtures / "longwei-2009.pdf"), "--no-color", "--select", "PL101")
