"""How a value is written: the equivalent surface forms an outlet may choose for one value.

Every function returns a list of forms that all mean the same value, so two outlets that pick
different forms ("two-hour", "120-minute") agree; only a planted change of value disagrees.
"""

from __future__ import annotations

import datetime as dt
import re

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

# Adjective forms cannot take "about": "an about two-hour meeting" is not English.
_ADJ_QUALIFIER = {"about": "roughly"}


def number_words(n: int) -> str:
    """English words for 0..99 ("forty-two")."""
    if not 0 <= n < 100:
        raise ValueError(f"number_words covers 0..99, not {n}")
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def indefinite_article(phrase: str) -> str:
    """'a' or 'an' for a phrase, by how its first word sounds ("an 18-hour", "a one-day")."""
    word = phrase.split()[0].lower()
    digits = re.match(r"[\d,]+", word)
    if digits:
        number = digits.group().replace(",", "")
        # 8, 80, 800 ... and 11/18, 11,000/18,000 ... start with a vowel sound.
        vowel = number[0] == "8" or (number[:2] in ("11", "18") and len(number) % 3 == 2)
        return "an" if vowel else "a"
    if word.startswith("one"):
        return "a"
    return "an" if word[0] in "aeio" or word.startswith("hour") else "a"


def qualified(form: str, qualifier: str) -> str:
    return f"{qualifier} {form}" if qualifier else form


def _digits(n: int) -> str:
    return f"{n:,}"


def count_forms(n: int, noun: tuple[str, str] | None = None) -> list[str]:
    """'7', 'seven', '45,000', '1.2 million'; with a noun, 'one issue' / 'three issues'."""
    forms = [_digits(n)]
    if n < 10:
        forms += [number_words(n)] * 2  # newsroom style spells out small numbers, usually
    elif n <= 20 or (n < 100 and n % 10 == 0):
        forms.append(number_words(n))
    if n >= 1_000_000 and n % 100_000 == 0:
        forms.append(f"{n / 1_000_000:g} million")
    if noun is not None:
        word = noun[0] if n == 1 else noun[1]
        forms = [f"{form} {word}" for form in forms]
    return forms


def _trim_decimal(value: float, places: int) -> str:
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_forms(millions: int) -> list[str]:
    """US dollars given in millions: '$4.2 billion', '$4.2bn', '$640 million', '$640m'."""
    if millions >= 1000:
        amount = _trim_decimal(millions / 1000, 2)
        return [f"${amount} billion", f"${amount}bn", f"{amount} billion dollars",
                f"US${amount} billion"]
    return [f"${millions} million", f"${millions}m", f"{millions} million dollars"]


def percent_forms(value: float) -> list[str]:
    amount = _trim_decimal(value, 1)
    return [f"{amount}%", f"{amount} percent", f"{amount} per cent"]


def _small(n: int) -> list[str]:
    """A count of days or hours: digits, or words when the number is small."""
    return [str(n), number_words(n)] if n < 100 else [str(n)]


def duration_forms(minutes: int) -> list[str]:
    """Noun forms of a duration: 'two hours', '120 minutes', '60 days', 'an hour and a half'."""
    days, day_rest = divmod(minutes, 1440)
    hours, rest = divmod(minutes, 60)
    if day_rest == 0 and days >= 1:
        if days == 1:
            return ["one day", "a day", "24 hours"]
        forms = [f"{d} days" for d in _small(days)]
        if days <= 3:
            forms.append(f"{hours} hours")
        return forms
    if rest == 0:
        if hours == 1:
            return ["one hour", "an hour", "60 minutes"]
        forms = [f"{h} hours" for h in _small(hours)]
        return forms + ([f"{minutes} minutes"] if hours <= 2 else [])
    if rest == 30 and hours >= 1:
        half = "an hour and a half" if hours == 1 else f"{number_words(hours)} and a half hours"
        return [half, f"{minutes} minutes", f"{hours}.5 hours"]
    if hours >= 1:
        lead = "an hour" if hours == 1 else f"{number_words(hours)} hours"
        return [f"{lead} and {rest} minutes", f"{minutes} minutes"]
    return [f"{m} minutes" for m in _small(minutes)]


def duration_adj_forms(minutes: int) -> list[str]:
    """Adjective forms: 'two-hour', '90-minute', '60-day', 'hour-long'."""
    days, day_rest = divmod(minutes, 1440)
    hours, rest = divmod(minutes, 60)
    if day_rest == 0 and days >= 1:
        return ["one-day", "24-hour"] if days == 1 else [f"{d}-day" for d in _small(days)]
    if rest == 0:
        if hours == 1:
            return ["one-hour", "hour-long", "60-minute"]
        forms = [f"{h}-hour" for h in _small(hours)]
        return forms + ([f"{minutes}-minute"] if hours <= 2 else [])
    return [f"{minutes}-minute"]


def adj_qualifier(qualifier: str) -> str:
    return _ADJ_QUALIFIER.get(qualifier, qualifier)


def with_article(phrase: str) -> str:
    return f"{indefinite_article(phrase)} {phrase}"


def date_forms(day: dt.date) -> list[str]:
    month = day.strftime("%B")
    return [f"{month} {day.day}", f"{day.day} {month}", f"{month} {day.day}, {day.year}"]


def clock_forms(local: dt.datetime) -> list[str]:
    """A zoned clock time: '5 p.m. EST', '17:00 EST', '5 PM EST (22:00 GMT)'.

    The zone abbreviation and the UTC time are computed from the IANA zone for that date, so
    every form is correct; the checker's timezone rule must find nothing here.
    """
    zone = local.tzname() or "UTC"
    utc = local.astimezone(dt.UTC)
    hour12 = local.hour % 12 or 12
    minute = f":{local.minute:02d}" if local.minute else ""
    dotted = "a.m." if local.hour < 12 else "p.m."
    forms = [
        f"{hour12}{minute} {dotted} {zone}",
        f"{hour12}{minute} {dotted.replace('.', '').upper()} {zone}",
        f"{local:%H:%M} {zone}",
    ]
    if local.utcoffset() != dt.timedelta(0):
        forms += [
            f"{hour12}{minute} {dotted} {zone} ({utc:%H:%M} GMT)",
            f"{local:%H:%M} {zone} ({utc:%H%M} GMT)",
            f"{local:%H:%M} {zone} ({utc:%H:%M} UTC)",
        ]
    return forms
