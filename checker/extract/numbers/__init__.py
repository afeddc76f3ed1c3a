"""Numbers as written in English news text, turned into values with character offsets.

Finds digits with separators and decimals ("12,500", "1.2"), spelled numbers ("twenty-one",
"one hundred and five", converted by the `text2num` library), ordinals ("3rd", "third"), scale
words and suffixes ("1.5 million", "$12m", "4bn", "a dozen", "half a million"), "and a half"
("two and a half") and ranges ("4 to 6 million", "2–4.8 million", "between 10 and 12").

Units, qualifiers and what a number counts are the quantities module's job; this module only
knows the number itself. Offsets are relative to the string passed in.

The work is split by step; this module is the entry point and re-exports the public names:
    words   English number vocabulary, cheap filters, values of spelled words
    pieces  raw digit groups and runs of number words
    atoms   single numbers with scale words, "and a half" and currency applied
    ranges  two neighbouring numbers read as a range, a change or a "3-2" pair
    span    NumberSpan, the record all of them return
"""

from __future__ import annotations

import math

from checker.extract.numbers.atoms import atoms
from checker.extract.numbers.ranges import join_range
from checker.extract.numbers.span import NumberSpan
from checker.extract.numbers.words import (
    CURRENCY_SYMBOLS,
    latin_words,
    might_hold_numbers,
    ordinal_word_value,
    word_number_value,
)

__all__ = [
    "CURRENCY_SYMBOLS",
    "NumberSpan",
    "latin_words",
    "might_hold_numbers",
    "ordinal_word_value",
    "parse_number",
    "scan_numbers",
    "word_number_value",
]


def parse_number(text: str) -> float | None:
    """Value of one written number ("12,500", "1.5 million", "twenty-one"), else None."""
    spans = scan_numbers(text.strip())
    if len(spans) == 1 and spans[0].start == 0 and spans[0].end == len(text.strip()):
        return spans[0].value
    return None


def scan_numbers(text: str, words: frozenset[str] | None = None) -> list[NumberSpan]:
    """Every number in `text`, left to right, ranges joined; identifiers and phones skipped.

    `words` may pass latin_words(text) when the caller has it already.
    """
    words = latin_words(text) if words is None else words
    if not might_hold_numbers(text, words):
        return []
    # Atoms can overlap once a scale word was absorbed ("a" + "million"); keep the first.
    ordered: list[NumberSpan] = []
    for atom in atoms(text, words):
        if not ordered or atom.start >= ordered[-1].end:
            ordered.append(atom)
    result: list[NumberSpan] = []
    i = 0
    while i < len(ordered):
        joined = join_range(text, ordered[i], ordered[i + 1]) if i + 1 < len(ordered) else None
        if joined is None:
            result.append(ordered[i])
            i += 1
        else:
            result.extend(joined)
            i += 2
    return [n for n in result if math.isfinite(n.value)]
