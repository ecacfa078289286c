"""Read a report file into a `Source`: plain text, PDF, DOCX or HTML.

The kind is decided by the file's content, and must agree with its extension:
a .pdf that is really a Word file is an error that says so, not a garbled report.
Every limit (size, pages, unpacked size) is a setting in `IngestLimits`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError
from pipeline.i18n import _
from pipeline.ingest.text import decode_text
from pipeline.models import Source

TEXT_SUFFIXES = {".txt", ".text", ".md"}
KIND_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".shtml": "html"}
CONVERT_SUFFIXES = {".doc": "Word 97-2003", ".wps": "WPS"}
REPORT_SUFFIXES = TEXT_SUFFIXES | set(KIND_SUFFIXES)
KIND_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word (.docx) document",
    "html": "a web page (HTML)",
    "txt": "plain text",
    "zip": "a ZIP archive that is not a Word document",
}  # fmt: skip  (translated where shown)


@dataclass(frozen=True)
class IngestLimits:
    max_mb: float = 30.0  # larger files are refused before they are read
    max_pages: int = 300  # PDF pages
    max_unzipped_mb: float = 200.0  # DOCX: what the archive may unpack to
    ocr: bool = True  # read scanned pages with OCR when the [ocr] extra is installed


DEFAULT_LIMITS = IngestLimits()


def read_source(path: str | Path, limits: IngestLimits = DEFAULT_LIMITS, ocr=None) -> Source:
    """Read and decode one file; raise InputError with a message a user can act on.

    `ocr` is the process's OCR engine holder (pipeline.ingest.ocr.OcrEngine) or None.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in CONVERT_SUFFIXES:
        raise InputError(
            _("{kind} files ({suffix}) are not read; save the report as .docx (or .pdf) and run again").format(
                kind=CONVERT_SUFFIXES[suffix], suffix=suffix
            )
        )
    data = _read_bytes(path, limits)
    kind = sniff(data)
    expected = KIND_SUFFIXES.get(suffix, "txt" if suffix in TEXT_SUFFIXES else None)
    if kind == "ole":
        raise InputError(_("this is a Word 97-2003 or WPS file; save the report as .docx (or .pdf) and run again"))
    if expected and kind != expected:
        raise InputError(
            _(
                "the file is named {suffix} but holds {kind}; rename it to the right extension (or re-export it) and run again"
            ).format(suffix=suffix, kind=_(KIND_NAMES.get(kind, kind)))
        )
    digest = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        from pipeline.ingest.pdf import read_pdf

        return read_pdf(data, str(path), digest, limits, ocr)
    if kind == "docx":
        from pipeline.ingest.docx import read_docx

        return read_docx(data, str(path), digest, limits)
    if kind == "html":
        from pipeline.ingest.html import read_html

        return read_html(data, str(path), digest)
    return source_from_bytes(data, str(path))


def _read_bytes(path: Path, limits: IngestLimits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.max_mb * 1_048_576:
            raise InputError(
                _(
                    "the file is {size} MB, over the {limit} MB limit; raise it with --max-mb if this really is one report"
                ).format(size=f"{size / 1_048_576:.1f}", limit=f"{limits.max_mb:g}")
            )
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(_("is a directory; give it to gongkai check to audit the reports in it")) from None
    except FileNotFoundError:
        raise InputError(_("no such file; check the path")) from None
    except PermissionError:
        raise InputError(_("permission denied; check the file's permissions")) from None
    except OSError as exc:
        raise InputError(_("cannot read the file: {reason}").format(reason=exc.strerror or exc)) from None


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, docx, ole (.doc/.wps), html, binary or txt."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    lowered = data[:4096].lower()
    if any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<body", b"<head>")):
        return "html"
    return "txt"


def source_from_bytes(data: bytes, path: str) -> Source:
    """A plain-text report from its bytes."""
    if not data.strip():
        raise InputError(_("the file is empty; export the report again"))
    text, encoding, warnings = decode_text(data)
    if not text.strip():
        raise InputError(_("the file holds only blank characters; export the report again"))
    return Source(
        path=path,
        kind="txt",
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        encoding=encoding,
        warnings=warnings,
    )
