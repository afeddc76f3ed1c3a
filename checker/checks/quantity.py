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
    near_copy_clusters,
)
from checker.ruleset.params import DurationParams, QuantityParams
from checker.ruleset.registry import CheckType
from checker.sides import Side

DURATION_UNIT = "minutes"
MAX_NAMED = 3  # outlets named in a message before it says how many instead


def readings_by_fact(context: CheckContext, durations: bool) -> pl.DataFrame:
    """One row per quantity with its claim and fact: the material of both checks."""
    unit_filter = pl.col("unit") == DURATION_UNIT
    quantities = context.quantities.filter(
        (unit_filter if durations else ~unit_filter | pl.col("unit").is_null())
        & (pl.col("qualifier") != "vague")
    )
    return with_facts(quantities, context, "quantity:")


def with_facts(figures: pl.DataFrame, context: CheckContext, prefix: str) -> pl.DataFrame:
    """Figures (quantities or day mentions) joined with their claim and the fact of `prefix`
    each belongs to: the rows compare_intervals reads (q_text, q_start, q_end, fact_kind)."""
    facts = context.facts.filter(pl.col("key").str.starts_with(prefix))
    return (
        figures.rename({"text": "q_text", "start": "q_start", "end": "q_end"})
        .join(
            facts.select(
                "fact_id",
                "claim_id",
                "key",
                pl.col("kind").alias("fact_kind"),
                pl.col("quantity_start").alias("q_start"),
            ),
            on=["claim_id", "q_start"],
        )
        .join(context.claim_view, on="claim_id")
        .sort("story", "key", "claim_id", "q_start")
    )


def with_snapshots(rows: pl.DataFrame, cumulative_kinds: list[str]) -> pl.DataFrame:
    """Rows with a `snapshot` column: for a figure of a running count that goes with a headline
    count (the injured and missing given with a death toll), the headline figure its document
    gives, the highest when it gives several; "" for all other figures. An injured count given
    with a toll of 1,644 is compared only with injured counts given with that toll: a count
    from an earlier update is not a wrong one, and one that goes with the same toll is.

    The headline is the story's first kind of `cumulative_kinds` (in that order) that any
    document gives."""
    present = rows.select("story", "fact_kind").unique()
    order = {kind: i for i, kind in enumerate(cumulative_kinds)}
    headline = (
        present.filter(pl.col("fact_kind").is_in(cumulative_kinds))
        .with_columns(pl.col("fact_kind").replace_strict(order, return_dtype=pl.Int32).alias("i"))
        .sort("story", "i")
        .group_by("story", maintain_order=True)
        .first()
        .select("story", pl.col("fact_kind").alias("headline"))
    )
    tolls = (
        rows.join(headline, on="story")
        .filter(pl.col("fact_kind") == pl.col("headline"))
        .group_by("story", "copy_root")
        .agg(pl.col("value").max().alias("toll"))
    )
    companion = pl.col("fact_kind").is_in(cumulative_kinds) & (
        pl.col("fact_kind") != pl.col("headline")
    )
    return (
        rows.join(headline, on="story", how="left")
        .join(tolls, on=["story", "copy_root"], how="left", maintain_order="left")
        .with_columns(
            pl.when(companion)
            .then(pl.col("toll").cast(pl.String).fill_null("none"))
            .otherwise(pl.lit(""))
            .alias("snapshot")
        )
        .drop("headline", "toll")
    )


def _selected(kind: str, rule: Any) -> bool:
    if not isinstance(rule.params, QuantityParams | DurationParams):
        return True  # a date rule compares every day frame
    kinds = rule.params.kinds
    excluded = set(rule.params.exclude_kinds)
    return (kinds == "all" or kind in kinds) and kind not in excluded


CORROBORATING_COPIES = 2  # other copies giving a minority's exact round figure that make it one
PRECISE_DIGITS = 3  # a figure this precise ("$2.99", "4,576") recurs by chance in no copy
SMALL_COUNT = 100  # counts below this recur for unrelated reasons ("the two leaders")


def significant_digits(value: float) -> int:
    """Digits a figure is stated with, zeros at either end left out: 2.99 and 115.2 billion
    have three and four, 2 million one."""
    digits = f"{abs(value):.6f}".replace(".", "").strip("0")
    return len(digits)


