"""PDF ingest speed against bare pypdfium2 and pdfplumber, and OCR cost per page.

    python bench/bench_pdf.py [--copies 20] [--rounds 5]

Makes a long text PDF from the seed (the seed repeated --copies times) and a
scanned one with scripts/make_fixtures.py, then prints pages/s for
gongkai's PDF ingest (text, re-joined lines, furniture dropped, tables where
ruled), bare pypdfium2 text extraction, and pdfplumber's extract_text on the
same file; then OCR seconds per page and the peak memory of an OCR run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))


def main() -> None:
    from common import median_time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import make_fixtures
    import pdfplumber
    import pypdfium2 as pdfium

    from pipeline.ingest import IngestLimits, read_source

    work = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    seed = (ROOT / "samples" / "longwei-2009.txt").read_text(encoding="utf-8")
    long_text = work / "long.txt"
    long_text.write_text("\n".join([seed] * args.copies), encoding="utf-8")
    for report in (long_text, ROOT / "tests" / "data" / "clean-2021-pingyangkeng.txt"):
        make_fixtures.make_pdf(
            make_fixtures.blocks(report.read_text(encoding="utf-8")), work / f"{report.stem}.pdf", "页眉"
        )
    pdf = work / "long.pdf"
    document = pdfium.PdfDocument(str(pdf))
    pages = len(document)
    document.close()

    def bare_pdfium():
        doc = pdfium.PdfDocument(str(pdf))
        for i in range(len(doc)):
            page = doc[i]
            page.get_textpage().get_text_range()
            page.close()
        doc.close()

    def bare_pdfplumber():
        with pdfplumber.open(str(pdf)) as doc:
            for page in doc.pages:
                page.extract_text()
                page.close()

    limits = IngestLimits(max_pages=10_000)
    ours = median_time(lambda: read_source(pdf, limits), args.rounds)
    fast = median_time(bare_pdfium, args.rounds)
    slow = median_time(bare_pdfplumber, max(1, args.rounds // 2))
    print(f"text PDF of {pages} pages (the seed x{args.copies})")
    print(f"  gongkai ingest         {pages / ours:8.0f} pages/s")
    print(f"  bare pypdfium2         {pages / fast:8.0f} pages/s   (gongkai costs {ours / fast:.1f}x)")
    print(f"  pdfplumber extract_text{pages / slow:8.0f} pages/s   (gongkai is {slow / ours:.0f}x faster)")
    tables = work / "clean-2021-pingyangkeng.pdf"
    with_tables = median_time(lambda: read_source(tables, limits), args.rounds)
    print(f"  2021 report with 3 ruled tables (2 pages): {with_tables * 1000:.0f} ms")

    scan = work / "scan.pdf"
    make_fixtures.make_pdf(make_fixtures.blocks(seed), work / "seed.pdf", "页眉")
    make_fixtures.make_scan(work / "seed.pdf", scan)
    script = (
        "import sys, time, resource; sys.path.insert(0, sys.argv[2]);"
        "from pipeline.ingest import IngestLimits, read_source; from pipeline.ingest.ocr import OcrEngine;"
        "engine = OcrEngine(); start = time.perf_counter();"
        "source = read_source(sys.argv[1], IngestLimits(), engine);"
        "elapsed = time.perf_counter() - start;"
        "print(len(source.ocr_pages), elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(scan), str(ROOT)], capture_output=True, text=True, check=True
    )
    ocr_pages, elapsed, peak_kb = out.stdout.split()
    print(f"scanned seed, {ocr_pages} pages at 200 dpi")
    print(f"  OCR (rapidocr, use_cls=False, model load included) {float(elapsed) / int(ocr_pages):.1f} s/page")
    print(f"  peak memory of the OCR run                          {int(peak_kb) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
