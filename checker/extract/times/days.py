"""Written dates, weekdays and relative days ("yesterday") resolved to ISO days.

A weekday is the most recent such day on or before the publication date, or the next one after
a future cue or "next"; a date without a year is the one nearest to publication.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as date_parser

from checker.extract.times.spans import WEEKDAYS, TimeMention, date_matches, left_free, trim_period
from checker.extract.times.zones import ZoneLexicon

_WEEKDAY = re.compile(
    "(?P<day>" + "|".join(WEEKDAYS) + r")\b(?:\s+(?P<part>morning|afternoon|evening|night)\b)?"
)
_WEEKDAY_MODIFIER = re.compile(r"(?<![^\W_])(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+\Z")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—]")


def _parse_written_date(text: str, year_default: int | None, has_year: bool) -> date | None:
    """A written date parsed by dateutil; None when it needs a year nobody supplied."""
    if not has_year and year_default is None:
        return None
    default = datetime(year_default or 2000, 1, 1)
    try:
        return date_parser.parse(text, default=default).date()
    except (ValueError, OverflowError):
        return None


def _nearest_year(parsed: date, today: date) -> date:
    """A date written without a year is the one closest to publication: "31 December" in a
    report published on 1 January is the day before, not a day a year ahead."""
    options = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            options.append(parsed.replace(year=year))
        except ValueError:  # 29 February in a year without one
            continue
    return min(options, key=lambda day: (abs((day - today).days), day)) if options else parsed


YEARLESS_DEFAULT = 2000  # a leap year: "February 29" parses before its year is known


def _yearless(text: str, has_year: bool) -> str | None:
    """ "--MM-DD" (ISO 8601's date without a year) for a day and month on a page with no
    publication date: a later stage may place it by its story's dates."""
    if has_year:
        return None
    parsed = _parse_written_date(text, YEARLESS_DEFAULT, False)
    return f"--{parsed.month:02d}-{parsed.day:02d}" if parsed else None


def find_dates(sentence: str, today: date | None, words: frozenset[str]) -> list[TimeMention]:
    """Written dates ("March 4", "4/3/2024", "in 2019"), each with its ISO day, month or year."""
    mentions = []
    year_default = today.year if today else None
    for match, form in date_matches(sentence, words, with_years=True):
        start, end = match.span()
        iso: str | None
        if form == "year":
            iso = match.group()
        elif form == "month_first" and match.group("month_year"):
            parsed = _parse_written_date(match.group(), year_default, True)
            iso = parsed.strftime("%Y-%m") if parsed else None
        else:
            has_year = form == "numeric" or match.group("year") is not None
            parsed = _parse_written_date(match.group(), year_default, has_year)
            if parsed and today and not has_year:
                parsed = _nearest_year(parsed, today)
            iso = parsed.isoformat() if parsed else _yearless(match.group(), has_year)
        end = trim_period(sentence, start, end)
        mentions.append(TimeMention("date", sentence[start:end], None, None, None, iso, start, end))
    return mentions


def _resolve_weekday(
    day_index: int, modifier: str, future: bool, today: date | None
) -> date | None:
    if today is None:
        return None
    if modifier == "next" or (future and modifier != "last"):
        ahead = (day_index - today.weekday()) % 7
        return today + timedelta(days=ahead or (7 if modifier == "next" else 0))
    back = (today.weekday() - day_index) % 7
    if modifier == "last" and back == 0:
        back = 7
    return today - timedelta(days=back)


def _clause_start(sentence: str, position: int) -> int:
    """Where the clause holding `position` begins: after the last , ; : ( or dash before it."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence, 0, position):
        start = match.end()
    return start


def find_weekdays(sentence: str, today: date | None, zones: ZoneLexicon) -> list[TimeMention]:
    """Weekdays ("last Tuesday", "Friday night"), resolved against the publication day."""
    mentions = []
    for match in _WEEKDAY.finditer(sentence):
        if not left_free(sentence, match.start()):
            continue
        before = _WEEKDAY_MODIFIER.search(sentence, max(0, match.start() - 6), match.start())
        modifier = before.group("mod").lower() if before else ""
        clause_start = _clause_start(sentence, match.start())
        future = zones.future is not None and zones.future.search(
            sentence, clause_start, match.start()
        )
        resolved = _resolve_weekday(
            WEEKDAYS.index(match.group("day")), modifier, bool(future), today
        )
        start, end = match.span()
        if before is not None and modifier != "this":  # "this Tuesday" reads like "Tuesday"
            start = before.start()
        iso = resolved.isoformat() if resolved else None
        mentions.append(
            TimeMention("weekday", sentence[start:end], None, None, None, iso, start, end)
        )
    return mentions


def find_relative(sentence: str, today: date | None, zones: ZoneLexicon) -> list[TimeMention]:
    """Relative days from the zones lexicon ("yesterday"), offset from the publication day."""
    if zones.relative is None:
        return []
    mentions = []
    for match in zones.relative.finditer(sentence):
        offset = zones.relative_days.get(" ".join(match.group().lower().split()))
        iso = (today + timedelta(days=offset)).isoformat() if today and offset is not None else None
        start, end = match.span()
        mentions.append(
            TimeMention("relative", sentence[start:end], None, None, None, iso, start, end)
        )
    return mentions