def figures_elsewhere(context: CheckContext) -> dict[tuple[str, str, float], set[tuple[str, str]]]:
    """(story, unit, value) -> (copy, fact key) of every exact statement of that figure."""
    facts = context.facts.select("claim_id", pl.col("quantity_start").alias("start"), "key")
    rows = (
        context.quantities.filter(pl.col("qualifier") == "exact")
        .join(context.claim_view.select("claim_id", "story", "copy_root"), on="claim_id")
        .join(facts, on=["claim_id", "start"], how="left")
    )
    found: dict[tuple[str, str, float], set[tuple[str, str]]] = {}
    for story, unit, value, root, key in rows.select(
        "story",
        pl.col("unit").fill_null("count"),
        "value",
        "copy_root",
        pl.col("key").fill_null(""),
    ).iter_rows():
        found.setdefault((story, unit, value), set()).add((root, key))
    return found


def corroborated(
    disagreement: Disagreement,
    story: str,
    key: str,
    unit: str,
    elsewhere: dict[tuple[str, str, float], set[tuple[str, str]]],
) -> bool:
    """A minority figure that other copies state too, exactly, in other facts of the story is
    most likely a true figure of another fact that its frame took in ("$35.6 billion" of one
    segment against the company's "$130.5 billion"): an error seldom recurs in independent
    copies, and a precise figure ("$2.99") in even one other copy seldom by chance. Statements
    inside the same fact ("from four issues to one") do not count: a stale figure is still wrong
    where it stands alone, and small counts prove nothing."""
    for cluster in disagreement.minority:
        own = cluster.support
        for reading in cluster.readings:
            if unit == "count" and abs(reading.value) < SMALL_COUNT:
                continue
            stated = elsewhere.get((story, unit, reading.value), set())
            others = {root for root, fact in stated if fact != key} - own
            precise = significant_digits(reading.value) >= PRECISE_DIGITS
            if len(others) >= (1 if precise else CORROBORATING_COPIES):
                return True
    return False


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


def miscopied(disagreement: Disagreement) -> bool:
    """The sides' figures are one figure miscopied (a digit changed or swapped)."""
    sides = [*disagreement.majority, *disagreement.minority]
    return any(near_copy_clusters(a, b) for i, a in enumerate(sides) for b in sides[i + 1 :])


def _disagreements(
    clusters: list[Cluster],
    max_values: int,
    majority_share: float,
    growing: bool,
    figures: bool = True,
) -> list[Disagreement]:
    """A frame of a few values is compared whole. One holding more is several facts that its
    frame failed to tell apart; only the pairs of figures in it that are one figure miscopied
    are still compared."""
    if len(clusters) <= max_values:
        return find_disagreements(clusters, majority_share, growing)
    found: list[Disagreement] = []
    if not figures:
        return found
    for i, a in enumerate(clusters):
        for b in clusters[i + 1 :]:
            if near_copy_clusters(a, b):
                found.extend(find_disagreements([a, b], majority_share, growing))
    return found


def interval_findings(rule: Any, context: CheckContext, durations: bool) -> pl.DataFrame:
    return compare_intervals(rule, context, readings_by_fact(context, durations))


def compare_intervals(
    rule: Any, context: CheckContext, rows: pl.DataFrame, figures: bool = True
) -> pl.DataFrame:
    """Findings from rows of readings (claim view columns, fact_id, key, fact_kind, value, low,
    high, q_text, q_start, q_end), a fact at a time: the values its outlets give that cannot all
    be true. Shared by the quantity, duration and date checks; only figures (not days) can
    be one figure miscopied. A date rule has no interval parameters: exact days, a majority
    of half, lone disputes at info."""
    params = rule.params
    figure_params = params if isinstance(params, QuantityParams | DurationParams) else None
    relative = float(figure_params.tolerance.relative) if figure_params else 0.0
    absolute = float(figure_params.tolerance.absolute) if figure_params else 0.0
    majority_share = float(figure_params.majority_share) if figure_params else 0.5
    max_values = int(figure_params.max_values) if figure_params else 3
    counts = params if isinstance(params, QuantityParams) else None  # durations never grow
    growing_kinds = set(counts.cumulative_kinds) if counts else set()
    update_severity = str(counts.update_severity) if counts else "info"
    lone_severity = str(figure_params.lone_dispute_severity) if figure_params else "info"

    elsewhere = figures_elsewhere(context) if figures else {}
    found: list[dict[str, Any]] = []
    # A fact's amounts in different currencies are compared each in its own (and for a slip
    # of the currency alone, in currency_slips).
    by_unit = ["unit"] if "unit" in rows.columns else []
    if figures and growing_kinds:
        rows = with_snapshots(rows, [str(k) for k in counts.cumulative_kinds] if counts else [])
        by_unit.append("snapshot")
    for (story, key, fact_id, *_unit), group in rows.group_by(
        ["story", "key", "fact_id", *by_unit], maintain_order=True
    ):
        kind = group["fact_kind"][0]
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
        growing = kind in growing_kinds
        for disagreement in _disagreements(clusters, max_values, majority_share, growing, figures):
            evidence = _evidence(disagreement, rows_by_reading, context)
            message_values = {
                "majority": _describe(disagreement.majority, context) or "no majority",
                "minority": _describe(disagreement.minority, context),
                "key": key,
            }
            severity = update_severity if disagreement.is_update else None
            if counts and kind in counts.changing_kinds:
                # Outlets writing at different hours give different figures of a count that
                # rises and falls: an update unless shown otherwise.
                severity = update_severity
                message_values["minority"] += " (a count that changes by the hour)"
            elif disagreement.is_update:
                message_values["minority"] += " (an earlier or later count from the same source)"
            elif (
                disagreement.majority
                and figures
                and corroborated(
                    disagreement, story, key, str(group["unit"][0] or "count"), elsewhere
                )
            ):
                severity = lone_severity  # a figure of another fact, most likely: a lead
            elif lone_dispute(disagreement) and not (figures and miscopied(disagreement)):
                # One outlet against one other, no majority: a lead to check, not a finding,
                # unless one figure is the other miscopied.
                severity = lone_severity
            found.append(
                make_finding(rule, story, fact_id, key, kind, evidence, message_values, severity)
            )
    return findings_frame(found)


