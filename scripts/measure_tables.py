"""Measure the table readers on real excerpts kept outside the repository.

    python scripts/measure_tables.py CORPUS_DIR [--show]

CORPUS_DIR holds excerpts of real reports' statutory tables and a manifest.jsonl, one
JSON object per excerpt: "file" (relative to CORPUS_DIR's parent), "tables" (the kinds
a person saw in it: active, applications, review) and "shape" (how the page flattened
them). Prints, per shape, how many of the tables seen were read, how many cells came
out with a number, and the TB findings raised (for review by hand: precision).
Real reports are third-party text: they are never committed; README states the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--show", action="store_true", help="print each excerpt's tables and TB findings")
    args = parser.parse_args()

    from pipeline.audit import Auditor
    from pipeline.ingest import source_from_bytes

    auditor = Auditor()
    seen: Counter = Counter()
    read: Counter = Counter()
    cells: Counter = Counter()
    numbers: Counter = Counter()
    findings: dict[str, Counter] = defaultdict(Counter)
    entries = [json.loads(line) for line in (args.corpus / "manifest.jsonl").read_text().splitlines() if line.strip()]
    for entry in entries:
        data = (args.corpus.parent / entry["file"]).read_bytes()
        result = auditor.audit_source(source_from_bytes(data, entry["file"]))
        if result.report is None:
            print(f"{entry['file']}: {result.error}")
            continue
        shape = entry["shape"]
        tables = {t.kind: t for t in result.report.statistics}
        for kind in entry["tables"]:
            seen[shape] += 1
            table = tables.get(kind)
            if table is not None:
                read[shape] += 1
                cells[shape] += len(table.cells)
                numbers[shape] += sum(c.value is not None for c in table.cells)
        tb = [f for f in result.findings if f.rule.startswith("TB")]
        for finding in tb:
            findings[shape][finding.rule] += 1
        if args.show:
            read_kinds = {k: f"{sum(c.value is not None for c in t.cells)}/{len(t.cells)}" for k, t in tables.items()}
            print(f"{entry['file']} {shape} seen {entry['tables']} read {read_kinds}")
            for finding in tb:
                print(f"    {finding.rule} {finding.location.line}: {finding.message}")
    print(f"{'shape':<14} {'tables read':>12} {'cells with a number':>22}  TB findings")
    for shape in sorted(seen):
        rules = " ".join(f"{rule}×{n}" for rule, n in sorted(findings[shape].items()))
        print(f"{shape:<14} {read[shape]:>5}/{seen[shape]:<6} {numbers[shape]:>10}/{cells[shape]:<10}  {rules}")
    print(
        f"{'all':<14} {sum(read.values()):>5}/{sum(seen.values()):<6} {sum(numbers.values()):>10}/{sum(cells.values()):<10}"
    )


if __name__ == "__main__":
    main()
