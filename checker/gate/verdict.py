"""The gate's built-in verdict: is there a new finding at or above `--fail-on`?

Plain polars, no great-expectations: the verdict that fails a build is cheap and testable on
its own, and great-expectations only adds the data-quality suites over the tables.
"""

from __future__ import annotations

import polars as pl

from checker.gate.frames import with_blocking
from checker.severity import severity_rank


def blocking_findings(findings: pl.DataFrame, fail_on: str | None) -> pl.DataFrame:
    """The findings that fail the gate: status new (not baselined) and severity at or above
    the threshold; the worst first, then by story, rule and id (deterministic order)."""
    flagged = with_blocking(findings, fail_on)
    blocking = flagged.filter(pl.col("blocking")).drop("blocking")
    return (
        blocking.with_columns(severity_rank(pl.col("severity").fill_null("info")).alias("_rank"))
        .sort(["_rank", "story", "rule_id", "finding_id"], descending=[True, False, False, False])
        .drop("_rank")
    )
