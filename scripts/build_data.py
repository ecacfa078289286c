"""Build gongkai's packaged data from the division tables in ../shared/data/divisions.

    python scripts/build_data.py [--divisions DIR]

Writes pipeline/data/place_words.txt.gz (township and county names, one per
line: jieba user words) and pipeline/data/PROVENANCE.md (files read, row counts,
licences). The output is committed; the project never downloads it.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIVISIONS = ROOT.parent / "shared" / "data" / "divisions"
OUT = ROOT / "pipeline" / "data"
TOWN_SUFFIXES = ("乡", "镇", "街道", "苏木")
COUNTY_SUFFIXES = ("县", "区", "市", "旗")
GENERIC_COUNTY_NAMES = {"市辖区", "县", "郊区", "矿区", "城区"}


def town_name(raw: str) -> str | None:
    name = raw.strip()
    if name.endswith("街道办事处"):
        name = name[: -len("办事处")]
    if len(name) >= 3 and name.endswith(TOWN_SUFFIXES):
        return name
    return None


def read_csv(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--divisions", type=Path, default=DEFAULT_DIVISIONS)
    args = parser.parse_args()
    src = args.divisions

    words: set[str] = set()
    counts: dict[str, int] = {}
    for file, column in (
        ("towns_nbs_2015_2022.csv.gz", "town_name"),
        ("towns_areacity_2023.csv.gz", "town_name"),
    ):
        rows = 0
        for row in read_csv(src / file):
            rows += 1
            name = town_name(row[column])
            if name:
                words.add(name)
        counts[file] = rows
    towns = len(words)

    rows = 0
    for row in read_csv(src / "counties_1980_2025.csv"):
        rows += 1
        name = row["名称"].strip()
        if row["级别"] == "县级" and name.endswith(COUNTY_SUFFIXES) and name not in GENERIC_COUNTY_NAMES:
            words.add(name)
    counts["counties_1980_2025.csv"] = rows

    OUT.mkdir(parents=True, exist_ok=True)
    body = "\n".join(sorted(words)) + "\n"
    buffer = io.BytesIO()
    # mtime=0 keeps the output byte-identical between builds.
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:
        handle.write(body.encode("utf-8"))
    (OUT / "place_words.txt.gz").write_bytes(buffer.getvalue())

    lines = [
        "# Provenance of pipeline/data",
        "",
        "Built by `python scripts/build_data.py` from `shared/data/divisions/` (see its README);",
        "do not edit by hand.",
        "",
        "| file read | rows | licence |",
        "|---|---|---|",
        f"| towns_nbs_2015_2022.csv.gz | {counts['towns_nbs_2015_2022.csv.gz']} | WTFPL (modood/Administrative-divisions-of-China; NBS data) |",
        f"| towns_areacity_2023.csv.gz | {counts['towns_areacity_2023.csv.gz']} | MIT (xiangyuecn/AreaCity-JsSpider-StatsGov) |",
        f"| counties_1980_2025.csv | {counts['counties_1980_2025.csv']} | CC0 (yescallop/areacodes) |",
        "",
        f"`place_words.txt.gz`: {len(words)} names ({towns} townships ending in 乡/镇/街道/苏木, "
        "街道办事处 folded to 街道; the rest county-level names), one per line, used as jieba user words.",
        "",
    ]
    (OUT / "PROVENANCE.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT / 'place_words.txt.gz'}: {len(words)} names")


if __name__ == "__main__":
    main()
