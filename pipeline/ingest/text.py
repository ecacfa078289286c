"""Decode a plain-text report: UTF-8 (with or without BOM), UTF-16, GB18030."""

from __future__ import annotations

from pipeline.errors import InputError
from pipeline.i18n import _
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
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if _looks_binary(data):
        raise InputError(_("this is a binary file, not a text report; give a .txt, .pdf, .docx or .html file"))
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a stray bad byte: GB18030 would decode it "cleanly" into garbage.
    as_utf8 = data.decode("utf-8", errors="replace")
    if as_utf8.count(REPLACEMENT) <= max(8, len(as_utf8) // 100):
        return _strict_or_lossy(data, "utf-8", "utf-8")
    big5 = _big5_if_better(data)
    if big5:
        return big5
    return _strict_or_lossy(data, "gb18030", "gb18030")


# Characters every report uses, in both scripts: text decoded with the wrong table has few of them.
_COMMON = frozenset("政府信息公开年度报告工作条例主动申请的了和在我镇乡县区人民是有不为一中月日"
                    "資訊公開報告條例主動申請鎮鄉縣區為")  # fmt: skip


def _common_share(text: str) -> float:
    han = [ch for ch in text[:20_000] if "\u4e00" <= ch <= "\u9fff"]
    return sum(ch in _COMMON for ch in han) / len(han) if han else 0.0


def _big5_if_better(data: bytes) -> tuple[str, str, tuple[SourceWarning, ...]] | None:
    """Big5 (a 繁体 file from 台湾 or 香港 tools) when it reads as Chinese and GB18030 does not.

    Both decoders accept most byte strings, so the one whose text is made of the
    characters reports use wins; only when strict UTF-8 has already failed.
    """
    try:
        as_big5 = data.decode("big5")
    except UnicodeDecodeError:
        return None
    try:
        as_gb = data.decode("gb18030")
    except UnicodeDecodeError:
        as_gb = ""
    if _common_share(as_big5) > 2 * _common_share(as_gb) + 0.05:
        return as_big5, "big5", ()
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str, tuple[SourceWarning, ...]] | None:
    """UTF-16 saved without a byte-order mark: NUL bytes, and Chinese text in one byte order."""
    head = data[:4096]
    if len(data) % 2 or b"\x00" not in head:
        return None
    shares = {}
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            shares[codec] = _common_share(head[: len(head) // 2 * 2].decode(codec))
        except UnicodeDecodeError:
            continue
    if not shares:
        return None
    codec = max(shares, key=shares.get)
    if shares[codec] < 0.1:
        return None  # NUL bytes, but not Chinese text: binary after all
    try:
        return data.decode(codec), codec, ()
    except UnicodeDecodeError:
        return None


def _strict_or_lossy(data: bytes, codec: str, name: str) -> tuple[str, str, tuple[SourceWarning, ...]]:
    try:
        return data.decode(codec), name, ()
    except UnicodeDecodeError:
        text = data.decode(codec, errors="replace")
    bad = text.count(REPLACEMENT)
    if bad > max(8, len(text) // 50):
        raise InputError(
            _(
                "cannot decode the text as UTF-8, UTF-16 or GB18030 ({count} undecodable characters); save it as UTF-8 and try again"
            ).format(count=bad)
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
