"""The whole pipeline on the bundled seed corpus, scored by the strict scorer (bench/accuracy.py)
against each story's expected.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from bench.accuracy import load_labels, score_story
from checker.errors import Problems
from checker.pipeline import run_pipeline
from checker.report.json_findings import findings_json
from checker.resources import seeds_dir
from checker.sides import Side

SEEDS = seeds_dir()
STORIES = sorted(p.name for p in SEEDS.iterdir() if (p / "expected.yaml").is_file())


@pytest.fixture(scope="module")
def seed_run() -> dict[str, pl.DataFrame]:
    problems = Problems()
    tables = run_pipeline([str(SEEDS)], problems=problems)
    assert not problems.has_errors, [p.render() for p in problems]
    return tables


@pytest.mark.parametrize("story", STORIES)
def test_seed_story_scores_full_marks_with_the_strict_scorer(
    seed_run: dict[str, pl.DataFrame], story: str
) -> None:
    """Synthetic fixtures, not evidence of accuracy: they pin what the pipeline already does."""
    findings = json.loads(findings_json(seed_run["findings"]))["findings"]
    result = score_story(findings, load_labels(SEEDS / story / "expected.yaml"))
    assert result.misses == []
    assert result.unexplained == []
    assert result.fired == []


def test_every_evidence_side_of_the_seed_findings_is_a_side(
    seed_run: dict[str, pl.DataFrame],
) -> None:
    """Sides come from checker/sides.py only (findings.json carries their plain strings)."""
    findings = json.loads(findings_json(seed_run["findings"]))["findings"]
    sides = {entry["side"] for finding in findings for entry in finding["evidence"]}
    assert {Side.MAJORITY, Side.MINORITY, Side.OPTIMISTIC, Side.PESSIMISTIC} <= sides
    assert sides <= set(Side)


def test_fact_kind_and_scope_are_the_parts_of_the_fact_key(
    seed_run: dict[str, pl.DataFrame],
) -> None:
    """Quantity and day facts carry the kind and scope their key is made of; statement facts
    have neither."""
    facts = seed_run["facts"]
    family = pl.col("key").str.extract(r"^([a-z]+):", 1)
    framed = facts.filter(family.is_in(["quantity", "date"]))
    assert framed.height > 0 and framed["kind"].n_unique() > 1
    spelled = family + ":" + pl.col("kind") + "@" + pl.col("scope")
    assert framed.filter(spelled != pl.col("key")).is_empty()
    # Day facts are of kind `date`, or `date_<role>` for a day a role word opens ("until").
    day_kinds = set(facts.filter(pl.col("key").str.starts_with("date:"))["kind"].unique())
    assert "date" in day_kinds
    assert all(kind == "date" or kind.startswith("date_") for kind in day_kinds)
    statements = facts.filter(family == "statement")
    assert statements.height > 0
    assert statements["kind"].null_count() == statements["scope"].null_count() == statements.height
    assert facts.height == framed.height + statements.height


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


def test_the_same_articles_under_another_path_give_the_same_findings(
    seed_run: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    """Document ids hash the path as given; what is found, and its ids, must not."""
    elsewhere = tmp_path / "copy-of-seeds"
    elsewhere.symlink_to(SEEDS, target_is_directory=True)
    again = run_pipeline([str(elsewhere)], problems=Problems())["findings"]

    def said(findings: pl.DataFrame) -> list[tuple[str, str]]:
        return sorted(findings.select("finding_id", "message").rows())

    assert said(again) == said(seed_run["findings"])
