"""A batch of 1,000 reports with one worker killed mid-run: every file accounted for, memory flat.

    python bench/bench_batch.py [--files 1000] [--jobs 2]

Copies the samples and the clean test reports into a temporary folder, runs
`gongkai check FOLDER -j JOBS -f json`, kills one worker with SIGKILL a few seconds
in, and prints: how many files were audited and how many are error rows (and why),
the wall time, and the parent's resident memory sampled over the run (first and
last quarter), so that a batch that grows with its length shows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPORTS = [*sorted((ROOT / "samples").glob("*.txt")), *sorted((ROOT / "tests" / "data").glob("clean-*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--kill-after", type=float, default=1.5, help="seconds before one worker is killed")
    args = parser.parse_args()

    from pipeline.workers import resident_mb
    from tests.processes import children

    folder = Path(tempfile.mkdtemp(prefix="gongkai-batch-"))
    try:
        for i in range(args.files):
            shutil.copy(REPORTS[i % len(REPORTS)], folder / f"report-{i:04}.txt")
        out = folder / "out.json"
        command = [sys.executable, "-m", "pipeline", "check", str(folder), "-j", str(args.jobs), "-f", "json"]
        start = time.perf_counter()
        with open(out, "w") as stdout:
            process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL, cwd=ROOT)
            samples: list[float] = []
            killed = None
            while process.poll() is None:
                samples.append(resident_mb(process.pid))
                workers = children(process.pid)
                if killed is None and time.perf_counter() - start > args.kill_after and workers:
                    os.kill(workers[0], signal.SIGKILL)
                    killed = workers[0]
                time.sleep(0.05)
        seconds = time.perf_counter() - start
        reports = json.loads(out.read_text())["reports"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    errors = [r["error"] for r in reports if r["error"]]
    print(f"{args.files} files, -j {args.jobs}, worker {killed} killed after {args.kill_after:g} s")
    print(f"  {len(reports)} in the output: {len(reports) - len(errors)} audited · {len(errors)} error rows")
    for error in errors:
        print(f"    {error}")
    print(f"  {seconds:.1f} s · {args.files / seconds:.0f} files/s · exit code {process.returncode}")
    samples = [s for s in samples if s]
    if len(samples) >= 8:
        quarter = len(samples) // 4
        early, late = max(samples[quarter : 2 * quarter]), max(samples[-quarter:])
        print(
            f"  parent memory: {early:.0f} MB in the second quarter, {late:.0f} MB in the last (ratio {late / early:.2f})"
        )


if __name__ == "__main__":
    main()
