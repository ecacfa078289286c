"""`check --format csv` and `--statistics`: what a supervisor pastes into a sheet or reads on the terminal."""

from __future__ import annotations

import csv
import io
import re

import pytest

from pipeline.cli import main
from tests.conftest import ROOT

HOSTILE = '=HYPERLINK("http://x.invalid","点我")统计期限自202111日起。'


def run(capsys, *args) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    return exit_info.value.code, capsys.readouterr().out


def test_findings_csv_opens_in_excel_and_never_runs_a_formula(tmp_path, capsys):
    report = (ROOT / "samples" / "kunyang-2022.txt").read_text(encoding="utf-8")
    path = tmp_path / "hostile.txt"
    path.write_text(report.replace("一、总体情况\n", "一、总体情况\n" + HOSTILE + "\n", 1), encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    code, out = run(capsys, "check", str(tmp_path), "--format", "csv")
    assert code == 1 and out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    dated = next(row for row in rows if row["规则"] == "DT106")
    assert dated["所在句子"].startswith("'=HYPERLINK(") and dated["原文"] == "202111日"
    assert dated["发布机关"] == "昆阳镇人民政府" and dated["建议"]
    (unread,) = [row for row in rows if row["无法审核的原因"]]
    assert unread["文件"].endswith("old.doc") and ".docx" in unread["无法审核的原因"]


def test_statistics_count_findings_per_rule_most_first(capsys):
    samples = sorted(str(p) for p in (ROOT / "samples").glob("*.txt"))
    code, out = run(capsys, "check", *samples, "--statistics")
    *lines, total = out.splitlines()
    counts = [int(line.split()[0]) for line in lines]
    assert counts == sorted(counts, reverse=True)
    errors, warnings, infos = (int(n) for n in re.findall(r"(\d+) (?:错误|警告|提示)", total))
    assert sum(counts) == errors + warnings + infos
    assert any(line.split()[1] == "TB101" for line in lines) and total.startswith("6 份文件")
    assert code == 1
