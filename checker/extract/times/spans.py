"""Where clock times and dates are written in a sentence: the regex layer of times.py.

Regexes here start with a digit or a capital letter, never with a look-behind or a word
boundary, so the regex engine can skip ahead quickly; left boundaries are checked in Python
(`left_free`). Cheap hints and word sets gate every full regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.numbers import latin_words

# Calendar words are English language, not story data, so they live here.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_YEAR = r"(?:1[89]|2\d)\d{2}"

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
ANY_DIGIT = re.compile(r"\d")
_MONTH_WORDS = frozenset(_MONTHS.lower().split("|"))
WEEKDAY_WORDS = frozenset(day.lower() for day in WEEKDAYS)
CLOCK_WORDS = frozenset({"noon", "midday", "midnight"})


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


def left_free(text: str, start: int, also: str = "") -> bool:
    """True when the character before `start` does not glue it to a word (or to `also`)."""
    before = text[start - 1] if start else " "
    return not (before.isalnum() or before == "_" or before in also)


def trim_period(sentence: str, start: int, end: int) -> int:
    """Keep a final "." only when it closes an abbreviation like "p.m." (not the sentence)."""
    text = sentence[start:end]
    if text.endswith(".") and not re.search(r"[ap]\.\s?m\.$", text, re.IGNORECASE):
        return end - 1
    return end


def clock_matches(sentence: str, words: frozenset[str], has_digit: bool) -> list[re.Match[str]]:
    """Valid clock times: "5 PM", "8:30 a.m.", "17:00", "2100 GMT", "noon"."""
    matches = []
    if has_digit and _CLOCK_HINT.search(sentence) is not None:
        for match in _CLOCK.finditer(sentence):
            if not left_free(sentence, match.start(), ":.$€£"):
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
    if not CLOCK_WORDS.isdisjoint(words):
        matches.extend(m for m in _CLOCK_WORD.finditer(sentence) if left_free(sentence, m.start()))
    return matches


def date_matches(
    sentence: str, words: frozenset[str], with_years: bool
) -> list[tuple[re.Match[str], str]]:
    """Written dates as (match, form); form is numeric / month_first / day_first / year."""
    found = []
    if _NUMERIC_DATE_HINT.search(sentence) is not None:
        found = [
            (m, "numeric")
            for m in _NUMERIC_DATE.finditer(sentence)
            if left_free(sentence, m.start())
        ]
    if not _MONTH_WORDS.isdisjoint(words):
        for match in _MONTH_FIRST.finditer(sentence):
            day = match.group("day")
            if left_free(sentence, match.start()) and (day is None or 1 <= int(day) <= 31):
                found.append((match, "month_first"))
        for match in _DAY_FIRST.finditer(sentence):
            if left_free(sentence, match.start(), ".,") and 1 <= int(match.group("day")) <= 31:
                found.append((match, "day_first"))
    if with_years:
        for match in _BARE_YEAR.finditer(sentence):
            start = match.start()
            if left_free(sentence, start, ".,$") and _YEAR_PREPOSITION.search(
                sentence, max(0, start - 10), start
            ):
                found.append((match, "year"))
    return found


def calendar_spans(sentence: str, words: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Spans of clock times and written dates; the quantity finder skips numbers inside them.

    `words` may pass numbers.latin_words(sentence) when the caller has it already.
    """
    if ANY_DIGIT.search(sentence) is None:
        return []
    words = latin_words(sentence) if words is None else words
    spans = [m.span() for m in clock_matches(sentence, set(), True)]
    spans.extend(m.span() for m, _ in date_matches(sentence, words, with_years=False))
    return spans
