"""Days the match stage framed as one fact (facts keyed `date:`), as intervals of days.

A full date is one day, a month or a year every day in it ("in September 2024" agrees with
"September 29, 2024"; "since 2019" does not with "since July 2017"); a weekday is its place in
the week, compared only with other weekdays. The date check compares them as the quantity check
compares figures (quantity.compare_intervals).
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


def day_interval(kind: str, text: str, iso: str | None) -> tuple[float, float] | None:
    """(first, last) day ordinal a mention allows, or its weekday index twice; None when the
    mention cannot be placed (a date whose year is unknown)."""
    if kind == "weekday":
        for word in _WEEKDAY.findall(text.lower()):
            if word in WEEKDAYS:
                return float(WEEKDAYS[word]), float(WEEKDAYS[word])
        return None
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


def day_frame_readings(context: CheckContext) -> pl.DataFrame:
    """Rows for compare_intervals: each framed day mention with its claim, fact and interval."""
    if context.facts.filter(pl.col("key").str.starts_with("date:")).is_empty():
        return pl.DataFrame()
    joined = with_facts(context.times, context, "date:")
    spans = [
        day_interval(kind, text, iso)
        for kind, text, iso in joined.select("kind", "q_text", "date").iter_rows()
    ]
    placed = [span is not None for span in spans]
    lows = [span[0] if span else None for span in spans]
    highs = [span[1] if span else None for span in spans]
    placed_rows = (
        joined.with_columns(
            pl.Series("low", lows, dtype=pl.Float64),
            pl.Series("high", highs, dtype=pl.Float64),
            pl.Series("placed", placed, dtype=pl.Boolean),
        )
        .filter(pl.col("placed"))
        .with_columns(((pl.col("low") + pl.col("high")) / 2).alias("value"))
        .drop("placed")
    )
    # A sentence giving two weekdays (or two days) dates one event in two time zones or two
    # events: neither day can stand for it alone.
    kind_of_day = (
        pl.when(pl.col("kind") == "weekday").then(pl.lit("weekday")).otherwise(pl.lit("day"))
    )
    return placed_rows.filter(pl.col("value").n_unique().over("claim_id", kind_of_day) == 1)
