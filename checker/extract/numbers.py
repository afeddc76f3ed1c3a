"""Numbers as written in English news text, turned into values with character offsets.

Finds digits with separators and decimals ("12,500", "1.2"), spelled numbers ("twenty-one",
"one hundred and five", converted by the `text2num` library), ordinals ("3rd", "third"), scale
words and suffixes ("1.5 million", "$12m", "4bn", "a dozen", "half a million"), "and a half"
("two and a half") and ranges ("4 to 6 million", "2–4.8 million", "between 10 and 12").

Units, qualifiers and what a number counts are the quantities module's job; this module only
knows the number itself. Offsets are relative to the string passed in.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from text_to_num import text2num

# English number vocabulary: language, not story data, so it lives here.
# fmt: off
_CARDINALS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)
_SCALE_WORDS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12.0,
}
# Abbreviated scales glued to digits: "4bn", "$12m", "$300k". The one-letter ones are
# ambiguous ("a 12m wall") and only count after a currency symbol.
_SCALE_SUFFIXES = {"bn": 1e9, "mn": 1e6, "tn": 1e12, "m": 1e6, "k": 1e3, "b": 1e9}
_AMBIGUOUS_SUFFIXES = frozenset({"m", "k", "b"})
_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth",
    "seventieth", "eightieth", "ninetieth", "hundredth", "thousandth", "millionth",
)
# fmt: on
# Ordinal word -> cardinal word, for the irregular ones; the rest drop "th" or "ieth" -> "y".
_IRREGULAR_ORDINALS = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fifth": "five",
    "eighth": "eight",
    "ninth": "nine",
    "twelfth": "twelve",
}
CURRENCY_SYMBOLS = "$€£¥₹₽₩₪"


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation that prefers the longest word ("seventeen" before "seven")."""
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


_SCALE_ALT = _alternation(list(_SCALE_WORDS))
# Word classes for the spelled-number scanner: a run starts with a cardinal, may go on with
# cardinals and scale words, and may end with an ordinal ("one hundred and fifth").
_CARDINAL_SET = frozenset(_CARDINALS)
_RUN_SCALES = frozenset(w for w in _SCALE_WORDS if w != "dozen")
_ORDINAL_SET = frozenset(_ORDINALS)
_RUN_WORDS = _CARDINAL_SET | _RUN_SCALES | _ORDINAL_SET
_SCANNED_WORDS = _RUN_WORDS | set(_SCALE_WORDS) | {"a", "an", "half", "and"}
_NUMBER_WORDS = frozenset([*_CARDINALS, *_ORDINALS, *_SCALE_WORDS])

# Regexes here start with a digit or a letter, never with a look-behind or a word boundary,
# so the regex engine can skip ahead quickly; left boundaries are checked in Python instead.
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_LETTERS = re.compile(r"[A-Za-z]+")
_RUN_GAP = re.compile(r"-|\s+and\s+|\s+")
_ANY_DIGIT = re.compile(r"\d")
_LATIN_WORD = re.compile(r"[a-z]+")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_SCALE_AFTER = re.compile(rf"\s*(?P<word>{_SCALE_ALT})\b|(?P<abbr>bn|mn|tn|m|k|b)\b", re.IGNORECASE)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(rf"(?:[A-Z]{{1,2}})?[{CURRENCY_SYMBOLS}]\s?\Z")
_RANGE_LINK = re.compile(r"\s*(?:(?P<dash>[-–—])|(?P<to>to)\b|(?P<and>and)\b)\s*", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+\Z", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+\Z", re.IGNORECASE)
_WORD_IN_RUN = re.compile(r"[a-z]+", re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"\d{4}")

# Digit groups that are identifiers, not amounts: phone numbers, seasons ("2023-24"),
# fractions and slashed dates ("24/7", "7/8/2025"). Numbers inside them are skipped.
_NOT_AMOUNTS = re.compile(
    r"\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}\b"
    r"|\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}\b"
    r"|(?:1[89]|20)\d{2}[-–/]\d{2}\b(?![-–/.]\d)"
    r"|\d+(?:/\d+)+\b"
)
_NOT_AMOUNTS_HINT = re.compile(r"\d(?:[\s.-]\d{3}|[-–/]\d)")  # a shape all of the above have


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


_Piece = tuple[int, int, float | None, bool]  # start, end, value, is ordinal


