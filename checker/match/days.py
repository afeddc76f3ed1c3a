"""Day frames: which day mentions of a story date the same thing.

A day mention (a written date, month, year or weekday of the times table) is framed like a
figure without a lexicon kind: its window words say what it dates ("launched with Crew-9 on"),
and two mentions of different outlets are one fact when those words align (frames.py, the same
weighted overlap of rare words). Weekdays are a unit of their own: "Friday" is compared with
"Thursday", not with a date that may not have been resolved.
"""

from __future__ import annotations

import polars as pl

DAY_KIND = "date"
FRAMED_KINDS = ("date", "weekday")


def day_readings(times: pl.DataFrame) -> pl.DataFrame:
    """claim_id, start, kind, unit, context, names of every day mention worth framing: dates
    that resolved to a day, month or year, and weekdays."""
    return (
        times.filter(
            pl.col("kind").is_in(FRAMED_KINDS)
            & (pl.col("date").is_not_null() | (pl.col("kind") == "weekday"))
        )
        .select(
            "claim_id",
            "start",
            pl.lit(DAY_KIND).alias("kind"),
            pl.when(pl.col("kind") == "weekday")
            .then(pl.lit("weekday"))
            .otherwise(pl.lit("day"))
            .alias("unit"),
            pl.col("context").fill_null(""),
            pl.lit("").alias("names"),
        )
        .sort("claim_id", "start")
    )
