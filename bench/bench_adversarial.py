"""Runs of what the scanners look for: each audit must stay well under 2 s (linear scanners).

    python bench/bench_adversarial.py [--length 100000]

Each input (tests/adversarial.py) is `--length` characters made of one repeated piece
(digits, 一, 县, a township's or a department's name, crumbs, info-bar lines, page
numbers, citations, 繁体 characters, …) after a title or inside the seed report, and the
shapes that once took quadratic time. Prints the wall time of the whole audit and the
number of findings (or the error row) for each, slowest first, and the peak memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, default=100_000)
    parser.add_argument("--line-mb", type=float, default=20, help="then one line of this many MB (0: skip)")
    args = parser.parse_args()

    from pipeline.audit import Auditor
    from tests.adversarial import cases

    auditor = Auditor()
    auditor.audit_path(ROOT / "samples" / "longwei-2009.txt")  # warm: jieba, gazetteer
    results = []
    outputs = []
    with tempfile.TemporaryDirectory() as folder:
        for what, name, data in cases(args.length):
            path = Path(folder) / name
            path.write_bytes(data)
            start = time.perf_counter()
            result = auditor.audit_path(path)
            outcome = result.error[:40] if result.error else f"{len(result.findings):6d} findings"
            results.append((time.perf_counter() - start, what, outcome))
            outputs.append((_outputs(auditor, result), what))
    for seconds, what, outcome in sorted(results, reverse=True):
        print(f"{seconds:7.2f} s  {what:40} {outcome}")
    slowest, what = max(outputs)
    print(f"the editor's outputs (HTML page, Word copy with comments, diff, terminal at 60 columns): "
          f"slowest {slowest:.2f} s ({what})")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"slowest {max(results)[0]:.2f} s (target < 2 s) · peak memory {peak:.0f} MB · {args.length:,} characters each"
    )
    if args.line_mb:
        one_line(auditor, args.line_mb)


def _outputs(auditor, result) -> float:
    """Seconds to render `result` as each of the editor's outputs."""
    import io
    import os

    from pipeline.fixes import planned, unified_diff
    from pipeline.report import WriterSettings
    from pipeline.report.docx_format import commented
    from pipeline.report.html_page import report_page
    from pipeline.report.terminal import TerminalWriter

    if result.report is None:
        return 0.0
    os.environ["COLUMNS"] = "60"
    start = time.perf_counter()
    report_page(result, auditor.rulebook)
    commented(result)
    unified_diff(result.path, result.source.text, planned(result, unsafe=True))
    TerminalWriter(io.StringIO(), WriterSettings(auditor.rulebook)).add(result)
    return time.perf_counter() - start


def one_line(auditor, megabytes: float) -> None:
    """The seed on one line, repeated to `megabytes`: linear (jieba's time), findings capped per rule."""
    flat = (ROOT / "samples" / "longwei-2009.txt").read_text(encoding="utf-8").replace("\n", " ").encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "oneline.txt"
        path.write_bytes(flat * int(megabytes * 1_000_000 // len(flat)))
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        result = auditor.audit_path(path)
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        auditor.segmenter.cut(text)
        bare = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"one line of {megabytes:g} MB: {seconds:.1f} s (jieba alone {bare:.1f} s, ratio {seconds / bare:.2f}) · "
        f"{len(result.findings)} findings · peak memory {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
