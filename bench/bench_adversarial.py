"""Runs of what the scanners look for: each audit must stay well under 2 s (linear scanners).

    python bench/bench_adversarial.py [--length 100000]

Each input is a report title followed by `--length` characters made of one repeated
piece (digits, 一, 县, a township's or a department's name, crumbs, info-bar lines,
page numbers, 繁体 characters, …). Prints the wall time of the whole audit and the
number of findings for each, slowest first, and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TITLE = "平阳县龙尾乡2021年政府信息公开工作年度报告\n"
PIECES = ["7", "一", "县", "镇", "我镇", "《", "年", ">", "|", "来源:", "• ", "人民政府", "2021年", "第一、", "乡镇",
          "街道", "白渡镇", "。", "梅县区白渡镇", "平阳县民政局", "(一)", "一、", "现将", "由", "街", "本年度",
          "办事处", "区人民政府办公室", "-1-\n", "2021-01-01\n", "首页>", "标题|", "公(gōng)", "縣", "1", ",",
          "\n", "时间:2024-12-30\n", "镇长", "县农业农村局", "请与", "(锦丰镇)", "2014年,南薰乡"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, default=100_000)
    args = parser.parse_args()

    from pipeline.audit import Auditor
    from pipeline.ingest import source_from_bytes

    auditor = Auditor()
    auditor.audit_path(ROOT / "samples" / "longwei-2009.txt")  # warm: jieba, gazetteer
    results = []
    for piece in PIECES:
        body = piece * max(1, args.length // len(piece))
        start = time.perf_counter()
        result = auditor.audit_source(source_from_bytes((TITLE + body + "\n").encode("utf-8"), "run.txt"))
        results.append((time.perf_counter() - start, piece, len(result.findings)))
    for seconds, piece, findings in sorted(results, reverse=True):
        print(f"{seconds:7.2f} s  {piece!r:24} {findings:6d} findings")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"slowest {max(results)[0]:.2f} s (target < 2 s) · peak memory {peak:.0f} MB · {args.length:,} characters each"
    )


if __name__ == "__main__":
    main()
