"""HTML pages as saved from government sites: the article, its tables and its date.

The page is decoded by its declared charset when that decodes cleanly, else
like a text file (strict UTF-8, then GB18030). Navigation, share buttons,
打印/关闭 and the other furniture are dropped; the article is the block with
the most Chinese text outside links. The page's title and its 发布时间 line,
which often sit outside the article block, are put back in front of it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.errors import InputError
from pipeline.i18n import _
from pipeline.ingest.layout import TextBuilder, clean_cell
from pipeline.ingest.text import decode_text
from pipeline.models import Source

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_DROP_TAGS = {"script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "button",
              "select", "input", "textarea", "object", "embed", "svg", "canvas", "template"}  # fmt: skip
_FURNITURE = re.compile(
    r"nav|menu|footer|header|share|breadcrumb|crumb|sidebar|toolbar|print|copyright|related|comment|"
    r"login|search|banner|topbar|bottom|guide|weizhi|location|fxdh|bdshare|jiathis",
    re.IGNORECASE,
)
_BLOCKS = {"p", "div", "section", "article", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br",
           "blockquote", "pre", "dd", "dt", "center", "ul", "ol", "table", "hr"}  # fmt: skip
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DATE_LINE = re.compile(
    r"(?:发布时间|发布日期|发文日期|成文日期|日期)\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}(?:\s*日)?)"
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A line made only of these words (and brackets) is links and widgets; matched word by word, so linear.
_WIDGET_WORDS = re.compile(r"打印本页|关闭窗口|返回顶部|分享到|打印|关闭|返回|顶部|收藏|分享|字号|大|中|小|[【】\s]")
_INFO_BAR = re.compile(r"(?:发布时间|发布日期|信息来源|来源|浏览次数|点击数|阅读次数|字号|作者)\s*[:：]")


def read_html(data: bytes, path: str, digest: str) -> Source:
    text, encoding = _decode(data)
    try:
        from lxml import html as lxml_html
        from lxml.etree import ParserError
    except ImportError:  # pragma: no cover - a core dependency
        raise InputError(_("HTML support needs lxml; reinstall gongkai")) from None
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    text = _CONTROL.sub(" ", text)  # lxml refuses control characters when it re-joins text around a dropped node
    text = _flatten_deep(text)
    try:
        # huge_tree: libxml2 otherwise drops whatever is nested deeper than 256 elements
        root = lxml_html.fromstring(text, parser=lxml_html.HTMLParser(huge_tree=True))
    except (ParserError, ValueError) as exc:
        raise InputError(
            _("cannot parse the HTML page ({reason}); save it again from the browser").format(reason=exc)
        ) from None
    page_text = " ".join(root.itertext())
    published = _DATE_LINE.search(page_text)
    title = _title(root)
    for node in list(root.iter()):
        if not isinstance(node.tag, str) or node.tag in _DROP_TAGS or _is_furniture(node):
            if node.getparent() is not None:
                node.drop_tree()
    article = _article(root)
    out = TextBuilder()
    body = _BlockWriter(out)
    body.walk(article)
    body.flush()
    content = out.text
    # The title and the page's date line, put back at the top: title first, then the date.
    prefix = f"{title}\n" if title and title not in content[:200] else ""
    if published:
        date_line = "发布时间:" + re.sub(r"\s+", "", published.group(1)) + "\n"
        if not prefix and content.startswith(title or "\0"):
            prefix, content = content[: len(title) + 1], content[len(title) + 1 :]
        prefix += date_line
    text = prefix + content
    if not text.strip():
        raise InputError(
            _(
                "the HTML page has no article text (is the report an attachment or a picture?); download the attachment and give that"
            )
        )
    inserted = len(text) - len(out.text)  # all of it above the first table
    tables = tuple(replace(t, start=t.start + inserted, end=t.end + inserted) for t in out.tables)
    return Source(path=path, kind="html", sha256=digest, text=text, encoding=encoding, tables=tables)


def _decode(data: bytes) -> tuple[str, str]:
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030"}.get(name, name)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    text, encoding, _ = decode_text(data)
    return text, encoding


def _title(root) -> str | None:
    for xpath in ("//h1", "//*[contains(@class,'title')]", "//title"):
        for node in root.xpath(xpath):
            text = re.sub(r"\s+", "", node.text_content())
            if 4 <= len(text) <= 80 and "报告" in text:
                return text.split("_")[0].split("-")[0] if xpath == "//title" else text
    return None


def _is_furniture(node) -> bool:
    marks = " ".join(filter(None, (node.get("id"), node.get("class"))))
    return bool(marks and _FURNITURE.search(marks))


def _article(root):
    """The deepest block that still holds nearly all of the page's Chinese text outside links."""
    scored = []
    for node in root.iter("div", "td", "article", "section", "body", "main"):
        han = len(_HAN.findall(node.text_content()))
        if han < 50:
            continue
        links = sum(len(_HAN.findall(a.text_content())) for a in node.iter("a"))
        scored.append((han - 2 * links, len(list(node.iterancestors())), node))
    if not scored:
        return root
    best = max(score for score, _, _ in scored)
    return max((depth, -index, node) for index, (score, depth, node) in enumerate(scored) if score >= 0.85 * best)[2]


