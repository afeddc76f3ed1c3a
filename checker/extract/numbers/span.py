"""NumberSpan: one number found in a text, the record every number finder returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """One number in the text: its value (or range) and where it is written."""

    value: float
    low: float
    high: float
    start: int  # includes a currency symbol written before the number
    end: int
    ordinal: bool = False
    currency: str | None = None  # the symbol as written: "$", "US$", "€"
    spelled: bool = False  # written in words ("ten", "a dozen")
    is_range: bool = False
    year_like: bool = False  # a bare four-digit integer that reads as a year
    paired: bool = False  # one side of "3-2": a score or vote, not a range
    scale: float = 1.0  # the scale word or suffix applied ("million" -> 1e6)
