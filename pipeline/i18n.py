"""The interface's language: Chinese by default, English with `--lang en` or an English locale.

Messages are written in English in the code, marked `_("…")`, and translated from the gettext
catalog pipeline/locale/zh_CN/LC_MESSAGES/gongkai.po (compiled to .mo by scripts/build_locale.py).
The catalog also carries click's own messages (Usage:, Options, Error: …), which click looks up
through gettext's default domain: that domain is set to gongkai, and LANGUAGE to the chosen
language, so worker processes and click speak the same language as the rest.

The language is chosen once per process, before any output: `--lang` on the command line, else
GONGKAI_LANG, else the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set — English when
it starts with "en", Chinese otherwise (a server's C or POSIX locale included: the users are Chinese).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Sequence
from pathlib import Path

DOMAIN = "gongkai"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def choose(argv: Sequence[str] = ()) -> str:
    """zh or en, from `--lang X` / `--lang=X` in argv, then the environment."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1].lower().startswith("en") else "zh"
        if argument.startswith("--lang="):
            return "en" if argument.split("=", 1)[1].lower().startswith("en") else "zh"
    for name in ("GONGKAI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def install(language: str) -> None:
    """Speak `language` from now on, in this process and in the workers it starts."""
    global _translation
    os.environ["GONGKAI_LANG"] = language
    os.environ["LANGUAGE"] = "zh_CN" if language == "zh" else "en"
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)  # click's messages too
    _translation = _load(language)


def _load(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=["zh_CN"], fallback=True)


_translation = _load(choose())


def _(message: str) -> str:
    """`message` in the interface's language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` (English has two; Chinese one)."""
    return _translation.ngettext(singular, plural, count)
