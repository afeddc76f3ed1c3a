"""The gate's built-in verdict is plain polars: new findings at or above --fail-on block,
baselined ones never do, and deciding it imports no great-expectations."""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker.gate.verdict import blocking_findings
from checker.schema import from_rows


def _finding(fid: str, severity: str, status: str = "new", story: str = "s") -> dict:
    return {
        "finding_id": fid,
        "rule_id": "quantity-mismatch",
        "check": "quantity",
        "severity": severity,
        "story": story,
        "status": status,
        "message": fid,
    }


FINDINGS = from_rows(
    [
        _finding("a-minor", "minor"),
        _finding("b-major", "major"),
        _finding("c-critical", "critical", story="t"),
        _finding("d-major-old", "major", status="baselined"),
        _finding("e-critical", "critical", story="a"),
    ],
    "findings",
)


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [
        ("none", []),
        ("critical", ["e-critical", "c-critical"]),
        ("major", ["e-critical", "c-critical", "b-major"]),
        ("MINOR", ["e-critical", "c-critical", "b-major", "a-minor"]),
        ("info", ["e-critical", "c-critical", "b-major", "a-minor"]),
    ],
)
def test_new_findings_at_or_above_the_threshold_block_worst_first(fail_on, expected) -> None:
    assert blocking_findings(FINDINGS, fail_on)["finding_id"].to_list() == expected


def test_a_bad_threshold_is_an_error_not_a_pass() -> None:
    with pytest.raises(ValueError, match="unknown threshold 'bogus'"):
        blocking_findings(FINDINGS, "bogus")


def test_the_verdict_imports_no_great_expectations() -> None:
    code = (
        "import sys\n"
        "from checker.gate.verdict import blocking_findings\n"
        "from checker.schema import from_rows\n"
        "rows = [{'finding_id': 'x', 'severity': 'major', 'story': 's', 'rule_id': 'r'}]\n"
        "found = blocking_findings(from_rows(rows, 'findings'), 'major')\n"
        "assert found['finding_id'].to_list() == ['x']\n"
        "assert 'great_expectations' not in sys.modules\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
