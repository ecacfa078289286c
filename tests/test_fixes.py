"""--diff, --fix, --unsafe-fixes and --in-place as an editor uses them: copies, encodings, Word formatting."""

from __future__ import annotations

import sys

import docx
import pytest

from pipeline.cli import main
from tests.conftest import ROOT, SEED

sys.path.insert(0, str(ROOT / "scripts"))
import make_fixtures  # noqa: E402

UNSAFE = "平阳县龙尾乡2021年政府信息公开工作年度报告\n有群众来电询问萧江镇的有关事项。\n龙尾乡人民政府\n"


def check(capsys, *arguments: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", *arguments])
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def test_diff_shows_the_safe_fixes_and_writes_nothing(capsys, tmp_path):
    report = tmp_path / "longwei.txt"
    report.write_bytes(SEED.read_bytes())
    code, out, _ = check(capsys, str(report), "--diff")
    assert code == 1  # there is something to fix
    assert "-平阳县龙尾乡2009年政府信息公开工作报告\n+平阳县龙尾乡2009年政府信息公开工作年度报告\n" in out
    assert "-我乡目前未发现存在与义和乡有关的虚假和不完整信息。\n+我乡目前未发现存在与龙尾乡有关的" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["longwei.txt"]


def test_fix_writes_a_copy_in_the_file_s_encoding_and_the_copy_is_clean(capsys, tmp_path):
    report = tmp_path / "longwei.txt"
    report.write_bytes(SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    code, out, err = check(capsys, str(report), "--fix", "-f", "concise")
    fixed = tmp_path / "longwei.fixed.txt"
    assert "已修正 2 处" in err and str(fixed) in err
    assert "PL101" not in out and "ST102" not in out and "ST101" in out  # what is left is listed
    assert code == 1  # two ST101 errors cannot be fixed by a replacement
    text = fixed.read_bytes().decode("gb18030")
    assert text.startswith("平阳县龙尾乡2009年政府信息公开工作年度报告\r\n") and "与龙尾乡有关" in text
    assert report.read_bytes() == SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030")
    code, out, _ = check(capsys, str(fixed), "--diff")
    assert code == 0 and out == ""  # nothing left to fix


def test_unsafe_fixes_only_when_asked(capsys, tmp_path):
    report = tmp_path / "draft.txt"
    report.write_text(UNSAFE, encoding="utf-8")
    assert check(capsys, str(report), "--diff")[0] == 0  # PL105's fix is unsafe: not offered
    code, out, _ = check(capsys, str(report), "--diff", "--unsafe-fixes")
    assert code == 1 and "+有群众来电询问龙尾乡的有关事项。" in out


def test_in_place_rewrites_the_input_only_when_asked(capsys, tmp_path):
    report = tmp_path / "longwei.txt"
    report.write_bytes(SEED.read_bytes())
    assert check(capsys, str(report), "--in-place")[0] == 2  # --in-place without --fix: a usage error
    check(capsys, str(report), "--fix", "--in-place")
    assert "与龙尾乡有关" in report.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["longwei.txt"]


def test_a_docx_is_fixed_in_its_own_runs_keeping_the_formatting(capsys, tmp_path):
    original = tmp_path / "longwei.docx"
    make_fixtures.make_docx(make_fixtures.blocks(SEED.read_text(encoding="utf-8")), original, "页眉")
    document = docx.Document(str(original))
    title = document.paragraphs[0]
    title.runs[0].bold = True
    document.save(str(original))
    check(capsys, str(original), "--fix")
    fixed = docx.Document(str(tmp_path / "longwei.fixed.docx"))
    assert fixed.paragraphs[0].text == "平阳县龙尾乡2009年政府信息公开工作年度报告"
    assert all(run.bold for run in fixed.paragraphs[0].runs)  # the title's bold is kept on the new words
    line = next(p for p in fixed.paragraphs if "有关的虚假和不完整信息" in p.text)
    assert line.text == "我乡目前未发现存在与龙尾乡有关的虚假和不完整信息。"
    assert len(fixed.sections) == len(document.sections) and fixed.sections[0].header.paragraphs[0].text == "页眉"
    code, out, _ = check(capsys, str(tmp_path / "longwei.fixed.docx"), "--diff")
    assert code == 0 and out == ""


def test_a_pdf_cannot_be_fixed_in_place(capsys, tmp_path):
    pdf = tmp_path / "longwei.pdf"
    make_fixtures.make_pdf(make_fixtures.blocks(SEED.read_text(encoding="utf-8")), pdf, None)
    before = pdf.read_bytes()
    code, _, err = check(capsys, str(pdf), "--fix", "--in-place", "-f", "concise")
    assert "PDF 文件不能就地修改" in err and pdf.read_bytes() == before and code == 1
    check(capsys, str(pdf), "--fix", "-f", "concise")
    assert "与龙尾乡有关" in (tmp_path / "longwei.fixed.txt").read_text(encoding="utf-8")


def test_a_piped_draft_gets_a_diff_not_a_fix(capsys):
    code, _, err = check(capsys, "-", "--fix")
    assert code == 2 and "--diff" in err
