"""The command as a user runs it: exit codes, options, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from pipeline.cli import main
from tests.conftest import DATA, ROOT, SEED


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def test_seed_fails_with_errors_and_exit_1(capsys):
    code, out, err = run(capsys, "check", str(SEED), "--no-color")
    assert code == 1
    assert "PL101 foreign-township-name" in out and "错误 3 · 警告 9 · 提示 1" in out
    assert err == ""


def test_english_on_request_or_from_an_english_locale(capsys, monkeypatch):
    code, out, _ = run(capsys, "check", str(SEED), "--no-color", "--lang", "en")
    assert code == 1 and "3 errors · 9 warnings · 1 info" in out
    monkeypatch.setenv("GONGKAI_LANG", "")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    code, _, err = run(capsys, "check", "no-such-file.txt")
    assert code == 2 and "no-such-file.txt: no such file or directory" in err
    monkeypatch.setenv("GONGKAI_LANG", "")  # (the run above set it and LANGUAGE to en, for its workers)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "没有这个文件或文件夹" in run(capsys, "check", "no-such-file.txt")[2]


def test_clean_reports_exit_0(capsys):
    code, out, _ = run(capsys, "check", str(DATA), "--format", "concise")
    # no finding; the folder's one other file is listed as skipped, with the reason
    assert (code, out.splitlines()) == (0, [f"{DATA / 'shapes.yaml'}: skipped: 已跳过：.yaml 不是可审核的格式；"
                                           "报告请提供 .docx、.htm、.html、.md、.pdf、.shtml、.text、.txt 文件"])  # fmt: skip


def test_fail_on_and_min_severity(capsys):
    assert run(capsys, "check", str(SEED), "--select", "DT", "-f", "concise")[0] == 0
    assert run(capsys, "check", str(SEED), "--select", "DT", "--fail-on", "warning", "-f", "concise")[0] == 1
    code, out, _ = run(capsys, "check", str(SEED), "--min-severity", "error", "-f", "concise")
    assert {line.split()[1] for line in out.splitlines()} == {"ST101", "PL101"}
    assert run(capsys, "check", str(SEED), "--fail-on", "never", "-f", "concise")[0] == 0


def test_select_and_ignore_by_code_prefix_family_and_name(capsys):
    def rules(*options):
        out = run(capsys, "check", str(SEED), "-f", "concise", *options)[1]
        return sorted({line.split()[1] for line in out.splitlines()})

    assert rules("--select", "PL101") == ["PL101"]
    assert rules("--select", "DT10") == ["DT102", "DT103", "DT104", "DT105"]
    assert rules("--select", "foreign-township-name,LG") == ["LG101", "PL101"]
    assert "DP101" not in rules("--ignore", "DP")


def test_unknown_rule_selection_is_a_usage_error(capsys):
    code, out, err = run(capsys, "check", str(SEED), "--select", "ZZ999")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "ZZ999" in err and "gongkai rules" in err


def test_json_to_file(capsys, tmp_path):
    target = tmp_path / "out" / "seed.json"
    code, out, err = run(capsys, "check", str(SEED), "-o", str(target))
    assert code == 1 and out == ""
    assert f"已写出 {target}" in err
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["summary"]["errors"] == 3


@pytest.mark.parametrize(
    "setup,message",
    [
        (lambda d: d / "missing.txt", "没有这个文件或文件夹"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "这个文件夹里没有报告文件"),
    ],
)
def test_nothing_to_audit_is_one_line_and_exit_2(capsys, tmp_path, setup, message):
    code, out, err = run(capsys, "check", str(setup(tmp_path)))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_bad_files_do_not_stop_the_batch(capsys, tmp_path):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "c-seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "d-scan.pdf").write_bytes(b"%PDF-1.4")
    code, out, err = run(capsys, "check", str(tmp_path), str(tmp_path / "gone.txt"), "-f", "json", "-j", "2")
    assert code == 2  # a path that does not exist is a usage error, after the rest was audited
    document = json.loads(out)
    errors = {os.path.basename(r["path"]): r["error"] for r in document["reports"]}
    assert errors["c-seed.txt"] is None
    assert "文件是空的" in errors["a-empty.txt"] and "二进制文件" in errors["b-binary.txt"]
    assert "文件已损坏或不完整" in errors["d-scan.pdf"]
    assert document["summary"]["failed"] == 3 and document["summary"]["errors"] == 3
    assert "gone.txt：没有这个文件或文件夹" in err
    assert "Traceback" not in err


def test_rules_and_explain(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "PL101  foreign-township-name" in out and "DP  重复与雷同" in out
    code, out, _ = run(capsys, "explain", "PL101")
    assert code == 0
    assert "为什么" in out and "法律依据" in out and "不合格示例" in out and "义和乡" in out
    assert run(capsys, "explain", "foreign-township-name")[0] == 0
    code, _, err = run(capsys, "explain", "XX000")
    assert code == 2 and "gongkai rules" in err


def test_extract_prints_metadata_sections_figures_and_text(capsys):
    code, out, _ = run(capsys, "extract", str(SEED))
    assert code == 0
    report = json.loads(out)["reports"][0]
    assert report["meta"]["issuer"] == "龙尾乡人民政府"
    assert report["sections"][0]["title"] == "政府信息公开工作机制和制度建设情况"
    assert {"value": 26, "unit": "条"}.items() <= report["figures"][-1].items()
    assert report["text"].startswith("平阳县龙尾乡2009年")


def test_unsupported_output_suffix(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(SEED), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "-o" in err and "不知道写成什么格式" in err and ".docx" in err
    assert not (tmp_path / "x.pdf").exists()


def subprocess_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_unknown_option_is_one_line_without_traceback():
    result = subprocess_run("check", str(SEED), "--frobnicate")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "--frobnicate" in result.stderr and "gongkai check --help" in result.stderr


def test_python_dash_m_runs_the_seed():
    result = subprocess_run("check", "samples/longwei-2009.txt", "-f", "concise")
    assert result.returncode == 1
    assert "samples/longwei-2009.txt:62:11: PL101 [error]" in result.stdout


def test_previous_year_reports_are_compared_not_listed_and_each_issuer_gets_a_workbook(tmp_path, capsys):
    import openpyxl

    this_year = (ROOT / "samples" / "kunyang-2022.txt").read_text(encoding="utf-8")
    last_year = this_year.replace("2022", "2021").replace("2023年1月18日", "2022年1月18日")
    (tmp_path / "prev").mkdir()
    (tmp_path / "prev" / "kunyang-2021.txt").write_text(last_year, encoding="utf-8")
    (tmp_path / "now").mkdir()
    (tmp_path / "now" / "kunyang-2022.txt").write_text(this_year, encoding="utf-8")
    (tmp_path / "now" / "aojiang-2020.txt").write_bytes((ROOT / "samples" / "aojiang-2020.txt").read_bytes())
    split = tmp_path / "split"
    code, out, _ = run(capsys, "check", str(tmp_path / "now"), "--previous", str(tmp_path / "prev"), "-f", "json",
                       "--split-by", "issuer", str(split))  # fmt: skip
    reports = {r["path"].rsplit("/", 1)[-1]: r for r in json.loads(out)["reports"]}
    assert set(reports) == {"kunyang-2022.txt", "aojiang-2020.txt"}  # last year's report is not listed
    rules = [f["rule"] for f in reports["kunyang-2022.txt"]["findings"]]
    assert "DP102" in rules and "TB117" in rules and "TB118" in rules  # copied from, and tables against, 2021
    copied = next(f for f in reports["kunyang-2022.txt"]["findings"] if f["rule"] == "DP102")
    assert copied["message"].startswith("与本机关2021年度的报告雷同")
    assert sorted(p.name for p in split.iterdir()) == [
        "昆阳镇人民政府2022年度.html", "昆阳镇人民政府2022年度.xlsx", "鳌江镇人民政府2020年度.html", "鳌江镇人民政府2020年度.xlsx",
    ]  # fmt: skip
    page = (split / "鳌江镇人民政府2020年度.html").read_text(encoding="utf-8")
    assert sorted(set(re.findall(r'data-family="\w+"><div class="head"><span class="sev">\w+</span> (\w+)', page))) == [
        "TB101", "TB106", "TB111",
    ]  # fmt: skip
    sheet = openpyxl.load_workbook(split / "鳌江镇人民政府2020年度.xlsx")["问题清单"]
    assert {row[5] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"TB101", "TB106", "TB111"}
    assert code == 1


def test_a_draft_piped_in_is_audited_under_the_name_given(tmp_path):
    seed = SEED.read_bytes()
    piped = subprocess.run([sys.executable, "-m", "pipeline", "check", "-", "-f", "concise"],
                           input=seed, capture_output=True, cwd=ROOT, timeout=120)  # fmt: skip
    assert piped.returncode == 1 and b"-:62:11: PL101 [error]" in piped.stdout
    named = subprocess.run([sys.executable, "-m", "pipeline", "check", "-", "--stdin-filename", "草稿/龙尾乡.txt",
                            "-f", "json"], input=seed, capture_output=True, cwd=ROOT, timeout=120)  # fmt: skip
    report = json.loads(named.stdout)["reports"][0]
    assert report["path"] == "草稿/龙尾乡.txt" and len(report["findings"]) == 13


def test_stdin_is_read_no_further_than_the_size_limit():
    endless = b"\xe4\xb8\xad" * 400_000  # 1.2 MB of 中
    piped = subprocess.run([sys.executable, "-m", "pipeline", "check", "-", "--max-mb", "1", "-f", "concise"],
                           input=endless, capture_output=True, cwd=ROOT, timeout=120)  # fmt: skip
    assert piped.returncode == 1 and b"Traceback" not in piped.stderr
    assert b"MB" in piped.stdout + piped.stderr  # the size limit's error row, not a hang or a crash


def test_stdin_filename_without_stdin_is_a_usage_error(capsys):
    code, _, err = run(capsys, "check", str(SEED), "--stdin-filename", "x.txt")
    assert code == 2 and "--stdin-filename" in err
