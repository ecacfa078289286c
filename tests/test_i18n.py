"""The interface speaks Chinese: every message gongkai can show has a translation, and a normal run
(a batch with unreadable files, help, a usage error) prints no English sentence."""

from __future__ import annotations

import ast
import gettext
import os
import re
import subprocess
import sys

import click
import pytest

from pipeline.cli import cli
from pipeline.i18n import LOCALE_DIR
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_locale  # noqa: E402

PO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "gongkai.po"
CATALOG = gettext.translation("gongkai", str(LOCALE_DIR), languages=["zh_CN"])
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")  # three English words in a row


def marked_messages() -> list[tuple[str, str | None]]:
    """Every literal given to _() (message, None) or ngettext() (singular, plural) in pipeline/."""
    found = []
    for path in sorted((ROOT / "pipeline").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node.func, "id", None) if isinstance(node, ast.Call) else None
            texts = (
                [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if name
                else []
            )
            if name == "_" and texts:
                found.append((texts[0], None))
            elif name == "ngettext" and len(texts) == 2:
                found.append((texts[0], texts[1]))
    return found


def help_texts() -> list[str]:
    texts = []

    def walk(command: click.Command) -> None:
        texts.extend(t for t in [command.help, *(getattr(p, "help", None) for p in command.params)] if t)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(cli)
    return texts


@pytest.mark.parametrize("message,plural", sorted(set(marked_messages()) | {(t, None) for t in help_texts()}))
def test_every_message_has_a_chinese_translation(message, plural):
    translated = CATALOG.ngettext(message, plural, 2) if plural else CATALOG.gettext(message)
    assert translated not in (message, plural), message
    assert not ENGLISH_SENTENCE.search(translated), translated


def test_the_compiled_catalog_is_the_one_the_po_makes():
    built = build_locale.mo_bytes(build_locale.parse_po(PO.read_text(encoding="utf-8")))
    assert PO.with_suffix(".mo").read_bytes() == built, "run: python scripts/build_locale.py"


def test_translations_keep_their_placeholders():
    for msgid, msgstr in build_locale.parse_po(PO.read_text(encoding="utf-8")).items():
        if msgid:
            wanted = set(re.findall(r"\{(\w+)", msgid.split("\0")[-1]))
            assert set(re.findall(r"\{(\w+)", msgstr)) <= wanted | set(re.findall(r"\{(\w+)", msgid)), msgid


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), **(env or {})}
    environment["GONGKAI_CACHE_DIR"] = os.environ["GONGKAI_CACHE_DIR"]  # the test session's cache, not the repo
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env=environment)  # fmt: skip


def english(text: str) -> list[str]:
    """English sentences, leaving out what is code, not prose: paths, options, rule names, the file formats."""
    cleaned = re.sub(r"\S*/\S*|--?[\w-]+|\b[a-z]+(?:-[a-z]+)+\b|\[[^\]]*\]|'[^']*'", " ", text)
    return ENGLISH_SENTENCE.findall(cleaned)


def test_a_batch_a_help_page_and_a_mistake_are_all_chinese(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    (tmp_path / "seed.txt").write_bytes((ROOT / "samples" / "longwei-2009.txt").read_bytes())
    batch = run("check", str(tmp_path), "samples/", env={"LANG": "C.UTF-8"})
    assert batch.returncode == 1 and "已审核" in batch.stdout and "无法审核" in batch.stdout
    for shown in (
        batch,
        run("check", "--help"),
        run("--help"),
        run("check", "nothing-here.txt"),
        run("check", "samples/", "--frobnicate"),
    ):
        assert english(shown.stdout + shown.stderr) == [], shown.args


def test_english_with_an_english_locale():
    shown = run("check", "--help", env={"LANG": "en_US.UTF-8"})
    assert "Audit reports (files or folders)" in shown.stdout and "Usage:" in shown.stdout
