"""The one order of findings every output uses, and who departs in each finding.

Order (docs/ARCHITECTURE.md, "The order of findings"): story; severity, highest first;
confidence, highest first (unknown last); the number of independent outlets that depart, most
first; finding_id. The HTML pages, findings.json, findings.md, CSV, JUnit and SARIF all read
`ordered_findings`, so a reviewer meets the findings in the same order whatever the format.

"Departing" is an evidence entry on a side the finding reports against
(`sides.OFFENDING_SIDES`: minority, candidate, either party of a dispute, the
pessimistic side of a stance). A lead that lists claims no other outlet makes (key `single:`)
departs from nobody: it is counted for no outlet.
"""

from __future__ import annotations

import polars as pl

from checker.severity import SEVERITY_NAMES
from checker.sides import OFFENDING_SIDES

# Keys of findings that are leads rather than departures: one outlet's own claims, no other side.
LEAD_KEY_PREFIXES = ("single:",)
DEPARTING_SIDES = tuple(sorted(OFFENDING_SIDES))
_COPY_SEPARATOR = "\x1f"  # joins the outlets of one copy into a key no outlet name contains


def is_lead(key: str | None) -> bool:
    return bool(key) and str(key).startswith(LEAD_KEY_PREFIXES)


def lead_expr() -> pl.Expr:
    starts = [pl.col("key").fill_null("").str.starts_with(p) for p in LEAD_KEY_PREFIXES]
    return pl.any_horizontal(starts)


def departures(findings: pl.DataFrame) -> pl.DataFrame:
    """Per finding: `departing` (independent copies on a departing side) and
    `departing_outlets` (every outlet that ran one of them, sorted). Leads and findings with no
    departing side get 0 and an empty list."""
    entries = (
        findings.filter(~lead_expr())
        .select("finding_id", "evidence")
        .explode("evidence")
        .drop_nulls("evidence")
        .unnest("evidence")
        .filter(pl.col("side").is_in(DEPARTING_SIDES))
        .select(
            "finding_id",
            pl.when(pl.col("outlets").list.len().fill_null(0) > 0)
            .then(pl.col("outlets"))
            .otherwise(pl.concat_list(pl.col("outlet")))
            .list.drop_nulls()
            .list.unique()
            .list.sort()
            .alias("copy"),
        )
    )
    per_finding = entries.group_by("finding_id").agg(
        pl.col("copy").list.join(_COPY_SEPARATOR).n_unique().cast(pl.Int64).alias("departing"),
        pl.col("copy")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .unique()
        .sort()
        .alias("departing_outlets"),
    )
    return (
        findings.select("finding_id")
        .unique()
        .join(per_finding, on="finding_id", how="left")
        .with_columns(
            pl.col("departing").fill_null(0),
            pl.col("departing_outlets").fill_null(pl.lit([], dtype=pl.List(pl.String))),
        )
    )


def with_departures(findings: pl.DataFrame) -> pl.DataFrame:
    """The findings with the two columns of `departures` added (or refreshed)."""
    base = findings.drop("departing", "departing_outlets", strict=False)
    return base.join(departures(base), on="finding_id", how="left", maintain_order="left")


def severity_rank() -> pl.Expr:
    """0 for critical ... 3 for info, 4 for a name this version does not know."""
    ranks = {name: len(SEVERITY_NAMES) - 1 - i for i, name in enumerate(SEVERITY_NAMES)}
    return (
        pl.col("severity")
        .replace_strict(ranks, default=len(SEVERITY_NAMES), return_dtype=pl.Int64)
        .alias("_severity_rank")
    )


def ordered_findings(findings: pl.DataFrame) -> pl.DataFrame:
    """The findings in the one order, with `departing` and `departing_outlets` columns."""
    ranked = with_departures(findings).with_columns(severity_rank())
    return ranked.sort(
        ["story", "_severity_rank", "confidence", "departing", "finding_id"],
        descending=[False, False, True, True, False],
        nulls_last=True,
    ).drop("_severity_rank")


def sort_findings(findings: pl.DataFrame) -> pl.DataFrame:
    """The findings table in the one order, with exactly its own columns."""
    return ordered_findings(findings).select(findings.columns)
