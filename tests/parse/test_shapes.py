"""The shapes real reports come in (tests/data/shapes.yaml): who wrote it, for which year,
when it was published, what its parts are — and no finding caused by the page's furniture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

SHAPES = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "shapes.yaml").read_text("utf-8"))["shapes"]


def value(meta, key: str):
    found = getattr(meta, key)
    if isinstance(found, dt.date):
        return found
    return found.value if hasattr(found, "value") else found


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s["name"])
def test_shape(audit_text, shape):
    result = audit_text(shape["text"])
    report = result.report
    for key, expected in shape["expect"].items():
        if key == "sections":
            numbers = [s.number for s in report.sections if s.level == 1 and s.is_heading]
            assert numbers == expected, key
        else:
            assert value(report.meta, key) == expected, (key, value(report.meta, key))
    rules = {f.rule for f in result.findings}
    assert not rules & set(shape.get("absent", ())), [(f.rule, f.match) for f in result.findings]
    assert set(shape.get("present", ())) <= rules
