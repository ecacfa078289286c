"""The statutory tables' share of an audit (target: at most 10 %).

    python bench/bench_tables.py [--rounds 20]

On the samples that hold the three tables (samples/*-20[12]?.txt and the clean test
reports), prints side by side the whole in-process audit and the table work inside
it — reading the tables into cells (parse/statistics.py, parse/loose_tables.py) and
running the TB rules —
with its share.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import median_time  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from pipeline.audit import Auditor
    from pipeline.check import Checker
    from pipeline.ingest import read_source
    from pipeline.parse import statutory_tables

    auditor = Auditor()
    auditor.warm()
    paths = sorted((ROOT / "samples").glob("*-20[12]?.txt")) + sorted(
        (ROOT / "tests" / "data").glob("clean-20[12]*.txt")
    )
    sources = [read_source(path) for path in paths]
    reports = [auditor.analyse(source) for source in sources]
    tb_rules = [rule for rule in auditor.rulebook.rules if rule.family == "TB"]
    tb = Checker(auditor.rulebook, auditor.gazetteer, tb_rules)

    def audit_all():
        for source in sources:
            auditor.audit_source(source)

    def tables_all():
        for report in reports:
            statutory_tables(report.text.text, auditor.rulebook, "2021")
            tb.check(report)

    whole = median_time(audit_all, args.rounds)
    tables = median_time(tables_all, args.rounds)
    chars = sum(len(s.text) for s in sources)
    print(f"{len(sources)} reports with tables, {chars:,} characters ({chars // len(sources):,} each)")
    print(f"whole audit         {whole * 1000:8.1f} ms")
    print(f"tables + TB rules   {tables * 1000:8.1f} ms   share {tables / whole:.1%} (target <= 10 %)"
          f"   {tables * 1000 / len(sources):.2f} ms a report")  # fmt: skip

    # Our samples are compact (two thirds table rows). Real reports carry a few thousand characters
    # of narrative: the same reports with the seed's body (3,000 characters of prose) before section 五.
    body = (ROOT / "samples" / "longwei-2009.txt").read_text(encoding="utf-8").split("\n", 2)[2]
    body = body.replace("2009年", "本年")  # prose about this year, not a stale one
    longer = [replace(s, text=s.text.replace("五、存在的主要问题", body + "\n五、存在的主要问题", 1)) for s in sources]

    def audit_longer():
        for source in longer:
            auditor.audit_source(source)

    whole_longer = median_time(audit_longer, args.rounds)
    chars = sum(len(s.text) for s in longer)
    print(f"the same with 3,000 characters of narrative each ({chars // len(longer):,} characters a report)")
    print(f"whole audit         {whole_longer * 1000:8.1f} ms")
    print(f"tables + TB rules   {tables * 1000:8.1f} ms   share {tables / whole_longer:.1%} (target <= 10 %)")


if __name__ == "__main__":
    main()
