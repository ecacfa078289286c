"""Fixes: the replacements findings carry, applied to a copy of the report (or, asked for, the report).

Which fixes are safe is the rulebook's call (each rule's `applicability`, rules/*.yaml): safe ones
are applied by --fix and shown by --diff; unsafe ones only with --unsafe-fixes; manual ones never.
A fix is applied only where the file still says what the finding matched, and never over another
fix. A text file is written back in its own encoding and line endings; a DOCX keeps its formatting
(the matched characters are rewritten inside their own run, see pipeline/docx_runs.py); PDF and HTML
reports get a corrected text copy, as those cannot be rewritten in place.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.models import AuditResult, Finding


@dataclass(frozen=True)
class Edit:
    start: int  # offsets in the source text (as ingest read the file)
    end: int
    new: str
    finding: Finding  # the finding it fixes (what it matched: finding.match)


def planned(result: AuditResult, unsafe: bool = False) -> list[Edit]:
    """The fixes to apply to this result's file, in order, none overlapping another."""
    if result.report is None or result.source is None:
        return []
    allowed = ("safe", "unsafe") if unsafe else ("safe",)
    text = result.source.text
    edits: list[Edit] = []
    for finding in result.findings:
        fix = finding.fix
        if fix is None or fix.replacement is None or fix.applicability not in allowed or finding.end <= finding.start:
            continue
        if "\n" in fix.replacement:  # (no rule offers one; the diff keeps lines one for one)
            continue
        start, end = result.report.text.source_span(finding.start, finding.end)
        if text[start:end] != finding.match or fix.replacement == finding.match:
            continue  # the file does not say what was matched there (normalized away): left to the editor
        edits.append(Edit(start, end, fix.replacement, finding))
    edits.sort(key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    for edit in edits:
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


def applied(text: str, edits: list[Edit]) -> str:
    parts, last = [], 0
    for edit in edits:
        parts += [text[last : edit.start], edit.new]
        last = edit.end
    parts.append(text[last:])
    return "".join(parts)


def unified_diff(path: str, text: str, edits: list[Edit], context: int = 1) -> str:
    """The edits as a unified diff of the report's text (for a DOCX or PDF, of the text read from it).

    Made from the edits themselves, not by comparing the two texts: linear however long the report."""
    if not edits:
        return ""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    lines = text.splitlines(keepends=True)
    hunks: list[list[Edit]] = []
    for edit in edits:  # edits whose lines (with context) touch go in one hunk
        first = bisect_right(starts, edit.start) - 1
        if hunks and first - context <= bisect_right(starts, hunks[-1][-1].end - 1) - 1 + context + 1:
            hunks[-1].append(edit)
        else:
            hunks.append([edit])
    shown = path.lstrip("/")
    out = [f"--- a/{shown}\n", f"+++ b/{shown}\n"]
    for hunk in hunks:
        first = max(0, bisect_right(starts, hunk[0].start) - 1 - context)
        last = min(len(lines) - 1, bisect_right(starts, max(hunk[-1].end - 1, hunk[-1].start)) - 1 + context)
        old = "".join(lines[first : last + 1])
        base = starts[first]
        shifted = [replace(e, start=e.start - base, end=e.end - base) for e in hunk]
        new = applied(old, shifted)
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        out.append(f"@@ -{first + 1},{len(old_lines)} +{first + 1},{len(new_lines)} @@\n")
        for before, after in zip(old_lines, new_lines, strict=False):
            if before == after:
                out.append(" " + _ended(before))
            else:
                out += ["-" + _ended(before), "+" + _ended(after)]
    return "".join(out)


def _ended(line: str) -> str:
    return line if line.endswith("\n") else line + "\n"


def fixed_path(path: str, kind: str, in_place: bool) -> Path:
    """X.fixed.txt / X.fixed.docx beside the input; the input itself with --in-place (text and DOCX only)."""
    original = Path(path)
    if in_place:
        if kind not in ("txt", "docx"):
            raise UsageError(f"{path}: {kind.upper()} 文件不能就地修改；去掉 --in-place，修正写入 .fixed.txt 副本")
        return original
    suffix = ".docx" if kind == "docx" else ".txt"
    return original.with_name(f"{original.stem}.fixed{suffix}")


def write_fixed(result: AuditResult, edits: list[Edit], in_place: bool = False) -> tuple[Path, int]:
    """Write the fixed copy (or the fixed input); where, and how many fixes went in."""
    source = result.source
    assert source is not None
    target = fixed_path(result.path, source.kind, in_place)
    if source.kind == "docx":
        return target, _write_docx(result.path, source.text, edits, target)
    encoding = source.encoding if source.kind == "txt" and source.encoding else "utf-8"
    if encoding.endswith("-lossy"):
        if in_place:
            raise UsageError(
                f"{result.path}: 文件中有无法解码的字节，就地修改会丢失它们；去掉 --in-place，修正写入副本"
            )
        encoding = encoding.removesuffix("-lossy")
    try:
        data = applied(source.text, edits).encode(encoding)
    except UnicodeEncodeError:  # a replacement the file's encoding cannot hold (Big5 and a simplified character)
        if in_place:
            raise UsageError(
                f"{result.path}: 修正后的文字无法用 {encoding} 保存；去掉 --in-place，修正写入 UTF-8 副本"
            ) from None
        data = applied(source.text, edits).encode("utf-8")
    target.write_bytes(data)
    return target, len(edits)


def _write_docx(path: str, text: str, edits: list[Edit], target: Path) -> int:
    import docx

    from pipeline.docx_runs import DocxText

    document = docx.Document(path)
    runs = DocxText(document, text)
    done = 0
    for edit in reversed(edits):  # from the end: earlier offsets stay where they were
        done += runs.replace(edit.start, edit.end, edit.new)
    document.save(str(target))
    return done
