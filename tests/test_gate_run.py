"""The gate end to end on saved tables: pass, fail, baseline, bad suites, no network.

great-expectations is slow to import, so the tables are built once per module and every test
reuses the same saved folders; after the first run each gate takes a fraction of a second.
"""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime

import polars as pl
import pytest

from checker.gate import run_gate
from checker.gate.command import baseline_create_command, gate_command
from checker.schema import from_rows
from checker.tables_io import write_tables

DOCUMENTS = [
    {
        "doc_id": "d-coast",
        "story": "harbour-budget",
        "outlet": "coast-daily",
        "text": "The council approved 12 million for the sea wall, the mayor said.",
        "published": datetime(2024, 3, 4, 9, 30, tzinfo=UTC),
    },
    {
        "doc_id": "d-harbour",
        "story": "harbour-budget",
        "outlet": "harbour-news",
        "text": "Councillors set aside 15 million for sea wall repairs.",
        "published": None,
    },
]
CLAIMS = [
    {
        "claim_id": "c1",
        "doc_id": "d-coast",
        "story": "harbour-budget",
        "outlet": "coast-daily",
        "sent_idx": 0,
        "text": '"It is a turning point," the mayor said.',
        "quote": True,
        "speaker": "mayor",
        "topics": ["budget"],
    },
    {
        "claim_id": "c2",
        "doc_id": "d-harbour",
        "story": "harbour-budget",
        "outlet": "harbour-news",
        "sent_idx": 0,
        "text": "Councillors set aside 15 million.",
        "quote": False,
        "speaker": None,
        "topics": [],
    },
]
QUANTITIES = [
    {
        "claim_id": "c2",
        "kind": "money",
        "value": 15e6,
        "low": 15e6,
        "high": 15e6,
        "qualifier": "exact",
        "text": "15 million",
    },
    {
        "claim_id": "c1",
        "kind": "money",
        "value": 12e6,
        "low": 12e6,
        "high": float("inf"),
        "qualifier": "more_than",
        "text": "more than 12 million",
    },
]


def _finding(fid: str, severity: str, message: str) -> dict:
    return {
        "finding_id": fid,
        "rule_id": "quantity-mismatch",
        "check": "quantity",
        "severity": severity,
        "story": "harbour-budget",
        "key": "money",
        "message": message,
        "outlets": ["coast-daily", "harbour-news"],
        "claim_ids": ["c1", "c2"],
        "status": "new",
    }


MINOR = _finding("f-minor", "minor", "spelling of the council's name differs")
MAJOR = _finding("f-major", "major", "money: 12 million against 15 million <script>x</script>")
LATER = _finding("f-later", "critical", "money: 15 million against 20 million")


def _tables(
    findings: list[dict], claims: list[dict] = CLAIMS, quantities: list[dict] = QUANTITIES
) -> dict[str, pl.DataFrame]:
    return {
        "documents": from_rows(DOCUMENTS, "documents"),
        "claims": from_rows(claims, "claims"),
        "quantities": from_rows(quantities, "quantities"),
        "findings": from_rows(findings, "findings"),
    }


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """Saved output folders: clean (a minor finding only), blocking (+ a major), later (+ new)."""
    root = tmp_path_factory.mktemp("gate")
    folders = {
        "clean": [MINOR],
        "blocking": [MINOR, MAJOR],
        "later": [MINOR, MAJOR, LATER],
    }
    for name, findings in folders.items():
        write_tables(root / name, _tables(findings))
    return root


def _failing_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("X ")]


def test_clean_tables_pass_and_write_results(saved, tmp_path, capsys):
    code = gate_command(None, from_dir=saved / "clean", out=tmp_path)
    output = capsys.readouterr().out
    assert code == 0, output
    assert "gate PASSED" in output and not _failing_lines(output)
    took = next(line for line in output.splitlines() if line.startswith("took: "))
    assert re.fullmatch(  # --from: no pipeline
        r"took: gate [\d.]+ s \(great-expectations: import [\d.]+ s, validate [\d.]+ s\)", took
    )
    results = json.loads((tmp_path / "gate-results.json").read_text())
    assert results["success"] is True
    suites = {result["suite_name"] for result in results["results"]}
    assert {"documents", "quoted_claims", "quantities", "findings"} <= suites
    assert "gate PASSED" in (tmp_path / "gate.html").read_text()


def test_blocking_finding_fails_and_is_named_first(saved, tmp_path, capsys):
    code = gate_command(None, from_dir=saved / "blocking", out=tmp_path)
    output = capsys.readouterr().out
    assert code == 1
    (failing,) = _failing_lines(output)
    assert failing.split()[1:3] == ["major", "quantity-mismatch"] and "[f-major]" in failing
    assert output.index(failing) < output.index("expectations:")
    assert "gate FAILED" in output and "1 new finding at or above the threshold" in output
    results = json.loads((tmp_path / "gate-results.json").read_text())
    assert results["success"] is False and results["blocking_findings"] == ["f-major"]
    page = (tmp_path / "gate.html").read_text()
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    # The page leads with the blocking finding, linked to its place in the report.
    link = 'href="stories/harbour-budget.html#f-f-major"'
    assert link in page and page.index(link) < page.index("<h2>Expectations</h2>")
    assert "f-minor" not in page  # below the threshold: in the report, not in the verdict


def test_raising_the_threshold_lets_the_major_finding_through(saved, capsys):
    assert gate_command(None, from_dir=saved / "blocking", fail_on="critical") == 0
    assert gate_command(None, from_dir=saved / "blocking", fail_on="none") == 0
    capsys.readouterr()


def test_baseline_accepts_current_findings_and_a_new_one_fails_again(saved, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    assert baseline_create_command([str(saved / "blocking")], baseline) == 0
    assert gate_command(None, from_dir=saved / "blocking", baseline=baseline) == 0
    capsys.readouterr()
    assert gate_command(None, from_dir=saved / "later", baseline=baseline) == 1
    (failing,) = _failing_lines(capsys.readouterr().out)
    assert failing.split()[1] == "critical" and "[f-later]" in failing


def test_gx_warning_maps_to_minor_and_fails_only_at_minor():
    unattributed = [{**CLAIMS[0], "speaker": None}, CLAIMS[1]]
    tables = _tables([], claims=unattributed)
    at_major = run_gate(tables, None, None, "major")
    row = at_major.outcomes.filter(pl.col("table") == "quoted_claims").row(0, named=True)
    assert (row["result"], row["severity"], row["blocking"]) == ("fail", "minor", False)
    assert at_major.exit_code == 0
    assert run_gate(tables, None, None, "minor").exit_code == 1


def test_quantity_outside_its_interval_fails():
    broken = [{**QUANTITIES[0], "low": 16e6}]
    result = run_gate(_tables([], quantities=broken), None, None, "major")
    failed = result.outcomes.filter(pl.col("result") == "fail")
    assert failed["column"].to_list() == ["value, low"]
    assert result.exit_code == 1


def test_user_suite_with_checker_severity_override(saved, tmp_path, capsys):
    suite = tmp_path / "team.json"
    suite.write_text(
        json.dumps(
            {
                "name": "team-claims",
                "meta": {"checker_table": "claims"},
                "expectations": [
                    {
                        "type": "expect_column_values_to_not_be_null",
                        "kwargs": {"column": "speaker"},
                        "severity": "warning",
                        "meta": {"checker_severity": "major"},
                    }
                ],
            }
        )
    )
    assert gate_command(None, from_dir=saved / "clean", suites=[suite]) == 1
    (failing,) = _failing_lines(capsys.readouterr().out)
    assert failing.split()[1:6] == [
        "claims",
        "expect_column_values_to_not_be_null",
        "speaker",
        "fail",
        "major",
    ]


@pytest.mark.parametrize(
    "content",
    [
        '{"name": "claims", "expectations": [',
        json.dumps(
            {
                "name": "claims",
                "expectations": [{"type": "expect_speakers_to_be_polite", "kwargs": {}}],
            }
        ),
    ],
    ids=["bad-json", "unknown-expectation"],
)
def test_malformed_suite_exits_2_naming_its_path(saved, tmp_path, capsys, content):
    suite = tmp_path / "malformed-suite.json"
    suite.write_text(content)
    assert gate_command(None, from_dir=saved / "clean", suites=[suite]) == 2
    assert str(suite) in capsys.readouterr().err


def test_gate_makes_no_network_connections(saved, monkeypatch):
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def guarded(self, address):
        internet = self.family in (socket.AF_INET, socket.AF_INET6)
        if internet and address[0] not in ("127.0.0.1", "::1", "localhost"):
            attempts.append(address)
            raise OSError(f"network access during the gate: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    result = run_gate(_tables([MINOR, MAJOR]), None, None, "major")
    assert len(result.outcomes) > 0 and result.exit_code == 1  # the gate really ran
    assert attempts == []
