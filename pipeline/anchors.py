"""The lines that anchor a report, found by layout alone: its title and its signature.

Used before segmentation (to keep the issuer's own name one token) and by the
parser (to resolve the issuer), so it depends on nothing but the text.
"""

from __future__ import annotations

import re

from pipeline.models import Unit

_LINE = re.compile(r"[^\n]+")
_TITLE_WORDS = re.compile(r"报告|年报")
# One administrative unit: some characters and the suffix that gives its level.
_UNIT = re.compile(
    r"[\u4e00-\u9fff]+?(?:特别行政区|自治区|省|自治州|地区|盟|州|市|自治县|自治旗|县|旗|区|"
    r"民族乡|民族苏木|苏木|乡|镇|街道办事处|街道)"
)
_BODY_AFTER_ISSUER = re.compile(r"人民政府|政府信息|政府|党委|办事处|管委会|(?:19|20)\d{2}|关于|信息公开|[（(]")
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff](?:局|委员会|委|办公室|办|中心|院|所|队|站|厅|部|署|会)$")
_LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年(?:度)?")
_SIGNATURE_BODY = re.compile(r"^(?P<chain>[\u4e00-\u9fff]{2,30}?)(?:人民政府|政府|办事处|街道办)$")

LEVELS = {
    "乡": "township",
    "民族乡": "township",
    "镇": "township",
    "苏木": "township",
    "民族苏木": "township",
    "街道": "subdistrict",
    "街道办事处": "subdistrict",
    "县": "county",
    "自治县": "county",
    "旗": "county",
    "自治旗": "county",
    "区": "county",
    "市": "city",
    "州": "city",
    "自治州": "city",
    "地区": "city",
    "盟": "city",
    "省": "province",
    "自治区": "province",
    "特别行政区": "province",
}
_SUFFIXES = sorted(LEVELS, key=len, reverse=True)


def lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of text[start:end]."""
    out = []
    for match in _LINE.finditer(text, start, len(text) if end is None else end):
        if match.group().strip():
            out.append(match.span())
    return out


def head_lines(text: str, count: int) -> list[tuple[int, int]]:
    """The first `count` non-blank lines."""
    out = []
    for match in _LINE.finditer(text):
        if match.group().strip():
            out.append(match.span())
            if len(out) == count:
                break
    return out


def tail_lines(text: str, count: int) -> list[tuple[int, int]]:
    """The last `count` non-blank lines, in document order."""
    out: list[tuple[int, int]] = []
    end = len(text)
    while end > 0 and len(out) < count:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            out.append((start, end))
        end = start - 1
    return out[::-1]


def title_span(text: str) -> tuple[int, int] | None:
    """The report's title: the first short line near the top that names a report."""
    head = head_lines(text, 8)
    for start, end in head:
        line = text[start:end]
        if len(line) <= 80 and _TITLE_WORDS.search(line) and "。" not in line:
            return start, end
    if head:
        start, end = head[0]
        if len(text[start:end]) <= 60 and "。" not in text[start:end]:
            return start, end
    return None


def units_in(text: str, start: int, end: int) -> list[Unit]:
    """The chain of administrative units that text[start:end] begins with."""
    segment = text[start:end]
    out: list[Unit] = []
    position = 0
    while match := _UNIT.match(segment, position):
        end = match.end()
        # 州 is a suffix but also ends many names: 温州市, 通州区.
        if segment[end - 1] == "州" and segment[end : end + 1] in ("市", "区", "县"):
            end += 1
        out.append(_unit(segment, position, end, start))
        position = end
    rest = segment[position:]
    if out and rest in LEVELS:
        last = out.pop()  # a suffix character inside a name: 新区 + 镇
        out.append(_unit(segment, last.start - start, len(segment), start))
    elif rest and _DEPARTMENT.search(rest):
        out.append(Unit(rest, "department", start + position, start + len(segment)))
    return out


def _unit(segment: str, a: int, b: int, offset: int) -> Unit:
    name = segment[a:b]
    if name.endswith("街道办事处"):
        name = name[: -len("办事处")]
    suffix = next(s for s in _SUFFIXES if name.endswith(s))
    return Unit(name, LEVELS[suffix], offset + a, offset + a + len(name))


def title_units(text: str, span: tuple[int, int]) -> list[Unit]:
    """The issuer's units as the title names them: 平阳县龙尾乡2009年… -> 平阳县, 龙尾乡."""
    start, end = span
    leading = _LEADING_YEAR.match(text, start, end)
    if leading:
        start = leading.end()
    stop = _BODY_AFTER_ISSUER.search(text, start, end)
    return units_in(text, start, stop.start() if stop else end)


def signature(text: str) -> tuple[list[Unit], tuple[int, int] | None]:
    """The issuer named in the signature block (the last lines), and that line's span."""
    for start, end in reversed(tail_lines(text, 6)):
        match = _SIGNATURE_BODY.match(text[start:end].strip())
        if match:
            offset = start + text[start:end].index(match["chain"])
            units = units_in(text, offset, offset + len(match["chain"]))
            if units:
                return units, (start, end)
    return [], None


def own_place_spans(text: str) -> list[tuple[int, int]]:
    """Every occurrence of the township the title or signature names (kept whole by jieba)."""
    names = set()
    span = title_span(text)
    if span:
        names.update(u.name for u in title_units(text, span) if u.level in ("township", "subdistrict"))
    names.update(u.name for u in signature(text)[0] if u.level in ("township", "subdistrict"))
    spans = []
    for name in names:
        spans += [m.span() for m in re.finditer(re.escape(name), text)]
    return sorted(spans)
