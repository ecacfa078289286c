"""A county-and-more batch: reports/s on 1 and 2 jobs, copy detection as the batch grows, the workbook.

    python bench/bench_scale.py [--reports 1000] [--pdfs 100]

Writes `--reports` synthetic reports (the samples with their numbers varied, so that no two
are identical) and `--pdfs` PDFs made from them into temporary folders and prints, side by
side: `gongkai check FOLDER` with -j 1 and -j 2, writing the terminal's concise lines and
writing the workbook (wall time, reports/s, the ratio, peak memory of the largest process);
the copy index's time over 1/4, 1/2 and all of the batch (it should grow linearly) and its
share of the batch's time; and the time to write the workbook.

Bytecode is written as it would be on a user's machine (PYTHONDONTWRITEBYTECODE is unset for
the commands): start-up counts in both timings, so it must be the user's start-up.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def make_reports(folder: Path, count: int) -> list[Path]:
    samples = sorted((ROOT / "samples").glob("*.txt"))
    rng = random.Random(20261130)
    paths = []
    for i in range(count):
        text = samples[i % len(samples)].read_text(encoding="utf-8")
        text = re.sub(r"(?<![\d年月])\d{2,3}(?=条)", lambda m: str(rng.randrange(50, 999)), text)  # 386条 -> 517条
        path = folder / f"report-{i:04}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def make_pdfs(folder: Path, sources: list[Path]) -> None:
    import make_fixtures

    for source in sources:
        items = make_fixtures.blocks(source.read_text(encoding="utf-8"))
        make_fixtures.make_pdf(items, folder / f"{source.stem}.pdf", "页眉")


def run(folder: Path, jobs: int, options: list[str]) -> tuple[float, float]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "pipeline", "check", str(folder), "-j", str(jobs), *options]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env=environment)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest process so far


def side_by_side(label: str, folder: Path, count: int, options: list[str], rounds: int = 3) -> float:
    """-j 1 and -j 2 in turn, `rounds` times; the median of each. Returns the -j 2 median."""
    times: dict[int, list[float]] = {1: [], 2: []}
    peak = 0.0
    for _ in range(rounds):
        for jobs in (1, 2):
            seconds, peak = run(folder, jobs, options)
            times[jobs].append(seconds)
    one, two = (statistics.median(times[jobs]) for jobs in (1, 2))
    print(f"{label:<28} -j 1 {one:6.1f} s {count / one:6.1f}/s   -j 2 {two:6.1f} s {count / two:6.1f}/s"
          f"   {one / two:.2f}x (target >= 1.8x)   peak {peak:.0f} MB")  # fmt: skip
    return two


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=100)
    args = parser.parse_args()

    from pipeline.audit import Auditor
    from pipeline.check.copies import CopyIndex
    from pipeline.report import WriterSettings
    from pipeline.report.summary import Summary
    from pipeline.report.xlsx_format import XlsxWriter

    folder = Path(tempfile.mkdtemp(prefix="gongkai-scale-"))
    try:
        (folder / "in").mkdir()
        (folder / "pdf").mkdir()
        paths = make_reports(folder / "in", args.reports)
        make_pdfs(folder / "pdf", paths[: args.pdfs])
        run(folder / "in", 1, ["--format", "concise"])  # writes the bytecode, warms the disk cache
        batch = side_by_side(f"{args.reports} reports, concise", folder / "in", args.reports, ["--format", "concise"])
        side_by_side(f"{args.reports} reports, workbook", folder / "in", args.reports, ["-o", str(folder / "o.xlsx")])
        side_by_side(f"{args.pdfs} PDFs, concise", folder / "pdf", args.pdfs, ["--format", "concise"])

        auditor = Auditor()
        results = [auditor.audit_path(path) for path in paths]
        seconds = 0.0
        for share in (4, 2, 1):
            part = results[: len(results) // share]
            index = CopyIndex(auditor.checker, auditor.gazetteer)
            start = time.perf_counter()
            for result in part:
                index.add(result)
            seconds = time.perf_counter() - start
            print(f"copy index over {len(part):5d} reports  {seconds:6.2f} s  {seconds / len(part) * 1000:5.2f} ms a report"
                  f"  {len(index.pairs)} pairs")  # fmt: skip
        print(f"copy index: {seconds / batch:.1%} of the 2-job batch's time (target <= 10 %)")
        start = time.perf_counter()
        writer = XlsxWriter(str(folder / "book.xlsx"), WriterSettings(auditor.rulebook))
        writer.start()
        summary = Summary()
        for result in results:
            summary.add(result)
            writer.add(result)
        writer.finish(summary)
        print(f"workbook of {len(results)} reports   {time.perf_counter() - start:6.2f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
