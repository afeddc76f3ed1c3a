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

# Regexes here start with a digit or a capital letter, never with a look-behind or a word
# boundary, so the regex engine can skip ahead quickly; left boundaries are checked in Python.
_CLOCK = re.compile(
    r"(?P<h12>\d{1,2})(?:[:.](?P<m12>[0-5]\d))?\s?(?P<ampm>[aApP])\.?\s?[mM](?!\w)\.?"
    r"|(?P<h24>\d{1,2}):(?P<m24>[0-5]\d)(?![\d:])"
    # Wire style "(2100 GMT)": four digits count as a clock only right before a zone label.
    r"|(?P<mil>\d{4})(?=\s?(?:GMT|UTC|Z\b|[A-Z]{1,4}T\b))"
)
# Cheap shapes that every clock time / numeric date has; the full regexes run only after a hit.
_CLOCK_HINT = re.compile(r"\d(?:\s?[aApP]\.?\s?[mM](?!\w)|:\d\d|\.\d\d\s?[aApP]|\d{3}\s?[A-Z])")
_NUMERIC_DATE_HINT = re.compile(r"\d[-/]\d")
_CLOCK_WORD = re.compile(r"(?P<word>[Nn]oon|[Mm]idday|[Mm]idnight)\b")
_MONTH_FIRST = re.compile(
    rf"(?:{_MONTHS})\b\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>{_YEAR})\b)?"
    rf"|,?\s+(?P<month_year>{_YEAR})\b)"
)
_DAY_FIRST = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b\.?"
    rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
)
_NUMERIC_DATE = re.compile(
    rf"(?P<iso>{_YEAR}-[01]\d-[0-3]\d)(?!\w)|(?P<slash>\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}}))(?![\w/])"
)
_BARE_YEAR = re.compile(rf"{_YEAR}(?!\w|[-–/]\d)")
_YEAR_PREPOSITION = re.compile(
    r"(?<![^\W_])(?:in|since|until|by|during|before|after|of)\s+\Z", re.IGNORECASE
)
_WEEKDAY = re.compile(
    "(?P<day>" + "|".join(_WEEKDAYS) + r")\b(?:\s+(?P<part>morning|afternoon|evening|night)\b)?"
)
_WEEKDAY_MODIFIER = re.compile(r"(?<![^\W_])(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+\Z")
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


def _left_free(text: str, start: int, also: str = "") -> bool:
    """True when the character before `start` does not glue it to a word (or to `also`)."""
    before = text[start - 1] if start else " "
    return not (before.isalnum() or before == "_" or before in also)


def _clock_matches(sentence: str, words: frozenset[str], has_digit: bool) -> list[re.Match[str]]:
    """Valid clock times: "5 PM", "8:30 a.m.", "17:00", "2100 GMT", "noon"."""
    matches = []
    if has_digit and _CLOCK_HINT.search(sentence) is not None:
        for match in _CLOCK.finditer(sentence):
            if not _left_free(sentence, match.start(), ":.$€£"):
                continue
            hour = match.group("h12") or match.group("h24")
            if match.group("mil"):
                valid = int(match.group("mil")[:2]) <= 23 and int(match.group("mil")[2:]) <= 59
            elif match.group("h12"):
                valid = 1 <= int(hour) <= 12
            else:
                valid = int(hour) <= 23
            if valid:
                matches.append(match)
    if not _CLOCK_WORDS.isdisjoint(words):
        matches.extend(m for m in _CLOCK_WORD.finditer(sentence) if _left_free(sentence, m.start()))
    return matches


def _date_matches(
    sentence: str, words: frozenset[str], with_years: bool
) -> list[tuple[re.Match[str], str]]:
    """Written dates as (match, form); form is numeric / month_first / day_first / year."""
    found = []
    if _NUMERIC_DATE_HINT.search(sentence) is not None:
        found = [
            (m, "numeric")
            for m in _NUMERIC_DATE.finditer(sentence)
            if _left_free(sentence, m.start())
        ]
    if not _MONTH_WORDS.isdisjoint(words):
        for match in _MONTH_FIRST.finditer(sentence):
            day = match.group("day")
            if _left_free(sentence, match.start()) and (day is None or 1 <= int(day) <= 31):
                found.append((match, "month_first"))
        for match in _DAY_FIRST.finditer(sentence):
            if _left_free(sentence, match.start(), ".,") and 1 <= int(match.group("day")) <= 31:
                found.append((match, "day_first"))
    if with_years:
        for match in _BARE_YEAR.finditer(sentence):
            start = match.start()
            if _left_free(sentence, start, ".,$") and _YEAR_PREPOSITION.search(
                sentence, max(0, start - 10), start
            ):
                found.append((match, "year"))
    return found


def calendar_spans(sentence: str, words: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Spans of clock times and written dates; the quantity finder skips numbers inside them.

    `words` may pass numbers.latin_words(sentence) when the caller has it already.
    """
    if _ANY_DIGIT.search(sentence) is None:
        return []
    words = latin_words(sentence) if words is None else words
    spans = [m.span() for m in _clock_matches(sentence, set(), True)]
    spans.extend(m.span() for m, _ in _date_matches(sentence, words, with_years=False))
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


def _trim_period(sentence: str, start: int, end: int) -> int:
    """Keep a final "." only when it closes an abbreviation like "p.m." (not the sentence)."""
    text = sentence[start:end]
    if text.endswith(".") and not re.search(r"[ap]\.\s?m\.$", text, re.IGNORECASE):
        return end - 1
    return end


def _find_clocks(
    sentence: str, words: frozenset[str], has_digit: bool, zones: ZoneLexicon
) -> list[tuple[int, int, int, str | None]]:
    """(start, end, minutes after midnight, zone label) for each clock time."""
    found = []
    for match in _clock_matches(sentence, words, has_digit):
        start, end = match.start(), _trim_period(sentence, *match.span())
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


def _find_dates(sentence: str, today: date | None, words: frozenset[str]) -> list[TimeMention]:
    mentions = []
    year_default = today.year if today else None
    for match, form in _date_matches(sentence, words, with_years=True):
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
        if not _left_free(sentence, match.start()):
            continue
        before = _WEEKDAY_MODIFIER.search(sentence, max(0, match.start() - 6), match.start())
        modifier = before.group("mod").lower() if before else ""
        clause_start = _clause_start(sentence, match.start())
        future = zones.future is not None and zones.future.search(
            sentence, clause_start, match.start()
        )
        resolved = _resolve_weekday(
            _WEEKDAYS.index(match.group("day")), modifier, bool(future), today
        )
        start, end = match.span()
        if before is not None and modifier != "this":  # "this Tuesday" reads like "Tuesday"
            start = before.start()
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
        clocks = _clock_mentions(sentence, words, has_digit, days, today, zones)
    ordered = sorted([*clocks, *days], key=lambda m: (m.start, -m.end, m.kind))
    kept: list[TimeMention] = []
    for mention in ordered:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _clock_mentions(
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
