"""Short plain-text summaries of tables, for the terminal."""

from __future__ import annotations

import polars as pl


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
            f"  {row['story']}: {row['documents']} documents from {row['outlets']} outlets"
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
        lines.append(f"  {story}: {parts}")
    return "\n".join(lines)
