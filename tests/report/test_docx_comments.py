"""The editor's Word copy: a comment at each finding, anchored on exactly the text it is about.

Read back with python-docx (comments and the ranges they mark in document.xml), and converted to PDF
by LibreOffice, as an editor's office would open it. scripts/test installs LibreOffice; without it
that check is skipped on a developer's machine and fails under scripts/test (GONGKAI_REQUIRE_TOOLS=1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import docx
import pytest

from pipeline.cli import main
from tests.conftest import ROOT, SEED

sys.path.insert(0, str(ROOT / "scripts"))
import make_fixtures  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check(*arguments: str) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", *arguments])
    return exit_info.value.code


def anchors(path) -> list[tuple[str, str, str]]:
    """(author, the comment's first line, the text it is anchored on), in the comments' order."""
    document = docx.Document(str(path))
    opened: dict[str, list[str]] = {}
    marked: dict[str, str] = {}
    for element in document.element.body.iter():
        if element.tag == f"{W}commentRangeStart":
            opened[element.get(f"{W}id")] = []
        elif element.tag == f"{W}commentRangeEnd":
            marked[element.get(f"{W}id")] = "".join(opened.pop(element.get(f"{W}id")))
        elif element.tag == f"{W}t":
            for texts in opened.values():
                texts.append(element.text or "")
    return [(c.author, c.text.splitlines()[0], marked[str(c.comment_id)]) for c in document.comments]


SEED_ANCHORS = [
    ("ST101 missing-statutory-item（错误）", "平阳县龙尾乡2009年政府信息公开工作报告"),
    ("ST101 missing-statutory-item（错误）", "平阳县龙尾乡2009年政府信息公开工作报告"),
    ("ST102 title-not-annual-report（提示）", "工作报告"),
    ("DT104 published-after-deadline（警告）", "2020-06-22"),
    ("DT102 stale-report-year（警告）", "2007年度与2008年度"),
    ("LG101 article-for-other-level（警告）", "第九、十、十一条"),
    ("PL101 foreign-township-name（错误）", "义和乡"),
    ("DT103 stale-phrase（警告）", "实施前的准备阶段"),
    ("DT102 stale-report-year（警告）", "2007年度和2008年度"),
]


@pytest.fixture(scope="module")
def commented(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    original = folder / "longwei.docx"
    make_fixtures.make_docx(make_fixtures.blocks(SEED.read_text(encoding="utf-8")), original, "页眉")
    made = {"docx": folder / "from-docx.docx", "txt": folder / "from-txt.docx"}
    assert check(str(original), "-o", str(made["docx"])) == 1
    assert check(str(SEED), "-o", str(made["txt"])) == 1
    made["2021"] = folder / "tengjiao.docx"
    assert check(str(ROOT / "samples" / "tengjiao-2021.txt"), "-o", str(made["2021"])) == 1
    return made


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_each_finding_is_a_comment_on_its_own_words(commented, kind):
    found = anchors(commented[kind])
    assert len(found) == 13 and {author for author, _, _ in found} == {"gongkai"}
    assert [(head, text) for _, head, text in found[: len(SEED_ANCHORS)]] == SEED_ANCHORS
    assert found[-1][1:] == ("DT105 dated-before-year-end（警告）", "2009年12月14日")


def test_a_comment_says_the_problem_the_basis_and_the_fix(commented):
    comment = next(c for c in docx.Document(str(commented["docx"])).comments if c.text.startswith("PL101"))
    lines = comment.text.splitlines()
    assert lines[1].startswith("“义和乡”不是本报告的发布机关（龙尾乡）")
    assert any(line.startswith("依据：") for line in lines)
    assert "修改：义和乡 → 龙尾乡（可安全替换）" in lines


def test_the_word_copy_keeps_the_document(commented):
    copy = docx.Document(str(commented["docx"]))
    assert copy.sections[0].header.paragraphs[0].text == "页眉"
    assert copy.paragraphs[0].text == "平阳县龙尾乡2009年政府信息公开工作报告"  # split into runs, text unchanged
    assert len(copy.paragraphs[0].runs) >= 2


def test_table_findings_are_anchored_on_their_cells(commented):
    found = anchors(commented["2021"])
    assert ("TB103 result-rows-do-not-add-up（错误）", "2") in [(head, text) for _, head, text in found]


def test_libreoffice_opens_the_commented_copy(commented, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("GONGKAI_REQUIRE_TOOLS"):
            pytest.fail("LibreOffice is missing: scripts/test installs Debian's libreoffice-writer-nogui")
        pytest.skip("no soffice (scripts/test installs LibreOffice)")
    for name in ("docx", "txt", "2021"):
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp_path), str(commented[name])],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        pdf = tmp_path / (commented[name].stem + ".pdf")
        assert result.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000, result.stderr
        assert pdf.read_bytes().startswith(b"%PDF")
