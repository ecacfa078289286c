"""The lines around a report's body: page furniture, the title, the signature.

Real reports reach a county as web pages saved as text, PDFs and Word files,
and their first screen is rarely a clean title: navigation crumbs
(首页 > 政府信息公开目录 > …), an info bar (时间:2024-12-30 来源:本网 【字体: 大 中 小】),
bullets with the site and the date, then the title — with the year first or
last, sometimes over two lines (淮安市洪泽区人民政府 / 2024年政府信息公开工作年度报告)
— or no title at all. Furniture lines are neither title, heading nor body;
the dates on them are the page's publication date. Only layout is read here:
every line is classified on its own with anchored patterns, and lines longer
than `MAX_FURNITURE_CHARS` are always body.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.models import DateMention, Frame
from pipeline.parse.dates import find_dates
from pipeline.parse.headings import all_lines, is_numbered
from pipeline.rulebook import FurnitureWords

MAX_FURNITURE_CHARS = 200
MAX_LABELLED_CHARS = 2000  # a metadata field (内容概述: …) may hold a paragraph
HEAD_LINES = 16  # the first screen: where titles, crumbs and info bars are
TAIL_LINES = 8  # the signature block and the page's bottom links

_PAGE_NUMBER = re.compile(
    r"[-—–_]+\s*\d{1,4}\s*[-—–_]+|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页"
)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>|»|›|→|>>)\s*")
_CATALOGUE = re.compile(r"(?:年度报告|工作报告|年报)\d*$")
_SITE = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:门户网站|人民政府网|政府网|政务网|网站)")
_COUNTER = re.compile(r"\s*[(\[]?\s*(?:点击|浏览|阅读|访问)[^()\[\]]{0,12}[)\]]?\s*")
_BULLET = re.compile(r"[•·▪●◆■]\s*")
_DATE_TIME = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")
_TITLE_WORDS = re.compile(r"年度报告|工作报告|年报|报告")
_NAMELESS_TITLE = re.compile(r"(?:(?:19|20)\d{2}\s*年度?)?\s*(?:政府信息公开|政务公开|信息公开|年度)")
_SENTENCE_OPENERS = ("根据", "按照", "依据", "依照", "本报告", "现将", "为", "经")
# What follows an issuer's name in a line that is only the name: 洪泽区人民政府, 平阳县民政局, 城关街道办事处.
_ISSUER_LINE = re.compile(
    r"^[\u4e00-\u9fff()]{2,40}?(?:人民政府|政府|办事处|街道办|党政办|党政办公室|管委会|管理委员会|"
    r"局|委员会|委|办公室|办|中心|院|所|站|队|厅|署|会)(?:办公室)?$"
)


_NOT_AFTER_HAN = "(?<!成文)(?<!生成)(?<!修改)(?<!截止)"  # 成文日期 is not the date of publication


@lru_cache(maxsize=8)
def _patterns(words: FurnitureWords) -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    info = re.compile("|".join(map(re.escape, sorted(words.info_labels, key=len, reverse=True))))
    # A label's rank is its place in the list; a bare 时间/日期 must not end another label (成文日期).
    label = re.compile(
        "|".join(
            f"(?P<l{rank}>{'' if len(word) > 2 else _NOT_AFTER_HAN}{re.escape(word)})" + r"\s*:?[\s|]*"
            for rank, word in enumerate(words.published_labels)
        )
    )
    widget = re.compile("|".join(map(re.escape, sorted(words.widgets, key=len, reverse=True))))
    crumb_start = re.compile("|".join(map(re.escape, words.crumb_starts)))
    return info, label, widget, crumb_start


def find_frame(text: str, words: FurnitureWords) -> Frame:
    lines = list(all_lines(text))
    info, label, widget, crumb_start = _patterns(words)
    furniture: list[tuple[int, int]] = []
    crumbs: list[tuple[int, int]] = []
    dates: list[tuple[int, DateMention]] = []  # (rank of the label, date) on the first screen
    head = lines[:HEAD_LINES]
    first_heading = next((i for i, (s, e) in enumerate(lines) if is_numbered(text, s, e)), len(lines))
    for index, (start, end) in enumerate(lines):
        in_head = index < HEAD_LINES and index <= first_heading
        in_tail = index >= len(lines) - TAIL_LINES
        kind = _furniture_kind(text, start, end, in_head, in_tail, info, widget, crumb_start)
        if kind is None:
            continue
        furniture.append((start, end))
        if kind == "crumb":
            crumbs.append((start, end))
        if in_head and kind in ("info", "bullet", "date"):
            dates += _labelled_dates(text, start, end, label, kind)
    taken = set(furniture)
    body_head = [span for span in head if span not in taken]
    title = _title(text, body_head)
    tail = [span for span in lines[-TAIL_LINES:] if span not in taken and (not title or span[0] >= title[1])]
    signature, signed = _signature(text, tail)
    closing = [p for p in (signature[0] if signature else None, signed.start if signed else None) if p is not None]
    return Frame(
        furniture=tuple(furniture),
        crumbs=tuple(crumbs),
        title=title,
        published=min(dates, key=lambda item: (item[0], item[1].start))[1] if dates else None,
        signature=signature,
        signed=signed,
        closing_start=min(closing) if closing else None,
    )


def _furniture_kind(text, start, end, in_head, in_tail, info, widget, crumb_start) -> str | None:
    line = text[start:end].strip()
    if (in_head or in_tail) and len(line) <= MAX_LABELLED_CHARS and _starts_with_label(line, info):
        return "info"  # 内容概述 | 为了总结…: a metadata field, however long
    if len(line) > MAX_FURNITURE_CHARS:
        return None
    if _PAGE_NUMBER.fullmatch(line):
        return "page-number"
    if "。" in line:
        return None
    if not (in_head or in_tail):
        return None
    if crumb_start.match(line) and (_CRUMB_SEPARATOR.search(line) or len(line) <= 12):
        return "crumb"
    if len(_CRUMB_SEPARATOR.findall(line)) >= 2:
        return "crumb"
    if "," not in line and _is_info_bar(line, info):
        return "info"
    if _BULLET.match(line) and len(line) <= 60:
        return "bullet"
    if _SITE.fullmatch(line):
        return "site"
    if in_head and is_numbered(line, 0, len(line)) and _CATALOGUE.search(line):
        return "column"  # 六、年度政府信息公开工作报告0600: the site's catalogue, not a heading
    date = _DATE_TIME.match(line)
    if in_head and date and (date.end() == len(line) or _COUNTER.fullmatch(line, date.end())):
        return "date"  # at the end of the report a date alone is the signature's
    if not re.sub(r"[\s|/【】\[\]()<>:,、·•-]+", "", widget.sub("", line)):
        return "widget"
    return None


def _starts_with_label(line: str, info: re.Pattern) -> bool:
    first = info.match(line.lstrip("|•· "))
    rest = line.lstrip("|•· ")[first.end() :] if first else ""
    return bool(first) and rest.lstrip(" ").startswith((":", "|"))


def _is_info_bar(line: str, info: re.Pattern) -> bool:
    """时间:2024-12-30 来源:本网, or a metadata block's row: 索引号 … 主题分类 …, 发布机构 | 县府办 |."""
    labels = list(info.finditer(line))
    if len(labels) >= 2:
        return True
    return any(line.startswith((":", "|"), m.end()) or line[m.end() : m.end() + 2].strip(" |") == "" for m in labels)


