"""Day frames: which day mentions of a story date the same thing.

A day mention (a written date, month, year or weekday of the times table) is framed like a
figure without a lexicon kind: its window words say what it dates ("launched with Crew-9 on"),
and two mentions of different outlets are one fact when those words align (frames.py, the same
weighted overlap of rare words). Weekdays frame with dates: "on Saturday" and "on March 15"
may date one event, and the date check reads such a fact in the week as well.
"""

from __future__ import annotations

import polars as pl

from checker.match.frames import frame_words

AFTER_MARK = "|"  # in a context, where the words before a mention end (extract's mark)

DAY_KIND = "date"
FRAMED_KINDS = ("date", "weekday")


def day_kinds(day_roles: dict[str, str]) -> frozenset[str]:
    """The kinds of day facts: `date`, and `date_<role>` for each role of `day_roles`."""
    return frozenset({DAY_KIND, *(f"{DAY_KIND}_{role}" for role in day_roles.values())})


# Words between a role word and its day: "until midnight on January 4", "by noon on Friday".
_BETWEEN_ROLE_AND_DAY = frozenset({"on", "at", "the", "of", "midnight", "noon", "late", "early"})


def day_kind(context: str, day_roles: dict[str, str]) -> str:
    """`date_until` for "through January 4" or "until midnight on January 4", `date_since` for
    "since 2019"; else `date`."""
    before = context.split(AFTER_MARK, 1)[0].split()
    for word in reversed(before):
        if word in day_roles:
            return f"{DAY_KIND}_{day_roles[word]}"
        if word not in _BETWEEN_ROLE_AND_DAY and not word.isdigit():
            break
    return DAY_KIND


def day_readings(
    times: pl.DataFrame,
    stopwords: frozenset[str] = frozenset(),
    page_date_words: frozenset[str] = frozenset(),
    day_roles: dict[str, str] | None = None,
) -> pl.DataFrame:
    """claim_id, start, kind, unit, context, names of every day mention worth framing: dates
    that resolved to a day, month or year (or a day and month, "--03-18", on an undated page),
    and weekdays. A mention with no telling word in its window, or only a page-date word before
    it ("Updated March 18", a scrape's "date 2025-03-18 Two astronauts..."), dates the page."""
    readings = (
        times.filter(
            pl.col("kind").is_in(FRAMED_KINDS)
            & (pl.col("date").is_not_null() | (pl.col("kind") == "weekday"))
        )
        .select(
            "claim_id",
            "start",
            pl.lit(DAY_KIND).alias("kind"),
            # Weekdays and dates frame together: "on Saturday" and "on March 15" may date one
            # event (the check reads such a fact in the week).
            pl.lit("day").alias("unit"),
            pl.col("context").fill_null(""),
            pl.lit("").alias("names"),
        )
        .sort("claim_id", "start")
    )
    contexts = readings["context"].to_list()
    telling = [not _page_date(context, stopwords, page_date_words) for context in contexts]
    roles = day_roles or {}
    kinds = [day_kind(context, roles) for context in contexts]
    return readings.with_columns(pl.Series("kind", kinds, dtype=pl.String)).filter(
        pl.Series(telling, dtype=pl.Boolean)
    )


def _page_date(context: str, stopwords: frozenset[str], page_date_words: frozenset[str]) -> bool:
    if not frame_words(context, stopwords | page_date_words):
        return True
    before = frame_words(context.split(AFTER_MARK, 1)[0], stopwords)
    return bool(before) and set(before) <= page_date_words
