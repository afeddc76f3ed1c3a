"""The `date` check: the same event placed on different days by different outlets.

Dates come from the times table (kinds date/weekday/relative whose `date` is a resolved ISO
day, with the event each dates: `dated_event`, made by the extract stage). Different events
legitimately have different days (Monday's dinner, Tuesday's meeting), so only claims the
match stage grouped into one statement fact are compared: within a fact, the day most
independent copies give is the majority; a copy that gives only other days is the minority.

Also home of `split_by_support`, the majority/minority rule the other identity checks
(spelling, role, attribution, timezone) share.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.day_frames import (
    WEEK_AXIS,
    day_frame_readings,
    days_across_midnight,
    names_a_weekday,
)
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.checks.quantity import compare_intervals
from checker.ruleset.params import DateParams
from checker.ruleset.registry import CheckType
from checker.sides import Side

DAY_KINDS = ("date", "weekday", "relative")
DEFAULT_MAJORITY_SHARE = 0.5


def lexicon_dirs(rule: Any) -> tuple[Path, ...]:
    """The rule pack's folders (each may hold `lexicons/` overrides), as extraction reads them;
    a rule built alone falls back to the folder it came from."""
    dirs = getattr(rule, "lexicon_dirs", ())
    if dirs:
        return tuple(dirs)
    source = getattr(rule, "source", None)
    return (Path(source).parent,) if source else ()


def split_by_support(
    support: Mapping[str, set[str]],
    majority_share: float = DEFAULT_MAJORITY_SHARE,
    copies_may_conflict: bool = False,
) -> tuple[str | None, list[str]]:
    """(majority value or None, minority values) from value -> independent copies giving it.

    The majority is the single best-supported value, carried by at least two copies and by at
    least `majority_share` of all copies. A minority value is one whose copies do not also give
    the majority value (a copy carrying both is not in conflict). Without a majority every
    value is returned as minority: the caller reports a dispute. With `copies_may_conflict`
    a copy carrying both is in conflict with itself (a name spelt two ways in one article).
    """
    if not support:
        return None, []
    if len(support) == 1:  # one value: nothing to disagree with, but it may be a majority
        ((value, roots),) = support.items()
        return (value if len(roots) >= 2 else None), []
    voices = set().union(*support.values())
    needed = max(2, math.ceil(majority_share * len(voices)))
    ranked = sorted(support, key=lambda v: (-len(support[v]), v))
    top = ranked[0]
    unique_top = len(ranked) == 1 or len(support[ranked[1]]) < len(support[top])
    if len(support[top]) < needed or not unique_top:
        return None, ranked
    minority = [v for v in ranked[1:] if copies_may_conflict or support[v] - support[top]]
    return top, minority


def side_names(majority: str | None) -> tuple[Side, Side]:
    """Evidence side labels: majority/minority, or disputed twice when nobody has a majority."""
    if majority is None:
        return Side.DISPUTED, Side.DISPUTED
    return Side.MAJORITY, Side.MINORITY


def _day_mentions(context: CheckContext) -> pl.DataFrame:
    """Day-precise time mentions (date/weekday/relative) with their claim and dated event.

    A mention that dates no event ("the agency said on Sunday": a reporting day) is left out
    of the comparison."""
    times = context.times.filter(
        pl.col("kind").is_in(DAY_KINDS)
        & (pl.col("date").str.len_chars() == 10)
        & pl.col("dated_event").is_not_null()
    ).rename(
        {
            "text": "t_text",
            "start": "t_start",
            "end": "t_end",
            "kind": "t_kind",
            "dated_event": "t_event",
        }
    )
    # A day given with a clock time that is another day in UTC is that zone's day.
    times = times.join(days_across_midnight(context), on="claim_id", how="anti")
    return times.join(context.claim_view, on="claim_id").sort("claim_id", "t_start")


def neighbour_days(context: CheckContext, mentions: pl.DataFrame) -> pl.DataFrame:
    """claim_id, date, neighbour copy_root: the days that matched claims of other copies give.

    Only direct matches count (the matches table, both directions): connected facts can chain
    Monday's dinner and Tuesday's meeting together, a direct match rarely does.
    """
    edges = pl.concat(
        [
            context.matches.select(
                pl.col("claim_a").alias("claim_id"), pl.col("claim_b").alias("other")
            ),
            context.matches.select(
                pl.col("claim_b").alias("claim_id"), pl.col("claim_a").alias("other")
            ),
        ]
    ).unique()
    own = mentions.select("claim_id", "copy_root", "t_event").unique()
    other_days = mentions.select(
        pl.col("claim_id").alias("other"),
        "date",
        "t_event",
        pl.col("copy_root").alias("other_root"),
    ).unique()
    return (
        edges.join(own, on="claim_id")
        .join(other_days, on=["other", "t_event"])  # the same event, dated by both claims
        .filter(pl.col("other_root") != pl.col("copy_root"))
        .select("claim_id", "t_event", "date", "other", "other_root")
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
        evidence = [evidence_entry(claim, Side.MINORITY, value, span, context.copy_outlets)]
        values = {
            "problem": "weekday",
            "weekday": written,
            "majority": f"{row['next_date']} is a {actual}",
            "minority": value,
        }
        found.append(
            make_finding(
                rule, row["story"], None, f"weekday:{row['next_date']}", "weekday", evidence, values
            )
        )
    return found


def date_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    found = weekday_findings(rule, context) if rule.params.check_weekday else []
    if not rule.params.check_disagreement:
        return findings_frame(found)
    tolerance = int(rule.params.tolerance_days)
    framed = day_frame_readings(context)
    if not framed.is_empty():
        found.extend(
            finding
            for finding in compare_intervals(rule, context, framed, figures=False).to_dicts()
            if not str(finding.get("fact_id") or "").endswith(WEEK_AXIS) or names_a_weekday(finding)
        )
    mentions = _day_mentions(context)
    neighbours = neighbour_days(context, mentions)
    own_days = mentions.group_by("claim_id", "t_event").agg(pl.col("date").unique())
    mention_rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in mentions.iter_rows(named=True):
        mention_rows.setdefault((row["claim_id"], row["t_event"], row["date"]), row)

    # A claim is the minority when the other copies it matched mostly name one day, and the
    # claim names neither that day nor one within tolerance of it.
    odd: dict[tuple[str, str], list[tuple[dict[str, Any], list[dict[str, Any]]]]] = {}
    days_of = {(c, e): days for c, e, days in own_days.iter_rows()}
    for (claim_id, event), group in neighbours.sort("claim_id", "t_event", "other").group_by(
        ["claim_id", "t_event"], maintain_order=True
    ):
        support: dict[str, set[str]] = {}
        for day, root in group.select("date", "other_root").iter_rows():
            support.setdefault(day, set()).add(root)
        majority, _ = split_by_support(support)
        own = days_of[(claim_id, event)]
        if majority is None or any(_close(day, majority, tolerance) for day in own):
            continue
        claim = mention_rows[(claim_id, event, own[0])]
        backers = [
            mention_rows[(other, event, majority)]
            for other in group.filter(pl.col("date") == majority)["other"].unique().sort()
        ]
        odd.setdefault((claim["story"], event, majority), []).append(
            ({**claim, "own": sorted(own)}, backers)
        )
    for (story, event, majority), cases in sorted(odd.items()):
        found.append(_disagreement(rule, context, story, event, majority, cases))
    return findings_frame(found)


def _disagreement(
    rule: Any,
    context: CheckContext,
    story: str,
    event: str,
    majority: str,
    cases: list[tuple[dict[str, Any], list[dict[str, Any]]]],
) -> dict[str, Any]:
    evidence, seen = [], set()
    minority_days = sorted({day for claim, _ in cases for day in claim["own"]})
    for claim, backers in cases:
        for row, side in [(claim, Side.MINORITY), *((b, Side.MAJORITY) for b in backers)]:
            if (row["copy_root"], side) in seen:
                continue  # a syndicated copy speaks once per side
            seen.add((row["copy_root"], side))
            span = (row["t_start"] - row["start"], row["t_end"] - row["start"])
            value = f"{row['t_text']} ({row['date']})"
            evidence.append(evidence_entry(row, side, value, span, context.copy_outlets))
    values = {"problem": "disagreement", "majority": majority, "minority": ", ".join(minority_days)}
    return make_finding(rule, story, None, f"date:{event}:{majority}", event, evidence, values)


DATE = CheckType("date", DateParams, date_check, frozenset({"problem", "weekday"}))
