"""The `timezone` check: clock times whose zones do not add up.

Three problems, from the times table (clock mentions with `local`, `zone`, `utc`, `date`, and
what the extract stage read from the zones lexicon: `zone_offset`, `zone_in_use`):
- conversion: two clock mentions side by side in one claim ("5 PM EST (21:00 GMT)") that
  name different UTC times;
- season: a standard-time label on a daylight-time date or the reverse ("EST" in July), the
  date being the mention's own or the article's publication day;
- disagreement: outlets put the one clock time of an event at different UTC times.
Conversion and season problems of one claim make one finding; an outlet already flagged there
is not flagged again for disagreeing with the others about the same moment.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.dates import side_names, split_by_support
from checker.checks.findings import evidence_entry, findings_frame, make_finding
from checker.ruleset.params import TimezoneParams
from checker.ruleset.registry import CheckType
from checker.sides import Side

_ADJACENT_GAP = 3  # characters between "5 PM EST" and "(21:00 GMT)": " (" or ", "


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _apart(a: str, b: str) -> int:
    """Minutes between two HH:MM times of day, the short way round midnight."""
    diff = abs(_minutes(a) - _minutes(b)) % (24 * 60)
    return min(diff, 24 * 60 - diff)


def _hhmm(minutes: float) -> str:
    total = round(minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def clock_mentions(context: CheckContext) -> pl.DataFrame:
    """Clock mentions that carry a zone, with their claim, in reading order.

    `event` is the claim's (claims.event), not the event the mention dates."""
    times = (
        context.times.filter(
            (pl.col("kind") == "clock")
            & pl.col("zone").is_not_null()
            & pl.col("local").is_not_null()
        )
        .drop("dated_event")
        .rename({"text": "t_text", "start": "t_start", "end": "t_end", "date": "t_date"})
    )
    return times.join(context.claim_view, on="claim_id").sort("story", "claim_id", "t_start")


def _mention_day(row: dict[str, Any]) -> str | None:
    """The day the zone label was read on (times.zone_in_use): its own date, else the
    publication day; for the message only."""
    if row["t_date"] and len(row["t_date"]) == 10:
        return row["t_date"]
    published = row.get("published")
    return published.date().isoformat() if published is not None else None


def _span(row: dict[str, Any], last: dict[str, Any] | None = None) -> tuple[int, int]:
    end = (last or row)["t_end"]
    return row["t_start"] - row["start"], end - row["start"]


SEASON_SHIFT = 60  # minutes between a zone's standard and summer offsets


def _gap_minutes(first: dict[str, Any], second: dict[str, Any]) -> int:
    gap = abs(_minutes(first["utc"]) - _minutes(second["utc"])) % (24 * 60)
    return min(gap, 24 * 60 - gap)


