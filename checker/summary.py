"""Short plain-text summaries of tables, for the terminal."""

from __future__ import annotations

import polars as pl

from checker.errors import printable


def documents_summary(documents: pl.DataFrame) -> str:
    if documents.is_empty():
        return "0 documents"
    per_story = (
        documents.group_by("story")
        .agg(
            pl.len().alias("documents"),
            pl.col("outlet").n_unique().alias("outlets"),
            pl.col("duplicate_of").is_not_null().sum().alias("duplicates"),
        )
        .sort("story")
    )
    lines = [
        f"{documents.height} documents, {documents['outlet'].n_unique()} outlets, "
        f"{per_story.height} stories"
    ]
    for row in per_story.iter_rows(named=True):
        lines.append(
            f"  {printable(row['story'])}: {row['documents']} documents "
            f"from {row['outlets']} outlets"
            + (f", {row['duplicates']} duplicates" if row["duplicates"] else "")
        )
    return "\n".join(lines)


def findings_summary(findings: pl.DataFrame) -> str:
    """One line per story: how many findings at each severity."""
    if findings.is_empty():
        return "no findings"
    counts = (
        findings.group_by("story", "severity").agg(pl.len().alias("n")).sort("story", "severity")
    )
    lines = [f"{findings.height} findings"]
    for (story,), group in counts.group_by(["story"], maintain_order=True):
        parts = ", ".join(f"{n} {sev}" for sev, n in group.select("severity", "n").iter_rows())
        lines.append(f"  {printable(story)}: {parts}")
    return "\n".join(lines)


def rule_statistics(findings: pl.DataFrame) -> str:
    """One line per rule, most findings first: count, rule id, check, severities (as
    `ruff --statistics` prints one line per code)."""
    if findings.is_empty():
        return "no findings"
    rows = (
        findings.group_by("rule_id", "check")
        .agg(pl.len().alias("n"), pl.col("severity").unique().sort().str.join(", ").alias("sev"))
        .sort(["n", "rule_id"], descending=[True, False])
    )
    width = len(str(rows["n"].max()))
    return "\n".join(
        f"{n:>{width}}  {rule:<24} [{check}] {sev}"
        for rule, check, n, sev in rows.select("rule_id", "check", "n", "sev").iter_rows()
    )


def extraction_summary(documents: pl.DataFrame, tables: dict[str, pl.DataFrame]) -> str:
    """Per story: documents, claims, attributed claims, quantities, times, stance +/-."""
    claims = tables["claims"]
    if documents.is_empty():
        return "0 documents"
    story_of_claim = claims.select("claim_id", "story")
    counts = [
        documents.group_by("story").agg(pl.len().alias("documents")),
        claims.group_by("story").agg(
            pl.len().alias("claims"),
            pl.col("speaker").is_not_null().sum().alias("attributed"),
            (pl.col("stance") > 0).sum().alias("positive"),
            (pl.col("stance") < 0).sum().alias("negative"),
        ),
        tables["quantities"]
        .join(story_of_claim, on="claim_id")
        .group_by("story")
        .agg(pl.len().alias("quantities")),
        tables["times"]
        .join(story_of_claim, on="claim_id")
        .group_by("story")
        .agg(pl.len().alias("times")),
    ]
    per_story = counts[0]
    for frame in counts[1:]:
        per_story = per_story.join(frame, on="story", how="left", nulls_equal=True)
    per_story = per_story.fill_null(0).sort("story", nulls_last=True)
    lines = [
        f"{documents.height} documents, {claims.height} claims, "
        f"{tables['quantities'].height} quantities, {tables['times'].height} times"
    ]
    for row in per_story.iter_rows(named=True):
        lines.append(
            f"  {printable(row['story'])}: {row['documents']} documents, {row['claims']} claims "
            f"({row['attributed']} attributed), {row['quantities']} quantities, "
            f"{row['times']} times, stance +{row['positive']}/-{row['negative']}"
        )
    return "\n".join(lines)
