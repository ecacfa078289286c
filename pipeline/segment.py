"""Text -> Tokens with jieba, statutory terms and place names as user words.

jieba's start-up (0.7 s to load its 350k-word dictionary, its own cache saves
nothing) is the cost to attack: the dictionary with our user words already
added is pickled once per jieba version and word list, and loaded from then on.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Sequence
from itertools import accumulate
from pathlib import Path

from pipeline.models import Text, Tokens

USER_WORD_FREQ = 1000
_CACHE_FORMAT = 1


def cache_dir() -> Path:
    if "GONGKAI_CACHE_DIR" in os.environ:
        return Path(os.environ["GONGKAI_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gongkai"


def _import_jieba():
    # jieba imports pkg_resources when it can (0.13 s with older setuptools) only to
    # open its own files; without it jieba falls back to open(), which is all we need.
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


class Segmenter:
    """One jieba tokenizer with our user words; build one per process and pass it on."""

    def __init__(self, user_words: Iterable[str]):
        self._words = sorted(set(user_words))
        self._tokenizer = None

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            self._tokenizer = self._load()
        return self._tokenizer

    def _cache_path(self, jieba_version: str) -> Path:
        digest = hashlib.sha1("\n".join(self._words).encode("utf-8")).hexdigest()[:16]
        return cache_dir() / f"jieba-{jieba_version}-{_CACHE_FORMAT}-{digest}.pickle"

    def _load(self):
        jieba = _import_jieba()
        tokenizer = jieba.Tokenizer()
        path = self._cache_path(jieba.__version__)
        try:
            with open(path, "rb") as handle:
                tokenizer.FREQ, tokenizer.total = pickle.load(handle)
            tokenizer.initialized = True
            return tokenizer
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass
        tokenizer.tmp_dir = tempfile.gettempdir()
        tokenizer.initialize()
        for word in self._words:
            tokenizer.add_word(word, USER_WORD_FREQ)
        _write_atomically(path, (tokenizer.FREQ, tokenizer.total))
        return tokenizer

    def cut(self, text: str) -> list[str]:
        return self.tokenizer.lcut(text, HMM=False)

    def segment(self, text: Text, keep_whole: Sequence[tuple[int, int]] = ()) -> Tokens:
        """Cut the normalized text; spans in `keep_whole` come out as single tokens."""
        words: list[str] = []
        position = 0
        for start, end in sorted(keep_whole) + [(len(text.text), len(text.text))]:
            if start < position:
                continue
            words += self.cut(text.text[position:start])
            if end > start:
                words.append(text.text[start:end])
            position = end
        starts = tuple(accumulate(map(len, words), initial=0))[:-1]
        return Tokens(tuple(words), starts)


def _write_atomically(path: Path, value) -> None:
    """Best effort: an unwritable cache only costs start-up time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
