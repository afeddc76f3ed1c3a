"""English number words: the vocabulary, cheap "any number here?" tests, and word values.

Spelled numbers ("one hundred and five") are converted by the `text2num` library; ordinals
("twenty-first") are turned back into cardinals first. This is language, not story data, so it
lives in code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

# fmt: off
CARDINALS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)
SCALE_WORDS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12.0,
}
# Abbreviated scales glued to digits: "4bn", "$12m", "$300k". The one-letter ones are
# ambiguous ("a 12m wall") and only count after a currency symbol.
SCALE_SUFFIXES = {"bn": 1e9, "mn": 1e6, "tn": 1e12, "m": 1e6, "k": 1e3, "b": 1e9}
AMBIGUOUS_SUFFIXES = frozenset({"m", "k", "b"})
ORDINALS = (
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

# Word classes for the spelled-number scanner: a run starts with a cardinal, may go on with
# cardinals and scale words, and may end with an ordinal ("one hundred and fifth").
CARDINAL_SET = frozenset(CARDINALS)
RUN_SCALES = frozenset(w for w in SCALE_WORDS if w != "dozen")
ORDINAL_SET = frozenset(ORDINALS)
RUN_WORDS = CARDINAL_SET | RUN_SCALES | ORDINAL_SET
SCANNED_WORDS = RUN_WORDS | set(SCALE_WORDS) | {"a", "an", "half", "and"}
NUMBER_WORDS = frozenset([*CARDINALS, *ORDINALS, *SCALE_WORDS])

ANY_DIGIT = re.compile(r"\d")
WORD_IN_RUN = re.compile(r"[a-z]+", re.IGNORECASE)
_LATIN_WORD = re.compile(r"[a-z]+")


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation that prefers the longest word ("seventeen" before "seven")."""
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=4)
def latin_words(text: str) -> frozenset[str]:
    """The lower-cased a-z words of a text: a cheap filter before slower word regexes.

    Cached because the quantity and time finders both ask for the same sentence in a row.
    """
    return frozenset(_LATIN_WORD.findall(text.lower()))


def might_hold_numbers(text: str, words: frozenset[str] | None = None) -> bool:
    """Cheap test: does the text hold a digit or an English number word at all?"""
    if ANY_DIGIT.search(text) is not None:
        return True
    return not NUMBER_WORDS.isdisjoint(latin_words(text) if words is None else words)


def word_number_value(words: str) -> float | None:
    """Value of spelled-out number words ("one hundred and five" -> 105), else None."""
    cleaned = " ".join(WORD_IN_RUN.findall(words)).lower()
    if not cleaned:
        return None
    try:
        return float(text2num(cleaned, "en"))
    except ValueError:
        return None


def ordinal_word_value(words: str) -> float | None:
    """Value of a spelled ordinal ("third" -> 3, "twenty-first" -> 21), else None."""
    parts = WORD_IN_RUN.findall(words.lower())
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
