"""The terminal as it is: its width (COLUMNS), whether it wants colour (NO_COLOR, TERM=dumb), and an
output encoding that may not show every character (a GBK console, a redirect on Chinese Windows).

Text is measured in display columns (a Chinese character takes two) and wrapped to the width; a
character the output cannot encode is replaced by a readable stand-in (✓ → 已核验), never a crash.
"""

from __future__ import annotations

import codecs
import os
import sys
import unicodedata
from typing import IO

# What the output shows for a character its encoding lacks; anything else becomes "?".
FALLBACKS = {"✓": "已核验", "│": "|", "…": "...", "→": "->", "▼": "v", "·": "-", "×": "x", "—": "-", "“": '"', "”": '"'}
ERRORS = "gongkai-fallback"
NO_START = set("，。、；：？！”’）》」』〕】…,.;:?!)]")
NO_END = set("“‘（《「『〔【([")


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = "".join(FALLBACKS.get(ch, "?") for ch in error.object[error.start : error.end])
    return shown, error.end


codecs.register_error(ERRORS, _fallback)


def tolerant_streams() -> None:
    """stdout and stderr replace what their encoding cannot show instead of raising UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors=ERRORS)
            except (ValueError, OSError):  # a closed or detached stream: nothing to write to anyway
                pass


def wants_color(stream: IO[str], asked: bool | None) -> bool | None:
    """--color/--no-color when given; else none under NO_COLOR or TERM=dumb; else click's choice (a terminal)."""
    if asked is not None:
        return asked
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return None


def width(stream: IO[str]) -> int | None:
    """The columns to wrap to: COLUMNS when set, else the terminal's; None (no wrapping) for a file or pipe."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return max(columns, 20)
    try:
        if stream.isatty():
            return max(os.get_terminal_size(stream.fileno()).columns, 20)
    except (AttributeError, ValueError, OSError):
        pass
    return None


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, columns: int | None, indent: str = "", first: str | None = None) -> list[str]:
    """`text` in lines of at most `columns` display columns, each after `indent` (the first after `first`).

    Chinese breaks anywhere; a run of Latin letters or digits moves whole to the next line when it fits there.
    """
    lead = indent if first is None else first
    if columns is None:
        return [lead + text]
    lines: list[str] = []
    line, used = lead, display_width(lead)
    for ch in text:
        size = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + size > columns and line.strip():
            keep = len(line)  # line[:keep] stays, the rest goes on with `ch`
            word = _trailing_word(line) if ch.isascii() and ch.isalnum() else ""
            if word and display_width(indent + word) + size <= columns:
                keep -= len(word)  # a Latin word or a number is not split
            elif ch in NO_START:  # 。）” never start a line: the character before goes along
                keep -= 1
            natural = keep
            while keep > len(lead) and line[keep - 1] in NO_END:  # （“ never end one
                keep -= 1
            if keep <= len(lead) + 1:  # nothing sensible to carry (a line of brackets): cut where it is full
                keep = len(line) if natural <= len(lead) + 1 else natural
            rest = line[keep:]
            lines.append(line[:keep].rstrip())
            line = indent + rest
            lead = indent
            used = display_width(line)
            if ch == " " and not rest:
                continue
        line += ch
        used += size
    lines.append(line.rstrip())
    return lines


def _trailing_word(line: str) -> str:
    end = len(line)
    start = end
    while start > 0 and line[start - 1].isascii() and line[start - 1].isalnum():
        start -= 1
    return line[start:end]


def cut(text: str, columns: int) -> str:
    """`text` shortened to `columns` display columns, ending in … when cut."""
    if display_width(text) <= columns:
        return text
    out, used = "", 0
    for ch in text:
        size = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + size > columns - 1:
            break
        out += ch
        used += size
    return out + "…"