def _evidence(
    disagreement: Disagreement,
    rows_by_reading: dict[tuple[str, int], dict[str, Any]],
    context: CheckContext,
) -> list[dict[str, Any]]:
    """Evidence rows of a disagreement's sides, one per copy and side."""
    evidence = []
    for side, members in (
        (Side.MAJORITY, disagreement.majority),
        (Side.MINORITY, disagreement.minority),
    ):
        side_name = side if disagreement.majority else Side.DISPUTED
        for cluster in members:
            seen_roots: set[str] = set()
            for reading in cluster.readings:
                if reading.copy_root in seen_roots:
                    continue  # a syndicated copy speaks once
                seen_roots.add(reading.copy_root)
                claim = rows_by_reading[(reading.claim_id, reading.start)]
                span = (claim["q_start"] - claim["start"], claim["q_end"] - claim["start"])
                evidence.append(
                    evidence_entry(claim, side_name, reading.text, span, context.copy_outlets)
                )
    return evidence


def currency_slips(rule: Any, context: CheckContext, rows: pl.DataFrame) -> list[dict[str, Any]]:
    """One amount written in two currencies within one fact ("fined $100,000" against
    "fined 100,000 euros"): the figure was copied and its currency changed. Exact amounts
    only; an amount converted from another currency differs from it and is no slip."""
    found: list[dict[str, Any]] = []
    exact = rows.filter((pl.col("low") == pl.col("high")) & pl.col("unit").is_not_null())
    for (story, key, fact_id), group in exact.group_by(
        ["story", "key", "fact_id"], maintain_order=True
    ):
        if group["unit"].n_unique() < 2 or not _selected(group["fact_kind"][0], rule):
            continue
        rows_by_reading = {(r["claim_id"], r["q_start"]): r for r in group.iter_rows(named=True)}
        clusters: dict[tuple[float, str], Cluster] = {}
        for row in rows_by_reading.values():
            cluster = clusters.setdefault((row["value"], row["unit"]), Cluster())
            cluster.readings.append(
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
            )
        for value in sorted({v for v, _ in clusters}):
            same_amount = [clusters[k] for k in sorted(clusters) if k[0] == value]
            if len(same_amount) < 2:
                continue
            for disagreement in find_disagreements(same_amount, 0.5, growing=False):
                evidence = _evidence(disagreement, rows_by_reading, context)
                values = {
                    "majority": _describe(disagreement.majority, context) or "no majority",
                    "minority": _describe(disagreement.minority, context) + " (another currency)",
                    "key": key,
                }
                severity = rule.params.lone_dispute_severity if lone_dispute(disagreement) else None
                found.append(
                    make_finding(
                        rule, story, fact_id, key, group["fact_kind"][0], evidence, values, severity
                    )
                )
    return found


def quantity_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    found = interval_findings(rule, context, durations=False)
    slips = currency_slips(rule, context, readings_by_fact(context, durations=False))
    return pl.concat([found, findings_frame(slips)]) if slips else found


def duration_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    return interval_findings(rule, context, durations=True)


QUANTITY = CheckType("quantity", QuantityParams, quantity_check, frozenset({"unit"}))
DURATION = CheckType("duration", DurationParams, duration_check, frozenset({"unit"}))
