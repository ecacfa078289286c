"""A Word document's runs at their offsets in the text gongkai read from it, to put something at a
finding's span: a comment anchored on exactly the matched characters, or a fix written in place,
keeping the run's formatting.

Ingest (pipeline/ingest/docx.py) reads each paragraph's w:t, w:tab and w:br in document order; this
walks the same paragraphs and finds each one's text in the source text, moving forward only, so a
paragraph that cannot be placed (a field, a text box) is passed over, never matched out of order.
A run is split where a span begins or ends inside it; the pieces keep the run's properties.
"""

from __future__ import annotations

import copy
from bisect import bisect_right
from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CONTENT = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr")
LOOKAHEAD = 4096  # how far past the last placed paragraph the next one is looked for (table rows, list numbers)


@dataclass
class _Piece:
    start: int  # source offsets of the run's text
    end: int
    run: object  # the w:r element, holding one content child (after _explode)


class DocxText:
    def __init__(self, document, source_text: str):
        self.document = document
        self.pieces: list[_Piece] = []
        cursor = 0
        for paragraph in document.element.body.iter(f"{W}p"):
            runs = [r for r in paragraph.iter(f"{W}r") if any(child.tag in CONTENT for child in r)]
            text = "".join(_child_text(c) for r in runs for c in r if c.tag in CONTENT)
            if not text.strip():
                continue
            at = source_text.find(text, cursor, cursor + len(text) + LOOKAHEAD)  # near: linear on any document
            if at < 0:
                continue
            cursor = at + len(text)
            offset = at
            for run in runs:
                for single in _explode(run):
                    length = len(_child_text(next(c for c in single if c.tag in CONTENT)))
                    self.pieces.append(_Piece(offset, offset + length, single))
                    offset += length
        self.starts = [piece.start for piece in self.pieces]

    def runs(self, start: int, end: int) -> list:
        """The w:r elements holding exactly the source characters [start, end), split as needed; for an empty
        span, the run at `start` (or the nearest before it). Empty when the span lies in no placed paragraph."""
        if not self.pieces:
            return []
        if end <= start:
            index = max(0, bisect_right(self.starts, start) - 1)
            return [self.pieces[index].run]
        self._split_at(start)
        self._split_at(end)
        first = bisect_right(self.starts, start) - 1
        found = []
        for piece in self.pieces[max(first, 0) :]:
            if piece.start >= end:
                break
            if piece.end > start and piece.start >= start:
                found.append(piece.run)
        return found

    def replace(self, start: int, end: int, replacement: str) -> bool:
        """Write `replacement` over the source characters [start, end), in the first run's formatting."""
        runs = self.runs(start, end)
        texts = [next(c for c in run if c.tag in CONTENT) for run in runs]
        if not runs or any(t.tag != f"{W}t" for t in texts):
            return False
        texts[0].text = replacement
        texts[0].set(XML_SPACE, "preserve")
        for run in runs[1:]:
            run.getparent().remove(run)
        self.pieces = [p for p in self.pieces if p.run not in runs[1:]]
        self.starts = [p.start for p in self.pieces]
        return True

    def _split_at(self, offset: int) -> None:
        """Cut the run holding `offset` in two there (both keep its properties)."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return
        piece = self.pieces[index]
        if not piece.start < offset < piece.end:
            return
        node = next(c for c in piece.run if c.tag in CONTENT)
        if node.tag != f"{W}t":
            return
        whole, cut = node.text or "", offset - piece.start
        second = copy.deepcopy(piece.run)
        _set_text(node, whole[:cut])
        _set_text(next(c for c in second if c.tag == f"{W}t"), whole[cut:])
        piece.run.addnext(second)
        self.pieces.insert(index + 1, _Piece(offset, piece.end, second))
        self.starts.insert(index + 1, offset)
        piece.end = offset


def _child_text(child) -> str:
    if child.tag == f"{W}t":
        return child.text or ""
    return " " if child.tag == f"{W}tab" else "\n"


def _set_text(node, text: str) -> None:
    node.text = text
    node.set(XML_SPACE, "preserve")


def _explode(run) -> list:
    """A run with several content children (text, tab, break) as one run per child, same properties."""
    contents = [c for c in run if c.tag in CONTENT]
    if len(contents) == 1:
        return [run]
    singles = []
    for child in contents:
        single = copy.deepcopy(run)
        for other in list(single):
            if other.tag != f"{W}rPr":
                single.remove(other)
        single.append(copy.deepcopy(child))
        run.addprevious(single)
        singles.append(single)
    run.getparent().remove(run)
    return singles
