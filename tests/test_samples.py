"""The synthetic samples (samples/*.txt, written for the project): each reports exactly its planted defects."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

SAMPLES = ROOT / "samples"

# (rule, line, what the finding quotes) for every defect planted in each sample
PLANTED = {
    "kunyang-2022.txt": [],  # clean, 30号 format
    "aojiang-2020.txt": [
        ("TB106", 13, "1"),  # a town reports 规章
        ("TB101", 58, "3"),  # 3 + 1 received, 3 concluded, 0 carried forward: natural persons …
        ("TB101", 58, "3"),  # … and the total column
        ("TB111", 63, "未发生因政府信息公开工作被申请行政复议"),  # while Table C holds one case
    ],
    "shuitou-2025.txt": [
        ("TB112", 7, "17"),  # the overview says 17 applications, the table 95
        ("TB107", 13, "0"),  # the 60号 Table A in a 2025 report
        ("TB109", 25, "行政事业型收费"),
        ("TB102", 39, "85"),  # 80 + 4 applicants, total 85
        ("TB102", 49, "7"),  # 7 + 1 applicants, total 7
        ("TB105", 61, "/"),  # a row of '/'
        ("TB104", 70, "0"),  # 未经复议直接起诉: one case pending, total 0
    ],
}


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_each_sample_reports_exactly_its_planted_defects(auditor, name):
    result = auditor.audit_path(SAMPLES / name)
    assert result.error is None
    found = sorted((f.rule, f.location.line, f.match) for f in result.findings)
    assert found == sorted(PLANTED[name])


def test_every_sample_is_covered():
    assert {p.name for p in SAMPLES.glob("*.txt")} - {"longwei-2009.txt"} == set(PLANTED)


@pytest.fixture(scope="module")
def sample_formats(tmp_path_factory):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import make_fixtures

    out = tmp_path_factory.mktemp("sample-formats")
    make_fixtures.make_all(out, [SAMPLES / "shuitou-2025.txt", SAMPLES / "aojiang-2020.txt"], scan=())
    return out


@pytest.mark.parametrize("name", ["shuitou-2025", "aojiang-2020"])
@pytest.mark.parametrize("kind", ["pdf", "docx", "html", "framed.pdf"])
def test_planted_table_defects_are_found_in_every_format(auditor, sample_formats, name, kind):
    """The same cells, so the same findings at the same numbers, from the PDF, DOCX and HTML of a sample."""
    expected = sorted((rule, match) for rule, _, match in PLANTED[f"{name}.txt"])
    result = auditor.audit_path(sample_formats / f"{name}.{kind}")
    assert sorted((f.rule, f.match) for f in result.findings if f.rule.startswith("TB")) == [
        (rule, match) for rule, match in expected if rule.startswith("TB")
    ]
