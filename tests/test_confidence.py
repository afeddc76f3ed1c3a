"""Finding confidence: read from who stands where in the evidence, sorted on, filtered by
`checker compare --min-confidence`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from checker.checks.confidence import ARITHMETIC, confidence
from checker.cli import app
from checker.resources import seeds_dir


def entry(side: str, claim: str, value: str = "v") -> dict:
    return {"side": side, "claim_id": claim, "outlet": claim, "value": value}


def test_one_outlet_against_many_is_surer_than_one_against_one() -> None:
    ten_to_one = [entry("majority", f"m{i}") for i in range(10)] + [entry("minority", "x")]
    one_to_one = [entry("disputed", "a", "30"), entry("disputed", "b", "40")]
    assert confidence(ten_to_one) > 0.9
    assert confidence(one_to_one) == 0.25
    assert confidence(ten_to_one) > confidence([entry("majority", "m"), entry("minority", "x")])


def test_a_one_article_sum_stands_at_its_own_level() -> None:
    assert confidence([entry("minority", "x")], "timezone") == ARITHMETIC
    assert confidence([entry("minority", "x")], "coverage") == 0.5


def test_compare_keeps_only_findings_at_the_minimum_confidence(tmp_path: Path) -> None:
    runner = CliRunner()
    every = runner.invoke(app, ["compare", str(seeds_dir()), "--out", str(tmp_path / "all")])
    sure = runner.invoke(
        app,
        ["compare", str(seeds_dir()), "--out", str(tmp_path / "sure"), "--min-confidence", "0.8"],
    )
    assert every.exit_code == 0 and sure.exit_code == 0, every.output + sure.output
    all_rows = json.loads((tmp_path / "all" / "findings.json").read_text())["findings"]
    sure_rows = json.loads((tmp_path / "sure" / "findings.json").read_text())["findings"]
    assert 0 < len(sure_rows) < len(all_rows)
    assert all(row["confidence"] >= 0.8 for row in sure_rows)
    # the one order: within a story and a severity, the surest first
    by_group: dict[tuple[str, str], list[float]] = {}
    for row in all_rows:
        by_group.setdefault((row["story"], row["severity"]), []).append(row["confidence"])
    assert all(scores == sorted(scores, reverse=True) for scores in by_group.values())


def test_a_minimum_confidence_outside_zero_to_one_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["compare", str(seeds_dir()), "--out", str(tmp_path), "--min-confidence", "2"]
    )
    assert result.exit_code == 2
    assert "--min-confidence" in result.output