def _label_off_season(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """ "5 PM EST (21:00 GMT)" on a summer day: the two differ by the summer shift and one
    label is out of season, so the label is what is wrong ("EDT"), not either time."""
    if _gap_minutes(first, second) != SEASON_SHIFT:
        return False
    return any(r["zone_in_use"] is False for r in (first, second))


def _converts_with_summer_shift(rows: list[dict[str, Any]], row: dict[str, Any]) -> bool:
    """Does the out-of-season mention convert right once its label is the season's one?"""
    return any(
        other is not row
        and other["utc"]
        and row["utc"]
        and _gap_minutes(row, other) == SEASON_SHIFT
        for other in rows
    )


def claim_problems(rule: Any, context: CheckContext, mentions: pl.DataFrame) -> list[dict]:
    """Conversion and season problems, one finding per claim that has any."""
    check_conversion = bool(rule.params.check_conversion)
    check_season = bool(rule.params.check_label_season)
    found = []
    for (story, _claim), group in mentions.group_by(["story", "claim_id"], maintain_order=True):
        rows = list(group.iter_rows(named=True))
        problems: list[str] = []
        details: list[str] = []
        span_rows: list[dict[str, Any]] = []
        expected = ""
        for first, second in pairwise(rows):
            gap = second["t_start"] - first["t_end"]
            if not check_conversion or gap > _ADJACENT_GAP or not first["utc"] or not second["utc"]:
                continue
            if first["utc"] != second["utc"]:
                if check_season and _label_off_season(first, second):
                    continue  # the zone label is wrong, not the figure: the season check says so
                problems.append("conversion")
                # What the second label should read, converting the first mention exactly.
                offset = second["zone_offset"]
                if offset is not None:
                    expected = f"{_hhmm(_minutes(first['utc']) + offset * 60)} {second['zone']}"
                details.append(
                    f"{first['t_text']} is {first['utc']} UTC, not {second['utc']} UTC"
                    f" as '{second['t_text']}' says"
                    + (f"; it should read {expected}" if expected else "")
                )
                span_rows = [first, second]
        for row in rows:
            if check_season and row["zone_in_use"] is False:
                problems.append("season")
                details.append(
                    f"{row['zone']} is not in use on {_mention_day(row)}: the label is wrong"
                    + (", not the time" if _converts_with_summer_shift(rows, row) else "")
                )
                span_rows = span_rows or [row]
        if not problems:
            continue
        anchor = span_rows[0]
        value = anchor["text"][_span(anchor, span_rows[-1])[0] : _span(anchor, span_rows[-1])[1]]
        evidence = [
            evidence_entry(
                anchor, Side.MINORITY, value, _span(anchor, span_rows[-1]), context.copy_outlets
            )
        ]
        values = {
            "problem": ", ".join(dict.fromkeys(problems)),
            "detail": "; ".join(details),
            "zone": anchor["zone"],
            "local": anchor["local"],
            "utc": anchor["utc"] or "",
            "expected": expected,
            "majority": expected,
            "minority": value,
        }
        key = f"timezone:{anchor['local']} {anchor['zone']}"
        found.append(make_finding(rule, story, None, key, "clock", evidence, values))
    return found


def disagreement_problems(
    rule: Any, context: CheckContext, mentions: pl.DataFrame, flagged: set[str]
) -> list[dict]:
    """Outlets that put one event's clock time at a different UTC time than the majority.

    Per story and event, each copy's UTC times are compared; a copy is a minority only when
    none of its times for that event is within tolerance of the majority time.
    """
    tolerance = int(rule.params.tolerance_minutes)
    timed = mentions.filter(pl.col("utc").is_not_null() & pl.col("event").is_not_null())
    found = []
    for (story, event), group in timed.group_by(["story", "event"], maintain_order=True):
        rows = list(group.iter_rows(named=True))
        support: dict[str, set[str]] = {}
        for row in rows:
            support.setdefault(row["utc"], set()).add(row["copy_root"])
        majority, minority = split_by_support(support)
        if majority is None:
            continue  # several clock times with no majority: likely several moments
        majority_roots = {r["copy_root"] for r in rows if _apart(r["utc"], majority) <= tolerance}
        odd = [
            r
            for r in rows
            if r["utc"] in minority
            and r["copy_root"] not in majority_roots
            and r["copy_root"] not in flagged
        ]
        if not odd:
            continue
        major_side, minor_side = side_names(majority)
        evidence, seen = [], set()
        for row in [r for r in rows if r["utc"] == majority] + odd:
            side = major_side if row["utc"] == majority else minor_side
            if (row["copy_root"], side) in seen:
                continue
            seen.add((row["copy_root"], side))
            evidence.append(
                evidence_entry(row, side, row["t_text"], _span(row), context.copy_outlets)
            )
        minority_values = sorted({r["utc"] for r in odd})
        values = {
            "problem": "disagreement",
            "detail": f"{majority} UTC against {', '.join(minority_values)} UTC",
            "majority": f"{majority} UTC",
            "minority": ", ".join(f"{v} UTC" for v in minority_values),
            "utc": majority,
        }
        key = f"timezone:{event}"
        found.append(make_finding(rule, story, None, key, event, evidence, values))
    return found


def timezone_check(rule: Any, context: CheckContext) -> pl.DataFrame:
    mentions = clock_mentions(context)
    found = claim_problems(rule, context, mentions)
    if rule.params.check_disagreement:
        flagged = {root for f in found for e in f["evidence"] for root in [e["doc_id"]]}
        roots = set(context.claim_view.filter(pl.col("doc_id").is_in(sorted(flagged)))["copy_root"])
        found.extend(disagreement_problems(rule, context, mentions, roots))
    return findings_frame(found)


TIMEZONE = CheckType(
    "timezone",
    TimezoneParams,
    timezone_check,
    frozenset({"problem", "zone", "local", "utc", "expected"}),
)
