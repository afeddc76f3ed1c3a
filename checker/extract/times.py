"""Clock times, dates, weekdays and relative days in a sentence, normalized where possible.

Regexes find candidate spans; python-dateutil parses written dates on those spans only; time-zone
labels come from the `zones` lexicon, and generic labels (ET, PT) are resolved through their IANA
zone (zoneinfo + tzdata) on the mention's date, else the publication date.

Reading conventions (news style, kept simple on purpose):
- a weekday is the most recent such day on or before the publication date; after a future cue
  from the lexicon ("will", "is set to") or with "next" it is the next such day;
- a date written without a year takes the publication year;
- nothing is resolved without a publication date, except dates that carry their own year.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as date_parser

from checker.errors import CheckerError
from checker.extract.numbers import latin_words
from checker.lexicons import load_lexicon

# Calendar words are English language, not story data, so they live here.
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_YEAR = r"(?:1[89]|2\d)\d{2}"

_CLOCK = re.compile(
    r"(?<![\w:.$€£])(?:"
    r"(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s?(?P<ampm>[ap])\.?\s?m\b\.?"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
    r"|(?P<word>noon|midday|midnight)\b"
    # Wire style "(2100 GMT)": four digits count as a clock only right before a zone label.
    r"|(?P<mil>(?:[01]\d|2[0-3])[0-5]\d)(?=\s?(?-i:GMT|UTC|Z\b|[A-Z]{1,4}T\b))"
    r")",
    re.IGNORECASE,
)
# A period ends "p.m." but may end the sentence too; the mention keeps it only when it is part
# of the abbreviation, so trailing text is trimmed back to "m" or "m.".
# Dates that name a month run only on text holding a month word; numeric dates on text with digits.
_MONTH_DATE = re.compile(
    rf"(?P<mdy>\b(?:{_MONTHS})\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>{_YEAR})\b)?)"
    rf"|(?P<dmy>\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?"
    rf"(?:,?\s+(?P<y2>{_YEAR})\b)?)"
    rf"|(?P<my>\b(?:{_MONTHS})\.?,?\s+(?P<y3>{_YEAR})\b)"
)
_NUMERIC_DATE = re.compile(
    rf"(?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)"
    rf"|(?P<slash>\b[01]?\d/[0-3]?\d/(?:{_YEAR}|\d{{2}})\b)"
    rf"|\b(?i:in|since|until|by|during|before|after|of)\s+(?P<year>{_YEAR})\b(?![-–/]\d)"
)
_WEEKDAY = re.compile(
    r"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<day>" + "|".join(_WEEKDAYS) + r")\b"
    r"(?:\s+(?P<part>morning|afternoon|evening|night)\b)?"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—]")
_ANY_DIGIT = re.compile(r"\d")
_MONTH_WORDS = frozenset(_MONTHS.lower().split("|"))
_WEEKDAY_WORDS = frozenset(day.lower() for day in _WEEKDAYS)
_CLOCK_WORDS = frozenset({"noon", "midday", "midnight"})


@dataclass(frozen=True, slots=True)
class ZoneLabel:
    """What a zone label means: a fixed offset, an IANA region, or both (see zones.yaml)."""

    offset: float | None
    region: str | None
    season: str | None  # standard / daylight / None


@dataclass(frozen=True, eq=False)
class ZoneLexicon:
    """The zones lexicon, compiled: labels, written-out aliases and relative-day words."""

    labels: Mapping[str, ZoneLabel]
    aliases: Mapping[str, str]  # lower-cased alias -> label
    relative_days: Mapping[str, int]
    zone_after: re.Pattern[str]  # matched right after a clock time
    relative: re.Pattern[str] | None
    future: re.Pattern[str] | None
    relative_words: frozenset[str]  # last words of the relative-day phrases (a cheap filter)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One written time or date; `local`/`utc` are HH:MM, `date` an ISO date (or YYYY-MM/YYYY)."""

    kind: str  # clock / date / weekday / relative
    text: str
    local: str | None
    zone: str | None
    utc: str | None
    date: str | None
    start: int
    end: int


