"""Make PDF, DOCX and HTML versions of plain-text reports, as counties receive them.

    python scripts/make_fixtures.py OUT_DIR [REPORT.txt ...]

For each report (default: samples/longwei-2009.txt and
tests/data/clean-2021-pingyangkeng.txt) it writes:

- NAME.pdf         text layer (reportlab, WenQuanYi Zen Hei embedded), ruled tables
                   with merged header cells and a vertical header, a running header
                   and page numbers;
- NAME.cid.pdf     the same with the fonts' ToUnicode maps removed: the text layer
                   decodes to garbage, as in badly made government PDFs;
- NAME.scan.pdf    image-only pages rendered from NAME.pdf (a clean scan), and
  NAME.degraded.pdf the same at 300 dpi skewed 0.7°, blurred, speckled and JPEG'd;
- NAME.docx        paragraphs, Word tables with merged cells, 一、 headings drawn by
                   Word's list numbering, a header and a footer;
- NAME.html        a government-site page in GBK with navigation, share buttons,
                   打印/关闭, a 发布时间 line and the tables as <table>;
- NAME.framed.pdf  a Word file printed to PDF with a page border: a ruled frame around
                   every page's text and tables, the title on two lines (issuer, then
                   year and title: the text of `two_line_title`), -1- page numbers.

Lines of `| a | b |` in the text are tables; an empty cell after a filled one in
the same row is merged into it. Needs reportlab, pypdfium2, python-docx and a
CJK TrueType font (Debian's fonts-wqy-zenhei, installed by scripts/test).
"""

from __future__ import annotations

import html
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORTS = [ROOT / "samples" / "longwei-2009.txt", ROOT / "tests" / "data" / "clean-2021-pingyangkeng.txt"]
FONT_FILES = ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"]
VERTICAL = {"结果维持", "结果纠正", "其他结果", "尚未审结"}  # drawn one character per line in PDFs


def blocks(text: str) -> list:
    """Paragraph strings and tables (lists of rows) in order; blank lines dropped."""
    out: list = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            row = [cell.strip() for cell in stripped[1:-1].split("|")]
            if out and isinstance(out[-1], list):
                out[-1].append(row)
            else:
                out.append([row])
        elif stripped:
            out.append(stripped)
    return out


def spans(row: list[str]) -> list[tuple[int, int]]:
    """(start column, width) of each filled cell; empty cells after it belong to it."""
    result = []
    for index, cell in enumerate(row):
        if cell or index == 0 or not result:
            result.append((index, 1))
        else:
            start, width = result[-1]
            if row[start]:
                result[-1] = (start, width + 1)
            else:
                result.append((index, 1))
    return result


def font_path() -> str:
    for path in FONT_FILES:
        if Path(path).exists():
            return path
    raise SystemExit("no CJK font found: install Debian's fonts-wqy-zenhei (scripts/test does)")


_TITLE_SPLIT = re.compile(r"^(?P<issuer>.+?)(?P<rest>(?:19|20)\d{2}年.*)$")


def two_line_title(text: str) -> str:
    """The report with its title set on two lines: 瑞安市平阳坑镇人民政府 / 2021年政府信息公开工作年度报告."""
    first, _, rest = text.partition("\n")
    match = _TITLE_SPLIT.match(first)
    if not match:
        return text
    return f"{match['issuer']}人民政府\n{match['rest']}\n{rest}"


def make_pdf(items: list, out: Path, header: str | None, framed: bool = False) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("WQY", font_path(), subfontIndex=0))
    body = ParagraphStyle("body", fontName="WQY", fontSize=11, leading=17, wordWrap="CJK", spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontSize=15, leading=22, alignment=1, spaceAfter=10)
    titles = 2 if framed else 1  # a framed report sets its issuer and its title on two lines
    cell = ParagraphStyle("cell", fontName="WQY", fontSize=6.5, leading=8, wordWrap="CJK")
    story = []
    for index, item in enumerate(items):
        if isinstance(item, str):
            story.append(Paragraph(html.escape(item), title if index < titles else body))
            continue
        width = len(item[0])
        data = [[Paragraph("<br/>".join(c) if c in VERTICAL else html.escape(c), cell) for c in row] for row in item]
        style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for r, row in enumerate(item):
            for start, span in spans(row):
                if span > 1:
                    style.append(("SPAN", (start, r), (start + span - 1, r)))
        first = 60 * mm if width > 6 else 45 * mm
        rest = (170 * mm - first) / max(1, width - 1)
        if width >= 15:
            first = rest = 170 * mm / width
        story += [Table(data, colWidths=[first] + [rest] * (width - 1), style=TableStyle(style)), Spacer(1, 6)]

    def furniture(canvas, doc):
        canvas.setFont("WQY", 8)
        if header:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, header)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"-{doc.page}-" if framed else f"- {doc.page} -")
        if framed:  # Word's page border around the text area, split by a rule under the first lines
            canvas.setLineWidth(1.2)
            left, bottom, right, top = 15 * mm, 15 * mm, A4[0] - 15 * mm, A4[1] - 15 * mm
            for x0, y0, x1, y1 in ((left, bottom, right, bottom), (left, top, right, top),
                                   (left, bottom, left, top), (right, bottom, right, top),
                                   (left, top - 22 * mm, right, top - 22 * mm)):  # fmt: skip
                canvas.line(x0, y0, x1, y1)

    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)


