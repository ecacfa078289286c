"""Build gongkai's packaged gazetteer from the division tables in ../shared/data/divisions.

    python scripts/build_data.py [--divisions DIR]

Writes, into pipeline/data/ (committed; the project never downloads them):

- towns.tsv.gz     one row per (county, township name): name, county code, the
                   last three digits of the latest NBS town code (empty when the
                   name is only in the 2023 list), first and last edition year;
- counties.tsv.gz  county-, prefecture- and province-level units with their years
                   and successors, as in the source;
- changes.tsv.gz   the Ministry of Civil Affairs' township changes 2014-2023;
- common_word_names.txt.gz
                   township names whose stem is also a common word in jieba's own
                   dictionary (更新乡, 建设镇, 发展乡): 更新乡政府 is usually 更新 + 乡政府;
- PROVENANCE.md    the files read, their row counts and licences.
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


def town_name(raw: str) -> str | None:
    """A township-level name (街道办事处 folded to 街道), or None for farms, parks and the like."""
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


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    body = "\t".join(header) + "\n" + "".join("\t".join(map(str, row)) + "\n" for row in rows)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:  # mtime=0: reproducible bytes
        handle.write(body.encode("utf-8"))
    path.write_bytes(buffer.getvalue())


def build_towns(src: Path, counts: dict[str, int]) -> list[list[str]]:
    towns: dict[tuple[str, str], dict] = {}
    rows = 0
    for row in read_csv(src / "towns_nbs_2015_2022.csv.gz"):
        rows += 1
        name = town_name(row["town_name"])
        if not name:
            continue
        year = int(row["nbs_year"])
        entry = towns.setdefault((row["county_code"], name), {"years": set(), "code": "", "code_year": 0})
        entry["years"].add(year)
        if year >= entry["code_year"]:
            entry["code"], entry["code_year"] = row["town_code"][6:], year
    counts["towns_nbs_2015_2022.csv.gz"] = rows
    rows = 0
    for row in read_csv(src / "towns_areacity_2023.csv.gz"):
        rows += 1
        name = town_name(row["town_name"])
        if name and row["county_code_nbs"]:
            entry = towns.setdefault((row["county_code_nbs"], name), {"years": set(), "code": "", "code_year": 0})
            entry["years"].add(2023)
    counts["towns_areacity_2023.csv.gz"] = rows
    return [
        [name, county, entry["code"], min(entry["years"]), max(entry["years"])]
        for (county, name), entry in sorted(towns.items())
    ]


COMMON_WORD_FREQ = 100  # a stem this frequent in jieba's dictionary, and not a proper noun, is a word


def common_word_names(names: set[str]) -> list[str]:
    """Township names that read as a common word plus 乡/镇/街道 (jieba 0.42.1's dict.txt, MIT)."""
    import jieba

    words = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            word, freq, tag = line.split()
            if int(freq) >= COMMON_WORD_FREQ and not tag.startswith(("ns", "nr", "nz", "nt")):
                words[word] = tag
    found = []
    for name in names:
        for suffix in ("街道", "苏木", "乡", "镇"):
            if name.endswith(suffix) and name[: -len(suffix)] in words:
                found.append(name)
                break
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--divisions", type=Path, default=DEFAULT_DIVISIONS)
    args = parser.parse_args()
    src = args.divisions
    counts: dict[str, int] = {}
    OUT.mkdir(parents=True, exist_ok=True)

    towns = build_towns(src, counts)
    write_tsv(OUT / "towns.tsv.gz", ["name", "county_code", "code_suffix", "first_year", "last_year"], towns)

    counties = []
    for row in read_csv(src / "counties_1980_2025.csv"):
        counties.append(
            [row["代码"], row["名称"], row["级别"], row["一级行政区"], row["二级行政区"], row["状态"],
             row["启用时间"], row["变更/弃用时间"], row["新代码"]]
        )  # fmt: skip
    counts["counties_1980_2025.csv"] = len(counties)
    write_tsv(
        OUT / "counties.tsv.gz",
        ["code", "name", "level", "province", "city", "status", "first_year", "last_year", "successors"],
        counties,
    )

    changes = []
    for row in read_csv(src / "township_changes_2014_2023.csv"):
        changes.append(
            [row["year"], row["province"], row["old_code"], town_name(row["old_name"]) or row["old_name"],
             row["reason"], row["new_code"], town_name(row["new_name"]) or row["new_name"]]
        )  # fmt: skip
    counts["township_changes_2014_2023.csv"] = len(changes)
    write_tsv(
        OUT / "changes.tsv.gz",
        ["year", "province", "old_code", "old_name", "reason", "new_code", "new_name"],
        changes,
    )

    stale = OUT / "place_words.txt.gz"
    if stale.exists():
        stale.unlink()
    names = {row[0] for row in towns}
    common = common_word_names(names)
    (OUT / "common_word_names.txt.gz").write_bytes(gzip.compress(("\n".join(common) + "\n").encode("utf-8"), mtime=0))
    lines = [
        "# Provenance of pipeline/data",
        "",
        "Built by `python scripts/build_data.py` from `shared/data/divisions/` (see its README);",
        "do not edit by hand.",
        "",
        "| file read | rows | source and licence |",
        "|---|---|---|",
        f"| towns_nbs_2015_2022.csv.gz | {counts['towns_nbs_2015_2022.csv.gz']} | NBS 统计用区划代码 2015–2022 via modood/Administrative-divisions-of-China (WTFPL) |",
        f"| towns_areacity_2023.csv.gz | {counts['towns_areacity_2023.csv.gz']} | 2023 town names via xiangyuecn/AreaCity-JsSpider-StatsGov (MIT); names and county codes only |",
        f"| counties_1980_2025.csv | {counts['counties_1980_2025.csv']} | yescallop/areacodes result.csv (CC0) |",
        f"| township_changes_2014_2023.csv | {counts['township_changes_2014_2023.csv']} | Ministry of Civil Affairs change tables via yescallop/areacodes (CC0) |",
        "",
        "| file written | rows |",
        "|---|---|",
        f"| towns.tsv.gz | {len(towns)} rows: (county, township) pairs, {len(names)} distinct names; 街道办事处 folded to 街道; farms, parks and other non-township units left out |",
        f"| counties.tsv.gz | {len(counties)} |",
        f"| changes.tsv.gz | {len(changes)} |",
        f"| common_word_names.txt.gz | {len(common)} township names whose stem is a common word in jieba 0.42.1's dict.txt (MIT; freq ≥ {COMMON_WORD_FREQ}, not a proper noun) |",
        "",
        "Known gaps: no township data before 2015 (the 2015 edition is partial); the 2023 list has no NBS town codes.",
        "",
    ]
    (OUT / "PROVENANCE.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT}: {len(towns)} towns, {len(counties)} county-level rows, {len(changes)} changes")


if __name__ == "__main__":
    main()
