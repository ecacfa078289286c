"""Audit speed against bare jieba segmentation of the same texts, and cold start.

    python bench/bench_audit.py [--rounds 7] [--batch 100]

Prints, side by side: the whole in-process audit (decode, normalize, segment,
parse, every rule) of the seed and of a batch made from it, bare `jieba.lcut`
over the same texts, and their ratio (target <= 1.5); then the cold start of
`gongkai check samples/longwei-2009.txt` with a warm cache (target <= 1.5 s)
next to `python -c pass` and a bare `import jieba; jieba.lcut(...)`.
The machine is noisy: rounds alternate A and B and medians are reported.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "longwei-2009.txt"
sys.path.insert(0, str(ROOT))


def make_batch(text: str, size: int, names: list[str]) -> list[str]:
    """Copies of the seed with the township swapped for other real names, as a county receives them."""
    rng = random.Random(2009)
    return [text.replace("龙尾乡", rng.choice(names)) for _ in range(size)]


def timed(function, items) -> float:
    start = time.perf_counter()
    for item in items:
        function(item)
    return time.perf_counter() - start


def compare(label: str, texts: list[str], auditor, rounds: int) -> None:
    import jieba

    from pipeline.ingest import source_from_bytes

    payloads = [t.encode("utf-8") for t in texts]
    chars = sum(map(len, texts))
    audit_times, bare_times = [], []
    for _ in range(rounds):
        bare_times.append(timed(jieba.lcut, texts))
        audit_times.append(timed(lambda b: auditor.audit_source(source_from_bytes(b, "bench.txt")), payloads))
    audit, bare = statistics.median(audit_times), statistics.median(bare_times)
    print(
        f"{label:<28} audit {audit * 1000:8.1f} ms   bare jieba.lcut {bare * 1000:8.1f} ms   "
        f"ratio {audit / bare:4.2f}   ({chars / audit / 1000:.0f}k chars/s audited)"
    )


def cold_start(runs: int) -> None:
    gongkai = [sys.executable, "-m", "pipeline", "check", str(SEED), "--format", "concise"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "bare jieba: import + lcut": [
            sys.executable,
            "-c",
            "import jieba; jieba.setLogLevel(60); jieba.lcut('龙尾乡')",
        ],
        "gongkai check seed (warm)": gongkai,
    }
    subprocess.run(gongkai, capture_output=True, cwd=ROOT)  # warm the dictionary cache
    for label, command in commands.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, cwd=ROOT, env=os.environ)
            times.append(time.perf_counter() - start)
        print(f"{label:<28} {statistics.median(times):6.2f} s   (median of {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()

    import jieba

    from pipeline.audit import Auditor

    jieba.setLogLevel(60)
    jieba.initialize()
    auditor = Auditor()
    seed = SEED.read_text(encoding="utf-8")
    names = sorted(n for n in auditor.gazetteer.place_words if n.endswith(("乡", "镇")))
    auditor.audit_source(__import__("pipeline.ingest", fromlist=["x"]).source_from_bytes(seed.encode(), "w.txt"))
    jieba.lcut(seed)

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, jieba {jieba.__version__}")
    compare("seed (3.3k chars) x20", [seed] * 20, auditor, args.rounds)
    compare(f"batch of {args.batch} from the seed", make_batch(seed, args.batch, names), auditor, args.rounds)
    cold_start(args.cold_runs)


if __name__ == "__main__":
    main()
