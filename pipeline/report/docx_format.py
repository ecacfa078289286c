"""`--format docx -o NAME.docx`: the report as a Word document with a comment at each finding.

For a DOCX input, a copy of the document itself: each comment anchored on exactly the characters
the finding matched (a run is split where needed, its formatting kept); a finding about the whole
report sits on the title. For a text, PDF or HTML input, a new document of the report's text, a
paragraph per line, with the same comments. Author "gongkai"; the text says the rule, the problem,
the legal basis, the advice and the replacement. Several files: NAME.docx lists them, and each
report's commented copy is in NAME_files/.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.models import AuditResult, Finding
from pipeline.report.per_report import PerReportFiles
from pipeline.report.rows import SEVERITY_NAMES, not_audited
from pipeline.report.summary import Summary
from pipeline.report.terminal import APPLICABILITY, citation_text

AUTHOR = "gongkai"


def comment_text(finding: Finding) -> str:
    lines = [f"{finding.rule} {finding.name}（{SEVERITY_NAMES[finding.severity]}）", finding.message]
    if finding.citation:
        lines.append("依据：" + citation_text(finding.citation))
    if finding.fix and finding.fix.replacement is not None:
        note = APPLICABILITY.get(finding.fix.applicability, finding.fix.applicability)
        lines.append(f"修改：{finding.match} → {finding.fix.replacement}（{note}）")
    elif finding.advice:
        lines.append("建议：" + finding.advice)
    for other in finding.data.get("merged", ()):
        lines.append(f"同一原因：{other['rule']} {other['message']}")
    return "\n".join(lines)


def commented(result: AuditResult):
    """The python-docx Document of `result` with its comments; None when there is no report."""
    import docx

    from pipeline.docx_runs import DocxText

    report, source = result.report, result.source
    if report is None or source is None:
        return None
    document = None
    if source.kind == "docx":
        try:
            document = docx.Document(result.path if Path(result.path).exists() else source.path)
        except Exception:  # noqa: BLE001 - it was read once; if it cannot be opened again, comment its text
            document = None
    if document is None:
        document = _text_document(source.text)
    runs = DocxText(document, source.text)
    for finding in result.findings:
        if finding.end > finding.start:
            start, end = report.text.source_span(finding.start, finding.end)
        else:
            start = end = report.text.to_source(finding.start)
        anchor = runs.runs(start, end)
        if anchor:
            document.add_comment(_runs(document, anchor), text=comment_text(finding), author=AUTHOR, initials="GK")
    return document


def _text_document(text: str):
    """A new Word document of `text`, a paragraph per line (built as XML: a report of 10⁵ lines takes a second,
    not the minute python-docx's add_paragraph would)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    end = document.element.body.find(qn("w:sectPr"))
    for line in text.split("\n"):
        paragraph = OxmlElement("w:p")
        line = line.rstrip("\r")
        if line:
            run, words = OxmlElement("w:r"), OxmlElement("w:t")
            words.text = line
            words.set(qn("xml:space"), "preserve")
            run.append(words)
            paragraph.append(run)
        end.addprevious(paragraph)
    return document


def _runs(document, elements) -> list:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    def paragraph_of(element):
        parent = element.getparent()
        while parent is not None and not parent.tag.endswith("}p"):
            parent = parent.getparent()
        return Paragraph(parent, document.part) if parent is not None else document

    return [Run(element, paragraph_of(element)) for element in elements]


class DocxWriter:
    def __init__(self, target: str, settings):
        self.files = PerReportFiles(target, ".docx")
        self.written: list[tuple[AuditResult, Path | None]] = []

    def start(self) -> None:
        self.files.start()

    def add(self, result: AuditResult) -> None:
        document = commented(result)
        path = None
        if document is not None:
            path = self.files.next_path(result)
            document.save(str(path))
        self.written.append((result, path))

    def add_copies(self, pairs) -> None:
        pass  # listed by the workbook and the HTML index; a Word copy is per report

    def finish(self, summary: Summary) -> None:
        if len(self.written) == 1 and self.files.only_one():  # one report: its copy is the output
            return
        import docx

        index = docx.Document()
        index.add_heading(f"政府信息公开工作年度报告审核 · {summary.reports} 个文件", level=1)
        for result, path in self.written:
            if path is None:
                index.add_paragraph(f"{result.path}：{not_audited(result)}，{result.error or ''}")
            else:
                counts = {s: sum(f.severity == s for f in result.findings) for s in SEVERITY_NAMES}
                shown = "，".join(f"{SEVERITY_NAMES[s]} {n}" for s, n in counts.items())
                index.add_paragraph(f"{result.path}：{shown}；批注见 {path.parent.name}/{path.name}")
        index.save(str(self.files.target))
