"""One cause, one finding: a section left out of a report raises three rules at once — ST101 (its
statutory item is missing), ST103 (its format heading is missing) and ST104 (the numbering skips its
number). The editor is shown one: ST101 when it fired, else ST103; the others are kept in its
`data["merged"]` (rule, message, line), so nothing is lost and nothing is said three times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline.models import Finding
from pipeline.rulebook import Regime


def merge_same_cause(findings: Sequence[Finding], regime: Regime | None) -> list[Finding]:
    if regime is None or not regime.headings:
        return list(findings)
    position = {heading.key: number for number, heading in enumerate(regime.headings, 1)}
    items = {f.data.get("item"): f for f in findings if f.rule == "ST101"}
    gaps = [f for f in findings if f.rule == "ST104" and f.data.get("level") == 1]
    merged: dict[int, list[Finding]] = {}  # id of the finding kept -> the findings it stands for
    gone: set[int] = set()
    for heading in (f for f in findings if f.rule == "ST103" and f.data.get("heading") in position):
        key = heading.data["heading"]
        kept = items.get(key, heading)
        same = [] if kept is heading else [heading]
        same += [g for g in gaps if id(g) not in gone and g.data["expected"] <= position[key] < g.data["found"]]
        for finding in same:
            gone.add(id(finding))
            merged.setdefault(id(kept), []).append(finding)
    if not merged:
        return list(findings)
    out = []
    for finding in findings:
        if id(finding) in gone:
            continue
        if id(finding) in merged:
            others = [{"rule": f.rule, "message": f.message, "line": f.location.line} for f in merged[id(finding)]]
            finding = replace(finding, data={**finding.data, "merged": others})
        out.append(finding)
    return out
