"""Gazetteer load time and place-name scan throughput, next to bare jieba.lcut.

    python bench/bench_places.py [--rounds 7] [--batch 100]

- load: `Gazetteer.load()` with the indexes the audit uses (names, place words), target < 0.2 s;
- scan: the place rules (PL101-PL105) over already-parsed reports, in chars/s,
  against bare `jieba.lcut` over the same texts; and issuer resolution per report.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "longwei-2009.txt"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    from common import median_time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()

    import jieba

    from pipeline.audit import Auditor
    from pipeline.check import Checker, select_rules
    from pipeline.gazetteer import Gazetteer
    from pipeline.ingest import source_from_bytes
    from pipeline.normalize import normalize
    from pipeline.parse import parse_head

    def load():
        gazetteer = Gazetteer.load()
        gazetteer.place_words, gazetteer.towns_named("龙尾乡"), gazetteer.counties_named("平阳县")

    print(f"gazetteer load (with indexes)   {median_time(load, args.rounds):6.3f} s   (target < 0.2 s)")

    jieba.setLogLevel(60)
    jieba.initialize()
    auditor = Auditor()
    seed = SEED.read_text(encoding="utf-8")
    rng = random.Random(2009)
    names = sorted(n for n in auditor.gazetteer.place_words if n.endswith(("乡", "镇")))
    texts = [seed.replace("龙尾乡", rng.choice(names)) for _ in range(args.batch)]
    reports = [auditor.analyse(source_from_bytes(t.encode(), "bench.txt")) for t in texts]
    places = Checker(auditor.rulebook, auditor.gazetteer, select_rules(auditor.rulebook, ["PL"]))
    chars = sum(map(len, texts))

    scan = median_time(lambda: [places.check(r) for r in reports], args.rounds)
    bare = median_time(lambda: [jieba.lcut(t) for t in texts], args.rounds)
    normalized = [normalize(r.text.source) for r in reports]
    again = median_time(lambda: [parse_head(t, auditor.rulebook, auditor.gazetteer) for t in normalized], args.rounds)
    print(
        f"place rules PL101-PL105         {chars / scan / 1e6:6.2f} M chars/s  ({scan / len(texts) * 1e3:.2f} ms/report)"
    )
    print(
        f"bare jieba.lcut, same texts     {chars / bare / 1e6:6.2f} M chars/s  ({bare / len(texts) * 1e3:.2f} ms/report)"
    )
    print(f"frame, year and issuer          {again / len(texts) * 1e3:6.2f} ms/report")
    print(f"place rules cost {scan / bare:.2f}x bare segmentation")


if __name__ == "__main__":
    main()
