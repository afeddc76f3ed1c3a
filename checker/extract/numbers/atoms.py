"""Single numbers (no ranges yet): raw pieces finished with scale words, "and a half" and
a currency symbol written before them ("$12m", "1.5 million", "two and a half", "half a
million")."""

from __future__ import annotations

import re

from checker.extract.numbers.pieces import Piece, digit_pieces, not_amount_spans, spelled_pieces
from checker.extract.numbers.span import NumberSpan
from checker.extract.numbers.words import (
    AMBIGUOUS_SUFFIXES,
    ANY_DIGIT,
    CURRENCY_SYMBOLS,
    NUMBER_WORDS,
    SCALE_SUFFIXES,
    SCALE_WORDS,
    alternation,
)

_SCALE_ALT = alternation(list(SCALE_WORDS))
_SCALE_AFTER = re.compile(rf"\s*(?P<word>{_SCALE_ALT})\b|(?P<abbr>bn|mn|tn|m|k|b)\b", re.IGNORECASE)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(rf"(?:[A-Z]{{1,2}})?[{CURRENCY_SYMBOLS}]\s?\Z")
_FOUR_DIGITS = re.compile(r"\d{4}")


def atoms(text: str, words: frozenset[str]) -> list[NumberSpan]:
    """Every single number (no ranges yet), with scale words and currency applied.

    `words` is latin_words(text): spelled numbers are only looked for when one is there.
    """
    found: list[tuple[Piece, bool, bool]] = []  # piece, spelled, article
    skip: list[tuple[int, int]] = []
    if ANY_DIGIT.search(text) is not None:
        skip = not_amount_spans(text)
        found.extend((piece, False, False) for piece in digit_pieces(text))
    if not NUMBER_WORDS.isdisjoint(words):
        found.extend((piece, True, article) for piece, article in spelled_pieces(text))
    found.sort(key=lambda item: item[0][0])
    result: list[NumberSpan] = []
    for (start, end, value, ordinal), spelled, article in found:
        if value is None or any(s < end and start < e for s, e in skip):
            continue
        atom = _finish_atom(text, start, end, value, ordinal, spelled=spelled, article=article)
        if atom is not None:
            result.append(atom)
    return result


def _finish_atom(
    text: str, start: int, end: int, value: float, ordinal: bool, *, spelled: bool, article: bool
) -> NumberSpan | None:
    """Apply "and a half", a scale word or suffix, and a currency symbol written before."""
    currency_match = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
    currency = currency_match.group().strip() if currency_match else None
    scale = 1.0
    if not ordinal:
        half = _AND_A_HALF.match(text, end)
        if half is not None and value == int(value) and not article:
            value, end = value + 0.5, half.end()
        scale_match = _SCALE_AFTER.match(text, end)
        if scale_match is not None:
            abbr = (scale_match.group("abbr") or "").lower()
            if abbr in AMBIGUOUS_SUFFIXES and currency is None:
                return None  # "a 12m wall": metres, not millions
            word = (scale_match.group("word") or "").lower()
            scale = SCALE_SUFFIXES[abbr] if abbr else SCALE_WORDS[word]
            value, end = value * scale, scale_match.end()
        elif article:
            return None  # "a" without a scale word is not a number here
        elif end < len(text) and text[end].isalpha() and not spelled:
            return None  # digits glued to letters: "5G", "1990s", "3D"
    if currency_match is not None:
        start = currency_match.start()
    year_like = (
        not spelled
        and not ordinal
        and currency is None
        and 1800 <= value <= 2100
        and _FOUR_DIGITS.fullmatch(text, start, end) is not None
    )
    return NumberSpan(
        value=value,
        low=value,
        high=value,
        start=start,
        end=end,
        ordinal=ordinal,
        currency=currency,
        spelled=spelled,
        year_like=year_like,
        scale=scale,
    )
