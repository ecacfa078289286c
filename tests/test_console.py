"""The terminal as editors have it: narrow windows, NO_COLOR, GBK consoles and redirects."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipeline.console import display_width, wrap
from tests.conftest import ROOT, SEED


def gongkai(*args: str, env: dict[str, str] | None = None, tty: bool = False) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "TERM")}
    environment.update(env or {})
    command = [sys.executable, "-m", "pipeline", *args]
    if tty:  # under a pseudo-terminal, where colour is on unless something turns it off
        command = ["script", "-qec", " ".join(command), "/dev/null"]
    return subprocess.run(command, capture_output=True, cwd=ROOT, timeout=120, env=environment)


def widest(text: str) -> int:
    return max(display_width(line) for line in text.splitlines())


def test_columns_60_output_has_no_line_wider_than_60():
    result = gongkai("check", "samples/", env={"COLUMNS": "60"})
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1 and widest(out) <= 60
    assert "│ " in out and "^" in out  # quotes and markers are still there, only narrower
    explained = gongkai("explain", "DT105", env={"COLUMNS": "60"}).stdout.decode("utf-8")
    assert widest(explained) <= 60 and "为什么" in explained


def test_the_marker_stays_under_the_visible_part_of_a_long_match():
    out = gongkai("check", str(SEED), "--select", "DP101", env={"COLUMNS": "40"}).stdout.decode("utf-8")
    lines = out.splitlines()
    pairs = [(q, m) for q, m in zip(lines, lines[1:], strict=False) if m.lstrip().startswith("│") and "^" in m]
    assert len(pairs) == 3  # DP101's three repeated passages, each of 60-odd characters: wider than the window
    for quote, marker in pairs:
        assert display_width(marker) <= display_width(quote) <= 40
        assert quote.endswith("…") and marker.endswith("^")  # the match cut, and the carets under what is shown


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_a_dumb_terminal_get_no_escape_codes(env):
    if not os.path.exists("/usr/bin/script"):
        pytest.skip("needs util-linux's script for a pseudo-terminal")
    coloured = gongkai("check", str(SEED), tty=True, env={"TERM": "xterm"})
    assert b"\x1b[" in coloured.stdout  # the control: a terminal gets colour
    plain = gongkai("check", str(SEED), tty=True, env=env)
    assert b"\x1b[" not in plain.stdout and b"PL101" in plain.stdout


def test_a_gbk_console_gets_a_readable_stand_in_not_a_traceback():
    result = gongkai("check", "samples/", env={"PYTHONIOENCODING": "gbk"})
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    out = result.stdout.decode("gbk")
    assert "已核验 330326101" in out  # ✓ has no GBK code: it is said in words
    assert "PL101" in out and "龙尾乡" in out


def test_wrapping_keeps_punctuation_and_numbers_with_their_neighbours():
    lines = wrap("依据: 《中华人民共和国政府信息公开条例》第三十一条（2007年）、第四十九条", 60, "     ")
    assert lines == ["     依据: 《中华人民共和国政府信息公开条例》第三十一条", "     （2007年）、第四十九条"]
    lines = wrap("标题写作“工作报告”，法定名称是“政府信息公开工作年度报告”。", 50, "  ")
    assert all(not line.strip().startswith(("。", "”", "，")) for line in lines)
    assert all(display_width(line) <= 50 for line in lines)
    assert wrap("（" * 100_000, 60, "  ")[0] == "  " + "（" * 29  # hostile runs are still cut, and fast


def test_one_missing_section_is_one_finding(audit_text):
    text = (ROOT / "samples" / "kunyang-2022.txt").read_text(encoding="utf-8")
    start = text.index("\n四、政府信息公开行政复议")
    text = text[:start] + text[text.index("\n五、存在的主要问题") :]
    findings = [f for f in audit_text(text).findings if f.family == "ST"]
    assert [f.rule for f in findings] == ["ST101"]
    merged = findings[0].data["merged"]
    assert [(m["rule"], m["line"]) for m in merged] == [("ST103", 1), ("ST104", 59)]
    assert "行政复议、行政诉讼情况" in merged[0]["message"] and "第四项" in merged[1]["message"]


def test_a_heading_missing_where_the_content_is_present_keeps_st103(audit_text):
    text = (ROOT / "samples" / "kunyang-2022.txt").read_text(encoding="utf-8")
    text = text.replace("\n四、政府信息公开行政复议、行政诉讼情况\n", "\n政府信息公开行政复议、行政诉讼情况\n", 1)
    findings = [f for f in audit_text(text).findings if f.family == "ST"]
    assert [f.rule for f in findings] == ["ST103"]  # the content is there: no ST101; the gap is merged into ST103
    assert [m["rule"] for m in findings[0].data["merged"]] == ["ST104"]
