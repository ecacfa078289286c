"""Turn a rule's `params` mapping into the typed parameters its check kind declares."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from typing import Annotated, Any

from pipeline.errors import UsageError

# A parameter that is a regular expression: compiled when the rulebook loads, so a county's
# mistyped copy of rules/ is refused at once ({name} stands for a place name in place rules).
Regex = Annotated[str, "regex"]


def build_params(cls: type, raw: Any, where: str):
    """An instance of dataclass `cls` from YAML data; unknown or mistyped keys are errors."""
    if isinstance(raw, str) and not isinstance(raw, Mapping):
        first = dataclasses.fields(cls)[0].name
        raw = {first: raw}
    if not isinstance(raw, Mapping):
        raise UsageError(f"{where}: expected a mapping, got {type(raw).__name__}")
    hints = typing.get_type_hints(cls, include_extras=True)
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    unknown = set(raw) - names
    if unknown:
        raise UsageError(f"{where}: unknown parameters {sorted(unknown)}; known: {sorted(names)}")
    values = {}
    for field in dataclasses.fields(cls):
        if not field.init:
            continue
        if field.name in raw:
            values[field.name] = _convert(hints[field.name], raw[field.name], f"{where}.{field.name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise UsageError(f"{where}: parameter '{field.name}' is required")
    try:
        return cls(**values)
    except (ValueError, TypeError, re.error) as exc:
        raise UsageError(f"{where}: {exc}") from None


def _compile(pattern: str, where: str) -> None:
    try:
        re.compile(pattern.replace("{name}", "某镇"))
    except re.error as exc:
        raise UsageError(f"{where}: bad regular expression {pattern!r}: {exc}; fix the pattern") from None


def _convert(kind: Any, value: Any, where: str):
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin is Annotated:
        converted = _convert(args[0], value, where)
        if "regex" in args[1:]:
            _compile(converted, where)
        return converted
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, where)
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise UsageError(f"{where}: expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):
            raise UsageError(f"{where}: expected {len(args)} values")
        return tuple(_convert(a, v, where) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(kind):
        return build_params(kind, value, where)
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind in (str, int, bool) and type(value) is kind:
        return value
    raise UsageError(f"{where}: expected {getattr(kind, '__name__', kind)}, got {value!r}")
