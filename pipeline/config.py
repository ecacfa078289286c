"""A county's settings in `gongkai.toml` (or `[tool.gongkai]` in pyproject.toml), found upward from here.

    select = ["ST", "TB"]          ignore = ["DP101"]        fail-on = "warning"
    min-severity = "info"          jobs = 2                  rules = "my-rules"   (relative to the file)
    max-mb = 30   max-pages = 300  timeout = 300   max-memory = 2000   ocr = true
    [severity]   DP101 = "info"                              (a rule's severity, by code)
    [deadlines]  2021 = "01-31"                              (a regime's deadline: the county's notice)

Options given on the command line win over the file; `gongkai config` prints what is in
effect and where each value came from.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import UsageError
from pipeline.models import SEVERITIES

FILE_NAME = "gongkai.toml"
# key in the file -> (the command-line parameter it sets, the types it may have)
OPTIONS: dict[str, tuple[str, tuple[type, ...]]] = {
    "select": ("select", (list,)),
    "ignore": ("ignore", (list,)),
    "fail-on": ("fail_on", (str,)),
    "min-severity": ("min_severity", (str,)),
    "jobs": ("jobs", (int,)),
    "rules": ("rules_dir", (str,)),
    "max-mb": ("max_mb", (int, float)),
    "max-pages": ("max_pages", (int,)),
    "timeout": ("timeout", (int, float)),
    "max-memory": ("max_memory", (int, float)),
    "ocr": ("ocr", (bool,)),
}
TABLES = ("severity", "deadlines")


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    options: Mapping[str, Any] = field(default_factory=dict)  # command-line parameter -> value
    severities: Mapping[str, str] = field(default_factory=dict)  # rule code -> severity
    deadlines: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # regime id -> (month, day)


def find_config(start: Path) -> Path | None:
    """The nearest gongkai.toml, or pyproject.toml with a [tool.gongkai] table, in `start` or above it."""
    for folder in (start, *start.parents):
        if (folder / FILE_NAME).is_file():
            return folder / FILE_NAME
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "gongkai" in _read(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    document = _read(path)
    table = document.get("tool", {}).get("gongkai", {}) if path.name == "pyproject.toml" else document
    unknown = sorted(set(table) - set(OPTIONS) - set(TABLES))
    if unknown:
        raise UsageError(f"{path}: 不认识的设置 {unknown}；可用的有 {', '.join([*OPTIONS, *TABLES])}")
    options: dict[str, Any] = {}
    for key, (parameter, types) in OPTIONS.items():
        if key not in table:
            continue
        value = table[key]
        if not isinstance(value, types) or (type(value) is bool and bool not in types):
            raise UsageError(f"{path}: {key} = {value!r} 的类型不对（应为 {'/'.join(t.__name__ for t in types)}）")
        if key == "rules":
            value = str((path.parent / value).resolve())
        options[parameter] = tuple(value) if isinstance(value, list) else value
    severities = dict(table.get("severity", {}))
    for code, severity in severities.items():
        if severity not in SEVERITIES:
            raise UsageError(f"{path}: [severity] {code} = {severity!r}：严重程度应为 {', '.join(SEVERITIES)}")
    deadlines = {str(regime): _month_day(path, regime, value) for regime, value in table.get("deadlines", {}).items()}
    return Config(path, options, severities, deadlines)


def _month_day(path: Path, regime: str, value: Any) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in str(value).split("-"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return month, day
    except ValueError:
        pass
    raise UsageError(f'{path}: [deadlines] {regime} = {value!r}：应写成 "月-日"，如 "01-31"')


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: 读不了：{exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: 不是有效的 TOML：{exc}；请改正后再运行") from None