def _labelled_dates(text: str, start: int, end: int, label: re.Pattern, kind: str) -> list[tuple[int, DateMention]]:
    """Dates on an info-bar line with the rank of their label (发布日期 before 成文日期), or a date line's."""
    unlabelled = 99
    if kind != "info":
        date = next(find_dates(text, start, end), None)
        return [(unlabelled, date)] if date else []
    found = []
    for match in label.finditer(text, start, end):
        date = next(find_dates(text, match.end(), min(end, match.end() + 24)), None)
        if date and date.start == match.end():
            found.append((int(match.lastgroup[1:]), date))
    date = next(find_dates(text, start, min(end, start + 24)), None)
    if date and not text[start : date.start].strip(" |•·-"):
        found.append((unlabelled, date))  # 2026年01月21日 来源:…
    return found


def _title(text: str, head: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first line of the first screen that names a report, with an issuer line set above or below it."""
    for index, (start, end) in enumerate(head):
        line = text[start:end].strip()
        if is_numbered(line, 0, len(line)) or line.startswith(_SENTENCE_OPENERS):
            break  # the body has begun
        if len(line) > 80 or "。" in line or not _TITLE_WORDS.search(line):
            continue
        if _NAMELESS_TITLE.match(line):  # 2024年政府信息公开工作年度报告: the issuer is on its own line
            if index > 0 and _is_issuer_line(text, *head[index - 1]):
                return head[index - 1][0], end
            if index + 1 < len(head) and _is_issuer_line(text, *head[index + 1]):
                return start, head[index + 1][1]
        return start, end
    return None


def _is_issuer_line(text: str, start: int, end: int) -> bool:
    return bool(_ISSUER_LINE.match(text[start:end].strip()))


def _signature(text: str, tail: list[tuple[int, int]]) -> tuple[tuple[int, int] | None, DateMention | None]:
    """The issuer's line and the date line at the end of the report."""
    signature = signed = None
    for start, end in reversed(tail):
        line = text[start:end].strip()
        date = next(find_dates(text, start, end), None)
        rest = line.replace(text[date.start : date.end], "").strip() if date else line
        if date and signed is None and (not rest or _ISSUER_LINE.match(rest)):
            signed = date
        if signature is None and rest and _ISSUER_LINE.match(rest):
            signature = (start, end)
        if signature and signed:
            break
        if len(line) > 40:
            break  # back in the body
    return signature, signed
