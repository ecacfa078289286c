"""One way through the pipeline: path -> Source -> Text -> Tokens -> Report -> findings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.check import Checker, select_rules
from pipeline.errors import InputError
from pipeline.gazetteer import Gazetteer
from pipeline.ingest import IngestLimits, read_source
from pipeline.ingest.ocr import OcrEngine
from pipeline.models import AuditResult, Report, Source, Text
from pipeline.normalize import normalize
from pipeline.parse import own_name_spans, parse, parse_head
from pipeline.rulebook import Rulebook, load_rulebook
from pipeline.segment import Segmenter

NOT_A_REPORT_BUT_A_NOTICE = (
    "未识别为政府信息公开工作年度报告：这是一份通知或函（标题“{title}”），不是年度报告；请确认选对了文件"
)
NOT_A_REPORT = (
    "未识别为政府信息公开工作年度报告：全文没有“政府信息公开”“主动公开”“依申请公开”等字样；"
    "请确认选对了文件（附件、图片中的报告请先导出为文字）"
)


class Auditor:
    """The rulebook, the gazetteer and the tokenizer, built once per process."""

    def __init__(
        self,
        rulebook: Rulebook | None = None,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        rules_dir: Path | None = None,
        limits: IngestLimits | None = None,
    ):
        self.limits = limits or IngestLimits()
        self.ocr = OcrEngine()  # loads its models on the first scanned page only
        self.rulebook = rulebook or load_rulebook(rules_dir)
        self.gazetteer = Gazetteer.load()
        self.checker = Checker(self.rulebook, self.gazetteer, select_rules(self.rulebook, select, ignore))
        self.segmenter = Segmenter([*self.rulebook.lexicon.statutory_terms, *self.gazetteer.place_words])

    def warm(self) -> None:
        """Load now what the first audit would load (jieba's dictionary, the gazetteer's indexes)."""
        self.segmenter.tokenizer  # noqa: B018 - a lazy property
        self.gazetteer.warm()

    def audit_path(self, path: str | Path, check: bool = True) -> AuditResult:
        try:
            source = read_source(path, self.limits, self.ocr)
        except InputError as exc:
            return AuditResult(path=str(path), error=str(exc))
        return self.audit_source(source, check)

    def analyse(self, source: Source) -> Report:
        """Normalize, identify the issuer and year, segment, parse: everything but the checks."""
        return self._analyse(normalize(source))

    def _analyse(self, text: Text) -> Report:
        frame, meta = parse_head(text, self.rulebook, self.gazetteer)
        tokens = self.segmenter.segment(text, keep_whole=own_name_spans(text.text, meta, self.gazetteer.place_words))
        return parse(text, tokens, frame, meta, self.rulebook)

    def not_a_report(self, text: str) -> str | None:
        """Why the text is no annual report (a notice's title first, none of the words every report uses), or None."""
        lexicon = self.rulebook.lexicon
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if any(pattern.search(first) for pattern in lexicon.not_report_titles):
            return NOT_A_REPORT_BUT_A_NOTICE.format(title=first)
        return None if any(word in text for word in lexicon.report_words) else NOT_A_REPORT

    def audit_source(self, source: Source, check: bool = True) -> AuditResult:
        text = normalize(source)  # (繁体 folded, pinyin dropped: 信(xìn)息公開 is 信息公开)
        refusal = self.not_a_report(text.text)
        if refusal:
            return AuditResult(path=source.path, error=refusal)  # before segmenting a diary or a notice
        report = self._analyse(text)
        findings = self.checker.check(report) if check else ()
        return AuditResult(path=source.path, source=source, report=report, findings=findings)
