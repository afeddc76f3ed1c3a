"""Publication dates as written (ISO strings, "8 July 2025 14:30 -0400", YAML dates, epoch
seconds) to aware UTC datetimes. A date without a zone is taken as UTC."""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, time

from dateutil import parser as dateparser
from dateutil.parser import UnknownTimezoneWarning

_EPOCH_RANGE = (0, 4_102_444_800)  # 1970 .. 2100, in seconds
# Two different defaults: a field the text does not give shows up as a difference.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)


def to_utc(value: object) -> datetime | None:
    """The value as an aware UTC datetime; None for blank; ValueError with the reason if not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return _as_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not _EPOCH_RANGE[0] <= value <= _EPOCH_RANGE[1]:
            raise ValueError(f"number {value} is not a plausible Unix time in seconds")
        return datetime.fromtimestamp(value, tz=UTC)
    if isinstance(value, str):
        return _parse_string(value.strip())
    raise ValueError(f"cannot read a date from a {type(value).__name__}")


def _parse_string(text: str) -> datetime:
    try:
        return _as_utc(datetime.fromisoformat(text))
    except ValueError:
        pass
    with warnings.catch_warnings():
        # dateutil ignores zone names it does not know ("EST") and returns local time,
        # which would silently shift the date; refuse instead.
        warnings.simplefilter("error", UnknownTimezoneWarning)
        try:
            first = dateparser.parse(text, default=_DEFAULT_A)
            second = dateparser.parse(text, default=_DEFAULT_B)
        except UnknownTimezoneWarning as exc:
            raise ValueError(f"unknown time zone in {text!r}: write a UTC offset") from exc
        except (ValueError, OverflowError) as exc:
            raise ValueError(f"unparseable date {text!r}") from exc
    if first.date() != second.date():
        raise ValueError(f"incomplete date {text!r}: needs year, month and day")
    return _as_utc(first)


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
