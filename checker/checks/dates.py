"""The `date` check: the same event placed on different days by different outlets.

Dates come from the times table (kinds date/weekday/relative whose `date` is a resolved ISO
day). Different events legitimately have different days (Monday's dinner, Tuesday's meeting),
so only claims the match stage grouped into one statement fact are compared: within a fact,
the day most independent copies give is the majority; a copy that gives only other days is the
minority.

Also home of `split_by_support`, the majority/minority rule the other identity checks
(spelling, role, attribution, timezone) share.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.ruleset.registry import register_check

DAY_KINDS = ("date", "weekday", "relative")
DEFAULT_MAJORITY_SHARE = 0.5


def param(rule: Any, name: str, default: Any) -> Any:
    value = getattr(rule.params, name, None)
    return default if value is None else value


def split_by_support(
    support: Mapping[str, set[str]], majority_share: float = DEFAULT_MAJORITY_SHARE
) -> tuple[str | None, list[str]]:
    """(majority value or None, minority values) from value -> independent copies giving it.

    The majority is the single best-supported value, carried by at least two copies and by at
    least `majority_share` of all copies. A minority value is one whose copies do not also give
    the majority value (a copy carrying both is not in conflict). Without a majority every
    value is returned as minority: the caller reports a dispute.
    """
    if len(support) < 2:
        return None, []
    voices = set().union(*support.values())
    needed = max(2, math.ceil(majority_share * len(voices)))
    ranked = sorted(support, key=lambda v: (-len(support[v]), v))
    top = ranked[0]
    unique_top = len(ranked) == 1 or len(support[ranked[1]]) < len(support[top])
    if len(support[top]) < needed or not unique_top:
        return None, ranked
    minority = [v for v in ranked[1:] if support[v] - support[top]]
    return top, minority


def side_names(majority: str | None) -> tuple[str, str]:
    """Evidence side labels: majority/minority, or disputed twice when nobody has a majority."""
    return ("majority", "minority") if majority is not None else ("disputed", "disputed")


def _day_mentions(context: CheckContext) -> pl.DataFrame:
    """Day-precise time mentions joined to their claim and statement fact."""
    facts = context.facts.filter(pl.col("key").str.starts_with("statement:")).select(
        "fact_id", "claim_id", "key"
    )
    times = context.times.filter(
        pl.col("kind").is_in(DAY_KINDS) & (pl.col("date").str.len_chars() == 10)
    ).rename({"text": "t_text", "start": "t_start", "end": "t_end", "kind": "t_kind"})
    return (
        times.join(context.claim_view, on="claim_id")
        .join(facts, on="claim_id")
        .sort("story", "fact_id", "claim_id", "t_start")
    )


def _close(a: str, b: str, tolerance_days: int) -> bool:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= tolerance_days


def weekday_findings(rule: Any, context: CheckContext) -> list[dict[str, Any]]:
    """ "Tuesday, July 9" where July 9 is not a Tuesday: a weekday written right before a date."""
    times = context.times.sort("claim_id", "start")
    following = times.select(
        pl.col("claim_id").shift(-1).alias("next_claim"),
        pl.col("kind").shift(-1).alias("next_kind"),
        pl.col("date").shift(-1).alias("next_date"),
        pl.col("start").shift(-1).alias("next_start"),
        pl.col("end").shift(-1).alias("next_end"),
        pl.col("text").shift(-1).alias("next_text"),
    )
    pairs = pl.concat([times, following], how="horizontal").filter(
        (pl.col("kind") == "weekday")
        & (pl.col("next_kind") == "date")
        & (pl.col("next_claim") == pl.col("claim_id"))
        & (pl.col("next_start") - pl.col("end") <= 2)  # ", " between them
        & (pl.col("next_date").str.len_chars() == 10)
    )
    found = []
    for row in pairs.join(context.claim_view, on="claim_id").iter_rows(named=True):
        written = row["text"].split()[-1].capitalize()
        actual = date.fromisoformat(row["next_date"]).strftime("%A")
        if written == actual:
            continue
        # `start`/`end` here are the weekday's; the claim's own offsets are in start_right.
        claim_start = row["start_right"]
        span = (row["start"] - claim_start, row["next_end"] - claim_start)
        claim = dict(row, start=claim_start, text=row["text_right"])
        value = f"{row['text']}, {row['next_text']}"
        evidence = [evidence_entry(claim, "minority", value, span, context.copy_outlets)]
        values = {
            "problem": "weekday",
            "weekday": written,
            "majority": f"{row['next_date']} is a {actual}",
            "minority": value,
        }
        found.append(
            make_finding(rule, row["story"], None, f"weekday:{row['next_date']}", "weekday",
                         evidence, values)
        )
    return found


@register_check("date")
def date_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    found = weekday_findings(rule, context) if param(rule, "check_weekday", True) else []
    if not param(rule, "check_disagreement", True):
        return findings_frame(found)
    tolerance = int(param(rule, "tolerance_days", 0))
    mentions = _day_mentions(context)
    for (story, fact_id, key), group in mentions.group_by(
        ["story", "fact_id", "key"], maintain_order=True
    ):
        rows = list(group.iter_rows(named=True))
        support: dict[str, set[str]] = {}
        for row in rows:
            support.setdefault(row["date"], set()).add(row["copy_root"])
        majority, minority = split_by_support(support)
        if majority is not None:
            # A day within tolerance of the majority day is the same day, loosely told.
            minority = [d for d in minority if not _close(d, majority, tolerance)]
        if not minority:
            continue
        major_side, minor_side = side_names(majority)
        evidence, seen = [], set()
        for row in rows:
            value = row["date"]
            side = major_side if value == majority else minor_side if value in minority else None
            if side is None or (row["copy_root"], value) in seen:
                continue  # a syndicated copy speaks once per day
            seen.add((row["copy_root"], value))
            span = (row["t_start"] - row["start"], row["t_end"] - row["start"])
            evidence.append(
                evidence_entry(row, side, f"{row['t_text']} ({value})", span, context.copy_outlets)
            )
        values = {
            "problem": "disagreement",
            "majority": majority or "no majority",
            "minority": ", ".join(minority),
        }
        events = sorted({r["event"] for r in rows if r.get("event")})
        kind = events[0] if len(events) == 1 else key.removeprefix("statement:")
        found.append(make_finding(rule, story, fact_id, f"date:{kind}", kind, evidence, values))
    return findings_frame(found)
