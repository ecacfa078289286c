"""Read a report file into a `Source`."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest.text import decode_text
from pipeline.models import Source

TEXT_SUFFIXES = {".txt", ".text", ".md"}
LATER_SUFFIXES = {".pdf": "PDF", ".docx": "DOCX", ".html": "HTML", ".htm": "HTML"}
CONVERT_SUFFIXES = {".doc": "Word 97-2003", ".wps": "WPS"}
REPORT_SUFFIXES = TEXT_SUFFIXES | set(LATER_SUFFIXES)
MAX_BYTES = 50 * 1024 * 1024


def read_source(path: str | Path) -> Source:
    """Read and decode one file; raise InputError with a message a user can act on."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in CONVERT_SUFFIXES:
        raise InputError(
            f"{CONVERT_SUFFIXES[suffix]} files (.{suffix[1:]}) are not read; "
            "save the report as .docx or .txt and run again"
        )
    if suffix in LATER_SUFFIXES:
        raise InputError(f"{LATER_SUFFIXES[suffix]} input is not supported yet; save the report as UTF-8 .txt")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is {size // 1_048_576} MB, over the {MAX_BYTES // 1_048_576} MB limit")
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}") from None
    return source_from_bytes(data, str(path))


def source_from_bytes(data: bytes, path: str) -> Source:
    """A plain-text report from its bytes."""
    if not data.strip():
        raise InputError("the file is empty")
    text, encoding, warnings = decode_text(data)
    if not text.strip():
        raise InputError("the file holds no text")
    return Source(
        path=path,
        kind="txt",
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        encoding=encoding,
        warnings=warnings,
    )
