"""gongkai.toml: a county's settings, found upward from the working folder; the command line wins."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from tests.conftest import ROOT

LATE_2021 = (ROOT / "samples" / "kunyang-2022.txt").read_text(encoding="utf-8")


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out, captured.err


@pytest.fixture
def county(tmp_path, monkeypatch):
    """A county's folder with its settings, and a township's folder below it to work in."""
    (tmp_path / "gongkai.toml").write_text(
        'ignore = ["DP101"]\nfail-on = "never"\n[severity]\nTB101 = "warning"\n[deadlines]\n2021 = "01-15"\n',
        encoding="utf-8",
    )
    work = tmp_path / "2023" / "乡镇"
    work.mkdir(parents=True)
    (work / "aojiang-2020.txt").write_bytes((ROOT / "samples" / "aojiang-2020.txt").read_bytes())
    (work / "kunyang-2022.txt").write_text(LATE_2021, encoding="utf-8")  # signed 2023-01-18
    monkeypatch.chdir(work)
    return work


def findings(out: str) -> dict[str, list[tuple[str, str]]]:
    return {r["path"]: [(f["rule"], f["severity"]) for f in r["findings"]] for r in json.loads(out)["reports"]}


def test_settings_apply_from_a_folder_above(county, capsys):
    code, out, _ = run(capsys, "check", ".", "-f", "json")
    found = findings(out)
    assert code == 0  # fail-on = "never"
    assert ("TB101", "warning") in found["aojiang-2020.txt"]  # [severity]
    assert ("DT104", "warning") in found["kunyang-2022.txt"]  # signed 2023-01-18, after the county's 01-15


def test_the_command_line_wins(county, capsys):
    code, _, _ = run(capsys, "check", ".", "-f", "json", "--fail-on", "error")
    assert code == 1


def test_config_prints_each_value_and_where_it_came_from(county, capsys):
    code, out, _ = run(capsys, "config")
    assert code == 0 and str(county.parent.parent / "gongkai.toml") in out
    assert any(line.split()[:2] == ["fail-on", "never"] and "来自 gongkai.toml" in line for line in out.splitlines())
    assert any(line.split()[:2] == ["min-severity", "info"] and line.endswith("默认") for line in out.splitlines())


def test_tool_gongkai_in_pyproject_is_read(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.gongkai]\nselect = ["TB"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_bytes((ROOT / "samples" / "aojiang-2020.txt").read_bytes())
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "check", "a.txt", "-f", "json")
    assert {rule for rule, _ in findings(out)["a.txt"]} == {"TB101", "TB106", "TB111"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = true\n", "不认识的设置 ['colour']"),
        ("jobs = true\n", "jobs = True 的类型不对"),
        ('fail-on = "sometimes"\n', "fail-on:"),
        ('[severity]\nXX999 = "error"\n', "不是规则编号"),
        ('[deadlines]\n2021 = "31-01"\n', '应写成 "月-日"'),
        ("select = [\n", "不是有效的 TOML"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, text, message):
    (tmp_path / "gongkai.toml").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes((ROOT / "samples" / "kunyang-2022.txt").read_bytes())
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "a.txt")
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
