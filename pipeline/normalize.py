"""Source -> Text: unify character variants, drop layout whitespace, keep the offset map.

Every change is either a one-for-one character swap or a deletion, so a
normalized offset maps back to exactly one source offset.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import cache
from importlib import resources

from pipeline.models import Source, Text

_LINE_BREAK = re.compile(r"\r\n?|\n")


def _one_for_one_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII (，：（）１２Ａ) to ASCII; the ideographic space to a space.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    table[0x00A0] = " "
    # Kangxi radicals and CJK compatibility ideographs (PDF extraction leaves them) to
    # the ordinary characters; NFKC is safe here because each maps to one character.
    for start, end in ((0x2F00, 0x2FD6), (0xF900, 0xFADA), (0x2E80, 0x2EF4)):
        for code in range(start, end):
            mapped = unicodedata.normalize("NFKC", chr(code))
            if len(mapped) == 1 and mapped != chr(code):
                table[code] = mapped
    for variant, plain in {
        "﹙": "(",
        "﹚": ")",
        "﹐": ",",
        "﹑": "、",
        "﹔": ";",
        "﹕": ":",
        "﹖": "?",
        "﹗": "!",
        "︰": ":",
        "〜": "~",
        "‐": "-",
        "－": "-",
        "∶": ":",
    }.items():
        table[ord(variant)] = plain
    return table


_TABLE = _one_for_one_table()
# str.translate looks up every character (0.15 ms for 3k chars); a character class finds the few to swap.
_SWAPPABLE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")


def _swap(text: str) -> str:
    return _SWAPPABLE.sub(lambda m: _TABLE[ord(m.group())], text)


# A page is folded from 繁体 to 简体 when this share of its Chinese characters is traditional-only
# (mirror sites re-host simplified reports in traditional characters); a simplified report that
# quotes a few traditional characters is left as it is.
TRADITIONAL_SHARE = 0.02
MIN_TRADITIONAL = 5


@cache
def _traditional() -> tuple[dict[str, str], re.Pattern]:
    data = resources.files("pipeline.data").joinpath("t2s.tsv.gz").read_bytes()
    pairs = dict(line.split("\t") for line in gzip.decompress(data).decode("utf-8").splitlines() if line)
    return pairs, re.compile("[" + "".join(sorted(pairs)) + "]")


# Traditional-only characters that every report uses (國, 條例, 開, 縣, 鄉, 鎮…): fewer than
# MIN_TRADITIONAL of them and the full table (4,000 characters, slow to scan) is not consulted.
_TRADITIONAL_HINT = re.compile(
    "[國會開發關縣區鄉鎮報條資訊與為經對時進們這個說請務處審機責規範護權執項見號學價傳辦網總結級單點]"
)


def _fold_traditional(text: str) -> str:
    """繁体 to 简体, one character for one, when the text is written in traditional characters."""
    if len(_TRADITIONAL_HINT.findall(text, 0, 20_000)) < MIN_TRADITIONAL:
        return text
    pairs, pattern = _traditional()
    found = len(pattern.findall(text))
    if found < MIN_TRADITIONAL or found < TRADITIONAL_SHARE * len(_HAN.findall(text)):
        return text
    return pattern.sub(lambda m: pairs[m.group()], text)


# Zero-width characters, soft hyphens and bidi controls (U+202E inside 龙尾乡 would split the name
# and reverse what a terminal shows): dropped, with the offsets kept.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2069\u202a-\u202e\ufeff\u00ad]+|\r(?=\n)")
# Mirror sites annotate characters with pinyin: 公(gōng)開. A toned syllable in brackets after a
# Chinese character is noise.
_TONED = "\u00e0-\u00fc\u0101-\u01dc"
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-z]{{0,6}}[{_TONED}])[a-z{_TONED}]{{1,7}}\)")
_BLANKS = re.compile(r"[ \t]+")
_CJK = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef"
_CLOSE_LEFT = re.compile(f'[{_CJK},.:;!?()“”‘’《》、"]')
_CLOSE_RIGHT = re.compile(f'[{_CJK},.:;!?()“”‘’《》、"0-9]')
_DIGIT = re.compile("[0-9]")
_HAN = re.compile(f"[{_CJK}]")


def normalize(source: Source) -> Text:
    swapped = _fold_traditional(_swap(source.text))
    deletions = [m.span() for m in _INVISIBLE.finditer(swapped)]
    deletions += [m.span() for m in _PINYIN.finditer(swapped)]
    deletions += _layout_blanks(swapped)
    deletions.sort()

    pieces: list[str] = []
    deleted_at: list[int] = []
    deleted_total: list[int] = []
    kept_from = 0
    out_len = 0
    total = 0
    for start, end in deletions:
        if start < kept_from:  # overlapping runs (an invisible char inside blanks)
            start = kept_from
            if start >= end:
                continue
        pieces.append(swapped[kept_from:start])
        out_len += start - kept_from
        total += end - start
        deleted_at.append(out_len)
        deleted_total.append(total)
        kept_from = end
    pieces.append(swapped[kept_from:])
    text = "".join(pieces).replace("\r", "\n")

    line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source.text)]
    return Text(
        source=source,
        text=text,
        deleted_at=tuple(deleted_at),
        deleted_total=tuple(deleted_total),
        line_starts=tuple(line_starts),
    )


def _layout_blanks(text: str) -> list[tuple[int, int]]:
    """Spaces that are layout, not content: at line ends and inside Chinese text."""
    spans = []
    n = len(text)
    for match in _BLANKS.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else "\n"
        after = text[end] if end < n else "\n"
        if before in "\r\n" or after in "\r\n":
            spans.append((start, end))
        elif _CLOSE_LEFT.match(before) and _CLOSE_RIGHT.match(after):
            spans.append((start, end))
        elif _DIGIT.match(before) and _HAN.match(after):
            spans.append((start, end))
    return spans