MAX_TABLE_CELLS = 20_000  # a statutory table has under 200; spans beyond this are hostile
MAX_DEPTH = 200  # elements; deeper structure is read as plain text (Python's recursion stays bounded)
MAX_NESTING = 150  # container tags kept nested; libxml2 drops what lies deeper than 256 (2048 with huge_tree)
_CONTAINER = re.compile(r"<(/?)(div|span|font|section|article|center|b|i|u|strong|em)\b[^<>]{0,2000}>", re.I)
_LINE_BREAKING = {"div", "section", "article", "center"}


def _flatten_deep(text: str) -> str:
    """Container tags nested deeper than MAX_NESTING are removed (their text stays, a block's
    end still breaks the line), in one pass."""
    depth = 0
    cut: list[re.Match] = []
    for tag in _CONTAINER.finditer(text):
        if tag.group(1):  # a closing tag
            if depth > MAX_NESTING:
                cut.append(tag)
            depth = max(0, depth - 1)
        elif not tag.group().endswith("/>"):
            depth += 1
            if depth > MAX_NESTING:
                cut.append(tag)
    if not cut:
        return text
    pieces, position = [], 0
    for tag in cut:
        pieces.append(text[position : tag.start()])
        pieces.append("<br>" if tag.group(2).lower() in _LINE_BREAKING else "")
        position = tag.end()
    pieces.append(text[position:])
    return "".join(pieces)


class _BlockWriter:
    """Walk an element tree, writing block elements as lines and tables as cells."""

    def __init__(self, out: TextBuilder):
        self.out = out
        self.current: list[str] = []

    def flush(self) -> None:
        line = re.sub(r"[ \t\r\n\xa0]+", " ", "".join(self.current)).strip()
        self.current = []
        if line and not _is_furniture_line(line):
            self.out.line(line)

    def walk(self, node, depth: int = 0) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if depth >= MAX_DEPTH:  # a page nested this deep is flattened: its text, line by line
            self.flush()
            for line in node.text_content().splitlines():
                self.current.append(line)
                self.flush()
            if node.tail:
                self.current.append(node.tail)
            return
        if tag == "table":
            self.flush()
            self.out.table(_table_cells(node))
            if node.tail:
                self.current.append(node.tail)
            return
        if tag in _BLOCKS:
            self.flush()
        if node.text and tag not in ("br",):
            self.current.append(node.text)
        for child in node:
            self.walk(child, depth + 1)
        if tag in _BLOCKS:
            self.flush()
        if node.tail:
            self.current.append(node.tail)


def _is_furniture_line(line: str) -> bool:
    return bool(_INFO_BAR.match(line)) or not _WIDGET_WORDS.sub("", line)


def _table_cells(table) -> list[list[str]]:
    """The table on its grid: colspan/rowspan expanded, a merged cell's text at its top-left only."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, col) covered by a rowspan from above
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    cells = 0
    for r, tr in enumerate(rows):
        if cells > MAX_TABLE_CELLS:
            break  # spans that would expand past any real table: keep what fits
        cells += len(pending) + sum(len(row) for row in grid[-1:])
        row: list[str] = []
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            text = clean_cell(cell.text_content().replace("\xa0", " "))
            colspan = _span(cell.get("colspan"))
            rowspan = _span(cell.get("rowspan"))
            if cells + len(row) + colspan * rowspan > MAX_TABLE_CELLS:
                colspan = rowspan = 1
            for offset in range(colspan):
                row.append(text if offset == 0 else "")
                for down in range(1, rowspan):
                    pending[(r + down, col + offset)] = ""
            col += colspan
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        grid.append(row)
    return grid


def _nearest_table(node):
    for ancestor in node.iterancestors("table"):
        return ancestor
    return None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1