def _alternation(words: Sequence[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


def _phrase_pattern(phrases: Sequence[str]) -> str:
    """Phrases as one alternation where any run of spaces matches any whitespace."""
    escaped = [r"\s+".join(re.escape(p) for p in phrase.split()) for phrase in phrases]
    return "|".join(sorted(escaped, key=lambda w: (-len(w), w)))


def build_zone_lexicon(data: Mapping[str, object], source: str = "zones") -> ZoneLexicon:
    """Compile the zones lexicon mapping (see rules/lexicons/zones.yaml for its keys)."""
    raw_zones = data.get("zones") or {}
    if not isinstance(raw_zones, Mapping):
        raise CheckerError(source, "`zones` must map labels to {offset, region, season}")
    labels: dict[str, ZoneLabel] = {}
    for label, spec in raw_zones.items():
        if not isinstance(spec, Mapping):
            raise CheckerError(source, f"zone {label!r} must be a mapping")
        region = spec.get("region")
        if region is not None:
            try:
                ZoneInfo(str(region))
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise CheckerError(source, f"zone {label!r}: unknown IANA zone {region!r}") from exc
        offset = spec.get("offset")
        labels[str(label).upper()] = ZoneLabel(
            offset=float(offset) if offset is not None else None,
            region=str(region) if region is not None else None,
            season=spec.get("season"),
        )
    aliases = {str(k).lower(): str(v).upper() for k, v in (data.get("aliases") or {}).items()}
    for alias, label in aliases.items():
        if label not in labels:
            raise CheckerError(source, f"alias {alias!r} names unknown zone {label!r}")
    raw_relative = data.get("relative_days") or {}
    relative_days = {" ".join(str(k).lower().split()): int(v) for k, v in raw_relative.items()}
    future_cues = [str(c) for c in data.get("future_cues") or []]
    zone_alts = [f"(?-i:{_alternation(list(labels))})"] if labels else []
    if aliases:
        zone_alts.insert(0, _phrase_pattern(list(aliases)))
    zone_after = re.compile(
        rf"\s*(?P<zone>{'|'.join(zone_alts) or '(?!)'})(?![\w])", re.IGNORECASE
    )
    relative = (
        re.compile(rf"(?<![\w'])(?:{_phrase_pattern(list(relative_days))})\b", re.IGNORECASE)
        if relative_days
        else None
    )
    future = (
        re.compile(rf"(?<![\w])(?:{_phrase_pattern(future_cues)})(?![\w])", re.IGNORECASE)
        if future_cues
        else None
    )
    relative_words = frozenset(phrase.split()[-1] for phrase in relative_days)
    return ZoneLexicon(labels, aliases, relative_days, zone_after, relative, future, relative_words)


@lru_cache(maxsize=16)
def _cached_zone_lexicon(rule_dirs: tuple[str, ...]) -> ZoneLexicon:
    return build_zone_lexicon(load_lexicon("zones", rule_dirs), "lexicons/zones.yaml")


def load_zone_lexicon(rule_dirs: Sequence[str | Path] = ()) -> ZoneLexicon:
    """The shipped zones lexicon, overridden by `lexicons/zones.yaml` in `rule_dirs` (cached)."""
    return _cached_zone_lexicon(tuple(str(d) for d in rule_dirs))


def _noon_local(day: date, region: str) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(region))


def zone_offset_hours(zone_label: str, on_date: date | None, zones: ZoneLexicon) -> float | None:
    """Hours from UTC for a label: its fixed offset, or its region's offset on `on_date`."""
    spec = zones.labels.get(zone_label.upper()) or zones.labels.get(
        zones.aliases.get(zone_label.lower(), "")
    )
    if spec is None:
        return None
    if spec.offset is not None:
        return spec.offset
    if spec.region is None or on_date is None:
        return None
    offset = _noon_local(on_date, spec.region).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else None


def zone_fits_date(zone_label: str, on_date: date | None, zones: ZoneLexicon) -> bool | None:
    """False when a standard-time label is used on a daylight-time date or the reverse.

    None when the label is unknown or there is no date; True for labels with no season.
    """
    spec = zones.labels.get(zone_label.upper()) or zones.labels.get(
        zones.aliases.get(zone_label.lower(), "")
    )
    if spec is None or on_date is None:
        return None
    if spec.region is None or spec.season is None:
        return True
    dst = _noon_local(on_date, spec.region).dst()
    in_daylight = dst is not None and dst != timedelta(0)
    return in_daylight == (spec.season == "daylight")


def calendar_spans(sentence: str, words: set[str] | None = None) -> list[tuple[int, int]]:
    """Spans of clock times and written dates; the quantity finder skips numbers inside them.

    `words` may pass numbers.latin_words(sentence) when the caller has it already.
    """
    if _ANY_DIGIT.search(sentence) is None:
        return []
    spans = [m.span() for m in _CLOCK.finditer(sentence) if m.group("word") is None]
    spans.extend(m.span() for m in _NUMERIC_DATE.finditer(sentence) if m.group("year") is None)
    words = latin_words(sentence) if words is None else words
    if not _MONTH_WORDS.isdisjoint(words):
        spans.extend(m.span() for m in _MONTH_DATE.finditer(sentence))
    return spans


def _published_day(published: datetime | None) -> date | None:
    if published is None:
        return None
    if published.tzinfo is not None:
        published = published.astimezone(UTC)
    return published.date()


def _hhmm(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _clock_minutes(match: re.Match[str]) -> int:
    if match.group("word"):
        return 0 if match.group("word").lower() == "midnight" else 12 * 60
    if match.group("mil"):
        digits = match.group("mil")
        return int(digits[:2]) * 60 + int(digits[2:])
    if match.group("h24"):
        return int(match.group("h24")) * 60 + int(match.group("m24"))
    hour = int(match.group("h12")) % 12
    if match.group("ampm").lower() == "p":
        hour += 12
    return hour * 60 + int(match.group("m12") or 0)


def _trim_period(sentence: str, start: int, end: int) -> int:
    """Keep a final "." only when it closes an abbreviation like "p.m." (not the sentence)."""
    text = sentence[start:end]
    if text.endswith(".") and not re.search(r"[ap]\.\s?m\.$", text, re.IGNORECASE):
        return end - 1
    return end


def _find_clocks(sentence: str, zones: ZoneLexicon) -> list[tuple[int, int, int, str | None]]:
    """(start, end, minutes after midnight, zone label) for each clock time."""
    found = []
    for match in _CLOCK.finditer(sentence):
        start, end = match.start(), _trim_period(sentence, *match.span())
        zone_match = zones.zone_after.match(sentence, end)
        label = None
        if zone_match is not None:
            written = zone_match.group("zone")
            label = zones.aliases.get(" ".join(written.lower().split()), written.upper())
            end = zone_match.end()
        elif match.group("mil"):
            continue  # four digits without a known zone label are not a clock
        found.append((start, end, _clock_minutes(match), label))
    return found


def _parse_written_date(text: str, year_default: int | None, has_year: bool) -> date | None:
    """A written date parsed by dateutil; None when it needs a year nobody supplied."""
    if not has_year and year_default is None:
        return None
    default = datetime(year_default or 2000, 1, 1)
    try:
        return date_parser.parse(text, default=default).date()
    except (ValueError, OverflowError):
        return None


def _find_dates(sentence: str, today: date | None, words: set[str]) -> list[TimeMention]:
    matches = list(_NUMERIC_DATE.finditer(sentence))
    if not _MONTH_WORDS.isdisjoint(words):
        matches.extend(_MONTH_DATE.finditer(sentence))
    mentions = []
    year_default = today.year if today else None
    for match in matches:
        groups = match.groupdict()
        start, end = match.span()
        iso: str | None
        if groups.get("year"):
            start = match.start("year")
            iso = groups["year"]
        elif groups.get("my"):
            parsed = _parse_written_date(match.group(), year_default, True)
            iso = parsed.strftime("%Y-%m") if parsed else None
        else:
            has_year = any(groups.get(k) for k in ("y1", "y2", "iso", "slash"))
            parsed = _parse_written_date(match.group(), year_default, has_year)
            iso = parsed.isoformat() if parsed else None
        end = _trim_period(sentence, start, end)
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


def _find_weekdays(sentence: str, today: date | None, zones: ZoneLexicon) -> list[TimeMention]:
    mentions = []
    for match in _WEEKDAY.finditer(sentence):
        modifier = (match.group("mod") or "").lower()
        clause_start = _clause_start(sentence, match.start())
        future = zones.future is not None and zones.future.search(
            sentence, clause_start, match.start()
        )
        resolved = _resolve_weekday(
            _WEEKDAYS.index(match.group("day")), modifier, bool(future), today
        )
        start, end = match.span()
        if modifier == "this":
            start = match.start("day")  # "this Tuesday" reads like a bare weekday
        iso = resolved.isoformat() if resolved else None
        mentions.append(
            TimeMention("weekday", sentence[start:end], None, None, None, iso, start, end)
        )
    return mentions


def _find_relative(sentence: str, today: date | None, zones: ZoneLexicon) -> list[TimeMention]:
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


def _nearest_full_date(mentions: list[TimeMention], start: int) -> str | None:
    """The ISO day of the closest day-precise mention in the sentence, if any."""
    dated = [m for m in mentions if m.date is not None and len(m.date) == 10]
    if not dated:
        return None
    return min(dated, key=lambda m: (abs(m.start - start), m.start)).date


def find_times(sentence: str, published: datetime | None, zones: ZoneLexicon) -> list[TimeMention]:
    """Every clock time, date, weekday and relative day in `sentence`, left to right."""
    words = latin_words(sentence)
    has_digit = _ANY_DIGIT.search(sentence) is not None
    today = _published_day(published)
    days: list[TimeMention] = []
    if has_digit:
        days.extend(_find_dates(sentence, today, words))
    if not _WEEKDAY_WORDS.isdisjoint(words):
        days.extend(_find_weekdays(sentence, today, zones))
    if not zones.relative_words.isdisjoint(words):
        days.extend(_find_relative(sentence, today, zones))
    clocks = []
    if has_digit or not _CLOCK_WORDS.isdisjoint(words):
        clocks = _clock_mentions(sentence, days, today, zones)
    ordered = sorted([*clocks, *days], key=lambda m: (m.start, -m.end, m.kind))
    kept: list[TimeMention] = []
    for mention in ordered:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _clock_mentions(
    sentence: str, days: list[TimeMention], today: date | None, zones: ZoneLexicon
) -> list[TimeMention]:
    """Clock times; a zone's offset is taken on the nearest written day, else publication day."""
    clocks = []
    for start, end, minutes, label in _find_clocks(sentence, zones):
        on = _nearest_full_date(days, start)
        offset_day = date.fromisoformat(on) if on else today
        offset = zone_offset_hours(label, offset_day, zones) if label else None
        utc = _hhmm(round(minutes - offset * 60)) if offset is not None else None
        clocks.append(
            TimeMention("clock", sentence[start:end], _hhmm(minutes), label, utc, on, start, end)
        )
    return clocks
