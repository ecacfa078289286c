"""Inputs made of long runs of what the scanners look for; shared by the test and bench/bench_adversarial.py.

Each case is a file (name, bytes): a run of one piece after a report title, the same
run inside the seed report, and the shapes that once took quadratic time (a report
without 。, a page of widget words, one very long line).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "samples" / "longwei-2009.txt"
TITLE = "平阳县龙尾乡2021年政府信息公开工作年度报告\n"

# What the scanners look for: numbers, numerals, level words, names, headings, dates, crumbs,
# info bars, table rows, citations, brackets, pinyin, 繁体, and the words the rules' contexts use.
PIECES = ["7", "一", "县", "镇", "我镇", "《", "》", "年", ">", "|", "来源:", "• ", "人民政府", "2021年",
          "第一、", "第十四条", "《条例》第十条、", "乡镇", "街道", "白渡镇", "。", "梅县区白渡镇", "平阳县民政局",
          "(一)", "一、", "1.", "①", "现将", "由", "街", "本年度", "办事处", "区人民政府办公室", "-1-\n",
          "2021-01-01\n", "2021年1月1日", "至", "首页>", "标题|", "公(gōng)", "縣", "1", ",", "%", "\n",
          "时间:2024-12-30\n", "镇长", "县农业农村局", "请与", "(锦丰镇)", "2014年,南薰乡", "统计", "数据",
          "件", "万元", "主动公开", "依申请公开", "行政复议", "  ", "\t", "返回顶部",
          "信息内容 |\n", "规章\n0\n", "0 ", "| 0 ", "自然人\n", "本年新收\n1\n", "结果维持 0 "]  # fmt: skip


def cases(length: int) -> Iterator[tuple[str, str, bytes]]:
    """(what it is, file name, bytes) for every adversarial input of about `length` characters."""
    seed = SEED.read_text(encoding="utf-8")
    middle = len(seed) // 2
    for piece in PIECES:
        run = piece * max(1, length // len(piece))
        yield f"run of {piece!r}", "run.txt", (TITLE + run + "\n").encode("utf-8")
        yield f"run of {piece!r} in the seed", "run.txt", (seed[:middle] + run + seed[middle:]).encode("utf-8")
    no_stops = seed.replace("。", "，")
    yield "the seed without 。, repeated", "nostops.txt", (no_stops * max(1, length // len(no_stops))).encode("utf-8")
    flat = seed.replace("\n", " ")
    yield "the seed on one line, repeated", "oneline.txt", (flat * max(1, length // len(flat))).encode("utf-8")
    widgets = "返回顶部" * max(1, length // 8)
    page = f"<html><body><p>{TITLE}</p><div>{widgets}</div><div>{widgets}x</div></body></html>"
    yield "widget words on a page", "widgets.html", page.encode("utf-8")
    deep = "<div>" * (length // 50) + TITLE + "主动公开政府信息。" + "</div>" * (length // 50)
    yield "a page nested deep", "deep.html", f"<html><body>{deep}</body></html>".encode()
