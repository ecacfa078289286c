"""DOCX: paragraphs and tables in document order, with the list numbers Word draws.

Headers and footers are left out (they are not in the document body). A
paragraph numbered by Word's list numbering (一、 drawn from numbering.xml) gets
its number written out, as the reader sees it. The archive is checked before
it is opened: not a zip, or one that would unpack to more than the limit,
is refused.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from pipeline.errors import InputError
from pipeline.i18n import _
from pipeline.ingest.layout import TextBuilder
from pipeline.models import Source
from pipeline.numerals import int_to_han

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, path: str, digest: str, limits) -> Source:
    _check_archive(data, limits)
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - a core dependency
        raise InputError(_("DOCX support needs python-docx; reinstall gongkai")) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise InputError(
            _("cannot open the DOCX ({reason}); re-save it from Word or WPS").format(
                reason=f"{type(exc).__name__}: {exc}"
            )
        ) from None
    numbering = _Numbering(document)
    out = TextBuilder()
    for element in document.element.body.iterchildren():
        if element.tag == f"{W}p":
            text = _paragraph_text(element)
            label = numbering.label(element)
            if text.strip() or label:
                out.line(label + text)
        elif element.tag == f"{W}tbl":
            out.table(_table_cells(element))
    text = out.text
    if not text.strip():
        raise InputError(
            _(
                "the DOCX holds no text (is the report a picture pasted into Word?); give the PDF or the original instead"
            )
        )
    return Source(path=path, kind="docx", sha256=digest, text=text, encoding=None, tables=tuple(out.tables))


def _check_archive(data: bytes, limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(
            _("the .docx is not a valid DOCX (not a ZIP archive, or a damaged one); re-save it from Word")
        ) from None
    unpacked = sum(e.file_size for e in entries)
    if unpacked > limits.max_unzipped_mb * 1_048_576 or len(entries) > 10_000:
        raise InputError(
            _(
                "the DOCX would unpack to {size} MB in {parts} parts (limit {limit} MB), so it was not opened; if it is the report, give its PDF instead"
            ).format(size=f"{unpacked / 1_048_576:.0f}", parts=len(entries), limit=f"{limits.max_unzipped_mb:g}")
        )
    if "word/document.xml" not in {e.filename for e in entries}:
        raise InputError(
            _(
                "the ZIP archive has no word/document.xml, so it is not a Word document; unpack it and give the report inside"
            )
        )
    _count_unpacked(archive, entries, int(limits.max_unzipped_mb * 1_048_576))


def _count_unpacked(archive: zipfile.ZipFile, entries, budget: int) -> None:
    """Unpack every part once, counting bytes as they come: the sizes in the headers may lie."""
    total = 0
    try:
        for entry in entries:
            with archive.open(entry) as member:
                while chunk := member.read(1 << 20):
                    total += len(chunk)
                    if total > budget:
                        raise InputError(
                            _(
                                "the DOCX unpacks to more than {limit} MB (its headers said less), so it was not read; if it is the report, re-save it from Word or give its PDF instead"
                            ).format(limit=f"{budget / 1_048_576:g}")
                        )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        raise InputError(_("the DOCX is damaged ({reason}); re-save it from Word or WPS").format(reason=exc)) from None


def _paragraph_text(element) -> str:
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _table_cells(table) -> list[list[str]]:
    """Rows of cell texts on the table's grid: a merged cell's text once, at its top-left."""
    rows = []
    for tr in table.iter(f"{W}tr"):
        row = []
        for tc in tr.findall(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = 1
            continuing = False
            if props is not None:
                grid_span = props.find(f"{W}gridSpan")
                if grid_span is not None:  # Word tables have at most 63 columns; a larger span is hostile
                    span = min(max(_number(grid_span.get(f"{W}val", "1"), 1), 1), MAX_COLUMNS)
                v_merge = props.find(f"{W}vMerge")
                continuing = v_merge is not None and v_merge.get(f"{W}val") != "restart"
            text = "" if continuing else "\n".join(_paragraph_text(p) for p in tc.findall(f"{W}p"))
            row.append(text)
            row.extend([""] * (span - 1))
        rows.append(row)
    return rows


class _Numbering:
    """Word's automatic list numbers (numbering.xml), counted as Word counts them."""

    def __init__(self, document):
        self.formats: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        abstract = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for level in node.findall(f"{W}lvl"):
                ilvl = _number(level.get(f"{W}ilvl", "0"))
                if not 0 <= ilvl < LIST_LEVELS:
                    continue  # Word has nine list levels; anything else is a damaged file
                fmt = level.find(f"{W}numFmt")
                text = level.find(f"{W}lvlText")
                start = level.find(f"{W}start")
                levels[ilvl] = (
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{W}val", "") if text is not None else "",
                    _number(start.get(f"{W}val", "1"), 1) if start is not None else 1,
                )
            abstract[node.get(f"{W}abstractNumId")] = levels
        for node in root.findall(f"{W}num"):
            ref = node.find(f"{W}abstractNumId")
            if ref is not None:
                self.formats[node.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})

    def label(self, paragraph) -> str:
        props = paragraph.find(f"{W}pPr")
        num = props.find(f"{W}numPr") if props is not None else None
        if num is None:
            return ""
        num_id = num.find(f"{W}numId")
        ilvl = num.find(f"{W}ilvl")
        key = num_id.get(f"{W}val") if num_id is not None else None
        level = _number(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0
        levels = self.formats.get(key)
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(key, [0] * LIST_LEVELS)
        counters[level] = counters[level] + 1 if counters[level] else levels[level][2]
        for deeper in range(level + 1, LIST_LEVELS):
            counters[deeper] = 0
        fmt, template, _ = levels[level]
        label = template
        for index in range(level + 1):
            value = counters[index] or levels.get(index, ("decimal", "", 1))[2]
            label = label.replace(f"%{index + 1}", _format(value, levels.get(index, ("decimal",))[0]))
        return label if fmt != "bullet" else ""


LIST_LEVELS = 9
MAX_COLUMNS = 64


def _number(text: str, default: int = -1) -> int:
    """A number from the file, or `default` when it is not one (a damaged or hostile file)."""
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _format(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital"):
        return int_to_han(value)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(ord("①") + value - 1) if 1 <= value <= 20 else str(value)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(value - 1) % 10]
    return str(value)
