"""Clock times read to minutes after midnight, with their zone label and UTC time.

A zone's offset is taken on the nearest day-precise date written in the same sentence, else
on the publication day (so "5 p.m. ET" is UTC-4 in July and UTC-5 in January).
"""

from __future__ import annotations

import re
from datetime import date

from checker.extract.times.spans import TimeMention, clock_matches, trim_period
from checker.extract.times.zones import ZoneLexicon, zone_offset_hours


def _hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _clock_minutes(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("word"):
        return 0 if groups["word"].lower() == "midnight" else 12 * 60
    if groups.get("mil"):
        digits = groups["mil"]
        return int(digits[:2]) * 60 + int(digits[2:])
    if groups.get("h24"):
        return int(groups["h24"]) * 60 + int(groups["m24"])
    hour = int(match.group("h12")) % 12
    if match.group("ampm").lower() == "p":
        hour += 12
    return hour * 60 + int(match.group("m12") or 0)


def _find_clocks(
    sentence: str, words: frozenset[str], has_digit: bool, zones: ZoneLexicon
) -> list[tuple[int, int, int, str | None]]:
    """(start, end, minutes after midnight, zone label) for each clock time."""
    found = []
    for match in clock_matches(sentence, words, has_digit):
        start, end = match.start(), trim_period(sentence, *match.span())
        zone_match = zones.zone_after.match(sentence, end)
        label = None
        if zone_match is not None:
            written = zone_match.group("zone")
            label = zones.aliases.get(" ".join(written.lower().split()), written.upper())
            end = zone_match.end()
        elif match.groupdict().get("mil"):
            continue  # four digits without a known zone label are not a clock
        found.append((start, end, _clock_minutes(match), label))
    return found


def _nearest_full_date(mentions: list[TimeMention], start: int) -> str | None:
    """The ISO day of the closest day-precise mention in the sentence, if any."""
    dated = [m for m in mentions if m.date is not None and len(m.date) == 10]
    if not dated:
        return None
    return min(dated, key=lambda m: (abs(m.start - start), m.start)).date


def clock_mentions(
    sentence: str,
    words: frozenset[str],
    has_digit: bool,
    days: list[TimeMention],
    today: date | None,
    zones: ZoneLexicon,
) -> list[TimeMention]:
    """Clock times; a zone's offset is taken on the nearest written day, else publication day."""
    clocks = []
    for start, end, minutes, label in _find_clocks(sentence, words, has_digit, zones):
        on = _nearest_full_date(days, start)
        offset_day = date.fromisoformat(on) if on else today
        offset = zone_offset_hours(label, offset_day, zones) if label else None
        utc = _hhmm(round(minutes - offset * 60)) if offset is not None else None
        clocks.append(
            TimeMention("clock", sentence[start:end], _hhmm(minutes), label, utc, on, start, end)
        )
    return clocks
