"""Clock times, dates, weekdays and relative days in a sentence, normalized where possible.

Regexes find candidate spans; python-dateutil parses written dates on those spans only; time-zone
labels come from the `zones` lexicon, and generic labels (ET, PT) are resolved through their IANA
zone (zoneinfo + tzdata) on the mention's date, else the publication date.

Reading conventions (news style, kept simple on purpose):
- a weekday is the most recent such day on or before the publication date; after a future cue
  from the lexicon ("will", "is set to") or with "next" it is the next such day;
- a date written without a year takes the publication year;
- nothing is resolved without a publication date, except dates that carry their own year.

The work is split by responsibility; this module holds `find_times` and re-exports the rest:
    zones.py   the zones lexicon, a label's offset and season on a day
    spans.py   calendar regexes and where clock times and dates are written
    days.py    dates, weekdays and relative days resolved to ISO days
    clocks.py  clock times to HH:MM, local and UTC
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from checker.extract.numbers import latin_words
from checker.extract.times.clocks import clock_mentions
from checker.extract.times.days import find_dates, find_relative, find_weekdays
from checker.extract.times.spans import (
    ANY_DIGIT,
    CLOCK_WORDS,
    WEEKDAY_WORDS,
    TimeMention,
    calendar_spans,
)
from checker.extract.times.zones import (
    ZoneLabel,
    ZoneLexicon,
    build_zone_lexicon,
    load_zone_lexicon,
    zone_fits_date,
    zone_offset_hours,
)

__all__ = [
    "TimeMention",
    "ZoneLabel",
    "ZoneLexicon",
    "build_zone_lexicon",
    "calendar_spans",
    "find_times",
    "load_zone_lexicon",
    "zone_fits_date",
    "zone_offset_hours",
]


def _published_day(published: datetime | None) -> date | None:
    if published is None:
        return None
    if published.tzinfo is not None:
        published = published.astimezone(UTC)
    return published.date()


def find_times(sentence: str, published: datetime | None, zones: ZoneLexicon) -> list[TimeMention]:
    """Every clock time, date, weekday and relative day in `sentence`, left to right."""
    words = latin_words(sentence)
    has_digit = ANY_DIGIT.search(sentence) is not None
    today = _published_day(published)
    days: list[TimeMention] = []
    if has_digit:
        days.extend(find_dates(sentence, today, words))
    if not WEEKDAY_WORDS.isdisjoint(words):
        days.extend(find_weekdays(sentence, today, zones))
    if not zones.relative_words.isdisjoint(words):
        days.extend(find_relative(sentence, today, zones))
    clocks = []
    if has_digit or not CLOCK_WORDS.isdisjoint(words):
        clocks = clock_mentions(sentence, words, has_digit, days, today, zones)
    # Where mentions overlap, the earliest and then the longest one is kept.
    ordered = sorted([*clocks, *days], key=lambda m: (m.start, -m.end, m.kind))
    kept: list[TimeMention] = []
    for mention in ordered:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept
