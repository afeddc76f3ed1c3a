"""Baselines: written sorted and deduplicated, read back strictly, applied by fingerprint."""

from __future__ import annotations

import json

import polars as pl
import pytest

from checker.errors import CheckerError
from checker.gate.baseline import apply_baseline, create_baseline, load_baseline
from checker.schema import from_rows


def _findings(*ids: str) -> pl.DataFrame:
    return from_rows(
        [
            {"finding_id": fid, "rule_id": "quantity-mismatch", "check": "quantity",
             "severity": "major", "story": "harbour-budget", "message": f"repairs: {fid}",
             "outlets": ["coast-daily", "harbour-news"], "status": "new"}
            for fid in ids
        ],
        "findings",
    )


def test_create_writes_sorted_unique_entries_and_load_reads_them(tmp_path):
    path = tmp_path / "baseline.json"
    count = create_baseline(_findings("f-b", "f-a", "f-b"), path)
    document = json.loads(path.read_text())
    assert count == 2
    assert document["schema_version"] == 1
    assert [entry["finding_id"] for entry in document["findings"]] == ["f-a", "f-b"]
    assert set(document["findings"][0]) == {"finding_id", "rule_id", "story", "message"}
    assert load_baseline(path) == frozenset({"f-a", "f-b"})


def test_same_findings_in_another_order_give_identical_bytes(tmp_path):
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    create_baseline(_findings("f-1", "f-2", "f-3"), first)
    create_baseline(_findings("f-3", "f-1", "f-2"), second)
    assert first.read_bytes() == second.read_bytes()


def test_apply_marks_listed_findings_baselined_and_others_new():
    marked = apply_baseline(_findings("old", "fresh"), frozenset({"old"}))
    assert dict(zip(marked["finding_id"], marked["status"], strict=True)) == {
        "old": "baselined", "fresh": "new"}


def test_without_baseline_missing_status_becomes_new():
    findings = _findings("f-1").with_columns(pl.lit(None, pl.String).alias("status"))
    assert apply_baseline(findings, None)["status"].to_list() == ["new"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON"),
        ('["f-1"]', "not a baseline"),
        ('{"schema_version": 99, "findings": []}', "unsupported baseline schema_version"),
        ('{"schema_version": 1, "findings": [{"rule_id": "x"}]}', "findings[0] has no finding_id"),
    ],
)
def test_malformed_baseline_names_the_file(tmp_path, content, expected):
    path = tmp_path / "broken-baseline.json"
    path.write_text(content)
    with pytest.raises(CheckerError) as caught:
        load_baseline(path)
    assert caught.value.source == str(path)
    assert expected in caught.value.message


def test_missing_baseline_file_says_how_to_create_one(tmp_path):
    with pytest.raises(CheckerError, match="checker baseline create"):
        load_baseline(tmp_path / "absent.json")
