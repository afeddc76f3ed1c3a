"""Days the match stage framed as one fact (facts keyed `date:`), as intervals of days.

A full date is one day, a month or a year every day in it ("in September 2024" agrees with
"September 29, 2024"; "since 2019" does not with "since July 2017"); in a fact that holds a
weekday, every mention is its place in the week. The date check compares them as the quantity
check compares figures (quantity.compare_intervals).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import polars as pl

from checker.checks.context import CheckContext
from checker.checks.quantity import with_facts

WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_WEEKDAY = re.compile(r"[A-Za-z]+")


def story_days(documents: pl.DataFrame) -> dict[str, date]:
    """story -> the middle publication day of its dated documents: where a page with no date
    of its own most likely stands."""
    dated = documents.filter(pl.col("published").is_not_null())
    middle = dated.group_by("story").agg(pl.col("published").sort().alias("days"))
    found = {}
    for story, days in middle.iter_rows():
        day = days[(len(days) - 1) // 2]
        found[story] = day.date() if hasattr(day, "date") else day
    return found


def place_yearless(iso: str | None, around: date | None) -> str | None:
    """A "--MM-DD" day (written with no year on an undated page) in the year that puts it
    nearest `around`; other values as they are."""
    if not iso or not iso.startswith("--"):
        return iso
    if around is None:
        return None
    month, day = (int(part) for part in iso[2:].split("-"))
    options = []
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:  # 29 February in a year without one
            continue
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - around).days), d)).isoformat()


def weekday_of(kind: str, text: str, iso: str | None) -> int | None:
    """A mention's place in the week: a weekday's own, or a full date's; else None."""
    if kind == "weekday":
        for word in _WEEKDAY.findall(text.lower()):
            if word in WEEKDAYS:
                return WEEKDAYS[word]
        return None
    if iso and len(iso) == 10:
        try:
            return date.fromisoformat(iso).weekday()
        except ValueError:
            return None
    return None


def day_interval(iso: str | None) -> tuple[float, float] | None:
    """(first, last) day ordinal a written date allows; None when it cannot be placed (a day
    whose year is unknown)."""
    parts = [int(p) for p in (iso or "").split("-") if p.isdigit()]
    try:
        if len(parts) == 3:
            day = date(*parts).toordinal()
            return float(day), float(day)
        if len(parts) == 2:
            year, month = parts
            last = calendar.monthrange(year, month)[1]
            return float(date(year, month, 1).toordinal()), float(
                date(year, month, last).toordinal()
            )
        if len(parts) == 1:
            year = parts[0]
            return float(date(year, 1, 1).toordinal()), float(date(year, 12, 31).toordinal())
    except ValueError:
        return None
    return None


def days_across_midnight(context: CheckContext) -> pl.DataFrame:
    """claim_id of claims whose clock time in a named zone falls on another day in the zone
    most of the story's zoned times are given in ("On Wednesday ... at 1:57 AM GST" is Tuesday
    evening in New York): the day such a claim gives belongs to its own zone, and is not
    compared with days given elsewhere. A story whose times no two documents give in one
    zone reads UTC."""
    hours = pl.col("local").str.slice(0, 2).cast(pl.Int32, strict=False)
    minutes = hours * 60 + pl.col("local").str.slice(3, 2).cast(pl.Int32, strict=False)
    zoned = (
        context.times.filter(
            (pl.col("kind") == "clock")
            & pl.col("local").is_not_null()
            & pl.col("zone_offset").is_not_null()
        )
        .join(context.claims.select("claim_id", "story"), on="claim_id")
        .with_columns(minutes.alias("minutes"))
    )
    if zoned.is_empty():
        return pl.DataFrame(schema={"claim_id": pl.String})
    # The story's zone: the offset most documents give times in, if two or more do.
    usual = (
        zoned.join(context.claims.select("claim_id", "doc_id"), on="claim_id")
        .group_by("story", "zone_offset")
        .agg(pl.col("doc_id").n_unique().alias("n"))
        .filter(pl.col("n") >= 2)
        .sort("story", "n", "zone_offset", descending=[False, True, False])
        .group_by("story", maintain_order=True)
        .first()
        .select("story", pl.col("zone_offset").alias("usual"))
    )
    shifted = pl.col("minutes") - ((pl.col("zone_offset") - pl.col("usual")) * 60).cast(pl.Int32)
    return (
        zoned.join(usual, on="story", how="left")
        .with_columns(pl.col("usual").fill_null(0.0))
        .filter((shifted < 0) | (shifted >= 24 * 60))
        .select("claim_id")
        .unique()
        .sort("claim_id")
    )


WEEK_AXIS = "~week"  # suffix of the fact ids of a fact's readings in the week


def day_frame_readings(context: CheckContext) -> pl.DataFrame:
    """Rows for compare_intervals: each framed day mention with its claim, fact and interval.

    Written dates are read as days. A fact that holds a weekday is read in the week as well
    (fact id + WEEK_AXIS): its weekdays and the weekdays its full dates fall on ("on Saturday"
    agrees with "on March 15" when that is a Saturday). A weekday is never read as the day its
    page resolves it to: tense decides that ("at 10 a.m. Saturday" in a preview), and tense is
    not read."""
    if context.facts.filter(pl.col("key").str.starts_with("date:")).is_empty():
        return pl.DataFrame()
    joined = with_facts(context.times, context, "date:").join(
        days_across_midnight(context), on="claim_id", how="anti"
    )
    around = story_days(context.documents)
    weekdays: list[int | None] = []
    spans: list[tuple[float, float] | None] = []
    for kind, text, iso, story in joined.select("kind", "q_text", "date", "story").iter_rows():
        placed = place_yearless(iso, around.get(story))
        weekdays.append(weekday_of(kind, text, placed))
        spans.append(None if kind == "weekday" else day_interval(placed))
    rows = joined.with_columns(
        pl.Series("weekday", weekdays, dtype=pl.Float64),
        pl.Series("day_low", [s[0] if s else None for s in spans], dtype=pl.Float64),
        pl.Series("day_high", [s[1] if s else None for s in spans], dtype=pl.Float64),
    )
    as_days = rows.with_columns(pl.col("day_low").alias("low"), pl.col("day_high").alias("high"))
    in_week = rows.filter(pl.col("kind").eq("weekday").any().over("fact_id")).with_columns(
        (pl.col("fact_id") + WEEK_AXIS).alias("fact_id"),
        pl.col("weekday").alias("low"),
        pl.col("weekday").alias("high"),
    )
    placed_rows = (
        pl.concat([as_days, in_week])
        .filter(pl.col("low").is_not_null())
        .with_columns(((pl.col("low") + pl.col("high")) / 2).alias("value"))
        .drop("weekday", "day_low", "day_high")
    )
    # A sentence giving two weekdays (or two days) dates one event in two time zones or two
    # events: neither day can stand for it alone.
    return placed_rows.filter(pl.col("value").n_unique().over("claim_id", "fact_id") == 1)


def names_a_weekday(finding: dict) -> bool:
    """A finding read in the week says something only when a weekday is in it: two dates
    that fall on different weekdays are already two different days."""
    values = " ".join(str(entry.get("value", "")) for entry in finding.get("evidence") or [])
    return any(word in WEEKDAYS for word in _WEEKDAY.findall(values.lower()))
