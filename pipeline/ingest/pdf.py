"""PDF: text through pypdfium2, tables through pdfplumber on the pages that have rules,
OCR for pages without a usable text layer.

pdfplumber's full-page text is ~50x slower than pypdfium2's, so it only reads
pages whose drawing has enough ruled lines to hold a table. A text layer that
decodes to garbage (a CID font without a ToUnicode map) counts as no text
layer. Lines that a page broke inside a paragraph are joined again; running
headers, footers and page numbers are dropped.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from pipeline.errors import InputError
from pipeline.i18n import _
from pipeline.ingest.layout import TextBuilder
from pipeline.ingest.ocr import lines_from_boxes
from pipeline.models import Source, SourceWarning

_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d+\s*页)?[-—–\s]*$")
_SENTENCE_END = tuple("。！？!?:：；;")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.](?!\d)|[①-⑳]|第[一二三四五六七八九十]+[部章节])"
)
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u0020-\u007e\s“”‘’…—·《》〔〕【】、]")
MIN_RULES_FOR_TABLE = 6


def read_pdf(data: bytes, path: str, digest: str, limits, ocr) -> Source:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError(_("the PDF is password-protected; save an unprotected copy and run again")) from None
        raise InputError(
            _("cannot open the PDF, it is damaged or truncated ({reason}); export it again").format(
                reason=_pdfium_reason(message)
            )
        ) from None
    try:
        if len(document) > limits.max_pages:
            raise InputError(
                _("the PDF has {pages} pages, over the {limit}-page limit (--max-pages)").format(
                    pages=len(document), limit=limits.max_pages
                )
            )
        pages = []
        for index in range(len(document)):
            try:
                pages.append(_read_page(document, index, data, limits, ocr))
            except pdfium.PdfiumError as exc:
                raise InputError(
                    _("page {page} of the PDF is damaged ({reason}); export the PDF again").format(
                        page=index + 1, reason=exc
                    )
                ) from None
    finally:
        document.close()
    _drop_running_lines(pages)
    _join_tables_across_pages(pages)
    out = TextBuilder()
    warnings: list[SourceWarning] = []
    ocr_pages, unread = [], []
    for number, page in enumerate(pages, start=1):
        out.new_page()
        for item in page.items:
            if isinstance(item, list):
                out.table(item, page=number)
            else:
                out.line(item)
        if page.how == "ocr":
            ocr_pages.append(number)
        elif page.how == "unread":
            unread.append(number)
    text = out.text
    starts = out.page_starts
    why_unread = "OCR已关闭（--no-ocr）" if not limits.ocr else "未安装OCR组件：安装 gongkai[ocr] 后可识别"
    if unread:
        warnings.append(
            _pages_warning("unread-pages", unread, starts, text, f"没有可用的文字层（扫描件），{why_unread}")
        )
    if ocr_pages:
        warnings.append(_pages_warning("ocr-pages", ocr_pages, starts, text, "由OCR识别，引文请与原件核对"))
    if not text.strip():
        if unread and not limits.ocr:
            raise InputError(_("the PDF has no text layer (a scan) and OCR is turned off; run again without --no-ocr"))
        if unread:
            raise InputError(
                _(
                    "the PDF has no text layer (a scan) and OCR is not installed; install it with: pip install 'gongkai[ocr]'"
                )
            )
        raise InputError(_("the PDF holds no text (blank pages?); check that it is the right file"))
    return Source(
        path=path,
        kind="pdf",
        sha256=digest,
        text=text,
        page_starts=tuple(starts),
        warnings=tuple(warnings),
        tables=tuple(out.tables),
        ocr_pages=tuple(ocr_pages),
    )


class _Page:
    def __init__(self, items: list, how: str):
        self.items = items  # lines (str) and tables (list of rows), top to bottom
        self.how = how  # text | ocr | unread


def _read_page(document, index: int, data: bytes, limits, ocr) -> _Page:
    import pypdfium2.raw as pdfium_c

    page = document[index]
    try:
        textpage = page.get_textpage()
        raw = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        textpage.close()
        ruled = _path_objects(page, pdfium_c) >= MIN_RULES_FOR_TABLE
        if usable_text(raw):
            with_tables = _tables_or_none(_page_with_tables, data, index) if ruled else None
            return _Page(with_tables or join_lines(raw.split("\n")), "text")
        if ocr is not None and limits.ocr and ocr.available:
            boxes = ocr.read_boxes(page)
            with_tables = _tables_or_none(_ocr_page_with_tables, data, index, boxes) if ruled else None
            return _Page(with_tables or join_lines(lines_from_boxes(boxes)), "ocr")
        return _Page([], "unread")
    finally:
        page.close()


def _tables_or_none(read, *args):
    """pdfplumber's reading of a page, or None if its parser chokes (the plain text still serves)."""
    # pdfminer logs every oddity of a damaged file to stderr; our findings say what matters.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        return read(*args)
    except Exception:  # noqa: BLE001 - pdfminer raises many kinds on damaged content
        return None


