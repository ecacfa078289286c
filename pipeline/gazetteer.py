"""Packaged place data built by scripts/build_data.py (see pipeline/data/PROVENANCE.md)."""

from __future__ import annotations

import gzip
from importlib import resources


def load_place_words() -> frozenset[str]:
    """Township and county names, used as jieba user words and to tell a name from a word."""
    data = resources.files("pipeline.data").joinpath("place_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())
