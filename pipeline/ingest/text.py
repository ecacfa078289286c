"""Decode a plain-text report: UTF-8 (with or without BOM), UTF-16, GB18030."""

from __future__ import annotations

from pipeline.errors import InputError
from pipeline.models import SourceWarning

REPLACEMENT = "\ufffd"
_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


def decode_text(data: bytes) -> tuple[str, str, tuple[SourceWarning, ...]]:
    """Return (text, encoding, warnings); decide by strict decoding, not by guessing.

    Strict UTF-8 goes first because GB18030 decodes almost any byte string.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict_or_lossy(data[3:], "utf-8", "utf-8-sig")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _strict_or_lossy(data, "utf-16", "utf-16")
    if _looks_binary(data):
        raise InputError("this is a binary file, not a text report; give a .txt, .pdf, .docx or .html file")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a stray bad byte: GB18030 would decode it "cleanly" into garbage.
    as_utf8 = data.decode("utf-8", errors="replace")
    if as_utf8.count(REPLACEMENT) <= max(8, len(as_utf8) // 100):
        return _strict_or_lossy(data, "utf-8", "utf-8")
    return _strict_or_lossy(data, "gb18030", "gb18030")


def _strict_or_lossy(data: bytes, codec: str, name: str) -> tuple[str, str, tuple[SourceWarning, ...]]:
    try:
        return data.decode(codec), name, ()
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
    bad = text.count(REPLACEMENT)
    if bad > max(8, len(text) // 50):
        raise InputError(
            f"cannot decode the text as UTF-8, UTF-16 or GB18030 ({bad} undecodable characters); "
            "save it as UTF-8 and try again"
        )
    first = text.index(REPLACEMENT)
    warning = SourceWarning(
        "lossy-decoding",
        f"{bad} 处字节无法按 {name} 解码，已替换为 �",
        first,
        first + 1,
    )
    return text, f"{name}-lossy", (warning,)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters mean this is not text (UTF-16 has a BOM)."""
    head = data[:4096]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 20