def _path_objects(page, pdfium_c) -> int:
    """How many drawn paths (table rules among them) the page has, counted with raw calls."""
    raw = page.raw
    count = 0
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, index)) == pdfium_c.FPDF_PAGEOBJ_PATH:
            count += 1
            if count >= MIN_RULES_FOR_TABLE:
                break
    return count


def usable_text(text: str) -> bool:
    """A text layer worth reading: enough characters, nearly all of them plausible Chinese text."""
    chars = re.sub(r"\s+", "", text)
    if len(chars) < 5 or "(cid:" in chars:
        return False
    plausible = len(_PLAUSIBLE.findall(chars))
    han = sum(1 for ch in chars if "\u4e00" <= ch <= "\u9fff")
    return plausible / len(chars) >= 0.9 and (han >= 3 or len(chars) < 40)


def _page_with_tables(data: bytes, index: int) -> list | None:
    """The page's lines and tables in reading order, or None if pdfplumber finds no table."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data), pages=[index + 1]) as pdf:
        page = pdf.pages[0]
        found = page.find_tables()
        others = [t.bbox for t in found]
        grids = [(table, table.extract()) for table in found]
        tables = sorted(
            ((table, cells) for table, cells in grids if not is_frame(table.bbox, cells, others)),
            key=lambda item: item[0].bbox[1],
        )
        if not tables:
            return None
        items: list = []
        top = 0.0
        for table, cells in tables:
            x0, t_top, x1, t_bottom = table.bbox
            if t_top > top:
                items += join_lines(_crop_text(page, top, t_top))
            items.append([[cell or "" for cell in row] for row in cells])
            top = t_bottom
        if top < page.height:
            items += join_lines(_crop_text(page, top, page.height))
        page.close()
        return items


MAX_CELL_CHARS = 200  # a statutory table's longest cell is its 勾稽 note (~35 characters)


def is_frame(bbox, cells: list[list[str | None]], others: list) -> bool:
    """A ruled rectangle that holds paragraphs is a page border, not a table.

    Word's page borders (with a rule under the letterhead) make pdfplumber see the
    page as a one-column table. A table has at least two columns and two rows,
    holds no other table, and no cell of it is a paragraph.
    """
    if len(cells) < 2 or max((len(row) for row in cells), default=0) < 2:
        return True
    if any(other != bbox and _inside(other, bbox) for other in others):
        return True
    return any(len(cell or "") > MAX_CELL_CHARS for row in cells for cell in row)


def _inside(inner, outer) -> bool:
    return (
        inner[0] >= outer[0] - 1 and inner[1] >= outer[1] - 1 and inner[2] <= outer[2] + 1 and inner[3] <= outer[3] + 1
    )


def _ocr_page_with_tables(data: bytes, index: int, boxes: list) -> list | None:
    """OCR'd text put into the cells of the page's ruled tables (a garbled text layer keeps its rules)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data), pages=[index + 1]) as pdf:
        page = pdf.pages[0]
        found = page.find_tables()
        others = [t.bbox for t in found]
        # Without a text layer a frame is known by its shape: one column or row, or tables inside it.
        tables = sorted(
            (t for t in found if not is_frame(t.bbox, [["x"] * len(row.cells) for row in t.rows], others)),
            key=lambda t: t.bbox[1],
        )
        rows = [[[cell for cell in row.cells] for row in table.rows] for table in tables]
        bboxes = [table.bbox for table in tables]
        page.close()
    if not tables:
        return None
    grids = [[["" for _ in row] for row in table] for table in rows]
    loose: list[list] = [[] for _ in range(len(tables) + 1)]  # text above, between and below the tables
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        placed = False
        for t, (x0, top, x1, bottom) in enumerate(bboxes):
            if x0 <= x <= x1 and top <= y <= bottom:
                for r, row in enumerate(rows[t]):
                    for c, cell in enumerate(row):
                        if cell and cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]:
                            grids[t][r][c] += box[4]
                            placed = True
                placed = True
                break
        if not placed:
            region = sum(1 for bbox in bboxes if y > bbox[3])
            loose[region].append(box)
    items: list = []
    for t, grid in enumerate(grids):
        items += join_lines(lines_from_boxes(loose[t]))
        items.append(grid)
    return items + join_lines(lines_from_boxes(loose[-1]))