@lru_cache(maxsize=4)
def latin_words(text: str) -> frozenset[str]:
    """The lower-cased a-z words of a text: a cheap filter before slower word regexes.

    Cached because the quantity and time finders both ask for the same sentence in a row.
    """
    return frozenset(_LATIN_WORD.findall(text.lower()))


def might_hold_numbers(text: str, words: frozenset[str] | None = None) -> bool:
    """Cheap test: does the text hold a digit or an English number word at all?"""
    if _ANY_DIGIT.search(text) is not None:
        return True
    return not _NUMBER_WORDS.isdisjoint(latin_words(text) if words is None else words)


def word_number_value(words: str) -> float | None:
    """Value of spelled-out number words ("one hundred and five" -> 105), else None."""
    cleaned = " ".join(_WORD_IN_RUN.findall(words)).lower()
    if not cleaned:
        return None
    try:
        return float(text2num(cleaned, "en"))
    except ValueError:
        return None


def ordinal_word_value(words: str) -> float | None:
    """Value of a spelled ordinal ("third" -> 3, "twenty-first" -> 21), else None."""
    parts = _WORD_IN_RUN.findall(words.lower())
    if not parts:
        return None
    last = parts[-1]
    if last in _IRREGULAR_ORDINALS:
        last = _IRREGULAR_ORDINALS[last]
    elif last.endswith("ieth"):
        last = last[:-4] + "y"
    elif last.endswith("th"):
        last = last[:-2]
    return word_number_value(" ".join([*parts[:-1], last]))


def parse_number(text: str) -> float | None:
    """Value of one written number ("12,500", "1.5 million", "twenty-one"), else None."""
    spans = scan_numbers(text.strip())
    if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(text.strip()):
        return spans[0].value
    return None


def _not_amount_spans(text: str) -> list[tuple[int, int]]:
    if _NOT_AMOUNTS_HINT.search(text) is None:
        return []
    return [m.span() for m in _NOT_AMOUNTS.finditer(text)]


def _looks_like_identifier(text: str, start: int, end: int) -> bool:
    """Digits glued to letters ("A320", "F-16", "5G"), after "+" (phones), or like "1.2.3"."""
    before = text[start - 1] if start > 0 else " "
    if before.isalpha() or before == "+":
        return True
    if before == "-" and start > 1 and text[start - 2].isalpha():
        return True
    after = text[end] if end < len(text) else " "
    return after == "." and end + 1 < len(text) and text[end + 1].isdigit()


def _split_word_run(text: str, start: int, end: int) -> list[_Piece]:
    """Split a run text2num rejects ("ten and twelve") into the longest valid pieces."""
    words = [
        (m.start(), m.end(), m.group().lower())
        for m in _WORD_IN_RUN.finditer(text, start, end)
    ]
    words = [w for w in words if w[2] != "and"]
    pieces: list[_Piece] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            phrase = " ".join(w[2] for w in words[i:j])
            is_ordinal = words[j - 1][2] in _ORDINALS
            value = ordinal_word_value(phrase) if is_ordinal else word_number_value(phrase)
            if value is not None:
                pieces.append((words[i][0], words[j - 1][1], value, is_ordinal))
                i = j
                break
        else:
            i += 1
    return pieces


