"""The whole pipeline on the bundled seed corpus, scored against each story's expected.yaml."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from checker.errors import Problems
from checker.evaluate import load_expected, load_forbidden, score, violations
from checker.pipeline import run_pipeline
from checker.report.json_findings import findings_json
from checker.resources import seeds_dir

SEEDS = seeds_dir()
STORIES = sorted(p.name for p in SEEDS.iterdir() if (p / "expected.yaml").is_file())
CHECKS = (
    "quantity",
    "duration",
    "stance",
    "coverage",
    "attribution",
    "role",
    "spelling",
    "timezone",
    "date",
)


@pytest.fixture(scope="module")
def seed_run() -> dict[str, pl.DataFrame]:
    problems = Problems()
    tables = run_pipeline([str(SEEDS)], problems=problems)
    assert not problems.has_errors, [p.render() for p in problems]
    return tables


@pytest.mark.parametrize("story", STORIES)
def test_seed_story_precision_and_recall_at_minor_and_above(
    seed_run: dict[str, pl.DataFrame], story: str
) -> None:
    expected = [e for e in load_expected(SEEDS / story / "expected.yaml") if e.check in CHECKS]
    findings = seed_run["findings"].filter(pl.col("check").is_in(CHECKS))
    for result in score(findings, expected, threshold="minor"):
        assert result.recall == 1.0, f"{story} {result.check} missed: {result.misses}"
        assert result.precision == 1.0, f"{story} {result.check} extra: {result.extras}"


@pytest.mark.parametrize("story", STORIES)
def test_seed_story_look_alikes_stay_silent(seed_run: dict[str, pl.DataFrame], story: str) -> None:
    forbidden = load_forbidden(SEEDS / story / "expected.yaml")
    findings = seed_run["findings"].filter(pl.col("story") == story)
    assert violations(findings, forbidden) == []


def test_agreeing_story_has_no_finding_at_minor_or_above(seed_run: dict[str, pl.DataFrame]) -> None:
    agreeing = seed_run["findings"].filter(
        (pl.col("story") == "library-reopening") & (pl.col("severity") != "info")
    )
    assert agreeing.is_empty(), agreeing["message"].to_list()


def test_same_inputs_in_another_order_give_identical_findings_json(
    seed_run: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    story_dirs = [str(SEEDS / s) for s in reversed(STORIES)]
    again = run_pipeline(story_dirs, problems=Problems())
    assert findings_json(again["findings"]) == findings_json(seed_run["findings"])