def _crop_text(page, top: float, bottom: float) -> list[str]:
    region = page.crop((0, max(0, top), page.width, min(page.height, bottom)), strict=False)
    return (region.extract_text() or "").split("\n")


def join_lines(lines: list[str]) -> list[str]:
    """Join the lines a page broke inside a paragraph; keep headings and short last lines apart."""
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return []
    lengths = sorted(map(len, lines))
    full = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 3 else lengths[-1]
    out: list[str] = []
    last_length = 0  # of the previous physical line, not of the joined paragraph
    for line in lines:
        if (
            out
            and last_length >= 0.85 * full
            and not out[-1].endswith(_SENTENCE_END)
            and not _HEADING.match(line)
            and not _PAGE_NUMBER.match(line)
        ):
            out[-1] += line
        else:
            out.append(line)
        last_length = len(line)
    return out


def _join_tables_across_pages(pages: list[_Page]) -> None:
    """A table that ends one page and goes on at the top of the next is one table."""
    for previous, page in zip(pages, pages[1:], strict=False):
        if not previous.items or not page.items:
            continue
        last, first = previous.items[-1], page.items[0]
        if isinstance(last, list) and isinstance(first, list) and len(last[0]) == len(first[0]):
            last.extend(first)
            page.items.pop(0)


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    if not pages:
        return
    edges: Counter[str] = Counter()
    for page in pages:
        lines = [i for i in page.items if isinstance(i, str)]
        for line in {*(lines[:1]), *(lines[-1:])}:
            edges[re.sub(r"\d+", "#", line)] += 1
    repeated = {key for key, count in edges.items() if count >= max(2, 0.6 * len(pages))}
    for page in pages:
        strings = [i for i in page.items if isinstance(i, str)]
        edge_lines = set(strings[:2] + strings[-2:])
        page.items = [
            item
            for item in page.items
            if not (
                isinstance(item, str)
                and item in edge_lines
                and (_PAGE_NUMBER.match(item) or re.sub(r"\d+", "#", item) in repeated)
            )
        ]


def _pages_warning(code: str, pages: list[int], starts: list[int], text: str, what: str) -> SourceWarning:
    listed = "、".join(map(str, pages))
    first = starts[pages[0] - 1] if pages[0] - 1 < len(starts) else 0
    end = text.find("\n", first)
    return SourceWarning(code, f"第{listed}页{what}", first, end if end > first else first)


# PDFium's own words for why a document did not load (pypdfium2's ErrorToStr), said in the interface's language.
PDFIUM_REASONS = {
    "Unknown error": "PDFium: unknown error",
    "File access error": "PDFium: file access error",
    "Data format error": "PDFium: data format error",
    "Incorrect password error": "PDFium: incorrect password",
    "Unsupported security scheme error": "PDFium: unsupported security scheme",
    "Page not found or content error": "PDFium: page not found or content error",
}


def _pdfium_reason(message: str) -> str:
    """`Failed to load document (PDFium: Data format error).` -> PDFium：数据格式错误 (the rest as it is)."""
    found = next((reason for words, reason in PDFIUM_REASONS.items() if words in message), None)
    return _(found) if found else message
