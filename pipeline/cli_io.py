"""What the command does around the audits: its messages on stderr, the files it writes, a report read from
standard input, fixes written beside their file, the progress bar. pipeline/cli.py keeps the commands."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import click

from pipeline.errors import UsageError
from pipeline.i18n import _


def warn(message: str) -> None:
    click.echo(f"gongkai: {message}", err=True)


def error(message: str) -> None:
    warn(_("error: {message}").format(message=message))


@contextlib.contextmanager
def open_output(output: str | None):
    if output is None:
        yield sys.stdout
        return
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            _("cannot write {output}: {reason}; give a path in a folder you can write to").format(
                output=output, reason=exc.strerror or exc
            )
        ) from None
    with handle:
        yield handle
    warn(_("wrote {output}").format(output=output))


def write_fixes(result, unsafe: bool, in_place: bool):
    """The result's file fixed into a copy (or itself); the result without the findings that were fixed."""
    from pipeline.fixes import planned, write_fixed

    edits = planned(result, unsafe)
    if not edits:
        return result
    try:
        target, count = write_fixed(result, edits, in_place)
    except UsageError as exc:
        error(str(exc))
        return result
    except OSError as exc:
        error(
            _("{path}: cannot write the fixes to {target} ({reason}); try a folder you can write to").format(
                path=result.path, target=exc.filename or "", reason=exc.strerror or exc
            )
        )
        return result
    warn(_("{path}: {count} fixed, written to {target}").format(path=result.path, count=count, target=target))
    done = {id(edit.finding) for edit in edits} if count == len(edits) else set()
    return replace(result, findings=tuple(f for f in result.findings if id(f) not in done))


@contextlib.contextmanager
def stdin_input(paths: tuple[str, ...], name: str | None, max_mb: float):
    """`-` among the paths: standard input, saved to a temporary file named like `name` (its suffix tells
    the format), read no further than the size limit. Yields the paths to audit and {temporary: shown}."""
    if "-" not in paths:
        if name:
            raise UsageError(_("--stdin-filename is for a report read from standard input (the path -)"))
        yield paths, {}
        return
    if paths.count("-") > 1:
        raise UsageError(_("standard input (-) can be read once: give - only once"))
    shown = name or "-"
    base = Path(name).name if name else "stdin.txt"
    if not Path(base).suffix:
        base += ".txt"
    with tempfile.TemporaryDirectory(prefix="gongkai-stdin-") as folder:
        path = Path(folder) / base
        data = sys.stdin.buffer.read(int(max_mb * 1024 * 1024) + 1)  # one byte over: the limit's error row
        path.write_bytes(data)
        yield tuple(str(path) if p == "-" else p for p in paths), {str(path): shown}


class Progress:
    """A bar with the count and the time left on stderr, only when a person is watching a batch."""

    def __init__(self, total: int):
        self.bar = None
        if total > 1 and sys.stderr.isatty() and os.environ.get("TERM") != "dumb":
            self.bar = click.progressbar(length=total, label="审核", file=sys.stderr, show_eta=True, show_pos=True)
            self.bar.__enter__()

    def step(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def done(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@contextlib.contextmanager
def file_output(output: str):
    """A workbook or HTML pages are written by their writer, to their path: check now that the folder can take it."""
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            _("cannot write {output}: {reason}; give a path in a folder you can write to").format(
                output=output, reason=exc.strerror or exc
            )
        ) from None
    yield None
    warn(_("wrote {output}").format(output=output))
