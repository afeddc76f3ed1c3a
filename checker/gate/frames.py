"""The frames the gate validates, derived from a run's tables (polars only, no GX here).

Suites name one of these frames. Derived frames exist because an expectation sees one table:
"speakers are attributed on quoted sentences" needs the quoted claims alone, and "no new
finding at or above --fail-on" needs a precomputed `blocking` column.
"""

from __future__ import annotations

import polars as pl

from checker.schema import TABLES, conform
from checker.severity import parse_threshold, severity_rank

FRAME_NAMES: tuple[str, ...] = ("documents", "claims", "quoted_claims", "quantities", "findings")
SOURCE_TABLES: tuple[str, ...] = ("documents", "claims", "quantities", "findings")


def gate_frames(tables: dict[str, pl.DataFrame], fail_on: str | None) -> dict[str, pl.DataFrame]:
    """Every frame a suite may name, flattened to scalar columns that pandas handles plainly."""
    base = {
        name: conform(tables[name], name) if name in tables else pl.DataFrame(schema=TABLES[name])
        for name in SOURCE_TABLES
    }
    frames = {
        "documents": base["documents"],
        "claims": base["claims"],
        "quoted_claims": base["claims"].filter(pl.col("quote").fill_null(False)),
        "quantities": base["quantities"],
        "findings": with_blocking(base["findings"], fail_on),
    }
    return {name: flatten(frame) for name, frame in frames.items()}


def with_blocking(findings: pl.DataFrame, fail_on: str | None) -> pl.DataFrame:
    """Add `blocking`: a new finding whose severity reaches the threshold (never, for 'none')."""
    limit = parse_threshold(fail_on)
    if limit is None:
        blocking = pl.lit(False)
    else:
        reaches = severity_rank(pl.col("severity").fill_null("info")) >= int(limit)
        blocking = (pl.col("status").fill_null("new") == "new") & reaches
    return findings.with_columns(blocking.alias("blocking"))


def flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists of strings -> "a; b"; timestamps -> ISO 8601 text; other nested columns dropped.

    Why: GX's pandas expectations work on scalar cells, and ISO text lets a suite check that
    dates are parseable the same way for tables built here or read back from Parquet.
    """
    columns: list[pl.Expr] = []
    for name, dtype in frame.schema.items():
        if isinstance(dtype, pl.List) and dtype.inner == pl.String:
            columns.append(pl.col(name).list.join("; ").alias(name))
        elif isinstance(dtype, pl.Datetime):
            columns.append(pl.col(name).dt.to_string("%Y-%m-%dT%H:%M:%S%z").alias(name))
        elif not dtype.is_nested():
            columns.append(pl.col(name))
    return frame.select(columns)
