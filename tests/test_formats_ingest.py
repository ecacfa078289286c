"""PDF, DOCX and HTML versions of the seed and of a 2021 report read as well as the text.

The versions are made at the start of the session by scripts/make_fixtures.py
(reportlab, python-docx, Debian's WenQuanYi font). Requirements from the
issue: the same findings as the .txt up to lines and pages; text-layer PDF and
DOCX text identical to the source; every table cell exact; findings on a PDF
carry the right page.
"""

from __future__ import annotations

import re
import sys

import pytest
from rapidfuzz import fuzz

from pipeline.ingest import read_source
from pipeline.ingest.pdf import usable_text
from tests.conftest import DATA, ROOT, SEED

sys.path.insert(0, str(ROOT / "scripts"))
import make_fixtures  # noqa: E402

CLEAN_2021 = DATA / "clean-2021-pingyangkeng.txt"


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory):
    out = tmp_path_factory.mktemp("fixtures")
    make_fixtures.make_all(out)
    return out


def findings(result):
    return sorted((f.rule, f.match, f.section) for f in result.findings)


def squeeze(text: str) -> str:
    """Text without whitespace and table pipes, the way the comparison in the issue is meant."""
    return re.sub(r"[\s|]+", "", text)


def source_text_without_tables(path) -> str:
    return squeeze(
        "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("|"))
    )


@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
def test_seed_gives_the_same_findings_in_every_format(auditor, seed_result, fixtures, kind):
    result = auditor.audit_path(fixtures / f"longwei-2009.{kind}")
    assert result.error is None
    assert findings(result) == findings(seed_result)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_text_layer_pdf_and_docx_text_is_exact(auditor, fixtures, kind):
    for name in ("longwei-2009", CLEAN_2021.stem):
        source = read_source(fixtures / f"{name}.{kind}")
        body = "\n".join(line for line in source.text.splitlines() if not line.startswith("|"))
        original = SEED if name == "longwei-2009" else CLEAN_2021
        assert squeeze(body) == source_text_without_tables(original)


def test_html_text_is_at_least_99_percent_similar(fixtures):
    for name, original in (("longwei-2009", SEED), (CLEAN_2021.stem, CLEAN_2021)):
        source = read_source(fixtures / f"{name}.html")
        expected = source_text_without_tables(original)
        # the page's own date line is page metadata the 2021 text file does not have
        lines = [line for line in source.text.splitlines() if not line.startswith("|")]
        lines = [line for line in lines if not line.startswith("发布时间") or "发布时间" in expected]
        assert fuzz.ratio(squeeze("\n".join(lines)), expected) >= 99


def expected_tables() -> list[tuple[tuple[str, ...], ...]]:
    return [
        tuple(tuple(row) for row in item)
        for item in make_fixtures.blocks(CLEAN_2021.read_text(encoding="utf-8"))
        if isinstance(item, list)
    ]


@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
def test_statutory_tables_come_out_cell_exact(fixtures, kind):
    source = read_source(fixtures / f"{CLEAN_2021.stem}.{kind}")
    assert [t.cells for t in source.tables] == expected_tables()
    for table in source.tables:
        assert source.text[table.start : table.end].startswith("| ")
    if kind == "pdf":
        assert [t.page for t in source.tables] == [1, 1, 2]


def test_findings_on_a_pdf_carry_their_page(auditor, fixtures):
    result = auditor.audit_path(fixtures / "longwei-2009.pdf")
    pages = {f.rule + ":" + f.match: f.location.page for f in result.findings}
    assert pages["PL101:义和乡"] == 2
    assert pages["ST102:工作报告"] == 1
    assert pages["DT105:2009年12月14日"] == 3
    pl = next(f for f in result.findings if f.rule == "PL101")
    page_text = result.source.text[result.source.page_starts[1] :]
    assert page_text.splitlines()[pl.location.line - 1][pl.location.column - 1 :].startswith("义和乡")


def test_page_furniture_is_dropped(fixtures):
    source = read_source(fixtures / "longwei-2009.pdf")
    assert "平阳县人民政府门户网站" not in source.text
    assert not re.search(r"^- \d+ -$", source.text, re.MULTILINE)
    docx = read_source(fixtures / "longwei-2009.docx")
    assert "平阳县人民政府门户网站" not in docx.text and "第 1 页" not in docx.text
    html = read_source(fixtures / "longwei-2009.html")
    assert not any(word in html.text for word in ("首页", "分享到", "【打印】", "版权所有", "浏览次数"))
    assert html.text.splitlines()[:2] == ["平阳县龙尾乡2009年政府信息公开工作报告", "发布时间:2020-06-22"]


def test_word_list_numbering_is_kept_as_text(fixtures):
    text = read_source(fixtures / "longwei-2009.docx").text
    assert "\n一、政府信息公开工作机制和制度建设情况\n" in text
    assert "\n四、其他情况\n" in text


def test_garbage_text_layer_is_not_taken_for_text(fixtures):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(fixtures / "longwei-2009.cid.pdf"))
    garbage = document[0].get_textpage().get_text_range()
    document.close()
    assert garbage.strip() and not usable_text(garbage)
    assert usable_text(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("original", [SEED, CLEAN_2021], ids=lambda p: p.stem)
def test_framed_pdf_reads_like_its_text(auditor, audit_text, fixtures, original):
    """Word printed to PDF with a page border: body as paragraphs, the statutory tables as tables,
    the two-line title and the issuer found, -1- page numbers dropped; the same findings as the text."""
    framed = auditor.audit_path(fixtures / f"{original.stem}.framed.pdf")
    as_text = audit_text(make_fixtures.two_line_title(original.read_text(encoding="utf-8")), original.name)
    assert framed.error is None
    assert findings(framed) == findings(as_text)
    for key in ("title", "issuer", "issuer_level", "county", "report_year"):
        assert getattr(framed.report.meta, key) == getattr(as_text.report.meta, key), key
    assert framed.report.meta.signed.value == as_text.report.meta.signed.value
    headings = [(s.marker, s.title) for s in framed.report.sections if s.is_heading]
    assert headings == [(s.marker, s.title) for s in as_text.report.sections if s.is_heading]
    assert not re.search(r"^-\d+-$", framed.source.text, re.MULTILINE)
    if original == CLEAN_2021:
        assert [t.cells for t in framed.source.tables] == expected_tables()
        assert [t.kind for t in framed.report.tables] == ["active", "applications", "review"]
    else:
        assert framed.source.tables == ()
        assert ("PL101", "义和乡") in [(f.rule, f.match) for f in framed.findings]


def test_a_frame_is_not_a_table():
    from pipeline.ingest.pdf import is_frame

    page = (0, 0, 595, 842)
    assert is_frame(page, [["一、总体情况。" * 40], ["二、主动公开"]], [page])  # one column of paragraphs
    assert is_frame(page, [["a", "b"], ["c", "d"]], [page, (50, 50, 300, 300)])  # holds a table
    assert not is_frame((50, 50, 300, 300), [["信息内容", "本年制发件数"], ["规章", "0"]], [page, (50, 50, 300, 300)])
