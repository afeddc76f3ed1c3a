"""The `quantity` and `duration` checks: one fact, values that cannot all be true.

Both compare the intervals outlets give for one quantity kind in one story (see intervals.py);
they differ only in which kinds they look at: durations (unit minutes) belong to `duration`.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.checks.intervals import (
    Cluster,
    Disagreement,
    Reading,
    cluster_readings,
    find_disagreements,
)
from checker.ruleset.params import DurationParams, QuantityParams
from checker.ruleset.registry import CheckType

DURATION_UNIT = "minutes"
MAX_NAMED = 3  # outlets named in a message before it says how many instead


def readings_by_fact(context: CheckContext, durations: bool) -> pl.DataFrame:
    """One row per quantity with its claim and fact: the material of both checks."""
    unit_filter = pl.col("unit") == DURATION_UNIT
    quantities = context.quantities.filter(
        (unit_filter if durations else ~unit_filter | pl.col("unit").is_null())
        & (pl.col("qualifier") != "vague")
    )
    facts = context.facts.filter(pl.col("key").str.starts_with("quantity:"))
    claims = context.claim_view
    return (
        quantities.rename({"text": "q_text", "start": "q_start", "end": "q_end"})
        .join(claims, on="claim_id")
        .join(
            facts.select("fact_id", "claim_id", "key", pl.col("quantity_start").alias("q_start")),
            on=["claim_id", "q_start"],
        )
        .sort("story", "key", "claim_id", "q_start")
    )


def _selected(kind: str, rule: Any) -> bool:
    kinds = rule.params.kinds
    excluded = set(rule.params.exclude_kinds)
    return (kinds == "all" or kind in kinds) and kind not in excluded


def _describe(clusters: list[Cluster], context: CheckContext) -> str:
    parts = []
    for cluster in clusters:
        outlets = sorted(
            {o for r in cluster.readings for o in context.copy_outlets.get(r.copy_root, [r.outlet])}
        )
        # Name a few outlets; past that a count reads better (the evidence lists them all).
        who = ", ".join(outlets) if len(outlets) <= MAX_NAMED else f"{len(outlets)} outlets"
        parts.append(f"{cluster.label()} ({who})")
    return "; ".join(parts)


def lone_dispute(disagreement: Disagreement) -> bool:
    """Two values, one independent outlet each, and no majority either way."""
    return not disagreement.majority and all(len(c.support) == 1 for c in disagreement.minority)


def interval_findings(rule: Any, context: CheckContext, durations: bool) -> pl.DataFrame:
    rows = readings_by_fact(context, durations)
    params: QuantityParams | DurationParams = rule.params
    relative = float(params.tolerance.relative)
    absolute = float(params.tolerance.absolute)
    majority_share = float(params.majority_share)
    max_values = int(params.max_values)
    counts = params if isinstance(params, QuantityParams) else None  # durations never grow
    growing_kinds = set(counts.cumulative_kinds) if counts else set()
    update_severity = str(counts.update_severity) if counts else "info"
    lone_severity = str(params.lone_dispute_severity)

    found: list[dict[str, Any]] = []
    for (story, key, fact_id), group in rows.group_by(
        ["story", "key", "fact_id"], maintain_order=True
    ):
        kind = key.removeprefix("quantity:").split("@")[0]  # "deaths@toll" -> "deaths"
        if not _selected(kind, rule):
            continue
        rows_by_reading = {
            (row["claim_id"], row["q_start"]): row for row in group.iter_rows(named=True)
        }
        readings = [
            Reading(
                claim_id=row["claim_id"],
                start=row["q_start"],
                copy_root=row["copy_root"],
                outlet=row["outlet"],
                low=row["low"],
                high=row["high"],
                value=row["value"],
                text=row["q_text"],
                speaker_key=row.get("speaker_key"),
                published=row["published"],
            )
            for row in rows_by_reading.values()
        ]
        clusters = cluster_readings(readings, relative, absolute)
        if len(clusters) > max_values:
            continue  # a frame holding this many figures is several facts, not one told badly
        for disagreement in find_disagreements(clusters, majority_share, kind in growing_kinds):
            evidence = []
            for side, members in (
                ("majority", disagreement.majority),
                ("minority", disagreement.minority),
            ):
                side_name = side if disagreement.majority else "disputed"
                for cluster in members:
                    seen_roots: set[str] = set()
                    for reading in cluster.readings:
                        if reading.copy_root in seen_roots:
                            continue  # a syndicated copy speaks once
                        seen_roots.add(reading.copy_root)
                        claim = rows_by_reading[(reading.claim_id, reading.start)]
                        span = (claim["q_start"] - claim["start"], claim["q_end"] - claim["start"])
                        evidence.append(
                            evidence_entry(
                                claim, side_name, reading.text, span, context.copy_outlets
                            )
                        )
            message_values = {
                "majority": _describe(disagreement.majority, context) or "no majority",
                "minority": _describe(disagreement.minority, context),
                "key": key,
            }
            severity = update_severity if disagreement.is_update else None
            if disagreement.is_update:
                message_values["minority"] += " (an earlier or later count from the same source)"
            elif lone_dispute(disagreement):
                # One outlet against one other, no majority: a lead to check, not a finding.
                severity = lone_severity
            found.append(
                make_finding(rule, story, fact_id, key, kind, evidence, message_values, severity)
            )
    return findings_frame(found)


def quantity_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    return interval_findings(rule, context, durations=False)


def duration_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    return interval_findings(rule, context, durations=True)


QUANTITY = CheckType("quantity", QuantityParams, quantity_check, frozenset({"unit"}))
DURATION = CheckType("duration", DurationParams, duration_check, frozenset({"unit"}))
