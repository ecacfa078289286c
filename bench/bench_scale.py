"""A county-and-more batch: reports/s on 1 and 2 jobs, copy detection as the batch grows, the workbook.

    python bench/bench_scale.py [--reports 1000]

Writes `--reports` synthetic reports (the samples with their numbers and dates varied, so
that no two are identical) into a temporary folder and prints, side by side:
`gongkai check FOLDER -o out.xlsx` with -j 1 and -j 2 (wall time, reports/s, the ratio,
peak memory of the largest process); the copy index's time over 1/4, 1/2 and all of the
batch (it should grow linearly); and the time to write the workbook.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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


def run(folder: Path, jobs: int, out: Path) -> tuple[float, float]:
    start = time.perf_counter()
    command = [sys.executable, "-m", "pipeline", "check", str(folder), "-j", str(jobs), "-o", str(out)]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()

    from pipeline.audit import Auditor
    from pipeline.check.copies import CopyIndex
    from pipeline.report import WriterSettings
    from pipeline.report.summary import Summary
    from pipeline.report.xlsx_format import XlsxWriter

    folder = Path(tempfile.mkdtemp(prefix="gongkai-scale-"))
    try:
        (folder / "in").mkdir()
        paths = make_reports(folder / "in", args.reports)
        times = {}
        for jobs in (1, 2):
            seconds, peak = run(folder / "in", jobs, folder / f"out-{jobs}.xlsx")
            times[jobs] = seconds
            print(
                f"-j {jobs}  {seconds:6.1f} s  {args.reports / seconds:6.1f} reports/s  peak {peak:.0f} MB (largest process)"
            )
        print(f"2 jobs against 1: {times[1] / times[2]:.2f}x (target >= 1.8x)")

        auditor = Auditor()
        results = [auditor.audit_path(path) for path in paths]
        for share in (4, 2, 1):
            part = results[: len(results) // share]
            index = CopyIndex(auditor.checker, auditor.gazetteer)
            start = time.perf_counter()
            for result in part:
                index.add(result)
            seconds = time.perf_counter() - start
            print(f"copy index over {len(part):5d} reports  {seconds:6.2f} s  {seconds / len(part) * 1000:5.2f} ms a report"
                  f"  {len(index.pairs)} pairs")  # fmt: skip
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
