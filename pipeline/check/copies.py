"""Reports that copy each other across a batch (kind `batch-copies`, DP102).

The parent process sees every result in turn. Each report's sentences of some length
— outside headings, tables and page furniture, not the template sentences every
report must carry — are masked (digits and place names, which a copier changes),
hashed and fingerprinted (in the workers, `keys`). A sentence met before in another
report, word for word or rewritten in places (fingerprints in common and a rapidfuzz
check), is shared with it. When a report shares enough of its text with an earlier one,
the finding goes to it, the report read second, at its first shared sentence, against
its three closest sources. Linear in the batch: a lookup per hash and fingerprint, at
most ten holders kept for each; a sentence that many reports carry counts as template.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.check import Checker, make_finding, with_findings
from pipeline.check.kinds.duplicates import SENTENCE, CopyParams
from pipeline.gazetteer import Gazetteer
from pipeline.models import AuditResult, Hit, Report
from pipeline.rulebook import Rule

KIND = "batch-copies"  # the rule's parameters (rules/DP.yaml) say what counts; this index does the work
MAX_OWNERS = 10  # reports kept per sentence: a new report is compared with a sentence's first holders only
MAX_PAIRS = 3  # pairs reported per report, the closest first: fifty copies of a template are not 1,225 pairs
MIN_PRINTS = 3  # fingerprints a rewritten sentence shares with its source before the two are compared
NEAR_RATIO = 85  # rapidfuzz ratio of the masked sentences that makes one a rewriting of the other
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class CopyPair:
    path: str
    issuer: str | None
    other_path: str
    other_issuer: str | None
    share: float
    passages: tuple[str, ...]


@dataclass
class _Seen:
    path: str
    issuer: str | None
    year: int | None
    counted: int  # characters of its counted sentences


class CopyIndex:
    def __init__(self, checker: Checker, gazetteer: Gazetteer):
        self.rule: Rule | None = next((a.rule for a in checker.active if a.rule.check == KIND), None)
        self.params: CopyParams | None = next((a.params for a in checker.active if a.rule.check == KIND), None)
        self.gazetteer = gazetteer
        self.template = [re.compile(p) for p in self.params.template] if self.params else []
        self.reports: list[_Seen] = []
        self.owners: dict[bytes, list[int]] = {}  # sentence hash -> the reports that have it
        self.holders: dict[int, list[int]] = {}  # fingerprint -> the sentences (by number) that have it
        self.sentences: list[tuple[int, str]] = []  # every counted sentence so far: (its report, masked text)
        self.pairs: list[CopyPair] = []

    def add(self, result: AuditResult) -> AuditResult:
        """The result with a finding for each earlier report it shares enough text with."""
        report = result.report
        if self.params is None or report is None:
            return result
        keys = result.copy_keys or self.keys(report)  # hashed in the worker, when the batch runs in workers
        text_of = report.text.text
        index = len(self.reports)
        meta = report.meta
        counted = sum(len(text_of[start:end].strip()) for _, start, end, _, _ in keys)
        self.reports.append(_Seen(result.path, meta.issuer, meta.report_year, counted))
        cap = max(2, int(self.params.template_share * (index + 1)))
        shared: dict[int, list[tuple[int, int, str]]] = {}
        for key, start, end, masked, prints in keys:
            text = text_of[start:end].strip()
            owners = self.owners.setdefault(key, [])
            if index in owners:
                continue  # said twice in this report: DP101's business
            if owners and len(owners) <= cap:  # beyond: a sentence most reports carry, template text
                for other in owners[:MAX_OWNERS]:  # the first holders: a copy is found against its source
                    shared.setdefault(other, []).append((start, end, text))
            elif not owners:  # not said before word for word: said before in other words?
                other = self._rewritten(index, masked, prints)
                if other is not None:
                    shared.setdefault(other, []).append((start, end, text))
            if len(owners) < MAX_OWNERS:
                owners.append(index)
            number = len(self.sentences)
            self.sentences.append((index, masked))
            for fingerprint in prints:
                holders = self.holders.setdefault(fingerprint, [])
                if len(holders) < MAX_OWNERS:
                    holders.append(number)
        findings = []
        candidates = []
        for other, spans in shared.items():
            mine, theirs = self.reports[index], self.reports[other]
            share = sum(len(text) for _, _, text in spans) / max(1, min(mine.counted, theirs.counted))
            if len(spans) >= self.params.min_sentences and share >= self.params.min_share:
                candidates.append((-share, other, spans))
        for negative_share, other, spans in sorted(candidates)[:MAX_PAIRS]:  # the closest copies; not every pair
            mine, theirs, share = self.reports[index], self.reports[other], -negative_share
            passages = tuple(text for _, _, text in spans[:3])
            self.pairs.append(CopyPair(mine.path, mine.issuer, theirs.path, theirs.issuer, round(share, 3), passages))
            start, end, _ = spans[0]
            other_name = theirs.issuer or theirs.path
            if theirs.issuer == mine.issuer and theirs.year:  # the issuer's own report of another year
                other_name = f"本机关{theirs.year}年度"
            hit = Hit(start, end, args={"other": other_name, "share": f"{share:.0%}",
                                        "count": len(spans)},
                      data={"other": theirs.path, "share": round(share, 3), "sentences": len(spans),
                            "passages": list(passages)})  # fmt: skip
            findings.append(make_finding(self.rule, hit, report))
        return with_findings(result, findings)

    def _rewritten(self, index: int, masked: str, prints: tuple[int, ...]) -> int | None:
        """The earlier report with a sentence this one rewrites a little: fingerprints in common, then checked."""
        votes: dict[int, int] = {}
        for fingerprint in prints:
            for number in self.holders.get(fingerprint, ()):
                votes[number] = votes.get(number, 0) + 1
        best = sorted((n for n, v in votes.items() if v >= MIN_PRINTS), key=lambda n: -votes[n])[:3]
        for number in best:
            other, their_masked = self.sentences[number]
            if other != index and fuzz.ratio(masked, their_masked) >= NEAR_RATIO:
                return other
        return None

    def keys(self, report: Report) -> tuple[tuple[bytes, int, int, str, tuple[int, ...]], ...]:
        """(hash, start, end, masked text, fingerprints) of the counted sentences; () when copies are not looked for."""
        if self.params is None:
            return ()
        found = []
        for start, end, text in self._sentences(report):
            masked = self._masked(text)
            found.append((_digest(masked), start, end, masked, _fingerprints(masked)))
        return tuple(found)

    def _sentences(self, report: Report) -> list[tuple[int, int, str]]:
        """(start, end, text) of the sentences that count: long enough, not headings, tables or template."""
        text = report.text.text
        headings = {s.start for s in report.sections if s.is_heading}
        title = report.frame.title or (0, 0)  # every report's title is alike
        tables = [(t.start, t.end) for t in report.statistics]
        found = []
        for match in SENTENCE.finditer(text):
            sentence = match.group().strip()
            start = match.start()
            if len(_HAN.findall(sentence)) < self.params.min_chars or start in headings or "|" in sentence:
                continue
            if (
                report.frame.is_furniture(start)
                or title[0] <= start < title[1]
                or any(a <= start < b for a, b in tables)
            ):
                continue
            if any(p.search(sentence) for p in self.template):
                continue
            found.append((start, match.end(), sentence))
        return found

    def _masked(self, sentence: str) -> str:
        """The sentence with its numbers and place names masked: what a copier leaves unchanged."""
        masked = _DIGITS.sub("0", sentence)
        for name, _, _ in sorted(self.gazetteer.find_names(masked), key=lambda n: -len(n[0])):
            masked = masked.replace(name, "某地")
        return re.sub(r"[\s,，、;；:：]", "", masked)


def _digest(masked: str) -> bytes:
    return hashlib.blake2b(masked.encode("utf-8"), digest_size=8).digest()


def _fingerprints(masked: str) -> tuple[int, ...]:
    """A sample of the sentence's 4-character pieces (those whose checksum is 0 mod 4), stable across processes:
    a sentence rewritten in places keeps most of them."""
    grams = {zlib.crc32(masked[i : i + 4].encode("utf-8")) for i in range(len(masked) - 3)}
    return tuple(sorted(g for g in grams if g % 4 == 0))
