"""Reading text reports: encodings decided by decoding, bad files as clear errors."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_source
from tests.conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        ("平阳县龙尾乡2009年政府信息公开工作报告".encode("gbk"), "gb18030"),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path, data, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert source.encoding == encoding
    assert source.text.replace("\r\n", "\n") in TEXT
    assert source.warnings == ()


def test_a_stray_bad_byte_in_utf8_is_kept_as_utf8_with_a_warning(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT[:200].encode("utf-8") + b"\xff" + TEXT[200:].encode("utf-8"))
    source = read_source(path)
    assert source.encoding == "utf-8-lossy"
    assert source.text.count("\ufffd") == 1
    assert "龙尾乡" in source.text
    assert [w.code for w in source.warnings] == ["lossy-decoding"]


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("empty.txt", b"", "文件是空的"),
        ("blank.txt", b"  \n\n ", "文件是空的"),
        ("binary.txt", bytes(range(256)) * 8, "二进制文件"),
        ("old.doc", b"\xd0\xcf\x11\xe0", r"另存为 \.docx"),
    ],
)
def test_unreadable_files_raise_a_clear_input_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_source(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="没有这个文件"):
        read_source(tmp_path / "nothere.txt")


TRADITIONAL = "平陽縣龍尾鄉2009年政府資訊公開工作報告\n我鄉全年主動公開政府資訊26條，未收到申請。\n"


def test_big5_is_told_from_gb18030(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    source = read_source(path)
    assert (source.encoding, source.text) == ("big5", TRADITIONAL)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, codec):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode(codec))
    source = read_source(path)
    assert (source.encoding, source.text) == (codec, TEXT)


def test_gbk_is_not_mistaken_for_big5(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode("gbk"))
    assert read_source(path).encoding == "gb18030"
