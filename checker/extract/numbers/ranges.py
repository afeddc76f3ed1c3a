"""Two neighbouring numbers read together: a range ("4 to 6 million", "between 10 and 12"),
a change ("from 4 to 6"), a score or vote ("3-2"), or nothing."""

from __future__ import annotations

import re
from dataclasses import replace

from checker.extract.numbers.span import NumberSpan

_RANGE_LINK = re.compile(r"\s*(?:(?P<dash>[-–—])|(?P<to>to)\b|(?P<and>and)\b)\s*", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+\Z", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+\Z", re.IGNORECASE)


def join_range(text: str, first: NumberSpan, second: NumberSpan) -> list[NumberSpan] | None:
    """`first` and `second` as one range, as a pair ("3-2"), or None when they are unrelated."""
    if first.ordinal or second.ordinal or first.year_like or second.year_like:
        return None
    link = _RANGE_LINK.match(text, first.end)
    if link is None or link.end() != second.start:
        return None
    low = first.value
    # "4 to 6 million": a scale written once belongs to both ends.
    if first.scale == 1.0 and second.scale > 1.0 and low * second.scale <= second.value:
        low *= second.scale
    if link.group("and") and not _BETWEEN_BEFORE.search(
        text, max(0, first.start - 12), first.start
    ):
        return None  # "ten and twelve" without "between" lists two numbers
    if link.group("to") and _FROM_BEFORE.search(text, max(0, first.start - 8), first.start):
        # "from 4 to 6 million" reports two values (a change), not a range.
        return [replace(first, value=low, low=low, high=low, scale=second.scale), second]
    if not low < second.value:
        if link.group("dash"):
            return [replace(first, paired=True), replace(second, paired=True)]
        return None
    return [
        NumberSpan(
            value=(low + second.value) / 2,
            low=low,
            high=second.value,
            start=first.start,
            end=second.end,
            currency=first.currency or second.currency,
            spelled=first.spelled and second.spelled,
            is_range=True,
            scale=second.scale,
        )
    ]