def strip_tounicode(pdf: Path, out: Path) -> None:
    """Hide the fonts' ToUnicode maps (same length, so the xref offsets still hold)."""
    data = pdf.read_bytes()
    if b"/ToUnicode" not in data:
        raise SystemExit(f"{pdf} has no /ToUnicode to strip")
    out.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))


def make_scan(pdf: Path, out: Path, dpi: int = 150, degrade: bool = False) -> None:
    """Image-only pages; `degrade` imitates a photocopied scan: skew, blur, speckles, JPEG."""
    import random

    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    document = pdfium.PdfDocument(str(pdf))
    images = [document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(document))]
    document.close()
    if degrade:
        rng = random.Random(7)
        spoiled = []
        for image in images:
            image = image.rotate(0.7, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.8))
            pixels = image.load()
            for _ in range(image.width * image.height // 200):  # 0.5% salt and pepper
                pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 255))
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=60)
            spoiled.append(Image.open(io.BytesIO(buffer.getvalue())).convert("L"))
        images = spoiled
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])


def make_docx(items: list, out: Path, header: str) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
    ))  # fmt: skip
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = "第 1 页"
    heading = re.compile(r"^[一二三四五六七八九十]+、")
    for item in items:
        if isinstance(item, str):
            if heading.match(item):  # Word draws the number: the text has none
                paragraph = document.add_paragraph(heading.sub("", item))
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = 90
            else:
                document.add_paragraph(item)
            continue
        table = document.add_table(rows=len(item), cols=len(item[0]))
        table.style = "Table Grid"
        for r, row in enumerate(item):
            for start, span in spans(row):
                target = table.cell(r, start)
                if span > 1:
                    target = target.merge(table.cell(r, start + span - 1))
                target.text = row[start]
    document.save(str(out))


PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_平阳县人民政府</title><script>var _hmt = _hmt || [];</script>
<style>.zoom p {{ line-height: 2; }}</style></head>
<body><div class="topbar"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hdjl">互动交流</a></div>
<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/xxgk">信息公开</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk">政府信息公开</a> &gt; 年度报告</div>
<div class="main"><h1 class="title">{title}</h1>
<div class="info">发布时间：{date} &nbsp; 来源：{source} &nbsp; 浏览次数：1024</div>
<div class="share bdshare">分享到：<a>微信</a><a>微博</a></div>
<div id="zoom" class="zoom">
{body}
</div>
<div class="print"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div></div>
<div class="footer">版权所有：平阳县人民政府 &nbsp; 浙ICP备00000000号 &nbsp; 网站标识码3303260000</div>
</body></html>
"""


def make_html(items: list, out: Path) -> None:
    title = items[0]
    date = "2022-01-20"
    parts = []
    for item in items[1:]:
        if isinstance(item, str):
            match = re.match(r"发布时间[:：](\S+)", item)
            if match:  # the page's own info bar carries it
                date = match.group(1)
                continue
            parts.append(f'<p style="text-indent:2em">{html.escape(item)}</p>')
            continue
        rows = []
        for row in item:
            cells = "".join(
                f'<td colspan="{span}">{html.escape(row[start])}</td>'
                if span > 1
                else f"<td>{html.escape(row[start])}</td>"
                for start, span in spans(row)
            )
            rows.append(f"<tr>{cells}</tr>")
        parts.append('<table border="1" cellspacing="0">' + "".join(rows) + "</table>")
    source = re.sub(r"\d{4}年.*", "", title)
    page = PAGE.format(title=html.escape(title), date=date, source=source, body="\n".join(parts))
    out.write_bytes(page.encode("gb18030"))


def make_framed(report: Path, out_dir: Path) -> Path:
    """The report printed from Word with a page border, a two-line title and -1- page numbers."""
    items = blocks(two_line_title(report.read_text(encoding="utf-8")))
    out = out_dir / f"{report.stem}.framed.pdf"
    make_pdf(items, out, header=None, framed=True)
    return out


def make_all(out_dir: Path, reports: list[Path] | None = None, scan: tuple[str, ...] = ("longwei-2009",)) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for report in reports or DEFAULT_REPORTS:
        items = blocks(report.read_text(encoding="utf-8"))
        name = report.stem
        header = "平阳县人民政府门户网站 政府信息公开"
        pdf = out_dir / f"{name}.pdf"
        make_pdf(items, pdf, header)
        strip_tounicode(pdf, out_dir / f"{name}.cid.pdf")
        make_docx(items, out_dir / f"{name}.docx", header)
        make_html(items, out_dir / f"{name}.html")
        written += [pdf, out_dir / f"{name}.cid.pdf", out_dir / f"{name}.docx", out_dir / f"{name}.html"]
        written.append(make_framed(report, out_dir))
        if name in scan:
            make_scan(pdf, out_dir / f"{name}.scan.pdf")
            make_scan(pdf, out_dir / f"{name}.degraded.pdf", dpi=300, degrade=True)
            written += [out_dir / f"{name}.scan.pdf", out_dir / f"{name}.degraded.pdf"]
    return written


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    reports = [Path(p) for p in sys.argv[2:]] or None
    for path in make_all(Path(sys.argv[1]), reports):
        print(path)


if __name__ == "__main__":
    main()
