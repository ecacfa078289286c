"""Each output format against a golden file, and the JSON contract's exact shape.

Regenerate the golden files after an intended change with
GONGKAI_UPDATE_GOLDEN=1 pytest tests/report, then read the diff.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
from pathlib import Path

import pytest

from pipeline import __version__
from pipeline.report import WriterSettings, make_writer
from pipeline.report.summary import Summary
from pipeline.rulebook import load_rulebook

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def render(name: str, result, rulebook=None, **settings) -> str:
    """What the writer the command line calls `name` prints for one result."""
    stream = io.StringIO()
    writer = make_writer(name, stream, WriterSettings(rulebook or load_rulebook(), **settings))
    summary = Summary()
    writer.start()
    summary.add(result)
    writer.add(result)
    writer.finish(summary)
    return stream.getvalue()


@pytest.fixture(scope="module")
def seed(seed_result):
    return dataclasses.replace(seed_result, path="samples/longwei-2009.txt")


def check_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if os.environ.get("GONGKAI_UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8")


def test_concise_golden(seed):
    check_golden("longwei-2009.concise.txt", render("concise", seed))


def test_terminal_golden(seed, auditor):
    check_golden("longwei-2009.terminal.txt", render("terminal", seed, rulebook=auditor.rulebook, color=False))


def test_json_golden(seed):
    output = render("json", seed).replace(f'"version": "{__version__}"', '"version": "X"')
    check_golden("longwei-2009.json", output)


def test_json_follows_the_contract(seed):
    document = json.loads(render("json", seed))
    assert list(document) == ["schema_version", "tool", "reports", "copies", "summary"]
    assert document["schema_version"] == 1
    assert document["tool"] == {"name": "gongkai", "version": __version__}
    report = document["reports"][0]
    assert list(report) == ["path", "sha256", "kind", "meta", "sections", "tables", "findings", "error", "skipped"]
    assert list(report["meta"]) == [
        "title", "issuer", "issuer_level", "county", "division_code", "issuer_verified",
        "report_year", "regime", "published", "signed",
        "issuer_place", "city", "province", "county_code", "issuer_note", "issuer_evidence", "self_level",
        "year_source", "year_evidence",
    ]  # fmt: skip
    meta = report["meta"]
    assert meta["issuer_level"] == "township" and meta["self_level"] == "township"
    assert {"kind": "title", "text": "平阳县龙尾乡", "weight": 6, "line": 1, "page": None} in meta["issuer_evidence"]
    assert {"kind": "signature", "text": "龙尾乡", "weight": 6, "line": 106, "page": None} in meta["issuer_evidence"]
    assert meta["year_evidence"][0] == {"kind": "title", "text": "2009", "weight": 8, "line": 1, "page": None}
    finding = report["findings"][0]
    assert list(finding) == [
        "rule",
        "name",
        "family",
        "severity",
        "message",
        "match",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "page",
        "section",
        "citation",
        "fix",
        "data",
        "advice",
        "context",
        "paragraph",
    ]
    assert document["summary"] == {"reports": 1, "errors": 3, "warnings": 9, "infos": 1, "failed": 0, "skipped": 0}
    pl = next(f for f in report["findings"] if f["rule"] == "PL101")
    assert pl["fix"] == {"replacement": "龙尾乡", "applicability": "safe"}
    assert pl["section"] == "二、(四)" and pl["page"] is None and pl["paragraph"] is None


def test_json_spans_index_the_normalized_text(seed_result):
    from pipeline.report.json_format import report_dict

    extracted = report_dict(seed_result, extract=True)
    findings = report_dict(seed_result)["findings"]
    for finding in findings:
        assert extracted["text"][finding["start"] : finding["end"]] == finding["match"]
    assert "findings" not in extracted and extracted["figures"]


def test_failed_report_has_error_and_no_findings():
    from pipeline.models import AuditResult

    document = json.loads(render("json", AuditResult(path="x.txt", error="the file is empty")))
    report = document["reports"][0]
    assert report["error"] == "the file is empty" and report["findings"] == [] and report["meta"] is None
    assert document["summary"]["failed"] == 1


def test_json_findings_carry_the_advice_and_the_sentence_they_quote(seed):
    document = json.loads(render("json", seed))
    findings = document["reports"][0]["findings"]
    place = next(f for f in findings if f["rule"] == "PL101")
    assert place["match"] in place["context"] and place["context"].endswith("。")
    assert place["advice"]
    whole = next(f for f in findings if f["rule"] == "ST101")  # about the whole report: no sentence
    assert whole["context"] is None
