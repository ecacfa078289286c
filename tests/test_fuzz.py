"""Fuzzing at a CI-sized budget: whatever arrives is audited or refused with a reason, never a crash.

Property-based (hypothesis) over text, bytes and HTML, and mutation tests over every
input format (the seed and a 2021 report as TXT, HTML, DOCX and PDF, mutated by a
seeded generator): every file is accounted for, no internal error, and `-j 1` and
`-j 2` write the same JSON.
"""

from __future__ import annotations

import io
import json
import os
import random
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch import INTERNAL_ERROR
from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.ingest import read_source, source_from_bytes
from tests.test_formats_ingest import fixtures  # noqa: F401 - the session's generated files

# Pieces of real reports' shapes, for the generator to join in any order with noise between.
FRAGMENTS = ["平阳县龙尾乡2021年政府信息公开工作年度报告\n", "一、总体情况\n", "(二)依申请公开\n", "1.", "①",
             "主动公开政府信息26条", "依申请公开", "行政复议", "《中华人民共和国政府信息公开条例》", "第十四条",
             "第九、十、十一条", "2021年1月1日至12月31日", "统计", "我镇", "义和乡", "首页>政务公开>", "时间:2022-01-10\n",
             "| 信息内容 | 本年制发件数 |\n", "| 规章 | 0 |\n", "-1-\n", "。", "\n", "縣", "公(gōng)", "\u202e", "\u200b",
             "\x0b", "\ufeff", "%", "万元", "龙尾乡人民政府\n2022年1月15日\n"]  # fmt: skip
REPORT_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40).map("".join)
EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "60"))  # CI's budget; set it higher to search longer
BUDGET = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_sound(result) -> None:
    """A finding points into the text it quotes, at a real line."""
    if result.report is None:
        assert result.error
        return
    text = result.report.text.text
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.match == text[finding.start : finding.end]
        assert finding.location.line >= 1 and finding.location.column >= 1


@BUDGET
@given(REPORT_TEXT)
def test_any_text_is_audited_or_refused(auditor, text):
    try:
        source = source_from_bytes(text.encode("utf-8"), "fuzz.txt")
    except InputError:
        return
    _assert_sound(auditor.audit_source(source))


@BUDGET
@given(st.binary(max_size=3000))
def test_any_bytes_are_decoded_or_refused(auditor, data):
    try:
        source = source_from_bytes(b"\xe6\x8a\xa5\xe5\x91\x8a" + data, "fuzz.txt")
    except InputError as exc:
        assert str(exc)
        return
    _assert_sound(auditor.audit_source(source))


TAGS = ["div", "p", "span", "table", "tr", "td", "th", "ul", "li", "script", "style", "br", "h1", "font", "b"]
HTML_ATTRIBUTES = st.sampled_from(
    ["", ' colspan="3"', ' rowspan="999999"', ' colspan="-1"', ' rowspan="x"', ' style="display:none"']
)


@st.composite
def html_pages(draw):
    parts = ["<html><body>"]
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 2))
        if kind == 0:
            parts.append(f"<{draw(st.sampled_from(TAGS))}{draw(HTML_ATTRIBUTES)}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        else:
            parts.append(draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=15))))
    return "".join(parts)


@BUDGET
@given(html_pages())
def test_any_html_is_read_or_refused(auditor, tmp_path_factory, page):
    path = tmp_path_factory.mktemp("html") / "page.html"
    path.write_text(page, encoding="utf-8", errors="surrogatepass")
    try:
        source = read_source(path)
    except InputError as exc:
        assert str(exc)
        return
    _assert_sound(auditor.audit_source(source))


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """One of the ways files arrive damaged: flipped bytes, cut short, a chunk lost, doubled or foreign."""
    cut = rng.randrange(1, max(2, len(data)))
    size = rng.randrange(1, 200)
    way = rng.randrange(5)
    if way == 0:
        mutated = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        return bytes(mutated)
    if way == 1:
        return data[:cut]
    if way == 2:
        return data[:cut] + data[cut + size :]
    if way == 3:
        return data[:cut] + data[cut : cut + size] * rng.randrange(2, 50) + data[cut:]
    return data[:cut] + rng.randbytes(size) + data[cut:]


def _mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """A well-formed zip whose document.xml is damaged (a byte-level mutation mostly breaks the zip)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            content = original.read(item)
            if item.filename == "word/document.xml":
                content = _mutate(content, rng)
            copy.writestr(item, content)
    return out.getvalue()


MUTANTS_PER_FILE = 5
ORIGINALS = ["longwei-2009.html", "longwei-2009.docx", "longwei-2009.pdf", "clean-2021-pingyangkeng.docx",
             "clean-2021-pingyangkeng.html", "clean-2021-pingyangkeng.framed.pdf"]  # fmt: skip


@pytest.fixture(scope="module")
def mutants(tmp_path_factory, fixtures):  # noqa: F811
    from tests.conftest import ROOT, SEED

    folder = tmp_path_factory.mktemp("mutants")
    originals = {name: (fixtures / name).read_bytes() for name in ORIGINALS}
    originals["longwei-2009.txt"] = SEED.read_bytes()
    originals["clean-2015-daxie.txt"] = (ROOT / "tests" / "data" / "clean-2015-daxie.txt").read_bytes()
    rng = random.Random(20261130)
    for name, data in originals.items():
        stem, suffix = name.split(".", 1)
        for n in range(MUTANTS_PER_FILE):
            mutated = _mutate_docx(data, rng) if suffix == "docx" and n % 2 == 0 else _mutate(data, rng)
            (folder / f"{stem}.m{n}.{suffix}").write_bytes(mutated)
    return folder


def _check_json(folder, jobs: int, out) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(folder), "-f", "json", "-j", str(jobs), "-o", str(out), "--no-ocr"])
    return exit_info.value.code


def test_mutated_files_are_each_accounted_for_and_identical_across_workers(mutants, tmp_path):
    one, two = tmp_path / "j1.json", tmp_path / "j2.json"
    codes = (_check_json(mutants, 1, one), _check_json(mutants, 2, two))
    assert codes[0] == codes[1] and codes[0] in (0, 1)
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")
    reports = json.loads(one.read_text(encoding="utf-8"))["reports"]
    files = sorted(str(p) for p in mutants.iterdir())
    assert [r["path"] for r in reports] == files  # every file once, in order
    for report in reports:
        assert report["error"] is None or not report["error"].startswith(INTERNAL_ERROR), report
        assert (report["error"] is None) == (report["meta"] is not None)
    audited = sum(r["error"] is None for r in reports)
    assert audited >= len(files) // 3  # most damage leaves a readable report, which is then audited
