"""The heading tree: 一、 (一) 1、 (1) ① and their variants, nested by first appearance.

A numbering style met for the first time opens a deeper level; meeting a style
already on the stack closes the levels below it (as nested lists do). A short
numbered line is a heading; a long one ending in a sentence is a numbered
paragraph, kept in the tree for numbering checks but not in section paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pipeline.models import Section
from pipeline.numerals import han_to_int

_HAN = "一二三四五六七八九十"
STYLES = (
    ("part", re.compile(rf"第(?P<n>[{_HAN}]+)(?:部分|章|节)[、.:\s]*")),
    ("han", re.compile(rf"(?P<n>[{_HAN}]+)\s*[、.．]\s*")),
    ("paren-han", re.compile(rf"\(\s*(?P<n>[{_HAN}]+)\s*\)\s*[、.]?\s*")),
    ("digit", re.compile(r"(?P<n>\d{1,2})\s*(?:[、．]|\.(?!\d))\s*")),
    ("paren-digit", re.compile(r"\(\s*(?P<n>\d{1,2})\s*\)\s*[、.]?\s*")),
    ("circled", re.compile(r"(?P<n>[①-⑳])\s*")),
)
MAX_HEADING_CHARS = 40
_FIRST_CHARS = frozenset("第" + _HAN + "(0123456789" + "".join(chr(c) for c in range(ord("①"), ord("⑳") + 1)))


@dataclass
class _Open:
    style: str
    index: int  # into the output list


def number_value(style: str, number: str) -> int:
    if style == "circled":
        return ord(number) - ord("①") + 1
    if style in ("digit", "paren-digit"):
        return int(number)
    return han_to_int(number) or 0


def parse_headings(
    text: str,
    line_spans: Sequence[tuple[int, int]] | None = None,
    skip: Sequence[tuple[int, int]] = (),
    stop: int | None = None,
) -> tuple[Section, ...]:
    """Numbered lines of text[:stop] as a flat, document-ordered tree (levels and paths).

    `line_spans` are the text's non-blank lines if already known; `skip` are the
    spans of the title and the page furniture; `stop` is where the signature block begins.
    """
    found: list[dict] = []
    stack: list[_Open] = []
    stop = len(text) if stop is None else stop
    for start, end in all_lines(text) if line_spans is None else line_spans:
        if start >= stop:
            break
        if any(a <= start < b for a, b in skip):
            continue
        numbered = _numbered(text, start, end)
        if numbered is None:
            continue
        style, number, marker, body_start = numbered
        if style in [o.style for o in stack]:
            while stack[-1].style != style:
                found[stack.pop().index]["end"] = start
            found[stack.pop().index]["end"] = start
        title = text[body_start:end].strip()
        found.append(
            dict(
                number=number,
                marker=marker,
                style=style,
                title=title.rstrip("。:;"),
                level=len(stack) + 1,
                start=start,
                end=stop,
                title_end=end,
                parent=stack[-1].index if stack else None,
                is_heading=_is_heading(title),
            )
        )
        stack.append(_Open(style, len(found) - 1))
    _siblings_agree(found)
    sections = []
    for entry in found:
        parent = entry.pop("parent")
        prefix = sections[parent].path if parent is not None else ""
        entry["path"] = prefix + entry["marker"] if entry["is_heading"] else prefix
        sections.append(Section(**entry))
    return tuple(sections)


def _siblings_agree(found: list[dict]) -> None:
    """In a run of numbered siblings that are mostly paragraphs, none is a heading."""
    groups: dict[tuple, list[dict]] = {}
    for entry in found:
        groups.setdefault((entry["parent"], entry["style"]), []).append(entry)
    for group in groups.values():
        if sum(not e["is_heading"] for e in group) * 2 >= len(group):
            for entry in group:
                entry["is_heading"] = False


_LINE = re.compile(r"[^\n]+")


def all_lines(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the non-blank lines."""
    for match in _LINE.finditer(text):
        if match.group().strip():
            yield match.span()


def is_numbered(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] opens with a heading number (一、 (二) 3、 ④ 第五部分)."""
    return _numbered(text, start, end) is not None


def _numbered(text: str, start: int, end: int):
    line = text[start:end]
    stripped = line.lstrip()
    if stripped[:1] not in _FIRST_CHARS:
        return None
    offset = start + len(line) - len(stripped)
    for style, pattern in STYLES:
        match = pattern.match(stripped)
        if match and (match.end() < len(stripped) or style != "digit"):  # 一、 alone: its title is below
            number = match["n"]
            marker = _marker(style, number)
            return style, number, marker, offset + match.end()
    return None


def _marker(style: str, number: str) -> str:
    if style in ("paren-han", "paren-digit"):
        return f"({number})"
    if style == "part":
        return f"第{number}部分"
    if style == "circled":
        return number
    return f"{number}、"


def _is_heading(title: str) -> bool:
    body = title.rstrip("。:;")
    if not 0 < len(body) <= MAX_HEADING_CHARS or any(mark in body for mark in "。;!?"):
        return False
    # "加强组织领导,健全机制" is a heading; "认真落实……制度,所有……审查。" is a sentence.
    return "," not in body or not title.endswith("。")
