"""Scanned pages and garbage text layers go through OCR, only where needed, and say so."""

from __future__ import annotations

import pytest

from pipeline.audit import Auditor
from pipeline.errors import InputError
from pipeline.ingest import IngestLimits, read_source
from pipeline.normalize import normalize
from tests.conftest import SEED, source_from_text
from tests.test_formats_ingest import fixtures, squeeze  # noqa: F401 - fixtures: the session's generated files

SOURCE_NOTES = {"TX103", "TX104"}


def content_findings(result):
    return sorted((f.rule, f.match, f.section) for f in result.findings if f.rule not in SOURCE_NOTES)


OCR_FILES = ["longwei-2009.scan.pdf", "longwei-2009.degraded.pdf", "longwei-2009.cid.pdf"]


@pytest.fixture(scope="module")
def ocr_results(auditor, fixtures):  # noqa: F811
    """Each OCR'd file audited once: OCR takes seconds a page."""
    return {name: auditor.audit_path(fixtures / name) for name in OCR_FILES}


@pytest.mark.parametrize("name", OCR_FILES)
def test_scanned_and_garbled_pdfs_read_by_ocr_give_the_seed_findings(ocr_results, seed_result, name):
    result = ocr_results[name]
    assert result.error is None
    assert result.source.ocr_pages == (1, 2, 3)
    assert content_findings(result) == content_findings(seed_result)
    note = [f for f in result.findings if f.rule == "TX103"]
    assert len(note) == 1 and "第1、2、3页由OCR识别" in note[0].message


@pytest.mark.parametrize("name", OCR_FILES)
def test_ocr_text_is_at_least_99_percent_similar(ocr_results, name):
    from rapidfuzz import fuzz

    # compared after normalization: OCR writes ， where the file had , (both are the same comma)
    ocr_text = squeeze(ocr_results[name].report.text.text)
    original = squeeze(normalize(source_from_text(SEED.read_text(encoding="utf-8"))).text)
    assert fuzz.ratio(ocr_text, original) >= 99


def test_text_layer_pages_are_not_ocred(fixtures):  # noqa: F811
    assert read_source(fixtures / "longwei-2009.pdf", IngestLimits()).ocr_pages == ()


@pytest.fixture(scope="module")
def mixed_pdf(fixtures, tmp_path_factory):  # noqa: F811
    """Page 1 with a text layer, pages 2 and 3 scanned."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(fixtures / "longwei-2009.pdf"))
    scan = pdfium.PdfDocument(str(fixtures / "longwei-2009.scan.pdf"))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(document, [0])
    mixed.import_pages(scan, [1, 2])
    path = tmp_path_factory.mktemp("mixed") / "mixed.pdf"
    mixed.save(str(path))
    for doc in (document, scan, mixed):
        doc.close()
    return path


def test_without_ocr_scanned_pages_are_a_finding_not_silence(mixed_pdf):
    auditor = Auditor(select=["TX104", "ST101"], limits=IngestLimits(ocr=False))
    result = auditor.audit_path(mixed_pdf)
    assert result.error is None and result.source.ocr_pages == ()
    unread = [f for f in result.findings if f.rule == "TX104"]
    assert len(unread) == 1 and "第2、3页" in unread[0].message and "--no-ocr" in unread[0].message


def test_only_the_scanned_pages_are_ocred(auditor, mixed_pdf):
    source = read_source(mixed_pdf, IngestLimits(), auditor.ocr)
    assert source.ocr_pages == (2, 3)
    assert "义和乡" in source.text


def test_a_fully_scanned_pdf_without_ocr_is_a_clear_error(fixtures):  # noqa: F811
    with pytest.raises(InputError, match="PDF 没有文字层（是扫描件）"):
        read_source(fixtures / "longwei-2009.scan.pdf", IngestLimits(ocr=False))


def test_tables_of_a_garbled_pdf_are_rebuilt_from_its_rules_and_ocr(auditor, fixtures):  # noqa: F811
    from tests.test_formats_ingest import expected_tables

    def plain(tables):  # OCR writes （ or ( and sometimes a space: compare them normalized
        return [[[squeeze(normalize(source_from_text(cell or "-")).text) for cell in row] for row in t] for t in tables]

    result = auditor.audit_path(fixtures / "clean-2021-pingyangkeng.cid.pdf")
    assert result.source.ocr_pages == (1, 2)
    assert plain(t.cells for t in result.source.tables) == plain(expected_tables())
    assert [t.kind for t in result.report.tables] == ["active", "applications", "review"]
    assert [f.rule for f in result.findings] == ["TX103"]