def _digit_pieces(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    for match in _DIGITS.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        if before.isalnum() or before in "_.,/" or _looks_like_identifier(text, start, end):
            continue
        suffix = _ORDINAL_SUFFIX.match(text, end)
        value = float(match.group().replace(",", ""))
        pieces.append((start, suffix.end() if suffix else end, value, suffix is not None))
    return pieces


def _is_free_word(text: str, start: int, end: int) -> bool:
    """True when the letters start..end are a whole word (not part of "5one" or "oneé")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_" or after.isalnum() or after == "_")


def _run_piece(text: str, start: int, end: int) -> list[_Piece]:
    """Value of one run of number words, or its valid pieces when text2num rejects it."""
    words = _WORD_IN_RUN.findall(text, start, end)
    is_ordinal = words[-1].lower() in _ORDINAL_SET
    phrase = text[start:end]
    value = ordinal_word_value(phrase) if is_ordinal else word_number_value(phrase)
    if value is not None:
        return [(start, end, value, is_ordinal)]
    return _split_word_run(text, start, end)


def _spelled_pieces(text: str) -> list[tuple[_Piece, bool]]:
    """Spelled numbers as (piece, is "a"/"half a" before a scale word), left to right."""
    pieces: list[tuple[_Piece, bool]] = []
    run: list[int] | None = None  # [start, end] of the open run of number words
    run_done = False  # an ordinal ended the run
    previous: list[tuple[int, int, str]] = []  # the words just before, for "half a million"
    for match in _LETTERS.finditer(text):
        word = match.group().lower()
        if word not in _SCANNED_WORDS:
            if run is not None:
                pieces.extend((piece, False) for piece in _run_piece(text, *run))
                run = None
            previous = []
            continue
        start, end = match.span()
        free = _is_free_word(text, start, end)
        number_word = free and word in _RUN_WORDS
        if (
            run is not None
            and number_word
            and not run_done
            and _RUN_GAP.fullmatch(text, run[1], start) is not None
        ):
            run[1], run_done = end, word in _ORDINAL_SET
        elif run is not None and word == "and" and not run_done:
            pass  # maybe "one hundred and five": decided by the next word
        else:
            if run is not None:
                pieces.extend((piece, False) for piece in _run_piece(text, *run))
                run = None
            if number_word and word in _CARDINAL_SET:
                run, run_done = [start, end], False
            elif number_word and word in _ORDINAL_SET:
                value = ordinal_word_value(word)
                pieces.append(((start, end, value, True), False))
            elif free and word in _SCALE_WORDS and previous and previous[-1][2] in ("a", "an"):
                article_start, article_end, _ = previous[-1]
                value = 1.0
                if len(previous) > 1 and previous[-2][2] == "half":
                    article_start, value = previous[-2][0], 0.5
                if text[article_end:start].isspace():
                    pieces.append(((article_start, article_end, value, False), True))
        previous = [*previous[-1:], (start, end, word)]
    if run is not None:
        pieces.extend((piece, False) for piece in _run_piece(text, *run))
    return pieces


def _atoms(text: str, words: frozenset[str]) -> list[NumberSpan]:
    """Every single number (no ranges yet), with scale words and currency applied."""
    found: list[tuple[_Piece, bool, bool]] = []  # piece, spelled, article
    skip: list[tuple[int, int]] = []
    if _ANY_DIGIT.search(text) is not None:
        skip = _not_amount_spans(text)
        found.extend((piece, False, False) for piece in _digit_pieces(text))
    if not _NUMBER_WORDS.isdisjoint(words):
        found.extend((piece, True, article) for piece, article in _spelled_pieces(text))
    found.sort(key=lambda item: item[0][0])
    atoms: list[NumberSpan] = []
    for (start, end, value, ordinal), spelled, article in found:
        if value is None or any(s < end and start < e for s, e in skip):
            continue
        atom = _finish_atom(text, start, end, value, ordinal, spelled=spelled, article=article)
        if atom is not None:
            atoms.append(atom)
    return atoms


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
            if abbr in _AMBIGUOUS_SUFFIXES and currency is None:
                return None  # "a 12m wall": metres, not millions
            word = (scale_match.group("word") or "").lower()
            scale = _SCALE_SUFFIXES[abbr] if abbr else _SCALE_WORDS[word]
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


def _join_range(text: str, first: NumberSpan, second: NumberSpan) -> list[NumberSpan] | None:
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


def scan_numbers(text: str, words: frozenset[str] | None = None) -> list[NumberSpan]:
    """Every number in `text`, left to right, ranges joined; identifiers and phones skipped.

    `words` may pass latin_words(text) when the caller has it already.
    """
    words = latin_words(text) if words is None else words
    if not might_hold_numbers(text, words):
        return []
    atoms = _atoms(text, words)
    # Atoms can overlap once a scale word was absorbed ("a" + "million"); keep the first.
    ordered: list[NumberSpan] = []
    for atom in atoms:
        if not ordered or atom.start >= ordered[-1].end:
            ordered.append(atom)
    result: list[NumberSpan] = []
    i = 0
    while i < len(ordered):
        joined = _join_range(text, ordered[i], ordered[i + 1]) if i + 1 < len(ordered) else None
        if joined is None:
            result.append(ordered[i])
            i += 1
        else:
            result.extend(joined)
            i += 2
    return [n for n in result if math.isfinite(n.value)]
