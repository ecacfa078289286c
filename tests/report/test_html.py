"""The editor's HTML page: the report's text with each finding at its place, read as a browser reads it.

The page tests run in Debian's Chromium driven by Playwright (scripts/test installs both). Without
them the browser tests are skipped on a developer's machine, and fail under scripts/test
(GONGKAI_REQUIRE_TOOLS=1): CI never passes them by skipping.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import ROOT, SEED

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "docs" / "html-report.png"  # the README's picture, refreshed with GONGKAI_UPDATE_SCREENSHOT=1
HOSTILE = "<script>alert('x')</script>统计期限自202111日起。"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def check(*arguments: str) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", *arguments])
    return exit_info.value.code


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The seed's page, a 2021 sample's page, and a hostile report's page."""
    out = tmp_path_factory.mktemp("html")
    hostile = out / "hostile.txt"
    text = (ROOT / "samples" / "kunyang-2022.txt").read_text(encoding="utf-8")
    hostile.write_text(text.replace("一、总体情况\n", "一、总体情况\n" + HOSTILE + "\n", 1), encoding="utf-8")
    made = {}
    for name, source, code in (
        ("seed", SEED, 1), ("tengjiao", ROOT / "samples" / "tengjiao-2021.txt", 1), ("hostile", hostile, 0),
    ):  # fmt: skip
        made[name] = out / f"{name}.html"
        assert check(str(source), "-o", str(made[name])) == code  # 1: errors found; 0: warnings only
    return made


def marks_and_items(page_html: str) -> tuple[set[str], list[str]]:
    marked = set()
    for numbers in re.findall(r'<mark class="[^"]*" data-f="([\d ]+)"', page_html):
        marked.update(numbers.split())
    return marked, re.findall(r'<li class="sev-\w+" data-f="(\d+)"', page_html)


def test_every_finding_is_listed_and_highlighted_at_its_place(pages):
    page = pages["seed"].read_text(encoding="utf-8")
    marked, items = marks_and_items(page)
    assert len(items) == 13 and set(items) == marked  # the seed's 13 findings, each with a highlight
    assert 'data-f="12"' in page and "2009年12月14日</mark>" in page  # DT105 marks the signature's date
    assert "落款日期 2009-12-14 在2009年还没有结束时" in page  # the message, the why, the basis beside it
    assert "国办公开办函〔2021〕30号（四）明确责任" in page
    assert "http" not in page.replace("http-equiv", "")  # nothing fetched from anywhere


def test_the_statutory_tables_are_drawn_with_the_broken_cells_marked(tmp_path):
    out = tmp_path / "shuitou.html"
    assert check(str(ROOT / "samples" / "shuitou-2025.txt"), "-o", str(out)) == 1
    page = out.read_text(encoding="utf-8")
    assert page.count("<table>") == 3
    bad = re.findall(r'<td class="bad sev-(\w+)" data-goto="\d+" title="([A-Z0-9 ]+)">([^<]*)</td>', page)
    assert ("error", "TB102", "85") in bad and ("error", "TB102", "7") in bad  # totals that do not add up


def test_report_text_stays_text(pages):
    page = pages["hostile"].read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert html.escape("<script>alert('x')</script>") + "统计期限" in page
    assert page.count("<script>") == 1  # the page's own, inlined


def test_a_batch_gets_an_index_with_a_row_per_file(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(SEED, folder / "longwei.txt")
    shutil.copy(ROOT / "samples" / "kunyang-2022.txt", folder / "kunyang.txt")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (folder / "README.md").write_text("说明\n", encoding="utf-8")
    out = tmp_path / "out" / "审核.html"
    assert check(str(folder), "-o", str(out)) == 1
    index = out.read_text(encoding="utf-8")
    rows = re.findall(r'<tr( class="[\w-]+")?><td><a href="审核_files/([^"]+)">([^<]+)</a>', index)
    assert [(cls.strip(), Path(path).name) for cls, _, path in rows] == [
        ("", "kunyang.txt"), ("", "longwei.txt"), ('class="error-row"', "old.doc"), ('class="skipped-row"', "README.md"),
    ]  # fmt: skip
    assert "无法审核：不能读取 Word 97-2003 文件" in index and "龙尾乡人民政府" in index
    pages = sorted(p.name for p in (tmp_path / "out" / "审核_files").iterdir())
    assert pages == [
        "0001-昆阳镇人民政府2022年度.html",
        "0002-龙尾乡人民政府2009年度.html",
        "0003-old.html",
        "0004-README.html",
    ]
    assert check(str(SEED), "-o", str(out)) == 1  # run again on one report: one page, last run's pages gone
    assert not (tmp_path / "out" / "审核_files").exists() and "龙尾乡" in out.read_text(encoding="utf-8")


def test_html_needs_a_file_to_write_to(capsys):
    assert check(str(SEED), "--format", "html") == 2
    assert "HTML 报告要写到文件" in capsys.readouterr().err


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("GONGKAI_REQUIRE_TOOLS"):
            pytest.fail("Chromium is missing: scripts/test installs Debian's chromium for these tests")
        pytest.skip("no /usr/bin/chromium (scripts/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("name", ["seed", "tengjiao", "hostile"])
def test_the_page_works_in_a_browser(browser, pages, name, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: problems.append(f"a dialog opened: {dialog.message}"))
    page.on(
        "request",
        lambda request: problems.append(f"fetched {request.url}") if not request.url.startswith("file:") else None,
    )
    page.goto(pages[name].as_uri())
    items = page.locator("aside li[data-f]")
    assert items.count() > 0
    for i in range(items.count()):
        number = items.nth(i).get_attribute("data-f")
        box = page.locator(f'mark[data-f~="{number}"]').first.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, f"finding {number} has no visible highlight"
    for i in (items.count() - 1, 0):  # the last, far down the page, then back to the first
        items.nth(i).click()
        number = items.nth(i).get_attribute("data-f")
        mark = page.locator(f'mark[data-f~="{number}"]').first
        assert mark.evaluate(
            "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }"
        )
        assert "flash" in mark.get_attribute("class")
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if name == "tengjiao" and os.environ.get("GONGKAI_UPDATE_SCREENSHOT"):
        shutil.copy(shot, SCREENSHOT)
    assert problems == []
    page.close()


def test_the_filters_hide_a_severity_and_its_highlights(browser, pages):
    page = browser.new_page()
    page.goto(pages["seed"].as_uri())
    warnings = page.locator("aside li[data-severity=warning]")
    assert warnings.count() > 0 and warnings.first.is_visible()
    page.locator("input[data-filter=severity][value=warning]").uncheck()
    assert not warnings.first.is_visible()
    number = warnings.first.get_attribute("data-f")
    assert "off" in page.locator(f'mark[data-f="{number}"]').first.get_attribute("class")
    page.locator("input[data-filter=severity][value=warning]").check()
    assert warnings.first.is_visible()
    page.close()
