"""Shared fixtures: one Auditor per test session, reports made from text."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "longwei-2009.txt"
DATA = Path(__file__).resolve().parent / "data"

# Tests never touch the user's cache: the jieba dictionary is built once per session here.
os.environ.setdefault("GONGKAI_CACHE_DIR", tempfile.mkdtemp(prefix="gongkai-test-cache-"))
# The interface's language is Chinese unless a test asks for English (--lang en): not the machine's LANG.
os.environ["GONGKAI_LANG"] = "zh"


@pytest.fixture(scope="session")
def auditor():
    from pipeline.audit import Auditor

    return Auditor()


def source_from_text(text: str, path: str = "example.txt"):
    """A Source as ingest makes it from a UTF-8 file; a � in `text` stands for a bad byte."""
    from pipeline.ingest import source_from_bytes

    data = b"\xff".join(part.encode("utf-8") for part in text.split("\ufffd"))
    return source_from_bytes(data, path)


@pytest.fixture(scope="session")
def audit_text(auditor):
    def run(text: str, path: str = "example.txt"):
        return auditor.audit_source(source_from_text(text, path))

    return run


@pytest.fixture(scope="session")
def seed_result(auditor):
    return auditor.audit_path(SEED)


@pytest.fixture(autouse=True)
def chinese_interface():
    """A test that asks for English (--lang en, LANG=en_US) leaves the next one in Chinese."""
    yield
    from pipeline.i18n import install

    install("zh")
