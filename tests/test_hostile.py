"""Hostile and broken files: each one a clear error row; the rest of the batch is audited."""

from __future__ import annotations

import json
import os
import re
import zipfile

import pytest

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.ingest import IngestLimits, read_source
from tests.conftest import SEED
from tests.test_formats_ingest import fixtures  # noqa: F401 - the session's generated files


def password_pdf(path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), encrypt=StandardEncryption("secret", canPrint=0))
    page.drawString(100, 700, "locked")
    page.save()


def zip_bomb(path, megabytes: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as handle:
            block = bytes(1_048_576)
            for _ in range(megabytes):
                handle.write(block)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, fixtures):  # noqa: F811
    folder = tmp_path_factory.mktemp("hostile")
    good_pdf = (fixtures / "longwei-2009.pdf").read_bytes()
    files = {
        "truncated.pdf": good_pdf[: len(good_pdf) // 3],
        "corrupted.pdf": b"%PDF-1.7\n" + os.urandom(20_000),
        "not-a-zip.docx": "这不是一个Word文档。".encode(),
        "pdf-named.docx": good_pdf,
        "docx-named.pdf": (fixtures / "longwei-2009.docx").read_bytes(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    password_pdf(folder / "password.pdf")
    zip_bomb(folder / "bomb.docx", 220)
    with open(folder / "huge.html", "wb") as handle:
        handle.write(b"<html><body>" + b"<p>\xe6\x8a\xa5\xe5\x91\x8a</p>" * 5_000_000 + b"</body></html>")
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    return folder


EXPECTED = {
    "truncated.pdf": "打不开这个 PDF，文件已损坏或不完整",
    "corrupted.pdf": "打不开这个 PDF，文件已损坏或不完整",
    "password.pdf": "PDF 有密码保护",
    "not-a-zip.docx": "内容却是纯文本",
    "pdf-named.docx": "内容却是 PDF",
    "docx-named.pdf": "内容却是 Word（.docx）文档",
    "bomb.docx": "DOCX 解压后有",
    "huge.html": "超过 30 MB 的上限",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_is_a_clear_input_error(hostile, name):
    with pytest.raises(InputError, match=re.escape(EXPECTED[name])):
        read_source(hostile / name, IngestLimits())


def test_the_batch_goes_on(hostile, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(hostile), "-f", "json", "-j", "2"])
    document = json.loads(capsys.readouterr().out)
    errors = {os.path.basename(r["path"]): r["error"] for r in document["reports"]}
    assert errors.pop("seed.txt") is None
    assert set(errors) == set(EXPECTED)
    for name, message in errors.items():
        assert EXPECTED[name] in message and "Traceback" not in message
    assert exit_info.value.code == 1
    assert document["summary"]["failed"] == len(EXPECTED) and document["summary"]["errors"] == 3


def test_limits_are_settings(hostile, fixtures):  # noqa: F811
    with pytest.raises(InputError, match="超过 1 页的上限"):
        read_source(fixtures / "longwei-2009.pdf", IngestLimits(max_pages=1))
    with pytest.raises(InputError, match=re.escape("超过 0.001 MB 的上限")):
        read_source(hostile / "seed.txt", IngestLimits(max_mb=0.001))


def test_control_character_after_a_dropped_element_is_read(tmp_path):
    page = tmp_path / "ctrl.html"
    page.write_bytes(b"<html><body><p>a</p><script>x</script>\x0b tail</body></html>")
    assert read_source(page).text.split() == ["a", "tail"]


def test_a_line_of_widget_words_is_furniture_and_the_rest_is_kept(tmp_path):
    page = tmp_path / "widgets.html"
    body = "<div>" + "返回顶部" * 24 + "</div><div>" + "返回顶部" * 24 + "x</div>"
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    assert read_source(page).text.strip() == "返回顶部" * 24 + "x"


@pytest.mark.parametrize(
    "text",
    [
        "今天天气很好，我们去公园散步，中午在湖边吃了午饭。\n" * 20,
        "hello world\n",
        "，。、；：！？\n" * 500,
        "短\n" * 200_000,
        "关于报送2022年政府信息公开工作年度报告的通知\n各乡镇：请于1月20日前报送政府信息公开工作年度报告。\n",
    ],
    ids=["diary", "hello", "punctuation", "200k-short-lines", "a-notice"],
)
def test_a_text_that_is_no_annual_report_is_an_error_row(tmp_path, capsys, text):
    path = tmp_path / "not-a-report.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(path), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert exit_info.value.code == 1
    assert document["reports"][0]["error"].startswith("未识别为政府信息公开工作年度报告")
    assert document["summary"]["failed"] == 1


def test_a_docx_list_level_beyond_word_s_nine_is_ignored(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91"><w:lvl w:ilvl="12"><w:start w:val="x"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%13."/></w:lvl></w:abstractNum>'
    ))  # fmt: skip
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    paragraph = document.add_paragraph("平阳县龙尾乡2021年政府信息公开工作年度报告")
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 12
    num_pr.get_or_add_numId().val = 91
    path = tmp_path / "levels.docx"
    document.save(str(path))
    assert read_source(path).text.strip() == "平阳县龙尾乡2021年政府信息公开工作年度报告"


@pytest.mark.parametrize("depth", [300, 5000])
def test_a_deeply_nested_page_is_flattened_not_dropped(tmp_path, depth):
    body = "<p>平阳县龙尾乡2021年政府信息公开工作年度报告</p>" + "<p>我乡全年主动公开政府信息26条。</p>" * 3
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>", encoding="utf-8")
    lines = read_source(page).text.splitlines()
    assert lines == ["平阳县龙尾乡2021年政府信息公开工作年度报告"] + ["我乡全年主动公开政府信息26条。"] * 3


def test_html_spans_cannot_blow_up_a_table(tmp_path):
    row = "<tr>" + '<td colspan="100" rowspan="100">x</td>' * 50 + "</tr>"
    page = tmp_path / "spans.html"
    page.write_text(f"<html><body><p>某镇2021年政府信息公开工作年度报告</p><table>{row * 200}</table></body></html>")
    source = read_source(page)
    assert 0 < sum(len(r) for t in source.tables for r in t.cells) <= 21_000
    assert source.text.startswith("某镇2021年政府信息公开工作年度报告")


def test_a_docx_cell_spanning_millions_of_columns_is_capped(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("某镇2021年政府信息公开工作年度报告")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "信息内容"
    span = table.cell(0, 0)._tc.get_or_add_tcPr()
    grid = span.makeelement(docx.oxml.ns.qn("w:gridSpan"), {docx.oxml.ns.qn("w:val"): "300000000"})
    span.append(grid)
    path = tmp_path / "span.docx"
    document.save(str(path))
    source = read_source(path)
    assert max(len(r) for t in source.tables for r in t.cells) <= 65


def test_docx_parts_are_counted_as_they_unpack(tmp_path):
    """Headers can lie about sizes: the bytes that come out are what is counted."""
    from pipeline.ingest.docx import _count_unpacked

    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "政" * 100_000)
    with zipfile.ZipFile(path) as archive:
        _count_unpacked(archive, archive.infolist(), budget=1_000_000)  # 300 KB: fine
        with pytest.raises(InputError, match="DOCX 解压后超过"):
            _count_unpacked(archive, archive.infolist(), budget=100_000)


def test_a_mirror_with_pinyin_in_every_word_is_still_a_report(audit_text):
    text = "下管鎮(zhèn)2009年度政(zhèng)府信息公(gōng)開年度報(bào)告\n我鎮(zhèn)主動公(gōng)開政府信息150條。\n"
    result = audit_text(text)
    assert result.error is None and result.report.meta.issuer_place == "下管镇"


def lying_zip(path, megabytes: int) -> None:
    """A DOCX whose document.xml unpacks to `megabytes` MB while its headers say 1 KB."""
    import struct

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (megabytes << 20))
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 1024)  # uncompressed size: 1 KB
            at += 4
    path.write_bytes(bytes(data))


def test_a_docx_that_lies_about_its_sizes_is_refused_without_unpacking_it_all(tmp_path):
    """Unpacking stops at the declared size, and the checksum then tells the part is not what it says."""
    path = tmp_path / "lying.docx"
    lying_zip(path, 64)
    with pytest.raises(InputError, match=re.escape("DOCX 已损坏（Bad CRC-32 for file 'word/document.xml'）")):
        read_source(path, IngestLimits(max_unzipped_mb=16))
