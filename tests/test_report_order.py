"""One order of findings everywhere: story, severity, confidence, departing outlets, id; and
who departs in a finding (copies once, both parties of a dispute, never a single-source lead)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from test_report_sample import STORY, sample_tables

from checker.report.order import departures, ordered_findings
from checker.report.writer import write_report
from checker.schema import SCHEMA_VERSION, from_rows


def _entry(outlet: str, side: str, copies: list[str] | None = None) -> dict:
    return {
        "outlet": outlet,
        "outlets": copies or [outlet],
        "side": side,
        "value": side,
        "sentence": side,
        "doc_id": outlet,
        "claim_id": f"c-{outlet}",
    }


def _finding(
    fid: str,
    severity: str,
    confidence: float | None,
    evidence: list[dict],
    key: str = "quantity:x",
    story: str = "s",
) -> dict:
    return {
        "finding_id": fid,
        "rule_id": "r",
        "check": "quantity",
        "severity": severity,
        "confidence": confidence,
        "story": story,
        "key": key,
        "evidence": evidence,
        "outlets": sorted({o for e in evidence for o in e["outlets"]}),
    }


def test_departing_counts_copies_once_and_leads_never() -> None:
    findings = from_rows(
        [
            # a and its copy b against the majority: one independent outlet departs, two names
            _finding(
                "f1",
                "major",
                0.9,
                [
                    _entry("a", "minority", ["a", "b"]),
                    _entry("b", "minority", ["a", "b"]),
                    _entry("c", "majority"),
                    _entry("d", "majority"),
                ],
            ),
            # no majority: both parties of the dispute depart
            _finding("f2", "major", 0.9, [_entry("a", "disputed"), _entry("c", "disputed")]),
            # claims one outlet alone makes: a lead, nobody departs
            _finding("f3", "info", 0.9, [_entry("a", "minority")], key="single:summary"),
            _finding("f4", "info", 0.9, [_entry("e", "optimistic"), _entry("f", "pessimistic")]),
        ],
        "findings",
    )
    got = {
        fid: (n, outlets) for fid, n, outlets in departures(findings).sort("finding_id").iter_rows()
    }
    assert got == {"f1": (1, ["a", "b"]), "f2": (2, ["a", "c"]), "f3": (0, []), "f4": (1, ["f"])}


def test_the_order_is_story_severity_confidence_departing_id() -> None:
    two = [_entry("a", "disputed"), _entry("c", "disputed")]
    one = [_entry("a", "minority"), _entry("c", "majority")]
    findings = from_rows(
        [
            _finding("z-info", "info", 0.99, one),
            _finding("y-unsure", "major", 0.25, one),
            _finding("x-one", "major", 0.9, one),
            _finding("w-two", "major", 0.9, two),
            _finding("v-none", "major", None, two),
            _finding("a-other-story", "critical", 1.0, one, story="t"),
            _finding("b-same", "major", 0.9, one),
        ],
        "findings",
    )
    assert ordered_findings(findings)["finding_id"].to_list() == [
        "w-two",  # most confident, two outlets depart
        "b-same",  # then one departs; ties by id
        "x-one",
        "y-unsure",
        "v-none",  # unknown confidence last within its severity
        "z-info",
        "a-other-story",
    ]


def test_every_format_lists_the_findings_in_the_same_order(tmp_path: Path) -> None:
    write_report(tmp_path, sample_tables(), ["md", "csv", "junit"], "none")
    expected = ["a1b2c3d4e5f60003", "a1b2c3d4e5f60001", "a1b2c3d4e5f60002", "a1b2c3d4e5f60004"]
    document = json.loads((tmp_path / "findings.json").read_text())
    assert [f["finding_id"] for f in document["findings"]] == expected
    md = (tmp_path / "findings.md").read_text()
    assert re.findall(r"#f-([0-9a-f]{16})", md) == expected
    rows = csv.DictReader(io.StringIO((tmp_path / "findings.csv").read_text()))
    assert [r["finding_id"] for r in rows] == expected
    junit = ET.parse(tmp_path / "junit.xml").getroot()
    text = "\n".join((case.findtext("system-out") or "") for case in junit.iter("testcase"))
    assert re.findall(r"#([0-9a-f]{16})", text) == expected
    page = (tmp_path / "stories" / f"{STORY}.html").read_text()
    assert re.findall(r'<article class="finding" id="f-([0-9a-f]{16})"', page) == expected


def test_findings_json_carries_publication_times(tmp_path: Path) -> None:
    write_report(tmp_path, sample_tables(), [], "none")
    document = json.loads((tmp_path / "findings.json").read_text())
    assert document["schema_version"] == SCHEMA_VERSION >= 4  # 4 added evidence.published
    budget = next(f for f in document["findings"] if f["finding_id"] == "a1b2c3d4e5f60001")
    assert {e["outlet"]: e["published"] for e in budget["evidence"]} == {
        "north-gazette": "2025-03-03T09:30:00Z",
        "south-post": "2025-03-03T09:30:00Z",
        "east-echo": "2025-03-03T09:45:00Z",
        "west-wire": "2025-03-04T08:00:00Z",
    }
