"""Measure gongkai on a folder of real report texts kept outside the repository.

    python scripts/measure_real.py CORPUS_DIR [CORPUS_DIR ...] [--findings OUT.tsv] [--show-misses]

CORPUS_DIR holds text files and one or more manifest.jsonl files (in it or in its
sub-folders), one JSON object per text with what a person read in it: "file"
(relative to the manifest's folder's parent), "issuer", "unit", "level",
"county", "report_year", "published" and "names_issuer". Real reports are
third-party text: they are never committed; README states the figures this prints.

It prints how many issuers, levels, counties, years and publication dates
gongkai gets right, and writes every warning and error it raises to a TSV file
for review by hand (a column for the verdict). Excerpts are page beginnings, so
findings about what the whole document lacks (ST101, ST103) are counted apart.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WHOLE_DOCUMENT_RULES = {"ST101", "ST103", "TB108"}  # cannot be judged on an excerpt


def entries(corpus: Path) -> list[tuple[Path, dict]]:
    found = []
    for manifest in sorted(corpus.rglob("manifest.jsonl")):
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                path = manifest.parent.parent / entry["file"]
                if not path.exists():
                    path = manifest.parent / Path(entry["file"]).name
                found.append((path, entry))
    return found


def same_level(meta, entry) -> bool:
    """The manifests say township for 民族乡 too."""
    got = {"ethnic_township": "township"}.get(meta.issuer_level, meta.issuer_level)
    if got == "department" and meta.issuer_place in ("办公室", "政府办公室", "人民政府办公室"):
        return entry.get("level") in ("department", "county", "district", "city")
    return got == entry.get("level")


def stem(name: str) -> str:
    """平阳县 -> 平阳, 金平苗族瑶族傣族自治县 -> 金平: counties compared by what is left."""
    for suffix in ("自治县", "自治旗", "县", "区", "市", "旗"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.split("族")[0][:-1] if "族" in name else name


def simplified(text: str | None) -> str:
    """Manifests write a mirror's 繁体 names as printed; gongkai folds them."""
    from pipeline.normalize import _traditional

    pairs, pattern = _traditional()
    text = re.sub(r"\([a-zà-ü\u0101-\u01dc]{1,7}\)", "", text or "")  # pinyin as the mirror printed it
    return pattern.sub(lambda m: pairs[m.group()], text)


def same_unit(meta, entry) -> bool:
    unit = simplified(entry.get("unit")).replace("街道办事处", "街道")
    if not unit:
        return False
    names = {simplified(meta.issuer_place), simplified(meta.issuer)}
    if entry.get("level") == "department":
        return any(unit in n or (n and n in unit) for n in names if len(n) >= 3)
    written = simplified(entry.get("issuer"))
    office = meta.issuer_place in ("办公室", "政府办公室", "人民政府办公室")
    if office and (meta.county or meta.city or "") and (meta.county or meta.city) in written:
        return True  # X县人民政府办公室: the office writes the government's report
    return (
        unit in names
        or any(n.startswith(unit) for n in names if n)
        or bool(meta.issuer_place and meta.issuer_place in written)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--findings", type=Path, default=Path("/tmp/gongkai-real-findings.tsv"))
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    from pipeline.audit import Auditor
    from pipeline.ingest import source_from_bytes

    auditor = Auditor()
    rows = [row for corpus in args.corpus for row in entries(corpus)]
    tally: Counter[str] = Counter()
    misses = []
    review = ["file\trule\tseverity\tline\tmatch\tmessage\tsentence\tverdict"]
    by_rule: Counter[str] = Counter()
    seen: set[bytes] = set()
    for path, entry in rows:
        data = path.read_bytes()
        if data in seen:
            tally["duplicates left out"] += 1
            continue  # the same page collected twice
        seen.add(data)
        result = auditor.audit_source(source_from_bytes(data, path.name))
        if result.error:
            tally["error rows"] += 1
            misses.append((entry["file"], "error", result.error))
            continue
        meta = result.report.meta
        tally["texts"] += 1
        if entry.get("names_issuer") and entry.get("issuer"):
            tally["name issuer"] += 1
            ok = same_unit(meta, entry)
            tally["issuer right"] += ok
            level_ok = ok and same_level(meta, entry)
            tally["level right"] += level_ok
            county = simplified(entry.get("county"))
            text = result.report.text.text
            if county and ok and stem(county) in text:  # the text names the county
                tally["county named"] += 1
                county_ok = any(stem(county) == stem(n or "") for n in (meta.county, meta.city, meta.issuer_place))
                tally["county right"] += county_ok
            else:
                county_ok = True
            if not (ok and level_ok and county_ok):
                misses.append((entry["file"], "issuer", entry.get("unit"), entry.get("level"), entry.get("county"),
                               meta.issuer_place, meta.issuer_level, meta.county))  # fmt: skip
        elif meta.issuer_place:
            tally["issuer claimed where none is named"] += 1
            misses.append(
                (entry["file"], "no issuer named", None, None, None, meta.issuer_place, meta.issuer_level, None)
            )
        if entry.get("report_year"):
            tally["year known"] += 1
            tally["year right"] += meta.report_year == entry["report_year"]
            if meta.report_year != entry["report_year"]:
                misses.append((entry["file"], "year", entry["report_year"], meta.report_year, meta.year_source))
        if entry.get("published"):
            tally["published shown"] += 1
            got = meta.published.value.isoformat() if meta.published else None
            tally["published right"] += got == entry["published"]
            if got != entry["published"]:
                misses.append((entry["file"], "published", entry["published"], got))
        for f in result.findings:
            if f.severity == "info":
                continue
            whole = f.rule in WHOLE_DOCUMENT_RULES or f.data.get("against") == "一级标题"  # ST106 on the headings
            key = "whole-document" if whole else "judged"
            tally[f"{key} findings"] += 1
            by_rule[f.rule] += 1
            text = result.report.text.text
            start = max(text.rfind("\n", 0, f.start), text.rfind("。", 0, f.start)) + 1
            stop = min(i for i in (text.find("\n", f.end), len(text)) if i >= 0)
            sentence = text[start:stop][:160].replace("\t", " ")
            review.append("\t".join([entry["file"], f.rule, f.severity, str(f.location.line), f.match[:40],
                                     f.message.replace("\t", " "), sentence, ""]))  # fmt: skip
    args.findings.write_text("\n".join(review) + "\n", encoding="utf-8")
    named = tally["name issuer"] or 1
    print(f"real texts                    {tally['texts']} (+{tally['duplicates left out']} duplicates left out)")
    print(f"name their issuer             {tally['name issuer']}")
    print(f"issuer resolved right         {tally['issuer right']}  ({tally['issuer right'] / named:.1%})")
    print(f"  … at the right level        {tally['level right']}  ({tally['level right'] / named:.1%})")
    print(f"  … county right (of named)   {tally['county right']} / {tally['county named']}")
    print(f"issuer claimed, none named    {tally['issuer claimed where none is named']}")
    print(f"report year right             {tally['year right']} / {tally['year known']}")
    print(f"publication date right        {tally['published right']} / {tally['published shown']}")
    print(f"warnings and errors           {tally['judged findings']} (+{tally['whole-document findings']} "
          f"about the whole document, not judged on excerpts)")  # fmt: skip
    print("by rule: " + ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())))
    print(f"findings for review: {args.findings}")
    if args.show_misses:
        for miss in misses:
            print("MISS", *miss)


if __name__ == "__main__":
    main()
